package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/shakinm/xlsReader/xls"
)

// TestXLSCells: an old-format export made by LibreOffice from an .xlsx (internal/xlsgen) reads as
// the user sees it: date-time cells as dates, numbers as typed, a formula's cached text.
func TestXLSCells(t *testing.T) {
	rows, rs, err := readAllRows(t, FileSource("testdata/cases/xls/学生问卷.xls"), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rows[2][:4], []string{"1", "2026-03-02 09:58:01", "300秒", "手机提交"}; !slices.Equal(got, want) {
		t.Errorf("row 2 starts %q, want %q", got, want)
	}
	if got := rows[3][6:9]; !slices.Equal(got, []string{"清河一中", "八年级", "2"}) {
		t.Errorf("row 3 school, grade, class = %q; the school is a formula", got)
	}
	if len(rows) != 6 {
		t.Errorf("%d rows, want 6", len(rows))
	}
	if d := rs.Describe(); d != "旧版 Excel（.xls）工作表“Sheet1”" {
		t.Errorf("Describe = %q", d)
	}
}

// TestXLSRoster: a roster saved as .xls reads like the same roster as CSV.
func TestXLSRoster(t *testing.T) {
	want := loadTestRoster(t)
	got, err := ReadRoster(FileSource("testdata/xls/roster.xls"), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roster.xls reads\n%+v\nroster.csv reads\n%+v", got, want)
	}
}

// TestXLSCellLimit: a workbook with more cells than the limit is refused before the library holds them.
func TestXLSCellLimit(t *testing.T) {
	_, err := openSource(FileSource("testdata/cases/xls/学生问卷.xls"), openOptions{limits: Limits{MaxCells: 100}.withDefaults()})
	if err == nil || !errors.Is(err, ErrXLSCells) {
		t.Fatalf("err = %v, want ErrXLSCells", err)
	}
}

// FuzzReadXLS mutates real old-format workbooks: reading one may fail with a located error, never
// panic, hang or return rows out of order.
func FuzzReadXLS(f *testing.F) {
	for _, p := range []string{"testdata/cases/xls/学生问卷.xls", "testdata/cases/xls_hidden_first_sheet/学生问卷.xls", "testdata/xls/roster.xls"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 8 || string(data[:4]) != "\xD0\xCF\x11\xE0" {
			return
		}
		rs, err := openSource(memSource("fuzz.xls", data), openOptions{limits: Limits{}.withDefaults()})
		if err != nil {
			return
		}
		defer rs.Close()
		last := 0
		for {
			_, row, err := rs.Next()
			if err != nil {
				return
			}
			if row <= last {
				t.Fatalf("row %d after row %d", row, last)
			}
			last = row
		}
	})
}

// TestCleanCFB: the compound file cleanCFB writes holds the stream exactly (read back with
// mscfb) and opens in xlsReader, for a small stream and for one that needs DIFAT sectors (over
// 109 FAT sectors, about 7 MB).
func TestCleanCFB(t *testing.T) {
	data, err := os.ReadFile("testdata/cases/xls/学生问卷.xls")
	if err != nil {
		t.Fatal(err)
	}
	stream, err := workbookStream(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, pad := range []int{0, 9 << 20} {
		s := append(slices.Clone(stream), make([]byte, pad)...)
		back, err := workbookStream(cleanCFB(s))
		if err != nil {
			t.Fatalf("pad %d: %v", pad, err)
		}
		if !bytes.Equal(back[:len(s)], s) {
			t.Fatalf("pad %d: stream differs after cleanCFB", pad)
		}
		wb, err := xls.OpenReader(bytes.NewReader(cleanCFB(s)))
		if err != nil || wb.GetNumberSheets() != 1 {
			t.Fatalf("pad %d: xlsReader: %v, %d sheets", pad, err, wb.GetNumberSheets())
		}
	}
}

// TestXLSLongSharedStrings: a shared-string table spread over many CONTINUE records, with strings
// broken across them in one- and two-byte form, reads every string in its cell (made by xlsgen as
// longStrings; xlsReader alone loses strings here).
func TestXLSLongSharedStrings(t *testing.T) {
	rows, _, err := readAllRows(t, FileSource("testdata/xls/long_strings.xls"), "")
	if err != nil {
		t.Fatal(err)
	}
	const n = 1500 // xlsgen's LongStringRows
	if len(rows) != n+1 {
		t.Fatalf("%d rows, want %d", len(rows), n+1)
	}
	for i := 1; i <= n; i++ {
		want := []string{fmt.Sprintf("id-%05d", i), fmt.Sprintf("第%d行：大概%d分钟 mixed ASCII text %d", i, i%120, i*7)}
		if !slices.Equal(rows[i+1], want) {
			t.Fatalf("row %d = %q, want %q", i+1, rows[i+1], want)
		}
	}
}
