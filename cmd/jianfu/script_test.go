package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the jianfu command inside the scripts.
func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{
		"jianfu": func() int { return int(Main(os.Args[1:], defaultIO())) },
	}))
}

// TestScripts runs the end-to-end scripts in testdata/script; -update rewrites their cmp files.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"cmpcheck": cmpCheck},
	})
}

// cmpCheck compares two outputs of `jianfu check` that read the same data from different folders:
// cmpcheck a.txt b.txt. Paths are compared by their last element only.
func cmpCheck(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmpcheck file1 file2")
	}
	a, b := baseNames(ts.ReadFile(args[0])), baseNames(ts.ReadFile(args[1]))
	same := a == b
	switch {
	case neg && same:
		ts.Fatalf("%s and %s report the same check", args[0], args[1])
	case !neg && !same:
		ts.Fatalf("%s and %s differ beyond their paths:\n%s", args[0], args[1], firstDiff(a, b))
	}
	if !strings.Contains(a, "\n合计：读取 ") {
		ts.Fatalf("%s has no 合计 line", args[0])
	}
}

// baseNames replaces every word that holds a path separator by the path's last element.
func baseNames(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		words := strings.Split(l, " ")
		for j, w := range words {
			if strings.ContainsAny(w, `/\`) {
				words[j] = filepath.Base(filepath.FromSlash(w))
			}
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "\n")
}
