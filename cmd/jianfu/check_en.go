package main

import "strings"

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
