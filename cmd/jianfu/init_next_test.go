package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNextStep: after init the folder to run jianfu report in is named by its full path, or as this
// folder, never as “.” or “..”.
func TestNextStep(t *testing.T) {
	parent, _ := filepath.Abs("..")
	for _, c := range []struct {
		name, dir, lang, want string
	}{
		{"here en", ".", "en", "run jianfu report in this folder."},
		{"here zh", ".", "zh", "然后在本文件夹中运行 jianfu report。"},
		{"parent en", "..", "en", "run jianfu report in the folder " + parent + "."},
		{"parent zh", "..", "zh", "然后在文件夹 " + parent + " 中运行"},
		{"absolute", "/tmp/学期", "en", "in the folder /tmp/学期."},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := nextStep(c.dir, filepath.Join(c.dir, ProjectFile), c.lang)
			if !strings.Contains(got, c.want) {
				t.Errorf("nextStep(%q) = %q, want it to contain %q", c.dir, got, c.want)
			}
		})
	}
}
