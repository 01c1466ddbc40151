package analysis

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

func profile(t testing.TB, name string) *surveys.Profile {
	t.Helper()
	p, _, err := surveys.LoadProfile(name, surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func student(t testing.TB) *surveys.Questionnaire {
	t.Helper()
	q, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// handDataset builds a student dataset where only the sleep and homework answers matter.
// School A (初中): 12 grade-7 answers to sleep: 6 × option 4 (9-10小时, complies for 7-9), 4 × option 3
// (8-9小时, violates), 1 未答, 1 无效. School B (小学): 8 grade-3 answers: 2 × option 5 (complies for 1-6),
// 6 × option 4 (violates).
func handDataset(t *testing.T) *surveys.Dataset {
	q := student(t)
	schools := []surveys.School{
		{Code: "A", Name: "甲中学", Stage: surveys.StageJunior, Locale: "城区"},
		{Code: "B", Name: "乙小学", Stage: surveys.StagePrimary, Locale: "乡村"},
	}
	for i := range schools {
		for g := range schools[i].Enrolment {
			schools[i].Enrolment[g] = -1
		}
	}
	schools[0].Enrolment[7], schools[0].Enrolment[8], schools[0].Enrolment[9] = 10, 10, 10
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions)), Classes: []surveys.ClassKey{{School: 0, Grade: 7, Label: "1"}, {School: 1, Grade: 3, Label: "1"}}}
	sleep := q.Index("sleep")
	hw := q.Index("homework_time")
	add := func(school int, grade int, sl, h surveys.Answer) {
		d.School = append(d.School, uint16(school))
		d.Grade = append(d.Grade, uint8(grade))
		d.Class = append(d.Class, uint32(school))
		for qi := range q.Questions {
			if q.Questions[qi].Kind != surveys.KindChoice {
				continue
			}
			a := surveys.Answer(1)
			switch qi {
			case sleep:
				a = sl
			case hw:
				a = h
			}
			d.Answers[qi] = append(d.Answers[qi], a)
		}
	}
	for i := 0; i < 6; i++ {
		add(0, 7, 4, 6) // homework 120分钟以上: violates 7-9, midpoint 135
	}
	for i := 0; i < 4; i++ {
		add(0, 7, 3, 2) // homework 30分钟以内: midpoint 15
	}
	add(0, 7, surveys.Missing, 2)
	add(0, 7, surveys.Invalid, 2)
	for i := 0; i < 2; i++ {
		add(1, 3, 5, 1)
	}
	for i := 0; i < 6; i++ {
		add(1, 3, 4, 1)
	}
	return d
}

func TestAnalyzeByHand(t *testing.T) {
	d := handDataset(t)
	p := profile(t, "national-2021")
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: d.Schools, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	sl := r.Indicator("sleep", "student")
	if sl == nil {
		t.Fatal("no sleep result")
	}
	// Counted by hand from handDataset's comment.
	want := map[string]Counts{
		"overall": {Valid: 18, Missing: 1, Invalid: 1, Comply: 8, Violate: 10},
		"A":       {Valid: 10, Missing: 1, Invalid: 1, Comply: 6, Violate: 4},
		"B":       {Valid: 8, Comply: 2, Violate: 6},
	}
	if sl.Overall.Counts != want["overall"] {
		t.Errorf("overall = %+v, want %+v", sl.Overall.Counts, want["overall"])
	}
	for _, sr := range sl.Schools {
		code := r.Schools[sr.School].Code
		if sr.Counts != want[code] {
			t.Errorf("school %s = %+v, want %+v", code, sr.Counts, want[code])
		}
	}
	// A: 10 judged → not suppressed (min_n 10), small (< 30); violation 4/10 = 40% ≥ 20% but only 4 < 5
	// violators → not flagged. B: 8 judged < 10 → suppressed, so never flagged.
	a, b := sl.Schools[0], sl.Schools[1]
	if a.Suppressed || !a.Small || a.Flagged {
		t.Errorf("A: suppressed %v small %v flagged %v, want false true false", a.Suppressed, a.Small, a.Flagged)
	}
	if !b.Suppressed || b.Flagged {
		t.Errorf("B: suppressed %v flagged %v, want true false", b.Suppressed, b.Flagged)
	}
	if math.Abs(a.P-0.6) > 1e-15 {
		t.Errorf("A p = %v, want 0.6", a.P)
	}
	// Homework, 初中 band of A: 6 × 135 + 6 × 15 = 900 over 12 answers → 75 minutes ≤ 90, but 6/12 = 50%
	// over the limit: the mean and the share disagree.
	hw := r.Indicator("homework_time", "student")
	var hm *HomeworkMean
	for i := range hw.Schools[0].Homework {
		if hw.Schools[0].Homework[i].Band == "7-9" {
			hm = &hw.Schools[0].Homework[i]
		}
	}
	if hm == nil || hm.N != 12 || math.Abs(hm.Minutes-75) > 1e-12 || hm.Over || !hm.Disagrees {
		t.Errorf("A homework mean = %+v, want N 12, 75 minutes, not over, disagrees", hm)
	}
	// Homework in A is violated by 6 ≥ 5 respondents, 50% ≥ 20%: flagged.
	if !hw.Schools[0].Flagged || len(hw.Flagged) != 1 {
		t.Errorf("homework flags = %v, want school A", hw.Flagged)
	}
	// Response rate of A: 12 respondents / (10+10+10) enrolled in grades 7-9.
	for _, rr := range r.ResponseRates {
		if rr.School == 0 && math.Abs(rr.Rate-0.4) > 1e-15 {
			t.Errorf("A response rate = %v, want 0.4", rr.Rate)
		}
		if rr.School == 1 && !math.IsNaN(rr.Rate) {
			t.Errorf("B response rate = %v, want NaN (no enrolment)", rr.Rate)
		}
	}
}

func TestUndeterminableLeavesDenominator(t *testing.T) {
	// anshan-2021: grades 3-6 homework ≤ 45 minutes; "30-60分钟" (option 3) cannot be judged.
	q := student(t)
	p := profile(t, "anshan-2021")
	schools := synth.Schools(1)
	schools[0].Stage = surveys.StagePrimary
	d := synth.Dataset(q, schools, 300, 1)
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	hw := r.Indicator("homework_time", "student")
	want3 := 0
	for i, a := range d.Column("homework_time") {
		if a == 3 && d.Grade[i] >= 3 && d.Grade[i] <= 6 {
			want3++
		}
	}
	if want3 == 0 || hw.Overall.Undeterminable != want3 {
		t.Fatalf("undeterminable = %d, want %d (> 0)", hw.Overall.Undeterminable, want3)
	}
	if got := hw.Overall.Judged(); got != hw.Overall.Valid-want3 {
		t.Errorf("judged = %d, want valid %d - undeterminable %d", got, hw.Overall.Valid, want3)
	}
}

var numberRE = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)

// TestFindingsNumbersMatchTables parses every number out of the generated findings and checks that
// each is a number the tables show for that indicator (or a threshold of the profile).
func TestFindingsNumbersMatchTables(t *testing.T) {
	p := profile(t, "national-2021")
	schools := synth.Schools(13)
	q := student(t)
	pq, _ := surveys.Builtin("parent")
	ds := []*surveys.Dataset{synth.Dataset(q, schools, 6000, 7), synth.Dataset(pq, schools, 6000, 8)}
	r, err := Analyze(Input{Datasets: ds, Schools: schools, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	fs := Findings(r, Chinese)
	if len(fs) != len(r.Indicators) {
		t.Fatalf("%d findings for %d indicators", len(fs), len(r.Indicators))
	}
	checked := 0
	for i, f := range fs {
		ir := r.Indicators[i]
		allowed := map[string]bool{}
		addE := func(e Estimate) {
			for _, v := range []string{Pct(e.P), Pct(e.ViolationShare()), itoa(e.Judged()), itoa(e.Missing), itoa(e.Undeterminable)} {
				allowed[v] = true
			}
			total := e.Valid + e.Missing + e.Invalid + e.NotApplicable
			if total > 0 {
				allowed[Pct(float64(e.Missing)/float64(total))] = true
			}
		}
		addE(ir.Overall)
		for _, gs := range [][]Group{ir.Grades, ir.Locales, ir.Bands} {
			for _, g := range gs {
				addE(g.Estimate)
			}
		}
		allowed[itoa(len(ir.Flagged))] = true
		allowed[itoa(len(ir.Possible))] = true
		for _, e := range []Estimate{ir.Overall} {
			allowed[Pct(e.BoundLow)], allowed[Pct(e.BoundHigh)] = true, true
		}
		for _, sr := range ir.Schools {
			if sr.Flag == FlagPossible {
				allowed[Pct(sr.ViolationShare())], allowed[Pct(1-sr.High)], allowed[Pct(1-sr.BoundHigh)] = true, true, true
			}
		}
		allowed[Pct(p.FlagThreshold)] = true
		allowed[itoa(p.FlagMinViolations)] = true
		over := 0
		for _, sr := range ir.Schools {
			for _, h := range sr.Homework {
				if !h.Suppressed && h.Over {
					over++
				}
			}
		}
		allowed[itoa(over)] = true
		for _, hms := range append([][]HomeworkMean{ir.Homework}, schoolHomework(ir)...) {
			for _, h := range hms {
				allowed[Minutes(h.Minutes)] = true
				allowed[MinutesAgainst(h.Minutes, h.Limit)] = true
				allowed[Minutes(h.Low)], allowed[Minutes(h.High)] = true, true
				allowed[Minutes(h.Limit)] = true
				allowed[Pct(h.Share)] = true
				allowed[Pct(1-h.Share)] = true
			}
		}
		// Numbers that belong to names, not data: school names (第3学校), grade bands (1-2), the standard text.
		text := f.Text()
		for _, u := range r.Units {
			text = strings.ReplaceAll(text, u.Name, "")
		}
		text = strings.ReplaceAll(text, "95%置信区间", "")
		for _, fixed := range []string{ir.Indicator.Standard, ir.Indicator.ComplyPhrase, ir.Indicator.ViolatePhrase} {
			text = strings.ReplaceAll(text, fixed, "")
		}
		for _, n := range numberRE.FindAllString(text, -1) {
			checked++
			if !allowed[n] {
				t.Errorf("%s/%s: number %s in the findings is not in the tables:\n%s", ir.Indicator.Code, ir.Questionnaire.Code, n, f.Text())
			}
		}
		if !strings.Contains(text, Pct(ir.Overall.P)+"%") {
			t.Errorf("%s: findings do not state the county share %s%%", ir.Indicator.Code, Pct(ir.Overall.P))
		}
		if ir.Indicator.Kind == surveys.Reference && strings.Contains(f.Text(), "违规") {
			t.Errorf("%s is a reference indicator but its findings say 违规: %s", ir.Indicator.Code, f.Text())
		}
	}
	if checked < 100 {
		t.Errorf("only %d numbers checked", checked)
	}
}

func schoolHomework(ir *IndicatorResult) [][]HomeworkMean {
	var out [][]HomeworkMean
	for _, sr := range ir.Schools {
		out = append(out, sr.Homework)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
