package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// ProfileOptions are the options of `jianfu profile show`.
type ProfileOptions struct {
	IO     *IOStreams
	Name   string
	Output string
	Lang   string // "en" words messages and the list in English; the YAML is the file format and stays as it is
}

func newProfileCmd(ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile",
		Short: "查看内置的监测标准（profile），导出一份作为本地标准的起点",
	}
	o := &ProfileOptions{IO: ios}
	show := &cobra.Command{
		Use:   "show 名称",
		Short: "以 YAML 打印内置的监测标准（含注释），可另存后修改为本地标准",
		Long: `以 YAML 打印内置的监测标准。本地标准只需写与内置标准不同的部分：
  jianfu profile show national-2021 -o 本县标准.yaml
然后在文件开头写 inherit: national-2021，删去不改的部分，再用 --profile 本县标准.yaml（或在 jianfu.yaml 的 profile 中）使用。`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Name = args[0]
			o.Lang = langOf(cmd)
			return profileShowRun(o)
		},
	}
	show.Flags().StringVarP(&o.Output, "output", "o", "", "写入的文件（默认输出到屏幕）")
	list := &cobra.Command{
		Use:   "list",
		Short: "列出内置的监测标准",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return profileListRun(ios.Out, langOf(cmd))
		},
	}
	cmd.AddCommand(show, list)
	return cmd
}

// profileListRun lists the built-in profiles, one a line: the name to give --profile, then the
// title (in English for lang "en"), the default marked.
func profileListRun(w io.Writer, lang string) error {
	for _, n := range surveys.BuiltinProfiles() {
		p, _, err := surveys.LoadProfile(n, surveys.Builtins()...)
		if err != nil {
			return fmt.Errorf("built-in profile %s: %w", n, err)
		}
		title, def := p.Title, "（默认）"
		if lang == "en" {
			title, def = p.TitleEN, " (default)"
		}
		if n != surveys.DefaultProfile {
			def = ""
		}
		fmt.Fprintf(w, "%-18s %s%s\n", n, title, def)
	}
	return nil
}

func profileShowRun(o *ProfileOptions) error {
	data, ok := surveys.BuiltinProfileYAML(o.Name)
	if !ok {
		names := joinNames(surveys.BuiltinProfiles())
		return usageZhEn(fmt.Sprintf("没有名为 %q 的内置监测标准；内置的有：%s", o.Name, names),
			fmt.Sprintf("there is no built-in profile %q; the built-in ones are: %s", o.Name, strings.Join(surveys.BuiltinProfiles(), ", ")))
	}
	if o.Output == "" {
		_, err := o.IO.Out.Write(data)
		return err
	}
	if err := writeNewFile(o.Output, data); err != nil {
		return err
	}
	fmt.Fprintln(o.IO.Out, o.Output)
	return nil
}
