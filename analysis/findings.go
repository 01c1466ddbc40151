package analysis

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Pct formats a share (0..1) as a percentage with one decimal, "87.2"; "—" for NaN. Tables, charts and
// findings all use it, so a number in a sentence reads exactly as in the table.
func Pct(p float64) string {
	if math.IsNaN(p) {
		return "—"
	}
	return fmt.Sprintf("%.1f", 100*p)
}

// Minutes formats a mean time in whole minutes.
func Minutes(m float64) string { return fmt.Sprintf("%.0f", m) }

// MinutesAgainst formats a mean time compared with a limit: in whole minutes, or with one decimal
// when whole minutes would hide which side of the limit it lies on (90.3 against 90 reads "90.3", not
// "90" marked as over 90).
func MinutesAgainst(m, limit float64) string {
	if Minutes(m) == Minutes(limit) && m != limit {
		s := fmt.Sprintf("%.1f", m)
		if s == fmt.Sprintf("%.1f", limit) {
			s = fmt.Sprintf("%.2f", m)
		}
		return s
	}
	return Minutes(m)
}

// Finding is the findings paragraph of one indicator in one questionnaire.
type Finding struct {
	Indicator     string
	Questionnaire string
	Sentences     []string
}

// Text returns the paragraph.
func (f Finding) Text() string { return strings.Join(f.Sentences, "") }

// oneEN is a count of one in the plural in English text: “1 schools”.
var oneEN = regexp.MustCompile(`(^|[^\d.,])1 (school|row|answer|teacher|class|period|pair|time)s\b`)

// OneInSingular puts English counts of one of a thing in the singular: “in 1 schools” becomes “in 1
// school”, “1 rows” “1 row”; 11, 2.1 and other words are left alone.
func OneInSingular(s string) string { return oneEN.ReplaceAllString(s, "${1}1 $2") }

// needEN says how many schools need action: "1 school needs", "3 schools need".
func needEN(n int) string {
	if n == 1 {
		return "1 school needs"
	}
	return fmt.Sprintf("%d schools need", n)
}

// orZH is an English text of a profile, or its Chinese twin when it has none (a profile made in code).
func orZH(en, zh string) string {
	if en == "" {
		return zh
	}
	return en
}

// Lang is the language of generated text.
type Lang string

// Languages of generated text; Chinese is the default.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

func respondent(q *surveys.Questionnaire, lang Lang) string {
	if lang == English {
		switch q.Code {
		case "parent":
			return "parents"
		case "teacher":
			return "teachers"
		}
		return "students"
	}
	switch q.Code {
	case "parent":
		return "家长"
	case "teacher":
		return "教师"
	}
	return "学生"
}

// said turns a profile phrase into what a respondent of q reports: parents report on their child;
// students and teachers report what the phrase says.
func said(q *surveys.Questionnaire, phrase string) string {
	if q.Code != "parent" {
		return phrase
	}
	phrase = strings.TrimPrefix(phrase, "反映")
	if strings.HasPrefix(phrase, "老师") || strings.HasPrefix(phrase, "学校") || strings.HasPrefix(phrase, "有本校") || strings.HasPrefix(phrase, "没有本校") {
		return "反映" + phrase
	}
	return "反映孩子" + phrase
}

func joinNames(names []string, lang Lang) string {
	if lang == English {
		return strings.Join(names, ", ")
	}
	return strings.Join(names, "、")
}

// Findings writes one paragraph per indicator result, in the manner of a county monitoring report:
// the share that complies and the share that does not, the standard, the schools flagged, where the
// problem concentrates, and for homework the averages. Reference indicators never say 违规.
func Findings(r *Results, lang Lang) []Finding {
	var out []Finding
	for _, ir := range r.Indicators {
		if lang == English {
			out = append(out, findingEN(r, ir))
		} else {
			out = append(out, findingZH(r, ir))
		}
	}
	return out
}

func findingZH(r *Results, ir *IndicatorResult) Finding {
	ind, q := ir.Indicator, ir.Questionnaire
	f := Finding{Indicator: ind.Code, Questionnaire: q.Code}
	o := ir.Overall
	resp := respondent(q, Chinese)
	ref := ind.Kind == surveys.Reference
	if o.Judged() == 0 {
		f.Sentences = append(f.Sentences, fmt.Sprintf("%s中没有可以判定的回答。", q.Title))
		return f
	}
	if !o.Shown() {
		f.Sentences = append(f.Sentences, fmt.Sprintf("%s中可以判定的回答只有%d份，样本不足，无法判定。", q.Title, o.Judged()))
		return f
	}
	s := fmt.Sprintf("%s显示，在作答的%d名%s中，%s%%的%s%s，%s%%的%s%s",
		q.Title, o.Judged(), resp, Pct(o.P), resp, said(q, ind.ComplyPhrase), Pct(o.ViolationShare()), resp, said(q, ind.ViolatePhrase))
	if o.Undeterminable > 0 {
		s += fmt.Sprintf("；另有%d名%s的回答无法按本标准判定，若计入这些回答，达标比例在%s%%–%s%%之间", o.Undeterminable, resp, Pct(o.BoundLow), Pct(o.BoundHigh))
	}
	if o.Missing > 0 {
		total := o.Valid + o.Missing + o.Invalid + o.NotApplicable
		s += fmt.Sprintf("；%d名%s未答（占%s%%）", o.Missing, resp, Pct(float64(o.Missing)/float64(total)))
	}
	f.Sentences = append(f.Sentences, s+"。")
	if ref {
		f.Sentences = append(f.Sentences, "参考要求："+ind.Standard+"（文件用语为“一般”，属参考指标）。")
	} else {
		f.Sentences = append(f.Sentences, "标准："+ind.Standard+"。")
	}
	f.Sentences = append(f.Sentences, flagSentences(r, ir)...)
	if c := concentration(ir); c != "" {
		f.Sentences = append(f.Sentences, c)
	}
	if c := comparisonSentence(r, ir); c != "" {
		f.Sentences = append(f.Sentences, c)
	}
	f.Sentences = append(f.Sentences, homeworkSentences(r, ir)...)
	return f
}

// flagSentences states the confirmed units (需整改), then the possible ones (需关注) apart with the
// reason, and the units too small to judge.
func flagSentences(r *Results, ir *IndicatorResult) []string {
	p := r.Profile
	word := "违规"
	if ir.Indicator.Kind == surveys.Reference {
		word = "未达到参考要求"
	}
	var out []string
	rule := fmt.Sprintf("%s比例的95%%置信区间下限达到%s%%且不少于%d人", word, Pct(p.FlagThreshold), p.FlagMinViolations)
	shown := 0
	for _, sr := range ir.Schools {
		if sr.Shown() {
			shown++
		}
	}
	if n := len(ir.Flagged); n > 0 && n == shown && n > 3 {
		out = append(out, fmt.Sprintf("按%s的标准，全部%d所学校均需整改。", rule, n))
	} else if n > 0 {
		out = append(out, fmt.Sprintf("按%s的标准，需整改的学校有%d所：%s。", rule, n, joinNames(ir.FlaggedNames(r.Units), Chinese)))
	} else {
		out = append(out, fmt.Sprintf("没有学校达到需整改的标准（%s）。", rule))
	}
	if len(ir.Possible) > 0 {
		var items []string
		for _, sr := range ir.Schools {
			if sr.Flag == FlagPossible {
				items = append(items, fmt.Sprintf("%s（%s）", sr.Name, sr.FlagReason))
			}
		}
		out = append(out, fmt.Sprintf("另有%d所学校需关注：%s。", len(ir.Possible), strings.Join(items, "；")))
	}
	if len(ir.TooSmall) > 0 {
		out = append(out, fmt.Sprintf("%s样本不足，无法判定。", joinNames(unitNames(ir.TooSmall, r.Units), Chinese)))
	}
	return out
}

// comparisonSentence names the units whose share differs significantly from the rest of the county
// (design-based, Holm-adjusted across units); "" when none does.
func comparisonSentence(r *Results, ir *IndicatorResult) string {
	var lower, higher []string
	for _, sr := range ir.Schools {
		c := sr.VsCounty
		if c == nil || !c.Significant {
			continue
		}
		if c.Diff < 0 {
			lower = append(lower, sr.Name)
		} else {
			higher = append(higher, sr.Name)
		}
	}
	var parts []string
	if len(lower) > 0 {
		parts = append(parts, joinNames(lower, Chinese)+"的达标比例明显低于全县其他学校")
	}
	if len(higher) > 0 {
		parts = append(parts, joinNames(higher, Chinese)+"明显高于全县其他学校")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "，") + "（经设计校正和多重比较校正后差异显著）。"
}

// concentration says where the problem concentrates: the grade and the 城乡 group whose violation
// share is highest and significantly above the rest of the county's (design-based test).
func concentration(ir *IndicatorResult) string {
	if !ir.Overall.Shown() || ir.Overall.Violate == 0 {
		return ""
	}
	top := func(gs []Group) *Group {
		var best *Group
		for i := range gs {
			g := &gs[i]
			if !g.Shown() || g.Violate == 0 || g.VsOthers == nil || !g.VsOthers.Significant || g.VsOthers.Diff >= 0 {
				continue
			}
			if best == nil || g.ViolationShare() > best.ViolationShare() {
				best = g
			}
		}
		return best
	}
	var parts []string
	if g := top(ir.Grades); g != nil {
		parts = append(parts, fmt.Sprintf("%s（%s%%）", g.Name, Pct(g.ViolationShare())))
	}
	if g := top(ir.Locales); g != nil {
		parts = append(parts, fmt.Sprintf("%s学校（%s%%）", g.Name, Pct(g.ViolationShare())))
	}
	if len(parts) == 0 {
		return ""
	}
	word := "问题"
	if ir.Indicator.Kind == surveys.Reference {
		word = "未达到参考要求的情况"
	}
	return fmt.Sprintf("%s主要集中在%s（与其他年级或学校相比差异显著）。", word, strings.Join(parts, "和"))
}

func bandName(p *surveys.Profile, code string) string {
	for _, b := range p.Bands {
		if b.Code == code {
			return b.Name
		}
	}
	return code
}

func homeworkSentences(r *Results, ir *IndicatorResult) []string {
	if len(ir.Homework) == 0 {
		return nil
	}
	p := r.Profile
	var means []string
	for _, h := range ir.Homework {
		if h.Suppressed {
			means = append(means, fmt.Sprintf("%s样本不足，无法判定", bandName(p, h.Band)))
			continue
		}
		means = append(means, fmt.Sprintf("%s约%s分钟（95%%置信区间%s–%s分钟，标准为平均不超过%s分钟）", bandName(p, h.Band), MinutesAgainst(h.Minutes, h.Limit), Minutes(h.Low), Minutes(h.High), Minutes(h.Limit)))
	}
	out := []string{fmt.Sprintf("按选项组中值估算，%s平均书面作业时间：%s。", respondent(ir.Questionnaire, Chinese)+"问卷", strings.Join(means, "，"))}
	var over, maybe, disagree []string
	for _, sr := range ir.Schools {
		for _, h := range sr.Homework {
			if h.Suppressed {
				continue
			}
			item := fmt.Sprintf("%s（%s，%s分钟）", sr.Name, bandName(p, h.Band), MinutesAgainst(h.Minutes, h.Limit))
			switch h.Verdict {
			case VerdictOver:
				over = append(over, item)
			case VerdictMaybe:
				if h.Minutes > h.Limit {
					maybe = append(maybe, item)
				}
			}
			if h.Disagrees && !math.IsNaN(h.Share) {
				if h.Minutes > h.Limit {
					disagree = append(disagree, fmt.Sprintf("%s%s平均约%s分钟，高于标准，但%s%%的回答在规定时长以内", sr.Name, bandName(p, h.Band), MinutesAgainst(h.Minutes, h.Limit), Pct(h.Share)))
				} else {
					disagree = append(disagree, fmt.Sprintf("%s%s平均约%s分钟，未超过标准，但%s%%的回答超过规定时长", sr.Name, bandName(p, h.Band), MinutesAgainst(h.Minutes, h.Limit), Pct(1-h.Share)))
				}
			}
		}
	}
	if len(over) > 0 {
		out = append(out, fmt.Sprintf("平均时长超过标准（95%%置信区间整体高于标准）的有%d处：%s。", len(over), strings.Join(over, "、")))
	}
	if len(maybe) > 0 {
		out = append(out, fmt.Sprintf("平均时长高于标准但置信区间包含标准、可能超过的有%d处：%s。", len(maybe), strings.Join(maybe, "、")))
	}
	if len(disagree) > 0 {
		out = append(out, "平均数与比例的结论不一致："+strings.Join(disagree, "；")+"。")
	}
	return out
}

func findingEN(r *Results, ir *IndicatorResult) Finding {
	p := r.Profile
	ind, q := ir.Indicator, ir.Questionnaire
	f := Finding{Indicator: ind.Code, Questionnaire: q.Code}
	o := ir.Overall
	resp := respondent(q, English)
	if o.Judged() == 0 {
		f.Sentences = append(f.Sentences, "No answers could be judged.")
		return f
	}
	if !o.Shown() {
		f.Sentences = append(f.Sentences, fmt.Sprintf("Only %d answers could be judged: too few to judge.", o.Judged()))
		return f
	}
	f.Sentences = append(f.Sentences, fmt.Sprintf("Of %d %s who answered, %s%% comply with “%s” and %s%% do not", o.Judged(), resp, Pct(o.P), ind.NameEN, Pct(o.ViolationShare())))
	if o.Missing > 0 {
		f.Sentences[0] += fmt.Sprintf("; %d did not answer", o.Missing)
	}
	f.Sentences[0] += ". "
	kind := "Standard"
	if ind.Kind == surveys.Reference {
		kind = "Reference standard (worded “normally”)"
	}
	f.Sentences = append(f.Sentences, kind+": "+orZH(ind.StandardEN, ind.Standard)+". ")
	if n := len(ir.Flagged); n > 0 {
		f.Sentences = append(f.Sentences, fmt.Sprintf("%s action (the lower 95%% bound of the share not complying is at least %s%%, with at least %d respondents): %s.", needEN(n), Pct(p.FlagThreshold), p.FlagMinViolations, joinNames(ir.FlaggedNames(r.Units), English)))
	} else {
		f.Sentences = append(f.Sentences, fmt.Sprintf("No school needs action (the lower 95%% bound of the share not complying at least %s%%, with at least %d respondents).", Pct(p.FlagThreshold), p.FlagMinViolations))
	}
	if n := len(ir.Possible); n > 0 {
		f.Sentences = append(f.Sentences, fmt.Sprintf(" %d more need attention (the share reaches %s%% but its interval reaches below it): %s.", n, Pct(p.FlagThreshold), joinNames(ir.PossibleNames(r.Units), English)))
	}
	return f
}

// Problem is one item of the conclusions draft.
type Problem struct {
	Result *IndicatorResult
	Text   string
}

// Conclusions is the generated draft of 结论和建议.
type Conclusions struct {
	Summary  string
	Problems []Problem // most serious first: hard before reference, then by schools flagged and share
	FollowUp []string  // schools flagged on two or more hard indicators, with their flags
}

// Conclude drafts the conclusions: problems where any school is flagged or at least 10% do not comply,
// most serious first, each tied to its standard and its source, and the schools to follow up.
func Conclude(r *Results, lang Lang) Conclusions {
	var c Conclusions
	var items []*IndicatorResult
	for _, ir := range r.Indicators {
		if v := ir.Overall.ViolationShare(); len(ir.Flagged) > 0 || (ir.Overall.Shown() && v >= seriousShare-shareEps) {
			items = append(items, ir)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if (a.Indicator.Kind == surveys.Hard) != (b.Indicator.Kind == surveys.Hard) {
			return a.Indicator.Kind == surveys.Hard
		}
		if len(a.Flagged) != len(b.Flagged) {
			return len(a.Flagged) > len(b.Flagged)
		}
		return a.Overall.ViolationShare() > b.Overall.ViolationShare()
	})
	flaggedAny := 0
	for _, ir := range r.Indicators {
		if len(ir.Flagged) > 0 {
			flaggedAny++
		}
	}
	if lang == English {
		c.Summary = fmt.Sprintf("%d indicator results were computed; %d have flagged schools.", len(r.Indicators), flaggedAny)
	} else {
		c.Summary = fmt.Sprintf("本次监测共计算%d项指标结果（按问卷分列），其中%d项有学校需整改。", len(r.Indicators), flaggedAny)
	}
	for _, ir := range items {
		ind, q := ir.Indicator, ir.Questionnaire
		resp := respondent(q, lang)
		var t string
		if lang == English {
			t = fmt.Sprintf("%s (%s): %s%% of %s do not comply; %s action. Standard: %s (%s).", ind.NameEN, q.Code, shownPct(ir.Overall.ViolationShare(), ir.Overall.Shown()), resp, needEN(len(ir.Flagged)), orZH(ind.StandardEN, ind.Standard), orZH(ind.SourceEN, ind.Source))
		} else {
			if ir.Overall.Shown() {
				t = fmt.Sprintf("%s（%s）：%s%%的%s%s", ind.Name, q.Title, Pct(ir.Overall.ViolationShare()), resp, said(q, ind.ViolatePhrase))
			} else {
				t = fmt.Sprintf("%s（%s）：全县样本不足", ind.Name, q.Title)
			}
			if n := len(ir.Flagged); n > 0 && n == len(ir.Schools) && n > 3 {
				t += fmt.Sprintf("，全部%d所学校均需整改", n)
			} else if n > 0 {
				t += fmt.Sprintf("，需整改%d所学校（%s）", n, joinNames(ir.FlaggedNames(r.Units), lang))
			}
			if n := len(ir.Possible); n > 0 {
				t += fmt.Sprintf("，另有%d所学校需关注（%s）", n, joinNames(ir.PossibleNames(r.Units), lang))
			}
			if ind.Kind == surveys.Reference {
				t += "，未达到参考要求"
			}
			t += fmt.Sprintf("。依据%s：%s。", ind.Source, ind.Standard)
			if ind.Advice != "" {
				t += "建议：" + ind.Advice
			}
		}
		c.Problems = append(c.Problems, Problem{Result: ir, Text: t})
	}
	for u, flags := range SchoolFlags(r) {
		hard := 0
		for _, ir := range flags {
			if ir.Indicator.Kind == surveys.Hard {
				hard++
			}
		}
		if hard >= 2 {
			c.FollowUp = append(c.FollowUp, fmt.Sprintf("%s（%s）", r.Units[u].Name, flagNames(flags, lang)))
		}
	}
	return c
}

// SchoolFlags returns, per reporting unit (index into Results.Units), the indicator results it is
// confirmed (需整改) on.
func SchoolFlags(r *Results) [][]*IndicatorResult {
	out := make([][]*IndicatorResult, len(r.Units))
	for _, ir := range r.Indicators {
		for _, u := range ir.Flagged {
			out[u] = append(out[u], ir)
		}
	}
	return out
}

// SchoolPossible returns, per reporting unit, the indicator results it needs attention on (需关注).
func SchoolPossible(r *Results) [][]*IndicatorResult {
	out := make([][]*IndicatorResult, len(r.Units))
	for _, ir := range r.Indicators {
		for _, u := range ir.Possible {
			out[u] = append(out[u], ir)
		}
	}
	return out
}

func shownPct(p float64, shown bool) string {
	if !shown {
		return "—"
	}
	return Pct(p)
}

func flagNames(flags []*IndicatorResult, lang Lang) string {
	var names []string
	for _, ir := range flags {
		n := ir.Indicator.Name
		if lang == English {
			n = ir.Indicator.NameEN
		}
		switch ir.Questionnaire.Code {
		case "parent":
			if lang == English {
				n += " (parents)"
			} else {
				n += "（家长）"
			}
		case "teacher":
			if lang == English {
				n += " (teachers)"
			} else {
				n += "（教师）"
			}
		}
		names = append(names, n)
	}
	return joinNames(names, lang)
}

// SchoolLine is the one-line profile of a unit's flags for the school comparison section: the
// indicators it needs action on (需整改) and those it needs attention on (需关注).
func SchoolLine(r *Results, unit int, flags, possible []*IndicatorResult, lang Lang) string {
	name := r.Units[unit].Name
	if lang == English {
		s := name + ": "
		if len(flags) == 0 {
			s += "no indicator needs action"
		} else {
			s += fmt.Sprintf("needs action on %d (%s)", len(flags), flagNames(flags, lang))
		}
		if len(possible) > 0 {
			s += fmt.Sprintf("; needs attention on %d (%s)", len(possible), flagNames(possible, lang))
		}
		return s + "."
	}
	s := name + "："
	if len(flags) == 0 {
		s += "没有需整改的指标"
	} else {
		s += fmt.Sprintf("需整改%d项（%s）", len(flags), flagNames(flags, lang))
	}
	if len(possible) > 0 {
		s += fmt.Sprintf("；需关注%d项（%s）", len(possible), flagNames(possible, lang))
	}
	return s + "。"
}
