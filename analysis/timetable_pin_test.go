package analysis

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestAuditNationalPlanPinned pins the audit against national-2021's course plan at every threshold the
// spec states (teachers-and-timetables.md, "课表 and the course plan"): weekly totals of 26 periods in
// grades 1-2, 30 in 3-6 and 34 in 7-9 (a total at the limit is no finding, one period more is);
// 体育与健康 at least 4 periods in grades 1-2 and 3 in 3-9; 劳动 at least 1 (an alternate-week 0.5 is a
// deviation, not a missing subject); the subjects each grade must have; and 科学 standing for 物理, 化学
// and 生物学, 历史与社会 for 历史 and 地理, in grades 7-9.
func TestAuditNationalPlanPinned(t *testing.T) {
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	plan := p.CoursePlan
	// The spec's lists, grade by grade.
	required := func(g int) []string {
		out := []string{"道德与法治", "语文", "数学", "体育与健康", "艺术", "劳动", "综合实践活动"}
		for _, r := range []struct {
			from, to int
			subject  string
		}{{3, 9, "外语"}, {1, 6, "科学"}, {3, 8, "信息科技"}, {7, 9, "历史"}, {7, 8, "地理"}, {7, 8, "生物学"}, {8, 9, "物理"}, {9, 9, "化学"}} {
			if g >= r.from && g <= r.to {
				out = append(out, r.subject)
			}
		}
		slices.Sort(out)
		return out
	}
	total := func(g int) int {
		switch {
		case g <= 2:
			return 26
		case g <= 6:
			return 30
		}
		return 34
	}
	peMin := func(g int) float64 {
		if g <= 2 {
			return 4
		}
		return 3
	}
	// week returns a timetable of grade g with the lessons given, 语文 filling the week up to fill periods.
	week := func(g int, lessons map[string]float64, fill float64) surveys.Timetable {
		tm := surveys.Timetable{School: "甲校", Grade: g, Class: "1", FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
		sum := 0.0
		for _, s := range slices.Sorted(maps.Keys(lessons)) {
			if s != "语文" {
				tm.Add(s, surveys.LessonSubject, lessons[s])
				sum += lessons[s]
			}
		}
		tm.Add("语文", surveys.LessonSubject, fill-sum)
		return tm
	}
	// compliant is grade g's required subjects, one period each, 体育与健康 at its minimum.
	compliant := func(g int) map[string]float64 {
		m := map[string]float64{}
		for _, s := range required(g) {
			m[s] = 1
		}
		m["体育与健康"] = peMin(g)
		return m
	}
	audit := func(tm surveys.Timetable) *TimetableAudit {
		return AuditTimetables([]surveys.Timetable{tm}, nil, plan, nil)
	}
	for g := 1; g <= 9; g++ {
		t.Run(GradeName(g), func(t *testing.T) {
			// Nothing but an unknown lesson: every required subject is missing, nothing else.
			bare := surveys.Timetable{School: "甲校", Grade: g, Class: "1", FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
			bare.Add("书法", surveys.LessonUnknown, 1)
			a := audit(bare)
			var missing []string
			for _, m := range a.Missing {
				missing = append(missing, m.Subject)
			}
			slices.Sort(missing)
			if !reflect.DeepEqual(missing, required(g)) || len(a.Deviations) != 0 {
				t.Errorf("bare week: missing %v, deviations %+v; want missing %v and no deviation", missing, a.Deviations, required(g))
			}
			// The plan kept, at the weekly total exactly.
			a = audit(week(g, compliant(g), float64(total(g))))
			if len(a.Missing)+len(a.Deviations)+len(a.OverTotal) != 0 {
				t.Errorf("compliant week of %d: missing %+v, deviations %+v, over %+v", total(g), a.Missing, a.Deviations, a.OverTotal)
			}
			// One period above the total.
			a = audit(week(g, compliant(g), float64(total(g)+1)))
			if want := []TimetableOver{{School: "甲校", Grade: g, Periods: float64(total(g) + 1), Limit: total(g)}}; !reflect.DeepEqual(a.OverTotal, want) {
				t.Errorf("over total = %+v, want %+v", a.OverTotal, want)
			}
			// 体育与健康 one below its minimum; 劳动 every other week.
			w := compliant(g)
			w["体育与健康"] = peMin(g) - 1
			w["劳动"] = 0.5
			a = audit(week(g, w, float64(total(g))))
			var devs []string
			for _, d := range a.Deviations {
				devs = append(devs, fmt.Sprintf("%s %v<%v", d.Subject, d.Periods, d.Min))
			}
			if want := []string{fmt.Sprintf("体育与健康 %v<%v", peMin(g)-1, peMin(g)), "劳动 0.5<1"}; !reflect.DeepEqual(devs, want) || len(a.Missing) != 0 {
				t.Errorf("deviations %v, missing %+v; want %v and none missing", devs, a.Missing, want)
			}
			if g < 7 {
				return
			}
			// Integrated 科学 and 历史与社会 instead of the separate subjects.
			w = compliant(g)
			for _, s := range []string{"物理", "化学", "生物学", "历史", "地理"} {
				delete(w, s)
			}
			w["科学"], w["历史与社会"] = 2, 2
			a = audit(week(g, w, float64(total(g))))
			if len(a.Missing) != 0 {
				t.Errorf("科学 and 历史与社会 taught: missing %+v", a.Missing)
			}
		})
	}
}

// TestAuditMismatchPinned pins the cross-check with the students' answers (teachers-and-timetables.md:
// "a school whose timetable has the full 艺术 and 体育与健康 hours while its students report those lessons
// are often occupied is named as 课表与学生反映不一致"): named only when confirmed (需整改; a 需关注 school is
// not), not suppressed, with a timetable, and with every timetable it gave, in every grade, at or above
// the plan's minimum for both subjects; the share named is the students' violation share.
func TestAuditMismatchPinned(t *testing.T) {
	plan := auditPlan() // grade 7: 体育与健康 ≥ 3, 艺术 ≥ 1
	week := func(school string, grade int, pe, art float64) surveys.Timetable {
		return auditTimetable(school, grade, "1", "语文", 2.0, "数学", 2.0, "历史", 1.0, "地理", 1.0, "体育与健康", pe, "艺术", art)
	}
	schools := []surveys.School{{Name: "甲中学"}, {Name: "乙中学"}, {Name: "丙中学"}, {Name: "丁中学"}, {Name: "戊中学"}, {Name: "己中学"}}
	tts := []surveys.Timetable{
		week("甲中学", 7, 3, 1),                         // at both minimums: full
		week("乙中学", 7, 3, 0.5),                       // 艺术 every other week: not full
		week("丙中学", 7, 3, 1), week("丙中学", 8, 2.5, 1), // grade 8 short of 体育与健康: not full
		week("丁中学", 7, 4, 2), // full, but only 需关注
		week("戊中学", 7, 4, 2), // full, confirmed: named
		// 己中学 gave no timetable
	}
	est := func(comply, violate int, flag Flag) Estimate {
		return Estimate{Counts: Counts{Comply: comply, Violate: violate}, P: float64(comply) / float64(comply+violate), Flag: flag, Flagged: flag == FlagConfirmed}
	}
	occupied := &IndicatorResult{Indicator: &surveys.Indicator{Code: occupiedIndicator}, Schools: []SchoolResult{
		{School: 0, Estimate: est(30, 20, FlagConfirmed)},
		{School: 1, Estimate: est(30, 20, FlagConfirmed)},
		{School: 2, Estimate: est(30, 20, FlagConfirmed)},
		{School: 3, Estimate: est(40, 10, FlagPossible)},
		{School: 4, Estimate: est(15, 35, FlagConfirmed)},
		{School: 5, Estimate: est(10, 40, FlagConfirmed)},
	}}
	a := AuditTimetables(tts, schools, plan, occupied)
	// 甲: 20 of 50 violate = 0.4; 戊: 35 of 50 = 0.7.
	want := []TimetableMismatch{{School: "甲中学", Indicator: occupiedIndicator, StudentShare: 0.4}, {School: "戊中学", Indicator: occupiedIndicator, StudentShare: 0.7}}
	if len(a.Mismatch) != len(want) {
		t.Fatalf("mismatch = %+v, want %+v", a.Mismatch, want)
	}
	for i, w := range want {
		if g := a.Mismatch[i]; g.School != w.School || g.Indicator != w.Indicator || !(math.Abs(g.StudentShare-w.StudentShare) <= 1e-12) {
			t.Errorf("mismatch %d = %+v, want %+v", i, g, w)
		}
	}
}

// TestAuditWeekendAndDayPinned pins the weekend and day-length findings: the weekend lessons are the
// most of any class (not their sum), days in week order; a school day is End − Start of the lessons,
// one finding per distinct span, earliest start first, then earliest end; a time of 0 (00:00) is a
// time, only −1 means none.
func TestAuditWeekendAndDayPinned(t *testing.T) {
	plan := auditPlan()
	mk := func(class string, days []string, periods float64, start, end int) surveys.Timetable {
		tm := full("甲中学", class)
		tm.Weekend, tm.WeekendPeriods = days, periods
		tm.FirstStart, tm.LastEnd, tm.DayStart, tm.DayEnd = start, end, start, end
		return tm
	}
	tts := []surveys.Timetable{
		mk("1", []string{"星期日"}, 2, 480, 1020),
		mk("2", []string{"星期六", "星期日"}, 3, 470, 1050),
		mk("3", nil, 0, 480, 1000),
		mk("4", nil, 0, 0, 45),
		mk("5", nil, 0, -1, -1),
	}
	a := AuditTimetables(tts, nil, plan, nil)
	if want := []TimetableWeekend{{School: "甲中学", Grade: 7, Days: []string{"星期六", "星期日"}, Periods: 3, Classes: []string{"1", "2"}}}; !reflect.DeepEqual(a.Weekend, want) {
		t.Errorf("weekend = %+v\nwant %+v", a.Weekend, want)
	}
	want := []TimetableDay{
		{School: "甲中学", Grade: 7, Start: 0, End: 45, Minutes: 45, DayStart: 0, DayEnd: 45, Classes: []string{"4"}},
		{School: "甲中学", Grade: 7, Start: 470, End: 1050, Minutes: 580, DayStart: 470, DayEnd: 1050, Classes: []string{"2"}},
		{School: "甲中学", Grade: 7, Start: 480, End: 1000, Minutes: 520, DayStart: 480, DayEnd: 1000, Classes: []string{"3"}},
		{School: "甲中学", Grade: 7, Start: 480, End: 1020, Minutes: 540, DayStart: 480, DayEnd: 1020, Classes: []string{"1"}},
	}
	if !reflect.DeepEqual(a.DayLength, want) {
		t.Errorf("day length = %+v\nwant %+v", a.DayLength, want)
	}
}

// TestAuditSummaryTablePinned pins the summary table set beside the class grids: no difference is
// listed for grids alone; the grids' value is the one most of them have, a tie going to the fewer
// periods; subjects in the plan's order, names the plan does not know after them in the order first
// seen.
func TestAuditSummaryTablePinned(t *testing.T) {
	plan := auditPlan()
	grids := func() []surveys.Timetable {
		return []surveys.Timetable{
			auditTimetable("甲中学", 7, "1", "语文", 2.0, "数学", 4.0, "体育与健康", 3.0, "艺术", 1.0, "书法", 1.0, "棋类", 1.0),
			auditTimetable("甲中学", 7, "2", "语文", 2.0, "数学", 3.0, "体育与健康", 3.0, "艺术", 1.0, "书法", 1.0, "棋类", 1.0),
		}
	}
	if a := AuditTimetables(grids(), nil, plan, nil); a.SummaryDiffers != nil {
		t.Errorf("grids alone: differs %+v, want none", a.SummaryDiffers)
	}
	sum := auditTimetable("甲中学", 7, "", "棋类", 2.0, "书法", 2.0, "数学", 4.0, "体育与健康", 3.0, "语文", 2.0)
	sum.Summary = true
	a := AuditTimetables(append(grids(), sum), nil, plan, nil)
	// 数学: grids 4 and 3, a tie: 3, so the summary's 4 differs. 艺术: absent from the summary (0)
	// against 1. 书法 and 棋类: 2 against 1, in the order the summary lists them, after the plan's.
	want := []TimetableSummaryDiff{
		{School: "甲中学", Grade: 7, Subject: "数学", Summary: 4, Grids: 3},
		{School: "甲中学", Grade: 7, Subject: "艺术", Summary: 0, Grids: 1},
		{School: "甲中学", Grade: 7, Subject: "棋类", Summary: 2, Grids: 1},
		{School: "甲中学", Grade: 7, Subject: "书法", Summary: 2, Grids: 1},
	}
	if !reflect.DeepEqual(a.SummaryDiffers, want) {
		t.Errorf("differs = %+v\nwant %+v", a.SummaryDiffers, want)
	}
}

// TestTimetableSummaryPinned pins the 正文's timetable sentence (seed 002: "初一数学国家标准每周4节，9所学校设为
// 5节"; "一些所谓'副课'根本没有"): which findings make a school differ (deviations, missing subjects, totals
// above the plan, weekend lessons; not the cross-check with the answers), the count of schools that keep
// to the plan, each part only when it has something to say, and the cross-check named in every case.
func TestTimetableSummaryPinned(t *testing.T) {
	nan := math.NaN()
	groups := []DeviationGroup{{Grade: 7, Subject: "数学", Min: 4, Max: 4, Schools: 1, Values: []DeviationValue{{5, []string{"甲中学"}}}}}
	tests := []struct {
		name string
		a    TimetableAudit
		want string
	}{
		{"every kind of finding",
			TimetableAudit{Schools: 6,
				Deviations: []TimetableDeviation{{School: "甲中学", Grade: 7, Subject: "数学", Periods: 5, Min: 4, Max: 4}},
				Groups:     groups,
				Missing:    []TimetableMissing{{School: "乙中学", Grade: 7, Subject: "劳动"}},
				OverTotal:  []TimetableOver{{School: "丙中学", Grade: 8, Periods: 35.5, Limit: 34}},
				Weekend:    []TimetableWeekend{{School: "丁中学", Grade: 9, Days: []string{"星期六"}, Periods: 4}},
				Mismatch:   []TimetableMismatch{{School: "戊中学", Indicator: occupiedIndicator, StudentShare: 0.4}}},
			"从6所学校的课表看，除2所学校基本符合课程方案外，4所学校都有差异。如七年级数学，课程计划每周4节，1所学校设为5节。" +
				"一些所谓“副课”根本没有（乙中学七年级没有劳动）。周课时总量超过课程方案的有丙中学八年级每周35.5节。丁中学九年级的课表安排周末上课。" +
				"戊中学课表开足了艺术和体育与健康课时，但学生较多反映这些课程被占用，课表与学生反映不一致。"},
		{"every school differs",
			TimetableAudit{Schools: 2, Groups: groups,
				Deviations: []TimetableDeviation{{School: "甲中学", Grade: 7, Subject: "数学", Periods: 5, Min: 4, Max: 4}},
				Weekend:    []TimetableWeekend{{School: "乙中学", Grade: 7}, {School: "甲中学", Grade: 8}}},
			"从2所学校的课表看，各校都与课程方案有差异。如七年级数学，课程计划每周4节，1所学校设为5节。乙中学七年级、甲中学八年级的课表安排周末上课。"},
		{"only a weekend: no deviation or missing part",
			TimetableAudit{Schools: 3, Weekend: []TimetableWeekend{{School: "甲中学", Grade: 7}}},
			"从3所学校的课表看，除2所学校基本符合课程方案外，1所学校都有差异。甲中学七年级的课表安排周末上课。"},
		{"a maximum only, two values",
			TimetableAudit{Schools: 3,
				Deviations: []TimetableDeviation{{School: "甲中学", Grade: 8, Subject: "数学", Periods: 6, Min: nan, Max: 4}},
				Groups:     []DeviationGroup{{Grade: 8, Subject: "数学", Min: nan, Max: 4, Schools: 3, Values: []DeviationValue{{5, []string{"甲中学", "乙中学"}}, {6, []string{"甲中学"}}}}}},
			"从3所学校的课表看，除2所学校基本符合课程方案外，1所学校都有差异。如八年级数学，课程计划每周不超过4节，2所学校设为5节，1所学校设为6节。"},
		{"all keep to the plan",
			TimetableAudit{Schools: 3},
			"从3所学校的课表看，课程门类、课时和周课时总量均符合课程方案。"},
		{"all keep to the plan, yet students report occupied lessons",
			TimetableAudit{Schools: 3, Mismatch: []TimetableMismatch{{School: "甲中学", Indicator: occupiedIndicator, StudentShare: 0.4}, {School: "乙中学", Indicator: occupiedIndicator, StudentShare: 0.3}}},
			"从3所学校的课表看，课程门类、课时和周课时总量均符合课程方案。甲中学、乙中学课表开足了艺术和体育与健康课时，但学生较多反映这些课程被占用，课表与学生反映不一致。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Summary(Chinese); got != tt.want {
				t.Errorf("Summary\n got  %s\n want %s", got, tt.want)
			}
			// The English sentence states the same counts (its wording is the English text's to choose).
			en := tt.a.Summary(English)
			if en == "" || !strings.Contains(en, fmt.Sprint(tt.a.Schools)) {
				t.Errorf("Summary(en) = %q; want the %d schools", en, tt.a.Schools)
			}
		})
	}
	// English: how many of how many differ.
	a := TimetableAudit{Schools: 7, Weekend: []TimetableWeekend{{School: "甲中学", Grade: 7}, {School: "乙中学", Grade: 7}, {School: "甲中学", Grade: 8}}}
	if en, fine := a.Summary(English), (&TimetableAudit{Schools: 7}).Summary(English); !strings.Contains(en, "7") || !strings.Contains(en, "2") || en == fine {
		t.Errorf("Summary(en) = %q (all fine: %q); want 2 of 7 differing, unlike all fine", en, fine)
	}
}

// TestAnalyzeTimetableMismatchPinned pins which answers the timetables are cross-checked with
// (teachers-and-timetables.md: "... while its students report those lessons are often occupied"): the
// students' no_occupied_lessons, not the teachers'. 甲中学: 30 of 40 students report 音体美 taken (经常), its
// 20 teachers say never; 乙中学: students say never, its 20 teachers say 经常. Both timetables have 艺术 2
// and 体育与健康 3 (national-2021: at least 3 in grade 7). Only 甲中学 is named, with the students' 75%.
func TestAnalyzeTimetableMismatchPinned(t *testing.T) {
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	stu, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	tea, err := surveys.Builtin("teacher")
	if err != nil {
		t.Fatal(err)
	}
	schools := []surveys.School{{Code: "1", Name: "甲中学", Stage: surveys.StageJunior}, {Code: "2", Name: "乙中学", Stage: surveys.StageJunior}}
	// dataset gives n respondents of grade 7 in each school; answer(school, k) is the occupied_lessons
	// option of the k-th, every other choice question answered with its first option.
	dataset := func(q *surveys.Questionnaire, n int, answer func(s, k int) surveys.Answer) *surveys.Dataset {
		d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions)),
			Classes: []surveys.ClassKey{{School: 0, Grade: 7, Label: "1"}, {School: 1, Grade: 7, Label: "1"}}}
		for i := range q.Questions {
			if q.Questions[i].Kind == surveys.KindChoice {
				d.Answers[i] = []surveys.Answer{}
			}
		}
		occ := q.Index("occupied_lessons")
		for s := range 2 {
			for k := range n {
				d.School, d.Grade, d.Class = append(d.School, uint16(s)), append(d.Grade, 7), append(d.Class, uint32(s))
				for i := range d.Answers {
					if d.Answers[i] == nil {
						continue
					}
					a := surveys.Answer(1)
					if i == occ {
						a = answer(s, k)
					}
					d.Answers[i] = append(d.Answers[i], a)
				}
			}
		}
		return d
	}
	// Students: 从不, 偶尔, 经常; teachers: 经常, 偶尔, 从不.
	sd := dataset(stu, 40, func(s, k int) surveys.Answer {
		if s == 0 && k < 30 {
			return 3
		}
		return 1
	})
	td := dataset(tea, 20, func(s, k int) surveys.Answer {
		if s == 1 {
			return 1
		}
		return 3
	})
	week := func(school string) surveys.Timetable {
		tm := surveys.Timetable{School: school, Grade: 7, Class: "1", FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
		for _, l := range []struct {
			s string
			p float64
		}{{"语文", 6}, {"数学", 5}, {"外语", 4}, {"道德与法治", 2}, {"历史", 2}, {"地理", 2}, {"生物学", 2}, {"信息科技", 1}, {"体育与健康", 3}, {"艺术", 2}, {"劳动", 1}, {"综合实践活动", 1}} {
			tm.Add(l.s, surveys.LessonSubject, l.p)
		}
		return tm
	}
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{sd, td}, Schools: schools, Profile: p, RosterGiven: true,
		Timetables: []surveys.Timetable{week("甲中学"), week("乙中学")}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Timetable == nil {
		t.Fatal("no timetable audit")
	}
	if ir := r.Indicator("no_occupied_lessons", "teacher"); ir == nil || len(ir.Flagged) != 1 {
		t.Fatalf("the teachers' result should flag 乙中学: %+v", ir)
	}
	got := r.Timetable.Mismatch
	if len(got) != 1 || got[0].School != "甲中学" || got[0].Indicator != "no_occupied_lessons" || !(math.Abs(got[0].StudentShare-0.75) <= 1e-12) {
		t.Errorf("mismatch = %+v, want 甲中学 at 75%% (the students' answers)", got)
	}
}
