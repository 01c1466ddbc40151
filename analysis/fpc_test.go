package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// classDataset is one junior high school, grade 7, with classes of 10 answering phones: comply[c] of
// class c comply (option 1), the rest violate (option 3). Enrolment of grade 7 as given, 8 and 9 none.
func classDataset(t *testing.T, enrol7 int, comply ...int) (*surveys.Dataset, []surveys.School) {
	t.Helper()
	d, schools := thDataset(t, surveys.StageJunior, 0, "phones")
	schools[0].Enrolment[7], schools[0].Enrolment[8], schools[0].Enrolment[9] = enrol7, 0, 0
	q := d.Questionnaire
	phones := q.Index("phones")
	for c, k := range comply {
		d.Classes = append(d.Classes, surveys.ClassKey{School: 0, Grade: 7, Label: string(rune('1' + c))})
		for i := range 10 {
			d.School = append(d.School, 0)
			d.Grade = append(d.Grade, 7)
			d.Class = append(d.Class, uint32(c))
			for j := range q.Questions {
				if q.Questions[j].Kind != surveys.KindChoice {
					continue
				}
				a := surveys.Answer(1)
				if j == phones && i >= k {
					a = 3
				}
				d.Answers[j] = append(d.Answers[j], a)
			}
		}
	}
	d.Schools = schools
	return d, schools
}

func phonesUnit(t *testing.T, d *surveys.Dataset, schools []surveys.School, opt DesignOptions) Estimate {
	t.Helper()
	res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: profile(t, "national-2021"), Design: opt})
	if err != nil {
		t.Fatal(err)
	}
	return res.Indicator("phones", "student").Schools[0].Estimate
}

// TestFPC: --fpc multiplies the linearisation variance by 1 − n/N (R: svydesign(fpc = N) on the same
// classes): a census (N = n = 40) has none, N = 400 keeps 90% of it, and an enrolment of 0 with 40
// answers is refused as a roster error.
func TestFPC(t *testing.T) {
	comply := []int{9, 7, 4, 2} // 22 of 40
	d, schools := classDataset(t, 400, comply...)
	base := phonesUnit(t, d, schools, DesignOptions{})
	if !(base.Var > 0) || base.Interval != KornGraubard {
		t.Fatalf("without fpc: %+v; want a design-based variance", base)
	}
	ten := phonesUnit(t, d, schools, DesignOptions{FPC: true})
	if math.Abs(ten.Var/base.Var-0.9) > 1e-9 {
		t.Errorf("N = 400: variance ratio %v, want 0.9", ten.Var/base.Var)
	}
	d, schools = classDataset(t, 40, comply...)
	if census := phonesUnit(t, d, schools, DesignOptions{FPC: true}); census.Var != 0 {
		t.Errorf("census: variance %v, want 0", census.Var)
	}
	d, schools = classDataset(t, 0, comply...)
	if _, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: profile(t, "national-2021"), Design: DesignOptions{FPC: true}}); !errors.Is(err, ErrNoEnrolment) {
		t.Errorf("enrolment 0 with 40 answers: %v, want ErrNoEnrolment", err)
	}
}

// TestSRSVariance: under --design srs the variance is p(1 − p)/n and the interval Wilson's.
func TestSRSVariance(t *testing.T) {
	d, schools := classDataset(t, 0, 9, 7, 4, 2)
	e := phonesUnit(t, d, schools, DesignOptions{Method: DesignSRS})
	if want := 0.55 * 0.45 / 40; math.Abs(e.Var-want) > 1e-15 || e.Interval != WilsonScore {
		t.Errorf("srs: variance %v (%s), want %v (Wilson)", e.Var, e.Interval, want)
	}
}

// TestNCHSEffectiveN: classes that differ make the effective n far below the 40 answers, and NCHS
// suppresses on the effective n (Korn–Graubard), not on the 40.
func TestNCHSEffectiveN(t *testing.T) {
	d, schools := classDataset(t, 0, 10, 10, 0, 0)
	e := phonesUnit(t, d, schools, DesignOptions{Reliability: ReliabilityNCHS})
	if !e.Suppressed || !strings.Contains(e.SuppressReason, "有效样本量") || !(e.NEff < 30) {
		t.Errorf("n 40, effective n %v: suppressed %v (%s); want suppressed on the effective n", e.NEff, e.Suppressed, e.SuppressReason)
	}
	// 4 classes in one stratum: 3 degrees of freedom, below NCHS's 8.
	if e.DF != 3 || !e.LowDF {
		t.Errorf("df %d, low df %v; want 3, true", e.DF, e.LowDF)
	}
	d, schools = classDataset(t, 0, 9, 7, 4, 2)
	if e := phonesUnit(t, d, schools, DesignOptions{Method: DesignSRS, Reliability: ReliabilityNCHS}); e.LowDF {
		t.Error("a Wilson interval has no degrees of freedom to be low")
	}
}
