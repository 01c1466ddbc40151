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
	hdr := []any{"学校代码", "学校名称", "学段"}
	for _, ir := range r.Indicators {
		hdr = append(hdr, ir.Indicator.Name+"（"+ir.Questionnaire.Title+"）%")
	}
	if err := f.SetSheetRow(overview, "A1", &hdr); err != nil {
		return err
	}
	row := 2
	for ui, u := range r.Units {
		s := r.Schools[u.School]
		vals := []any{cellsafe.Text(s.Code), cellsafe.Text(u.Name), u.Stage}
		hasAny := false
		for _, ir := range r.Indicators {
			var v interface{} = ""
			for _, sr := range ir.Schools {
				if sr.Unit == ui {
					hasAny = true
					if !sr.Shown() {
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
		// The columns mean what the same-named fields of results.json mean (docs/results-schema.md).
		h := []any{"学校代码", "学校名称", "学段", "可判定回答 n_valid", "未答 n_missing", "无效 n_invalid", "不适用 n_not_applicable", "无法判定 n_undecidable",
			"达标人数 n_comply", "达标率% p", "区间方法 interval", "95%下限 ci_low", "95%上限 ci_high", "Wilson下限 wilson_low", "Wilson上限 wilson_high",
			"有效样本量 n_eff", "设计效应 deff", "范围下限% bound_low", "范围上限% bound_high", "标记 flag", "与全县其他学校比较 vs_county", "备注"}
		if err := f.SetSheetRow(name, "A1", &h); err != nil {
			return err
		}
		put := func(row int, code, label, stage string, e analysis.Estimate, vs *analysis.Contrast) error {
			dash := "—"
			var nComply, p, method, lo, hi, wlo, whi, neff, deff, blo, bhi any = dash, dash, dash, dash, dash, dash, dash, dash, dash, "", ""
			note := ""
			switch {
			case e.Suppressed:
				note = e.SuppressReason
				if note == "" {
					note = fmt.Sprintf("可判定的回答少于%d，不报告比例", r.Profile.MinN)
				}
			case e.Small:
				note = "样本不足，仅供参考"
			}
			if e.Shown() {
				nComply, p, method = e.Comply, round1(100*e.P), string(e.Interval)
				lo, hi, wlo, whi = round1(100*e.Low), round1(100*e.High), round1(100*e.WilsonLow), round1(100*e.WilsonHigh)
				neff, deff = round1(e.NEff), round2(e.Deff)
				if e.Undeterminable > 0 {
					blo, bhi = round1(100*e.BoundLow), round1(100*e.BoundHigh)
				}
				if e.LowDF {
					note = "自由度小于8，结果不稳定"
				}
			}
			fl := ""
			switch {
			case e.Suppressed && stage != "":
				fl = "样本不足，无法判定"
			case e.Flag == analysis.FlagConfirmed:
				fl = "需整改"
			case e.Flag == analysis.FlagPossible:
				fl = "需关注"
				note = e.FlagReason
			}
			cmp := ""
			if vs != nil && vs.Significant {
				cmp = "明显高于全县"
				if vs.Diff < 0 {
					cmp = "明显低于全县"
				}
			}
			vals := []any{cellsafe.Text(code), cellsafe.Text(label), stage, e.Judged(), e.Missing, e.Invalid, e.NotApplicable, e.Undeterminable,
				nComply, p, method, lo, hi, wlo, whi, neff, deff, blo, bhi, fl, cmp, note}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(name, cell, &vals); err != nil {
				return err
			}
			if e.Flagged {
				a, _ := excelize.CoordinatesToCellName(1, row)
				b, _ := excelize.CoordinatesToCellName(len(vals), row)
				return f.SetCellStyle(name, a, b, flag)
			}
			return nil
		}
		if err := put(2, "", "全县", "", ir.Overall, nil); err != nil {
			return err
		}
		for i, sr := range ir.Schools {
			s := r.Schools[sr.School]
			if err := put(3+i, s.Code, sr.Name, sr.Stage, sr.Estimate, sr.VsCounty); err != nil {
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
		if err := f.SetColWidth(name, "V", "V", 40); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func round2(x float64) any {
	if math.IsNaN(x) {
		return "—"
	}
	return math.Round(x*100) / 100
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
