package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"github.com/shakinm/xlsReader/xls"
)

// Old-format workbooks (.xls, BIFF8, Excel 97-2003) are read through github.com/shakinm/xlsReader,
// the maintained Go reader that reads real 问卷星 .xls downloads. It trusts its input: it slices
// records by their stated lengths, swallows some errors and holds every cell in maps. So before it
// sees a file, scanBIFF walks the workbook stream itself: every record must lie inside the stream,
// every sheet must end, the cells are counted against a limit, and the sheets' hidden flags (which
// the library does not expose) are read; and the library runs under recover, so a file that still
// trips it is a located error, not a crash.

// Errors of old-format workbooks.
var (
	ErrXLSDamaged = errors.New("旧版 Excel 文件（.xls）不完整或已损坏：请重新下载，或在 Excel 中打开后另存为 .xlsx")
	ErrXLSOld     = errors.New("这是 Excel 95 或更早的格式，无法读取：请在 Excel 中打开后另存为 .xlsx")
	ErrXLSCells   = errors.New("旧版 Excel 文件（.xls）的单元格数超过上限（问卷导出不会这么大）：请在 Excel 中另存为 .xlsx 或 CSV 后再试")
	ErrNotExcel   = errors.New("这是 Word、PowerPoint 或其他 Office 文档，不是 Excel 工作簿：请选择问卷星导出的 .xlsx、.xls 或 CSV 文件")
)

// biffSheet is one sheet as the workbook stream's BOUNDSHEET record gives it.
type biffSheet struct {
	name     string
	hidden   bool
	cells    int
	formulas []biffFormula
	labels   []biffLabel
}

// biffLabel is a cell holding a shared string: its place and the string's index.
type biffLabel struct {
	row, col int
	isst     uint32
}

// biffFormula is the cached result of a formula cell: a number (with its cell style) or text.
type biffFormula struct {
	row, col, xf int
	isNum        bool
	num          float64
	text         string
}

// openXLS reads an old-format workbook into memory (it is bounded by the file-size and cell limits)
// and returns the rows of the sheet to read: the named one, else the first visible one.
func openXLS(r io.Reader, c io.Closer, o openOptions) (rs rowSource, err error) {
	defer c.Close()
	data, err := io.ReadAll(&countingReader{r: r, limit: o.limits.MaxXLSBytes, progress: o.progress})
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("%w（.xls 上限 %d MB；请在 Excel 中另存为 .xlsx）", ErrTooLarge, o.limits.MaxXLSBytes>>20)
		}
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			rs, err = nil, withDetail(ErrXLSDamaged, fmt.Errorf("xlsReader: %v", p))
		}
	}()
	stream, err := workbookStream(data)
	if err != nil {
		return nil, err
	}
	sheets, sst, err := scanBIFF(stream, o.limits.MaxCells)
	if err != nil {
		return nil, err
	}
	wb, err := xls.OpenReader(bytes.NewReader(cleanCFB(stream)))
	if err != nil {
		return nil, withDetail(ErrXLSDamaged, err)
	}
	if wb.GetNumberSheets() != len(sheets) {
		return nil, withDetail(ErrXLSDamaged, fmt.Errorf("%d sheets read of %d", wb.GetNumberSheets(), len(sheets)))
	}
	x := &xlsSource{wb: &wb, sst: sst, chosen: o.sheet != "", meta: sheets}
	for _, s := range sheets {
		if s.hidden {
			x.hidden = append(x.hidden, s.name)
		} else {
			x.sheets = append(x.sheets, s.name)
		}
	}
	pick := -1
	for i, s := range sheets {
		if (o.sheet == "" && !s.hidden) || (o.sheet != "" && strings.TrimSpace(s.name) == strings.TrimSpace(o.sheet)) {
			pick = i
			break
		}
	}
	if pick < 0 {
		var all []string
		for _, s := range sheets {
			all = append(all, s.name)
		}
		if o.sheet != "" {
			return nil, fmt.Errorf("%w “%s”（有：%s）", ErrNoSheet, o.sheet, strings.Join(all, "、"))
		}
		return nil, fmt.Errorf("%w：工作簿没有可见的工作表（%s）；请用 --sheet 指定要读的工作表", ErrNoSheet, strings.Join(all, "、"))
	}
	if err := x.load(pick); err != nil {
		return nil, err
	}
	return x, nil
}

// workbookStream returns the BIFF workbook stream of a compound file, or why there is none. It
// reads the container with github.com/richardlehane/mscfb, which checks sector chains for cycles
// (the container reader inside xlsReader follows them for ever).
func workbookStream(data []byte) ([]byte, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, withDetail(ErrXLSDamaged, err)
	}
	var book *mscfb.File
	for {
		e, err := doc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, withDetail(ErrXLSDamaged, err)
		}
		switch e.Name {
		case "Workbook":
			book = e
		case "Book":
			if book == nil {
				book = e
			}
		case "EncryptedPackage", "EncryptionInfo":
			return nil, ErrEncrypted // an .xlsx with a password is a compound file holding these
		case "WordDocument", "PowerPoint Document":
			return nil, ErrNotExcel
		}
	}
	if book == nil {
		return nil, ErrXLSDamaged
	}
	if book.Size > int64(len(data)) {
		return nil, withDetail(ErrXLSDamaged, fmt.Errorf("stream of %d bytes in a file of %d", book.Size, len(data)))
	}
	stream := make([]byte, book.Size)
	if _, err := io.ReadFull(book, stream); err != nil {
		return nil, withDetail(ErrXLSDamaged, err)
	}
	return stream, nil
}

// cleanCFB wraps a workbook stream in a new, well-formed compound file (version 3, 512-byte
// sectors), so that xlsReader's container reader never sees the file's own sector tables. The
// stream is padded to 4096 bytes so that it never lives in the mini stream; the BIFF records end
// before the padding.
func cleanCFB(stream []byte) []byte {
	const (
		sector     = 512
		perSector  = sector / 4
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		difatSect  = 0xFFFFFFFC
	)
	if len(stream) < 4096 {
		stream = append(stream, make([]byte, 4096-len(stream))...)
	}
	nStream := (len(stream) + sector - 1) / sector
	nFAT, nDIFAT := 1, 0
	for {
		total := nFAT + nDIFAT + 1 + nStream
		f := (total + perSector - 1) / perSector
		d := max(0, (f-109+perSector-2)/(perSector-1))
		if f == nFAT && d == nDIFAT {
			break
		}
		nFAT, nDIFAT = f, d
	}
	// Sectors: DIFAT sectors, FAT sectors, the directory, then the stream.
	firstFAT := nDIFAT
	dirSect := nDIFAT + nFAT
	firstStream := dirSect + 1
	total := firstStream + nStream
	le := binary.LittleEndian
	out := make([]byte, sector*(1+total))
	h := out[:sector]
	copy(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], uint32(nFAT))
	le.PutUint32(h[48:], uint32(dirSect))
	le.PutUint32(h[56:], 4096)
	le.PutUint32(h[60:], endOfChain)
	le.PutUint32(h[68:], endOfChain)
	if nDIFAT > 0 {
		le.PutUint32(h[68:], 0)
	}
	le.PutUint32(h[72:], uint32(nDIFAT))
	sec := func(i int) []byte { return out[sector*(1+i) : sector*(2+i)] }
	for i := range 109 {
		v := uint32(freeSect)
		if i < nFAT {
			v = uint32(firstFAT + i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	for d := range nDIFAT {
		b := sec(d)
		for k := range perSector - 1 {
			v := uint32(freeSect)
			if i := 109 + d*(perSector-1) + k; i < nFAT {
				v = uint32(firstFAT + i)
			}
			le.PutUint32(b[4*k:], v)
		}
		next := uint32(endOfChain)
		if d+1 < nDIFAT {
			next = uint32(d + 1)
		}
		le.PutUint32(b[sector-4:], next)
	}
	fat := func(i int, v uint32) { le.PutUint32(sec(firstFAT + i/perSector)[4*(i%perSector):], v) }
	for i := range nFAT * perSector {
		fat(i, freeSect)
	}
	for i := range nDIFAT {
		fat(i, difatSect)
	}
	for i := range nFAT {
		fat(firstFAT+i, fatSect)
	}
	fat(dirSect, endOfChain)
	for i := range nStream {
		v := uint32(firstStream + i + 1)
		if i == nStream-1 {
			v = endOfChain
		}
		fat(firstStream+i, v)
	}
	dir := sec(dirSect)
	entry := func(e []byte, name string, typ byte, child, start uint32, size int) {
		u := utf16.Encode([]rune(name))
		for i, c := range u {
			le.PutUint16(e[2*i:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], freeSect)
		le.PutUint32(e[72:], freeSect)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], uint64(size))
	}
	entry(dir[0:128], "Root Entry", 5, 1, endOfChain, 0)
	entry(dir[128:256], "Workbook", 2, freeSect, uint32(firstStream), len(stream))
	for i := 2; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], freeSect)
		le.PutUint32(e[72:], freeSect)
		le.PutUint32(e[76:], freeSect)
	}
	copy(out[sector*(1+firstStream):], stream)
	return out
}

// BIFF record types scanBIFF looks at.
const (
	biffSST        = 0x00FC
	biffContinue   = 0x003C
	biffBOF        = 0x0809
	biffEOF        = 0x000A
	biffBoundSheet = 0x0085
	biffFilePass   = 0x002F
)

// scanBIFF checks the record structure of a workbook stream and returns its sheets with their
// hidden flags and cell counts. The total of cells may not pass maxCells.
func scanBIFF(s []byte, maxCells int) ([]biffSheet, []string, error) {
	rec := func(pos int) (id, n int, ok bool) {
		if pos+4 > len(s) {
			return 0, 0, false
		}
		id, n = int(binary.LittleEndian.Uint16(s[pos:])), int(binary.LittleEndian.Uint16(s[pos+2:]))
		return id, n, pos+4+n <= len(s)
	}
	id, n, ok := rec(0)
	if !ok || id != biffBOF || n < 4 {
		return nil, nil, ErrXLSDamaged
	}
	if v := binary.LittleEndian.Uint16(s[4:]); v != 0x0600 {
		return nil, nil, ErrXLSOld
	}
	var sheets []biffSheet
	var offsets []int
	var sstChunks [][]byte
	inSST := false
	for pos := 0; ; {
		id, n, ok := rec(pos)
		if !ok {
			return nil, nil, withDetail(ErrXLSDamaged, fmt.Errorf("workbook globals end at byte %d", pos))
		}
		body := s[pos+4 : pos+4+n]
		if inSST && id != biffContinue {
			inSST = false
		}
		switch id {
		case biffSST:
			sstChunks, inSST = [][]byte{body}, true
		case biffContinue:
			if inSST {
				sstChunks = append(sstChunks, body)
			}
		case biffFilePass:
			return nil, nil, ErrEncrypted
		case biffBoundSheet:
			if n < 8 {
				return nil, nil, ErrXLSDamaged
			}
			if body[5] == 0 { // worksheets only: charts and macro sheets hold no rows
				sheets = append(sheets, biffSheet{name: biffString(body[6:]), hidden: body[4]&3 != 0})
				offsets = append(offsets, int(binary.LittleEndian.Uint32(body)))
			} else {
				sheets = append(sheets, biffSheet{name: biffString(body[6:]), hidden: true})
				offsets = append(offsets, -1)
			}
		}
		pos += 4 + n
		if id == biffEOF {
			break
		}
	}
	total := 0
	for i, off := range offsets {
		if off < 0 {
			continue
		}
		cells, formulas, labels, err := walkSheet(s, off, rec)
		if err != nil {
			return nil, nil, err
		}
		sheets[i].cells, sheets[i].formulas, sheets[i].labels = cells, formulas, labels
		if total += cells; maxCells > 0 && total > maxCells {
			return nil, nil, fmt.Errorf("%w（%d 个，上限 %d 个）", ErrXLSCells, total, maxCells)
		}
	}
	sst, err := readBIFFSST(sstChunks)
	if err != nil {
		return nil, nil, err
	}
	return sheets, sst, nil
}

// readBIFFSST reads the shared strings from the SST record and its CONTINUE records. A string's
// characters may run on into the next record, which then starts with a flags byte saying whether
// they are one or two bytes each. (xlsReader loses strings across these records in large tables.)
func readBIFFSST(chunks [][]byte) ([]string, error) {
	if len(chunks) == 0 {
		return nil, nil
	}
	if len(chunks[0]) < 8 {
		return nil, ErrXLSDamaged
	}
	unique := int(binary.LittleEndian.Uint32(chunks[0][4:]))
	r := &sstReader{chunks: chunks, pos: 8}
	out := make([]string, 0, min(unique, 1<<20))
	for range unique {
		s, err := r.str()
		if err != nil {
			return nil, withDetail(ErrXLSDamaged, fmt.Errorf("shared string %d of %d: %w", len(out)+1, unique, err))
		}
		out = append(out, s)
	}
	return out, nil
}

// sstReader reads across the SST record and its CONTINUE records.
type sstReader struct {
	chunks [][]byte
	ci     int
	pos    int
}

var errSSTEnd = errors.New("shared strings end early")

// take returns the next n bytes of header or formatting data, which continue with no flags byte.
func (r *sstReader) take(n int) ([]byte, error) {
	var out []byte
	for n > 0 {
		if r.pos >= len(r.chunks[r.ci]) {
			if r.ci+1 >= len(r.chunks) {
				return nil, errSSTEnd
			}
			r.ci, r.pos = r.ci+1, 0
			continue
		}
		k := min(n, len(r.chunks[r.ci])-r.pos)
		out = append(out, r.chunks[r.ci][r.pos:r.pos+k]...)
		r.pos += k
		n -= k
	}
	return out, nil
}

func (r *sstReader) str() (string, error) {
	h, err := r.take(3)
	if err != nil {
		return "", err
	}
	cch, flags := int(binary.LittleEndian.Uint16(h)), h[2]
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		b, err := r.take(2)
		if err != nil {
			return "", err
		}
		runs = int(binary.LittleEndian.Uint16(b))
	}
	if flags&0x04 != 0 {
		b, err := r.take(4)
		if err != nil {
			return "", err
		}
		ext = int(binary.LittleEndian.Uint32(b))
	}
	wide := flags&1 != 0
	chars := make([]rune, 0, cch)
	for len(chars) < cch {
		if r.pos >= len(r.chunks[r.ci]) {
			if r.ci+1 >= len(r.chunks) {
				return "", errSSTEnd
			}
			r.ci, r.pos = r.ci+1, 1
			if len(r.chunks[r.ci]) == 0 {
				return "", errSSTEnd
			}
			wide = r.chunks[r.ci][0]&1 != 0
			continue
		}
		width := 1
		if wide {
			width = 2
		}
		k := min(cch-len(chars), (len(r.chunks[r.ci])-r.pos)/width)
		if k == 0 {
			return "", errSSTEnd
		}
		chars = append(chars, utf16Runes(r.chunks[r.ci][r.pos:r.pos+k*width], wide)...)
		r.pos += k * width
	}
	if _, err := r.take(4*runs + ext); err != nil {
		return "", err
	}
	return string(utf16.Decode(runesToUTF16(chars))), nil
}

// runesToUTF16 turns code units held as runes back into UTF-16 code units, so that surrogate pairs
// split across records decode as one character.
func runesToUTF16(rs []rune) []uint16 {
	u := make([]uint16, len(rs))
	for i, r := range rs {
		u[i] = uint16(r)
	}
	return u
}

// walkSheet walks one sheet's records from its BOF to its EOF, counts the cells they hold and
// collects the cached results of its formulas.
func walkSheet(s []byte, pos int, rec func(int) (int, int, bool)) (int, []biffFormula, []biffLabel, error) {
	id, n, ok := rec(pos)
	if !ok || id != biffBOF {
		return 0, nil, nil, withDetail(ErrXLSDamaged, fmt.Errorf("no sheet at byte %d", pos))
	}
	cells := 0
	var formulas []biffFormula
	var labels []biffLabel
	pendingString := -1 // index in formulas of a string result whose STRING record comes next
	for depth := 0; ; {
		id, n, ok = rec(pos)
		if !ok {
			return 0, nil, nil, withDetail(ErrXLSDamaged, fmt.Errorf("sheet at byte %d does not end", pos))
		}
		body := s[pos+4 : pos+4+n]
		switch id {
		case biffBOF:
			depth++ // an embedded chart has its own BOF … EOF
		case biffEOF:
			depth--
		case 0x0006: // FORMULA
			cells++
			if depth == 1 && n >= 14 {
				f := biffFormula{row: int(binary.LittleEndian.Uint16(body)), col: int(binary.LittleEndian.Uint16(body[2:])), xf: int(binary.LittleEndian.Uint16(body[4:]))}
				res := body[6:14]
				switch {
				case res[6] != 0xFF || res[7] != 0xFF:
					f.isNum, f.num = true, math.Float64frombits(binary.LittleEndian.Uint64(res))
				case res[0] == 0: // text, in the STRING record that follows
					pendingString = len(formulas)
				case res[0] == 1:
					f.text = map[bool]string{true: "TRUE", false: "FALSE"}[res[2] != 0]
				case res[0] == 2:
					f.text = biffErrors[res[2]]
				}
				formulas = append(formulas, f)
			}
		case 0x0207: // STRING: the text result of the formula before it
			if pendingString >= 0 && n >= 3 {
				cch := int(binary.LittleEndian.Uint16(body))
				formulas[pendingString].text = biffString(append([]byte{byte(min(cch, 255))}, body[2:]...))
				if cch > 255 {
					formulas[pendingString].text = biffLongString(body)
				}
			}
			pendingString = -1
		case 0x00FD: // LABELSST
			cells++
			if depth == 1 && n >= 10 {
				labels = append(labels, biffLabel{row: int(binary.LittleEndian.Uint16(body)), col: int(binary.LittleEndian.Uint16(body[2:])), isst: binary.LittleEndian.Uint32(body[6:])})
			}
		case 0x0203, 0x027E, 0x0204, 0x0205, 0x00D6, 0x0201: // NUMBER RK LABEL BOOLERR RSTRING BLANK
			cells++
		case 0x00BD: // MULRK
			cells += max(0, (n-6)/6)
		case 0x00BE: // MULBLANK
			cells += max(0, (n-6)/2)
		}
		pos += 4 + n
		if depth == 0 {
			return cells, formulas, labels, nil
		}
	}
}

// biffErrors are the texts of Excel's error codes.
var biffErrors = map[byte]string{0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}

// biffLongString reads an XLUnicodeString with a 16-bit character count.
func biffLongString(b []byte) string {
	n, wide, rest := int(binary.LittleEndian.Uint16(b)), b[2]&1 != 0, b[3:]
	if !wide {
		return string(utf16Runes(rest[:min(n, len(rest))], false))
	}
	return string(utf16Runes(rest[:min(2*n, len(rest)-len(rest)%2)], true))
}

func utf16Runes(b []byte, wide bool) []rune {
	if !wide {
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return r
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return utf16.Decode(u)
}

// biffString reads a BIFF8 short string: a character count, a flags byte (bit 0: UTF-16, else
// one byte per character), then the characters.
func biffString(b []byte) string {
	if len(b) < 2 {
		return ""
	}
	n, wide, rest := int(b[0]), b[1]&1 != 0, b[2:]
	if !wide {
		return string(utf16Runes(rest[:min(n, len(rest))], false))
	}
	return string(utf16Runes(rest[:min(2*n, len(rest)-len(rest)%2)], true))
}

// xlsSource is one sheet of an old-format workbook, held as rows of text.
type xlsSource struct {
	wb     *xls.Workbook
	sst    []string // the shared strings, read by readBIFFSST
	meta   []biffSheet
	sheet  string
	sheets []string // the visible sheets, in order
	hidden []string
	chosen bool
	rows   [][]string
	nums   []int
	pos    int
}

// load converts sheet i to rows of text; rows with no value are left out. Formula cells, which the
// library skips, are read from their cached results by sheetFormulas.
func (x *xlsSource) load(i int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = withDetail(ErrXLSDamaged, fmt.Errorf("xlsReader: %v", p))
		}
	}()
	sh, err := x.wb.GetSheet(i)
	if err != nil {
		return withDetail(ErrXLSDamaged, err)
	}
	x.sheet, x.rows, x.nums, x.pos = x.meta[i].name, nil, nil, 0
	grid := map[int][]string{}
	set := func(r, c int, v string) {
		v = strings.TrimRight(v, "\x00")
		if v == "" {
			return
		}
		cells := grid[r]
		for len(cells) <= c {
			cells = append(cells, "")
		}
		cells[c] = v
		grid[r] = cells
	}
	// Not sh.GetRows: it recounts the rows for every row it returns (minutes for 60,000 rows).
	for r, n := 0, sh.GetNumberRows(); r < n; r++ {
		row, err := sh.GetRow(r)
		if err != nil {
			return withDetail(ErrXLSDamaged, err)
		}
		for c, cd := range row.GetCols() {
			if cd.GetType() != "*record.LabelSSt" { // shared strings are read below, from our own table
				set(r, c, x.cellText(cd))
			}
		}
	}
	for _, l := range x.meta[i].labels {
		if int(l.isst) >= len(x.sst) {
			return &SheetError{Sheet: x.sheet, Row: l.row + 1, Err: withDetail(ErrXLSDamaged, fmt.Errorf("shared string %d of %d", l.isst, len(x.sst)))}
		}
		set(l.row, l.col, x.sst[l.isst])
	}
	for _, f := range x.meta[i].formulas {
		v := f.text
		if f.isNum {
			v = x.numberText(f.num, f.xf)
		}
		set(f.row, f.col, v)
	}
	nums := make([]int, 0, len(grid))
	for r := range grid {
		nums = append(nums, r)
	}
	slices.Sort(nums)
	for _, r := range nums {
		x.rows = append(x.rows, grid[r])
		x.nums = append(x.nums, r+1)
	}
	return nil
}

// cellText is the text a user sees: numbers in a date format become dates, as in .xlsx.
func (x *xlsSource) cellText(cd interface {
	GetString() string
	GetFloat64() float64
	GetXFIndex() int
	GetType() string
}) string {
	switch cd.GetType() {
	case "*record.Number", "*record.Rk":
		return x.numberText(cd.GetFloat64(), cd.GetXFIndex())
	}
	return cd.GetString()
}

// numberText writes a number as Excel's general format does, or as a date when its cell style
// (XF) has a date format.
func (x *xlsSource) numberText(v float64, xfIndex int) string {
	xf := x.wb.GetXFbyIndex(xfIndex)
	id := xf.GetFormatIndex()
	date := builtinDateFormat(id)
	if id >= 164 {
		f := x.wb.GetFormatByIndex(id)
		date = isDateFormat(f.String())
	}
	if date {
		if s, ok := formatSerial(v, false); ok {
			return s
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (x *xlsSource) Next() ([]string, int, error) {
	if x.pos >= len(x.rows) {
		return nil, 0, io.EOF
	}
	x.pos++
	return x.rows[x.pos-1], x.nums[x.pos-1], nil
}

// Describe names the sheet read, and the hidden sheets that were not.
func (x *xlsSource) Describe() string {
	d := "旧版 Excel（.xls）工作表“" + x.sheet + "”"
	if len(x.hidden) > 0 {
		d += "（隐藏的工作表“" + strings.Join(x.hidden, "”“") + "”未读）"
	}
	return d
}

func (x *xlsSource) Close() error { return nil }
