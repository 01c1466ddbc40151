package analysis

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// teacherCounty builds a two-school county with students and teachers answering no_makeup_classes
// and paid tutoring, counts chosen by hand:
//   - 甲中学 (初中): 40 students, 4 say 是 (make-up classes); 20 teachers, 16 say 是 → they disagree;
//     paid tutoring: 20 teachers, 2 有, 8 不清楚, 10 没有.
//   - 乙中学 (初中): 40 students, 4 say 是; 20 teachers, 2 say 是 → they agree.
func teacherCounty(t *testing.T) *Results {
	t.Helper()
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	stu, _ := surveys.Builtin("student")
	tea, _ := surveys.Builtin("teacher")
	schools := []surveys.School{{Name: "甲中学", Stage: surveys.StageJunior}, {Name: "乙中学", Stage: surveys.StageJunior}}
	sd := &surveys.Dataset{Questionnaire: stu, Schools: schools, Answers: make([][]surveys.Answer, len(stu.Questions))}
	td := &surveys.Dataset{Questionnaire: tea, Schools: schools, Answers: make([][]surveys.Answer, len(tea.Questions))}
	sm, tm, tp := stu.Index("makeup_classes"), tea.Index("makeup_classes"), tea.Index("paid_tutoring")
	for i := range stu.Questions {
		if stu.Questions[i].Kind == surveys.KindChoice {
			sd.Answers[i] = []surveys.Answer{}
		}
	}
	for i := range tea.Questions {
		if tea.Questions[i].Kind == surveys.KindChoice {
			td.Answers[i] = []surveys.Answer{}
		}
	}
	for s := range 2 {
		for k := range 40 {
			sd.School = append(sd.School, uint16(s))
			sd.Grade = append(sd.Grade, 8)
			sd.Class = append(sd.Class, 0)
			for i := range sd.Answers {
				if sd.Answers[i] != nil {
					a := surveys.Answer(1)
					if i == sm && k < 4 {
						a = 2 // 是
					}
					sd.Answers[i] = append(sd.Answers[i], a)
				}
			}
		}
		for k := range 20 {
			td.School = append(td.School, uint16(s))
			td.Grade = append(td.Grade, 7) // 初中
			td.Class = append(td.Class, 0)
			for i := range td.Answers {
				if td.Answers[i] == nil {
					continue
				}
				a := surveys.Answer(1)
				switch {
				case i == tm && ((s == 0 && k < 16) || (s == 1 && k < 2)):
					a = 1 // 是
				case i == tm:
					a = 2 // 否
				case i == tp && k < 2:
					a = 1 // 有
				case i == tp && k < 10:
					a = 3 // 不清楚: 未答
				case i == tp:
					a = 2 // 没有
				}
				td.Answers[i] = append(td.Answers[i], a)
			}
		}
	}
	sd.Classes = []surveys.ClassKey{{School: 0, Grade: 8, Label: "1"}}
	td.Classes = sd.Classes
	r, err := Analyze(Input{Datasets: []*surveys.Dataset{sd, td}, Schools: schools, Profile: p, RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTeacherCounts(t *testing.T) {
	r := teacherCounty(t)
	ir := r.Indicator("no_paid_tutoring", "teacher")
	if ir == nil {
		t.Fatal("no teacher result for no_paid_tutoring")
	}
	// Per school: 2 有 violate, 10 没有 comply, 8 不清楚 are 未答.
	for _, sr := range ir.Schools {
		if sr.Comply != 10 || sr.Violate != 2 || sr.Missing != 8 || sr.NotApplicable != 0 {
			t.Errorf("school %d: %+v, want 10 comply, 2 violate, 8 未答", sr.School, sr.Counts)
		}
	}
	if len(ir.Grades) != 0 {
		t.Errorf("teacher results have grades %v; a teacher's grade only stands for the stage", ir.Grades)
	}
	for _, rr := range r.ResponseRates {
		if rr.Questionnaire == "teacher" {
			t.Errorf("response rate %+v for teachers: teachers are no share of the pupils enrolled", rr)
		}
	}
}

func TestTeacherVoices(t *testing.T) {
	r := teacherCounty(t)
	vs := TeacherVoices(r)
	var codes []string
	for _, v := range vs {
		codes = append(codes, v.Indicator.Code)
	}
	// Every indicator the teachers share with students; homework_plan and teacher_grading are theirs alone.
	want := []string{"exam_count", "no_ranking", "no_makeup_classes", "no_paid_tutoring", "no_occupied_lessons"}
	if !slices.Equal(codes, want) {
		t.Fatalf("voices on %v, want %v", codes, want)
	}
	v := vs[slices.Index(codes, "no_makeup_classes")]
	if len(v.Schools) != 2 {
		t.Fatalf("%d school units, want 2", len(v.Schools))
	}
	// 甲: students 4/40 violate (10%), teachers 16/20 (80%): Newcombe's interval of the difference of
	// the compliance shares (0.9 − 0.2 = 0.7) lies far from 0. 乙: 10% against 10%.
	a, b := v.Schools[0], v.Schools[1]
	if !slices.Equal(a.Disagree, []string{"student"}) || len(b.Disagree) != 0 {
		t.Errorf("disagreements %v and %v, want [student] and none", a.Disagree, b.Disagree)
	}
	if a.Band.Code != "7-9" || a.Student.Judged() != 40 || a.Teacher.Judged() != 20 {
		t.Errorf("甲: band %s, %d students, %d teachers judged", a.Band.Code, a.Student.Judged(), a.Teacher.Judged())
	}
	txt := a.DisagreementText(v.Indicator)
	if txt != "学生反映学校在周末、节假日或寒暑假组织集体补课的占10.0%，教师反映学校在周末、节假日或寒暑假组织集体补课的占80.0%" {
		t.Errorf("text %q", txt)
	}
	if b.DisagreementText(v.Indicator) != "" {
		t.Error("乙 agrees, yet has a text")
	}
}

func TestDiffers(t *testing.T) {
	est := func(comply, violate int) Estimate {
		return Estimate{Counts: Counts{Valid: comply + violate, Comply: comply, Violate: violate}}
	}
	tests := []struct {
		name string
		a, b Estimate
		want bool
	}{
		{"far apart", est(36, 4), est(4, 16), true},
		{"equal", est(36, 4), est(18, 2), false},
		// 30/40 = 0.75 against 10/20 = 0.5: d = 0.25, Newcombe's interval -0.0017 to 0.478 (computed by hand
		// from the two Wilson intervals), so not yet.
		{"close", est(30, 10), est(10, 10), false},
		{"suppressed", Estimate{Counts: Counts{Valid: 5, Comply: 5}, Suppressed: true}, est(0, 20), false},
		{"empty", Estimate{}, est(0, 20), false},
	}
	for _, tt := range tests {
		if got := differs(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: differs = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTeacherBurdens(t *testing.T) {
	tea, _ := surveys.Builtin("teacher")
	q := tea.Question("hours_at_school")
	d := &Distribution{Measure: surveys.Measure{Question: q.Code, Name: "在校时间"}, Questionnaire: tea, Question: q,
		Overall: OptionCounts{Options: []int{10, 50, 30, 10}},
		Schools: []SchoolDistribution{{School: 0, OptionCounts: OptionCounts{Options: []int{1, 2, 3, 4}}}, {School: 1, OptionCounts: OptionCounts{Options: []int{1, 1, 1, 0}}, Suppressed: true}}}
	tbs := TeacherBurdens(&Results{Measures: []*Distribution{d}})
	if len(tbs) != 1 {
		t.Fatalf("%d burdens, want 1", len(tbs))
	}
	tb := tbs[0]
	// Heavy: 10-12小时 and 12小时以上: (30 + 10) / 100.
	if math.Abs(tb.Share-0.4) > 1e-12 || tb.Heavy != "10-12小时、12小时以上" || !strings.Contains(tb.Phrase, "10小时以上") {
		t.Errorf("burden %+v, want 40%% over 10-12小时、12小时以上", tb)
	}
	if s := tb.Schools[0]; s.N != 10 || s.Heavy != 7 || math.Abs(s.Share-0.7) > 1e-12 {
		t.Errorf("school 0: %+v, want 7 of 10", s)
	}
	if !tb.Schools[1].Suppressed {
		t.Error("school 1 below min_n is not suppressed")
	}
}
