package analysis

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestDiffersNewcombePinned pins differs at its boundary: the intervals below are Newcombe's hybrid
// score interval (method 10) of p₁ − p₂ as testdata/r/teachers.R computes it in R; each case lies within
// 0.02 of 0 on one side or the other, and the same interval with the Wilson half-widths on the wrong
// sides gives the other verdict, so a slip in any term of the interval changes some answer.
func TestDiffersNewcombePinned(t *testing.T) {
	est := func(comply, n int) Estimate {
		return Estimate{Counts: Counts{Valid: n, Comply: comply, Violate: n - comply}, P: float64(comply) / float64(n)}
	}
	suppressed := est(0, 8)
	suppressed.Suppressed = true
	tests := []struct {
		name string
		a, b Estimate
		want bool
	}{
		{"3/20 vs 0/40: 0.01882 to 0.36042", est(3, 20), est(0, 40), true},
		{"7/20 vs 5/40: 0.00815 to 0.45327", est(7, 20), est(5, 40), true},
		{"11/20 vs 5/20: -0.00176 to 0.53637", est(11, 20), est(5, 20), false},
		{"10/20 vs 10/40: -0.00173 to 0.47798", est(10, 20), est(10, 40), false},
		{"13/20 vs 35/40: -0.45327 to -0.00815", est(13, 20), est(35, 40), true},
		{"10/20 vs 30/40: -0.47798 to 0.00173", est(10, 20), est(30, 40), false},
		{"2/20 vs 7/20: -0.47881 to 0.01251", est(2, 20), est(7, 20), false},
		{"3/20 vs 16/40: -0.43237 to 0.00082", est(3, 20), est(16, 40), false},
		// Far apart, but the second share is suppressed or has nothing judged: never a disagreement.
		{"second suppressed", est(40, 40), suppressed, false},
		{"second empty", est(40, 40), Estimate{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := differs(tt.a, tt.b); got != tt.want {
				t.Errorf("differs = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTeacherVoicesPinned pins who is set beside the teachers and with which estimate
// (teachers-and-timetables.md: "The report sets teachers' answers beside students' and parents' on
// every indicator all three ask ... and says where they disagree"): the other groups' estimate of the
// same school in the same band, nobody's when the school or band is absent, indicators only teachers
// (or only others) are asked left out, and the disagreement sentence naming 学生 and 家长 with their own
// shares. Verdicts come from testdata/r/teachers.R's intervals or lie far from the boundary.
func TestTeacherVoicesPinned(t *testing.T) {
	est := func(comply, n int) Estimate {
		return Estimate{Counts: Counts{Valid: n, Comply: comply, Violate: n - comply}, P: float64(comply) / float64(n)}
	}
	band := func(code string, e Estimate) Group { return Group{Code: code, Estimate: e} }
	q := func(code string) *surveys.Questionnaire { return &surveys.Questionnaire{Code: code} }
	makeup := &surveys.Indicator{Code: "no_makeup_classes", ViolatePhrase: "反映学校组织集体补课"}
	plan := &surveys.Indicator{Code: "homework_plan"}
	phones := &surveys.Indicator{Code: "phones"}
	ranking := &surveys.Indicator{Code: "no_ranking", ViolatePhrase: "反映公布成绩排名"}
	r := &Results{Indicators: []*IndicatorResult{
		{Indicator: phones, Questionnaire: q("student")}, // students only: not in the voices
		{Indicator: makeup, Questionnaire: q("student"), Schools: []SchoolResult{
			{School: 0, Bands: []Group{band("7-9", est(36, 40))}},
			{School: 1, Bands: []Group{band("3-6", est(38, 40)), band("7-9", est(10, 40))}},
		}},
		{Indicator: makeup, Questionnaire: q("parent"), Schools: []SchoolResult{
			{School: 0, Bands: []Group{band("7-9", est(30, 40))}},
			{School: 1, Bands: []Group{band("7-9", est(20, 40))}},
		}},
		{Indicator: makeup, Questionnaire: q("teacher"), Schools: []SchoolResult{
			{School: 0, Bands: []Group{band("7-9", est(4, 20))}},
			{School: 1, Bands: []Group{band("3-6", est(20, 20))}},
			{School: 1, Bands: []Group{band("7-9", est(10, 20))}},
			{School: 2, Bands: []Group{band("7-9", est(20, 20))}}, // no student or parent answered there
		}},
		{Indicator: plan, Questionnaire: q("teacher"), Schools: []SchoolResult{{School: 0, Bands: []Group{band("7-9", est(20, 20))}}}},
		{Indicator: ranking, Questionnaire: q("parent"), Schools: []SchoolResult{{School: 0, Bands: []Group{band("7-9", est(10, 20))}}}},
		{Indicator: ranking, Questionnaire: q("teacher"), Schools: []SchoolResult{{School: 0, Bands: []Group{band("7-9", est(30, 40))}}}},
	}}
	vs := TeacherVoices(r)
	if len(vs) != 2 || vs[0].Indicator != makeup || vs[1].Indicator != ranking {
		t.Fatalf("voices on %d indicators; want no_makeup_classes and no_ranking (students-only and teachers-only left out)", len(vs))
	}
	if vs[1].Student != nil || vs[1].Parent == nil || vs[1].Teacher == nil {
		t.Errorf("no_ranking: student %v, parent %v, teacher %v; want no students' result", vs[1].Student, vs[1].Parent, vs[1].Teacher)
	}
	type row struct {
		school          int
		band            string
		student, parent [2]int // comply, judged
		teacher         [2]int
		disagree        []string
	}
	cj := func(e Estimate) [2]int { return [2]int{e.Comply, e.Judged()} }
	// 甲 7-9: students 36/40 and parents 30/40 against teachers 4/20: both far off (d = 0.70 and 0.55).
	// 乙 3-6: students 38/40 against teachers 20/20 (d = −0.05, far inside); no parent answered in 3-6.
	// 乙 7-9: students 10/40 against 10/20 is R's 10/20 vs 10/40 case the other way round (interval
	// −0.47798 to 0.00173: no); parents 20/40 against 10/20: equal.
	// 丙: teachers only.
	want := []row{
		{0, "7-9", [2]int{36, 40}, [2]int{30, 40}, [2]int{4, 20}, []string{"student", "parent"}},
		{1, "3-6", [2]int{38, 40}, [2]int{0, 0}, [2]int{20, 20}, nil},
		{1, "7-9", [2]int{10, 40}, [2]int{20, 40}, [2]int{10, 20}, nil},
		{2, "7-9", [2]int{0, 0}, [2]int{0, 0}, [2]int{20, 20}, nil},
	}
	got := vs[0].Schools
	if len(got) != len(want) {
		t.Fatalf("%d school bands, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.School != w.school || g.Band.Code != w.band || cj(g.Student) != w.student || cj(g.Parent) != w.parent || cj(g.Teacher) != w.teacher || !reflect.DeepEqual(g.Disagree, w.disagree) {
			t.Errorf("row %d: school %d band %s student %v parent %v teacher %v disagree %v; want %+v",
				i, g.School, g.Band.Code, cj(g.Student), cj(g.Parent), cj(g.Teacher), g.Disagree, w)
		}
	}
	// Shares of violation: students 4/40 = 10.0%, parents 10/40 = 25.0%, teachers 16/20 = 80.0%.
	if txt, w := got[0].DisagreementText(makeup), "学生反映学校组织集体补课的占10.0%，家长反映学校组织集体补课的占25.0%，教师反映学校组织集体补课的占80.0%"; txt != w {
		t.Errorf("text\n got  %s\n want %s", txt, w)
	}
	if txt := got[2].DisagreementText(makeup); txt != "" {
		t.Errorf("nobody disagrees, text %q", txt)
	}
	// 甲 on no_ranking: parents 10/20 against teachers 30/40 is R's 10/20 vs 30/40 case (no); only the
	// parents asked, so a parents-only disagreement reads with 家长 and the parents' own share.
	sv := SchoolVoices{Parent: est(10, 20), Teacher: est(30, 40), Student: est(40, 40), Disagree: []string{"parent"}}
	if txt, w := sv.DisagreementText(ranking), "家长反映公布成绩排名的占50.0%，教师反映公布成绩排名的占25.0%"; txt != w {
		t.Errorf("parents-only text\n got  %s\n want %s", txt, w)
	}
	if d := vs[1].Schools[0].Disagree; d != nil {
		t.Errorf("no_ranking 甲: disagree %v, want none", d)
	}
}

// TestTeacherBurdensPinned pins the heavy end of each teacher-burden measure against the teacher
// questionnaire's options (teachers-and-timetables.md Q15-Q18): in-school hours from 10-12小时, non-
// teaching tasks from 5-10小时, after-school service from 6小时以上, the rating from 一般; only the
// teacher questionnaire's distributions count. Counts are distinct powers of two so every cut gives its
// own share: options 1, 2, 4, 8 teachers (15 in all).
func TestTeacherBurdensPinned(t *testing.T) {
	tea, err := surveys.Builtin("teacher")
	if err != nil {
		t.Fatal(err)
	}
	stu, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	dist := func(qn *surveys.Questionnaire, code string, school []int) *Distribution {
		q := tea.Question(code)
		return &Distribution{Questionnaire: qn, Question: q, Overall: OptionCounts{Options: []int{1, 2, 4, 8}},
			Schools: []SchoolDistribution{{School: 3, OptionCounts: OptionCounts{Options: school}}, {School: 5, OptionCounts: OptionCounts{Options: []int{0, 0, 0, 0}}, Suppressed: true}}}
	}
	r := &Results{Measures: []*Distribution{
		// A student-questionnaire distribution with a teacher question's code comes first and must be
		// passed over.
		{Questionnaire: stu, Question: tea.Question("rating"), Overall: OptionCounts{Options: []int{15, 0, 0, 0}}},
		dist(tea, "rating", []int{3, 1, 1, 0}),
		dist(tea, "after_school_hours", []int{0, 1, 1, 2}),
		dist(tea, "non_teaching_hours", []int{2, 0, 1, 1}),
		dist(tea, "hours_at_school", []int{1, 1, 2, 0}),
	}}
	got := TeacherBurdens(r)
	tests := []struct {
		question, heavy, phrase string
		share                   float64 // of the county's 1, 2, 4, 8
		schoolN, schoolHeavy    int
	}{
		{"hours_at_school", "10-12小时、12小时以上", "10小时以上", 12.0 / 15, 4, 2},
		{"non_teaching_hours", "5-10小时、10小时以上", "5小时以上", 12.0 / 15, 4, 2},
		{"after_school_hours", "6小时以上", "6小时以上", 8.0 / 15, 4, 2},
		{"rating", "一般、较差", "一般或较差", 12.0 / 15, 5, 1},
	}
	if len(got) != len(tests) {
		t.Fatalf("%d burdens, want %d (in the order hours, non-teaching, after-school, rating)", len(got), len(tests))
	}
	for i, w := range tests {
		g := got[i]
		if g.Distribution.Question.Code != w.question || g.Distribution.Questionnaire != tea {
			t.Errorf("burden %d is %s of %s, want %s of the teachers", i, g.Distribution.Question.Code, g.Distribution.Questionnaire.Code, w.question)
			continue
		}
		// !(|x−y| ≤ tol) rather than |x−y| > tol: a NaN share must fail the comparison, not pass it.
		if g.Heavy != w.heavy || !strings.Contains(g.Phrase, w.phrase) || !(math.Abs(g.Share-w.share) <= 1e-12) {
			t.Errorf("%s: heavy %q phrase %q share %v; want %q, …%s, %v", w.question, g.Heavy, g.Phrase, g.Share, w.heavy, w.phrase, w.share)
		}
		s := g.Schools[0]
		if s.School != 3 || s.N != w.schoolN || s.Heavy != w.schoolHeavy || !(math.Abs(s.Share-float64(w.schoolHeavy)/float64(w.schoolN)) <= 1e-12) || s.Suppressed {
			t.Errorf("%s school 3: %+v, want %d of %d", w.question, s, w.schoolHeavy, w.schoolN)
		}
		if e := g.Schools[1]; e.School != 5 || e.N != 0 || !math.IsNaN(e.Share) || !e.Suppressed {
			t.Errorf("%s school 5 (no answers, suppressed): %+v, want N 0, share NaN", w.question, e)
		}
	}
	// Nobody answered at all: the county share is NaN, not 0.
	empty := TeacherBurdens(&Results{Measures: []*Distribution{{Questionnaire: tea, Question: tea.Question("rating"), Overall: OptionCounts{Options: []int{0, 0, 0, 0}}}}})
	if len(empty) != 1 || !math.IsNaN(empty[0].Share) {
		t.Errorf("no answers: %+v, want one burden with share NaN", empty)
	}
	if len(TeacherBurdens(&Results{})) != 0 {
		t.Error("burdens without any measure")
	}
}

// TestTeacherStagePinned pins how teachers are judged (teachers-and-timetables.md: "exam_count ... as for
// students, judged by the teacher's stage"; the teacher questionnaire: 小学 by the rules of 三至六年级, 初中
// by those of 七至九年级): in a 九年一贯制 school, 12 小学 teachers (6 report 1 exam, 6 report 2) and 12 初中
// teachers (6 report 2, 6 report 3) against national-2021's exam_count limits (3-6: at most 1; 7-9: at
// most 2). Each stage is its own unit and band: 小学部 6 comply, 6 violate in band 3-6; 初中部 the same
// in band 7-9. Judged by 1-2's rule (none) every 小学 answer would violate; by 7-9's, none would.
func TestTeacherStagePinned(t *testing.T) {
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	tea, err := surveys.Builtin("teacher")
	if err != nil {
		t.Fatal(err)
	}
	schools := []surveys.School{{Code: "1", Name: "青山学校", Stage: surveys.StageNine}}
	d := &surveys.Dataset{Questionnaire: tea, Schools: schools, Answers: make([][]surveys.Answer, len(tea.Questions)),
		Classes: []surveys.ClassKey{{School: 0, Grade: 3}, {School: 0, Grade: 7}}}
	for i := range tea.Questions {
		if tea.Questions[i].Kind == surveys.KindChoice {
			d.Answers[i] = []surveys.Answer{}
		}
	}
	exams := tea.Index("exam_count")
	for k := range 24 {
		grade, class, option := uint8(3), uint32(0), surveys.Answer(2) // 1次
		if k >= 12 {
			grade, class, option = 7, 1, 3 // 2次
		}
		if k%12 >= 6 {
			option++ // 小学 2次, 初中 3次
		}
		d.School, d.Grade, d.Class = append(d.School, 0), append(d.Grade, grade), append(d.Class, class)
		for i := range d.Answers {
			if d.Answers[i] == nil {
				continue
			}
			a := surveys.Answer(1)
			if i == exams {
				a = option
			}
			d.Answers[i] = append(d.Answers[i], a)
		}
	}
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	ir := r.Indicator("exam_count", "teacher")
	if ir == nil {
		t.Fatal("no teachers' exam_count")
	}
	type unit struct {
		name, stage, band string
		comply, violate   int
	}
	var got []unit
	for _, sr := range ir.Schools {
		u := unit{name: sr.Name, stage: sr.Stage, comply: sr.Comply, violate: sr.Violate}
		for _, b := range sr.Bands {
			u.band += b.Code
		}
		got = append(got, u)
	}
	want := []unit{{"青山学校（小学部）", "小学", "3-6", 6, 6}, {"青山学校（初中部）", "初中", "7-9", 6, 6}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units %+v\nwant %+v", got, want)
	}
}
