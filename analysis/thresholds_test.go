package analysis

import (
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Every threshold of standards.md pinned at its boundary, with cases on both sides. The defaults come
// from the national-2021 profile (surveys/data/profiles/national-2021.yaml): flag_threshold 0.2,
// flag_min_violations 5, min_n 10, small_n 30, low_response_rate 0.5, homework midpoints
// 0, 15, 45, 75, 105, 135.

// thAnswers is how many respondents of one grade give one answer to one question.
type thAnswers struct {
	grade  int
	answer surveys.Answer
	n      int
}

// thDataset builds a student dataset of one school (stage) whose respondents answer question code as
// listed, every other choice question with option 1, each grade in one class.
func thDataset(t *testing.T, stage surveys.Stage, enrolment int, code string, rows ...thAnswers) (*surveys.Dataset, []surveys.School) {
	t.Helper()
	q := student(t)
	s := surveys.School{Code: "X", Name: "测试学校", Stage: stage, Locale: "城区"}
	for g := range s.Enrolment {
		s.Enrolment[g] = -1
		if g >= 1 && stage.HasGrade(g) && g >= q.MinGrade {
			s.Enrolment[g] = 0
		}
	}
	schools := []surveys.School{s}
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions))}
	qi := q.Index(code)
	if qi < 0 {
		t.Fatalf("no question %s", code)
	}
	class := map[int]uint32{}
	for _, r := range rows {
		c, ok := class[r.grade]
		if !ok {
			c = uint32(len(d.Classes))
			d.Classes = append(d.Classes, surveys.ClassKey{School: 0, Grade: uint8(r.grade), Label: "1"})
			class[r.grade] = c
		}
		for range r.n {
			d.School = append(d.School, 0)
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
	// Enrolment: all in the first grade the school teaches that the questionnaire covers.
	for g := q.MinGrade; g <= q.MaxGrade; g++ {
		if stage.HasGrade(g) {
			schools[0].Enrolment[g] = enrolment
			break
		}
	}
	d.Schools = schools
	return d, schools
}

func thAnalyze(t *testing.T, d *surveys.Dataset, schools []surveys.School) *Results {
	t.Helper()
	res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: profile(t, "national-2021"), RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func thSchool(t *testing.T, res *Results, code string) SchoolResult {
	t.Helper()
	ir := res.Indicator(code, "student")
	if ir == nil || len(ir.Schools) != 1 {
		t.Fatalf("indicator %s: %+v", code, ir)
	}
	return ir.Schools[0]
}

func TestProfileDefaults(t *testing.T) {
	// The numbers the boundary tests below are built around; a profile change must show here first.
	p := profile(t, "national-2021")
	if p.FlagThreshold != 0.2 || p.FlagMinViolations != 5 || p.MinN != 10 || p.SmallN != 30 || p.Quality.LowResponseRate != 0.5 {
		t.Errorf("national-2021: flag %v/%d, min_n %d, small_n %d, low response %v; standards.md says 0.2/5, 10, 30, 0.5",
			p.FlagThreshold, p.FlagMinViolations, p.MinN, p.SmallN, p.Quality.LowResponseRate)
	}
	// standards.md: "option midpoints: 0, 15, 45, 75, 105 and 135 minutes for the open top class".
	want := []float64{0, 15, 45, 75, 105, 135}
	if len(p.HomeworkMidpoints) != len(want) {
		t.Fatalf("midpoints %v, want %v", p.HomeworkMidpoints, want)
	}
	for i := range want {
		if p.HomeworkMidpoints[i] != want[i] {
			t.Errorf("midpoint of option %d = %v, want %v", i+1, p.HomeworkMidpoints[i], want[i])
		}
	}
}

// TestFlagBoundary: standards.md "the violation share itself reaches the threshold (≥ 5 violators)"
// — 20% with at least 5 violating respondents, n at least min_n. phones (S23) complies with options
// 1-2 for every grade, so option 3 is the violation.
func TestFlagBoundary(t *testing.T) {
	tests := []struct {
		name          string
		violate, keep int
		want          bool
	}{
		{"20% with 5 violators is flagged", 5, 20, true},                // 5/25 = 0.2: "reaches" is ≥
		{"19.2% with 5 violators is not", 5, 21, false},                 // 5/26 < 0.2
		{"20.8% with 5 violators is flagged", 5, 19, true},              // 5/24 > 0.2
		{"20% with 4 violators is not", 4, 16, false},                   // 4/20 = 0.2 but fewer than 5 violators
		{"40% with 4 violators is not", 4, 6, false},                    // n = 10, share far above, still 4
		{"100% with 5 violators but n below min_n is not", 5, 4, false}, // n = 9 < 10: suppressed, never flagged
		{"50% with 5 violators at n = min_n is flagged", 5, 5, true},    // n = 10 = min_n: shown, flagged
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 3, tt.violate}, thAnswers{7, 1, tt.keep})
			res := thAnalyze(t, d, schools)
			sr := thSchool(t, res, "phones")
			// The share rule decides whether a school is flagged in either tier (需整改 or 需关注);
			// the interval decides which tier (TestFlagTiers).
			if got := sr.Flag != FlagNone; got != tt.want {
				t.Errorf("%d violators of %d: flag %q, want flagged %v", tt.violate, tt.violate+tt.keep, sr.Flag, tt.want)
			}
			ir := res.Indicator("phones", "student")
			if got := len(ir.Flagged)+len(ir.Possible) == 1; got != tt.want {
				t.Errorf("IndicatorResult.Flagged = %v, Possible = %v, want flagged %v", ir.Flagged, ir.Possible, tt.want)
			}
		})
	}
}

// TestSuppressionBoundary: standards.md "Cells with fewer than the profile's minimum n (default 10)
// are shown as "—"…; cells with n below 30 carry "*"". n is the judged answers.
func TestSuppressionBoundary(t *testing.T) {
	tests := []struct {
		n                 int
		suppressed, small bool
	}{
		{9, true, true},    // 9 < 10
		{10, false, true},  // 10 is not below 10; 10 < 30
		{29, false, true},  // 29 < 30
		{30, false, false}, // 30 is not below 30
		{31, false, false},
	}
	for _, tt := range tests {
		d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 1, tt.n}, thAnswers{7, surveys.Missing, 5})
		res := thAnalyze(t, d, schools)
		sr := thSchool(t, res, "phones")
		if sr.Judged() != tt.n || sr.Suppressed != tt.suppressed || sr.Small != tt.small {
			t.Errorf("n=%d (+5 未答): judged %d, suppressed %v, small %v; want suppressed %v, small %v",
				tt.n, sr.Judged(), sr.Suppressed, sr.Small, tt.suppressed, tt.small)
		}
		// A measure's school distribution follows the same minimum (valid answers; 未答 not counted).
		d, schools = thDataset(t, surveys.StageJunior, 0, "pressure", thAnswers{7, 2, tt.n}, thAnswers{7, surveys.Missing, 5})
		dist := measure(thAnalyze(t, d, schools), "pressure")
		if dist == nil || len(dist.Schools) != 1 || dist.Schools[0].Suppressed != tt.suppressed {
			t.Errorf("n=%d: pressure distribution %+v, want suppressed %v", tt.n, dist, tt.suppressed)
		}
	}
}

func measure(res *Results, code string) *Distribution {
	for _, m := range res.Measures {
		if m.Question.Code == code {
			return m
		}
	}
	return nil
}

// TestHomeworkMeanBoundary: standards.md "a mean equal to the limit does not exceed it"; 3-6 limit 60
// minutes, 7-9 limit 90, means from the midpoints 0, 15, 45, 75, 105, 135.
func TestHomeworkMeanBoundary(t *testing.T) {
	tests := []struct {
		name  string
		stage surveys.Stage
		rows  []thAnswers
		band  string
		mean  float64
		over  bool
		limit float64
	}{
		// (45 + 75) / 2 = 60 = the 3-6 limit: not over.
		{"3-6 mean equal to 60", surveys.StagePrimary, []thAnswers{{4, 3, 10}, {4, 4, 10}}, "3-6", 60, false, 60},
		// (45 + 75 + 75) / 3 = 65 > 60.
		{"3-6 mean 65", surveys.StagePrimary, []thAnswers{{4, 3, 10}, {4, 4, 20}}, "3-6", 65, true, 60},
		// (45·11 + 75·9) / 20 = 58.5 < 60.
		{"3-6 mean 58.5", surveys.StagePrimary, []thAnswers{{4, 3, 11}, {4, 4, 9}}, "3-6", 58.5, false, 60},
		// (75 + 105) / 2 = 90 = the 7-9 limit: not over.
		{"7-9 mean equal to 90", surveys.StageJunior, []thAnswers{{8, 4, 10}, {8, 5, 10}}, "7-9", 90, false, 90},
		// (75·9 + 105·11) / 20 = 91.5 > 90.
		{"7-9 mean 91.5", surveys.StageJunior, []thAnswers{{8, 4, 9}, {8, 5, 11}}, "7-9", 91.5, true, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, schools := thDataset(t, tt.stage, 0, "homework_time", tt.rows...)
			sr := thSchool(t, thAnalyze(t, d, schools), "homework_time")
			if len(sr.Homework) != 1 {
				t.Fatalf("homework means %+v, want one band", sr.Homework)
			}
			hm := sr.Homework[0]
			// over: the verdict is 超过 or 可能超过 (which of the two is the interval's call); a mean
			// equal to the limit is 未超过.
			over := hm.Verdict == VerdictOver || hm.Verdict == VerdictMaybe
			if hm.Band != tt.band || math.Abs(hm.Minutes-tt.mean) > 1e-9 || over != tt.over || hm.Limit != tt.limit {
				t.Errorf("band %s mean %v limit %v verdict %q; want %s %v %v over %v", hm.Band, hm.Minutes, hm.Limit, hm.Verdict, tt.band, tt.mean, tt.limit, tt.over)
			}
		})
	}
}

// TestHomeworkMidpoints pins each option's midpoint: a school whose every answer is option k has mean
// midpoint(k). standards.md: 0, 15, 45, 75, 105 and 135 minutes.
func TestHomeworkMidpoints(t *testing.T) {
	for k, want := range []float64{0, 15, 45, 75, 105, 135} {
		d, schools := thDataset(t, surveys.StageJunior, 0, "homework_time", thAnswers{7, surveys.Answer(k + 1), 12})
		sr := thSchool(t, thAnalyze(t, d, schools), "homework_time")
		if len(sr.Homework) != 1 || sr.Homework[0].Minutes != want {
			t.Errorf("option %d: homework means %+v, want %v minutes", k+1, sr.Homework, want)
		}
	}
}

// TestLowResponseRateBoundary: the rule of ingest.Rules, "应答率低于阈值" with low_response_rate 0.5:
// a rate of exactly 50% is not low.
func TestLowResponseRateBoundary(t *testing.T) {
	tests := []struct {
		respondents, enrolment int
		low                    bool
	}{
		{10, 20, false}, // 0.5 is not below 0.5
		{9, 20, true},   // 0.45
		{11, 20, false}, // 0.55
		{20, 20, false},
	}
	for _, tt := range tests {
		d, schools := thDataset(t, surveys.StageJunior, tt.enrolment, "phones", thAnswers{7, 1, tt.respondents})
		res := thAnalyze(t, d, schools)
		if len(res.ResponseRates) != 1 {
			t.Fatalf("response rates %+v", res.ResponseRates)
		}
		rr := res.ResponseRates[0]
		want := float64(tt.respondents) / float64(tt.enrolment)
		if rr.Low != tt.low || rr.Enrolment != tt.enrolment || math.Abs(rr.Rate-want) > 1e-12 {
			t.Errorf("%d of %d: rate %v low %v; want %v low %v", tt.respondents, tt.enrolment, rr.Rate, rr.Low, want, tt.low)
		}
	}
}

// TestFlagTierBoundary pins the tier at its boundary: 需整改 (confirmed) when the lower bound of the
// violation share's 95% interval reaches flag_threshold 0.2, 需关注 (possible) when only the share
// does. One class, so the interval is Wilson's; lower bounds by the Wilson (1927) formula with
// z = 1.959964: 52/200 → 0.20414, 51/200 → 0.19960 (python: c − h with c = (p + z²/2n)/(1 + z²/n)).
func TestFlagTierBoundary(t *testing.T) {
	tests := []struct {
		violate, n int
		want       Flag
	}{
		{52, 200, FlagConfirmed}, // lower bound 0.20414 ≥ 0.2
		{51, 200, FlagPossible},  // lower bound 0.19960 < 0.2, share 25.5% ≥ 20%
		{40, 200, FlagPossible},  // share exactly 20%: reaches the threshold
		{39, 200, FlagNone},      // 19.5%
	}
	for _, tt := range tests {
		d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 3, tt.violate}, thAnswers{7, 1, tt.n - tt.violate})
		sr := thSchool(t, thAnalyze(t, d, schools), "phones")
		if sr.Flag != tt.want || sr.Flagged != (tt.want == FlagConfirmed) {
			t.Errorf("%d of %d violate: flag %q (flagged %v), want %q; interval of the compliance share [%v, %v]",
				tt.violate, tt.n, sr.Flag, sr.Flagged, tt.want, sr.Low, sr.High)
		}
	}
}
