package demo

import (
	"reflect"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// TestPlantedTimetable reads the embedded timetables as a user's would be read and checks that the
// audit against the demo profile finds exactly the planted problems: none missed, none extra.
func TestPlantedTimetable(t *testing.T) {
	prof, _, err := surveys.LoadProfile(Profile)
	if err != nil {
		t.Fatal(err)
	}
	roster, err := ingest.ReadRoster(ingest.FSSource(FS, RosterFile), ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []ingest.Source
	for _, name := range TimetableFiles() {
		srcs = append(srcs, ingest.FSSource(FS, name))
	}
	res, err := ingest.ReadTimetables(srcs, ingest.TimetableOptions{Plan: prof.CoursePlan, Schools: roster.Schools})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if len(f.Skipped) > 0 {
			t.Errorf("%s: skipped %+v", f.Path, f.Skipped)
		}
	}
	if len(res.Unmatched) > 0 {
		t.Errorf("unmatched schools %v", res.Unmatched)
	}
	a := analysis.AuditTimetables(res.Timetables, roster.Schools, prof.CoursePlan, nil)
	var got []TimetableProblem
	for _, d := range a.Deviations {
		got = append(got, TimetableProblem{Kind: "deviation", School: d.School, Grade: d.Grade, Subject: d.Subject, Periods: d.Periods})
	}
	for _, m := range a.Missing {
		got = append(got, TimetableProblem{Kind: "missing", School: m.School, Grade: m.Grade, Subject: m.Subject})
	}
	for _, o := range a.OverTotal {
		got = append(got, TimetableProblem{Kind: "over_total", School: o.School, Grade: o.Grade, Periods: o.Periods})
	}
	for _, w := range a.Weekend {
		got = append(got, TimetableProblem{Kind: "weekend", School: w.School, Grade: w.Grade, Periods: w.Periods})
	}
	for _, n := range a.NotProvided {
		for _, g := range n.Grades {
			got = append(got, TimetableProblem{Kind: "not_provided", School: n.School, Grade: g})
		}
	}
	if !reflect.DeepEqual(got, PlantedTimetable) {
		t.Errorf("audit found\n%v\nplanted\n%v", got, PlantedTimetable)
	}
	if a.Schools != len(schools) {
		t.Errorf("%d schools have timetables, want %d", a.Schools, len(schools))
	}
}
