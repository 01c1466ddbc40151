package analysis

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TimetableAudit is the timetables set against the profile's course plan (课程方案): per school and
// grade, the subjects whose weekly periods leave the plan's bounds, the required subjects missing,
// weekly totals above the plan's, lessons at the weekend, the school day's length, the grades with no
// timetable, and the schools whose timetable and students' answers disagree.
//
// A school may give a timetable per class: a finding holds the classes it concerns, nil when it
// concerns every timetable the school gave for the grade (and always for a summary table's rows).
type TimetableAudit struct {
	Plan        *surveys.CoursePlan
	Schools     int // schools with any timetable
	Timetables  int // class grids and summary-table grades read
	Deviations  []TimetableDeviation
	Groups      []DeviationGroup // Deviations by grade and subject, as the report states them
	Missing     []TimetableMissing
	OverTotal   []TimetableOver
	Weekend     []TimetableWeekend
	DayLength   []TimetableDay
	NotProvided []TimetableNotProvided
	Mismatch    []TimetableMismatch
	Unknown     []UnknownLesson // names the plan does not know, counted as lessons
	// SummaryDiffers lists where a school's summary table says otherwise than its class grids for the
	// same grade ("拿所给课表与班级课表对比"); the grids are what is checked.
	SummaryDiffers []TimetableSummaryDiff
}

// TimetableSummaryDiff is a subject whose periods in a school's summary table differ from its class
// grids (the periods most of the grids have).
type TimetableSummaryDiff struct {
	School         string
	Grade          int
	Subject        string
	Summary, Grids float64
}

// TimetableDeviation is a subject's weekly periods outside the plan's bounds (Min or Max NaN when the
// plan does not state it).
type TimetableDeviation struct {
	School   string
	Grade    int
	Subject  string
	Periods  float64
	Min, Max float64
	Classes  []string
}

// DeviationGroup gathers the schools that deviate on one subject in one grade, by the periods they set.
type DeviationGroup struct {
	Grade    int
	Subject  string
	Min, Max float64
	Values   []DeviationValue // fewest periods first
	Schools  int              // distinct schools deviating
}

// DeviationValue is a number of periods and the schools that set it.
type DeviationValue struct {
	Periods float64
	Schools []string
}

// TimetableMissing is a required subject a school's timetable of a grade lacks ("副课根本没有").
type TimetableMissing struct {
	School  string
	Grade   int
	Subject string
	Classes []string
}

// TimetableOver is a weekly total above the plan's.
type TimetableOver struct {
	School  string
	Grade   int
	Periods float64
	Limit   int
	Classes []string
}

// TimetableWeekend is a timetable with lessons on Saturday or Sunday (周末上课).
type TimetableWeekend struct {
	School  string
	Grade   int
	Days    []string // 星期六, 星期日
	Periods float64  // lessons at the weekend, the most of any class
	Classes []string
}

// TimetableDay is the school day a timetable's period times give, in minutes after midnight.
type TimetableDay struct {
	School           string
	Grade            int
	Start, End       int // first lesson's start, last lesson's end
	Minutes          int // End - Start
	DayStart, DayEnd int // with timed rows that are no lessons (早读, 课后服务)
	Classes          []string
}

// TimetableNotProvided is a school that gave no timetable for some grades it teaches (未提供课表),
// listed once rather than as missing subjects. Grades is nil when the school's grades are unknown.
type TimetableNotProvided struct {
	School string
	Grades []int
	None   bool // the school gave no timetable at all
}

// TimetableMismatch is a school whose timetables have the full 艺术 and 体育与健康 periods while its
// students often report those lessons taken by other subjects (课表与学生反映不一致): the school is
// flagged on the indicator, StudentShare of its students report it.
type TimetableMismatch struct {
	School       string
	Indicator    string
	StudentShare float64
}

// UnknownLesson is a name in the timetables the course plan does not know.
type UnknownLesson struct {
	Name    string
	Periods float64
	Schools int
}

// occupiedIndicator is the indicator the timetables are cross-checked with.
const occupiedIndicator = "no_occupied_lessons"

// checkedSubjects are the subjects whose full periods make a students' report of occupied lessons
// stand against the timetable.
var checkedSubjects = []string{"艺术", "体育与健康"}

// AuditTimetables sets the timetables against the plan. schools are the county's schools (roster
// order); occupied is the students' result on no_occupied_lessons, or nil. It returns nil when
// there are no timetables or no plan.
func AuditTimetables(tts []surveys.Timetable, schools []surveys.School, plan *surveys.CoursePlan, occupied *IndicatorResult) *TimetableAudit {
	if len(tts) == 0 || plan == nil {
		return nil
	}
	a := &TimetableAudit{Plan: plan, Timetables: len(tts)}
	order := map[string]int{}
	for i, s := range schools {
		order[s.Name] = i
	}
	type sg struct {
		school string
		grade  int
	}
	byGrade := map[sg][]*surveys.Timetable{}
	var keys []sg
	for i := range tts {
		k := sg{tts[i].School, tts[i].Grade}
		if byGrade[k] == nil {
			keys = append(keys, k)
		}
		byGrade[k] = append(byGrade[k], &tts[i])
	}
	schoolRank := func(name string) int {
		if i, ok := order[name]; ok {
			return i
		}
		return len(schools)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := schoolRank(keys[i].school), schoolRank(keys[j].school)
		if ri != rj {
			return ri < rj
		}
		if keys[i].school != keys[j].school {
			return keys[i].school < keys[j].school
		}
		return keys[i].grade < keys[j].grade
	})
	hasGrade := map[sg]bool{}
	schoolSeen := map[string]bool{}
	full := map[string]bool{} // school → every timetable has the checked subjects in full
	unknown := map[string]*UnknownLesson{}
	unknownAt := map[string]map[string]bool{}
	for _, k := range keys {
		group := byGrade[k]
		var grids, summaries []*surveys.Timetable
		for _, t := range group {
			if t.Summary {
				summaries = append(summaries, t)
			} else {
				grids = append(grids, t)
			}
		}
		if len(grids) > 0 && len(summaries) > 0 {
			a.compareSummary(k.school, k.grade, summaries, grids, plan)
			group = grids
		}
		hasGrade[k] = true
		if !schoolSeen[k.school] {
			schoolSeen[k.school] = true
			full[k.school] = true
		}
		a.auditGrade(k.school, k.grade, group, plan)
		for _, t := range group {
			for _, s := range checkedSubjects {
				if !meetsPlan(t, s, plan) {
					full[k.school] = false
				}
			}
			for _, l := range t.Lessons {
				if l.Kind != surveys.LessonUnknown {
					continue
				}
				u := unknown[l.Subject]
				if u == nil {
					u = &UnknownLesson{Name: l.Subject}
					unknown[l.Subject] = u
					unknownAt[l.Subject] = map[string]bool{}
				}
				u.Periods += l.Periods
				if !unknownAt[l.Subject][t.School] {
					unknownAt[l.Subject][t.School] = true
					u.Schools++
				}
			}
		}
	}
	a.Schools = len(schoolSeen)
	for _, u := range unknown {
		a.Unknown = append(a.Unknown, *u)
	}
	sort.Slice(a.Unknown, func(i, j int) bool {
		if a.Unknown[i].Periods != a.Unknown[j].Periods {
			return a.Unknown[i].Periods > a.Unknown[j].Periods
		}
		return a.Unknown[i].Name < a.Unknown[j].Name
	})
	for _, s := range schools {
		np := TimetableNotProvided{School: s.Name, None: !schoolSeen[s.Name]}
		if s.Stage != "" {
			for g := 1; g <= 9; g++ {
				if s.Stage.HasGrade(g) && s.Enrolment[g] != 0 && !hasGrade[sg{s.Name, g}] {
					np.Grades = append(np.Grades, g)
				}
			}
			if len(np.Grades) == 0 {
				continue
			}
		} else if !np.None {
			continue
		}
		a.NotProvided = append(a.NotProvided, np)
	}
	if occupied != nil {
		for _, sr := range occupied.Schools {
			name := schools[sr.School].Name
			if sr.Flagged && !sr.Suppressed && schoolSeen[name] && full[name] {
				a.Mismatch = append(a.Mismatch, TimetableMismatch{School: name, Indicator: occupied.Indicator.Code, StudentShare: sr.ViolationShare()})
			}
		}
	}
	a.Groups = groupDeviations(a.Deviations, plan)
	return a
}

// compareSummary notes the subjects whose summary-table periods differ from the grids'.
func (a *TimetableAudit) compareSummary(school string, grade int, summaries, grids []*surveys.Timetable, plan *surveys.CoursePlan) {
	seen := map[string]bool{}
	var subjects []string
	for _, t := range append(append([]*surveys.Timetable(nil), summaries...), grids...) {
		for _, l := range t.Lessons {
			if !seen[l.Subject] {
				seen[l.Subject] = true
				subjects = append(subjects, l.Subject)
			}
		}
	}
	sort.SliceStable(subjects, func(i, j int) bool { return plan.SubjectOrder(subjects[i]) < plan.SubjectOrder(subjects[j]) })
	for _, s := range subjects {
		sum := 0.0
		for _, t := range summaries {
			sum += t.Periods(s)
		}
		vals, m := byValue(grids, func(t *surveys.Timetable) float64 { return t.Periods(s) })
		mode := vals[0]
		for _, v := range vals {
			if len(m[v]) > len(m[mode]) {
				mode = v
			}
		}
		if sum != mode {
			a.SummaryDiffers = append(a.SummaryDiffers, TimetableSummaryDiff{School: school, Grade: grade, Subject: s, Summary: sum, Grids: mode})
		}
	}
}

// meetsPlan reports whether a timetable has a subject with at least the plan's minimum periods.
func meetsPlan(t *surveys.Timetable, subject string, plan *surveys.CoursePlan) bool {
	p := t.Periods(subject)
	if p <= 0 {
		return false
	}
	lo, _, ok := plan.Bounds(t.Grade, subject)
	return !ok || math.IsNaN(lo) || p >= lo
}

// classesOf returns the class labels of the timetables in sub, or nil when sub is all of group.
func classesOf(sub, group []*surveys.Timetable) []string {
	if len(sub) == len(group) {
		return nil
	}
	var out []string
	for _, t := range sub {
		out = append(out, t.Class)
	}
	sort.Slice(out, func(i, j int) bool { return classLess(out[i], out[j]) })
	return out
}

func classLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x < y
	}
	return a < b
}

// byValue groups timetables by a value, in ascending order of the value.
func byValue(group []*surveys.Timetable, v func(*surveys.Timetable) float64) ([]float64, map[float64][]*surveys.Timetable) {
	m := map[float64][]*surveys.Timetable{}
	var vals []float64
	for _, t := range group {
		x := v(t)
		if m[x] == nil {
			vals = append(vals, x)
		}
		m[x] = append(m[x], t)
	}
	sort.Float64s(vals)
	return vals, m
}

// auditGrade checks the timetables one school gave for one grade.
func (a *TimetableAudit) auditGrade(school string, grade int, group []*surveys.Timetable, plan *surveys.CoursePlan) {
	required := map[string]bool{}
	for _, s := range plan.Required[grade] {
		required[s] = true
		var lacking []*surveys.Timetable
		for _, t := range group {
			if t.Periods(s) > 0 || hasAlternative(t, s, plan) {
				continue
			}
			lacking = append(lacking, t)
		}
		if len(lacking) > 0 {
			a.Missing = append(a.Missing, TimetableMissing{School: school, Grade: grade, Subject: s, Classes: classesOf(lacking, group)})
		}
	}
	for _, s := range plan.Subjects {
		lo, hi, ok := plan.Bounds(grade, s)
		if !ok {
			continue
		}
		var checked []*surveys.Timetable
		for _, t := range group {
			p := t.Periods(s)
			if hasAlternative(t, s, plan) && p == 0 {
				continue // taught as 科学 or 历史与社会
			}
			if p == 0 && required[s] {
				continue // reported as missing
			}
			checked = append(checked, t)
		}
		vals, m := byValue(checked, func(t *surveys.Timetable) float64 { return t.Periods(s) })
		for _, p := range vals {
			if (!math.IsNaN(lo) && p < lo) || (!math.IsNaN(hi) && p > hi) {
				a.Deviations = append(a.Deviations, TimetableDeviation{School: school, Grade: grade, Subject: s, Periods: p, Min: lo, Max: hi, Classes: classesOf(m[p], group)})
			}
		}
	}
	if limit := plan.WeeklyTotal[grade]; limit > 0 {
		vals, m := byValue(group, (*surveys.Timetable).Total)
		for _, p := range vals {
			if p > float64(limit) {
				a.OverTotal = append(a.OverTotal, TimetableOver{School: school, Grade: grade, Periods: p, Limit: limit, Classes: classesOf(m[p], group)})
			}
		}
	}
	var weekend []*surveys.Timetable
	days := map[string]bool{}
	most := 0.0
	for _, t := range group {
		if len(t.Weekend) > 0 {
			weekend = append(weekend, t)
			most = math.Max(most, t.WeekendPeriods)
			for _, d := range t.Weekend {
				days[d] = true
			}
		}
	}
	if len(weekend) > 0 {
		w := TimetableWeekend{School: school, Grade: grade, Periods: most, Classes: classesOf(weekend, group)}
		for _, d := range []string{"星期六", "星期日"} {
			if days[d] {
				w.Days = append(w.Days, d)
			}
		}
		a.Weekend = append(a.Weekend, w)
	}
	type span struct{ s, e, ds, de int }
	spans := map[span][]*surveys.Timetable{}
	var order []span
	for _, t := range group {
		if t.FirstStart < 0 {
			continue
		}
		k := span{t.FirstStart, t.LastEnd, t.DayStart, t.DayEnd}
		if spans[k] == nil {
			order = append(order, k)
		}
		spans[k] = append(spans[k], t)
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].s != order[j].s {
			return order[i].s < order[j].s
		}
		return order[i].e < order[j].e
	})
	for _, k := range order {
		a.DayLength = append(a.DayLength, TimetableDay{School: school, Grade: grade, Start: k.s, End: k.e, Minutes: k.e - k.s, DayStart: k.ds, DayEnd: k.de, Classes: classesOf(spans[k], group)})
	}
}

// hasAlternative reports whether a timetable teaches an integrated subject the plan accepts for s.
func hasAlternative(t *surveys.Timetable, s string, plan *surveys.CoursePlan) bool {
	for _, alt := range plan.AlternativesFor(t.Grade, s) {
		if t.Periods(alt) > 0 {
			return true
		}
	}
	return false
}

// groupDeviations gathers deviations by grade and subject, each school once per value.
func groupDeviations(devs []TimetableDeviation, plan *surveys.CoursePlan) []DeviationGroup {
	type gs struct {
		grade   int
		subject string
	}
	at := map[gs]int{}
	var out []DeviationGroup
	seen := map[gs]map[string]bool{}
	for _, d := range devs {
		k := gs{d.Grade, d.Subject}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, DeviationGroup{Grade: d.Grade, Subject: d.Subject, Min: d.Min, Max: d.Max})
			seen[k] = map[string]bool{}
		}
		g := &out[i]
		if !seen[k][d.School] {
			seen[k][d.School] = true
			g.Schools++
		}
		j := 0
		for j < len(g.Values) && g.Values[j].Periods < d.Periods {
			j++
		}
		if j == len(g.Values) || g.Values[j].Periods != d.Periods {
			g.Values = append(g.Values, DeviationValue{})
			copy(g.Values[j+1:], g.Values[j:])
			g.Values[j] = DeviationValue{Periods: d.Periods}
		}
		if n := len(g.Values[j].Schools); n == 0 || g.Values[j].Schools[n-1] != d.School {
			g.Values[j].Schools = append(g.Values[j].Schools, d.School)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Grade != out[j].Grade {
			return out[i].Grade < out[j].Grade
		}
		return plan.SubjectOrder(out[i].Subject) < plan.SubjectOrder(out[j].Subject)
	})
	return out
}

// BoundsText says what a plan sets for a subject's weekly periods: 每周4节, 每周3-4节, 每周不少于3节,
// 每周不超过8节 (min or max NaN when not stated; both NaN is "").
func BoundsText(lo, hi float64, lang Lang) string {
	p := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	zh := lang != English
	switch {
	case !math.IsNaN(lo) && lo == hi:
		return pick(zh, "每周"+p(lo)+"节", p(lo)+" a week")
	case !math.IsNaN(lo) && !math.IsNaN(hi):
		return pick(zh, "每周"+p(lo)+"-"+p(hi)+"节", p(lo)+"-"+p(hi)+" a week")
	case !math.IsNaN(lo):
		return pick(zh, "每周不少于"+p(lo)+"节", "at least "+p(lo)+" a week")
	case !math.IsNaN(hi):
		return pick(zh, "每周不超过"+p(hi)+"节", "at most "+p(hi)+" a week")
	}
	return ""
}

func pick(zh bool, a, b string) string {
	if zh {
		return a
	}
	return b
}

// Summary is the timetable finding in words for the 正文, as seed 002 writes it: how many schools'
// timetables differ from the plan, per grade and subject how, and the subjects missing.
func (a *TimetableAudit) Summary(lang Lang) string {
	if a == nil {
		return ""
	}
	off := map[string]bool{}
	for _, d := range a.Deviations {
		off[d.School] = true
	}
	for _, m := range a.Missing {
		off[m.School] = true
	}
	for _, o := range a.OverTotal {
		off[o.School] = true
	}
	for _, w := range a.Weekend {
		off[w.School] = true
	}
	periods := func(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }
	if lang == English {
		if len(off) == 0 {
			return fmt.Sprintf("The timetables of all %d schools keep to the course plan. ", a.Schools)
		}
		return fmt.Sprintf("Of the %d schools whose timetables were read, %d differ from the course plan (see the appendix on timetables). ", a.Schools, len(off))
	}
	if len(off) == 0 {
		return fmt.Sprintf("从%d所学校的课表看，课程门类、课时和周课时总量均符合课程方案。", a.Schools) + a.mismatchSentence()
	}
	var b strings.Builder
	if fine := a.Schools - len(off); fine > 0 {
		fmt.Fprintf(&b, "从%d所学校的课表看，除%d所学校基本符合课程方案外，%d所学校都有差异。", a.Schools, fine, len(off))
	} else {
		fmt.Fprintf(&b, "从%d所学校的课表看，各校都与课程方案有差异。", a.Schools)
	}
	var parts []string
	for _, g := range a.Groups {
		var vs []string
		for _, v := range g.Values {
			vs = append(vs, fmt.Sprintf("%d所学校设为%s节", len(v.Schools), periods(v.Periods)))
		}
		parts = append(parts, fmt.Sprintf("%s%s，课程计划%s，%s", GradeName(g.Grade), g.Subject, BoundsText(g.Min, g.Max, Chinese), strings.Join(vs, "，")))
	}
	if len(parts) > 0 {
		b.WriteString("如" + strings.Join(parts, "；") + "。")
	}
	if len(a.Missing) > 0 {
		var ms []string
		for _, m := range a.Missing {
			ms = append(ms, m.School+GradeName(m.Grade)+"没有"+m.Subject)
		}
		b.WriteString("一些所谓“副课”根本没有（" + strings.Join(ms, "；") + "）。")
	}
	if len(a.OverTotal) > 0 {
		var os []string
		for _, o := range a.OverTotal {
			os = append(os, fmt.Sprintf("%s%s每周%s节", o.School, GradeName(o.Grade), periods(o.Periods)))
		}
		fmt.Fprintf(&b, "周课时总量超过课程方案的有%s。", strings.Join(os, "、"))
	}
	if len(a.Weekend) > 0 {
		var ws []string
		for _, w := range a.Weekend {
			ws = append(ws, w.School+GradeName(w.Grade))
		}
		b.WriteString(strings.Join(ws, "、") + "的课表安排周末上课。")
	}
	b.WriteString(a.mismatchSentence())
	return b.String()
}

// mismatchSentence names the schools whose timetables have the full 艺术 and 体育与健康 periods while
// their students report those lessons taken (课表与学生反映不一致); "" when there are none. It belongs in
// the sentence whether or not the timetables keep to the plan: a plan kept on paper is its premise.
func (a *TimetableAudit) mismatchSentence() string {
	if len(a.Mismatch) == 0 {
		return ""
	}
	var ns []string
	for _, m := range a.Mismatch {
		ns = append(ns, m.School)
	}
	return strings.Join(ns, "、") + "课表开足了艺术和体育与健康课时，但学生较多反映这些课程被占用，课表与学生反映不一致。"
}
