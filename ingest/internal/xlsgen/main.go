// Command xlsgen writes the old-format (.xls, BIFF8) inputs of ingest's tests: it builds each
// workbook as .xlsx with excelize and has LibreOffice convert it, as an office that re-saves a
// download in Excel 97-2003 format would. The names in them are made up. Run from the module root
// (LibreOffice's soffice must be installed): go run ./ingest/internal/xlsgen
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

const root = "ingest/testdata"

// sheet is one sheet to write: name, hidden, rows.
type sheet struct {
	name   string
	hidden bool
	rows   [][]any
}

func main() {
	tmp, err := os.MkdirTemp("", "xlsgen")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	student, err := surveys.Builtin("student")
	if err != nil {
		log.Fatal(err)
	}
	this := studentRows(student, false)
	last := studentRows(student, true)
	convert(tmp, "cases/xls/学生问卷.xls", []sheet{{"Sheet1", false, this}})
	convert(tmp, "cases/xls_hidden_first_sheet/学生问卷.xls", []sheet{{"2025秋", true, last}, {"2026春", false, this}})
	convert(tmp, "cases/xls_two_questionnaire_sheets/学生问卷.xls", []sheet{{"七年级", false, this}, {"八年级", false, last}})
	full, err := os.ReadFile(filepath.Join(root, "cases/xls/学生问卷.xls"))
	if err != nil {
		log.Fatal(err)
	}
	write("cases/xls_truncated/学生问卷.xls", full[:len(full)/2])
	convert(tmp, "xls/long_strings.xls", []sheet{{"文本", false, longStrings()}})
	convert(tmp, "xls/roster.xls", []sheet{{"名册", false, [][]any{
		{"学校代码", "学校名称", "学段", "城乡", "别名", "一年级人数", "二年级人数", "三年级人数", "四年级人数", "五年级人数", "六年级人数", "七年级人数", "八年级人数", "九年级人数"},
		{"S01", "清河县第一中学", "初中", "城区", "清河一中;县一中", nil, nil, nil, nil, nil, nil, 300, 280, 260},
		{"S02", "城关小学", "小学", "城区", nil, 80, 80, 75, 75, 70, 70},
		{"S03", "马集镇中心学校", "九年一贯制", "乡村", "马集中心校", 30, 30, 30, 30, 30, 30, 40, 40, 40},
	}}})
}

// LongStringRows is how many rows long_strings.xls has; its shared-string table runs over many
// CONTINUE records, some breaking inside a string.
const LongStringRows = 1500

// longStrings returns rows of distinct texts, Chinese (two bytes a character) and ASCII (one)
// mixed, so that strings cross record boundaries in both widths. ingest's tests build the same.
func longStrings() [][]any {
	rows := [][]any{{"编号", "文本"}}
	for i := 1; i <= LongStringRows; i++ {
		rows = append(rows, []any{fmt.Sprintf("id-%05d", i), fmt.Sprintf("第%d行：大概%d分钟 mixed ASCII text %d", i, i%120, i*7)})
	}
	return rows
}

// studentRows is a 问卷星 text export of the student questionnaire: the bookkeeping columns, the
// submission time as an Excel date-time (styled later), 所用时间 as text, a class as a number, a
// school name computed by a formula, and one row with the last-year school.
func studentRows(q *surveys.Questionnaire, lastYear bool) [][]any {
	header := []any{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}
	for _, qu := range q.Questions {
		header = append(header, qu.Header())
	}
	rows := [][]any{header}
	schools := []string{"清河县第一中学", "清河一中", "城关小学", "马集镇中心学校", "清河县第一中学"}
	grades := []string{"七年级", "八年级", "五年级", "九年级", "初一"}
	if lastYear {
		schools = []string{"马集镇中心学校", "马集镇中心学校"}
	}
	start := time.Date(2026, 3, 2, 9, 58, 1, 0, time.UTC)
	for i, s := range schools {
		r := []any{i + 1, start.Add(time.Duration(i) * 37 * time.Minute), fmt.Sprintf("%d秒", 300+i*17), "手机提交", "直接访问", fmt.Sprintf("10.1.%d.%d(湖南-长沙)", i, i+5)}
		for j, qu := range q.Questions {
			var v any
			switch qu.Kind {
			case surveys.KindSchool:
				v = s
			case surveys.KindGrade:
				v = grades[i%len(grades)]
			case surveys.KindClass:
				v = i%3 + 1 // a number, as Excel keeps a typed 2
			default:
				if len(qu.Options) > 0 {
					v = qu.Options[(i+j)%len(qu.Options)].Text
				}
			}
			r = append(r, v)
		}
		rows = append(rows, r)
	}
	return rows
}

// convert writes sheets as .xlsx in tmp and converts it to .xls at name under root. Column B of
// every data row is styled as a date-time; a cell holding "=formula" text becomes a formula.
func convert(tmp, name string, sheets []sheet) {
	f := excelize.NewFile()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		log.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				log.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			log.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				log.Fatal(err)
			}
			if r > 0 && len(row) > 1 {
				if _, ok := row[1].(time.Time); ok {
					ref, _ := excelize.CoordinatesToCellName(2, r+1)
					f.SetCellStyle(s.name, ref, ref, dateStyle)
				}
			}
		}
	}
	// The first visible sheet is active (Excel will not hide the active sheet) and gets one formula,
	// whose cached value only a reader that reads FORMULA records sees.
	for i, s := range sheets {
		if !s.hidden {
			f.SetActiveSheet(i)
			if s.rows[0][0] == "序号" { // a questionnaire export
				if err := f.SetCellFormula(s.name, "G3", `"清河"&"一中"`); err != nil {
					log.Fatal(err)
				}
			}
			break
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				log.Fatal(err)
			}
		}
	}
	src := filepath.Join(tmp, filepath.Base(filepath.Dir(name))+".xlsx")
	if err := f.SaveAs(src); err != nil {
		log.Fatal(err)
	}
	// A private profile: another LibreOffice running at the same time would otherwise hold the lock.
	profile := "-env:UserInstallation=file://" + filepath.Join(tmp, "lo-profile")
	out, err := exec.Command("soffice", profile, "--headless", "--calc", "--convert-to", "xls:MS Excel 97", "--outdir", tmp, src).CombinedOutput()
	if err != nil {
		log.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(src[:len(src)-len(".xlsx")] + ".xls")
	if err != nil {
		log.Fatalf("%v\n%s", err, out)
	}
	write(name, data)
}

func write(name string, data []byte) {
	p := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		log.Fatal(err)
	}
}
