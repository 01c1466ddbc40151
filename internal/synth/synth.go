// Package synth makes synthetic typed survey data for tests and benchmarks: a county of schools and
// a dataset of any size, deterministic for a seed. It never touches files.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Schools returns n schools cycling through 小学, 初中 and 九年一贯制 and through 城区, 镇区 and 乡村,
// with enrolment for every grade they teach.
func Schools(n int) []surveys.School {
	stages := []surveys.Stage{surveys.StagePrimary, surveys.StageJunior, surveys.StageNine}
	locales := []string{"城区", "镇区", "乡村"}
	out := make([]surveys.School, n)
	for i := range out {
		s := surveys.School{Code: fmt.Sprintf("S%03d", i+1), Name: fmt.Sprintf("第%d学校", i+1), Stage: stages[i%3], Locale: locales[(i/3)%3]}
		for g := 1; g <= 9; g++ {
			s.Enrolment[g] = -1
			if s.Stage.HasGrade(g) {
				s.Enrolment[g] = 200
			}
		}
		out[i] = s
	}
	return out
}

// Dataset returns n respondents of questionnaire q spread over schools, with grades the school teaches
// and q covers, 40 respondents a class, and answers drawn so that each school has its own tendency:
// about 2% 未答 and 0.5% 无效.
func Dataset(q *surveys.Questionnaire, schools []surveys.School, n int, seed uint64) *surveys.Dataset {
	rng := rand.New(rand.NewPCG(seed, 0x6a6961))
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions)), Files: []string{"synthetic"}}
	for i := range q.Questions {
		if q.Questions[i].Kind == surveys.KindChoice {
			d.Answers[i] = make([]surveys.Answer, 0, n)
		}
	}
	classes := map[surveys.ClassKey]uint32{}
	// Each school leans towards lower or higher options.
	lean := make([]float64, len(schools))
	for s := range lean {
		lean[s] = rng.Float64()
	}
	for i := 0; i < n; i++ {
		s := i % len(schools)
		var grades []int
		for g := q.MinGrade; g <= q.MaxGrade; g++ {
			if schools[s].Stage.HasGrade(g) {
				grades = append(grades, g)
			}
		}
		g := grades[(i/len(schools))%len(grades)]
		k := surveys.ClassKey{School: uint16(s), Grade: uint8(g), Label: fmt.Sprint(1 + (i/len(schools)/len(grades))%4)}
		ci, ok := classes[k]
		if !ok {
			ci = uint32(len(d.Classes))
			d.Classes = append(d.Classes, k)
			classes[k] = ci
		}
		d.School = append(d.School, uint16(s))
		d.Grade = append(d.Grade, uint8(g))
		d.Class = append(d.Class, ci)
		d.File = append(d.File, 0)
		d.Row = append(d.Row, uint32(i+2))
		for qi := range q.Questions {
			qu := &q.Questions[qi]
			if qu.Kind != surveys.KindChoice {
				continue
			}
			var a surveys.Answer
			switch u := rng.Float64(); {
			case u < 0.02:
				a = surveys.Missing
			case u < 0.025:
				a = surveys.Invalid
			default:
				// Skewed towards the first options, more so where the school leans low.
				x := rng.Float64() * (0.6 + lean[s])
				o := int(x * x * float64(len(qu.Options)))
				if o >= len(qu.Options) {
					o = len(qu.Options) - 1
				}
				a = surveys.Answer(o + 1)
			}
			d.Answers[qi] = append(d.Answers[qi], a)
		}
	}
	return d
}
