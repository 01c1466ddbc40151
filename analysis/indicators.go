package analysis

import (
	"fmt"
	"math"
	"sort"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Counts are the answers to one indicator in one cell (a school, a band, the county …).
type Counts struct {
	Valid          int // answers that are an option
	Missing        int // 未答
	Invalid        int // 无效: text that matches no option
	NotApplicable  int // 不适用, and options in grades no rule covers
	Undeterminable int // 无法判定: the profile's limit falls inside the answer's class
	Comply         int
	Violate        int
}

// Judged returns the denominator of the compliance share: valid answers that could be judged.
func (c Counts) Judged() int { return c.Comply + c.Violate }

func (c *Counts) add(o Counts) {
	c.Valid += o.Valid
	c.Missing += o.Missing
	c.Invalid += o.Invalid
	c.NotApplicable += o.NotApplicable
	c.Undeterminable += o.Undeterminable
	c.Comply += o.Comply
	c.Violate += o.Violate
}

// Flag is the tier a reporting unit is flagged in on an indicator (standards.md).
type Flag string

// The flag tiers.
const (
	// FlagNone: not flagged.
	FlagNone Flag = ""
	// FlagConfirmed (需整改): the lower bound of the 95% interval of the violation share reaches the
	// profile's threshold, with at least flag_min_violations violators; with 无法判定 answers, even
	// the favourable bound (every such answer complying) violates.
	FlagConfirmed Flag = "confirmed"
	// FlagPossible (需关注): the violation share among judged answers reaches the threshold with at
	// least flag_min_violations violators, but the evidence does not confirm it.
	FlagPossible Flag = "possible"
)

// Estimate is a compliance share with its interval, its design statistics and the reporting rules
// applied. Every field means the same in every output (tables, results.json, tables.xlsx, text).
//
// The denominator n_valid is Judged(): answers that could be judged against the standard.
// 无法判定 answers (Undeterminable) are counted apart and give the bounds BoundLow–BoundHigh.
type Estimate struct {
	Counts
	// P is the compliance share among judged answers (weighted when weighting); NaN when none.
	P float64
	// Low and High are the reported 95% interval of P, computed by Interval.
	Low, High float64
	// Interval is the method of Low/High: Korn–Graubard under the cluster design, Wilson where the
	// answers carry no class, with --design srs, or where the design has no degrees of freedom (a
	// cell of one class).
	Interval IntervalMethod
	// WilsonLow and WilsonHigh are the Wilson score interval on the unweighted counts, always given.
	WilsonLow, WilsonHigh float64
	// NEff is the effective sample size p(1−p)/V (R's svyciprop n.eff before the df adjustment;
	// the judged n when V is 0); NaN without a design.
	NEff float64
	// Deff is the design effect V / V_srs, V_srs the variance of simple random sampling with
	// replacement (R's svymean(deff = "replace")); NaN without a design.
	Deff float64
	// Var is the variance of P used for comparisons (design-based, or p(1−p)/n under Wilson).
	Var float64
	// DF is the design degrees of freedom: classes − strata (−1 without a design).
	DF int
	// BoundLow and BoundHigh are the compliance share over judged and 无法判定 answers if none, or
	// every one, of the 无法判定 answers complied (unweighted); NaN when there are none.
	BoundLow, BoundHigh float64
	// Suppressed cells are shown as "—" with SuppressReason and publish no share or interval.
	// SuppressReasonEN says the same in English.
	Suppressed       bool
	SuppressReason   string
	SuppressReasonEN string
	// Small marks Judged < the profile's small_n: shown with "*" (样本不足，仅供参考).
	Small bool
	// LowDF marks a design with fewer than 8 degrees of freedom under --reliability nchs (footnoted).
	LowDF bool
	// Flag is the tier (reporting units only); FlagReason says why a cell is possible but not confirmed,
	// FlagReasonEN the same in English.
	Flag         Flag
	FlagReason   string
	FlagReasonEN string
	// Flagged is Flag == FlagConfirmed (需整改), kept for callers that know only one tier.
	Flagged bool
}

// ViolationShare returns 1 − P, the share of judged answers that violate (NaN when none).
func (e Estimate) ViolationShare() float64 { return 1 - e.P }

// Shown reports whether the cell publishes its share and interval.
func (e Estimate) Shown() bool { return !e.Suppressed && !math.IsNaN(e.P) }

// Group is a named breakdown cell: a band, a grade, or a 城乡 category.
type Group struct {
	Code string // band code ("7-9"), grade ("7") or locale ("城区")
	Name string // 初中, 七年级, 城区
	Estimate
	// VsOthers compares this group with the rest of the county (design-based); nil when not computed.
	VsOthers *Contrast
}

// Contrast is a design-based test of a cell against the rest of the county (R's svyttest).
type Contrast struct {
	Others      float64 // compliance share of the rest
	Diff        float64 // P − Others
	PValue      float64 // two-sided
	PAdjusted   float64 // Holm-adjusted across the schools (schools only; = PValue for groups)
	Significant bool    // PAdjusted < 0.05
}

// Verdict is the verdict on a mean homework time against its limit.
type Verdict string

// The homework verdicts (standards.md).
const (
	VerdictOver     Verdict = "超过"   // the whole 95% interval lies above the limit
	VerdictMaybe    Verdict = "可能超过" // the mean is above the limit but the interval contains it
	VerdictNotOver  Verdict = "未超过"  // the mean is at or below the limit (equal does not exceed)
	VerdictTooSmall Verdict = ""     // suppressed: fewer answers than min_n
)

// HomeworkMean is the average homework time of a unit (or the county) in one band, judged against
// the band's limit as the standard words it ("平均不超过60分钟").
type HomeworkMean struct {
	Band      string         // band code
	N         int            // answers averaged (options only)
	Minutes   float64        // mean of the option midpoints (weighted when weighting)
	Low, High float64        // 95% interval of Minutes
	Interval  IntervalMethod // design-t, or srs-t without classes
	Deff      float64        // design effect (NaN without a design)
	DF        int
	Limit     float64 // the band's limit in minutes
	Verdict   Verdict
	// Over is Verdict == VerdictOver.
	Over       bool
	Suppressed bool // N < the profile's min_n
	Small      bool // N < small_n
	// Disagrees is set when the mean and the share tell different stories: the mean is within the
	// limit but at least the flag threshold of answers are over it, or the mean is over the limit
	// while most answers comply.
	Disagrees bool
	Share     float64 // compliance share in the same cell
}

// SchoolResult is one reporting unit's result on one indicator: a school, or one stage of a school
// that teaches two (青山学校（小学部）/ 青山学校（初中部）).
type SchoolResult struct {
	School int    // index into Results.Schools
	Unit   int    // index into Results.Units
	Stage  string // 小学 or 初中
	Name   string // the unit's display name
	Estimate
	Bands    []Group        // the unit's bands that have answers
	Homework []HomeworkMean // homework_time only: per band with a minute limit
	// VsCounty compares the unit with the rest of the county; nil when either side is suppressed.
	VsCounty *Contrast
}

// IndicatorResult is one indicator as asked in one questionnaire.
type IndicatorResult struct {
	Indicator     *surveys.Indicator
	Questionnaire *surveys.Questionnaire
	Question      *surveys.Question
	Overall       Estimate
	Schools       []SchoolResult // one per reporting unit with any respondent, roster order, 小学 before 初中
	Bands         []Group        // county by band
	Grades        []Group        // county by grade
	Locales       []Group        // county by 城乡
	Homework      []HomeworkMean // county by band (homework_time only)
	Flagged       []int          // units confirmed (需整改), indices into Results.Units, in order
	Possible      []int          // units possibly violating (需关注)
	TooSmall      []int          // units suppressed: 样本不足，无法判定
}

// FlaggedNames returns the names of the confirmed units.
func (r *IndicatorResult) FlaggedNames(units []Unit) []string { return unitNames(r.Flagged, units) }

// PossibleNames returns the names of the possibly violating units.
func (r *IndicatorResult) PossibleNames(units []Unit) []string { return unitNames(r.Possible, units) }

func unitNames(idx []int, units []Unit) []string {
	var out []string
	for _, u := range idx {
		out = append(out, units[u].Name)
	}
	return out
}

var gradeNames = [10]string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}

// GradeName returns 七年级 for 7.
func GradeName(g int) string {
	if g < 1 || g > 9 {
		return fmt.Sprint(g)
	}
	return gradeNames[g]
}

// cellCounts[school][grade] for one indicator.
type cellCounts [][10]Counts

// classCount is one class's judged answers to an indicator.
type classCount struct{ judged, comply int32 }

// countIndicator makes one pass over the answers, counting by school and grade, and the judged and
// complying answers by class.
func countIndicator(d *surveys.Dataset, qi int, t *surveys.VerdictTable) (cellCounts, []classCount) {
	cc := make(cellCounts, len(d.Schools))
	cls := make([]classCount, len(d.Classes))
	col := d.Answers[qi]
	for i, a := range col {
		c := &cc[d.School[i]][d.Grade[i]]
		switch a {
		case surveys.Missing:
			c.Missing++
			continue
		case surveys.Invalid:
			c.Invalid++
			continue
		case surveys.NotApplicable:
			c.NotApplicable++
			continue
		}
		switch t[d.Grade[i]][a] {
		case surveys.Complies:
			c.Valid++
			c.Comply++
			k := &cls[d.Class[i]]
			k.judged++
			k.comply++
		case surveys.Violates:
			c.Valid++
			c.Violate++
			cls[d.Class[i]].judged++
		case surveys.Undeterminable:
			c.Valid++
			c.Undeterminable++
		case surveys.CountsAsMissing:
			c.Missing++
		default:
			c.NotApplicable++
		}
	}
	return cc, cls
}

func sum(cc cellCounts, keep func(school, grade int) bool) Counts {
	var c Counts
	for s := range cc {
		for g := 1; g <= 9; g++ {
			if keep(s, g) {
				c.add(cc[s][g])
			}
		}
	}
	return c
}

func hasAny(c Counts) bool {
	return c.Valid+c.Missing+c.Invalid+c.NotApplicable > 0
}

// analyzeIndicator computes every breakdown of one indicator in one questionnaire.
func (a *analyzer) analyzeIndicator(dd *dsDesign, ind *surveys.Indicator) (*IndicatorResult, error) {
	d, p, schools := dd.d, a.p, a.schools
	q := d.Questionnaire
	qi := q.Index(ind.Question)
	qu := &q.Questions[qi]
	t, _, err := ind.Verdicts(qu)
	if err != nil {
		return nil, fmt.Errorf("indicator %s: %w", ind.Code, err)
	}
	cc, cls := countIndicator(d, qi, t)
	sums := make([]classSums, len(cls))
	for i, c := range cls {
		sums[i] = classSums{n: float64(c.judged), y: float64(c.comply), y2: float64(c.comply)}
	}
	dm, err := dd.domains(sums, a.opt)
	if err != nil {
		return nil, err
	}
	r := &IndicatorResult{Indicator: ind, Questionnaire: q, Question: qu}
	all := func(int, int) bool { return true }
	r.Overall = a.share(sum(cc, all), dm, all, all)
	for _, b := range p.Bands {
		in := gradeSet(b.Grades)
		keep := func(_, g int) bool { return in[g] }
		if c := sum(cc, keep); hasAny(c) {
			r.Bands = append(r.Bands, Group{Code: b.Code, Name: b.Name, Estimate: a.share(c, dm, keep, all)})
		}
	}
	for g := 1; g <= 9 && !q.ByStage(); g++ { // a teacher's grade only stands for the stage: no grade breakdown
		keep := func(_, gg int) bool { return gg == g }
		if c := sum(cc, keep); hasAny(c) {
			r.Grades = append(r.Grades, Group{Code: fmt.Sprint(g), Name: GradeName(g), Estimate: a.share(c, dm, keep, all)})
		}
	}
	for _, loc := range locales(schools) {
		keep := func(s, _ int) bool { return schools[s].Locale == loc }
		if c := sum(cc, keep); hasAny(c) {
			r.Locales = append(r.Locales, Group{Code: loc, Name: loc, Estimate: a.share(c, dm, keep, all)})
		}
	}
	a.compareGroups(r, dm)
	isHomework := ind.Question == "homework_time" && len(p.HomeworkMidpoints) == len(qu.Options)
	var hw *domainSet
	if isHomework {
		if hw, err = dd.homeworkDomains(qi, p, a.opt); err != nil {
			return nil, err
		}
		r.Homework = a.homeworkMeans(hw, cc, ind, qu, -1)
	}
	for u, unit := range a.units.units {
		s := unit.School
		inUnit := func(ss, g int) bool { return ss == s && a.units.of[s][g] == int32(u) }
		c := sum(cc, inUnit)
		if !hasAny(c) {
			continue
		}
		sr := SchoolResult{School: s, Unit: u, Stage: unit.Stage, Name: unit.Name, Estimate: a.share(c, dm, inUnit, inUnit)}
		a.flag(&sr.Estimate, ind)
		for _, b := range p.Bands {
			in := gradeSet(b.Grades)
			keep := func(ss, g int) bool { return inUnit(ss, g) && in[g] }
			if bc := sum(cc, keep); hasAny(bc) {
				sr.Bands = append(sr.Bands, Group{Code: b.Code, Name: b.Name, Estimate: a.share(bc, dm, keep, inUnit)})
			}
		}
		if isHomework {
			sr.Homework = a.homeworkMeans(hw, cc, ind, qu, u)
		}
		switch {
		case sr.Suppressed:
			r.TooSmall = append(r.TooSmall, u)
		case sr.Flag == FlagConfirmed:
			r.Flagged = append(r.Flagged, u)
		case sr.Flag == FlagPossible:
			r.Possible = append(r.Possible, u)
		}
		r.Schools = append(r.Schools, sr)
	}
	a.compareSchools(r, dm)
	return r, nil
}

func gradeSet(gs []int) map[int]bool {
	m := map[int]bool{}
	for _, g := range gs {
		m[g] = true
	}
	return m
}

// locales returns the 城乡 categories present, in the order 城区, 镇区, 乡村, then any other.
func locales(schools []surveys.School) []string {
	order := map[string]int{"城区": 0, "镇区": 1, "乡村": 2}
	seen := map[string]bool{}
	var out []string
	for _, s := range schools {
		if s.Locale != "" && !seen[s.Locale] {
			seen[s.Locale] = true
			out = append(out, s.Locale)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, iok := order[out[i]]
		oj, jok := order[out[j]]
		if !iok {
			oi = 9
		}
		if !jok {
			oj = 9
		}
		return oi < oj
	})
	return out
}

// homeworkMeans returns, per band whose grades share one minute limit, the mean homework time from
// the profile's option midpoints (mean = Σ w·midpoint / Σ w over option answers) with its 95%
// interval and verdict. unit < 0 means the whole county.
func (a *analyzer) homeworkMeans(hw *domainSet, cc cellCounts, ind *surveys.Indicator, qu *surveys.Question, unit int) []HomeworkMean {
	p := a.p
	var out []HomeworkMean
	for _, b := range p.Bands {
		limit, ok := bandLimit(ind, qu, b)
		if !ok || limit <= 0 {
			continue
		}
		in := gradeSet(b.Grades)
		keep := func(s, g int) bool { return in[g] && (unit < 0 || a.units.of[s][g] == int32(unit)) }
		hm, ok := a.mean(hw, keep)
		if !ok {
			continue
		}
		hm.Band, hm.Limit, hm.Share = b.Code, limit, math.NaN()
		hm.Suppressed = hm.N < p.MinN
		hm.Small = hm.N < p.SmallN
		switch {
		case hm.Suppressed:
			hm.Verdict = VerdictTooSmall
		case hm.Low > limit:
			hm.Verdict = VerdictOver
		case hm.Minutes > limit:
			// Above the limit, but the interval (or its absence, with one class) does not confirm it.
			hm.Verdict = VerdictMaybe
		default:
			hm.Verdict = VerdictNotOver
		}
		hm.Over = hm.Verdict == VerdictOver
		if c := sum(cc, keep); c.Judged() > 0 {
			hm.Share = float64(c.Comply) / float64(c.Judged())
			overShare := 1 - hm.Share
			above := hm.Minutes > limit
			// 1 − share rounds 2 of 10 over to 0.19999999999999996: the flag rule's tolerance (shareEps)
			// lets exactly the flag threshold count, as it does for the flags.
			hm.Disagrees = (!above && overShare >= p.FlagThreshold-shareEps) || (above && hm.Share >= 0.5)
		}
		out = append(out, hm)
	}
	return out
}

// bandLimit returns the Max limit shared by every grade of the band.
func bandLimit(ind *surveys.Indicator, qu *surveys.Question, b surveys.Band) (float64, bool) {
	var limit float64
	for i, g := range b.Grades {
		l, ok := ind.Limit(qu, g)
		if !ok || (i > 0 && l != limit) {
			return 0, false
		}
		limit = l
	}
	return limit, len(b.Grades) > 0
}
