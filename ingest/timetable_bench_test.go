package ingest_test

import (
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// BenchmarkReadTimetables reads the demo county's timetables: five workbooks of class grids (78
// sheets) and a summary table of 414 rows.
func BenchmarkReadTimetables(b *testing.B) {
	p, _, err := surveys.LoadProfile(demo.Profile)
	if err != nil {
		b.Fatal(err)
	}
	var srcs []ingest.Source
	for _, name := range demo.TimetableFiles() {
		srcs = append(srcs, ingest.FSSource(demo.FS, name))
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := ingest.ReadTimetables(srcs, ingest.TimetableOptions{Plan: p.CoursePlan})
		if err != nil || len(res.Timetables) == 0 {
			b.Fatal(err)
		}
	}
}
