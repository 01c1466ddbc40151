package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Source is one input file: a name shown in messages and a way to open it.
type Source struct {
	Name string
	Open func() (io.ReadCloser, error)
	// Found marks a file found in a folder rather than named: when it turns out not to be a
	// questionnaire (its header is not one, or it is not a table at all) Read skips it and says why.
	Found bool
}

// FileSource returns the Source of a file on disk.
func FileSource(path string) Source {
	return Source{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// FSSource returns the Source of a file in fsys (such as the embedded demo county).
func FSSource(fsys fs.FS, name string) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return fsys.Open(name) }}
}

// inputExts are the file endings a folder is searched for.
var inputExts = map[string]bool{".csv": true, ".txt": true, ".tsv": true, ".xlsx": true, ".xlsm": true, ".xls": true}

// Expand turns paths (files and folders) into Sources, sorted by name within each folder. Files in a
// folder that are not .csv, .txt, .tsv or .xlsx are skipped, as are Excel's lock files (~$…).
func Expand(paths []string) ([]Source, error) {
	var out []Source
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, plainFSError(err))
		}
		if !st.IsDir() {
			out = append(out, FileSource(p))
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", p, err)
		}
		var names []string
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, "~$") || strings.HasPrefix(n, ".") || !inputExts[strings.ToLower(filepath.Ext(n))] {
				continue
			}
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, fmt.Errorf("folder %s has no .csv, .txt, .tsv or .xlsx files", p)
		}
		for _, n := range names {
			out = append(out, FileSource(filepath.Join(p, n)))
		}
	}
	return out, nil
}

// PlainFSError words the common file-system errors (not found, permission denied) plainly, without
// Go's "open …: no such file or directory".
func PlainFSError(err error) error { return plainFSError(err) }

func plainFSError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("文件不存在 (file not found)")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("没有读取权限 (permission denied)")
	}
	return err
}

// Counter is told how many bytes of input have been read, for a progress bar; a workbook's sheet
// reports the share of the file it has read. The command line renders it on a terminal only.
type Counter interface {
	Add(n int64)
}

// Limits bound what one input may cost. Zero fields take the defaults.
type Limits struct {
	MaxFileBytes   int64 // largest file read (default 2 GiB); XLSX files are read whole, up to MaxXLSXBytes
	MaxXLSXBytes   int64 // largest .xlsx file (default 256 MiB)
	UnzipSizeLimit int64 // largest unpacked .xlsx content (default 512 MiB): zip bombs stop here
	MaxLineBytes   int   // longest line of a text file (default 1 MiB)
	MaxColumns     int   // most columns in a header (default 1000)
	MaxXLSBytes    int64 // largest old-format .xls file (default 64 MiB), which is read whole
	MaxCells       int   // most cells in an .xls workbook (default 2,500,000, about 630 MB held; 65,536 rows × 38 columns)
}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = 2 << 30
	}
	if l.MaxXLSXBytes <= 0 {
		l.MaxXLSXBytes = 256 << 20
	}
	if l.UnzipSizeLimit <= 0 {
		l.UnzipSizeLimit = 512 << 20
	}
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = 1 << 20
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = 1000
	}
	if l.MaxXLSBytes <= 0 {
		l.MaxXLSBytes = 64 << 20
	}
	if l.MaxCells <= 0 {
		l.MaxCells = 2_500_000
	}
	return l
}

// rowSource yields the rows of one sheet or text file. row is the row number as Excel shows it.
type rowSource interface {
	Next() (cells []string, row int, err error)
	Describe() string // "GB18030, comma-separated" or "sheet Sheet1"
	Close() error
}

// Sentinel errors for files that cannot be read; FileError wraps them with the file name.
var (
	ErrEncrypted     = errors.New("文件设有打开密码（已加密）：请在 Excel 中取消密码，另存为 .xlsx 或 CSV 后再试")
	ErrNotText       = errors.New("不是表格文件（含有二进制内容）：请导出为 .xlsx 或 CSV")
	ErrCorruptZip    = errors.New("xlsx 文件不完整或已损坏：请重新下载或在 Excel 中另存一次")
	ErrZipBomb       = errors.New("xlsx 解压后超过大小上限（可能是压缩炸弹），已停止读取")
	ErrTooLarge      = errors.New("文件超过大小上限")
	ErrLineTooLong   = errors.New("有一行超过长度上限（文件可能不是问卷导出，或缺少换行）")
	ErrEmptyFile     = errors.New("文件是空的（没有任何内容）：请重新从问卷星下载，或检查是否选错了文件")
	ErrUnclosedQuote = errors.New("引号没有配对：从这一行起，后面的内容都被读成了一个单元格。请在 Excel 中打开文件，检查这一行中的英文双引号（\"），改正后另存为 CSV")
	ErrHTML          = errors.New("这是网页（HTML）文件，不是真正的表格：请用 Excel 打开后另存为 .xlsx；如果是“登录超时”等页面，请重新登录后再下载")
	ErrNoSheet       = errors.New("找不到指定的工作表")
)

// detailError is a plain sentence for the user with the technical cause kept for --debug.
type detailError struct {
	base   error
	detail error
}

func (e *detailError) Error() string   { return e.base.Error() }
func (e *detailError) Unwrap() []error { return []error{e.base, e.detail} }

func withDetail(base, detail error) error { return &detailError{base: base, detail: detail} }

// FileError is a file that could not be read at all.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string {
	if e.File == "" {
		return e.Err.Error()
	}
	return e.File + "：" + e.Err.Error()
}
func (e *FileError) Unwrap() error { return e.Err }

type openOptions struct {
	encoding string
	sheet    string
	limits   Limits
	progress Counter
}

// openSource opens a file and decides from its first bytes, not its name, what it is.
func openSource(src Source, o openOptions) (rowSource, error) {
	rc, err := src.Open()
	if err != nil {
		return nil, plainFSError(err)
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(8 << 10)
	switch {
	case len(head) == 0:
		rc.Close()
		return nil, ErrEmptyFile
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return openXLSX(io.Reader(br), rc, o)
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return openXLS(br, rc, o)
	}
	return openText(br, rc, head, o)
}

// openText reads CSV or tab-separated text in UTF-8, GB18030 or UTF-16.
func openText(br *bufio.Reader, c io.Closer, head []byte, o openOptions) (rowSource, error) {
	enc, name, err := chooseEncoding(head, o.encoding)
	if err != nil {
		c.Close()
		return nil, err
	}
	if !strings.HasPrefix(name, "UTF-16") && bytes.IndexByte(head, 0) >= 0 {
		c.Close()
		return nil, ErrNotText
	}
	var r io.Reader = &countingReader{r: br, limit: o.limits.MaxFileBytes, progress: o.progress}
	if enc != nil {
		r = transform.NewReader(r, enc.NewDecoder())
	} else if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		if _, err := br.Discard(3); err != nil {
			c.Close()
			return nil, err
		}
	}
	sniff := bufio.NewReaderSize(r, 64<<10)
	if peek, _ := sniff.Peek(8 << 10); crLines(peek) {
		r = &crReader{r: sniff} // old Mac line ends: a lone CR ends each line
	} else {
		r = sniff
	}
	r = &lineLimitReader{r: r, max: o.limits.MaxLineBytes}
	lr := bufio.NewReaderSize(r, 64<<10)
	first, _ := lr.Peek(4 << 10)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if looksHTML(first) {
		c.Close()
		return nil, ErrHTML
	}
	comma := ','
	best := bytes.Count(first, []byte{','})
	for _, sep := range []rune{'\t', ';'} {
		if n := bytes.Count(first, []byte(string(sep))); n > best {
			comma, best = sep, n
		}
	}
	cr := csv.NewReader(lr)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	sep := map[rune]string{',': "逗号分隔", '\t': "制表符分隔", ';': "分号分隔"}[comma]
	return &textSource{cr: cr, c: c, desc: name + "，" + sep, checkUTF8: enc == nil, limits: o.limits}, nil
}

// chooseEncoding returns the decoder for the file (nil for UTF-8) and its name. A BOM decides; else
// valid UTF-8 in the first bytes means UTF-8; else GB18030. forced ("utf-8", "gb18030", "gbk",
// "utf-16le", "utf-16be") overrides.
func chooseEncoding(head []byte, forced string) (encoding.Encoding, string, error) {
	switch strings.ToLower(strings.ReplaceAll(forced, "-", "")) {
	case "":
	case "utf8":
		return nil, "UTF-8", nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return simplifiedchinese.GB18030, "GB18030", nil
	case "utf16le", "utf16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "UTF-16LE", nil
	case "utf16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "UTF-16BE", nil
	default:
		return nil, "", fmt.Errorf("unknown encoding %q (use utf-8, gb18030, utf-16le or utf-16be)", forced)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return nil, "UTF-8（带BOM）", nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE", nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE", nil
	}
	if le, be := zeroParity(head); le || be {
		if le {
			return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "UTF-16LE（无BOM）", nil
		}
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "UTF-16BE（无BOM）", nil
	}
	// The header line decides when it has Chinese in it: a file saved in one encoding with a few rows
	// pasted in from another must be read in the header's encoding, and those rows reported.
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	if !isASCII(line) {
		if validUTF8Prefix(line) {
			return nil, "UTF-8", nil
		}
		return simplifiedchinese.GB18030, "GB18030", nil
	}
	if validUTF8Prefix(head) {
		return nil, "UTF-8", nil
	}
	return simplifiedchinese.GB18030, "GB18030", nil
}

// zeroParity recognises UTF-16 without a BOM: ASCII characters (digits, punctuation, commas, tabs,
// line ends) leave a zero byte in every other position, and text has no other zero bytes.
func zeroParity(b []byte) (le, be bool) {
	var odd, even int
	for i, c := range b {
		if c == 0 {
			if i%2 == 1 {
				odd++
			} else {
				even++
			}
		}
	}
	if odd+even < 8 {
		return false, false
	}
	// CJK characters such as 一 (U+4E00) put a zero in the other position now and then.
	return odd > 10*even && odd > len(b)/20, even > 10*odd && even > len(b)/20
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut off at its end.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

type textSource struct {
	cr        *csv.Reader
	c         io.Closer
	desc      string
	checkUTF8 bool
	limits    Limits
	extra     int // lines taken by line breaks inside quoted cells so far
	ncols     int // columns of the first record
	nextLine  int // the line the next record starts on when no empty line comes between

	// encoding/csv skips empty lines, but Excel shows each as a row: the empty lines found before a
	// record are handed out as blank rows first, then the record itself.
	blanks     int      // empty lines still to hand out
	blankRow   int      // the row of the next of them
	pending    []string // the record that follows them
	pendingRow int
}

// swallowed reports whether a cell holds what looks like further rows of the file: a quote opened and
// never closed makes the reader take everything after it as one cell. A cell with two or more lines
// that each hold at least half a row's separators is taken as such.
func swallowed(rec []string, sep rune, ncols int) bool {
	need := max(3, ncols/2)
	for _, c := range rec {
		if strings.IndexByte(c, '\n') < 0 {
			continue
		}
		rows := 0
		for _, line := range strings.Split(c, "\n") {
			if strings.Count(line, string(sep)) >= need {
				rows++
			}
		}
		if rows >= 2 {
			return true
		}
	}
	return false
}

func (t *textSource) Describe() string { return t.desc }
func (t *textSource) Close() error     { return t.c.Close() }

func (t *textSource) Next() ([]string, int, error) {
	if t.blanks > 0 {
		t.blanks--
		t.blankRow++
		return []string{}, t.blankRow - 1, nil
	}
	if t.pending != nil {
		rec := t.pending
		t.pending = nil
		return rec, t.pendingRow, nil
	}
	rec, err := t.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, ErrLineTooLong) || errors.Is(pe.Err, ErrTooLarge) {
				return nil, pe.Line, pe.Err
			}
		}
		for _, e := range []error{ErrLineTooLong, ErrTooLarge} {
			if errors.Is(err, e) {
				return nil, 0, e
			}
		}
		return nil, 0, err
	}
	// Excel shows a record as one row however many line breaks its quoted cells hold, so the row number
	// is the record's first line less the extra lines of the records before it.
	line, _ := t.cr.FieldPos(0)
	row := line - t.extra
	if t.ncols == 0 {
		t.ncols = len(rec)
	} else if swallowed(rec, t.cr.Comma, t.ncols) {
		return nil, row, ErrUnclosedQuote
	}
	gap := 0
	if t.nextLine > 0 {
		gap = line - t.nextLine // empty lines between the previous record and this one
	}
	if n := len(rec); n > 0 {
		last, _ := t.cr.FieldPos(n - 1)
		end := last + strings.Count(rec[n-1], "\n")
		t.extra += end - line
		t.nextLine = end + 1
	}
	if gap > 0 {
		t.pending, t.pendingRow = rec, row
		t.blanks, t.blankRow = gap-1, row-gap+1
		return []string{}, row - gap, nil
	}
	return rec, row, nil
}

// badCell returns the first cell of a row that did not decode cleanly, or -1.
func badCell(cells []string, checkUTF8 bool) int {
	for j, c := range cells {
		for i := 0; i < len(c); {
			if c[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(c[i:])
			if r == utf8.RuneError { // invalid bytes or U+FFFD, as before
				return j
			}
			i += size
		}
	}
	return -1
}

// crLines reports whether lines end with a lone CR (old Mac files): lone CRs outnumber LFs. An LF
// inside a quoted cell of such a file, or a stray CR in a cell of an LF or CRLF file, does not
// change the decision.
func crLines(b []byte) bool {
	lone, lf := 0, 0
	for i, c := range b {
		switch {
		case c == '\n':
			lf++
		case c == '\r' && (i+1 >= len(b) || b[i+1] != '\n'):
			lone++
		}
	}
	return lone > lf
}

// crReader turns every CR into LF, for files whose lines end with a lone CR.
type crReader struct{ r io.Reader }

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// looksHTML reports whether a file's first line is an HTML page (a web system's "Excel" export, or a
// login page saved by mistake).
func looksHTML(line []byte) bool {
	l := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\ufeff"))))
	for _, p := range []string{"<!doctype html", "<html", "<table", "<?xml", "<head", "<meta"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return true
		}
	}
	return false
}

// countingReader stops a file past its size limit and reports progress in bytes.
type countingReader struct {
	r        io.Reader
	n, limit int64
	progress Counter
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && n > 0 {
		c.progress.Add(int64(n))
	}
	if c.limit > 0 && c.n > c.limit {
		return n, ErrTooLarge
	}
	return n, err
}

// lineLimitReader fails when a line grows past max bytes, so a file with no line breaks cannot
// make the CSV reader hold gigabytes.
type lineLimitReader struct {
	r   io.Reader
	max int
	cur int
}

func (l *lineLimitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if i := bytes.LastIndexByte(p[:n], '\n'); i >= 0 {
		l.cur = n - i - 1
		// The longest line inside p also counts.
		prev := -1
		for j := bytes.IndexByte(p[:n], '\n'); j >= 0 && j <= i; {
			if j-prev-1 > l.max || (prev < 0 && l.cur+j > l.max) {
				return n, ErrLineTooLong
			}
			prev = j
			k := bytes.IndexByte(p[j+1:n], '\n')
			if k < 0 {
				break
			}
			j += k + 1
		}
	} else {
		l.cur += n
	}
	if l.cur > l.max {
		return n, ErrLineTooLong
	}
	return n, err
}

// maxXMLDepth is the deepest element nesting a worksheet may have. A real sheet nests about five deep
// (worksheet, sheetData, row, c, v or is/t); a crafted one nests millions deep and makes the XML
// parser take minutes and gigabytes.
const maxXMLDepth = 64

// ErrXMLDepth is a workbook whose sheet XML is nested far deeper than any real sheet.
var ErrXMLDepth = errors.New("xlsx 工作表的内部结构异常（XML 嵌套过深），不像 Excel 或问卷星生成的文件：请在 Excel 中打开后另存为 .xlsx，或导出为 CSV")
