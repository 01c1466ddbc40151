package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// The teacher questionnaire of teachers-and-timetables.md, transcribed here by hand and independent
// of surveys/data/teacher.yaml: header texts and options in the order of the spec's table.
var teacherQuestions = []struct {
	text    string
	options []string
}{
	{"您任教的学校是？", nil},
	{"您主要任教的学段是？", []string{"小学", "初中"}},
	{"您任教的年级是？（可多选）", []string{"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}},
	{"您主要任教的学科是？", []string{"语文", "数学", "外语", "道德与法治", "科学", "物理", "化学", "生物学", "历史", "地理", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动", "其他"}},
	{"您是否担任班主任？", []string{"是", "否"}},
	{"学校是否制定并执行年级或班级的周作业计划（统筹各科作业量并公示）？", []string{"有，每周执行", "有，但不常执行", "没有"}},
	{"您每天布置的本学科书面家庭作业，中等水平的学生大约需要多长时间完成？", []string{"不布置书面作业", "15分钟以内", "15-30分钟", "30-60分钟", "60分钟以上"}},
	{"您是否布置分层、弹性或个性化作业？", []string{"经常", "偶尔", "从不"}},
	{"学生的书面作业由谁批改？", []string{"全部由我批改", "大部分由我批改", "主要由家长或学生批改"}},
	{"本学期到目前为止，您任教的学科组织了几次统一纸笔考试（不含课堂小测验）？", []string{"0次", "1次", "2次", "3次", "4次及以上"}},
	{"学校是否要求公布学生考试成绩或排名？", []string{"是", "否"}},
	{"本学期，学校是否安排教师在双休日、节假日给学生集体上课或补课？", []string{"是", "否"}},
	{"据您了解，本校是否有教师组织或参与有偿补课？", []string{"有", "没有", "不清楚"}},
	{"本校是否有音乐、体育、美术、信息科技、综合实践等课程被其他学科占用的情况？", []string{"经常", "偶尔", "从不"}},
	{"您每周参加课后服务的时间大约是？", []string{"不参加", "3小时以内", "3-6小时", "6小时以上"}},
	{"您每个工作日在校工作的时间大约是？", []string{"8小时以内", "8-10小时", "10-12小时", "12小时以上"}},
	{"填表、检查、迎检等非教学事务每周大约占用您多少时间？", []string{"2小时以内", "2-5小时", "5-10小时", "10小时以上"}},
	{"您对本校\"双减\"工作的总体评价是？", []string{"很好", "较好", "一般", "较差"}},
	{"关于减轻学生课业负担，您还有什么意见或建议？", nil},
}

// teacherRule is one teacher indicator of the spec: the question (1-based), the options that comply
// for a 小学 and for a 初中 teacher (by text), and the option that counts as 未答.
type teacherRule struct {
	code            string
	question        int
	primary, junior []string
	missing         string
}

// teacherRules: teachers-and-timetables.md, profile national-2021; exam_count "as for students",
// judged by the stage (小学: one exam a term, 初中: two).
var teacherRules = []teacherRule{
	{"homework_plan", 6, []string{"有，每周执行"}, []string{"有，每周执行"}, ""},
	{"teacher_grading", 9, []string{"全部由我批改", "大部分由我批改"}, []string{"全部由我批改", "大部分由我批改"}, ""},
	{"exam_count", 10, []string{"0次", "1次"}, []string{"0次", "1次", "2次"}, ""},
	{"no_ranking", 11, []string{"否"}, []string{"否"}, ""},
	{"no_makeup_classes", 12, []string{"否"}, []string{"否"}, ""},
	{"no_paid_tutoring", 13, []string{"没有"}, []string{"没有"}, "不清楚"},
	{"no_occupied_lessons", 14, []string{"从不"}, []string{"从不"}, ""},
}

type teacherSchool struct {
	name, stage string
	n           int
	bias        map[int]int // question → option index (0-based) most of its teachers choose
}

type teacherRow struct {
	school  int
	stage   string   // 小学 or 初中
	answers []string // option texts; "" is no answer; index 2 (grades) holds the chosen grades joined by ┋
	grades  []int
}

type teacherCounts struct{ comply, violate, missing int }

// genTeachers makes the teachers of each school: answers drawn at random, with each school's planted
// issue answered by most of its teachers.
func genTeachers(rng *rand.Rand, schools []teacherSchool) []teacherRow {
	var rows []teacherRow
	for si, s := range schools {
		for k := 0; k < s.n; k++ {
			stage := s.stage
			if stage == "九年一贯制" {
				stage = []string{"小学", "初中"}[k%2]
			}
			r := teacherRow{school: si, stage: stage, answers: make([]string, len(teacherQuestions))}
			lo, hi := 1, 6
			if stage == "初中" {
				lo, hi = 7, 9
			}
			for g := lo; g <= hi; g++ {
				if rng.IntN(3) == 0 || g == lo+k%(hi-lo+1) {
					r.grades = append(r.grades, g)
				}
			}
			for qi := 3; qi < len(teacherQuestions)-1; qi++ {
				opts := teacherQuestions[qi].options
				o := rng.IntN(len(opts))
				if b, ok := s.bias[qi+1]; ok && rng.IntN(10) < 8 {
					o = b
				} else if rng.IntN(3) > 0 && qi+1 >= 6 && qi+1 <= 14 {
					o = complyingDefault(qi + 1)
				}
				if rng.IntN(25) == 0 {
					continue // 未答
				}
				r.answers[qi] = opts[o]
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// complyingDefault is an option most teachers choose, the compliant one.
func complyingDefault(q int) int {
	return map[int]int{6: 0, 7: 1, 8: 0, 9: 0, 10: 1, 11: 1, 12: 1, 13: 1, 14: 2}[q]
}

// expectTeachers counts, per school × stage and indicator, from the rows and the spec alone.
func expectTeachers(rows []teacherRow) map[string]teacherCounts {
	want := map[string]teacherCounts{}
	for _, r := range rows {
		for _, rule := range teacherRules {
			k := fmt.Sprintf("%d/%s/%s", r.school, r.stage, rule.code)
			c := want[k]
			a := r.answers[rule.question-1]
			comply := rule.primary
			if r.stage == "初中" {
				comply = rule.junior
			}
			switch {
			case a == "" || a == rule.missing:
				c.missing++
			case slices.Contains(comply, a):
				c.comply++
			default:
				c.violate++
			}
			want[k] = c
		}
	}
	return want
}

// teacher export forms, as formats.md lists them.
const (
	formWJXText   = iota // 问卷星 按选项文本 .xlsx: "N、text" headers, ┋-joined grades, (空) for no answer
	formWJXIndex         // 问卷星 按选项序号 .csv: option numbers, one 0/1 column per grade
	formHandTyped        // a hand-made sheet: headers without numbers, option letters, grades as 七年级、八年级
)

func teacherHeader(form int) []string {
	head := []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}
	for i, q := range teacherQuestions {
		switch {
		case i == 2 && form == formWJXIndex:
			for _, o := range q.options {
				head = append(head, fmt.Sprintf("3、(%s)", o))
			}
		case form == formHandTyped && i <= 1:
			head = append(head, []string{"学校", "学段"}[i]) // the short headers of a hand-made sheet
		case form == formHandTyped:
			head = append(head, strings.TrimSuffix(q.text, "？"))
		default:
			head = append(head, fmt.Sprintf("%d、%s", i+1, q.text))
		}
	}
	return head
}

func teacherCells(form int, schools []teacherSchool, r teacherRow, n int) []string {
	cells := []string{strconv.Itoa(n + 1), fmt.Sprintf("2026/6/%d 9:%02d:%02d", 10+n%15, n%60, (n*7)%60), strconv.Itoa(120+n%300) + "秒",
		"手机提交", "直接访问", fmt.Sprintf("10.%d.%d.%d(四川-成都)", n/65536, (n/256)%256, n%256)}
	for i, q := range teacherQuestions {
		switch i {
		case 0:
			cells = append(cells, schools[r.school].name)
		case 1:
			cells = append(cells, answerIn(form, q.options, r.stage))
		case 2:
			switch form {
			case formWJXIndex:
				for g := 1; g <= 9; g++ {
					v := "0"
					if slices.Contains(r.grades, g) {
						v = "1"
					}
					cells = append(cells, v)
				}
			case formWJXText:
				var names []string
				for _, g := range r.grades {
					names = append(names, q.options[g-1])
				}
				cells = append(cells, strings.Join(names, "┋"))
			default:
				var names []string
				for _, g := range r.grades {
					names = append(names, q.options[g-1])
				}
				cells = append(cells, strings.Join(names, "、"))
			}
		case len(teacherQuestions) - 1:
			cells = append(cells, openText(n))
		default:
			cells = append(cells, answerIn(form, q.options, r.answers[i]))
		}
	}
	return cells
}

func answerIn(form int, options []string, text string) string {
	if text == "" {
		if form == formWJXText {
			return "(空)"
		}
		return ""
	}
	for i, o := range options {
		if o == text {
			switch form {
			case formWJXIndex:
				return strconv.Itoa(i + 1)
			case formHandTyped:
				return string(rune('A' + i))
			}
			return o
		}
	}
	panic("no option " + text)
}

func writeTeacherExport(t *testing.T, path string, form int, schools []teacherSchool, rows []teacherRow) {
	t.Helper()
	records := [][]string{teacherHeader(form)}
	for n, r := range rows {
		records = append(records, teacherCells(form, schools, r, n))
	}
	if strings.HasSuffix(path, ".csv") {
		var buf bytes.Buffer
		buf.WriteString("\uFEFF")
		w := csv.NewWriter(&buf)
		if err := w.WriteAll(records); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, rec := range records {
		row := make([]any, len(rec))
		for j, c := range rec {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestTeacherExportCounts reads teacher exports in the three forms offices have (text with ┋-joined
// grades, numeric with 0/1 grade columns, hand-typed letters) and checks that every teacher
// indicator's counts per school and stage equal the ones the generator computes from the spec.
func TestTeacherExportCounts(t *testing.T) {
	schools := []teacherSchool{
		{"东关小学", "小学", 32, map[int]int{6: 2}},           // no weekly homework plan
		{"西岭小学", "小学", 11, map[int]int{10: 3}},          // three exams a term
		{"北山中学", "初中", 38, map[int]int{12: 0}},          // makeup classes
		{"南湖中学", "初中", 14, map[int]int{13: 2}},          // 不清楚 on paid tutoring
		{"青山学校", "九年一贯制", 40, map[int]int{14: 0}},       // occupied lessons
		{"石桥学校", "九年一贯制", 23, map[int]int{9: 2, 11: 0}}, // parents grade, rankings
	}
	var roster bytes.Buffer
	roster.WriteString("学校代码,学校名称,学段,城乡\n")
	for i, s := range schools {
		fmt.Fprintf(&roster, "%d,%s,%s,%s\n", 5100+i, s.name, s.stage, []string{"城区", "镇区", "乡村"}[i%3])
	}
	dir := t.TempDir()
	rosterPath := filepath.Join(dir, "名册.csv")
	if err := os.WriteFile(rosterPath, roster.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for form, name := range []string{"教师问卷_按文本.xlsx", "教师问卷_按序号.csv", "教师问卷_手工录入.xlsx"} {
		t.Run(name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(form)+11, 2026))
			rows := genTeachers(rng, schools)
			path := filepath.Join(dir, name)
			writeTeacherExport(t, path, form, schools, rows)
			ro, err := ingest.ReadRoster(ingest.FileSource(rosterPath), ingest.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := ingest.Read([]ingest.Source{ingest.FileSource(path)}, ingest.ReadOptions{Roster: ro})
			if err != nil {
				t.Fatal(err)
			}
			d := res.Dataset("teacher")
			if d == nil || d.Len() != len(rows) {
				t.Fatalf("read %v teachers, want %d (rejects %v, files %+v)", d, len(rows), res.Rejects, res.Files)
			}
			if f := res.Files[0]; f.CellsInvalid != 0 || len(f.UnknownHeaders) != 0 || len(f.MissingQuestions) != 0 {
				t.Errorf("invalid cells %d, unknown headers %q, missing questions %v", f.CellsInvalid, f.UnknownHeaders, f.MissingQuestions)
			}
			checkGradesRead(t, d, rows)
			wantOpen := 0
			for n := range rows {
				if openText(n) != "" {
					wantOpen++
				}
			}
			if len(d.Open) != wantOpen || res.Files[0].OpenAnswers != wantOpen {
				t.Errorf("%d open answers kept, %d counted; want %d", len(d.Open), res.Files[0].OpenAnswers, wantOpen)
			}
			for _, o := range d.Open {
				if want := openText(o.Respondent); o.Text != want || d.Questionnaire.Questions[o.Question].Number != 19 {
					t.Errorf("open answer %+v, want %q to Q19", o, want)
				}
			}
			profile, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
			if err != nil {
				t.Fatal(err)
			}
			out, err := analysis.Analyze(analysis.Input{Datasets: res.Datasets, Schools: res.Schools, Profile: profile, RosterGiven: true})
			if err != nil {
				t.Fatal(err)
			}
			want := expectTeachers(rows)
			checked := 0
			for _, rule := range teacherRules {
				ir := out.Indicator(rule.code, "teacher")
				if ir == nil {
					t.Fatalf("no teacher result for %s", rule.code)
				}
				for _, sr := range ir.Schools {
					for _, b := range sr.Bands {
						stage := map[string]string{"3-6": "小学", "7-9": "初中"}[b.Code]
						w := want[fmt.Sprintf("%d/%s/%s", sr.School, stage, rule.code)]
						got := teacherCounts{b.Comply, b.Violate, b.Missing}
						if got != w || b.Invalid != 0 || b.NotApplicable != 0 {
							t.Errorf("%s %s %s: comply/violate/未答 %v (无效 %d, 不适用 %d), want %v", schools[sr.School].name, stage, rule.code, got, b.Invalid, b.NotApplicable, w)
						}
						checked++
					}
				}
			}
			if checked != len(teacherRules)*8 { // 2 primary + 2 junior + 2 × 2 stages of the 九年一贯制 schools
				t.Errorf("checked %d school × stage × indicator cells, want %d", checked, len(teacherRules)*8)
			}
		})
	}
}

// openText is what every fifth teacher writes in Q19.
func openText(n int) string {
	if n%5 != 0 {
		return ""
	}
	return fmt.Sprintf("第%d位教师：非教学任务太多", n+1)
}

// checkGradesRead checks the multiple-choice grades of every teacher, whichever form they came in.
func checkGradesRead(t *testing.T, d *surveys.Dataset, rows []teacherRow) {
	t.Helper()
	qi := d.Questionnaire.Index("grades")
	for i, r := range rows {
		var want uint32
		for _, g := range r.grades {
			want |= 1 << (g - 1)
		}
		if got := d.Multi[qi][i]; got != want {
			t.Errorf("teacher %d: grades %09b, want %09b", i+1, got, want)
			return
		}
	}
}
