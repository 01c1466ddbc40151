package analysis

import (
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

// BenchmarkAnalyze computes every indicator, breakdown, flag, mean and distribution of the profile
// over typed data of 1,000,000 students and 1,000,000 parents in 60 schools.
func BenchmarkAnalyze(b *testing.B) {
	qs := surveys.Builtins()
	p := profile(b, "national-2021")
	schools := synth.Schools(60)
	ds := []*surveys.Dataset{synth.Dataset(qs[0], schools, 1_000_000, 1), synth.Dataset(qs[1], schools, 1_000_000, 2)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Analyze(Input{Datasets: ds, Schools: schools, Profile: p}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2_000_000*b.N)/b.Elapsed().Seconds(), "respondents/s")
}
