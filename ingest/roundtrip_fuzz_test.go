package ingest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// Round trips: a table of answers decoded from fuzz bytes is written as a 问卷星 text export (CSV and
// XLSX), read back through the public entry point Read, and must come back exactly: every row used
// or rejected at its own row number, every used row in its place in the dataset with its school,
// grade, class and every answer. Empty lines between rows (CSV) are blank rows at their Excel row;
// a free-text column with commas, quotes and line breaks must not shift any row.

// rtRow is one row of a round-trip table.
type rtRow struct {
	blankBefore bool // an empty line before the row (CSV: a blank_row at its own row number)
	school      int  // index into fuzzRoster's schools
	grade       int
	class       int
	answers     []surveys.Answer // per question; only choice questions are written
	note        string           // free text in a column no questionnaire knows
}

// rtTable decodes fuzz bytes into rows. Every row is valid (a roster school, a grade it teaches, a
// readable class) so that each must be used; answers are an option, 未答 or 不适用.
func rtTable(q *surveys.Questionnaire, data []byte, note string) []rtRow {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	roster := fuzzRoster()
	var rows []rtRow
	for len(data) > 0 && len(rows) < 40 {
		r := rtRow{blankBefore: next()%8 == 0, school: next() % len(roster.Schools), class: 1 + next()%20}
		var grades []int
		for g := q.MinGrade; g <= q.MaxGrade; g++ {
			if roster.Schools[r.school].Stage.HasGrade(g) {
				grades = append(grades, g)
			}
		}
		r.grade = grades[next()%len(grades)]
		r.answers = make([]surveys.Answer, len(q.Questions))
		for i, qu := range q.Questions {
			if qu.Kind != surveys.KindChoice {
				continue
			}
			switch v := next() % (len(qu.Options) + 2); v {
			case 0:
				r.answers[i] = surveys.Missing
			case len(qu.Options) + 1:
				r.answers[i] = surveys.NotApplicable
			default:
				r.answers[i] = surveys.Answer(v)
			}
		}
		if len(rows)%3 == 0 {
			r.note = note
		}
		rows = append(rows, r)
	}
	return rows
}

// rtNote makes fuzzed text fit for a cell of either format: valid UTF-8 with no control characters
// but line breaks (which excelize refuses, or which the CSV reader treats as old Mac line ends), short
// enough that no line of it looks like a row of the file.
func rtNote(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || (!unicode.IsControl(r) && r != utf8.RuneError && r != '\ufeff' && unicode.IsPrint(r)) {
			return r
		}
		return -1
	}, s)
	if len(s) > 24 {
		s = s[:24]
		s = strings.ToValidUTF8(s, "")
	}
	return s
}

// rtCells returns the header and the cells of every line (nil for an empty line), and the Excel row
// of each table row.
func rtCells(q *surveys.Questionnaire, rows []rtRow) ([]string, [][]string, []int) {
	roster := fuzzRoster()
	grades := []string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}
	header := []string{"序号", "提交答卷时间", "所用时间"}
	for _, qu := range q.Questions {
		header = append(header, qu.Header())
	}
	header = append(header, "备注")
	var lines [][]string
	var at []int
	for i, r := range rows {
		if r.blankBefore {
			lines = append(lines, nil)
		}
		cells := []string{fmt.Sprint(i + 1), fmt.Sprintf("2026/06/30 %02d:%02d:00", 8+i/60, i%60), "300秒"}
		for j, qu := range q.Questions {
			switch qu.Kind {
			case surveys.KindSchool:
				cells = append(cells, roster.Schools[r.school].Name)
			case surveys.KindGrade:
				cells = append(cells, grades[r.grade])
			case surveys.KindClass:
				cells = append(cells, fmt.Sprintf("%d班", r.class))
			default:
				switch a := r.answers[j]; a {
				case surveys.Missing:
					cells = append(cells, "(空)")
				case surveys.NotApplicable:
					cells = append(cells, "(跳过)")
				default:
					cells = append(cells, qu.OptionText(a))
				}
			}
		}
		cells = append(cells, r.note)
		lines = append(lines, cells)
		at = append(at, len(lines)+1) // the header is row 1
	}
	return header, lines, at
}

func rtCSV(t *testing.T, header []string, lines [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.Write(header); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l == nil {
			w.Flush()
			b.WriteString("\r\n")
			continue
		}
		if err := w.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.Bytes()
}

func rtXLSX(t *testing.T, header []string, lines [][]string) []byte {
	wb := excelize.NewFile()
	defer wb.Close()
	put := func(row int, cells []string) {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := wb.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatalf("excelize refuses row %d %q: %v", row, cells, err)
		}
	}
	put(1, header)
	for i, l := range lines {
		if l != nil {
			put(i+2, l)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkRoundTrip reads data back and compares it with rows.
func checkRoundTrip(t *testing.T, name string, data []byte, q *surveys.Questionnaire, rows []rtRow, at []int, blanks []int) {
	t.Helper()
	res, err := Read([]Source{memSource(name, data)}, ReadOptions{Roster: fuzzRoster()})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkResult(t, res)
	fr := res.Files[0]
	if fr.Read != len(rows)+len(blanks) || fr.Used != len(rows) || fr.Rejected != len(blanks) {
		t.Fatalf("%s: read %d used %d rejected %d; wrote %d rows and %d blank ones: %+v", name, fr.Read, fr.Used, fr.Rejected, len(rows), len(blanks), res.Rejects)
	}
	for i, rej := range res.Rejects {
		if rej.Reason != ReasonBlankRow || rej.Row != blanks[i] {
			t.Errorf("%s: reject %d is row %d %s, want the blank row %d", name, i, rej.Row, rej.Reason, blanks[i])
		}
	}
	d := res.Dataset(q.Code)
	if len(rows) == 0 {
		return
	}
	if d == nil || d.Len() != len(rows) {
		t.Fatalf("%s: dataset %v, want %d rows", name, d, len(rows))
	}
	roster := fuzzRoster()
	for i, r := range rows {
		if int(d.Row[i]) != at[i] {
			t.Errorf("%s: respondent %d from row %d, written at row %d", name, i, d.Row[i], at[i])
		}
		if got := d.Schools[d.School[i]].Name; got != roster.Schools[r.school].Name || int(d.Grade[i]) != r.grade || d.Classes[d.Class[i]].Label != fmt.Sprint(r.class) {
			t.Errorf("%s row %d: %s grade %d class %s, wrote %s grade %d class %d", name, at[i], got, d.Grade[i], d.Classes[d.Class[i]].Label,
				roster.Schools[r.school].Name, r.grade, r.class)
		}
		for j, col := range d.Answers {
			if col != nil && col[i] != r.answers[j] {
				t.Errorf("%s row %d Q%d: answer %d, wrote %d", name, at[i], q.Questions[j].Number, col[i], r.answers[j])
			}
		}
	}
}

func roundTripSeeds(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30}, "")
	f.Add(bytes.Repeat([]byte{0, 1, 2, 3, 250, 7}, 40), "逗号,和\"引号\"\n换行")
	f.Add(bytes.Repeat([]byte{8}, 90), "a\nb\nc\n")
	f.Add([]byte("清河县第一中学 七年级"), "=SUM(A1)")
}

// FuzzRoundTripCSV writes the fuzzed table as a UTF-8 CSV with CRLF line ends and empty lines and
// reads it back.
func FuzzRoundTripCSV(f *testing.F) {
	roundTripSeeds(f)
	q, err := surveys.Builtin("student")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, note string) {
		rows := rtTable(q, data, rtNote(note))
		header, lines, at := rtCells(q, rows)
		var blanks []int
		for i, l := range lines {
			if l == nil {
				blanks = append(blanks, i+2)
			}
		}
		checkRoundTrip(t, "学生问卷.csv", rtCSV(t, header, lines), q, rows, at, blanks)
	})
}

// FuzzRoundTripXLSX writes the fuzzed table as a workbook and reads it back. A row with no cells at
// all is a gap in the sheet, not read; the rows after it keep their Excel numbers.
func FuzzRoundTripXLSX(f *testing.F) {
	roundTripSeeds(f)
	q, err := surveys.Builtin("student")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, note string) {
		rows := rtTable(q, data, rtNote(note))
		header, lines, at := rtCells(q, rows)
		checkRoundTrip(t, "学生问卷.xlsx", rtXLSX(t, header, lines), q, rows, at, nil)
	})
}
