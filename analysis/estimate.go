package analysis

import (
	"fmt"
	"math"

	"github.com/jianfu-edu/jianfu/surveys"
)

// analyzer holds what every indicator of a run shares.
type analyzer struct {
	p       *surveys.Profile
	schools []surveys.School
	units   unitIndex
	opt     DesignOptions
	t025    map[float64]float64 // cache of the 2.5% t quantile by degrees of freedom
}

// tq returns the 2.5% quantile of t with df degrees of freedom, cached: the quantile is the costly
// part of a Korn–Graubard interval and the same df recurs across indicators.
func (a *analyzer) tq(df float64) float64 {
	if q, ok := a.t025[df]; ok {
		return q
	}
	q := tQuantile(0.025, df)
	if a.t025 == nil {
		a.t025 = map[float64]float64{}
	}
	a.t025[df] = q
	return q
}

// dsDesign is the design of one dataset: which unit, post-stratum and class every class belongs to.
type dsDesign struct {
	d         *surveys.Dataset
	units     *unitIndex
	classUnit []int32 // per class: reporting unit (stratum)
	classPost []int32 // per class: school*10 + grade
	classless []bool  // per class: the answers carry no class
	// fpc[u] is 1 − respondents/enrolment of unit u (for --fpc); nil when not asked.
	fpc []float64
}

// ErrNoEnrolment is returned when --weight enrolment or --fpc needs an enrolment the roster lacks.
var ErrNoEnrolment = fmt.Errorf("名册缺少在校人数")

func newDSDesign(d *surveys.Dataset, ui *unitIndex, opt DesignOptions) (*dsDesign, error) {
	dd := &dsDesign{d: d, units: ui}
	for _, k := range d.Classes {
		dd.classUnit = append(dd.classUnit, ui.of[k.School][k.Grade])
		dd.classPost = append(dd.classPost, int32(k.School)*10+int32(k.Grade))
		dd.classless = append(dd.classless, k.Label == "")
	}
	if opt.FPC {
		resp := make([]float64, len(ui.units))
		for i, s := range d.School {
			resp[ui.of[s][d.Grade[i]]]++
		}
		enrol := make([]float64, len(ui.units))
		for s := range d.Schools {
			for g := d.Questionnaire.MinGrade; g <= d.Questionnaire.MaxGrade; g++ {
				u := ui.of[s][g]
				if u < 0 || resp[u] == 0 {
					continue
				}
				e := d.Schools[s].Enrolment[g]
				if e < 0 {
					return nil, fmt.Errorf("--fpc: %w：%s%s", ErrNoEnrolment, d.Schools[s].Name, GradeName(g))
				}
				enrol[u] += float64(e)
			}
		}
		dd.fpc = make([]float64, len(ui.units))
		for u := range dd.fpc {
			dd.fpc[u] = 1
			switch {
			case enrol[u] > 0:
				dd.fpc[u] = math.Max(0, 1-resp[u]/enrol[u])
			case resp[u] > 0:
				return nil, fmt.Errorf("--fpc: %w：%s（名册在校人数为0，却有%.0f份问卷）", ErrNoEnrolment, ui.units[u].Name, resp[u])
			}
		}
	}
	return dd, nil
}

// classSums are one class's sums of y over the answers in an indicator's frame.
type classSums struct{ n, y, y2 float64 }

// domainSet is an indicator's frame with its classes grouped by unit and grade, so that any domain
// that is a union of (unit, grade) cells is collected without a pass over the classes.
type domainSet struct {
	f         *frame
	byCell    [][10][]int32 // [unit][grade] → psu indices
	classless []bool        // per psu
	schoolOf  []int         // per unit
}

// domains builds the frame of an indicator (the classes with a judged answer) and its cells. With
// opt.Weight every answer weighs enrolment / judged answers of its school and grade.
func (dd *dsDesign) domains(sums []classSums, opt DesignOptions) (*domainSet, error) {
	nu := len(dd.units.units)
	ds := &domainSet{f: &frame{nPSU: make([]int, nu), fpc: dd.fpc}, byCell: make([][10][]int32, nu)}
	for _, u := range dd.units.units {
		ds.schoolOf = append(ds.schoolOf, u.School)
	}
	var postN, postY []float64
	if opt.Weight {
		postN, postY = make([]float64, len(dd.d.Schools)*10), make([]float64, len(dd.d.Schools)*10)
	}
	for k, s := range sums {
		if s.n == 0 {
			continue
		}
		u := dd.classUnit[k]
		i := int32(len(ds.f.psus))
		ds.f.psus = append(ds.f.psus, psu{stratum: u, post: dd.classPost[k], n: s.n, y: s.y, y2: s.y2})
		ds.f.nPSU[u]++
		g := dd.d.Classes[k].Grade
		ds.byCell[u][g] = append(ds.byCell[u][g], i)
		ds.classless = append(ds.classless, dd.classless[k])
		if opt.Weight {
			postN[dd.classPost[k]] += s.n
			postY[dd.classPost[k]] += s.y
		}
	}
	if opt.Weight {
		ds.f.weight, ds.f.postMean = make([]float64, len(postN)), make([]float64, len(postN))
		for ps, n := range postN {
			if n == 0 {
				continue
			}
			s, g := ps/10, ps%10
			e := dd.d.Schools[s].Enrolment[g]
			if e <= 0 {
				return nil, fmt.Errorf("--weight enrolment: %w：%s%s", ErrNoEnrolment, dd.d.Schools[s].Name, GradeName(g))
			}
			ds.f.weight[ps] = float64(e) / n
			ds.f.postMean[ps] = postY[ps] / n
		}
	}
	return ds, nil
}

// homeworkDomains builds the frame of the mean homework time: the option answers, y = the option's
// midpoint in minutes.
func (dd *dsDesign) homeworkDomains(qi int, p *surveys.Profile, opt DesignOptions) (*domainSet, error) {
	sums := make([]classSums, len(dd.d.Classes))
	for i, a := range dd.d.Answers[qi] {
		if a.IsOption() && int(a) <= len(p.HomeworkMidpoints) {
			m := p.HomeworkMidpoints[a-1]
			c := &sums[dd.d.Class[i]]
			c.n++
			c.y += m
			c.y2 += m * m
		}
	}
	return dd.domains(sums, opt)
}

// collect returns the psus of the cells keep selects and whether any of them carries no class.
func (ds *domainSet) collect(keep func(school, grade int) bool) (idx []int32, classless bool) {
	for u := range ds.byCell {
		s := ds.schoolOf[u]
		for g := 1; g <= 9; g++ {
			if len(ds.byCell[u][g]) == 0 || !keep(s, g) {
				continue
			}
			for _, i := range ds.byCell[u][g] {
				idx = append(idx, i)
				classless = classless || ds.classless[i]
			}
		}
	}
	return idx, classless
}

// rows returns the number of rows in the cells keep selects.
func (ds *domainSet) rows(keep func(school, grade int) bool) float64 {
	var n float64
	for u := range ds.byCell {
		s := ds.schoolOf[u]
		for g := 1; g <= 9; g++ {
			if len(ds.byCell[u][g]) == 0 || !keep(s, g) {
				continue
			}
			n += ds.f.rows(ds.byCell[u][g])
		}
	}
	return n
}

// share estimates the compliance share of the cells keep selects, whose counts are c. The cells are a
// domain of the design of the cells scope selects: the whole county for the county's breakdowns, the
// unit for a unit's own figures and bands (R post-stratifies each unit's design on its own).
//
// The Korn–Graubard df adjustment uses R's nrow(design): the domain's rows for an unweighted design
// (R's subset() drops the other rows) and, under --weight enrolment, the rows of the scope's design,
// as R's subset() of a post-stratified design keeps the other rows with zero weight. The variance
// needs nothing more: every domain is a union of whole post-strata, so the post-stratification
// residuals on the whole design are zero outside it and the domain's own inside it. Both match R
// (analysis/design_analyze_test.go, testdata/r/design.R).
func (a *analyzer) share(c Counts, ds *domainSet, keep, scope func(school, grade int) bool) Estimate {
	nan := math.NaN()
	e := Estimate{Counts: c, P: nan, Low: nan, High: nan, WilsonLow: nan, WilsonHigh: nan, NEff: nan, Deff: nan, Var: nan, DF: -1, BoundLow: nan, BoundHigh: nan}
	n := c.Judged()
	if c.Undeterminable > 0 {
		all := float64(n + c.Undeterminable)
		e.BoundLow = float64(c.Comply) / all
		e.BoundHigh = float64(c.Comply+c.Undeterminable) / all
	}
	e.Suppressed = n < a.p.MinN
	if e.Suppressed {
		e.SuppressReason = fmt.Sprintf("样本不足（可判定的回答少于%d份）", a.p.MinN)
		e.SuppressReasonEN = fmt.Sprintf("too few answers (fewer than %d judged)", a.p.MinN)
	}
	e.Small = n < a.p.SmallN
	if n == 0 {
		return e
	}
	e.P = float64(c.Comply) / float64(n)
	e.WilsonLow, e.WilsonHigh = Wilson(c.Comply, n, Z95)
	e.Low, e.High, e.Interval = e.WilsonLow, e.WilsonHigh, WilsonScore
	e.Var = e.P * (1 - e.P) / float64(n)
	if a.opt.Method == DesignSRS {
		a.reliability(&e)
		return e
	}
	idx, classless := ds.collect(keep)
	st := ds.f.estimate(idx)
	if a.opt.Weight {
		e.P = st.Mean
		st = st.withRows(ds.rows(scope))
	}
	if !classless {
		// Without degrees of freedom (one class per stratum) the design variance means nothing: the
		// cell keeps Wilson and reports no design effect.
		if lo, hi, neff := kornGraubard(st.Mean, st.Var, st.N, st.Rows, st.DF, a.tq); !math.IsNaN(lo) {
			e.Low, e.High, e.NEff, e.Interval = lo, hi, neff, KornGraubard
			e.Var, e.DF, e.Deff = st.Var, st.DF, st.Deff()
		}
	}
	a.reliability(&e)
	return e
}

// reliability applies --reliability nchs (Parker et al. 2017) to a shown cell.
func (a *analyzer) reliability(e *Estimate) {
	if a.opt.Reliability != ReliabilityNCHS || e.Suppressed || math.IsNaN(e.P) {
		return
	}
	neff := float64(e.Judged())
	if e.Interval == KornGraubard && e.NEff < neff {
		neff = e.NEff
	}
	width := e.High - e.Low
	switch {
	case neff < 30:
		e.Suppressed, e.SuppressReason = true, fmt.Sprintf("有效样本量%.0f不足30（NCHS标准）", math.Floor(neff))
		e.SuppressReasonEN = fmt.Sprintf("effective sample size %.0f is under 30 (NCHS standard)", math.Floor(neff))
	case width >= 0.30:
		e.Suppressed, e.SuppressReason = true, fmt.Sprintf("置信区间宽%s个百分点，达到30个百分点（NCHS标准）", Pct(width))
		e.SuppressReasonEN = fmt.Sprintf("the confidence interval is %s points wide, 30 points or more (NCHS standard)", Pct(width))
	case e.P > 0 && width/e.P > 1.30:
		e.Suppressed, e.SuppressReason = true, "置信区间相对宽度超过130%（NCHS标准）"
		e.SuppressReasonEN = "the confidence interval's width is over 130% of the share (NCHS standard)"
	}
	e.LowDF = e.Interval == KornGraubard && e.DF < 8
}

// flag sets the tier of a unit's estimate (standards.md): confirmed when the interval's lower bound
// of the violation share, and with 无法判定 answers the favourable bound too, reach the threshold
// with enough violators; possible when the judged share reaches it.
func (a *analyzer) flag(e *Estimate, ind *surveys.Indicator) {
	p := a.p
	if e.Suppressed || e.Violate < p.FlagMinViolations || math.IsNaN(e.P) {
		return
	}
	th := p.FlagThreshold - 1e-12
	if e.ViolationShare() < th {
		return
	}
	favourable := true
	if !math.IsNaN(e.BoundHigh) {
		favourable = 1-e.BoundHigh >= th
	}
	if 1-e.High >= th && favourable {
		e.Flag, e.Flagged = FlagConfirmed, true
		return
	}
	e.Flag = FlagPossible
	word, wordEN := "违规", "not complying"
	if ind.Kind == surveys.Reference {
		word, wordEN = "未达到参考要求", "below the reference standard"
	}
	if !favourable {
		e.FlagReason = fmt.Sprintf("若无法判定的回答均达标，%s比例为%s%%，低于%s%%", word, Pct(1-e.BoundHigh), Pct(p.FlagThreshold))
		e.FlagReasonEN = fmt.Sprintf("if every undeterminable answer complied, the share %s would be %s%%, below %s%%", wordEN, Pct(1-e.BoundHigh), Pct(p.FlagThreshold))
	} else {
		e.FlagReason = fmt.Sprintf("%s比例%s%%，但95%%置信区间下限%s%%低于%s%%", word, Pct(e.ViolationShare()), Pct(1-e.High), Pct(p.FlagThreshold))
		e.FlagReasonEN = fmt.Sprintf("the share %s is %s%%, but the lower 95%% bound, %s%%, is below %s%%", wordEN, Pct(e.ViolationShare()), Pct(1-e.High), Pct(p.FlagThreshold))
	}
}

// mean estimates the mean homework time of the cells keep selects.
func (a *analyzer) mean(ds *domainSet, keep func(school, grade int) bool) (HomeworkMean, bool) {
	idx, classless := ds.collect(keep)
	nan := math.NaN()
	hm := HomeworkMean{Minutes: nan, Low: nan, High: nan, Deff: nan, DF: -1}
	var n, y, y2 float64
	for _, i := range idx {
		c := &ds.f.psus[i]
		n, y, y2 = n+c.n, y+c.y, y2+c.y2
	}
	if n == 0 {
		return hm, false
	}
	hm.N = int(n)
	srs := srsStat(n, y, y2)
	hm.Minutes, hm.Interval, hm.DF = srs.Mean, SRST, srs.DF
	hm.Low, hm.High = tInterval(srs.Mean, srs.Var, srs.DF)
	if a.opt.Method == DesignSRS {
		return hm, true
	}
	st := ds.f.estimate(idx)
	hm.Minutes = st.Mean
	if classless || st.DF < 1 {
		// No classes, or one class per stratum: the t interval on independent answers.
		return hm, true
	}
	hm.Interval, hm.DF, hm.Deff = DesignT, st.DF, st.Deff()
	hm.Low, hm.High = tInterval(st.Mean, st.Var, st.DF)
	return hm, true
}

// compareGroups tests each grade and 城乡 group against the rest of the county (design-based, R's
// svyttest); the findings claim a concentration only where the test is significant.
func (a *analyzer) compareGroups(r *IndicatorResult, ds *domainSet) {
	for _, set := range []struct {
		gs   []Group
		keep func(g Group) func(s, gr int) bool
	}{
		{r.Grades, func(g Group) func(s, gr int) bool {
			return func(_, gr int) bool { return fmt.Sprint(gr) == g.Code }
		}},
		{r.Locales, func(g Group) func(s, gr int) bool {
			return func(s, _ int) bool { return a.schools[s].Locale == g.Code }
		}},
	} {
		for i := range set.gs {
			g := &set.gs[i]
			if !g.Shown() {
				continue
			}
			in := set.keep(*g)
			g.VsOthers = a.compare(ds, in, func(s, gr int) bool { return !in(s, gr) }, g.P)
			if g.VsOthers != nil {
				g.VsOthers.PAdjusted = g.VsOthers.PValue
				g.VsOthers.Significant = g.VsOthers.PValue < 0.05
			}
		}
	}
}

// compareSchools tests each shown unit against the rest of the county, Holm-adjusted across units.
func (a *analyzer) compareSchools(r *IndicatorResult, ds *domainSet) {
	var ps []float64
	var who []int
	for i := range r.Schools {
		sr := &r.Schools[i]
		if !sr.Shown() {
			continue
		}
		u := int32(sr.Unit)
		s := sr.School
		in := func(ss, g int) bool { return ss == s && a.units.of[ss][g] == u }
		sr.VsCounty = a.compare(ds, in, func(ss, g int) bool { return !in(ss, g) }, sr.P)
		if sr.VsCounty != nil {
			ps = append(ps, sr.VsCounty.PValue)
			who = append(who, i)
		}
	}
	for j, adj := range Holm(ps) {
		c := r.Schools[who[j]].VsCounty
		c.PAdjusted = adj
		c.Significant = adj < 0.05
	}
}

// compare returns the design-based comparison of domain in with domain out; nil when out is empty.
// Without a design (classless answers or --design srs) it is a two-sample test on p(1−p)/n variances.
func (a *analyzer) compare(ds *domainSet, in, out func(s, g int) bool, p float64) *Contrast {
	ia, ca := ds.collect(in)
	ib, cb := ds.collect(out)
	if len(ia) == 0 || len(ib) == 0 {
		return nil
	}
	if a.opt.Method == DesignSRS || ca || cb {
		var na, ya, nb, yb float64
		for _, i := range ia {
			na, ya = na+ds.f.psus[i].n, ya+ds.f.psus[i].y
		}
		for _, i := range ib {
			nb, yb = nb+ds.f.psus[i].n, yb+ds.f.psus[i].y
		}
		pa, pb := ya/na, yb/nb
		c := contrastStat{Diff: pa - pb, Var: pa*(1-pa)/na + pb*(1-pb)/nb, DF: int(na+nb) - 2}
		return &Contrast{Others: pb, Diff: c.Diff, PValue: c.P()}
	}
	c := ds.f.contrast(ia, ib)
	return &Contrast{Others: p - c.Diff, Diff: c.Diff, PValue: c.P()}
}
