package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump writes what a reader of `jianfu check` cares about, deterministically: per file the
// accounting, then findings, then per question the answer counts of the used rows.
func dump(res *Result) string {
	var b strings.Builder
	for _, f := range res.Files {
		fmt.Fprintf(&b, "file %s: %s, %s\n", filepath.Base(f.Path), f.Questionnaire, f.Format)
		fmt.Fprintf(&b, "  read %d used %d rejected %d\n", f.Read, f.Used, f.Rejected)
		var rs []string
		for r, n := range f.RejectedByReason {
			rs = append(rs, fmt.Sprintf("%s=%d", r, n))
		}
		sort.Strings(rs)
		fmt.Fprintf(&b, "  reasons %s\n", strings.Join(rs, " "))
		fmt.Fprintf(&b, "  cells missing %d invalid %d skipped %d mapped %d\n", f.CellsMissing, f.CellsInvalid, f.CellsSkipped, f.CellsMapped)
		if len(f.UnknownHeaders) > 0 {
			fmt.Fprintf(&b, "  unknown headers %q\n", f.UnknownHeaders)
		}
		for _, a := range f.ApproxMatches {
			fmt.Fprintf(&b, "  approx header %q -> Q%d\n", a.Header, a.Question)
		}
		for _, a := range f.NearMisses {
			fmt.Fprintf(&b, "  near miss %q ~ Q%d\n", a.Header, a.Question)
		}
		if f.FillIns > 0 {
			fmt.Fprintf(&b, "  fill-ins %d\n", f.FillIns)
		}
		if f.TimesUnreadable > 0 || f.DurationsUnreadable > 0 {
			fmt.Fprintf(&b, "  unreadable times %d durations %d\n", f.TimesUnreadable, f.DurationsUnreadable)
		}
		if len(f.MissingQuestions) > 0 {
			fmt.Fprintf(&b, "  missing questions %v\n", f.MissingQuestions)
		}
		if f.SheetNote != "" {
			fmt.Fprintf(&b, "  sheet note %s\n", f.SheetNote)
		}
	}
	for _, r := range res.Rejects {
		fmt.Fprintf(&b, "reject row %d %s col=%q value=%q %s\n", r.Row, r.Reason, r.Column, r.Value, r.Detail)
	}
	for _, u := range res.Unknown {
		fmt.Fprintf(&b, "unknown %s Q%d %q x%d\n", u.Questionnaire, u.Question, u.Text, u.Count)
	}
	for _, u := range res.Unmatched {
		fmt.Fprintf(&b, "unmatched %q x%d closest %q\n", u.Name, u.Count, u.Closest)
	}
	for _, v := range res.Variants {
		fmt.Fprintf(&b, "variant %s Q%d %q -> %q x%d\n", v.Questionnaire, v.Question, v.From, v.To, v.Count)
	}
	for _, q := range res.Quality {
		var ss []string
		for n, c := range q.BySchool {
			ss = append(ss, fmt.Sprintf("%s=%d", n, c))
		}
		sort.Strings(ss)
		fmt.Fprintf(&b, "quality %s %s rejected=%v x%d %s\n", q.Questionnaire, q.Rule, q.Rejected, q.Count, strings.Join(ss, " "))
		for _, p := range q.Possible {
			fmt.Fprintf(&b, "  possible row %d (earlier %s row %d) %s expected %.4g\n", p.Row, filepath.Base(p.EarlierFile), p.EarlierRow, p.School, p.Expected)
		}
	}
	for _, d := range res.Datasets {
		fmt.Fprintf(&b, "dataset %s: %d respondents, %d classes\n", d.Questionnaire.Code, d.Len(), len(d.Classes))
		for _, o := range d.Open {
			fmt.Fprintf(&b, "  open Q%d respondent %d (row %d) %q\n", d.Questionnaire.Questions[o.Question].Number, o.Respondent, d.Row[o.Respondent], o.Text)
		}
		for i := 0; i < d.Len(); i++ {
			fmt.Fprintf(&b, "  %s g%d c%s", d.Schools[d.School[i]].Code, d.Grade[i], d.Classes[d.Class[i]].Label)
			for q, col := range d.Answers {
				if col == nil {
					continue
				}
				switch a := col[i]; a {
				case surveys.Missing:
					b.WriteString(" .")
				case surveys.Invalid:
					b.WriteString(" X")
				case surveys.NotApplicable:
					b.WriteString(" -")
				default:
					fmt.Fprintf(&b, " %d", a)
				}
				_ = q
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func loadTestRoster(t *testing.T) *surveys.Roster {
	t.Helper()
	r, err := ReadRoster(FileSource("testdata/cases/roster.csv"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFileCases reads each folder of testdata/cases (inputs made by internal/casegen) and compares
// the result, or the exact error message, with the folder's want.txt.
func TestFileCases(t *testing.T) {
	roster := loadTestRoster(t)
	dirs, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if st, _ := os.Stat(dir); !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			var srcs []Source
			for _, f := range files {
				if filepath.Base(f) != "want.txt" {
					srcs = append(srcs, FileSource(f))
				}
			}
			res, err := Read(srcs, ReadOptions{Roster: roster})
			var got string
			if err != nil {
				got = "error: " + err.Error() + "\n"
			} else {
				got = dump(res)
				for _, f := range res.Files {
					if f.Read != f.Used+f.Rejected {
						t.Errorf("%s: read %d != used %d + rejected %d", f.Path, f.Read, f.Used, f.Rejected)
					}
				}
			}
			golden := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest -update)", err)
			}
			if got != string(want) {
				t.Errorf("result differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}
