package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// QuestionnaireOptions are the options of `jianfu questionnaire`.
type QuestionnaireOptions struct {
	IO      *IOStreams
	Code    string
	Format  string
	Roster  string // school roster: the school question lists its schools
	Output  string // file to write; "" is standard output
	Lang    string // "en" prints the text form in English; the 问卷星 form is always Chinese
	schools []string
}

func newQuestionnaireCmd(ios *IOStreams) *cobra.Command {
	o := &QuestionnaireOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "questionnaire student|parent|teacher",
		Short: "打印内置问卷（文本，或问卷星批量导入格式）",
		Long: `打印内置问卷。--format wjx 输出问卷星“批量导入题目”的文本：在问卷星新建问卷，
选择“文本导入”，粘贴即可得到完全相同的题目和选项，导出的数据 jianfu 可以直接读取。
问卷星格式始终是中文（它是答卷人看到的问卷，导出的表头也要与之一致）；--lang en 只改变文本格式。`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Code = args[0]
			o.Lang = langOf(cmd)
			return questionnaireRun(o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "输出格式：text 或 wjx（问卷星文本导入，始终为中文）")
	cmd.Flags().StringVar(&o.Roster, "roster", "", "学校名册：给出时，学校题写成名册中学校的单选题（在问卷星中可改为下拉框），避免学校名称写法不一")
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "写入的文件（默认输出到屏幕）")
	return cmd
}

func questionnaireRun(o *QuestionnaireOptions) error {
	q, err := surveys.Builtin(o.Code)
	if err != nil {
		return usageZhEn(fmt.Sprintf("没有内置问卷 %q；内置的有：%s", o.Code, joinNames(surveys.BuiltinCodes)), err.Error())
	}
	if o.Format != "text" && o.Format != "wjx" {
		return usageZhEn(fmt.Sprintf("--format 应为 text 或 wjx，不是 %q", o.Format), fmt.Sprintf("--format must be text or wjx, not %q", o.Format))
	}
	if o.Roster != "" {
		roster, err := ingest.ReadRoster(ingest.FileSource(o.Roster), ingest.ReadOptions{})
		if err != nil {
			return err
		}
		q = withSchoolOptions(q, roster)
	}
	var buf bytes.Buffer
	switch {
	case o.Format == "wjx":
		writeQuestionnaireWJX(&buf, q)
		if o.Lang == "en" {
			fmt.Fprintln(o.IO.ErrOut, "Note: the 问卷星 import form stays in Chinese: it is what respondents see, and jianfu reads the exports by its Chinese headers.")
		}
	case o.Lang == "en":
		writeQuestionnaireTextEN(&buf, q)
	default:
		writeQuestionnaireText(&buf, q)
	}
	if o.Output == "" {
		_, err = o.IO.Out.Write(buf.Bytes())
		return err
	}
	if err := writeNewFile(o.Output, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(o.IO.Out, o.Output)
	return nil
}

// withSchoolOptions returns a copy of q whose school question offers the roster's schools (those
// teaching a grade the questionnaire covers) as options, so that answers cannot spell them apart.
func withSchoolOptions(q *surveys.Questionnaire, roster *surveys.Roster) *surveys.Questionnaire {
	c := *q
	c.Questions = append([]surveys.Question(nil), q.Questions...)
	si := c.SchoolQuestion()
	if si < 0 {
		return &c
	}
	var opts []surveys.Option
	for _, s := range roster.Schools {
		for g := q.MinGrade; g <= q.MaxGrade; g++ {
			if s.Stage == "" || s.Stage.HasGrade(g) {
				opts = append(opts, surveys.Option{Text: s.Name, TextEN: s.Name})
				break
			}
		}
	}
	c.Questions[si].Options = opts
	return &c
}

// writeNewFile writes data to path, refusing to replace a file that exists (jianfu never overwrites
// a file it did not write).
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return usagef("%s 已存在；jianfu 不覆盖已有的文件，请换一个文件名", path)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func gradeRange(q *surveys.Questionnaire) string {
	names := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	return names[q.MinGrade] + "至" + names[q.MaxGrade] + "年级"
}

func writeQuestionnaireText(w io.Writer, q *surveys.Questionnaire) {
	if q.ByStage() {
		fmt.Fprintf(w, "%s（适用于小学、初中教师）\n\n", q.Title)
	} else {
		fmt.Fprintf(w, "%s（适用于%s）\n\n", q.Title, gradeRange(q))
	}
	for _, qu := range q.Questions {
		fmt.Fprintln(w, qu.Header())
		if len(qu.Options) == 0 {
			fmt.Fprintln(w, "   ________（填写）")
		}
		for i, op := range qu.Options {
			fmt.Fprintf(w, "   %c. %s\n", 'A'+i, op.Text)
		}
		fmt.Fprintln(w)
	}
}

// writeQuestionnaireTextEN writes the text form in English, for researchers reading the instrument;
// question numbers are those of the Chinese questionnaire and its exports.
func writeQuestionnaireTextEN(w io.Writer, q *surveys.Questionnaire) {
	if q.ByStage() {
		fmt.Fprintf(w, "%s (for primary and junior secondary teachers)\n\n", q.TitleEN)
	} else {
		fmt.Fprintf(w, "%s (for grades %d-%d)\n\n", q.TitleEN, q.MinGrade, q.MaxGrade)
	}
	for _, qu := range q.Questions {
		fmt.Fprintf(w, "%d. %s\n", qu.Number, qu.TextEN)
		if len(qu.Options) == 0 {
			fmt.Fprintln(w, "   ________ (write in)")
		}
		for i, op := range qu.Options {
			fmt.Fprintf(w, "   %c. %s\n", 'A'+i, op.TextEN)
		}
		fmt.Fprintln(w)
	}
}

// langOf returns the --lang a command was called with ("zh" when it has none).
func langOf(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("lang"); f != nil {
		return f.Value.String()
	}
	return "zh"
}

// writeQuestionnaireWJX writes 问卷星's text-import form: the title, then each question on its own
// line with its type tag, its options one per line, and a blank line between questions.
func writeQuestionnaireWJX(w io.Writer, q *surveys.Questionnaire) {
	fmt.Fprintf(w, "%s\n\n", q.Title)
	for _, qu := range q.Questions {
		tag := "[单选题]"
		switch {
		case qu.Kind == surveys.KindMulti:
			tag = "[多选题]"
		case len(qu.Options) == 0:
			tag = "[填空题]"
		}
		fmt.Fprintf(w, "%d.%s%s\n", qu.Number, strings.TrimSpace(qu.Text), tag)
		for _, op := range qu.Options {
			fmt.Fprintln(w, op.Text)
		}
		fmt.Fprintln(w)
	}
}
