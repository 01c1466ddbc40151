package main

import (
	"fmt"
	"path/filepath"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/spf13/cobra"
)

// DemoOptions are the options of `jianfu demo`.
type DemoOptions struct {
	IO  *IOStreams
	Dir string
}

func newDemoCmd(ios *IOStreams) *cobra.Command {
	o := &DemoOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "demo -o 文件夹",
		Short: "导出内置示例县的输入文件（问卷星导出的学生、家长问卷和学校名册）",
		Args:  exactArgs(0),
		RunE:  func(cmd *cobra.Command, args []string) error { return demoRun(o) },
	}
	cmd.Flags().StringVarP(&o.Dir, "output", "o", "", "写入的文件夹（必填）")
	return cmd
}

func demoRun(o *DemoOptions) error {
	if o.Dir == "" {
		return usagef("请用 -o 指定写入的文件夹")
	}
	if err := demo.WriteTo(o.Dir); err != nil {
		return fmt.Errorf("write demo files: %w", err)
	}
	for _, n := range demo.Files() {
		fmt.Fprintf(o.IO.Out, "已写入 %s\n", filepath.Join(o.Dir, n))
	}
	return nil
}
