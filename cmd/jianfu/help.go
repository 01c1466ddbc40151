package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help texts are written in Chinese where commands and flags are defined; helpEN gives each in
// English for --lang en. Keys: a command path without "jianfu " ("report", "profile show") for its
// short text, "PATH.long" for its long text, "PATH.FLAG" for a flag of that command, or ".FLAG" for
// a flag whose meaning is the same in every command. TestHelpEnglish checks every text has one.
var helpEN = map[string]string{
	"":                     "burden (减负) monitoring: check questionnaire data, compute compliance, write the county report",
	".long":                "jianfu turns the student and parent burden questionnaires (问卷星 exports, Excel sheets, CSV) into the county monitoring report: compliance per school with intervals, charts with Chinese labels, findings.\n\nWith no files, commands use the built-in demo county.\n\nExit codes:\n  0  success\n  1  no usable data was read\n  2  usage mistake (flag or value)\n  3  an input file could not be read (encrypted, damaged, not a table)",
	".debug":               "on an error, show the whole error chain",
	".lang":                "language: zh or en (report, messages and help)",
	".help":                "help for the command",
	".version":             "the program's version",
	".encoding":            "encoding of text files: utf-8, gb18030, utf-16le (default: detected)",
	".sheet":               "xlsx worksheet (default: the first)",
	".survey":              "questionnaire: student, parent or auto (from the headers)",
	".roster":              "school roster (CSV or XLSX: 学校代码, 学校名称, 学段, 城乡, 别名, enrolment per grade)",
	".school":              "school of files without a school column: --school NAME (one such file), or --school FILE=NAME (repeatable); otherwise the file's name (石桥中学.xlsx)",
	".keep-fast":           "keep answers given implausibly fast (default: rejected)",
	".max-columns":         "most header columns",
	".max-file-mb":         "largest text file (MB)",
	".max-xlsx-mb":         "largest xlsx file (MB)",
	".profile":             "standard profile: a built-in name or a YAML file",
	".output":              "where to write (-o means this in every command)",
	"check":                "check questionnaire data: rows read, used and rejected per file, with reasons",
	"check.long":           "Checks data quality: per file, rows read, used and rejected with reasons; unknown options, school names not in the roster, cells mapped from variant spellings. Rejected rows go to rejects.csv (Excel opens it). With no files, checks the demo county.",
	"check.json":           "print the result as JSON (for scripts)",
	"check.output":         "folder to write rejects.csv to",
	"check.profile":        "standard profile (its data-quality thresholds are used)",
	"check.rules":          "list the data-quality rules with their thresholds (from the profile)",
	"demo":                 "write the demo county's input files (问卷星 exports and the roster)",
	"demo.output":          "folder to write to (required)",
	"init":                 "write a term project file jianfu.yaml in a folder (then run jianfu report there)",
	"init.long":            "Writes a commented jianfu.yaml in the folder (default: the current one): county, office, term, profile, roster, questionnaire exports, earlier terms and report folder. What can be told from the folder is filled in (the roster, the exports, the term from the submission dates, earlier results.json in sibling folders); check it. An existing jianfu.yaml is never overwritten.",
	"profile":              "show the built-in standard profiles, to start a local one",
	"profile list":         "list the built-in standard profiles",
	"profile show":         "print a built-in profile as YAML (with its comments), to save and edit as a local profile",
	"profile show.long":    "Prints a built-in profile as YAML. A local profile needs only what differs:\n  jianfu profile show national-2021 -o local.yaml\nthen write inherit: national-2021 at its top, delete what you keep, and use it with --profile local.yaml (or under profile in jianfu.yaml).",
	"profile show.output":  "file to write (default: the screen)",
	"questionnaire":        "print a built-in questionnaire (text, or 问卷星's import form)",
	"questionnaire.long":   "Prints a built-in questionnaire. --format wjx prints 问卷星's text-import form: create a survey in 问卷星, choose text import and paste it to get exactly these questions and options, whose exports jianfu reads as they are. With --roster, the school question lists the roster's schools.",
	"questionnaire.format": "output format: text or wjx (问卷星 text import)",
	"questionnaire.output": "file to write (default: the screen)",
	"questionnaire.roster": "school roster: the school question becomes a choice of its schools (switch it to a drop-down in 问卷星), so names cannot vary",
	"report":               "make the monitoring report: report.html, tables.xlsx, results.json and charts",
	"report.long":          "Reads the student and parent questionnaires, computes compliance per school against the standard with 95% intervals, draws the charts and writes the report (report.html, offline and printable to A4), the tables (tables.xlsx), the results (results.json) and the charts (charts/*.png). In a folder with jianfu.yaml (or with -c FILE) it needs no argument; flags override the file. With no files and no project, it uses the demo county.",
	"report.config":        "project file (default: jianfu.yaml in the current folder; see jianfu init)",
	"report.county":        "county name, e.g. 清溪县, in the title",
	"report.date":          "report date, e.g. 2026-07-10; none by default (never today's date)",
	"report.design":        "how intervals are computed: cluster (classes as clusters, Korn–Graubard; the default) or srs (answers independent, Wilson)",
	"report.weight":        "weighting: enrolment (post-stratified to the roster's enrolment by school and grade); unweighted by default",
	"report.fpc":           "finite population correction from the roster's enrolment",
	"report.reliability":   "presentation standard: nchs (NCHS standards for proportions, Parker et al. 2017); by default only the minimum n suppresses",
	"report.per-school":    "also write a feedback sheet per school: schools/CODE_NAME.docx and .html (that school's results only)",
	"report.font":          "chart font file (.ttf/.otf/.ttc); default: the embedded Noto Sans CJK subset",
	"report.office":        "the reporting office, e.g. 清溪县教育局教研室, under the title",
	"report.output":        "report folder",
	"report.previous":      "an earlier term's results.json to compare with (repeatable, one per term)",
	"report.svg":           "also write every chart as SVG (text stays text; needs a Chinese font to view)",
	"report.term":          "term, e.g. 2026年春季学期 (default: from the submission dates)",
	"report.timetables":    "timetables: a file or folder (class timetables or a summary of school, grade, subject, weekly lessons); timetables among the inputs are found too",
	"report.title":         "report title (default: county + term + 义务教育学校学生课业负担监测报告)",
	"roster":               "draft a school roster from questionnaire data (schools, stage from the grades seen, variant spellings as aliases) for the office to correct",
	"roster.long":          "Reads questionnaire data and drafts a roster (CSV, opens in Excel) from the school names in the answers: one row per school, 学段 from the grades seen; spellings differing only in digits, width, brackets or spaces are merged and listed under 别名; names that may be one school stay two rows with a note under 备注 to check. Fill in 学校代码, 城乡 and enrolment, then use it with --roster or under roster in jianfu.yaml.",
	"roster.from":          "questionnaire files or folders (several allowed)",
	"roster.output":        "roster file to write (.csv); an existing file is never overwritten",
	"template":             "a blank Excel sheet for typing in paper questionnaires (drop-down lists on every answer column)",
	"template.output":      "the .xlsx file to write (required)",
	"template.roster":      "school roster: the school column gets a drop-down of its schools",
	"template.rows":        "rows with drop-down lists",
	"help":                 "help about any command",
}

// englishHelp returns the English text of a command's short text (flag ""), long text (flag
// ".long") or flag, and false when there is none.
func englishHelp(cmd *cobra.Command, flag string) (string, bool) {
	path := strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()), " ")
	switch flag {
	case "":
		t, ok := helpEN[path]
		return t, ok
	case ".long":
		t, ok := helpEN[path+".long"]
		return t, ok
	}
	if t, ok := helpEN[path+"."+flag]; ok {
		return t, true
	}
	t, ok := helpEN["."+flag]
	return t, ok
}

// useEnglishHelp rewrites the help texts of cmd, its subcommands and their flags into English.
func useEnglishHelp(cmd *cobra.Command) {
	if t, ok := englishHelp(cmd, ""); ok {
		cmd.Short = t
	}
	cmd.Use = useEN.Replace(cmd.Use)
	if t, ok := englishHelp(cmd, ".long"); ok {
		cmd.Long = t
	} else if cmd.Long != "" {
		cmd.Long = cmd.Short
	}
	translate := func(f *pflag.Flag) {
		if t, ok := englishHelp(cmd, f.Name); ok {
			f.Usage = t
		}
	}
	cmd.LocalFlags().VisitAll(translate)
	cmd.InheritedFlags().VisitAll(translate)
	for _, c := range cmd.Commands() {
		useEnglishHelp(c)
	}
}

// usageTemplateZH is cobra's usage template with its headings in Chinese.
const usageTemplateZH = `用法：{{if .Runnable}}
  {{.UseLine | zh}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableInheritedFlags}}

通用选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | zh}}{{end}}{{if .HasAvailableSubCommands}}

用 "{{.CommandPath}} [命令] --help" 查看各命令的说明。{{end}}
`

var defaultRE = regexp.MustCompile(`(?m) \(default (.*)\)$`)

// zhUsage words pflag's and cobra's English fragments in Chinese: "(default x)" and "[flags]".
func zhUsage(s string) string {
	s = defaultRE.ReplaceAllString(s, "（默认 $1）")
	return strings.ReplaceAll(s, "[flags]", "[选项]")
}

// useEN words the Chinese placeholders of a command's use line in English.
var useEN = strings.NewReplacer("问卷文件或文件夹...", "FILES...", "文件或文件夹...", "FILE|DIR...", "[文件夹]", "[DIR]",
	"文件夹", "DIR", "名册.csv", "ROSTER.csv", "文件.xlsx", "FILE.xlsx", "名称", "NAME", "[命令]", "[command]")

// setHelp makes help Chinese (headings included) and, with --lang en, English.
func setHelp(root *cobra.Command, g *globals) {
	cobra.AddTemplateFunc("zh", zhUsage)
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetUsageTemplate(usageTemplateZH)
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	root.Flags().Lookup("help").Usage = "显示帮助"
	root.Flags().Lookup("version").Usage = "显示版本"
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "显示命令的说明",
		Run: func(c *cobra.Command, args []string) {
			target, _, err := c.Root().Find(args)
			if err != nil || target == nil {
				target = c.Root()
			}
			target.Help()
		},
	})
	defaultHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if g.Lang == "en" {
			root.SetUsageTemplate(cobraUsageEN)
			useEnglishHelp(root)
		}
		if f := c.Flags().Lookup("help"); f != nil && g.Lang != "en" {
			f.Usage = "显示帮助"
		}
		defaultHelp(c, args)
	})
}

// cobraUsageEN is cobra's own (English) usage template, kept for --lang en.
var cobraUsageEN = (&cobra.Command{}).UsageTemplate()
