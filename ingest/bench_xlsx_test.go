package ingest

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkIngestXLSX reads the student export of benchmarkIngest as a 50,000-row .xlsx, once with
// shared strings (as Excel saves) and once with inline strings (as streaming writers save).
// Target (issue 7): at least 50,000 rows/s at bounded memory.
func BenchmarkIngestXLSX(b *testing.B) {
	for _, shared := range []bool{true, false} {
		benchmarkIngestXLSX(b, 50_000, shared)
	}
}

func benchmarkIngestXLSX(b *testing.B, rows int, shared bool) {
	roster := benchRoster()
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "学生问卷.csv")
	if _, err := writeStudentExport(csvPath, rows, roster, 1); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "学生问卷.xlsx")
	size, err := csvToXLSX(csvPath, path, shared)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("rows=%d/shared=%v", rows, shared), func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(size)
		for b.Loop() {
			res, err := Read([]Source{FileSource(path)}, ReadOptions{Roster: roster})
			if err != nil {
				b.Fatal(err)
			}
			if read, used, _ := res.Totals(""); read != rows || used < rows*9/10 {
				b.Fatalf("read %d rows, used %d; wrote %d", read, used, rows)
			}
		}
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// csvToXLSX writes the rows of a UTF-8 CSV file as a one-sheet workbook, the text cells either in a
// shared-strings table or inline, and returns the workbook's size.
func csvToXLSX(csvPath, path string, shared bool) (int64, error) {
	in, err := os.Open(csvPath)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	cr := csv.NewReader(bufio.NewReader(in))
	cr.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
		rows = append(rows, rec)
	}
	return writeXLSX(path, rows, shared)
}

// writeXLSX writes rows as a minimal workbook (one sheet) the way Excel lays it out.
func writeXLSX(path string, rows [][]string, shared bool) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := writeXLSXTo(f, rows, shared, nil); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}

// writeXLSXWith writes rows with inline strings, then whatever extra writes into the sheet data.
func writeXLSXWith(w io.Writer, rows [][]string, extra func(*bufio.Writer)) error {
	return writeXLSXTo(w, rows, false, extra)
}

func writeXLSXTo(out io.Writer, rows [][]string, shared bool, extra func(*bufio.Writer)) error {
	zw := zip.NewWriter(out)
	put := func(name, body string) {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+ns+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	index := map[string]int{}
	var sst []string
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>`)
	for i, rec := range rows {
		fmt.Fprintf(bw, `<row r="%d">`, i+1)
		for j, c := range rec {
			if c == "" {
				continue
			}
			ref := columnName(j+1) + strconv.Itoa(i+1)
			if _, err := strconv.Atoi(c); err == nil {
				fmt.Fprintf(bw, `<c r="%s"><v>%s</v></c>`, ref, c)
				continue
			}
			if !shared {
				fmt.Fprintf(bw, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, xmlEscape(c))
				continue
			}
			k, ok := index[c]
			if !ok {
				k = len(sst)
				index[c] = k
				sst = append(sst, c)
			}
			fmt.Fprintf(bw, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
		}
		bw.WriteString(`</row>`)
	}
	if extra != nil {
		extra(bw)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	bw.Flush()
	var s strings.Builder
	fmt.Fprintf(&s, `<?xml version="1.0" encoding="UTF-8"?><sst `+ns+` count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, t := range sst {
		s.WriteString("<si><t>" + xmlEscape(t) + "</t></si>")
	}
	s.WriteString("</sst>")
	put("xl/sharedStrings.xml", s.String())
	return zw.Close()
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func columnName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// TestXLSXMatchesCSV reads the same 3,000-row export as CSV and as .xlsx (shared and inline
// strings, each long enough that the sheet scanner refills its window many times): the results
// must be identical, row for row.
func TestXLSXMatchesCSV(t *testing.T) {
	roster := benchRoster()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "学生问卷.csv")
	if _, err := writeStudentExport(csvPath, 3000, roster, 7); err != nil {
		t.Fatal(err)
	}
	body := func(path string) string {
		res, err := Read([]Source{FileSource(path)}, ReadOptions{Roster: roster})
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, res)
		d := dump(res)
		return d[strings.IndexByte(d, '\n'):] // without the file line, which names the format
	}
	want := body(csvPath)
	for _, shared := range []bool{true, false} {
		path := filepath.Join(dir, fmt.Sprintf("shared_%v.xlsx", shared))
		if _, err := csvToXLSX(csvPath, path, shared); err != nil {
			t.Fatal(err)
		}
		if got := body(path); got != want {
			t.Errorf("shared=%v: xlsx reads differently from the CSV", shared)
		}
	}
}

// countBytes is a Counter that sums what it is told.
type countBytes struct{ n int64 }

func (c *countBytes) Add(n int64) { c.n += n }

// TestProgressCounts: reading an .xlsx or a CSV tells the counter about the file as it goes, never
// more than the file's size.
func TestProgressCounts(t *testing.T) {
	roster := benchRoster()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "学生问卷.csv")
	csvSize, err := writeStudentExport(csvPath, 20000, roster, 3)
	if err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "学生问卷.xlsx")
	xlsxSize, err := csvToXLSX(csvPath, xlsxPath, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		size int64
	}{{csvPath, csvSize}, {xlsxPath, xlsxSize}} {
		var cnt countBytes
		if _, err := Read([]Source{FileSource(c.path)}, ReadOptions{Roster: roster, Progress: &cnt}); err != nil {
			t.Fatal(err)
		}
		if cnt.n < c.size/2 || cnt.n > c.size {
			t.Errorf("%s: counter told %d bytes of %d", filepath.Base(c.path), cnt.n, c.size)
		}
	}
}
