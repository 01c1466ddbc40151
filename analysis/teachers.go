package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Teachers answer for their stage (teachers-and-timetables.md): a teacher's grade in a Dataset only
// stands for the stage (小学 judged by 三至六年级's rules, 初中 by 初中's), so teachers are compared
// with students and parents stage by stage, in the grade band that judged them.

// Voices sets one indicator as students, parents and teachers report it: the county and each school
// and stage where teachers and at least one other group answered.
type Voices struct {
	Indicator *surveys.Indicator
	// Student, Parent and Teacher are the indicator's results in each questionnaire; nil when the
	// questionnaire does not ask it or was not read. At least two are set.
	Student, Parent, Teacher *IndicatorResult
	Schools                  []SchoolVoices // roster order, then band order
}

// SchoolVoices is one school's (or one stage's of a 九年一贯制 school) three shares in one band.
type SchoolVoices struct {
	School                   int
	Band                     Group // the band of the teachers' stage (Code "3-6" or "7-9")
	Student, Parent, Teacher Estimate
	// Disagree names who disagrees with the teachers: "student", "parent", or "" when neither
	// differs significantly (Newcombe's interval of the difference of the compliance shares excludes
	// 0, both shares unsuppressed).
	Disagree []string
}

// TeacherVoices returns, for every indicator that teachers and at least one other group are asked,
// the three groups' results side by side. Teacher-only indicators (homework_plan, teacher_grading)
// are not in it.
func TeacherVoices(r *Results) []Voices {
	var out []Voices
	for _, g := range byIndicator(r.Indicators) {
		st, pa, te := g[0], g[1], g[2]
		if te == nil || (st == nil && pa == nil) {
			continue
		}
		v := Voices{Indicator: te.Indicator, Student: st, Parent: pa, Teacher: te}
		for _, ts := range te.Schools {
			for _, band := range ts.Bands {
				sv := SchoolVoices{School: ts.School, Band: band, Teacher: band.Estimate,
					Student: bandOf(st, ts.School, band.Code), Parent: bandOf(pa, ts.School, band.Code)}
				for _, other := range []struct {
					who string
					e   Estimate
				}{{"student", sv.Student}, {"parent", sv.Parent}} {
					if differs(other.e, sv.Teacher) {
						sv.Disagree = append(sv.Disagree, other.who)
					}
				}
				v.Schools = append(v.Schools, sv)
			}
		}
		out = append(out, v)
	}
	return out
}

// bandOf returns a school's estimate in one band of an indicator result; the zero Estimate (nothing
// judged) when there is none.
func bandOf(ir *IndicatorResult, school int, band string) Estimate {
	if ir == nil {
		return Estimate{}
	}
	for _, sr := range ir.Schools {
		if sr.School != school {
			continue
		}
		for _, b := range sr.Bands {
			if b.Code == band {
				return b.Estimate
			}
		}
	}
	return Estimate{}
}

// differs reports whether two compliance shares differ beyond their uncertainty: Newcombe's hybrid
// score interval (his method 10, from the two Wilson intervals) of p₁ − p₂ excludes 0. Suppressed or
// empty shares never differ.
func differs(a, b Estimate) bool {
	na, nb := a.Judged(), b.Judged()
	if na == 0 || nb == 0 || a.Suppressed || b.Suppressed {
		return false
	}
	p1, p2 := float64(a.Comply)/float64(na), float64(b.Comply)/float64(nb)
	l1, u1 := Wilson(a.Comply, na, Z95)
	l2, u2 := Wilson(b.Comply, nb, Z95)
	d := p1 - p2
	lo := d - math.Sqrt((p1-l1)*(p1-l1)+(u2-p2)*(u2-p2))
	hi := d + math.Sqrt((u1-p1)*(u1-p1)+(p2-l2)*(p2-l2))
	return lo > 0 || hi < 0
}

// DisagreementText states a school's disagreement in the county report's words: "学生反映……的占
// 41.2%，教师反映……的占 5.0%". It returns "" when nobody disagrees with the teachers.
func (sv SchoolVoices) DisagreementText(ind *surveys.Indicator) string {
	if len(sv.Disagree) == 0 {
		return ""
	}
	phrase := strings.TrimPrefix(ind.ViolatePhrase, "反映")
	var parts []string
	for _, who := range sv.Disagree {
		e, word := sv.Student, "学生"
		if who == "parent" {
			e, word = sv.Parent, "家长"
		}
		parts = append(parts, fmt.Sprintf("%s反映%s的占%s%%", word, phrase, Pct(e.ViolationShare())))
	}
	parts = append(parts, fmt.Sprintf("教师反映%s的占%s%%", phrase, Pct(sv.Teacher.ViolationShare())))
	return strings.Join(parts, "，")
}

// TeacherBurden is one teacher-burden measure (hours at school, non-teaching tasks …) with the share of
// teachers at or above its heavy end.
type TeacherBurden struct {
	Distribution *Distribution
	Heavy        string       // the options counted as heavy, in words: "10-12小时、12小时以上"
	HeavyFrom    int          // the first option counted as heavy (1-based); it and every later one are
	Phrase       string       // what they say, after "x%的教师": "每个工作日在校工作10小时以上"
	PhraseEN     string       // Phrase in English, after "x% of teachers": "work 10 hours or more a school day"
	Share        float64      // share of teachers with a heavy answer among those who answered; NaN when none
	Schools      []HeavyShare // per school, roster order; Suppressed below the profile's min_n
}

// HeavyShare is one school's share of teachers with a heavy answer.
type HeavyShare struct {
	School     int
	N, Heavy   int
	Share      float64
	Suppressed bool
}

// burdenMeasures are the teacher-burden questions and, for each, the first option counted as heavy:
// ten hours a day at school or more, five hours a week of non-teaching tasks or more, more than six
// hours a week of after-school service, and a rating of 一般 or 较差.
var burdenMeasures = []struct {
	question  string
	heavyFrom int    // 1-based option; it and every later option count as heavy
	phrase    string // what the heavy answers say, after "x%的教师"
	phraseEN  string // the same after "x% of teachers"
}{
	{"hours_at_school", 3, "每个工作日在校工作10小时以上", "are at school 10 hours or more a working day"},
	{"non_teaching_hours", 3, "每周用于填表、检查、迎检等非教学事务5小时以上", "spend 5 hours or more a week on forms, checks and inspections"},
	{"after_school_hours", 4, "每周参加课后服务6小时以上", "give more than 6 hours a week to after-school service"},
	{"rating", 3, "对本校“双减”工作的评价为一般或较差", "rate their school's “double reduction” work as fair or poor"},
}

// TeacherBurdens returns the teacher-burden measures the results hold, in the order above.
func TeacherBurdens(r *Results) []TeacherBurden {
	var out []TeacherBurden
	for _, bm := range burdenMeasures {
		d := teacherMeasure(r, bm.question)
		if d == nil {
			continue
		}
		last := len(d.Question.Options)
		var names []string
		for i := bm.heavyFrom; i <= last; i++ {
			names = append(names, d.Question.Options[i-1].Text)
		}
		heavy := func(c OptionCounts) (n, h int) {
			for i, k := range c.Options {
				n += k
				if i+1 >= bm.heavyFrom {
					h += k
				}
			}
			return n, h
		}
		tb := TeacherBurden{Distribution: d, Heavy: strings.Join(names, "、"), HeavyFrom: bm.heavyFrom, Phrase: bm.phrase, PhraseEN: bm.phraseEN, Share: math.NaN()}
		if n, h := heavy(d.Overall); n > 0 {
			tb.Share = float64(h) / float64(n)
		}
		for _, s := range d.Schools {
			n, h := heavy(s.OptionCounts)
			hs := HeavyShare{School: s.School, N: n, Heavy: h, Share: math.NaN(), Suppressed: s.Suppressed}
			if n > 0 {
				hs.Share = float64(h) / float64(n)
			}
			tb.Schools = append(tb.Schools, hs)
		}
		out = append(out, tb)
	}
	return out
}

// teacherMeasure returns the distribution of a measure question of the teacher questionnaire, or nil.
func teacherMeasure(r *Results, question string) *Distribution {
	for _, d := range r.Measures {
		if d.Question.Code == question && d.Questionnaire.ByStage() {
			return d
		}
	}
	return nil
}
