package analysis

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

func demoPlan(t *testing.T) *surveys.CoursePlan {
	t.Helper()
	p, _, err := surveys.LoadProfile("qingxi-demo")
	if err != nil {
		t.Fatal(err)
	}
	return p.CoursePlan
}

// fullWeek is a grade-7 week that keeps to the qingxi-demo plan.
func fullWeek() map[string]float64 {
	return map[string]float64{"语文": 6, "数学": 4, "外语": 4, "道德与法治": 2, "历史": 2, "地理": 2, "生物学": 3, "信息科技": 1, "体育与健康": 3, "艺术": 2, "劳动": 1, "综合实践活动": 2}
}

// tt builds a grade-7 timetable of a school from a full week changed by edits (a value of 0 removes
// the subject).
func tt(school, class string, edits map[string]float64) surveys.Timetable {
	t := surveys.Timetable{School: school, Grade: 7, Class: class, FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
	w := fullWeek()
	for s, n := range edits {
		w[s] = n
	}
	for _, s := range []string{"语文", "数学", "外语", "道德与法治", "历史", "地理", "生物学", "物理", "科学", "历史与社会", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动", "书法"} {
		if w[s] > 0 {
			kind := surveys.LessonSubject
			if s == "书法" {
				kind = surveys.LessonUnknown
			}
			t.Add(s, kind, w[s])
		}
	}
	return t
}

func junior(names ...string) []surveys.School {
	var out []surveys.School
	for _, n := range names {
		s := surveys.School{Name: n, Stage: surveys.StageJunior}
		for g := range s.Enrolment {
			s.Enrolment[g] = -1
		}
		s.Enrolment[8], s.Enrolment[9] = 0, 0 // these schools have only 七年级 this year
		out = append(out, s)
	}
	return out
}

func TestAuditTimetablesByRule(t *testing.T) {
	plan := demoPlan(t)
	nan := math.NaN()
	cases := []struct {
		name     string
		tts      []surveys.Timetable
		schools  []surveys.School
		dev      []TimetableDeviation
		missing  []TimetableMissing
		over     []TimetableOver
		provided []TimetableNotProvided
	}{
		{name: "keeps to the plan", tts: []surveys.Timetable{tt("甲中学", "1", nil)}, schools: junior("甲中学")},
		{name: "seed: 数学 5 at two schools",
			tts:     []surveys.Timetable{tt("甲中学", "1", map[string]float64{"数学": 5}), tt("乙中学", "", map[string]float64{"数学": 5})},
			schools: junior("甲中学", "乙中学"),
			dev:     []TimetableDeviation{{School: "甲中学", Grade: 7, Subject: "数学", Periods: 5, Min: 4, Max: 4}, {School: "乙中学", Grade: 7, Subject: "数学", Periods: 5, Min: 4, Max: 4}}},
		{name: "integrated science stands for 生物学 and 历史与社会 for 历史, 地理",
			tts:     []surveys.Timetable{tt("甲中学", "1", map[string]float64{"生物学": 0, "科学": 3, "历史": 0, "地理": 0, "历史与社会": 4})},
			schools: junior("甲中学")},
		{name: "a missing subject is not also a deviation",
			tts:     []surveys.Timetable{tt("甲中学", "1", map[string]float64{"生物学": 0, "劳动": 0})},
			schools: junior("甲中学"),
			missing: []TimetableMissing{{School: "甲中学", Grade: 7, Subject: "生物学"}, {School: "甲中学", Grade: 7, Subject: "劳动"}}},
		{name: "one class of two differs",
			tts:     []surveys.Timetable{tt("甲中学", "1", nil), tt("甲中学", "2", map[string]float64{"劳动": 0, "体育与健康": 2.5})},
			schools: junior("甲中学"),
			dev:     []TimetableDeviation{{School: "甲中学", Grade: 7, Subject: "体育与健康", Periods: 2.5, Min: 3, Max: nan, Classes: []string{"2"}}},
			missing: []TimetableMissing{{School: "甲中学", Grade: 7, Subject: "劳动", Classes: []string{"2"}}}},
		{name: "above the weekly total, an unknown name counting",
			tts:     []surveys.Timetable{tt("甲中学", "1", map[string]float64{"书法": 3}), tt("甲中学", "2", map[string]float64{"书法": 2})},
			schools: junior("甲中学"),
			over:    []TimetableOver{{School: "甲中学", Grade: 7, Periods: 35, Limit: 34, Classes: []string{"1"}}}},
		{name: "grades not provided are listed once; a school with none at all",
			tts:      []surveys.Timetable{tt("甲中学", "1", nil)},
			schools:  append(junior("甲中学"), surveys.School{Name: "丙中学", Stage: surveys.StageJunior, Enrolment: [10]int{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}}, surveys.School{Name: "丁小学"}),
			provided: []TimetableNotProvided{{School: "丙中学", Grades: []int{7, 8, 9}, None: true}, {School: "丁小学", None: true}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := AuditTimetables(c.tts, c.schools, plan, nil)
			check := func(what string, got, want any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %+v\nwant %+v", what, got, want)
				}
			}
			// NaN never equals itself: compare deviations field by field.
			if len(a.Deviations) != len(c.dev) {
				t.Errorf("deviations = %+v, want %+v", a.Deviations, c.dev)
			} else {
				for i, d := range a.Deviations {
					w := c.dev[i]
					same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
					if d.School != w.School || d.Grade != w.Grade || d.Subject != w.Subject || d.Periods != w.Periods || !same(d.Min, w.Min) || !same(d.Max, w.Max) || !reflect.DeepEqual(d.Classes, w.Classes) {
						t.Errorf("deviation %d = %+v, want %+v", i, d, w)
					}
				}
			}
			check("missing", a.Missing, c.missing)
			check("over", a.OverTotal, c.over)
			check("not provided", a.NotProvided, c.provided)
		})
	}
	if a := AuditTimetables(nil, junior("甲中学"), plan, nil); a != nil {
		t.Errorf("no timetables gave %+v", a)
	}
}

func TestAuditGroups(t *testing.T) {
	plan := demoPlan(t)
	tts := []surveys.Timetable{
		tt("甲中学", "1", map[string]float64{"数学": 5}), tt("乙中学", "1", map[string]float64{"数学": 5}),
		tt("丙中学", "1", map[string]float64{"数学": 3, "外语": 5}), tt("丙中学", "2", map[string]float64{"数学": 5}),
	}
	a := AuditTimetables(tts, junior("甲中学", "乙中学", "丙中学"), plan, nil)
	want := []DeviationGroup{
		{Grade: 7, Subject: "数学", Min: 4, Max: 4, Schools: 3, Values: []DeviationValue{{3, []string{"丙中学"}}, {5, []string{"甲中学", "乙中学", "丙中学"}}}},
		{Grade: 7, Subject: "外语", Min: 4, Max: 4, Schools: 1, Values: []DeviationValue{{5, []string{"丙中学"}}}},
	}
	if !reflect.DeepEqual(a.Groups, want) {
		t.Errorf("groups = %+v\nwant %+v", a.Groups, want)
	}
}

// TestAuditMismatch: a school whose timetable has the full arts and PE periods while its students,
// flagged on no_occupied_lessons, report them taken is named; one whose timetable lacks them, one
// not flagged and one suppressed are not.
func TestAuditMismatch(t *testing.T) {
	plan := demoPlan(t)
	schools := junior("甲中学", "乙中学", "丙中学", "丁中学")
	tts := []surveys.Timetable{tt("甲中学", "1", nil), tt("乙中学", "1", map[string]float64{"体育与健康": 2}), tt("丙中学", "1", nil), tt("丁中学", "1", nil)}
	est := func(comply, violate int, flagged, suppressed bool) Estimate {
		e := Estimate{Counts: Counts{Valid: comply + violate, Comply: comply, Violate: violate}, Flagged: flagged, Suppressed: suppressed}
		e.P = float64(comply) / float64(comply+violate)
		if flagged {
			e.Flag = FlagConfirmed
		}
		return e
	}
	ir := &IndicatorResult{Indicator: &surveys.Indicator{Code: "no_occupied_lessons"}, Schools: []SchoolResult{
		{School: 0, Estimate: est(60, 40, true, false)},
		{School: 1, Estimate: est(60, 40, true, false)},
		{School: 2, Estimate: est(95, 5, false, false)},
		{School: 3, Estimate: est(3, 5, true, true)},
	}}
	a := AuditTimetables(tts, schools, plan, ir)
	want := []TimetableMismatch{{School: "甲中学", Indicator: "no_occupied_lessons", StudentShare: 0.4}}
	if !reflect.DeepEqual(a.Mismatch, want) {
		t.Errorf("mismatch = %+v, want %+v", a.Mismatch, want)
	}
}

// TestAuditSummaryAndGrids: when a school sends both, the grids are checked and the summary table's
// differences from them are listed.
func TestAuditSummaryAndGrids(t *testing.T) {
	plan := demoPlan(t)
	sum := tt("甲中学", "", map[string]float64{"劳动": 0})
	sum.Summary = true
	tts := []surveys.Timetable{sum, tt("甲中学", "1", map[string]float64{"数学": 5}), tt("甲中学", "2", map[string]float64{"数学": 5}), tt("甲中学", "3", nil)}
	a := AuditTimetables(tts, junior("甲中学"), plan, nil)
	want := []TimetableSummaryDiff{{School: "甲中学", Grade: 7, Subject: "数学", Summary: 4, Grids: 5}, {School: "甲中学", Grade: 7, Subject: "劳动", Summary: 0, Grids: 1}}
	if !reflect.DeepEqual(a.SummaryDiffers, want) {
		t.Errorf("differs = %+v\nwant %+v", a.SummaryDiffers, want)
	}
	if len(a.Missing) != 0 || len(a.Deviations) != 1 || !reflect.DeepEqual(a.Deviations[0].Classes, []string{"1", "2"}) {
		t.Errorf("the grids, not the summary, are checked: missing %+v, deviations %+v", a.Missing, a.Deviations)
	}
}

func TestAuditWeekendAndDay(t *testing.T) {
	plan := demoPlan(t)
	a1 := tt("甲中学", "1", nil)
	a1.Weekend, a1.WeekendPeriods = []string{"星期六"}, 4
	a1.FirstStart, a1.LastEnd, a1.DayStart, a1.DayEnd = 480, 990, 450, 1050
	a2 := tt("甲中学", "2", nil)
	a2.FirstStart, a2.LastEnd, a2.DayStart, a2.DayEnd = 480, 990, 450, 1050
	a := AuditTimetables([]surveys.Timetable{a1, a2}, junior("甲中学"), plan, nil)
	if want := []TimetableWeekend{{School: "甲中学", Grade: 7, Days: []string{"星期六"}, Periods: 4, Classes: []string{"1"}}}; !reflect.DeepEqual(a.Weekend, want) {
		t.Errorf("weekend = %+v", a.Weekend)
	}
	if want := []TimetableDay{{School: "甲中学", Grade: 7, Start: 480, End: 990, Minutes: 510, DayStart: 450, DayEnd: 1050}}; !reflect.DeepEqual(a.DayLength, want) {
		t.Errorf("day = %+v", a.DayLength)
	}
}

func TestTimetableSummary(t *testing.T) {
	plan := demoPlan(t)
	tts := []surveys.Timetable{
		tt("甲中学", "1", map[string]float64{"数学": 5}), tt("乙中学", "1", map[string]float64{"数学": 5, "劳动": 0}), tt("丙中学", "1", nil),
	}
	a := AuditTimetables(tts, junior("甲中学", "乙中学", "丙中学"), plan, nil)
	want := "从3所学校的课表看，除1所学校基本符合课程方案外，2所学校都有差异。如七年级数学，课程计划每周4节，2所学校设为5节。一些所谓“副课”根本没有（乙中学七年级没有劳动）。"
	if got := a.Summary(Chinese); got != want {
		t.Errorf("Summary =\n%s\nwant\n%s", got, want)
	}
	var none *TimetableAudit
	if none.Summary(Chinese) != "" {
		t.Error("no audit, no words")
	}
}

func ExampleBoundsText() {
	nan := math.NaN()
	for _, b := range [][2]float64{{4, 4}, {3, 4}, {3, nan}, {nan, 8}} {
		fmt.Println(BoundsText(b[0], b[1], Chinese), "|", BoundsText(b[0], b[1], English))
	}
	// Output:
	// 每周4节 | 4 a week
	// 每周3-4节 | 3-4 a week
	// 每周不少于3节 | at least 3 a week
	// 每周不超过8节 | at most 8 a week
}
