package report

import (
	"fmt"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
)

// openAnswers is the 开放题 appendix: how many wrote something, by theme and questionnaire, and a few
// quotes per theme, scrubbed of personal data (analysis.SummarizeOpen). It names no school and no
// respondent; the per-school feedback sheets never show it.
func (b *builder) openAnswers() (Section, error) {
	oa := b.r.Open
	if oa == nil || oa.Total == 0 {
		return Section{}, nil
	}
	s := Section{ID: "open-answers", Title: b.t("开放题：意见和建议", "Open answers"), appendix: true}
	var parts []string
	for _, src := range oa.Sources {
		if src.Open+src.FillIn == 0 {
			continue
		}
		if b.o.Lang == analysis.English {
			parts = append(parts, fmt.Sprintf("%s: %d answers to the open question, %d notes written beside options", src.Questionnaire, src.Open, src.FillIn))
			continue
		}
		p := fmt.Sprintf("%s开放题%d条", src.Title, src.Open)
		if src.FillIn > 0 {
			p += fmt.Sprintf("、选项补充说明%d条", src.FillIn)
		}
		parts = append(parts, p)
	}
	para := fmt.Sprintf(b.t("共收到文字意见%d条（%s）。按主题统计如下，一条意见可涉及多个主题。引文已删去电话、身份证号、微信号、QQ号、邮箱、人名和校名；仍能认出个人的意见只计数、不引用（%d条）。",
		"%d written answers (%s), counted by theme (one answer may touch several). Quotes have phone, ID, WeChat and QQ numbers, e-mail addresses, people's and schools' names removed; answers that still identify a person are counted but not quoted (%d)."),
		oa.Total, strings.Join(parts, b.t("，", "; ")), oa.Withheld)
	s.Blocks = append(s.Blocks, Block{Paragraph: para})
	t := &Table{Caption: b.t("文字意见按主题统计（条）", "Written answers by theme"), Header: []string{b.t("主题", "Theme")}, Numeric: []bool{false}}
	for _, src := range oa.Sources {
		t.Header = append(t.Header, b.qTitle(questionnaireOf(b.r, src.Questionnaire)))
		t.Numeric = append(t.Numeric, true)
	}
	t.Header = append(t.Header, b.t("合计", "Total"))
	t.Numeric = append(t.Numeric, true)
	for _, th := range oa.Themes {
		row := []Cell{{Text: b.tr(th.Theme, th.ThemeEN)}}
		for _, src := range oa.Sources {
			row = append(row, Cell{Text: fmt.Sprint(th.By[src.Questionnaire])})
		}
		row = append(row, Cell{Text: fmt.Sprint(th.Count)})
		t.Rows = append(t.Rows, row)
	}
	s.Blocks = append(s.Blocks, Block{Table: t})
	for _, th := range oa.Themes {
		if len(th.Quotes) == 0 {
			continue
		}
		var quotes []string
		for _, q := range th.Quotes {
			quotes = append(quotes, fmt.Sprintf(b.t("“%s”（%s）", "“%s” (%s)"), q.Text, b.respondent(questionnaireOf(b.r, q.Questionnaire))))
		}
		s.Blocks = append(s.Blocks, Block{Heading: b.tr(th.Theme, th.ThemeEN)}, Block{List: quotes})
	}
	return s, nil
}

// openThemeOf maps a theme of 主要问题 to the open answers' theme that speaks to it.
var openThemeOf = map[string]string{"作业": "作业", "睡眠": "睡眠", "考试": "考试", "补课与培训": "补课/培训", "教辅": "收费", "体育": "体育", "手机": "手机"}

// themeQuote is one quote for a theme of 主要问题, as the county report in seed 002 quotes people
// ("一位家长反映：“……”。"); "" when the open answers have none for it, and in English.
func (b *builder) themeQuote(theme string) string {
	name, ok := openThemeOf[theme]
	if b.o.Lang == analysis.English || b.r.Open == nil || !ok {
		return ""
	}
	for _, th := range b.r.Open.Themes {
		if th.Theme != name {
			continue
		}
		for _, q := range th.Quotes {
			if strings.Contains(q.Text, analysis.Redacted) {
				continue // the appendix shows it; the 正文 quotes words that read whole
			}
			return fmt.Sprintf("一位%s反映：“%s”。", b.respondent(questionnaireOf(b.r, q.Questionnaire)), strings.TrimRight(q.Text, "。！!；;，,"))
		}
	}
	return ""
}
