package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
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

// printCheckEn is printCheck for --lang en: the same facts, in English; data values (school names,
// answers, file names) stay as written.
func printCheckEn(w io.Writer, res *ingest.Result, sum checkSummary) {
	for _, f := range res.Files {
		fmt.Fprintf(w, "%s\n  %s\n", f.Path, questionnaireTitleEn[f.Questionnaire])
		fmt.Fprintf(w, "  read %d rows: used %d, rejected %d\n", f.Read, f.Used, f.Rejected)
		reasons := make([]string, 0, len(f.RejectedByReason))
		for r := range f.RejectedByReason {
			reasons = append(reasons, string(r))
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			fmt.Fprintf(w, "    %-28s %d rows\n", codeWords(r), f.RejectedByReason[ingest.Reason(r)])
		}
		fmt.Fprintf(w, "  in the rows used: %d cells unanswered, %d invalid, %d not applicable; %d cells read from a variant spelling\n", f.CellsMissing, f.CellsInvalid, f.CellsSkipped, f.CellsMapped)
		if len(f.MissingQuestions) > 0 {
			fmt.Fprintf(w, "  questions not in the file (counted as unanswered): %s\n", joinInts(f.MissingQuestions))
		}
		if len(f.UnknownHeaders) > 0 {
			fmt.Fprintf(w, "  columns not recognised (ignored): %s\n", quoteAll(f.UnknownHeaders))
		}
		if len(f.ApproxMatches) > 0 {
			fmt.Fprintln(w, "  headers matched by similar wording (please check they are the same question):")
			writeApprox(w, "    ", f.ApproxMatches, "→", "en")
		}
		if len(f.NearMisses) > 0 {
			fmt.Fprintln(w, "  headers that look like missing questions but ask something else, not used as them (if they are the same, write the questionnaire's own wording):")
			writeApprox(w, "    ", f.NearMisses, "≈", "en")
		}
		if f.TimesUnreadable > 0 {
			fmt.Fprintf(w, "  submission time unreadable in %d rows: these rows were not checked for duplicates\n", f.TimesUnreadable)
		}
		if f.DurationsUnreadable > 0 {
			fmt.Fprintf(w, "  time taken unreadable in %d rows: these rows were not checked for too-fast answers\n", f.DurationsUnreadable)
		}
		if f.FillIns > 0 {
			fmt.Fprintf(w, "  %d fill-in texts attached to options, kept for the open-answers appendix (never shown with a name)\n", f.FillIns)
		}
	}
	if !res.RosterGiven {
		fmt.Fprintln(w, "\nNo school roster (--roster): schools are counted by the names in the answers; names, stages and response rates cannot be checked.")
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintln(w, "\nInvalid answers (matching no option; only that cell counts as invalid, the row's other answers are used):")
		for _, u := range res.Unknown {
			fmt.Fprintf(w, "  %s Q%d “%s” %d times\n", questionnaireTitleEn[u.Questionnaire], u.Question, u.Text, u.Count)
		}
	}
	if len(res.Unmatched) > 0 {
		fmt.Fprintln(w, "\nSchools not in the roster (these rows were rejected):")
		for _, u := range res.Unmatched {
			hint := ""
			if u.Closest != "" {
				hint = "; closest: “" + u.Closest + "”; if it is the same school, add the spelling to the roster's aliases column"
			}
			fmt.Fprintf(w, "  “%s” %d rows%s\n", u.Name, u.Count, hint)
		}
	}
	if len(res.Quality) > 0 {
		fmt.Fprintln(w, "\nData-quality checks:")
		for _, q := range res.Quality {
			act := "rejected"
			if !q.Rejected {
				act = "reported only"
			}
			fmt.Fprintf(w, "  %s, %s: %d rows (%s)\n", questionnaireTitleEn[q.Questionnaire], codeWords(q.Rule), q.Count, act)
			for i, p := range q.Possible {
				if i == 20 {
					fmt.Fprintf(w, "    … and %d more rows\n", len(q.Possible)-i)
					break
				}
				fmt.Fprintf(w, "    %s row %d and row %d: expected chance matches among students of the school and band %.2g (≥ %g, both kept)\n", filepath.Base(p.File), p.Row, p.EarlierRow, p.Expected, ingest.ChanceMatchLimit)
			}
		}
	}
	if len(res.Variants) > 0 {
		fmt.Fprintln(w, "\nCells read from a variant spelling:")
		for i, v := range res.Variants {
			if i == 20 {
				fmt.Fprintf(w, "  … and %d more spellings\n", len(res.Variants)-i)
				break
			}
			fmt.Fprintf(w, "  %s Q%d “%s” → “%s”: %d cells\n", questionnaireTitleEn[v.Questionnaire], v.Question, v.From, v.To, v.Count)
		}
	}
	if tt := sum.Timetables; tt != nil {
		fmt.Fprintf(w, "\nTimetables (%d, recognised by their content):\n", tt.Timetables)
		for _, f := range tt.Files {
			fmt.Fprintf(w, "  %s: %d class grids, %d summary rows\n", f.Path, f.Grids, f.Rows)
			if len(f.Skipped) > 0 {
				fmt.Fprintf(w, "    %d parts not used (see check --json)\n", len(f.Skipped))
			}
		}
		if len(tt.Unknown) > 0 {
			var names []string
			for _, u := range tt.Unknown {
				names = append(names, fmt.Sprintf("“%s” %s periods", u.Name, strconv.FormatFloat(u.Periods, 'f', -1, 64)))
			}
			fmt.Fprintf(w, "  lessons not in the course plan (counted in the weekly total): %s\n", strings.Join(names, "; "))
		}
		if len(tt.Unmatched) > 0 {
			fmt.Fprintf(w, "  schools not in the roster (checked under the name written): %s\n", quoteAll(tt.Unmatched))
		}
	}
	fmt.Fprintf(w, "\nIn all: read %d rows = used %d + rejected %d\n", sum.Read, sum.Used, sum.Rejected)
	if sum.Rejected > 0 {
		fmt.Fprintf(w, "The rejected rows and their reasons are in %s\n", sum.RejectsFile)
	} else {
		fmt.Fprintf(w, "No row was rejected (%s holds only its header)\n", sum.RejectsFile)
	}
}
