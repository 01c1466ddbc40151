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
// against formula injection. Sheet names, headers and jianfu's own words are in lang (default Chinese);
// school names stay as written.
func WriteTables(w io.Writer, r *analysis.Results, lang analysis.Lang) error {
	b := newBuilder(r, DataQuality{}, Options{Lang: lang})
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime, Creator: "jianfu", Title: b.t("减负监测表格", "Burden survey tables")}); err != nil {
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
	overview := b.t("总览", "Overview")
	if err := f.SetSheetName("Sheet1", overview); err != nil {
		return err
	}
	// Overview: schools × indicators.
	hdr := []any{b.t("学校代码", "School code"), b.t("学校名称", "School"), b.t("学段", "Stage")}
	for _, ir := range r.Indicators {
		hdr = append(hdr, b.indName(ir)+b.paren(b.qTitle(ir.Questionnaire))+b.t("%", " %"))
	}
	if err := f.SetSheetRow(overview, "A1", &hdr); err != nil {
		return err
	}
	county := []any{"", b.t("全县", "County"), ""}
	for _, ir := range r.Indicators {
		county = append(county, round1(100*ir.Overall.P))
	}
	if err := f.SetSheetRow(overview, "A2", &county); err != nil {
		return err
	}
	row := 3
	for ui, u := range r.Units {
		s := r.Schools[u.School]
		vals := []any{cellsafe.Text(s.Code), cellsafe.Text(b.unitName(u.Name)), b.stage(u.Stage)}
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
		name := sheetName(b.t(ir.Indicator.Name+"-"+strings.TrimSuffix(ir.Questionnaire.Title, "问卷"), ir.Indicator.Code+"-"+ir.Questionnaire.Code), used)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		// The columns mean what the same-named fields of results.json mean (docs/results-schema.md).
		h := []any{b.t("学校代码", "School code"), b.t("学校名称", "School"), b.t("学段", "Stage"), b.t("可判定回答 n_valid", "Judged n_valid"), b.t("未答 n_missing", "No answer n_missing"),
			b.t("无效 n_invalid", "Invalid n_invalid"), b.t("不适用 n_not_applicable", "Not applicable n_not_applicable"), b.t("无法判定 n_undecidable", "Undeterminable n_undecidable"),
			b.t("达标人数 n_comply", "Complying n_comply"), b.t("达标率% p", "Comply % p"), b.t("区间方法 interval", "Interval method interval"), b.t("95%下限 ci_low", "95% low ci_low"),
			b.t("95%上限 ci_high", "95% high ci_high"), b.t("Wilson下限 wilson_low", "Wilson low wilson_low"), b.t("Wilson上限 wilson_high", "Wilson high wilson_high"),
			b.t("有效样本量 n_eff", "Effective n n_eff"), b.t("设计效应 deff", "Design effect deff"), b.t("范围下限% bound_low", "Bound low % bound_low"), b.t("范围上限% bound_high", "Bound high % bound_high"),
			b.t("标记 flag", "Flag flag"), b.t("与全县其他学校比较 vs_county", "Vs rest of county vs_county"), b.t("备注", "Note")}
		if err := f.SetSheetRow(name, "A1", &h); err != nil {
			return err
		}
		put := func(row int, code, label, stage string, e analysis.Estimate, vs *analysis.Contrast) error {
			dash := "—"
			var nComply, p, method, lo, hi, wlo, whi, neff, deff, blo, bhi any = dash, dash, dash, dash, dash, dash, dash, dash, dash, "", ""
			note := ""
			switch {
			case e.Suppressed:
				note = b.suppressTitle(e)
			case e.Small:
				note = b.t("样本不足，仅供参考", "small sample, for reference only")
			}
			if e.Shown() {
				nComply, p, method = e.Comply, round1(100*e.P), string(e.Interval)
				lo, hi, wlo, whi = round1(100*e.Low), round1(100*e.High), round1(100*e.WilsonLow), round1(100*e.WilsonHigh)
				neff, deff = round1(e.NEff), round2(e.Deff)
				if e.Undeterminable > 0 {
					blo, bhi = round1(100*e.BoundLow), round1(100*e.BoundHigh)
				}
				if e.LowDF {
					note = b.t("自由度小于8，结果不稳定", "fewer than 8 degrees of freedom: unstable")
				}
			}
			fl := ""
			switch {
			case e.Suppressed && stage != "":
				fl = b.t("样本不足，无法判定", "too few to judge")
			case e.Flag == analysis.FlagConfirmed:
				fl = b.t("需整改", "action needed")
			case e.Flag == analysis.FlagPossible:
				fl = b.t("需关注", "attention")
				note = b.t(e.FlagReason, e.FlagReasonEN)
			}
			cmp := ""
			if vs != nil && vs.Significant {
				cmp = b.t("明显高于全县", "significantly higher")
				if vs.Diff < 0 {
					cmp = b.t("明显低于全县", "significantly lower")
				}
			}
			vals := []any{cellsafe.Text(code), cellsafe.Text(b.unitName(label)), b.stage(stage), e.Judged(), e.Missing, e.Invalid, e.NotApplicable, e.Undeterminable,
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
		if err := put(2, "", b.t("全县", "County"), "", ir.Overall, nil); err != nil {
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
	for _, t := range b.longTables() {
		if err := writeLong(f, t, head, used); err != nil {
			return err
		}
	}
	if err := b.writeTimetableSheet(f, r.Timetable, head); err != nil {
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
func (b *builder) longTables() []longTable {
	r := b.r
	est := func(e analysis.Estimate) []any {
		if e.Suppressed || math.IsNaN(e.P) {
			return []any{e.Judged(), e.Missing, e.Comply, "—", "—", "—"}
		}
		return []any{e.Judged(), e.Missing, e.Comply, round1(100 * e.P), round1(100 * e.Low), round1(100 * e.High)}
	}
	groups := longTable{name: b.t("分组（学段、年级、城乡）", "Groups (band, grade, locale)"),
		header: []string{b.t("指标代码", "Indicator code"), b.t("指标", "Indicator"), b.t("问卷", "Questionnaire"), b.t("分组类型", "Grouping"), b.t("分组", "Group"),
			b.t("有效回答", "Judged"), b.t("未答", "No answer"), b.t("达标人数", "Complying"), b.t("达标率%", "Comply %"), b.t("95%下限", "95% low"), b.t("95%上限", "95% high")},
		widths: []float64{20, 18, 8, 10, 12}}
	for _, ir := range r.Indicators {
		for _, g := range []struct {
			kind string
			gs   []analysis.Group
		}{{b.t("学段", "band"), ir.Bands}, {b.t("年级", "grade"), ir.Grades}, {b.t("城乡", "locale"), ir.Locales}} {
			for _, gr := range g.gs {
				groups.rows = append(groups.rows, append([]any{ir.Indicator.Code, b.indName(ir), b.qTitle(ir.Questionnaire), g.kind, b.group(gr)}, est(gr.Estimate)...))
			}
		}
		for _, sr := range ir.Schools {
			for _, gr := range sr.Bands {
				groups.rows = append(groups.rows, append([]any{ir.Indicator.Code, b.indName(ir), b.qTitle(ir.Questionnaire), b.t("学校·学段", "school · band"), b.unitName(sr.Name) + b.t("·", " · ") + b.group(gr)}, est(gr.Estimate)...))
			}
		}
	}
	homework := longTable{name: b.t("作业平均时长", "Mean homework time"), header: []string{b.t("问卷", "Questionnaire"), b.t("学校代码", "School code"), b.t("学校名称", "School"), b.t("学段", "Band"),
		b.t("回答数", "Answers"), b.t("平均分钟", "Mean minutes"), b.t("标准上限分钟", "Limit minutes"), b.t("超过标准", "Over the limit"), b.t("达标率%", "Comply %")},
		widths: []float64{12, 10, 24}}
	for _, ir := range r.Indicators {
		add := func(code, name string, h analysis.HomeworkMean) {
			over := ""
			if h.Over {
				over = b.t("是", "yes")
			}
			homework.rows = append(homework.rows, []any{b.qTitle(ir.Questionnaire), code, b.unitName(name), b.band(h.Band), h.N, round1(h.Minutes), h.Limit, over, round1(100 * h.Share)})
		}
		for _, h := range ir.Homework {
			add("", b.t("全县", "County"), h)
		}
		for _, sr := range ir.Schools {
			for _, h := range sr.Homework {
				if h.N >= r.Profile.MinN {
					add(r.Schools[sr.School].Code, sr.Name, h)
				}
			}
		}
	}
	rates := longTable{name: b.t("应答率", "Response rates"), header: []string{b.t("学校代码", "School code"), b.t("学校名称", "School"), b.t("问卷", "Questionnaire"),
		b.t("有效问卷", "Valid questionnaires"), b.t("在籍人数（名册）", "Enrolment (roster)"), b.t("应答率%", "Response rate %"), b.t("偏低", "Low")}, widths: []float64{10, 24, 12}}
	for _, rr := range r.ResponseRates {
		low := ""
		if rr.Low {
			low = b.t("是", "yes")
		}
		var enrol any = rr.Enrolment
		if rr.Enrolment == 0 {
			enrol = "—"
		}
		rates.rows = append(rates.rows, []any{r.Schools[rr.School].Code, r.Schools[rr.School].Name, b.qTitle(questionnaireOf(r, rr.Questionnaire)), rr.Respondents, enrol, round1(100 * rr.Rate), low})
	}
	dist := longTable{name: b.t("选项分布", "Answer distributions"), header: []string{b.t("题目代码", "Question code"), b.t("项目", "Item"), b.t("问卷", "Questionnaire"), b.t("范围", "Scope"),
		b.t("学校代码", "School code"), b.t("名称", "Name"), b.t("选项序号", "Option number"), b.t("选项", "Option"), b.t("人数", "Respondents"), b.t("占作答者%", "% of respondents")},
		widths: []float64{18, 20, 12, 8, 10, 24, 8, 20}}
	for _, d := range append(append([]*analysis.Distribution{}, r.Measures...), r.Distributions...) {
		name := b.measure(d)
		add := func(scope, code, label string, oc analysis.OptionCounts, suppressed bool) {
			for j, n := range oc.Options {
				var share any = round1(100 * oc.Share(j))
				if suppressed {
					share = "—"
				}
				opt := ""
				if j < len(d.Question.Options) {
					opt = b.option(d.Question.Options[j])
				}
				dist.rows = append(dist.rows, []any{d.Question.Code, name, b.qTitle(d.Questionnaire), scope, code, b.unitName(label), j + 1, opt, n, share})
			}
		}
		add(b.t("全县", "county"), "", b.t("全县", "County"), d.Overall, false)
		for _, bd := range d.Bands {
			add(b.t("学段", "band"), "", b.band(bd.Band.Code), bd.OptionCounts, false)
		}
		for _, sd := range d.Schools {
			add(b.t("学校", "school"), r.Schools[sd.School].Code, sd.Name, sd.OptionCounts, sd.Suppressed)
		}
	}
	sp := longTable{name: b.t("学生与家长", "Students and parents"), header: []string{b.t("指标代码", "Indicator code"), b.t("指标", "Indicator"), b.t("学校代码", "School code"), b.t("学校名称", "School"),
		b.t("学生有效回答", "Students judged"), b.t("学生达标率%", "Students comply %"), b.t("家长有效回答", "Parents judged"), b.t("家长达标率%", "Parents comply %"),
		b.t("差（学生−家长）", "Difference (students − parents)"), b.t("95%下限", "95% low"), b.t("95%上限", "95% high"), b.t("差异显著", "Significant")},
		widths: []float64{20, 18, 10, 24}}
	for _, c := range r.StudentParent {
		add := func(code, name string, d analysis.Difference) {
			sig := ""
			if d.Significant {
				sig = b.t("是", "yes")
			}
			sp.rows = append(sp.rows, []any{c.Indicator.Code, b.indicator(c.Indicator), code, b.unitName(name), d.Student.Judged(), pctCell(d.Student), d.Parent.Judged(), pctCell(d.Parent),
				round1(100 * d.D), round1(100 * d.Low), round1(100 * d.High), sig})
		}
		add("", b.t("全县", "County"), c.County)
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
