package analysis

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestBenjaminiHochberg(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    []float64
		want []bool
	}{
		// R 4.2: p.adjust(c(0.01,0.04,0.03,0.005,0.2,0.5,0.049,0.0001,NA), "BH") <= 0.05
		{"mixed", []float64{0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049, 0.0001, nan},
			[]bool{true, false, false, true, false, false, false, true, false}},
		{"none", []float64{0.2, 0.9}, []bool{false, false}},
		{"step-up keeps a larger p below its rank's bound", []float64{0.04, 0.045}, []bool{true, true}},
		{"empty", nil, []bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BenjaminiHochberg(tt.p, 0.05)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// cell makes a cell whose interval has half-width q(df)·se around p.
func cell(code string, p, se, df float64, flag string) TermCell {
	q := quantile975(df)
	name := ""
	if code != "" {
		name = "学校" + code
	}
	return TermCell{Code: code, Name: name, P: p, Low: p - q*se, High: p + q*se, DF: df, Flag: flag, N: 100}
}

func TestCompareChange(t *testing.T) {
	prev := Term{Label: "2025年秋季学期", Profile: "national-2021", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠",
		County:  cell("", 0.80, 0.01, 0, ""),
		Schools: []TermCell{cell("A", 0.50, 0.025, 5, "confirmed"), cell("B", 0.90, 0.02, 0, ""), cell("C", 0.9, 0.02, 0, "")}}}}
	cur := Term{Label: "2026年春季学期", Profile: "national-2021", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠",
		County:  cell("", 0.81, 0.01, 0, ""),
		Schools: []TermCell{cell("A", 0.58, 0.03, 8, ""), cell("B", 0.60, 0.02, 0, "confirmed"), cell("D", 0.7, 0.02, 0, "")}}}}
	c := Compare(cur, []Term{prev}, 0.05)
	if len(c.Changes) != 3 {
		t.Fatalf("changes: got %d, want 3 (county, A, B)", len(c.Changes))
	}
	a := c.Lookup("sleep", "student", TermCell{Code: "A"})
	if a == nil {
		t.Fatal("no change for school A")
	}
	// R 4.2: 2*pt(-0.08/sqrt(0.03^2+0.025^2), 5) = 0.0958147072219801 (df = min(8, 5)).
	if math.Abs(a.PValue-0.0958147072219801) > 1e-9 {
		t.Errorf("p-value of A: got %.15f, want 0.0958147072219801", a.PValue)
	}
	if math.Abs(a.Diff-0.08) > 1e-12 || a.DF != 5 {
		t.Errorf("A: diff %v df %v, want 0.08 and 5", a.Diff, a.DF)
	}
	// qt(0.975, 5) = 2.57058183563631
	if want := 0.08 - 2.57058183563631*math.Hypot(0.03, 0.025); math.Abs(a.Low-want) > 1e-9 {
		t.Errorf("A low: got %v, want %v", a.Low, want)
	}
	if a.CalledOut {
		t.Error("A (p = 0.096) called out")
	}
	b := c.Lookup("sleep", "student", TermCell{Code: "B"})
	if b == nil || !b.CalledOut {
		t.Errorf("B (30 points down) not called out: %+v", b)
	}
	county := c.Lookup("sleep", "student", TermCell{})
	if county == nil || county.CalledOut {
		t.Errorf("county (1 point) should be compared and not called out: %+v", county)
	}
	if !reflect.DeepEqual(c.OnlyPrevious, []string{"学校C"}) || !reflect.DeepEqual(c.OnlyCurrent, []string{"学校D"}) {
		t.Errorf("schools of one term: %v / %v", c.OnlyPrevious, c.OnlyCurrent)
	}
	if len(c.Flags) != 2 || c.Flags[0].Appeared() || !c.Flags[1].Appeared() {
		t.Errorf("flags: want A cleared and B appeared, got %+v", c.Flags)
	}
	if c.ProfileChanged {
		t.Error("profile reported as changed")
	}
}

func TestCompareMatching(t *testing.T) {
	ind := func(cells ...TermCell) []TermIndicator {
		return []TermIndicator{{Code: "sleep", Questionnaire: "student", County: cell("", 0.5, 0.01, 0, ""), Schools: cells}}
	}
	staged := func(c TermCell, stage string) TermCell { c.Stage = stage; return c }
	tests := []struct {
		name      string
		prev, cur []TermCell
		compared  int // school changes
		mismatch  []string
	}{
		{"same code and stage", []TermCell{staged(cell("A", 0.5, 0.02, 0, ""), "初中")}, []TermCell{staged(cell("A", 0.5, 0.02, 0, ""), "初中")}, 1, nil},
		{"earlier term without stages, one entry now", []TermCell{cell("A", 0.5, 0.02, 0, "")}, []TermCell{staged(cell("A", 0.5, 0.02, 0, ""), "初中")}, 1, nil},
		{"split now, pooled before: not guessed",
			[]TermCell{cell("A", 0.5, 0.02, 0, "")},
			[]TermCell{staged(cell("A", 0.5, 0.02, 0, ""), "小学"), staged(cell("A", 0.5, 0.02, 0, ""), "初中")}, 0, []string{"学校A"}},
		{"suppressed before", []TermCell{{Code: "A", Name: "学校A", P: math.NaN(), Low: math.NaN(), High: math.NaN()}}, []TermCell{cell("A", 0.5, 0.02, 0, "")}, 0, nil},
		{"no codes: by name", []TermCell{{Name: "一中", P: 0.5, Low: 0.45, High: 0.55}}, []TermCell{{Name: "一中", P: 0.6, Low: 0.55, High: 0.65}}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(Term{Label: "b", Profile: "x", Indicators: ind(tt.cur...)}, []Term{{Label: "a", Profile: "y", Indicators: ind(tt.prev...)}}, 0.05)
			if got := len(c.Changes) - 1; got != tt.compared {
				t.Errorf("school changes: got %d, want %d", got, tt.compared)
			}
			if !reflect.DeepEqual(c.StageMismatch, tt.mismatch) {
				t.Errorf("stage mismatch: got %v, want %v", c.StageMismatch, tt.mismatch)
			}
			if !c.ProfileChanged {
				t.Error("profile x vs y not reported as changed")
			}
		})
	}
}

func TestSortTerms(t *testing.T) {
	terms := []Term{{Label: "2026年春季学期"}, {Label: "2024年秋季学期"}, {Label: "2025年春季学期"}, {Label: "2025年秋季学期"}}
	SortTerms(terms)
	var got []string
	for _, x := range terms {
		got = append(got, x.Label)
	}
	want := []string{"2024年秋季学期", "2025年春季学期", "2025年秋季学期", "2026年春季学期"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	kept := []Term{{Label: "第二次"}, {Label: "2025年春季学期"}}
	SortTerms(kept)
	if kept[0].Label != "第二次" {
		t.Error("labels without year and season were reordered")
	}
}

func TestCompareNoEarlier(t *testing.T) {
	if Compare(Term{}, nil, 0.05) != nil {
		t.Error("Compare with no earlier term should be nil")
	}
}

func TestTermFindingsFromCompare(t *testing.T) {
	prev := Term{Label: "2025年秋季学期", Profile: "p", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", NameEN: "Sleep",
		County: cell("", 0.70, 0.005, 0, ""), Schools: []TermCell{cell("A", 0.50, 0.02, 0, "confirmed"), cell("B", 0.90, 0.02, 0, ""), cell("C", 0.8, 0.02, 0, "")}}}}
	cur := Term{Label: "2026年春季学期", Profile: "p", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", NameEN: "Sleep",
		County: cell("", 0.75, 0.005, 0, ""), Schools: []TermCell{cell("A", 0.85, 0.02, 0, ""), cell("B", 0.60, 0.02, 0, "confirmed"), cell("C", 0.81, 0.02, 0, "")}}}}
	c := Compare(cur, []Term{prev}, 0.05)
	tests := []struct {
		lang Lang
		want []string
	}{
		{Chinese, []string{"睡眠时间（学生问卷）：全县达标率由70.0%变为75.0%，提高5.0个百分点", "明显改善的学校1所（学校A）", "明显下降的学校1所（学校B）"}},
		{English, []string{"Sleep (students): county compliance went from 70.0% to 75.0% (+5.0 points", "1 school improved significantly (学校A)", "1 school declined significantly (学校B)"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			f := TermFindings(c, tt.lang)
			if len(f) != 1 {
				t.Fatalf("got %d sentences, want 1: %q", len(f), f)
			}
			for _, w := range tt.want {
				if !strings.Contains(f[0], w) {
					t.Errorf("%q lacks %q", f[0], w)
				}
			}
			if strings.Contains(f[0], "学校C") {
				t.Errorf("school C (1 point, not significant) is mentioned: %q", f[0])
			}
		})
	}
	if s := TermSummary(c, Chinese); !strings.Contains(s, "共比较4项比例") || !strings.Contains(s, "有3项变化显著，涉及2所学校") {
		t.Errorf("summary: %q", s)
	}
	fs := FlagsBySchool(c)
	if len(fs) != 2 || len(fs[0].Cleared) != 1 || len(fs[1].Appeared) != 1 {
		t.Errorf("flags by school: %+v", fs)
	}
}
