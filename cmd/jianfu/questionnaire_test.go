package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/jianfu-edu/jianfu/surveys"
)

func TestQuestionnaire(t *testing.T) {
	for _, tc := range []struct {
		code, format string
		lang         string
		title        string // first line; grades from surveys/data/<code>.yaml
	}{
		{"student", "text", "", "学生问卷（适用于三至九年级）"},
		{"student", "wjx", "", "学生问卷"},
		{"parent", "text", "", "家长问卷（适用于一至九年级）"},
		{"parent", "wjx", "", "家长问卷"},
		{"teacher", "text", "", "教师问卷（适用于小学、初中教师）"},
		{"teacher", "wjx", "", "教师问卷"},
		{"student", "text", "en", "Student questionnaire (for grades 3-9)"},
		{"parent", "text", "en", "Parent questionnaire (for grades 1-9)"},
		{"teacher", "text", "en", "Teacher questionnaire (for primary and junior secondary teachers)"},
		// The 问卷星 form is what respondents see: Chinese whatever --lang says.
		{"student", "wjx", "en", "学生问卷"},
	} {
		name := tc.code + "_" + tc.format
		if tc.lang != "" {
			name += "_" + tc.lang
		}
		t.Run(name, func(t *testing.T) {
			q, err := surveys.Builtin(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			ios, out, errOut := testIO()
			if err := questionnaireRun(&QuestionnaireOptions{IO: ios, Code: tc.code, Format: tc.format, Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			if errOut.Len() > 0 && !(tc.lang == "en" && tc.format == "wjx") {
				t.Errorf("stderr: %s", errOut)
			}
			// Title, then one block per question, blocks separated by one blank line.
			blocks := strings.Split(strings.TrimSuffix(out.String(), "\n\n"), "\n\n")
			if blocks[0] != tc.title {
				t.Errorf("title = %q, want %q", blocks[0], tc.title)
			}
			if len(blocks)-1 != len(q.Questions) {
				t.Fatalf("%d blocks after the title, want one per question (%d):\n%s", len(blocks)-1, len(q.Questions), out)
			}
			for i, qu := range q.Questions {
				want := questionBlock(&qu, tc.format, tc.lang)
				if got := strings.Split(blocks[i+1], "\n"); !slices.Equal(got, want) {
					t.Errorf("question %d:\n got  %q\n want %q", qu.Number, got, want)
				}
			}
			checkGolden(t, filepath.Join("testdata", "questionnaire", name, "output_golden.txt"), out.Bytes())
		})
	}
}

// questionBlock is what a question should print as: in text, its export header and lettered
// options (or a blank to fill in); in 问卷星's import form, "N.题目[题型]" and one option a line.
func questionBlock(qu *surveys.Question, format, lang string) []string {
	if format == "wjx" {
		tag := "[单选题]"
		switch {
		case qu.Kind == surveys.KindMulti:
			tag = "[多选题]"
		case len(qu.Options) == 0:
			tag = "[填空题]"
		}
		lines := []string{fmt.Sprintf("%d.%s%s", qu.Number, qu.Text, tag)}
		for _, op := range qu.Options {
			lines = append(lines, op.Text)
		}
		return lines
	}
	if lang == "en" {
		lines := []string{fmt.Sprintf("%d. %s", qu.Number, qu.TextEN)}
		if len(qu.Options) == 0 {
			lines = append(lines, "   ________ (write in)")
		}
		for i, op := range qu.Options {
			lines = append(lines, fmt.Sprintf("   %s. %s", string(rune('A'+i)), op.TextEN))
		}
		return lines
	}
	lines := []string{qu.Header()}
	if len(qu.Options) == 0 {
		lines = append(lines, "   ________（填写）")
	}
	for i, op := range qu.Options {
		lines = append(lines, fmt.Sprintf("   %s. %s", string(rune('A'+i)), op.Text))
	}
	return lines
}

// TestQuestionnaireWJXTags checks the 问卷星 tags against the questions: only the free-text
// school and class questions and the closing open question are 填空题, and the teachers' grades
// question is 多选题.
func TestQuestionnaireWJXTags(t *testing.T) {
	ios, out, _ := testIO()
	if err := questionnaireRun(&QuestionnaireOptions{IO: ios, Code: "student", Format: "wjx"}); err != nil {
		t.Fatal(err)
	}
	var fill []string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasSuffix(l, "[填空题]") {
			fill = append(fill, l)
		}
	}
	want := []string{"1.你就读的学校是？[填空题]", "3.你所在的班级是？[填空题]", "25.关于作业、睡眠、考试、补课等，你还有什么想说的？[填空题]"}
	if !slices.Equal(fill, want) {
		t.Errorf("填空题 = %q, want %q", fill, want)
	}
	if n := strings.Count(out.String(), "[单选题]\n"); n != 22 { // 25 questions in surveys/data/student.yaml
		t.Errorf("%d 单选题, want 22", n)
	}
	ios, out, _ = testIO()
	if err := questionnaireRun(&QuestionnaireOptions{IO: ios, Code: "teacher", Format: "wjx"}); err != nil {
		t.Fatal(err)
	}
	// teachers-and-timetables.md: Q1 and Q19 free text, Q3 multiple choice, the other 16 single choice.
	if a, b, c := strings.Count(out.String(), "[填空题]\n"), strings.Count(out.String(), "[多选题]\n"), strings.Count(out.String(), "[单选题]\n"); a != 2 || b != 1 || c != 16 {
		t.Errorf("teacher: %d 填空题, %d 多选题, %d 单选题; want 2, 1, 16", a, b, c)
	}
	if !strings.Contains(out.String(), "3.您任教的年级是？（可多选）[多选题]\n一年级\n") {
		t.Errorf("teacher Q3 is not a 多选题 listing the grades:\n%s", out)
	}
}

// TestQuestionnaireLang: through the command line, --lang en prints the text form in English with
// no Chinese character, and says on stderr why the 问卷星 form stays Chinese.
func TestQuestionnaireLang(t *testing.T) {
	for _, code := range surveys.BuiltinCodes {
		stdout, stderr, exit := run(t, "questionnaire", code, "--lang", "en")
		if exit != ExitOK || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", code, exit, stderr)
		}
		if i := strings.IndexFunc(stdout, func(r rune) bool { return unicode.Is(unicode.Han, r) }); i >= 0 {
			t.Errorf("%s --lang en prints Chinese: %q", code, stdout[max(0, i-40):min(len(stdout), i+40)])
		}
	}
	stdout, stderr, exit := run(t, "questionnaire", "student", "--format", "wjx", "--lang", "en")
	if exit != ExitOK || !strings.HasPrefix(stdout, "学生问卷\n") || !strings.Contains(stderr, "stays in Chinese") {
		t.Errorf("wjx --lang en: exit %d, stdout starts %q, stderr %q", exit, stdout[:min(len(stdout), 20)], stderr)
	}
	if _, stderr, exit := run(t, "questionnaire", "principal", "--lang", "en"); exit != ExitUsage || !strings.Contains(stderr, `Error: no built-in questionnaire "principal" (have: student, parent, teacher)`) {
		t.Errorf("unknown questionnaire --lang en: exit %d, stderr %q", exit, stderr)
	}
	if _, stderr, exit := run(t, "questionnaire", "principal"); exit != ExitUsage || !strings.Contains(stderr, `错误：没有内置问卷 "principal"；内置的有：student、parent、teacher`) {
		t.Errorf("unknown questionnaire: exit %d, stderr %q", exit, stderr)
	}
	if _, stderr, exit := run(t, "questionnaire", "student", "--format", "docx", "--lang", "en"); exit != ExitUsage || !strings.Contains(stderr, "Error: --format must be text or wjx, not \"docx\"") {
		t.Errorf("bad format --lang en: exit %d, stderr %q", exit, stderr)
	}
}

func TestQuestionnaireUsageErrors(t *testing.T) {
	for _, o := range []QuestionnaireOptions{
		{Code: "principal", Format: "text"},
		{Code: "student", Format: "docx"},
	} {
		ios, out, _ := testIO()
		o.IO = ios
		err := questionnaireRun(&o)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("questionnaireRun(%s, %s) = %v, want a usage error", o.Code, o.Format, err)
		}
		if out.Len() > 0 {
			t.Errorf("questionnaireRun(%s, %s) wrote %q", o.Code, o.Format, out)
		}
	}
	ios, _, _ := testIO()
	if got := Main([]string{"questionnaire"}, ios); got != ExitUsage {
		t.Errorf("jianfu questionnaire with no argument: exit %d, want %d", got, ExitUsage)
	}
}
