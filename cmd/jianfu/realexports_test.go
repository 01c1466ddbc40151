package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestApproxHeadersOnScreen: headers taken for questions by similarity are printed by report, not only
// by check, with the question each was taken for; the look-alike weekend header is not taken.
func TestApproxHeadersOnScreen(t *testing.T) {
	file := filepath.Join(casesDir, "lookalike_headers_csv", "学生问卷.csv")
	roster := filepath.Join(casesDir, "roster.csv")
	want := []string{
		"“5、上学日，你通常晚上几点上床睡觉？” → 第5题“上学日（周一至周五），你通常晚上几点上床睡觉？”",
		"“12、老师是否通过班级群布置作业或要求打卡？” → 第12题“老师是否通过班级群（微信、QQ、钉钉等）布置作业或要求打卡？”",
	}
	_, stderr, code := runReport(t, filepath.Join(t.TempDir(), "out"), "--roster", roster, file)
	if code != ExitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	stdout, _, err := runCheck(t, CheckOptions{Input: inputOptions{Paths: []string{file}, Roster: roster}})
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"report (stderr)": stderr, "check": stdout} {
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s does not show %s:\n%s", name, w, out)
			}
		}
		if strings.Contains(out, "周末，你平均每天的睡眠时间大约是多少？” →") {
			t.Errorf("%s maps the weekend header to a question:\n%s", name, out)
		}
		if w := "“7、周末，你平均每天的睡眠时间大约是多少？” ≈ 第7题“上学日，你平均每天的睡眠时间大约是多少？”"; !strings.Contains(out, w) {
			t.Errorf("%s does not name the weekend header beside question 7:\n%s", name, out)
		}
	}
	if !strings.Contains(stdout, "未识别的列（已忽略）：7、周末，你平均每天的睡眠时间大约是多少？") {
		t.Errorf("check does not list the weekend header as not recognised:\n%s", stdout)
	}
}

// TestSurveyMismatchRefused: --survey parent on a student export is a usage mistake with a plain
// message that names the file and the right option.
func TestSurveyMismatchRefused(t *testing.T) {
	file := filepath.Join(casesDir, "xlsx", "学生问卷.xlsx")
	var out, errOut bytes.Buffer
	code := Main([]string{"check", "-o", t.TempDir(), "--survey", "parent", file}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	msg := errOut.String()
	for _, w := range []string{file, "家长问卷", "学生问卷", "--survey student"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message does not say %q: %s", w, msg)
		}
	}
	first, _, _ := strings.Cut(msg, "\n")
	checkPlainMessage(t, first+"\n", file, "parent", "student")
}

// TestUnreadableTimesReported: rows whose time could not be read are named by check and in the
// report's data-quality section, since the duplicate and too-fast rules could not look at them.
func TestUnreadableTimesReported(t *testing.T) {
	file := filepath.Join(casesDir, "unreadable_times_csv", "学生问卷.csv")
	roster := filepath.Join(casesDir, "roster.csv")
	stdout, _, err := runCheck(t, CheckOptions{Input: inputOptions{Paths: []string{file}, Roster: roster}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"提交答卷时间无法识别 2 行：这些行没有做重复检查", "所用时间无法识别 1 行：这些行没有做用时过短检查",
		"提交答卷时间无法识别（未做重复检查）：2 行（只报告）"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("check does not say %q:\n%s", w, stdout)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runReport(t, out, "--roster", roster, file); code != ExitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"提交答卷时间无法识别（未做重复检查）：2行", "所用时间无法识别（未做用时过短检查）：1行"} {
		if !strings.Contains(string(html), w) {
			t.Errorf("report.html does not say %q", w)
		}
	}
}

// TestSurveyMismatchEnglish: with --lang en the refusal is in English.
func TestSurveyMismatchEnglish(t *testing.T) {
	file := filepath.Join(casesDir, "xlsx", "学生问卷.xlsx")
	var out, errOut bytes.Buffer
	code := Main([]string{"check", "--lang", "en", "-o", t.TempDir(), "--survey", "parent", file}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	want := "Error: " + file + ": read as --survey parent, only 0 of the 15 questions of the parent questionnaire were found, but the headers are those of the student questionnaire (24 found): use --survey student, or leave --survey out to recognise the file\n"
	if code != ExitUsage || !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut.String(), ExitUsage, want)
	}
}
