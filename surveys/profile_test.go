package surveys_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
)

// gradeRule says which options comply for grades from..to.
type gradeRule struct {
	from, to int
	comply   []int
}

// specIndicator is one row of the national-2021 table of shared/spec/standards.md.
type specIndicator struct {
	code            string
	kind            surveys.IndicatorKind
	student, parent int // question numbers in the "question" column (S8 / P4); 0 when absent
	rules           []gradeRule
}

// all9 is a rule for every grade.
func all9(comply ...int) []gradeRule { return []gradeRule{{1, 9, comply}} }

// nationalSpec transcribes the "complies when" column of standards.md, profile national-2021, into
// option numbers of the questions of questionnaires.md. Rows worded "一般" are reference indicators.
var nationalSpec = []specIndicator{
	// homework_time S8/P4: 1-2 没有书面家庭作业; 3-6 ≤ 60 min (options 1-3); 7-9 ≤ 90 min (options 1-4).
	{"homework_time", surveys.Hard, 8, 4, []gradeRule{{1, 2, []int{1}}, {3, 6, []int{1, 2, 3}}, {7, 9, []int{1, 2, 3, 4}}}},
	// sleep S7/P5: 1-6 10小时及以上 (option 5); 7-9 9-10小时 or more (options 4-5).
	{"sleep", surveys.Hard, 7, 5, []gradeRule{{1, 6, []int{5}}, {7, 9, []int{4, 5}}}},
	// bedtime S5/P6 (参考): 1-6 not later than 21:20 (options 1-2); 7-9 not later than 22:00 (options 1-3).
	{"bedtime", surveys.Reference, 5, 6, []gradeRule{{1, 6, []int{1, 2}}, {7, 9, []int{1, 2, 3}}}},
	// morning_start S22 (参考): 1-6 8:20及以后 (option 4); 7-9 8:00 or later (options 3-4).
	{"morning_start", surveys.Reference, 22, 0, []gradeRule{{1, 6, []int{4}}, {7, 9, []int{3, 4}}}},
	// exam_count S13: 1-2 0次; 3-6 ≤ 1; 7-9 ≤ 2.
	{"exam_count", surveys.Hard, 13, 0, []gradeRule{{1, 2, []int{1}}, {3, 6, []int{1, 2}}, {7, 9, []int{1, 2, 3}}}},
	// no_frequent_exams S14: 否.
	{"no_frequent_exams", surveys.Hard, 14, 0, all9(1)},
	// no_ranking S15: 否.
	{"no_ranking", surveys.Hard, 15, 0, all9(1)},
	// no_punitive_homework S10: 从不.
	{"no_punitive_homework", surveys.Hard, 10, 0, all9(1)},
	// no_parent_grading S11/P7: 否.
	{"no_parent_grading", surveys.Hard, 11, 7, all9(1)},
	// no_chatgroup_homework S12/P8: 否.
	{"no_chatgroup_homework", surveys.Hard, 12, 8, all9(1)},
	// no_makeup_classes S16: 否.
	{"no_makeup_classes", surveys.Hard, 16, 0, all9(1)},
	// no_paid_tutoring S17/P11: 否.
	{"no_paid_tutoring", surveys.Hard, 17, 11, all9(1)},
	// materials S19: 没有 or 1套.
	{"materials", surveys.Hard, 19, 0, all9(1, 2)},
	// pe_hour S20: 1-2小时 or 2小时及以上.
	{"pe_hour", surveys.Hard, 20, 0, all9(3, 4)},
	// no_occupied_lessons S21: 从不.
	{"no_occupied_lessons", surveys.Hard, 21, 0, all9(1)},
	// phones S23: options 1-2.
	{"phones", surveys.Hard, 23, 0, all9(1, 2)},
}

// expectedVerdicts expands spec rules into the verdict each option gets in each grade 1..9.
func expectedVerdicts(rules []gradeRule, nOptions int) [10][]surveys.Verdict {
	var want [10][]surveys.Verdict
	for _, r := range rules {
		for g := r.from; g <= r.to; g++ {
			want[g] = make([]surveys.Verdict, nOptions+1)
			for o := 1; o <= nOptions; o++ {
				want[g][o] = surveys.Violates
				if slices.Contains(r.comply, o) {
					want[g][o] = surveys.Complies
				}
			}
		}
	}
	return want
}

// checkVerdicts compares an indicator's compiled verdicts on q with want, for every grade 1..9 and
// every answer code, and checks that the kinds of missing are never judged.
func checkVerdicts(t *testing.T, ind *surveys.Indicator, q *surveys.Question, want [10][]surveys.Verdict) {
	t.Helper()
	table, _, err := ind.Verdicts(q)
	if err != nil {
		t.Fatalf("%s on %s: %v", ind.Code, q.Code, err)
	}
	for g := 1; g <= 9; g++ {
		for o := 1; o <= len(q.Options); o++ {
			w := surveys.NotJudged
			if want[g] != nil {
				w = want[g][o]
			}
			if got := table[g][o]; got != w {
				t.Errorf("%s on %s, grade %d, option %d %q: %s, want %s", ind.Code, q.Code, g, o, q.Options[o-1].Text, verdictName(got), verdictName(w))
			}
		}
		for _, a := range []surveys.Answer{surveys.Missing, surveys.Invalid, surveys.NotApplicable, surveys.Answer(len(q.Options) + 1)} {
			if got := table[g][a]; got != surveys.NotJudged {
				t.Errorf("%s on %s, grade %d, answer code %d: %s, want NotJudged", ind.Code, q.Code, g, a, verdictName(got))
			}
		}
	}
}

func verdictName(v surveys.Verdict) string {
	return [...]string{"NotJudged", "Complies", "Violates", "Undeterminable", "CountsAsMissing"}[v]
}

func loadProfile(t *testing.T, nameOrPath string) (*surveys.Profile, []surveys.Warning) {
	t.Helper()
	p, w, err := surveys.LoadProfile(nameOrPath, surveys.Builtins()...)
	if err != nil {
		t.Fatalf("LoadProfile(%q): %v", nameOrPath, err)
	}
	return p, w
}

func TestNational2021Verdicts(t *testing.T) {
	p, warnings := loadProfile(t, "national-2021")
	if len(warnings) != 0 {
		t.Errorf("national-2021 has warnings %v; its limits all fall on answer boundaries", warnings)
	}
	var codes, specCodes []string
	for _, ind := range p.Indicators {
		codes = append(codes, ind.Code)
	}
	for _, s := range nationalSpec {
		specCodes = append(specCodes, s.code)
	}
	for _, s := range teacherIndicatorSpec {
		if s.only {
			specCodes = append(specCodes, s.code)
		}
	}
	if !slices.Equal(codes, specCodes) {
		t.Errorf("indicators %v, want the rows of standards.md %v", codes, specCodes)
	}
	qs := surveys.Builtins()
	student, parent := qs[0], qs[1]
	for _, s := range nationalSpec {
		t.Run(s.code, func(t *testing.T) {
			ind := p.Indicator(s.code)
			if ind == nil {
				t.Fatal("no such indicator")
			}
			if ind.Kind != s.kind {
				t.Errorf("kind %q, want %q", ind.Kind, s.kind)
			}
			if got := student.Questions[s.student-1].Code; ind.Question != got {
				t.Errorf("question %q, want S%d %q", ind.Question, s.student, got)
			}
			want := expectedVerdicts(s.rules, len(student.Question(ind.Question).Options))
			checkVerdicts(t, ind, student.Question(ind.Question), want)
			if s.parent == 0 {
				if parent.Question(ind.Question) != nil {
					t.Errorf("the parent questionnaire has %q; standards.md names no P question", ind.Question)
				}
				return
			}
			pq := parent.Question(ind.Question)
			if pq == nil || pq.Number != s.parent {
				t.Fatalf("parent question %q is not P%d", ind.Question, s.parent)
			}
			checkVerdicts(t, ind, pq, expectedVerdicts(s.rules, len(pq.Options)))
		})
	}
}

func TestNational2021Settings(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	// standards.md: grade bands 一二年级 (1-2), 三至六年级 (3-6), 初中 (7-9); 小学 = 1-6.
	wantBands := []surveys.Band{
		{Code: "1-2", Name: "一二年级", NameEN: "Grades 1-2", Level: "小学", Grades: []int{1, 2}},
		{Code: "3-6", Name: "三至六年级", NameEN: "Grades 3-6", Level: "小学", Grades: []int{3, 4, 5, 6}},
		{Code: "7-9", Name: "初中", NameEN: "Junior secondary", Level: "初中", Grades: []int{7, 8, 9}},
	}
	if !reflect.DeepEqual(p.Bands, wantBands) {
		t.Errorf("bands %+v, want %+v", p.Bands, wantBands)
	}
	for g, want := range map[int]string{1: "1-2", 2: "1-2", 3: "3-6", 6: "3-6", 7: "7-9", 9: "7-9"} {
		if b := p.Band(g); b == nil || b.Code != want {
			t.Errorf("Band(%d) = %v, want %s", g, b, want)
		}
	}
	for _, g := range []int{0, 10} {
		if b := p.Band(g); b != nil {
			t.Errorf("Band(%d) = %v, want nil", g, b)
		}
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"name", p.Name, "national-2021"},
		{"inherits", p.Inherits, ""},
		{"default", surveys.DefaultProfile, "national-2021"},
		// standards.md: "flag threshold (default 20%, with at least 5 violating respondents)".
		{"flag_threshold", p.FlagThreshold, 0.2},
		{"flag_min_violations", p.FlagMinViolations, 5},
		// standards.md: "fewer than the profile's minimum n (default 10)"; "n below 30 carry 样本不足".
		{"min_n", p.MinN, 10},
		{"small_n", p.SmallN, 30},
		// standards.md: "option midpoints: 0, 15, 45, 75, 105 and 135 minutes".
		{"homework_midpoints", p.HomeworkMidpoints, []float64{0, 15, 45, 75, 105, 135}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	// standards.md: measures with no pass/fail: S18, P9, P10, S9/P13, S24, P12, P14.
	var measures []string
	for _, m := range p.Measures {
		measures = append(measures, m.Question)
	}
	slices.Sort(measures)
	// teachers-and-timetables.md: T7, T8, T15-T18 are measures (教师负担).
	want := []string{"after_school_hours", "after_school_service", "homework_load", "hours_at_school", "layered_homework", "non_teaching_hours",
		"pressure", "rating", "satisfaction", "subject_homework_time", "tutoring", "tutoring_hours", "tutoring_spending"}
	if !slices.Equal(measures, want) {
		t.Errorf("measures %v, want %v", measures, want)
	}
	if !slices.Contains(surveys.BuiltinProfiles(), "national-2021") {
		t.Errorf("BuiltinProfiles() = %v lacks national-2021", surveys.BuiltinProfiles())
	}
}

// sameExcept fails unless p equals base in every setting and in every indicator but those named.
func sameExcept(t *testing.T, p, base *surveys.Profile, indicators ...string) {
	t.Helper()
	settings := []struct {
		name      string
		got, want any
	}{
		{"bands", p.Bands, base.Bands},
		{"flag_threshold", p.FlagThreshold, base.FlagThreshold},
		{"flag_min_violations", p.FlagMinViolations, base.FlagMinViolations},
		{"min_n", p.MinN, base.MinN},
		{"small_n", p.SmallN, base.SmallN},
		{"homework_midpoints", p.HomeworkMidpoints, base.HomeworkMidpoints},
		{"quality", p.Quality, base.Quality},
		{"measures", p.Measures, base.Measures},
	}
	for _, s := range settings {
		if !reflect.DeepEqual(s.got, s.want) {
			t.Errorf("%s = %v, want the inherited %v", s.name, s.got, s.want)
		}
	}
	for _, bi := range base.Indicators {
		if slices.Contains(indicators, bi.Code) {
			continue
		}
		pi := p.Indicator(bi.Code)
		if pi == nil {
			t.Errorf("indicator %s was not inherited", bi.Code)
			continue
		}
		if !reflect.DeepEqual(*pi, bi) {
			t.Errorf("indicator %s = %+v, want the inherited %+v", bi.Code, *pi, bi)
		}
	}
}

// verdictsOf spells out verdicts per option: C complies, V violates, U undeterminable.
func verdictsOf(s string) []surveys.Verdict {
	out := []surveys.Verdict{surveys.NotJudged}
	for _, c := range s {
		out = append(out, map[rune]surveys.Verdict{'C': surveys.Complies, 'V': surveys.Violates, 'U': surveys.Undeterminable}[c])
	}
	return out
}

// byGrade expands per-band verdict strings into grades 1..9.
func byGrade(bands map[[2]int]string) [10][]surveys.Verdict {
	var want [10][]surveys.Verdict
	for r, s := range bands {
		for g := r[0]; g <= r[1]; g++ {
			want[g] = verdictsOf(s)
		}
	}
	return want
}

func TestLocalBuiltinProfiles(t *testing.T) {
	national, _ := loadProfile(t, "national-2021")
	tests := []struct {
		name      string
		indicator string
		// standards.md: "Where a local profile's limit splits an answer class (e.g. a 45-minute homework
		// limit against the class 30-60分钟), those answers are 无法判定 … and the tool warns".
		warnIn []string // the warning names these
		want   [10][]surveys.Verdict
	}{
		{
			// anshan-2021: 1-2 none, 3-6 ≤ 45 min, 7-9 ≤ 60 min, against the classes of student Q8.
			name: "anshan-2021", indicator: "homework_time",
			warnIn: []string{"3-6", "45", "30-60分钟"},
			want:   byGrade(map[[2]int]string{{1, 2}: "CVVVVV", {3, 6}: "CCUVVV", {7, 9}: "CCCVVV"}),
		},
		{
			// shandong-bedtime: 1-6 not later than 21:30, 7-9 not later than 22:00, against student Q5.
			name: "shandong-bedtime", indicator: "bedtime",
			warnIn: []string{"1-6", "21:30", "21:20-22:00"},
			want:   byGrade(map[[2]int]string{{1, 6}: "CCUVVV", {7, 9}: "CCCVVV"}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, warnings := loadProfile(t, tt.name)
			if p.Name != tt.name || p.Inherits != "national-2021" {
				t.Errorf("name %q inherits %q, want %q inherits national-2021", p.Name, p.Inherits, tt.name)
			}
			if len(warnings) != 1 {
				t.Fatalf("warnings %v, want exactly one", warnings)
			}
			w := warnings[0]
			if w.Indicator != tt.indicator {
				t.Errorf("warning on %q, want %q", w.Indicator, tt.indicator)
			}
			for _, s := range tt.warnIn {
				if !strings.Contains(w.Message, s) {
					t.Errorf("warning %q does not mention %q", w, s)
				}
			}
			sameExcept(t, p, national, tt.indicator)
			ind, base := p.Indicator(tt.indicator), national.Indicator(tt.indicator)
			if ind.Kind != base.Kind || ind.Name != base.Name || ind.Question != base.Question || ind.Advice != base.Advice {
				t.Errorf("%s's kind, name, question or advice were not inherited: %+v", tt.indicator, *ind)
			}
			for _, q := range surveys.Builtins() {
				if qu := q.Question(ind.Question); qu != nil {
					checkVerdicts(t, ind, qu, tt.want)
				}
			}
		})
	}
}

// writeFiles writes name → content into dir, making subdirectories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// countyProfile is a county office's profile: a stricter flag threshold, a 120-minute homework limit
// for 初中, and an indicator of its own on off-campus tutoring.
const countyProfile = `inherit: national-2021
name: county-2024
title: 某县减负监测标准
flag_threshold: 0.3
indicators:
  - code: homework_time
    rules:
      "1-2": {max: 0}
      "3-6": {max: 60}
      "7-9": {max: 120}
  - code: tutoring_limit
    name: 校外培训时长
    kind: hard
    question: tutoring_hours
    rules: {all: {max: 2}}
`

func TestUserProfile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"county.yaml": countyProfile})
	national, _ := loadProfile(t, "national-2021")
	p, warnings := loadProfile(t, filepath.Join(dir, "county.yaml"))
	if len(warnings) != 0 {
		t.Errorf("warnings %v, want none", warnings)
	}
	if p.Name != "county-2024" || p.Inherits != "national-2021" || p.FlagThreshold != 0.3 {
		t.Errorf("name %q inherits %q flag_threshold %v", p.Name, p.Inherits, p.FlagThreshold)
	}
	p.FlagThreshold = national.FlagThreshold // compared above
	sameExcept(t, p, national, "homework_time")

	student := surveys.Builtins()[0]
	hw := p.Indicator("homework_time")
	if base := national.Indicator("homework_time"); hw.Standard != base.Standard || hw.Kind != base.Kind {
		t.Errorf("homework_time did not keep its other fields: %+v", *hw)
	}
	// The county's rules: 1-2 none, 3-6 ≤ 60 (student Q8 options 1-3), 7-9 ≤ 120 (options 1-5).
	checkVerdicts(t, hw, student.Question("homework_time"),
		byGrade(map[[2]int]string{{1, 2}: "CVVVVV", {3, 6}: "CCCVVV", {7, 9}: "CCCCCV"}))

	added := p.Indicator("tutoring_limit")
	if added == nil {
		t.Fatal("the new indicator is missing")
	}
	if last := p.Indicators[len(p.Indicators)-1].Code; last != "tutoring_limit" {
		t.Errorf("last indicator %s, want the added tutoring_limit", last)
	}
	if added.ComplyPhrase != "符合校外培训时长要求" || added.ViolatePhrase != "不符合校外培训时长要求" || added.NameEN != "tutoring_limit" {
		t.Errorf("defaults of the added indicator: %+v", *added)
	}
	// ≤ 2 hours a week against student Q18: 不参加 and 2小时以内 comply.
	checkVerdicts(t, added, student.Question("tutoring_hours"), byGrade(map[[2]int]string{{1, 9}: "CCVVV"}))
}

// TestUserProfilePartialRules overrides only the 7-9 rule of an indicator, the way an office that
// "overrides a few thresholds" (standards.md) would write it. The profile's own doc says an
// indicator's rules are replaced as a whole, so grades 1-6 lose their rule; that must at least not
// happen silently.
func TestUserProfilePartialRules(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"county.yaml": `inherit: national-2021
name: county-partial
indicators:
  - code: homework_time
    rules:
      "7-9": {max: 120}
`})
	p, warnings := loadProfile(t, filepath.Join(dir, "county.yaml"))
	student := surveys.Builtins()[0]
	table, _, err := p.Indicator("homework_time").Verdicts(student.Question("homework_time"))
	if err != nil {
		t.Fatal(err)
	}
	if table[9][5] != surveys.Complies || table[9][6] != surveys.Violates {
		t.Errorf("grade 9: 90-120分钟 %s, 120分钟以上 %s; want Complies, Violates", verdictName(table[9][5]), verdictName(table[9][6]))
	}
	inherited := table[4][3] == surveys.Complies && table[4][4] == surveys.Violates
	if !inherited && len(warnings) == 0 {
		t.Error("BUG: overriding only the \"7-9\" rule of homework_time silently drops the 1-2 and 3-6 rules " +
			"(every answer of grades 1-6 becomes NotJudged) with no warning; want the other grades inherited, or a warning")
	}
}

func TestProfileInheritsFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"province.yaml":     "inherit: national-2021\nname: province\nflag_threshold: 0.3\n",
		"city/city.yaml":    "inherit: ../province.yaml\nname: city\nmin_n: 20\n",
		"city/county.yaml":  "inherit: city.yaml\nname: county\nflag_min_violations: 3\n",
		"city/sibling.yaml": "inherit: ./city.yaml\nname: sibling\n",
	})
	tests := []struct {
		file     string
		inherits string
		flag     float64
		minN     int
		minViol  int
	}{
		{"province.yaml", "national-2021", 0.3, 10, 5},
		{"city/city.yaml", "../province.yaml", 0.3, 20, 5},
		{"city/county.yaml", "city.yaml", 0.3, 20, 3},
		{"city/sibling.yaml", "./city.yaml", 0.3, 20, 5},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, _ := loadProfile(t, filepath.Join(dir, tt.file))
			if p.Inherits != tt.inherits || p.FlagThreshold != tt.flag || p.MinN != tt.minN || p.FlagMinViolations != tt.minViol {
				t.Errorf("inherits %q flag_threshold %v min_n %d flag_min_violations %d, want %q %v %d %d",
					p.Inherits, p.FlagThreshold, p.MinN, p.FlagMinViolations, tt.inherits, tt.flag, tt.minN, tt.minViol)
			}
			if want := len(nationalSpec) + 2; len(p.Indicators) != want { // + homework_plan, teacher_grading
				t.Errorf("%d indicators, want national-2021's %d", len(p.Indicators), want)
			}
		})
	}
}

func TestProfileInheritanceCycle(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yaml":    "inherit: b.yaml\nname: a\n",
		"b.yaml":    "inherit: a.yaml\nname: b\n",
		"self.yaml": "inherit: self.yaml\nname: self\n",
	})
	for _, file := range []string{"a.yaml", "self.yaml"} {
		t.Run(file, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, _, err := surveys.LoadProfile(filepath.Join(dir, file), surveys.Builtins()...)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Error("no error for an inheritance cycle")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("LoadProfile hangs on an inheritance cycle")
			}
		})
	}
}

// wusiProfile is a 五四制 profile: grade 6 is in 初中 and 小学 is 1-5 (standards.md, last line).
const wusiProfile = `inherit: national-2021
name: wusi
bands:
  - {code: "1-2", name: 一二年级, level: 小学, grades: [1, 2]}
  - {code: "3-5", name: 三至五年级, level: 小学, grades: [3, 4, 5]}
  - {code: "6-9", name: 初中, level: 初中, grades: [6, 7, 8, 9]}
indicators:
  - code: homework_time
    rules: {"1-2": {max: 0}, "3-5": {max: 60}, "6-9": {max: 90}}
  - code: sleep
    rules: {"1-5": {min: 10}, "6-9": {min: 9}}
  - code: bedtime
    rules: {"1-5": {max: "21:20"}, "6-9": {max: "22:00"}}
`

func TestWusiProfile(t *testing.T) {
	p, _, err := surveys.ParseProfile([]byte(wusiProfile), "", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	for g, want := range map[int]string{5: "小学", 6: "初中", 9: "初中"} {
		if b := p.Band(g); b == nil || b.Level != want {
			t.Errorf("Band(%d) = %v, want level %s", g, b, want)
		}
	}
	student := surveys.Builtins()[0]
	tests := []struct {
		indicator string
		want      [10][]surveys.Verdict
	}{
		// standards.md national-2021 rules, with 初中 starting at grade 6.
		{"homework_time", byGrade(map[[2]int]string{{1, 2}: "CVVVVV", {3, 5}: "CCCVVV", {6, 9}: "CCCCVV"})},
		{"sleep", byGrade(map[[2]int]string{{1, 5}: "VVVVC", {6, 9}: "VVVCC"})},
		{"bedtime", byGrade(map[[2]int]string{{1, 5}: "CCVVVV", {6, 9}: "CCCVVV"})},
	}
	for _, tt := range tests {
		t.Run(tt.indicator, func(t *testing.T) {
			ind := p.Indicator(tt.indicator)
			checkVerdicts(t, ind, student.Question(ind.Question), tt.want)
		})
	}
}

func TestParseProfileErrors(t *testing.T) {
	const head = "inherit: national-2021\nname: bad\n"
	tests := []struct {
		name    string
		profile string
		wantErr string // a part of the error message
	}{
		{"unknown top-level key", head + "flag_treshold: 0.3\n", "flag_treshold"},
		{"unknown key without inherit", "name: bad\nflag_treshold: 0.3\n", "flag_treshold"},
		{"unknown indicator key", head + "indicators:\n  - {code: sleep, questoin: sleep}\n", "questoin"},
		{"unknown rule key", head + "indicators:\n  - code: sleep\n    rules: {all: {maks: 9}}\n", "maks"},
		{"rule key beyond grade 9", head + "indicators:\n  - code: sleep\n    rules: {\"3-10\": {min: 9}}\n", "3-10"},
		{"rule key grade 0", head + "indicators:\n  - code: sleep\n    rules: {\"0-9\": {min: 9}}\n", "0-9"},
		{"rule key reversed", head + "indicators:\n  - code: sleep\n    rules: {\"9-7\": {min: 9}}\n", "9-7"},
		{"rule key not a range", head + "indicators:\n  - code: sleep\n    rules: {初中: {min: 9}}\n", "初中"},
		{"two rules cover grade 7", head + "indicators:\n  - code: sleep\n    rules: {\"1-7\": {min: 10}, \"7-9\": {min: 9}}\n", "grade 7"},
		{"all and a range", head + "indicators:\n  - code: sleep\n    rules: {all: {min: 10}, \"7\": {min: 9}}\n", "grade 7"},
		{"unknown question", head + "indicators:\n  - {code: new, name: 新, kind: hard, question: homework_minutes, rules: {all: {max: 60}}}\n", "homework_minutes"},
		{"comply option too large", head + "indicators:\n  - code: no_ranking\n    rules: {all: {comply: [3]}}\n", "comply option 3"},
		{"comply option 0", head + "indicators:\n  - code: no_ranking\n    rules: {all: {comply: [0]}}\n", "comply option 0"},
		{"max on a question with no scale", head + "indicators:\n  - code: no_ranking\n    rules: {all: {max: 1}}\n", "scale"},
		{"min on a question with no scale", head + "indicators:\n  - code: phones\n    rules: {all: {min: 1}}\n", "scale"},
		{"comply and max", head + "indicators:\n  - code: sleep\n    rules: {all: {comply: [5], min: 10}}\n", "exactly one"},
		{"empty rule", head + "indicators:\n  - code: sleep\n    rules: {all: {}}\n", "exactly one"},
		{"bad clock limit", head + "indicators:\n  - code: bedtime\n    rules: {all: {max: \"21:70\"}}\n", "21:70"},
		{"bad number limit", head + "indicators:\n  - code: sleep\n    rules: {all: {min: ten}}\n", "ten"},
		{"bad kind", head + "indicators:\n  - {code: sleep, kind: soft}\n", "soft"},
		{"new indicator without kind", head + "indicators:\n  - {code: new, question: sleep, rules: {all: {min: 9}}}\n", "kind"},
		{"flag_threshold 0", head + "flag_threshold: 0\n", "flag_threshold"},
		{"flag_threshold above 1", head + "flag_threshold: 20\n", "flag_threshold"},
		{"min_n 0", head + "min_n: 0\n", "min_n"},
		{"small_n below min_n", head + "min_n: 40\n", "small_n"},
		{"five midpoints", head + "homework_midpoints: [0, 15, 45, 75, 105]\n", "homework_midpoints"},
		{"band grade 10", head + "bands: [{code: x, grades: [7, 8, 9, 10]}]\n", "grade 10"},
		{"grade in two bands", head + "bands: [{code: x, grades: [1, 2]}, {code: y, grades: [2, 3]}]\n", "grade 2"},
		{"unknown measure", head + "measures: [{question: happiness}]\n", "happiness"},
		{"unknown parent", "inherit: national-2020\nname: bad\n", "national-2020"},
		{"no name", "flag_threshold: 0.2\n", "name"},
		{"indicators not a list", head + "indicators: {code: sleep}\n", "indicators"},
		{"not yaml", "inherit: [national-2021\n", "parse profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := surveys.ParseProfile([]byte(tt.profile), t.TempDir(), surveys.Builtins()...)
			if err == nil {
				t.Fatalf("no error for\n%s", tt.profile)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadProfileErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"typo.yaml": "inherit: national-2021\nname: typo\nflag_treshold: 0.3\n"})
	tests := []struct{ name, path, wantErr string }{
		{"neither built-in nor file", "national-2022", "national-2021"},
		{"error names the file", filepath.Join(dir, "typo.yaml"), "typo.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := surveys.LoadProfile(tt.path, surveys.Builtins()...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

// TestProfileValidationGaps lists profiles that ParseProfile once accepted and must refuse, with or
// without questionnaires to check them against.
func TestProfileValidationGaps(t *testing.T) {
	const head = "inherit: national-2021\nname: gap\n"
	tests := []struct {
		name    string
		profile string
		noQs    bool // parse without questionnaires
		why     string
		wantErr string // a part of the error message
	}{
		{"flag_threshold NaN", head + "flag_threshold: .nan\n", false,
			"flag_threshold .nan passes the (0, 1] check, since NaN compares false both ways", "flag_threshold"},
		{"overlapping rules without questionnaires", head + "indicators:\n  - code: sleep\n    rules: {\"1-7\": {min: 10}, \"7-9\": {min: 9}}\n", true,
			"two rules covering grade 7 were only found when questionnaires were passed; the overlap needs none", "grade 7 is covered by two rules"},
		{"overlapping rules with questionnaires", head + "indicators:\n  - code: sleep\n    rules: {\"1-7\": {min: 10}, \"7-9\": {min: 9}}\n", false,
			"the same overlap, found before the questionnaires are looked at", "grade 7 is covered by two rules"},
		{"empty rule without questionnaires", head + "indicators:\n  - code: sleep\n    rules: {all: {}}\n", true,
			"a rule with none of comply/max/min was only found when questionnaires were passed", "exactly one of comply, max or min"},
		{"rule with max and min without questionnaires", head + "indicators:\n  - code: sleep\n    rules: {all: {min: 9, max: 12}}\n", true,
			"two limits in one rule: which one applies?", "exactly one of comply, max or min"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var qs []*surveys.Questionnaire
			if !tt.noQs {
				qs = surveys.Builtins()
			}
			_, _, err := surveys.ParseProfile([]byte(tt.profile), "", qs...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseProfile(%s) error %v, want one mentioning %q (%s)", tt.name, err, tt.wantErr, tt.why)
			}
		})
	}
}

// TestProfileWithoutNameIsNotTheParent: standards.md says "The report always names the profile it
// applied". A user file that inherits national-2021 and changes a threshold but states no name must
// not come out named national-2021.
func TestProfileWithoutNameIsNotTheParent(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"county.yaml": "inherit: national-2021\nflag_threshold: 0.3\n"})
	p, _, err := surveys.LoadProfile(filepath.Join(dir, "county.yaml"), surveys.Builtins()...)
	if err != nil {
		return // rejecting a profile without a name is fine
	}
	if p.Name == "national-2021" {
		t.Error("BUG: a user profile without `name:` that inherits national-2021 and sets flag_threshold 0.3 " +
			"loads with Name \"national-2021\", so the report names a modified profile as the national one")
	}
}

func TestRuleText(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	student := surveys.Builtins()[0]
	tests := []struct {
		indicator string
		grade     int
		want      string
	}{
		// standards.md national-2021, "complies when", in the report's words.
		{"homework_time", 4, "≤60分钟"},
		{"homework_time", 8, "≤90分钟"},
		{"sleep", 4, "≥10小时"},
		{"sleep", 8, "≥9小时"},
		{"bedtime", 4, "不晚于21:20"},
		{"bedtime", 8, "不晚于22:00"},
		{"morning_start", 4, "不早于8:20"},
		{"morning_start", 8, "不早于8:00"},
		{"exam_count", 4, "≤1次"},
		{"exam_count", 8, "≤2次"},
		{"materials", 5, "≤1套"},
		{"pe_hour", 5, "≥60分钟"},
		{"no_ranking", 5, "否"},
		{"no_occupied_lessons", 5, "从不"},
		{"phones", 5, "没有手机或不带入学校或带入学校但统一保管"},
	}
	for _, tt := range tests {
		ind := p.Indicator(tt.indicator)
		r, ok := ruleFor(ind, tt.grade)
		if !ok {
			t.Errorf("%s: no rule for grade %d", tt.indicator, tt.grade)
			continue
		}
		if got := r.Text(student.Question(ind.Question)); got != tt.want {
			t.Errorf("%s grade %d: Text() = %q, want %q", tt.indicator, tt.grade, got, tt.want)
		}
	}
}

// TestRuleTextNone: standards.md words the 1-2 rules "没有书面家庭作业" and "0次 (no paper exams)";
// a limit of zero reads oddly as "≤0分钟".
func TestRuleTextNone(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	student := surveys.Builtins()[0]
	for _, code := range []string{"homework_time", "exam_count"} {
		ind := p.Indicator(code)
		r, _ := ruleFor(ind, 1)
		want := map[string]string{"homework_time": "没有书面家庭作业", "exam_count": "0次"}[code]
		if got := r.Text(student.Question(ind.Question)); got != want {
			t.Errorf("%s grade 1-2 Rule.Text() = %q; standards.md says %q", code, got, want)
		}
	}
}

func ruleFor(ind *surveys.Indicator, g int) (surveys.Rule, bool) {
	for _, r := range ind.Rules {
		if g >= r.FromGrade && g <= r.ToGrade {
			return r, true
		}
	}
	return surveys.Rule{}, false
}

func TestLimit(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	student := surveys.Builtins()[0]
	hw, sleep := p.Indicator("homework_time"), p.Indicator("sleep")
	tests := []struct {
		ind    *surveys.Indicator
		grade  int
		want   float64
		wantOK bool
	}{
		// standards.md: homework limits 60 min (3-6) and 90 min (7-9), against which the mean is judged.
		{hw, 3, 60, true},
		{hw, 6, 60, true},
		{hw, 7, 90, true},
		{hw, 9, 90, true},
		{sleep, 4, 0, false}, // a minimum, not a Max limit
	}
	for _, tt := range tests {
		got, ok := tt.ind.Limit(student.Question(tt.ind.Question), tt.grade)
		if ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("%s.Limit(grade %d) = %v, %v; want %v, %v", tt.ind.Code, tt.grade, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr bool
	}{
		// The clock bounds of questionnaires.md Q5, Q6, Q22 and standards.md's 21:20, 22:00, 8:20, 8:00.
		{"21:20", 21*60 + 20, false},
		{"22:00", 22 * 60, false},
		{"8:20", 8*60 + 20, false},
		{"08:00", 8 * 60, false},
		{"0:00", 0, false},
		{"23:59", 23*60 + 59, false},
		{"", 0, true},
		{"21", 0, true},
		{"2120", 0, true},
		{"21:60", 0, true},
		{"25:00", 0, true},
		{"25:99", 0, true},
		{"-1:00", 0, true},
		{"21:2x", 0, true},
		{"21:20:00", 0, true},
		{"21：20", 0, true}, // full-width colon
	}
	for _, tt := range tests {
		got, err := surveys.ParseClock(tt.in)
		if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
			t.Errorf("ParseClock(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestParseClockLenient lists strings that are not times of day but that ParseClock accepts.
func TestParseClockLenient(t *testing.T) {
	var accepted []string
	for _, in := range []string{"24:30", "24:59", "-0:30", "+8:20", "8:-0"} {
		if v, err := surveys.ParseClock(in); err == nil {
			accepted = append(accepted, in+" → "+surveys.FormatBound(surveys.ScaleClock, v))
		}
	}
	if len(accepted) > 0 {
		t.Errorf("ParseClock accepts %s", strings.Join(accepted, ", "))
	}
}

func TestFormatBound(t *testing.T) {
	tests := []struct {
		scale surveys.Scale
		v     float64
		want  string
	}{
		{surveys.ScaleClock, 21*60 + 20, "21:20"},
		{surveys.ScaleClock, 8*60 + 20, "8:20"},
		{surveys.ScaleClock, 0, "0:00"},
		{surveys.ScaleMinutes, 60, "60"},
		{surveys.ScaleHours, 9.5, "9.5"},
		{surveys.ScaleCount, 1, "1"},
		{surveys.ScaleYuan, 10000, "10000"},
	}
	for _, tt := range tests {
		if got := surveys.FormatBound(tt.scale, tt.v); got != tt.want {
			t.Errorf("FormatBound(%q, %v) = %q, want %q", tt.scale, tt.v, got, tt.want)
		}
	}
}

func TestClockRoundTrip(t *testing.T) {
	for m := 0; m < 24*60; m++ {
		s := surveys.FormatBound(surveys.ScaleClock, float64(m))
		back, err := surveys.ParseClock(s)
		if err != nil || back != float64(m) {
			t.Fatalf("ParseClock(FormatBound(%d) = %q) = %v, %v", m, s, back, err)
		}
		if again := surveys.FormatBound(surveys.ScaleClock, back); again != s {
			t.Fatalf("FormatBound(ParseClock(%q)) = %q", s, again)
		}
	}
}

func TestWarningString(t *testing.T) {
	w := surveys.Warning{Indicator: "bedtime", Message: "1-6年级：上限 21:30 落在选项“21:20-22:00”之内"}
	if got, want := w.String(), "bedtime: 1-6年级：上限 21:30 落在选项“21:20-22:00”之内"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestProfileErrorLine: style.md asks data errors to carry their location. A typo on line 3 of a
// profile that inherits must be reported on line 3 of that file, not on a line of the merged YAML.
func TestProfileErrorLine(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"typo.yaml": "inherit: national-2021\nname: typo\nflag_treshold: 0.3\n"})
	_, _, err := surveys.LoadProfile(filepath.Join(dir, "typo.yaml"), surveys.Builtins()...)
	if err == nil {
		t.Fatal("no error for flag_treshold")
	}
	if !strings.Contains(err.Error(), "line 3") {
		t.Errorf("BUG: the typo on line 3 of a 3-line inheriting profile is reported as %q", err)
	}
}
