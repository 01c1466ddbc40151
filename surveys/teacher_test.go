package surveys_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// teacherIndicatorSpec transcribes the teacher indicators of teachers-and-timetables.md (profile
// national-2021) into option numbers of the teacher questionnaire: question is T-number; comply and
// missing are the options that comply and that count as 未答, for the stage's grade (小学 judged by
// grade 3's rules, 初中 by grade 7's).
var teacherIndicatorSpec = []struct {
	code     string
	question int
	only     bool  // asked of teachers only
	primary  []int // complying options for a 小学 teacher
	junior   []int // … for a 初中 teacher
	missing  []int
}{
	// homework_plan T6: complies with 有，每周执行.
	{"homework_plan", 6, true, []int{1}, []int{1}, nil},
	// teacher_grading T9: complies with the first two options.
	{"teacher_grading", 9, true, []int{1, 2}, []int{1, 2}, nil},
	// exam_count T10 "as for students": 3-6 ≤ 1 (0次, 1次), 7-9 ≤ 2.
	{"exam_count", 10, false, []int{1, 2}, []int{1, 2, 3}, nil},
	// no_ranking T11 (是, 否): 否.
	{"no_ranking", 11, false, []int{2}, []int{2}, nil},
	// no_makeup_classes T12 (是, 否): 否.
	{"no_makeup_classes", 12, false, []int{2}, []int{2}, nil},
	// no_paid_tutoring T13 (有, 没有, 不清楚): 没有; 不清楚 is 未答.
	{"no_paid_tutoring", 13, false, []int{2}, []int{2}, []int{3}},
	// no_occupied_lessons T14 (经常, 偶尔, 从不): 从不.
	{"no_occupied_lessons", 14, false, []int{3}, []int{3}, nil},
}

func TestNational2021TeacherVerdicts(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	teacher, err := surveys.Builtin("teacher")
	if err != nil {
		t.Fatal(err)
	}
	stage := &teacher.Questions[teacher.GradeQuestion()]
	if stage.Kind != surveys.KindStage || stage.Options[0].Grade != 3 || stage.Options[1].Grade != 7 {
		t.Fatalf("stage question %+v: want 小学 judged as grade 3, 初中 as grade 7", stage)
	}
	asked := map[string]bool{}
	for _, s := range teacherIndicatorSpec {
		t.Run(s.code, func(t *testing.T) {
			ind := p.Indicator(s.code)
			if ind == nil {
				t.Fatal("no such indicator")
			}
			q := teacher.Question(ind.Question)
			if q == nil || q.Number != s.question {
				t.Fatalf("teacher question %q is not T%d", ind.Question, s.question)
			}
			asked[s.code] = true
			table, warnings, err := ind.Verdicts(q)
			if err != nil || len(warnings) > 0 {
				t.Fatalf("Verdicts: %v %v", err, warnings)
			}
			for _, g := range []struct {
				grade  int
				comply []int
			}{{3, s.primary}, {7, s.junior}} {
				for o := 1; o <= len(q.Options); o++ {
					want := surveys.Violates
					switch {
					case slices.Contains(g.comply, o):
						want = surveys.Complies
					case slices.Contains(s.missing, o):
						want = surveys.CountsAsMissing
					}
					if got := table[g.grade][o]; got != want {
						t.Errorf("grade %d option %d %q: %s, want %s", g.grade, o, q.Options[o-1].Text, verdictName(got), verdictName(want))
					}
				}
			}
		})
	}
	// No other indicator of the profile reads a teacher question.
	for _, ind := range p.Indicators {
		if teacher.Question(ind.Question) != nil && !asked[ind.Code] {
			t.Errorf("indicator %s reads teacher question %q, which the spec does not list", ind.Code, ind.Question)
		}
	}
	// The students' rules are untouched by the teachers' own.
	if ind := p.Indicator("no_paid_tutoring"); len(ind.Rules) != 1 || !slices.Equal(ind.Rules[0].Comply, []int{1}) || ind.Rules[0].Missing != nil {
		t.Errorf("no_paid_tutoring's student rules changed: %+v", ind.Rules)
	}
}

func TestQuestionnaireRulesErrors(t *testing.T) {
	tests := []struct {
		name, rules, wantErr string
	}{
		{"unknown indicator", "questionnaire_rules: {teacher: {no_such: {all: {comply: [1]}}}}", `no indicator "no_such"`},
		{"bad grade range", "questionnaire_rules: {teacher: {no_ranking: {\"0-3\": {comply: [1]}}}}", "grade range"},
		{"missing with a limit", "questionnaire_rules: {teacher: {exam_count: {all: {max: 1, missing: [5]}}}}", "missing"},
		{"missing also complies", "questionnaire_rules: {teacher: {no_paid_tutoring: {all: {comply: [2], missing: [2]}}}}", "also complies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "inherit: national-2021\nname: test\n" + tt.rules + "\n"
			_, _, err := surveys.ParseProfile([]byte(src), "", surveys.Builtins()...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestNational2021OpenThemes(t *testing.T) {
	p, _ := loadProfile(t, "national-2021")
	// teachers-and-timetables.md: keyword lists for 作业, 睡眠, 考试, 补课/培训, 收费, 手机, 体育, 其他.
	want := []string{"作业", "睡眠", "考试", "补课/培训", "收费", "手机", "体育", "其他"}
	var got []string
	for _, th := range p.OpenThemes {
		got = append(got, th.Name)
		if (len(th.Keywords) == 0) != (th.Name == "其他") {
			t.Errorf("theme %s has %d keywords; only 其他 has none", th.Name, len(th.Keywords))
		}
		for _, k := range th.Keywords {
			if len([]rune(k)) < 2 && k != "钱" {
				t.Errorf("theme %s: one-character keyword %q is part of too many everyday words", th.Name, k)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("open themes %v, want %v", got, want)
	}
	_, _, err := surveys.ParseProfile([]byte("inherit: national-2021\nname: t\nopen_themes: [{name: 作业}, {name: 作业}]\n"), "", surveys.Builtins()...)
	if err == nil || !strings.Contains(err.Error(), "used twice") {
		t.Errorf("a theme named twice: error %v", err)
	}
}

func TestParseQuestionnaireNewKinds(t *testing.T) {
	const head = "code: mini\ntitle: 测试\ngrades: [1, 9]\nquestions:\n  - {number: 1, code: school, kind: school, text: 学校？}\n"
	tests := []struct {
		name, questions, wantErr string
	}{
		{"stage stands for the grade", "  - {number: 2, code: stage, kind: stage, text: 学段？, options: [{text: 小学, grade: 3}, {text: 初中, grade: 7}]}\n", ""},
		{"stage option without grade", "  - {number: 2, code: stage, kind: stage, text: 学段？, options: [{text: 小学, grade: 3}, 初中]}\n", "grade: belongs on every option"},
		{"grade on a choice option", "  - {number: 2, code: grade, kind: grade, text: 年级？}\n  - {number: 3, code: q, text: 问？, options: [{text: 是, grade: 3}, 否]}\n", "grade: belongs on every option"},
		{"stage grade out of range", "  - {number: 2, code: stage, kind: stage, text: 学段？, options: [{text: 小学, grade: 3}, {text: 初中, grade: 10}]}\n", "not 1-9"},
		{"open with options", "  - {number: 2, code: grade, kind: grade, text: 年级？}\n  - {number: 3, code: c, kind: open, text: 意见？, options: [有, 无]}\n", "no options"},
		{"multi with one option", "  - {number: 2, code: grade, kind: grade, text: 年级？}\n  - {number: 3, code: m, kind: multi, text: 多选？, options: [甲]}\n", "at least two options"},
		{"no grade or stage", "  - {number: 2, code: c, kind: open, text: 意见？}\n", "no grade (or stage) question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := surveys.ParseQuestionnaire([]byte(head + tt.questions))
			if tt.wantErr == "" {
				if err != nil || !q.ByStage() || q.Questions[q.GradeQuestion()].Options[1].Grade != 7 {
					t.Fatalf("ParseQuestionnaire: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}
