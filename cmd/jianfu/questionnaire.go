package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// QuestionnaireOptions are the options of `jianfu questionnaire`.
type QuestionnaireOptions struct {
	IO     *IOStreams
	Code   string
	Format string
}

func newQuestionnaireCmd(ios *IOStreams) *cobra.Command {
	o := &QuestionnaireOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "questionnaire student|parent|teacher",
		Short: "打印内置问卷（文本，或问卷星批量导入格式）",
		Long: `打印内置问卷。--format wjx 输出问卷星“批量导入题目”的文本：在问卷星新建问卷，
选择“文本导入”，粘贴即可得到完全相同的题目和选项，导出的数据 jianfu 可以直接读取。`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Code = args[0]
			return questionnaireRun(o)
		},
	}
	cmd.Flags().StringVar(&o.Format, "format", "text", "输出格式：text 或 wjx（问卷星文本导入）")
	return cmd
}

func questionnaireRun(o *QuestionnaireOptions) error {
	q, err := surveys.Builtin(o.Code)
	if err != nil {
		return &usageError{err}
	}
	switch o.Format {
	case "text":
		writeQuestionnaireText(o.IO.Out, q)
	case "wjx":
		writeQuestionnaireWJX(o.IO.Out, q)
	default:
		return usagef("--format 应为 text 或 wjx，不是 %q", o.Format)
	}
	return nil
}

func gradeRange(q *surveys.Questionnaire) string {
	names := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	return names[q.MinGrade] + "至" + names[q.MaxGrade] + "年级"
}

func writeQuestionnaireText(w io.Writer, q *surveys.Questionnaire) {
	fmt.Fprintf(w, "%s（适用于%s）\n\n", q.Title, gradeRange(q))
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
