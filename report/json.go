package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/jianfu-edu/jianfu/analysis"
)

// ResultsJSON is the machine-readable form of the results (results.json): proportions as fractions
// 0..1, null where undefined. It holds no student-level data.
type ResultsJSON struct {
	SchemaVersion  int                          `json:"schema_version"`
	Profile        string                       `json:"profile"`
	Term           string                       `json:"term"`
	Questionnaires map[string]QuestionnaireJSON `json:"questionnaires"`
	Indicators     []IndicatorJSON              `json:"indicators"`
	Quality        []QualityJSON                `json:"quality"`
	Timetable      *TimetableJSON               `json:"timetable,omitempty"` // when timetables were given
	// PreviousTerms are the earlier terms compared with, oldest first; changes are from the last.
	PreviousTerms []string `json:"previous_terms,omitempty"`
}

// SchemaVersion is the version of the results.json this program writes; ReadPrevious reads it and
// every earlier one. Version 1 had no schema_version field.
const SchemaVersion = 2

// ChangeJSON is a cell's change since the previous term: shares as fractions, diff = p − previous_p
// with its 95% interval [low, high]; called_out when significant after Benjamini–Hochberg at 5%
// across all changes of the report.
type ChangeJSON struct {
	PreviousP float64 `json:"previous_p"`
	Diff      float64 `json:"diff"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	CalledOut bool    `json:"called_out"`
}

// QualityJSON is one data-quality finding: a rule, how many rows, and per school.
type QualityJSON struct {
	Rule          string          `json:"rule"`
	Questionnaire string          `json:"questionnaire"`
	Rejected      bool            `json:"rejected"`
	Count         int             `json:"count"`
	Schools       []QualitySchool `json:"schools"`
}

// QualitySchool is a finding's count at one school.
type QualitySchool struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Rate  *float64 `json:"response_rate,omitempty"`
}

// QuestionnaireJSON is the row accounting of one questionnaire.
type QuestionnaireJSON struct {
	Read     int `json:"read"`
	Used     int `json:"used"`
	Rejected int `json:"rejected"`
}

// IndicatorJSON is one indicator in one questionnaire.
type IndicatorJSON struct {
	Code          string         `json:"code"`
	Name          string         `json:"name"`
	Questionnaire string         `json:"questionnaire"`
	Kind          string         `json:"kind"`
	Overall       EstimateJSON   `json:"overall"`
	Bands         []GroupJSON    `json:"bands"`
	Locales       []GroupJSON    `json:"locales"`
	Schools       []SchoolJSON   `json:"schools"`
	Homework      []HomeworkJSON `json:"homework_means,omitempty"`
	Change        *ChangeJSON    `json:"change,omitempty"` // the county's change since the previous term
}

// EstimateJSON is a share with its counts and interval.
type EstimateJSON struct {
	NValid          int      `json:"n_valid"`
	NMissing        int      `json:"n_missing"`
	NInvalid        int      `json:"n_invalid"`
	NNotApplicable  int      `json:"n_not_applicable"`
	NUndeterminable int      `json:"n_undeterminable"`
	NComply         int      `json:"n_comply"`
	P               *float64 `json:"p"`
	CILow           *float64 `json:"ci_low"`
	CIHigh          *float64 `json:"ci_high"`
}

// GroupJSON is a band or 城乡 breakdown.
type GroupJSON struct {
	Code string `json:"code"`
	EstimateJSON
	Suppressed bool `json:"suppressed"`
}

// SchoolJSON is a school's result; code and name are the roster's 学校代码 and 学校名称.
type SchoolJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
	EstimateJSON
	Flagged    bool `json:"flagged"`
	Suppressed bool `json:"suppressed"`
	Small      bool `json:"small_sample"`
	// Change since the previous term, when the school was reported in both.
	Change *ChangeJSON `json:"change,omitempty"`
	// PreviousFlag is the school's flag in the previous term ("confirmed", "possible" or ""), when
	// the school was in it.
	PreviousFlag *string `json:"previous_flag,omitempty"`
}

// HomeworkJSON is a county mean homework time for a band.
type HomeworkJSON struct {
	Band    string  `json:"band"`
	N       int     `json:"n"`
	Minutes float64 `json:"mean_minutes"`
	Limit   float64 `json:"limit_minutes"`
}

func fptr(f float64) *float64 {
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

func estimateJSON(e analysis.Estimate) EstimateJSON {
	return EstimateJSON{NValid: e.Valid, NMissing: e.Missing, NInvalid: e.Invalid, NNotApplicable: e.NotApplicable,
		NUndeterminable: e.Undeterminable, NComply: e.Comply, P: fptr(e.P), CILow: fptr(e.Low), CIHigh: fptr(e.High)}
}

// NewResultsJSON converts results and the data-quality findings to their JSON form.
func NewResultsJSON(r *analysis.Results, dq DataQuality) *ResultsJSON {
	out := &ResultsJSON{SchemaVersion: SchemaVersion, Profile: r.Profile.Name, Term: r.Term, Questionnaires: map[string]QuestionnaireJSON{}, Indicators: []IndicatorJSON{}, Quality: []QualityJSON{}}
	for _, q := range dq.Quality {
		qj := QualityJSON{Rule: q.Rule, Questionnaire: q.Questionnaire, Rejected: q.Rejected, Count: q.Count, Schools: []QualitySchool{}}
		for _, s := range q.BySchool {
			qj.Schools = append(qj.Schools, QualitySchool{Name: s.Name, Count: s.Count})
		}
		out.Quality = append(out.Quality, qj)
	}
	low := map[string]*QualityJSON{}
	for _, rr := range r.ResponseRates {
		if !rr.Low {
			continue
		}
		qj := low[rr.Questionnaire]
		if qj == nil {
			qj = &QualityJSON{Rule: "low_response_rate", Questionnaire: rr.Questionnaire, Schools: []QualitySchool{}}
			low[rr.Questionnaire] = qj
		}
		qj.Count++
		qj.Schools = append(qj.Schools, QualitySchool{Name: r.Schools[rr.School].Name, Count: rr.Respondents, Rate: fptr(rr.Rate)})
	}
	for _, code := range []string{"student", "parent"} {
		if qj := low[code]; qj != nil {
			out.Quality = append(out.Quality, *qj)
		}
	}
	for _, q := range r.Questionnaires {
		out.Questionnaires[q.Questionnaire.Code] = QuestionnaireJSON{Read: q.Read, Used: q.Used, Rejected: q.Rejected}
	}
	for _, ir := range r.Indicators {
		ij := IndicatorJSON{Code: ir.Indicator.Code, Name: ir.Indicator.Name, Questionnaire: ir.Questionnaire.Code, Kind: string(ir.Indicator.Kind),
			Overall: estimateJSON(ir.Overall), Bands: []GroupJSON{}, Locales: []GroupJSON{}, Schools: []SchoolJSON{}}
		for _, g := range ir.Bands {
			ij.Bands = append(ij.Bands, GroupJSON{Code: g.Code, EstimateJSON: estimateJSON(g.Estimate), Suppressed: g.Suppressed})
		}
		for _, g := range ir.Locales {
			ij.Locales = append(ij.Locales, GroupJSON{Code: g.Code, EstimateJSON: estimateJSON(g.Estimate), Suppressed: g.Suppressed})
		}
		for _, sr := range ir.Schools {
			s := r.Schools[sr.School]
			sj := SchoolJSON{Code: s.Code, Name: s.Name, EstimateJSON: estimateJSON(sr.Estimate), Flagged: sr.Flagged, Suppressed: sr.Suppressed, Small: sr.Small}
			sj.Change, sj.PreviousFlag = schoolChange(r.Comparison, ir, analysis.TermCell{Code: s.Code, Name: s.Name})
			ij.Schools = append(ij.Schools, sj)
		}
		for _, h := range ir.Homework {
			ij.Homework = append(ij.Homework, HomeworkJSON{Band: h.Band, N: h.N, Minutes: h.Minutes, Limit: h.Limit})
		}
		if ch := r.Comparison.Lookup(ir.Indicator.Code, ir.Questionnaire.Code, analysis.TermCell{}); ch != nil {
			ij.Change = changeJSON(ch)
		}
		out.Indicators = append(out.Indicators, ij)
	}
	if c := r.Comparison; c != nil {
		for _, t := range c.Terms[:len(c.Terms)-1] {
			out.PreviousTerms = append(out.PreviousTerms, t.Label)
		}
	}
	out.Timetable = NewTimetableJSON(r.Timetable)
	return out
}

func changeJSON(ch *analysis.Change) *ChangeJSON {
	return &ChangeJSON{PreviousP: ch.Previous.P, Diff: ch.Diff, Low: ch.Low, High: ch.High, CalledOut: ch.CalledOut}
}

// schoolChange returns a school cell's change and previous flag, nil when there is no previous term
// or the school was not in it.
func schoolChange(c *analysis.Comparison, ir *analysis.IndicatorResult, school analysis.TermCell) (*ChangeJSON, *string) {
	if c == nil {
		return nil, nil
	}
	var change *ChangeJSON
	if ch := c.Lookup(ir.Indicator.Code, ir.Questionnaire.Code, school); ch != nil {
		change = changeJSON(ch)
	}
	prev, ok := c.PreviousCell(ir.Indicator.Code, ir.Questionnaire.Code, school)
	if !ok {
		return change, nil
	}
	flag := prev.Flag
	return change, &flag
}

// WriteJSON writes results.json, indented, keys in a fixed order.
func WriteJSON(w io.Writer, r *analysis.Results, dq DataQuality) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewResultsJSON(r, dq))
}
