package main

import (
	"fmt"
	"path/filepath"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/spf13/cobra"
)

// DemoOptions are the options of `jianfu demo`.
type DemoOptions struct {
	IO   *IOStreams
	Dir  string
	Lang string
}

func newDemoCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &DemoOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "demo -o 文件夹",
		Short: "导出内置示例县的输入文件（问卷星导出的学生、家长问卷和学校名册）",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Lang = g.Lang
			return demoRun(o)
		},
	}
	cmd.Flags().StringVarP(&o.Dir, "output", "o", "", "写入的文件夹（必填）")
	return cmd
}

func demoRun(o *DemoOptions) error {
	if o.Dir == "" {
		return usageZhEn("请用 -o 指定写入的文件夹", "give the folder to write with -o")
	}
	if err := demo.WriteTo(o.Dir); err != nil {
		return &plainError{msg: "无法把示例文件写入 " + o.Dir + "：请检查这个文件夹能否写入", en: "cannot write the sample files into " + o.Dir + ": check that the folder can be written", err: err}
	}
	written := "已写入 "
	if o.Lang == "en" {
		written = "Wrote "
	}
	for _, n := range demo.Files() {
		fmt.Fprintln(o.IO.Out, written+filepath.Join(o.Dir, n))
	}
	return nil
}
