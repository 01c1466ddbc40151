package analysis

import (
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// estimate.go's comparisons (compare, compareGroups, compareSchools) on a hand-built frame: two
// schools of two classes of 10 answers each; school 0 (unit 0) is grade 7 and 城区, school 1 (unit 1)
// grade 8 and 乡村; k[c] of class c comply. Expected values: testdata/r/compare.R (svyttest with
// classes; the p(1 − p)/n two-sample test without), printed with 15 decimals.
const (
	cmpDesignP   = 0.216346895938785 // 14/20 vs 6/20 with classes, df 1
	cmpDesignAdj = 0.432693791877570 // Holm over the two schools
	cmpSRS14P    = 0.008840749180222 // 14/20 vs 6/20 without classes, df 38
	cmpSRS14Adj  = 0.017681498360444
	cmpSRS15P    = 0.048955746647989 // 15/20 vs 9/20 without classes
	cmpSRS15Adj  = 0.097911493295979
)

// cmpFixture builds the analyzer and the domain set of the two schools.
func cmpFixture(k [4]float64, classless bool, method DesignMethod) (*analyzer, *domainSet) {
	ds := &domainSet{
		f:         &frame{nPSU: []int{2, 2}},
		byCell:    make([][10][]int32, 2),
		classless: []bool{classless, classless, classless, classless},
		schoolOf:  []int{0, 1},
	}
	for c := range 4 {
		u := int32(c / 2)
		ds.f.psus = append(ds.f.psus, psu{stratum: u, post: u*10 + 7 + u, n: 10, y: k[c], y2: k[c]})
		g := 7 + c/2
		ds.byCell[u][g] = append(ds.byCell[u][g], int32(c))
	}
	of := make([][10]int32, 2)
	for s := range of {
		for g := range of[s] {
			of[s][g] = -1
		}
	}
	of[0][7], of[1][8] = 0, 1
	a := &analyzer{p: pinProfile(), schools: []surveys.School{{Name: "甲校", Locale: "城区"}, {Name: "乙校", Locale: "乡村"}},
		units: unitIndex{units: []Unit{{School: 0, Name: "甲校"}, {School: 1, Name: "乙校"}}, of: of}, opt: DesignOptions{Method: method}}
	return a, ds
}

func cmpClose(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestEstimatePinCompare: Others is the rest's share (with classes P − Diff, P being the caller's
// share of the domain), Diff the domain's share minus it, and no comparison when either side is empty.
func TestEstimatePinCompare(t *testing.T) {
	school0 := func(s, g int) bool { return s == 0 }
	school1 := func(s, g int) bool { return s == 1 }
	none := func(s, g int) bool { return false }
	tests := []struct {
		name               string
		k                  [4]float64
		classless          bool
		method             DesignMethod
		in, out            func(s, g int) bool
		p                  float64 // the caller's share of in
		nilWant            bool
		others, diff, pval float64
	}{
		{"with classes", [4]float64{8, 6, 4, 2}, false, DesignCluster, school0, school1, 0.7, false, 0.3, 0.4, cmpDesignP},
		{"with classes, reversed", [4]float64{8, 6, 4, 2}, false, DesignCluster, school1, school0, 0.3, false, 0.7, -0.4, cmpDesignP},
		{"without classes", [4]float64{8, 6, 4, 2}, true, DesignCluster, school0, school1, 0.7, false, 0.3, 0.4, cmpSRS14P},
		{"--design srs", [4]float64{8, 6, 4, 2}, false, DesignSRS, school0, school1, 0.7, false, 0.3, 0.4, cmpSRS14P},
		{"without classes, 15 vs 9", [4]float64{8, 7, 5, 4}, true, DesignCluster, school0, school1, 0.75, false, 0.45, 0.3, cmpSRS15P},
		{"no rest", [4]float64{8, 6, 4, 2}, false, DesignCluster, school0, none, 0.7, true, 0, 0, 0},
		{"empty domain", [4]float64{8, 6, 4, 2}, false, DesignCluster, none, school1, 0.7, true, 0, 0, 0},
		{"empty domain without classes", [4]float64{8, 6, 4, 2}, true, DesignCluster, none, school1, 0.7, true, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ds := cmpFixture(tc.k, tc.classless, tc.method)
			c := a.compare(ds, tc.in, tc.out, tc.p)
			if tc.nilWant {
				if c != nil {
					t.Errorf("got %+v, want no comparison", c)
				}
				return
			}
			if c == nil {
				t.Fatal("no comparison")
			}
			if !cmpClose(c.Others, tc.others) || !cmpClose(c.Diff, tc.diff) || !cmpClose(c.PValue, tc.pval) {
				t.Errorf("others %v diff %v p %v, want %v %v %v", c.Others, c.Diff, c.PValue, tc.others, tc.diff, tc.pval)
			}
		})
	}
}

// TestEstimatePinCompareGroups: each shown grade and 城乡 group is tested against the rest, its p-value
// unadjusted (PAdjusted = PValue) and significant below 0.05; a suppressed group, or one without
// answers, has no comparison.
func TestEstimatePinCompareGroups(t *testing.T) {
	grp := func(code string, comply, violate int, suppressed bool) Group {
		return Group{Code: code, Estimate: Estimate{Counts: Counts{Comply: comply, Violate: violate}, P: float64(comply) / float64(comply+violate), Suppressed: suppressed}}
	}
	tests := []struct {
		name      string
		k         [4]float64
		classless bool
		in, rest  [2]int // complying of 20 in school 0 (grade 7, 城区) and school 1 (grade 8, 乡村)
		p         float64
		sig       bool
	}{
		{"with classes: not significant", [4]float64{8, 6, 4, 2}, false, [2]int{14, 6}, [2]int{6, 14}, cmpDesignP, false},
		{"without classes: significant", [4]float64{8, 6, 4, 2}, true, [2]int{14, 6}, [2]int{6, 14}, cmpSRS14P, true},
		// 0.049 is below 0.05 unadjusted: groups are not Holm-adjusted.
		{"without classes: 0.049", [4]float64{8, 7, 5, 4}, true, [2]int{15, 5}, [2]int{9, 11}, cmpSRS15P, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ds := cmpFixture(tc.k, tc.classless, DesignCluster)
			r := &IndicatorResult{
				Grades: []Group{grp("6", 5, 5, true), grp("7", tc.in[0], tc.in[1], false), grp("8", tc.rest[0], tc.rest[1], false), grp("9", 10, 10, false),
					{Code: "5", Estimate: Estimate{P: math.NaN()}}},
				Locales: []Group{grp("城区", tc.in[0], tc.in[1], false), grp("乡村", tc.rest[0], tc.rest[1], false)},
			}
			a.compareGroups(r, ds)
			pin := float64(tc.in[0]) / 20
			prest := float64(tc.rest[0]) / 20
			for _, g := range []struct {
				name   string
				gr     Group
				others float64
			}{{"grade 7", r.Grades[1], prest}, {"grade 8", r.Grades[2], pin}, {"城区", r.Locales[0], prest}, {"乡村", r.Locales[1], pin}} {
				c := g.gr.VsOthers
				if c == nil {
					t.Errorf("%s: no comparison", g.name)
					continue
				}
				if !cmpClose(c.Others, g.others) || !cmpClose(c.Diff, g.gr.P-g.others) || !cmpClose(c.PValue, tc.p) || c.PAdjusted != c.PValue || c.Significant != tc.sig {
					t.Errorf("%s: %+v, want others %v p %v significant %v", g.name, *c, g.others, tc.p, tc.sig)
				}
			}
			for _, i := range []int{0, 3, 4} {
				if r.Grades[i].VsOthers != nil {
					t.Errorf("grade %s: compared %+v, want none", r.Grades[i].Code, *r.Grades[i].VsOthers)
				}
			}
		})
	}
}

// TestEstimatePinCompareSchools: each shown unit against the rest, Holm-adjusted across the units
// compared (a suppressed unit is neither compared nor counted), significant when the adjusted p-value
// is below 0.05.
func TestEstimatePinCompareSchools(t *testing.T) {
	tests := []struct {
		name      string
		k         [4]float64
		classless bool
		p, adj    float64
		sig       bool
	}{
		{"with classes", [4]float64{8, 6, 4, 2}, false, cmpDesignP, cmpDesignAdj, false},
		{"without classes", [4]float64{8, 6, 4, 2}, true, cmpSRS14P, cmpSRS14Adj, true},
		// 0.049 unadjusted, 0.098 after Holm over two units: not significant.
		{"0.049 before Holm", [4]float64{8, 7, 5, 4}, true, cmpSRS15P, cmpSRS15Adj, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, ds := cmpFixture(tc.k, tc.classless, DesignCluster)
			p0 := (tc.k[0] + tc.k[1]) / 20
			p1 := (tc.k[2] + tc.k[3]) / 20
			r := &IndicatorResult{Schools: []SchoolResult{
				{School: 0, Unit: 0, Estimate: Estimate{P: p0}},
				{School: 1, Unit: 1, Estimate: Estimate{P: p1}},
				{School: 1, Unit: 1, Estimate: Estimate{P: 0.5, Suppressed: true}},
			}}
			a.compareSchools(r, ds)
			for i, others := range []float64{p1, p0} {
				c := r.Schools[i].VsCounty
				if c == nil {
					t.Fatalf("unit %d: no comparison", i)
				}
				if !cmpClose(c.Others, others) || !cmpClose(c.PValue, tc.p) || !cmpClose(c.PAdjusted, tc.adj) || c.Significant != tc.sig {
					t.Errorf("unit %d: %+v, want others %v p %v adjusted %v significant %v", i, *c, others, tc.p, tc.adj, tc.sig)
				}
			}
			if r.Schools[2].VsCounty != nil {
				t.Errorf("suppressed unit compared: %+v", *r.Schools[2].VsCounty)
			}
		})
	}
}
