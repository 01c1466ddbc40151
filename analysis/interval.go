// Package analysis computes compliance indicators from typed survey data: proportions with intervals
// by school, grade band, grade and 城乡, school flags, homework averages, response rates, answer
// distributions, and the findings written from them. It does no I/O.
package analysis

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Z95 is the standard normal quantile for a two-sided 95% interval, Φ⁻¹(0.975).
var Z95 = distuv.UnitNormal.Quantile(0.975)

// Wilson returns the Wilson score interval for k successes in n trials at normal quantile z:
//
//	p̂ = k/n
//	centre = (p̂ + z²/2n) / (1 + z²/n)
//	half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
//	[lo, hi] = [centre − half, centre + half], clamped to [0, 1]
//
// It returns NaN, NaN when n == 0. It panics if k < 0 or k > n.
func Wilson(k, n int, z float64) (lo, hi float64) {
	if k < 0 || k > n {
		panic("analysis: Wilson: k out of range")
	}
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = centre-half, centre+half
	// At k = 0 or k = n the bound is exactly 0 or 1; rounding must not push it past.
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return math.Max(0, lo), math.Min(1, hi)
}
