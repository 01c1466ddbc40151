package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/report"
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
	{ingest.ErrEncrypted, "the file is encrypted or an old .xls: remove the password in Excel and save it as .xlsx or CSV"},
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
	if he := (*ingest.HeaderError)(nil); errors.As(err, &he) && he.En != "" {
		return he.File + ": " + he.En
	}
	for _, e := range englishErrors {
		if errors.Is(err, e.err) {
			var fe *ingest.FileError
			if errors.As(err, &fe) && fe.File != "" {
				return fe.File + ": " + e.text
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
	root.AddCommand(newReportCmd(ios, g), newInitCmd(ios, g), newRosterCmd(ios), newProfileCmd(ios), newCheckCmd(ios), newQuestionnaireCmd(ios), newTemplateCmd(ios), newDemoCmd(ios))
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
