// Command casegen writes the input files of ingest's file-case tests into ingest/testdata/cases.
// Each case is one folder with one input file; the expected results are golden files written by
// `go test ./ingest -update`. Run from the module root: go run ./ingest/internal/casegen
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const root = "ingest/testdata/cases"

var book = []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}

// row gives, per question number, the cell; missing numbers use a default complying answer.
type row map[int]string

func studentRows() []row {
	return []row{
		{1: "清河县第一中学", 2: "七年级", 3: "1", 7: "9-10小时", 8: "60-90分钟"},
		{1: "清河县第一中学", 2: "七年级", 3: "1", 7: "8小时左右", 8: "30-60分钟"},
		{1: "清河县第一中学", 2: "八年级", 3: "2", 7: "(空)", 8: "120分钟以上"},
		{1: "清河一中", 2: "九年级", 3: "3班", 7: "7-8小时", 8: "90-120分钟"},
		{1: "城关小学", 2: "三年级", 3: "（2）班", 7: "10小时及以上", 8: "没有书面家庭作业"},
		{1: "城关小学", 2: "五年级", 3: "2", 7: "9-10小时", 8: "30分钟以内"},
		{1: "城关小学", 2: "二年级", 3: "1", 7: "10小时及以上", 8: "30分钟以内"},
		{1: "城关小学", 2: "八年级", 3: "1", 7: "10小时及以上", 8: "30分钟以内"},
		{1: "清河县第一中学", 2: "高一", 3: "1", 7: "9-10小时", 8: "30分钟以内"},
		{1: "青河一中学", 2: "七年级", 3: "1", 7: "9-10小时", 8: "30分钟以内"},
		{1: "", 2: "七年级", 3: "1", 7: "9-10小时", 8: "30分钟以内"},
		{1: "马集镇中心学校", 2: "四年级", 3: "三班", 7: "10小时及以上", 8: "30-60分钟", 10: "看情况"},
		{1: "马集镇中心学校", 2: "9", 3: "1", 7: "9-10小时", 8: "60-90分钟"},
	}
}

func parentRows() []row {
	return []row{
		{1: "城关小学", 2: "一年级", 3: "1", 4: "没有书面家庭作业", 5: "10小时及以上"},
		{1: "城关小学", 2: "二年级", 3: "2", 4: "30分钟以内", 5: "9-10小时"},
		{1: "清河县第一中学", 2: "初二", 3: "1", 4: "90-120分钟", 5: "7-8小时", 14: "非常满意"},
		{1: "马集镇中心学校", 2: "六年级", 3: "（1）班", 4: "", 5: "8-9小时"},
		{1: "马集镇中心学校", 2: "七年级（初一）", 3: "2", 4: "30-60分钟", 5: "不清楚"},
	}
}

// text returns the cell of question qu in row r: the row's value, or the first option.
func text(qu *surveys.Question, r row) string {
	if v, ok := r[qu.Number]; ok {
		return v
	}
	if len(qu.Options) > 0 {
		return qu.Options[0].Text
	}
	return ""
}

func table(q *surveys.Questionnaire, rows []row, bookkeeping bool, cell func(qu *surveys.Question, r row) string) [][]string {
	var header []string
	if bookkeeping {
		header = append(header, book...)
	}
	for _, qu := range q.Questions {
		header = append(header, qu.Header())
	}
	out := [][]string{header}
	for i, r := range rows {
		var rec []string
		if bookkeeping {
			rec = append(rec, fmt.Sprint(i+1), fmt.Sprintf("2026/06/2%d 10:%02d:00", i%3, i), fmt.Sprintf("%d秒", 200+i), "手机提交", "直接访问", fmt.Sprintf("10.0.0.%d(湖南-长沙)", i))
		}
		for j := range q.Questions {
			rec = append(rec, cell(&q.Questions[j], r))
		}
		out = append(out, rec)
	}
	return out
}

func csvText(t [][]string, sep string) string {
	var b strings.Builder
	for _, rec := range t {
		for j, c := range rec {
			if j > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, sep+"\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func write(name string, data []byte) {
	path := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func xlsx(t [][]string, password string) []byte {
	f := excelize.NewFile()
	for i, rec := range t {
		cellRef, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(rec))
		for j := range rec {
			vals[j] = rec[j]
		}
		if err := f.SetSheetRow("Sheet1", cellRef, &vals); err != nil {
			log.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: password}); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

func main() {
	student := must(surveys.Builtin("student"))
	parent := must(surveys.Builtin("parent"))
	st := table(student, studentRows(), true, text)

	gb := must(simplifiedchinese.GB18030.NewEncoder().String(csvText(st, ",")))
	write("gb18030_csv/学生问卷.csv", []byte(gb))
	write("utf8_bom_csv/家长问卷.csv", append([]byte("\ufeff"), csvText(table(parent, parentRows(), true, text), ",")...))
	u16 := must(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(csvText(st, "\t")))
	write("utf16_tsv/学生问卷.txt", []byte(u16))
	write("xlsx/学生问卷.xlsx", xlsx(st, ""))

	// 按选项序号: indices, -2 未答, -3 跳过 (as real 问卷星 序号 downloads write them); grade as its index.
	ord := table(student, studentRows(), true, func(qu *surveys.Question, r row) string {
		v := text(qu, r)
		if qu.Kind == surveys.KindSchool || qu.Kind == surveys.KindClass {
			return v
		}
		if v == "" || v == "(空)" {
			return "-2"
		}
		for i, o := range qu.Options {
			if o.Text == v {
				return fmt.Sprint(i + 1)
			}
		}
		if qu.Number == 10 {
			return "-3"
		}
		return v
	})
	write("ordinal_csv/学生问卷_序号.csv", []byte(csvText(ord, ",")))

	// Hand-typed letters, headers without numbers or with a [单选题] tag, no bookkeeping.
	let := table(student, studentRows(), false, func(qu *surveys.Question, r row) string {
		v := text(qu, r)
		for i, o := range qu.Options {
			if o.Text == v && qu.Kind == surveys.KindChoice {
				switch i % 3 {
				case 0:
					return string(rune('A' + i))
				case 1:
					return string(rune('a' + i))
				default:
					return string(rune('Ａ' + i))
				}
			}
		}
		return v
	})
	for j := range let[0] {
		qu := student.Questions[j]
		if j%2 == 0 {
			let[0][j] = qu.Text
		} else {
			let[0][j] = qu.Header() + "[单选题]"
		}
	}
	write("letters_xlsx/纸质问卷录入.xlsx", xlsx(let, ""))

	// Hand-typed variants: letter prefixes, full-width digits, spaces, 初一, alias names.
	hv := table(student, studentRows(), false, func(qu *surveys.Question, r row) string {
		v := text(qu, r)
		switch qu.Number {
		case 2:
			return strings.NewReplacer("七年级", "初一", "八年级", "初 二", "九年级", "九年级（初三）").Replace(v)
		case 7:
			for i, o := range qu.Options {
				if o.Text == v {
					return fmt.Sprintf("%c. %s", 'A'+i, strings.NewReplacer("8", "８", "9", "９").Replace(v))
				}
			}
		case 8:
			for i, o := range qu.Options {
				if o.Text == v {
					return fmt.Sprintf("%c、 %s ", 'A'+i, v)
				}
			}
		case 1:
			return " " + v + " "
		}
		return v
	})
	write("handtyped_variants_csv/录入.csv", []byte(csvText(hv, ",")))

	// A truncated file: the last row is cut in the middle.
	full := csvText(st, ",")
	write("truncated_csv/学生问卷.csv", []byte(full[:len(full)-len(full)/30]))

	// A binary file named .csv.
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7 % 251)
	}
	write("binary_csv/数据.csv", bin)

	// An encrypted workbook, as Excel saves one with a password.
	write("encrypted_xlsx/加密.xlsx", xlsx(st, "secret"))

	// A zip bomb: the sheet unpacks to 4 GiB.
	write("zipbomb_xlsx/炸弹.xlsx", zipBomb())

	// A truncated xlsx: a download cut in half.
	x := xlsx(st, "")
	write("truncated_xlsx/学生问卷.xlsx", x[:len(x)/2])

	// Header only.
	write("header_only_csv/学生问卷.csv", []byte(csvText(st[:1], ",")))

	// No school column.
	noSchool := make([][]string, len(st))
	for i, rec := range st {
		noSchool[i] = append(append([]string{}, rec[:6]...), rec[7:]...)
	}
	write("no_school_column_csv/一中.csv", []byte(csvText(noSchool, ",")))

	// Duplicated headers: question 7 twice.
	dup := make([][]string, len(st))
	for i, rec := range st {
		dup[i] = append(append([]string{}, rec...), rec[12])
	}
	write("duplicate_header_csv/学生问卷.csv", []byte(csvText(dup, ",")))

	// Mixed encodings: a UTF-8 file with one row saved as GB18030.
	lines := strings.SplitAfter(full, "\r\n")
	lines[3] = must(simplifiedchinese.GB18030.NewEncoder().String(lines[3]))
	write("mixed_encoding_csv/学生问卷.csv", []byte(strings.Join(lines, "")))

	// NUL bytes inside an otherwise textual file.
	write("nul_bytes_csv/学生问卷.csv", []byte(strings.Replace(full, "手机提交", "手机\x00提交", 2)))

	// Not a questionnaire: a sheet of unrelated headers.
	write("not_questionnaire_csv/成绩表.csv", []byte("姓名,语文,数学\r\n张三,90,95\r\n"))

	// Quality rules: one computer room (one IP). Row 3 repeats row 2 four minutes later (a duplicate);
	// row 4 repeats row 2 an hour later (not a duplicate: outside the window); row 5 is a classmate with
	// one different answer (not a duplicate); row 6 took 30 seconds (too fast); row 7 goes to bed after
	// 23:00, gets up before 6:00 and sleeps 10 hours (a contradiction, reported only).
	qh := append([]string{}, book...)
	for _, qu := range student.Questions {
		qh = append(qh, qu.Header())
	}
	base := row{1: "清河县第一中学", 2: "七年级", 3: "2", 7: "9-10小时", 8: "60-90分钟"}
	qrows := [][]string{qh}
	addq := func(seq int, when, took string, r row) {
		rec := []string{fmt.Sprint(seq), when, took, "链接", "直接访问", "61.1.2.3(湖南-长沙)"}
		for j := range student.Questions {
			rec = append(rec, text(&student.Questions[j], r))
		}
		qrows = append(qrows, rec)
	}
	addq(1, "2026/06/30 10:00:00", "300秒", base)
	addq(2, "2026/06/30 10:04:00", "280秒", base)
	addq(3, "2026/06/30 11:10:00", "5分10秒", base)
	other := row{1: "清河县第一中学", 2: "七年级", 3: "2", 7: "9-10小时", 8: "30-60分钟"}
	addq(4, "2026/06/30 10:05:00", "260秒", other)
	addq(5, "2026/06/30 10:06:00", "30秒", row{1: "清河县第一中学", 2: "八年级", 3: "1", 7: "8-9小时"})
	addq(6, "2026/06/30 10:07:00", "4分", row{1: "清河县第一中学", 2: "九年级", 3: "1", 5: "23:00以后", 6: "6:00以前", 7: "10小时及以上"})
	write("quality_csv/学生问卷.csv", []byte(csvText(qrows, ",")))

	// Roster shared by the cases.
	write("roster.csv", []byte("\ufeff学校代码,学校名称,学段,城乡,别名,一年级人数,二年级人数,三年级人数,四年级人数,五年级人数,六年级人数,七年级人数,八年级人数,九年级人数\r\n"+
		"S01,清河县第一中学,初中,城区,清河一中;县一中,,,,,,,300,280,260\r\n"+
		"S02,城关小学,小学,城区,,80,80,75,75,70,70,,,\r\n"+
		"S03,马集镇中心学校,九年一贯制,乡村,马集中心校,30,30,30,30,30,30,40,40,40\r\n"))

	hostileText(st)
	hostileEncodings(st)
	hostileContainers(st)
	hostileSheets(student, st)
	hostileContent(student, parent, st)
	realExports(student, st)
}

// zipBomb returns a workbook-shaped zip whose sheet really inflates to 4 GiB of spaces (deflate stores it
// in about 4 MB; here the entry is written raw with its true size declared).
func zipBomb() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w := must(zw.Create(name))
		w.Write([]byte("<?xml version=\"1.0\"?><x/>"))
	}
	// Compress 64 MiB of spaces once, and declare the entry as 64 copies: excelize must refuse it by
	// its declared size before inflating anything.
	var comp bytes.Buffer
	{
		fw := must(zip.NewWriter(&comp).CreateHeader(&zip.FileHeader{Name: "tmp", Method: zip.Deflate}))
		_ = fw
	}
	hdr := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, UncompressedSize64: 4 << 30, CompressedSize64: 1 << 10}
	w := must(zw.CreateRaw(hdr))
	w.Write(bytes.Repeat([]byte(" "), 1<<10))
	zw.Close()
	return buf.Bytes()
}

// The cases below are bad or hostile inputs met in real offices, one fault per case. Most start from
// small: the header and four rows that are all used, so that the fault alone shows in want.txt.

func small(t [][]string) [][]string { return clone(t[:5]) }

func clone(t [][]string) [][]string {
	out := make([][]string, len(t))
	for i, rec := range t {
		out[i] = append([]string(nil), rec...)
	}
	return out
}

func gb18030(s string) []byte {
	return []byte(must(simplifiedchinese.GB18030.NewEncoder().String(s)))
}

// hostileText writes faults of CSV text: empty files, line ends, separators, quotes and odd rows.
func hostileText(st [][]string) {
	sm := csvText(small(st), ",")
	write("empty_csv/学生问卷.csv", nil)
	write("bom_only_csv/学生问卷.csv", []byte("\ufeff"))
	write("blank_lines_csv/学生问卷.csv", []byte("\r\n\r\n   \r\n\t\t\r\n\r\n"))

	// The bookkeeping columns alone: every question column deleted.
	bk := clone(st[:4])
	for i := range bk {
		bk[i] = bk[i][:len(book)]
	}
	write("bookkeeping_only_csv/学生问卷.csv", []byte(csvText(bk, ",")))

	// Old Mac line ends (CR only).
	write("cr_only_csv/学生问卷.csv", []byte(strings.ReplaceAll(sm, "\r\n", "\r")))

	// European Excel's CSV: semicolons, UTF-8 with BOM.
	write("semicolon_csv/学生问卷.csv", append([]byte("\ufeff"), csvText(small(st), ";")...))

	// An opening quote that is never closed, in the school cell of row 3 of 8.
	lines := strings.SplitAfter(csvText(st[:8], ","), "\r\n")
	lines[2] = strings.Replace(lines[2], ",清河县第一中学,", `,"清河县第一中学,`, 1)
	write("unbalanced_quote_csv/学生问卷.csv", []byte(strings.Join(lines, "")))

	// A quoted cell with line breaks in row 3 (Excel row 3 is lines 3-5); rows 8 and 9 are rejected
	// and must be reported as Excel shows them.
	ml := clone(st[:10])
	ml[2][4] = "微信群\n班主任转发\n第二次填写"
	write("multiline_cell_csv/学生问卷.csv", []byte(csvText(ml, ",")))

	// Rows with 20 empty cells after the last column (a formatted but empty range): fine.
	tc := strings.SplitAfter(sm, "\r\n")
	for i := 1; i < len(tc)-1; i++ {
		tc[i] = strings.TrimSuffix(tc[i], "\r\n") + strings.Repeat(",", 20) + "\r\n"
	}
	write("trailing_commas_csv/学生问卷.csv", []byte(strings.Join(tc, "")))

	// Row 3 has a note typed after the last column.
	ex := small(st)
	ex[2] = append(ex[2], "", "备注：该生当天请假，由家长代填")
	write("extra_cells_csv/学生问卷.csv", []byte(csvText(ex, ",")))

	// Rows of commas only, as Excel writes formatted empty rows; and one of spaces.
	cr := strings.SplitAfter(sm, "\r\n")
	commas := strings.Repeat(",", len(st[0])-1) + "\r\n"
	cr = append(cr[:3], append([]string{commas, " , ,\u3000,\r\n"}, cr[3:]...)...)
	cr = append(cr, commas, commas)
	write("comma_rows_csv/学生问卷.csv", []byte(strings.Join(cr, "")))

	// Two exports pasted into one file: the header again in row 2 and in row 6.
	two := [][]string{st[0], st[0], st[1], st[2], st[3], st[0], st[4]}
	write("repeated_header_csv/学生问卷.csv", []byte(csvText(two, ",")))

	// Excel's "CSV UTF-8" after opening and saving a 问卷星 CSV: BOM, CRLF, dates rewritten without
	// seconds; rows 2 and 3 are the same answers from one IP three minutes apart (a duplicate).
	xs := small(st)
	xs[2] = append([]string(nil), xs[1]...)
	xs[2][0] = "2"
	for i, rec := range xs[1:] {
		rec[1] = fmt.Sprintf("2026/6/30 10:%02d", 3*i)
	}
	write("excel_csv_utf8_csv/学生问卷.csv", append([]byte("\ufeff"), csvText(xs, ",")...))
}

// hostileEncodings writes faults of encoding: UTF-16 without BOM or big-endian, GB18030's 4-byte
// sequences, a GB18030 file cut inside a character, and invisible characters.
func hostileEncodings(st [][]string) {
	le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder()
	write("utf16le_nobom_tsv/学生问卷.txt", []byte(must(le.String(csvText(small(st), "\t")))))
	be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder()
	write("utf16be_bom_csv/学生问卷.csv", []byte(must(be.String(csvText(small(st), ",")))))

	// 𠀀 (U+20000) is a 4-byte GB18030 sequence; 喆 堃 玥 珺 are in GBK but not GB2312.
	g4 := small(st)
	g4[1][8] = "堃玥班"
	g4[2][8] = "珺"
	g4[3][6] = "𠀀溪小学"
	g4[4][6] = "喆山中学"
	write("gb18030_4byte_csv/学生问卷.csv", gb18030(csvText(g4, ",")))

	// A GB18030 download cut off one byte into the last character.
	gb := gb18030(csvText(small(st), ","))
	write("truncated_gb18030_csv/学生问卷.csv", gb[:len(gb)-3])

	// Text copied from web pages: no-break, zero-width and ideographic spaces, a soft hyphen and a BOM
	// in the middle of a cell.
	inv := small(st)
	inv[1][6] = "\u00a0清河县第一中学\u00a0"
	inv[2][6] = "清河县\u200b第一中学"
	inv[3][6] = "清河县第一\u00ad中学"
	inv[4][6] = "\ufeff清河一中\u3000"
	inv[1][7] = "七年级\u200b"
	write("invisible_chars_csv/学生问卷.csv", []byte(csvText(inv, ",")))
}

// hostileContainers writes files that are not what their name says: web pages, a PDF, a Word
// document and a zipped CSV named .xlsx, and workbooks whose XML is hostile.
func hostileContainers(st [][]string) {
	var h strings.Builder
	h.WriteString("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\r\n")
	h.WriteString("<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\r\n<body><table border=\"1\">\r\n")
	for _, rec := range small(st) {
		h.WriteString("<tr>")
		for _, c := range rec {
			h.WriteString("<td>" + c + "</td>")
		}
		h.WriteString("</tr>\r\n")
	}
	h.WriteString("</table></body></html>\r\n")
	write("html_table_xls/学生问卷.xls", []byte(h.String()))

	write("html_error_page_xlsx/学生问卷.xlsx", []byte("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>登录超时</title></head>\n"+
		"<body><h1>登录已超时，请重新登录后再下载</h1><p><a href=\"/login\">重新登录</a></p></body>\n</html>\n"))

	write("pdf_as_csv/学生问卷.csv", pdf())

	write("docx_as_xlsx/学生问卷.xlsx", zipOf(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>学生问卷汇总</w:t></w:r></w:p></w:body></w:document>`,
	}))

	write("zip_csv_as_xlsx/学生问卷.xlsx", zipOf(map[string]string{"学生问卷.csv": csvText(small(st), ",")}))

	// A row nested 20,000 elements deep inside the sheet XML.
	deep := strings.Repeat("<x>", 20000) + strings.Repeat("</x>", 20000)
	write("deep_xml_xlsx/学生问卷.xlsx", patchZip(xlsx(small(st), ""), "xl/worksheets/sheet1.xml", func(s string) string {
		i := strings.Index(s, `<row r="3"`)
		j := i + strings.IndexByte(s[i:], '>') + 1
		return s[:j] + deep + s[j:]
	}))

	// Shared strings with a "billion laughs" entity declaration.
	write("xml_entities_xlsx/学生问卷.xlsx", patchZip(xlsx(small(st), ""), "xl/sharedStrings.xml", func(s string) string {
		var d strings.Builder
		d.WriteString(`<!DOCTYPE sst [<!ENTITY lol0 "lol">`)
		for i := 1; i <= 9; i++ {
			fmt.Fprintf(&d, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
		}
		d.WriteString("]>")
		i := strings.Index(s, "?>") + 2
		s = s[:i] + d.String() + s[i:]
		return strings.Replace(s, "<t>清河县第一中学</t>", "<t>&lol9;</t>", 1)
	}))
}

// pdf returns a small PDF of one page with a compressed content stream.
func pdf() []byte {
	var content bytes.Buffer
	zw := must(flate.NewWriter(&content, flate.BestCompression))
	for i := 0; i < 40; i++ {
		fmt.Fprintf(zw, "BT /F1 12 Tf 72 %d Td (Row %d: 2026 survey) Tj ET\n", 720-i*14, i)
	}
	zw.Close()
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", content.Len())
	b.Write(content.Bytes())
	b.WriteString("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

// zipOf returns a zip of the given files, in name order.
func zipOf(files map[string]string) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w := must(zw.Create(n))
		w.Write([]byte(files[n]))
	}
	zw.Close()
	return buf.Bytes()
}

// patchZip returns the zip data with the entry name rewritten by fn.
func patchZip(data []byte, name string, fn func(string) string) []byte {
	zr := must(zip.NewReader(bytes.NewReader(data), int64(len(data))))
	files := map[string]string{}
	for _, f := range zr.File {
		rc := must(f.Open())
		b := must(io.ReadAll(rc))
		rc.Close()
		files[f.Name] = string(b)
	}
	if _, ok := files[name]; !ok {
		log.Fatalf("patchZip: no %s", name)
	}
	files[name] = fn(files[name])
	return zipOf(files)
}

// sheet is one worksheet of a workbook made by workbook.
type sheet struct {
	name string
	rows [][]any
}

func anyRows(t [][]string) [][]any {
	out := make([][]any, len(t))
	for i, rec := range t {
		out[i] = make([]any, len(rec))
		for j, c := range rec {
			out[i][j] = c
		}
	}
	return out
}

// workbook returns an .xlsx of the sheets, after edit (which may be nil) has changed it.
func workbook(sheets []sheet, edit func(f *excelize.File)) []byte {
	f := excelize.NewFile()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				log.Fatal(err)
			}
		} else {
			must(f.NewSheet(s.name))
		}
		for r, rec := range s.rows {
			cellRef, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cellRef, &rec); err != nil {
				log.Fatal(err)
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// hostileSheets writes workbooks laid out in ways people make them: the data on another sheet, a
// title row, merged header cells, numbers and dates stored as numbers, formulas, wrapped headers.
func hostileSheets(student *surveys.Questionnaire, st [][]string) {
	data := anyRows(small(st))
	write("empty_first_sheet_xlsx/学生问卷.xlsx", workbook([]sheet{{"Sheet1", nil}, {"问卷数据", data}}, nil))
	write("named_sheet_xlsx/学生问卷.xlsx", workbook([]sheet{{"问卷数据", data}}, nil))
	write("instructions_first_sheet_xlsx/学生问卷.xlsx", workbook([]sheet{
		{"填写说明", [][]any{{"填写说明"}, {"1. 本表由问卷星导出，请勿修改表头。"}, {"2. 数据在“问卷数据”工作表中。"}}},
		{"问卷数据", data},
	}, nil))

	// A title merged across the columns above the header, as offices add before printing.
	last, _ := excelize.ColumnNumberToName(len(st[0]))
	titled := append([][]any{{"清河县2026年春季学期义务教育学生课业负担调查（学生卷）"}}, data...)
	write("title_row_xlsx/学生问卷.xlsx", workbook([]sheet{{"Sheet1", titled}}, func(f *excelize.File) {
		if err := f.MergeCell("Sheet1", "A1", last+"1"); err != nil {
			log.Fatal(err)
		}
	}))

	// Two header rows: group names merged over the columns, then the questions.
	grouped := append([][]any{{"答卷信息", "", "", "", "", "", "基本信息", "", "", "问卷题目"}}, data...)
	write("merged_header_xlsx/学生问卷.xlsx", workbook([]sheet{{"Sheet1", grouped}}, func(f *excelize.File) {
		for _, m := range [][2]string{{"A1", "F1"}, {"G1", "I1"}, {"J1", last + "1"}} {
			if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
				log.Fatal(err)
			}
		}
	}))

	write("numeric_cells_xlsx/学生问卷.xlsx", numericWorkbook(student))

	write("formulas_xlsx/学生问卷.xlsx", formulaWorkbook(st, true))
	write("formulas_nocache_xlsx/学生问卷.xlsx", formulaWorkbook(st, false))

	// Headers wrapped with Alt+Enter and padded with spaces.
	wrapped := small(st)
	for j := 6; j < len(wrapped[0]); j++ {
		rs := []rune(wrapped[0][j])
		wrapped[0][j] = string(rs[:len(rs)/2]) + "\n" + string(rs[len(rs)/2:]) + " "
	}
	write("header_linebreaks_xlsx/学生问卷.xlsx", workbook([]sheet{{"Sheet1", anyRows(wrapped)}}, nil))
}

// numericWorkbook returns a 问卷星 按选项序号 download as Excel stores it: answers, 序号, grade, class
// and 所用时间 as numbers, and 提交答卷时间 as date serials shown with a date format. Rows 2 and 3
// are the same answers from one IP two minutes apart: a duplicate only if the serials are read.
func numericWorkbook(student *surveys.Questionnaire) []byte {
	header := append([]any(nil), anyRows([][]string{book})[0]...)
	for _, qu := range student.Questions {
		header = append(header, qu.Header())
	}
	excelEpoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	rows := [][]any{header}
	for i, r := range []struct {
		minute      int
		ip          string
		grade, time int
	}{{0, "61.1.2.3", 7, 3}, {2, "61.1.2.3", 7, 3}, {5, "61.1.2.4", 8, 4}, {9, "61.1.2.5", 9, 2}} {
		when := time.Date(2026, 6, 30, 10, r.minute, 0, 0, time.UTC)
		serial := when.Sub(excelEpoch).Hours() / 24
		rec := []any{i + 1, serial, 250 + i, "链接", "直接访问", r.ip + "(湖南-长沙)", "清河县第一中学", r.grade, 2}
		for _, qu := range student.Questions[3:] {
			n := 1
			if qu.Number == 7 || qu.Number == 8 {
				n = r.time
			}
			rec = append(rec, n)
		}
		rows = append(rows, rec)
	}
	return workbook([]sheet{{"Sheet1", rows}}, func(f *excelize.File) {
		style := must(f.NewStyle(&excelize.Style{NumFmt: 22}))
		if err := f.SetCellStyle("Sheet1", "B2", "B5", style); err != nil {
			log.Fatal(err)
		}
	})
}

// formulaWorkbook returns a sheet whose school, grade and class cells of rows 2 and 3 are formulas.
// Excel stores each formula's last result next to it; files written by scripts often do not.
func formulaWorkbook(st [][]string, cached bool) []byte {
	formulas := map[string][2]string{ // cell → formula, result
		"G2": {`CONCATENATE("清河县","第一中学")`, "清河县第一中学"},
		"H2": {`"七"&"年级"`, "七年级"},
		"I2": {`1+0`, "1"},
		"G3": {`G2`, "清河县第一中学"},
		"H3": {`H2`, "七年级"},
		"I3": {`I2+1`, "2"},
	}
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	return patchZip(xlsx(small(st), ""), "xl/worksheets/sheet1.xml", func(s string) string {
		for cell, fr := range formulas {
			re := regexp.MustCompile(`<c r="` + cell + `"[^>]*>.*?</c>`)
			if !re.MatchString(s) {
				log.Fatalf("formulaWorkbook: no cell %s", cell)
			}
			c := `<c r="` + cell + `"><f>` + esc.Replace(fr[0]) + `</f></c>`
			if cached {
				c = `<c r="` + cell + `" t="str"><f>` + esc.Replace(fr[0]) + `</f><v>` + fr[1] + `</v></c>`
			}
			s = re.ReplaceAllLiteralString(s, c)
		}
		return s
	})
}

// hostileContent writes files that read but hold the wrong thing or hostile text.
func hostileContent(student, parent *surveys.Questionnaire, st [][]string) {
	write("roster_as_answers_csv/学校名册.csv", must(os.ReadFile(filepath.Join(root, "roster.csv"))))

	// A parent file with a 学生编号 column: rows 2 and 3 are the same child's answers sent twice from
	// two phones; row 4 is another child with the same answers from row 2's phone (not a duplicate).
	ph := append(append(append([]string(nil), book...), "学生编号"), table(parent, nil, false, text)[0]...)
	pt := [][]string{ph}
	for i, r := range []struct{ id, ip, when string }{
		{"20260701", "10.0.0.1", "2026/06/30 20:00:00"},
		{"20260701", "10.0.0.2", "2026/06/30 20:05:00"},
		{"20260702", "10.0.0.1", "2026/06/30 20:06:00"},
	} {
		rec := []string{fmt.Sprint(i + 1), r.when, "200秒", "微信", "直接访问", r.ip + "(湖南-长沙)", r.id}
		rec = append(rec, table(parent, parentRows()[:1], false, text)[1]...)
		pt = append(pt, rec)
	}
	write("parent_student_id_csv/家长问卷.csv", []byte(csvText(pt, ",")))

	// School names that are markup or spreadsheet formulas: kept as text, rejected as unmatched.
	hn := clone(st[:8])
	for i, name := range []string{"<script>alert(1)</script>", `=HYPERLINK("http://x","y")`, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "清河县第一中学"} {
		hn[i+1][6] = name
	}
	write("hostile_names_csv/学生问卷.csv", []byte(csvText(hn, ",")))

	// A 50,000-character cell (a pasted link with its tracking data) in 来源详情.
	lc := small(st)
	lc[2][4] = "https://www.wjx.cn/vm/abc.aspx?" + strings.Repeat("x", 50000-31)
	write("long_cell_csv/学生问卷.csv", []byte(csvText(lc, ",")))

	// A quoted cell of 20,000 characters with 2,000 doubled quotes and 500 line breaks in row 3.
	lq := clone(st[:10])
	lq[2][4] = strings.Repeat(`说"明"`+strings.Repeat("好", 12)+"\n", 500) + strings.Repeat(`"`, 1000)
	write("long_quoted_cell_csv/学生问卷.csv", []byte(csvText(lq, ",")))
}
