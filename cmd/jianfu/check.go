package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// CheckOptions are the options of `jianfu check`.
type CheckOptions struct {
	IO      *IOStreams
	Input   inputOptions
	Out     string
	JSON    bool
	Rules   bool
	Profile string
}

func addInputFlags(cmd *cobra.Command, o *inputOptions) {
	f := cmd.Flags()
	f.StringVar(&o.Roster, "roster", "", "学校名册（CSV 或 XLSX：学校代码、学校名称、学段、城乡、别名、各年级人数）")
	f.StringVar(&o.Survey, "survey", "auto", "问卷：student、parent、teacher 或 auto（按表头识别）")
	f.StringVar(&o.Encoding, "encoding", "", "文本文件编码：utf-8、gb18030、utf-16le（默认自动识别）")
	f.StringVar(&o.Sheet, "sheet", "", "xlsx 工作表名称（默认第一个）")
	f.StringArrayVar(&o.Schools, "school", nil, "没有学校列的文件所属学校：--school 学校名称（只有一个这样的文件时），或 --school 文件名=学校名称（可给多次）；不给时按文件名（如 石桥中学.xlsx）")
	f.Int64Var(&o.MaxFileMB, "max-file-mb", 2048, "单个文本文件的大小上限（MB）")
	f.Int64Var(&o.MaxXLSXMB, "max-xlsx-mb", 256, "单个 xlsx 文件的大小上限（MB）")
	f.IntVar(&o.MaxColumns, "max-columns", 1000, "表头列数上限")
	f.BoolVar(&o.KeepFast, "keep-fast", false, "保留答题用时过短的答卷（默认剔除）")
}

func newCheckCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &CheckOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "check [文件或文件夹...]",
		Short: "检查问卷数据：逐个文件统计读取、使用、剔除的行和原因",
		Long: `检查问卷数据的质量：每个文件读取了多少行、使用多少行、剔除多少行及原因，
未知选项、名册中找不到的学校、按变体写法识别的单元格。被剔除的行写入 rejects.csv，可用 Excel 打开。
不指定文件时检查内置的示例县数据。`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Input.Paths = args
			o.Input.Lang = g.Lang
			return checkRun(o)
		},
	}
	addInputFlags(cmd, &o.Input)
	cmd.Flags().StringVarP(&o.Out, "output", "o", ".", "rejects.csv 写入的文件夹")
	cmd.Flags().SetNormalizeFunc(outputAlias)
	cmd.Flags().BoolVar(&o.JSON, "json", false, "以 JSON 输出检查结果（供脚本使用）")
	cmd.Flags().BoolVar(&o.Rules, "rules", false, "列出数据质量规则及其阈值（阈值来自监测标准）")
	cmd.Flags().StringVar(&o.Profile, "profile", surveys.DefaultProfile, "监测标准（其中的数据质量阈值用于检查）")
	return cmd
}

// checkSummary is the JSON form of a check.
type checkSummary struct {
	Files       []ingest.FileReport      `json:"files"`
	Unknown     []ingest.UnknownOption   `json:"unknown_options"`
	Unmatched   []ingest.UnmatchedSchool `json:"unmatched_schools"`
	Variants    []ingest.Variant         `json:"variants"`
	Quality     []ingest.QualityFinding  `json:"quality"`
	RosterGiven bool                     `json:"roster_given"`
	Read        int                      `json:"read"`
	Used        int                      `json:"used"`
	Rejected    int                      `json:"rejected"`
	RejectsFile string                   `json:"rejects_file,omitempty"`
	Skipped     []ingest.Skipped         `json:"skipped"`
	Timetables  *timetableCheck          `json:"timetables,omitempty"` // timetable files found among the inputs
}

// timetableCheck accounts for the timetable files among the inputs.
type timetableCheck struct {
	Files      []ingest.TimetableFile  `json:"files"`
	Timetables int                     `json:"timetables"` // class grids and summary grades read
	Unknown    []ingest.UnknownSubject `json:"unknown_subjects"`
	Unmatched  []string                `json:"unmatched_schools"`
}

func checkRun(o *CheckOptions) error {
	if o.Profile == "" {
		o.Profile = surveys.DefaultProfile
	}
	profile, _, err := loadProfile(o.Profile, surveys.Builtins()...)
	if err != nil {
		return err
	}
	o.Input.Quality = profile.Quality
	o.Input.Bands = profile.Bands
	o.Input.CoursePlan = profile.CoursePlan
	if o.Rules {
		printRules(o.IO.Out, ingest.Rules(profile.Quality, o.Input.KeepFast), profile.Name, o.Input.Lang == "en")
		return nil
	}
	var progress ingest.Counter
	done := func() {}
	if !o.JSON {
		progress, done = progressBar(o.IO, o.Input.Paths)
	}
	res, err := o.Input.load(o.IO.ErrOut, progress)
	done()
	if err != nil {
		return err
	}
	read, used, rejected := res.Totals("")
	sum := checkSummary{Files: res.Files, Unknown: res.Unknown, Unmatched: res.Unmatched, Variants: res.Variants, Quality: res.Quality,
		RosterGiven: res.RosterGiven, Read: read, Used: used, Rejected: rejected}
	if sum.Unknown == nil {
		sum.Unknown = []ingest.UnknownOption{}
	}
	if sum.Unmatched == nil {
		sum.Unmatched = []ingest.UnmatchedSchool{}
	}
	if sum.Variants == nil {
		sum.Variants = []ingest.Variant{}
	}
	if sum.Quality == nil {
		sum.Quality = []ingest.QualityFinding{}
	}
	sum.Skipped = res.Skipped
	if sum.Skipped == nil {
		sum.Skipped = []ingest.Skipped{}
	}
	if tt := res.Timetables; tt != nil {
		sum.Timetables = &timetableCheck{Files: tt.Files, Timetables: len(tt.Timetables), Unknown: tt.Unknown, Unmatched: tt.Unmatched}
		if sum.Timetables.Unknown == nil {
			sum.Timetables.Unknown = []ingest.UnknownSubject{}
		}
		if sum.Timetables.Unmatched == nil {
			sum.Timetables.Unmatched = []string{}
		}
	}
	// Always written, header only when nothing was rejected, so an old rejects.csv never looks current.
	path := filepath.Join(o.Out, "rejects.csv")
	if err := rejectsWritable(path); err != nil {
		return err
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return ingest.WriteRejectsCSV(w, res.Rejects) }); err != nil {
		return writeFailure(path, err)
	}
	sum.RejectsFile = path
	if o.JSON {
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		printCheck(o.IO.Out, res, sum, o.Input.Lang == "en")
	}
	if used == 0 {
		return noDataError(res)
	}
	return nil
}

// printRules writes check --rules: each data-quality rule, whether it rejects or only reports, what
// it means and its threshold, in Chinese or (en) English.
func printRules(w io.Writer, rules []ingest.Rule, profile string, en bool) {
	if en {
		fmt.Fprintf(w, "Data-quality rules (thresholds from the profile %s):\n", profile)
	} else {
		fmt.Fprintf(w, "数据质量规则（阈值来自监测标准 %s）：\n", profile)
	}
	for _, r := range rules {
		act, text, threshold := "报告", r.Text, r.Threshold
		if r.Rejects {
			act = "剔除"
		}
		if en {
			act, text, threshold = "report", r.En, r.ThresholdEn
			if r.Rejects {
				act = "reject"
			}
		}
		line := fmt.Sprintf("  %-20s %s  %s", r.Code, act, text)
		if en {
			line = fmt.Sprintf("  %-20s %-6s  %s", r.Code, act, text)
		}
		if en && threshold != "" {
			line += "; threshold: " + threshold
		} else if threshold != "" {
			line += "；阈值：" + threshold
		}
		fmt.Fprintln(w, line)
	}
}

// noDataError names the files that gave no usable row.
func noDataError(res *ingest.Result) error {
	var names []string
	for _, f := range res.Files {
		names = append(names, fmt.Sprintf("%s（读取%d行，剔除%d行）", f.Path, f.Read, f.Rejected))
	}
	if len(names) == 0 {
		return errNoData
	}
	return fmt.Errorf("%w：%s；请检查文件是否只有表头，或查看 rejects.csv 中的剔除原因", errNoData, strings.Join(names, "、"))
}

var questionnaireTitle = map[string]string{"student": "学生问卷", "parent": "家长问卷", "teacher": "教师问卷"}

// printCheck writes check's per-file accounting, in Chinese or (en) in English; data values (school
// names, answers, file names) stay as written and, in English, stand in “quotes”.
func printCheck(w io.Writer, res *ingest.Result, sum checkSummary, en bool) {
	if en {
		w = singularWriter{w}
	}
	t := func(zh, english string) string {
		if en {
			return english
		}
		return zh
	}
	title := questionnaireTitle
	lang := "zh"
	if en {
		title, lang = questionnaireTitleEn, "en"
	}
	for _, f := range res.Files {
		if en {
			fmt.Fprintf(w, "%s\n  %s\n", f.Path, title[f.Questionnaire])
		} else {
			fmt.Fprintf(w, "%s\n  %s，%s\n", f.Path, title[f.Questionnaire], f.Format)
		}
		fmt.Fprintf(w, t("  读取 %d 行：使用 %d 行，剔除 %d 行\n", "  read %d rows: used %d, rejected %d\n"), f.Read, f.Used, f.Rejected)
		reasons := make([]string, 0, len(f.RejectedByReason))
		for r := range f.RejectedByReason {
			reasons = append(reasons, string(r))
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			fmt.Fprintf(w, t("    %-28s %d 行\n", "    %-28s %d rows\n"), t(ingest.Reason(r).Text(), codeWords(r)), f.RejectedByReason[ingest.Reason(r)])
		}
		fmt.Fprintf(w, t("  已用行中：未答 %d 格，无效 %d 格，不适用 %d 格；按变体写法识别 %d 格\n",
			"  in the rows used: %d cells unanswered, %d invalid, %d not applicable; %d cells read from a variant spelling\n"),
			f.CellsMissing, f.CellsInvalid, f.CellsSkipped, f.CellsMapped)
		if len(f.MissingQuestions) > 0 {
			fmt.Fprintf(w, t("  文件中没有这些题：%s（按未答计）\n", "  questions not in the file (counted as unanswered): %s\n"), joinInts(f.MissingQuestions))
		}
		if len(f.UnknownHeaders) > 0 {
			fmt.Fprintf(w, t("  未识别的列（已忽略）：%s\n", "  columns not recognised (ignored): %s\n"), t(strings.Join(f.UnknownHeaders, "；"), quoteAll(f.UnknownHeaders)))
		}
		if len(f.ApproxMatches) > 0 {
			fmt.Fprintln(w, t("  按相似文字匹配的表头（请核对是否同一题）：", "  headers matched by similar wording (please check they are the same question):"))
			writeApprox(w, "    ", f.ApproxMatches, "→", lang)
		}
		if len(f.NearMisses) > 0 {
			fmt.Fprintln(w, t("  这些表头像文件缺少的题，但问的不是同一件事，没有当作该题（如确是同一题，请把表头改成问卷原题）：",
				"  headers that look like missing questions but ask something else, not used as them (if they are the same, write the questionnaire's own wording):"))
			writeApprox(w, "    ", f.NearMisses, "≈", lang)
		}
		if f.TimesUnreadable > 0 {
			fmt.Fprintf(w, t("  提交答卷时间无法识别 %d 行：这些行没有做重复检查\n", "  submission time unreadable in %d rows: these rows were not checked for duplicates\n"), f.TimesUnreadable)
		}
		if f.DurationsUnreadable > 0 {
			fmt.Fprintf(w, t("  所用时间无法识别 %d 行：这些行没有做用时过短检查\n", "  time taken unreadable in %d rows: these rows were not checked for too-fast answers\n"), f.DurationsUnreadable)
		}
		if f.FillIns > 0 {
			fmt.Fprintf(w, t("  选项后附带的填写内容 %d 条，留作开放题附录（不与姓名一起显示）\n", "  %d fill-in texts attached to options, kept for the open-answers appendix (never shown with a name)\n"), f.FillIns)
		}
	}
	// In English the skipped files are already on the error stream, in English (inputs.go).
	if len(res.Skipped) > 0 && !en {
		fmt.Fprintln(w, "\n未读取的文件：")
		for _, s := range res.Skipped {
			fmt.Fprintf(w, "  %s：%s\n", s.Path, s.Reason)
		}
	}
	if !res.RosterGiven {
		fmt.Fprintln(w, t("\n未提供学校名册（--roster）：各校按答卷中出现的名称统计，无法核对校名、学段和应答率。",
			"\nNo school roster (--roster): schools are counted by the names in the answers; names, stages and response rates cannot be checked."))
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintln(w, t("\n无效回答（与任何选项都不符，只计该格为无效，该行其他回答照常使用）：",
			"\nInvalid answers (matching no option; only that cell counts as invalid, the row's other answers are used):"))
		for _, u := range res.Unknown {
			fmt.Fprintf(w, t("  %s 第%d题 “%s” %d 次\n", "  %s Q%d “%s” %d times\n"), title[u.Questionnaire], u.Question, u.Text, u.Count)
		}
	}
	if len(res.Unmatched) > 0 {
		fmt.Fprintln(w, t("\n名册中找不到的学校（这些行已剔除）：", "\nSchools not in the roster (these rows were rejected):"))
		for _, u := range res.Unmatched {
			hint := ""
			if u.Closest != "" {
				hint = t("；最接近："+u.Closest+"，如是同一所学校，请加入名册的“别名”列",
					"; closest: “"+u.Closest+"”; if it is the same school, add the spelling to the roster's aliases column")
			}
			fmt.Fprintf(w, t("  “%s” %d 行%s\n", "  “%s” %d rows%s\n"), u.Name, u.Count, hint)
		}
	}
	if len(res.Quality) > 0 {
		fmt.Fprintln(w, t("\n数据质量检查：", "\nData-quality checks:"))
		for _, q := range res.Quality {
			act := t("已剔除", "rejected")
			if !q.Rejected {
				act = t("只报告", "reported only")
			}
			if en {
				fmt.Fprintf(w, "  %s, %s: %d rows (%s)\n", title[q.Questionnaire], codeWords(q.Rule), q.Count, act)
			} else {
				fmt.Fprintf(w, "  %s %s：%d 行（%s）%s\n", title[q.Questionnaire], qualityName(q.Rule), q.Count, act, bySchool(q.BySchool))
			}
			for i, p := range q.Possible {
				if i == 20 {
					fmt.Fprintf(w, t("    ……另有 %d 行\n", "    … and %d more rows\n"), len(q.Possible)-i)
					break
				}
				fmt.Fprintf(w, t("    %s 第%d行与第%d行：同校同学段学生偶然如此相同的期望次数 %.2g（≥ %g，两份都保留）\n",
					"    %s row %d and row %d: expected chance matches among students of the school and band %.2g (≥ %g, both kept)\n"),
					filepath.Base(p.File), p.Row, p.EarlierRow, p.Expected, ingest.ChanceMatchLimit)
			}
		}
	}
	if len(res.Variants) > 0 {
		fmt.Fprintln(w, t("\n按变体写法识别的单元格：", "\nCells read from a variant spelling:"))
		for i, v := range res.Variants {
			if i == 20 {
				fmt.Fprintf(w, t("  ……另有 %d 种写法\n", "  … and %d more spellings\n"), len(res.Variants)-i)
				break
			}
			fmt.Fprintf(w, t("  %s 第%d题 “%s” → %s：%d 格\n", "  %s Q%d “%s” → “%s”: %d cells\n"), title[v.Questionnaire], v.Question, v.From, v.To, v.Count)
		}
	}
	if tt := sum.Timetables; tt != nil {
		printTimetableCheck(w, tt, t)
	}
	fmt.Fprintf(w, t("\n合计：读取 %d 行 = 使用 %d 行 + 剔除 %d 行\n", "\nIn all: read %d rows = used %d + rejected %d\n"), sum.Read, sum.Used, sum.Rejected)
	if sum.Rejected > 0 {
		fmt.Fprintf(w, t("被剔除的行及原因已写入 %s\n", "The rejected rows and their reasons are in %s\n"), sum.RejectsFile)
	} else {
		fmt.Fprintf(w, t("没有剔除的行（%s 只有表头）\n", "No row was rejected (%s holds only its header)\n"), sum.RejectsFile)
	}
}

// writeApprox lists headers beside the question each was taken for (arrow →) or only resembles (≈),
// one a line.
func writeApprox(w io.Writer, indent string, ms []ingest.ApproxMatch, arrow, lang string) {
	for _, a := range ms {
		if lang == "en" {
			fmt.Fprintf(w, "%s“%s” %s Q%d “%s”\n", indent, strings.TrimSpace(a.Header), arrow, a.Question, a.Text)
			continue
		}
		fmt.Fprintf(w, "%s“%s” %s 第%d题“%s”\n", indent, strings.TrimSpace(a.Header), arrow, a.Question, a.Text)
	}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, "、")
}

// rejectsWritable refuses to write rejects.csv over a file jianfu did not write: an existing file
// there must start with jianfu's rejects header.
func rejectsWritable(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && fi.Mode().IsRegular() {
		f, err := os.Open(path)
		if err == nil {
			head := make([]byte, 256)
			n, _ := io.ReadFull(f, head)
			f.Close()
			first, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\ufeff"), "\r")
			if first == strings.Join(ingest.RejectsHeader, ",") {
				return nil
			}
		}
	}
	return &usageError{&plainError{msg: fmt.Sprintf("%s 已存在，但不是 jianfu 写的剔除记录；为免覆盖它，请用 -o 指定另一个文件夹", path),
		en: fmt.Sprintf("%s exists and is not a rejects file jianfu wrote; so as not to overwrite it, give another folder with -o", path)}}
}

// writeFileAtomic writes a file through a temporary file in the same folder, so a failed write never
// leaves half a file over a good one.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jianfu-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

var qualityNames = map[string]string{
	string(ingest.ReasonDuplicate): "重复提交",
	string(ingest.ReasonTooFast):   "答题用时过短",
	ingest.RuleStraightLining:      "所有题选同一位置",
	ingest.RuleContradiction:       "前后矛盾（晚睡早起却睡足10小时）",
	ingest.RuleTimeUnreadable:      "提交答卷时间无法识别（未做重复检查）",
	ingest.RuleDurationUnreadable:  "所用时间无法识别（未做用时过短检查）",
	ingest.RulePossibleDuplicate:   "可能重复（同一IP、答案完全相同）",
}

// qualityNamesEn are qualityNames in English.
var qualityNamesEn = map[string]string{
	string(ingest.ReasonDuplicate): "duplicate submission",
	string(ingest.ReasonTooFast):   "answered too fast",
	ingest.RuleStraightLining:      "same position in every question",
	ingest.RuleContradiction:       "contradiction (late to bed, early up, yet 10 hours of sleep)",
	ingest.RuleTimeUnreadable:      "submission time unreadable (not checked for duplicates)",
	ingest.RuleDurationUnreadable:  "time taken unreadable (not checked for answering too fast)",
	ingest.RulePossibleDuplicate:   "possible duplicate (same IP, identical answers)",
}

func qualityName(rule string) string {
	if n, ok := qualityNames[rule]; ok {
		return n
	}
	return rule
}

// qualityNameEn names a data-quality rule in English: its words, else its code in words.
func qualityNameEn(rule string) string {
	if n, ok := qualityNamesEn[rule]; ok {
		return n
	}
	return codeWords(rule)
}

// bySchool lists schools with their counts, most first: "：甲校 3，乙校 1".
func bySchool(m map[string]int) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] > m[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %d", n, m[n])
	}
	return "：" + strings.Join(parts, "，")
}

// printTimetableCheck lists the timetable files: what each gave and what was not used, and why.
func printTimetableCheck(w io.Writer, tt *timetableCheck, t func(zh, en string) string) {
	fmt.Fprintf(w, t("\n课表（共 %d 份，按内容识别）：\n", "\nTimetables (%d, recognised by their content):\n"), tt.Timetables)
	for _, f := range tt.Files {
		var parts []string
		if f.Grids > 0 || f.Rows == 0 {
			parts = append(parts, fmt.Sprintf(t("班级课表 %d 张", "%d class grids"), f.Grids))
		}
		if f.Rows > 0 {
			parts = append(parts, fmt.Sprintf(t("汇总表 %d 行", "%d summary rows"), f.Rows))
		}
		fmt.Fprintf(w, t("  %s：%s\n", "  %s: %s\n"), f.Path, strings.Join(parts, t("，", ", ")))
		for _, s := range f.Skipped {
			fmt.Fprintf(w, t("    未使用：%s %s\n", "    not used: “%s” (%s)\n"), s.Where, s.Reason)
		}
	}
	if len(tt.Unknown) > 0 {
		var names []string
		for _, u := range tt.Unknown {
			names = append(names, fmt.Sprintf(t("“%s” %s 节", "“%s” %s periods"), u.Name, strconv.FormatFloat(u.Periods, 'f', -1, 64)))
		}
		fmt.Fprintf(w, t("  不在课程方案中的课程名称（计入周课时总量）：%s\n", "  lessons not in the course plan (counted in the weekly total): %s\n"), strings.Join(names, t("；", "; ")))
	}
	if len(tt.Unmatched) > 0 {
		fmt.Fprintf(w, t("  名册中找不到的学校（仍按所写名称检查）：%s\n", "  schools not in the roster (checked under the name written): %s\n"), t(strings.Join(tt.Unmatched, "、"), quoteAll(tt.Unmatched)))
	}
}
