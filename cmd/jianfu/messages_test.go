package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// TestHostileSideFiles: a profile, font or roster that is broken, hostile, huge or a pipe gets one
// plain Chinese sentence naming the file (and the key or line where there is one), no Go or YAML
// internals, and the right exit code; nothing blocks on a pipe.
func TestHostileSideFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "管道.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := write("大.ttf", "")
	os.Truncate(big, 65<<20)
	var bomb strings.Builder
	bomb.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i, prev := 0, "a"; i < 9; i++ {
		name := string(rune('b' + i))
		bomb.WriteString(name + ": &" + name + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n")
		prev = name
	}
	cases := []struct {
		name string
		args []string
		code ExitCode
		want []string // in the message
	}{
		{"yaml syntax", []string{"--profile", write("坏.yaml", "name: x\ninherit: national-2021\nquality: {low_response_rate: 0.5\n")}, ExitUsage, []string{"坏.yaml", "不是有效的 YAML"}},
		{"unknown key", []string{"--profile", write("拼错.yaml", "name: x\ninherit: national-2021\nflag_treshold: 0.3\n")}, ExitUsage, []string{"拼错.yaml", "第3行", "flag_treshold"}},
		{"aliasing bomb", []string{"--profile", write("炸弹.yaml", bomb.String())}, ExitUsage, []string{"炸弹.yaml", "别名"}},
		{"rate above 1", []string{"--profile", write("比例.yaml", "name: x\ninherit: national-2021\nquality: {low_response_rate: 2}\n")}, ExitUsage, []string{"比例.yaml", "quality.low_response_rate"}},
		{"NaN midpoint", []string{"--profile", write("中点.yaml", "name: x\ninherit: national-2021\nhomework_midpoints: [0, .nan, 45, 75, 105, 135]\n")}, ExitUsage, []string{"中点.yaml", "homework_midpoints"}},
		{"no such profile", []string{"--profile", filepath.Join(dir, "没有.yaml")}, ExitUsage, []string{"没有.yaml", "既不是内置"}},
		{"profile is a pipe", []string{"--profile", fifo}, ExitUnreadable, []string{"管道.yaml", "不是普通文件"}},
		{"roster is a pipe", []string{"--roster", fifo}, ExitUnreadable, []string{"管道.yaml", "不是普通文件"}},
		{"huge font", []string{"--font", big}, ExitUnreadable, []string{"大.ttf", "超过上限"}},
		{"missing input", []string{filepath.Join(dir, "没有.xlsx")}, ExitUnreadable, []string{"没有.xlsx", "不存在"}},
	}
	internals := regexp.MustCompile(`\bEOF\b|yaml:|excessive aliasing|no such file|rename |\bopen |field .* not found|invalid argument`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var o, e strings.Builder
			code := Main(append([]string{"report", "-o", filepath.Join(dir, "out")}, c.args...), &IOStreams{Out: &o, ErrOut: &e})
			msg := e.String()
			if code != c.code {
				t.Errorf("exit %d, want %d: %s", code, c.code, msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			if m := internals.FindString(msg); m != "" {
				t.Errorf("message %q shows the internal %q", msg, m)
			}
		})
	}
}

// TestEnglishMessages: with --lang en the new refusals and profile errors are English, naming the
// file (and key), with no Chinese and no internals.
func TestEnglishMessages(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.csv")
	os.WriteFile(file, []byte("keep"), 0o644)
	bad := filepath.Join(dir, "p.yaml")
	os.WriteFile(bad, []byte("name: x\ninherit: national-2021\nquality: {low_response_rate: 2}\n"), 0o644)
	syntax := filepath.Join(dir, "s.yaml")
	os.WriteFile(syntax, []byte("name: x\n  inherit: [\n"), 0o644)
	han := regexp.MustCompile(`\p{Han}`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "-o", file}, "a.csv exists and is a file"},
		{[]string{"report", "--profile", bad, "-o", filepath.Join(dir, "o")}, "quality.low_response_rate"},
		{[]string{"report", "--profile", syntax, "-o", filepath.Join(dir, "o")}, "is not valid YAML"},
	} {
		var o, e strings.Builder
		Main(append([]string{"--lang", "en"}, c.args...), &IOStreams{Out: &o, ErrOut: &e})
		msg := e.String()
		if i := strings.Index(msg, "Error: "); i >= 0 {
			msg = msg[i:] // the error, after any notice
		}
		if !strings.Contains(msg, c.want) || han.MatchString(strings.ReplaceAll(msg, dir, "")) || strings.Contains(msg, " yaml:") {
			t.Errorf("%v: %q, want English containing %q", c.args, msg, c.want)
		}
	}
}
