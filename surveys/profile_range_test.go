package surveys

import (
	"errors"
	"testing"
)

// TestProfileRanges: a value outside what a setting may hold is refused with a message naming the key.
func TestProfileRanges(t *testing.T) {
	qs := Builtins()
	cases := []struct {
		name, yaml, key string
	}{
		{"rate above 1", "quality: {low_response_rate: 1.5}", "quality.low_response_rate"},
		{"negative window", "quality: {duplicate_window_minutes: -10}", "quality.duplicate_window_minutes"},
		{"NaN midpoint", "homework_midpoints: [0, 15, .nan, 75, 105, 135]", "homework_midpoints 第3个"},
		{"infinite threshold", "flag_threshold: .inf", "flag_threshold"},
		{"zero threshold", "flag_threshold: 0", "flag_threshold"},
		{"negative violations", "flag_min_violations: -1", "flag_min_violations"},
		{"negative limit", "indicators:\n  - code: homework_time\n    rules:\n      \"3-6\": {max: -30}\n      \"7-9\": {max: 90}\n      \"1-2\": {max: 0}", "indicators[homework_time].rules.max"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ParseProfile([]byte("name: 测试\ninherit: national-2021\n"+c.yaml+"\n"), "", qs...)
			var re *RangeError
			if !errors.As(err, &re) || re.Key != c.key {
				t.Fatalf("err = %v, want a RangeError naming %s", err, c.key)
			}
		})
	}
}
