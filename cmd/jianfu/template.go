package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
)

// TemplateOptions are the options of `jianfu template`.
type TemplateOptions struct {
	IO     *IOStreams
	Code   string
	Output string
	Roster string
	Rows   int
	Lang   string // "en" for English messages
}

func newTemplateCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &TemplateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "template student|parent|teacher -o 文件.xlsx",
		Short: "生成纸质问卷录入用的空白 Excel 表（每个答案列带下拉选项）",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Code, o.Lang = args[0], g.Lang
			return templateRun(o)
		},
	}
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "输出的 .xlsx 文件（必填）")
	cmd.Flags().StringVar(&o.Roster, "roster", "", "学校名册：给出时，学校列也带下拉选项")
	cmd.Flags().IntVar(&o.Rows, "rows", 2000, "带下拉选项的行数")
	return cmd
}

func templateRun(o *TemplateOptions) error {
	q, err := surveys.Builtin(o.Code)
	if err != nil {
		return &usageError{err}
	}
	if o.Output == "" || !strings.HasSuffix(strings.ToLower(o.Output), ".xlsx") {
		return usageZhEn("请用 -o 指定输出的 .xlsx 文件", "name the .xlsx file to write with -o")
	}
	if o.Rows < 1 || o.Rows > 100000 {
		return usageZhEn("--rows 应在 1 到 100000 之间", "--rows should be between 1 and 100000")
	}
	var schools []string
	if o.Roster != "" {
		roster, err := ingest.ReadRoster(ingest.FileSource(o.Roster), ingest.ReadOptions{})
		if err != nil {
			return err
		}
		for _, s := range roster.Schools {
			schools = append(schools, s.Name)
		}
	}
	f, err := buildTemplate(q, schools, o.Rows)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := writeFileAtomic(o.Output, func(w io.Writer) error { return f.Write(w) }); err != nil {
		return fmt.Errorf("write %s: %w", o.Output, err)
	}
	if o.Lang == "en" {
		fmt.Fprintf(o.IO.Out, "Wrote %s (%s, %d columns, drop-down lists in the first %d rows)\n", o.Output, questionnaireTitleEn[q.Code], len(q.Questions), o.Rows)
		return nil
	}
	fmt.Fprintf(o.IO.Out, "已写入 %s（%s，%d 列，前 %d 行带下拉选项）\n", o.Output, q.Title, len(q.Questions), o.Rows)
	return nil
}

// buildTemplate makes the entry sheet: the question headers in row 1, a drop-down list of the options
// on every answer column, and a second sheet that explains how to fill it in.
func buildTemplate(q *surveys.Questionnaire, schools []string, rows int) (*excelize.File, error) {
	f := excelize.NewFile()
	sheet := q.Title
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return nil, err
	}
	for j, qu := range q.Questions {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetCellValue(sheet, col+"1", qu.Header()); err != nil {
			return nil, err
		}
		if err := f.SetColWidth(sheet, col, col, 16); err != nil {
			return nil, err
		}
		var list []string
		for i, op := range qu.Options {
			if qu.Kind == surveys.KindGrade && (i+1 < q.MinGrade || i+1 > q.MaxGrade) {
				continue // the student sheet is for grades 3-9: offer only those
			}
			list = append(list, op.Text)
		}
		switch qu.Kind {
		case surveys.KindSchool:
			list = schools
		case surveys.KindMulti:
			list = nil // several options in one cell (七年级┋八年级): a drop-down would refuse them
		}
		if len(list) == 0 || len(strings.Join(list, ",")) > 255 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, rows+1)
		if err := dv.SetDropList(list); err != nil {
			return nil, fmt.Errorf("question %d: %w", qu.Number, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "不在选项中", "请从下拉列表中选择，或留空表示未答。")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return nil, err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(q.Questions))
	if err := f.SetCellStyle(sheet, "A1", last+"1", head); err != nil {
		return nil, err
	}
	if err := f.SetRowHeight(sheet, 1, 60); err != nil {
		return nil, err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	help := "填写说明"
	if _, err := f.NewSheet(help); err != nil {
		return nil, err
	}
	lines := []string{
		"每份问卷填一行，第一行的题目不要改动。",
		"答案从下拉列表中选择；也可以填选项字母（A、B、C……）或选项序号（1、2、3……）。",
		"没有回答的题留空，统计时计为“未答”。",
		"年级可写 七年级、初一 或 7；班级可写 3、3班 或 （3）班。",
		"录入完成后运行：jianfu check 本文件.xlsx --roster 学校名册.csv",
	}
	for i, l := range lines {
		if err := f.SetCellValue(help, fmt.Sprintf("A%d", i+1), l); err != nil {
			return nil, err
		}
	}
	if err := f.SetColWidth(help, "A", "A", 90); err != nil {
		return nil, err
	}
	return f, nil
}
