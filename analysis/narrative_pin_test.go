package analysis

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// These tests pin the 正文 (narrative.go) on hand-built results: which themes are problems and in what
// order, which schools each paragraph and suggestion names, the thresholds (a confirmed school on a hard
// indicator; three schools and a fifth of the units; 10% of the county violating; more than 8 schools
// listed without their indicators), and the Chinese wording of report.md's 主要问题, 结论 and 建议. Every
// expected value is worked out by hand in the comments from the inputs; shares are c/(c+v) chosen to
// print exactly. The English paths are checked for their numbers and names only (their wording is
// being revised separately).

// narUnits are ten reporting units of nine schools; 戊学校 teaches both stages (two units, one school).
var narUnits = []Unit{
	{School: 0, Stage: "小学", Name: "甲小学"},
	{School: 1, Stage: "小学", Name: "乙小学"},
	{School: 2, Stage: "初中", Name: "丙中学"},
	{School: 3, Stage: "初中", Name: "丁中学"},
	{School: 4, Stage: "小学", Name: "戊学校（小学部）"},
	{School: 4, Stage: "初中", Name: "戊学校（初中部）"},
	{School: 5, Stage: "初中", Name: "己中学"},
	{School: 6, Stage: "小学", Name: "庚小学"},
	{School: 7, Stage: "初中", Name: "辛中学"},
	{School: 8, Stage: "小学", Name: "壬小学"},
}

// narInd is an indicator whose words are made from its code, so that every phrase in an expected
// paragraph shows where it came from.
func narInd(code string, kind surveys.IndicatorKind) *surveys.Indicator {
	return &surveys.Indicator{Code: code, Name: code, NameEN: "EN-" + code, Kind: kind,
		ComplyPhrase: "遵守" + code, ViolatePhrase: "违反" + code,
		Standard: "标准" + code, Source: "文件" + code, Advice: "建议" + code + "。"}
}

// narEst is a shown estimate with c complying and v violating answers: P = c/(c+v) (NaN when both are
// 0), an interval that is not NaN (significantGroups skips a group without one).
func narEst(c, v int) Estimate {
	nan := math.NaN()
	p := nan
	if c+v > 0 {
		p = float64(c) / float64(c+v)
	}
	return Estimate{Counts: Counts{Valid: c + v, Comply: c, Violate: v}, P: p, Low: 0, High: 1, BoundLow: nan, BoundHigh: nan}
}

// narGroup is a grade or 城乡 group with c complying, v violating, compared with the rest of the county.
func narGroup(name string, c, v int, diff float64, significant bool) Group {
	return Group{Name: name, Estimate: narEst(c, v), VsOthers: &Contrast{Diff: diff, Significant: significant}}
}

func narRes(code string, kind surveys.IndicatorKind, q *surveys.Questionnaire, c, v int, flagged ...int) *IndicatorResult {
	return &IndicatorResult{Indicator: narInd(code, kind), Questionnaire: q, Overall: narEst(c, v), Flagged: flagged}
}

// narDist is the distribution of a built-in question with the given option counts.
func narDist(t *testing.T, qn, question string, counts ...int) *Distribution {
	t.Helper()
	q, err := surveys.Builtin(qn)
	if err != nil {
		t.Fatal(err)
	}
	i := q.Index(question)
	if i < 0 {
		t.Fatalf("%s has no question %s", qn, question)
	}
	if len(counts) != len(q.Questions[i].Options) {
		t.Fatalf("%s %s: %d counts for %d options", qn, question, len(counts), len(q.Questions[i].Options))
	}
	return &Distribution{Questionnaire: q, Question: &q.Questions[i], Overall: OptionCounts{Options: counts}}
}

// narCounty is one county with six themes that take every path of the 主要问题 paragraph:
//
//	custom_x (own theme)  student 60/40 hard, confirmed 甲乙丙丁: serious (4 schools, 40%)
//	作业  homework_time    student 80/20 confirmed 丙丁, parent 75/25 confirmed 丁 戊初中, teacher 90/10
//	      no_punitive_homework  parent only 94/6, 乙小学 需关注
//	      no_parent_grading     reference, student 70/30, 甲 confirmed (reference: not a school to act)
//	      no_chatgroup_homework student 85/15, confirmed 庚 (same advice as homework_time)
//	      homework_plan         teacher 5/5 suppressed (n < 10: no share anywhere)
//	      teacher_grading       teacher only 88/12
//	补课与培训 no_paid_tutoring  student: nothing judged; parent 90/10 (exactly 10%): serious by share
//	睡眠  sleep            student 95/5, confirmed 壬: one school, 5%: 个别学校
//	考试  exam_count       student 97/3: fine
//	      no_frequent_exams student 3/2 suppressed (40%, never said), parent 96/4
//	      no_ranking        student 4/4 suppressed only: no sentence
//	课程设置 no_occupied_lessons student 99/1: fine; timetables of 4 schools all in line
func narCounty(t *testing.T) *Results {
	t.Helper()
	hwSt := narRes("homework_time", surveys.Hard, pinStudent, 80, 20, 2, 3)
	hwSt.Possible = []int{2} // confirmed in the theme already: not listed again as 需关注
	hwSt.Grades = []Group{
		narGroup("七年级", 7, 3, -0.1, false), // not significant
		narGroup("九年级", 7, 3, -0.1, true),  // 30.0%, significantly more violation
	}
	hwSt.Locales = []Group{
		narGroup("城区", 6, 4, 0.05, true),  // 40.0% but more compliance than the rest
		narGroup("乡村", 3, 1, -0.08, true), // 25.0%
	}
	punitive := narRes("no_punitive_homework", surveys.Hard, pinParent, 94, 6)
	punitive.Possible = []int{1}
	punitive.Grades = []Group{narGroup("一年级", 5, 5, -0.2, true)} // significant, but 6% and no flag
	chat := narRes("no_chatgroup_homework", surveys.Hard, pinStudent, 85, 15, 7)
	chat.Indicator.Advice = "建议homework_time。"
	plan := narRes("homework_plan", surveys.Hard, pinTeacher, 5, 5)
	plan.Overall.Suppressed = true
	tutSt := narRes("no_paid_tutoring", surveys.Hard, pinStudent, 0, 0)
	tutPa := narRes("no_paid_tutoring", surveys.Hard, pinParent, 90, 10)
	tutPa.Grades = []Group{narGroup("八年级", 6, 4, -0.2, true)}
	freqSt := narRes("no_frequent_exams", surveys.Hard, pinStudent, 3, 2)
	freqSt.Overall.Suppressed = true
	ranking := narRes("no_ranking", surveys.Hard, pinStudent, 4, 4)
	ranking.Overall.Suppressed = true
	sleep := narRes("sleep", surveys.Hard, pinStudent, 95, 5, 9)
	sleep.Grades = []Group{narGroup("七年级", 8, 2, -0.03, true)}
	return &Results{
		Profile: pinProfile(),
		Units:   narUnits,
		Indicators: []*IndicatorResult{
			narRes("no_occupied_lessons", surveys.Hard, pinStudent, 99, 1),
			hwSt,
			narRes("homework_time", surveys.Hard, pinParent, 75, 25, 3, 5),
			narRes("homework_time", surveys.Hard, pinTeacher, 90, 10),
			punitive,
			narRes("no_parent_grading", surveys.Reference, pinStudent, 70, 30, 0),
			chat,
			plan,
			narRes("teacher_grading", surveys.Hard, pinTeacher, 88, 12),
			sleep,
			narRes("exam_count", surveys.Hard, pinStudent, 97, 3),
			freqSt,
			narRes("no_frequent_exams", surveys.Hard, pinParent, 96, 4),
			ranking,
			tutSt,
			tutPa,
			narRes("custom_x", surveys.Hard, pinStudent, 60, 40, 0, 1, 2, 3),
		},
		Distributions: []*Distribution{
			// 不足7/7-8/8-9/9-10/10+: ≥8 h 40+20+15 = 75.0%, ≥9 h 35.0%, ≥10 h 15.0%, <7 h 5.0%.
			narDist(t, "student", "sleep", 5, 20, 40, 20, 15),
			// 没有/≤30/30-60/60-90/90-120/120+: within 2 hours 5+20+30+25+12 = 92.0%.
			narDist(t, "student", "homework_time", 5, 20, 30, 25, 12, 8),
			// The parents' answer is not used: the students' comes first.
			narDist(t, "parent", "homework_time", 0, 0, 0, 0, 0, 100),
		},
		Measures: []*Distribution{
			// 偏少/适中/偏多/太多: 偏多 or 太多 30+10 = 40.0%.
			narDist(t, "student", "homework_load", 10, 50, 30, 10),
			// No student answered: the parents' tutoring question speaks instead.
			narDist(t, "student", "tutoring_hours", 0, 0, 0, 0, 0),
			// 不参加/≤2/2-4/4+: in tutoring 20+15+5 = 40.0%.
			narDist(t, "parent", "tutoring", 60, 20, 15, 5),
		},
		Timetable: &TimetableAudit{Schools: 4},
	}
}

// TestNarratePins pins the whole Chinese 正文 of narCounty.
func TestNarratePins(t *testing.T) {
	r := narCounty(t)
	n := Narrate(r, Chinese)
	// Order: serious first, then by schools confirmed, then by the worst share.
	//   custom_x  serious, 4 schools (甲乙丙丁), worst 40%
	//   作业      serious, 4 schools (丙 丁 戊初中 庚; 甲's flag is on a reference indicator), worst 25%
	//   补课与培训 serious (10.0% ≥ 10%), 0 schools
	//   睡眠      1 school (壬), worst 5%; 考试 0 schools 4% (the suppressed 40% and 50% count for nothing);
	//   课程设置 0 schools 1%.
	// 教辅, 体育, 手机 have no results and no paragraph.
	wantCodes := []string{"custom_x", "homework", "tutoring", "sleep", "exams", "curriculum"}
	var codes []string
	for _, tf := range n.Problems {
		codes = append(codes, tf.Theme.Code)
	}
	if strings.Join(codes, " ") != strings.Join(wantCodes, " ") {
		t.Fatalf("themes %v, want %v", codes, wantCodes)
	}
	want := []struct {
		serious bool
		schools []int
		worst   float64
		text    string
	}{
		{true, []int{0, 1, 2, 3}, 0.4,
			"custom_x方面存在问题。40.0%的学生违反custom_x，涉及4所学校。这与“标准custom_x”的要求不相吻合。"},
		{true, []int{2, 3, 5, 7}, 0.25,
			"作业负担偏重。" +
				// homework_time: the distribution, students and parents and teachers, 3 schools all 初中
				// (丙 丁 戊初中), where it concentrates (九年级 30.0%, 乡村 25.0%; 城区 has a positive Diff).
				"92.0%的学生回答每天书面作业不超过2小时，40.0%的学生感到作业量偏多或太多，20.0%的学生违反homework_time，" +
				"家长问卷中这一比例为25.0%，教师问卷中这一比例为10.0%，涉及3所初中，主要在九年级（30.0%）和乡村学校（25.0%）。" +
				// parents only, said as what the child does; 6% and no flag: no 主要在.
				"6.0%的家长反映孩子违反no_punitive_homework。" +
				"30.0%的学生违反no_parent_grading，1所学校未达到参考要求（参考指标）。" +
				"15.0%的学生违反no_chatgroup_homework，涉及1所学校。" +
				// homework_plan: suppressed, no sentence.
				"12.0%的教师违反teacher_grading。" +
				"这与“标准homework_time”“标准no_chatgroup_homework”的要求不相吻合。"},
		{true, nil, 0.1,
			// The students judged nothing: the parents speak, and 10.0% reaches the 10% for 主要在.
			"补课和有偿家教现象仍然存在。40.0%的家长反映孩子参加校外学科类培训，10.0%的家长反映孩子违反no_paid_tutoring，主要在八年级（40.0%）。"},
		{false, []int{9}, 0.05,
			"学生睡眠总体有保障，但个别学校仍有问题。75.0%的学生上学日睡眠在8小时以上，35.0%在9小时以上，15.0%在10小时以上，5.0%不足7小时，" +
				"5.0%的学生违反sleep，涉及1所学校，主要在七年级（20.0%）。这与“标准sleep”的要求不相吻合。"},
		{false, nil, 0.04, "考试管理总体规范。3.0%的学生违反exam_count。4.0%的家长反映孩子违反no_frequent_exams。"},
		{false, nil, 0.01, "课程开设总体规范。从4所学校的课表看，课程门类、课时和周课时总量均符合课程方案。1.0%的学生违反no_occupied_lessons。"},
	}
	for i, w := range want {
		tf := n.Problems[i]
		if tf.Serious != w.serious || !slices.Equal(tf.Schools, w.schools) || math.Abs(tf.Worst-w.worst) > 1e-9 {
			t.Errorf("%s: serious %v schools %v worst %v; want %v %v %v", tf.Theme.Code, tf.Serious, tf.Schools, tf.Worst, w.serious, w.schools, w.worst)
		}
		if tf.Text != w.text {
			t.Errorf("%s:\n got %s\nwant %s", tf.Theme.Code, tf.Text, w.text)
		}
	}
	// 结论: fine 考试 课程设置; bad in order; the first with its 4 schools (mixed stages: 学校); 睡眠 个别学校;
	// schools with a hard flag: 甲乙丙丁 (custom_x), 戊 (初中部), 庚, 壬 = 7 schools (戊's two units are one).
	wantConclusion := "“双减”工作初见成效，考试、课程设置方面总体符合要求；但custom_x、作业、补课与培训等方面问题依然突出，" +
		"其中custom_x问题最为严重（4所学校需整改）。睡眠方面个别学校仍有问题。全县共有7所学校至少在一项硬性指标上需整改，减负工作仍需持续用力。"
	if n.Conclusion != wantConclusion {
		t.Errorf("conclusion:\n got %s\nwant %s", n.Conclusion, wantConclusion)
	}
	// 建议: the themes with a problem or a confirmed school, in the same order.
	wantSug := []struct {
		code    string
		schools []int
		text    string
	}{
		{"custom_x", []int{0, 1, 2, 3},
			"建议custom_x。请以下4所学校对照标准整改：甲小学（custom_x）、乙小学（custom_x）、丙中学（custom_x）、丁中学（custom_x）。" +
				"依据：custom_x：“标准custom_x”（文件custom_x）。"},
		// homework_time and no_chatgroup_homework share one advice, said once; teacher_grading's 12% calls for
		// its advice without a school; no_punitive_homework (6%, no flag) and the reference indicator give
		// none, nor the suppressed homework_plan; 乙 is 需关注 on a hard indicator; 丙's 需关注 is not repeated.
		{"homework", []int{2, 3, 5, 7},
			"建议homework_time。建议teacher_grading。请以下4所学校对照标准整改：丙中学（homework_time）、丁中学（homework_time）、" +
				"戊学校（初中部）（homework_time）、庚小学（no_chatgroup_homework）。依据：homework_time：“标准homework_time”（文件homework_time）；" +
				"no_chatgroup_homework：“标准no_chatgroup_homework”（文件no_chatgroup_homework）。" +
				"另有1所学校需关注（违规比例达到标记标准，但样本不足以确认），请学校自查：乙小学。"},
		// The parents' 10.0% makes the theme serious, so its advice is given though no school is confirmed.
		{"tutoring", nil, "建议no_paid_tutoring。"},
		{"sleep", []int{9}, "建议sleep。请壬小学（sleep）对照标准整改。依据：sleep：“标准sleep”（文件sleep）。"},
	}
	if len(n.Suggestions) != len(wantSug) {
		t.Fatalf("%d suggestions, want %d: %+v", len(n.Suggestions), len(wantSug), n.Suggestions)
	}
	for i, w := range wantSug {
		sg := n.Suggestions[i]
		if sg.Theme.Code != w.code || !slices.Equal(sg.Schools, w.schools) || sg.Text != w.text {
			t.Errorf("suggestion %d: %s %v\n got %s\nwant %s %v\nwant %s", i, sg.Theme.Code, sg.Schools, sg.Text, w.code, w.schools, w.text)
		}
	}
	// Follow-up: the schools of the suggestions, 甲乙丙丁 戊 庚 壬 = 7 (the 需关注 乙 is among them anyway).
	wantPlan := "跟进安排：上述7所学校在收到反馈单后一个月内向教研室提交整改报告，说明问题原因、整改措施和完成时间；" +
		"教研室在下学期开学后对这些学校进行抽查，下学期监测时复测并与本学期对比，整改情况纳入学校年度考核。"
	if n.Plan != wantPlan {
		t.Errorf("plan:\n got %s\nwant %s", n.Plan, wantPlan)
	}
}

// TestNarrateEnglishPins checks the English 正文 of narCounty for the same decisions: the theme order,
// the shares and school counts of each paragraph, the themes in line, the schools to act.
func TestNarrateEnglishPins(t *testing.T) {
	r := narCounty(t)
	n := Narrate(r, English)
	word := func(s string) *regexp.Regexp {
		return regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(s) + `($|[^0-9.])`)
	}
	paragraphs := []struct {
		code      string
		has, lack []string
	}{
		// Each result with a share is stated with it; the suppressed teacher result and the students who
		// judged nothing are not.
		{"custom_x", []string{"EN-custom_x", "40.0%", "4 schools"}, nil},
		{"homework", []string{"20.0%", "25.0%", "10.0%", "6.0%", "30.0%", "15.0%", "12.0%", "2 schools", "1 school"}, []string{"EN-homework_plan", "50.0%"}},
		{"tutoring", []string{"EN-no_paid_tutoring", "10.0%"}, []string{"—", "NaN", "school"}},
		{"sleep", []string{"5.0%", "1 school"}, []string{"schools"}},
		{"exams", []string{"3.0%", "4.0%"}, []string{"school", "40.0%", "50.0%", "EN-no_ranking"}},
		{"curriculum", []string{"4 schools", "1.0%"}, nil},
	}
	for i, p := range paragraphs {
		tf := n.Problems[i]
		if tf.Theme.Code != p.code {
			t.Fatalf("theme %d is %s, want %s", i, tf.Theme.Code, p.code)
		}
		for _, s := range p.has {
			if !word(s).MatchString(tf.Text) {
				t.Errorf("%s: %q lacks %q", p.code, tf.Text, s)
			}
		}
		for _, s := range p.lack {
			if strings.Contains(tf.Text, s) {
				t.Errorf("%s: %q has %q", p.code, tf.Text, s)
			}
		}
	}
	if c := strings.Count(n.Problems[2].Text, "EN-no_paid_tutoring"); c != 1 {
		t.Errorf("tutoring: %d results stated, want the parents' only: %q", c, n.Problems[2].Text)
	}
	// Conclusion: the three problems in order, the two themes in line, 7 schools to act.
	c := n.Conclusion
	if i, j, k := strings.Index(c, "custom_x"), strings.Index(c, "Homework"), strings.Index(c, "Make-up classes"); i < 0 || i > j || j > k {
		t.Errorf("conclusion %q: want custom_x, Homework, Make-up classes in that order", c)
	}
	if !strings.Contains(c, "Exams") || !strings.Contains(c, "Curriculum") || !word("7").MatchString(c) {
		t.Errorf("conclusion %q: want Exams, Curriculum and 7 schools", c)
	}
	// Suggestions: the same themes and schools as the Chinese ones, named with their English indicators.
	zh := Narrate(r, Chinese)
	if len(n.Suggestions) != len(zh.Suggestions) {
		t.Fatalf("%d suggestions, want %d", len(n.Suggestions), len(zh.Suggestions))
	}
	for i, sg := range n.Suggestions {
		if sg.Theme.Code != zh.Suggestions[i].Theme.Code || !slices.Equal(sg.Schools, zh.Suggestions[i].Schools) {
			t.Errorf("suggestion %d: %s %v, want %s %v", i, sg.Theme.Code, sg.Schools, zh.Suggestions[i].Theme.Code, zh.Suggestions[i].Schools)
		}
		for _, u := range sg.Schools {
			if !strings.Contains(sg.Text, narUnits[u].Name) {
				t.Errorf("suggestion %s: %q does not name %s", sg.Theme.Code, sg.Text, narUnits[u].Name)
			}
		}
		if len(sg.Schools) == 0 && strings.Contains(sg.Text, "校") {
			t.Errorf("suggestion %s names a school: %q", sg.Theme.Code, sg.Text)
		}
	}
	if s := n.Suggestions[1].Text; !strings.Contains(s, "丙中学 (EN-homework_time)") || !strings.Contains(s, "庚小学 (EN-no_chatgroup_homework)") {
		t.Errorf("homework suggestion %q: want each school with its English indicator", s)
	}
	// No list is ever printed empty.
	texts := []string{n.Conclusion, n.Plan}
	for _, tf := range n.Problems {
		texts = append(texts, tf.Text)
	}
	for _, sg := range n.Suggestions {
		texts = append(texts, sg.Text)
	}
	for _, s := range texts {
		if strings.Contains(s, ": .") || strings.Contains(s, ": ;") || strings.HasSuffix(s, ": ") {
			t.Errorf("an empty list in %q", s)
		}
	}
	if !word("7").MatchString(n.Plan) {
		t.Errorf("plan %q: want 7 schools", n.Plan)
	}
}

// TestThemeAssessPins pins when a theme is serious (narrative.go assess): at least 3 confirmed schools
// that are also at least a fifth of the units, or a hard indicator's county violation share of at least
// 10%; reference indicators and suppressed shares count for nothing.
func TestThemeAssessPins(t *testing.T) {
	units := func(n int) []Unit {
		var out []Unit
		for i := 0; i < n; i++ {
			out = append(out, Unit{School: i, Name: "校" + itoa(i)})
		}
		return out
	}
	suppressed := narRes("sleep", surveys.Hard, pinStudent, 1, 4)
	suppressed.Overall.Suppressed = true
	tests := []struct {
		name    string
		units   int
		results []*IndicatorResult
		schools []int
		serious bool
		worst   float64 // NaN: no shown hard share
	}{
		// 3 of 15: 5·3 = 15 ≥ 15, a fifth exactly.
		{"three schools are a fifth of fifteen", 15, []*IndicatorResult{narRes("sleep", surveys.Hard, pinStudent, 95, 5, 0, 1, 2)}, []int{0, 1, 2}, true, 0.05},
		// 3 of 16: 15 < 16.
		{"three schools are less than a fifth of sixteen", 16, []*IndicatorResult{narRes("sleep", surveys.Hard, pinStudent, 95, 5, 0, 1, 2)}, []int{0, 1, 2}, false, 0.05},
		// 2 of 5 is two fifths, but fewer than 3 schools.
		{"two schools are too few however many units", 5, []*IndicatorResult{narRes("sleep", surveys.Hard, pinStudent, 95, 5, 3, 4)}, []int{3, 4}, false, 0.05},
		// 10 of 100: 1 − 0.9 = 0.09999999999999998 still reaches 10%.
		{"exactly ten percent", 10, []*IndicatorResult{narRes("sleep", surveys.Hard, pinStudent, 90, 10)}, nil, true, 0.1},
		{"just under ten percent", 10, []*IndicatorResult{narRes("sleep", surveys.Hard, pinStudent, 901, 99)}, nil, false, 0.099},
		// The worst of the hard results, whatever their order; a reference indicator's share and flags
		// are not counted; a result that judged nothing has no share.
		{"worst of the hard results", 10, []*IndicatorResult{
			narRes("sleep", surveys.Hard, pinStudent, 95, 5),
			narRes("bedtime", surveys.Hard, pinParent, 92, 8),
			narRes("morning_start", surveys.Hard, pinStudent, 0, 0),
			narRes("sleep", surveys.Reference, pinTeacher, 50, 50, 0, 1, 2, 3),
		}, nil, false, 0.08},
		{"a suppressed share decides nothing", 10, []*IndicatorResult{suppressed, narRes("bedtime", surveys.Hard, pinStudent, 93, 7)}, nil, false, 0.07},
		{"only a reference indicator", 10, []*IndicatorResult{narRes("sleep", surveys.Reference, pinStudent, 50, 50, 0, 1, 2)}, nil, false, math.NaN()},
		// Confirmed schools of several results, each once, in roster order.
		{"schools once in roster order", 20, []*IndicatorResult{
			narRes("sleep", surveys.Hard, pinStudent, 99, 1, 3, 1),
			narRes("sleep", surveys.Hard, pinParent, 99, 1, 1, 0),
		}, []int{0, 1, 3}, false, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Results{Profile: pinProfile(), Units: units(tt.units)}
			tf := ThemeFinding{Results: tt.results}
			tf.assess(r)
			okWorst := math.IsNaN(tf.Worst) == math.IsNaN(tt.worst) && (math.IsNaN(tt.worst) || math.Abs(tf.Worst-tt.worst) < 1e-9)
			if !slices.Equal(tf.Schools, tt.schools) || tf.Serious != tt.serious || !okWorst {
				t.Errorf("schools %v serious %v worst %v; want %v %v %v", tf.Schools, tf.Serious, tf.Worst, tt.schools, tt.serious, tt.worst)
			}
		})
	}
}

// TestNarrateOrderPins pins the order of the themes: serious first, then more confirmed schools, then the
// higher worst share, a theme without any shown hard share last, ties in the order of Themes.
func TestNarrateOrderPins(t *testing.T) {
	units := make([]Unit, 20)
	for i := range units {
		units[i] = Unit{School: i, Name: "校" + itoa(i)}
	}
	r := &Results{Profile: pinProfile(), Units: units, Indicators: []*IndicatorResult{
		narRes("no_occupied_lessons", surveys.Hard, pinStudent, 100, 0),            // 课程设置: 0 schools, 0%
		narRes("homework_time", surveys.Hard, pinStudent, 88, 12, 0),               // 作业: serious by 12%, 1 school
		narRes("bedtime", surveys.Reference, pinStudent, 50, 50, 1, 2, 3, 4, 5),    // 睡眠: reference only, no share
		narRes("exam_count", surveys.Hard, pinStudent, 95, 5, 6, 7),                // 考试: 2 schools, not serious
		narRes("no_makeup_classes", surveys.Hard, pinStudent, 97, 3, 8, 9, 10, 11), // 补课: 4 of 20, serious
		narRes("materials", surveys.Hard, pinStudent, 92, 8),                       // 教辅: 8%
		narRes("pe_hour", surveys.Hard, pinStudent, 92, 8),                         // 体育: 8%, ties 教辅
		narRes("phones", surveys.Hard, pinStudent, 85, 15),                         // 手机: serious by 15%, 0 schools
		narRes("custom_y", surveys.Hard, pinStudent, 91, 9),                        // own theme: 9%
	}}
	want := []string{"tutoring", "homework", "phones", "exams", "custom_y", "materials", "pe", "curriculum", "sleep"}
	var got []string
	for _, tf := range Narrate(r, Chinese).Problems {
		got = append(got, tf.Theme.Code)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order %v\n want %v", got, want)
	}
	// The unthemed indicator's theme is named after it.
	own := themeResults(r)[len(Themes)]
	if own.Theme.Name != "custom_y" || own.Theme.Problem != "custom_y方面存在问题" || own.Theme.Fine != "custom_y总体符合要求" || !slices.Equal(own.Theme.Indicators, []string{"custom_y"}) {
		t.Errorf("own theme %+v", own.Theme)
	}
}

// TestSchoolsPhrasePins: "N所初中" when every unit is of one stage and there are two or more, else 学校; N
// counts schools, not units.
func TestSchoolsPhrasePins(t *testing.T) {
	r := &Results{Units: append(append([]Unit{}, narUnits...),
		Unit{School: 9, Stage: string(surveys.StageNine), Name: "癸学校"}, Unit{School: 10, Stage: string(surveys.StageNine), Name: "子学校"})}
	tests := []struct {
		units []int
		want  string
	}{
		{[]int{2, 3, 6}, "3所初中"},
		{[]int{0, 1}, "2所小学"},
		{[]int{2}, "1所学校"}, // one school is not "1所初中"
		{[]int{0, 2}, "2所学校"},
		{[]int{2, 0}, "2所学校"},
		{[]int{4, 5}, "1所学校"}, // 戊学校's two stages: mixed, one school
		{[]int{3, 5}, "2所初中"}, // 丁 and 戊（初中部）
		{[]int{10, 11}, "2所九年一贯制学校"},
		{nil, "0所学校"},
	}
	for _, tt := range tests {
		if got := schoolsPhrase(r, tt.units); got != tt.want {
			t.Errorf("schoolsPhrase(%v) = %q, want %q", tt.units, got, tt.want)
		}
	}
}

// TestSignificantGroupsPins: per breakdown (grades, then 城乡), the group with the highest violation share
// among those that violate significantly more than the rest (Diff < 0, significant), shown, with a
// violator and an interval; nothing when the county has no shown violation.
func TestSignificantGroupsPins(t *testing.T) {
	noHigh := narGroup("二年级", 1, 9, -0.3, true)
	noHigh.High = math.NaN()
	sup := narGroup("三年级", 1, 9, -0.3, true)
	sup.Suppressed = true
	ir := &IndicatorResult{Overall: narEst(70, 30), Grades: []Group{
		narGroup("一年级", 7, 3, -0.1, true),     // 30.0%: a candidate
		noHigh,                                // no interval
		sup,                                   // suppressed
		narGroup("四年级", 10, 0, -0.3, true),    // no violator
		narGroup("五年级", 2, 8, 0, true),        // Diff 0 is not above the rest
		narGroup("六年级", 2, 8, -0.3, false),    // not significant
		{Name: "七年级", Estimate: narEst(2, 8)}, // not compared
		narGroup("八年级", 6, 4, -0.1, true),     // 40.0%: the highest
		narGroup("九年级", 6, 4, -0.2, true),     // ties 八年级: the first stays
	}, Locales: []Group{narGroup("城区", 8, 2, -0.01, true), narGroup("乡村", 9, 1, -0.02, true)}}
	names := func(gs []Group) string {
		var s []string
		for _, g := range gs {
			s = append(s, groupName(g)+Pct(g.ViolationShare()))
		}
		return strings.Join(s, " ")
	}
	if got, want := names(significantGroups(ir)), "八年级40.0 城区学校20.0"; got != want {
		t.Errorf("groups %q, want %q", got, want)
	}
	ir.Locales = nil
	ir.Grades = ir.Grades[1:7]
	if got := names(significantGroups(ir)); got != "" {
		t.Errorf("no qualifying group: %q", got)
	}
	ir.Grades = []Group{narGroup("一年级", 7, 3, -0.1, true)}
	for name, o := range map[string]Estimate{"no violator": narEst(100, 0), "nothing judged": narEst(0, 0)} {
		ir.Overall = o
		if got := significantGroups(ir); got != nil {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// TestDistributionSentencePins pins the seed's distribution numbers at each option boundary: sleep of 8,
// 9 and 10 hours or more counts from the option starting there, under 7 hours is the option ending at 7;
// homework within 2 hours includes 90-120 and no homework; 偏多 and 太多 are options 3 and 4; tutoring is
// every option but 不参加. The students' question speaks first, then the parents'.
func TestDistributionSentencePins(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		dists []*Distribution
		want  string
	}{
		// ≥8: 30+20+10 = 60; ≥9: 30; ≥10: 10; <7: 25 (of 100).
		{"sleep", "sleep", []*Distribution{narDist(t, "student", "sleep", 25, 15, 30, 20, 10)},
			"60.0%的学生上学日睡眠在8小时以上，30.0%在9小时以上，10.0%在10小时以上，25.0%不足7小时"},
		// Only parents asked: 家长.  ≥8: 4 of 8; <7: 2 of 8.
		{"sleep from parents", "sleep", []*Distribution{narDist(t, "parent", "sleep", 2, 2, 2, 1, 1)},
			"50.0%的家长上学日睡眠在8小时以上，25.0%在9小时以上，12.5%在10小时以上，25.0%不足7小时"},
		// 没有 10 + ≤30 10 + 30-60 10 + 60-90 10 + 90-120 10 = 50 of 80: 62.5%; 偏多/太多 3 of 4.
		{"homework", "homework_time", []*Distribution{
			narDist(t, "student", "homework_time", 10, 10, 10, 10, 10, 30), narDist(t, "student", "homework_load", 0, 1, 2, 1)},
			"62.5%的学生回答每天书面作业不超过2小时，75.0%的学生感到作业量偏多或太多"},
		// 50 of 100 take part; the parents' 30 of 40.
		{"tutoring", "no_paid_tutoring", []*Distribution{
			narDist(t, "student", "tutoring_hours", 50, 20, 15, 10, 5), narDist(t, "parent", "tutoring", 10, 10, 10, 10)},
			"50.0%的学生参加校外学科类培训，75.0%的家长反映孩子参加校外学科类培训"},
		{"no answers", "sleep", []*Distribution{narDist(t, "student", "sleep", 0, 0, 0, 0, 0)}, ""},
		{"no distribution sentence for the indicator", "phones", []*Distribution{narDist(t, "student", "sleep", 1, 1, 1, 1, 1)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Results{Measures: tt.dists}
			if got := distributionSentence(r, tt.code); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	// shareWhere: NaN with no answer; counts beyond the question's options are never kept.
	opts := []surveys.Option{{Text: "a"}, {Text: "b"}}
	all := func(surveys.Option, int) bool { return true }
	if got := shareWhere(OptionCounts{Options: []int{0, 0}}, opts, all); !math.IsNaN(got) {
		t.Errorf("no answers: %v", got)
	}
	if got := shareWhere(OptionCounts{Options: []int{1, 2, 5}}, opts, all); got != 3.0/8 {
		t.Errorf("three counts, two options: %v, want 3/8", got)
	}
}

// TestConclusionPins pins the 结论 in each of its forms.
func TestConclusionPins(t *testing.T) {
	r := &Results{Units: narUnits, Indicators: []*IndicatorResult{
		narRes("sleep", surveys.Hard, pinStudent, 95, 5, 0, 1),
		narRes("no_parent_grading", surveys.Reference, pinStudent, 90, 10, 2), // a reference flag: no school to act
	}}
	th := func(code, name string, serious bool, schools ...int) ThemeFinding {
		return ThemeFinding{Theme: Theme{Code: code, Name: name, NameEN: "EN" + name}, Serious: serious, Schools: schools}
	}
	tests := []struct {
		name   string
		themes []ThemeFinding
		want   string
	}{
		{"nothing to act on", []ThemeFinding{th("exams", "考试", false)},
			"“双减”各项要求总体得到落实，各项硬性指标均未发现需整改的学校。"},
		// No theme is serious but one school is confirmed: it must not read as "no school".
		{"only a few schools", []ThemeFinding{th("sleep", "睡眠", false, 0, 1), th("exams", "考试", false)},
			"“双减”各项要求总体得到落实，考试方面总体符合要求；睡眠方面个别学校仍有问题，全县共有2所学校至少在一项硬性指标上需整改。"},
		{"only a few schools, nothing fine", []ThemeFinding{th("sleep", "睡眠", false, 0, 1), th("pe", "体育", false, 1)},
			"“双减”各项要求总体得到落实，睡眠、体育方面个别学校仍有问题，全县共有2所学校至少在一项硬性指标上需整改。"},
		{"one problem, nothing fine", []ThemeFinding{th("sleep", "睡眠", true, 0, 1)},
			"对照“双减”各项要求，睡眠方面问题依然突出（2所小学需整改）。全县共有2所学校至少在一项硬性指标上需整改，减负工作仍需持续用力。"},
		{"two problems, the first without a school", []ThemeFinding{th("phones", "手机", true), th("sleep", "睡眠", true, 0, 1), th("pe", "体育", false, 0)},
			"对照“双减”各项要求，手机、睡眠等方面问题依然突出，其中手机问题最为严重。体育方面个别学校仍有问题。全县共有2所学校至少在一项硬性指标上需整改，减负工作仍需持续用力。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := conclusion(r, tt.themes, Chinese); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	// English: the themes in line are named only when there are some; the count of schools to act.
	en := conclusion(r, []ThemeFinding{th("sleep", "睡眠", true, 0, 1)}, English)
	if strings.Contains(en, "EN考试") || strings.Contains(en, ": .") || !strings.Contains(en, "EN睡眠") || !regexp.MustCompile(`\b2\b`).MatchString(en) {
		t.Errorf("English conclusion %q", en)
	}
	en = conclusion(r, []ThemeFinding{th("sleep", "睡眠", true, 0, 1), th("exams", "考试", false)}, English)
	if !strings.Contains(en, "EN考试") {
		t.Errorf("English conclusion %q does not name the theme in line", en)
	}
}

// TestSuggestionListPins pins how the schools of a suggestion are listed: one school in its own sentence,
// up to 8 units with their indicators, more than 8 by name only with a pointer to the appendix; the
// count is of schools (戊学校's two stages are one).
func TestSuggestionListPins(t *testing.T) {
	tests := []struct {
		name  string
		flags []int
		want  string
	}{
		{"one", []int{9}, "建议sleep。请壬小学（sleep）对照标准整改。依据：sleep：“标准sleep”（文件sleep）。"},
		{"eight units, seven schools", []int{0, 1, 2, 3, 4, 5, 6, 7},
			"建议sleep。请以下7所学校对照标准整改：甲小学（sleep）、乙小学（sleep）、丙中学（sleep）、丁中学（sleep）、戊学校（小学部）（sleep）、" +
				"戊学校（初中部）（sleep）、己中学（sleep）、庚小学（sleep）。依据：sleep：“标准sleep”（文件sleep）。"},
		{"nine units, eight schools", []int{0, 1, 2, 3, 4, 5, 6, 7, 8},
			"建议sleep。请以下8所学校对照标准整改（各校涉及的指标见附件“学校对比”和学校反馈单）：甲小学、乙小学、丙中学、丁中学、戊学校（小学部）、" +
				"戊学校（初中部）、己中学、庚小学、辛中学。依据：sleep：“标准sleep”（文件sleep）。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Results{Profile: pinProfile(), Units: narUnits, Indicators: []*IndicatorResult{
				narRes("sleep", surveys.Hard, pinStudent, 99, 1, tt.flags...)}}
			n := Narrate(r, Chinese)
			if len(n.Suggestions) != 1 || n.Suggestions[0].Text != tt.want {
				t.Errorf("got  %+v\nwant %s", n.Suggestions, tt.want)
			}
		})
	}
}

// TestNarrateNothingToActPins: with no confirmed school and every share under 10%, no suggestion and a
// plan that names no school, in both languages.
func TestNarrateNothingToActPins(t *testing.T) {
	r := &Results{Profile: pinProfile(), Units: narUnits, Indicators: []*IndicatorResult{
		narRes("sleep", surveys.Hard, pinStudent, 91, 9),
		narRes("bedtime", surveys.Reference, pinStudent, 50, 50, 0, 1, 2), // reference: never a school to act
	}}
	zh := Narrate(r, Chinese)
	if len(zh.Suggestions) != 0 || zh.Plan != "跟进安排：本次没有学校需就硬性指标整改；下学期监测时复测各项指标，对比变化。" {
		t.Errorf("suggestions %+v, plan %q", zh.Suggestions, zh.Plan)
	}
	en := Narrate(r, English)
	if len(en.Suggestions) != 0 || regexp.MustCompile(`[0-9]`).MatchString(en.Plan) || en.Plan == "" {
		t.Errorf("English: suggestions %+v, plan %q", en.Suggestions, en.Plan)
	}
}

// TestSuggestionAdvicePins: an indicator's advice is called for when any questionnaire's shown share
// reaches 10% (as the theme's seriousness is decided), whichever questionnaire it is; a suppressed share
// calls for nothing.
func TestSuggestionAdvicePins(t *testing.T) {
	supPa := narRes("no_paid_tutoring", surveys.Hard, pinParent, 5, 5) // 50%, but suppressed
	supPa.Overall.Suppressed = true
	r := &Results{Profile: pinProfile(), Units: narUnits, Indicators: []*IndicatorResult{
		narRes("no_makeup_classes", surveys.Hard, pinStudent, 95, 5), // students 5.0%
		narRes("no_makeup_classes", surveys.Hard, pinParent, 85, 15), // parents 15.0%: calls for advice
		narRes("no_makeup_classes", surveys.Hard, pinTeacher, 97, 3), // teachers 3.0%
		narRes("no_paid_tutoring", surveys.Hard, pinStudent, 96, 4),  // 4.0%
		supPa,
	}}
	r.Indicators[0].Indicator.AdviceEN = "Advice on no_makeup_classes."
	n := Narrate(r, Chinese)
	if len(n.Suggestions) != 1 || n.Suggestions[0].Theme.Code != "tutoring" || n.Suggestions[0].Text != "建议no_makeup_classes。" {
		t.Errorf("suggestions %+v, want the tutoring theme with the advice of no_makeup_classes only", n.Suggestions)
	}
	// In English the advice is the profile's English text.
	if en := Narrate(r, English); len(en.Suggestions) != 1 || !strings.Contains(en.Suggestions[0].Text, "Advice on no_makeup_classes.") || strings.Contains(en.Suggestions[0].Text, "建议") {
		t.Errorf("English suggestions %+v, want the English advice", en.Suggestions)
	}
	pair := byIndicator(r.Indicators)
	if len(pair) != 2 || math.Abs(worstShown(pair[0])-0.15) > 1e-9 || math.Abs(worstShown(pair[1])-0.04) > 1e-9 {
		t.Errorf("worst shown shares %v %v, want 0.15 and 0.04", worstShown(pair[0]), worstShown(pair[1]))
	}
	if v := worstShown([3]*IndicatorResult{nil, supPa, nil}); !math.IsNaN(v) {
		t.Errorf("worst shown of a suppressed result = %v, want NaN", v)
	}
}
