package analysis

import (
	"math"
	"strings"
	"testing"
)

// TestCompareOneSided: indicators and schools present in one term only are listed, not compared; a
// school split by stage differently on both sides is not matched.
func TestCompareOneSided(t *testing.T) {
	cell := func(code, name, stage string, p float64) TermCell {
		return TermCell{Code: code, Name: name, Stage: stage, P: p, Low: p - 0.1, High: p + 0.1, N: 100}
	}
	prev := Term{Label: "2025年秋季学期", Profile: "national-2021", Indicators: []TermIndicator{
		{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", County: cell("", "", "", 0.8),
			Schools: []TermCell{cell("A", "甲校", "", 0.7), cell("B", "乙校", "小学", 0.6), cell("C", "丙校", "", 0.5)}},
		{Code: "phones", Questionnaire: "student", Name: "手机管理", County: cell("", "", "", 0.9)},
	}}
	cur := Term{Label: "2026年春季学期", Profile: "anshan-2021", Indicators: []TermIndicator{
		{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", County: cell("", "", "", 0.85),
			Schools: []TermCell{cell("A", "甲校", "", 0.75), cell("B", "乙校", "初中", 0.6), cell("D", "丁校", "", 0.5)}},
		{Code: "exam_count", Questionnaire: "student", Name: "统一考试次数", County: cell("", "", "", 0.7)},
	}}
	c := Compare(cur, []Term{prev}, 0.05)
	if !c.ProfileChanged {
		t.Error("the profiles differ: ProfileChanged")
	}
	if len(c.IndicatorsOnlyCurrent) != 1 || c.IndicatorsOnlyCurrent[0] != "统一考试次数（student）" {
		t.Errorf("IndicatorsOnlyCurrent = %q", c.IndicatorsOnlyCurrent)
	}
	if len(c.IndicatorsOnlyPrevious) != 1 || c.IndicatorsOnlyPrevious[0] != "手机管理（student）" {
		t.Errorf("IndicatorsOnlyPrevious = %q", c.IndicatorsOnlyPrevious)
	}
	if len(c.OnlyPrevious) != 1 || c.OnlyPrevious[0] != "丙校" || len(c.OnlyCurrent) != 1 || c.OnlyCurrent[0] != "丁校" {
		t.Errorf("OnlyPrevious %q, OnlyCurrent %q; want 丙校 and 丁校", c.OnlyPrevious, c.OnlyCurrent)
	}
	// 乙校: 小学 before, 初中 now: both split, different stages: not matched, listed.
	if len(c.StageMismatch) != 1 || c.StageMismatch[0] != "乙校" {
		t.Errorf("StageMismatch = %q, want 乙校", c.StageMismatch)
	}
	// Compared: the sleep county and 甲校.
	if len(c.Changes) != 2 || !c.Changes[0].County() || c.Changes[1].School.Name != "甲校" {
		t.Fatalf("changes %+v; want the county and 甲校", c.Changes)
	}
	// 甲校: 0.70 → 0.75, each interval ±0.1 (normal, SE 0.1/1.96): SE of the change 0.1·√2/1.96, its
	// interval 0.05 ± 0.1·√2.
	ch := c.Changes[1]
	if math.Abs(ch.Diff-0.05) > 1e-12 || math.Abs(ch.SE-0.1*math.Sqrt2/Z95) > 1e-12 ||
		math.Abs(ch.Low-(0.05-0.1*math.Sqrt2)) > 1e-9 || math.Abs(ch.High-(0.05+0.1*math.Sqrt2)) > 1e-9 {
		t.Errorf("甲校 change %+v", ch)
	}
}

func TestSortTermsKeepsEqualTerms(t *testing.T) {
	// Two labels of the same term keep their order; a later term sorts after both.
	terms := []Term{{Label: "2026年春季学期"}, {Label: "2025年秋季学期", Source: "a"}, {Label: "2025 秋", Source: "b"}}
	SortTerms(terms)
	if terms[0].Source != "a" || terms[1].Source != "b" || terms[2].Label != "2026年春季学期" {
		t.Errorf("SortTerms = %+v", terms)
	}
	if (FlagChange{Previous: "confirmed", Now: "confirmed"}).Appeared() || (FlagChange{}).Appeared() {
		t.Error("an unchanged flag did not appear")
	}
}

func TestTermEdges(t *testing.T) {
	// Benjamini–Hochberg at its bound: p = k·q/m is rejected (≤).
	if got := BenjaminiHochberg([]float64{0.05}, 0.05); !got[0] {
		t.Error("p = q with one test is rejected")
	}
	if got := BenjaminiHochberg([]float64{0.05, 0.025}, 0.05); !got[0] || !got[1] {
		t.Errorf("p = (0.05, 0.025), q 0.05: %v, want both rejected (0.05 ≤ 2·0.05/2)", got)
	}
	// The level as the no-change summary states it.
	c := termComparison()
	for i := range c.Changes {
		c.Changes[i].CalledOut = false
	}
	if s := TermSummary(c, Chinese); !strings.Contains(s, "错误发现率5%") {
		t.Errorf("TermSummary = %q; want the level 5%%", s)
	}
	// A county change of exactly 0 called out reads as 提高 0.0 (not 下降).
	c = termComparison()
	c.Changes[0].Diff, c.Changes[0].Low, c.Changes[0].High = 0, -0.01, 0.01
	if f := TermFindings(c, Chinese); !strings.Contains(f[0], "提高0.0个百分点") {
		t.Errorf("TermFindings = %q", f[0])
	}
}

// TestTermFindingsCountyOnly: an indicator whose only significant change is the county's says
// nothing about schools, in either language.
func TestTermFindingsCountyOnly(t *testing.T) {
	prev := Term{Label: "2025年秋季学期"}
	c := &Comparison{Previous: &prev, Level: 0.05, Changes: []Change{{Indicator: "sleep", Questionnaire: "student", Name: "睡眠时间",
		School: TermCell{P: 0.85}, Previous: TermCell{P: 0.8}, Diff: 0.05, Low: 0.02, High: 0.08, CalledOut: true}}}
	if got, want := TermFindings(c, Chinese), "睡眠时间（学生问卷）：全县达标率由80.0%变为85.0%，提高5.0个百分点（95%区间+2.0～+8.0）。"; len(got) != 1 || got[0] != want {
		t.Errorf("TermFindings = %q, want %q", got, want)
	}
	if got, want := TermFindings(c, English), "睡眠时间 (students): county compliance went from 80.0% to 85.0% (+5.0 points, 95% CI +2.0 to +8.0)."; len(got) != 1 || got[0] != want {
		t.Errorf("TermFindings(en) = %q, want %q", got, want)
	}
	// Schools only, no county: up and down counted apart.
	c.Changes = []Change{
		{Indicator: "phones", Questionnaire: "parent", Name: "手机管理", School: TermCell{Code: "A", Name: "甲校"}, Diff: 0.1, CalledOut: true},
		{Indicator: "phones", Questionnaire: "parent", Name: "手机管理", School: TermCell{Code: "B", Name: "乙校"}, Diff: -0.1, CalledOut: true},
	}
	if got, want := TermFindings(c, English), "手机管理 (parents): 1 school improved significantly (甲校); 1 school declined significantly (乙校)."; len(got) != 1 || got[0] != want {
		t.Errorf("TermFindings(en) = %q, want %q", got, want)
	}
}
