package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/internal/cellsafe"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// RosterOptions are the options of `jianfu roster`.
type RosterOptions struct {
	IO     *IOStreams
	Input  inputOptions
	From   []string
	Output string
}

func newRosterCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &RosterOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "roster --from 问卷文件或文件夹... -o 名册.csv",
		Short: "从问卷数据生成学校名册草稿（学校、按年级推断的学段、不同写法作为别名），供教研室修改",
		Long: `读取问卷数据，按答卷中的学校名称生成学校名册草稿（CSV，Excel 可直接打开）：
每所学校一行，学段按答卷中出现的年级推断；只差数字写法、全半角、括号或空格的写法已合并，写在“别名”列；
可能是同一所学校的相近名称分成两行，在“备注”列说明，请核对后合并（删去一行，把名称加到另一行的别名）。
学校代码、城乡和各年级人数请教研室补全；之后用 --roster 或 jianfu.yaml 的 roster 使用。`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Input.Paths = append(append([]string(nil), o.From...), args...)
			o.Input.Lang = g.Lang
			return rosterRun(o)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.From, "from", nil, "问卷文件或文件夹（可给多个）")
	f.StringVarP(&o.Output, "output", "o", "学校名册_草稿.csv", "写入的名册文件（.csv）；已存在时不覆盖")
	f.StringVar(&o.Input.Survey, "survey", "auto", "问卷：student、parent 或 auto（按表头识别）")
	f.StringVar(&o.Input.Encoding, "encoding", "", "文本文件编码：utf-8、gb18030、utf-16le（默认自动识别）")
	f.StringVar(&o.Input.Sheet, "sheet", "", "xlsx 工作表名称（默认第一个）")
	f.StringArrayVar(&o.Input.Schools, "school", nil, "没有学校列的文件所属学校：--school 文件名=学校名称（可给多次）")
	return cmd
}

// draftSchool is one row of a draft roster.
type draftSchool struct {
	name    string
	grades  [10]int // respondents per grade
	aliases []string
	note    string
}

func rosterRun(o *RosterOptions) error {
	if len(o.Input.Paths) == 0 {
		return usageZhEn("请用 --from 指定问卷文件或文件夹", "name the questionnaire files or folders with --from")
	}
	if !strings.HasSuffix(strings.ToLower(o.Output), ".csv") {
		return usageZhEn(fmt.Sprintf("-o 应是 .csv 文件，不是 %q", o.Output), fmt.Sprintf("-o should be a .csv file, not %q", o.Output))
	}
	o.Input.KeepFast = true // every school seen belongs in the roster
	res, err := o.Input.load(o.IO.ErrOut, nil)
	if err != nil {
		return err
	}
	if _, used, _ := res.Totals(""); used == 0 {
		return noDataError(res)
	}
	rows := draftRoster(res)
	data, err := draftCSV(rows)
	if err != nil {
		return err
	}
	if err := writeNewFile(o.Output, data); err != nil {
		return err
	}
	fmt.Fprintln(o.IO.Out, o.Output)
	fmt.Fprintln(o.IO.ErrOut, o.Input.t(fmt.Sprintf("名册草稿共%d所学校；请补全学校代码、城乡和各年级人数，核对“备注”列后使用（--roster %s）。", len(rows), o.Output),
		fmt.Sprintf("The draft roster has %d schools: fill in the school codes, 城乡 and the enrolment by grade, check the 备注 column, then use it (--roster %s).", len(rows), o.Output)))
	return nil
}

// draftRoster makes the roster rows from what was read: each school with the grades its answers
// came from, its merged spellings as aliases, and a note where another school's name is alike.
func draftRoster(res *ingest.Result) []draftSchool {
	rows := make([]draftSchool, len(res.Schools))
	index := map[string]int{}
	for i, s := range res.Schools {
		rows[i].name = s.Name
		index[s.Name] = i
	}
	for _, d := range res.Datasets {
		for i := 0; i < d.Len(); i++ {
			rows[d.School[i]].grades[d.Grade[i]]++
		}
	}
	for _, sp := range res.Spellings {
		if i, ok := index[sp.School]; ok {
			rows[i].aliases = append(rows[i].aliases, sp.Variants...)
		}
	}
	for _, p := range res.Similar {
		for _, pair := range [][2]string{{p.A, p.B}, {p.B, p.A}} {
			if i, ok := index[pair[0]]; ok {
				if rows[i].note != "" {
					rows[i].note += "；"
				}
				rows[i].note += "可能与“" + pair[1] + "”是同一所学校"
			}
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].name < rows[b].name })
	return rows
}

// stageOf infers 学段 from the grades answers came from.
func stageOf(grades [10]int) string {
	primary, junior := false, false
	for g := 1; g <= 9; g++ {
		if grades[g] > 0 {
			primary = primary || g <= 6
			junior = junior || g >= 7
		}
	}
	switch {
	case primary && junior:
		return string(surveys.StageNine)
	case junior:
		return string(surveys.StageJunior)
	}
	return string(surveys.StagePrimary)
}

// draftCSV writes the roster as UTF-8 CSV with a byte-order mark, so that Excel opens it in Chinese.
func draftCSV(rows []draftSchool) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	header := []string{"学校代码", "学校名称", "学段", "城乡", "别名"}
	for g := 1; g <= 9; g++ {
		header = append(header, gradeCountHeader(g))
	}
	header = append(header, "答卷中出现的年级", "备注")
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, r := range rows {
		var seen []string
		for g := 1; g <= 9; g++ {
			if r.grades[g] > 0 {
				seen = append(seen, fmt.Sprintf("%d年级%d份", g, r.grades[g]))
			}
		}
		rec := []string{"", cellsafe.Text(r.name), stageOf(r.grades), "", cellsafe.Text(strings.Join(r.aliases, "、"))}
		for g := 1; g <= 9; g++ {
			rec = append(rec, "")
		}
		rec = append(rec, strings.Join(seen, "，"), cellsafe.Text(r.note))
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// gradeCountHeader is the roster's enrolment column of grade g (一年级人数 …).
func gradeCountHeader(g int) string {
	return []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}[g] + "年级人数"
}
