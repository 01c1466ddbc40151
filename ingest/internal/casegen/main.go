// Command casegen writes the input files of ingest's file-case tests into ingest/testdata/cases.
// Each case is one folder with one input file; the expected results are golden files written by
// `go test ./ingest -update`. Run from the module root: go run ./ingest/internal/casegen
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

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

	// 按选项序号: indices, -3 未答, -2 跳过; grade as its index.
	ord := table(student, studentRows(), true, func(qu *surveys.Question, r row) string {
		v := text(qu, r)
		if qu.Kind == surveys.KindSchool || qu.Kind == surveys.KindClass {
			return v
		}
		if v == "" || v == "(空)" {
			return "-3"
		}
		for i, o := range qu.Options {
			if o.Text == v {
				return fmt.Sprint(i + 1)
			}
		}
		if qu.Number == 10 {
			return "-2"
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
