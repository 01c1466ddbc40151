package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

// TestReportSummary: the lines report prints when done, with a roster and without, in both languages.
func TestReportSummary(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := demo.WriteTo(in); err != nil {
		t.Fatal(err)
	}
	noRoster := filepath.Join(dir, "noroster")
	os.MkdirAll(noRoster, 0o755)
	for _, f := range []string{demo.StudentFile, demo.ParentFile} {
		data, _ := os.ReadFile(filepath.Join(in, f))
		os.WriteFile(filepath.Join(noRoster, f), data, 0o644)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"roster", []string{filepath.Join(in, demo.StudentFile), filepath.Join(in, demo.ParentFile), "--roster", filepath.Join(in, demo.RosterFile)}, []string{
			"问卷：学生问卷读取5945行，使用", "学校名称不在名册中 2",
			"“青溪县第二中学”1行，最接近名册中的“清溪县第二中学”", "应答率偏低的学校（结果代表性有限）：清溪县实验小学（学生问卷 49.2%，547/1112）"}},
		{"english", []string{filepath.Join(in, demo.StudentFile), "--roster", filepath.Join(in, demo.RosterFile), "--lang", "en"}, []string{
			"Questionnaires: students: 5945 rows read", "closest roster name “清溪县第二中学”", "清溪县实验小学 (students 49.2%, 547/1112)"}},
		{"no roster", []string{noRoster}, []string{
			"没有学校名册：学校按答卷中的名称统计", "可能是同一所学校、未合并", "“县实小”与“清溪县实验小学”", "……共10个"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runReport(t, filepath.Join(dir, "out-"+tt.name), tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("summary lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}
