package analysis

import (
	"testing"
	"time"
)

// TestSurveyDates: the survey's dates come from the bulk of the submissions; a typed 2062 or 1999
// is counted as an outlier and never names the term.
func TestSurveyDates(t *testing.T) {
	at := func(y int, m time.Month, d int) int64 {
		return int64(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Sub(epoch2000) / time.Second)
	}
	spring := []int64{at(2026, 3, 2), at(2026, 3, 3), at(2026, 3, 3), at(2026, 3, 9), at(2026, 4, 1)}
	cases := []struct {
		name     string
		ts       []int64
		lo, hi   int64
		outliers int
	}{
		{"none known", []int64{0, 0}, 0, 0, 0},
		{"plain", spring, at(2026, 3, 2), at(2026, 4, 1), 0},
		{"one typed 2062", append([]int64{at(2062, 3, 3), 0}, spring...), at(2026, 3, 2), at(2026, 4, 1), 1},
		{"one 2016 and one 2062", append([]int64{at(2016, 3, 3), at(2062, 3, 3)}, spring...), at(2026, 3, 2), at(2026, 4, 1), 2},
		{"a term spread over five months", []int64{at(2026, 2, 20), at(2026, 4, 1), at(2026, 4, 2), at(2026, 7, 10)}, at(2026, 2, 20), at(2026, 7, 10), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lo, hi, out := surveyDates(c.ts)
			if lo != c.lo || hi != c.hi || out != c.outliers {
				t.Errorf("got %d..%d with %d outliers, want %d..%d with %d", lo, hi, out, c.lo, c.hi, c.outliers)
			}
		})
	}
}
