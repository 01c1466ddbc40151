package ingest

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// This file reads the parts of an .xlsx workbook around its sheets: which sheets there are and
// which are hidden, the shared strings, and which cell styles are dates. The sheets themselves are
// streamed by sheetScanner (xlsxsheet.go), so a sheet of any length costs only its current row.

// maxPartBytes bounds the small parts of a workbook (workbook.xml, its relationships, styles.xml):
// real ones are a few kilobytes.
const maxPartBytes = 16 << 20

// maxSharedStringsBytes bounds the unpacked shared-strings part, which is held in memory.
const maxSharedStringsBytes = 128 << 20

// xlsxSheet is one sheet of a workbook as workbook.xml lists it.
type xlsxSheet struct {
	name   string
	hidden bool // state="hidden" or "veryHidden"
	part   string
}

// xlsxBook is an opened workbook: its zip entries, sheets, shared strings and date styles.
type xlsxBook struct {
	files      map[string]*zip.File // by lower-case name
	sheets     []xlsxSheet
	sst        []string
	dateStyle  []bool // cell style index → its number format shows a date
	date1904   bool
	unzipLimit int64
	closer     io.Closer
}

// openBook reads the workbook parts of an .xlsx held by zr.
func openBook(zr *zip.Reader, unzipLimit int64) (*xlsxBook, error) {
	b := &xlsxBook{files: map[string]*zip.File{}, unzipLimit: unzipLimit}
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(unzipLimit) {
			return nil, ErrZipBomb
		}
		b.files[strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))] = f
	}
	wbPath := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = resolvePart("", r.Target)
			}
		}
	}
	if b.file(wbPath) == nil {
		if b.file("word/document.xml") != nil || b.file("ppt/presentation.xml") != nil {
			return nil, ErrNotWorkbook
		}
		return nil, ErrCorruptZip
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, err
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	dir := path.Dir(wbPath)
	relsPath := path.Join(dir, "_rels", path.Base(wbPath)+".rels")
	rels, err := b.rels(relsPath)
	if err != nil {
		return nil, err
	}
	target := map[string]string{}
	var sstPath, stylesPath string
	for _, r := range rels {
		p := resolvePart(dir, r.Target)
		target[r.ID] = p
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sstPath = p
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPath = p
		}
	}
	for _, s := range wb.Sheets {
		id := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		p, ok := target[id]
		if !ok || b.file(p) == nil {
			continue // a chart sheet or a dangling entry: nothing to read
		}
		b.sheets = append(b.sheets, xlsxSheet{name: s.Name, hidden: s.State == "hidden" || s.State == "veryHidden", part: p})
	}
	if sstPath != "" && b.file(sstPath) != nil {
		if b.sst, err = b.readSST(sstPath); err != nil {
			return nil, err
		}
	}
	if stylesPath != "" && b.file(stylesPath) != nil {
		if b.dateStyle, err = b.readStyles(stylesPath); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// ErrNotWorkbook is a zip file that is not a workbook, such as a Word document renamed .xlsx.
var ErrNotWorkbook = errors.New("这是 Word 或 PowerPoint 文档（或其他压缩包），不是 Excel 工作簿：请选择问卷星导出的 .xlsx、.xls 或 CSV 文件")

func (b *xlsxBook) file(name string) *zip.File {
	return b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// resolvePart turns a relationship target into a zip entry name.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(strings.TrimPrefix(target, "/"))
	}
	return path.Clean(path.Join(dir, target))
}

type xlsxRel struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
	Type   string `xml:"Type,attr"`
}

func (b *xlsxBook) rels(name string) ([]xlsxRel, error) {
	var r struct {
		Rels []xlsxRel `xml:"Relationship"`
	}
	if b.file(name) == nil {
		return nil, ErrCorruptZip
	}
	err := b.decode(name, &r)
	return r.Rels, err
}

// open returns the unpacked content of a part, failing past limit bytes.
func (b *xlsxBook) open(name string, limit int64) (io.ReadCloser, error) {
	f := b.file(name)
	if f == nil {
		return nil, ErrCorruptZip
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, ErrZipBomb
	}
	rc, err := f.Open()
	if err != nil {
		return nil, withDetail(ErrCorruptZip, err)
	}
	return rc, nil
}

// decode parses a small XML part. A document type declaration is refused: Excel never writes one,
// and its entities are how "billion laughs" files blow up.
func (b *xlsxBook) decode(name string, v any) error {
	rc, err := b.open(name, maxPartBytes)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(&doctypeGuard{r: io.LimitReader(rc, maxPartBytes)})
	d.Strict = false
	if err := d.Decode(v); err != nil {
		if errors.Is(err, ErrXMLDoctype) {
			return err
		}
		return withDetail(ErrCorruptZip, fmt.Errorf("%s: %w", name, err))
	}
	return nil
}

// ErrXMLDoctype is a workbook part with a document type declaration, which Excel never writes.
var ErrXMLDoctype = errors.New("xlsx 文件内部含有 Excel 不会写的 XML 声明（DOCTYPE），可能是被改造的文件：请在 Excel 中打开后另存为 .xlsx，或导出为 CSV")

// doctypeGuard fails on "<!DOCTYPE" anywhere in the stream.
type doctypeGuard struct {
	r    io.Reader
	tail [8]byte
	n    int
}

func (g *doctypeGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if n > 0 {
		buf := append(append([]byte(nil), g.tail[:g.n]...), p[:n]...)
		if strings.Contains(strings.ToUpper(string(buf)), "<!DOCTYPE") {
			return 0, ErrXMLDoctype
		}
		g.n = copy(g.tail[:], buf[max(0, len(buf)-8):])
	}
	return n, err
}

// readStyles returns, per cell style (cellXfs index), whether its number format shows a date.
func (b *xlsxBook) readStyles(name string) ([]bool, error) {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := b.decode(name, &st); err != nil {
		return nil, err
	}
	custom := map[int]bool{}
	for _, f := range st.NumFmts {
		custom[f.ID] = isDateFormat(f.Code)
	}
	out := make([]bool, len(st.Xfs))
	for i, x := range st.Xfs {
		if d, ok := custom[x.NumFmtID]; ok {
			out[i] = d
		} else {
			out[i] = builtinDateFormat(x.NumFmtID)
		}
	}
	return out, nil
}

// builtinDateFormat reports whether a built-in number format id shows a date or time; 27-36 and
// 50-58 are the Chinese-locale date formats (yyyy"年"m"月" and the like).
func builtinDateFormat(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// isDateFormat reports whether a custom number format code shows a date: it has a y, d, h or s
// outside quotes, brackets and escapes (m alone may be minutes or months, so it needs company).
func isDateFormat(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'y', 'd', 'h', 's':
				return true
			case 'e':
				if strings.HasPrefix(strings.ToLower(code[i:]), "e+") || strings.HasPrefix(strings.ToLower(code[i:]), "e-") {
					return false
				}
			}
		}
	}
	return false
}

// formatSerial writes an Excel date serial as text such as "2026-09-03 12:00:00" (the date alone
// when it has no time of day), the way the rest of the reader and the user read dates.
func formatSerial(v float64, date1904 bool) (string, bool) {
	if v < 0 || v > 2958465 { // 9999-12-31
		return "", false
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	secs := int64(v*86400 + 0.5)
	t := epoch.Add(time.Duration(secs) * time.Second)
	if secs < 86400 { // a time of day alone, such as a bedtime typed as 21:30
		if secs%60 == 0 {
			return t.Format("15:04"), true
		}
		return t.Format("15:04:05"), true
	}
	if secs%86400 == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}
