package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Theme is one topic of the report's 主要问题, as a county report groups them: the indicators it
// discusses in one paragraph and the words that open the paragraph.
type Theme struct {
	Code       string
	Name       string   // 作业
	NameEN     string   // Homework
	Indicators []string // indicator codes, in the order the paragraph takes them
	Problem    string   // the opening when the theme has a problem: 作业负担偏重
	Fine       string   // the opening otherwise: 作业管理总体规范
}

// Themes are the topics of the county report (seed 002, 篇五) in the order an office lists them. An
// indicator of a county's own profile that no theme names gets a theme of its own.
var Themes = []Theme{
	{Code: "curriculum", Name: "课程设置", NameEN: "Curriculum", Indicators: []string{"no_occupied_lessons"}, Problem: "课程开设不够规范", Fine: "课程开设总体规范"},
	{Code: "homework", Name: "作业", NameEN: "Homework", Indicators: []string{"homework_time", "no_punitive_homework", "no_parent_grading", "no_chatgroup_homework", "homework_plan", "teacher_grading"}, Problem: "作业负担偏重", Fine: "作业管理总体规范"},
	{Code: "sleep", Name: "睡眠", NameEN: "Sleep", Indicators: []string{"sleep", "bedtime", "morning_start"}, Problem: "学生睡眠时间不足", Fine: "学生睡眠总体有保障"},
	{Code: "exams", Name: "考试", NameEN: "Exams", Indicators: []string{"exam_count", "no_frequent_exams", "no_ranking"}, Problem: "考试次数偏多", Fine: "考试管理总体规范"},
	{Code: "tutoring", Name: "补课与培训", NameEN: "Make-up classes and tutoring", Indicators: []string{"no_makeup_classes", "no_paid_tutoring"}, Problem: "补课和有偿家教现象仍然存在", Fine: "补课和有偿家教总体得到控制"},
	{Code: "materials", Name: "教辅", NameEN: "Teaching materials", Indicators: []string{"materials"}, Problem: "教辅资料偏多", Fine: "教辅资料管理总体规范"},
	{Code: "pe", Name: "体育", NameEN: "Physical activity", Indicators: []string{"pe_hour"}, Problem: "体育活动时间不足", Fine: "体育活动时间总体有保障"},
	{Code: "phones", Name: "手机", NameEN: "Phones", Indicators: []string{"phones"}, Problem: "手机管理不到位", Fine: "手机管理总体到位"},
}

// longList is the number of schools above which a suggestion names the schools without their
// indicators, so that the 正文 stays a few pages with 60 schools.
const longList = 8

// seriousShare is the county violation share of a hard indicator above which its theme counts as a
// problem even when no school is flagged.
const seriousShare = 0.10

// shareEps absorbs the rounding of a violation share computed as 1 − p: 10 of 100 violating gives
// 0.09999999999999998, which must count as reaching 10%.
const shareEps = 1e-12

// ThemeFinding is one theme's paragraph of 主要问题, with what it was written from.
type ThemeFinding struct {
	Theme   Theme
	Results []*IndicatorResult // the theme's results, profile order, student before parent
	// Schools are the schools confirmed (需整改) on a hard indicator of the theme, each once, roster order.
	Schools []int
	// Serious: a hard indicator's county violation share is at least 10%, or at least 3 schools (and a
	// fifth of them) are confirmed. A theme with fewer confirmed schools is a problem of 个别学校.
	Serious bool
	Worst   float64 // the highest county violation share among the theme's hard indicators
	Text    string  // the paragraph, opening words first
}

// Suggestion is one theme's 建议: the advice of its standards and the schools to follow up, each tied to
// the standard it breaks.
type Suggestion struct {
	Theme   Theme
	Schools []int
	Text    string
}

// Narrative is the 正文 of the report written from the results: 主要问题 by theme (most serious first),
// 结论, 建议 by theme and the follow-up plan. Every number in it is formatted as the tables format it.
type Narrative struct {
	Problems    []ThemeFinding
	Conclusion  string
	Suggestions []Suggestion
	Plan        string
}

// confirmed returns the reporting units (indices into Results.Units) confirmed on an indicator
// result (需整改).
func confirmed(ir *IndicatorResult) []int { return ir.Flagged }

// themeResults groups the results by theme, in Themes order, then the profile's unthemed indicators.
func themeResults(r *Results) []ThemeFinding {
	byCode := map[string][]*IndicatorResult{}
	var order []string
	for _, ir := range r.Indicators {
		c := ir.Indicator.Code
		if _, ok := byCode[c]; !ok {
			order = append(order, c)
		}
		byCode[c] = append(byCode[c], ir)
	}
	used := map[string]bool{}
	var out []ThemeFinding
	add := func(t Theme) {
		var tf ThemeFinding
		tf.Theme = t
		for _, c := range t.Indicators {
			tf.Results = append(tf.Results, byCode[c]...)
			used[c] = true
		}
		if len(tf.Results) > 0 {
			out = append(out, tf)
		}
	}
	for _, t := range Themes {
		add(t)
	}
	for _, c := range order {
		if !used[c] {
			ind := byCode[c][0].Indicator
			add(Theme{Code: c, Name: ind.Name, NameEN: ind.NameEN, Indicators: []string{c}, Problem: ind.Name + "方面存在问题", Fine: ind.Name + "总体符合要求"})
		}
	}
	return out
}

// assess fills Schools, Serious and Worst.
func (tf *ThemeFinding) assess(r *Results) {
	in := make([]bool, len(r.Units))
	tf.Worst = math.NaN()
	for _, ir := range tf.Results {
		if ir.Indicator.Kind != surveys.Hard {
			continue
		}
		for _, s := range confirmed(ir) {
			in[s] = true
		}
		// A suppressed share (n below min_n, or the NCHS rules) is published nowhere, so it decides nothing.
		if v := ir.Overall.ViolationShare(); ir.Overall.Shown() && (math.IsNaN(tf.Worst) || v > tf.Worst) {
			tf.Worst = v
		}
	}
	for s, ok := range in {
		if ok {
			tf.Schools = append(tf.Schools, s)
		}
	}
	tf.Serious = (len(tf.Schools) >= 3 && 5*len(tf.Schools) >= len(r.Units)) || (!math.IsNaN(tf.Worst) && tf.Worst >= seriousShare-shareEps)
}

// Narrate writes the 正文 from the results.
func Narrate(r *Results, lang Lang) Narrative {
	themes := themeResults(r)
	for i := range themes {
		themes[i].assess(r)
	}
	sort.SliceStable(themes, func(i, j int) bool {
		a, b := themes[i], themes[j]
		if a.Serious != b.Serious {
			return a.Serious
		}
		if len(a.Schools) != len(b.Schools) {
			return len(a.Schools) > len(b.Schools)
		}
		return nanLow(a.Worst) > nanLow(b.Worst)
	})
	var n Narrative
	for i := range themes {
		if lang == English {
			themes[i].Text = themeTextEN(r, &themes[i])
		} else {
			themes[i].Text = themeTextZH(r, &themes[i])
		}
	}
	n.Problems = themes
	n.Conclusion = conclusion(r, themes, lang)
	n.Suggestions = suggestions(r, themes, lang)
	n.Plan = plan(r, n.Suggestions, lang)
	return n
}

func nanLow(x float64) float64 {
	if math.IsNaN(x) {
		return -1
	}
	return x
}

// byIndicator groups the student, parent and teacher results of each indicator code, in the theme's
// order.
func byIndicator(results []*IndicatorResult) [][3]*IndicatorResult {
	var out [][3]*IndicatorResult
	idx := map[string]int{}
	for _, ir := range results {
		i, ok := idx[ir.Indicator.Code]
		if !ok {
			i = len(out)
			idx[ir.Indicator.Code] = i
			out = append(out, [3]*IndicatorResult{})
		}
		switch ir.Questionnaire.Code {
		case "parent":
			out[i][1] = ir
		case "teacher":
			out[i][2] = ir
		default:
			out[i][0] = ir
		}
	}
	return out
}

// schoolsPhrase says how many schools: "3所初中" when they are all of one stage, else "5所学校".
func schoolsPhrase(r *Results, schools []int) string {
	stage := surveys.Stage("")
	same := true
	for i, s := range schools {
		st := surveys.Stage(r.Units[s].Stage)
		if i == 0 {
			stage = st
		} else if st != stage {
			same = false
		}
	}
	kind := "学校"
	if same && len(schools) > 1 {
		switch stage {
		case surveys.StagePrimary, surveys.StageJunior:
			kind = string(stage)
		case surveys.StageNine:
			kind = "九年一贯制学校"
		}
	}
	return fmt.Sprintf("%d所%s", distinctSchools(r, schools), kind)
}

// distinctSchools counts the schools of some reporting units: the two stages of a 九年一贯制 school
// are one school.
func distinctSchools(r *Results, units []int) int {
	seen := map[int]bool{}
	for _, u := range units {
		seen[r.Units[u].School] = true
	}
	return len(seen)
}

// first returns the first result of a group: the students', else the parents', else the teachers'.
func first(pair [3]*IndicatorResult) *IndicatorResult {
	for _, ir := range pair {
		if ir != nil {
			return ir
		}
	}
	return nil
}

// worstShown returns the highest violation share the group's results publish (NaN when none does): the
// share that makes a theme serious (assess) also calls for its advice.
func worstShown(pair [3]*IndicatorResult) float64 {
	worst := math.NaN()
	for _, ir := range pair {
		if ir != nil && ir.Overall.Shown() && (math.IsNaN(worst) || ir.Overall.ViolationShare() > worst) {
			worst = ir.Overall.ViolationShare()
		}
	}
	return worst
}

// unionFlags returns the schools confirmed on any questionnaire's result of a group, roster order.
func unionFlags(pair [3]*IndicatorResult) []int {
	seen := map[int]bool{}
	var out []int
	for _, ir := range pair {
		if ir == nil {
			continue
		}
		for _, s := range confirmed(ir) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Ints(out)
	return out
}

// significantGroups returns the grade and the 城乡 group whose violation share is significantly above
// the rest of the county's (the design-based comparison of Group.VsOthers), the highest of each.
func significantGroups(ir *IndicatorResult) []Group {
	overall := ir.Overall.ViolationShare()
	if math.IsNaN(overall) || ir.Overall.Violate == 0 {
		return nil
	}
	var out []Group
	for _, gs := range [][]Group{ir.Grades, ir.Locales} {
		var best *Group
		for i := range gs {
			g := &gs[i]
			if g.Suppressed || g.Violate == 0 || math.IsNaN(g.High) {
				continue
			}
			// Significantly more violation than the rest of the county (design-based test, see
			// compareGroups), as the findings require too.
			above := g.VsOthers != nil && g.VsOthers.Significant && g.VsOthers.Diff < 0
			if above && (best == nil || g.ViolationShare() > best.ViolationShare()) {
				best = g
			}
		}
		if best != nil {
			out = append(out, *best)
		}
	}
	return out
}

// groupName names a grade or 城乡 group as a sentence uses it: 九年级, 城区学校.
func groupName(g Group) string {
	if strings.HasSuffix(g.Name, "年级") {
		return g.Name
	}
	return g.Name + "学校"
}

// distributionOf returns the distribution of a question in a questionnaire, or nil.
func distributionOf(r *Results, question, questionnaire string) *Distribution {
	for _, d := range append(append([]*Distribution{}, r.Distributions...), r.Measures...) {
		if d.Question.Code == question && d.Questionnaire.Code == questionnaire {
			return d
		}
	}
	return nil
}

// shareWhere returns the share of answers whose option satisfies keep; NaN with no answers.
func shareWhere(oc OptionCounts, opts []surveys.Option, keep func(o surveys.Option, i int) bool) float64 {
	v := oc.Valid()
	if v == 0 {
		return math.NaN()
	}
	n := 0
	for i, c := range oc.Options {
		if i < len(opts) && keep(opts[i], i) {
			n += c
		}
	}
	return float64(n) / float64(v)
}

// distributionSentence gives the seed's kind of distribution numbers for a theme's indicator, from the
// student questionnaire where it has the question, else the parent one: sleep ≥ 8 h and < 7 h,
// homework within 2 hours, the share who find the homework too much, the share in subject tutoring.
func distributionSentence(r *Results, code string) string {
	type spec struct {
		question string
		say      func(d *Distribution, who string) string
	}
	specs := map[string][]spec{
		"sleep": {{"sleep", func(d *Distribution, who string) string {
			at := func(h float64) float64 {
				return shareWhere(d.Overall, d.Question.Options, func(o surveys.Option, _ int) bool { return o.Lo >= h })
			}
			lt7 := shareWhere(d.Overall, d.Question.Options, func(o surveys.Option, _ int) bool { return o.Hi > 0 && o.Hi <= 7 })
			return fmt.Sprintf("%s%%的%s上学日睡眠在8小时以上，%s%%在9小时以上，%s%%在10小时以上，%s%%不足7小时", Pct(at(8)), who, Pct(at(9)), Pct(at(10)), Pct(lt7))
		}}},
		"homework_time": {{"homework_time", func(d *Distribution, who string) string {
			le2 := shareWhere(d.Overall, d.Question.Options, func(o surveys.Option, _ int) bool { return o.Hi > 0 && o.Hi <= 120 || (o.Lo == 0 && o.Hi == 0) })
			return fmt.Sprintf("%s%%的%s回答每天书面作业不超过2小时", Pct(le2), who)
		}}, {"homework_load", func(d *Distribution, who string) string {
			heavy := shareWhere(d.Overall, d.Question.Options, func(_ surveys.Option, i int) bool { return i >= 2 })
			return fmt.Sprintf("%s%%的%s感到作业量偏多或太多", Pct(heavy), who)
		}}},
		"no_paid_tutoring": {{"tutoring_hours", func(d *Distribution, who string) string {
			in := shareWhere(d.Overall, d.Question.Options, func(o surveys.Option, _ int) bool { return !(o.Lo == 0 && o.Hi == 0) })
			return fmt.Sprintf("%s%%的%s参加校外学科类培训", Pct(in), who)
		}}, {"tutoring", func(d *Distribution, who string) string {
			in := shareWhere(d.Overall, d.Question.Options, func(o surveys.Option, _ int) bool { return !(o.Lo == 0 && o.Hi == 0) })
			return fmt.Sprintf("%s%%的%s反映孩子参加校外学科类培训", Pct(in), who)
		}}},
	}
	var parts []string
	for _, sp := range specs[code] {
		for _, q := range []string{"student", "parent"} {
			d := distributionOf(r, sp.question, q)
			if d == nil || d.Overall.Valid() == 0 {
				continue
			}
			who := "学生"
			if q == "parent" {
				who = "家长"
			}
			parts = append(parts, sp.say(d, who))
			break
		}
	}
	return strings.Join(parts, "，")
}

// themeTextZH writes one theme's paragraph the way the county report does: the opening words, then per
// indicator what students and parents report, the schools involved, where it concentrates when that is
// significant, and the standard it does not match.
func themeTextZH(r *Results, tf *ThemeFinding) string {
	var b strings.Builder
	switch {
	case tf.Serious:
		b.WriteString(tf.Theme.Problem + "。")
	case len(tf.Schools) > 0:
		b.WriteString(tf.Theme.Fine + "，但个别学校仍有问题。")
	default:
		b.WriteString(tf.Theme.Fine + "。")
	}
	if tf.Theme.Code == "curriculum" {
		b.WriteString(r.Timetable.Summary(Chinese)) // the timetables set against the course plan
	}
	var breached []string
	for _, pair := range byIndicator(tf.Results) {
		ind := first(pair)
		def := ind.Indicator
		ref := def.Kind == surveys.Reference
		var s []string
		if d := distributionSentence(r, def.Code); d != "" {
			s = append(s, d)
		}
		st, pa, te := pair[0], pair[1], pair[2]
		switch {
		case st != nil && st.Overall.Shown() && pa != nil && pa.Overall.Shown():
			s = append(s, fmt.Sprintf("%s%%的学生%s，家长问卷中这一比例为%s%%", Pct(st.Overall.ViolationShare()), def.ViolatePhrase, Pct(pa.Overall.ViolationShare())))
		case st != nil && st.Overall.Shown():
			s = append(s, fmt.Sprintf("%s%%的学生%s", Pct(st.Overall.ViolationShare()), def.ViolatePhrase))
		case pa != nil && pa.Overall.Shown():
			s = append(s, fmt.Sprintf("%s%%的家长%s", Pct(pa.Overall.ViolationShare()), said(pa.Questionnaire, def.ViolatePhrase)))
		case te != nil && te.Overall.Shown():
			s = append(s, fmt.Sprintf("%s%%的教师%s", Pct(te.Overall.ViolationShare()), said(te.Questionnaire, def.ViolatePhrase)))
		default:
			continue
		}
		if te != nil && (st != nil || pa != nil) && te.Overall.Shown() {
			s = append(s, fmt.Sprintf("教师问卷中这一比例为%s%%", Pct(te.Overall.ViolationShare())))
		}
		flags := unionFlags(pair)
		if len(flags) > 0 {
			if ref {
				s = append(s, fmt.Sprintf("%s未达到参考要求", schoolsPhrase(r, flags)))
			} else {
				s = append(s, fmt.Sprintf("涉及%s", schoolsPhrase(r, flags)))
			}
		}
		main := st
		if main == nil || !main.Overall.Shown() {
			main = pa
		}
		if main == nil { // teachers alone: their grade stands for a stage, so no grade is named
			main = &IndicatorResult{}
		}
		if gs := significantGroups(main); len(gs) > 0 && (len(flags) > 0 || main.Overall.ViolationShare() >= seriousShare-shareEps) {
			var names []string
			for _, g := range gs {
				names = append(names, fmt.Sprintf("%s（%s%%）", groupName(g), Pct(g.ViolationShare())))
			}
			s = append(s, "主要在"+strings.Join(names, "和"))
		}
		sentence := strings.Join(s, "，")
		if ref {
			sentence += "（参考指标）"
		}
		b.WriteString(sentence + "。")
		if !ref && len(flags) > 0 {
			breached = append(breached, "“"+def.Standard+"”")
		}
	}
	if len(breached) > 0 {
		b.WriteString("这与" + strings.Join(breached, "") + "的要求不相吻合。")
	}
	return b.String()
}

func themeTextEN(r *Results, tf *ThemeFinding) string {
	var b strings.Builder
	if tf.Theme.Code == "curriculum" {
		b.WriteString(r.Timetable.Summary(English))
	}
	for _, pair := range byIndicator(tf.Results) {
		for _, ir := range pair {
			if ir == nil || !ir.Overall.Shown() {
				continue
			}
			fmt.Fprintf(&b, "%s (%s): %s%% do not comply", ir.Indicator.NameEN, respondent(ir.Questionnaire, English), Pct(ir.Overall.ViolationShare()))
			if n := distinctSchools(r, confirmed(ir)); n == 1 {
				b.WriteString("; 1 school flagged")
			} else if n > 1 {
				fmt.Fprintf(&b, "; %d schools flagged", n)
			}
			b.WriteString(". ")
		}
	}
	return strings.TrimSpace(b.String())
}

// conclusion is the short 结论: what is fine, then the problems, most serious first, and how many schools
// need to act.
func conclusion(r *Results, themes []ThemeFinding, lang Lang) string {
	var bad, fine, few []string
	for _, tf := range themes {
		name := tf.Theme.Name
		if lang == English {
			name = tf.Theme.NameEN
		}
		switch {
		case tf.Serious:
			bad = append(bad, name)
		case len(tf.Schools) > 0:
			few = append(few, name)
		default:
			fine = append(fine, name)
		}
	}
	var acting []int
	for u, flags := range SchoolFlags(r) {
		for _, ir := range flags {
			if ir.Indicator.Kind == surveys.Hard {
				acting = append(acting, u)
				break
			}
		}
	}
	act := distinctSchools(r, acting)
	if lang == English {
		return conclusionEN(bad, few, fine, act)
	}
	var b strings.Builder
	if len(bad) == 0 && len(few) == 0 {
		return "“双减”各项要求总体得到落实，各项硬性指标均未发现需整改的学校。"
	}
	if len(bad) == 0 { // no theme is serious, but some schools are confirmed: never "no school"
		b.WriteString("“双减”各项要求总体得到落实，")
		if len(fine) > 0 {
			b.WriteString(strings.Join(fine, "、") + "方面总体符合要求；")
		}
		fmt.Fprintf(&b, "%s方面个别学校仍有问题，全县共有%d所学校至少在一项硬性指标上需整改。", strings.Join(few, "、"), act)
		return b.String()
	}
	if len(fine) > 0 {
		b.WriteString("“双减”工作初见成效，" + strings.Join(fine, "、") + "方面总体符合要求；但")
	} else {
		b.WriteString("对照“双减”各项要求，")
	}
	top := themes[0]
	if len(bad) > 1 {
		b.WriteString(fmt.Sprintf("%s等方面问题依然突出，其中%s问题最为严重", strings.Join(bad, "、"), top.Theme.Name))
	} else {
		b.WriteString(fmt.Sprintf("%s方面问题依然突出", top.Theme.Name))
	}
	if len(top.Schools) > 0 {
		b.WriteString(fmt.Sprintf("（%s需整改）", schoolsPhrase(r, top.Schools)))
	}
	b.WriteString("。")
	if len(few) > 0 {
		b.WriteString(strings.Join(few, "、") + "方面个别学校仍有问题。")
	}
	b.WriteString(fmt.Sprintf("全县共有%d所学校至少在一项硬性指标上需整改，减负工作仍需持续用力。", act))
	return b.String()
}

// conclusionEN is the English 结论, built as the Chinese one is: the themes with a serious problem
// (most serious first), those where only a few schools fall short, those in line, and how many
// schools must act on a hard indicator. It never prints an empty list.
func conclusionEN(bad, few, fine []string, act int) string {
	var b strings.Builder
	switch {
	case len(bad) == 0 && len(few) == 0:
		return "The “double reduction” requirements are largely met; no school must act on any hard indicator."
	case len(bad) > 0:
		fmt.Fprintf(&b, "Problems remain, most serious first: %s. ", joinNames(bad, English))
	default:
		b.WriteString("The “double reduction” requirements are largely met. ")
	}
	if len(few) > 0 {
		fmt.Fprintf(&b, "A few schools still fall short on %s. ", joinNames(few, English))
	}
	if len(fine) > 0 {
		fmt.Fprintf(&b, "Largely in line with the standards: %s. ", joinNames(fine, English))
	}
	fmt.Fprintf(&b, "%d schools must act on at least one hard indicator.", act)
	return OneInSingular(b.String())
}

// suggestions are the 建议 of the themes with a problem: the advice of the standards involved and the
// schools to follow up, each school once per theme with the standards it breaks.
func suggestions(r *Results, themes []ThemeFinding, lang Lang) []Suggestion {
	var out []Suggestion
	for _, tf := range themes {
		if !tf.Serious && len(tf.Schools) == 0 {
			continue
		}
		sg := Suggestion{Theme: tf.Theme, Schools: tf.Schools}
		var advice, standards, standardsEN []string
		perSchool := map[int][]string{}
		seenAdvice := map[string]bool{}
		for _, pair := range byIndicator(tf.Results) {
			ir := first(pair)
			def := ir.Indicator
			if def.Kind != surveys.Hard {
				continue
			}
			flags := unionFlags(pair)
			v := worstShown(pair)
			if len(flags) == 0 && (math.IsNaN(v) || v < seriousShare-shareEps) {
				continue
			}
			adv := def.Advice
			if lang == English {
				adv = orZH(def.AdviceEN, def.Advice)
			}
			if adv != "" && !seenAdvice[adv] {
				seenAdvice[adv] = true
				advice = append(advice, adv)
			}
			name := def.Name
			if lang == English {
				name = def.NameEN
			}
			if len(flags) > 0 {
				standards = append(standards, fmt.Sprintf("%s：“%s”（%s）", def.Name, def.Standard, def.Source))
				standardsEN = append(standardsEN, fmt.Sprintf("%s: “%s” (%s)", def.NameEN, orZH(def.StandardEN, def.Standard), orZH(def.SourceEN, def.Source)))
			}
			for _, s := range flags {
				perSchool[s] = append(perSchool[s], name)
			}
		}
		// Units possibly violating (需关注) on a hard indicator of the theme and confirmed on none.
		var watch []int
		inTheme := map[int]bool{}
		for _, s := range tf.Schools {
			inTheme[s] = true
		}
		for _, ir := range tf.Results {
			if ir.Indicator.Kind != surveys.Hard {
				continue
			}
			for _, u := range ir.Possible {
				if !inTheme[u] {
					inTheme[u] = true
					watch = append(watch, u)
				}
			}
		}
		sort.Ints(watch)
		if lang == English {
			var l []string
			for _, s := range tf.Schools {
				l = append(l, fmt.Sprintf("%s (%s)", r.Units[s].Name, strings.Join(perSchool[s], ", ")))
			}
			sg.Text = tf.Theme.NameEN + ": " + strings.Join(advice, " ")
			if len(l) > 0 {
				sg.Text += " Follow up: " + strings.Join(l, "; ") + ". Basis: " + strings.Join(standardsEN, "; ") + "."
			}
			if len(watch) > 0 {
				var names []string
				for _, u := range watch {
					names = append(names, r.Units[u].Name)
				}
				sg.Text += OneInSingular(fmt.Sprintf(" To watch, %d schools (the share reaches the flag rule but the sample cannot confirm it; each school to check itself): %s.",
					distinctSchools(r, watch), strings.Join(names, ", ")))
			}
		} else {
			var b strings.Builder
			b.WriteString(strings.Join(advice, ""))
			if len(tf.Schools) > 0 {
				var l []string
				for _, s := range tf.Schools {
					if len(tf.Schools) > longList {
						l = append(l, r.Units[s].Name)
					} else {
						l = append(l, fmt.Sprintf("%s（%s）", r.Units[s].Name, strings.Join(perSchool[s], "、")))
					}
				}
				switch {
				case len(l) == 1:
					b.WriteString(fmt.Sprintf("请%s对照标准整改。", l[0]))
				case len(l) > longList:
					b.WriteString(fmt.Sprintf("请以下%d所学校对照标准整改（各校涉及的指标见附件“学校对比”和学校反馈单）：%s。", distinctSchools(r, tf.Schools), strings.Join(l, "、")))
				default:
					b.WriteString(fmt.Sprintf("请以下%d所学校对照标准整改：%s。", distinctSchools(r, tf.Schools), strings.Join(l, "、")))
				}
				b.WriteString("依据：" + strings.Join(standards, "；") + "。")
			}
			if len(watch) > 0 {
				var names []string
				for _, u := range watch {
					names = append(names, r.Units[u].Name)
				}
				b.WriteString(fmt.Sprintf("另有%d所学校需关注（违规比例达到标记标准，但样本不足以确认），请学校自查：%s。", distinctSchools(r, watch), strings.Join(names, "、")))
			}
			sg.Text = b.String()
		}
		out = append(out, sg)
	}
	return out
}

// plan is the follow-up plan: who reports back, when the office checks, and that next term's survey
// measures again.
func plan(r *Results, sgs []Suggestion, lang Lang) string {
	var units []int
	for _, sg := range sgs {
		units = append(units, sg.Schools...)
	}
	n := distinctSchools(r, units)
	if lang == English {
		if n == 0 {
			return "No school needs to act on a hard indicator; the next term's survey checks again."
		}
		return fmt.Sprintf("Follow-up: the %d schools named above report their corrections to the office within a month; the office checks on site next term and the next survey measures again.", n)
	}
	if n == 0 {
		return "跟进安排：本次没有学校需就硬性指标整改；下学期监测时复测各项指标，对比变化。"
	}
	return fmt.Sprintf("跟进安排：上述%d所学校在收到反馈单后一个月内向教研室提交整改报告，说明问题原因、整改措施和完成时间；教研室在下学期开学后对这些学校进行抽查，下学期监测时复测并与本学期对比，整改情况纳入学校年度考核。", n)
}
