package analysis

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// rGolden reads testdata/design/golden.csv into case → values.
func rGolden(t *testing.T) map[string]map[string]float64 {
	t.Helper()
	out := map[string]map[string]float64{}
	for _, g := range readCSV(t, filepath.Join("..", "testdata", "design", "golden.csv")) {
		out[g[0]] = map[string]float64{"estimate": atof(t, g[1]), "var": atof(t, g[2]), "n": atof(t, g[3]), "df": atof(t, g[4]),
			"ci_low": atof(t, g[5]), "ci_high": atof(t, g[6]), "deff": atof(t, g[7])}
	}
	return out
}

// designDataset turns testdata/design/frame.csv into a student dataset: each unit a school, y = 1 as
// phones option 1 (complies), y = 0 as option 3 (violates), hw as the homework option of that midpoint.
func designDataset(t *testing.T) (*surveys.Dataset, []surveys.School) {
	t.Helper()
	q := student(t)
	d := &surveys.Dataset{Questionnaire: q, Answers: make([][]surveys.Answer, len(q.Questions))}
	var schools []surveys.School
	schoolOf, classOf := map[string]int{}, map[string]uint32{}
	phones, hw := q.Index("phones"), q.Index("homework_time")
	mids := []float64{0, 15, 45, 75, 105, 135}
	for _, r := range readCSV(t, filepath.Join("..", "testdata", "design", "frame.csv")) {
		g, _ := strconv.Atoi(r[1])
		s, ok := schoolOf[r[0]]
		if !ok {
			s = len(schools)
			schoolOf[r[0]] = s
			sc := surveys.School{Code: r[0], Name: r[0], Stage: surveys.StagePrimary, Locale: r[6]}
			if g >= 7 {
				sc.Stage = surveys.StageJunior
			}
			for i := range sc.Enrolment {
				sc.Enrolment[i] = -1
			}
			schools = append(schools, sc)
		}
		schools[s].Enrolment[g] = int(atof(t, r[5]))
		c, ok := classOf[r[2]]
		if !ok {
			c = uint32(len(d.Classes))
			classOf[r[2]] = c
			d.Classes = append(d.Classes, surveys.ClassKey{School: uint16(s), Grade: uint8(g), Label: r[2]})
		}
		d.School, d.Grade, d.Class = append(d.School, uint16(s)), append(d.Grade, uint8(g)), append(d.Class, c)
		for qi := range q.Questions {
			if q.Questions[qi].Kind != surveys.KindChoice {
				continue
			}
			a := surveys.Missing
			switch qi {
			case phones:
				a = 3
				if r[3] == "1" {
					a = 1
				}
			case hw:
				for k, m := range mids {
					if m == atof(t, r[4]) {
						a = surveys.Answer(k + 1)
					}
				}
			}
			d.Answers[qi] = append(d.Answers[qi], a)
		}
	}
	d.Schools = schools
	return d, schools
}

// TestAnalyzeAgainstR runs the whole analysis on the R test data and compares the county and school
// shares, intervals and design effects, the county's bands, grades and 城乡 groups, and the school and
// county homework means, with R's survey package (testdata/design/golden.csv from
// testdata/r/design.R), unweighted and with --weight enrolment. Weighted, a county breakdown is a
// domain (subset()) of R's post-stratified county design, a school its own post-stratified design.
func TestAnalyzeAgainstR(t *testing.T) {
	golden := rGolden(t)
	d, schools := designDataset(t)
	p := profile(t, "national-2021")
	for _, weighted := range []bool{false, true} {
		prefix := ""
		if weighted {
			prefix = "weighted/"
		}
		res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Design: DesignOptions{Weight: weighted}})
		if err != nil {
			t.Fatal(err)
		}
		ph := res.Indicator("phones", "student")
		check := func(name string, e Estimate) {
			t.Helper()
			w := golden[name]
			if w == nil {
				t.Fatalf("no golden %s", name)
			}
			// A cell with no design df (one class) reports DF −1: no design.
			if df := int(w["df"]); math.Abs(e.P-w["estimate"]) > 1e-6 || (e.DF != df && !(df < 1 && e.DF == -1)) {
				t.Errorf("%s: p %v df %d, R %v df %v", name, e.P, e.DF, w["estimate"], w["df"])
			}
			if e.DF < 1 {
				if e.Interval != WilsonScore || e.Low != e.WilsonLow {
					t.Errorf("%s: one class: interval %s [%v, %v], want Wilson [%v, %v]", name, e.Interval, e.Low, e.High, e.WilsonLow, e.WilsonHigh)
				}
				return
			}
			if nchs, ok := golden[name+"/nchs"]; ok {
				w = nchs
			}
			if e.Interval != KornGraubard || math.Abs(e.Low-w["ci_low"]) > 1e-6 || math.Abs(e.High-w["ci_high"]) > 1e-6 {
				t.Errorf("%s: %s [%.9f, %.9f], R [%.9f, %.9f]", name, e.Interval, e.Low, e.High, w["ci_low"], w["ci_high"])
			}
			if !math.IsNaN(w["deff"]) && math.Abs(e.Deff-w["deff"]) > 1e-6 {
				t.Errorf("%s: deff %v, R %v", name, e.Deff, w["deff"])
			}
		}
		check(prefix+"county", ph.Overall)
		for _, sr := range ph.Schools {
			check(prefix+"unit/"+sr.Name, sr.Estimate)
		}
		if len(ph.Schools) != 6 {
			t.Fatalf("%d schools, want 6", len(ph.Schools))
		}
		for _, set := range []struct {
			kind   string
			groups []Group
			want   int
		}{{"band", ph.Bands, 3}, {"grade", ph.Grades, 7}, {"locale", ph.Locales, 3}} {
			if len(set.groups) != set.want {
				t.Errorf("%d %ss, want %d", len(set.groups), set.kind, set.want)
			}
			for _, g := range set.groups {
				check(prefix+set.kind+"/"+g.Code, g.Estimate)
			}
		}
		countyMeans := 0
		for _, h := range res.Indicator("homework_time", "student").Homework {
			if h.Interval == SRST {
				continue // one class: no design interval (R's df is 0)
			}
			name := prefix + "band/" + h.Band + "/hw"
			w := golden[name]
			if w == nil {
				t.Fatalf("no golden %s", name)
			}
			if math.Abs(h.Minutes-w["estimate"]) > 1e-6 || math.Abs(h.Low-w["ci_low"]) > 1e-6 || math.Abs(h.High-w["ci_high"]) > 1e-6 || h.DF != int(w["df"]) {
				t.Errorf("%s: %v [%v, %v] df %d, R %v [%v, %v] df %v", name, h.Minutes, h.Low, h.High, h.DF, w["estimate"], w["ci_low"], w["ci_high"], w["df"])
			}
			countyMeans++
		}
		if countyMeans != 2 {
			t.Errorf("%d county homework means compared, want 2", countyMeans)
		}
		hw := res.Indicator("homework_time", "student")
		compared := 0
		for _, sr := range hw.Schools {
			for _, h := range sr.Homework {
				name := prefix + "unit/" + sr.Name + "/hw"
				if h.Interval == SRST {
					name = "srs/unit/" + sr.Name + "/hw"
					if weighted {
						continue // R's srs golden is unweighted
					}
				}
				w := golden[name]
				if w == nil {
					t.Fatalf("no golden %s", name)
				}
				if math.Abs(h.Minutes-w["estimate"]) > 1e-6 || math.Abs(h.Low-w["ci_low"]) > 1e-6 || math.Abs(h.High-w["ci_high"]) > 1e-6 {
					t.Errorf("%s: %v [%v, %v], R %v [%v, %v]", name, h.Minutes, h.Low, h.High, w["estimate"], w["ci_low"], w["ci_high"])
				}
				compared++
			}
		}
		if compared < 4 {
			t.Errorf("only %d homework means compared", compared)
		}
	}
}
