package analysis

import (
	"math"
	"testing"
)

// TestEstimatePinHomeworkMean pins analyzer.mean, the mean homework time of a domain, against R
// (testdata/r/homework_mean.R: svymean with confint(df = degf) on the class design, t.test without it).
// Two schools (strata), each with a grade-7 and a grade-8 class of 10 answers: school 0 grade 7 is
// 5 × 45 and 5 × 75 minutes, school 0 grade 8 10 × 75, school 1 grade 7 10 × 45, school 1 grade 8
// 5 × 15 and 5 × 45. The design interval needs at least 1 degree of freedom; with none (one class of a
// stratum in the domain), without classes, or under --design srs, the mean keeps the t interval on
// independent answers (srs-t, df n − 1).
func TestEstimatePinHomeworkMean(t *testing.T) {
	// class c: school c/2, grade 7 + c%2; n, Σy and Σy² of its answers.
	classes := [4][3]float64{
		{10, 5*45 + 5*75, 5*45*45 + 5*75*75},
		{10, 10 * 75, 10 * 75 * 75},
		{10, 10 * 45, 10 * 45 * 45},
		{10, 5*15 + 5*45, 5*15*15 + 5*45*45},
	}
	build := func(classless bool, method DesignMethod) (*analyzer, *domainSet) {
		ds := &domainSet{f: &frame{nPSU: []int{2, 2}}, byCell: make([][10][]int32, 2), schoolOf: []int{0, 1}}
		for c, s := range classes {
			u, g := int32(c/2), 7+c%2
			ds.f.psus = append(ds.f.psus, psu{stratum: u, post: u*10 + int32(g), n: s[0], y: s[1], y2: s[2]})
			ds.byCell[u][g] = append(ds.byCell[u][g], int32(c))
			ds.classless = append(ds.classless, classless)
		}
		return &analyzer{p: pinProfile(), opt: DesignOptions{Method: method}}, ds
	}
	all := func(s, g int) bool { return true }
	school0 := func(s, g int) bool { return s == 0 }
	grade7 := func(s, g int) bool { return g == 7 }
	cell := func(s, g int) bool { return s == 0 && g == 7 }
	grade9 := func(s, g int) bool { return g == 9 }
	nan := math.NaN()
	tests := []struct {
		name      string
		classless bool
		method    DesignMethod
		keep      func(s, g int) bool
		ok        bool
		n         int
		minutes   float64
		interval  IntervalMethod
		df        int
		lo, hi    float64
		deff      float64
	}{
		{"all, df 2", false, DesignCluster, all, true, 40, 52.5, DesignT, 2, 29.681738082775, 75.318261917225, 2.785714285714},
		{"one school, df 1", false, DesignCluster, school0, true, 20, 67.5, DesignT, 1, -27.796535521310, 162.796535521310, 6.333333333333},
		{"one class per school, df 0", false, DesignCluster, grade7, true, 20, 52.5, SRST, 19, 46.262374310597, 58.737625689403, nan},
		{"one class", false, DesignCluster, cell, true, 10, 60, SRST, 9, 48.689214186009, 71.310785813991, nan},
		{"all, without classes", true, DesignCluster, all, true, 40, 52.5, SRST, 39, 46.073011766851, 58.926988233149, nan},
		{"one school, --design srs", false, DesignSRS, school0, true, 20, 67.5, SRST, 19, 61.262374310597, 73.737625689403, nan},
		{"no answers", false, DesignCluster, grade9, false, 0, nan, "", -1, nan, nan, nan},
	}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ds := build(tc.classless, tc.method)
			hm, ok := a.mean(ds, tc.keep)
			if ok != tc.ok || hm.N != tc.n || !same(hm.Minutes, tc.minutes) || hm.Interval != tc.interval || hm.DF != tc.df {
				t.Errorf("ok %v n %d mean %v %s df %d, want %v %d %v %s df %d", ok, hm.N, hm.Minutes, hm.Interval, hm.DF, tc.ok, tc.n, tc.minutes, tc.interval, tc.df)
			}
			if !same(hm.Low, tc.lo) || !same(hm.High, tc.hi) || !same(hm.Deff, tc.deff) {
				t.Errorf("[%.12f, %.12f] deff %v, want [%.12f, %.12f] deff %v", hm.Low, hm.High, hm.Deff, tc.lo, tc.hi, tc.deff)
			}
		})
	}
}
