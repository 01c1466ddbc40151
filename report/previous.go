package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/jianfu-edu/jianfu/analysis"
)

// Errors of ReadPrevious.
var (
	// ErrNewerSchema means the results.json was written by a newer jianfu than this one.
	ErrNewerSchema = errors.New("结果文件是较新版本的 jianfu 写的，本程序读不了：请先更新 jianfu")
	// ErrNotResults means the file is not a results.json written by jianfu.
	ErrNotResults = errors.New("不是 jianfu 写的 results.json")
)

// PreviousError is an earlier term's results.json that cannot be used, naming the file.
type PreviousError struct {
	File   string
	Schema int // the file's schema version, when known
	Err    error
}

func (e *PreviousError) Error() string {
	if errors.Is(e.Err, ErrNewerSchema) {
		return fmt.Sprintf("上学期结果 %s：%v（它是第%d版结果格式，本程序只读到第%d版）", e.File, e.Err, e.Schema, SchemaVersion)
	}
	return fmt.Sprintf("上学期结果 %s：%v", e.File, e.Err)
}

func (e *PreviousError) Unwrap() error { return e.Err }

// previousJSON is every results.json jianfu has written, read leniently:
//
//   - version 1 (no schema_version field): shares with Wilson intervals; a school's flag is
//     "flagged": true/false;
//   - version 2: schema_version 2; per school entry stage, flag ("confirmed", "possible" or ""),
//     ci_low/ci_high as the reported (design-based) interval, n_eff, deff, n_undecidable and,
//     where present, df, the interval's degrees of freedom.
type previousJSON struct {
	SchemaVersion *int   `json:"schema_version"`
	Profile       string `json:"profile"`
	Term          string `json:"term"`
	Indicators    []struct {
		Code          string         `json:"code"`
		Name          string         `json:"name"`
		Questionnaire string         `json:"questionnaire"`
		Overall       previousCell   `json:"overall"`
		Schools       []previousCell `json:"schools"`
	} `json:"indicators"`
}

type previousCell struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	Stage      string   `json:"stage"`
	NValid     int      `json:"n_valid"`
	P          *float64 `json:"p"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	DF         *float64 `json:"df"`
	Flagged    bool     `json:"flagged"`
	Flag       *string  `json:"flag"`
	Suppressed bool     `json:"suppressed"`
}

func (c previousCell) cell() analysis.TermCell {
	t := analysis.TermCell{Code: c.Code, Name: c.Name, Stage: c.Stage, N: c.NValid, P: val(c.P), Low: val(c.CILow), High: val(c.CIHigh)}
	if c.DF != nil && *c.DF > 0 {
		t.DF = *c.DF
	}
	if c.Suppressed {
		t.P, t.Low, t.High = math.NaN(), math.NaN(), math.NaN()
	}
	switch {
	case c.Flag != nil:
		t.Flag = *c.Flag
	case c.Flagged:
		t.Flag = "confirmed"
	}
	return t
}

func val(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// ReadPrevious reads an earlier term's results.json of any schema version jianfu has written
// (version 1 had no schema_version field). It refuses a newer version with ErrNewerSchema and a
// file that is not jianfu's results with ErrNotResults, both in a *PreviousError naming name.
func ReadPrevious(r io.Reader, name string) (analysis.Term, error) {
	var pj previousJSON
	if err := json.NewDecoder(r).Decode(&pj); err != nil {
		return analysis.Term{}, &PreviousError{File: name, Err: fmt.Errorf("%w（%v）", ErrNotResults, err)}
	}
	version := 1
	if pj.SchemaVersion != nil {
		version = *pj.SchemaVersion
	}
	if version > SchemaVersion {
		return analysis.Term{}, &PreviousError{File: name, Schema: version, Err: ErrNewerSchema}
	}
	if version < 1 || pj.Profile == "" || pj.Indicators == nil {
		return analysis.Term{}, &PreviousError{File: name, Schema: version, Err: ErrNotResults}
	}
	t := analysis.Term{Label: pj.Term, Profile: pj.Profile, Source: name}
	for _, ij := range pj.Indicators {
		ti := analysis.TermIndicator{Code: ij.Code, Questionnaire: ij.Questionnaire, Name: ij.Name, County: ij.Overall.cell()}
		ti.County.Code, ti.County.Name, ti.County.Stage, ti.County.Flag = "", "", "", ""
		for _, s := range ij.Schools {
			ti.Schools = append(ti.Schools, s.cell())
		}
		t.Indicators = append(t.Indicators, ti)
	}
	return t, nil
}
