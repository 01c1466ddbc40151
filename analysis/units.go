package analysis

import (
	"fmt"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Unit is a reporting unit: a school, or one stage of a school that teaches two (九年一贯制,
// 完全小学+初中), which is reported once per stage in every table, chart, flag and sentence because
// pooling hides the stage that breaks the rule. Units are the strata of county figures.
type Unit struct {
	School int    // index into Results.Schools
	Stage  string // 小学 or 初中: the level of the profile's band of the respondents' grades
	// Name is the school's name, with （小学部）/（初中部） when the school teaches two stages.
	Name string
}

// StageOf returns the stage (学段) of grade g under the profile: the level of the band holding g
// (a 五四制 profile puts grade 6 in 初中), else 小学 for 1-6 and 初中 for 7-9.
func StageOf(p *surveys.Profile, g int) string {
	for _, b := range p.Bands {
		for _, bg := range b.Grades {
			if bg == g && b.Level != "" {
				return b.Level
			}
		}
	}
	if g <= 6 {
		return string(surveys.StagePrimary)
	}
	return string(surveys.StageJunior)
}

// unitIndex maps (school, grade) to a reporting unit.
type unitIndex struct {
	units []Unit
	of    [][10]int32 // [school][grade] → unit, -1 when the school has no respondent of that stage
}

// buildUnits makes the reporting units of the schools with respondents in any dataset: one per stage
// present, named with the stage when the school teaches two (by its roster stage 九年一贯制, or by
// respondents of both stages).
func buildUnits(ds []*surveys.Dataset, schools []surveys.School, p *surveys.Profile) unitIndex {
	stages := make([]map[string]bool, len(schools))
	for i := range stages {
		stages[i] = map[string]bool{}
	}
	var stageOfGrade [10]string
	for g := 1; g <= 9; g++ {
		stageOfGrade[g] = StageOf(p, g)
	}
	for _, d := range ds {
		var seen [][10]bool = make([][10]bool, len(schools))
		for i, s := range d.School {
			seen[s][d.Grade[i]] = true
		}
		for s := range seen {
			for g := 1; g <= 9; g++ {
				if seen[s][g] {
					stages[s][stageOfGrade[g]] = true
				}
			}
		}
	}
	ui := unitIndex{of: make([][10]int32, len(schools))}
	order := []string{string(surveys.StagePrimary), string(surveys.StageJunior)}
	for s := range schools {
		for g := range ui.of[s] {
			ui.of[s][g] = -1
		}
		two := len(stages[s]) > 1 || schools[s].Stage == surveys.StageNine
		for _, st := range order {
			if !stages[s][st] {
				continue
			}
			name := schools[s].Name
			if two {
				name = fmt.Sprintf("%s（%s部）", name, st)
			}
			u := int32(len(ui.units))
			ui.units = append(ui.units, Unit{School: s, Stage: st, Name: name})
			for g := 1; g <= 9; g++ {
				if stageOfGrade[g] == st {
					ui.of[s][g] = u
				}
			}
		}
	}
	return ui
}
