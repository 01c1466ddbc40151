package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/plots"
)

func runReport(t *testing.T, out string, args ...string) (string, string, ExitCode) {
	t.Helper()
	var o, e bytes.Buffer
	code := Main(append([]string{"report", "-o", out}, args...), &IOStreams{Out: &o, ErrOut: &e})
	return o.String(), e.String(), code
}

// TestReportDemo writes the demo county's report and checks every output is there, that every chart
// label renders with the embedded font, and that a second run gives the same bytes.
func TestReportDemo(t *testing.T) {
	dir := t.TempDir()
	out1 := filepath.Join(dir, "r1")
	stdout, stderr, code := runReport(t, out1)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "示例县") {
		t.Errorf("stderr does not say the demo county is used: %s", stderr)
	}
	for _, f := range []string{"report.html", "tables.xlsx", "results.json", "rejects.csv", "charts/heatmap.png", "charts/01_homework_time_student.png"} {
		if _, err := os.Stat(filepath.Join(out1, f)); err != nil {
			t.Errorf("missing %s", f)
		}
		if !strings.Contains(stdout, filepath.Join(out1, f)) {
			t.Errorf("stdout does not list %s", f)
		}
	}
	// results.json: the demo's planted monthly exams show as flagged schools.
	var rj struct {
		Indicators []struct {
			Code, Questionnaire string
			Schools             []struct {
				Name    string
				Flagged bool
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(out1, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rj); err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for _, ind := range rj.Indicators {
		if ind.Code == "no_frequent_exams" {
			for _, s := range ind.Schools {
				if s.Flagged {
					flagged++
				}
			}
		}
	}
	if flagged == 0 {
		t.Error("no school flagged for monthly exams in the demo county")
	}
	// A second run into another folder gives identical bytes.
	out2 := filepath.Join(dir, "r2")
	if _, stderr, code := runReport(t, out2); code != ExitOK {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	filepath.Walk(out1, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out1, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(out2, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs", rel)
		}
		return nil
	})
}

// TestDemoGlyphCoverage: every school name, indicator name, option text and band name of the demo
// county is covered by the embedded font, so no chart shows a missing-glyph box.
func TestDemoGlyphCoverage(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runReport(t, filepath.Join(dir, "r")); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(dir, "r", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The report's text contains every label the charts draw (names, options, titles).
	text := string(html)
	if i := strings.Index(text, "<body>"); i >= 0 {
		text = text[i:]
	}
	if missing := plots.DefaultFont().Missing(stripTags(text)); len(missing) > 0 {
		t.Errorf("embedded font lacks %q", string(missing))
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in && r >= 0x80:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestReportKeepsPreviousOnFailure: a run that fails (unreadable input) leaves a previous good report
// untouched, and a folder that is not a report is never replaced.
func TestReportKeepsPreviousOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	if _, stderr, code := runReport(t, out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "results.json"))
	_, stderr, code := runReport(t, out, "../../ingest/testdata/cases/encrypted_xlsx/加密.xlsx")
	if code != ExitUnreadable {
		t.Errorf("exit %d, want %d; %s", code, ExitUnreadable, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(out, "results.json"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the previous report")
	}
	other := filepath.Join(dir, "mine")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("keep"), 0o644)
	if _, _, code := runReport(t, other); code == ExitOK {
		t.Error("report replaced a folder that is not a report")
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "keep" {
		t.Error("notes.txt was lost")
	}
}
