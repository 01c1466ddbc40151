package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

func run(t *testing.T, args ...string) (string, string, ExitCode) {
	t.Helper()
	var o, e bytes.Buffer
	code := Main(args, &IOStreams{Out: &o, ErrOut: &e})
	return o.String(), e.String(), code
}

// TestInitThenReport: init in a folder holding the demo exports and roster guesses roster, county,
// term; report run in that folder with no argument gives the same results.json as the plain run.
func TestInitThenReport(t *testing.T) {
	dir := t.TempDir()
	term := filepath.Join(dir, "2026春")
	if err := demo.WriteTo(term); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "init", term); code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	yml, err := os.ReadFile(filepath.Join(term, ProjectFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"county: 清溪县\n", "term: 2026年春季学期\n", "roster: schools.csv\n", "profile: national-2021\n", "  - .\n", "output: jianfu-report\n", "lang: zh\n"} {
		if !strings.Contains(string(yml), want) {
			t.Errorf("jianfu.yaml lacks %q:\n%s", want, yml)
		}
	}
	if _, stderr, code := run(t, "init", term); code != ExitUsage || !strings.Contains(stderr, "不覆盖") {
		t.Errorf("second init: exit %d, %s", code, stderr)
	}
	plain := filepath.Join(dir, "plain")
	// The plain run names the same exports, roster and timetables (copied to a folder of their own)
	// without the project file.
	tts := filepath.Join(dir, "课表")
	if err := os.Mkdir(tts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range demo.TimetableFiles() {
		data, err := os.ReadFile(filepath.Join(term, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tts, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, code := run(t, "report", "-o", plain, "--roster", filepath.Join(term, demo.RosterFile), "--timetables", tts,
		filepath.Join(term, demo.StudentFile), filepath.Join(term, demo.ParentFile), filepath.Join(term, demo.TeacherFile)); code != ExitOK {
		t.Fatalf("plain report: exit %d: %s", code, stderr)
	}
	t.Chdir(term)
	_, stderr, code := run(t, "report")
	if code != ExitOK {
		t.Fatalf("project report: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "使用项目文件 jianfu.yaml") {
		t.Errorf("stderr does not name the project file: %s", stderr)
	}
	a, _ := os.ReadFile(filepath.Join(plain, "results.json"))
	b, _ := os.ReadFile(filepath.Join(term, "jianfu-report", "results.json"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the project's results.json differs from the plain run's")
	}
	html, _ := os.ReadFile(filepath.Join(term, "jianfu-report", "report.html"))
	if !bytes.Contains(html, []byte("清溪县2026年春季学期义务教育学校学生课业负担监测报告")) || !bytes.Contains(html, []byte("清溪县教研室")) {
		t.Error("report.html lacks the county title or the office")
	}
}

// TestProjectFile: keys, options, paths relative to the file, flags over the file, and the errors.
func TestProjectFile(t *testing.T) {
	dir := t.TempDir()
	if err := demo.WriteTo(filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	write := func(body string) string {
		p := filepath.Join(dir, "p.yaml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "term: 2025年秋季学期\nroster: data/schools.csv\ninputs: [data]\noutput: out\noptions:\n  keep_fast: true\n"
	tests := []struct {
		name  string
		body  string
		extra []string
		code  ExitCode
		want  string // in stderr, or in the report for ExitOK
	}{
		{"valid", good, nil, ExitOK, "2025年秋季学期义务教育"},
		{"flag beats file", good, []string{"--term", "2026年秋季学期"}, ExitOK, "2026年秋季学期义务教育"},
		{"misspelt key", "contry: 清溪县\n", nil, ExitUsage, "第1行：没有“contry”这一项，是不是“county”？"},
		{"misspelt option", good + "  keep_fats: true\n", nil, ExitUsage, "第7行：没有“options.keep_fats”这一项，是不是“options.keep_fast”？"},
		{"top-level key under options", "options:\n  term: x\n", nil, ExitUsage, "没有“options.term”这一项"},
		{"list for a single value", "term: [a, b]\n", nil, ExitUsage, "term 的值应是一个值"},
		{"bad option value", good + "  max_columns: many\n", nil, ExitUsage, "max-columns 的值 \"many\" 无效"},
		{"not a mapping", "- a\n", nil, ExitUsage, "应是“键: 值”的列表"},
		{"broken YAML", "term: [\n", nil, ExitUsage, "格式有误"},
		{"english", "contry: x\n", []string{"--lang", "en"}, ExitUsage, "there is no key “contry”; did you mean “county”?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(tt.body)
			os.RemoveAll(filepath.Join(dir, "out"))
			_, stderr, code := run(t, append([]string{"report", "-c", p}, tt.extra...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			if code != ExitOK {
				if !strings.Contains(stderr, tt.want) {
					t.Errorf("stderr %q lacks %q", stderr, tt.want)
				}
				return
			}
			html, err := os.ReadFile(filepath.Join(dir, "out", "report.html"))
			if err != nil || !bytes.Contains(html, []byte(tt.want)) {
				t.Errorf("report lacks %q (%v)", tt.want, err)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	valid := []string{"county", "office", "term", "profile", "roster", "inputs", "previous", "output", "title", "lang"}
	tests := []struct{ in, want string }{
		{"contry", "county"}, {"Term", "term"}, {"rooster", "roster"}, {"input", "inputs"}, {"out", "output"}, {"previus", "previous"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := nearest(tt.in, valid); got != tt.want {
				t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if d := editDistance("清溪县第1中学", "清溪县第一中学"); d != 1 {
		t.Errorf("edit distance in runes: got %d, want 1", d)
	}
}

func TestParseSchools(t *testing.T) {
	tests := []struct {
		name   string
		in     []string
		one    string
		byFile map[string]string
		err    bool
	}{
		{"none", nil, "", nil, false},
		{"one name", []string{"石桥中学"}, "石桥中学", nil, false},
		{"mappings", []string{"a.xlsx=石桥中学", " b.csv = 东河中学 "}, "", map[string]string{"a.xlsx": "石桥中学", "b.csv": "东河中学"}, false},
		{"two plain names", []string{"石桥中学", "东河中学"}, "", nil, true},
		{"empty side", []string{"a.xlsx="}, "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one, byFile, err := parseSchools(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("error %v, want error %v", err, tt.err)
			}
			if err == nil && (one != tt.one || !reflect.DeepEqual(byFile, tt.byFile)) {
				t.Errorf("got %q %v, want %q %v", one, byFile, tt.one, tt.byFile)
			}
		})
	}
}
