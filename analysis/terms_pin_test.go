package analysis

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestBenjaminiHochbergPinned pins the step-up rule p₍ₖ₎ ≤ k·q/m at its bound, on both sides, and m
// counting only the p-values that are not NaN. Expected values: R 4.x p.adjust(p, "BH") <= q.
func TestBenjaminiHochbergPinned(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    []float64
		q    float64
		want []bool
	}{
		// p.adjust(c(0.0125, 0.025, 0.0375, 0.05), "BH") = 0.05 0.05 0.05 0.05: each at k·q/m exactly.
		{"every p at its bound k·q/m", []float64{0.05, 0.0375, 0.025, 0.0125}, 0.05, []bool{true, true, true, true}},
		// p.adjust(c(0.0126, 0.026, 0.038, 0.0501), "BH") = 0.0501 each: just above.
		{"every p just above its bound", []float64{0.0126, 0.026, 0.038, 0.0501}, 0.05, []bool{false, false, false, false}},
		// p.adjust(c(0.03, NA), "BH") = 0.03 NA: m is 1, not 2 (0.03 > 1·0.05/2).
		{"NaN not counted in m", []float64{0.03, nan}, 0.05, []bool{true, false}},
		// p.adjust(c(0.001, 0.04, 0.3, 0.035), "BH") = 0.004 0.0533 0.3 0.0533.
		{"q 0.05", []float64{0.001, 0.04, 0.3, 0.035}, 0.05, []bool{true, false, false, false}},
		{"q 0.10", []float64{0.001, 0.04, 0.3, 0.035}, 0.10, []bool{true, true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BenjaminiHochberg(tt.p, tt.q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("BenjaminiHochberg(%v, %v) = %v, want %v", tt.p, tt.q, got, tt.want)
			}
		})
	}
}

// TestCompareCallsOutAcrossAllChanges pins the scope of the correction (README 学期对比: "只有经
// Benjamini–Hochberg 多重比较校正（错误发现率 5%）后仍显著的变化才会写进报告"; Compare's doc: "across all of
// them, the county's included"): two indicators, each with the county and one school, whose changes have
// the two-sided p-values 0.001 (sleep, county), 0.04 (sleep, 甲校), 0.3 (phones, county) and 0.035
// (phones, 甲校). Across all four only the first is called out (R: p.adjust(c(0.001, 0.04, 0.3, 0.035),
// "BH") = 0.004 0.0533 0.3 0.0533); per indicator, or over the schools alone, 0.04 would be too
// (p.adjust(c(0.001, 0.04), "BH") = 0.002 0.04; p.adjust(c(0.04, 0.035), "BH") = 0.04 0.04). At level
// 0.10 three are.
func TestCompareCallsOutAcrossAllChanges(t *testing.T) {
	const s = 0.02 // each cell's standard error; a change's is s·√2
	cell := func(code string, p float64) TermCell {
		c := TermCell{Code: code, P: p, Low: p - Z95*s, High: p + Z95*s, N: 100}
		if code != "" {
			c.Name = "学校" + code
		}
		return c
	}
	// The current share that gives a two-sided normal p-value pv against prev.
	moved := func(code string, prev, pv float64) TermCell {
		z := distuv.UnitNormal.Quantile(1 - pv/2)
		return cell(code, prev+z*s*math.Sqrt2)
	}
	prev := Term{Label: "2025年秋季学期", Profile: "p", Indicators: []TermIndicator{
		{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", County: cell("", 0.5), Schools: []TermCell{cell("A", 0.5)}},
		{Code: "phones", Questionnaire: "parent", Name: "手机管理", County: cell("", 0.5), Schools: []TermCell{cell("A", 0.5)}},
	}}
	cur := Term{Label: "2026年春季学期", Profile: "p", Indicators: []TermIndicator{
		{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", County: moved("", 0.5, 0.001), Schools: []TermCell{moved("A", 0.5, 0.04)}},
		{Code: "phones", Questionnaire: "parent", Name: "手机管理", County: moved("", 0.5, 0.3), Schools: []TermCell{moved("A", 0.5, 0.035)}},
	}}
	tests := []struct {
		level float64
		want  []bool // sleep county, sleep 甲校, phones county, phones 甲校
	}{
		{0.05, []bool{true, false, false, false}},
		{0.10, []bool{true, true, false, true}},
	}
	for _, tt := range tests {
		c := Compare(cur, []Term{prev}, tt.level)
		var got []bool
		var ps []float64
		for _, ch := range c.Changes {
			got = append(got, ch.CalledOut)
			ps = append(ps, ch.PValue)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("level %v: called out %v (p-values %v), want %v", tt.level, got, ps, tt.want)
		}
		for i, want := range []float64{0.001, 0.04, 0.3, 0.035} {
			if i < len(ps) && !(math.Abs(ps[i]-want) <= 1e-9) {
				t.Errorf("p-value %d = %v, want %v", i, ps[i], want)
			}
		}
		if c.Level != tt.level {
			t.Errorf("Level = %v, want %v", c.Level, tt.level)
		}
	}
}

// TestCompareFlagsPinned pins the flags that appeared or cleared (report.md, appendix E: "flags that
// appeared or cleared"): a flag change is listed for a matched school whose tier differs between the
// terms, with both tiers; an unchanged tier is not listed; a rise in tier (possible → confirmed) counts as
// appeared, a fall (confirmed → possible) as cleared.
func TestCompareFlagsPinned(t *testing.T) {
	cell := func(code, flag string) TermCell {
		return TermCell{Code: code, Name: "学校" + code, P: 0.5, Low: 0.4, High: 0.6, N: 50, Flag: flag}
	}
	pairs := []struct {
		code, prev, now string
		listed, appear  bool
	}{
		{"A", "", "confirmed", true, true},
		{"B", "", "possible", true, true},
		{"C", "possible", "confirmed", true, true},
		{"D", "confirmed", "possible", true, false},
		{"E", "confirmed", "", true, false},
		{"F", "possible", "", true, false},
		{"G", "confirmed", "confirmed", false, false},
		{"H", "possible", "possible", false, false},
		{"I", "", "", false, false},
	}
	var before, after []TermCell
	for _, p := range pairs {
		before = append(before, cell(p.code, p.prev))
		after = append(after, cell(p.code, p.now))
	}
	c := Compare(Term{Label: "2026年春季学期", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", Schools: after}}},
		[]Term{{Label: "2025年秋季学期", Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student", Name: "睡眠时间", Schools: before}}}}, 0.05)
	var want []FlagChange
	for _, p := range pairs {
		if p.listed {
			want = append(want, FlagChange{Indicator: "sleep", Questionnaire: "student", IndicatorName: "睡眠时间", School: cell(p.code, p.now), Previous: p.prev, Now: p.now})
		}
	}
	if !reflect.DeepEqual(c.Flags, want) {
		t.Fatalf("flags = %+v\nwant %+v", c.Flags, want)
	}
	for _, p := range pairs {
		if got := (FlagChange{Previous: p.prev, Now: p.now}).Appeared(); got != p.appear {
			t.Errorf("%s: %q → %q appeared %v, want %v", p.code, p.prev, p.now, got, p.appear)
		}
	}
	// One school's appeared and cleared flags are grouped under it, each in its list.
	by := FlagsBySchool(c)
	if len(by) != 6 || len(by[0].Appeared) != 1 || len(by[3].Cleared) != 1 || by[3].School.Name != "学校D" {
		t.Errorf("FlagsBySchool = %+v", by)
	}
}

// TestCompareMatchingPinned pins matching where the stage split changed: an earlier single staged entry
// matches a current unstaged one; a school whose split differs is listed once as a stage mismatch
// however many indicators show it.
func TestCompareMatchingPinned(t *testing.T) {
	cell := func(code, name, stage string, p float64) TermCell {
		return TermCell{Code: code, Name: name, Stage: stage, P: p, Low: p - 0.05, High: p + 0.05, N: 80}
	}
	ind := func(code string, cells ...TermCell) TermIndicator {
		return TermIndicator{Code: code, Questionnaire: "student", Name: code, County: cell("", "", "", 0.5), Schools: cells}
	}
	prev := Term{Label: "2025年秋季学期", Indicators: []TermIndicator{
		ind("sleep", cell("A", "甲校", "初中", 0.6), cell("B", "乙校", "小学", 0.6)),
		ind("phones", cell("A", "甲校", "初中", 0.6), cell("B", "乙校", "小学", 0.6)),
	}}
	cur := Term{Label: "2026年春季学期", Indicators: []TermIndicator{
		ind("sleep", cell("A", "甲校", "", 0.7), cell("B", "乙校", "初中", 0.6)),
		ind("phones", cell("A", "甲校", "", 0.7), cell("B", "乙校", "初中", 0.6)),
	}}
	c := Compare(cur, []Term{prev}, 0.05)
	var got []string
	for _, ch := range c.Changes {
		got = append(got, ch.Indicator+"/"+ch.School.Name)
	}
	// 甲校: 初中 before (one entry), unstaged now (one entry): compared. 乙校: 小学 before, 初中 now: not.
	if want := []string{"sleep/", "sleep/甲校", "phones/", "phones/甲校"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
	if !reflect.DeepEqual(c.StageMismatch, []string{"乙校"}) {
		t.Errorf("StageMismatch = %v, want [乙校] once", c.StageMismatch)
	}
	if p, ok := c.PreviousCell("sleep", "student", TermCell{Code: "A", Name: "甲校"}); !ok || p.Stage != "初中" {
		t.Errorf("PreviousCell(甲校) = %+v, %v; want the 初中 entry", p, ok)
	}
	// Two current entries of 甲校 (split now) cannot both take the single earlier one.
	cur.Indicators[0].Schools = append(cur.Indicators[0].Schools, cell("A", "甲校", "小学", 0.7))
	cur.Indicators[0].Schools[0].Stage = "初中"
	c = Compare(cur, []Term{prev}, 0.05)
	if ch := c.Lookup("sleep", "student", TermCell{Code: "A", Stage: "小学"}); ch != nil {
		t.Errorf("甲校 小学 compared with the 初中 entry: %+v", ch)
	}
	if ch := c.Lookup("sleep", "student", TermCell{Code: "A", Stage: "初中"}); ch == nil {
		t.Error("甲校 初中 not compared with its own stage")
	}
}

// TestCurrentTermPinned pins what a term keeps of the results: a school flagged without a tier counts
// as confirmed (results before the two tiers), a possible flag stays possible; the degrees of freedom
// only of a design-based (Korn–Graubard) interval that has them.
func TestCurrentTermPinned(t *testing.T) {
	ind := &surveys.Indicator{Code: "sleep", Name: "睡眠时间"}
	e := func(flag Flag, flagged bool, iv IntervalMethod, df int) Estimate {
		return Estimate{Counts: Counts{Comply: 30, Violate: 10}, P: 0.75, Low: 0.6, High: 0.86, Flag: flag, Flagged: flagged, Interval: iv, DF: df}
	}
	r := &Results{Term: "2026年春季学期", Profile: &surveys.Profile{Name: "p"},
		Schools: []surveys.School{{Code: "A", Name: "甲校"}, {Code: "B", Name: "乙校"}, {Code: "C", Name: "丙校"}, {Code: "D", Name: "丁校"}},
		Indicators: []*IndicatorResult{{Indicator: ind, Questionnaire: &surveys.Questionnaire{Code: "student"},
			Overall: e("", false, KornGraubard, 12),
			Schools: []SchoolResult{
				{School: 0, Stage: "初中", Estimate: e("", true, KornGraubard, 0)},
				{School: 1, Estimate: e(FlagPossible, false, WilsonScore, 7)},
				{School: 2, Estimate: e("", false, KornGraubard, 5)},
				{School: 3, Estimate: e("", false, "", 0)},
			}}}}
	ti := CurrentTerm(r).Indicators[0]
	if ti.County.DF != 12 {
		t.Errorf("county DF = %v, want 12 (Korn–Graubard)", ti.County.DF)
	}
	tests := []struct {
		name, flag, stage string
		df                float64
	}{
		{"甲校", "confirmed", "初中", 0},
		{"乙校", "possible", "", 0},
		{"丙校", "", "", 5},
		{"丁校", "", "", 0},
	}
	for i, w := range tests {
		g := ti.Schools[i]
		if g.Name != w.name || g.Flag != w.flag || g.Stage != w.stage || g.DF != w.df || g.N != 40 {
			t.Errorf("cell %d = %+v, want %s flag %q stage %q df %v n 40", i, g, w.name, w.flag, w.stage, w.df)
		}
	}
}

// TestTermSummaryPinned pins the counts the opening sentence states: every change compared, the changes
// called out, and the distinct schools among them (a school called out on two indicators counts once, the
// county never), at the comparison's level.
func TestTermSummaryPinned(t *testing.T) {
	prev := Term{Label: "2025年秋季学期"}
	sch := func(code string) TermCell { return TermCell{Code: code, Name: "学校" + code} }
	c := &Comparison{Previous: &prev, Level: 0.10, Changes: []Change{
		{Indicator: "sleep", School: TermCell{}, CalledOut: true},
		{Indicator: "sleep", School: sch("A"), CalledOut: true},
		{Indicator: "phones", School: sch("A"), CalledOut: true},
		{Indicator: "phones", School: sch("B"), CalledOut: false},
		{Indicator: "exam", School: TermCell{Name: "无代码校"}, CalledOut: true},
	}}
	want := "与2025年秋季学期相比，共比较5项比例（全县和各校的各项指标），经多重比较校正（Benjamini–Hochberg法，错误发现率10%）后有4项变化显著，涉及2所学校。以下只列显著的变化。"
	if got := TermSummary(c, Chinese); got != want {
		t.Errorf("TermSummary\n got  %s\n want %s", got, want)
	}
	if got := TermSummary(c, English); !strings.Contains(got, "5 shares") || !strings.Contains(got, "10%") || !strings.Contains(got, "4 changes") || !strings.Contains(got, "2 schools") {
		t.Errorf("TermSummary(en) = %q; want 5 compared, 10%%, 4 significant, 2 schools", got)
	}
}

// TestComparePreviousPinned pins the term changes are measured from (Compare's doc: "the latest earlier
// one"; SortTerms: oldest first when every label names year and season, else the order given): earlier
// terms given newest first are sorted and the newest is the previous term; labels without a season keep
// their order and the last given is the previous term.
func TestComparePreviousPinned(t *testing.T) {
	term := func(label string, p float64) Term {
		return Term{Label: label, Indicators: []TermIndicator{{Code: "sleep", Questionnaire: "student",
			County: TermCell{P: p, Low: p - 0.05, High: p + 0.05, N: 100}}}}
	}
	cur := term("2026年春季学期", 0.8)
	tests := []struct {
		name    string
		earlier []Term
		prev    string
		order   []string
		diff    float64
	}{
		{"newest first", []Term{term("2025年秋季学期", 0.7), term("2024年秋季学期", 0.5), term("2025年春季学期", 0.6)},
			"2025年秋季学期", []string{"2024年秋季学期", "2025年春季学期", "2025年秋季学期", "2026年春季学期"}, 0.1},
		{"no seasons: order given", []Term{term("第二次", 0.7), term("第一次", 0.5)},
			"第一次", []string{"第二次", "第一次", "2026年春季学期"}, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(cur, tt.earlier, 0.05)
			var order []string
			for _, x := range c.Terms {
				order = append(order, x.Label)
			}
			if c.Previous.Label != tt.prev || !reflect.DeepEqual(order, tt.order) {
				t.Errorf("previous %s, terms %v; want %s, %v", c.Previous.Label, order, tt.prev, tt.order)
			}
			if len(c.Changes) != 1 || !(math.Abs(c.Changes[0].Diff-tt.diff) <= 1e-12) {
				t.Errorf("changes %+v, want the county's %+.1f", c.Changes, tt.diff)
			}
		})
	}
}
