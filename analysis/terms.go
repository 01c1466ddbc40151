package analysis

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// TermCell is one school's (or the county's) compliance share on one indicator in one term, in the
// form a comparison between terms needs.
type TermCell struct {
	Code  string // 学校代码; "" for the county, or for a school of a term run without a roster
	Name  string // 学校名称; "" for the county
	Stage string // 学段 of the entry ("小学"/"初中"), "" when the term did not split schools by stage
	// P is the compliance share 0..1 and Low, High its reported 95% interval; NaN when the cell was
	// not reported (suppressed, nothing judged).
	P, Low, High float64
	N            int     // judged answers
	DF           float64 // degrees of freedom of the interval (design-based); 0 for a normal-based one
	Flag         string  // "confirmed", "possible" or ""
}

// Reported reports whether the cell has a share and an interval.
func (c TermCell) Reported() bool {
	return !math.IsNaN(c.P) && !math.IsNaN(c.Low) && !math.IsNaN(c.High)
}

// SE returns the standard error implied by the reported interval: its width over 2·q, q the 97.5%
// quantile of t with the cell's DF (of the normal when DF is 0). For a design-based interval this is
// the design standard error; for a Wilson interval it is close to √(p̃(1−p̃)/(n+z²)), which stays
// positive at p = 0 or 1. NaN when the cell is not reported.
func (c TermCell) SE() float64 {
	if !c.Reported() {
		return math.NaN()
	}
	return (c.High - c.Low) / (2 * quantile975(c.DF))
}

// key identifies a school across terms: its code, or its name when the term had no roster.
func (c TermCell) key() string {
	if c.Code != "" {
		return "code:" + c.Code
	}
	return "name:" + c.Name
}

// TermIndicator is one indicator of one questionnaire in one term.
type TermIndicator struct {
	Code          string // indicator code, e.g. "sleep"
	Questionnaire string // "student" or "parent"
	Name          string
	NameEN        string // English name, "" when unknown (earlier terms)
	County        TermCell
	Schools       []TermCell
}

// Term is the results of one term as a comparison needs them.
type Term struct {
	Label      string // e.g. "2025年秋季学期"
	Profile    string // profile name
	Source     string // where it was read from (a results.json), "" for the current term
	Indicators []TermIndicator
}

// Indicator returns the term's indicator of that code and questionnaire, or nil.
func (t *Term) Indicator(code, questionnaire string) *TermIndicator {
	return t.indicator(code, questionnaire)
}

func (t *Term) indicator(code, questionnaire string) *TermIndicator {
	for i := range t.Indicators {
		if t.Indicators[i].Code == code && t.Indicators[i].Questionnaire == questionnaire {
			return &t.Indicators[i]
		}
	}
	return nil
}

// CurrentTerm converts results to a Term: one cell per reporting unit, with its stage and flag tier.
func CurrentTerm(r *Results) Term {
	t := Term{Label: r.Term, Profile: r.Profile.Name}
	for _, ir := range r.Indicators {
		ti := TermIndicator{Code: ir.Indicator.Code, Questionnaire: ir.Questionnaire.Code, Name: ir.Indicator.Name, NameEN: ir.Indicator.NameEN,
			County: termCell(ir.Overall)}
		for _, sr := range ir.Schools {
			s := r.Schools[sr.School]
			c := termCell(sr.Estimate)
			c.Code, c.Name, c.Stage, c.Flag = s.Code, s.Name, sr.Stage, string(sr.Flag)
			if c.Flag == "" && sr.Flagged {
				c.Flag = string(FlagConfirmed)
			}
			ti.Schools = append(ti.Schools, c)
		}
		t.Indicators = append(t.Indicators, ti)
	}
	return t
}

func termCell(e Estimate) TermCell {
	c := TermCell{P: e.P, Low: e.Low, High: e.High, N: e.Judged()}
	if e.Interval == KornGraubard && e.DF > 0 {
		c.DF = float64(e.DF)
	}
	if !e.Shown() {
		c.P, c.Low, c.High = math.NaN(), math.NaN(), math.NaN()
	}
	return c
}

// Change is one cell's change from the previous term to this one, in percentage points as fractions
// (0.05 is 5 points).
type Change struct {
	Indicator     string // indicator code
	Questionnaire string
	Name          string   // indicator name
	NameEN        string   // English indicator name
	School        TermCell // this term's cell (Code and Name "" for the county)
	Previous      TermCell
	// Diff is P − Previous.P; Low, High its 95% interval Diff ± q·SE with SE = √(SE₁² + SE₂²) (the
	// two terms are independent samples) and q the 97.5% quantile of t with DF degrees of freedom.
	Diff, Low, High float64
	SE              float64
	DF              float64 // min of the two cells' DF (conservative); 0 when neither has one (normal)
	PValue          float64 // two-sided
	// CalledOut: significant after Benjamini–Hochberg at the comparison's level across all changes.
	CalledOut bool
}

// County reports whether the change is the county's.
func (c Change) County() bool { return c.School.Name == "" && c.School.Code == "" }

// FlagChange is a school's flag on one indicator that appeared or cleared since the previous term.
type FlagChange struct {
	Indicator, Questionnaire, IndicatorName string
	School                                  TermCell // this term's cell (for a cleared flag: its cell, or the previous one when absent)
	Previous, Now                           string   // flags: "confirmed", "possible" or ""
}

// Appeared reports whether the school is flagged now and was not before (a possible flag turned
// confirmed counts as appeared).
func (f FlagChange) Appeared() bool { return rank(f.Now) > rank(f.Previous) }

func rank(flag string) int {
	switch flag {
	case "confirmed":
		return 2
	case "possible":
		return 1
	}
	return 0
}

// Comparison is this term set against earlier ones.
type Comparison struct {
	Terms    []Term // every term, oldest first; the last is the current one
	Previous *Term  // the term changes are measured from: the latest earlier one
	Level    float64
	Changes  []Change // every cell present and reported in both terms; indicator order, county first
	Flags    []FlagChange
	// ProfileChanged is set when the previous term used another profile: changes may then come
	// from the standard rather than the schools.
	ProfileChanged bool
	// Schools of one term only, by indicator-independent name.
	OnlyPrevious, OnlyCurrent []string
	// Indicators of one term only ("code/questionnaire" names).
	IndicatorsOnlyPrevious, IndicatorsOnlyCurrent []string
	// Unmatched: schools whose stage split differs between the terms, so they were not compared.
	StageMismatch []string
}

// Lookup returns the change of a cell (school code or name and stage; "" for the county), or nil.
func (c *Comparison) Lookup(indicator, questionnaire string, school TermCell) *Change {
	if c == nil {
		return nil
	}
	for i := range c.Changes {
		ch := &c.Changes[i]
		if ch.Indicator == indicator && ch.Questionnaire == questionnaire && ch.School.key() == school.key() && ch.School.Stage == school.Stage {
			return ch
		}
	}
	return nil
}

// PreviousCell returns a school's cell in the previous term (matched as Compare matches), and false
// when the school or the indicator was not in it.
func (c *Comparison) PreviousCell(indicator, questionnaire string, school TermCell) (TermCell, bool) {
	if c == nil {
		return TermCell{}, false
	}
	pi := c.Previous.indicator(indicator, questionnaire)
	if pi == nil {
		return TermCell{}, false
	}
	var cur []TermCell
	if ci := c.Terms[len(c.Terms)-1].indicator(indicator, questionnaire); ci != nil {
		cur = ci.Schools
	}
	return matchSchool(school, pi.Schools, cur)
}

// CalledOut returns the changes called out, in the order of Changes.
func (c *Comparison) CalledOut() []Change {
	var out []Change
	for _, ch := range c.Changes {
		if ch.CalledOut {
			out = append(out, ch)
		}
	}
	return out
}

var termRE = regexp.MustCompile(`(\d{4})\s*年?\s*(春|秋)`)

// termOrder returns a sortable key of a term label such as "2025年秋季学期", and false when the label
// does not say year and season.
func termOrder(label string) (int, bool) {
	m := termRE.FindStringSubmatch(label)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	k := 2 * y
	if m[2] == "秋" {
		k++
	}
	return k, true
}

// SortTerms orders earlier terms oldest first when every label names year and season (春/秋);
// otherwise it keeps the order given.
func SortTerms(terms []Term) {
	for _, t := range terms {
		if _, ok := termOrder(t.Label); !ok {
			return
		}
	}
	sort.SliceStable(terms, func(i, j int) bool {
		a, _ := termOrder(terms[i].Label)
		b, _ := termOrder(terms[j].Label)
		return a < b
	})
}

// Compare sets the current term against earlier ones (any order; see SortTerms): every school ×
// indicator cell reported in both the current and the latest earlier term gets a Change, and the
// changes are called out by Benjamini–Hochberg at level (0.05 in reports) across all of them, the
// county's included. Schools match by code (by name when a term has no codes) and stage, indicators
// by code and questionnaire; nothing is matched by guess. It returns nil when earlier is empty.
func Compare(current Term, earlier []Term, level float64) *Comparison {
	if len(earlier) == 0 {
		return nil
	}
	terms := append([]Term(nil), earlier...)
	SortTerms(terms)
	c := &Comparison{Terms: append(terms, current), Level: level}
	prev := &c.Terms[len(c.Terms)-2]
	c.Previous = prev
	c.ProfileChanged = prev.Profile != current.Profile
	prevSchools, curSchools := map[string]string{}, map[string]string{}
	for _, ti := range current.Indicators {
		pi := prev.indicator(ti.Code, ti.Questionnaire)
		if pi == nil {
			c.IndicatorsOnlyCurrent = append(c.IndicatorsOnlyCurrent, ti.Name+"（"+ti.Questionnaire+"）")
			continue
		}
		c.add(ti, ti.County, pi.County)
		for _, s := range ti.Schools {
			ps, ok := matchSchool(s, pi.Schools, ti.Schools)
			if !ok {
				if hasKey(pi.Schools, s.key()) {
					c.StageMismatch = appendOnce(c.StageMismatch, s.Name)
				}
				continue
			}
			c.add(ti, s, ps)
			if s.Flag != ps.Flag {
				c.Flags = append(c.Flags, FlagChange{Indicator: ti.Code, Questionnaire: ti.Questionnaire, IndicatorName: ti.Name, School: s, Previous: ps.Flag, Now: s.Flag})
			}
		}
	}
	for _, pi := range prev.Indicators {
		if current.indicator(pi.Code, pi.Questionnaire) == nil {
			c.IndicatorsOnlyPrevious = append(c.IndicatorsOnlyPrevious, pi.Name+"（"+pi.Questionnaire+"）")
		}
		for _, s := range pi.Schools {
			prevSchools[s.key()] = s.Name
		}
	}
	for _, ti := range current.Indicators {
		for _, s := range ti.Schools {
			curSchools[s.key()] = s.Name
		}
	}
	c.OnlyPrevious = onlyIn(prevSchools, curSchools)
	c.OnlyCurrent = onlyIn(curSchools, prevSchools)
	p := make([]float64, len(c.Changes))
	for i, ch := range c.Changes {
		p[i] = ch.PValue
	}
	for i, sig := range BenjaminiHochberg(p, level) {
		c.Changes[i].CalledOut = sig
	}
	return c
}

// matchSchool finds s's cell in the previous term: same key and stage; or, where one term split the
// school by stage and the other did not, the single entry of that school on the other side.
func matchSchool(s TermCell, prev, cur []TermCell) (TermCell, bool) {
	var same []TermCell
	for _, p := range prev {
		if p.key() == s.key() {
			if p.Stage == s.Stage {
				return p, true
			}
			same = append(same, p)
		}
	}
	if len(same) != 1 || (same[0].Stage != "" && s.Stage != "") {
		return TermCell{}, false
	}
	n := 0
	for _, c := range cur {
		if c.key() == s.key() {
			n++
		}
	}
	return same[0], n == 1
}

func hasKey(cells []TermCell, key string) bool {
	for _, c := range cells {
		if c.key() == key {
			return true
		}
	}
	return false
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func onlyIn(a, b map[string]string) []string {
	var out []string
	for k, name := range a {
		if _, ok := b[k]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// add appends the change of one cell when it is reported in both terms.
func (c *Comparison) add(ti TermIndicator, now, prev TermCell) {
	if !now.Reported() || !prev.Reported() {
		return
	}
	ch := Change{Indicator: ti.Code, Questionnaire: ti.Questionnaire, Name: ti.Name, NameEN: ti.NameEN, School: now, Previous: prev}
	ch.Diff = now.P - prev.P
	ch.SE = math.Hypot(now.SE(), prev.SE())
	ch.DF = conservativeDF(now.DF, prev.DF)
	q := quantile975(ch.DF)
	ch.Low, ch.High = ch.Diff-q*ch.SE, ch.Diff+q*ch.SE
	ch.PValue = twoSidedP(ch.Diff, ch.SE, ch.DF)
	c.Changes = append(c.Changes, ch)
}

// conservativeDF is the smaller of two known degrees of freedom (either 0 = unknown, normal).
func conservativeDF(a, b float64) float64 {
	switch {
	case a > 0 && b > 0:
		return math.Min(a, b)
	case a > 0:
		return a
	}
	return b
}

// quantile975 is the 97.5% quantile of t with df degrees of freedom, of the normal when df ≤ 0.
func quantile975(df float64) float64 {
	if df <= 0 {
		return Z95
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975)
}

// twoSidedP is the two-sided p-value of diff/se under t with df (normal when df ≤ 0); 1 when se is 0
// and diff is 0, 0 when se is 0 and diff is not.
func twoSidedP(diff, se, df float64) float64 {
	if se == 0 || math.IsNaN(se) {
		if diff == 0 {
			return 1
		}
		return 0
	}
	z := math.Abs(diff) / se
	if df <= 0 {
		return 2 * distuv.UnitNormal.Survival(z)
	}
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(z)
}

// BenjaminiHochberg returns which of the p-values are rejected at false discovery rate q by the
// Benjamini–Hochberg step-up procedure: sort p ascending, find the largest k with p₍ₖ₎ ≤ k·q/m,
// reject the k smallest. NaN p-values are never rejected and do not count in m.
func BenjaminiHochberg(p []float64, q float64) []bool {
	idx := make([]int, 0, len(p))
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	m := float64(len(idx))
	k := 0
	for r, i := range idx {
		if p[i] <= float64(r+1)*q/m {
			k = r + 1
		}
	}
	out := make([]bool, len(p))
	for _, i := range idx[:k] {
		out[i] = true
	}
	return out
}

// termName is a term as jianfu names it: 2026年春季学期, 2025年秋季学期.
var termName = regexp.MustCompile(`^(\d{4})年(春|秋)季学期$`)

// TermLabel is a term's label in lang: jianfu's own Chinese term names are put in English
// (2026年春季学期 is "spring term 2026", 本学期 "this term"); a term the user wrote is kept as written.
func TermLabel(label string, lang Lang) string {
	if lang != English {
		return label
	}
	if label == "本学期" {
		return "this term"
	}
	if m := termName.FindStringSubmatch(label); m != nil {
		return map[string]string{"春": "spring", "秋": "autumn"}[m[2]] + " term " + m[1]
	}
	return label
}

// questionnaireWord names a questionnaire code in running text.
func questionnaireWord(code string, lang Lang) string {
	if lang == English {
		return map[string]string{"student": "students", "parent": "parents", "teacher": "teachers"}[code]
	}
	return map[string]string{"student": "学生问卷", "parent": "家长问卷", "teacher": "教师问卷"}[code]
}

// points formats a change in percentage points with its sign, "+3.9" or "−2.0".
func points(d float64) string {
	s := fmt.Sprintf("%+.1f", 100*d)
	return strings.Replace(s, "-", "−", 1)
}

// TermSummary is the opening sentence of the term comparison: what was compared with what, and how
// many changes are significant after Benjamini–Hochberg.
func TermSummary(c *Comparison, lang Lang) string {
	called := c.CalledOut()
	schools := map[string]bool{}
	for _, ch := range called {
		if !ch.County() {
			schools[ch.School.key()] = true
		}
	}
	prev := TermLabel(c.Previous.Label, lang)
	if lang == English {
		s := fmt.Sprintf("Compared with %s, %d shares (county and schools × indicators) were compared; after the Benjamini–Hochberg correction (false discovery rate %.0f%%), %d changes are significant, at %d schools.",
			prev, len(c.Changes), 100*c.Level, len(called), len(schools))
		if len(called) == 0 {
			s = fmt.Sprintf("Compared with %s (%d shares compared), no change is significant after the Benjamini–Hochberg correction; the differences seen are within sampling variation.", prev, len(c.Changes))
		}
		return s
	}
	if len(called) == 0 {
		return fmt.Sprintf("与%s相比，共比较%d项比例（全县和各校的各项指标），经多重比较校正（Benjamini–Hochberg法，错误发现率%.0f%%）后没有显著变化；表中的差异在抽样误差范围内，不宜解读为变化。", prev, len(c.Changes), 100*c.Level)
	}
	return fmt.Sprintf("与%s相比，共比较%d项比例（全县和各校的各项指标），经多重比较校正（Benjamini–Hochberg法，错误发现率%.0f%%）后有%d项变化显著，涉及%d所学校。以下只列显著的变化。",
		prev, len(c.Changes), 100*c.Level, len(called), len(schools))
}

// TermFindings returns one sentence per indicator with a significant change: the county's change
// when significant, and the schools that improved or declined significantly, counted and named.
func TermFindings(c *Comparison, lang Lang) []string {
	type group struct {
		county     *Change
		up, down   []string
		name, q    string
		anyCounted bool
	}
	var order []string
	groups := map[string]*group{}
	for i := range c.Changes {
		ch := &c.Changes[i]
		if !ch.CalledOut {
			continue
		}
		k := ch.Indicator + "/" + ch.Questionnaire
		g := groups[k]
		if g == nil {
			g = &group{name: ch.Name, q: ch.Questionnaire}
			if lang == English && ch.NameEN != "" {
				g.name = ch.NameEN
			}
			groups[k] = g
			order = append(order, k)
		}
		switch {
		case ch.County():
			g.county = ch
		case ch.Diff > 0:
			g.up = append(g.up, ch.School.Name)
		default:
			g.down = append(g.down, ch.School.Name)
		}
	}
	var out []string
	for _, k := range order {
		g := groups[k]
		var parts []string
		if lang == English {
			if ch := g.county; ch != nil {
				parts = append(parts, fmt.Sprintf("county compliance went from %s%% to %s%% (%s points, 95%% CI %s to %s)", Pct(ch.Previous.P), Pct(ch.School.P), points(ch.Diff), points(ch.Low), points(ch.High)))
			}
			if len(g.up) > 0 {
				parts = append(parts, fmt.Sprintf("%s improved significantly (%s)", schoolsEN(len(g.up)), joinNames(g.up, lang)))
			}
			if len(g.down) > 0 {
				parts = append(parts, fmt.Sprintf("%s declined significantly (%s)", schoolsEN(len(g.down)), joinNames(g.down, lang)))
			}
			out = append(out, fmt.Sprintf("%s (%s): %s.", g.name, questionnaireWord(g.q, lang), strings.Join(parts, "; ")))
			continue
		}
		if ch := g.county; ch != nil {
			verb := "提高"
			if ch.Diff < 0 {
				verb = "下降"
			}
			parts = append(parts, fmt.Sprintf("全县达标率由%s%%变为%s%%，%s%.1f个百分点（95%%区间%s～%s）", Pct(ch.Previous.P), Pct(ch.School.P), verb, math.Abs(100*ch.Diff), points(ch.Low), points(ch.High)))
		}
		if len(g.up) > 0 {
			parts = append(parts, fmt.Sprintf("明显改善的学校%d所（%s）", len(g.up), joinNames(g.up, lang)))
		}
		if len(g.down) > 0 {
			parts = append(parts, fmt.Sprintf("明显下降的学校%d所（%s）", len(g.down), joinNames(g.down, lang)))
		}
		out = append(out, fmt.Sprintf("%s（%s）：%s。", g.name, questionnaireWord(g.q, lang), strings.Join(parts, "；")))
	}
	return out
}

// FlagsBySchool groups the flag changes by school, schools in first-seen order: for each, the
// indicators whose flag appeared and those whose flag cleared.
func FlagsBySchool(c *Comparison) []SchoolFlagChanges {
	var out []SchoolFlagChanges
	idx := map[string]int{}
	for _, f := range c.Flags {
		k := f.School.key() + "|" + f.School.Stage
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, SchoolFlagChanges{School: f.School})
		}
		if f.Appeared() {
			out[i].Appeared = append(out[i].Appeared, f)
		} else {
			out[i].Cleared = append(out[i].Cleared, f)
		}
	}
	return out
}

// SchoolFlagChanges are one school's flags that appeared and cleared since the previous term.
type SchoolFlagChanges struct {
	School            TermCell
	Appeared, Cleared []FlagChange
}

// schoolsEN is "1 school" or "n schools".
func schoolsEN(n int) string {
	if n == 1 {
		return "1 school"
	}
	return fmt.Sprintf("%d schools", n)
}
