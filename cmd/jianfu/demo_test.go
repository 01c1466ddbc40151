package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

func TestDemoRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "示例", "out") // not there yet: demoRun creates it
	ios, out, errOut := testIO()
	if err := demoRun(&DemoOptions{IO: ios, Dir: dir}); err != nil {
		t.Fatalf("demoRun: %v", err)
	}
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut)
	}
	var wantOut strings.Builder
	for _, name := range demo.Files() {
		want, err := fs.ReadFile(demo.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes written differ from the %d bytes of demo.FS", name, len(got), len(want))
		}
		wantOut.WriteString("已写入 " + filepath.Join(dir, name) + "\n")
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(demo.Files()) {
		t.Errorf("%d entries in %s, want only the %d demo files", len(ents), dir, len(demo.Files()))
	}
	if out.String() != wantOut.String() {
		t.Errorf("stdout =\n%s\nwant\n%s", out, wantOut.String())
	}
}

func TestDemoMissingOutput(t *testing.T) {
	ios, out, _ := testIO()
	err := demoRun(&DemoOptions{IO: ios})
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Errorf("demoRun without a folder = %v, want a usage error", err)
	}
	if out.Len() > 0 {
		t.Errorf("stdout: %s", out)
	}

	ios, _, errOut := testIO()
	if got := Main([]string{"demo"}, ios); got != ExitUsage {
		t.Errorf("jianfu demo: exit %d, want %d", got, ExitUsage)
	}
	want := "错误：请用 -o 指定写入的文件夹\n用法见 jianfu help。\n"
	if errOut.String() != want {
		t.Errorf("stderr = %q, want %q", errOut, want)
	}
	ios, _, _ = testIO()
	if got := Main([]string{"demo", "-o", t.TempDir(), "extra"}, ios); got != ExitUsage {
		t.Errorf("jianfu demo -o DIR extra: exit %d, want %d", got, ExitUsage)
	}
}
