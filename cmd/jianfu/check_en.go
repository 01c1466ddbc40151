package main

import (
	"io"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
)

// questionnaireTitleEn names the questionnaires in English output.
var questionnaireTitleEn = map[string]string{"student": "student questionnaire", "parent": "parent questionnaire", "teacher": "teacher questionnaire"}

// codeWords turns a reason or rule code (too_fast) into words (too fast) for English output.
func codeWords(code string) string { return strings.ReplaceAll(code, "_", " ") }

// quoteAll puts each data value in “quotes”, so that English output keeps data apart from words.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, ", ")
}

// singularWriter writes English text with counts of one in the singular (“1 row”, not “1 rows”); each
// write is whole lines, as fmt.Fprintf makes them.
type singularWriter struct{ w io.Writer }

func (s singularWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, analysis.OneInSingular(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
