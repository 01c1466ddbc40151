package analysis

import (
	"reflect"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestStageOfPinned pins the grade-to-stage mapping (standards.md: "Grade-to-level mapping is part of the
// profile (五四制 places put grade 6 in 初中 and limit 小学 to 1-5)"): the band holding the grade decides;
// without such a band (or with a band of no level) grades 1-6 are 小学 and 7-9 初中.
func TestStageOfPinned(t *testing.T) {
	sixThree := &surveys.Profile{Bands: []surveys.Band{
		{Code: "1-2", Level: "小学", Grades: []int{1, 2}},
		{Code: "3-6", Level: "小学", Grades: []int{3, 4, 5, 6}},
		{Code: "7-9", Level: "初中", Grades: []int{7, 8, 9}},
	}}
	// 五四制: grade 6 in the 初中 band, listed before the 小学 band so that a band holding some other
	// grade is never mistaken for the band holding g.
	fiveFour := &surveys.Profile{Bands: []surveys.Band{
		{Code: "6-9", Level: "初中", Grades: []int{6, 7, 8, 9}},
		{Code: "1-5", Level: "小学", Grades: []int{1, 2, 3, 4, 5}},
	}}
	none := &surveys.Profile{}
	// A band of no level says nothing about the stage: the 1-6/7-9 rule applies to its grades.
	noLevel := &surveys.Profile{Bands: []surveys.Band{{Code: "x", Grades: []int{5, 6, 7}}}}
	tests := []struct {
		name string
		p    *surveys.Profile
		g    int
		want string
	}{
		{"6-3: grade 6 is 小学", sixThree, 6, "小学"},
		{"6-3: grade 7 is 初中", sixThree, 7, "初中"},
		{"6-3: grade 1 is 小学", sixThree, 1, "小学"},
		{"5-4: grade 5 is 小学", fiveFour, 5, "小学"},
		{"5-4: grade 6 is 初中", fiveFour, 6, "初中"},
		{"5-4: grade 1 is 小学 though the 初中 band comes first", fiveFour, 1, "小学"},
		{"no bands: grade 6 (the last of 1-6) is 小学", none, 6, "小学"},
		{"no bands: grade 7 is 初中", none, 7, "初中"},
		{"no bands: grade 1 is 小学", none, 1, "小学"},
		{"band without level: grade 6 falls back to 小学", noLevel, 6, "小学"},
		{"band without level: grade 7 falls back to 初中", noLevel, 7, "初中"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StageOf(tt.p, tt.g); got != tt.want {
				t.Errorf("StageOf(grade %d) = %q, want %q", tt.g, got, tt.want)
			}
		})
	}
}

// TestBuildUnitsPinned pins the reporting units (standards.md "How a compliance percentage is counted":
// a school teaching two bands is reported as one unit per band, "青山学校（小学部）", "青山学校（初中部）"):
// one unit per stage with respondents, 小学 before 初中, the stage in the name only for a school of two
// stages (by respondents, or by its roster stage 九年一贯制), and every grade of a stage without a unit
// mapped to -1.
func TestBuildUnitsPinned(t *testing.T) {
	p := &surveys.Profile{Bands: []surveys.Band{
		{Code: "1-2", Level: "小学", Grades: []int{1, 2}},
		{Code: "3-6", Level: "小学", Grades: []int{3, 4, 5, 6}},
		{Code: "7-9", Level: "初中", Grades: []int{7, 8, 9}},
	}}
	schools := []surveys.School{
		{Name: "甲中学", Stage: surveys.StageJunior},  // 0: respondents in grade 9 only
		{Name: "乙学校", Stage: surveys.StageNine},    // 1: 九年一贯制, respondents in grade 8 only
		{Name: "丙学校", Stage: surveys.StagePrimary}, // 2: respondents in grades 1 and 7: two stages
		{Name: "丁小学", Stage: surveys.StagePrimary}, // 3: no respondent
		{Name: "戊小学", Stage: surveys.StagePrimary}, // 4: respondents in grade 6 only
	}
	// Two datasets: a stage seen in either one counts (丙's grade 7 is only in the second).
	d1 := &surveys.Dataset{School: []uint16{0, 1, 2, 4, 0}, Grade: []uint8{9, 8, 1, 6, 9}}
	d2 := &surveys.Dataset{School: []uint16{2}, Grade: []uint8{7}}
	ui := buildUnits([]*surveys.Dataset{d1, d2}, schools, p)
	want := []Unit{
		{School: 0, Stage: "初中", Name: "甲中学"},
		{School: 1, Stage: "初中", Name: "乙学校（初中部）"},
		{School: 2, Stage: "小学", Name: "丙学校（小学部）"},
		{School: 2, Stage: "初中", Name: "丙学校（初中部）"},
		{School: 4, Stage: "小学", Name: "戊小学"},
	}
	if !reflect.DeepEqual(ui.units, want) {
		t.Errorf("units = %+v\nwant %+v", ui.units, want)
	}
	// of[school][grade]: index 0 (no grade) is -1 everywhere; a stage's grades map to its unit.
	const x = -1
	wantOf := [][10]int32{
		{x, x, x, x, x, x, x, 0, 0, 0},
		{x, x, x, x, x, x, x, 1, 1, 1},
		{x, 2, 2, 2, 2, 2, 2, 3, 3, 3},
		{x, x, x, x, x, x, x, x, x, x},
		{x, 4, 4, 4, 4, 4, 4, x, x, x},
	}
	if !reflect.DeepEqual(ui.of, wantOf) {
		t.Errorf("of = %v\nwant %v", ui.of, wantOf)
	}
}
