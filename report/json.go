package report

import (
	"encoding/json"
	"io"
	"math"

	"github.com/jianfu-edu/jianfu/analysis"
)

// SchemaVersion is the version of the results.json schema (docs/results-schema.md). Version 1 had no
// schema_version field; version 2 adds design-based intervals, two-tier flags, per-stage units,
// bounds for 无法判定 answers and n_valid = judged answers.
const SchemaVersion = 2

// ResultsJSON is the machine-readable form of the results (results.json): proportions as fractions
// 0..1, null where undefined or suppressed. It holds no student-level data. docs/results-schema.md
// documents every field.
type ResultsJSON struct {
	SchemaVersion  int                          `json:"schema_version"`
	Profile        string                       `json:"profile"`
	Term           string                       `json:"term"`
	Design         DesignJSON                   `json:"design"`
	Questionnaires map[string]QuestionnaireJSON `json:"questionnaires"`
	Indicators     []IndicatorJSON              `json:"indicators"`
	Measures       []MeasureJSON                `json:"measures"`
	Quality        []QualityJSON                `json:"quality"`
	// Teachers beside students and parents on every indicator they share; teachers' own burden;
	// the open answers by theme with scrubbed quotes (json_teachers.go). Absent without teachers or
	// open answers.
	Voices        []VoicesJSON        `json:"voices,omitempty"`
	TeacherBurden []TeacherBurdenJSON `json:"teacher_burden,omitempty"`
	OpenAnswers   *OpenAnswersJSON    `json:"open_answers,omitempty"`
	Warnings      []string            `json:"warnings"`
	// WarningsEN are the same warnings in English.
	WarningsEN []string `json:"warnings_en"`
	// PreviousTerms are the earlier terms compared with, oldest first; changes are from the last.
	PreviousTerms []string `json:"previous_terms,omitempty"`
	// Timetable is the timetable audit, when timetables were given.
	Timetable *TimetableJSON `json:"timetable,omitempty"`
	// StudentParent sets students beside parents for each indicator both questionnaires ask.
	StudentParent []StudentParentJSON `json:"student_parent"`
}

// StudentParentJSON is one indicator as students and as parents report it, over the grades both
// questionnaires cover.
type StudentParentJSON struct {
	Indicator string               `json:"indicator"`
	FromGrade int                  `json:"from_grade"`
	ToGrade   int                  `json:"to_grade"`
	County    DifferenceJSON       `json:"county"`
	Schools   []DifferenceJSON     `json:"schools"`
	Paired    *PairedAgreementJSON `json:"paired"` // null without 学生编号 in both files
}

// DifferenceJSON is students' share minus parents' with Newcombe's 95% interval (null when either side
// is suppressed).
type DifferenceJSON struct {
	Name        string       `json:"name"` // the unit's name; "" for the county
	Student     EstimateJSON `json:"student"`
	Parent      EstimateJSON `json:"parent"`
	Diff        *float64     `json:"diff"`
	Low         *float64     `json:"low"`
	High        *float64     `json:"high"`
	Significant bool         `json:"significant"`
}

// PairedAgreementJSON is the agreement of students and parents linked by 学生编号.
type PairedAgreementJSON struct {
	Pairs       int      `json:"pairs"`
	Both        int      `json:"both_violate"`
	StudentOnly int      `json:"student_only"`
	ParentOnly  int      `json:"parent_only"`
	Neither     int      `json:"neither"`
	Agreement   float64  `json:"agreement"`
	Kappa       *float64 `json:"kappa"`
	KappaLow    *float64 `json:"kappa_low"`
	KappaHigh   *float64 `json:"kappa_high"`
	McNemar     *float64 `json:"mcnemar_chi2"`
	MoreBy      string   `json:"more_by"` // "student", "parent" or "" when not significant
}

func floatPtr(x float64) *float64 {
	if math.IsNaN(x) {
		return nil
	}
	return &x
}

func differenceJSON(d analysis.Difference) DifferenceJSON {
	return DifferenceJSON{Name: d.Name, Student: estimateJSON(d.Student), Parent: estimateJSON(d.Parent),
		Diff: floatPtr(d.D), Low: floatPtr(d.Low), High: floatPtr(d.High), Significant: d.Significant}
}

func studentParentJSON(r *analysis.Results) []StudentParentJSON {
	out := []StudentParentJSON{}
	for _, c := range r.StudentParent {
		j := StudentParentJSON{Indicator: c.Indicator.Code, FromGrade: c.FromGrade, ToGrade: c.ToGrade, County: differenceJSON(c.County), Schools: []DifferenceJSON{}}
		for _, d := range c.Schools {
			j.Schools = append(j.Schools, differenceJSON(d))
		}
		if p := c.Paired; p != nil {
			j.Paired = &PairedAgreementJSON{Pairs: p.Pairs, Both: p.Both, StudentOnly: p.StudentOnly, ParentOnly: p.ParentOnly, Neither: p.Neither,
				Agreement: p.Agreement, Kappa: floatPtr(p.Kappa), KappaLow: floatPtr(p.KappaLow), KappaHigh: floatPtr(p.KappaHigh), McNemar: floatPtr(p.McNemar), MoreBy: p.MoreBy()}
		}
		out = append(out, j)
	}
	return out
}

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

// DesignJSON says how the intervals were computed.
type DesignJSON struct {
	Method      string  `json:"method"`      // "cluster" or "srs"
	Interval    string  `json:"interval"`    // the default interval method: "korn-graubard" or "wilson"
	Weight      string  `json:"weight"`      // "" or "enrolment"
	FPC         bool    `json:"fpc"`         // finite-population correction applied
	Reliability string  `json:"reliability"` // "" or "nchs"
	MinN        int     `json:"min_n"`       // suppression threshold (judged answers)
	SmallN      int     `json:"small_n"`     // "*" threshold
	Threshold   float64 `json:"flag_threshold"`
	MinViolate  int     `json:"flag_min_violations"`
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
	Code          string `json:"code"`
	Name          string `json:"name"`
	Questionnaire string `json:"questionnaire"`
	Kind          string `json:"kind"`
	// Denominator says who the shares are over.
	Denominator string         `json:"denominator"`
	Overall     EstimateJSON   `json:"overall"`
	Bands       []GroupJSON    `json:"bands"`
	Grades      []GroupJSON    `json:"grades"`
	Locales     []GroupJSON    `json:"locales"`
	Schools     []SchoolJSON   `json:"schools"`
	Homework    []HomeworkJSON `json:"homework_means,omitempty"`
	Change      *ChangeJSON    `json:"change,omitempty"` // the county's change since the previous term
}

// EstimateJSON is a compliance share with its counts, interval and design statistics. A suppressed
// cell keeps its counts of answers but carries no share, interval or complying count (all null).
type EstimateJSON struct {
	NValid         int      `json:"n_valid"` // judged answers: the denominator of p
	NMissing       int      `json:"n_missing"`
	NInvalid       int      `json:"n_invalid"`
	NNotApplicable int      `json:"n_not_applicable"`
	NUndecidable   int      `json:"n_undecidable"` // 无法判定: outside n_valid
	NComply        *int     `json:"n_comply"`
	P              *float64 `json:"p"`
	Interval       string   `json:"interval"` // method of ci_low/ci_high: "korn-graubard" or "wilson"
	CILow          *float64 `json:"ci_low"`
	CIHigh         *float64 `json:"ci_high"`
	WilsonLow      *float64 `json:"wilson_low"`
	WilsonHigh     *float64 `json:"wilson_high"`
	NEff           *float64 `json:"n_eff"`
	Deff           *float64 `json:"deff"`
	DF             *int     `json:"df"`
	BoundLow       *float64 `json:"bound_low"`  // share if every 无法判定 answer violated
	BoundHigh      *float64 `json:"bound_high"` // share if every 无法判定 answer complied
	Suppressed     bool     `json:"suppressed"`
	SuppressReason string   `json:"suppress_reason,omitempty"`
	// SuppressReasonEN is the same reason in English.
	SuppressReasonEN string `json:"suppress_reason_en,omitempty"`
	Small            bool   `json:"small_sample"`
	LowDF            bool   `json:"low_df,omitempty"`
}

// ComparisonJSON is a design-based test against the rest of the county.
type ComparisonJSON struct {
	Others      float64 `json:"others_p"`
	Diff        float64 `json:"diff"`
	PValue      float64 `json:"p_value"`
	PAdjusted   float64 `json:"p_adjusted"`
	Significant bool    `json:"significant"`
}

// GroupJSON is a band, grade or 城乡 breakdown.
type GroupJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
	EstimateJSON
	VsOthers *ComparisonJSON `json:"vs_others"`
}

// SchoolJSON is a reporting unit's result: a school, or one stage of a two-stage school (one entry
// per stage). code and name are the roster's 学校代码 and 学校名称; unit_name is the name the report
// shows (with （小学部）/（初中部） for a two-stage school); stage is set on every entry.
type SchoolJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	UnitName string `json:"unit_name"`
	Stage    string `json:"stage"`
	EstimateJSON
	Flag       string `json:"flag"`    // "confirmed" (需整改), "possible" (需关注) or ""
	Flagged    bool   `json:"flagged"` // flag == "confirmed"
	FlagReason string `json:"flag_reason,omitempty"`
	// FlagReasonEN is the same reason in English.
	FlagReasonEN string          `json:"flag_reason_en,omitempty"`
	VsCounty     *ComparisonJSON `json:"vs_county"`
	Homework     []HomeworkJSON  `json:"homework_means,omitempty"`
	// Change since the previous term, when the unit was reported in both.
	Change *ChangeJSON `json:"change,omitempty"`
	// PreviousFlag is the unit's flag in the previous term ("confirmed", "possible" or ""), when
	// it was in it.
	PreviousFlag *string `json:"previous_flag,omitempty"`
}

// HomeworkJSON is a mean homework time for a band, with its interval and verdict.
type HomeworkJSON struct {
	Band       string   `json:"band"`
	N          int      `json:"n"`
	Minutes    *float64 `json:"mean_minutes"`
	Interval   string   `json:"interval"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Deff       *float64 `json:"deff"`
	Limit      float64  `json:"limit_minutes"`
	Verdict    string   `json:"verdict"` // 超过, 可能超过, 未超过; "" when suppressed
	Suppressed bool     `json:"suppressed"`
	Small      bool     `json:"small_sample"`
}

// MeasureJSON is the answer distribution of a question with no pass/fail.
type MeasureJSON struct {
	Code          string        `json:"code"`
	Name          string        `json:"name"`
	Questionnaire string        `json:"questionnaire"`
	Denominator   string        `json:"denominator"`
	Options       []string      `json:"options"`
	Overall       OptionsJSON   `json:"overall"`
	Schools       []OptionsJSON `json:"schools"`
}

// OptionsJSON is one cell's answer distribution: shares per option (null when suppressed).
type OptionsJSON struct {
	Name           string     `json:"name,omitempty"`
	NValid         int        `json:"n_valid"`
	NMissing       int        `json:"n_missing"`
	NNotApplicable int        `json:"n_not_applicable"`
	Shares         []*float64 `json:"shares"`
	Suppressed     bool       `json:"suppressed"`
}

func fptr(f float64) *float64 {
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

func iptr(i int) *int { return &i }

func estimateJSON(e analysis.Estimate) EstimateJSON {
	j := EstimateJSON{NValid: e.Judged(), NMissing: e.Missing, NInvalid: e.Invalid, NNotApplicable: e.NotApplicable,
		NUndecidable: e.Undeterminable, Suppressed: e.Suppressed, SuppressReason: e.SuppressReason, SuppressReasonEN: e.SuppressReasonEN, Small: e.Small, LowDF: e.LowDF}
	if !e.Shown() {
		return j
	}
	j.NComply, j.P = iptr(e.Comply), fptr(e.P)
	j.Interval, j.CILow, j.CIHigh = string(e.Interval), fptr(e.Low), fptr(e.High)
	j.WilsonLow, j.WilsonHigh = fptr(e.WilsonLow), fptr(e.WilsonHigh)
	j.NEff, j.Deff = fptr(e.NEff), fptr(e.Deff)
	if e.DF >= 0 {
		j.DF = iptr(e.DF)
	}
	j.BoundLow, j.BoundHigh = fptr(e.BoundLow), fptr(e.BoundHigh)
	return j
}

func comparisonJSON(c *analysis.Contrast) *ComparisonJSON {
	if c == nil || math.IsNaN(c.PValue) {
		return nil
	}
	return &ComparisonJSON{Others: c.Others, Diff: c.Diff, PValue: c.PValue, PAdjusted: c.PAdjusted, Significant: c.Significant}
}

func homeworkJSON(hs []analysis.HomeworkMean) []HomeworkJSON {
	var out []HomeworkJSON
	for _, h := range hs {
		j := HomeworkJSON{Band: h.Band, N: h.N, Limit: h.Limit, Verdict: string(h.Verdict), Suppressed: h.Suppressed, Small: h.Small}
		if !h.Suppressed {
			j.Minutes, j.Interval, j.CILow, j.CIHigh, j.Deff = fptr(h.Minutes), string(h.Interval), fptr(h.Low), fptr(h.High), fptr(h.Deff)
		}
		out = append(out, j)
	}
	return out
}

func groupsJSON(gs []analysis.Group) []GroupJSON {
	out := []GroupJSON{}
	for _, g := range gs {
		out = append(out, GroupJSON{Code: g.Code, Name: g.Name, EstimateJSON: estimateJSON(g.Estimate), VsOthers: comparisonJSON(g.VsOthers)})
	}
	return out
}

func optionsJSON(name string, oc analysis.OptionCounts, suppressed bool) OptionsJSON {
	j := OptionsJSON{Name: name, NValid: oc.Valid(), NMissing: oc.Missing, NNotApplicable: oc.NotApplicable, Shares: []*float64{}}
	j.Suppressed = suppressed
	for i := range oc.Options {
		if suppressed {
			j.Shares = append(j.Shares, nil)
		} else {
			j.Shares = append(j.Shares, fptr(oc.Share(i)))
		}
	}
	return j
}

// NewResultsJSON converts results and the data-quality findings to their JSON form.
func NewResultsJSON(r *analysis.Results, dq DataQuality) *ResultsJSON {
	p := r.Profile
	out := &ResultsJSON{SchemaVersion: SchemaVersion, Profile: p.Name, Term: r.Term, Questionnaires: map[string]QuestionnaireJSON{}, Indicators: []IndicatorJSON{},
		Measures: []MeasureJSON{}, Quality: []QualityJSON{}, Warnings: append([]string{}, r.Warnings...), WarningsEN: append([]string{}, r.WarningsEN...)}
	out.Design = DesignJSON{Method: string(r.Design.Method), Interval: string(analysis.KornGraubard), FPC: r.Design.FPC, Reliability: string(r.Design.Reliability),
		MinN: p.MinN, SmallN: p.SmallN, Threshold: p.FlagThreshold, MinViolate: p.FlagMinViolations}
	if r.Design.Method == analysis.DesignSRS {
		out.Design.Interval = string(analysis.WilsonScore)
	}
	if r.Design.Weight {
		out.Design.Weight = "enrolment"
	}
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
			Denominator: analysis.IndicatorDenominator(ir), Overall: estimateJSON(ir.Overall),
			Bands: groupsJSON(ir.Bands), Grades: groupsJSON(ir.Grades), Locales: groupsJSON(ir.Locales), Schools: []SchoolJSON{}}
		for _, sr := range ir.Schools {
			s := r.Schools[sr.School]
			sj := SchoolJSON{Code: s.Code, Name: s.Name, UnitName: sr.Name, Stage: sr.Stage, EstimateJSON: estimateJSON(sr.Estimate),
				Flag: string(sr.Flag), Flagged: sr.Flagged, FlagReason: sr.FlagReason, FlagReasonEN: sr.FlagReasonEN, VsCounty: comparisonJSON(sr.VsCounty), Homework: homeworkJSON(sr.Homework)}
			sj.Change, sj.PreviousFlag = schoolChange(r.Comparison, ir, analysis.TermCell{Code: s.Code, Name: s.Name, Stage: sr.Stage})
			ij.Schools = append(ij.Schools, sj)
		}
		ij.Homework = homeworkJSON(ir.Homework)
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
	for _, m := range r.Measures {
		mj := MeasureJSON{Code: m.Measure.Question, Name: m.Measure.Name, Questionnaire: m.Questionnaire.Code, Denominator: m.Denominator,
			Options: []string{}, Overall: optionsJSON("", m.Overall, m.Overall.Valid() < p.MinN), Schools: []OptionsJSON{}}
		for _, o := range m.Question.Options {
			mj.Options = append(mj.Options, o.Text)
		}
		for _, sd := range m.Schools {
			mj.Schools = append(mj.Schools, optionsJSON(sd.Name, sd.OptionCounts, sd.Suppressed))
		}
		out.Measures = append(out.Measures, mj)
	}
	out.Timetable = NewTimetableJSON(r.Timetable)
	out.StudentParent = studentParentJSON(r)
	addTeachers(out, r)
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
