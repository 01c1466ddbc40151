package report

import (
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
)

// TestTermInEnglish: jianfu's own Chinese term names are put in English in an English report; a
// term the user wrote is kept, and a Chinese report keeps the term as it is.
func TestTermInEnglish(t *testing.T) {
	for _, c := range []struct {
		name, term string
		lang       analysis.Lang
		want       string
	}{
		{"spring", "2026年春季学期", analysis.English, "spring term 2026"},
		{"autumn", "2025年秋季学期", analysis.English, "autumn term 2025"},
		{"unknown term", "本学期", analysis.English, "this term"},
		{"user's own words", "Term 1, 2026", analysis.English, "Term 1, 2026"},
		{"chinese report", "2026年春季学期", analysis.Chinese, "2026年春季学期"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := &builder{r: &analysis.Results{Term: c.term}, o: Options{Lang: c.lang}}
			if got := b.term(); got != c.want {
				t.Errorf("term %q in %s: %q, want %q", c.term, c.lang, got, c.want)
			}
		})
	}
}
