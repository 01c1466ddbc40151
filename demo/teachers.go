package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// The demo county's teachers and the words people wrote in the open questions. Both are drawn from
// random sources of their own (teacherSeed, openSeed), so adding them left every student and parent
// answer as it was.

const (
	teacherSeed = seed1 + 1
	openSeed    = seed1 + 2
)

// TeacherFile is the teachers' answers, a 问卷星 "按选项文本" xlsx download (the grades they teach
// joined by ┋).
const TeacherFile = "教师问卷_问卷星.xlsx"

// teacherCount is how many teachers of a school answered: about one per class, 10 at least and 40 at
// most (the questionnaire went to every teacher of the small schools).
func teacherCount(s *school) int {
	return min(40, max(10, int(math.Round(1.1*float64(s.classes*len(s.grades()))))))
}

// Shares of the problem answer among teachers, before the school effect: where the problem is not
// planted, and where it is.
var teacherLevels = struct {
	noPlan, noPlanPlanted           float64 // 没有 or 有，但不常执行 on the weekly homework plan
	grading, gradingPlanted         float64 // 主要由家长或学生批改
	ranking, rankingPlanted         float64 // 学校要求公布成绩或排名: 是
	makeup, makeupPlanted           float64 // 双休日、节假日集体补课: 是
	paid, paidPlanted, paidUnknown  float64 // 有偿补课: 有; 不清楚 at every school
	occupied                        float64 // 经常 or 偶尔
	examsOver, examsOverPlanted     float64 // more exams than the stage allows
	longDays, longDaysUrbanJunior   float64 // 在校10小时以上
	heavyAdmin, heavyAdminUrban     float64 // 非教学事务5小时以上
	openShare                       float64 // teachers who write in the open question
	studentOpenShare, parentOpenShr float64
}{
	noPlan: 0.06, noPlanPlanted: 0.80,
	grading: 0.04, gradingPlanted: 0.45,
	ranking: 0.04, rankingPlanted: 0.70,
	makeup: 0.03, makeupPlanted: 0.75,
	paid: 0.01, paidPlanted: 0.55, paidUnknown: 0.12,
	occupied:  0.05,
	examsOver: 0.02, examsOverPlanted: 0.75,
	longDays: 0.25, longDaysUrbanJunior: 0.60,
	heavyAdmin: 0.30, heavyAdminUrban: 0.45,
	openShare:        0.30,
	studentOpenShare: 0.03, parentOpenShr: 0.06,
}

// teacherPlanted lists the problems planted in the teachers' answers, as Problem rows.
func teacherPlanted(s *school) []Problem {
	lo, hi := 1, 6
	if s.stage != surveys.StagePrimary {
		lo, hi = 7, 9
	}
	var out []Problem
	add := func(ind, note string) {
		out = append(out, Problem{School: s.name, Indicator: ind, Questionnaire: "teacher", FromGrade: lo, ToGrade: hi, Note: note})
	}
	p := s.plant
	if p.noHomeworkPlan {
		add("homework_plan", "教师反映学校没有周作业计划或不常执行")
	}
	if p.parentGrading {
		add("teacher_grading", "教师反映书面作业主要由家长或学生批改")
	}
	if p.monthlyExams {
		add("exam_count", "教师反映本学科统一考试次数超过规定")
	}
	if p.ranking {
		add("no_ranking", "教师反映学校要求公布成绩或排名")
	}
	if p.makeupGrade9 {
		add("no_makeup_classes", "教师反映学校安排双休日、节假日集体补课")
	}
	if p.paidTutoring {
		add("no_paid_tutoring", "教师反映本校有教师组织或参与有偿补课")
	}
	return out
}

// drawTeachers draws every school's teachers and their answers, cells written as a 问卷星 text
// export shows them.
func (s *sample) drawTeachers() {
	r := rand.New(rand.NewPCG(teacherSeed, seed2))
	q := s.teacher
	for si := range schools {
		sc := &schools[si]
		n := teacherCount(sc)
		schoolIP := fmt.Sprintf("61.187.%d.%d(湖南-益阳)", 16+r.IntN(200), 2+r.IntN(250))
		effect := 0.3 * r.NormFloat64() // the school's own lean on every yes/no item
		for k := range n {
			stage := sc.stage
			if stage == surveys.StageNine {
				stage = []surveys.Stage{surveys.StagePrimary, surveys.StageJunior}[k%2]
			}
			resp := &response{school: si, grade: 3, cells: make([]string, len(q.Questions)), answers: make([]surveys.Answer, len(q.Questions))}
			if stage == surveys.StageJunior {
				resp.grade = 7
			}
			s.teacherAnswers(r, q, sc, stage, effect, resp)
			resp.duration = answerTime(r, 210, 60, 1500)
			day := r.IntN(windowDays)
			resp.submitted = int64(day*86400 + 12*3600 + r.IntN(9*3600))
			resp.source, resp.detail, resp.ip = wechatOrPhone(r), "N/A", homeIP(r)
			if r.Float64() < 0.4 {
				resp.source, resp.detail, resp.ip = "链接", "直接访问", schoolIP
			}
			s.teachers = append(s.teachers, resp)
		}
	}
	slices.SortStableFunc(s.teachers, func(a, b *response) int { return int(a.submitted - b.submitted) })
}

// teacherAnswers fills one teacher's cells.
func (s *sample) teacherAnswers(r *rand.Rand, q *surveys.Questionnaire, sc *school, stage surveys.Stage, effect float64, resp *response) {
	L := teacherLevels
	p := sc.plant
	junior := stage == surveys.StageJunior
	set := func(code, text string) { resp.cells[q.Index(code)] = text }
	opt := func(code string, i int) {
		set(code, q.Question(code).Options[i].Text)
		resp.answers[q.Index(code)] = surveys.Answer(i + 1)
	}
	set("school", sc.name)
	set("stage", string(stage))
	// Grades taught: one to three of the stage's grades.
	lo, hi := 1, 6
	if junior {
		lo, hi = 7, 9
	}
	first := lo + r.IntN(hi-lo+1)
	var grades []string
	for g := lo; g <= hi; g++ {
		if g == first || (abs(g-first) == 1 && r.Float64() < 0.35) {
			grades = append(grades, analysisGradeName(g))
		}
	}
	set("grades", strings.Join(grades, "┋"))
	subjects := []int{0, 0, 1, 1, 2, 3, 11, 12}
	if junior {
		subjects = []int{0, 0, 1, 1, 2, 2, 3, 5, 6, 7, 8, 9, 11, 12}
	}
	opt("subject", subjects[r.IntN(len(subjects))])
	opt("head_teacher", boolIdx(r.Float64() >= 0.4))
	// Q6 weekly homework plan: 0 有，每周执行; 1 有，但不常执行; 2 没有.
	plan := 0
	if yes(r, pick(p.noHomeworkPlan, L.noPlan, L.noPlanPlanted), effect) == 2 {
		plan = 1 + r.IntN(2)
	}
	opt("homework_plan", plan)
	opt("subject_homework_time", draw0(r, []float64{0.08, 0.35, 0.37, 0.17, 0.03}))
	opt("layered_homework", draw0(r, []float64{0.45, 0.45, 0.10}))
	grading := draw0(r, []float64{0.55, 0.45})
	if yes(r, pick(p.parentGrading, L.grading, L.gradingPlanted), effect) == 2 {
		grading = 2
	}
	opt("homework_grading", grading)
	exams := []float64{0.10, 0.89, 0.01} // 0, 1, 2 exams: 小学 allows 1, 初中 2
	if junior {
		exams = []float64{0.03, 0.27, 0.70}
	}
	e := draw0(r, exams)
	allowed := 1
	if junior {
		allowed = 2
	}
	if yes(r, pick(p.monthlyExams, L.examsOver, L.examsOverPlanted), effect) == 2 {
		e = allowed + 1 + r.IntN(4-allowed)
	}
	opt("exam_count", e)
	opt("ranking_published", boolIdx(yes(r, pick(p.ranking, L.ranking, L.rankingPlanted), effect) == 1)) // 是, 否
	opt("makeup_classes", boolIdx(yes(r, pick(p.makeupGrade9, L.makeup, L.makeupPlanted), effect) == 1))
	paid := 1 // 没有
	switch {
	case yes(r, pick(p.paidTutoring, L.paid, L.paidPlanted), effect) == 2:
		paid = 0
	case r.Float64() < L.paidUnknown:
		paid = 2
	}
	opt("paid_tutoring", paid)
	occupied := 2 // 从不
	if yes(r, L.occupied, effect) == 2 {
		occupied = boolIdx(r.Float64() < 0.7) // mostly 偶尔 (1), else 经常 (0)
	}
	opt("occupied_lessons", occupied)
	opt("after_school_hours", draw0(r, []float64{0.10, 0.45, 0.35, 0.10}))
	long := L.longDays
	if junior && sc.locale == "城区" {
		long = L.longDaysUrbanJunior
	}
	hours := draw0(r, []float64{0.25, 0.75})
	if r.Float64() < long {
		hours = 2 + boolIdx(r.Float64() < 0.25)
	}
	opt("hours_at_school", hours)
	admin := L.heavyAdmin
	if sc.locale == "城区" {
		admin = L.heavyAdminUrban
	}
	nonTeaching := draw0(r, []float64{0.35, 0.65})
	if r.Float64() < admin {
		nonTeaching = 2 + boolIdx(r.Float64() < 0.3)
	}
	opt("non_teaching_hours", nonTeaching)
	opt("rating", draw0(r, []float64{0.35, 0.45, 0.17, 0.03}))
	// 未答: a few cells left empty, written (空) as 问卷星 does.
	for i, qu := range q.Questions {
		if qu.Kind == surveys.KindChoice && r.Float64() < 0.015 {
			resp.cells[i], resp.answers[i] = "(空)", surveys.Missing
		}
	}
}

// draw0 is draw with 0-based options.
func draw0(r *rand.Rand, weights []float64) int { return draw(r, weights) - 1 }

func boolIdx(b bool) int {
	if b {
		return 1
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func analysisGradeName(g int) string {
	return []string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}[g]
}

// Open answers, by questionnaire. Some carry personal data (a teacher's surname, a phone number in
// full-width digits, a WeChat ID, an ID number, a school's name) that the report must scrub: the
// planted secrets are listed in OpenSecrets.
var openTexts = map[string][]string{
	"student": {
		"作业太多了，每天要写到晚上十点多，睡眠不够。",
		"希望少一点考试，每个月都有月考，压力很大。",
		"周末还要去补课，没有时间休息。",
		"体育课经常被数学课占用，希望能正常上体育课。",
		"希望学校能多开展体育活动和社团活动。",
		"手机在家里玩的时间太长了，管不住自己。",
		"王老师每次都把成绩排名发到群里，考差了很丢人。",
		"抄写的作业太多，一个字要写二十遍。",
		"没有什么想说的，现在挺好的。",
	},
	"parent": {
		"孩子每天做作业很晚，11点多才睡，希望减少作业量。",
		"老师要求家长每天批改作业并签字，家长负担很重。",
		"学校收资料费，一学期好几百，希望规范收费。",
		"希望课后服务多安排体育锻炼，少布置书面作业。",
		"有老师推荐去他家补课，一个月收费一千多。联系电话１３９ ０７３７ ５５２１",
		"请刘老师联系我，微信号qxmama_2026，孩子数学跟不上。",
		"清溪县第一中学每个月都考试排名，孩子压力很大。",
		"报名课外班时被要求提供孩子身份证43092120120315002X，不知道是否合规。",
		"孩子用平板上网课太多，视力下降明显。",
		"满意，没有意见。",
	},
	"teacher": {
		"非教学任务太多，填表迎检占用大量时间，希望为教师减负。",
		"希望减少各类检查评比，让老师专心教学。",
		"课后服务时间太长，老师每天在校超过十个小时，身体吃不消。",
		"作业公示制度执行得不好，各科作业量没有统筹。",
		"家长要求多布置作业，老师很为难，希望加强家校沟通。",
		"建议统一规范教辅资料征订，杜绝一科多辅。",
		"如需了解情况请联系本人，电话0737-4216688。",
		"赵校长要求周六给初三学生上课，老师和学生都很累。",
		"学生睡眠不足，建议推迟早读时间。",
	},
}

// OpenSecrets are the personal data planted in the demo's open answers; none may appear in a report.
var OpenSecrets = []string{"王老师", "刘老师", "赵校长", "１３９ ０７３７ ５５２１", "13907375521", "qxmama_2026", "43092120120315002X", "0737-4216688", "清溪县第一中学每个月"}

// writeOpenAnswers writes the open question's cells: a few students, more parents and about a third
// of the teachers write something, drawn from openTexts.
func writeOpenAnswers(q *surveys.Questionnaire, rows []*response, share float64, salt uint64) {
	open := q.OpenQuestions()
	if len(open) == 0 {
		return
	}
	r := rand.New(rand.NewPCG(openSeed, salt))
	texts := openTexts[q.Code]
	for _, resp := range rows {
		if r.Float64() < share {
			resp.cells[open[0]] = texts[r.IntN(len(texts))]
		}
	}
}
