package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Input is what Analyze needs besides the datasets: the read/used/rejected accounting per
// questionnaire, which ingest knows.
type Input struct {
	Datasets []*surveys.Dataset // student first, then parent
	Schools  []surveys.School   // shared by the datasets
	Profile  *surveys.Profile
	Term     string // e.g. "2026年春季学期"
	// Accounting per questionnaire code.
	Accounting map[string]Accounting
	// RosterGiven is false when schools come from the answers alone.
	RosterGiven bool
	// Design holds the estimation choices (--design, --weight, --fpc, --reliability).
	Design DesignOptions
	// Timetables are the schools' timetables, set against the profile's course plan; may be nil.
	Timetables []surveys.Timetable
}

// Accounting is the row accounting of one questionnaire's files.
type Accounting struct {
	Read, Used, Rejected int
}

// QuestionnaireSummary describes who answered one questionnaire.
type QuestionnaireSummary struct {
	Questionnaire *surveys.Questionnaire
	Accounting
	Respondents int
	ByGrade     [10]int // respondents per grade
	FirstDate   string  // earliest 提交答卷时间 (2006-01-02), "" when unknown
	LastDate    string  // latest
	// DateOutliers counts submission times more than half a year from the median, such as a
	// typed 2062: they are left out of FirstDate and LastDate, so they never name the term.
	DateOutliers int
	Classes      int // distinct classes
}

// ResponseRate is a school's valid questionnaires over its enrolment in the surveyed grades.
type ResponseRate struct {
	School        int
	Questionnaire string
	Respondents   int
	Enrolment     int     // 0 when unknown
	Rate          float64 // NaN when enrolment is unknown
	Low           bool    // below the profile's low_response_rate
}

// Distribution is the answer distribution of a question with no pass/fail (a measure).
type Distribution struct {
	Measure       surveys.Measure
	Questionnaire *surveys.Questionnaire
	Question      *surveys.Question
	Overall       OptionCounts
	// Denominator says who the shares are over ("在作答的家长中", or the skip-logic subgroup such as
	// "在孩子参加校外培训的家长中"); a caption over a subgroup never reads like one over everyone.
	Denominator string
	Schools     []SchoolDistribution
	Bands       []BandDistribution
}

// OptionCounts counts answers per option (index 0 is option 1) and the kinds of missing.
type OptionCounts struct {
	Options                         []int
	Missing, Invalid, NotApplicable int
}

// Valid returns the number of option answers.
func (o OptionCounts) Valid() int {
	n := 0
	for _, c := range o.Options {
		n += c
	}
	return n
}

// Share returns the share of option i (0-based) among option answers; NaN when there are none.
func (o OptionCounts) Share(i int) float64 {
	v := o.Valid()
	if v == 0 {
		return math.NaN()
	}
	return float64(o.Options[i]) / float64(v)
}

// SchoolDistribution is one reporting unit's answer distribution.
type SchoolDistribution struct {
	School int    // index into Results.Schools
	Unit   int    // index into Results.Units
	Name   string // the unit's display name (with 小学部/初中部 for a two-stage school)
	OptionCounts
	Suppressed bool
}

// BandDistribution is the county's answer distribution in one grade band.
type BandDistribution struct {
	Band surveys.Band
	OptionCounts
}

// Results holds everything the report shows: one source for tables, charts and findings text.
type Results struct {
	Profile *surveys.Profile
	Term    string
	Schools []surveys.School
	// Units are the reporting units: one per school, or one per stage of a school teaching two.
	Units       []Unit
	RosterGiven bool
	// Design is how intervals were computed; every output names it.
	Design         DesignOptions
	Questionnaires []QuestionnaireSummary
	// Warnings are notes for the method appendix and the terminal, e.g. a homework limit that
	// equals an option midpoint; WarningsEN says the same in English.
	Warnings      []string
	WarningsEN    []string
	Indicators    []*IndicatorResult // profile order; student before parent for each indicator
	Measures      []*Distribution
	Distributions []*Distribution // sleep and homework time by band, for the stacked charts
	ResponseRates []ResponseRate
	// StudentParent sets each indicator both questionnaires ask side by side, per school.
	StudentParent []SideBySide
	// Comparison with earlier terms: nil unless the caller sets it (see Compare).
	Comparison *Comparison
	Timetable  *TimetableAudit // nil when no timetables were given
	// Open is the open-answers appendix: what respondents wrote, by theme, scrubbed quotes.
	Open *OpenAnswers
}

// Analyze computes every indicator, measure and rate of the profile over the datasets.
func Analyze(in Input) (*Results, error) {
	p := in.Profile
	if in.Design.Method == "" {
		in.Design.Method = DesignCluster
	}
	ui := buildUnits(in.Datasets, in.Schools, p)
	res := &Results{Profile: p, Term: in.Term, Schools: in.Schools, Units: ui.units, RosterGiven: in.RosterGiven, Design: in.Design}
	res.Warnings, res.WarningsEN = midpointWarnings(p)
	a := &analyzer{p: p, schools: in.Schools, units: ui, opt: in.Design}
	designs := make([]*dsDesign, len(in.Datasets))
	for i, d := range in.Datasets {
		dd, err := newDSDesign(d, &ui, in.Design)
		if err != nil {
			return nil, err
		}
		designs[i] = dd
		res.Questionnaires = append(res.Questionnaires, summarize(d, in.Accounting[d.Questionnaire.Code]))
		if !d.Questionnaire.ByStage() { // teachers are no share of the pupils enrolled
			res.ResponseRates = append(res.ResponseRates, responseRates(d, in.Schools, p)...)
		}
	}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		for _, dd := range designs {
			if dd.d.Questionnaire.Question(ind.Question) == nil {
				continue
			}
			r, err := a.analyzeIndicator(dd, ind)
			if err != nil {
				return nil, err
			}
			res.Indicators = append(res.Indicators, r)
		}
	}
	for _, m := range p.Measures {
		for _, d := range in.Datasets {
			if d.Questionnaire.Question(m.Question) != nil {
				res.Measures = append(res.Measures, distribution(d, m, p, &ui))
			}
		}
	}
	for _, code := range []string{"sleep", "homework_time"} {
		for _, d := range in.Datasets {
			if q := d.Questionnaire.Question(code); q != nil {
				res.Distributions = append(res.Distributions, distribution(d, surveys.Measure{Question: code, Name: q.Text}, p, &ui))
			}
		}
	}
	res.StudentParent = compareStudentsParents(res, in.Datasets)
	res.Timetable = AuditTimetables(in.Timetables, in.Schools, p.CoursePlan, res.Indicator(occupiedIndicator, "student"))
	res.Open = SummarizeOpen(in.Datasets, p.OpenThemes, schoolNames(in.Schools), QuotesPerTheme)
	return res, nil
}

// schoolNames returns the schools' names and aliases, which open answers must not show.
func schoolNames(schools []surveys.School) []string {
	var out []string
	for _, s := range schools {
		out = append(out, s.Name)
		out = append(out, s.Aliases...)
	}
	return out
}

var epoch2000 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func summarize(d *surveys.Dataset, acc Accounting) QuestionnaireSummary {
	s := QuestionnaireSummary{Questionnaire: d.Questionnaire, Accounting: acc, Respondents: d.Len(), Classes: len(d.Classes)}
	for _, g := range d.Grade {
		s.ByGrade[g]++
	}
	lo, hi, out := surveyDates(d.SubmittedAt)
	s.DateOutliers = out
	if lo != 0 {
		s.FirstDate = epoch2000.Add(time.Duration(lo) * time.Second).Format("2006-01-02")
		s.LastDate = epoch2000.Add(time.Duration(hi) * time.Second).Format("2006-01-02")
	}
	return s
}

// maxDateSpread is how far (in seconds) a submission may lie from the median submission and still
// count toward the survey's dates: half a year, so one term's survey is never split.
const maxDateSpread = 183 * 86400

// surveyDates returns the first and last submission times (seconds since 2000; 0 is unknown) of the
// bulk of the answers, those within maxDateSpread of the median, and how many lie outside it.
func surveyDates(ts []int64) (lo, hi int64, outliers int) {
	known := make([]int64, 0, len(ts))
	for _, t := range ts {
		if t != 0 {
			known = append(known, t)
		}
	}
	if len(known) == 0 {
		return 0, 0, 0
	}
	slices.Sort(known)
	med := known[len(known)/2]
	for _, t := range known {
		if t < med-maxDateSpread || t > med+maxDateSpread {
			outliers++
			continue
		}
		if lo == 0 || t < lo {
			lo = t
		}
		hi = max(hi, t)
	}
	return lo, hi, outliers
}

// responseRates returns, for each school with respondents, respondents / enrolment over the grades
// the questionnaire covers and the school teaches (NaN when the roster gives no enrolment).
func responseRates(d *surveys.Dataset, schools []surveys.School, p *surveys.Profile) []ResponseRate {
	q := d.Questionnaire
	counts := make([]int, len(schools))
	for _, s := range d.School {
		counts[s]++
	}
	var out []ResponseRate
	for i, s := range schools {
		if counts[i] == 0 {
			continue
		}
		rr := ResponseRate{School: i, Questionnaire: q.Code, Respondents: counts[i], Rate: math.NaN()}
		total, known := 0, true
		for g := q.MinGrade; g <= q.MaxGrade; g++ {
			if !s.Stage.HasGrade(g) {
				continue
			}
			if s.Enrolment[g] < 0 {
				known = false
				break
			}
			total += s.Enrolment[g]
		}
		if known && total > 0 {
			rr.Enrolment = total
			rr.Rate = float64(counts[i]) / float64(total)
			rr.Low = rr.Rate < p.Quality.LowResponseRate
		}
		out = append(out, rr)
	}
	return out
}

func distribution(d *surveys.Dataset, m surveys.Measure, p *surveys.Profile, ui *unitIndex) *Distribution {
	q := d.Questionnaire
	qi := q.Index(m.Question)
	qu := &q.Questions[qi]
	k := len(qu.Options)
	newCounts := func() OptionCounts { return OptionCounts{Options: make([]int, k)} }
	dist := &Distribution{Measure: m, Questionnaire: q, Question: qu, Overall: newCounts()}
	bySchool := make([]OptionCounts, len(ui.units))
	byGrade := [10]OptionCounts{}
	for g := range byGrade {
		byGrade[g] = newCounts()
	}
	for s := range bySchool {
		bySchool[s] = newCounts()
	}
	add := func(c *OptionCounts, a surveys.Answer) {
		switch {
		case a == surveys.Missing:
			c.Missing++
		case a == surveys.Invalid:
			c.Invalid++
		case a == surveys.NotApplicable:
			c.NotApplicable++
		case int(a) <= k:
			c.Options[a-1]++
		}
	}
	seen := make([]bool, len(ui.units))
	for i, a := range d.Answers[qi] {
		u := ui.of[d.School[i]][d.Grade[i]]
		add(&dist.Overall, a)
		add(&bySchool[u], a)
		add(&byGrade[d.Grade[i]], a)
		seen[u] = true
	}
	for u, c := range bySchool {
		if seen[u] {
			unit := ui.units[u]
			dist.Schools = append(dist.Schools, SchoolDistribution{School: unit.School, Unit: u, Name: unit.Name, OptionCounts: c, Suppressed: c.Valid() < p.MinN})
		}
	}
	dist.Denominator = denominator(dist)
	for _, b := range p.Bands {
		c := newCounts()
		for _, g := range b.Grades {
			for j := range c.Options {
				c.Options[j] += byGrade[g].Options[j]
			}
			c.Missing += byGrade[g].Missing
			c.Invalid += byGrade[g].Invalid
			c.NotApplicable += byGrade[g].NotApplicable
		}
		if c.Valid() > 0 {
			dist.Bands = append(dist.Bands, BandDistribution{Band: b, OptionCounts: c})
		}
	}
	return dist
}

// Indicator returns the result of an indicator in a questionnaire, or nil.
func (r *Results) Indicator(code, questionnaire string) *IndicatorResult {
	for _, ir := range r.Indicators {
		if ir.Indicator.Code == code && ir.Questionnaire.Code == questionnaire {
			return ir
		}
	}
	return nil
}

// midpointWarnings warns when a band's homework limit equals an option midpoint: the mean's verdict
// then hangs on the midpoints chosen. It returns the warnings in Chinese and in English.
func midpointWarnings(p *surveys.Profile) (zh, en []string) {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if ind.Question != "homework_time" {
			continue
		}
		for _, r := range ind.Rules {
			lim, err := strconv.ParseFloat(r.Max, 64)
			if err != nil {
				continue
			}
			for _, m := range p.HomeworkMidpoints {
				if m == lim && lim > 0 {
					zh = append(zh, fmt.Sprintf("标准“%s”中%d-%d年级的作业时长上限%s分钟恰好等于一个选项的组中值，平均时长是否超过标准取决于所用的组中值，请谨慎解读。", p.Name, r.FromGrade, r.ToGrade, r.Max))
					en = append(en, fmt.Sprintf("In the profile %s the homework limit of %s minutes for grades %d-%d equals an option's midpoint: whether the mean is over the limit hangs on the midpoints used; read it with care.", p.Name, r.Max, r.FromGrade, r.ToGrade))
				}
			}
		}
	}
	return zh, en
}

// String describes an estimate for debugging: "87.17% [85.1, 89.0] n=1234".
func (e Estimate) String() string {
	return fmt.Sprintf("%.2f%% [%.1f, %.1f] n=%d", 100*e.P, 100*e.Low, 100*e.High, e.Judged())
}
