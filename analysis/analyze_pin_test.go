package analysis

import (
	"math"
	"testing"
)

// TestAnalyzePinShare pins OptionCounts.Share by hand: option i's count over the option answers, NaN
// only when there are none (the kinds of missing never enter the denominator).
func TestAnalyzePinShare(t *testing.T) {
	o := OptionCounts{Options: []int{3, 0, 2}, Missing: 4, Invalid: 1, NotApplicable: 2}
	tests := []struct {
		name string
		o    OptionCounts
		i    int
		want float64
	}{
		{"3 of 5", o, 0, 0.6},
		{"0 of 5", o, 1, 0},
		{"2 of 5", o, 2, 0.4},
		{"one answer", OptionCounts{Options: []int{0, 1}}, 1, 1},
		{"no option answer", OptionCounts{Options: []int{0, 0}, Missing: 7}, 0, math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.o.Share(tc.i)
			if math.IsNaN(tc.want) != math.IsNaN(got) || !math.IsNaN(got) && got != tc.want {
				t.Errorf("Share(%d) = %v, want %v", tc.i, got, tc.want)
			}
		})
	}
}

// TestAnalyzePinSurveyDatesEdge pins the outlier rule at its edge: a submission exactly maxDateSpread
// (183 days, "half a year") from the median still counts toward the survey's dates, one second more
// does not.
func TestAnalyzePinSurveyDatesEdge(t *testing.T) {
	const day = 86400
	const m = int64(830000000) // seconds since 2000 (April 2026), the median in every case
	spread := int64(183 * day)
	tests := []struct {
		name     string
		ts       []int64
		lo, hi   int64
		outliers int
	}{
		{"both ends at 183 days", []int64{m - spread, m, m, m + spread}, m - spread, m + spread, 0},
		{"one second past, after", []int64{m - spread, m, m, m + spread + 1}, m - spread, m, 1},
		{"one second past, before", []int64{m - spread - 1, m, m, m + spread}, m, m + spread, 1},
		{"182 days either side", []int64{m - 182*day, m, m, m + 182*day}, m - 182*day, m + 182*day, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, out := surveyDates(tc.ts)
			if lo != tc.lo || hi != tc.hi || out != tc.outliers {
				t.Errorf("got %d..%d with %d outliers, want %d..%d with %d", lo, hi, out, tc.lo, tc.hi, tc.outliers)
			}
		})
	}
	if maxDateSpread != spread {
		t.Errorf("maxDateSpread = %d s, want 183 days = %d s", maxDateSpread, spread)
	}
}

// TestAnalyzePinEstimateString pins the debugging form given in Estimate.String's doc comment.
func TestAnalyzePinEstimateString(t *testing.T) {
	tests := []struct {
		name string
		e    Estimate
		want string
	}{
		// 100 × 0.871717 = 87.1717 → "87.17"; 85.12 → "85.1"; 89.04 → "89.0"; n = 1076 + 158.
		{"doc example", Estimate{Counts: Counts{Comply: 1076, Violate: 158}, P: 0.871717, Low: 0.8512, High: 0.8904}, "87.17% [85.1, 89.0] n=1234"},
		{"all comply", Estimate{Counts: Counts{Comply: 12}, P: 1, Low: 0.7571, High: 1}, "100.00% [75.7, 100.0] n=12"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
