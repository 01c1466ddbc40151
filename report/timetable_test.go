package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/xuri/excelize/v2"
)

// TestTimetableSection: with an audit the report has the 课程设置 appendix, stating the findings as
// seed 002 does, and results.json has timetable with null for bounds the plan does not state.
func TestTimetableSection(t *testing.T) {
	schools := synth.Schools(3)
	r := results(t, schools, 300)
	plan := r.Profile.CoursePlan
	r.Timetable = &analysis.TimetableAudit{Plan: plan, Schools: 2, Timetables: 2,
		Deviations: []analysis.TimetableDeviation{{School: schools[0].Name, Grade: 7, Subject: "体育与健康", Periods: 2, Min: 3, Max: math.NaN()}},
		Groups: []analysis.DeviationGroup{{Grade: 7, Subject: "体育与健康", Min: 3, Max: math.NaN(), Schools: 1,
			Values: []analysis.DeviationValue{{Periods: 2, Schools: []string{schools[0].Name}}}}},
		Missing: []analysis.TimetableMissing{{School: schools[1].Name, Grade: 8, Subject: "劳动", Classes: []string{"2"}}},
	}
	doc, _, err := Build(r, DataQuality{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sec *Section
	for i := range doc.Sections {
		if doc.Sections[i].ID == "timetable" {
			sec = &doc.Sections[i]
		}
	}
	if sec == nil {
		t.Fatal("no 课程设置 section")
	}
	var text strings.Builder
	for _, b := range sec.Blocks {
		text.WriteString(b.Paragraph + strings.Join(b.List, "\n"))
	}
	for _, want := range []string{"七年级体育与健康，课程计划每周不少于3节，1所学校设为2节", schools[1].Name + "八年级（2班）没有劳动"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("section lacks %q:\n%s", want, text.String())
		}
	}
	var out struct {
		Timetable struct {
			Deviations []map[string]any `json:"deviations"`
			Missing    []map[string]any `json:"missing"`
		} `json:"timetable"`
	}
	data, _ := json.Marshal(NewResultsJSON(r, DataQuality{}))
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	d := out.Timetable.Deviations
	if len(d) != 1 || d[0]["min"] != 3.0 || d[0]["max"] != nil || d[0]["periods"] != 2.0 {
		t.Errorf("deviations %v", d)
	}
	if m := out.Timetable.Missing; len(m) != 1 || m[0]["subject"] != "劳动" {
		t.Errorf("missing %v", m)
	}
	var x bytes.Buffer
	if err := WriteTables(&x, r, analysis.Chinese); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows("课程设置")
	if err != nil || len(rows) != 3 || rows[1][0] != "课时不符" || rows[1][3] != "体育与健康" || rows[2][0] != "缺少必开课程" || rows[2][4] != "2" {
		t.Errorf("tables.xlsx 课程设置 sheet: %q, %v", rows, err)
	}
	r.Timetable = nil
	doc, _, _ = Build(r, DataQuality{}, Options{})
	for _, s := range doc.Sections {
		if s.ID == "timetable" {
			t.Error("a 课程设置 section with no timetables")
		}
	}
	if strings.Contains(string(mustJSON(t, r)), "\"timetable\"") {
		t.Error("results.json has timetable with no timetables")
	}
}

func mustJSON(t *testing.T, r *analysis.Results) []byte {
	t.Helper()
	data, err := json.Marshal(NewResultsJSON(r, DataQuality{}))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
