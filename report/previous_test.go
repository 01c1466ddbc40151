package report

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/internal/synth"
)

func readPreviousFile(t *testing.T, path string) (analysis.Term, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadPrevious(f, path)
}

// TestReadPreviousVersions reads every results.json schema jianfu has written. v1.json is trimmed
// from what jianfu wrote for the demo county before schema_version existed; v2.json has the fields
// of issue 8 (stage, flag, design-based ci_low/ci_high, n_eff, deff, df).
func TestReadPreviousVersions(t *testing.T) {
	tests := []struct {
		file     string
		flags    []string // the three schools' flags on sleep
		stages   []string
		df       float64
		firstLow float64
	}{
		{"testdata/previous/v1.json", []string{"confirmed", "confirmed", "confirmed"}, []string{"", "", ""}, 0, 0.6048331155043057},
		{"testdata/previous/v2.json", []string{"", "possible", ""}, []string{"小学", "小学", "初中"}, 11, 0.5748331155043057},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			term, err := readPreviousFile(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if term.Label != "2026年春季学期" || term.Profile != "national-2021" || len(term.Indicators) != 2 {
				t.Fatalf("term %q profile %q indicators %d", term.Label, term.Profile, len(term.Indicators))
			}
			sleep := term.Indicators[0]
			if sleep.Code != "sleep" || sleep.Questionnaire != "student" || len(sleep.Schools) != 3 {
				t.Fatalf("first indicator %s/%s with %d schools", sleep.Code, sleep.Questionnaire, len(sleep.Schools))
			}
			for i, s := range sleep.Schools {
				if s.Flag != tt.flags[i] || s.Stage != tt.stages[i] || s.DF != tt.df {
					t.Errorf("school %d: flag %q stage %q df %v, want %q %q %v", i, s.Flag, s.Stage, s.DF, tt.flags[i], tt.stages[i], tt.df)
				}
			}
			if s := sleep.Schools[0]; s.Code != "QX01" || math.Abs(s.Low-tt.firstLow) > 1e-12 || !s.Reported() {
				t.Errorf("first school: %+v", s)
			}
			if !sleep.County.Reported() || sleep.County.Code != "" || sleep.County.Name != "" {
				t.Errorf("county cell: %+v", sleep.County)
			}
		})
	}
}

func TestReadPreviousRefuses(t *testing.T) {
	v2, err := os.ReadFile("testdata/previous/v2.json")
	if err != nil {
		t.Fatal(err)
	}
	newer := bytes.Replace(v2, []byte(`"schema_version": 2`), []byte(fmt.Sprintf(`"schema_version": %d`, SchemaVersion+1)), 1)
	tests := []struct {
		name string
		in   string
		want error
		text string
	}{
		{"newer schema", string(newer), ErrNewerSchema, fmt.Sprintf("第%d版", SchemaVersion+1)},
		{"not JSON", "学校,年级\n", ErrNotResults, "x.json"},
		{"other JSON", `{"name": "package.json"}`, ErrNotResults, "x.json"},
		{"schema 0", `{"schema_version": 0, "profile": "p", "indicators": []}`, ErrNotResults, "x.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPrevious(strings.NewReader(tt.in), "x.json")
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) || !strings.Contains(err.Error(), "x.json") {
				t.Errorf("message %q should name the file and contain %q", err, tt.text)
			}
		})
	}
}

// TestPreviousRoundTrip: what WriteJSON writes today, ReadPrevious reads back cell for cell.
func TestPreviousRoundTrip(t *testing.T) {
	r := results(t, synth.Schools(5), 800)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r, DataQuality{}); err != nil {
		t.Fatal(err)
	}
	term, err := ReadPrevious(&buf, "results.json")
	if err != nil {
		t.Fatal(err)
	}
	want := analysis.CurrentTerm(r)
	if len(term.Indicators) != len(want.Indicators) {
		t.Fatalf("indicators: got %d, want %d", len(term.Indicators), len(want.Indicators))
	}
	for i, ti := range term.Indicators {
		wi := want.Indicators[i]
		if ti.Code != wi.Code || ti.Questionnaire != wi.Questionnaire || len(ti.Schools) != len(wi.Schools) {
			t.Fatalf("indicator %d: %s/%s vs %s/%s", i, ti.Code, ti.Questionnaire, wi.Code, wi.Questionnaire)
		}
		for j, s := range ti.Schools {
			w := wi.Schools[j]
			if s.Code != w.Code || s.Flag != w.Flag || s.Reported() != w.Reported() || (s.Reported() && math.Abs(s.P-w.P) > 1e-15) {
				t.Errorf("%s school %d: got %+v, want %+v", ti.Code, j, s, w)
			}
		}
	}
	// Compared with itself, nothing changes and nothing is called out.
	c := analysis.Compare(want, []analysis.Term{term}, 0.05)
	if len(c.Changes) == 0 || len(c.CalledOut()) != 0 || len(c.Flags) != 0 {
		t.Errorf("self-comparison: %d changes, %d called out, %d flag changes", len(c.Changes), len(c.CalledOut()), len(c.Flags))
	}
}
