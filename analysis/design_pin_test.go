package analysis

import (
	"math"
	"testing"
)

// TestDesignPinDeff: the design effect is Var / VSRS, and NaN whenever VSRS is not positive (the
// designStat.Deff doc: "NaN when undefined"), never ±Inf.
func TestDesignPinDeff(t *testing.T) {
	tests := []struct {
		name     string
		v, vsrs  float64
		want     float64
		wantNaN  bool
		describe string
	}{
		{"twice srs", 0.02, 0.01, 2, false, "0.02 / 0.01"},
		{"no clustering", 0.005, 0.005, 1, false, "equal variances"},
		{"no srs variance, some design variance", 0.01, 0, 0, true, "0.01 / 0 is undefined"},
		{"both zero", 0, 0, 0, true, "0 / 0"},
		{"srs variance unknown", 0.01, math.NaN(), 0, true, "one row: no s²"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := designStat{Var: tc.v, VSRS: tc.vsrs}.Deff()
			if tc.wantNaN != math.IsNaN(got) || !tc.wantNaN && math.Abs(got-tc.want) > 1e-15 {
				t.Errorf("Deff() = %v, want %v (%s)", got, tc.want, tc.describe)
			}
		})
	}
}

// TestDesignPinFPCCutoff pins stratifiedSum by hand on three lonely classes (one per stratum, so each
// adds f_h·z², survey.lonely.psu = "adjust") and one stratum of two classes out of three
// (n_h/(n_h − 1)·(Σz² − (Σz)²/n_h), the absent class a zero). A finite-population factor below 1e-7 is
// a census up to rounding and adds nothing; at 1e-7 the stratum still counts.
func TestDesignPinFPCCutoff(t *testing.T) {
	f := &frame{
		psus: []psu{{stratum: 0}, {stratum: 1}, {stratum: 2}, {stratum: 3}, {stratum: 3}},
		nPSU: []int{1, 1, 1, 3},
	}
	idx := []int32{0, 1, 2, 3, 4}
	zs := []float64{2, 3, 4, 1, 3}
	tests := []struct {
		name string
		fpc  []float64
		want float64
	}{
		// 4 + 9 + 16 + 3/2·(1 + 9 − 16/3) = 29 + 7 = 36.
		{"no fpc", nil, 36},
		// 0.5·4 + 0.5·9 + 0.5·16 + 0.5·7 = 18.
		{"half sampled", []float64{0.5, 0.5, 0.5, 0.5}, 18},
		// stratum 0 below the cut-off (census): 0; stratum 1 at it: 1e-7·9; 0.5·16; 7.
		{"at and below 1e-7", []float64{1e-8, 1e-7, 0.5, 1}, 9e-7 + 8 + 7},
		{"exact census", []float64{0, 0, 0, 0}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.fpc = tc.fpc
			v, classes, strata := f.stratifiedSum(idx, zs)
			if math.Abs(v-tc.want) > 1e-12 || classes != 5 || strata != 4 {
				t.Errorf("got %.10g over %d classes, %d strata; want %.10g over 5, 4", v, classes, strata, tc.want)
			}
		})
	}
}

// TestDesignPinKornGraubardEdges pins KornGraubardInterval where it starts to give an interval (n = 2,
// df = 1) and the NCHS rule that a share of 0 or 1 takes the sample size as its effective n whatever
// the variance (Parker et al. 2017). With df = n − 1 the df adjustment is 1, so the bounds are
// Clopper–Pearson's qbeta on n_eff, by hand: Beta(2, 1) has CDF x², Beta(1, 2) has 1 − (1 − x)².
func TestDesignPinKornGraubardEdges(t *testing.T) {
	tests := []struct {
		name         string
		p, v, n      float64
		df           int
		lo, hi, neff float64
	}{
		{"n = 1", 1, 0, 1, 1, math.NaN(), math.NaN(), math.NaN()},
		// n_eff = n = 2: [qbeta(0.025, 2, 1), 1] = [√0.025, 1] (R: 0.158113883008419).
		{"n = 2, all comply", 1, 0, 2, 1, math.Sqrt(0.025), 1, 2},
		// n_eff = 0.25/0.125 = 2: [qbeta(0.025, 1, 2), qbeta(0.975, 2, 1)] = [1 − √0.975, √0.975]
		// (R: 0.012579117093425, 0.987420882906575).
		{"n = 2, half", 0.5, 0.125, 2, 1, 1 - math.Sqrt(0.975), math.Sqrt(0.975), 2},
		// p = 0 with a variance: n_eff = n = 20, not p(1 − p)/v = 0. The df adjustment
		// (qt(0.025, 19)/qt(0.025, 5))² = 0.662957320235056 (R) gives n_eff' = 13.259, and
		// hi = qbeta(0.975, 1, n_eff') = 1 − 0.025^(1/n_eff') = 0.242865182481514 (R).
		{"p = 0 with a variance", 0, 1e-3, 20, 5, 0, 0.242865182481514, 20},
		// p = 1 mirrors it.
		{"p = 1 with a variance", 1, 1e-3, 20, 5, 1 - 0.242865182481514, 1, 20},
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, neff := KornGraubardInterval(tc.p, tc.v, tc.n, tc.df)
			if !same(lo, tc.lo) || !same(hi, tc.hi) || !same(neff, tc.neff) {
				t.Errorf("got [%.15g, %.15g] n_eff %v, want [%.15g, %.15g] n_eff %v", lo, hi, neff, tc.lo, tc.hi, tc.neff)
			}
		})
	}
}
