package analysis

import (
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestSummarize checks who answered: respondents by grade, classes, and the survey's dates from
// 提交答卷时间 (seconds since 2000-01-01), leaving out times more than 183 days from the median.
func TestSummarize(t *testing.T) {
	q := student(t)
	day := int64(86400)
	// 2026-06-30 is day 9677 since 2000-01-01 (R: as.numeric(as.Date("2026-06-30") - as.Date("2000-01-01"))).
	med := 9677 * day
	d := &surveys.Dataset{Questionnaire: q, Grade: []uint8{7, 7, 8, 9, 9, 9}, School: make([]uint16, 6),
		Classes:     []surveys.ClassKey{{Grade: 7}, {Grade: 8}, {Grade: 9}},
		SubmittedAt: []int64{med - 2*day, med, 0, med + day, med - maxDateSpread, med + maxDateSpread + 1}}
	s := summarize(d, Accounting{Read: 8, Used: 6, Rejected: 2})
	if s.Respondents != 6 || s.Classes != 3 || s.ByGrade[7] != 2 || s.ByGrade[8] != 1 || s.ByGrade[9] != 3 || s.Read != 8 {
		t.Errorf("summary %+v", s)
	}
	// med − 183 days is still in (2025-12-29); med + 183 days + 1 s is out.
	if s.FirstDate != "2025-12-29" || s.LastDate != "2026-07-01" || s.DateOutliers != 1 {
		t.Errorf("dates %s to %s, %d outliers; want 2025-12-29 to 2026-07-01, 1", s.FirstDate, s.LastDate, s.DateOutliers)
	}
	d.SubmittedAt = make([]int64, 6)
	if s := summarize(d, Accounting{}); s.FirstDate != "" || s.LastDate != "" || s.DateOutliers != 0 {
		t.Errorf("no times: %+v", s)
	}
	if lo, hi, out := surveyDates([]int64{med}); lo != med || hi != med || out != 0 {
		t.Errorf("one time: %d %d %d", lo, hi, out)
	}
	// Both edges of the half year are inside; one second beyond either is out.
	if lo, hi, out := surveyDates([]int64{med + maxDateSpread, med, med - maxDateSpread}); lo != med-maxDateSpread || hi != med+maxDateSpread || out != 0 {
		t.Errorf("edges: %d %d %d", lo, hi, out)
	}
	if _, _, out := surveyDates([]int64{med + maxDateSpread + 1, med, med, med - maxDateSpread - 1}); out != 2 {
		t.Errorf("beyond the edges: %d outliers, want 2", out)
	}
}

// TestDesignDefault: the design-based method is the default, and an explicit choice is kept.
func TestDesignDefault(t *testing.T) {
	d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 1, 12})
	p := profile(t, "national-2021")
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p})
	if err != nil || r.Design.Method != DesignCluster {
		t.Fatalf("default design %q, %v; want %q", r.Design.Method, err, DesignCluster)
	}
	r, err = Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Design: DesignOptions{Method: DesignSRS}})
	if err != nil || r.Design.Method != DesignSRS {
		t.Fatalf("srs design %q, %v", r.Design.Method, err)
	}
}
