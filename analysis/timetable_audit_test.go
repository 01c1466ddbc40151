package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// A course plan and a county of timetables whose audit is counted by hand below. The plan is made up
// for the test so that every kind of bound is present: a minimum (体育与健康 ≥ 3, 艺术 ≥ 1), a maximum
// (数学 ≤ 4), both (地理 1-2), a weekly total (grade 7: 10) and an integrated subject (历史与社会 for
// 历史 and 地理).
func auditPlan() *surveys.CoursePlan {
	nan := math.NaN()
	return &surveys.CoursePlan{
		Source:      "测试方案",
		Subjects:    []string{"语文", "数学", "历史", "地理", "历史与社会", "体育与健康", "艺术"},
		WeeklyTotal: [10]int{7: 10},
		Required:    [10][]string{7: {"语文", "数学", "历史", "地理", "体育与健康", "艺术"}},
		Alternatives: []surveys.Alternative{
			{FromGrade: 7, ToGrade: 9, Subject: "历史与社会", Replaces: []string{"历史", "地理"}},
		},
		Periods: []surveys.SubjectPeriods{
			{FromGrade: 7, ToGrade: 9, Subject: "体育与健康", Min: 3, Max: nan},
			{FromGrade: 7, ToGrade: 9, Subject: "数学", Min: nan, Max: 4},
			{FromGrade: 7, ToGrade: 9, Subject: "艺术", Min: 1, Max: nan},
			{FromGrade: 7, ToGrade: 9, Subject: "地理", Min: 1, Max: 2},
		},
	}
}

// auditTimetable returns a timetable with the lessons given as subject, periods pairs; names not in
// the plan are unknown lessons. No times unless set.
func auditTimetable(school string, grade int, class string, lessons ...any) surveys.Timetable {
	plan := auditPlan()
	t := surveys.Timetable{School: school, Grade: grade, Class: class, FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
	for i := 0; i < len(lessons); i += 2 {
		name, p := lessons[i].(string), lessons[i+1].(float64)
		kind := surveys.LessonUnknown
		if plan.SubjectOrder(name) < len(plan.Subjects) {
			kind = surveys.LessonSubject
		}
		t.Add(name, kind, p)
	}
	return t
}

// full is a grade-7 week that meets the plan: 10 periods.
func full(school, class string) surveys.Timetable {
	return auditTimetable(school, 7, class, "语文", 2.0, "数学", 2.0, "历史", 1.0, "地理", 1.0, "体育与健康", 3.0, "艺术", 1.0)
}

func TestAuditTimetables(t *testing.T) {
	plan := auditPlan()
	junior := func(name string, enrol7, enrol8, enrol9 int) surveys.School {
		s := surveys.School{Name: name, Stage: surveys.StageJunior}
		for g := range s.Enrolment {
			s.Enrolment[g] = 0
		}
		s.Enrolment[7], s.Enrolment[8], s.Enrolment[9] = enrol7, enrol8, enrol9
		return s
	}
	primary := surveys.School{Name: "乙小学", Stage: surveys.StagePrimary}
	for g := 1; g <= 6; g++ {
		primary.Enrolment[g] = 100
	}
	schools := []surveys.School{
		junior("甲中学", 100, -1, 0), // grade 8 enrolment unknown: still expected; grade 9 none
		primary,                   // no timetable at all
		{Name: "丙学校"},             // no stage, no timetable
		{Name: "丁学校"},             // no stage, a timetable
		junior("戊中学", 100, 0, 0),
		junior("己中学", 100, 0, 0),
		junior("庚中学", 100, 0, 0),
		junior("辛中学", 100, 0, 0),
	}
	// 甲中学 grade 7, three classes. Class 10: 数学 5 (> 4), 体育与健康 2 (< 3), no 艺术 (required),
	// 历史与社会 instead of 历史 and 地理, 书法 1 (unknown), 12 periods (> 10), 2 on 星期六, 8:00-17:30.
	// Classes 2 and 3 meet the plan (10 periods); class 2 has 1 period on 星期日; both 8:00-17:00.
	c10 := auditTimetable("甲中学", 7, "10", "语文", 3.0, "数学", 5.0, "历史与社会", 1.0, "体育与健康", 2.0, "书法", 1.0)
	c10.Weekend, c10.WeekendPeriods = []string{"星期六"}, 2
	c10.FirstStart, c10.LastEnd, c10.DayStart, c10.DayEnd = 480, 1050, 450, 1080
	c2, c3 := full("甲中学", "2"), full("甲中学", "3")
	c2.Weekend, c2.WeekendPeriods = []string{"星期日"}, 1
	for _, c := range []*surveys.Timetable{&c2, &c3} {
		c.FirstStart, c.LastEnd, c.DayStart, c.DayEnd = 480, 1020, 450, 1080
	}
	// 戊中学 grade 7, a summary table: 地理 3 (> 2), 体育与健康 1 (< 3), 11 periods (> 10).
	wu := auditTimetable("戊中学", 7, "", "语文", 2.0, "数学", 2.0, "历史", 1.0, "地理", 3.0, "体育与健康", 1.0, "艺术", 2.0)
	wu.Summary = true
	// A school not on the roster, grade 8 (no required subjects, no total): 数学 6 (> 4), 书法 2 and
	// 棋类 3 unknown.
	other := auditTimetable("未知中学", 8, "1", "数学", 6.0, "地理", 1.0, "体育与健康", 3.0, "艺术", 1.0, "书法", 2.0, "棋类", 3.0)
	tts := []surveys.Timetable{other, full("辛中学", "1"), c10, wu, full("己中学", "1"), c2, full("丁学校", "1"), full("庚中学", "1"), c3}

	// Students' answers on 不挤占音体美: 甲中学 and 己中学 flagged, 庚中学 not, 辛中学 flagged but suppressed.
	occupied := &IndicatorResult{Indicator: &surveys.Indicator{Code: occupiedIndicator}, Schools: []SchoolResult{
		{School: 0, Estimate: Estimate{Counts: Counts{Comply: 10, Violate: 10}, P: 0.5, Flag: FlagConfirmed, Flagged: true}},
		{School: 5, Estimate: Estimate{Counts: Counts{Comply: 6, Violate: 4}, P: 0.6, Flag: FlagConfirmed, Flagged: true}},
		{School: 6, Estimate: Estimate{Counts: Counts{Comply: 20, Violate: 1}, P: 20.0 / 21}},
		{School: 7, Estimate: Estimate{Counts: Counts{Comply: 1, Violate: 5}, P: 1.0 / 6, Flag: FlagConfirmed, Flagged: true, Suppressed: true}},
	}}
	a := AuditTimetables(tts, schools, plan, occupied)
	if a == nil {
		t.Fatal("no audit")
	}
	check := func(what string, got, want any) {
		t.Helper()
		if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
			t.Errorf("%s:\n got  %s\n want %s", what, g, w)
		}
	}
	nan := math.NaN()
	check("counts", [2]int{a.Schools, a.Timetables}, [2]int{7, 9})
	// Roster order (甲, 戊), then the school not on the roster; within a school, the plan's subject order.
	check("deviations", a.Deviations, []TimetableDeviation{
		{School: "甲中学", Grade: 7, Subject: "数学", Periods: 5, Min: nan, Max: 4, Classes: []string{"10"}},
		{School: "甲中学", Grade: 7, Subject: "体育与健康", Periods: 2, Min: 3, Max: nan, Classes: []string{"10"}},
		{School: "戊中学", Grade: 7, Subject: "地理", Periods: 3, Min: 1, Max: 2},
		{School: "戊中学", Grade: 7, Subject: "体育与健康", Periods: 1, Min: 3, Max: nan},
		{School: "未知中学", Grade: 8, Subject: "数学", Periods: 6, Min: nan, Max: 4},
	})
	check("groups", a.Groups, []DeviationGroup{
		{Grade: 7, Subject: "数学", Min: nan, Max: 4, Values: []DeviationValue{{5, []string{"甲中学"}}}, Schools: 1},
		{Grade: 7, Subject: "地理", Min: 1, Max: 2, Values: []DeviationValue{{3, []string{"戊中学"}}}, Schools: 1},
		{Grade: 7, Subject: "体育与健康", Min: 3, Max: nan, Values: []DeviationValue{{1, []string{"戊中学"}}, {2, []string{"甲中学"}}}, Schools: 2},
		{Grade: 8, Subject: "数学", Min: nan, Max: 4, Values: []DeviationValue{{6, []string{"未知中学"}}}, Schools: 1},
	})
	check("missing", a.Missing, []TimetableMissing{{School: "甲中学", Grade: 7, Subject: "艺术", Classes: []string{"10"}}})
	check("over total", a.OverTotal, []TimetableOver{
		{School: "甲中学", Grade: 7, Periods: 12, Limit: 10, Classes: []string{"10"}},
		{School: "戊中学", Grade: 7, Periods: 11, Limit: 10},
	})
	// Classes in number order (2 before 10), days in week order.
	check("weekend", a.Weekend, []TimetableWeekend{{School: "甲中学", Grade: 7, Days: []string{"星期六", "星期日"}, Periods: 2, Classes: []string{"2", "10"}}})
	check("day length", a.DayLength, []TimetableDay{
		{School: "甲中学", Grade: 7, Start: 480, End: 1020, Minutes: 540, DayStart: 450, DayEnd: 1080, Classes: []string{"2", "3"}},
		{School: "甲中学", Grade: 7, Start: 480, End: 1050, Minutes: 570, DayStart: 450, DayEnd: 1080, Classes: []string{"10"}},
	})
	check("not provided", a.NotProvided, []TimetableNotProvided{
		{School: "甲中学", Grades: []int{8}},
		{School: "乙小学", Grades: []int{1, 2, 3, 4, 5, 6}, None: true},
		{School: "丙学校", None: true},
	})
	// 己中学: flagged, every timetable has 艺术 and 体育与健康 in full. 甲中学 is flagged but class 10
	// lacks 艺术; 庚中学 is not flagged; 辛中学 is suppressed.
	check("mismatch", a.Mismatch, []TimetableMismatch{{School: "己中学", Indicator: occupiedIndicator, StudentShare: 0.4}})
	// 书法 1 + 2 periods at two schools, 棋类 3 at one: equal periods, by name.
	check("unknown", a.Unknown, []UnknownLesson{{Name: "书法", Periods: 3, Schools: 2}, {Name: "棋类", Periods: 3, Schools: 1}})

	if AuditTimetables(nil, schools, plan, occupied) != nil || AuditTimetables(tts, schools, nil, occupied) != nil {
		t.Error("an audit without timetables or without a plan")
	}
	if a := AuditTimetables(tts, schools, plan, nil); a == nil || a.Mismatch != nil {
		t.Error("without the students' result there is no mismatch to find")
	}
}

// TestMeetsPlan pins meetsPlan at its bound: the plan's minimum itself is met.
func TestMeetsPlan(t *testing.T) {
	plan := auditPlan()
	for _, tt := range []struct {
		periods float64
		want    bool
	}{{3, true}, {2.5, false}, {4, true}, {0, false}} {
		tt := tt
		tm := auditTimetable("甲", 7, "1", "体育与健康", tt.periods)
		if tt.periods == 0 {
			tm = auditTimetable("甲", 7, "1")
		}
		if got := meetsPlan(&tm, "体育与健康", plan); got != tt.want {
			t.Errorf("体育与健康 %v periods against min 3: meets %v, want %v", tt.periods, got, tt.want)
		}
	}
	// A subject with no bound is met by any periods.
	tm := auditTimetable("甲", 7, "1", "语文", 1.0)
	if !meetsPlan(&tm, "语文", plan) {
		t.Error("语文 has no bound: any periods meet it")
	}
}

func TestClassLess(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"2", "10", true}, {"10", "2", false}, {"火箭", "实验", "火箭" < "实验"}, {"2", "2", false}, {"a", "10", false}} {
		if got := classLess(tt.a, tt.b); got != tt.want {
			t.Errorf("classLess(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestAuditTimetablesOrder: findings follow the roster's school order, then schools not on the
// roster by name; within a school, by grade.
func TestAuditTimetablesOrder(t *testing.T) {
	plan := auditPlan()
	schools := []surveys.School{{Name: "乙中学"}, {Name: "甲中学"}}
	var tts []surveys.Timetable
	for _, k := range []struct {
		school string
		grade  int
	}{{"外校乙", 7}, {"甲中学", 9}, {"外校甲", 8}, {"乙中学", 8}, {"甲中学", 7}, {"乙中学", 7}} {
		tm := full(k.school, "1")
		tm.Grade = k.grade
		tm.Weekend, tm.WeekendPeriods = []string{"星期六"}, 1
		tts = append(tts, tm)
	}
	a := AuditTimetables(tts, schools, plan, nil)
	var got []string
	for _, w := range a.Weekend {
		got = append(got, fmt.Sprintf("%s%d", w.School, w.Grade))
	}
	want := []string{"乙中学7", "乙中学8", "甲中学7", "甲中学9", "外校乙7", "外校甲8"}
	if "外校甲" < "外校乙" {
		want[4], want[5] = "外校甲8", "外校乙7"
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestAuditTimetablesEdges pins the audit's edges: a subject at exactly its maximum or minimum is
// within the plan; an integrated subject does not excuse a separate one taught beyond its bounds;
// unknown names sort by periods, most first; a school with no timetable lists every grade it
// teaches, 9 included.
func TestAuditTimetablesEdges(t *testing.T) {
	plan := auditPlan()
	atMax := full("甲中学", "1")
	atMax.Lessons = nil
	for _, l := range []struct {
		s string
		p float64
	}{{"语文", 1}, {"数学", 4}, {"历史", 1}, {"地理", 3}, {"历史与社会", 1}, {"体育与健康", 3}, {"艺术", 1}} {
		atMax.Add(l.s, surveys.LessonSubject, l.p)
	}
	atMax.Add("书法", surveys.LessonUnknown, 1)
	atMax.Add("棋类", surveys.LessonUnknown, 2)
	junior := surveys.School{Name: "乙中学", Stage: surveys.StageJunior}
	for g := range junior.Enrolment {
		junior.Enrolment[g] = -1
	}
	a := AuditTimetables([]surveys.Timetable{atMax}, []surveys.School{{Name: "甲中学"}, junior}, plan, nil)
	// 数学 4 = max, 体育与健康 3 = min: within; 地理 3 > 2 though 历史与社会 is taught too.
	if fmt.Sprint(len(a.Deviations)) != "1" || a.Deviations[0].Subject != "地理" || a.Deviations[0].Periods != 3 {
		t.Errorf("deviations %+v; want only 地理 3", a.Deviations)
	}
	if len(a.Unknown) != 2 || a.Unknown[0].Name != "棋类" || a.Unknown[1].Name != "书法" {
		t.Errorf("unknown %+v; want 棋类 (2) before 书法 (1)", a.Unknown)
	}
	if len(a.NotProvided) != 1 || fmt.Sprint(a.NotProvided[0].Grades) != "[7 8 9]" || !a.NotProvided[0].None {
		t.Errorf("not provided %+v; want 乙中学 grades 7-9", a.NotProvided)
	}
	// 17 periods (unknown names count as lessons) over the 10 of grade 7.
	if len(a.OverTotal) != 1 || a.OverTotal[0].Periods != 17 {
		t.Errorf("over total %+v; want 17", a.OverTotal)
	}
	if len(a.Weekend) != 0 || len(a.DayLength) != 0 || len(a.Missing) != 0 {
		t.Errorf("weekend %v, day %v, missing %v: want none", a.Weekend, a.DayLength, a.Missing)
	}
	none := auditTimetable("甲", 7, "1", "数学", 1.0)
	if meetsPlan(&none, "语文", plan) {
		t.Error("a subject with no periods does not meet the plan, bound or not")
	}
	if classLess("火箭", "火箭") {
		t.Error("classLess of equal labels")
	}
}
