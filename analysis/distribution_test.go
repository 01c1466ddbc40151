package analysis

import (
	"math"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestMeasureDistribution counts a measure's answers by hand: pressure (S24, five options) in one
// grade-7 school: 3 × option 2, 2 × option 5, 2 未答, 1 无效, 4 不适用.
func TestMeasureDistribution(t *testing.T) {
	d, schools := thDataset(t, surveys.StageJunior, 0, "pressure",
		thAnswers{7, 2, 3}, thAnswers{7, 5, 2}, thAnswers{7, surveys.Missing, 2}, thAnswers{7, surveys.Invalid, 1}, thAnswers{7, surveys.NotApplicable, 4})
	m := measure(thAnalyze(t, d, schools), "pressure")
	if m == nil {
		t.Fatal("no pressure distribution")
	}
	o := m.Overall
	if len(o.Options) != 5 || o.Options[1] != 3 || o.Options[4] != 2 || o.Valid() != 5 || o.Missing != 2 || o.Invalid != 1 || o.NotApplicable != 4 {
		t.Errorf("overall %+v", o)
	}
	if s := o.Share(1); math.Abs(s-0.6) > 1e-12 {
		t.Errorf("share of option 2 = %v, want 3/5", s)
	}
	if len(m.Schools) != 1 || m.Schools[0].OptionCounts.Missing != 2 || m.Schools[0].Valid() != 5 || !m.Schools[0].Suppressed {
		t.Errorf("school %+v; want the same counts, suppressed (5 < 10)", m.Schools)
	}
	// Only the 7-9 band has answers.
	if len(m.Bands) != 1 || m.Bands[0].Band.Code != "7-9" || m.Bands[0].Valid() != 5 || m.Bands[0].Missing != 2 || m.Bands[0].Invalid != 1 || m.Bands[0].NotApplicable != 4 {
		t.Errorf("bands %+v", m.Bands)
	}
	// 不适用 answers: the question was not put to everyone.
	if m.Denominator != "在问卷向其提问的学生中（其余4人按问卷逻辑跳过）" {
		t.Errorf("denominator %q", m.Denominator)
	}
	if !math.IsNaN((OptionCounts{Options: []int{0, 0}}).Share(0)) {
		t.Error("a share of no answers is NaN")
	}
}

func TestMeasureDenominator(t *testing.T) {
	d, schools := thDataset(t, surveys.StageJunior, 0, "pressure", thAnswers{7, 2, 12})
	if m := measure(thAnalyze(t, d, schools), "pressure"); m == nil || m.Denominator != "在作答的学生中" {
		t.Errorf("denominator %+v", m)
	}
	// A band with answers but none valid is left out.
	d, schools = thDataset(t, surveys.StageJunior, 0, "pressure", thAnswers{7, surveys.Missing, 12})
	if m := measure(thAnalyze(t, d, schools), "pressure"); m == nil || len(m.Bands) != 0 || m.Overall.Missing != 12 {
		t.Errorf("all 未答: %+v", m)
	}
}

// TestResponseRateUnknown: no enrolment (0, or unknown for a grade the school teaches) gives no rate.
func TestResponseRateUnknown(t *testing.T) {
	d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 1, 12})
	res := thAnalyze(t, d, schools)
	if rr := res.ResponseRates[0]; !math.IsNaN(rr.Rate) || rr.Low || rr.Enrolment != 0 || rr.Respondents != 12 {
		t.Errorf("enrolment 0: %+v", rr)
	}
	schools[0].Enrolment[8] = -1
	schools[0].Enrolment[7] = 100
	d.Schools = schools
	res = thAnalyze(t, d, schools)
	if rr := res.ResponseRates[0]; !math.IsNaN(rr.Rate) || rr.Enrolment != 0 {
		t.Errorf("grade 8 enrolment unknown: %+v", rr)
	}
}
