package ingest

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// FuzzReadXLSX builds a small workbook from fuzzed text (rows split by newline, cells by tab) under
// the student headers, reads it, and checks that nothing is lost: read = used + rejected, and every
// answer is a valid code.
func FuzzReadXLSX(f *testing.F) {
	f.Add("清河县第一中学\t七年级\t3班\t男\t21:00以前")
	f.Add("清河县第一中学\t初一\t（3）班\tA\tb\t８-９小时\n\n\t\t\n城关小学\t二年级\t1")
	f.Add("=HYPERLINK(\"x\")\t9\t-3\t-2\t(跳过)\t(空)")
	q, err := surveys.Builtin("student")
	if err != nil {
		f.Fatal(err)
	}
	header := make([]any, len(q.Questions))
	for i, qu := range q.Questions {
		header[i] = qu.Header()
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows := strings.Split(text, "\n")
		if len(rows) > 50 {
			rows = rows[:50]
		}
		wb := excelize.NewFile()
		if err := wb.SetSheetRow("Sheet1", "A1", &header); err != nil {
			t.Skip()
		}
		for i, r := range rows {
			cells := strings.Split(r, "\t")
			if len(cells) > 40 {
				cells = cells[:40]
			}
			vals := make([]any, len(cells))
			for j, c := range cells {
				vals[j] = c
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := wb.SetSheetRow("Sheet1", cell, &vals); err != nil {
				t.Skip() // excelize refuses the text (e.g. too long, invalid XML characters)
			}
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			t.Skip()
		}
		data := buf.Bytes()
		src := Source{Name: "fuzz.xlsx", Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
		res, err := Read([]Source{src}, ReadOptions{Survey: "student"})
		if err != nil {
			return
		}
		for _, fr := range res.Files {
			if fr.Read != fr.Used+fr.Rejected {
				t.Fatalf("read %d != used %d + rejected %d", fr.Read, fr.Used, fr.Rejected)
			}
		}
		for _, d := range res.Datasets {
			for qi, col := range d.Answers {
				if col == nil {
					continue
				}
				if len(col) != d.Len() {
					t.Fatalf("column %d has %d entries for %d respondents", qi, len(col), d.Len())
				}
				for _, a := range col {
					if a != surveys.Missing && a != surveys.Invalid && a != surveys.NotApplicable && int(a) > len(d.Questionnaire.Questions[qi].Options) {
						t.Fatalf("answer %d out of range for question %d", a, qi+1)
					}
				}
			}
		}
	})
}
