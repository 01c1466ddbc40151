package analysis

import (
	"math"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Difference is students' compliance share minus parents' in one school (or the county), with
// Newcombe's hybrid score interval (his method 10) built from the two Wilson intervals:
//
//	d = p₁ − p₂
//	lower = d − √((p₁ − l₁)² + (u₂ − p₂)²)
//	upper = d + √((u₁ − p₁)² + (p₂ − l₂)²)
//
// The two samples are treated as independent; students and their own parents are not, so the interval
// is a plain-words guide to where the two questionnaires tell different stories, not a test of a design.
type Difference struct {
	Unit            int    // index into Results.Units; -1 for the county
	Name            string // the unit's name; "" for the county
	Student, Parent Estimate
	D, Low, High    float64 // NaN when either side is suppressed or has no judged answer
	Significant     bool    // the interval excludes 0
}

// Newcombe returns the difference of two shares k1/n1 − k2/n2 and its hybrid score interval at
// normal quantile z. It returns NaNs when either n is 0.
func Newcombe(k1, n1, k2, n2 int, z float64) (d, lo, hi float64) {
	if n1 == 0 || n2 == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	l1, u1 := Wilson(k1, n1, z)
	l2, u2 := Wilson(k2, n2, z)
	d = p1 - p2
	lo = d - math.Sqrt((p1-l1)*(p1-l1)+(u2-p2)*(u2-p2))
	hi = d + math.Sqrt((u1-p1)*(u1-p1)+(p2-l2)*(p2-l2))
	return d, lo, hi
}

func difference(unit int, name string, s, p Estimate) Difference {
	df := Difference{Unit: unit, Name: name, Student: s, Parent: p, D: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if s.Suppressed || p.Suppressed {
		return df
	}
	df.D, df.Low, df.High = Newcombe(s.Comply, s.Judged(), p.Comply, p.Judged(), Z95)
	df.Significant = !math.IsNaN(df.Low) && (df.Low > 0 || df.High < 0)
	return df
}

// SideBySide sets one indicator as students report it beside the same indicator as parents report it.
type SideBySide struct {
	Indicator       *surveys.Indicator
	Student, Parent *IndicatorResult
	// FromGrade and ToGrade are the grades both questionnaires cover; the shares compared count only
	// the grade bands within them.
	FromGrade, ToGrade int
	County             Difference
	Schools            []Difference // reporting units with answers in both questionnaires, in order
	Paired             *Paired      // nil when the files give no 学生编号 to link a student with a parent
}

// Paired is the agreement of linked pairs: a student and the parent who gave the same 学生编号 in the
// same school, both answers judged.
type Paired struct {
	Pairs int
	// Violations reported by both, by the student only, by the parent only, by neither.
	Both, StudentOnly, ParentOnly, Neither int
	Agreement                              float64 // (Both + Neither) / Pairs
	// Kappa is Cohen's κ = (pₒ − pₑ)/(1 − pₑ) with its large-sample 95% interval
	// κ ± z·√(pₒ(1 − pₒ)/(n(1 − pₑ)²)); NaN when pₑ = 1.
	Kappa, KappaLow, KappaHigh float64
	// McNemar is (StudentOnly − ParentOnly)²/(StudentOnly + ParentOnly), χ² with 1 df: above 3.84 one
	// side reports significantly more violations.
	McNemar float64
}

// MoreBy says who reports more violations: "student", "parent", or "" when the difference is not
// significant (McNemar χ² ≤ 3.84).
func (p *Paired) MoreBy() string {
	if p == nil || math.IsNaN(p.McNemar) || p.McNemar <= 3.84 {
		return ""
	}
	if p.StudentOnly > p.ParentOnly {
		return "student"
	}
	return "parent"
}

// compareStudentsParents pairs every indicator asked in both the student and the parent questionnaire.
func compareStudentsParents(r *Results, datasets []*surveys.Dataset) []SideBySide {
	var out []SideBySide
	for _, pair := range byIndicator(r.Indicators) {
		st, pa := pair[0], pair[1]
		if st == nil || pa == nil {
			continue
		}
		// Compare like with like: only the grade bands both questionnaires cover (the student
		// questionnaire starts at grade 3, the parent one at grade 1).
		lo, hi := max(st.Questionnaire.MinGrade, pa.Questionnaire.MinGrade), min(st.Questionnaire.MaxGrade, pa.Questionnaire.MaxGrade)
		common := func(bands []Group) Estimate {
			var c Counts
			for _, b := range bands {
				if bandWithin(r.Profile, b.Code, lo, hi) {
					c.add(b.Counts)
				}
			}
			return srsEstimate(c, r.Profile)
		}
		c := SideBySide{Indicator: st.Indicator, Student: st, Parent: pa, FromGrade: lo, ToGrade: hi,
			County: difference(-1, "", common(st.Bands), common(pa.Bands))}
		parent := map[int]Estimate{}
		for _, sr := range pa.Schools {
			parent[sr.Unit] = common(sr.Bands)
		}
		for _, sr := range st.Schools {
			if pe, ok := parent[sr.Unit]; ok {
				c.Schools = append(c.Schools, difference(sr.Unit, sr.Name, common(sr.Bands), pe))
			}
		}
		var sd, pd *surveys.Dataset
		for _, d := range datasets {
			switch d.Questionnaire {
			case st.Questionnaire:
				sd = d
			case pa.Questionnaire:
				pd = d
			}
		}
		c.Paired = pairAgreement(sd, pd, st, pa)
		out = append(out, c)
	}
	return out
}

// pairAgreement links students and parents by school and 学生编号 (an 编号 given twice in one file is
// ambiguous and left out) and cross-tabulates their verdicts. It returns nil when no pair links.
func pairAgreement(sd, pd *surveys.Dataset, st, pa *IndicatorResult) *Paired {
	if sd == nil || pd == nil || sd.StudentID == nil || pd.StudentID == nil {
		return nil
	}
	type key struct {
		school uint16
		id     string
	}
	index := func(d *surveys.Dataset) map[key]int {
		m := map[key]int{}
		for i, id := range d.StudentID {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			k := key{d.School[i], id}
			if _, dup := m[k]; dup {
				m[k] = -1
				continue
			}
			m[k] = i
		}
		return m
	}
	verdicts := func(d *surveys.Dataset, ir *IndicatorResult) func(i int) surveys.Verdict {
		qi := d.Questionnaire.Index(ir.Indicator.Question)
		t, _, err := ir.Indicator.Verdicts(&d.Questionnaire.Questions[qi])
		return func(i int) surveys.Verdict {
			a := d.Answers[qi][i]
			if err != nil || a == surveys.Missing || a == surveys.Invalid || a == surveys.NotApplicable {
				return surveys.NotJudged
			}
			return t[d.Grade[i]][a]
		}
	}
	sv, pv := verdicts(sd, st), verdicts(pd, pa)
	pi := index(pd)
	var p Paired
	for k, si := range index(sd) {
		pj, ok := pi[k]
		if si < 0 || !ok || pj < 0 {
			continue
		}
		vs, vp := sv(si), pv(pj)
		if (vs != surveys.Complies && vs != surveys.Violates) || (vp != surveys.Complies && vp != surveys.Violates) {
			continue
		}
		p.Pairs++
		switch {
		case vs == surveys.Violates && vp == surveys.Violates:
			p.Both++
		case vs == surveys.Violates:
			p.StudentOnly++
		case vp == surveys.Violates:
			p.ParentOnly++
		default:
			p.Neither++
		}
	}
	if p.Pairs == 0 {
		return nil
	}
	p.Kappa, p.KappaLow, p.KappaHigh = CohenKappa(p.Both, p.StudentOnly, p.ParentOnly, p.Neither, Z95)
	p.Agreement = float64(p.Both+p.Neither) / float64(p.Pairs)
	p.McNemar = math.NaN()
	if d := p.StudentOnly + p.ParentOnly; d > 0 {
		x := float64(p.StudentOnly - p.ParentOnly)
		p.McNemar = x * x / float64(d)
	}
	return &p
}

// CohenKappa returns Cohen's κ of a 2×2 table (a: both yes, b: first only, c: second only, d: neither)
// with its large-sample interval at quantile z:
//
//	pₒ = (a + d)/n, pₑ = ((a + b)(a + c) + (c + d)(b + d))/n²
//	κ = (pₒ − pₑ)/(1 − pₑ), se = √(pₒ(1 − pₒ)/(n(1 − pₑ)²))
//
// It returns NaNs when n == 0 or pₑ == 1 (both raters say the same thing every time).
func CohenKappa(a, b, c, d int, z float64) (kappa, lo, hi float64) {
	n := float64(a + b + c + d)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	po := float64(a+d) / n
	pe := (float64(a+b)*float64(a+c) + float64(c+d)*float64(b+d)) / (n * n)
	if pe >= 1 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	kappa = (po - pe) / (1 - pe)
	se := math.Sqrt(po*(1-po)/n) / (1 - pe)
	return kappa, kappa - z*se, kappa + z*se
}

// bandWithin reports whether every grade of the profile's band lies in [lo, hi].
func bandWithin(p *surveys.Profile, code string, lo, hi int) bool {
	for _, b := range p.Bands {
		if b.Code == code {
			for _, g := range b.Grades {
				if g < lo || g > hi {
					return false
				}
			}
			return len(b.Grades) > 0
		}
	}
	return false
}

// srsEstimate is the share of c with its Wilson interval, as simple random sampling: the grade bands
// both questionnaires cover are summed from their counts, and Newcombe's interval is built from
// Wilson intervals in any case. Suppression and the small-sample mark follow the profile.
func srsEstimate(c Counts, p *surveys.Profile) Estimate {
	nan := math.NaN()
	e := Estimate{Counts: c, P: nan, Low: nan, High: nan, WilsonLow: nan, WilsonHigh: nan, NEff: nan, Deff: nan, Var: nan, DF: -1, BoundLow: nan, BoundHigh: nan, Interval: WilsonScore}
	n := c.Judged()
	e.Suppressed, e.Small = n < p.MinN, n < p.SmallN
	if n > 0 {
		e.P = float64(c.Comply) / float64(n)
		e.WilsonLow, e.WilsonHigh = Wilson(c.Comply, n, Z95)
		e.Low, e.High = e.WilsonLow, e.WilsonHigh
		e.Var = e.P * (1 - e.P) / float64(n)
	}
	return e
}
