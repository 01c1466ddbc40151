package report

import (
	"math"

	"github.com/jianfu-edu/jianfu/analysis"
)

// VoicesJSON sets one indicator as students, parents and teachers report it (results.json "voices"):
// the county's shares and, per school and stage the teachers answered for, the three groups' counts
// and who disagrees with the teachers.
type VoicesJSON struct {
	Indicator string             `json:"indicator"`
	Student   *EstimateJSON      `json:"student,omitempty"` // county, when students are asked
	Parent    *EstimateJSON      `json:"parent,omitempty"`
	Teacher   EstimateJSON       `json:"teacher"`
	Schools   []SchoolVoicesJSON `json:"schools"`
}

// SchoolVoicesJSON is one school and stage: each group's estimate in the band of the teachers'
// stage (null where a group gave no answer), and disagree: "student" and/or "parent" when that
// group's compliance share differs significantly from the teachers' (Newcombe's interval excludes 0).
type SchoolVoicesJSON struct {
	Code     string        `json:"code"`
	Name     string        `json:"name"`
	Stage    string        `json:"stage"` // 小学 or 初中
	Band     string        `json:"band"`  // the band whose rules judged the teachers: 3-6 or 7-9
	Student  *EstimateJSON `json:"student"`
	Parent   *EstimateJSON `json:"parent"`
	Teacher  EstimateJSON  `json:"teacher"`
	Disagree []string      `json:"disagree"`
}

// TeacherBurdenJSON is one teacher-burden measure (results.json "teacher_burden"): the options
// counted as heavy, the share of teachers who chose one, and per school (share null when suppressed).
type TeacherBurdenJSON struct {
	Question string           `json:"question"`
	Name     string           `json:"name"`
	Heavy    string           `json:"heavy"`
	Share    *float64         `json:"share"`
	Schools  []HeavyShareJSON `json:"schools"`
}

// HeavyShareJSON is one school's share of teachers with a heavy answer.
type HeavyShareJSON struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	N          int      `json:"n"`
	Heavy      int      `json:"n_heavy"`
	Share      *float64 `json:"share"`
	Suppressed bool     `json:"suppressed"`
}

// OpenAnswersJSON is the open-answers appendix (results.json "open_answers"): counts by source and
// theme, and the scrubbed quotes the report shows. It names no school and no respondent.
type OpenAnswersJSON struct {
	Total    int              `json:"total"`
	Withheld int              `json:"withheld"` // still naming a person after scrubbing: counted, never quoted
	Sources  []OpenSourceJSON `json:"sources"`
	Themes   []OpenThemeJSON  `json:"themes"`
}

// OpenSourceJSON counts one questionnaire's open answers and fill-in texts.
type OpenSourceJSON struct {
	Questionnaire string `json:"questionnaire"`
	Open          int    `json:"open"`
	FillIn        int    `json:"fill_in"`
}

// OpenThemeJSON is one theme's count, per questionnaire, and quotes.
type OpenThemeJSON struct {
	Theme  string         `json:"theme"`
	Count  int            `json:"count"`
	By     map[string]int `json:"by_questionnaire"`
	Quotes []QuoteJSON    `json:"quotes"`
}

// QuoteJSON is one scrubbed quote.
type QuoteJSON struct {
	Questionnaire string `json:"questionnaire"`
	Text          string `json:"text"`
}

// addTeachers fills the teacher and open-answer parts of results.json.
func addTeachers(out *ResultsJSON, r *analysis.Results) {
	stage := func(band string) string {
		for _, b := range r.Profile.Bands {
			if b.Code == band {
				return b.Level
			}
		}
		return ""
	}
	optional := func(ir *analysis.IndicatorResult) *EstimateJSON {
		if ir == nil {
			return nil
		}
		e := estimateJSON(ir.Overall)
		return &e
	}
	for _, v := range analysis.TeacherVoices(r) {
		vj := VoicesJSON{Indicator: v.Indicator.Code, Student: optional(v.Student), Parent: optional(v.Parent), Teacher: estimateJSON(v.Teacher.Overall), Schools: []SchoolVoicesJSON{}}
		for _, sv := range v.Schools {
			s := r.Schools[sv.School]
			sj := SchoolVoicesJSON{Code: s.Code, Name: s.Name, Stage: stage(sv.Band.Code), Band: sv.Band.Code, Teacher: estimateJSON(sv.Teacher), Disagree: append([]string{}, sv.Disagree...)}
			if sv.Student.Judged()+sv.Student.Missing > 0 {
				e := estimateJSON(sv.Student)
				sj.Student = &e
			}
			if sv.Parent.Judged()+sv.Parent.Missing > 0 {
				e := estimateJSON(sv.Parent)
				sj.Parent = &e
			}
			vj.Schools = append(vj.Schools, sj)
		}
		out.Voices = append(out.Voices, vj)
	}
	for _, tb := range analysis.TeacherBurdens(r) {
		tj := TeacherBurdenJSON{Question: tb.Distribution.Question.Code, Name: tb.Distribution.Measure.Name, Heavy: tb.Heavy, Share: fptr(tb.Share), Schools: []HeavyShareJSON{}}
		for _, hs := range tb.Schools {
			s := r.Schools[hs.School]
			share := hs.Share
			if hs.Suppressed {
				share = math.NaN()
			}
			tj.Schools = append(tj.Schools, HeavyShareJSON{Code: s.Code, Name: s.Name, N: hs.N, Heavy: hs.Heavy, Share: fptr(share), Suppressed: hs.Suppressed})
		}
		out.TeacherBurden = append(out.TeacherBurden, tj)
	}
	if oa := r.Open; oa != nil && oa.Total > 0 {
		oj := &OpenAnswersJSON{Total: oa.Total, Withheld: oa.Withheld, Sources: []OpenSourceJSON{}, Themes: []OpenThemeJSON{}}
		for _, s := range oa.Sources {
			oj.Sources = append(oj.Sources, OpenSourceJSON{Questionnaire: s.Questionnaire, Open: s.Open, FillIn: s.FillIn})
		}
		for _, th := range oa.Themes {
			tj := OpenThemeJSON{Theme: th.Theme, Count: th.Count, By: th.By, Quotes: []QuoteJSON{}}
			for _, q := range th.Quotes {
				tj.Quotes = append(tj.Quotes, QuoteJSON{Questionnaire: q.Questionnaire, Text: q.Text})
			}
			oj.Themes = append(oj.Themes, tj)
		}
		out.OpenAnswers = oj
	}
}
