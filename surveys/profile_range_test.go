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
		en              string // the English message
	}{
		{"rate above 1", "quality: {low_response_rate: 1.5}", "quality.low_response_rate", "the value 1.5 of quality.low_response_rate is out of range: it should be a number from 0 to 1"},
		{"negative window", "quality: {duplicate_window_minutes: -10}", "quality.duplicate_window_minutes", "the value -10 of quality.duplicate_window_minutes is out of range: it should be a number from 0 to 525600"},
		{"NaN midpoint", "homework_midpoints: [0, 15, .nan, 75, 105, 135]", "homework_midpoints 第3个", "the value NaN of homework_midpoints[3] is out of range: it should be a number of minutes from 0 to 1440"},
		{"infinite threshold", "flag_threshold: .inf", "flag_threshold", "the value +Inf of flag_threshold is out of range: it should be a share above 0 and at most 1"},
		{"zero threshold", "flag_threshold: 0", "flag_threshold", "the value 0 of flag_threshold is out of range: it should be a share above 0 and at most 1"},
		{"negative violations", "flag_min_violations: -1", "flag_min_violations", "the value -1 of flag_min_violations is out of range: it should be a number of respondents, 0 or more"},
		{"small_n below min_n", "small_n: 5", "small_n", "the value 5 of small_n is out of range: it should be a number of respondents, at least min_n (10)"},
		{"negative limit", "indicators:\n  - code: homework_time\n    rules:\n      \"3-6\": {max: -30}\n      \"7-9\": {max: 90}\n      \"1-2\": {max: 0}", "indicators[homework_time].rules.max", "the value -30 of indicators[homework_time].rules.max is out of range: it should be a limit that is not negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ParseProfile([]byte("name: 测试\ninherit: national-2021\n"+c.yaml+"\n"), "", qs...)
			var re *RangeError
			if !errors.As(err, &re) || re.Key != c.key {
				t.Fatalf("err = %v, want a RangeError naming %s", err, c.key)
			}
			if got := re.ErrorEN(); got != c.en {
				t.Errorf("ErrorEN() = %q, want %q", got, c.en)
			}
		})
	}
}
