package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

// workingFolder writes the demo county's files into a folder with what sits beside exports in an
// office: notes, the project file, a text note, Excel's lock file, a subfolder, a pipe, last run's
// rejects.csv and report folder. It returns the folder.
func workingFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"会议记录.docx":         "PK\x03\x04 not really a document",
		"说明.md":             "# 本学期问卷说明\n",
		"jianfu.yaml":       "term: 2026年春季学期\n",
		"~$学生问卷_问卷星.xlsx":   "lock",
		"联系人.txt":           "姓名\t电话\n王老师\t123\n",
		"旧数据/学生问卷_问卷星.xlsx": "old",
		"截图.png":            "\x89PNG",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "管道"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Last run's outputs: a check's rejects.csv and a report folder.
	if _, _, err := runCheck(t, CheckOptions{Out: dir}); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runReport(t, filepath.Join(dir, "jianfu-report")); code != ExitOK {
		t.Fatalf("report: %s", stderr)
	}
	return dir
}

// TestWorkingFolder: a folder read takes the questionnaires and the roster, skips everything else
// naming each file and why (never opening the pipe), reads a file named twice once, and counts
// exactly what reading the exports by name counts.
func TestWorkingFolder(t *testing.T) {
	dir := workingFolder(t)
	student := filepath.Join(dir, demo.StudentFile)
	stdout, stderr, err := runCheck(t, CheckOptions{JSON: true, Input: inputOptions{Paths: []string{dir, student, student}}})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var got checkSummary
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	wantStdout, _, err := runCheck(t, CheckOptions{JSON: true, Input: inputOptions{Paths: []string{student, filepath.Join(dir, demo.ParentFile), filepath.Join(dir, demo.TeacherFile)}, Roster: filepath.Join(dir, demo.RosterFile)}})
	if err != nil {
		t.Fatal(err)
	}
	var want checkSummary
	json.Unmarshal([]byte(wantStdout), &want)
	if got.Read != want.Read || got.Used != want.Used || got.Rejected != want.Rejected || !got.RosterGiven || len(got.Files) != 3 {
		t.Errorf("folder: read %d used %d rejected %d, roster %v, %d files; by name: read %d used %d rejected %d",
			got.Read, got.Used, got.Rejected, got.RosterGiven, len(got.Files), want.Read, want.Used, want.Rejected)
	}
	if got.Read != got.Used+got.Rejected {
		t.Errorf("read %d != used %d + rejected %d", got.Read, got.Used, got.Rejected)
	}
	reasons := map[string]string{}
	for _, s := range got.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	for name, want := range map[string]string{
		"会议记录.docx": "不是表格文件", "说明.md": "不是表格文件", "jianfu.yaml": "项目文件", "~$学生问卷_问卷星.xlsx": "临时文件",
		"联系人.txt": "不是问卷", "旧数据": "子文件夹", "截图.png": "不是表格文件", "管道": "不是普通文件",
		"rejects.csv": "剔除记录", "jianfu-report": "报告文件夹",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s skipped with %q, want a reason saying %q", name, reasons[name], want)
		}
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name the skipped %s:\n%s", name, stderr)
		}
	}
	if len(reasons) != 10 {
		t.Errorf("skipped %v", reasons)
	}
}

// TestWorkingFolderReport: the report's data-quality appendix names the skipped files too.
func TestWorkingFolderReport(t *testing.T) {
	dir := workingFolder(t)
	out := filepath.Join(t.TempDir(), "r")
	if _, stderr, code := runReport(t, out, dir); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"会议记录.docx", "管道", "jianfu-report"} {
		if !strings.Contains(string(html), name) {
			t.Errorf("report.html does not name the skipped %s", name)
		}
	}
}

// TestNamedNotQuestionnaire: a file named on the command line that is not a questionnaire is an error.
func TestNamedNotQuestionnaire(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "联系人.txt")
	os.WriteFile(p, []byte("姓名\t电话\n王老师\t123\n"), 0o644)
	var o, e strings.Builder
	code := Main([]string{"check", "-o", dir, p}, &IOStreams{Out: &o, ErrOut: &e})
	if code != ExitUnreadable || !strings.Contains(e.String(), p) {
		t.Errorf("exit %d, stderr %q; want %d naming the file", code, e.String(), ExitUnreadable)
	}
}

// TestOutRefusesForeignFiles: --out never overwrites or deletes what jianfu did not write.
func TestOutRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "学生问卷.csv")
	os.WriteFile(input, []byte("keep"), 0o644)
	userDir := filepath.Join(dir, "我的文件夹")
	os.MkdirAll(userDir, 0o755)
	os.WriteFile(filepath.Join(userDir, "汇报.docx"), []byte("keep"), 0o644)
	report := filepath.Join(dir, "report")
	if _, stderr, code := runReport(t, report); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cases := []struct {
		name, out, keep string
		prepare         func()
	}{
		{"an input file", input, input, nil},
		{"a folder of the user's", userDir, filepath.Join(userDir, "汇报.docx"), nil},
		{"a report folder with a file added", report, filepath.Join(report, "批注.txt"), func() { os.WriteFile(filepath.Join(report, "批注.txt"), []byte("keep"), 0o644) }},
		{"a report folder with a subfolder added", report, filepath.Join(report, "charts", "我的图.png"), func() {
			os.Remove(filepath.Join(report, "批注.txt"))
			os.WriteFile(filepath.Join(report, "charts", "我的图.png"), []byte("keep"), 0o644)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.prepare != nil {
				c.prepare()
			}
			_, stderr, code := runReport(t, c.out)
			if code != ExitUsage || !strings.Contains(stderr, "-o") {
				t.Errorf("exit %d, stderr %q; want a usage error pointing to -o", code, stderr)
			}
			if b, err := os.ReadFile(c.keep); err != nil || string(b) != "keep" {
				t.Errorf("%s was changed or lost", c.keep)
			}
		})
	}
	os.Remove(filepath.Join(report, "charts", "我的图.png"))
	if _, stderr, code := runReport(t, report); code != ExitOK {
		t.Errorf("a report folder jianfu made was not replaced: exit %d: %s", code, stderr)
	}
	names, _ := os.ReadDir(report)
	if !slices.ContainsFunc(names, func(e os.DirEntry) bool { return e.Name() == ".jianfu-manifest" }) {
		t.Error("the report folder has no manifest")
	}
}

// TestCheckRefusesForeignRejects: check never overwrites a rejects.csv that jianfu did not write.
func TestCheckRefusesForeignRejects(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "rejects.csv")
	os.WriteFile(mine, []byte("学校,问题\n"), 0o644)
	_, _, err := runCheck(t, CheckOptions{Out: dir})
	if err == nil || exitCode(err) != ExitUsage {
		t.Errorf("err = %v, want a usage error", err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "学校,问题\n" {
		t.Error("the user's rejects.csv was overwritten")
	}
	os.Remove(mine)
	for range 2 { // jianfu's own rejects.csv is replaced
		if _, _, err := runCheck(t, CheckOptions{Out: dir}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTypoDateDoesNotNameTerm: one submission typed as 2062 among June 2026 answers leaves the term
// at 2026 spring, and is counted and reported.
func TestTypoDateDoesNotNameTerm(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(casesDir, "utf8_bom_csv", "家长问卷.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "家长问卷.csv")
	os.WriteFile(in, []byte(strings.Replace(string(data), "2,2026/06/21", "2,2062/06/21", 1)), 0o644)
	out := filepath.Join(dir, "r")
	_, stderr, code := runReport(t, out, "--roster", rosterCSV, in)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "1 份答卷的提交时间与其余答卷相差半年以上") {
		t.Errorf("stderr does not report the outlier:\n%s", stderr)
	}
	var rj struct{ Term string }
	b, _ := os.ReadFile(filepath.Join(out, "results.json"))
	json.Unmarshal(b, &rj)
	if rj.Term != "2026年春季学期" {
		t.Errorf("term %q, want 2026年春季学期", rj.Term)
	}
}

// TestThousandsOfSchoolsRefused: with no roster and thousands of distinct school names, report
// refuses with advice instead of drawing thousands of bars.
func TestThousandsOfSchoolsRefused(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(casesDir, "utf8_bom_csv", "家长问卷.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\r\n"), "\n")
	var b strings.Builder
	b.WriteString(lines[0] + "\n")
	for i := range 3000 {
		row := strings.TrimRight(lines[1+i%(len(lines)-1)], "\r")
		row = strings.Replace(row, ",城关小学,", fmt.Sprintf(",第%d小学,", i), 1)
		row = strings.Replace(row, ",清河县第一中学,", fmt.Sprintf(",第%d中学,", i), 1)
		row = strings.Replace(row, ",马集镇中心学校,", fmt.Sprintf(",第%d学校,", i), 1)
		b.WriteString(row + "\n")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "家长问卷.csv")
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "r")
	_, stderr, code := runReport(t, out, in)
	if code != ExitUsage || !strings.Contains(stderr, "个不同的学校名称") {
		t.Errorf("exit %d, stderr %q; want a refusal advising --roster", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written")
	}
}
