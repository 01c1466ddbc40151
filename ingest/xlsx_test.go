package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// craftSheet is one sheet of a hand-made workbook: its name, its state ("" visible, "hidden",
// "veryHidden") and the content of its <sheetData>.
type craftSheet struct {
	name, state, data string
}

// craftXLSX builds a workbook from sheets, with shared strings sst and a styles part whose cell
// styles are 0 general, 1 date-time (built-in 22), 2 a custom "yyyy/m/d h:mm", 3 time (built-in
// 20), 4 a custom "0.00". store writes the entries uncompressed (so tests can cut them).
func craftXLSX(sheets []craftSheet, sst []string, store bool) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		m := zip.Deflate
		if store {
			m = zip.Store
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: m})
		io.WriteString(w, body)
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const relNS = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
	const relT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	put("_rels/.rels", `<Relationships `+relNS+`><Relationship Id="rId1" Type="`+relT+`officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0"?><workbook ` + ns + `><sheets>`)
	rels.WriteString(`<Relationships ` + relNS + `>`)
	for i, s := range sheets {
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>`, i+1, relT, i+1)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<worksheet `+ns+`><sheetData>`+s.data+`</sheetData></worksheet>`)
	}
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="%sstyles" Target="/xl/styles.xml"/></Relationships>`, relT, relT)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	var s strings.Builder
	s.WriteString(`<sst ` + ns + `>`)
	for _, t := range sst {
		s.WriteString(`<si><t xml:space="preserve">` + xmlEscape(t) + `</t></si>`)
	}
	s.WriteString(`</sst>`)
	put("xl/sharedStrings.xml", s.String())
	put("xl/styles.xml", `<styleSheet `+ns+`><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/m/d\ h:mm"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts>`+
		`<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="165"/></cellXfs></styleSheet>`)
	zw.Close()
	return buf.Bytes()
}

// readAllRows opens a source and returns its rows by row number.
func readAllRows(t *testing.T, src Source, sheet string) (map[int][]string, rowSource, error) {
	t.Helper()
	rs, err := openSource(src, openOptions{sheet: sheet, limits: Limits{}.withDefaults()})
	if err != nil {
		return nil, nil, err
	}
	defer rs.Close()
	rows := map[int][]string{}
	for {
		cells, row, err := rs.Next()
		if err == io.EOF {
			return rows, rs, nil
		}
		if err != nil {
			return rows, rs, err
		}
		rows[row] = slices.Clone(cells)
	}
}

// TestXLSXCells: every kind of cell Excel writes reads as the text a user sees, in its column, on
// its row, with gaps kept.
func TestXLSXCells(t *testing.T) {
	data := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
		`<row r="4" spans="1:9"><c r="A4" t="inlineStr"><is><t>甲</t></is></c><c r="B4" t="inlineStr"><is><r><t>乙</t></r><r><rPr><b/></rPr><t>丙</t></r><rPh><t>ヘイ</t></rPh></is></c>` +
		`<c r="D4" t="b"><v>1</v></c><c r="E4" t="b"><v>0</v></c><c r="F4" s="1"><v>46268.5</v></c><c r="G4" s="2"><v>46268.41668981481</v></c>` +
		`<c r="H4" s="3"><v>0.875</v></c><c r="I4" s="4"><v>4</v></c><c r="J4"><v>4.0000000000000009</v></c><c r="K4" t="str"><f>A4&amp;"x"</f><v>甲x</v></c>` +
		`<c r="L4" t="e"><v>#N/A</v></c><c r="M4" s="1"/><c r="N4" t="s"><v>2</v></c></row>` +
		`<row r="5"><c r="B5" s="1"/><c r="C5" s="3"/></row>` +
		`<row r="6"><c t="inlineStr"><is><t>无位置</t></is></c><c><v>2</v></c></row>` +
		`<row r="7"><c r="B7" t="s"><v>3</v></c></row>`
	wb := craftXLSX([]craftSheet{{"问卷", "", data}}, []string{"1、你就读的学校是？", "a&b<c>", "  有空格  ", "行一\r\n行二_x000D_"}, false)
	rows, rs, err := readAllRows(t, memSource("cells.xlsx", wb), "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]string{
		1: {"1、你就读的学校是？", "", "a&b<c>"},
		4: {"甲", "乙丙", "", "TRUE", "FALSE", "2026-09-03 12:00:00", "2026-09-03 10:00:02", "21:00", "4", "4.0000000000000009", "甲x", "#N/A", "", "  有空格  "},
		6: {"无位置", "2"},
		7: {"", "行一\r\n行二\r"}, // the CR is written as &#xD;, so it is kept
	}
	for r, w := range want {
		if !slices.Equal(rows[r], w) {
			t.Errorf("row %d = %q, want %q", r, rows[r], w)
		}
	}
	if len(rows) != len(want) {
		t.Errorf("rows %v read, want only %d (row 5 has formats but no values)", rows, len(want))
	}
	if n := rs.(*xlsxSource).emptyRows; n != 1 {
		t.Errorf("empty rows counted %d, want 1", n)
	}
}

// studentSheet returns sheet data with the student headers in row 1 and n rows of answers from school.
func studentSheet(t *testing.T, school string, n int) string {
	t.Helper()
	q, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for j, qu := range q.Questions {
		fmt.Fprintf(&b, `<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>`, columnName(j+1), xmlEscape(qu.Header()))
	}
	b.WriteString(`</row>`)
	for i := range n {
		fmt.Fprintf(&b, `<row r="%d">`, i+2)
		for j, qu := range q.Questions {
			var v string
			if len(qu.Options) > 0 {
				v = qu.Options[0].Text
			}
			switch qu.Kind {
			case surveys.KindSchool:
				v = school
			case surveys.KindGrade:
				v = "七年级"
			case surveys.KindClass:
				v = "1"
			}
			if v == "" {
				continue
			}
			fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, columnName(j+1), i+2, xmlEscape(v))
		}
		b.WriteString(`</row>`)
	}
	return b.String()
}

// TestXLSXSheets: a hidden sheet is never read unless named; with several visible questionnaire
// sheets the first is read and the others are named with how to read them.
func TestXLSXSheets(t *testing.T) {
	lastYear := studentSheet(t, "去年的学校", 3)
	thisYear := studentSheet(t, "清河县第一中学", 2)
	cases := []struct {
		name       string
		sheets     []craftSheet
		sheet      string
		wantSchool string
		wantRows   int
		wantFormat string
		wantNote   string
	}{
		{"hidden first sheet", []craftSheet{{"2025", "hidden", lastYear}, {"2026", "", thisYear}}, "", "清河县第一中学", 2, "工作表“2026”（隐藏的工作表“2025”未读）", ""},
		{"very hidden sheet", []craftSheet{{"2026", "", thisYear}, {"旧", "veryHidden", lastYear}}, "", "清河县第一中学", 2, "工作表“2026”（隐藏的工作表“旧”未读）", ""},
		{"hidden sheet named", []craftSheet{{"2025", "hidden", lastYear}, {"2026", "", thisYear}}, "2025", "去年的学校", 3, "工作表“2025”（隐藏的工作表“2025”未读）", ""},
		{"two visible", []craftSheet{{"一班", "", thisYear}, {"说明", "", `<row r="1"><c t="inlineStr"><is><t>说明</t></is></c></row>`}, {"二班", "", lastYear}}, "", "清河县第一中学", 2, "工作表“一班”",
			"本文件有不止一个像问卷的工作表：读的是“一班”，没有读“二班”；要读别的工作表，请用 --sheet 工作表名称"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := memSource("book.xlsx", craftXLSX(c.sheets, nil, false))
			res, err := Read([]Source{src}, ReadOptions{Sheet: c.sheet})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res)
			f := res.Files[0]
			if f.Read != c.wantRows || len(res.Schools) != 1 || res.Schools[0].Name != c.wantSchool {
				t.Errorf("read %d rows of %v, want %d of %s", f.Read, res.Schools, c.wantRows, c.wantSchool)
			}
			if c.sheet == "" && f.Format != c.wantFormat {
				t.Errorf("format %q, want %q", f.Format, c.wantFormat)
			}
			if f.SheetNote != c.wantNote {
				t.Errorf("note %q, want %q", f.SheetNote, c.wantNote)
			}
		})
	}
}

// TestXLSXDamagedPartway: a sheet that breaks off, or whose stored bytes are damaged, is an error
// naming the sheet and the row, never a shorter sheet read without a word.
func TestXLSXDamagedPartway(t *testing.T) {
	good := studentSheet(t, "清河县第一中学", 40)
	cut := func(wb []byte, from string, n int) []byte {
		i := bytes.Index(wb, []byte(from))
		out := slices.Clone(wb)
		copy(out[i:], bytes.Repeat([]byte{'#'}, n))
		return out
	}
	stored := craftXLSX([]craftSheet{{"数据", "", good}}, nil, true)
	cases := []struct {
		name string
		wb   []byte
		row  int
	}{
		{"unclosed row at the end", craftXLSX([]craftSheet{{"数据", "", good + `<row r="42"><c r="A42" t="inlineStr"><is><t>半`}}, nil, true), 42},
		{"bytes overwritten inside a row", cut(stored, `<row r="30">`, 3), 30},
		{"bytes changed inside a cell", cut(stored, `七年级</t></is></c><c r="C21"`, 1), 0}, // found by the checksum at the end
		{"bad shared string index", craftXLSX([]craftSheet{{"数据", "", good + `<row r="42"><c r="A42" t="s"><v>99</v></c></row>`}}, nil, false), 42},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read([]Source{memSource("book.xlsx", c.wb)}, ReadOptions{})
			var se *SheetError
			if !errors.As(err, &se) || se.Sheet != "数据" || se.Row != c.row {
				t.Fatalf("err = %v, want a SheetError at sheet 数据 row %d", err, c.row)
			}
			if c.row > 0 && !strings.Contains(err.Error(), fmt.Sprintf("book.xlsx：工作表“数据”第%d行：", c.row)) {
				t.Errorf("message %q does not name file, sheet and row", err)
			}
		})
	}
}

// TestXLSXEmptyFormattedRows: a million formatted but empty rows after the data cost a count, not
// memory: the rows are not returned and the allocations stay small.
func TestXLSXEmptyFormattedRows(t *testing.T) {
	var b strings.Builder
	b.WriteString(studentSheet(t, "清河县第一中学", 3))
	for r := 5; r < 1_000_005; r++ {
		fmt.Fprintf(&b, `<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="XFD%d" s="1"/></row>`, r, r, r)
	}
	wb := craftXLSX([]craftSheet{{"Sheet1", "", b.String()}}, nil, false)
	b.Reset()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Read([]Source{memSource("formatted.xlsx", wb)}, ReadOptions{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.Read != 3 || f.Used != 3 {
		t.Errorf("read %d used %d, want 3 and 3", f.Read, f.Used)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading allocated %d MB for a million empty rows", alloc>>20)
	}
}

// FuzzXLSXRoundTrip writes fuzzed rows (split by newline, cells by tab) with excelize, as shared
// strings or, through its stream writer, inline strings, and reads them back: every row that has a
// value is read exactly as excelize reads it, in its place, and no other row is read.
func FuzzXLSXRoundTrip(f *testing.F) {
	f.Add("甲\t\t乙\n\n\t丙", false)
	f.Add("a&b<c>\"'\t 空格 \n_x000D_\tTRUE\t4.0\t=SUM(1)", true)
	f.Add("\r\n\t\r\t行一\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tAB", false)
	f.Fuzz(func(t *testing.T, text string, stream bool) {
		lines := strings.Split(text, "\n")
		if len(lines) > 30 {
			lines = lines[:30]
		}
		wb := excelize.NewFile()
		var sw *excelize.StreamWriter
		if stream {
			var err error
			if sw, err = wb.NewStreamWriter("Sheet1"); err != nil {
				t.Fatal(err)
			}
		}
		for i, line := range lines {
			cells := strings.Split(line, "\t")
			if len(cells) > 40 {
				cells = cells[:40]
			}
			vals := make([]any, len(cells))
			for j, c := range cells {
				vals[j] = c
			}
			ref, _ := excelize.CoordinatesToCellName(1, i+1)
			var err error
			if stream {
				err = sw.SetRow(ref, vals)
			} else {
				err = wb.SetSheetRow("Sheet1", ref, &vals)
			}
			if err != nil {
				t.Skip() // excelize refuses the text
			}
		}
		if stream {
			if err := sw.Flush(); err != nil {
				t.Skip()
			}
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			t.Skip()
		}
		back, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		want, err := back.GetRows("Sheet1", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := readAllRows(t, memSource("fuzz.xlsx", buf.Bytes()), "")
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		n := 0
		for i, w := range want {
			for len(w) > 0 && w[len(w)-1] == "" {
				w = w[:len(w)-1]
			}
			if len(w) == 0 {
				continue
			}
			n++
			if !slices.Equal(got[i+1], w) {
				t.Fatalf("row %d = %q, excelize reads %q", i+1, got[i+1], w)
			}
		}
		if len(got) != n {
			t.Fatalf("read %d rows, excelize reads %d with values", len(got), n)
		}
	})
}
