package ingest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// The tests in this file read the same answers written in each form real exports take (formats.md,
// 问卷星 section; issue 7) and check that every form gives exactly what the plain 问卷星 text download
// gives: the same rows read, used and rejected, the same 未答, 无效 and 不适用 cells, the same answer
// of every respondent to every question, and the same submission times and durations.

// plainExport is a 问卷星 按选项文本 download of the student questionnaire: a header of bookkeeping
// columns and N、question headers, and ten rows. Row 4 leaves Q8 and Q9 unanswered, row 5 skips Q8 and
// Q10, row 6 says 8小时左右 (no option) for Q7, and row 9 names a grade its school does not have.
type plainExport struct {
	q      *surveys.Questionnaire
	header []string
	rows   [][]string
}

const bookCols = 6 // 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP

func newPlainExport(t testing.TB) *plainExport {
	q := mustBuiltin(t, "student")
	p := &plainExport{q: q, header: []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}}
	for _, qu := range q.Questions {
		p.header = append(p.header, qu.Header())
	}
	for r := 0; r < 10; r++ {
		school, grade := "清河县第一中学", []string{"七年级", "八年级", "九年级"}[r%3]
		if r%2 == 1 {
			school, grade = "城关小学", []string{"三年级", "四年级", "五年级", "六年级"}[r%4]
		}
		if r == 9 {
			grade = "八年级" // 城关小学 has no grade 8: rejected
		}
		rec := []string{fmt.Sprint(r + 1), fmt.Sprintf("2026/9/%d %d:%02d:%02d", 1+r%3, 8+r, 7*r%60, 11*r%60),
			fmt.Sprintf("%d秒", 200+37*r), "手机提交", "直接访问", fmt.Sprintf("10.0.%d.%d(湖南-长沙)", r, 2*r)}
		for _, qu := range q.Questions {
			switch qu.Kind {
			case surveys.KindSchool:
				rec = append(rec, school)
			case surveys.KindGrade:
				rec = append(rec, grade)
			case surveys.KindClass:
				rec = append(rec, fmt.Sprintf("%d班", 1+r%4))
			case surveys.KindOpen:
				rec = append(rec, "")
			default:
				rec = append(rec, qu.Options[(r+3*qu.Number)%len(qu.Options)].Text)
			}
		}
		p.rows = append(p.rows, rec)
	}
	p.set(3, 8, "(空)")
	p.set(3, 9, "(空)")
	p.set(4, 8, "(跳过)")
	p.set(4, 10, "(跳过)")
	p.set(5, 7, "8小时左右")
	return p
}

// col returns the column of question number n.
func (p *plainExport) col(n int) int { return bookCols + n - 1 }

func (p *plainExport) set(row, question int, v string) { p.rows[row][p.col(question)] = v }

func (p *plainExport) clone() *plainExport {
	c := &plainExport{q: p.q, header: append([]string(nil), p.header...)}
	for _, r := range p.rows {
		c.rows = append(c.rows, append([]string(nil), r...))
	}
	return c
}

// option returns the 1-based option number of a text cell of question n, or 0.
func (p *plainExport) option(n int, cell string) int {
	for i, o := range p.q.Questions[n-1].Options {
		if o.Text == cell {
			return i + 1
		}
	}
	return 0
}

func csvBytes(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(header)
	w.WriteAll(rows)
	return b.Bytes()
}

// xlsxBytes writes a workbook of one sheet; a cell may be a string, a number, a bool or a time.Time
// (a date-time cell).
func xlsxBytes(t testing.TB, rows [][]any) []byte {
	f := excelize.NewFile()
	for i, rec := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &rec); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// summary writes what must not change between forms of the same answers.
func summary(res *Result) string {
	var b strings.Builder
	for _, f := range res.Files {
		fmt.Fprintf(&b, "read %d used %d rejected %d; missing %d invalid %d skipped %d; unreadable times %d durations %d\n",
			f.Read, f.Used, f.Rejected, f.CellsMissing, f.CellsInvalid, f.CellsSkipped, f.TimesUnreadable, f.DurationsUnreadable)
		if len(f.MissingQuestions) > 0 {
			fmt.Fprintf(&b, "missing questions %v\n", f.MissingQuestions)
		}
	}
	for _, r := range res.Rejects {
		fmt.Fprintf(&b, "reject row %d %s\n", r.Row, r.Reason)
	}
	for _, u := range res.Unknown {
		fmt.Fprintf(&b, "unknown Q%d x%d\n", u.Question, u.Count)
	}
	for _, d := range res.Datasets {
		for i := 0; i < d.Len(); i++ {
			fmt.Fprintf(&b, "%s g%d c%s", d.Schools[d.School[i]].Name, d.Grade[i], d.Classes[d.Class[i]].Label)
			if d.SubmittedAt != nil {
				fmt.Fprintf(&b, " t%d d%d", d.SubmittedAt[i], d.Duration[i])
			}
			for _, col := range d.Answers {
				if col != nil {
					fmt.Fprintf(&b, " %d", col[i])
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func readForm(t *testing.T, name string, data []byte, o ReadOptions) *Result {
	t.Helper()
	o.Roster = fuzzRoster()
	res, err := Read([]Source{memSource(name, data)}, o)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	for _, f := range res.Files {
		if f.Read != f.Used+f.Rejected {
			t.Fatalf("%s: read %d != used %d + rejected %d", f.Path, f.Read, f.Used, f.Rejected)
		}
	}
	return res
}

// TestFormsGiveThePlainCounts reads each real-export form of the plain export's answers.
func TestFormsGiveThePlainCounts(t *testing.T) {
	plain := newPlainExport(t)
	want := summary(readForm(t, "plain.csv", csvBytes(plain.header, plain.rows), ReadOptions{}))
	if !strings.Contains(want, "read 10 used 9 rejected 1; missing 2 invalid 1 skipped 2; unreadable times 0 durations 0") {
		t.Fatalf("the plain export reads as\n%s", want)
	}
	tests := []struct {
		name  string
		file  string
		make  func(t *testing.T, p *plainExport) []byte
		check func(t *testing.T, res *Result)
	}{
		{"fill-in text", "填空.csv", fillInForm, checkFillIns},
		{"fill-in text in a multiple-choice cell", "多选填空.csv", func(t *testing.T, p *plainExport) []byte {
			p.set(0, 23, p.rows[0][p.col(23)]+"〖手机放在书包里〗┋")
			return csvBytes(p.header, p.rows)
		}, func(t *testing.T, res *Result) {
			if open := res.Dataset("student").Open; len(open) != 1 || open[0].Text != "手机放在书包里" || open[0].Respondent != 0 {
				t.Errorf("open texts %+v", open)
			}
		}},
		{"numeric download", "按序号.csv", func(t *testing.T, p *plainExport) []byte { return csvBytes(p.header, numeric(p, "")) }, nil},
		{"numeric download with numbers stored as 4.0", "按序号.csv", func(t *testing.T, p *plainExport) []byte { return csvBytes(p.header, numeric(p, ".0")) }, nil},
		{"numeric download, question 8 as 0/1 option columns N、(option)", "按序号.csv", func(t *testing.T, p *plainExport) []byte {
			return optionColumns(p, 8, "8、(%s)")
		}, nil},
		{"numeric download, question 8 as 0/1 option columns 第N题(option)", "按序号.xlsx", func(t *testing.T, p *plainExport) []byte {
			return optionColumns(p, 8, "第8题(%s)")
		}, nil},
		{"headers N.question", "点号.csv", headers(func(n int, text string) string { return fmt.Sprintf("%d.%s", n, text) }), nil},
		{"headers with trailing spaces and ASCII ?", "空格.csv", headers(func(n int, text string) string {
			return fmt.Sprintf("%d、%s  ", n, strings.Replace(text, "？", "?", 1))
		}), nil},
		{"headers with (单选题 *必答)", "题型.csv", headers(func(n int, text string) string { return fmt.Sprintf("%d、%s(单选题 *必答)", n, text) }), nil},
		{"headers with [单选题]", "题型.csv", headers(func(n int, text string) string { return fmt.Sprintf("%d、%s[单选题]", n, text) }), nil},
		{"matrix rows 题干—子题", "矩阵.csv", func(t *testing.T, p *plainExport) []byte {
			p.header[p.col(11)] = "11、下列情况是否发生过—" + p.q.Questions[10].Text
			p.header[p.col(12)] = p.q.Questions[11].Text
			p.header[p.col(13)] = "13、请选择—" + p.q.Questions[12].Text
			return csvBytes(p.header, p.rows)
		}, nil},
		{"bookkeeping reordered, 用户ID, 总分 and NULL", "重排.csv", reordered, nil},
		{"times and durations in other forms", "时间.csv", otherTimes, nil},
		{"TRUE and FALSE in yes/no columns", "真假.csv", func(t *testing.T, p *plainExport) []byte {
			for _, r := range p.rows {
				for n := 11; n <= 17; n++ {
					if v, ok := map[string]string{"是": "TRUE", "否": "FALSE"}[r[p.col(n)]]; ok {
						r[p.col(n)] = v
					}
				}
			}
			return csvBytes(p.header, p.rows)
		}, nil},
		{"腾讯问卷 with 答题时长", "腾讯问卷.csv", func(t *testing.T, p *plainExport) []byte { return tencent(p, true) }, nil},
		{"腾讯问卷 without 答题时长", "腾讯问卷.csv", func(t *testing.T, p *plainExport) []byte { return tencent(p, false) }, nil},
		{"腾讯文档 with （必填） and date-time cells", "腾讯文档.xlsx", tencentDocs, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := plain.clone()
			data := tt.make(t, p)
			res := readForm(t, tt.file, data, ReadOptions{})
			if got := summary(res); got != want {
				t.Errorf("counts differ from the plain export's:\n--- got\n%s--- want\n%s", got, want)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// fillInForm attaches fill-in text to answers of rows 0, 1, 5 and 9 (rejected), to the school of
// row 4, the class of row 6 and (empty) the grade of row 2.
func fillInForm(t *testing.T, p *plainExport) []byte {
	p.set(2, 2, p.rows[2][p.col(2)]+"〖 〗")
	p.set(0, 8, p.rows[0][p.col(8)]+"〖大概40分钟〗")
	p.set(1, 7, p.rows[1][p.col(7)]+"〖 周五睡得晚 〗")
	p.set(1, 24, p.rows[1][p.col(24)]+"〖〗")
	p.set(5, 7, "8小时左右〖不一定〗")
	p.set(9, 8, p.rows[9][p.col(8)]+"〖被剔除的行〗")
	p.set(4, 1, p.rows[4][p.col(1)]+"〖在分校区〗")
	p.set(6, 3, p.rows[6][p.col(3)]+"〖实验班〗")
	return csvBytes(p.header, p.rows)
}

func checkFillIns(t *testing.T, res *Result) {
	d := res.Dataset("student")
	want := []surveys.OpenText{{Question: 7, Respondent: 0, Text: "大概40分钟"}, {Question: 6, Respondent: 1, Text: "周五睡得晚"},
		{Question: 0, Respondent: 4, Text: "在分校区"}, {Question: 6, Respondent: 5, Text: "不一定"}, {Question: 2, Respondent: 6, Text: "实验班"}}
	if fmt.Sprint(d.Open) != fmt.Sprint(want) {
		t.Errorf("open texts %+v, want %+v", d.Open, want)
	}
	if res.Files[0].FillIns != 5 {
		t.Errorf("FillIns = %d, want 5", res.Files[0].FillIns)
	}
	for _, u := range res.Unknown {
		if strings.Contains(u.Text, "不一定") {
			t.Errorf("the unknown answer %q shows the fill-in text", u.Text)
		}
	}
}

// numeric writes the answers as a 序号 download does: option numbers, -2 for 未答, -3 for 跳过,
// grades as their number; suffix is appended to every number (".0" as pandas writes them).
func numeric(p *plainExport, suffix string) [][]string {
	out := [][]string{}
	for _, r := range p.rows {
		rec := append([]string(nil), r...)
		for n := 1; n <= len(p.q.Questions); n++ {
			qu := &p.q.Questions[n-1]
			c := rec[p.col(n)]
			switch {
			case qu.Kind == surveys.KindGrade:
				g, _ := ParseGrade(c)
				rec[p.col(n)] = fmt.Sprint(g) + suffix
			case qu.Kind != surveys.KindChoice:
			case c == "(空)":
				rec[p.col(n)] = "-2" + suffix
			case c == "(跳过)":
				rec[p.col(n)] = "-3" + suffix
			case p.option(n, c) > 0:
				rec[p.col(n)] = fmt.Sprint(p.option(n, c)) + suffix
			}
		}
		out = append(out, rec)
	}
	return out
}

// optionColumns writes a numeric download with question n as one 0/1 column per option, headed by
// format; a skipped question is -3 in every column, an unanswered one 0. An .xlsx name gets numbers.
func optionColumns(p *plainExport, n int, format string) []byte {
	rows := numeric(p, "")
	qu := &p.q.Questions[n-1]
	c := p.col(n)
	var header []string
	header = append(header, p.header[:c]...)
	for _, o := range qu.Options {
		header = append(header, fmt.Sprintf(format, o.Text))
	}
	header = append(header, p.header[c+1:]...)
	var out [][]string
	for _, r := range rows {
		rec := append([]string(nil), r[:c]...)
		for k := range qu.Options {
			v := "0"
			switch r[c] {
			case "-3":
				v = "-3"
			case fmt.Sprint(k + 1):
				v = "1"
			}
			rec = append(rec, v)
		}
		out = append(out, append(rec, r[c+1:]...))
	}
	if strings.HasPrefix(format, "第") {
		all := [][]any{toAny(header)}
		for _, r := range out {
			all = append(all, toAny(r))
		}
		return xlsxBytes(nil, all)
	}
	return csvBytes(header, out)
}

func toAny(rec []string) []any {
	out := make([]any, len(rec))
	for i, c := range rec {
		out[i] = c
	}
	return out
}

func headers(form func(n int, text string) string) func(t *testing.T, p *plainExport) []byte {
	return func(t *testing.T, p *plainExport) []byte {
		for _, qu := range p.q.Questions {
			p.header[p.col(qu.Number)] = form(qu.Number, qu.Text)
		}
		return csvBytes(p.header, p.rows)
	}
}

// reordered moves 来自IP before 来源, adds 用户ID and 总分, and writes NULL where uploaders blank cells.
func reordered(t *testing.T, p *plainExport) []byte {
	order := []int{0, 1, 2, 5, 3, 4}
	header := []string{"用户ID"}
	for _, j := range order {
		header = append(header, p.header[j])
	}
	header = append(header, "总分")
	header = append(header, p.header[bookCols:]...)
	var rows [][]string
	for i, r := range p.rows {
		rec := []string{"NULL"}
		for _, j := range order {
			rec = append(rec, r[j])
		}
		rec[5], rec[6] = "NULL", "NULL"
		rec = append(rec, fmt.Sprint(i))
		rows = append(rows, append(rec, r[bookCols:]...))
	}
	return csvBytes(header, rows)
}

// otherTimes writes 提交答卷时间 and 所用时间 in the other forms real files hold, row by row.
func otherTimes(t *testing.T, p *plainExport) []byte {
	forms := []func(tm time.Time, secs int) (string, string){
		func(tm time.Time, s int) (string, string) {
			return tm.Format("2006/01/02 15:04:05"), fmt.Sprintf("%d分%d秒", s/60, s%60)
		},
		func(tm time.Time, s int) (string, string) { return tm.Format("2006-01-02T15:04:05"), fmt.Sprint(s) },
		func(tm time.Time, s int) (string, string) {
			return tm.Format("2006年1月2日 15:04:05"), fmt.Sprintf("%d.0", s)
		},
		func(tm time.Time, s int) (string, string) {
			return tm.Format("2006-01-02 15:04:05"), fmt.Sprintf("0:%02d:%02d", s/60, s%60)
		},
		func(tm time.Time, s int) (string, string) {
			serial := float64(tm.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))) / float64(24*time.Hour)
			return fmt.Sprintf("%.10f", serial), fmt.Sprintf("0小时%d分%d秒", s/60, s%60)
		},
	}
	for i, r := range p.rows {
		tm, err := time.Parse("2006/1/2 15:04:05", r[1])
		if err != nil {
			t.Fatal(err)
		}
		var s int
		fmt.Sscanf(r[2], "%d秒", &s)
		r[1], r[2] = forms[i%len(forms)](tm, s)
	}
	return csvBytes(p.header, p.rows)
}

// tencent writes a 腾讯问卷 export: 编号, 开始答题时间, 结束答题时间, 答题时长 (or not), then 1.题目.
func tencent(p *plainExport, withDuration bool) []byte {
	header := []string{"编号", "开始答题时间", "结束答题时间"}
	if withDuration {
		header = append(header, "答题时长")
	}
	for _, qu := range p.q.Questions {
		header = append(header, fmt.Sprintf("%d.%s", qu.Number, qu.Text))
	}
	var rows [][]string
	for i, r := range p.rows {
		end, _ := time.Parse("2006/1/2 15:04:05", r[1])
		var s int
		fmt.Sscanf(r[2], "%d秒", &s)
		start := end.Add(-time.Duration(s) * time.Second)
		rec := []string{fmt.Sprint(i + 1), start.Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05")}
		if withDuration {
			rec = append(rec, fmt.Sprintf("%d秒", s))
		}
		rows = append(rows, append(rec, r[bookCols:]...))
	}
	return csvBytes(header, rows)
}

// tencentDocs writes a 腾讯文档 form's workbook: 提交时间 as a date-time cell, headers ending （必填）.
func tencentDocs(t *testing.T, p *plainExport) []byte {
	header := []any{"提交者", "提交时间", "所用时间"}
	for _, qu := range p.q.Questions {
		header = append(header, qu.Text+"（必填）")
	}
	rows := [][]any{header}
	for _, r := range p.rows {
		tm, _ := time.Parse("2006/1/2 15:04:05", r[1])
		rec := []any{"微信用户", tm, r[2]}
		rows = append(rows, append(rec, toAny(r[bookCols:])...))
	}
	return xlsxBytes(t, rows)
}

// TestUnreadableTimesCounted writes times and durations no reader could read into rows of the plain
// export: each is counted per file and as a reported rule, blanks and NULL are not, and the answers
// are the plain export's.
func TestUnreadableTimesCounted(t *testing.T) {
	p := newPlainExport(t)
	p.rows[0][1] = "9/3/2026 8:00" // month first: not a form the tool guesses
	p.rows[1][1] = "昨天上午"
	p.rows[2][2] = "很快"
	p.rows[3][1], p.rows[3][2] = "", "NULL" // blank: not counted
	p.rows[4][1], p.rows[4][2] = "2026/2/30 10:00:00", "5分钟多"
	p.rows[9][1] = "乱码" // the rejected row: not counted
	res := readForm(t, "时间.csv", csvBytes(p.header, p.rows), ReadOptions{})
	f := res.Files[0]
	if f.TimesUnreadable != 3 || f.DurationsUnreadable != 2 {
		t.Errorf("unreadable times %d, durations %d; want 3 and 2", f.TimesUnreadable, f.DurationsUnreadable)
	}
	got := map[string]int{}
	for _, q := range res.Quality {
		if q.Rejected && (q.Rule == RuleTimeUnreadable || q.Rule == RuleDurationUnreadable) {
			t.Errorf("%s rejects rows", q.Rule)
		}
		got[q.Rule] = q.Count
	}
	if got[RuleTimeUnreadable] != 3 || got[RuleDurationUnreadable] != 2 {
		t.Errorf("quality findings %v, want %s=3 and %s=2", got, RuleTimeUnreadable, RuleDurationUnreadable)
	}
	if f.Used != 9 {
		t.Errorf("used %d rows, want 9", f.Used)
	}
}

// TestTencentUnreadableStart: without 答题时长 the duration comes from the start and end times, and an
// unreadable start is counted.
func TestTencentUnreadableStart(t *testing.T) {
	p := newPlainExport(t)
	data := string(tencent(p, false))
	data = strings.Replace(data, "1,2026-09-01 07:56:40,", "1,开始时间丢失,", 1)
	res := readForm(t, "腾讯问卷.csv", []byte(data), ReadOptions{})
	if f := res.Files[0]; f.DurationsUnreadable != 1 || f.TimesUnreadable != 0 {
		t.Errorf("unreadable durations %d, times %d; want 1 and 0", f.DurationsUnreadable, f.TimesUnreadable)
	}
	if d := res.Dataset("student").Duration[0]; d != -1 {
		t.Errorf("duration of row 2 = %d, want -1", d)
	}
}

// TestOptionColumnsTwoChosen: two options marked in a single-choice question's 0/1 columns are 无效,
// shown as the options joined.
func TestOptionColumnsTwoChosen(t *testing.T) {
	p := newPlainExport(t)
	data := optionColumns(p, 8, "8、(%s)")
	lines := strings.Split(string(data), "\r\n")
	// Row 2 (the first data row) chose option 1 of Q8; mark option 6 too.
	cells := strings.Split(lines[1], ",")
	c := p.col(8)
	if cells[c] != "1" {
		t.Fatalf("row 2 Q8 option columns %v", cells[c:c+6])
	}
	cells[c+5] = "1"
	lines[1] = strings.Join(cells, ",")
	res := readForm(t, "按序号.csv", []byte(strings.Join(lines, "\r\n")), ReadOptions{})
	if a := res.Dataset("student").Answers[7][0]; a != surveys.Invalid {
		t.Errorf("Q8 of row 2 = %d, want Invalid", a)
	}
	want := "没有书面家庭作业┋120分钟以上"
	found := false
	for _, u := range res.Unknown {
		found = found || (u.Question == 8 && u.Text == want)
	}
	if !found {
		t.Errorf("unknown answers %+v, want Q8 %q", res.Unknown, want)
	}
}

// TestSurveyOnTheOtherQuestionnaire: --survey parent on a student export, and --survey student on a
// parent export, are refused with a plain message naming what the file is.
func TestSurveyOnTheOtherQuestionnaire(t *testing.T) {
	p := newPlainExport(t)
	_, err := Read([]Source{memSource("学生.csv", csvBytes(p.header, p.rows))}, ReadOptions{Roster: fuzzRoster(), Survey: "parent"})
	want := "学生.csv：按 --survey parent 读，只认出家长问卷的 0 题（共 15 题），而表头是学生问卷的题目（认出 25 题）：请改用 --survey student，或去掉 --survey 让程序自动识别"
	if err == nil || err.Error() != want {
		t.Errorf("student file as parent: err = %v\nwant %s", err, want)
	}
	pa := mustBuiltin(t, "parent")
	header := []string{"提交答卷时间"}
	row := []string{"2026/9/3 12:00:00"}
	for _, qu := range pa.Questions {
		header = append(header, qu.Header())
		switch qu.Kind {
		case surveys.KindSchool:
			row = append(row, "城关小学")
		case surveys.KindGrade:
			row = append(row, "三年级")
		case surveys.KindClass:
			row = append(row, "1")
		case surveys.KindOpen:
			row = append(row, "")
		default:
			row = append(row, qu.Options[0].Text)
		}
	}
	_, err = Read([]Source{memSource("家长.csv", csvBytes(header, [][]string{row}))}, ReadOptions{Roster: fuzzRoster(), Survey: "student"})
	if err == nil || !strings.Contains(err.Error(), "表头是家长问卷的题目") || !strings.Contains(err.Error(), "--survey parent") {
		t.Errorf("parent file as student: err = %v", err)
	}
	// The right --survey reads.
	if _, err := Read([]Source{memSource("学生.csv", csvBytes(p.header, p.rows))}, ReadOptions{Roster: fuzzRoster(), Survey: "student"}); err != nil {
		t.Errorf("student file as student: %v", err)
	}
}

// TestFillInsSurviveDroppedRows: a row dropped after it was recorded (an IP duplicate judged at the
// end of the read) takes its fill-in text and count with it, and the texts of later rows keep pointing
// at their own respondents.
func TestFillInsSurviveDroppedRows(t *testing.T) {
	p := newPlainExport(t)
	dup := append([]string(nil), p.rows[0]...)
	dup[0] = "11"
	dup[1] = "2026/9/1 8:01:00" // a minute after row 2, from the same IP, every answer the same
	dup[p.col(8)] += "〖重复提交里的话〗"
	rows := [][]string{p.rows[0], dup}
	rows = append(rows, p.rows[1:]...)
	rows[2][p.col(7)] += "〖第三位的话〗"
	rows[7][p.col(24)] += "〖后面的话〗"
	res := readForm(t, "重复.csv", csvBytes(p.header, rows), ReadOptions{})
	d := res.Dataset("student")
	if f := res.Files[0]; f.Used != 9 || f.RejectedByReason[ReasonDuplicate] != 1 || f.FillIns != 2 {
		t.Fatalf("used %d, duplicates %d, fill-ins %d; want 9, 1 and 2 (the duplicate dropped)", f.Used, f.RejectedByReason[ReasonDuplicate], f.FillIns)
	}
	want := []surveys.OpenText{{Question: 6, Respondent: 1, Text: "第三位的话"}, {Question: 23, Respondent: 6, Text: "后面的话"}}
	if fmt.Sprint(d.Open) != fmt.Sprint(want) {
		t.Fatalf("open texts %+v, want %+v", d.Open, want)
	}
	for _, o := range d.Open {
		if row := d.Row[o.Respondent]; row != 4 && row != 9 {
			t.Errorf("text %q points at Excel row %d", o.Text, row)
		}
	}
}
