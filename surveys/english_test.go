package surveys_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// textCase is a text the loader produced and the one expected.
type textCase struct{ name, got, want string }

func checkTexts(t *testing.T, tests []textCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// editCase replaces old by new in a definition and expects an error mentioning wantErr.
type editCase struct{ name, old, new, wantErr string }

func checkEdits(t *testing.T, base string, tests []editCase, parse func([]byte) error) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(base, tt.old, tt.new, 1)
			if src == base {
				t.Fatalf("%q is not in the definition", tt.old)
			}
			if err := parse([]byte(src)); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

// englishQuestionnaire gives English in each of the ways a questionnaire may: title_en, text_en,
// options_en for plain option lists, text_en on an option mapping; and leaves some out.
const englishQuestionnaire = `code: mini
title: 测试问卷
title_en: Test questionnaire
grades: [3, 9]
questions:
  - {number: 1, code: school, kind: school, text: 学校？, text_en: "School?"}
  - {number: 2, code: grade, kind: grade, text: 年级？, options: [一年级, 二年级, 三年级, 四年级, 五年级, 六年级, 七年级, 八年级, 九年级]}
  - {number: 3, code: q3, text: 问题？, text_en: "Question?", options: [否, 是], options_en: ["No", "Yes"]}
  - {number: 4, code: t, text: 时间？, scale: clock, options: [{text: 早, text_en: Early, hi: "21:00"}, {text: 晚, lo: "21:00"}]}
`

func TestQuestionnaireEnglish(t *testing.T) {
	q, err := surveys.ParseQuestionnaire([]byte(englishQuestionnaire))
	if err != nil {
		t.Fatal(err)
	}
	tests := []textCase{
		{"title_en", q.TitleEN, "Test questionnaire"},
		{"question text_en", q.Question("school").TextEN, "School?"},
		{"question without text_en keeps its Chinese", q.Question("grade").TextEN, "年级？"},
		{"options_en first", q.Question("q3").Options[0].TextEN, "No"},
		{"options_en second", q.Question("q3").OptionTextEN(2), "Yes"},
		{"option text_en", q.Question("t").Options[0].TextEN, "Early"},
		{"option without text_en keeps its Chinese", q.Question("t").Options[1].TextEN, "晚"},
		{"plain option without options_en keeps its Chinese", q.Question("grade").Options[6].TextEN, "七年级"},
		{"OptionTextEN out of range", q.Question("q3").OptionTextEN(3), ""},
		{"Chinese text untouched", q.Question("q3").Options[1].Text, "是"},
		{"header stays Chinese", q.Question("q3").Header(), "3、问题？"},
	}
	checkTexts(t, tests)
	noEN, err := surveys.ParseQuestionnaire([]byte(minimalQuestionnaire))
	if err != nil {
		t.Fatal(err)
	}
	if noEN.TitleEN != noEN.Title {
		t.Errorf("a questionnaire without title_en has TitleEN %q, want its title %q", noEN.TitleEN, noEN.Title)
	}
}

func TestQuestionnaireEnglishErrors(t *testing.T) {
	tests := []editCase{
		{"options_en too short", `options_en: ["No", "Yes"]`, `options_en: ["No"]`, "options_en has 1 texts for 2 options"},
		{"options_en too long", `options_en: ["No", "Yes"]`, `options_en: ["No", "Yes", "Maybe"]`, "options_en has 3 texts for 2 options"},
		{"options_en beside text_en", `options: [{text: 早, text_en: Early, hi: "21:00"}, {text: 晚, lo: "21:00"}]`,
			`options: [{text: 早, text_en: Early, hi: "21:00"}, {text: 晚, lo: "21:00"}], options_en: [Early, Late]`, "not both"},
		{"misspelt key", "title_en:", "titel_en:", "titel_en"},
	}
	checkEdits(t, englishQuestionnaire, tests, func(src []byte) error {
		_, err := surveys.ParseQuestionnaire(src)
		return err
	})
}

// englishProfile is a root profile that gives English for some texts and not for others.
const englishProfile = `name: en-test
title: 测试标准
title_en: Test standard
description: 说明
bands:
  - {code: "3-6", name: 三至六年级, name_en: Grades 3-6, level: 小学, grades: [3, 4, 5, 6]}
  - {code: "7-9", name: 初中, level: 初中, grades: [7, 8, 9]}
flag_threshold: 0.2
flag_min_violations: 5
min_n: 10
small_n: 30
homework_midpoints: [0, 15, 45, 75, 105, 135]
indicators:
  - code: sleep
    name: 睡眠时间
    name_en: Sleep time
    comply_phrase: 睡眠时间达到规定
    comply_phrase_en: report enough sleep
    violate_phrase: 睡眠时间不足
    violate_phrase_en: report too little sleep
    advice: 保证睡眠。
    advice_en: Protect sleep time.
    kind: hard
    question: sleep
    standard: 小学生每天睡眠10小时
    standard_en: 10 hours a day for primary pupils
    source: 睡眠通知
    source_en: Sleep notice
    rules: {all: {min: 9}}
  - code: bedtime
    name: 就寝时间
    name_en: Bedtime
    kind: reference
    question: bedtime
    standard: 不晚于21:30
    source: 地方要求
    rules: {all: {max: "21:30"}}
  - code: phones
    name: 手机管理
    kind: hard
    question: phones
    rules: {all: {comply: [1, 2]}}
measures:
  - {question: pressure, name: 学习压力, name_en: Study pressure}
  - {question: homework_load, name: 对作业量的感受}
open_themes:
  - {name: 作业, name_en: Homework, keywords: [作业]}
  - {name: 其他}
course_plan:
  source: 课程方案
  source_en: Curriculum plan
  subjects: [语文, 外语]
  subjects_en: {语文: Chinese, 外语: Foreign language}
  synonyms: {英语: 外语}
  self_study: [自习]
`

func TestProfileEnglish(t *testing.T) {
	p, warnings, err := surveys.ParseProfile([]byte(englishProfile), "", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	sleep, bed, phones := p.Indicator("sleep"), p.Indicator("bedtime"), p.Indicator("phones")
	tests := []textCase{
		{"title_en", p.TitleEN, "Test standard"},
		{"description without English", p.DescriptionEN, "说明"},
		{"band name_en", p.Bands[0].NameEN, "Grades 3-6"},
		{"band without name_en", p.Bands[1].NameEN, "初中"},
		{"comply_phrase_en", sleep.ComplyPhraseEN, "report enough sleep"},
		{"violate_phrase_en", sleep.ViolatePhraseEN, "report too little sleep"},
		{"advice_en", sleep.AdviceEN, "Protect sleep time."},
		{"standard_en", sleep.StandardEN, "10 hours a day for primary pupils"},
		{"source_en", sleep.SourceEN, "Sleep notice"},
		{"standard without English", bed.StandardEN, "不晚于21:30"},
		{"source without English", bed.SourceEN, "地方要求"},
		{"advice without either", bed.AdviceEN, ""},
		{"default comply phrase from name_en", bed.ComplyPhraseEN, "comply with the standard on bedtime"},
		{"default violate phrase from name_en", bed.ViolatePhraseEN, "do not comply with the standard on bedtime"},
		{"default phrase without name_en keeps the Chinese", phones.ComplyPhraseEN, "符合手机管理要求"},
		{"measure name_en", p.Measures[0].NameEN, "Study pressure"},
		{"measure without name_en", p.Measures[1].NameEN, "对作业量的感受"},
		{"open theme name_en", p.OpenThemes[0].NameEN, "Homework"},
		{"open theme without name_en", p.OpenThemes[1].NameEN, "其他"},
		{"course plan source_en", p.CoursePlan.SourceEN, "Curriculum plan"},
		{"subject", p.CoursePlan.SubjectEN("语文"), "Chinese"},
		{"subject by synonym", p.CoursePlan.SubjectEN("英语"), "Foreign language"},
		{"subject full-width spaced", p.CoursePlan.SubjectEN("语　文"), "Chinese"},
		{"self-study without English", p.CoursePlan.SubjectEN("自习"), "自习"},
		{"unknown subject", p.CoursePlan.SubjectEN("书法"), "书法"},
	}
	checkTexts(t, tests)
	// 21:30 falls inside the bedtime option 21:20-22:00: the warning in both languages.
	if len(warnings) != 1 {
		t.Fatalf("warnings %v, want one", warnings)
	}
	if got, want := warnings[0].StringEN(), "bedtime: grades 1-9: the upper limit 21:30 falls inside the option “21:20-22:00”; these answers will count as undeterminable"; got != want {
		t.Errorf("StringEN() = %q, want %q", got, want)
	}
	if !strings.Contains(warnings[0].String(), "上限 21:30 落在选项“21:20-22:00”之内") {
		t.Errorf("String() = %q", warnings[0].String())
	}
	var nilPlan *surveys.CoursePlan
	if got := nilPlan.SubjectEN("语文"); got != "语文" {
		t.Errorf("nil plan: SubjectEN = %q, want the name unchanged", got)
	}
}

// TestProfileEnglishInherited: a profile that inherits and restates a Chinese text without its
// English must not be shown with the parent's English for the old text.
func TestProfileEnglishInherited(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"base.yaml": englishProfile,
		"local.yaml": `inherit: base.yaml
name: local
title: 地方标准
indicators:
  - code: sleep
    standard: 每天睡眠9小时
    advice: 地方建议。
    advice_en: Local advice.
course_plan:
  source: 地方课程表
  subjects_en: {外语: English}
`,
	})
	p, _, err := surveys.LoadProfile(filepath.Join(dir, "local.yaml"), surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	sleep := p.Indicator("sleep")
	tests := []textCase{
		{"restated title without English", p.TitleEN, "地方标准"},
		{"restated standard without English", sleep.StandardEN, "每天睡眠9小时"},
		{"restated advice with English", sleep.AdviceEN, "Local advice."},
		{"inherited source keeps its English", sleep.SourceEN, "Sleep notice"},
		{"inherited phrase keeps its English", sleep.ViolatePhraseEN, "report too little sleep"},
		{"restated course plan source", p.CoursePlan.SourceEN, "地方课程表"},
		{"subject English overridden", p.CoursePlan.SubjectEN("外语"), "English"},
		{"subject English inherited", p.CoursePlan.SubjectEN("语文"), "Chinese"},
	}
	checkTexts(t, tests)
}

func TestProfileEnglishErrors(t *testing.T) {
	tests := []editCase{
		{"subject English for no subject", "subjects_en: {语文: Chinese,", "subjects_en: {书法: Calligraphy, 语文: Chinese,", "course_plan.subjects_en[书法]"},
		{"empty subject English", "subjects_en: {语文: Chinese,", `subjects_en: {语文: "",`, "empty"},
		{"misspelt key", "standard_en:", "standrd_en:", "standrd_en"},
	}
	checkEdits(t, englishProfile, tests, func(src []byte) error {
		_, _, err := surveys.ParseProfile(src, "", surveys.Builtins()...)
		return err
	})
}

func TestRuleTextEN(t *testing.T) {
	student := surveys.Builtins()[0]
	tests := []struct {
		name     string
		rule     surveys.Rule
		question string
		want     string
	}{
		{"max minutes", surveys.Rule{Max: "60"}, "homework_time", "≤ 60 minutes"},
		{"min hours", surveys.Rule{Min: "9"}, "sleep", "≥ 9 hours"},
		{"max clock", surveys.Rule{Max: "21:20"}, "bedtime", "no later than 21:20"},
		{"min clock", surveys.Rule{Min: "8:20"}, "morning_start", "no earlier than 8:20"},
		{"max count", surveys.Rule{Max: "2"}, "exam_count", "≤ 2"},
		{"materials", surveys.Rule{Max: "1"}, "materials", "≤ 1 set per subject"},
		{"none", surveys.Rule{Max: "0"}, "homework_time", student.Question("homework_time").Options[0].TextEN},
		{"options", surveys.Rule{Comply: []int{1, 2}}, "phones", student.Question("phones").Options[0].TextEN + " or " + student.Question("phones").Options[1].TextEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.TextEN(student.Question(tt.question)); got != tt.want {
				t.Errorf("TextEN = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBuiltinWarningsEnglish: the load warnings of the built-in local profiles, in both languages,
// name the same grades, limit and option.
func TestBuiltinWarningsEnglish(t *testing.T) {
	tests := []struct {
		profile string
		zh, en  []string
	}{
		{"anshan-2021",
			[]string{"homework_time: 3-6年级：上限 45 落在选项“30-60分钟”之内，这些回答将计为无法判定"},
			[]string{"homework_time: grades 3-6: the upper limit 45 falls inside the option “30-60 minutes”; these answers will count as undeterminable"}},
		{"shandong-bedtime",
			[]string{"bedtime: 1-6年级：上限 21:30 落在选项“21:20-22:00”之内，这些回答将计为无法判定"},
			[]string{"bedtime: grades 1-6: the upper limit 21:30 falls inside the option “21:20-22:00”; these answers will count as undeterminable"}},
		{"national-2021", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			_, warnings := loadProfile(t, tt.profile)
			var zh, en []string
			for _, w := range warnings {
				zh, en = append(zh, w.String()), append(en, w.StringEN())
			}
			if !slices.Equal(zh, tt.zh) || !slices.Equal(en, tt.en) {
				t.Errorf("warnings\n zh %q\n en %q\nwant\n zh %q\n en %q", zh, en, tt.zh, tt.en)
			}
		})
	}
}
