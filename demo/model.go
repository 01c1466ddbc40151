package demo

import (
	"math"
	"math/rand/v2"

	"github.com/jianfu-edu/jianfu/surveys"
)

// The answer model. Every pupil of a sampled class has a latent state (homework minutes, bedtime,
// waking time, sleep, tutoring hours); the student and the parent questionnaire both report on it,
// each with its own noise. A class draws random effects that all its pupils share, so answers
// cluster by class as they do in real data. Yes/no items are drawn on the logit scale: the share
// in levels below, plus the class effect.

// Shares of the problem answer ("是", or the option named) a respondent gives before the class
// effect: at a school without the problem, and at one where it is planted. Pairs are by level
// (小学, 初中).
var levels = struct {
	parentGrading, parentGradingPlanted [2]float64
	chatGroup, chatGroupPlanted         [2]float64
	frequentExams, frequentExamsPlanted float64
	ranking, rankingPlanted             float64
	makeup, makeupPlanted               float64 // planted: 九年级 only
	paidTutoring, paidTutoringPlanted   float64
	phonesInClass, phonesPlanted        [2]float64 // 带入课堂
	phonesKept                          [2]float64 // 带入学校但统一保管
	punitive, punitiveHeavy             float64    // 偶尔 or 经常
	occupied, occupiedGrade9            float64    // 偶尔 or 经常
	noHomework                          float64    // 没有书面家庭作业, grades 3-9
	noHomeworkG12, noHomeworkG12Planted float64    // the same in grades 1-2
	tutoring                            map[string]float64
}{
	parentGrading:        [2]float64{0.10, 0.04},
	parentGradingPlanted: [2]float64{0.62, 0.40},
	chatGroup:            [2]float64{0.10, 0.07},
	chatGroupPlanted:     [2]float64{0.66, 0.50},
	frequentExams:        0.06,
	frequentExamsPlanted: 0.76,
	ranking:              0.05,
	rankingPlanted:       0.62,
	makeup:               0.03,
	makeupPlanted:        0.86,
	paidTutoring:         0.015,
	paidTutoringPlanted:  0.38,
	phonesInClass:        [2]float64{0.01, 0.03},
	phonesPlanted:        [2]float64{0.10, 0.36},
	phonesKept:           [2]float64{0.12, 0.38},
	punitive:             0.08,
	punitiveHeavy:        0.14,
	occupied:             0.08,
	occupiedGrade9:       0.20,
	noHomework:           0.03,
	noHomeworkG12:        0.86,
	noHomeworkG12Planted: 0.30,
	tutoring:             map[string]float64{"城区": 0.24, "镇区": 0.13, "乡村": 0.06}, // by 城乡
}

// homeworkMedian is the median minutes of written homework by grade, before school and class effects.
var homeworkMedian = [10]float64{0, 15, 20, 28, 32, 36, 40, 48, 54, 62}

// heavyHomework multiplies homework at a school where heavy homework is planted.
const heavyHomework = 1.65

// startClock is the time the first lesson begins, by option of the question morning_start.
var startClock = [5]float64{0, clock(7, 20), clock(7, 45), clock(8, 5), clock(8, 25)}

func clock(h, m int) float64 { return float64(h*60 + m) }

// classEffect holds the random effects a class shares.
type classEffect struct {
	homework float64 // log-scale factor on homework minutes
	bedtime  float64 // minutes added to bedtime
	teacher  float64 // logit shift of the teacher-driven items (group chat, parent grading, punitive)
	exams    float64 // logit shift of the exam and make-up items
	pe       float64 // shift of the PE latent
	pressure float64 // shift of the pressure latent
}

func newClassEffect(r *rand.Rand) classEffect {
	return classEffect{
		homework: 0.20 * r.NormFloat64(),
		bedtime:  10 * r.NormFloat64(),
		teacher:  0.70 * r.NormFloat64(),
		exams:    0.40 * r.NormFloat64(),
		pe:       0.35 * r.NormFloat64(),
		pressure: 0.25 * r.NormFloat64(),
	}
}

// pupil is the latent state of one child that both questionnaires report on.
type pupil struct {
	school   *school
	grade    int
	class    classEffect
	noneSet  bool    // no written homework is set
	homework float64 // minutes a school day
	hwz      float64 // homework on the log scale against the grade's median, in SDs
	bedtime  float64 // minutes after midnight of the evening
	wake     float64 // minutes after midnight
	sleep    float64 // hours
	tutoring float64 // hours a week of off-campus subject tutoring; 0 = none
}

// level returns 0 for 小学 grades and 1 for 初中 grades.
func level(g int) int {
	if g >= 7 {
		return 1
	}
	return 0
}

func newPupil(r *rand.Rand, s *school, g int, c classEffect) *pupil {
	p := &pupil{school: s, grade: g, class: c}

	none := levels.noHomework
	if g <= 2 {
		none = levels.noHomeworkG12
		if s.plant.homeworkG12 {
			none = levels.noHomeworkG12Planted
		}
	}
	p.noneSet = r.Float64() < none
	const sd = 0.45
	noise := sd * r.NormFloat64()
	p.hwz = (c.homework + noise) / sd
	p.homework = homeworkMedian[g] * math.Exp(c.homework+noise)
	if s.plant.heavyHomework && g >= 7 {
		p.homework *= heavyHomework
		p.hwz += math.Log(heavyHomework) / sd
	}
	if p.noneSet {
		p.homework = 0
	}

	// Bedtime follows homework: half of every minute above the grade's median comes off sleep.
	bed := clock(20, 40) + 5*float64(g-3)
	if g >= 7 {
		bed = clock(21, 40) + 8*float64(g-7)
	}
	p.bedtime = bed + 0.5*(p.homework-homeworkMedian[g]) + c.bedtime + 22*r.NormFloat64()

	// Waking time follows the first lesson, earlier for the longer way to a rural school.
	lead := 80.0
	if s.locale == "乡村" {
		lead += 10
	}
	p.wake = startClock[s.start] - lead + 14*r.NormFloat64()
	p.sleep = (p.wake+24*60-p.bedtime)/60 - 0.05 + 0.3*r.NormFloat64()

	if r.Float64() < levels.tutoring[s.locale]*(1+0.3*float64(level(g))) {
		p.tutoring = math.Exp(0.9 + 0.6*r.NormFloat64())
	}
	return p
}

// answers is a respondent's answers by question position, built by question code.
type answers struct {
	q *surveys.Questionnaire
	a []surveys.Answer
}

func newAnswers(q *surveys.Questionnaire) answers {
	return answers{q: q, a: make([]surveys.Answer, len(q.Questions))}
}

func (as answers) set(code string, option int) {
	i := as.q.Index(code)
	if i < 0 {
		panic("demo: no question " + code + " in " + as.q.Code)
	}
	as.a[i] = surveys.Answer(option)
}

// studentAnswers draws a student's answers to the student questionnaire.
func studentAnswers(r *rand.Rand, q *surveys.Questionnaire, p *pupil) []surveys.Answer {
	s, g, c, lv := p.school, p.grade, p.class, level(p.grade)
	as := newAnswers(q)
	as.set("sex", 1+boolInt(r.Float64() < 0.48))
	as.set("bedtime", bin(p.bedtime, clock(21, 0), clock(21, 20), clock(22, 0), clock(22, 30), clock(23, 0)))
	as.set("wake_time", bin(p.wake, clock(6, 0), clock(6, 30), clock(7, 0), clock(7, 30)))
	as.set("sleep", bin(p.sleep, 7, 8, 9, 10))
	as.set("homework_time", homeworkOption(p.noneSet, p.homework))
	as.set("homework_load", bin(p.hwz+0.8*r.NormFloat64(), -1.8, 1.3, 2.3))

	punitive := levels.punitive
	if s.plant.heavyHomework && g >= 7 {
		punitive = levels.punitiveHeavy
	}
	as.set("punitive_homework", often(r, punitive, c.teacher))
	as.set("parent_grading", yes(r, pick(s.plant.parentGrading, levels.parentGrading, levels.parentGradingPlanted)[lv], c.teacher))
	as.set("chatgroup_homework", yes(r, pick(s.plant.chatGroup, levels.chatGroup, levels.chatGroupPlanted)[lv], c.teacher))

	exams := s.plant.monthlyExams && g >= 7
	as.set("exam_count", examCount(r, g, exams))
	as.set("frequent_exams", yes(r, pick(exams, levels.frequentExams, levels.frequentExamsPlanted), c.exams))
	as.set("ranking_published", yes(r, pick(s.plant.ranking && g >= 7, levels.ranking, levels.rankingPlanted), c.exams))
	as.set("makeup_classes", yes(r, pick(s.plant.makeupGrade9 && g == 9, levels.makeup, levels.makeupPlanted), c.exams))
	as.set("paid_tutoring", yes(r, pick(s.plant.paidTutoring && g >= 7, levels.paidTutoring, levels.paidTutoringPlanted), c.teacher))

	as.set("tutoring_hours", tutoringOption(p.tutoring, 2, 4, 6))
	as.set("materials", materials(r, lv, exams))
	as.set("pe_time", peTime(r, g, c.pe))
	occupied := levels.occupied
	if g == 9 {
		occupied = levels.occupiedGrade9
	}
	as.set("occupied_lessons", often(r, occupied, c.exams))
	as.set("morning_start", startOption(r, s.start))
	as.set("phones", phones(r, s, lv))

	pressure := 0.35*p.hwz + 0.3*float64(lv) + c.pressure + r.NormFloat64()
	if g == 9 {
		pressure += 0.4
	}
	if exams {
		pressure += 0.4
	}
	as.set("pressure", bin(pressure, -1.7, -0.6, 0.8, 1.7))
	return as.a
}

// parentAnswers draws a parent's answers to the parent questionnaire about their child.
func parentAnswers(r *rand.Rand, q *surveys.Questionnaire, p *pupil) []surveys.Answer {
	s, g, c, lv := p.school, p.grade, p.class, level(p.grade)
	as := newAnswers(q)
	as.set("homework_time", homeworkOption(p.noneSet, p.homework*math.Exp(0.15*r.NormFloat64())))
	as.set("sleep", bin(p.sleep+0.1+0.2*r.NormFloat64(), 7, 8, 9, 10))
	as.set("bedtime", bin(p.bedtime-5+10*r.NormFloat64(), clock(21, 0), clock(21, 20), clock(22, 0), clock(22, 30), clock(23, 0)))
	as.set("parent_grading", yes(r, pick(s.plant.parentGrading, levels.parentGrading, levels.parentGradingPlanted)[lv]*1.2, c.teacher))
	as.set("chatgroup_homework", yes(r, pick(s.plant.chatGroup, levels.chatGroup, levels.chatGroupPlanted)[lv]*1.1, c.teacher))
	as.set("tutoring", tutoringOption(p.tutoring, 2, 4))
	as.set("tutoring_spending", spending(r, s, p.tutoring))
	as.set("paid_tutoring", yes(r, pick(s.plant.paidTutoring && g >= 7, levels.paidTutoring, levels.paidTutoringPlanted*0.9), c.teacher))
	as.set("after_school_service", draw(r, []float64{0.04, 0.20 + 0.10*float64(lv), 0.76 - 0.10*float64(lv)}))
	load := p.hwz + 0.9*r.NormFloat64()
	if g <= 2 && !p.noneSet {
		load += 1.5 // any written homework in grades 1-2 is felt as too much
	}
	as.set("homework_load", bin(load, -1.8, 1.2, 2.2))
	unhappy := 0.45*load + c.pressure + r.NormFloat64()
	if s.plant.monthlyExams || s.plant.makeupGrade9 || s.plant.paidTutoring {
		unhappy += 0.4
	}
	as.set("satisfaction", bin(unhappy, -0.5, 0.9, 2.0, 2.7))
	return as.a
}

// bin returns the 1-based class of x among ascending cut points: 1 below cuts[0], len(cuts)+1 at or
// above the last.
func bin(x float64, cuts ...float64) int {
	for i, c := range cuts {
		if x < c {
			return i + 1
		}
	}
	return len(cuts) + 1
}

// draw returns a 1-based option drawn with the given weights.
func draw(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	u := r.Float64() * total
	for i, w := range weights {
		if u < w {
			return i + 1
		}
		u -= w
	}
	return len(weights)
}

func logit(p float64) float64    { return math.Log(p / (1 - p)) }
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// yes draws a 否/是 answer (options 1/2): 是 with probability p shifted by the class effect.
func yes(r *rand.Rand, p, effect float64) int {
	return 1 + boolInt(r.Float64() < logistic(logit(p)+effect))
}

// often draws 从不/偶尔/经常 (options 1-3): not 从不 with probability p shifted by the class
// effect, 经常 for a third of those.
func often(r *rand.Rand, p, effect float64) int {
	if r.Float64() >= logistic(logit(p)+effect) {
		return 1
	}
	if r.Float64() < 1.0/3 {
		return 3
	}
	return 2
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func pick[T any](planted bool, base, plantedLevel T) T {
	if planted {
		return plantedLevel
	}
	return base
}

// homeworkOption bins homework minutes into the options of homework_time.
func homeworkOption(none bool, minutes float64) int {
	if none {
		return 1
	}
	return 1 + bin(minutes, 30, 60, 90, 120)
}

// tutoringOption bins weekly tutoring hours: option 1 is none, then one class for each cut.
func tutoringOption(hours float64, cuts ...float64) int {
	if hours == 0 {
		return 1
	}
	return 1 + bin(hours, cuts...)
}

// examCount draws the number of unified exams this term, at the end of term.
func examCount(r *rand.Rand, g int, monthly bool) int {
	switch {
	case monthly:
		return draw(r, []float64{0.01, 0.05, 0.16, 0.30, 0.48})
	case g >= 7:
		return draw(r, []float64{0.02, 0.24, 0.64, 0.07, 0.03})
	default:
		return draw(r, []float64{0.05, 0.80, 0.12, 0.02, 0.01})
	}
}

// materials draws the number of supplementary workbooks a subject.
func materials(r *rand.Rand, lv int, exams bool) int {
	switch {
	case exams:
		return draw(r, []float64{0.06, 0.44, 0.32, 0.18})
	case lv == 1:
		return draw(r, []float64{0.22, 0.68, 0.08, 0.02})
	default:
		return draw(r, []float64{0.32, 0.60, 0.06, 0.02})
	}
}

// peTime draws the daily PE time at school; 九年级 loses some of it to exam preparation.
func peTime(r *rand.Rand, g int, effect float64) int {
	x := 1.3 + effect + r.NormFloat64()
	if g == 9 {
		x -= 0.5
	}
	return bin(x, -1.2, 0.05, 2.2)
}

// startOption draws a student's answer on when the first lesson starts: mostly the school's time.
func startOption(r *rand.Rand, start int) int {
	u := r.Float64()
	switch {
	case u < 0.88:
		return start
	case u < 0.94 && start > 1:
		return start - 1
	case u < 0.98 && start < 4:
		return start + 1
	}
	return start
}

func phones(r *rand.Rand, s *school, lv int) int {
	inClass := pick(s.plant.phones, levels.phonesInClass, levels.phonesPlanted)[lv]
	kept := levels.phonesKept[lv]
	return draw(r, []float64{1 - inClass - kept, kept, inClass})
}

// spending draws the family's spending on tutoring this school year, from the weekly hours.
func spending(r *rand.Rand, s *school, hours float64) int {
	if hours == 0 {
		return 1 + boolInt(r.Float64() < 0.04)
	}
	x := math.Log(hours) + 0.6*r.NormFloat64()
	if s.locale == "城区" {
		x += 0.5
	}
	return 1 + bin(x, 0.7, 1.6, 2.3)
}
