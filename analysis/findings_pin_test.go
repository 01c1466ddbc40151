package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// These tests pin the findings and conclusions text on hand-built results, so that every comparison
// and every branch of findings.go has a case on each side (issue 12: mutation testing). Every expected
// string is written out by hand from the inputs; percentages are Pct of shares chosen to be exact.

// pinProfile is national-2021's flag rule and sample sizes (standards.md: flag at a lower bound of
// 20% with at least 5 violators; suppress below 10; mark below 30) with two named bands.
func pinProfile() *surveys.Profile {
	return &surveys.Profile{
		FlagThreshold: 0.2, FlagMinViolations: 5, MinN: 10, SmallN: 30,
		Bands: []surveys.Band{{Code: "1-2", Name: "一二年级"}, {Code: "3-6", Name: "三至六年级"}},
	}
}

var (
	pinStudent = &surveys.Questionnaire{Code: "student", Title: "学生问卷"}
	pinParent  = &surveys.Questionnaire{Code: "parent", Title: "家长问卷"}
	pinTeacher = &surveys.Questionnaire{Code: "teacher", Title: "教师问卷"}
	pinUnits   = []Unit{{Name: "甲校"}, {Name: "乙校"}, {Name: "丙校"}, {Name: "丁校"}, {Name: "戊校"}}
)

func pinIndicator(k string, kind surveys.IndicatorKind) *surveys.Indicator {
	return &surveys.Indicator{
		Code: "i" + k, Name: "指标" + k, NameEN: "Ind" + k, Kind: kind,
		ComplyPhrase: "遵守" + k, ViolatePhrase: "违反" + k,
		Standard: "标准" + k, Source: "文件" + k, Advice: "建议" + k + "。",
	}
}

// pinEst is a shown estimate with c complying and v violating answers, P = c/(c+v).
func pinEst(c, v int) Estimate {
	nan := math.NaN()
	return Estimate{Counts: Counts{Valid: c + v, Comply: c, Violate: v}, P: float64(c) / float64(c+v),
		Low: nan, High: nan, BoundLow: nan, BoundHigh: nan}
}

// pinSchools are n shown schools named after pinUnits.
func pinSchools(n int) []SchoolResult {
	var out []SchoolResult
	for i := 0; i < n; i++ {
		out = append(out, SchoolResult{Unit: i, Name: pinUnits[i].Name, Estimate: pinEst(30, 10)})
	}
	return out
}

func TestMinutesAgainstPins(t *testing.T) {
	tests := []struct {
		name     string
		m, limit float64
		want     string
	}{
		{"whole minutes differ", 91, 90, "91"},
		{"equal to the limit", 90, 90, "90"},
		{"rounds to the limit from above", 90.3, 90, "90.3"},
		{"rounds to the limit from below", 89.7, 90, "89.7"},
		{"one decimal still equals the limit", 89.96, 90, "89.96"},
		{"one decimal still equals the limit from above", 90.04, 90, "90.04"},
		{"below, whole minutes differ", 88.6, 90, "89"},
	}
	for _, tt := range tests {
		if got := MinutesAgainst(tt.m, tt.limit); got != tt.want {
			t.Errorf("%s: MinutesAgainst(%v, %v) = %q, want %q", tt.name, tt.m, tt.limit, got, tt.want)
		}
	}
	if got := Pct(0.25); got != "25.0" {
		t.Errorf("Pct(0.25) = %q", got)
	}
	if got := Pct(math.NaN()); got != "—" {
		t.Errorf("Pct(NaN) = %q", got)
	}
}

func TestFindingOpeningPins(t *testing.T) {
	// 30 comply, 10 violate (75.0% / 25.0%); 1 无法判定: bounds 30/41 = 73.2% and 31/41 = 75.6%;
	// 5 未答 of 41 valid + 5 missing + 2 invalid + 2 不适用 = 50 answers: 10.0%.
	full := pinEst(30, 10)
	full.Valid, full.Undeterminable, full.Missing, full.Invalid, full.NotApplicable = 41, 1, 5, 2, 2
	full.BoundLow, full.BoundHigh = 30.0/41, 31.0/41
	suppressed := pinEst(3, 2)
	suppressed.Suppressed = true
	none := pinEst(0, 0)
	none.P = math.NaN()
	noFlag := "没有学校达到需整改的标准（违规比例的95%置信区间下限达到20.0%且不少于5人）。"
	tests := []struct {
		name   string
		q      *surveys.Questionnaire
		kind   surveys.IndicatorKind
		o      Estimate
		lang   Lang
		want   []string
		wantEN []string
	}{
		{"student with undeterminable and missing answers", pinStudent, surveys.Hard, full, Chinese, []string{
			"学生问卷显示，在作答的40名学生中，75.0%的学生遵守1，25.0%的学生违反1；另有1名学生的回答无法按本标准判定，若计入这些回答，达标比例在73.2%–75.6%之间；5名学生未答（占10.0%）。",
			"标准：标准1。", noFlag,
		}, []string{
			"Of 40 students who answered, 75.0% comply with “Ind1” and 25.0% do not; 5 did not answer. ",
			"Standard: 标准1. ",
			"No school needs action (the lower 95% bound of the share not complying at least 20.0%, with at least 5 respondents).",
		}},
		{"parent reference, nothing missing", pinParent, surveys.Reference, pinEst(30, 10), Chinese, []string{
			"家长问卷显示，在作答的40名家长中，75.0%的家长反映孩子遵守1，25.0%的家长反映孩子违反1。",
			"参考要求：标准1（文件用语为“一般”，属参考指标）。",
			"没有学校达到需整改的标准（未达到参考要求比例的95%置信区间下限达到20.0%且不少于5人）。",
		}, []string{
			"Of 40 parents who answered, 75.0% comply with “Ind1” and 25.0% do not. ",
			"Reference standard (worded “normally”): 标准1. ",
			"No school needs action (the lower 95% bound of the share not complying at least 20.0%, with at least 5 respondents).",
		}},
		{"teacher", pinTeacher, surveys.Hard, pinEst(30, 10), Chinese, []string{
			"教师问卷显示，在作答的40名教师中，75.0%的教师遵守1，25.0%的教师违反1。", "标准：标准1。", noFlag,
		}, []string{
			"Of 40 teachers who answered, 75.0% comply with “Ind1” and 25.0% do not. ",
			"Standard: 标准1. ",
			"No school needs action (the lower 95% bound of the share not complying at least 20.0%, with at least 5 respondents).",
		}},
		{"suppressed county", pinStudent, surveys.Hard, suppressed, Chinese,
			[]string{"学生问卷中可以判定的回答只有5份，样本不足，无法判定。"},
			[]string{"Only 5 answers could be judged: too few to judge."}},
		{"nothing judged", pinStudent, surveys.Hard, none, Chinese,
			[]string{"学生问卷中没有可以判定的回答。"}, []string{"No answers could be judged."}},
	}
	for _, tt := range tests {
		ir := &IndicatorResult{Indicator: pinIndicator("1", tt.kind), Questionnaire: tt.q, Overall: tt.o}
		r := &Results{Profile: pinProfile(), Units: pinUnits, Indicators: []*IndicatorResult{ir}}
		for _, c := range []struct {
			lang Lang
			want []string
		}{{Chinese, tt.want}, {English, tt.wantEN}} {
			f := Findings(r, c.lang)
			if len(f) != 1 || f[0].Indicator != "i1" || f[0].Questionnaire != tt.q.Code {
				t.Fatalf("%s: findings %+v", tt.name, f)
			}
			if got := f[0].Sentences; strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%s (%s):\n got %q\nwant %q", tt.name, c.lang, got, c.want)
			}
		}
	}
}

func TestFlagSentencesPins(t *testing.T) {
	rule := "按违规比例的95%置信区间下限达到20.0%且不少于5人的标准，"
	tests := []struct {
		name                     string
		schools                  int
		suppressed               []int // schools not shown
		flagged, possible, small []int
		want                     []string
	}{
		// 4 flagged of 4 shown (a fifth suppressed): more than 3 and all of them.
		{"all four shown flagged", 5, []int{4}, []int{0, 1, 2, 3}, nil, []int{4}, []string{
			rule + "全部4所学校均需整改。", "戊校样本不足，无法判定。"}},
		// 3 of 3: all, but not more than 3, so named.
		{"all three flagged are named", 3, nil, []int{0, 1, 2}, nil, nil, []string{
			rule + "需整改的学校有3所：甲校、乙校、丙校。"}},
		// 4 of 5 shown: named; one possible with its reason.
		{"four of five flagged", 5, nil, []int{0, 1, 2, 3}, []int{4}, nil, []string{
			rule + "需整改的学校有4所：甲校、乙校、丙校、丁校。", "另有1所学校需关注：戊校（理由4）。"}},
		{"none flagged, two possible", 3, nil, nil, []int{0, 2}, nil, []string{
			"没有学校达到需整改的标准（违规比例的95%置信区间下限达到20.0%且不少于5人）。",
			"另有2所学校需关注：甲校（理由0）；丙校（理由2）。"}},
	}
	for _, tt := range tests {
		ir := &IndicatorResult{Indicator: pinIndicator("1", surveys.Hard), Questionnaire: pinStudent,
			Schools: pinSchools(tt.schools), Flagged: tt.flagged, Possible: tt.possible, TooSmall: tt.small}
		for _, i := range tt.suppressed {
			ir.Schools[i].Suppressed = true
		}
		for _, i := range tt.flagged {
			ir.Schools[i].Flag = FlagConfirmed
		}
		for _, i := range tt.possible {
			ir.Schools[i].Flag, ir.Schools[i].FlagReason = FlagPossible, "理由"+itoa(i)
		}
		r := &Results{Profile: pinProfile(), Units: pinUnits}
		if got := flagSentences(r, ir); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// English: flagged and possible named with the rule.
	ir := &IndicatorResult{Indicator: pinIndicator("1", surveys.Hard), Questionnaire: pinStudent, Overall: pinEst(30, 10),
		Schools: pinSchools(3), Flagged: []int{0, 1}, Possible: []int{2}}
	r := &Results{Profile: pinProfile(), Units: pinUnits, Indicators: []*IndicatorResult{ir}}
	got := Findings(r, English)[0].Sentences[2:]
	want := []string{
		"2 schools need action (the lower 95% bound of the share not complying is at least 20.0%, with at least 5 respondents): 甲校, 乙校.",
		" 1 more need attention (the share reaches 20.0% but its interval reaches below it): 丙校.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("English flags:\n got %q\nwant %q", got, want)
	}
}

func TestComparisonSentencePins(t *testing.T) {
	ir := &IndicatorResult{Schools: pinSchools(5)}
	// 甲 lower; 乙 at a difference of exactly 0 counts as higher (Diff < 0 is lower); 丙 higher;
	// 丁 not significant; 戊 not compared.
	ir.Schools[0].VsCounty = &Contrast{Diff: -0.1, Significant: true}
	ir.Schools[1].VsCounty = &Contrast{Diff: 0, Significant: true}
	ir.Schools[2].VsCounty = &Contrast{Diff: 0.1, Significant: true}
	ir.Schools[3].VsCounty = &Contrast{Diff: -0.2}
	want := "甲校的达标比例明显低于全县其他学校，乙校、丙校明显高于全县其他学校（经设计校正和多重比较校正后差异显著）。"
	if got := comparisonSentence(nil, ir); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	ir.Schools[0].VsCounty.Significant = false
	if got, want := comparisonSentence(nil, ir), "乙校、丙校明显高于全县其他学校（经设计校正和多重比较校正后差异显著）。"; got != want {
		t.Errorf("higher only: got %q, want %q", got, want)
	}
	ir.Schools[0].VsCounty.Significant = true
	ir.Schools[1].VsCounty.Significant, ir.Schools[2].VsCounty.Significant = false, false
	if got, want := comparisonSentence(nil, ir), "甲校的达标比例明显低于全县其他学校（经设计校正和多重比较校正后差异显著）。"; got != want {
		t.Errorf("lower only: got %q, want %q", got, want)
	}
	ir.Schools[0].VsCounty.Significant = false
	if got := comparisonSentence(nil, ir); got != "" {
		t.Errorf("none significant: got %q", got)
	}
}

func TestConcentrationPins(t *testing.T) {
	g := func(name string, c, v int, diff float64, sig bool) Group {
		return Group{Name: name, Estimate: pinEst(c, v), VsOthers: &Contrast{Diff: diff, Significant: sig}}
	}
	grades := []Group{
		g("一年级", 7, 3, -0.1, true),  // 30.0% violate, significant, lower compliance: a candidate
		g("二年级", 6, 4, 0, true),     // 40.0%, but a difference of 0 is not lower
		g("三年级", 7, 3, -0.05, true), // ties 一年级 at 30.0%: the first stays
		g("四年级", 10, 0, -0.3, true), // no violator
		g("五年级", 1, 9, -0.3, false), // not significant
		g("六年级", 1, 9, -0.3, true),  // suppressed (below)
		{Name: "七年级", Estimate: pinEst(1, 9)},
	}
	grades[5].Suppressed = true
	locales := []Group{g("城区", 8, 2, -0.01, true), g("乡村", 5, 5, 0.2, true)}
	ir := &IndicatorResult{Indicator: pinIndicator("1", surveys.Hard), Overall: pinEst(30, 10), Grades: grades, Locales: locales}
	if got, want := concentration(ir), "问题主要集中在一年级（30.0%）和城区学校（20.0%）（与其他年级或学校相比差异显著）。"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Ties broken by the larger share: 三年级 at 50.0% now beats 一年级.
	ir.Grades[2].Estimate = pinEst(5, 5)
	ir.Indicator = pinIndicator("1", surveys.Reference)
	ir.Locales = nil
	if got, want := concentration(ir), "未达到参考要求的情况主要集中在三年级（50.0%）（与其他年级或学校相比差异显著）。"; got != want {
		t.Errorf("reference: got %q\nwant %q", got, want)
	}
	// No violator in the county, or the county suppressed: nothing is said.
	ir.Overall = pinEst(40, 0)
	if got := concentration(ir); got != "" {
		t.Errorf("no violator: %q", got)
	}
	ir.Overall = pinEst(30, 10)
	ir.Overall.Suppressed = true
	if got := concentration(ir); got != "" {
		t.Errorf("suppressed county: %q", got)
	}
	// No group qualifies.
	ir.Overall = pinEst(30, 10)
	ir.Grades = []Group{g("一年级", 7, 3, 0.1, true)}
	if got := concentration(ir); got != "" {
		t.Errorf("no group: %q", got)
	}
}

func TestHomeworkSentencesPins(t *testing.T) {
	nan := math.NaN()
	hm := func(band string, minutes, limit float64, v Verdict, disagrees bool, share float64) HomeworkMean {
		return HomeworkMean{Band: band, Minutes: minutes, Limit: limit, Verdict: v, Disagrees: disagrees, Share: share}
	}
	schools := pinSchools(5)
	schools[0].Homework = []HomeworkMean{hm("3-6", 95, 90, VerdictOver, false, 0.3)}
	// 乙: above the limit, interval contains it; 90.3 shows its decimal against 90.
	schools[1].Homework = []HomeworkMean{hm("3-6", 90.3, 90, VerdictMaybe, false, 0.5),
		{Band: "1-2", Minutes: 100, Limit: 60, Verdict: VerdictOver, Suppressed: true}}
	// 丙: at the limit exactly: not "may exceed"; disagrees: 25.0% over.
	schools[2].Homework = []HomeworkMean{hm("3-6", 90, 90, VerdictMaybe, true, 0.75)}
	// 丁: below, disagrees (30.0% over); and a disagreement without a share is not stated.
	schools[3].Homework = []HomeworkMean{hm("1-2", 55, 60, VerdictNotOver, true, 0.7), hm("3-6", 50, 90, VerdictNotOver, true, nan)}
	// 戊: above, may exceed, and 60.0% within the limit.
	schools[4].Homework = []HomeworkMean{hm("3-6", 92, 90, VerdictMaybe, true, 0.6)}
	ir := &IndicatorResult{Questionnaire: pinStudent, Schools: schools, Homework: []HomeworkMean{
		{Band: "1-2", Minutes: 45.2, Low: 40.1, High: 50.6, Limit: 60},
		{Band: "3-6", Suppressed: true},
		{Band: "x", Minutes: 60, Low: 59.5, High: 61, Limit: 60},
	}}
	r := &Results{Profile: pinProfile(), Units: pinUnits}
	want := []string{
		"按选项组中值估算，学生问卷平均书面作业时间：一二年级约45分钟（95%置信区间40–51分钟，标准为平均不超过60分钟），三至六年级样本不足，无法判定，x约60分钟（95%置信区间60–61分钟，标准为平均不超过60分钟）。",
		"平均时长超过标准（95%置信区间整体高于标准）的有1处：甲校（三至六年级，95分钟）。",
		"平均时长高于标准但置信区间包含标准、可能超过的有2处：乙校（三至六年级，90.3分钟）、戊校（三至六年级，92分钟）。",
		"平均数与比例的结论不一致：丙校三至六年级平均约90分钟，未超过标准，但25.0%的回答超过规定时长；丁校一二年级平均约55分钟，未超过标准，但30.0%的回答超过规定时长；戊校三至六年级平均约92分钟，高于标准，但60.0%的回答在规定时长以内。",
	}
	if got := homeworkSentences(r, ir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// Only the county means: one sentence.
	ir.Schools = pinSchools(2)
	if got := homeworkSentences(r, ir); len(got) != 1 {
		t.Errorf("without school means: %q", got)
	}
	ir.Homework = nil
	if got := homeworkSentences(r, ir); got != nil {
		t.Errorf("no homework: %q", got)
	}
}

// TestConcludePins pins the problems' selection (a flag, or at least 10% not complying in a shown
// county), their order (hard first, then schools flagged, then share), their text in both languages,
// and the follow-up list (two or more hard indicators).
func TestConcludePins(t *testing.T) {
	mk := func(k string, kind surveys.IndicatorKind, q *surveys.Questionnaire, o Estimate, schools int, flagged, possible []int) *IndicatorResult {
		return &IndicatorResult{Indicator: pinIndicator(k, kind), Questionnaire: q, Overall: o, Schools: pinSchools(schools), Flagged: flagged, Possible: possible}
	}
	sup := func(e Estimate) Estimate { e.Suppressed = true; return e }
	i4 := mk("4", surveys.Hard, pinTeacher, pinEst(95, 5), 4, []int{0}, []int{1})
	i4.Indicator.Advice = ""
	r := &Results{Profile: pinProfile(), Units: pinUnits, Indicators: []*IndicatorResult{
		mk("1", surveys.Hard, pinStudent, pinEst(90, 10), 4, nil, nil),           // exactly 10.0%: a problem
		mk("2", surveys.Hard, pinStudent, pinEst(91, 9), 4, nil, nil),            // 9.0%: not
		mk("3", surveys.Reference, pinStudent, pinEst(70, 30), 4, []int{3}, nil), // reference: last
		i4, // flagged, 5.0%
		mk("5", surveys.Hard, pinParent, pinEst(85, 15), 3, []int{0, 1, 2}, nil),        // 3 of 3 flagged
		mk("6", surveys.Hard, pinStudent, sup(pinEst(3, 2)), 4, nil, nil),               // 40% but suppressed: not
		mk("7", surveys.Hard, pinStudent, sup(pinEst(5, 3)), 4, []int{0, 1, 2, 3}, nil), // all 4 flagged
		mk("8", surveys.Hard, pinStudent, pinEst(80, 20), 4, nil, nil),                  // 20.0%, no flag
		mk("9", surveys.Hard, pinStudent, pinEst(80, 20), 4, nil, nil),                  // ties 8: stays after it
	}}
	zh := Conclude(r, Chinese)
	if want := "本次监测共计算9项指标结果（按问卷分列），其中4项有学校需整改。"; zh.Summary != want {
		t.Errorf("Summary %q, want %q", zh.Summary, want)
	}
	wantZH := []string{
		"指标7（学生问卷）：全县样本不足，全部4所学校均需整改。依据文件7：标准7。建议：建议7。",
		"指标5（家长问卷）：15.0%的家长反映孩子违反5，需整改3所学校（甲校、乙校、丙校）。依据文件5：标准5。建议：建议5。",
		"指标4（教师问卷）：5.0%的教师违反4，需整改1所学校（甲校），另有1所学校需关注（乙校）。依据文件4：标准4。",
		"指标8（学生问卷）：20.0%的学生违反8。依据文件8：标准8。建议：建议8。",
		"指标9（学生问卷）：20.0%的学生违反9。依据文件9：标准9。建议：建议9。",
		"指标1（学生问卷）：10.0%的学生违反1。依据文件1：标准1。建议：建议1。",
		"指标3（学生问卷）：30.0%的学生违反3，需整改1所学校（丁校），未达到参考要求。依据文件3：标准3。建议：建议3。",
	}
	var got []string
	for _, p := range zh.Problems {
		got = append(got, p.Text)
	}
	if strings.Join(got, "\n") != strings.Join(wantZH, "\n") {
		t.Errorf("problems:\n got %q\nwant %q", got, wantZH)
	}
	// 甲 is flagged on 4 (教师), 5 (家长) and 7; 乙 and 丙 on 5 and 7; 丁 on 7 and reference 3: one hard.
	wantFollow := []string{"甲校（指标4（教师）、指标5（家长）、指标7）", "乙校（指标5（家长）、指标7）", "丙校（指标5（家长）、指标7）"}
	if strings.Join(zh.FollowUp, "\n") != strings.Join(wantFollow, "\n") {
		t.Errorf("follow-up %q, want %q", zh.FollowUp, wantFollow)
	}
	en := Conclude(r, English)
	if want := "9 indicator results were computed; 4 have flagged schools."; en.Summary != want {
		t.Errorf("Summary(en) %q, want %q", en.Summary, want)
	}
	wantEN := []string{
		"Ind7 (student): —% of students do not comply; 4 schools need action. Standard: 标准7 (文件7).",
		"Ind5 (parent): 15.0% of parents do not comply; 3 schools need action. Standard: 标准5 (文件5).",
		"Ind4 (teacher): 5.0% of teachers do not comply; 1 school needs action. Standard: 标准4 (文件4).",
		"Ind8 (student): 20.0% of students do not comply; 0 schools need action. Standard: 标准8 (文件8).",
		"Ind9 (student): 20.0% of students do not comply; 0 schools need action. Standard: 标准9 (文件9).",
		"Ind1 (student): 10.0% of students do not comply; 0 schools need action. Standard: 标准1 (文件1).",
		"Ind3 (student): 30.0% of students do not comply; 1 school needs action. Standard: 标准3 (文件3).",
	}
	got = nil
	for _, p := range en.Problems {
		got = append(got, p.Text)
	}
	if strings.Join(got, "\n") != strings.Join(wantEN, "\n") {
		t.Errorf("problems(en):\n got %q\nwant %q", got, wantEN)
	}
	if want := []string{"甲校（Ind4 (teachers), Ind5 (parents), Ind7）", "乙校（Ind5 (parents), Ind7）", "丙校（Ind5 (parents), Ind7）"}; strings.Join(en.FollowUp, "\n") != strings.Join(want, "\n") {
		t.Errorf("follow-up(en) %q, want %q", en.FollowUp, want)
	}
	// SchoolLine in both languages for 丁: one flag (7) and no possible; 乙: flags 5 and 7, possible 4.
	flags, possible := SchoolFlags(r), SchoolPossible(r)
	lines := []struct {
		unit int
		lang Lang
		want string
	}{
		{3, Chinese, "丁校：需整改2项（指标3、指标7）。"},
		{1, Chinese, "乙校：需整改2项（指标5（家长）、指标7）；需关注1项（指标4（教师））。"},
		{4, Chinese, "戊校：没有需整改的指标。"},
		{3, English, "丁校: needs action on 2 (Ind3, Ind7)."},
		{1, English, "乙校: needs action on 2 (Ind5 (parents), Ind7); needs attention on 1 (Ind4 (teachers))."},
		{4, English, "戊校: no indicator needs action."},
	}
	for _, l := range lines {
		if got := SchoolLine(r, l.unit, flags[l.unit], possible[l.unit], l.lang); got != l.want {
			t.Errorf("SchoolLine(%d, %s) = %q, want %q", l.unit, l.lang, got, l.want)
		}
	}
}
