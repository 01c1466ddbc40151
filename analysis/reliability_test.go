package analysis

import (
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestReliabilityNCHSRules pins each NCHS rule (Parker et al. 2017) at work, one class so the
// interval is Wilson's; widths by the Wilson formula (z = 1.959964) on the compliance share:
//
//	29 of 29: effective n 29 < 30 → suppressed;
//	30 of 30: n 30, interval 88.7–100 (width 11.3) → shown;
//	15 of 30: interval 33.2–66.9, width 33.7 ≥ 30 points → suppressed;
//	20 of 40: interval 35.2–64.8, width 29.6 < 30 → shown;
//	2 of 40: interval 1.4–16.5, width 15.1 over p 5% = 302% > 130% → suppressed.
func TestReliabilityNCHSRules(t *testing.T) {
	p := profile(t, "national-2021")
	for _, tt := range []struct {
		comply, n int
		reason    string // "" when shown
	}{
		{29, 29, "有效样本量29不足30"},
		{30, 30, ""},
		{15, 30, "置信区间宽33.7个百分点"},
		{20, 40, ""},
		{2, 40, "置信区间相对宽度超过130%"},
	} {
		d, schools := thDataset(t, surveys.StageJunior, 0, "phones", thAnswers{7, 1, tt.comply}, thAnswers{7, 3, tt.n - tt.comply})
		res, err := Analyze(Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Design: DesignOptions{Reliability: ReliabilityNCHS}})
		if err != nil {
			t.Fatal(err)
		}
		sr := res.Indicator("phones", "student").Schools[0]
		if sr.Suppressed != (tt.reason != "") || !strings.Contains(sr.SuppressReason, tt.reason) {
			t.Errorf("%d of %d: suppressed %v (%q), want reason %q; interval %v–%v", tt.comply, tt.n, sr.Suppressed, sr.SuppressReason, tt.reason, sr.Low, sr.High)
		}
	}
}
