package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// This file is the design-based estimation engine. Students answer in classes, and classmates
// resemble each other, so the primary sampling units (PSUs) are classes (school × grade × class) and
// the strata are the reporting units (a school, or one stage of a two-stage school). A share or a
// mean is a ratio Σwy / Σw; its variance is the Taylor linearisation of that ratio, exactly as R's
// survey package (version 4.1) computes svymean on
//
//	svydesign(ids = ~class, strata = ~unit, nest = TRUE, data = frame)
//
// with options(survey.lonely.psu = "adjust"). Every statistic needs only sums per class, so the
// engine works on class totals (psu) and never on rows.

// IntervalMethod names the method of a reported 95% interval.
type IntervalMethod string

// The interval methods jianfu reports.
const (
	// KornGraubard is the Korn–Graubard interval: Clopper–Pearson on the design-based effective
	// sample size with the degrees-of-freedom adjustment, as R's svyciprop(method = "beta").
	KornGraubard IntervalMethod = "korn-graubard"
	// WilsonScore is the Wilson score interval on the counts, treating answers as independent.
	WilsonScore IntervalMethod = "wilson"
	// DesignT is mean ± t(df)·SE with the design-based SE, as R's confint(svymean(...), df = degf(design)).
	DesignT IntervalMethod = "design-t"
	// SRST is mean ± t(n−1)·s/√n, treating answers as independent.
	SRST IntervalMethod = "srs-t"
)

// DesignMethod chooses how intervals are computed.
type DesignMethod string

// The designs jianfu knows.
const (
	// DesignCluster (the default) treats classes as clusters and schools as strata.
	DesignCluster DesignMethod = "cluster"
	// DesignSRS treats every answer as independent (Wilson intervals); --design srs.
	DesignSRS DesignMethod = "srs"
)

// Reliability chooses the presentation standard for proportions.
type Reliability string

// The presentation standards jianfu knows.
const (
	// ReliabilityDefault suppresses cells with fewer judged answers than the profile's min_n.
	ReliabilityDefault Reliability = ""
	// ReliabilityNCHS adds the NCHS data presentation standards for proportions (Parker et al. 2017):
	// suppress when the effective n < 30, the Korn–Graubard interval is 30 points wide or more, or its
	// width exceeds 130% of the share; footnote when the degrees of freedom are below 8.
	ReliabilityNCHS Reliability = "nchs"
)

// DesignOptions are the estimation choices of a run. The zero value is the default: cluster design,
// every answer weighing 1, no finite-population correction, the profile's min_n suppression.
type DesignOptions struct {
	Method      DesignMethod
	Weight      bool // post-stratify to roster enrolment by school × grade (--weight enrolment)
	FPC         bool // finite-population correction from roster enrolment (--fpc)
	Reliability Reliability
}

// psu holds one class's sums in an indicator's frame (the rows with a judged answer, or with an
// option answer for a mean).
type psu struct {
	stratum int32   // reporting unit
	post    int32   // post-stratum: school*10 + grade
	n       float64 // rows
	y, y2   float64 // Σy and Σy² (y is 0/1 for a share, minutes for a mean)
}

// frame is an indicator's design: its classes and what the variance needs about them.
type frame struct {
	psus []psu
	// nPSU[h] is the number of classes of stratum h in the frame (R's fpc$sampsize): a domain that
	// misses some of them counts them as zero totals.
	nPSU []int
	// weight[post] is the weight of every answer of the post-stratum; nil means unweighted.
	weight []float64
	// postMean[post] is the unweighted mean of y in the post-stratum (used only when weighted).
	postMean []float64
	// fpc[h] is the finite-population factor (1 − sampling fraction) of stratum h; nil means none.
	fpc []float64

	// Scratch space of stratifiedSum, per stratum; a frame is used by one goroutine.
	sz, sz2 []float64
	seen    []bool
	order   []int32
}

// designStat is a design-based mean (a share when y is 0/1) over a domain of the frame.
type designStat struct {
	Mean float64 // Σwy / Σw
	Var  float64 // linearisation variance of Mean
	VSRS float64 // variance under simple random sampling with replacement (R's deff = "replace")
	N    float64 // rows in the domain (R's nrow(design) for an unweighted domain)
	// Rows is R's nrow(design): the rows of the design the domain is taken from. estimate sets it to
	// N, as R's subset() of an unweighted design drops the other rows; a domain of a post-stratified
	// design keeps them with zero weight, and its caller sets Rows to the whole design's rows
	// (withRows). Only the Korn–Graubard df adjustment uses it.
	Rows float64
	DF   int // classes − strata in the domain (R's degf(design))
}

// withRows returns s taken as a domain of a design of rows rows (R's nrow(design) of a subset() of a
// post-stratified design, which keeps every row).
func (s designStat) withRows(rows float64) designStat {
	s.Rows = rows
	return s
}

// rows returns the number of rows in the classes idx.
func (f *frame) rows(idx []int32) float64 {
	var n float64
	for _, i := range idx {
		n += f.psus[i].n
	}
	return n
}

// Deff returns the design effect Var / VSRS (R's svymean(deff = "replace")); NaN when undefined.
func (s designStat) Deff() float64 {
	if !(s.VSRS > 0) {
		return math.NaN()
	}
	return s.Var / s.VSRS
}

// weightOf returns the weight of a class's answers.
func (f *frame) weightOf(c *psu) float64 {
	if f.weight == nil {
		return 1
	}
	return f.weight[c.post]
}

// estimate returns the design-based mean over the classes in dom (indices into f.psus). Every domain
// jianfu reports is a union of whole post-strata, so a class lies wholly inside or outside it.
//
//	μ   = Σ_c w_c y_c / Σ_c w_c n_c
//	z_c = w_c (y_c − n_c m_c) / W,   m_c = μ (unweighted) or the post-stratum mean (weighted)
//	V   = Σ_h f_h n_h/(n_h−1) Σ_c (z_c − z̄_h)²   over the n_h classes of stratum h (absent ones 0)
//	V_h = f_h z_c²   for a stratum with one class (survey.lonely.psu = "adjust")
//
// It returns NaN statistics when the domain has no rows.
func (f *frame) estimate(dom []int32) designStat {
	var W, Y, N, S2 float64
	for _, i := range dom {
		c := &f.psus[i]
		w := f.weightOf(c)
		W += w * c.n
		Y += w * c.y
		N += c.n
	}
	st := designStat{Mean: math.NaN(), Var: math.NaN(), VSRS: math.NaN(), N: N, Rows: N}
	if W == 0 {
		return st
	}
	mu := Y / W
	st.Mean = mu
	zs := make([]float64, len(dom))
	for j, i := range dom {
		c := &f.psus[i]
		w := f.weightOf(c)
		m := mu
		if f.weight != nil {
			m = f.postMean[c.post]
		}
		zs[j] = w * (c.y - c.n*m) / W
		S2 += w * (c.y2 - 2*mu*c.y + mu*mu*c.n)
	}
	v, classes, strata := f.stratifiedSum(dom, zs)
	st.Var = v
	st.DF = classes - strata
	if N > 1 {
		st.VSRS = S2 / W / (N - 1)
	}
	return st
}

// contrastStat is the difference of two domain means with its design-based variance.
type contrastStat struct {
	Diff float64 // mean(A) − mean(B)
	Var  float64 // variance of Diff (joint linearisation: V_A + V_B − 2 Cov)
	DF   int     // classes − strata over A ∪ B, minus 1 (R's svyttest)
}

// T returns Diff / √Var.
func (c contrastStat) T() float64 { return c.Diff / math.Sqrt(c.Var) }

// P returns the two-sided p-value of T on DF degrees of freedom.
func (c contrastStat) P() float64 { return tTwoSided(c.T(), c.DF) }

// contrast compares the means of two disjoint domains of the frame, as R's
// svyttest(y ~ I(domain A), design) on a design restricted to A ∪ B: each class carries
// z_c = z^A_c − z^B_c (each domain's linearised total, zero outside it), and the variance is the same
// stratified sum as in estimate.
func (f *frame) contrast(a, b []int32) contrastStat {
	sa, sb := f.estimate(a), f.estimate(b)
	out := contrastStat{Diff: sa.Mean - sb.Mean, Var: math.NaN()}
	if math.IsNaN(out.Diff) {
		return out
	}
	var wa, wb float64
	for _, i := range a {
		wa += f.weightOf(&f.psus[i]) * f.psus[i].n
	}
	for _, i := range b {
		wb += f.weightOf(&f.psus[i]) * f.psus[i].n
	}
	z := func(i int32, mu, W float64) float64 {
		c := &f.psus[i]
		m := mu
		if f.weight != nil {
			m = f.postMean[c.post]
		}
		return f.weightOf(c) * (c.y - c.n*m) / W
	}
	zs := make([]float64, 0, len(a)+len(b))
	idx := make([]int32, 0, len(a)+len(b))
	for _, i := range a {
		zs, idx = append(zs, z(i, sa.Mean, wa)), append(idx, i)
	}
	for _, i := range b {
		zs, idx = append(zs, -z(i, sb.Mean, wb)), append(idx, i)
	}
	v, classes, strata := f.stratifiedSum(idx, zs)
	out.Var = v
	out.DF = classes - strata - 1
	return out
}

// stratifiedSum returns Σ_h f_h n_h/(n_h−1) Σ_c (z_c − z̄_h)² over the strata of the classes idx
// (absent classes of a stratum count as 0; a stratum with one class adds f_h z_c²), and the numbers
// of classes and strata involved.
func (f *frame) stratifiedSum(idx []int32, zs []float64) (v float64, classes, strata int) {
	if len(f.sz) != len(f.nPSU) {
		f.sz, f.sz2, f.seen = make([]float64, len(f.nPSU)), make([]float64, len(f.nPSU)), make([]bool, len(f.nPSU))
	}
	order := f.order[:0]
	for j, i := range idx {
		h := f.psus[i].stratum
		if !f.seen[h] {
			f.seen[h] = true
			f.sz[h], f.sz2[h] = 0, 0
			order = append(order, h)
		}
		f.sz[h] += zs[j]
		f.sz2[h] += zs[j] * zs[j]
		classes++
	}
	for _, h := range order {
		f.seen[h] = false
		nh := f.nPSU[h]
		fh := 1.0
		if f.fpc != nil {
			fh = f.fpc[h]
		}
		if fh < 1e-7 {
			continue
		}
		sz, sz2 := f.sz[h], f.sz2[h]
		if nh > 1 {
			v += fh * float64(nh) / float64(nh-1) * (sz2 - sz*sz/float64(nh))
		} else {
			v += fh * sz2
		}
	}
	f.order = order
	return math.Max(v, 0), classes, len(order)
}

// srsStat returns the same statistic treating every row as its own PSU in one stratum
// (svydesign(ids = ~1)): Var = s²/n with s² = Σ(y−μ)²/(n−1), df = n − 1. Unweighted.
func srsStat(n, y, y2 float64) designStat {
	st := designStat{Mean: math.NaN(), Var: math.NaN(), VSRS: math.NaN(), N: n, Rows: n}
	if n == 0 {
		return st
	}
	mu := y / n
	st.Mean = mu
	if n > 1 {
		s2 := (y2 - 2*mu*y + mu*mu*n) / (n - 1)
		st.Var = math.Max(s2/n, 0)
		st.VSRS = st.Var
	}
	st.DF = int(n) - 1
	return st
}

// tQuantile returns the p quantile of Student's t with df degrees of freedom.
func tQuantile(p float64, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// betaQuantile returns the p quantile of Beta(a, b); 0 when a == 0 and 1 when b == 0 (the limits
// R's qbeta takes).
func betaQuantile(p, a, b float64) float64 {
	switch {
	case a <= 0:
		return 0
	case b <= 0:
		return 1
	}
	return distuv.Beta{Alpha: a, Beta: b}.Quantile(p)
}

// KornGraubardInterval returns the 95% Korn–Graubard interval of a share p estimated with variance v
// from n rows and df design degrees of freedom, as R's svyciprop(method = "beta"):
//
//	n_eff  = p(1−p)/v
//	n_eff' = n_eff · (t_{n−1, 0.025} / t_{df, 0.025})²
//	[lo, hi] = [qbeta(0.025, n_eff'·p, n_eff'(1−p)+1), qbeta(0.975, n_eff'·p+1, n_eff'(1−p))]
//
// When v is 0 (p is 0 or 1, or every class has the same share) R's n_eff is undefined and R returns
// NA; this function then takes n_eff = n, the rule of the NCHS standards (Parker et al. 2017), which
// makes the interval the df-adjusted Clopper–Pearson one. It also returns the effective n it used
// before the df adjustment. It returns NaNs when df < 1 or n < 2.
func KornGraubardInterval(p, v, n float64, df int) (lo, hi, neff float64) {
	return kornGraubard(p, v, n, n, df, func(df float64) float64 { return tQuantile(0.025, df) })
}

// kornGraubard is KornGraubardInterval with the 2.5% t quantile supplied (cached by the analyzer)
// and R's nrow(design) apart from the domain's rows n: the df adjustment uses t_{rows−1}, as
// svyciprop does, where rows exceeds n for a domain of a post-stratified design (designStat.Rows).
func kornGraubard(p, v, n, rows float64, df int, t025 func(df float64) float64) (lo, hi, neff float64) {
	if df < 1 || n < 2 || math.IsNaN(p) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	if v > 0 && p > 0 && p < 1 {
		neff = p * (1 - p) / v
	} else {
		neff = n
	}
	r := t025(rows-1) / t025(float64(df))
	ne := neff * r * r
	lo = betaQuantile(0.025, ne*p, ne*(1-p)+1)
	hi = betaQuantile(0.975, ne*p+1, ne*(1-p))
	return lo, hi, neff
}

// tInterval returns mean ± t_{df, 0.975}·√v; NaNs when df < 1.
func tInterval(mean, v float64, df int) (lo, hi float64) {
	if df < 1 || math.IsNaN(v) {
		return math.NaN(), math.NaN()
	}
	h := tQuantile(0.975, float64(df)) * math.Sqrt(v)
	return mean - h, mean + h
}

// tTwoSided returns the two-sided p-value of t on df degrees of freedom.
func tTwoSided(t float64, df int) float64 {
	if df < 1 || math.IsNaN(t) {
		return math.NaN()
	}
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.CDF(-math.Abs(t))
}

// Holm returns Holm's step-down adjusted p-values (R's p.adjust(method = "holm")): sorted ascending,
// p'_(i) = max_{j≤i} min(1, (m−j+1)·p_(j)). NaN p-values are left NaN and not counted in m.
func Holm(p []float64) []float64 {
	out := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		out[i] = math.NaN()
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	// insertion sort keeps it dependency-free and stable; m is the number of schools.
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && p[idx[j]] < p[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	m := float64(len(idx))
	running := 0.0
	for j, i := range idx {
		a := math.Min(1, (m-float64(j))*p[i])
		running = math.Max(running, a)
		out[i] = running
	}
	return out
}
