package analysis

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// These tests pin indicators.go (issue 12: mutation testing): how each answer is counted, which grades,
// bands and 城乡 groups a result lists and in what order, which units are 需整改, 需关注 or 样本不足, and
// the homework means at their edges (a band limit of 0, the unit of index 0, min_n and small_n, a mean
// whose whole interval sits on the limit, the mean and the share disagreeing at exactly the flag
// threshold and at exactly half complying). Expected values are counted by hand from the rows, with the
// rules of national-2021 (standards.md; surveys/data/profiles/national-2021.yaml).

// indPinRow is n respondents of one school, grade and class giving one answer to the question under test.
type indPinRow struct {
	school, grade int
	class         string
	answer        surveys.Answer
	n             int
}

// indPinData builds a student dataset of the given schools where the question code is answered as the
// rows say and every other choice question with option 1.
func indPinData(t *testing.T, schools []surveys.School, code string, rows ...indPinRow) *surveys.Dataset {
	t.Helper()
	q := student(t)
	qi := q.Index(code)
	if qi < 0 {
		t.Fatalf("no question %s", code)
	}
	for i := range schools {
		for g := range schools[i].Enrolment {
			schools[i].Enrolment[g] = -1
		}
	}
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions))}
	classes := map[surveys.ClassKey]uint32{}
	for _, r := range rows {
		key := surveys.ClassKey{School: uint16(r.school), Grade: uint8(r.grade), Label: r.class}
		c, ok := classes[key]
		if !ok {
			c = uint32(len(d.Classes))
			d.Classes = append(d.Classes, key)
			classes[key] = c
		}
		for range r.n {
			d.School = append(d.School, uint16(r.school))
			d.Grade = append(d.Grade, uint8(r.grade))
			d.Class = append(d.Class, c)
			for j := range q.Questions {
				if q.Questions[j].Kind != surveys.KindChoice {
					continue
				}
				a := surveys.Answer(1)
				if j == qi {
					a = r.answer
				}
				d.Answers[j] = append(d.Answers[j], a)
			}
		}
	}
	return d
}

func indPinAnalyze(t *testing.T, p *surveys.Profile, d *surveys.Dataset) *Results {
	t.Helper()
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: d.Schools, Profile: p, RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestGradeNamePins(t *testing.T) {
	for g, want := range map[int]string{-1: "-1", 0: "0", 1: "一年级", 5: "五年级", 9: "九年级", 10: "10"} {
		if got := GradeName(g); got != want {
			t.Errorf("GradeName(%d) = %q, want %q", g, got, want)
		}
	}
}

// TestLocalesPins: 城区, 镇区, 乡村 first in that order, then the others as the roster lists them; a school
// without a locale makes no group.
func TestLocalesPins(t *testing.T) {
	schools := []surveys.School{{Locale: "山区"}, {Locale: "乡村"}, {Locale: ""}, {Locale: "海岛"}, {Locale: "城区"}, {Locale: "乡村"}, {Locale: "镇区"}, {Locale: "牧区"}}
	want := []string{"城区", "镇区", "乡村", "山区", "海岛", "牧区"}
	if got := locales(schools); !slices.Equal(got, want) {
		t.Errorf("locales = %v, want %v", got, want)
	}
}

// TestCountIndicatorPins counts every kind of answer by hand against a verdict table where option 1
// complies, 2 violates, 3 is 无法判定, 4 counts as 未答 and 5 is judged by no rule (不适用).
func TestCountIndicatorPins(t *testing.T) {
	schools := []surveys.School{{Code: "A", Name: "甲"}, {Code: "B", Name: "乙"}}
	d := indPinData(t, schools, "phones",
		indPinRow{0, 9, "1", 1, 3},                     // class 0: 3 comply
		indPinRow{0, 9, "1", 2, 2},                     // class 0: 2 violate
		indPinRow{0, 9, "2", 3, 4},                     // class 1: 4 无法判定 (valid, not judged)
		indPinRow{0, 9, "2", 4, 5},                     // class 1: 5 counted as 未答
		indPinRow{0, 9, "2", 5, 6},                     // class 1: 6 不适用 by no rule
		indPinRow{1, 1, "1", surveys.Missing, 7},       // class 2
		indPinRow{1, 1, "1", surveys.Invalid, 8},       // class 2
		indPinRow{1, 1, "1", surveys.NotApplicable, 9}, // class 2
		indPinRow{1, 1, "1", 1, 1},                     // class 2: 1 comply
	)
	var table surveys.VerdictTable
	for g := 1; g <= 9; g++ {
		table[g][1], table[g][2], table[g][3], table[g][4] = surveys.Complies, surveys.Violates, surveys.Undeterminable, surveys.CountsAsMissing
	}
	cc, cls := countIndicator(d, d.Questionnaire.Index("phones"), &table)
	if got, want := cc[0][9], (Counts{Valid: 9, Missing: 5, NotApplicable: 6, Undeterminable: 4, Comply: 3, Violate: 2}); got != want {
		t.Errorf("A grade 9 = %+v, want %+v", got, want)
	}
	if got, want := cc[1][1], (Counts{Valid: 1, Missing: 7, Invalid: 8, NotApplicable: 9, Comply: 1}); got != want {
		t.Errorf("B grade 1 = %+v, want %+v", got, want)
	}
	if got, want := cls, []classCount{{judged: 5, comply: 3}, {}, {judged: 1, comply: 1}}; !slices.Equal(got, want) {
		t.Errorf("classes = %+v, want %+v", got, want)
	}
	// sum keeps grades 1 to 9; hasAny is any answer row, even one with nothing judged.
	all := sum(cc, func(int, int) bool { return true })
	if want := (Counts{Valid: 10, Missing: 12, Invalid: 8, NotApplicable: 15, Undeterminable: 4, Comply: 4, Violate: 2}); all != want {
		t.Errorf("sum = %+v, want %+v", all, want)
	}
	if g9 := sum(cc, func(_, g int) bool { return g == 9 }); g9 != cc[0][9] {
		t.Errorf("grade 9 sum = %+v", g9)
	}
	for name, c := range map[string]Counts{"valid": {Valid: 1}, "missing": {Missing: 1}, "invalid": {Invalid: 1}, "not applicable": {NotApplicable: 1}} {
		if !hasAny(c) {
			t.Errorf("hasAny(%s) = false", name)
		}
	}
	if hasAny(Counts{}) {
		t.Error("hasAny(nothing) = true")
	}
	if got := (Counts{Comply: 3, Violate: 4}).Judged(); got != 7 {
		t.Errorf("Judged = %d, want 7", got)
	}
	if got := (Estimate{P: 0.75}).ViolationShare(); got != 0.25 {
		t.Errorf("ViolationShare = %v, want 0.25", got)
	}
}

// TestIndicatorBreakdownPins runs Analyze on four schools answering phones (options 1-2 comply, 3
// violates: national-2021) and pins what the result lists.
//
//	甲中学 初中 城区: grade 9, 12 × option 1; grade 7, 3 未答 only
//	乙中学 初中 乡村: grade 8, 12 × option 3: 12 of 12 violate → 需整改
//	丙小学 小学 镇区: grade 4, 10 无效 only → nothing judged → 样本不足
//	丁中学 初中 城区: grade 7, 15 × option 1 and 5 × option 3: 25% ≥ 20% with 5 violators, but the lower
//	                  bound of the interval (Wilson, one class) is about 11% → 需关注
func TestIndicatorBreakdownPins(t *testing.T) {
	schools := []surveys.School{
		{Code: "A", Name: "甲中学", Stage: surveys.StageJunior, Locale: "城区"},
		{Code: "B", Name: "乙中学", Stage: surveys.StageJunior, Locale: "乡村"},
		{Code: "C", Name: "丙小学", Stage: surveys.StagePrimary, Locale: "镇区"},
		{Code: "D", Name: "丁中学", Stage: surveys.StageJunior, Locale: "城区"},
	}
	d := indPinData(t, schools, "phones",
		indPinRow{0, 9, "1", 1, 12}, indPinRow{0, 7, "1", surveys.Missing, 3},
		indPinRow{1, 8, "1", 3, 12},
		indPinRow{2, 4, "1", surveys.Invalid, 10},
		indPinRow{3, 7, "1", 1, 15}, indPinRow{3, 7, "1", 3, 5})
	r := indPinAnalyze(t, profile(t, "national-2021"), d)
	ir := r.Indicator("phones", "student")
	if ir == nil {
		t.Fatal("no phones result")
	}
	// County: 27 comply (12 + 15), 17 violate (12 + 5), 3 未答, 10 无效.
	if want := (Counts{Valid: 44, Missing: 3, Invalid: 10, Comply: 27, Violate: 17}); ir.Overall.Counts != want {
		t.Errorf("overall %+v, want %+v", ir.Overall.Counts, want)
	}
	groups := func(gs []Group) string {
		var s []string
		for _, g := range gs {
			s = append(s, g.Code+":"+itoa(g.Judged())+"/"+itoa(g.Missing+g.Invalid))
		}
		return strings.Join(s, " ")
	}
	// Grades 4 (10 无效), 7 (20 judged and 3 未答), 8 (12), 9 (12): a grade with no judged answer is listed.
	if got, want := groups(ir.Grades), "4:0/10 7:20/3 8:12/0 9:12/0"; got != want {
		t.Errorf("grades %s, want %s", got, want)
	}
	if got, want := groups(ir.Bands), "3-6:0/10 7-9:44/3"; got != want {
		t.Errorf("bands %s, want %s", got, want)
	}
	// 城区 甲+丁: 32 judged, 3 未答; 镇区 丙; 乡村 乙.
	if got, want := groups(ir.Locales), "城区:32/3 镇区:0/10 乡村:12/0"; got != want {
		t.Errorf("locales %s, want %s", got, want)
	}
	if !slices.Equal(ir.Flagged, []int{1}) || !slices.Equal(ir.Possible, []int{3}) || !slices.Equal(ir.TooSmall, []int{2}) {
		t.Errorf("flagged %v possible %v too small %v; want [1] [3] [2]", ir.Flagged, ir.Possible, ir.TooSmall)
	}
	var names []string
	for _, sr := range ir.Schools {
		names = append(names, sr.Name+":"+itoa(sr.Judged()))
	}
	if got, want := strings.Join(names, " "), "甲中学:12 乙中学:12 丙小学:0 丁中学:20"; got != want {
		t.Errorf("schools %s, want %s", got, want)
	}
	// A school's bands: 甲 has only 初中 answers.
	if got, want := groups(ir.Schools[0].Bands), "7-9:12/3"; got != want {
		t.Errorf("甲 bands %s, want %s", got, want)
	}
	if ir.Homework != nil {
		t.Errorf("phones has homework means %+v", ir.Homework)
	}
}

// TestBandLimitPins: a band has a limit when every grade of it has the same one.
func TestBandLimitPins(t *testing.T) {
	p := profile(t, "national-2021")
	q := student(t)
	var ind *surveys.Indicator
	for i := range p.Indicators {
		if p.Indicators[i].Code == "homework_time" {
			ind = &p.Indicators[i]
		}
	}
	qu := q.Question("homework_time")
	tests := []struct {
		grades []int
		limit  float64
		ok     bool
	}{
		{[]int{3, 4, 5, 6}, 60, true},
		{[]int{7, 8, 9}, 90, true},
		{[]int{1, 2}, 0, true}, // no written homework: a limit of 0 (homeworkMeans gives no mean)
		{[]int{2, 3}, 0, false},
		{[]int{6, 7}, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		limit, ok := bandLimit(ind, qu, surveys.Band{Grades: tt.grades})
		if limit != tt.limit || ok != tt.ok {
			t.Errorf("bandLimit(%v) = %v, %v; want %v, %v", tt.grades, limit, ok, tt.limit, tt.ok)
		}
	}
}

// TestHomeworkMeanPins pins the homework means on two primary schools (3-6 limit 60 minutes, midpoints 0,
// 15, 45, 75, 105, 135; option 3 "30-60分钟" complies, option 4 "60-90分钟" and above violate).
func TestHomeworkMeanPins(t *testing.T) {
	hwSchools := func() []surveys.School {
		return []surveys.School{
			{Code: "A", Name: "甲小学", Stage: surveys.StagePrimary, Locale: "城区"},
			{Code: "B", Name: "乙小学", Stage: surveys.StagePrimary, Locale: "城区"},
		}
	}
	p := profile(t, "national-2021")
	t.Run("each unit its own mean, none for grades 1-2", func(t *testing.T) {
		// 甲 (unit 0): grade 4, 10 × option 2 (15 min); grade 1, 10 × option 2. 乙 (unit 1): grade 5, 10 ×
		// option 4 (75 min). County 3-6: (150 + 750) / 20 = 45.
		d := indPinData(t, hwSchools(), "homework_time",
			indPinRow{0, 4, "1", 2, 10}, indPinRow{0, 1, "1", 2, 10}, indPinRow{1, 5, "1", 4, 10})
		ir := indPinAnalyze(t, p, d).Indicator("homework_time", "student")
		if len(ir.Homework) != 1 || ir.Homework[0].Band != "3-6" || ir.Homework[0].Minutes != 45 || ir.Homework[0].N != 20 {
			t.Fatalf("county homework %+v, want 3-6 only, 45 minutes of 20", ir.Homework)
		}
		a, b := ir.Schools[0].Homework, ir.Schools[1].Homework
		if len(a) != 1 || a[0].Minutes != 15 || a[0].N != 10 || len(b) != 1 || b[0].Minutes != 75 || b[0].N != 10 {
			t.Errorf("甲 %+v, 乙 %+v; want 15 and 75 minutes of 10 each", a, b)
		}
		// 甲: 15 ≤ 60, 0 of 10 over. 乙: 75 > 60, none complies. Neither disagrees.
		if a[0].Verdict != VerdictNotOver || a[0].Over || a[0].Share != 1 || a[0].Disagrees || b[0].Share != 0 || b[0].Disagrees {
			t.Errorf("甲 %+v, 乙 %+v", a[0], b[0])
		}
	})
	t.Run("min_n and small_n", func(t *testing.T) {
		for _, tt := range []struct {
			n                 int
			suppressed, small bool
		}{{9, true, true}, {10, false, true}, {29, false, true}, {30, false, false}} {
			d := indPinData(t, hwSchools()[:1], "homework_time", indPinRow{0, 4, "1", 2, tt.n})
			hm := indPinAnalyze(t, p, d).Indicator("homework_time", "student").Schools[0].Homework[0]
			wantVerdict := VerdictNotOver
			if tt.suppressed {
				wantVerdict = VerdictTooSmall
			}
			if hm.Suppressed != tt.suppressed || hm.Small != tt.small || hm.Verdict != wantVerdict {
				t.Errorf("n %d: suppressed %v small %v verdict %q; want %v %v %q", tt.n, hm.Suppressed, hm.Small, hm.Verdict, tt.suppressed, tt.small, wantVerdict)
			}
		}
	})
	t.Run("mean and share disagree at the edges", func(t *testing.T) {
		tests := []struct {
			name      string
			rows      []indPinRow
			minutes   float64
			share     float64
			disagrees bool
		}{
			// (8·15 + 2·75) / 10 = 27 ≤ 60, but 2 of 10 = 20% over the limit: reaches flag_threshold 0.2.
			{"20% over a mean within", []indPinRow{{0, 4, "1", 2, 8}, {0, 4, "1", 4, 2}}, 27, 0.8, true},
			// (9·15 + 75) / 10 = 21; 10% over.
			{"10% over a mean within", []indPinRow{{0, 4, "1", 2, 9}, {0, 4, "1", 4, 1}}, 21, 0.9, false},
			// (5·45 + 5·135) / 10 = 90 > 60 while 5 of 10 = 50% comply: half is "most".
			{"half comply, mean above", []indPinRow{{0, 4, "1", 3, 5}, {0, 4, "1", 6, 5}}, 90, 0.5, true},
			// (4·45 + 6·135) / 10 = 99 > 60; 40% comply.
			{"40% comply, mean above", []indPinRow{{0, 4, "1", 3, 4}, {0, 4, "1", 6, 6}}, 99, 0.4, false},
		}
		for _, tt := range tests {
			d := indPinData(t, hwSchools()[:1], "homework_time", tt.rows...)
			hm := indPinAnalyze(t, p, d).Indicator("homework_time", "student").Schools[0].Homework[0]
			if math.Abs(hm.Minutes-tt.minutes) > 1e-9 || math.Abs(hm.Share-tt.share) > 1e-12 || hm.Disagrees != tt.disagrees {
				t.Errorf("%s: %v minutes, share %v, disagrees %v; want %v, %v, %v", tt.name, hm.Minutes, hm.Share, hm.Disagrees, tt.minutes, tt.share, tt.disagrees)
			}
		}
	})
	t.Run("a mean on the limit with no spread", func(t *testing.T) {
		// A county profile whose midpoint of "60-90分钟" is 60: every answer there gives a mean of exactly
		// 60 with no spread across two classes, so the whole interval is the limit: 未超过, not 超过 or 可能超过
		// (standards.md: a mean equal to the limit does not exceed it).
		p := profile(t, "national-2021")
		p.HomeworkMidpoints = []float64{0, 15, 45, 60, 105, 135}
		d := indPinData(t, hwSchools()[:1], "homework_time", indPinRow{0, 4, "1", 4, 10}, indPinRow{0, 4, "2", 4, 10})
		hm := indPinAnalyze(t, p, d).Indicator("homework_time", "student").Schools[0].Homework[0]
		// Every answer is over 60 minutes by the option's rule while the mean is not: they disagree.
		if hm.Minutes != 60 || hm.Low != 60 || hm.Verdict != VerdictNotOver || hm.Over || hm.Share != 0 || !hm.Disagrees {
			t.Errorf("mean %v [%v, %v] verdict %q over %v share %v disagrees %v; want 60 [60, 60] 未超过, share 0, disagrees",
				hm.Minutes, hm.Low, hm.High, hm.Verdict, hm.Over, hm.Share, hm.Disagrees)
		}
		// One more minute of midpoint: over the limit with the whole interval above it.
		p.HomeworkMidpoints[3] = 61
		hm = indPinAnalyze(t, p, d).Indicator("homework_time", "student").Schools[0].Homework[0]
		if hm.Minutes != 61 || hm.Low != 61 || hm.Verdict != VerdictOver || !hm.Over {
			t.Errorf("mean %v [%v, %v] verdict %q over %v; want 61 [61, 61] 超过", hm.Minutes, hm.Low, hm.High, hm.Verdict, hm.Over)
		}
	})
}
