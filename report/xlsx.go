package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/internal/cellsafe"
	"github.com/xuri/excelize/v2"
)

// fixedTime is written as the workbook's created and modified time, so the same results give the
// same bytes.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

// WriteTables writes tables.xlsx: an overview sheet (school × indicator %) and one sheet per indicator
// with n, 未答, 无效, 不适用, 无法判定, complying n, %, interval and flag. Text from the data is made safe
// against formula injection.
func WriteTables(w io.Writer, r *analysis.Results) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime, Creator: "jianfu", Title: "减负监测表格"}); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F3"}}})
	if err != nil {
		return err
	}
	flag, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9B1C1C"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FBE3E1"}}})
	if err != nil {
		return err
	}
	const overview = "总览"
	if err := f.SetSheetName("Sheet1", overview); err != nil {
		return err
	}
	// Overview: schools × indicators.
	hdr := []any{"学校代码", "学校名称"}
	for _, ir := range r.Indicators {
		hdr = append(hdr, ir.Indicator.Name+"（"+ir.Questionnaire.Title+"）%")
	}
	if err := f.SetSheetRow(overview, "A1", &hdr); err != nil {
		return err
	}
	row := 2
	for si, s := range r.Schools {
		vals := []any{cellsafe.Text(s.Code), cellsafe.Text(s.Name)}
		hasAny := false
		for _, ir := range r.Indicators {
			var v interface{} = ""
			for _, sr := range ir.Schools {
				if sr.School == si {
					hasAny = true
					if sr.Suppressed {
						v = "—"
					} else {
						v = round1(100 * sr.P)
					}
				}
			}
			vals = append(vals, v)
		}
		if !hasAny {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(overview, cell, &vals); err != nil {
			return err
		}
		row++
	}
	last, _ := excelize.CoordinatesToCellName(len(hdr), 1)
	if err := f.SetCellStyle(overview, "A1", last, head); err != nil {
		return err
	}
	if err := f.SetColWidth(overview, "B", "B", 24); err != nil {
		return err
	}
	// One sheet per indicator result.
	used := map[string]bool{overview: true}
	for _, ir := range r.Indicators {
		name := sheetName(ir.Indicator.Name+"-"+strings.TrimSuffix(ir.Questionnaire.Title, "问卷"), used)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		h := []any{"学校代码", "学校名称", "有效回答", "未答", "无效", "不适用", "无法判定", "达标人数", "达标率%", "95%下限", "95%上限", "被标记", "备注"}
		if err := f.SetSheetRow(name, "A1", &h); err != nil {
			return err
		}
		put := func(row int, code, label string, e analysis.Estimate, flagged bool) error {
			note := ""
			var p, lo, hi any = round1(100 * e.P), round1(100 * e.Low), round1(100 * e.High)
			switch {
			case e.Suppressed:
				p, lo, hi = "—", "—", "—"
				note = fmt.Sprintf("有效回答少于%d，不报告比例", r.Profile.MinN)
			case e.Small:
				note = "样本不足，仅供参考"
			}
			if math.IsNaN(e.P) {
				p, lo, hi = "—", "—", "—"
			}
			fl := ""
			if flagged {
				fl = "是"
			}
			vals := []any{cellsafe.Text(code), cellsafe.Text(label), e.Judged(), e.Missing, e.Invalid, e.NotApplicable, e.Undeterminable, e.Comply, p, lo, hi, fl, note}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(name, cell, &vals); err != nil {
				return err
			}
			if flagged {
				a, _ := excelize.CoordinatesToCellName(1, row)
				b, _ := excelize.CoordinatesToCellName(len(vals), row)
				return f.SetCellStyle(name, a, b, flag)
			}
			return nil
		}
		if err := put(2, "", "全县", ir.Overall, false); err != nil {
			return err
		}
		for i, sr := range ir.Schools {
			s := r.Schools[sr.School]
			if err := put(3+i, s.Code, s.Name, sr.Estimate, sr.Flagged); err != nil {
				return err
			}
		}
		lastH, _ := excelize.CoordinatesToCellName(len(h), 1)
		if err := f.SetCellStyle(name, "A1", lastH, head); err != nil {
			return err
		}
		if err := f.SetColWidth(name, "B", "B", 24); err != nil {
			return err
		}
		if err := f.SetColWidth(name, "M", "M", 28); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func round1(x float64) any {
	if math.IsNaN(x) {
		return "—"
	}
	return math.Round(x*10) / 10
}

// sheetName makes a valid, unique Excel sheet name: at most 31 characters, none of : \ / ? * [ ].
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	rs := []rune(s)
	if len(rs) > 28 {
		rs = rs[:28]
	}
	name := string(rs)
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s%d", string(rs), i)
	}
	used[name] = true
	return name
}
