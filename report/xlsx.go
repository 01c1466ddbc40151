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
	county := []any{"", "全县", ""}
	for _, ir := range r.Indicators {
		county = append(county, round1(100*ir.Overall.P))
	}
	if err := f.SetSheetRow(overview, "A2", &county); err != nil {
		return err
	}
	row := 3
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
	if lastCol, _ := excelize.ColumnNumberToName(len(hdr)); len(hdr) > 3 {
		if err := f.SetColWidth(overview, "D", lastCol, 12); err != nil {
			return err
		}
		if err := f.SetRowHeight(overview, 1, 48); err != nil {
			return err
		}
	}
	if err := f.SetPanes(overview, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 1, TopLeftCell: "D2", ActivePane: "bottomRight"}); err != nil {
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
	for _, t := range longTables(r) {
		if err := writeLong(f, t, head, used); err != nil {
			return err
		}
	}
	if err := writeTimetableSheet(f, r.Timetable, head); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// longTable is a sheet in long form (one row per cell of the report's tables), for R and Excel pivots.
type longTable struct {
	name   string
	header []string
	widths []float64 // column widths in characters; 0 means a default
	rows   [][]any
}

// writeLong writes a long table with a bold shaded header row, frozen, filtered, and readable widths.
func writeLong(f *excelize.File, t longTable, head int, used map[string]bool) error {
	name := sheetName(t.name, used)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	h := make([]any, len(t.header))
	for i, x := range t.header {
		h[i] = x
	}
	if err := f.SetSheetRow(name, "A1", &h); err != nil {
		return err
	}
	for i, row := range t.rows {
		for j, v := range row {
			if s, ok := v.(string); ok {
				row[j] = cellsafe.Text(s)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(name, cell, &row); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(h), 1)
	if err := f.SetCellStyle(name, "A1", last, head); err != nil {
		return err
	}
	for i, hd := range t.header {
		w := 0.0
		if i < len(t.widths) {
			w = t.widths[i]
		}
		if w == 0 {
			w = max(8, cellWidth(hd)+2)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(t.rows) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(h), len(t.rows)+1)
		return f.AutoFilter(name, "A1:"+end, nil)
	}
	return nil
}

// cellWidth is the display width of s in Excel's character units: Chinese characters count two.
func cellWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

// longTables are the report's tables in long form: every breakdown, homework means, response rates,
// answer distributions and students beside parents.
func longTables(r *analysis.Results) []longTable {
	est := func(e analysis.Estimate) []any {
		if e.Suppressed || math.IsNaN(e.P) {
			return []any{e.Judged(), e.Missing, e.Comply, "—", "—", "—"}
		}
		return []any{e.Judged(), e.Missing, e.Comply, round1(100 * e.P), round1(100 * e.Low), round1(100 * e.High)}
	}
	groups := longTable{name: "分组（学段、年级、城乡）", header: []string{"指标代码", "指标", "问卷", "分组类型", "分组", "有效回答", "未答", "达标人数", "达标率%", "95%下限", "95%上限"},
		widths: []float64{20, 18, 8, 10, 12}}
	for _, ir := range r.Indicators {
		for _, g := range []struct {
			kind string
			gs   []analysis.Group
		}{{"学段", ir.Bands}, {"年级", ir.Grades}, {"城乡", ir.Locales}} {
			for _, gr := range g.gs {
				groups.rows = append(groups.rows, append([]any{ir.Indicator.Code, ir.Indicator.Name, ir.Questionnaire.Title, g.kind, gr.Name}, est(gr.Estimate)...))
			}
		}
		for _, sr := range ir.Schools {
			for _, gr := range sr.Bands {
				groups.rows = append(groups.rows, append([]any{ir.Indicator.Code, ir.Indicator.Name, ir.Questionnaire.Title, "学校·学段", sr.Name + "·" + gr.Name}, est(gr.Estimate)...))
			}
		}
	}
	homework := longTable{name: "作业平均时长", header: []string{"问卷", "学校代码", "学校名称", "学段", "回答数", "平均分钟", "标准上限分钟", "超过标准", "达标率%"},
		widths: []float64{12, 10, 24}}
	for _, ir := range r.Indicators {
		add := func(code, name string, h analysis.HomeworkMean) {
			over := ""
			if h.Over {
				over = "是"
			}
			homework.rows = append(homework.rows, []any{ir.Questionnaire.Title, code, name, bandName(r.Profile, h.Band), h.N, round1(h.Minutes), h.Limit, over, round1(100 * h.Share)})
		}
		for _, h := range ir.Homework {
			add("", "全县", h)
		}
		for _, sr := range ir.Schools {
			for _, h := range sr.Homework {
				if h.N >= r.Profile.MinN {
					add(r.Schools[sr.School].Code, sr.Name, h)
				}
			}
		}
	}
	rates := longTable{name: "应答率", header: []string{"学校代码", "学校名称", "问卷", "有效问卷", "在籍人数（名册）", "应答率%", "偏低"}, widths: []float64{10, 24, 12}}
	for _, rr := range r.ResponseRates {
		low := ""
		if rr.Low {
			low = "是"
		}
		var enrol any = rr.Enrolment
		if rr.Enrolment == 0 {
			enrol = "—"
		}
		rates.rows = append(rates.rows, []any{r.Schools[rr.School].Code, r.Schools[rr.School].Name, questionnaireOf(r, rr.Questionnaire).Title, rr.Respondents, enrol, round1(100 * rr.Rate), low})
	}
	dist := longTable{name: "选项分布", header: []string{"题目代码", "项目", "问卷", "范围", "学校代码", "名称", "选项序号", "选项", "人数", "占作答者%"},
		widths: []float64{18, 20, 12, 8, 10, 24, 8, 20}}
	for _, d := range append(append([]*analysis.Distribution{}, r.Measures...), r.Distributions...) {
		name := d.Measure.Name
		add := func(scope, code, label string, oc analysis.OptionCounts, suppressed bool) {
			for j, n := range oc.Options {
				var share any = round1(100 * oc.Share(j))
				if suppressed {
					share = "—"
				}
				opt := ""
				if j < len(d.Question.Options) {
					opt = d.Question.Options[j].Text
				}
				dist.rows = append(dist.rows, []any{d.Question.Code, name, d.Questionnaire.Title, scope, code, label, j + 1, opt, n, share})
			}
		}
		add("全县", "", "全县", d.Overall, false)
		for _, bd := range d.Bands {
			add("学段", "", bd.Band.Name, bd.OptionCounts, false)
		}
		for _, sd := range d.Schools {
			add("学校", r.Schools[sd.School].Code, sd.Name, sd.OptionCounts, sd.Suppressed)
		}
	}
	sp := longTable{name: "学生与家长", header: []string{"指标代码", "指标", "学校代码", "学校名称", "学生有效回答", "学生达标率%", "家长有效回答", "家长达标率%", "差（学生−家长）", "95%下限", "95%上限", "差异显著"},
		widths: []float64{20, 18, 10, 24}}
	for _, c := range r.StudentParent {
		add := func(code, name string, d analysis.Difference) {
			sig := ""
			if d.Significant {
				sig = "是"
			}
			sp.rows = append(sp.rows, []any{c.Indicator.Code, c.Indicator.Name, code, name, d.Student.Judged(), pctCell(d.Student), d.Parent.Judged(), pctCell(d.Parent),
				round1(100 * d.D), round1(100 * d.Low), round1(100 * d.High), sig})
		}
		add("", "全县", c.County)
		for _, d := range c.Schools {
			add(r.Schools[r.Units[d.Unit].School].Code, d.Name, d)
		}
	}
	out := []longTable{groups, homework, rates, dist}
	if len(r.StudentParent) > 0 {
		out = append(out, sp)
	}
	return out
}

func pctCell(e analysis.Estimate) any {
	if e.Suppressed {
		return "—"
	}
	return round1(100 * e.P)
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
