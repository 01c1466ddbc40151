package analysis

import (
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// These tests call estimate.go's rules directly on hand-built estimates, one case on each side of
// every boundary (issue 12: mutation testing). Boundaries are chosen where the float arithmetic is
// exact (0.3 − 0 = 0.3; 0.1625 / 0.125 is the double nearest 1.3, as 0.125 is a power of two).

// reasonsEN are the English twins of the suppression reasons the tables below expect ("" for none).
var reasonsEN = map[string]string{
	"": "",
	"有效样本量29不足30（NCHS标准）":            "effective sample size 29 is under 30 (NCHS standard)",
	"置信区间宽30.0个百分点，达到30个百分点（NCHS标准）": "the confidence interval is 30.0 points wide, 30 points or more (NCHS standard)",
	"置信区间相对宽度超过130%（NCHS标准）":         "the confidence interval's width is over 130% of the share (NCHS standard)",
	"样本不足（可判定的回答少于10份）":              "too few answers (fewer than 10 judged)",
}

func TestReliabilityNCHSPins(t *testing.T) {
	nan := math.NaN()
	// est is a cell of c complying and v violating answers with share p and interval [lo, hi].
	est := func(c, v int, p, lo, hi float64, iv IntervalMethod, neff float64, df int) Estimate {
		return Estimate{Counts: Counts{Comply: c, Violate: v}, P: p, Low: lo, High: hi, Interval: iv, NEff: neff, DF: df,
			BoundLow: nan, BoundHigh: nan}
	}
	tests := []struct {
		name       string
		e          Estimate
		nchs       bool
		wantReason string // "" when the cell stays shown
		wantLowDF  bool
	}{
		// Parker et al. 2017 (standards.md, --reliability nchs): n_eff < 30 suppresses.
		{"30 answers, Wilson: shown", est(15, 15, 0.5, 0.4, 0.6, WilsonScore, nan, -1), true, "", false},
		{"29 answers, Wilson: suppressed", est(15, 14, 0.5, 0.4, 0.6, WilsonScore, nan, -1), true, "有效样本量29不足30（NCHS标准）", false},
		// Under Korn–Graubard the smaller of n_eff and n counts, floored in the reason.
		{"n_eff 29.9 of 100", est(50, 50, 0.5, 0.4, 0.6, KornGraubard, 29.9, 10), true, "有效样本量29不足30（NCHS标准）", false},
		{"n_eff 50 above n 40: n counts", est(20, 20, 0.5, 0.4, 0.6, KornGraubard, 50, 8), true, "", false},
		{"n_eff 30 of 40", est(20, 20, 0.5, 0.4, 0.6, KornGraubard, 30, 8), true, "", false},
		// Fewer than 8 degrees of freedom are footnoted (LowDF), only under Korn–Graubard.
		{"df 7: low df", est(20, 20, 0.5, 0.4, 0.6, KornGraubard, 35, 7), true, "", true},
		{"df 7 without a design", est(20, 20, 0.5, 0.4, 0.6, WilsonScore, 35, 7), true, "", false},
		// Absolute width: 30 percentage points or more suppress.
		{"width exactly 0.30", est(6, 34, 0.15, 0, 0.3, WilsonScore, nan, -1), true, "置信区间宽30.0个百分点，达到30个百分点（NCHS标准）", false},
		{"width 0.29", est(20, 20, 0.5, 0, 0.29, WilsonScore, nan, -1), true, "", false},
		// Relative width: above 130% of P suppresses; exactly 130% does not.
		{"relative width exactly 1.30", est(5, 35, 0.125, 0, 0.1625, WilsonScore, nan, -1), true, "", false},
		{"relative width 1.36", est(5, 35, 0.125, 0, 0.17, WilsonScore, nan, -1), true, "置信区间相对宽度超过130%（NCHS标准）", false},
		{"P 0: no relative width", est(0, 40, 0, 0, 0.2, WilsonScore, nan, -1), true, "", false},
		{"not asked", est(3, 2, 0.6, 0, 0.9, KornGraubard, 2, 1), false, "", false},
		{"NaN share", est(0, 0, nan, nan, nan, WilsonScore, nan, -1), true, "", false},
	}
	for _, tt := range tests {
		a := &analyzer{p: pinProfile()}
		if tt.nchs {
			a.opt.Reliability = ReliabilityNCHS
		}
		e := tt.e
		a.reliability(&e)
		if e.Suppressed != (tt.wantReason != "") || e.SuppressReason != tt.wantReason || e.LowDF != tt.wantLowDF {
			t.Errorf("%s: suppressed %v %q lowDF %v; want %q lowDF %v", tt.name, e.Suppressed, e.SuppressReason, e.LowDF, tt.wantReason, tt.wantLowDF)
		}
		// The English reason says the same facts (results.json suppress_reason_en, the English hover text).
		if want := reasonsEN[tt.wantReason]; e.SuppressReasonEN != want {
			t.Errorf("%s: English reason %q, want %q", tt.name, e.SuppressReasonEN, want)
		}
	}
	// A cell already suppressed keeps its reason.
	a := &analyzer{p: pinProfile(), opt: DesignOptions{Reliability: ReliabilityNCHS}}
	e := est(3, 2, 0.6, 0, 0.9, WilsonScore, nan, -1)
	e.Suppressed, e.SuppressReason = true, "样本不足"
	a.reliability(&e)
	if e.SuppressReason != "样本不足" || e.LowDF {
		t.Errorf("suppressed cell: %q lowDF %v", e.SuppressReason, e.LowDF)
	}
}

func TestFlagRulePins(t *testing.T) {
	nan := math.NaN()
	// est: c comply, v violate, P = c/(c+v) in exact binary where possible, interval upper bound hi of P,
	// favourable bound bh (NaN without 无法判定 answers).
	est := func(c, v int, hi, bh float64) Estimate {
		return Estimate{Counts: Counts{Comply: c, Violate: v}, P: float64(c) / float64(c+v), High: hi, Low: 0, BoundHigh: bh, BoundLow: nan}
	}
	tests := []struct {
		name       string
		e          Estimate
		kind       surveys.IndicatorKind
		wantFlag   Flag
		wantReason string
		wantEN     string // the same facts in English (FlagReasonEN)
	}{
		// standards.md: confirmed when the lower bound of the violation share (1 − High) reaches 20%
		// with at least 5 violators.
		{"5 violators of 25 at exactly 20%", est(20, 5, 0.8, nan), surveys.Hard, FlagConfirmed, "", ""},
		{"4 violators of 20 at 20%", est(16, 4, 0.8, nan), surveys.Hard, FlagNone, "", ""},
		{"19% violate", est(81, 19, 0.7, nan), surveys.Hard, FlagNone, "", ""},
		{"30% violate, lower bound 15%", est(14, 6, 0.85, nan), surveys.Hard, FlagPossible,
			"违规比例30.0%，但95%置信区间下限15.0%低于20.0%", "the share not complying is 30.0%, but the lower 95% bound, 15.0%, is below 20.0%"},
		{"reference, lower bound 15%", est(14, 6, 0.85, nan), surveys.Reference, FlagPossible,
			"未达到参考要求比例30.0%，但95%置信区间下限15.0%低于20.0%", "the share below the reference standard is 30.0%, but the lower 95% bound, 15.0%, is below 20.0%"},
		// With 无法判定 answers the favourable bound (all of them complying) must reach it too.
		{"favourable bound 15%", est(14, 6, 0.75, 0.85), surveys.Hard, FlagPossible,
			"若无法判定的回答均达标，违规比例为15.0%，低于20.0%", "if every undeterminable answer complied, the share not complying would be 15.0%, below 20.0%"},
		{"favourable bound exactly 20%", est(14, 6, 0.75, 0.8), surveys.Hard, FlagConfirmed, "", ""},
		{"both bounds short: favourable named", est(14, 6, 0.85, 0.85), surveys.Hard, FlagPossible,
			"若无法判定的回答均达标，违规比例为15.0%，低于20.0%", "if every undeterminable answer complied, the share not complying would be 15.0%, below 20.0%"},
	}
	for _, tt := range tests {
		a := &analyzer{p: pinProfile()}
		e := tt.e
		a.flag(&e, &surveys.Indicator{Kind: tt.kind})
		if e.Flag != tt.wantFlag || e.Flagged != (tt.wantFlag == FlagConfirmed) || e.FlagReason != tt.wantReason || e.FlagReasonEN != tt.wantEN {
			t.Errorf("%s: flag %q flagged %v %q %q; want %q %q %q", tt.name, e.Flag, e.Flagged, e.FlagReason, e.FlagReasonEN, tt.wantFlag, tt.wantReason, tt.wantEN)
		}
	}
	// Suppressed and NaN cells are never flagged.
	a := &analyzer{p: pinProfile()}
	for _, e := range []Estimate{est(20, 10, 0.5, nan), {Counts: Counts{Violate: 10}, P: nan, High: nan, BoundHigh: nan}} {
		if !math.IsNaN(e.P) {
			e.Suppressed = true
		}
		a.flag(&e, &surveys.Indicator{Kind: surveys.Hard})
		if e.Flag != FlagNone {
			t.Errorf("%+v flagged %q", e, e.Flag)
		}
	}
}

func TestShareSRSPins(t *testing.T) {
	tests := []struct {
		name             string
		c                Counts
		wantSup, wantSml bool
		wantReason       string
		boundLo, boundHi float64 // NaN when no 无法判定 answers
	}{
		// standards.md: min_n 10 suppresses below it, small_n 30 marks below it.
		{"9 judged, 1 undeterminable", Counts{Comply: 6, Violate: 3, Undeterminable: 1}, true, true, "样本不足（可判定的回答少于10份）", 0.6, 0.7},
		{"10 judged", Counts{Comply: 6, Violate: 4}, false, true, "", math.NaN(), math.NaN()},
		{"29 judged", Counts{Comply: 20, Violate: 9}, false, true, "", math.NaN(), math.NaN()},
		{"30 judged, 10 undeterminable", Counts{Comply: 20, Violate: 10, Undeterminable: 10}, false, false, "", 0.5, 0.75},
	}
	a := &analyzer{p: pinProfile(), opt: DesignOptions{Method: DesignSRS}}
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) || math.Abs(x-y) < 1e-15 }
	for _, tt := range tests {
		e := a.share(tt.c, nil, nil, nil)
		n := tt.c.Judged()
		p := float64(tt.c.Comply) / float64(n)
		lo, hi := Wilson(tt.c.Comply, n, Z95)
		if e.Suppressed != tt.wantSup || e.Small != tt.wantSml || e.SuppressReason != tt.wantReason {
			t.Errorf("%s: suppressed %v small %v %q", tt.name, e.Suppressed, e.Small, e.SuppressReason)
		}
		if want := reasonsEN[tt.wantReason]; e.SuppressReasonEN != want {
			t.Errorf("%s: English reason %q, want %q", tt.name, e.SuppressReasonEN, want)
		}
		if !same(e.BoundLow, tt.boundLo) || !same(e.BoundHigh, tt.boundHi) {
			t.Errorf("%s: bounds %v–%v, want %v–%v", tt.name, e.BoundLow, e.BoundHigh, tt.boundLo, tt.boundHi)
		}
		// p(1−p)/n: the variance of a share under simple random sampling.
		if !same(e.P, p) || !same(e.Var, p*(1-p)/float64(n)) || e.Low != lo || e.High != hi || e.Interval != WilsonScore || e.DF != -1 {
			t.Errorf("%s: P %v var %v [%v, %v] %s df %d", tt.name, e.P, e.Var, e.Low, e.High, e.Interval, e.DF)
		}
	}
	e := a.share(Counts{}, nil, nil, nil)
	if !math.IsNaN(e.P) || !math.IsNaN(e.Low) || !e.Suppressed || !e.Small {
		t.Errorf("no answers: %+v", e)
	}
}

// TestFPCLastGrade: --fpc counts the enrolment of every grade of the questionnaire, the last one
// (grade 9 of 7–9) included: the same classes as TestFPC moved to grade 9 with N = 400 keep 90% of
// the variance (1 − 40/400), and fewer enrolled than answered leaves none (1 − n/N floored at 0).
func TestFPCLastGrade(t *testing.T) {
	grade9 := func(enrol int) (*surveys.Dataset, []surveys.School) {
		d, schools := classDataset(t, 0, 9, 7, 4, 2)
		for i := range d.Classes {
			d.Classes[i].Grade = 9
		}
		for i := range d.Grade {
			d.Grade[i] = 9
		}
		schools[0].Enrolment[9] = enrol
		return d, schools
	}
	d, schools := grade9(400)
	base := phonesUnit(t, d, schools, DesignOptions{})
	ten := phonesUnit(t, d, schools, DesignOptions{FPC: true})
	if !(base.Var > 0) || math.Abs(ten.Var/base.Var-0.9) > 1e-9 {
		t.Errorf("grade 9, N = 400: variance %v against %v, want 90%%", ten.Var, base.Var)
	}
	d, schools = grade9(20)
	if over := phonesUnit(t, d, schools, DesignOptions{FPC: true}); over.Var != 0 {
		t.Errorf("20 enrolled, 40 answers: variance %v, want 0", over.Var)
	}
}
