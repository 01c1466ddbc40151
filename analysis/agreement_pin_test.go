package analysis

import (
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestAgreementPinMoreBy pins Paired.MoreBy at its threshold: McNemar's χ² with 1 df is significant
// only above 3.84 (agreement.go's doc: "" when χ² ≤ 3.84), and the side named is the one with more
// discordant violations.
func TestAgreementPinMoreBy(t *testing.T) {
	// mcnemar is (b − c)²/(b + c), as pairAgreement computes it.
	mcnemar := func(b, c int) float64 { x := float64(b - c); return x * x / float64(b+c) }
	tests := []struct {
		name string
		p    *Paired
		want string
	}{
		{"no comparison", nil, ""},
		{"no discordant pair", &Paired{McNemar: math.NaN()}, ""},
		// (87 − 63)²/150 = 576/150 = 3.84 exactly: at the threshold, not above it.
		{"exactly 3.84", &Paired{StudentOnly: 87, ParentOnly: 63, McNemar: mcnemar(87, 63)}, ""},
		// (88 − 62)²/150 = 676/150 = 4.507: above.
		{"student above 3.84", &Paired{StudentOnly: 88, ParentOnly: 62, McNemar: mcnemar(88, 62)}, "student"},
		{"parent above 3.84", &Paired{StudentOnly: 62, ParentOnly: 88, McNemar: mcnemar(62, 88)}, "parent"},
		// (11 − 3)²/14 = 4.571 and (3 − 11)²/14 the same.
		{"student, few pairs", &Paired{StudentOnly: 11, ParentOnly: 3, McNemar: mcnemar(11, 3)}, "student"},
		{"parent, few pairs", &Paired{StudentOnly: 3, ParentOnly: 11, McNemar: mcnemar(3, 11)}, "parent"},
		// (10 − 3)²/13 = 3.769: below.
		{"below 3.84", &Paired{StudentOnly: 10, ParentOnly: 3, McNemar: mcnemar(10, 3)}, ""},
	}
	if got := mcnemar(87, 63); got != 3.84 {
		t.Fatalf("576/150 = %v, want exactly 3.84", got)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.MoreBy(); got != tc.want {
				t.Errorf("MoreBy() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestAgreementPinCountyDifference: the county row of a student–parent comparison is unit −1 with no
// name (the Difference doc), and a school row carries its unit's index and name.
func TestAgreementPinCountyDifference(t *testing.T) {
	r := narrativeResults(t, 21)
	if len(r.StudentParent) == 0 {
		t.Fatal("no student–parent comparison")
	}
	for _, c := range r.StudentParent {
		if c.County.Unit != -1 || c.County.Name != "" {
			t.Errorf("%s: county row is unit %d %q, want -1 \"\"", c.Indicator.Code, c.County.Unit, c.County.Name)
		}
		for _, s := range c.Schools {
			if s.Unit < 0 || s.Unit >= len(r.Units) || s.Name != r.Units[s.Unit].Name {
				t.Errorf("%s: school row unit %d %q", c.Indicator.Code, s.Unit, s.Name)
			}
		}
	}
}

// TestAgreementPinBandWithin: a band is compared only when every one of its grades lies in [lo, hi],
// both ends included; an unknown code or a band with no grades is never within.
func TestAgreementPinBandWithin(t *testing.T) {
	p := &surveys.Profile{Bands: []surveys.Band{
		{Code: "mid", Grades: []int{3, 4}},
		{Code: "none"},
	}}
	tests := []struct {
		name   string
		code   string
		lo, hi int
		want   bool
	}{
		{"inside", "mid", 1, 9, true},
		{"lowest grade at lo", "mid", 3, 9, true},
		{"lowest grade below lo", "mid", 4, 9, false},
		{"highest grade at hi", "mid", 1, 4, true},
		{"highest grade above hi", "mid", 1, 3, false},
		{"band without grades", "none", 1, 9, false},
		{"unknown band", "other", 1, 9, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := bandWithin(p, tc.code, tc.lo, tc.hi); got != tc.want {
				t.Errorf("bandWithin(%s, %d, %d) = %v, want %v", tc.code, tc.lo, tc.hi, got, tc.want)
			}
		})
	}
}

// TestAgreementPinSRSEstimate pins the simple-random-sampling estimate the student–parent comparison is
// built from: suppressed below min_n (10), marked small below small_n (30) (standards.md, national-2021),
// P = comply/judged and Var = P(1 − P)/n by hand, the Wilson interval (R-pinned in TestWilson), no design.
func TestAgreementPinSRSEstimate(t *testing.T) {
	p := &surveys.Profile{MinN: 10, SmallN: 30}
	tests := []struct {
		name              string
		comply, violate   int
		suppressed, small bool
		p, v              float64
	}{
		{"n = 0", 0, 0, true, true, math.NaN(), math.NaN()},
		// 5/9 = 0.5556; Var = 5/9 · 4/9 / 9 = 20/729.
		{"n = 9, below min_n", 5, 4, true, true, 5.0 / 9, 20.0 / 729},
		// 6/10 = 0.6; Var = 0.6 · 0.4 / 10 = 0.024.
		{"n = 10, at min_n", 6, 4, false, true, 0.6, 0.024},
		// 0/10: P = 0, Var = 0.
		{"n = 10, none complies", 0, 10, false, true, 0, 0},
		// 27/29; Var = 27/29 · 2/29 / 29 = 54/24389.
		{"n = 29, below small_n", 27, 2, false, true, 27.0 / 29, 54.0 / 24389},
		// 29/30; Var = 29/30 · 1/30 / 30 = 29/27000.
		{"n = 30, at small_n", 29, 1, false, false, 29.0 / 30, 29.0 / 27000},
	}
	same := func(a, b float64) bool {
		return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-15
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Counts{Valid: tc.comply + tc.violate + 1, Undeterminable: 1, Comply: tc.comply, Violate: tc.violate}
			e := srsEstimate(c, p)
			if e.Counts != c {
				t.Errorf("counts %+v, want %+v", e.Counts, c)
			}
			if e.Suppressed != tc.suppressed || e.Small != tc.small {
				t.Errorf("suppressed %v small %v, want %v %v", e.Suppressed, e.Small, tc.suppressed, tc.small)
			}
			if !same(e.P, tc.p) || !same(e.Var, tc.v) {
				t.Errorf("P %v Var %v, want %v %v", e.P, e.Var, tc.p, tc.v)
			}
			lo, hi := math.NaN(), math.NaN()
			if n := tc.comply + tc.violate; n > 0 {
				lo, hi = Wilson(tc.comply, n, Z95)
			}
			if !same(e.WilsonLow, lo) || !same(e.WilsonHigh, hi) || !same(e.Low, lo) || !same(e.High, hi) {
				t.Errorf("intervals [%v, %v] Wilson [%v, %v], want [%v, %v]", e.Low, e.High, e.WilsonLow, e.WilsonHigh, lo, hi)
			}
			if e.Interval != WilsonScore || e.DF != -1 || !math.IsNaN(e.NEff) || !math.IsNaN(e.Deff) || !math.IsNaN(e.BoundLow) || !math.IsNaN(e.BoundHigh) {
				t.Errorf("design fields: interval %v df %d neff %v deff %v bounds %v %v, want Wilson, -1 and NaNs", e.Interval, e.DF, e.NEff, e.Deff, e.BoundLow, e.BoundHigh)
			}
		})
	}
}
