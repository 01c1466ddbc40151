package surveys

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func nationalPlan(t *testing.T) *CoursePlan {
	t.Helper()
	p, _, err := LoadProfile(DefaultProfile, Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	if p.CoursePlan == nil {
		t.Fatal("national-2021 has no course plan")
	}
	return p.CoursePlan
}

// TestNationalCoursePlan checks the numbers the 2022 national course plan fixes
// (../shared/spec/teachers-and-timetables.md).
func TestNationalCoursePlan(t *testing.T) {
	c := nationalPlan(t)
	wantTotal := [10]int{0, 26, 26, 30, 30, 30, 30, 34, 34, 34}
	if c.WeeklyTotal != wantTotal {
		t.Errorf("weekly totals %v, want %v", c.WeeklyTotal, wantTotal)
	}
	req := map[int][]string{
		1: {"道德与法治", "语文", "数学", "科学", "体育与健康", "艺术", "劳动", "综合实践活动"},
		3: {"道德与法治", "语文", "数学", "外语", "科学", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动"},
		7: {"道德与法治", "语文", "数学", "外语", "生物学", "历史", "地理", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动"},
		8: {"道德与法治", "语文", "数学", "外语", "物理", "生物学", "历史", "地理", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动"},
		9: {"道德与法治", "语文", "数学", "外语", "物理", "化学", "历史", "体育与健康", "艺术", "劳动", "综合实践活动"},
	}
	for g, want := range req {
		if !reflect.DeepEqual(c.Required[g], want) {
			t.Errorf("grade %d requires %v, want %v", g, c.Required[g], want)
		}
	}
	bounds := []struct {
		grade   int
		subject string
		min     float64
	}{{1, "体育与健康", 4}, {2, "体育与健康", 4}, {3, "体育与健康", 3}, {9, "体育与健康", 3}, {1, "劳动", 1}, {9, "劳动", 1}}
	for _, b := range bounds {
		lo, hi, ok := c.Bounds(b.grade, b.subject)
		if !ok || lo != b.min || !math.IsNaN(hi) {
			t.Errorf("grade %d %s: bounds %v-%v %v, want ≥%v", b.grade, b.subject, lo, hi, ok, b.min)
		}
	}
	if _, _, ok := c.Bounds(7, "数学"); ok {
		t.Error("the national plan states no periods for 数学; they are provincial")
	}
	if got := c.AlternativesFor(8, "物理"); !reflect.DeepEqual(got, []string{"科学"}) {
		t.Errorf("alternatives for 物理 in grade 8: %v", got)
	}
	if got := c.AlternativesFor(5, "物理"); got != nil {
		t.Errorf("alternatives for 物理 in grade 5: %v", got)
	}
	if got := c.AlternativesFor(7, "地理"); !reflect.DeepEqual(got, []string{"历史与社会"}) {
		t.Errorf("alternatives for 地理 in grade 7: %v", got)
	}
}

func TestCanonical(t *testing.T) {
	c := nationalPlan(t)
	cases := []struct {
		in   string
		want string
		kind LessonKind
	}{
		{"英语", "外语", LessonSubject},
		{"英　语", "外语", LessonSubject},
		{"品德", "道德与法治", LessonSubject},
		{"思品", "道德与法治", LessonSubject},
		{"道法", "道德与法治", LessonSubject},
		{"美术", "艺术", LessonSubject},
		{"音乐", "艺术", LessonSubject},
		{"信息技术", "信息科技", LessonSubject},
		{"体育", "体育与健康", LessonSubject},
		{"综合实践", "综合实践活动", LessonSubject},
		{"自习", "自习", LessonSelfStudy},
		{"书法", "书法", LessonUnknown},
		{"ＰＥ", "PE", LessonUnknown},
	}
	for _, cs := range cases {
		got, kind := c.Canonical(cs.in)
		if got != cs.want || kind != cs.kind {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", cs.in, got, kind, cs.want, cs.kind)
		}
	}
}

// TestDemoCoursePlan: the demo county's profile carries the periods seed 002 quotes and keeps the
// national ones.
func TestDemoCoursePlan(t *testing.T) {
	p, _, err := LoadProfile("qingxi-demo", Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	c := p.CoursePlan
	for _, w := range []struct {
		grade   int
		subject string
		n       float64
	}{{7, "语文", 6}, {7, "数学", 4}, {7, "外语", 4}, {7, "生物学", 3}, {8, "物理", 3}} {
		lo, hi, ok := c.Bounds(w.grade, w.subject)
		if !ok || lo != w.n || hi != w.n {
			t.Errorf("grade %d %s: %v-%v, want %v", w.grade, w.subject, lo, hi, w.n)
		}
	}
	if lo, _, _ := c.Bounds(7, "体育与健康"); lo != 3 {
		t.Errorf("the national PE minimum is lost: %v", lo)
	}
	if c.WeeklyTotal[7] != 34 {
		t.Errorf("weekly total %d", c.WeeklyTotal[7])
	}
}

func writeProfile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "local.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLocalCoursePlan: a local profile moves totals grade by grade, and its rows replace the
// parent's for the grades and subjects they name.
func TestLocalCoursePlan(t *testing.T) {
	path := writeProfile(t, `inherit: national-2021
name: local
course_plan:
  weekly_total: {"1-2": 29}
  synonyms: {英文: 外语}
  periods:
    - {grade: 7, subject: 体育与健康, min: 4, max: 4}
    - {grade: "7-9", subject: 数学, min: 4, max: 5}
`)
	p, _, err := LoadProfile(path, Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	c := p.CoursePlan
	if c.WeeklyTotal != [10]int{0, 29, 29, 30, 30, 30, 30, 34, 34, 34} {
		t.Errorf("totals %v", c.WeeklyTotal)
	}
	for _, w := range []struct {
		grade    int
		subject  string
		min, max float64
	}{{7, "体育与健康", 4, 4}, {6, "体育与健康", 3, math.NaN()}, {8, "体育与健康", 3, math.NaN()}, {1, "体育与健康", 4, math.NaN()}, {8, "数学", 4, 5}} {
		lo, hi, ok := c.Bounds(w.grade, w.subject)
		if !ok || lo != w.min || !(hi == w.max || math.IsNaN(hi) && math.IsNaN(w.max)) {
			t.Errorf("grade %d %s: %v-%v, want %v-%v", w.grade, w.subject, lo, hi, w.min, w.max)
		}
	}
	if s, k := c.Canonical("英文"); s != "外语" || k != LessonSubject {
		t.Errorf("英文 → %q", s)
	}
	if s, _ := c.Canonical("英语"); s != "外语" {
		t.Errorf("the parent's synonyms are lost: 英语 → %q", s)
	}
}

// TestCoursePlanErrors: a mistake in course_plan is refused with a message naming its key.
func TestCoursePlanErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown subject in required", `required: {"1-9": [语文, 书法]}`, `course_plan.required[1-9]: "书法" is not in course_plan.subjects`},
		{"bad grade range", `periods: [{grade: "7-10", subject: 数学, min: 4}]`, `course_plan.periods[0].grade`},
		{"min above max", `periods: [{grade: 7, subject: 数学, min: 5, max: 4}]`, `course_plan.periods[0] (数学): min 5 is above max 4`},
		{"no bound", `periods: [{grade: 7, subject: 数学}]`, `course_plan.periods[0] (数学): needs min or max`},
		{"negative", `periods: [{grade: 7, subject: 数学, min: -1}]`, `course_plan.periods[0] (数学): -1 is not a number of periods`},
		{"twice", "periods:\n    - {grade: 7-9, subject: 数学, min: 4}\n    - {grade: 8, subject: 数学, max: 6}", `course_plan.periods[1]: 数学 in grade 8 is already stated by course_plan.periods[0]`},
		{"synonym to nothing", `synonyms: {英文: 英国语文}`, `course_plan.synonyms[英文]: "英国语文" is not in course_plan.subjects`},
		{"total zero", `weekly_total: {"7-9": 0}`, `course_plan.weekly_total[7-9]: 0 is not a number of periods`},
		{"alternative of unknown", `alternatives: [{grades: 7-9, subject: 综合科学, replaces: [物理]}]`, `course_plan.alternatives[0].subject: "综合科学"`},
		{"unknown key", `perids: []`, `field perids not found`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeProfile(t, "inherit: national-2021\nname: local\ncourse_plan:\n  "+c.yaml+"\n")
			_, _, err := LoadProfile(path, Builtins()...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one saying %q", err, c.want)
			}
		})
	}
}
