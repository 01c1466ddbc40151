package main

import (
	"fmt"
	"os"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/report"
)

// changeLevel is the false discovery rate at which term-over-term changes are called out.
const changeLevel = 0.05

// compareTerms reads earlier terms' results.json files and sets results.Comparison. A file that
// cannot be used is an unreadable-input error (exit 3) naming it.
func compareTerms(paths []string, results *analysis.Results) error {
	if len(paths) == 0 {
		return nil
	}
	var earlier []analysis.Term
	for _, p := range paths {
		t, err := readPreviousFile(p)
		if err != nil {
			return &ingest.FileError{Err: err}
		}
		if t.Label == "" {
			t.Label = p
		}
		if t.Label == results.Term {
			return usagef("上学期结果 %s 的学期（%s）与本学期相同：请用 --term 写明本学期，或检查 --previous 是否给错了文件", p, t.Label)
		}
		earlier = append(earlier, t)
	}
	results.Comparison = analysis.Compare(analysis.CurrentTerm(results), earlier, changeLevel)
	return nil
}

func readPreviousFile(path string) (analysis.Term, error) {
	f, err := os.Open(path)
	if err != nil {
		return analysis.Term{}, &report.PreviousError{File: path, Err: fmt.Errorf("打不开文件：%w", err)}
	}
	defer f.Close()
	return report.ReadPrevious(f, path)
}
