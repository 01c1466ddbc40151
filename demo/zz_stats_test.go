package demo

import (
	"fmt"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

func TestZZStats(t *testing.T) {
	s, _ := drawn()
	prof, _, _ := surveys.LoadProfile(surveys.DefaultProfile, s.student, s.parent)
	fmt.Println("students", len(s.students), "parents", len(s.parents))
	sr := responseRates(s, s.students, 3)
	pr := responseRates(s, s.parents, 1)
	for _, set := range []struct {
		q    *surveys.Questionnaire
		rows []*response
	}{{s.student, s.students}, {s.parent, s.parents}} {
		fmt.Printf("%-12s", set.q.Code)
		var inds []*surveys.Indicator
		for i := range prof.Indicators {
			if set.q.Index(prof.Indicators[i].Question) >= 0 {
				inds = append(inds, &prof.Indicators[i])
				fmt.Printf("%7.7s", prof.Indicators[i].Code)
			}
		}
		fmt.Println()
		for si, sc := range schools {
			n := 0
			for _, r := range set.rows {
				if r.school == si {
					n++
				}
			}
			rate := sr[si]
			if set.q.Code == "parent" {
				rate = pr[si]
			}
			fmt.Printf("%s %4d %3.0f%% ", sc.code, n, 100*rate)
			for _, ind := range inds {
				qi := set.q.Index(ind.Question)
				vt, _, _ := ind.Verdicts(&set.q.Questions[qi])
				v, j := 0, 0
				for _, r := range set.rows {
					if r.school != si {
						continue
					}
					switch vt[r.grade][r.answers[qi]] {
					case surveys.Violates:
						v++
						j++
					case surveys.Complies:
						j++
					}
				}
				fmt.Printf("%7.1f", 100*float64(v)/float64(j))
			}
			fmt.Println()
		}
	}
}
