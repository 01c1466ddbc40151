package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// TestRosterDraft: a roster drafted from the demo exports (roster removed) reads back as a roster,
// with 学段 from the grades seen and notes on the names that may be one school.
func TestRosterDraft(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := demo.WriteTo(in); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(in, demo.RosterFile))
	out := filepath.Join(dir, "名册.csv")
	if _, stderr, code := run(t, "roster", "--from", in, "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r, err := ingest.ReadRoster(ingest.FileSource(out), ingest.ReadOptions{})
	if err != nil {
		t.Fatalf("the draft does not read as a roster: %v", err)
	}
	stages := map[string]surveys.Stage{}
	for _, s := range r.Schools {
		stages[s.Name] = s.Stage
	}
	for name, want := range map[string]surveys.Stage{"清溪县实验小学": surveys.StagePrimary, "清溪县第一中学": surveys.StageJunior, "清溪县青山学校": surveys.StageNine} {
		if stages[name] != want {
			t.Errorf("%s: stage %q, want %q", name, stages[name], want)
		}
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "可能与“清溪县柳林镇中心小学”是同一所学校") {
		t.Errorf("the draft does not note the misspelt 中兴小学:\n%s", data)
	}
	if _, stderr, code := run(t, "roster", "--from", in, "-o", out); code != ExitUsage || !strings.Contains(stderr, "不覆盖") {
		t.Errorf("second draft over the first: exit %d, %s", code, stderr)
	}
}

func TestProfileShow(t *testing.T) {
	want, _ := surveys.BuiltinProfileYAML("national-2021")
	stdout, stderr, code := run(t, "profile", "show", "national-2021")
	if code != ExitOK || stdout != string(want) || len(want) == 0 {
		t.Errorf("exit %d, %d bytes printed, want the %d-byte built-in file (%s)", code, len(stdout), len(want), stderr)
	}
	if _, stderr, code := run(t, "profile", "show", "national-2012"); code != ExitUsage || !strings.Contains(stderr, "national-2021") {
		t.Errorf("unknown profile: exit %d, %s", code, stderr)
	}
	// What profile show writes is a profile that loads.
	p := filepath.Join(t.TempDir(), "本县标准.yaml")
	if _, stderr, code := run(t, "profile", "show", "anshan-2021", "-o", p); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, _, err := surveys.LoadProfile(p, surveys.Builtins()...); err != nil {
		t.Errorf("the written profile does not load: %v", err)
	}
}

func TestQuestionnaireRoster(t *testing.T) {
	dir := t.TempDir()
	if err := demo.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, "questionnaire", "student", "--format", "wjx", "--roster", filepath.Join(dir, demo.RosterFile))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1.你就读的学校是？[单选题]\n清溪县实验小学\n清溪县城关第二小学\n") {
		t.Errorf("the school question does not list the roster:\n%.400s", stdout)
	}
	plain, _, _ := run(t, "questionnaire", "student", "--format", "wjx")
	if !strings.Contains(plain, "1.你就读的学校是？[填空题]") {
		t.Error("without a roster the school question should stay a fill-in")
	}
}
