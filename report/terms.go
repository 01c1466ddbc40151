package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/plots"
)

// terms is the 学期对比 section: what was compared, the significant changes by indicator, the flags
// that appeared or cleared by school, and a trend chart per indicator. It returns a section with no
// ID when there is no earlier term.
func (b *builder) terms() (Section, error) {
	c := b.r.Comparison
	if c == nil {
		return Section{}, nil
	}
	s := Section{ID: "terms", Title: b.t("学期对比", "Term over term"), appendix: true}
	s.Blocks = append(s.Blocks, Block{Paragraph: analysis.TermSummary(c, b.o.Lang)})
	var notes []string
	if c.ProfileChanged {
		notes = append(notes, fmt.Sprintf(b.t("上学期使用的监测标准是“%s”，本学期是“%s”：标准不同的指标，变化可能来自标准而不是学校。", "The previous term used the profile “%s”, this term “%s”: changes may come from the standard rather than the schools."), c.Previous.Profile, b.r.Profile.Name))
	}
	if len(c.OnlyPrevious) > 0 {
		notes = append(notes, fmt.Sprintf(b.t("上学期有、本学期没有数据的学校%d所（%s），不作比较。", "%d schools had data last term only (%s) and are not compared."), len(c.OnlyPrevious), b.list(c.OnlyPrevious)))
	}
	if len(c.OnlyCurrent) > 0 {
		notes = append(notes, fmt.Sprintf(b.t("本学期新出现的学校%d所（%s），没有上学期数据可比。", "%d schools have no data last term (%s)."), len(c.OnlyCurrent), b.list(c.OnlyCurrent)))
	}
	if len(c.StageMismatch) > 0 {
		notes = append(notes, fmt.Sprintf(b.t("%s两个学期的学段划分不同（一学期分小学部、初中部，另一学期合并），不作比较。", "%s: the stage split differs between the terms; not compared."), b.list(c.StageMismatch)))
	}
	if len(c.IndicatorsOnlyPrevious)+len(c.IndicatorsOnlyCurrent) > 0 {
		notes = append(notes, fmt.Sprintf(b.t("只在一个学期出现的指标不作比较：%s。", "Indicators in one term only are not compared: %s."), b.list(append(append([]string(nil), c.IndicatorsOnlyPrevious...), c.IndicatorsOnlyCurrent...))))
	}
	if len(notes) > 0 {
		s.Blocks = append(s.Blocks, Block{List: notes})
	}
	if f := analysis.TermFindings(c, b.o.Lang); len(f) > 0 {
		s.Blocks = append(s.Blocks, Block{Heading: b.t("显著的变化", "Significant changes")}, Block{List: f})
	}
	if t := b.flagTable(c); t != nil {
		s.Blocks = append(s.Blocks, Block{Heading: b.t("标记的变化", "Flags that appeared or cleared")}, Block{Table: t})
	}
	if len(c.Flags) > 0 {
		s.Blocks = append(s.Blocks, Block{Note: b.t("标*的指标，其达标率的变化经多重比较校正后显著；未标*的，标记的出现或解除可能只是抽样波动（达标率在标记界限附近）。",
			"* marks a flag whose share changed significantly after correction; the others may have appeared or cleared by sampling variation near the flag threshold.")})
	}
	s.Blocks = append(s.Blocks, Block{Note: b.t("变化以百分点计，区间为两学期独立抽样下的95%区间（各自的标准误由报告的区间得出）；只有经Benjamini–Hochberg多重比较校正后仍显著的变化才称为“明显”。",
		"Changes are in percentage points with 95% intervals for independent samples (each term's standard error from its reported interval); only changes significant after the Benjamini–Hochberg correction are called changes.")})
	s.Blocks = append(s.Blocks, Block{Heading: b.t("各指标趋势", "Trends by indicator")})
	for _, ir := range b.r.Indicators {
		tr := b.trend(c, ir)
		if tr == nil {
			continue
		}
		fig := b.addChart(fmt.Sprintf("trend_%s_%s.png", ir.Indicator.Code, ir.Questionnaire.Code), tr)
		fig.Caption, fig.Alt = tr.Title, tr.Title
		s.Blocks = append(s.Blocks, Block{Figure: fig})
	}
	return s, nil
}

// flagTable lists, by school, the indicators whose flag appeared and cleared.
func (b *builder) flagTable(c *analysis.Comparison) *Table {
	bySchool := analysis.FlagsBySchool(c)
	if len(bySchool) == 0 {
		return nil
	}
	t := &Table{Caption: fmt.Sprintf(b.t("与%s相比标记的变化", "Flags compared with %s"), analysis.TermLabel(c.Previous.Label, b.o.Lang)),
		Header: []string{b.t("学校", "School"), b.t("新出现的标记", "Appeared"), b.t("解除的标记", "Cleared")}, Numeric: []bool{false, false, false}}
	names := func(fs []analysis.FlagChange) string {
		var out []string
		for _, f := range fs {
			name := f.IndicatorName
			if ir := b.r.Indicator(f.Indicator, f.Questionnaire); ir != nil {
				name = b.indName(ir)
			}
			n := name + b.t("（"+map[string]string{"student": "学生", "parent": "家长"}[f.Questionnaire]+"）", " ("+f.Questionnaire+")")
			if ch := c.Lookup(f.Indicator, f.Questionnaire, f.School); ch != nil && ch.CalledOut {
				n += "*"
			}
			out = append(out, n)
		}
		return b.list(out)
	}
	for _, sf := range bySchool {
		name := sf.School.Name
		if sf.School.Stage != "" {
			name += b.paren(b.stage(sf.School.Stage))
		}
		t.Rows = append(t.Rows, []Cell{{Text: name}, {Text: names(sf.Appeared), Flag: len(sf.Appeared) > 0}, {Text: names(sf.Cleared)}})
	}
	return t
}

// trend is the chart of one indicator over every term: the county, and the schools flagged in any
// term.
func (b *builder) trend(c *analysis.Comparison, ir *analysis.IndicatorResult) *plots.Trend {
	tr := &plots.Trend{Title: b.indName(ir) + b.t("达标率变化", " compliance over terms") + b.paren(b.qTitle(ir.Questionnaire)), Lang: b.chartLang()}
	var inds []*analysis.TermIndicator
	for i := range c.Terms {
		tr.Terms = append(tr.Terms, analysis.TermLabel(c.Terms[i].Label, b.o.Lang))
		inds = append(inds, c.Terms[i].Indicator(ir.Indicator.Code, ir.Questionnaire.Code))
	}
	county := plots.Series{Label: b.t("全县", "County"), County: true}
	for _, ti := range inds {
		county.Points = append(county.Points, point(ti, nil))
	}
	tr.Series = append(tr.Series, county)
	var followed []analysis.TermCell
	seen := map[string]bool{}
	for _, ti := range inds {
		if ti == nil {
			continue
		}
		for _, s := range ti.Schools {
			k := s.Code + "|" + s.Name + "|" + s.Stage
			if s.Flag != "" && !seen[k] {
				seen[k] = true
				followed = append(followed, s)
			}
		}
	}
	for _, s := range followed {
		se := plots.Series{Label: b.unitName(s.Name)}
		if s.Stage != "" {
			se.Label += b.paren(b.stage(s.Stage))
		}
		for _, ti := range inds {
			se.Points = append(se.Points, point(ti, &s))
		}
		tr.Series = append(tr.Series, se)
	}
	return tr
}

// point is a school's (nil: the county's) share in percent, NaN where the term lacks it.
func point(ti *analysis.TermIndicator, school *analysis.TermCell) plots.Point {
	nan := plots.Point{P: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if ti == nil {
		return nan
	}
	cell := ti.County
	if school != nil {
		found := false
		for _, s := range ti.Schools {
			if s.Code == school.Code && s.Name == school.Name && s.Stage == school.Stage {
				cell, found = s, true
				break
			}
		}
		if !found {
			return nan
		}
	}
	if !cell.Reported() {
		return nan
	}
	return plots.Point{P: 100 * cell.P, Low: 100 * cell.Low, High: 100 * cell.High}
}

// changeCell is the 主要结果 table's change column: points since the previous term, with an arrow
// when the change is called out.
func (b *builder) changeCell(ir *analysis.IndicatorResult) Cell {
	ch := b.r.Comparison.Lookup(ir.Indicator.Code, ir.Questionnaire.Code, analysis.TermCell{})
	if ch == nil {
		return Cell{Text: "—", Muted: true}
	}
	txt := strings.Replace(fmt.Sprintf("%+.1f", 100*ch.Diff), "-", "−", 1)
	title := fmt.Sprintf(b.t("95%%区间 %.1f～%.1f 个百分点；不显著", "95%% CI %.1f to %.1f points; not significant"), 100*ch.Low, 100*ch.High)
	if ch.CalledOut {
		arrow := "↑"
		if ch.Diff < 0 {
			arrow = "↓"
		}
		txt += arrow
		title = strings.Replace(title, b.t("不显著", "not significant"), b.t("显著", "significant"), 1)
	}
	return Cell{Text: txt, Muted: !ch.CalledOut, Title: title}
}
