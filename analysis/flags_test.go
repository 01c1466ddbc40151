package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestFlagTiers: standards.md's two tiers. With one class the interval is Wilson (no design df), so
// the expected bounds follow from the Wilson interval of the violation share:
//   - 5 of 25 violate (20%): Wilson lower bound 8.9% < 20% → possible (需关注);
//   - 30 of 50 violate (60%): lower bound 46.2% ≥ 20% → confirmed (需整改);
//   - 12 of 40 (30%): lower bound 18.1% < 20% → possible;
//   - 4 of 10 (40%): fewer than 5 violators → not flagged;
//   - 9 of 9: n below min_n → suppressed, never flagged, listed as too small.
func TestFlagTiers(t *testing.T) {
	tests := []struct {
		name          string
		violate, keep int
		want          Flag
		tooSmall      bool
	}{
		{"20% of 25 is possible", 5, 20, FlagPossible, false},
		{"60% of 50 is confirmed", 30, 20, FlagConfirmed, false},
		{"30% of 40 is possible", 12, 28, FlagPossible, false},
		{"4 violators is not flagged", 4, 6, FlagNone, false},
		{"suppressed is never flagged", 9, 0, FlagNone, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 3, tt.violate}, thAnswers{7, 1, tt.keep})
			res := thAnalyze(t, d, schools)
			sr := thSchool(t, res, "phones")
			if sr.Flag != tt.want || sr.Flagged != (tt.want == FlagConfirmed) {
				t.Errorf("flag %q (flagged %v), want %q; violation interval lower bound %.3f", sr.Flag, sr.Flagged, tt.want, 1-sr.High)
			}
			if sr.Interval != WilsonScore {
				t.Errorf("one class: interval %s, want wilson", sr.Interval)
			}
			ir := res.Indicator("phones", "student")
			if got := len(ir.TooSmall) == 1; got != tt.tooSmall {
				t.Errorf("TooSmall = %v, want %v", ir.TooSmall, tt.tooSmall)
			}
			if (len(ir.Possible) == 1) != (tt.want == FlagPossible) || (len(ir.Flagged) == 1) != (tt.want == FlagConfirmed) {
				t.Errorf("Flagged %v Possible %v, want %q", ir.Flagged, ir.Possible, tt.want)
			}
			text := Findings(res, Chinese)[indexOf(res, ir)].Text()
			switch tt.want {
			case FlagPossible:
				if !strings.Contains(text, "另有1所学校需关注：测试学校（违规比例") || strings.Contains(text, "需整改的学校有") {
					t.Errorf("findings do not list the school apart as 需关注: %s", text)
				}
			case FlagConfirmed:
				if !strings.Contains(text, "需整改的学校有1所：测试学校") {
					t.Errorf("findings do not count the confirmed school: %s", text)
				}
			}
			// (Here the county is this one school, so the county sentence itself says it.)
			if tt.tooSmall && (!strings.Contains(text, "样本不足，无法判定") || strings.Contains(text, "%")) {
				t.Errorf("findings do not say the school is too small to judge: %s", text)
			}
		})
	}
}

func indexOf(r *Results, ir *IndicatorResult) int {
	for i, x := range r.Indicators {
		if x == ir {
			return i
		}
	}
	return -1
}

// TestTwoStageSchool: a 九年一贯制 school is reported once per stage, each named with its stage, in
// the indicator results, the flags and the distributions.
func TestTwoStageSchool(t *testing.T) {
	d, schools := thDataset(t, surveys.StageNine, 0, "phones", thAnswers{5, 1, 40}, thAnswers{8, 3, 30}, thAnswers{8, 1, 10})
	res := thAnalyze(t, d, schools)
	ir := res.Indicator("phones", "student")
	if len(ir.Schools) != 2 {
		t.Fatalf("%d entries, want one per stage", len(ir.Schools))
	}
	want := []struct {
		name, stage string
		p           float64
		flag        Flag
	}{{"测试学校（小学部）", "小学", 1, FlagNone}, {"测试学校（初中部）", "初中", 0.25, FlagConfirmed}}
	for i, w := range want {
		sr := ir.Schools[i]
		if sr.Name != w.name || sr.Stage != w.stage || math.Abs(sr.P-w.p) > 1e-12 || sr.Flag != w.flag {
			t.Errorf("entry %d: %s %s p %v flag %q, want %s %s %v %q", i, sr.Name, sr.Stage, sr.P, sr.Flag, w.name, w.stage, w.p, w.flag)
		}
	}
	if names := ir.FlaggedNames(res.Units); len(names) != 1 || names[0] != "测试学校（初中部）" {
		t.Errorf("flagged %v, want the 初中部 only", names)
	}
	dist := measure(res, "pressure")
	if dist == nil || len(dist.Schools) != 2 || dist.Schools[1].Name != "测试学校（初中部）" {
		t.Errorf("pressure distribution not per stage: %+v", dist)
	}
}

// TestUndeterminableBounds: with anshan-2021 (grades 3-6 homework ≤ 45 minutes) the answer 30-60分钟
// cannot be judged. The share is reported over judged answers with bounds over all, and a school is
// confirmed only when even the favourable bound (every 无法判定 answer complying) violates.
func TestUndeterminableBounds(t *testing.T) {
	p := profile(t, "anshan-2021")
	tests := []struct {
		name        string
		undecidable int
		want        Flag
	}{
		// 30 of 60 judged violate (50%; Wilson lower bound 37.7%); favourable bound 30/120 = 25% ≥ 20%.
		{"favourable bound still violates", 60, FlagConfirmed},
		// favourable bound 30/260 = 11.5% < 20%: possible only.
		{"favourable bound complies", 200, FlagPossible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, schools := thDataset(t, surveys.StagePrimary, 0, "homework_time", thAnswers{4, 1, 30}, thAnswers{4, 4, 30}, thAnswers{4, 3, tt.undecidable})
			res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p})
			if err != nil {
				t.Fatal(err)
			}
			sr := res.Indicator("homework_time", "student").Schools[0]
			all := float64(60 + tt.undecidable)
			if sr.Judged() != 60 || sr.Undeterminable != tt.undecidable || math.Abs(sr.P-0.5) > 1e-12 ||
				math.Abs(sr.BoundLow-30/all) > 1e-12 || math.Abs(sr.BoundHigh-float64(30+tt.undecidable)/all) > 1e-12 {
				t.Errorf("judged %d undecidable %d p %v bounds %v–%v", sr.Judged(), sr.Undeterminable, sr.P, sr.BoundLow, sr.BoundHigh)
			}
			if sr.Flag != tt.want {
				t.Errorf("flag %q, want %q (%s)", sr.Flag, tt.want, sr.FlagReason)
			}
		})
	}
}

// TestReliabilityNCHS: under --reliability nchs a share with an effective n below 30 or an interval 30
// points wide is suppressed (Parker et al. 2017), and a suppressed cell is never flagged.
func TestReliabilityNCHS(t *testing.T) {
	p := profile(t, "national-2021")
	d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 3, 10}, thAnswers{7, 1, 15})
	for _, tt := range []struct {
		rel        Reliability
		suppressed bool
	}{{ReliabilityDefault, false}, {ReliabilityNCHS, true}} {
		res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Design: DesignOptions{Reliability: tt.rel}})
		if err != nil {
			t.Fatal(err)
		}
		sr := res.Indicator("phones", "student").Schools[0]
		if sr.Suppressed != tt.suppressed || (tt.suppressed && (sr.Flag != FlagNone || sr.SuppressReason == "")) {
			t.Errorf("%q: n=25: suppressed %v (%s) flag %q, want suppressed %v", tt.rel, sr.Suppressed, sr.SuppressReason, sr.Flag, tt.suppressed)
		}
	}
}

// TestCountySuppressed: the county row follows the same minimum: one respondent gives no share and
// no "100.0%的学生…" sentence.
func TestCountySuppressed(t *testing.T) {
	d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 1, 1})
	res := thAnalyze(t, d, schools)
	ir := res.Indicator("phones", "student")
	if !ir.Overall.Suppressed || ir.Overall.Shown() {
		t.Fatalf("county of 1: suppressed %v", ir.Overall.Suppressed)
	}
	text := Findings(res, Chinese)[indexOf(res, ir)].Text()
	if strings.Contains(text, "100.0%") || !strings.Contains(text, "样本不足，无法判定") {
		t.Errorf("findings for a county of one: %s", text)
	}
}

// TestMidpointWarning: a profile whose homework limit equals an option midpoint gets a warning.
func TestMidpointWarning(t *testing.T) {
	p := *profile(t, "national-2021")
	if w, _ := midpointWarnings(&p); len(w) != 0 {
		t.Errorf("national-2021 (limits 60 and 90, midpoints 45 and 75): warnings %v", w)
	}
	p.HomeworkMidpoints = []float64{0, 15, 45, 60, 105, 135}
	if w, en := midpointWarnings(&p); len(w) != 1 || !strings.Contains(w[0], "60分钟") || len(en) != 1 || !strings.Contains(en[0], "60 minutes") {
		t.Errorf("limit 60 = midpoint 60: warnings %v, want one naming 60分钟", w)
	}
}

// TestWeightNeedsEnrolment: --weight enrolment and --fpc need the roster's enrolment of every school
// and grade with answers; without it the error names the school and grade.
func TestWeightNeedsEnrolment(t *testing.T) {
	p := profile(t, "national-2021")
	for _, opt := range []DesignOptions{{Weight: true}, {FPC: true}} {
		d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{8, 1, 20})
		_, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Design: opt})
		if !errors.Is(err, ErrNoEnrolment) || !strings.Contains(err.Error(), "测试学校") {
			t.Errorf("%+v: error %v, want ErrNoEnrolment naming 测试学校", opt, err)
		}
	}
}
