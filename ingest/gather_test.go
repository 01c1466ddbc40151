package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGatherXLSMAndOld: a folder's macro-enabled workbook (.xlsm) and old-format workbook (.xls)
// are read like .xlsx; the same file named twice, and a folder with a file in it, read it once.
func TestGatherXLSMAndOld(t *testing.T) {
	dir := t.TempDir()
	for src, dst := range map[string]string{"testdata/cases/xlsx/学生问卷.xlsx": "宏.xlsm", "testdata/cases/xls/学生问卷.xls": "旧.xls"} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	xlsm := filepath.Join(dir, "宏.xlsm")
	in, err := Gather([]string{dir, xlsm, xlsm}, "", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Sources) != 2 || len(in.Skipped) != 0 {
		t.Fatalf("sources %v, skipped %v; want the two workbooks once each", in.Sources, in.Skipped)
	}
	res, err := Read(in.Sources, ReadOptions{Roster: loadTestRoster(t)})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res)
	want := map[string]int{"宏.xlsm": 13, "旧.xls": 5}
	for _, f := range res.Files {
		if f.Read != want[filepath.Base(f.Path)] {
			t.Errorf("%s: read %d rows, want %d", f.Path, f.Read, want[filepath.Base(f.Path)])
		}
	}
	if !strings.Contains(res.Files[1].Format, ".xls") {
		t.Errorf("format %q", res.Files[1].Format)
	}
}
