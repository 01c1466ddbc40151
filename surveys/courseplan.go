package surveys

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// CoursePlan is the course plan (课程方案) a profile holds: the subjects a timetable may name and their
// synonyms, the weekly total of periods per grade, the subjects each grade must have (and the
// integrated subjects accepted in their place), and per-subject weekly periods. Grades are 1..9;
// index 0 of the per-grade arrays is unused.
type CoursePlan struct {
	Source   string // the document the plan follows, as the report names it
	SourceEN string // the same in English; the Chinese name when the file gives none
	// SubjectsEN maps a subject or self-study name to English (语文 → Chinese); see SubjectEN.
	SubjectsEN   map[string]string
	Subjects     []string          // canonical subject names, in the order the report lists them
	Synonyms     map[string]string // a name as timetables write it → its canonical subject
	SelfStudy    []string          // names of periods that are no lesson of any subject (自习)
	WeeklyTotal  [10]int           // most periods a week; 0 when the plan does not say
	Required     [10][]string      // subjects each grade must have, in Subjects order
	Alternatives []Alternative
	Periods      []SubjectPeriods // per-subject bounds; at most one row per grade and subject
}

// Alternative is an integrated subject that the plan accepts in place of others in some grades:
// 科学 for 物理, 化学 and 生物学 in grades 7-9, 历史与社会 for 历史 and 地理.
type Alternative struct {
	FromGrade, ToGrade int
	Subject            string
	Replaces           []string
}

// SubjectPeriods bounds a subject's weekly periods in a range of grades. Min or Max is NaN when the
// plan does not state it.
type SubjectPeriods struct {
	FromGrade, ToGrade int
	Subject            string
	Min, Max           float64
}

// LessonKind says what a timetable cell's name is.
type LessonKind uint8

// Kinds of timetable names.
const (
	LessonUnknown   LessonKind = iota // a name the plan does not know: listed, counted as a lesson
	LessonSubject                     // a subject of the plan
	LessonSelfStudy                   // 自习: a period, but no lesson of any subject
)

// Canonical returns the plan's subject for a name as a timetable writes it ("英 语", "信息技术"),
// and what kind of name it is. An unknown name is returned folded (full-width narrowed, spaces
// removed).
func (c *CoursePlan) Canonical(name string) (string, LessonKind) {
	n := FoldName(name)
	if s, ok := c.Synonyms[n]; ok {
		n = s
	}
	for _, s := range c.SelfStudy {
		if n == s {
			return n, LessonSelfStudy
		}
	}
	for _, s := range c.Subjects {
		if n == s {
			return n, LessonSubject
		}
	}
	return n, LessonUnknown
}

// SubjectEN returns the English name of a subject as the plan names it (语文 → "Chinese", 外语 →
// "Foreign language"); a name as a timetable writes it is taken to its canonical subject first. A
// name the plan does not translate is returned unchanged. A nil plan translates nothing.
func (c *CoursePlan) SubjectEN(name string) string {
	if c == nil {
		return name
	}
	if en, ok := c.SubjectsEN[name]; ok {
		return en
	}
	if canon, _ := c.Canonical(name); c.SubjectsEN[canon] != "" {
		return c.SubjectsEN[canon]
	}
	return name
}

// FoldName narrows full-width forms and removes white space, so "英　语" and "英语" are one name.
func FoldName(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Bounds returns the weekly periods the plan sets for a subject in a grade: min and max (NaN when
// not stated) and whether any row applies.
func (c *CoursePlan) Bounds(grade int, subject string) (lo, hi float64, ok bool) {
	for _, p := range c.Periods {
		if p.Subject == subject && grade >= p.FromGrade && grade <= p.ToGrade {
			return p.Min, p.Max, true
		}
	}
	return math.NaN(), math.NaN(), false
}

// AlternativesFor returns the integrated subjects that may stand for subject in grade (科学 for
// 物理 in grade 8).
func (c *CoursePlan) AlternativesFor(grade int, subject string) []string {
	var out []string
	for _, a := range c.Alternatives {
		if grade < a.FromGrade || grade > a.ToGrade {
			continue
		}
		for _, r := range a.Replaces {
			if r == subject {
				out = append(out, a.Subject)
			}
		}
	}
	return out
}

// SubjectOrder returns the position of a subject in the plan's list, len(Subjects) for others.
func (c *CoursePlan) SubjectOrder(subject string) int {
	for i, s := range c.Subjects {
		if s == subject {
			return i
		}
	}
	return len(c.Subjects)
}

// coursePlanFile is the YAML form of the course plan (course_plan: in a profile).
type coursePlanFile struct {
	Source       string              `yaml:"source"`
	SourceEN     string              `yaml:"source_en"`
	Subjects     []string            `yaml:"subjects"`
	SubjectsEN   map[string]string   `yaml:"subjects_en"`
	Synonyms     map[string]string   `yaml:"synonyms"`
	SelfStudy    []string            `yaml:"self_study"`
	WeeklyTotal  map[string]int      `yaml:"weekly_total"`
	Required     map[string][]string `yaml:"required"`
	Alternatives []alternativeFile   `yaml:"alternatives"`
	Periods      []periodsFile       `yaml:"periods"`
}

type alternativeFile struct {
	Grades   string   `yaml:"grades"`
	Subject  string   `yaml:"subject"`
	Replaces []string `yaml:"replaces"`
}

type periodsFile struct {
	Grade   string   `yaml:"grade"`
	Subject string   `yaml:"subject"`
	Min     *float64 `yaml:"min"`
	Max     *float64 `yaml:"max"`
}

// build checks the YAML form and returns the plan; every error names its key.
func (f *coursePlanFile) build() (*CoursePlan, error) {
	c := &CoursePlan{Source: f.Source, SourceEN: orZH(f.SourceEN, f.Source), Synonyms: map[string]string{}, SubjectsEN: map[string]string{}}
	known := map[string]bool{}
	for i, s := range f.Subjects {
		s = FoldName(s)
		if s == "" || known[s] {
			return nil, fmt.Errorf("course_plan.subjects[%d]: %q is empty or listed twice", i, f.Subjects[i])
		}
		known[s] = true
		c.Subjects = append(c.Subjects, s)
	}
	for i, s := range f.SelfStudy {
		s = FoldName(s)
		if s == "" || known[s] {
			return nil, fmt.Errorf("course_plan.self_study[%d]: %q is empty or also a subject", i, f.SelfStudy[i])
		}
		c.SelfStudy = append(c.SelfStudy, s)
	}
	for _, k := range sortedKeys(f.SubjectsEN) {
		s := FoldName(k)
		if !known[s] && !c.isSelfStudy(s) {
			return nil, fmt.Errorf("course_plan.subjects_en[%s]: %q is not in course_plan.subjects or self_study", k, k)
		}
		if strings.TrimSpace(f.SubjectsEN[k]) == "" {
			return nil, fmt.Errorf("course_plan.subjects_en[%s]: the English name is empty", k)
		}
		c.SubjectsEN[s] = f.SubjectsEN[k]
	}
	subject := func(key, s string) (string, error) {
		s = FoldName(s)
		if !known[s] {
			return "", fmt.Errorf("%s: %q is not in course_plan.subjects", key, s)
		}
		return s, nil
	}
	for _, k := range sortedKeys(f.Synonyms) {
		to := FoldName(f.Synonyms[k])
		if !known[to] && !c.isSelfStudy(to) {
			return nil, fmt.Errorf("course_plan.synonyms[%s]: %q is not in course_plan.subjects or self_study", k, f.Synonyms[k])
		}
		if known[FoldName(k)] {
			return nil, fmt.Errorf("course_plan.synonyms[%s]: %q is itself a subject", k, k)
		}
		c.Synonyms[FoldName(k)] = to
	}
	for _, k := range sortedKeys(f.WeeklyTotal) {
		from, to, err := parseGradeRange(k)
		if err != nil {
			return nil, fmt.Errorf("course_plan.weekly_total[%s]: %w", k, err)
		}
		v := f.WeeklyTotal[k]
		if v < 1 || v > 80 {
			return nil, fmt.Errorf("course_plan.weekly_total[%s]: %d is not a number of periods a week (1-80)", k, v)
		}
		for g := from; g <= to; g++ {
			if c.WeeklyTotal[g] != 0 {
				return nil, fmt.Errorf("course_plan.weekly_total[%s]: grade %d is stated twice", k, g)
			}
			c.WeeklyTotal[g] = v
		}
	}
	var req [10]map[string]bool
	for _, k := range sortedKeys(f.Required) {
		from, to, err := parseGradeRange(k)
		if err != nil {
			return nil, fmt.Errorf("course_plan.required[%s]: %w", k, err)
		}
		for _, s := range f.Required[k] {
			s, err := subject("course_plan.required["+k+"]", s)
			if err != nil {
				return nil, err
			}
			for g := from; g <= to; g++ {
				if req[g] == nil {
					req[g] = map[string]bool{}
				}
				if req[g][s] {
					return nil, fmt.Errorf("course_plan.required[%s]: %s in grade %d is stated twice", k, s, g)
				}
				req[g][s] = true
			}
		}
	}
	for g := 1; g <= 9; g++ {
		for _, s := range c.Subjects {
			if req[g][s] {
				c.Required[g] = append(c.Required[g], s)
			}
		}
	}
	for i, a := range f.Alternatives {
		key := fmt.Sprintf("course_plan.alternatives[%d]", i)
		from, to, err := parseGradeRange(a.Grades)
		if err != nil {
			return nil, fmt.Errorf("%s.grades: %w", key, err)
		}
		alt := Alternative{FromGrade: from, ToGrade: to}
		if alt.Subject, err = subject(key+".subject", a.Subject); err != nil {
			return nil, err
		}
		if len(a.Replaces) == 0 {
			return nil, fmt.Errorf("%s.replaces: names no subject", key)
		}
		for _, r := range a.Replaces {
			r, err := subject(key+".replaces", r)
			if err != nil {
				return nil, err
			}
			alt.Replaces = append(alt.Replaces, r)
		}
		c.Alternatives = append(c.Alternatives, alt)
	}
	type gs struct {
		g int
		s string
	}
	seen := map[gs]int{}
	for i, p := range f.Periods {
		key := fmt.Sprintf("course_plan.periods[%d]", i)
		from, to, err := parseGradeRange(p.Grade)
		if err != nil {
			return nil, fmt.Errorf("%s.grade: %w", key, err)
		}
		row := SubjectPeriods{FromGrade: from, ToGrade: to, Min: math.NaN(), Max: math.NaN()}
		if row.Subject, err = subject(key+".subject", p.Subject); err != nil {
			return nil, err
		}
		if p.Min == nil && p.Max == nil {
			return nil, fmt.Errorf("%s (%s): needs min or max", key, row.Subject)
		}
		if p.Min != nil {
			row.Min = *p.Min
		}
		if p.Max != nil {
			row.Max = *p.Max
		}
		for _, v := range []float64{row.Min, row.Max} {
			if !math.IsNaN(v) && (v < 0 || v > 40 || math.IsInf(v, 0)) {
				return nil, fmt.Errorf("%s (%s): %v is not a number of periods a week (0-40)", key, row.Subject, v)
			}
		}
		if row.Min > row.Max {
			return nil, fmt.Errorf("%s (%s): min %v is above max %v", key, row.Subject, row.Min, row.Max)
		}
		for g := from; g <= to; g++ {
			if j, dup := seen[gs{g, row.Subject}]; dup {
				return nil, fmt.Errorf("%s: %s in grade %d is already stated by course_plan.periods[%d]", key, row.Subject, g, j)
			}
			seen[gs{g, row.Subject}] = i
		}
		c.Periods = append(c.Periods, row)
	}
	return c, nil
}

func (c *CoursePlan) isSelfStudy(s string) bool {
	for _, x := range c.SelfStudy {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// mergeCoursePlan lays a local profile's course_plan over its parent's: weekly totals and required
// subjects grade range by grade range (a child range replaces the parent's for the grades it covers),
// synonyms key by key, subject and self-study names added, alternatives replaced as a whole when
// stated, and per-subject rows grade by grade (a child row replaces the parent's rows for its
// subject in the grades it covers).
func mergeCoursePlan(parent, child any) (map[string]any, error) {
	pm, _ := parent.(map[string]any)
	cm, ok := child.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("parse profile: course_plan must be a mapping")
	}
	out := map[string]any{}
	for k, v := range pm {
		out[k] = v
	}
	for k, v := range cm {
		switch k {
		case "weekly_total", "required":
			merged, err := mergeRules(pm[k], v)
			if err != nil {
				return nil, fmt.Errorf("course_plan.%s: %w", k, err)
			}
			out[k] = merged
		case "synonyms", "subjects_en":
			m := map[string]any{}
			if p, ok := pm[k].(map[string]any); ok {
				for kk, vv := range p {
					m[kk] = vv
				}
			}
			c, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("course_plan.%s must be a mapping", k)
			}
			for kk, vv := range c {
				m[kk] = vv
			}
			out[k] = m
		case "subjects", "self_study":
			p, _ := pm[k].([]any)
			c, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("course_plan.%s must be a list", k)
			}
			list := append([]any(nil), p...)
		add:
			for _, x := range c {
				for _, y := range list {
					if x == y {
						continue add
					}
				}
				list = append(list, x)
			}
			out[k] = list
		case "periods":
			merged, err := mergePeriods(pm[k], v)
			if err != nil {
				return nil, err
			}
			out[k] = merged
		default:
			out[k] = v
		}
	}
	dropStaleEN(out, cm)
	return out, nil
}

// mergePeriods keeps the parent's rows for the grades no child row of the same subject covers.
func mergePeriods(parent, child any) ([]any, error) {
	p, _ := parent.([]any)
	c, ok := child.([]any)
	if !ok {
		return nil, fmt.Errorf("course_plan.periods must be a list")
	}
	covered := map[string]*[10]bool{}
	for i, x := range c {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("course_plan.periods[%d] must be a mapping {grade, subject, min, max}", i)
		}
		from, to, err := parseGradeRange(fmt.Sprint(m["grade"]))
		if err != nil {
			return nil, fmt.Errorf("course_plan.periods[%d].grade: %w", i, err)
		}
		s := FoldName(fmt.Sprint(m["subject"]))
		if covered[s] == nil {
			covered[s] = new([10]bool)
		}
		for g := from; g <= to; g++ {
			covered[s][g] = true
		}
	}
	var out []any
	for _, x := range p {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		from, to, err := parseGradeRange(fmt.Sprint(m["grade"]))
		cov := covered[FoldName(fmt.Sprint(m["subject"]))]
		if err != nil || cov == nil {
			out = append(out, x)
			continue
		}
		start := -1
		for g := from; g <= to+1; g++ {
			keep := g <= to && !cov[g]
			if keep && start < 0 {
				start = g
			}
			if !keep && start >= 0 {
				r := map[string]any{}
				for k, v := range m {
					r[k] = v
				}
				r["grade"] = fmt.Sprintf("%d-%d", start, g-1)
				out = append(out, r)
				start = -1
			}
		}
	}
	// The child's rows first, so that a message about course_plan.periods[i] means the i-th row of
	// the file being read.
	return append(append([]any(nil), c...), out...), nil
}
