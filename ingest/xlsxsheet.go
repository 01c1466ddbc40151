package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ErrSheetDamaged is a sheet whose XML or compressed data breaks off partway: the rows after the
// break cannot be read, so the file is refused rather than read short.
var ErrSheetDamaged = errors.New("工作表内容从这一行起损坏，后面的行读不出来（文件可能下载不完整）：请重新下载，或在 Excel 中打开后另存一次")

// ErrSheetChecksum is a sheet whose bytes do not match the checksum the workbook stores for them.
var ErrSheetChecksum = errors.New("工作表内容与文件中记录的校验值不符，文件已损坏（可能下载不完整或被改动过）：请重新下载，或在 Excel 中打开后另存一次")

// SheetError locates a problem inside one sheet of a workbook.
type SheetError struct {
	Sheet string
	Row   int // 0 when the problem is not in a row
	Err   error
}

func (e *SheetError) Error() string {
	if e.Row > 0 {
		return fmt.Sprintf("工作表“%s”第%d行：%s", e.Sheet, e.Row, e.Err)
	}
	return fmt.Sprintf("工作表“%s”：%s", e.Sheet, e.Err)
}

func (e *SheetError) Unwrap() error { return e.Err }

// maxCellBytes bounds the text of one cell. Excel holds at most 32,767 characters in a cell (about
// 100 KB of UTF-8); a longer one is not from Excel or 问卷星, and must not make the reader hold it.
const maxCellBytes = 1 << 20

var errCellTooLong = errors.New("有一个单元格超过 1 MB（Excel 的单元格最多 32767 个字符），不像问卷导出")

// maxExcelColumn is the last column Excel has (XFD).
const maxExcelColumn = 16384

// openXLSX opens a workbook and the sheet to read: the one named with --sheet, else the first
// visible one. A hidden sheet is read only when named. ra is the file when it is on disk (nothing
// is then held in memory but the shared strings and the current row); otherwise the workbook is read
// into memory up to the size limit.
func openXLSX(r io.Reader, c io.Closer, o openOptions) (rowSource, error) {
	var ra io.ReaderAt
	var size int64
	if f, ok := c.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			ra, size = f, st.Size()
		}
	}
	if ra == nil {
		data, err := io.ReadAll(&countingReader{r: r, limit: o.limits.MaxXLSXBytes})
		if err != nil {
			c.Close()
			if errors.Is(err, ErrTooLarge) {
				return nil, xlsxTooLarge(o.limits)
			}
			return nil, err
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	if size > o.limits.MaxXLSXBytes {
		c.Close()
		return nil, xlsxTooLarge(o.limits)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		c.Close()
		return nil, withDetail(ErrCorruptZip, err)
	}
	book, err := openBook(zr, o.limits.UnzipSizeLimit)
	if err != nil {
		c.Close()
		return nil, err
	}
	book.closer = c
	x := &xlsxSource{book: book, chosen: o.sheet != "", progress: o.progress, fileSize: size}
	for _, s := range book.sheets {
		if !s.hidden {
			x.sheets = append(x.sheets, s.name)
		} else {
			x.hidden = append(x.hidden, s.name)
		}
	}
	var pick *xlsxSheet
	for i := range book.sheets {
		s := &book.sheets[i]
		if (o.sheet == "" && !s.hidden) || (o.sheet != "" && strings.TrimSpace(s.name) == strings.TrimSpace(o.sheet)) {
			pick = s
			break
		}
	}
	if pick == nil {
		c.Close()
		switch {
		case o.sheet != "":
			var all []string
			for _, s := range book.sheets {
				all = append(all, s.name)
			}
			return nil, fmt.Errorf("%w “%s”（有：%s）", ErrNoSheet, o.sheet, strings.Join(all, "、"))
		case len(book.sheets) > 0:
			return nil, fmt.Errorf("%w：工作簿的工作表都是隐藏的（%s）；请用 --sheet 指定要读的工作表", ErrNoSheet, strings.Join(x.hidden, "、"))
		}
		return nil, fmt.Errorf("%w：工作簿没有工作表", ErrNoSheet)
	}
	if err := x.open(pick); err != nil {
		c.Close()
		return nil, err
	}
	return x, nil
}

func xlsxTooLarge(l Limits) error {
	return fmt.Errorf("%w（.xlsx 上限 %d MB；可用 --max-xlsx-mb 调整）", ErrTooLarge, l.MaxXLSXBytes>>20)
}

// xlsxSource streams the rows of one sheet. Rows whose cells all have no value (formatted but
// empty, however many) are counted in emptyRows and never returned.
type xlsxSource struct {
	book     *xlsxBook
	sheet    string
	sheets   []string // the visible sheets, in order
	hidden   []string // the hidden sheets, never read unless named
	chosen   bool     // the sheet was named with --sheet
	progress Counter
	fileSize int64

	rc        io.ReadCloser
	sc        *xmlScanner
	scale     float64 // file bytes per unpacked sheet byte, for progress
	reported  int64
	cells     []string
	text      []byte
	row, col  int
	typ       string
	style     int
	inRow     bool
	inCell    bool
	inIs      bool
	inPh      bool
	capture   bool
	ended     bool
	dataDepth int // nesting depth inside <sheetData>
	emptyRows int
	intern    map[string]string
}

func (x *xlsxSource) open(s *xlsxSheet) error {
	rc, err := x.book.open(s.part, x.book.unzipLimit)
	if err != nil {
		return err
	}
	x.sheet, x.rc = s.name, rc
	x.sc = newXMLScanner(rc)
	if f := x.book.file(s.part); f != nil && f.UncompressedSize64 > 0 {
		x.scale = float64(x.fileSize) / float64(f.UncompressedSize64)
	}
	x.intern = map[string]string{}
	return nil
}

// Describe names the sheet read, and the hidden sheets that were not.
func (x *xlsxSource) Describe() string {
	d := "工作表“" + x.sheet + "”"
	if len(x.hidden) > 0 {
		d += "（隐藏的工作表“" + strings.Join(x.hidden, "”“") + "”未读）"
	}
	return d
}

// Close closes the sheet and the file.
func (x *xlsxSource) Close() error {
	if x.rc != nil {
		x.rc.Close()
	}
	if x.book.closer != nil {
		return x.book.closer.Close()
	}
	return nil
}

// fail returns a located error at the current row.
func (x *xlsxSource) fail(err error) ([]string, int, error) {
	if errors.Is(err, ErrXMLDepth) || errors.Is(err, ErrXMLDoctype) {
		return nil, 0, err
	}
	if errors.Is(err, zip.ErrChecksum) {
		return nil, 0, &SheetError{Sheet: x.sheet, Err: withDetail(ErrSheetChecksum, err)}
	}
	return nil, 0, &SheetError{Sheet: x.sheet, Row: max(x.row, 1), Err: withDetail(ErrSheetDamaged, err)}
}

// Next returns the next row that has at least one value, with its row number as Excel shows it.
func (x *xlsxSource) Next() ([]string, int, error) {
	if x.ended {
		return nil, 0, io.EOF
	}
	for {
		var tp *[]byte
		if x.capture {
			tp = &x.text
		}
		t, err := x.sc.next(tp)
		if len(x.text) > maxCellBytes {
			return x.fail(errCellTooLong)
		}
		if x.progress != nil && x.sc.read-x.reported >= 1<<20 {
			x.progress.Add(int64(float64(x.sc.read-x.reported) * x.scale))
			x.reported = x.sc.read
		}
		if err != nil {
			if err == io.EOF {
				err = errors.New("工作表在数据中间结束")
			}
			return x.fail(err)
		}
		switch string(t.name) {
		case "row":
			if t.kind == tagClose {
				if !x.inRow || x.inCell {
					return x.fail(errors.New("行的结束标记不配对"))
				}
				x.inRow = false
				if len(x.cells) > 0 {
					return x.cells, x.row, nil
				}
				x.emptyRows++
				continue
			}
			if x.inRow {
				return x.fail(errors.New("上一行没有结束"))
			}
			n := x.row + 1
			if v, ok := attr(t.attrs, "r"); ok {
				if n, err = strconv.Atoi(string(v)); err != nil || n <= 0 || n > 1<<20 {
					return x.fail(fmt.Errorf("行号 %q 无效", v))
				}
			}
			x.row, x.col, x.cells = n, 0, x.cells[:0]
			x.inRow = t.kind == tagOpen
			if !x.inRow {
				x.emptyRows++
			}
		case "c":
			if t.kind == tagClose {
				if err := x.endCell(); err != nil {
					return x.fail(err)
				}
				continue
			}
			if err := x.startCell(t); err != nil {
				return x.fail(err)
			}
		case "v":
			if x.inCell {
				x.capture = t.kind == tagOpen
				if x.capture {
					x.text = x.text[:0]
				}
			}
		case "is":
			x.inIs = t.kind == tagOpen
		case "t":
			if x.inIs && !x.inPh {
				x.capture = t.kind == tagOpen
			}
		case "rPh":
			x.inPh = t.kind == tagOpen
			x.capture = false
		case "sheetData":
			if t.kind == tagOpen {
				x.dataDepth = x.sc.depth
			} else {
				if x.inRow || (t.kind == tagClose && x.sc.depth != x.dataDepth-1) {
					return x.fail(errors.New("工作表数据的结束标记不配对"))
				}
				x.ended = true
				// Read the rest of the part: a damaged end shows only as a checksum error at EOF.
				if _, err := io.Copy(io.Discard, x.rc); err != nil {
					return x.fail(err)
				}
				return nil, 0, io.EOF
			}
		}
	}
}

func (x *xlsxSource) startCell(t tag) error {
	col := x.col + 1
	if v, ok := attr(t.attrs, "r"); ok {
		c, r := parseCellRef(v)
		if c <= 0 {
			return fmt.Errorf("单元格位置 %q 无效", v)
		}
		if r > 0 && !x.inRow {
			x.row = r
		}
		col = c
	}
	if !x.inRow || x.inCell {
		return errors.New("单元格不在一行之中")
	}
	if col > maxExcelColumn {
		return fmt.Errorf("列号超出 Excel 的范围")
	}
	x.col = col
	typ, _ := attr(t.attrs, "t")
	x.typ = cellType(typ) // a copy: the attribute bytes change when the scanner reads on
	x.style = -1
	if s, ok := attr(t.attrs, "s"); ok {
		x.style, _ = strconv.Atoi(string(s))
	}
	x.text = x.text[:0]
	x.inCell = t.kind == tagOpen
	x.capture = false
	return nil
}

// cellType returns the cell type attribute as one of the constant strings Excel uses ("" for a number).
func cellType(t []byte) string {
	for _, k := range []string{"s", "b", "inlineStr", "str", "e", "d"} {
		if string(t) == k {
			return k
		}
	}
	return ""
}

// parseCellRef reads "AB12" as column 28, row 12; the row is 0 when absent, the column 0 when invalid.
func parseCellRef(ref []byte) (col, row int) {
	i := 0
	for i < len(ref) && i < 4 {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		i++
	}
	if i == 0 {
		return 0, 0
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, 0
		}
		row = row*10 + int(ref[i]-'0')
		if row > 1<<20 {
			return 0, 0
		}
	}
	return col, row
}

// endCell turns the captured text into the cell's value and puts it in its column.
func (x *xlsxSource) endCell() error {
	x.inCell, x.capture, x.inIs, x.inPh = false, false, false, false
	if len(x.text) == 0 {
		return nil
	}
	var v string
	switch x.typ {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(x.text)))
		if err != nil || i < 0 || i >= len(x.book.sst) {
			return fmt.Errorf("单元格引用的共享字符串 %q 不存在", x.text)
		}
		v = x.book.sst[i]
	case "b":
		switch string(bytes.TrimSpace(x.text)) {
		case "1":
			v = "TRUE"
		case "0":
			v = "FALSE"
		default:
			return fmt.Errorf("逻辑值 %q 无效", x.text)
		}
	case "inlineStr", "str", "e", "d":
		s, err := xmlText(x.text)
		if err != nil {
			return err
		}
		v = s
	default: // a number
		v = x.number()
	}
	if v == "" {
		return nil
	}
	if x.col <= len(x.cells) { // a cell written out of order
		x.cells[x.col-1] = v
		return nil
	}
	for len(x.cells) < x.col-1 {
		x.cells = append(x.cells, "")
	}
	x.cells = append(x.cells, v)
	return nil
}

// number returns a numeric cell's text: a date style makes it a date, else it is kept as written.
func (x *xlsxSource) number() string {
	if x.style >= 0 && x.style < len(x.book.dateStyle) && x.book.dateStyle[x.style] {
		if f, err := strconv.ParseFloat(string(x.text), 64); err == nil {
			if s, ok := formatSerial(f, x.book.date1904); ok {
				return s
			}
		}
	}
	if s, ok := x.intern[string(x.text)]; ok {
		return s
	}
	s := string(x.text)
	if bytes.IndexByte(x.text, '&') >= 0 {
		s, _ = xmlText(x.text)
	}
	if len(s) <= 16 && len(x.intern) < 4096 {
		x.intern[s] = s
	}
	return s
}

// workbookSource is a row source that is one sheet of a workbook with others.
type workbookSource interface {
	rowSource
	// sheetInfo returns the sheet read, the visible sheets in order, and whether --sheet named it.
	sheetInfo() (sheet string, visible []string, chosen bool)
	// openSheet returns the rows of another sheet of the same workbook; closing it leaves the
	// workbook open.
	openSheet(name string) (rowSource, error)
}

var (
	_ workbookSource = (*xlsxSource)(nil)
	_ workbookSource = (*xlsSource)(nil)
)

// otherSheets returns the sheet read and the visible sheets of a workbook read without --sheet
// that has more than one visible sheet; ok is false otherwise.
func otherSheets(rs rowSource) (sheet string, visible []string, ok bool) {
	w, isBook := rs.(workbookSource)
	if !isBook {
		return "", nil, false
	}
	sheet, visible, chosen := w.sheetInfo()
	return sheet, visible, !chosen && len(visible) > 1
}

func (x *xlsxSource) sheetInfo() (string, []string, bool) { return x.sheet, x.sheets, x.chosen }

func (x *xlsxSource) openSheet(name string) (rowSource, error) {
	for _, s := range x.book.sheets {
		if s.name == name {
			other := &xlsxSource{book: &xlsxBook{}}
			*other.book = *x.book
			other.book.closer = nil
			if err := other.open(&s); err != nil {
				return nil, err
			}
			return other, nil
		}
	}
	return nil, ErrNoSheet
}

func (x *xlsSource) sheetInfo() (string, []string, bool) { return x.sheet, x.sheets, x.chosen }

func (x *xlsSource) openSheet(name string) (rowSource, error) {
	for i, s := range x.meta {
		if s.name == name {
			other := &xlsSource{wb: x.wb, sst: x.sst, date1904: x.date1904, meta: x.meta}
			if err := other.load(i); err != nil {
				return nil, err
			}
			return other, nil
		}
	}
	return nil, ErrNoSheet
}

// sheetNote looks at the other visible sheets of a workbook read without --sheet: when some of them
// also look like questionnaires, it says (in Chinese and in English) which sheet was read and how to read another.
func (r *reader) sheetNote(rs rowSource) (zh, en string) {
	sheet, visible, ok := otherSheets(rs)
	if !ok {
		return "", ""
	}
	w := rs.(workbookSource)
	var like []string
	for _, name := range visible {
		if name == sheet {
			continue
		}
		other, err := w.openSheet(name)
		if err != nil {
			continue
		}
		for range maxTitleRows + 1 {
			cells, _, err := other.Next()
			if err != nil {
				break
			}
			if _, _, _, err := r.recognise("", cells); err == nil {
				like = append(like, name)
				break
			}
		}
		other.Close()
	}
	if len(like) == 0 {
		return "", ""
	}
	return fmt.Sprintf("本文件有不止一个像问卷的工作表：读的是“%s”，没有读“%s”；要读别的工作表，请用 --sheet 工作表名称", sheet, strings.Join(like, "”“")),
		fmt.Sprintf("the file has more than one sheet that looks like a questionnaire: read “%s”, not “%s”; to read another, use --sheet SHEETNAME", sheet, strings.Join(like, "”, “"))
}
