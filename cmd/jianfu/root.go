package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"syscall"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/report"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// ExitCode is the process exit status; one place maps errors to it.
type ExitCode int

// Exit codes, as documented in `jianfu help` and the README.
const (
	ExitOK         ExitCode = 0 // success
	ExitNoData     ExitCode = 1 // nothing usable was read
	ExitUsage      ExitCode = 2 // a usage mistake (unknown flag, bad value)
	ExitUnreadable ExitCode = 3 // an input file could not be read at all
)

// IOStreams are the command's standard streams; tests pass buffers.
type IOStreams struct {
	In         io.Reader
	Out        io.Writer
	ErrOut     io.Writer
	IsTerminal bool // stderr is a terminal: progress bars may be shown
}

func defaultIO() *IOStreams {
	fi, err := os.Stderr.Stat()
	term := err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("CI") == ""
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, IsTerminal: term}
}

// usageError is a mistake in how the command was called.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// usageZhEn is a usage error worded in Chinese and, for --lang en, in English.
func usageZhEn(zh, en string) error { return &usageError{&plainError{msg: zh, en: en}} }

// errNoData means no usable answer was read.
var errNoData = errors.New("没有读到可用的问卷数据")

const rootLong = `jianfu（减负监测）把学生和家长的减负问卷（问卷星导出、Excel 表、CSV）变成县域监测报告：
逐校计算达标率及其置信区间，画出中文图表，写出监测结论。

不带文件运行时，各命令使用内置的示例县数据。

退出码：
  0  成功
  1  没有读到可用数据
  2  用法错误（参数或选项有误）
  3  输入文件无法读取（加密、损坏、格式不对）`

// globals are the flags every command has.
type globals struct {
	Debug bool
	Lang  string
}

// Main runs the command line and returns the exit code.
func Main(args []string, ios *IOStreams) ExitCode {
	g := &globals{Lang: "zh"}
	root := newRootCmd(ios, g)
	root.SetArgs(args)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	code := exitCode(err)
	if g.Lang == "en" {
		fmt.Fprintln(ios.ErrOut, "Error: "+english(err))
		if code == ExitUsage {
			fmt.Fprintln(ios.ErrOut, "See jianfu help.")
		}
	} else {
		fmt.Fprintln(ios.ErrOut, "错误："+err.Error())
		if code == ExitUsage {
			fmt.Fprintln(ios.ErrOut, "用法见 jianfu help。")
		}
	}
	if g.Debug {
		fmt.Fprintln(ios.ErrOut, "--debug: error chain:")
		printChain(ios.ErrOut, err, 1)
	}
	return code
}

// printChain writes an error and everything it wraps, one per line, indented by depth.
func printChain(w io.Writer, err error, depth int) {
	if err == nil || depth > 20 {
		return
	}
	fmt.Fprintf(w, "%s%T: %v\n", strings.Repeat("  ", depth), err, err)
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			printChain(w, e, depth+1)
		}
	case interface{ Unwrap() error }:
		printChain(w, u.Unwrap(), depth+1)
	}
}

// englishErrors words the errors a user meets most in English, for --lang en.
var englishErrors = []struct {
	err  error
	text string
}{
	{errNoData, "no usable questionnaire data was read"},
	{ingest.ErrSheetDamaged, "the sheet breaks off at this row, so the rows after it cannot be read (an incomplete download?): download it again, or open it in Excel and save it again"},
	{ingest.ErrSheetChecksum, "the sheet does not match the checksum stored in the file, so it is damaged: download it again, or open it in Excel and save it again"},
	{ingest.ErrXMLDepth, "the workbook's sheet is nested far deeper than any Excel sheet: open it in Excel and save it as .xlsx, or export CSV"},
	{ingest.ErrXMLDoctype, "the workbook holds an XML declaration Excel never writes (DOCTYPE): open it in Excel and save it as .xlsx, or export CSV"},
	{ingest.ErrNotWorkbook, "this is a Word or PowerPoint document (or another zip file), not an Excel workbook"},
	{ingest.ErrNotExcel, "this is a Word, PowerPoint or other Office document, not an Excel workbook"},
	{ingest.ErrXLSOld, "this is an Excel 95 or older workbook: open it in Excel and save it as .xlsx"},
	{ingest.ErrXLSCells, "the old-format .xls has more cells than the limit: save it as .xlsx or CSV in Excel"},
	{ingest.ErrXLSDamaged, "the old-format .xls is incomplete or damaged: download it again, or open it in Excel and save it as .xlsx"},
	{ingest.ErrNotRegular, "not a regular file (a pipe, device or socket), so it was not opened"},
	{ingest.ErrNoInputs, "the folder has no questionnaire files (.xlsx, .xls, .csv, .txt)"},
	{ingest.ErrEncrypted, "the file has a password (it is encrypted): remove the password in Excel and save it as .xlsx or CSV"},
	{ingest.ErrNotText, "not a spreadsheet (binary content): export it as .xlsx or CSV"},
	{ingest.ErrCorruptZip, "the .xlsx file is incomplete or damaged: download it again or re-save it in Excel"},
	{ingest.ErrZipBomb, "the .xlsx unpacks beyond the size limit (a zip bomb?); reading stopped"},
	{ingest.ErrTooLarge, "the file is over the size limit (see --max-file-mb, --max-xlsx-mb)"},
	{ingest.ErrLineTooLong, "a line is longer than the limit: the file is not a questionnaire export, or has no line breaks"},
	{ingest.ErrEmptyFile, "the file is empty"},
	{ingest.ErrUnclosedQuote, "a quote (\") is never closed: from this row on, the rest of the file was read as one cell; fix the quote in Excel and save again"},
	{ingest.ErrHTML, "this is a web page (HTML), not a spreadsheet: open it in Excel and save it as .xlsx"},
	{ingest.ErrNoSheet, "the sheet was not found (see --sheet)"},
	{report.ErrNewerSchema, "this results.json was written by a newer jianfu: update jianfu to compare with it"},
	{report.ErrNotResults, "not a results.json written by jianfu"},
}

// english returns the error in English where it is one of the known ones, naming the file; other
// errors keep their (Chinese) text.
func english(err error) string {
	var pe *plainError
	if errors.As(err, &pe) && pe.en != "" {
		return pe.en
	}
	if he := (*ingest.HeaderError)(nil); errors.As(err, &he) && he.En != "" {
		return he.File + ": " + he.En
	}
	for _, e := range englishErrors {
		if errors.Is(err, e.err) {
			loc := ""
			var se *ingest.SheetError
			if errors.As(err, &se) {
				loc = fmt.Sprintf("sheet %q: ", se.Sheet)
				if se.Row > 0 {
					loc = fmt.Sprintf("sheet %q row %d: ", se.Sheet, se.Row)
				}
			}
			var fe *ingest.FileError
			if errors.As(err, &fe) && fe.File != "" {
				return fe.File + ": " + loc + e.text
			}
			var pe *report.PreviousError
			if errors.As(err, &pe) {
				return "earlier term " + pe.File + ": " + e.text
			}
			return e.text
		}
	}
	return err.Error()
}

func exitCode(err error) ExitCode {
	var ue *usageError
	var fe *ingest.FileError
	var he *ingest.HeaderError
	var re *ingest.RosterError
	switch {
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, &he) && he.Flag != "":
		return ExitUsage // an option that does not fit the file, such as --survey parent on a student export
	case errors.Is(err, errNoData):
		return ExitNoData
	case errors.As(err, &fe), errors.As(err, &he), errors.As(err, &re):
		return ExitUnreadable
	}
	return ExitUsage
}

func newRootCmd(ios *IOStreams, g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "jianfu",
		Short:         "减负监测：问卷数据检查、达标率统计和监测报告",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	setHelp(root, g)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{flagError(err)} })
	root.PersistentFlags().BoolVar(&g.Debug, "debug", false, "出错时显示完整的错误链")
	root.PersistentFlags().StringVar(&g.Lang, "lang", "zh", "语言：zh 或 en（报告和错误信息）")
	root.AddCommand(newReportCmd(ios, g), newInitCmd(ios, g), newRosterCmd(ios, g), newProfileCmd(ios), newCheckCmd(ios, g), newQuestionnaireCmd(ios), newTemplateCmd(ios, g), newDemoCmd(ios, g))
	return root
}

// flagError words pflag's common errors in Chinese, keeping the flag's name.
func flagError(err error) error {
	msg := err.Error()
	for _, p := range []struct{ en, zh string }{
		{"unknown flag: ", "没有这个选项："},
		{"unknown shorthand flag: ", "没有这个简写选项："},
		{"flag needs an argument: ", "选项缺少取值："},
	} {
		if rest, ok := strings.CutPrefix(msg, p.en); ok {
			return errors.New(p.zh + rest)
		}
	}
	if strings.HasPrefix(msg, "invalid argument ") {
		if i := strings.Index(msg, " flag:"); i > 0 {
			return errors.New("选项取值无效：" + strings.TrimPrefix(msg[:i], "invalid argument "))
		}
	}
	return fmt.Errorf("选项有误（%w）", err)
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return &usageError{fmt.Errorf("%s 需要 %d 个参数，收到 %d 个", cmd.Name(), n, len(args))}
		}
		return nil
	}
}

// plainError is a plain sentence for the user that keeps the technical cause for --debug.
type plainError struct {
	msg string // Chinese
	en  string // English, for --lang en; "" to use the wrapped error's English
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }

// Size limits of the files read whole besides the questionnaires.
const (
	maxProfileBytes = 1 << 20  // a profile is a few kilobytes
	maxFontBytes    = 64 << 20 // a CJK collection (.ttc) is up to about 30 MB
)

// checkInputFile refuses, before it is read whole, a file that is not a regular file (a pipe would
// block the read for ever) or is larger than limit. what names it for the user (“监测标准文件”).
func checkInputFile(what, path string, limit int64) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return &ingest.FileError{File: path, Err: fmt.Errorf("%s无法读取：%w", what, ingest.PlainFSError(err))}
	case !fi.Mode().IsRegular():
		return &ingest.FileError{File: path, Err: fmt.Errorf("%s不是普通文件（是文件夹、管道或设备）：%w", what, ingest.ErrNotRegular)}
	case fi.Size() > limit:
		return &ingest.FileError{File: path, Err: fmt.Errorf("%s有 %d MB，超过上限 %d MB，不像%s：%w", what, fi.Size()>>20, limit>>20, what, ingest.ErrTooLarge)}
	}
	return nil
}

var (
	yamlLine  = regexp.MustCompile(`line (\d+)`)
	yamlField = regexp.MustCompile(`field (\S+) not found`)
)

// loadProfile loads --profile: a built-in name or a YAML file, checked for size first; its errors
// are one plain Chinese sentence naming the file and, where YAML gives one, the line.
func loadProfile(nameOrPath string, qs ...*surveys.Questionnaire) (*surveys.Profile, []surveys.Warning, error) {
	if !slices.Contains(surveys.BuiltinProfiles(), nameOrPath) {
		if _, err := os.Stat(nameOrPath); err != nil {
			return nil, nil, &usageError{&plainError{fmt.Sprintf("--profile “%s”既不是内置的监测标准（%s），也不是一个文件", nameOrPath, strings.Join(surveys.BuiltinProfiles(), "、")),
				fmt.Sprintf("--profile %q is neither a built-in profile (%s) nor a file", nameOrPath, strings.Join(surveys.BuiltinProfiles(), ", ")), err}}
		}
		if err := checkInputFile("监测标准文件", nameOrPath, maxProfileBytes); err != nil {
			return nil, nil, err
		}
	}
	p, w, err := surveys.LoadProfile(nameOrPath, qs...)
	if err != nil {
		zh, en := profileMessage(nameOrPath, err)
		return nil, nil, &usageError{&plainError{zh, en, err}}
	}
	return p, w, nil
}

// profileMessage words a profile error in Chinese and English: range errors naming the key, YAML's
// errors with the line, anything else after the file name.
func profileMessage(name string, err error) (zh, en string) {
	var re *surveys.RangeError
	if errors.As(err, &re) {
		return fmt.Sprintf("监测标准 %s 中%s", name, re.Error()), fmt.Sprintf("profile %s: %s", name, re.ErrorEN())
	}
	msg := err.Error()
	line, lineEN := "", ""
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, lineEN = "第"+m[1]+"行", " line "+m[1]
	}
	switch {
	case strings.Contains(msg, "excessive aliasing"):
		return fmt.Sprintf("监测标准文件 %s 中的别名引用（& 和 *）层层展开后过多，像是构造的文件，已拒绝读取：请检查文件内容", name),
			fmt.Sprintf("profile %s: its aliases (& and *) expand far too much, as in a crafted file; it was not read", name)
	case yamlField.MatchString(msg):
		key := yamlField.FindStringSubmatch(msg)[1]
		return fmt.Sprintf("监测标准文件 %s %s有不认识的设置项“%s”：请检查拼写（可参照内置标准 %s 的写法）", name, line, key, surveys.DefaultProfile),
			fmt.Sprintf("profile %s%s: unknown setting %s; check its spelling against the built-in %s", name, lineEN, key, surveys.DefaultProfile)
	case strings.Contains(msg, "yaml:"):
		return fmt.Sprintf("监测标准文件 %s %s不是有效的 YAML：请检查这一行及上一行的缩进、冒号、括号和引号", name, line),
			fmt.Sprintf("profile %s%s is not valid YAML: check the indentation, colons, brackets and quotes of this line and the one before", name, lineEN)
	}
	return fmt.Sprintf("监测标准 %s 有误：%s", name, strings.TrimPrefix(msg, "profile "+name+": ")), "profile " + name + ": " + strings.TrimPrefix(msg, "profile "+name+": ")
}

// writeFailure words an error writing an output (a full disk, no permission, a folder removed
// meanwhile) as one plain sentence; the system's own words stay for --debug.
func writeFailure(path string, err error) error {
	zh, en := "写入失败", "writing failed"
	switch {
	case errors.Is(err, fs.ErrPermission):
		zh, en = "没有写入权限", "no permission to write there"
	case errors.Is(err, syscall.ENOSPC):
		zh, en = "磁盘空间不足", "the disk is full"
	case errors.Is(err, fs.ErrNotExist):
		zh, en = "文件夹不存在，或在写入时被移走了", "the folder does not exist or was moved away while writing"
	case errors.Is(err, syscall.EROFS):
		zh, en = "磁盘是只读的", "the disk is read-only"
	}
	return &plainError{msg: fmt.Sprintf("%s 没有写成：%s；之前的文件没有改动。请换一个位置（-o）或检查磁盘后再试", path, zh),
		en: fmt.Sprintf("%s was not written: %s; earlier files are unchanged. Choose another place (-o) or check the disk, then try again", path, en), err: err}
}
