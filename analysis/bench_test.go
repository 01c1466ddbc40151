package analysis

import (
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

// BenchmarkAnalyze computes every indicator, breakdown, flag, mean and distribution of the profile
// over typed data of 1,000,000 students and 1,000,000 parents in 60 schools, with Wilson intervals
// only (srs) and with the design-based statistics (cluster, and cluster weighted to enrolment). The
// difference between srs and cluster is what the design-based statistics cost.
func BenchmarkAnalyze(b *testing.B) {
	qs := surveys.Builtins()
	p := profile(b, "national-2021")
	schools := synth.Schools(60)
	for i := range schools {
		for g := 1; g <= 9; g++ {
			schools[i].Enrolment[g] = 5000
		}
	}
	ds := []*surveys.Dataset{synth.Dataset(qs[0], schools, 1_000_000, 1), synth.Dataset(qs[1], schools, 1_000_000, 2)}
	for _, bc := range []struct {
		name   string
		design DesignOptions
	}{
		{"srs", DesignOptions{Method: DesignSRS}},
		{"cluster", DesignOptions{Method: DesignCluster}},
		{"cluster-weighted", DesignOptions{Method: DesignCluster, Weight: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if _, err := Analyze(Input{Datasets: ds, Schools: schools, Profile: p, Design: bc.design}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(2_000_000*b.N)/b.Elapsed().Seconds(), "respondents/s")
		})
	}
}
