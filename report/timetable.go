package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/internal/cellsafe"
	"github.com/xuri/excelize/v2"
)

// TimetableFileSummary is one timetable file's accounting, for the 课程设置 section.
type TimetableFileSummary struct {
	Name    string
	Form    string // grid, summary or grid+summary
	Grids   int
	Rows    int
	Skipped []string // "工作表“七年级2班”第3行：reason"
}

// TimetableJSON is the timetable audit in results.json (../shared/spec/teachers-and-timetables.md).
// Periods are weekly; min and max are null when the course plan does not state them; classes is left
// out when a finding concerns every timetable the school gave for the grade.
type TimetableJSON struct {
	Deviations  []TimetableDeviationJSON   `json:"deviations"`
	Missing     []TimetableMissingJSON     `json:"missing"`
	OverTotal   []TimetableOverJSON        `json:"over_total"`
	Mismatch    []TimetableMismatchJSON    `json:"mismatch_with_answers"`
	Weekend     []TimetableWeekendJSON     `json:"weekend"`
	DayLength   []TimetableDayJSON         `json:"day_length"`
	NotProvided []TimetableNotProvidedJSON `json:"not_provided"`
	Unknown     []TimetableUnknownJSON     `json:"unknown_subjects"`
	// SummaryVsGrids lists where a school's summary table differs from its class grids.
	SummaryVsGrids []TimetableSummaryDiffJSON `json:"summary_vs_grids"`
}

// TimetableSummaryDiffJSON is a subject whose summary-table periods differ from the class grids'.
type TimetableSummaryDiffJSON struct {
	School  string  `json:"school"`
	Grade   int     `json:"grade"`
	Subject string  `json:"subject"`
	Summary float64 `json:"summary"`
	Grids   float64 `json:"grids"`
}

// TimetableDeviationJSON is a subject's weekly periods outside the plan's bounds.
type TimetableDeviationJSON struct {
	School  string   `json:"school"`
	Grade   int      `json:"grade"`
	Subject string   `json:"subject"`
	Periods float64  `json:"periods"`
	Min     *float64 `json:"min"`
	Max     *float64 `json:"max"`
	Classes []string `json:"classes,omitempty"`
}

// TimetableMissingJSON is a required subject missing from a school's timetable of a grade.
type TimetableMissingJSON struct {
	School  string   `json:"school"`
	Grade   int      `json:"grade"`
	Subject string   `json:"subject"`
	Classes []string `json:"classes,omitempty"`
}

// TimetableOverJSON is a weekly total above the plan's limit.
type TimetableOverJSON struct {
	School  string   `json:"school"`
	Grade   int      `json:"grade"`
	Periods float64  `json:"periods"`
	Limit   int      `json:"limit"`
	Classes []string `json:"classes,omitempty"`
}

// TimetableMismatchJSON is a school whose timetable has the full arts and PE periods while its
// students often report those lessons occupied; student_share is the share reporting it.
type TimetableMismatchJSON struct {
	School       string  `json:"school"`
	Indicator    string  `json:"indicator"`
	StudentShare float64 `json:"student_share"`
}

// TimetableWeekendJSON is a timetable with lessons on Saturday or Sunday.
type TimetableWeekendJSON struct {
	School  string   `json:"school"`
	Grade   int      `json:"grade"`
	Days    []string `json:"days"`
	Periods float64  `json:"periods"`
	Classes []string `json:"classes,omitempty"`
}

// TimetableDayJSON is the school day from the period times: first lesson's start and last lesson's
// end ("8:00"), their distance in minutes, and the day with 早读 and 课后服务 rows when timed.
type TimetableDayJSON struct {
	School   string   `json:"school"`
	Grade    int      `json:"grade"`
	Start    string   `json:"start"`
	End      string   `json:"end"`
	Minutes  int      `json:"minutes"`
	DayStart string   `json:"day_start"`
	DayEnd   string   `json:"day_end"`
	Classes  []string `json:"classes,omitempty"`
}

// TimetableNotProvidedJSON is a school with no timetable for some of its grades (未提供课表).
type TimetableNotProvidedJSON struct {
	School string `json:"school"`
	Grades []int  `json:"grades"`
	None   bool   `json:"none"`
}

// TimetableUnknownJSON is a lesson name the course plan does not know (counted as a lesson).
type TimetableUnknownJSON struct {
	Name    string  `json:"name"`
	Periods float64 `json:"periods"`
	Schools int     `json:"schools"`
}

func clock(m int) string {
	if m < 0 {
		return ""
	}
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// NewTimetableJSON converts the audit; nil when there is none.
func NewTimetableJSON(a *analysis.TimetableAudit) *TimetableJSON {
	if a == nil {
		return nil
	}
	out := &TimetableJSON{Deviations: []TimetableDeviationJSON{}, Missing: []TimetableMissingJSON{}, OverTotal: []TimetableOverJSON{},
		Mismatch: []TimetableMismatchJSON{}, Weekend: []TimetableWeekendJSON{}, DayLength: []TimetableDayJSON{},
		NotProvided: []TimetableNotProvidedJSON{}, Unknown: []TimetableUnknownJSON{}, SummaryVsGrids: []TimetableSummaryDiffJSON{}}
	for _, d := range a.SummaryDiffers {
		out.SummaryVsGrids = append(out.SummaryVsGrids, TimetableSummaryDiffJSON{School: d.School, Grade: d.Grade, Subject: d.Subject, Summary: d.Summary, Grids: d.Grids})
	}
	for _, d := range a.Deviations {
		out.Deviations = append(out.Deviations, TimetableDeviationJSON{School: d.School, Grade: d.Grade, Subject: d.Subject, Periods: d.Periods, Min: fptr(d.Min), Max: fptr(d.Max), Classes: d.Classes})
	}
	for _, m := range a.Missing {
		out.Missing = append(out.Missing, TimetableMissingJSON{School: m.School, Grade: m.Grade, Subject: m.Subject, Classes: m.Classes})
	}
	for _, o := range a.OverTotal {
		out.OverTotal = append(out.OverTotal, TimetableOverJSON{School: o.School, Grade: o.Grade, Periods: o.Periods, Limit: o.Limit, Classes: o.Classes})
	}
	for _, m := range a.Mismatch {
		out.Mismatch = append(out.Mismatch, TimetableMismatchJSON{School: m.School, Indicator: m.Indicator, StudentShare: m.StudentShare})
	}
	for _, w := range a.Weekend {
		out.Weekend = append(out.Weekend, TimetableWeekendJSON{School: w.School, Grade: w.Grade, Days: w.Days, Periods: w.Periods, Classes: w.Classes})
	}
	for _, d := range a.DayLength {
		out.DayLength = append(out.DayLength, TimetableDayJSON{School: d.School, Grade: d.Grade, Start: clock(d.Start), End: clock(d.End), Minutes: d.Minutes, DayStart: clock(d.DayStart), DayEnd: clock(d.DayEnd), Classes: d.Classes})
	}
	for _, n := range a.NotProvided {
		g := n.Grades
		if g == nil {
			g = []int{}
		}
		out.NotProvided = append(out.NotProvided, TimetableNotProvidedJSON{School: n.School, Grades: g, None: n.None})
	}
	for _, u := range a.Unknown {
		out.Unknown = append(out.Unknown, TimetableUnknownJSON{Name: u.Name, Periods: u.Periods, Schools: u.Schools})
	}
	return out
}

func periods(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// boundsText says what the plan sets: 每周4节, 每周3-4节, 每周不少于3节, 每周不超过8节.
func (b *builder) boundsText(lo, hi float64) string { return analysis.BoundsText(lo, hi, b.o.Lang) }

func (b *builder) classesText(cs []string) string {
	if len(cs) == 0 {
		return b.t("全部", "all")
	}
	return b.list(cs) + b.t("班", "")
}

func (b *builder) schoolGrade(school string, grade int, classes []string) string {
	s := school + b.t("", " ") + b.grade(grade)
	if len(classes) > 0 {
		s += b.paren(b.list(classes) + b.t("班", ""))
	}
	return s
}

// timetable is the 课程设置 appendix, when timetables were given (else a section with no ID, left out).
func (b *builder) timetable() (Section, error) {
	if b.r.Timetable == nil {
		return Section{}, nil
	}
	return b.timetableSection(b.r.Timetable), nil
}

// timetableSection writes the 课程设置 section: the findings in words, as seed 002 does, then tables.
func (b *builder) timetableSection(a *analysis.TimetableAudit) Section {
	s := Section{ID: "timetable", Title: b.t("课程设置（课表对照课程方案）", "Timetables against the course plan"), appendix: true}
	grids, summary := 0, 0
	for _, f := range b.q.TimetableFiles {
		grids += f.Grids
		summary += f.Rows
	}
	intro := fmt.Sprintf(b.t("共读取%d所学校的课表（班级课表%d张，汇总表%d行），对照%s检查各年级的课程门类、各学科周课时和周课时总量。",
		"Timetables of %d schools were read (%d class grids, %d summary rows) and checked against %s."), a.Schools, grids, summary, b.tr(a.Plan.Source, a.Plan.SourceEN))
	s.Blocks = append(s.Blocks, Block{Paragraph: intro})
	var findings []string
	if len(a.Groups) > 0 {
		var parts []string
		for _, g := range a.Groups {
			var vs []string
			for _, v := range g.Values {
				vs = append(vs, fmt.Sprintf(b.t("%d所学校设为%s节", "%d schools set %s"), len(v.Schools), periods(v.Periods)))
			}
			parts = append(parts, fmt.Sprintf(b.t("%s%s，课程计划%s，%s", "%s %s: the plan sets %s; %s"), b.grade(g.Grade), b.subject(g.Subject), b.boundsText(g.Min, g.Max), strings.Join(vs, b.t("，", ", "))))
		}
		findings = append(findings, b.t("课时与课程计划不符：", "Periods off the plan: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.Missing) > 0 {
		var parts []string
		for _, m := range a.Missing {
			parts = append(parts, b.schoolGrade(m.School, m.Grade, m.Classes)+b.t("没有", " lacks ")+b.subject(m.Subject))
		}
		findings = append(findings, b.t("课表中缺少必开课程（一些所谓“副课”根本没有）：", "Required subjects missing: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.OverTotal) > 0 {
		var parts []string
		for _, o := range a.OverTotal {
			parts = append(parts, fmt.Sprintf(b.t("%s每周%s节（上限%d节）", "%s %s a week (limit %d)"), b.schoolGrade(o.School, o.Grade, o.Classes), periods(o.Periods), o.Limit))
		}
		findings = append(findings, b.t("周课时总量超过课程方案：", "Weekly total above the plan: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.Weekend) > 0 {
		var parts []string
		for _, w := range a.Weekend {
			parts = append(parts, fmt.Sprintf(b.t("%s（%s，%s节）", "%s (%s, %s periods)"), b.schoolGrade(w.School, w.Grade, w.Classes), b.days(w.Days), periods(w.Periods)))
		}
		findings = append(findings, b.t("课表安排周末上课：", "Lessons at the weekend: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.Mismatch) > 0 {
		var parts []string
		for _, m := range a.Mismatch {
			parts = append(parts, fmt.Sprintf(b.t("%s（%s%%的学生反映音体美等课程被占用）", "%s (%s%% of students report occupied lessons)"), m.School, analysis.Pct(m.StudentShare)))
		}
		findings = append(findings, b.t("课表与学生反映不一致：课表开足了艺术和体育与健康课时，但学生较多反映这些课程被其他学科占用：", "Timetable and students disagree: full arts and PE periods, yet students often report them taken: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.NotProvided) > 0 {
		var parts []string
		for _, n := range a.NotProvided {
			if n.None {
				parts = append(parts, n.School)
				continue
			}
			var gs []string
			for _, g := range n.Grades {
				gs = append(gs, b.grade(g))
			}
			parts = append(parts, n.School+b.t("", " ")+b.list(gs))
		}
		findings = append(findings, b.t("未提供课表：", "No timetable given: ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(a.SummaryDiffers) > 0 {
		var parts []string
		for _, d := range a.SummaryDiffers {
			parts = append(parts, fmt.Sprintf(b.t("%s%s%s：汇总表%s节，班级课表%s节", "%s %s %s: summary %s, grids %s"), d.School, b.grade(d.Grade), b.subject(d.Subject), periods(d.Summary), periods(d.Grids)))
		}
		findings = append(findings, b.t("所报汇总表与班级课表不一致（以班级课表为准）：", "Summary tables differ from the class grids (the grids are checked): ")+strings.Join(parts, b.t("；", "; "))+b.t("。", "."))
	}
	if len(findings) == 0 {
		findings = append(findings, b.t("各校课表的课程门类、课时和周课时总量均符合课程方案。", "Every timetable keeps to the course plan."))
	}
	s.Blocks = append(s.Blocks, Block{List: findings})
	if len(a.Groups) > 0 {
		t := &Table{Caption: b.t("各年级学科周课时与课程计划不符的学校", "Schools off the plan's periods, by grade and subject"),
			Header: []string{b.t("年级", "Grade"), b.t("学科", "Subject"), b.t("课程计划", "Plan"), b.t("不符学校数", "Schools"), b.t("设置情况", "Set")}, Numeric: []bool{false, false, false, true, false}}
		for _, g := range a.Groups {
			var vs []string
			for _, v := range g.Values {
				vs = append(vs, fmt.Sprintf(b.t("%s节：%s", "%s: %s"), periods(v.Periods), b.list(v.Schools)))
			}
			t.Rows = append(t.Rows, []Cell{{Text: b.grade(g.Grade)}, {Text: b.subject(g.Subject)}, {Text: b.boundsText(g.Min, g.Max)}, {Text: fmt.Sprint(g.Schools)}, {Text: strings.Join(vs, b.t("；", "; "))}})
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
	}
	if len(a.Missing) > 0 {
		t := &Table{Caption: b.t("课表中缺少的必开课程", "Required subjects missing"), Header: []string{b.t("学校", "School"), b.t("年级", "Grade"), b.t("缺少的课程", "Missing"), b.t("班级", "Classes")}}
		for _, m := range a.Missing {
			t.Rows = append(t.Rows, []Cell{{Text: m.School}, {Text: b.grade(m.Grade)}, {Text: b.subject(m.Subject), Flag: true}, {Text: b.classesText(m.Classes)}})
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
	}
	if len(a.OverTotal) > 0 || len(a.Weekend) > 0 {
		t := &Table{Caption: b.t("周课时总量超标和周末上课", "Weekly totals above the plan, and weekend lessons"), Header: []string{b.t("学校", "School"), b.t("年级", "Grade"), b.t("班级", "Classes"), b.t("情况", "Finding")}}
		for _, o := range a.OverTotal {
			t.Rows = append(t.Rows, []Cell{{Text: o.School}, {Text: b.grade(o.Grade)}, {Text: b.classesText(o.Classes)}, {Text: fmt.Sprintf(b.t("每周%s节，上限%d节", "%s a week, limit %d"), periods(o.Periods), o.Limit), Flag: true}})
		}
		for _, w := range a.Weekend {
			t.Rows = append(t.Rows, []Cell{{Text: w.School}, {Text: b.grade(w.Grade)}, {Text: b.classesText(w.Classes)}, {Text: fmt.Sprintf(b.t("%s上课%s节", "%s: %s periods"), b.days(w.Days), periods(w.Periods)), Flag: true}})
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
	}
	if len(a.DayLength) > 0 {
		t := &Table{Caption: b.t("课表中的在校上课时间", "The school day in the timetables"), Header: []string{b.t("学校", "School"), b.t("年级", "Grades"), b.t("班级", "Classes"), b.t("第一节课", "First lesson"), b.t("最后一节课结束", "Last lesson ends"), b.t("上课时段", "Span"), b.t("含早读、课后服务等", "With other rows")},
			Numeric: []bool{false, false, false, true, true, true, false}}
		days := a.DayLength
		for i := 0; i < len(days); {
			d := days[i]
			j := i + 1 // consecutive grades of the school with the same day, every class
			for j < len(days) && d.Classes == nil && days[j].Classes == nil && days[j].School == d.School && days[j].Grade == days[j-1].Grade+1 &&
				days[j].Start == d.Start && days[j].End == d.End && days[j].DayStart == d.DayStart && days[j].DayEnd == d.DayEnd {
				j++
			}
			grades := b.grade(d.Grade)
			if last := days[j-1].Grade; last != d.Grade {
				grades = b.t(grades+"至"+b.grade(last), fmt.Sprintf("Grades %d-%d", d.Grade, last))
			}
			all := ""
			if d.DayStart >= 0 && (d.DayStart != d.Start || d.DayEnd != d.End) {
				all = clock(d.DayStart) + "–" + clock(d.DayEnd)
			}
			t.Rows = append(t.Rows, []Cell{{Text: d.School}, {Text: grades}, {Text: b.classesText(d.Classes)}, {Text: clock(d.Start)}, {Text: clock(d.End)},
				{Text: fmt.Sprintf(b.t("%d小时%02d分", "%dh%02d"), d.Minutes/60, d.Minutes%60)}, {Text: all}})
			i = j
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
	}
	if len(a.Unknown) > 0 {
		var l []string
		for _, u := range a.Unknown {
			l = append(l, fmt.Sprintf(b.t("%s（%d所学校，共%s节）", "%s (%d schools, %s periods)"), u.Name, u.Schools, periods(u.Periods)))
		}
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("课表中以下课程名称不在课程方案的学科和别名中，已按课时计入周课时总量，未计入任何学科（如属某一学科，请在监测标准的 course_plan.synonyms 中加上这个写法）：",
			"These names are not subjects of the plan; they count in the weekly total but in no subject (add them to course_plan.synonyms if they are one): ")}, Block{List: l})
	}
	var files []string
	for _, f := range b.q.TimetableFiles {
		var parts []string
		if f.Grids > 0 || f.Rows == 0 {
			parts = append(parts, fmt.Sprintf(b.t("班级课表%d张", "%d class grids"), f.Grids))
		}
		if f.Rows > 0 {
			parts = append(parts, fmt.Sprintf(b.t("汇总表%d行", "%d summary rows"), f.Rows))
		}
		line := f.Name + b.t("：", ": ") + strings.Join(parts, b.t("，", ", "))
		if len(f.Skipped) > 0 {
			line += fmt.Sprintf(b.t("；未使用%d处：%s", "; %d not used: %s"), len(f.Skipped), strings.Join(f.Skipped, b.t("；", "; ")))
		}
		files = append(files, line)
	}
	if len(b.q.TimetableUnmatched) > 0 {
		files = append(files, b.t("课表中不在名册中的学校名称（仍按所写名称检查）：", "School names in timetables not in the roster: ")+b.list(b.q.TimetableUnmatched))
	}
	if len(files) > 0 {
		s.Blocks = append(s.Blocks, Block{Note: b.t("课表文件：", "Timetable files: ")}, Block{List: files})
	}
	return s
}

// writeTimetableSheet adds the 课程设置 sheet to tables.xlsx: one row per finding of the audit, with
// its kind, school, grade, subject, classes, periods and the plan's bounds.
func (b *builder) writeTimetableSheet(f *excelize.File, a *analysis.TimetableAudit, head int) error {
	if a == nil {
		return nil
	}
	name := b.t("课程设置", "Timetables")
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	rows := [][]any{{b.t("类别", "Kind"), b.t("学校", "School"), b.t("年级", "Grade"), b.t("学科", "Subject"), b.t("班级", "Classes"), b.t("课时（每周）", "Periods a week"),
		b.t("课程计划下限", "Plan minimum"), b.t("课程计划上限", "Plan maximum"), b.t("说明", "Note")}}
	bound := func(x float64) any {
		if math.IsNaN(x) {
			return ""
		}
		return x
	}
	classes := b.list
	for _, d := range a.Deviations {
		rows = append(rows, []any{b.t("课时不符", "periods off the plan"), cellsafe.Text(d.School), b.grade(d.Grade), b.subject(d.Subject), classes(d.Classes), d.Periods, bound(d.Min), bound(d.Max), ""})
	}
	for _, m := range a.Missing {
		rows = append(rows, []any{b.t("缺少必开课程", "required subject missing"), cellsafe.Text(m.School), b.grade(m.Grade), b.subject(m.Subject), classes(m.Classes), 0, "", "", ""})
	}
	for _, o := range a.OverTotal {
		rows = append(rows, []any{b.t("周课时总量超标", "weekly total above the plan"), cellsafe.Text(o.School), b.grade(o.Grade), "", classes(o.Classes), o.Periods, "", o.Limit, ""})
	}
	for _, w := range a.Weekend {
		rows = append(rows, []any{b.t("周末上课", "weekend lessons"), cellsafe.Text(w.School), b.grade(w.Grade), "", classes(w.Classes), w.Periods, "", "", b.days(w.Days)})
	}
	for _, d := range a.SummaryDiffers {
		rows = append(rows, []any{b.t("汇总表与班级课表不一致", "summary differs from class grids"), cellsafe.Text(d.School), b.grade(d.Grade), b.subject(d.Subject), "", d.Summary, "", "",
			fmt.Sprintf(b.t("班级课表%s节", "class grids: %s"), periods(d.Grids))})
	}
	for _, m := range a.Mismatch {
		rows = append(rows, []any{b.t("课表与学生反映不一致", "timetable and students disagree"), cellsafe.Text(m.School), "", "", "", "", "", "",
			fmt.Sprintf(b.t("%s%%的学生反映课程被占用", "%s%% of students report lessons taken"), analysis.Pct(m.StudentShare))})
	}
	for _, n := range a.NotProvided {
		var gs []string
		for _, g := range n.Grades {
			gs = append(gs, b.grade(g))
		}
		rows = append(rows, []any{b.t("未提供课表", "no timetable given"), cellsafe.Text(n.School), b.list(gs), "", "", "", "", "", ""})
	}
	for _, d := range a.DayLength {
		rows = append(rows, []any{b.t("在校上课时间", "school day"), cellsafe.Text(d.School), b.grade(d.Grade), "", classes(d.Classes), "", "", "",
			fmt.Sprintf(b.t("%s–%s（%d分钟）", "%s–%s (%d minutes)"), clock(d.Start), clock(d.End), d.Minutes)})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cell, &row); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
	if err := f.SetCellStyle(name, "A1", last, head); err != nil {
		return err
	}
	return f.SetColWidth(name, "B", "B", 24)
}
