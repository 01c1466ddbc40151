package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportPrevious: the demo report given an earlier run of itself (labelled as last term) has a
// 学期对比 section, a change column, and changes of zero that are never called out; results.json
// carries change and previous_flag on every school.
func TestReportPrevious(t *testing.T) {
	dir := t.TempDir()
	prev, cur := filepath.Join(dir, "prev"), filepath.Join(dir, "cur")
	if _, stderr, code := runReport(t, prev, "--term", "2025年秋季学期"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, stderr, code := runReport(t, cur, "--previous", filepath.Join(prev, "results.json")); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(cur, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"学期对比", "较2025年秋季学期（百分点）", "没有显著变化", "睡眠时间达标率变化（学生问卷）"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	var rj struct {
		PreviousTerms []string `json:"previous_terms"`
		Indicators    []struct {
			Code    string
			Schools []struct {
				Name   string
				Change *struct {
					Diff      float64
					CalledOut bool `json:"called_out"`
				}
				PreviousFlag *string `json:"previous_flag"`
				Flagged      bool
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(cur, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rj); err != nil {
		t.Fatal(err)
	}
	if len(rj.PreviousTerms) != 1 || rj.PreviousTerms[0] != "2025年秋季学期" {
		t.Errorf("previous_terms: %v", rj.PreviousTerms)
	}
	for _, ind := range rj.Indicators {
		for _, s := range ind.Schools {
			if s.PreviousFlag == nil || (*s.PreviousFlag == "confirmed") != s.Flagged {
				t.Errorf("%s %s: previous_flag %v, flagged %v", ind.Code, s.Name, s.PreviousFlag, s.Flagged)
			}
			if s.Change != nil && (s.Change.Diff != 0 || s.Change.CalledOut) {
				t.Errorf("%s %s: change %+v against identical data", ind.Code, s.Name, *s.Change)
			}
		}
	}
}

func TestReportPreviousRefused(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.json")
	os.WriteFile(newer, []byte(`{"schema_version": 99, "profile": "national-2021", "term": "2025年秋季学期", "indicators": []}`), 0o644)
	notResults := filepath.Join(dir, "package.json")
	os.WriteFile(notResults, []byte(`{"name": "x"}`), 0o644)
	tests := []struct {
		name string
		args []string
		code ExitCode
		want string
	}{
		{"newer schema", []string{"--previous", newer}, ExitUnreadable, "第99版"},
		{"newer schema in English", []string{"--previous", newer, "--lang", "en"}, ExitUnreadable, "written by a newer jianfu"},
		{"not results", []string{"--previous", notResults}, ExitUnreadable, "不是 jianfu 写的 results.json"},
		{"missing file", []string{"--previous", filepath.Join(dir, "nope.json")}, ExitUnreadable, "nope.json"},
		{"same term", []string{"--previous", "../../report/testdata/previous/v1.json"}, ExitUsage, "与本学期相同"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runReport(t, filepath.Join(dir, "out"), tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr %q should contain %q", code, tt.code, stderr, tt.want)
			}
		})
	}
}
