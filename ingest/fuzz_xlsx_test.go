package ingest

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// xlsxCell makes fuzzed text a cell excelize writes: valid UTF-8 without the control characters XML
// 1.0 cannot hold, at most 200 bytes.
func xlsxCell(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xfffe || r == 0xffff {
			return -1
		}
		return r
	}, s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "")
	}
	return s
}

// FuzzReadXLSX builds a small workbook from fuzzed text (rows split by newline, cells by tab) under
// the student headers, reads it with and without a roster, and checks that nothing is lost and
// nothing moves: read = used + rejected; every row written with some text is used or rejected exactly
// once, at the row number it was written to; no row that was not written appears; every used row is
// in the dataset in sheet order with valid codes (checkResult).
func FuzzReadXLSX(f *testing.F) {
	for _, seed := range []struct {
		text   string
		roster bool
	}{
		{"清河县第一中学\t七年级\t3班\t男\t21:00以前", true},
		{"清河县第一中学\t初一\t（3）班\tA\tb\t８-９小时\n\n\t\t\n城关小学\t二年级\t1", true},
		{"=HYPERLINK(\"x\")\t9\t-3\t-2\t(跳过)\t(空)", false},
		{"清河一中\t八年级\t2\t女\t22:00-22:30\t6:30-7:00\t8-9小时\t60-90分钟\t适中\t从不\t否\t是\t1次", true},
		{"马集中心校\t五年级\t1\n马集镇中心学校\t九年级\t1\n城关小学\t七年级\t1\n不存在学校\t七年级\t1\n\t七年级\t1", true},
		{"城关小学\t三年级\t1\t男\n城关小学\t三年级\t1\t男\n城关小学\t三年级\t1\t男", false},
		{"清河县第一中学\t七年级\t火箭班\t男\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\textra", true},
		{"\n\n\n清河县第一中学\t七年级\t3", true},
		{"清河县第一中学\t十年级\t3\n清河县第一中学\t高一\t3\n清河县第一中学\t\t3", true},
		{"清河县第一中学\t7\t3\t1\t2\t3\t4\t5\t6\t1\t2\t3\t1\t2\t1", true},
	} {
		f.Add(seed.text, seed.roster)
	}
	q, err := surveys.Builtin("student")
	if err != nil {
		f.Fatal(err)
	}
	header := make([]any, len(q.Questions))
	for i, qu := range q.Questions {
		header[i] = qu.Header()
	}
	f.Fuzz(func(t *testing.T, text string, withRoster bool) {
		rows := strings.Split(text, "\n")
		if len(rows) > 50 {
			rows = rows[:50]
		}
		wb := excelize.NewFile()
		defer wb.Close()
		if err := wb.SetSheetRow("Sheet1", "A1", &header); err != nil {
			t.Fatal(err)
		}
		var written []int // rows with some text in a cell
		for i, r := range rows {
			cells := strings.Split(r, "\t")
			if len(cells) > 40 {
				cells = cells[:40]
			}
			vals := make([]any, len(cells))
			some := false
			for j, c := range cells {
				c = xlsxCell(c)
				vals[j] = c
				some = some || c != ""
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := wb.SetSheetRow("Sheet1", cell, &vals); err != nil {
				t.Fatalf("excelize refuses row %q: %v", vals, err)
			}
			if some {
				written = append(written, i+2)
			}
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			t.Fatal(err)
		}
		o := ReadOptions{Survey: "student"}
		if withRoster {
			o.Roster = fuzzRoster()
		}
		res, err := Read([]Source{memSource("fuzz.xlsx", buf.Bytes())}, o)
		if err != nil {
			var fe *FileError
			var he *HeaderError
			if !errors.As(err, &fe) && !errors.As(err, &he) {
				t.Fatalf("Read failed with %T %v, want *FileError or *HeaderError", err, err)
			}
			return
		}
		checkResult(t, res)
		// Rows read: the written ones, and possibly rows whose cells excelize wrote as empty text.
		var seen []int
		for _, rej := range res.Rejects {
			seen = append(seen, rej.Row)
		}
		if d := res.Dataset("student"); d != nil {
			if !slices.IsSorted(d.Row) {
				t.Errorf("dataset rows %v are not in sheet order", d.Row)
			}
			for _, r := range d.Row {
				seen = append(seen, int(r))
			}
		}
		slices.Sort(seen)
		if len(seen) != res.Files[0].Read || len(slices.Compact(slices.Clone(seen))) != len(seen) {
			t.Fatalf("rows used or rejected %v: %d for %d read, or one twice", seen, len(seen), res.Files[0].Read)
		}
		for _, r := range written {
			if _, ok := slices.BinarySearch(seen, r); !ok {
				t.Errorf("row %d was written but is neither used nor rejected (rows %v)", r, seen)
			}
		}
		for _, r := range seen {
			if r < 2 || r > len(rows)+1 {
				t.Errorf("row %d used or rejected, but rows 2-%d were written", r, len(rows)+1)
			}
		}
	})
}
