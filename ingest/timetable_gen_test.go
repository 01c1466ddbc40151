package ingest_test

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// An independent generator of timetable files, as a county's schools really send them: every school
// in its own layout (title cell or sheet name or file name, 星期一/周一/一/礼拜一, 第1节/1/第一节, a
// times column or times in the label, 早读/大课间/午休/课后服务 rows, teachers in cells three ways,
// alternate-week cells, subject synonyms, padded names, stacked grids, CSV per class), or a summary
// table. Every week keeps to the qingxi-demo course plan except for the problems planted; the test
// checks that the audit finds exactly those.

// genWeek is a class's week in canonical subjects.
var genWeek = map[int]map[string]int{
	1: {"道德与法治": 2, "语文": 8, "数学": 4, "科学": 1, "体育与健康": 4, "艺术": 4, "劳动": 1, "综合实践活动": 2},
	3: {"道德与法治": 2, "语文": 7, "数学": 5, "外语": 3, "科学": 2, "信息科技": 1, "体育与健康": 3, "艺术": 4, "劳动": 1, "综合实践活动": 2},
	7: {"语文": 6, "数学": 4, "外语": 4, "道德与法治": 2, "历史": 2, "地理": 2, "生物学": 3, "信息科技": 1, "体育与健康": 3, "艺术": 2, "劳动": 1, "综合实践活动": 2},
	8: {"语文": 5, "数学": 5, "外语": 4, "道德与法治": 2, "历史": 2, "地理": 2, "生物学": 2, "物理": 3, "信息科技": 1, "体育与健康": 3, "艺术": 2, "劳动": 1, "综合实践活动": 2},
	9: {"语文": 5, "数学": 5, "外语": 5, "道德与法治": 3, "历史": 2, "物理": 3, "化学": 3, "体育与健康": 3, "艺术": 2, "劳动": 1, "综合实践活动": 2},
}

func baseWeek(g int) map[string]int {
	k := g
	switch {
	case g <= 2:
		k = 1
	case g <= 6:
		k = 3
	}
	out := map[string]int{}
	for s, n := range genWeek[k] {
		out[s] = n
	}
	return out
}

// spellings are ways timetables write a subject; "艺术" is written 音乐 or 美术.
var spellings = map[string][]string{
	"外语": {"外语", "英语"}, "道德与法治": {"道德与法治", "道法", "思品"}, "体育与健康": {"体育", "体育与健康"},
	"信息科技": {"信息技术", "信息科技"}, "生物学": {"生物", "生物学"}, "综合实践活动": {"综合实践", "综合实践活动"},
	"语文": {"语文", "语　文"}, "数学": {"数学", "数　学"}, "艺术": {"音乐", "美术"},
}

type genLayout struct {
	form      string // "xlsx", "csv" (a file per class), "stacked" (all classes on one sheet), "summary"
	title     int    // 0 none, 1 school+grade+class, 2 grade+class only
	sheet     int    // 0 grade+class, 1 701班, 2 Sheet1, 3 初一(1)班
	days      int    // 0 星期一, 1 周一, 2 一, 3 礼拜一
	label     int    // 0 第1节, 1 1, 2 第一节
	times     int    // 0 none, 1 own column, 2 in the label
	section   bool   // a 上午/下午 column before the label
	extras    bool   // 早读, 大课间, 午休, 课后服务 rows
	teacher   int    // 0 none, 1 数学（张）, 2 数学\n张老师, 3 数学 张三
	alternate bool   // 音乐/美术 cells
	perDay    int
	saturday  bool // an empty 星期六 column (no finding)
	selfStudy bool // empty periods say 自习 (a period, no lesson)
	both      bool // also in the summary table, as it should be (no finding)
}

type genClass struct {
	grade, class int
	week         map[string]int // canonical subject → periods, 书法 included
	weekend      []string       // Saturday lessons
	selfStudy    int
}

type genSchool struct {
	name, alias string
	stage       surveys.Stage
	grades      []int
	classes     int
	layout      genLayout
	cls         []*genClass
	skipGrade   int // a grade sent without timetable (0: none)
}

// finding is what the audit reports, reduced to what a plant decides.
type finding struct {
	Kind, School string
	Grade        int
	Subject      string
	Periods      float64
	Classes      string
}

func (f finding) String() string {
	return fmt.Sprintf("%s %s %d %s %v [%s]", f.Kind, f.School, f.Grade, f.Subject, f.Periods, f.Classes)
}

var cnNum = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func TestTimetableGenerator(t *testing.T) {
	prof, _, err := surveys.LoadProfile("qingxi-demo")
	if err != nil {
		t.Fatal(err)
	}
	plan := prof.CoursePlan
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 99))
			dir := t.TempDir()
			schools, want := genCounty(r)
			var roster []surveys.School
			for _, s := range schools {
				rs := surveys.School{Name: s.name, Stage: s.stage, Aliases: []string{s.alias}}
				for g := range rs.Enrolment {
					rs.Enrolment[g] = -1
				}
				roster = append(roster, rs)
			}
			var srcs []ingest.Source
			for _, s := range schools {
				for _, p := range writeSchool(t, r, dir, s) {
					srcs = append(srcs, ingest.FileSource(p))
				}
			}
			if p := writeSummary(t, r, dir, schools); p != "" {
				srcs = append(srcs, ingest.FileSource(p))
			}
			res, err := ingest.ReadTimetables(srcs, ingest.TimetableOptions{Plan: plan, Schools: roster})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Files {
				if len(f.Skipped) > 0 {
					t.Errorf("%s: skipped %+v", f.Path, f.Skipped)
				}
			}
			if len(res.Unmatched) > 0 {
				t.Errorf("unmatched %v", res.Unmatched)
			}
			a := analysis.AuditTimetables(res.Timetables, roster, plan, nil)
			got := auditFindings(a)
			sortFindings(got)
			sortFindings(want)
			t.Logf("%d findings planted", len(want))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("layouts:")
				for _, s := range schools {
					t.Errorf("  %s %+v", s.name, s.layout)
				}
				t.Errorf("audit found:\n%s\nplanted:\n%s", joinFindings(got), joinFindings(want))
			}
		})
	}
}

func joinFindings(fs []finding) string {
	var l []string
	for _, f := range fs {
		l = append(l, "  "+f.String())
	}
	return strings.Join(l, "\n")
}

func sortFindings(fs []finding) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].String() < fs[j].String() })
}

func auditFindings(a *analysis.TimetableAudit) []finding {
	cl := func(c []string) string { return strings.Join(c, ",") }
	var out []finding
	for _, d := range a.Deviations {
		out = append(out, finding{"deviation", d.School, d.Grade, d.Subject, d.Periods, cl(d.Classes)})
	}
	for _, m := range a.Missing {
		out = append(out, finding{"missing", m.School, m.Grade, m.Subject, 0, cl(m.Classes)})
	}
	for _, o := range a.OverTotal {
		out = append(out, finding{"over_total", o.School, o.Grade, "", o.Periods, cl(o.Classes)})
	}
	for _, w := range a.Weekend {
		out = append(out, finding{"weekend", w.School, w.Grade, "", w.Periods, cl(w.Classes)})
	}
	for _, d := range a.SummaryDiffers {
		out = append(out, finding{"summary_vs_grids", d.School, d.Grade, d.Subject, d.Summary, fmt.Sprintf("grids=%v", d.Grids)})
	}
	for _, n := range a.NotProvided {
		for _, g := range n.Grades {
			out = append(out, finding{"not_provided", n.School, g, "", 0, ""})
		}
	}
	return out
}

// genCounty draws the schools, their layouts and weeks, and plants problems; it returns the
// findings the plants must give.
func genCounty(r *rand.Rand) ([]*genSchool, []finding) {
	var schools []*genSchool
	var want []finding
	n := 6 + r.IntN(4)
	for i := 0; i < n; i++ {
		s := &genSchool{name: fmt.Sprintf("临河县第%s中学", cnNum[i+1]), alias: cnNum[i+1] + "中", stage: surveys.StageJunior, grades: []int{7, 8, 9}, classes: 1 + r.IntN(3)}
		if i%3 == 2 {
			s.name, s.alias, s.stage, s.grades = fmt.Sprintf("临河县第%s小学", cnNum[i+1]), cnNum[i+1]+"小", surveys.StagePrimary, []int{1, 2, 3, 4, 5, 6}
			s.classes = 1 + r.IntN(2)
		}
		l := genLayout{form: []string{"xlsx", "xlsx", "csv", "stacked", "summary"}[r.IntN(5)], title: r.IntN(3), sheet: r.IntN(4), days: r.IntN(4), label: r.IntN(3),
			times: r.IntN(3), section: r.IntN(2) == 0, extras: r.IntN(2) == 0, teacher: r.IntN(4), alternate: r.IntN(2) == 0, perDay: 7,
			saturday: r.IntN(4) == 0, selfStudy: r.IntN(3) == 0, both: r.IntN(4) == 0}
		if s.stage == surveys.StagePrimary {
			l.perDay = 6
		} else if r.IntN(2) == 0 {
			l.perDay = 8
		}
		if (l.form != "xlsx" || l.sheet == 2) && l.title == 0 {
			l.title = 2 // a CSV or a stacked sheet has no sheet name to name the class
		}
		s.layout = l
		for _, g := range s.grades {
			for c := 1; c <= s.classes; c++ {
				s.cls = append(s.cls, &genClass{grade: g, class: c, week: baseWeek(g)})
			}
		}
		schools = append(schools, s)
	}
	classesOf := func(s *genSchool, g int) []*genClass {
		var out []*genClass
		for _, c := range s.cls {
			if c.grade == g {
				out = append(out, c)
			}
		}
		return out
	}
	for _, s := range schools {
		junior := s.stage == surveys.StageJunior
		switch r.IntN(7) {
		case 0: // 初一数学 5节 (the seed's finding)
			if junior {
				for _, c := range classesOf(s, 7) {
					c.week["数学"] = 5
				}
				want = append(want, finding{"deviation", s.name, 7, "数学", 5, ""})
			}
		case 1: // 劳动 missing in one grade
			g := s.grades[r.IntN(len(s.grades))]
			for _, c := range classesOf(s, g) {
				delete(c.week, "劳动")
			}
			want = append(want, finding{"missing", s.name, g, "劳动", 0, ""})
		case 2: // 体育 cut to 2 in one class of a grade
			g := s.grades[len(s.grades)-1]
			cs := classesOf(s, g)
			cs[0].week["体育与健康"] = 2
			cls := ""
			if len(cs) > 1 && s.layout.form != "summary" {
				cls = "1"
			}
			want = append(want, finding{"deviation", s.name, g, "体育与健康", 2, cls})
			if s.layout.both && s.layout.form != "summary" && len(cs) >= 3 { // the summary copies class 1; most classes have 3
				want = append(want, finding{"summary_vs_grids", s.name, g, "体育与健康", 2, "grids=3"})
			}
		case 3: // Saturday lessons in the top grade, which also exceed the weekly total
			g := s.grades[len(s.grades)-1]
			extra := []string{"语文", "数学", "外语"}
			if !junior {
				extra = []string{"语文", "数学"}
			}
			for _, c := range classesOf(s, g) {
				c.weekend = extra
			}
			total := float64(sumWeek(baseWeek(g)) + len(extra))
			want = append(want, finding{"weekend", s.name, g, "", float64(len(extra)), ""})
			if limit := map[bool]int{true: 34, false: 30}[junior]; total > float64(limit) {
				want = append(want, finding{"over_total", s.name, g, "", total, ""})
			}
			if s.layout.form == "summary" { // a summary table has no days: the extra lessons are just lessons
				want = want[:len(want)-2]
				for _, c := range classesOf(s, g) {
					c.weekend = nil
				}
			} else if s.layout.both { // the summary leaves out the Saturday lessons the grids have
				for _, sub := range extra {
					n := float64(baseWeek(g)[sub])
					want = append(want, finding{"summary_vs_grids", s.name, g, sub, n, fmt.Sprintf("grids=%v", n+1)})
				}
			}
		case 4: // a grade sent without timetable
			s.skipGrade = s.grades[r.IntN(len(s.grades))]
			want = append(want, finding{"not_provided", s.name, s.skipGrade, "", 0, ""})
		case 5: // an unknown name and 八年级物理 2节
			if junior {
				for _, c := range classesOf(s, 8) {
					c.week["物理"] = 2
					c.week["书法"] = 1
				}
				want = append(want, finding{"deviation", s.name, 8, "物理", 2, ""})
			}
		}
	}
	return schools, want
}

func sumWeek(w map[string]int) int {
	n := 0
	for _, v := range w {
		n += v
	}
	return n
}

// cellText writes a subject as the layout does, with a teacher.
func (l genLayout) cellText(r *rand.Rand, subject string) string {
	name := subject
	if sp, ok := spellings[subject]; ok {
		name = sp[r.IntN(len(sp))]
	}
	teacher := []string{"张", "王", "李", "欧阳"}[r.IntN(4)]
	switch l.teacher {
	case 1:
		return name + "（" + teacher + "）"
	case 2:
		return name + "\n" + teacher + "老师"
	case 3:
		return name + " " + teacher + "明"
	}
	return name
}

// grid renders a class's week as rows: title, header, periods and the other rows of the day.
func (s *genSchool) grid(r *rand.Rand, c *genClass) [][]string {
	l := s.layout
	var lessons []string
	subjects := make([]string, 0, len(c.week))
	for sub := range c.week {
		subjects = append(subjects, sub)
	}
	sort.Strings(subjects)
	for _, sub := range subjects {
		for i := 0; i < c.week[sub]; i++ {
			lessons = append(lessons, sub)
		}
	}
	slots := make([]string, 5*l.perDay)
	if len(lessons) > len(slots) {
		panic("generator: week does not fit")
	}
	copy(slots, lessons)
	r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	cells := make([]string, len(slots))
	art := 0
	for i, sub := range slots {
		switch {
		case sub == "" && l.selfStudy:
			cells[i] = "自习"
		case sub == "":
		case sub == "艺术" && l.alternate:
			cells[i] = "音乐/美术"
		case sub == "艺术":
			cells[i] = []string{"音乐", "美术"}[art%2]
			art++
		default:
			cells[i] = l.cellText(r, sub)
		}
	}
	dayNames := [][]string{{"星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}, {"周一", "周二", "周三", "周四", "周五", "周六"},
		{"一", "二", "三", "四", "五", "六"}, {"礼拜一", "礼拜二", "礼拜三", "礼拜四", "礼拜五", "礼拜六"}}[l.days]
	ndays := 5
	if len(c.weekend) > 0 || l.saturday {
		ndays = 6
	}
	var rows [][]string
	switch l.title {
	case 1:
		rows = append(rows, []string{fmt.Sprintf("%s%s年级（%d）班课程表", s.name, cnNum[c.grade], c.class)})
	case 2:
		rows = append(rows, []string{fmt.Sprintf("%s年级%d班", cnNum[c.grade], c.class)})
	}
	var lead []string
	if l.section {
		lead = append(lead, "")
	}
	lead = append(lead, "节次")
	if l.times == 1 {
		lead = append(lead, "时间")
	}
	rows = append(rows, append(append([]string(nil), lead...), dayNames[:ndays]...))
	t := 8 * 60
	row := func(section, label string, from, to int) []string {
		var out []string
		if l.section {
			out = append(out, section)
		}
		tm := fmt.Sprintf("%d:%02d-%d:%02d", from/60, from%60, to/60, to%60)
		switch l.times {
		case 1:
			out = append(out, label, tm)
		case 2:
			out = append(out, label+"\n"+tm)
		default:
			out = append(out, label)
		}
		return out
	}
	if l.extras {
		rows = append(rows, append(row("", "早读", t-30, t-10), "语文", "英语", "语文", "英语", "语文"))
	}
	for p := 0; p < l.perDay; p++ {
		section := ""
		if l.section && p == 0 {
			section = "上午"
		}
		if l.section && p == 4 {
			section = "下午"
		}
		if l.extras && p == 2 {
			rows = append(rows, append(row("", "大课间", t, t+30), "大课间", "大课间", "大课间", "大课间", "大课间"))
			t += 30
		}
		if l.extras && p == 4 {
			rows = append(rows, row("", "午休", t, 14*60))
			t = 14 * 60
		}
		label := []string{fmt.Sprintf("第%d节", p+1), fmt.Sprint(p + 1), "第" + cnNum[p+1] + "节"}[l.label]
		out := row(section, label, t, t+40)
		for d := 0; d < 5; d++ {
			out = append(out, cells[d*l.perDay+p])
		}
		if ndays == 6 {
			sat := ""
			if p < len(c.weekend) {
				sat = l.cellText(r, c.weekend[p])
			}
			out = append(out, sat)
		}
		rows = append(rows, out)
		t += 50
	}
	if l.extras {
		rows = append(rows, append(row("", "课后服务", t, t+90), "课后服务", "课后服务", "课后服务", "课后服务", "课后服务"))
	}
	return rows
}

func (s *genSchool) sheetName(c *genClass) string {
	switch s.layout.sheet {
	case 1:
		return fmt.Sprintf("%d%02d班", c.grade, c.class)
	case 2:
		return fmt.Sprintf("Sheet%d", c.grade*10+c.class)
	case 3:
		if c.grade >= 7 {
			return fmt.Sprintf("初%s(%d)班", cnNum[c.grade-6], c.class)
		}
	}
	return fmt.Sprintf("%s年级%d班", cnNum[c.grade], c.class)
}

// writeSchool writes a school's grids; a summary school writes nothing here.
func writeSchool(t *testing.T, r *rand.Rand, dir string, s *genSchool) []string {
	t.Helper()
	l := s.layout
	var cls []*genClass
	for _, c := range s.cls {
		if c.grade != s.skipGrade {
			cls = append(cls, c)
		}
	}
	fileName := s.name
	if l.title != 1 && r.IntN(2) == 0 {
		fileName = s.alias // the school by its short name
	}
	switch l.form {
	case "summary":
		return nil
	case "csv":
		var out []string
		for _, c := range cls {
			p := filepath.Join(dir, fmt.Sprintf("%s课表_%s.csv", fileName, s.sheetName(c)))
			writeCSV(t, p, s.grid(r, c))
			out = append(out, p)
		}
		return out
	}
	f := excelize.NewFile()
	defer f.Close()
	p := filepath.Join(dir, fileName+"课程表.xlsx")
	if l.form == "stacked" {
		var rows [][]string
		for _, c := range cls {
			rows = append(rows, s.grid(r, c)...)
			rows = append(rows, nil, []string{"注：单周上音乐，双周上美术"})
		}
		writeSheet(t, f, "Sheet1", rows)
	} else {
		for i, c := range cls {
			name := s.sheetName(c)
			if i == 0 {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					t.Fatal(err)
				}
			} else if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			writeSheet(t, f, name, s.grid(r, c))
		}
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return []string{p}
}

func writeSheet(t *testing.T, f *excelize.File, sheet string, rows [][]string) {
	t.Helper()
	for i, row := range rows {
		for j, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	w := csv.NewWriter(fh)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
}

// writeSummary writes the summary table of the summary schools (one row per grade and subject).
func writeSummary(t *testing.T, r *rand.Rand, dir string, schools []*genSchool) string {
	t.Helper()
	rows := [][]string{{"学校", "年级", "学科", "周课时"}}
	if r.IntN(2) == 0 {
		rows = [][]string{{"临河县课程开设情况汇总表"}, {"学校名称", "年级", "科目", "每周课时"}}
	}
	for _, s := range schools {
		if s.layout.form != "summary" && !s.layout.both {
			continue
		}
		for _, g := range s.grades {
			if g == s.skipGrade {
				continue
			}
			week := s.cls[0].week
			for _, c := range s.cls {
				if c.grade == g {
					week = c.week
					break
				}
			}
			subjects := make([]string, 0, len(week))
			for sub := range week {
				subjects = append(subjects, sub)
			}
			sort.Strings(subjects)
			name := s.name
			if r.IntN(3) == 0 {
				name = s.alias
			}
			grade := []string{cnNum[g] + "年级", fmt.Sprint(g)}[r.IntN(2)]
			for _, sub := range subjects {
				n := week[sub]
				if sub == "艺术" {
					rows = append(rows, []string{name, grade, "音乐", fmt.Sprint(n / 2)}, []string{name, grade, "美术", fmt.Sprint(n - n/2)})
					continue
				}
				if sp, ok := spellings[sub]; ok {
					sub = sp[r.IntN(len(sp))]
				}
				rows = append(rows, []string{name, grade, sub, fmt.Sprint(n)})
			}
		}
	}
	if len(rows) <= 2 {
		return ""
	}
	p := filepath.Join(dir, "课表汇总.csv")
	writeCSV(t, p, rows)
	return p
}
