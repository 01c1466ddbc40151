package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// findingsCounty is a county of three junior high schools, one class each (so intervals are Wilson's),
// whose answers comply with every indicator of national-2021 except:
//
//	甲中学, 200 answers: 60 violate phones (30%; Wilson lower bound 24.0% ≥ 20%: 需整改) and 80 violate
//	        paid_tutoring (40%; lower bound 33.5%: 需整改) — two hard indicators: followed up;
//	乙中学, 40 answers: 10 violate phones (25%; lower bound 14.2% < 20%: 需关注);
//	丙中学, 30 answers: all comply.
//
// County: phones 70 of 270 violate (25.9%), paid_tutoring 80 of 270 (29.6%).
func findingsCounty(t *testing.T) *Results {
	t.Helper()
	q := student(t)
	p := profile(t, "national-2021")
	schools := []surveys.School{
		{Code: "A", Name: "甲中学", Stage: surveys.StageJunior},
		{Code: "B", Name: "乙中学", Stage: surveys.StageJunior},
		{Code: "C", Name: "丙中学", Stage: surveys.StageJunior},
	}
	for i := range schools {
		for g := range schools[i].Enrolment {
			schools[i].Enrolment[g] = -1
		}
	}
	// comply[q] and violate[q]: an option of question q that complies (violates) in grade 7.
	comply := make([]surveys.Answer, len(q.Questions))
	violate := make([]surveys.Answer, len(q.Questions))
	for i := range q.Questions {
		comply[i] = 1
	}
	for _, ind := range p.Indicators {
		qi := q.Index(ind.Question)
		if qi < 0 {
			continue
		}
		vt, _, err := ind.Verdicts(&q.Questions[qi])
		if err != nil {
			t.Fatal(err)
		}
		comply[qi], violate[qi] = 0, 0
		for a := surveys.Answer(len(q.Questions[qi].Options)); a >= 1; a-- {
			switch vt[7][a] {
			case surveys.Complies:
				comply[qi] = a
			case surveys.Violates:
				violate[qi] = a
			}
		}
	}
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions))}
	add := func(school, n int, violated map[string]int) {
		d.Classes = append(d.Classes, surveys.ClassKey{School: uint16(school), Grade: 7, Label: "1"})
		for i := range n {
			d.School = append(d.School, uint16(school))
			d.Grade = append(d.Grade, 7)
			d.Class = append(d.Class, uint32(len(d.Classes)-1))
			for j := range q.Questions {
				if q.Questions[j].Kind != surveys.KindChoice {
					continue
				}
				a := comply[j]
				if i < violated[q.Questions[j].Code] {
					a = violate[j]
				}
				d.Answers[j] = append(d.Answers[j], a)
			}
		}
	}
	add(0, 200, map[string]int{"phones": 60, "paid_tutoring": 80})
	add(1, 40, map[string]int{"phones": 10})
	add(2, 30, nil)
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Term: "2026年春季学期", RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func unitNamed(t *testing.T, r *Results, name string) int {
	t.Helper()
	for i, u := range r.Units {
		if u.Name == name {
			return i
		}
	}
	t.Fatalf("no unit %s in %+v", name, r.Units)
	return -1
}

func TestFindingsCountyFlags(t *testing.T) {
	r := findingsCounty(t)
	phones, paid := r.Indicator("phones", "student"), r.Indicator("no_paid_tutoring", "student")
	if phones == nil || paid == nil {
		t.Fatal("no phones or no_paid_tutoring result")
	}
	a, b := unitNamed(t, r, "甲中学"), unitNamed(t, r, "乙中学")
	if fmt.Sprint(phones.Flagged, phones.Possible, paid.Flagged, paid.Possible) != fmt.Sprint([]int{a}, []int{b}, []int{a}, []int(nil)) {
		t.Fatalf("phones flagged %v possible %v; paid flagged %v possible %v", phones.Flagged, phones.Possible, paid.Flagged, paid.Possible)
	}
	// Every other indicator: nothing flagged, everyone complies.
	for _, ir := range r.Indicators {
		if ir != phones && ir != paid && (len(ir.Flagged) > 0 || len(ir.Possible) > 0 || ir.Overall.Violate > 0) {
			t.Errorf("%s: flagged %v possible %v, %d violate; want none", ir.Indicator.Code, ir.Flagged, ir.Possible, ir.Overall.Violate)
		}
	}
}

func TestFindingsEnglish(t *testing.T) {
	r := findingsCounty(t)
	var phones, sleep string
	for _, f := range Findings(r, English) {
		switch f.Indicator {
		case "phones":
			phones = f.Text()
		case "sleep":
			sleep = f.Text()
		}
	}
	for _, want := range []string{
		"Of 270 students who answered, 74.1% comply with “", "and 25.9% do not. ",
		"Standard: " + r.Profile.Indicator("phones").StandardEN + ". ",
		"1 school needs action (the lower 95% bound of the share not complying is at least 20.0%, with at least 5 respondents): 甲中学.",
		" 1 more need attention (the share reaches 20.0% but its interval reaches below it): 乙中学.",
	} {
		if !strings.Contains(phones, want) {
			t.Errorf("phones finding %q\nhas no %q", phones, want)
		}
	}
	if !strings.Contains(sleep, "Of 270 students who answered, 100.0% comply") || !strings.Contains(sleep, "No school needs action (the lower 95% bound of the share not complying at least 20.0%, with at least 5 respondents).") ||
		strings.Contains(sleep, "more need attention") {
		t.Errorf("sleep finding %q", sleep)
	}
}

func TestConclude(t *testing.T) {
	r := findingsCounty(t)
	n := len(r.Indicators)
	zh := Conclude(r, Chinese)
	if want := fmt.Sprintf("本次监测共计算%d项指标结果（按问卷分列），其中2项有学校需整改。", n); zh.Summary != want {
		t.Errorf("Summary = %q, want %q", zh.Summary, want)
	}
	// Problems: the two indicators with flags (both hard, one school each), the larger violation
	// share first: paid tutoring 29.6%, then phones 25.9%.
	if len(zh.Problems) != 2 || zh.Problems[0].Result.Indicator.Code != "no_paid_tutoring" || zh.Problems[1].Result.Indicator.Code != "phones" {
		t.Fatalf("problems %+v", zh.Problems)
	}
	p0, p1 := zh.Problems[0].Text, zh.Problems[1].Text
	for _, want := range []string{"29.6%的学生", "，需整改1所学校（甲中学）。", "依据" + r.Profile.Indicator("no_paid_tutoring").Source} {
		if !strings.Contains(p0, want) {
			t.Errorf("problem %q has no %q", p0, want)
		}
	}
	for _, want := range []string{"25.9%的学生", "，需整改1所学校（甲中学），另有1所学校需关注（乙中学）。"} {
		if !strings.Contains(p1, want) {
			t.Errorf("problem %q has no %q", p1, want)
		}
	}
	if len(zh.FollowUp) != 1 || !strings.HasPrefix(zh.FollowUp[0], "甲中学（") || !strings.Contains(zh.FollowUp[0], r.Profile.Indicator("phones").Name) ||
		!strings.Contains(zh.FollowUp[0], r.Profile.Indicator("no_paid_tutoring").Name) {
		t.Errorf("follow-up %q; want 甲中学 with its two indicators", zh.FollowUp)
	}
	en := Conclude(r, English)
	if want := fmt.Sprintf("%d indicator results were computed; 2 have flagged schools.", n); en.Summary != want {
		t.Errorf("Summary(en) = %q, want %q", en.Summary, want)
	}
	if len(en.Problems) != 2 || !strings.Contains(en.Problems[1].Text, "25.9% of students do not comply; 1 school needs action. Standard: ") {
		t.Errorf("problems(en) %+v", en.Problems)
	}
}

func TestSchoolLine(t *testing.T) {
	r := findingsCounty(t)
	flags, possible := SchoolFlags(r), SchoolPossible(r)
	a, b, c := unitNamed(t, r, "甲中学"), unitNamed(t, r, "乙中学"), unitNamed(t, r, "丙中学")
	phones, paid := r.Profile.Indicator("phones"), r.Profile.Indicator("no_paid_tutoring")
	tests := []struct {
		unit     int
		lang     Lang
		want     []string
		wantNone bool
	}{
		{a, Chinese, []string{"甲中学：需整改2项（", phones.Name, paid.Name, "）。"}, false},
		{b, Chinese, []string{"乙中学：没有需整改的指标；需关注1项（" + phones.Name + "）。"}, false},
		{c, Chinese, []string{"丙中学：没有需整改的指标。"}, false},
		{a, English, []string{"甲中学: needs action on 2 (", phones.NameEN, paid.NameEN, ")."}, false},
		{b, English, []string{"乙中学: no indicator needs action; needs attention on 1 (" + phones.NameEN + ")."}, false},
		{c, English, []string{"丙中学: no indicator needs action."}, false},
	}
	for _, tt := range tests {
		got := SchoolLine(r, tt.unit, flags[tt.unit], possible[tt.unit], tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("SchoolLine(%d, %s) = %q; no %q", tt.unit, tt.lang, got, w)
			}
		}
	}
	// Parent indicators are marked as such.
	pq := &surveys.Questionnaire{Code: "parent"}
	ir := &IndicatorResult{Indicator: phones, Questionnaire: pq}
	if got := flagNames([]*IndicatorResult{ir}, Chinese); got != phones.Name+"（家长）" {
		t.Errorf("flagNames(parent) = %q", got)
	}
	if got := flagNames([]*IndicatorResult{ir}, English); got != phones.NameEN+" (parents)" {
		t.Errorf("flagNames(parent, en) = %q", got)
	}
}

// TestNarrateCounty checks the 正文 of the same county: phones and tutoring are the problems (each
// with a hard indicator's county violation share ≥ 10%), the other themes are fine, 甲中学 is the one
// school to act, in both languages.
func TestNarrateCounty(t *testing.T) {
	r := findingsCounty(t)
	zh := Narrate(r, Chinese)
	var problems []string
	for _, tf := range zh.Problems {
		if tf.Serious {
			problems = append(problems, tf.Theme.Code)
		}
	}
	// Most serious first: tutoring (29.6%) before phones (25.9%).
	if fmt.Sprint(problems) != "[tutoring phones]" {
		t.Errorf("serious themes %v, want [tutoring phones]", problems)
	}
	for _, want := range []string{"方面总体符合要求；但", "补课与培训、手机等方面问题依然突出，其中补课与培训问题最为严重", "（1所学校需整改）", "全县共有1所学校至少在一项硬性指标上需整改"} {
		if !strings.Contains(zh.Conclusion, want) {
			t.Errorf("结论 %q has no %q", zh.Conclusion, want)
		}
	}
	if len(zh.Suggestions) != 2 || zh.Suggestions[0].Theme.Code != "tutoring" || !strings.Contains(zh.Suggestions[0].Text, "请甲中学（") ||
		!strings.Contains(zh.Suggestions[1].Text, "请甲中学（") || !strings.Contains(zh.Plan, "上述1所学校") {
		t.Errorf("suggestions %+v, plan %q; want 甲中学 followed up on both themes", zh.Suggestions, zh.Plan)
	}
	en := Narrate(r, English)
	if !strings.HasPrefix(en.Conclusion, "Problems remain, most serious first: Make-up classes and tutoring, Phones. ") ||
		!strings.Contains(en.Conclusion, "Largely in line with the standards: ") || !strings.HasSuffix(en.Conclusion, "1 school must act on at least one hard indicator.") {
		t.Errorf("conclusion(en) %q", en.Conclusion)
	}
	var phones string
	for _, tf := range en.Problems {
		if tf.Theme.Code == "phones" {
			phones = tf.Text
		}
	}
	if want := r.Profile.Indicator("phones").NameEN + " (students): 25.9% do not comply; 1 school flagged."; !strings.Contains(phones, want) {
		t.Errorf("phones theme (en) %q; want %q", phones, want)
	}
}

// TestConcludeOrder: problems are hard indicators before reference ones, then more confirmed schools
// first, then the larger violation share; an indicator with no flag enters at a county violation share
// of 10% (not below), and one flagged at every school of more than three says so.
func TestConcludeOrder(t *testing.T) {
	q := &surveys.Questionnaire{Code: "student", Title: "学生问卷"}
	est := func(violate, n int) Estimate {
		return Estimate{Counts: Counts{Comply: n - violate, Violate: violate}, P: float64(n-violate) / float64(n)}
	}
	ind := func(code string, kind surveys.IndicatorKind) *surveys.Indicator {
		return &surveys.Indicator{Code: code, Name: code, NameEN: code, Kind: kind, Standard: "标准" + code, Source: "文件" + code}
	}
	units := []Unit{{Name: "甲"}, {Name: "乙"}, {Name: "丙"}, {Name: "丁"}}
	four := []SchoolResult{{}, {}, {}, {}}
	r := &Results{Units: units, Indicators: []*IndicatorResult{
		{Indicator: ind("one_flag", surveys.Hard), Questionnaire: q, Overall: est(30, 100), Flagged: []int{0}, Schools: four},
		{Indicator: ind("reference", surveys.Reference), Questionnaire: q, Overall: est(50, 100), Flagged: []int{0, 1}, Schools: four},
		{Indicator: ind("two_flags", surveys.Hard), Questionnaire: q, Overall: est(20, 100), Flagged: []int{0, 1}, Schools: four},
		{Indicator: ind("below", surveys.Hard), Questionnaire: q, Overall: est(9, 100), Schools: four},
		{Indicator: ind("at_ten", surveys.Hard), Questionnaire: q, Overall: est(10, 100), Schools: four},
		{Indicator: ind("everywhere", surveys.Hard), Questionnaire: q, Overall: est(40, 100), Flagged: []int{0, 1, 2, 3}, Schools: four},
	}}
	c := Conclude(r, Chinese)
	var got []string
	for _, p := range c.Problems {
		got = append(got, p.Result.Indicator.Code)
	}
	if want := "[everywhere two_flags one_flag at_ten reference]"; fmt.Sprint(got) != want {
		t.Errorf("problems %v, want %s", got, want)
	}
	if !strings.Contains(c.Problems[0].Text, "，全部4所学校均需整改") || !strings.Contains(c.Problems[4].Text, "，未达到参考要求") ||
		!strings.Contains(c.Problems[1].Text, "，需整改2所学校（甲、乙）") {
		t.Errorf("problems %q", []string{c.Problems[0].Text, c.Problems[1].Text, c.Problems[4].Text})
	}
	// 甲 and 乙 are confirmed on two or more hard indicators; 丙 and 丁 on one.
	if len(c.FollowUp) != 2 || !strings.HasPrefix(c.FollowUp[0], "甲（") || !strings.HasPrefix(c.FollowUp[1], "乙（") {
		t.Errorf("follow-up %q", c.FollowUp)
	}
}
