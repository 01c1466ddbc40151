package surveys_test

import (
	"fmt"

	"github.com/jianfu-edu/jianfu/surveys"
)

// A local profile inherits national-2021 and overrides a few limits. anshan-2021 sets a 45-minute
// homework limit for grades 3-6, which falls inside the answer class 30-60分钟: loading it warns, and
// those answers are counted as 无法判定 (cannot be judged).
func ExampleLoadProfile() {
	p, warnings, err := surveys.LoadProfile("anshan-2021", surveys.Builtins()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s (inherits %s)\n", p.Title, p.Inherits)
	for _, w := range warnings {
		fmt.Println("warning:", w)
	}

	student := surveys.Builtins()[0]
	q := student.Question("homework_time")
	verdicts, _, _ := p.Indicator("homework_time").Verdicts(q)
	// One line per rule: the verdict on each option of student Q8, 没有书面家庭作业 … 120分钟以上
	// (✓ complies, ✗ violates, ? cannot be judged).
	for _, r := range p.Indicator("homework_time").Rules {
		fmt.Printf("%d-%d年级:", r.FromGrade, r.ToGrade)
		for a := 1; a <= len(q.Options); a++ {
			fmt.Printf(" %s", [...]string{"-", "✓", "✗", "?"}[verdicts[r.FromGrade][a]])
		}
		fmt.Println()
	}
	// Output:
	// 鞍山市作业管理要求（2021） (inherits national-2021)
	// warning: homework_time: 3-6年级：上限 45 落在选项“30-60分钟”之内，这些回答将计为无法判定
	// 1-2年级: ✓ ✗ ✗ ✗ ✗ ✗
	// 3-6年级: ✓ ✓ ? ✗ ✗ ✗
	// 7-9年级: ✓ ✓ ✓ ✗ ✗ ✗
}

// Every text a report shows has an English twin for --lang en. A built-in profile gives them all; a
// user's own profile without English keeps its Chinese texts.
func ExampleIndicator_english() {
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	sleep := p.Indicator("sleep")
	fmt.Println(sleep.NameEN + ": " + sleep.StandardEN)
	fmt.Println("40.0% of students " + sleep.ViolatePhraseEN)
	student := surveys.Builtins()[0]
	for _, r := range sleep.Rules {
		fmt.Printf("grades %d-%d: %s\n", r.FromGrade, r.ToGrade, r.TextEN(student.Question("sleep")))
	}
	fmt.Println(surveys.GradeNameEN(7), "/", p.CoursePlan.SubjectEN("英语"), "/", surveys.LevelEN("初中"), "/", surveys.WeekdayEN("周六"))
	// Output:
	// Sleep time: 10 hours of sleep a day for primary pupils, 9 hours for junior secondary students
	// 40.0% of students report too little sleep
	// grades 1-6: ≥ 10 hours
	// grades 7-9: ≥ 9 hours
	// Grade 7 / Foreign language / junior secondary / Saturday
}
