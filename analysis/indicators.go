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

// Estimate is a compliance share with its interval and the reporting rules applied.
type Estimate struct {
	Counts
	P, Low, High float64 // Comply/Judged and its 95% Wilson interval; NaN when Judged == 0
	Suppressed   bool    // Judged < the profile's min_n: shown as "—"
	Small        bool    // Judged < the profile's small_n: marked 样本不足，仅供参考
	Flagged      bool    // schools only: violation share ≥ flag_threshold with ≥ flag_min_violations
}

// ViolationShare returns Violate/Judged (NaN when nothing was judged).
func (e Estimate) ViolationShare() float64 {
	if e.Judged() == 0 {
		return math.NaN()
	}
	return float64(e.Violate) / float64(e.Judged())
}

func estimate(c Counts, p *surveys.Profile) Estimate {
	e := Estimate{Counts: c, P: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if n := c.Judged(); n > 0 {
		e.P = float64(c.Comply) / float64(n)
		e.Low, e.High = Wilson(c.Comply, n, Z95)
	}
	e.Suppressed = c.Judged() < p.MinN
	e.Small = c.Judged() < p.SmallN
	return e
}

// Group is a named breakdown cell: a band, a grade, or a 城乡 category.
type Group struct {
	Code string // band code ("7-9"), grade ("7") or locale ("城区")
	Name string // 初中, 七年级, 城区
	Estimate
}

// HomeworkMean is the average homework time of a school (or the county) in one band, judged against
// the band's limit as the standard words it ("平均不超过60分钟").
type HomeworkMean struct {
	Band    string  // band code
	N       int     // answers averaged (options only)
	Minutes float64 // mean of the option midpoints
	Limit   float64 // the band's limit in minutes
	Over    bool    // Minutes > Limit
	// Disagrees is set when the mean and the share tell different stories: the mean is within the
	// limit but at least the flag threshold of answers are over it, or the mean is over the limit
	// while most answers comply.
	Disagrees bool
	Share     float64 // compliance share in the same cell
}

// SchoolResult is one school's result on one indicator.
type SchoolResult struct {
	School int // index into Results.Schools
	Estimate
	Bands    []Group        // the school's bands that have answers
	Homework []HomeworkMean // homework_time only: per band with a minute limit
}

// IndicatorResult is one indicator as asked in one questionnaire.
type IndicatorResult struct {
	Indicator     *surveys.Indicator
	Questionnaire *surveys.Questionnaire
	Question      *surveys.Question
	Overall       Estimate
	Schools       []SchoolResult // one per school with any respondent in this questionnaire, roster order
	Bands         []Group        // county by band
	Grades        []Group        // county by grade
	Locales       []Group        // county by 城乡
	Homework      []HomeworkMean // county by band (homework_time only)
	Flagged       []int          // school indices flagged, in roster order
}

// FlaggedNames returns the names of the flagged schools.
func (r *IndicatorResult) FlaggedNames(schools []surveys.School) []string {
	var out []string
	for _, s := range r.Flagged {
		out = append(out, schools[s].Name)
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

// countIndicator makes one pass over the answers, counting by school and grade.
func countIndicator(d *surveys.Dataset, qi int, t *surveys.VerdictTable) cellCounts {
	cc := make(cellCounts, len(d.Schools))
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
		case surveys.Violates:
			c.Valid++
			c.Violate++
		case surveys.Undeterminable:
			c.Valid++
			c.Undeterminable++
		case surveys.CountsAsMissing:
			c.Missing++
		default:
			c.NotApplicable++
		}
	}
	return cc
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
func analyzeIndicator(d *surveys.Dataset, ind *surveys.Indicator, p *surveys.Profile, schools []surveys.School) (*IndicatorResult, error) {
	q := d.Questionnaire
	qi := q.Index(ind.Question)
	qu := &q.Questions[qi]
	t, _, err := ind.Verdicts(qu)
	if err != nil {
		return nil, fmt.Errorf("indicator %s: %w", ind.Code, err)
	}
	cc := countIndicator(d, qi, t)
	r := &IndicatorResult{Indicator: ind, Questionnaire: q, Question: qu}
	r.Overall = estimate(sum(cc, func(int, int) bool { return true }), p)
	for _, b := range p.Bands {
		in := gradeSet(b.Grades)
		c := sum(cc, func(_, g int) bool { return in[g] })
		if hasAny(c) {
			r.Bands = append(r.Bands, Group{Code: b.Code, Name: b.Name, Estimate: estimate(c, p)})
		}
	}
	for g := 1; g <= 9 && !q.ByStage(); g++ { // a teacher's grade only stands for the stage: no grade breakdown
		c := sum(cc, func(_, gg int) bool { return gg == g })
		if hasAny(c) {
			r.Grades = append(r.Grades, Group{Code: fmt.Sprint(g), Name: GradeName(g), Estimate: estimate(c, p)})
		}
	}
	for _, loc := range locales(schools) {
		c := sum(cc, func(s, _ int) bool { return schools[s].Locale == loc })
		if hasAny(c) {
			r.Locales = append(r.Locales, Group{Code: loc, Name: loc, Estimate: estimate(c, p)})
		}
	}
	isHomework := ind.Question == "homework_time" && len(p.HomeworkMidpoints) == len(qu.Options)
	var hs hwSums
	if isHomework {
		hs = sumHomework(d, qi, p)
		r.Homework = homeworkMeans(hs, cc, ind, qu, p, -1)
	}
	for s := range schools {
		c := sum(cc, func(ss, _ int) bool { return ss == s })
		if !hasAny(c) {
			continue
		}
		sr := SchoolResult{School: s, Estimate: estimate(c, p)}
		sr.Flagged = !sr.Suppressed && sr.Violate >= p.FlagMinViolations && sr.ViolationShare() >= p.FlagThreshold-1e-12
		for _, b := range p.Bands {
			in := gradeSet(b.Grades)
			bc := sum(cc, func(ss, g int) bool { return ss == s && in[g] })
			if hasAny(bc) {
				sr.Bands = append(sr.Bands, Group{Code: b.Code, Name: b.Name, Estimate: estimate(bc, p)})
			}
		}
		if isHomework {
			sr.Homework = homeworkMeans(hs, cc, ind, qu, p, s)
		}
		if sr.Flagged {
			r.Flagged = append(r.Flagged, s)
		}
		r.Schools = append(r.Schools, sr)
	}
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

// hwSums[school][grade] holds the number of option answers and the sum of their midpoints.
type hwSums [][10]struct {
	n     int
	total float64
}

func sumHomework(d *surveys.Dataset, qi int, p *surveys.Profile) hwSums {
	hs := make(hwSums, len(d.Schools))
	for i, a := range d.Answers[qi] {
		if a.IsOption() && int(a) <= len(p.HomeworkMidpoints) {
			c := &hs[d.School[i]][d.Grade[i]]
			c.n++
			c.total += p.HomeworkMidpoints[a-1]
		}
	}
	return hs
}

// homeworkMeans returns, per band whose grades share one minute limit, the mean homework time from
// the profile's option midpoints: mean = Σ midpoint(aᵢ) / n over option answers. school < 0 means
// the whole county.
func homeworkMeans(hs hwSums, cc cellCounts, ind *surveys.Indicator, qu *surveys.Question, p *surveys.Profile, school int) []HomeworkMean {
	var out []HomeworkMean
	for _, b := range p.Bands {
		limit, ok := bandLimit(ind, qu, b)
		if !ok || limit <= 0 {
			continue
		}
		in := gradeSet(b.Grades)
		var n int
		var total float64
		keep := func(s, g int) bool { return in[g] && (school < 0 || s == school) }
		for s := range hs {
			for g := 1; g <= 9; g++ {
				if keep(s, g) {
					n += hs[s][g].n
					total += hs[s][g].total
				}
			}
		}
		if n == 0 {
			continue
		}
		c := sum(cc, keep)
		hm := HomeworkMean{Band: b.Code, N: n, Minutes: total / float64(n), Limit: limit, Share: math.NaN()}
		hm.Over = hm.Minutes > limit
		if c.Judged() > 0 {
			hm.Share = float64(c.Comply) / float64(c.Judged())
			overShare := 1 - hm.Share
			hm.Disagrees = (!hm.Over && overShare >= p.FlagThreshold) || (hm.Over && hm.Share >= 0.5)
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
