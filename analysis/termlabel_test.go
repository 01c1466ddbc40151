package analysis

import "testing"

// TestTermLabel: jianfu's own term names are put in English; a term the user wrote stays as written,
// and Chinese output keeps every label.
func TestTermLabel(t *testing.T) {
	for _, c := range []struct {
		name, label string
		lang        Lang
		want        string
	}{
		{"spring", "2026年春季学期", English, "spring term 2026"},
		{"autumn", "2025年秋季学期", English, "autumn term 2025"},
		{"this term", "本学期", English, "this term"},
		{"user's own", "2026上半年", English, "2026上半年"},
		{"chinese", "2026年春季学期", Chinese, "2026年春季学期"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := TermLabel(c.label, c.lang); got != c.want {
				t.Errorf("TermLabel(%q, %s) = %q, want %q", c.label, c.lang, got, c.want)
			}
		})
	}
}
