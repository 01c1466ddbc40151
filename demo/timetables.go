package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The demo county's timetables: five schools send their class timetable grids (one workbook per
// school, a sheet per class, each school's own layout), the others a summary table (学校, 年级, 学科,
// 周课时). They carry the problems seed 002 found (PlantedTimetable), checked against the
// qingxi-demo profile.

// Profile is the built-in profile of the demo county: national-2021 with the county's per-subject
// weekly periods (七年级 语文 6, 数学 4, 外语 4, 生物学 3; 八年级 物理 3).
const Profile = "qingxi-demo"

// SummaryFile is the summary table of the schools that sent no grids.
const SummaryFile = "课表汇总.csv"

// gridLayout is how a school writes its class timetables.
type gridLayout struct {
	school    string
	title     func(grade, class int) string // title cell above the grid; "" for none
	sheet     func(grade, class int) string // sheet name
	days      []string                      // day headers, Monday first
	times     bool                          // a times column, with 早读 and 课后服务 rows
	start     int                           // first lesson, minutes after midnight
	teachers  bool                          // cells name the teacher: 数学（张）
	stacked   bool                          // teacher on a second line: 数学\n张老师
	alternate bool                          // 音乐/美术 in alternate weeks
}

var cnGrade = [10]string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

var gridSchools = []gridLayout{
	{school: "清溪县第一中学", title: func(g, c int) string {
		return fmt.Sprintf("清溪县第一中学%s年级（%d）班课程表", cnGrade[g], c)
	},
		sheet: func(g, c int) string { return fmt.Sprintf("%s(%d)", cnGrade[g], c) }, days: []string{"星期一", "星期二", "星期三", "星期四", "星期五"},
		times: true, start: 7*60 + 40, teachers: true},
	{school: "清溪县实验中学", sheet: func(g, c int) string { return fmt.Sprintf("%s年级%d班", cnGrade[g], c) },
		days: []string{"周一", "周二", "周三", "周四", "周五"}, alternate: true},
	{school: "清溪县第二中学", title: func(g, c int) string { return fmt.Sprintf("%s年级%d班", cnGrade[g], c) },
		sheet: func(g, c int) string { return fmt.Sprintf("Sheet%d", (g-7)*10+c) }, days: []string{"星期一", "星期二", "星期三", "星期四", "星期五"},
		times: true, start: 8 * 60, stacked: true},
	{school: "清溪县柳林镇中学", sheet: func(g, c int) string { return fmt.Sprintf("%d%02d班", g, c) },
		days: []string{"一", "二", "三", "四", "五"}},
	{school: "清溪县青山学校", title: func(g, c int) string { return fmt.Sprintf("青山学校 %s年级 课程表", cnGrade[g]) },
		sheet: func(g, c int) string { return fmt.Sprintf("%s年级%d班", cnGrade[g], c) }, days: []string{"星期一", "星期二", "星期三", "星期四", "星期五"},
		times: true, start: 8*60 + 20},
}

// basePlan is the week every class has unless a problem is planted: it keeps to qingxi-demo.
var basePlan = map[int][]subjectPeriods{
	1: primaryLow, 2: primaryLow, 3: primaryHigh, 4: primaryHigh, 5: primaryHigh, 6: primaryHigh,
	7: {{"语文", 6}, {"数学", 4}, {"外语", 4}, {"道德与法治", 2}, {"历史", 2}, {"地理", 2}, {"生物学", 3}, {"信息科技", 1}, {"体育与健康", 3}, {"音乐", 1}, {"美术", 1}, {"劳动", 1}, {"综合实践活动", 3}, {"自习", 1}},
	8: {{"语文", 5}, {"数学", 5}, {"外语", 4}, {"道德与法治", 2}, {"历史", 2}, {"地理", 2}, {"生物学", 2}, {"物理", 3}, {"信息科技", 1}, {"体育与健康", 3}, {"音乐", 1}, {"美术", 1}, {"劳动", 1}, {"综合实践活动", 2}},
	9: {{"语文", 5}, {"数学", 5}, {"外语", 5}, {"道德与法治", 3}, {"历史", 2}, {"物理", 3}, {"化学", 3}, {"体育与健康", 3}, {"音乐", 1}, {"美术", 1}, {"劳动", 1}, {"综合实践活动", 2}},
}

var (
	primaryLow  = []subjectPeriods{{"道德与法治", 2}, {"语文", 8}, {"数学", 4}, {"科学", 1}, {"体育与健康", 4}, {"音乐", 2}, {"美术", 2}, {"劳动", 1}, {"综合实践活动", 2}}
	primaryHigh = []subjectPeriods{{"道德与法治", 2}, {"语文", 7}, {"数学", 5}, {"外语", 3}, {"科学", 2}, {"信息科技", 1}, {"体育与健康", 3}, {"音乐", 2}, {"美术", 2}, {"劳动", 1}, {"综合实践活动", 2}}
)

type subjectPeriods struct {
	subject string
	periods int
}

// timetablePlant is a change to the base week of one school and grade (every class of it).
type timetablePlant struct {
	school  string
	grade   int
	changes []subjectPeriods // new periods of a subject (0 removes it)
	weekend []string         // lessons on Saturday morning
}

var timetablePlants = []timetablePlant{
	{school: "清溪县第一中学", grade: 7, changes: []subjectPeriods{{"数学", 5}, {"外语", 5}, {"综合实践活动", 2}, {"自习", 0}}},
	{school: "清溪县第一中学", grade: 9, weekend: []string{"数学", "物理", "化学", "外语"}},
	{school: "清溪县实验中学", grade: 7, changes: []subjectPeriods{{"数学", 5}, {"外语", 5}, {"综合实践活动", 2}, {"自习", 0}}},
	{school: "清溪县实验中学", grade: 8, changes: []subjectPeriods{{"劳动", 0}}},
	{school: "清溪县第二中学", grade: 7, changes: []subjectPeriods{{"数学", 5}, {"生物学", 2}}},
	{school: "清溪县柳林镇中学", grade: 7, changes: []subjectPeriods{{"语文", 5}, {"书法", 1}}},
	{school: "清溪县柳林镇中学", grade: 9, changes: []subjectPeriods{{"体育与健康", 2}, {"数学", 6}}},
	{school: "清溪县桃源镇中学", grade: 7, changes: []subjectPeriods{{"数学", 5}, {"自习", 0}}},
	{school: "清溪县桃源镇中学", grade: 8, changes: []subjectPeriods{{"物理", 2}}},
	{school: "清溪县石桥乡中学", grade: 7, changes: []subjectPeriods{{"生物学", 2}}},
	{school: "清溪县白沙乡中学", grade: 7, changes: []subjectPeriods{{"数学", 5}, {"自习", 0}}},
	{school: "清溪县柳林镇中心小学", grade: 5, changes: []subjectPeriods{{"综合实践活动", 0}}},
}

// notProvided are the grades a school sent no timetable for.
var notProvided = map[string][]int{"清溪县白沙乡中学": {9}}

// TimetableProblem is one finding planted in the demo timetables, as analysis.AuditTimetables reports
// it: Kind is "deviation", "missing", "over_total", "weekend" or "not_provided".
type TimetableProblem struct {
	Kind    string
	School  string
	Grade   int
	Subject string  // deviation and missing
	Periods float64 // deviation, over_total and weekend
}

// PlantedTimetable lists every finding planted in the demo timetables against qingxi-demo, in the
// order the audit gives them within each kind (school in roster order, then grade, then subject).
var PlantedTimetable = []TimetableProblem{
	{Kind: "deviation", School: "清溪县第一中学", Grade: 7, Subject: "数学", Periods: 5},
	{Kind: "deviation", School: "清溪县第一中学", Grade: 7, Subject: "外语", Periods: 5},
	{Kind: "deviation", School: "清溪县实验中学", Grade: 7, Subject: "数学", Periods: 5},
	{Kind: "deviation", School: "清溪县实验中学", Grade: 7, Subject: "外语", Periods: 5},
	{Kind: "deviation", School: "清溪县第二中学", Grade: 7, Subject: "数学", Periods: 5},
	{Kind: "deviation", School: "清溪县第二中学", Grade: 7, Subject: "生物学", Periods: 2},
	{Kind: "deviation", School: "清溪县柳林镇中学", Grade: 7, Subject: "语文", Periods: 5},
	{Kind: "deviation", School: "清溪县柳林镇中学", Grade: 9, Subject: "体育与健康", Periods: 2},
	{Kind: "deviation", School: "清溪县桃源镇中学", Grade: 7, Subject: "数学", Periods: 5},
	{Kind: "deviation", School: "清溪县桃源镇中学", Grade: 8, Subject: "物理", Periods: 2},
	{Kind: "deviation", School: "清溪县石桥乡中学", Grade: 7, Subject: "生物学", Periods: 2},
	{Kind: "deviation", School: "清溪县白沙乡中学", Grade: 7, Subject: "数学", Periods: 5},
	{Kind: "missing", School: "清溪县柳林镇中心小学", Grade: 5, Subject: "综合实践活动"},
	{Kind: "missing", School: "清溪县实验中学", Grade: 8, Subject: "劳动"},
	{Kind: "over_total", School: "清溪县第一中学", Grade: 9, Periods: 38},
	{Kind: "weekend", School: "清溪县第一中学", Grade: 9, Periods: 4},
	{Kind: "not_provided", School: "清溪县白沙乡中学", Grade: 9},
}

// TimetableFiles returns the names of the demo timetable files: a workbook per grid school, then the
// summary table.
func TimetableFiles() []string {
	var out []string
	for _, l := range gridSchools {
		out = append(out, gridFileName(l.school))
	}
	return append(out, SummaryFile)
}

func gridFileName(school string) string { return "课表_" + school + ".xlsx" }

// week returns the periods of each subject a school's grade has, plants applied, in plan order.
func week(school string, grade int) ([]subjectPeriods, []string) {
	out := append([]subjectPeriods(nil), basePlan[grade]...)
	var weekend []string
	for _, p := range timetablePlants {
		if p.school != school || p.grade != grade {
			continue
		}
		weekend = p.weekend
	next:
		for _, c := range p.changes {
			for i := range out {
				if out[i].subject == c.subject {
					out[i].periods = c.periods
					continue next
				}
			}
			out = append(out, c)
		}
	}
	return out, weekend
}

// renderTimetables writes the grid workbooks and the summary table.
func renderTimetables() (map[string][]byte, error) {
	r := rand.New(rand.NewPCG(seed1, seed2+7))
	files := map[string][]byte{}
	grid := map[string]bool{}
	for _, l := range gridSchools {
		grid[l.school] = true
		data, err := l.workbook(r)
		if err != nil {
			return nil, fmt.Errorf("generate %s: %w", gridFileName(l.school), err)
		}
		files[gridFileName(l.school)] = data
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write([]string{"学校", "年级", "学科", "周课时"}); err != nil {
		return nil, err
	}
	written := map[string]string{"英语": "外语", "道法": "道德与法治", "体育": "体育与健康", "信息技术": "信息科技"}
	for si := range schools {
		sc := &schools[si]
		if grid[sc.name] {
			continue
		}
		name := sc.name
		if sc.code == "QX02" {
			name = sc.aliases[0] // a school written by its short name
		}
	grades:
		for _, g := range sc.grades() {
			for _, x := range notProvided[sc.name] {
				if x == g {
					continue grades
				}
			}
			subs, _ := week(sc.name, g)
			for _, sp := range subs {
				if sp.periods == 0 || sp.subject == "自习" {
					continue
				}
				subject := sp.subject
				for short, long := range written {
					if long == subject && si%2 == 0 {
						subject = short
					}
				}
				if err := w.Write([]string{name, cnGrade[g] + "年级", subject, strconv.Itoa(sp.periods)}); err != nil {
					return nil, err
				}
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	files[SummaryFile] = buf.Bytes()
	return files, nil
}

// workbook writes a school's class timetables, a sheet per class (per grade at 青山学校, which has
// one class a grade).
func (l *gridLayout) workbook(r *rand.Rand) ([]byte, error) {
	var sc *school
	for i := range schools {
		if schools[i].name == l.school {
			sc = &schools[i]
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Title: l.school + "课程表（演示数据）", Creator: "jianfu demo", LastModifiedBy: "jianfu demo",
		Description: "jianfu 生成的虚构演示数据，不涉及真实学校。", Created: docTime, Modified: docTime, Language: "zh-CN"}); err != nil {
		return nil, err
	}
	first := true
	for _, g := range sc.grades() {
		for c := 1; c <= sc.classes; c++ {
			name := l.sheet(g, c)
			if first {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return nil, err
				}
				first = false
			} else if _, err := f.NewSheet(name); err != nil {
				return nil, err
			}
			if err := l.writeGrid(f, name, r, g, c); err != nil {
				return nil, err
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var teacherNames = []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"}

// writeGrid writes one class's week into a sheet: periods as rows, days as columns.
func (l *gridLayout) writeGrid(f *excelize.File, sheet string, r *rand.Rand, grade, class int) error {
	subs, weekend := week(l.school, grade)
	perDay := 7
	if grade <= 6 {
		perDay = 6
	}
	var lessons []string
	for _, sp := range subs {
		for i := 0; i < sp.periods; i++ {
			lessons = append(lessons, sp.subject)
		}
	}
	slots := make([]string, 5*perDay)
	copy(slots, lessons)
	r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	if l.alternate { // two arts lessons become two alternate-week cells: still 1 each
		for i, s := range slots {
			if s == "音乐" || s == "美术" {
				slots[i] = "音乐/美术"
			}
		}
	}
	teacher := map[string]string{}
	for i, s := range slots {
		if s == "" || s == "自习" || s == "音乐/美术" {
			continue
		}
		if _, ok := teacher[s]; !ok {
			teacher[s] = teacherNames[r.IntN(len(teacherNames))]
		}
		switch {
		case l.teachers:
			slots[i] = s + "（" + teacher[s] + "）"
		case l.stacked:
			slots[i] = s + "\n" + teacher[s] + "老师"
		}
	}
	days := l.days
	if len(weekend) > 0 {
		days = append(append([]string(nil), days...), "星期六")
	}
	var rows [][]string
	if l.title != nil {
		rows = append(rows, []string{l.title(grade, class)})
	}
	head := []string{"节次"}
	if l.times {
		head = append(head, "时间")
	}
	rows = append(rows, append(head, days...))
	length := 45
	if grade <= 6 {
		length = 40
	}
	t := l.start
	label := func(name string, from, to int) []string {
		row := []string{name}
		if l.times {
			row = append(row, fmt.Sprintf("%d:%02d-%d:%02d", from/60, from%60, to/60, to%60))
		}
		return row
	}
	if l.times {
		rows = append(rows, append(label("早读", t-30, t-10), "语文", "外语", "语文", "外语", "语文"))
	}
	for p := 0; p < perDay; p++ {
		if p == 2 {
			rows = append(rows, label("大课间", t, t+30))
			t += 30
		}
		if p == 4 {
			rows = append(rows, append(label("午休", t, 14*60), "午休", "午休", "午休", "午休", "午休"))
			t = 14 * 60
		}
		row := label(fmt.Sprintf("第%d节", p+1), t, t+length)
		for d := 0; d < 5; d++ {
			row = append(row, slots[d*perDay+p])
		}
		if len(weekend) > 0 {
			sat := ""
			if p < len(weekend) {
				sat = weekend[p]
			}
			row = append(row, sat)
		}
		rows = append(rows, row)
		t += length + 10
	}
	if l.times {
		rows = append(rows, label("课后服务", t+10, t+100))
	}
	for i, row := range rows {
		for j, text := range row {
			if text == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if err := f.SetCellValue(sheet, cell, text); err != nil {
				return err
			}
		}
	}
	if l.title != nil {
		last, _ := excelize.CoordinatesToCellName(len(rows[1]), 1)
		if err := f.MergeCell(sheet, "A1", last); err != nil {
			return err
		}
	}
	return nil
}
