package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpEnglish: every command and flag has an English help text for --lang en.
func TestHelpEnglish(t *testing.T) {
	root := newRootCmd(&IOStreams{}, &globals{Lang: "zh"})
	root.InitDefaultHelpCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if _, ok := englishHelp(c, ""); !ok {
			t.Errorf("%q: no English short text (helpEN)", c.CommandPath())
		}
		if _, ok := englishHelp(c, ".long"); c.Long != "" && !ok {
			t.Errorf("%q: no English long text", c.CommandPath())
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if _, ok := englishHelp(c, f.Name); !ok {
				t.Errorf("%q --%s: no English text", c.CommandPath(), f.Name)
			}
		})
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

func TestHelpLanguage(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		want, not []string
	}{
		{"chinese", []string{"report", "--help"}, []string{"用法：", "选项：", "[选项]", "（默认 \"jianfu-report\"）", "输出文件夹"}, []string{"Usage:", "Flags:", "(default"}},
		{"english", []string{"report", "--help", "--lang", "en"}, []string{"Usage:", "report folder", "FILE|DIR..."}, []string{"输出文件夹", "文件或文件夹"}},
		{"help command", []string{"help", "init"}, []string{"jianfu.yaml", "用法："}, []string{"Usage:"}},
		{"root english", []string{"--help", "--lang", "en"}, []string{"draft a school roster", "Exit codes"}, []string{"退出码", "completion"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("help lacks %q:\n%s", w, stdout)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(stdout, n) {
					t.Errorf("help has %q", n)
				}
			}
		})
	}
}
