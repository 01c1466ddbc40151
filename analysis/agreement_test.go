package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

func TestNewcombe(t *testing.T) {
	// R 4.x base: testdata/r/agreement.R (Wilson intervals from prop.test(correct = FALSE)). The first
	// case is Newcombe's (1998) own example: 56/70 − 48/80 = 0.2000, 0.0524 to 0.3339.
	tests := []struct {
		name           string
		k1, n1, k2, n2 int
		d, lo, hi      float64
	}{
		{"newcombe 1998", 56, 70, 48, 80, 0.2, 0.052431472402, 0.333872654037},
		{"small samples", 9, 10, 1, 10, 0.8, 0.369866907110, 0.916140573234},
		{"zero successes", 0, 25, 5, 30, -0.166666666667, -0.335643505064, -0.004046564447},
		{"large, overlapping", 400, 500, 380, 500, 0.04, -0.011390255083, 0.091155014811},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, lo, hi := Newcombe(tc.k1, tc.n1, tc.k2, tc.n2, Z95)
			for _, c := range [][2]float64{{d, tc.d}, {lo, tc.lo}, {hi, tc.hi}} {
				if math.Abs(c[0]-c[1]) > 1e-9 {
					t.Errorf("got %.12f, want %.12f", c[0], c[1])
				}
			}
		})
	}
	if d, _, _ := Newcombe(1, 0, 1, 2, Z95); !math.IsNaN(d) {
		t.Error("n = 0 should give NaN")
	}
}

func TestCohenKappa(t *testing.T) {
	// R 4.x base: testdata/r/agreement.R.
	tests := []struct {
		name       string
		a, b, c, d int
		k, lo, hi  float64
	}{
		{"moderate", 20, 5, 10, 65, 0.625, 0.450038218524, 0.799961781476},
		{"balanced", 40, 10, 10, 40, 0.6, 0.443202881237, 0.756797118763},
		{"rare", 3, 12, 4, 81, 0.195979899497, -0.165092796725, 0.557052595720},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, lo, hi := CohenKappa(tc.a, tc.b, tc.c, tc.d, Z95)
			for _, c := range [][2]float64{{k, tc.k}, {lo, tc.lo}, {hi, tc.hi}} {
				if math.Abs(c[0]-c[1]) > 1e-9 {
					t.Errorf("got %.12f, want %.12f", c[0], c[1])
				}
			}
		})
	}
	if k, _, _ := CohenKappa(10, 0, 0, 0, Z95); !math.IsNaN(k) {
		t.Error("one category only should give NaN")
	}
}

// TestPairedAgreement links students and parents by 学生编号 and counts by hand: 10 pairs in school 0,
// of which the student reports a violation of no_chatgroup_homework (option 2 = 是) in pairs 0-5 and
// the parent in pairs 0-2 and 6; one student 编号 appears twice (left out), one parent has no match,
// one pair's parent did not answer.
func TestPairedAgreement(t *testing.T) {
	schools := synth.Schools(2)
	sq := student(t)
	pq, _ := surveys.Builtin("parent")
	mk := func(q *surveys.Questionnaire) *surveys.Dataset {
		return &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions)), Classes: []surveys.ClassKey{{School: 0, Grade: 8, Label: "1"}}}
	}
	sd, pd := mk(sq), mk(pq)
	add := func(d *surveys.Dataset, id string, chat surveys.Answer) {
		d.School = append(d.School, 0)
		d.Grade = append(d.Grade, 8)
		d.Class = append(d.Class, 0)
		d.StudentID = append(d.StudentID, id)
		ci := d.Questionnaire.Index("chatgroup_homework")
		for qi := range d.Questionnaire.Questions {
			if d.Questionnaire.Questions[qi].Kind != surveys.KindChoice {
				continue
			}
			a := surveys.Answer(1)
			if qi == ci {
				a = chat
			}
			d.Answers[qi] = append(d.Answers[qi], a)
		}
	}
	for i := 0; i < 10; i++ {
		s, p := surveys.Answer(1), surveys.Answer(1)
		if i < 6 {
			s = 2
		}
		if i < 3 || i == 6 {
			p = 2
		}
		add(sd, fmt.Sprintf("S%02d", i), s)
		add(pd, fmt.Sprintf(" S%02d ", i), p) // spaces around the 编号 still link
	}
	add(sd, "DUP", 2)
	add(sd, "DUP", 1)
	add(pd, "DUP", 2)
	add(pd, "X99", 2)
	add(sd, "S10", 2)
	add(pd, "S10", surveys.Missing)
	p := profile(t, "national-2021")
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{sd, pd}, Schools: schools, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	var c *SideBySide
	for i := range r.StudentParent {
		if r.StudentParent[i].Indicator.Code == "no_chatgroup_homework" {
			c = &r.StudentParent[i]
		}
	}
	if c == nil || c.Paired == nil {
		t.Fatalf("no paired comparison for no_chatgroup_homework: %+v", r.StudentParent)
	}
	got := *c.Paired
	if got.Pairs != 10 || got.Both != 3 || got.StudentOnly != 3 || got.ParentOnly != 1 || got.Neither != 3 {
		t.Fatalf("pairs %+v, want 10 pairs: 3 both, 3 student only, 1 parent only, 3 neither", got)
	}
	k, _, _ := CohenKappa(3, 3, 1, 3, Z95)
	if got.Kappa != k || math.Abs(got.Agreement-0.6) > 1e-12 {
		t.Errorf("kappa %v agreement %v", got.Kappa, got.Agreement)
	}
	// (3-1)²/4 = 1: not significant, so nobody "reports more".
	if got.McNemar != 1 || got.MoreBy() != "" {
		t.Errorf("McNemar %v, MoreBy %q", got.McNemar, got.MoreBy())
	}
	if len(c.Schools) != 1 || c.Schools[0].Unit != 0 {
		t.Errorf("schools %+v", c.Schools)
	}
	// Without 学生编号 there is nothing to pair.
	sd.StudentID, pd.StudentID = nil, nil
	r, _ = Analyze(Input{Datasets: []*surveys.Dataset{sd, pd}, Schools: schools, Profile: p})
	for _, c := range r.StudentParent {
		if c.Paired != nil {
			t.Errorf("%s paired without 学生编号", c.Indicator.Code)
		}
	}
}

// TestStudentParentDifferences: one comparison per indicator both questionnaires ask, the county
// difference equal to Newcombe's on the county counts, and significance meaning the interval excludes 0.
func TestStudentParentDifferences(t *testing.T) {
	r := narrativeResults(t, 21)
	both := map[string]int{}
	for _, ir := range r.Indicators {
		both[ir.Indicator.Code]++
	}
	want := 0
	for _, n := range both {
		if n == 2 {
			want++
		}
	}
	if len(r.StudentParent) != want {
		t.Fatalf("%d comparisons, want %d", len(r.StudentParent), want)
	}
	for _, c := range r.StudentParent {
		d, lo, hi := Newcombe(c.County.Student.Comply, c.County.Student.Judged(), c.County.Parent.Comply, c.County.Parent.Judged(), Z95)
		if c.County.D != d || c.County.Low != lo || c.County.High != hi {
			t.Errorf("%s county %+v", c.Indicator.Code, c.County)
		}
		// Only grades 3-9 are compared: parents of grades 1-2 are left out, students all count.
		if c.FromGrade != 3 || c.ToGrade != 9 {
			t.Errorf("%s compares grades %d-%d, want 3-9", c.Indicator.Code, c.FromGrade, c.ToGrade)
		}
		var g12 int
		for _, g := range c.Parent.Grades {
			if g.Code == "1" || g.Code == "2" {
				g12 += g.Judged()
			}
		}
		if c.County.Student.Judged() != c.Student.Overall.Judged() || c.County.Parent.Judged() != c.Parent.Overall.Judged()-g12 {
			t.Errorf("%s: compared n %d/%d, want %d/%d", c.Indicator.Code, c.County.Student.Judged(), c.County.Parent.Judged(), c.Student.Overall.Judged(), c.Parent.Overall.Judged()-g12)
		}
		for _, s := range c.Schools {
			if s.Significant != (s.Low > 0 || s.High < 0) {
				t.Errorf("%s unit %d: significant %v with [%v, %v]", c.Indicator.Code, s.Unit, s.Significant, s.Low, s.High)
			}
		}
	}
}
