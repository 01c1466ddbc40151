package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// termComparison is a hand-made comparison: sleep (student) with the county up 5 points and called
// out, 甲校 up and called out, 乙校 down and called out, 丙校 down but not called out; phones (parent)
// with only 丁校 down and called out.
func termComparison() *Comparison {
	prev := Term{Label: "2025年秋季学期", Profile: "national-2021"}
	cell := func(code, name string, p float64) TermCell {
		return TermCell{Code: code, Name: name, P: p, Low: p - 0.05, High: p + 0.05}
	}
	return &Comparison{
		Terms:    []Term{prev, {Label: "2026年春季学期"}},
		Previous: &prev,
		Level:    0.05,
		Changes: []Change{
			{Indicator: "sleep", Questionnaire: "student", Name: "睡眠时间", School: cell("", "", 0.85), Previous: cell("", "", 0.80), Diff: 0.05, Low: 0.02, High: 0.08, CalledOut: true},
			{Indicator: "sleep", Questionnaire: "student", Name: "睡眠时间", School: cell("A", "甲校", 0.9), Previous: cell("A", "甲校", 0.7), Diff: 0.2, CalledOut: true},
			{Indicator: "sleep", Questionnaire: "student", Name: "睡眠时间", School: cell("B", "乙校", 0.5), Previous: cell("B", "乙校", 0.7), Diff: -0.2, CalledOut: true},
			{Indicator: "sleep", Questionnaire: "student", Name: "睡眠时间", School: cell("C", "丙校", 0.6), Previous: cell("C", "丙校", 0.62), Diff: -0.02},
			{Indicator: "phones", Questionnaire: "parent", Name: "手机管理", School: cell("D", "丁校", 0.4), Previous: cell("D", "丁校", 0.8), Diff: -0.4, CalledOut: true},
			{Indicator: "phones", Questionnaire: "parent", Name: "手机管理", School: cell("", "", 0.7), Previous: cell("", "", 0.75), Diff: -0.05, Low: -0.09, High: -0.01, CalledOut: true},
		},
		Flags: []FlagChange{
			{Indicator: "sleep", IndicatorName: "睡眠时间", School: cell("B", "乙校", 0.5), Previous: "", Now: "confirmed"},
			{Indicator: "phones", IndicatorName: "手机管理", School: cell("D", "丁校", 0.4), Previous: "possible", Now: "confirmed"},
			{Indicator: "sleep", IndicatorName: "睡眠时间", School: cell("A", "甲校", 0.9), Previous: "confirmed", Now: ""},
			{Indicator: "phones", IndicatorName: "手机管理", School: cell("B", "乙校", 0.5), Previous: "confirmed", Now: "possible"},
		},
	}
}

func TestTermSummary(t *testing.T) {
	c := termComparison()
	// 5 of 6 changes called out; schools among them: 甲, 乙, 丁 (the county is not a school).
	zh := TermSummary(c, Chinese)
	for _, want := range []string{"与2025年秋季学期相比", "共比较6项比例", "错误发现率5%", "有5项变化显著", "涉及3所学校"} {
		if !strings.Contains(zh, want) {
			t.Errorf("TermSummary = %q; no %q", zh, want)
		}
	}
	en := TermSummary(c, English)
	for _, want := range []string{"Compared with autumn term 2025", "6 shares", "false discovery rate 5%", "5 changes are significant, at 3 schools"} {
		if !strings.Contains(en, want) {
			t.Errorf("TermSummary(en) = %q; no %q", en, want)
		}
	}
	for i := range c.Changes {
		c.Changes[i].CalledOut = false
	}
	if s := TermSummary(c, Chinese); !strings.Contains(s, "没有显著变化") || !strings.Contains(s, "共比较6项") {
		t.Errorf("TermSummary with nothing called out = %q", s)
	}
	if s := TermSummary(c, English); !strings.Contains(s, "no change is significant") || !strings.Contains(s, "6 shares compared") {
		t.Errorf("TermSummary(en) with nothing called out = %q", s)
	}
}

func TestTermFindings(t *testing.T) {
	c := termComparison()
	zh := TermFindings(c, Chinese)
	want := []string{
		"睡眠时间（学生问卷）：全县达标率由80.0%变为85.0%，提高5.0个百分点（95%区间+2.0～+8.0）；明显改善的学校1所（甲校）；明显下降的学校1所（乙校）。",
		// The county comes first in its sentence, though its change comes after 丁校's.
		"手机管理（家长问卷）：全县达标率由75.0%变为70.0%，下降5.0个百分点（95%区间−9.0～−1.0）；明显下降的学校1所（丁校）。",
	}
	if len(zh) != len(want) {
		t.Fatalf("TermFindings = %q, want %q", zh, want)
	}
	for i := range want {
		if zh[i] != want[i] {
			t.Errorf("TermFindings[%d]\n got  %s\n want %s", i, zh[i], want[i])
		}
	}
	en := TermFindings(c, English)
	if len(en) != 2 || !strings.HasPrefix(en[0], "睡眠时间 (students): county compliance went from 80.0% to 85.0% (+5.0 points, 95% CI +2.0 to +8.0); 1 school improved significantly (甲校); 1 school declined significantly (乙校).") ||
		!strings.Contains(en[1], "(parents)") || !strings.Contains(en[1], "−5.0 points") {
		t.Errorf("TermFindings(en) = %q", en)
	}
}

func TestFlagsBySchool(t *testing.T) {
	got := FlagsBySchool(termComparison())
	// Schools in first-seen order: 乙校 (appeared sleep; phones confirmed → possible cleared), 丁校
	// (possible → confirmed: appeared), 甲校 (cleared).
	type row struct {
		name              string
		appeared, cleared int
	}
	want := []row{{"乙校", 1, 1}, {"丁校", 1, 0}, {"甲校", 0, 1}}
	if len(got) != len(want) {
		t.Fatalf("FlagsBySchool = %+v", got)
	}
	for i, w := range want {
		if g := got[i]; g.School.Name != w.name || len(g.Appeared) != w.appeared || len(g.Cleared) != w.cleared {
			t.Errorf("school %d: %s appeared %d cleared %d, want %+v", i, g.School.Name, len(g.Appeared), len(g.Cleared), w)
		}
	}
	for _, tt := range []struct {
		prev, now string
		appeared  bool
	}{{"", "possible", true}, {"", "confirmed", true}, {"possible", "confirmed", true}, {"confirmed", "possible", false}, {"possible", "", false}, {"confirmed", "", false}} {
		if got := (FlagChange{Previous: tt.prev, Now: tt.now}).Appeared(); got != tt.appeared {
			t.Errorf("%q → %q: appeared %v, want %v", tt.prev, tt.now, got, tt.appeared)
		}
	}
}

func TestComparisonAccessors(t *testing.T) {
	c := termComparison()
	called := c.CalledOut()
	if len(called) != 5 || called[0].School.Name != "" || called[4].Indicator != "phones" {
		t.Errorf("CalledOut = %+v", called)
	}
	if !c.Changes[0].County() || c.Changes[1].County() {
		t.Error("County(): the first change is the county's, the second a school's")
	}
	if ch := c.Lookup("sleep", "student", TermCell{Code: "B"}); ch == nil || ch.School.Name != "乙校" {
		t.Errorf("Lookup(sleep, 乙校) = %+v", ch)
	}
	if ch := c.Lookup("sleep", "student", TermCell{Code: "B", Stage: "初中"}); ch != nil {
		t.Errorf("Lookup with another stage = %+v, want nil", ch)
	}
	if ch := c.Lookup("sleep", "parent", TermCell{Code: "B"}); ch != nil {
		t.Errorf("Lookup in another questionnaire = %+v, want nil", ch)
	}
	var none *Comparison
	if none.Lookup("sleep", "student", TermCell{}) != nil {
		t.Error("Lookup on a nil comparison")
	}
	if _, ok := none.PreviousCell("sleep", "student", TermCell{}); ok {
		t.Error("PreviousCell on a nil comparison")
	}
}

func TestPreviousCell(t *testing.T) {
	prev := Term{Label: "2025年秋季学期", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student",
		Schools: []TermCell{{Code: "A", Name: "甲校", P: 0.7}, {Code: "B", Name: "乙校", Stage: "小学", P: 0.6}, {Code: "B", Name: "乙校", Stage: "初中", P: 0.5}}}}}
	cur := Term{Label: "2026年春季学期", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student",
		Schools: []TermCell{{Code: "A", Name: "甲校", Stage: "初中", P: 0.8}, {Code: "B", Name: "乙校", P: 0.55}}}}}
	c := Compare(cur, []Term{prev}, 0.05)
	// 甲校 split by stage now, not before: the single earlier entry.
	if p, ok := c.PreviousCell("sleep", "student", TermCell{Code: "A", Stage: "初中"}); !ok || p.P != 0.7 {
		t.Errorf("PreviousCell(甲校 初中) = %+v, %v; want the unsplit 0.7", p, ok)
	}
	// 乙校 was split in two, is one now: no single match.
	if p, ok := c.PreviousCell("sleep", "student", TermCell{Code: "B"}); ok {
		t.Errorf("PreviousCell(乙校) = %+v; two earlier entries cannot match one", p)
	}
	if _, ok := c.PreviousCell("phones", "student", TermCell{Code: "A"}); ok {
		t.Error("PreviousCell of an indicator the earlier term did not have")
	}
	if len(c.StageMismatch) != 1 || c.StageMismatch[0] != "乙校" {
		t.Errorf("StageMismatch = %v, want 乙校", c.StageMismatch)
	}
}

func TestCurrentTerm(t *testing.T) {
	p := &surveys.Profile{Name: "national-2021"}
	ind := &surveys.Indicator{Code: "sleep", Name: "睡眠时间"}
	q := &surveys.Questionnaire{Code: "student"}
	r := &Results{Term: "2026年春季学期", Profile: p, Schools: []surveys.School{{Code: "A", Name: "甲校"}, {Code: "B", Name: "乙校"}},
		Indicators: []*IndicatorResult{{Indicator: ind, Questionnaire: q,
			Overall: Estimate{Counts: Counts{Comply: 8, Violate: 2}, P: 0.8, Low: 0.5, High: 0.9},
			Schools: []SchoolResult{
				{School: 0, Estimate: Estimate{Counts: Counts{Comply: 20, Violate: 20}, P: 0.5, Low: 0.4, High: 0.6, Flag: FlagConfirmed, Flagged: true}},
				{School: 1, Estimate: Estimate{Counts: Counts{Comply: 3, Violate: 1}, P: 0.75, Low: 0.3, High: 0.95, Suppressed: true}},
			}}}}
	term := CurrentTerm(r)
	if term.Label != "2026年春季学期" || term.Profile != "national-2021" || len(term.Indicators) != 1 {
		t.Fatalf("CurrentTerm = %+v", term)
	}
	ti := term.Indicators[0]
	if ti.Code != "sleep" || ti.Questionnaire != "student" || ti.Name != "睡眠时间" || ti.County.P != 0.8 || ti.County.N != 10 {
		t.Errorf("indicator %+v", ti)
	}
	a, b := ti.Schools[0], ti.Schools[1]
	if a.Code != "A" || a.Name != "甲校" || a.Flag != "confirmed" || a.P != 0.5 || a.N != 40 || !a.Reported() {
		t.Errorf("甲校 %+v", a)
	}
	// A suppressed cell carries no share into a comparison.
	if b.Flag != "" || !math.IsNaN(b.P) || !math.IsNaN(b.Low) || !math.IsNaN(b.High) || b.Reported() || b.N != 4 || !math.IsNaN(b.SE()) {
		t.Errorf("乙校 %+v: suppressed, want no share", b)
	}
	if term.Indicator("sleep", "student") == nil || term.Indicator("sleep", "parent") != nil {
		t.Error("Term.Indicator lookup")
	}
}

func TestTermHelpers(t *testing.T) {
	for _, tt := range []struct {
		d    float64
		want string
	}{{0.039, "+3.9"}, {-0.02, "−2.0"}, {0, "+0.0"}} {
		if got := points(tt.d); got != tt.want {
			t.Errorf("points(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if questionnaireWord("parent", Chinese) != "家长问卷" || questionnaireWord("student", English) != "students" {
		t.Error("questionnaireWord")
	}
	for _, tt := range []struct{ a, b, want float64 }{{10, 20, 10}, {20, 10, 10}, {0, 7, 7}, {7, 0, 7}, {0, 0, 0}} {
		if got := conservativeDF(tt.a, tt.b); got != tt.want {
			t.Errorf("conservativeDF(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	// p-values: R 4.x 2*pnorm(-2) = 0.04550026; 2*pt(-2, 10) = 0.07338803.
	for _, tt := range []struct{ diff, se, df, want float64 }{{0.2, 0.1, 0, 0.04550026}, {-0.2, 0.1, 10, 0.07338803}, {0, 0, 0, 1}, {0.1, 0, 0, 0}, {0.1, math.NaN(), 5, 0}} {
		if got := twoSidedP(tt.diff, tt.se, tt.df); math.Abs(got-tt.want) > 1e-7 {
			t.Errorf("twoSidedP(%v, %v, %v) = %v, want %v", tt.diff, tt.se, tt.df, got, tt.want)
		}
	}
	// quantile975: R qt(0.975, 10) = 2.228139; the normal's 1.959964 for df ≤ 0.
	if q := quantile975(10); math.Abs(q-2.228139) > 1e-6 {
		t.Errorf("quantile975(10) = %v", q)
	}
	if q := quantile975(0); q != Z95 {
		t.Errorf("quantile975(0) = %v", q)
	}
	// SE from the interval: width 0.2 over 2 × 1.959964.
	if se := (TermCell{P: 0.5, Low: 0.4, High: 0.6}).SE(); math.Abs(se-0.1/Z95) > 1e-12 {
		t.Errorf("SE = %v", se)
	}
}
