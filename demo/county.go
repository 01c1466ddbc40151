package demo

import "github.com/jianfu-edu/jianfu/surveys"

// County is the name of the fictional county the demo data describes.
const County = "清溪县"

// plant is the set of problems planted at a school. Each field names the trait as a county report
// would state it; levels.go says how strongly each one shows in the answers.
type plant struct {
	heavyHomework bool // 作业量过大: written homework about 1.6 times the county's, at every junior grade
	monthlyExams  bool // 月考、周考: frequent unified exams, so also more exams this term and more workbooks
	ranking       bool // 公开排名: scores or rankings published in groups or on the wall
	makeupGrade9  bool // 初三集体补课: weekend make-up classes for 九年级 only
	paidTutoring  bool // 有偿补课: teachers recruit pupils for paid private lessons
	phones        bool // 手机带入课堂: phones are not collected
	parentGrading bool // 家长批改: parents must check, sign or mark homework
	chatGroup     bool // 群内布置作业: homework and 打卡 set through class chat groups
	homeworkG12   bool // 一二年级书面作业: written homework set in grades 1-2
	earlyStart    bool // 上课过早: first lesson earlier than the reference time for its 学段
	// 无周作业计划: no weekly homework plan, as its teachers report (teachers.go)
	noHomeworkPlan bool
}

// school is one row of the county table: the roster facts, how it was sampled, and its planted
// problems. Every sampled class answers as a whole; every grade the school has is sampled the same way.
type school struct {
	code    string
	name    string
	stage   surveys.Stage
	locale  string   // 城区, 镇区 or 乡村
	aliases []string // short names people write; listed in the roster's 别名

	classes int // classes per grade
	sampled int // classes per grade that were sampled (all their pupils are asked)
	size    int // typical class size; each class draws its own within classMin-classMax

	start        int  // 上午第一节课: option of the student question morning_start (1-4)
	computerRoom bool // students answered in the computer room: a class shares the school's IP
	plant        plant
}

// schools is the county: five primary schools, seven junior schools and one 九年一贯制 school, in
// town (城区), in the market towns (镇区) and in the countryside (乡村). The two big urban schools
// sample three of six classes a grade, so their response rates fall below half; the small rural
// schools ask every class.
var schools = []school{
	{code: "QX01", name: "清溪县实验小学", stage: surveys.StagePrimary, locale: "城区",
		aliases: []string{"实验小学", "县实小"}, classes: 6, sampled: 3, size: 47, start: 4,
		plant: plant{parentGrading: true, homeworkG12: true}},
	{code: "QX02", name: "清溪县城关第二小学", stage: surveys.StagePrimary, locale: "城区",
		aliases: []string{"城关二小"}, classes: 5, sampled: 3, size: 46, start: 4, computerRoom: true,
		plant: plant{chatGroup: true}},
	{code: "QX03", name: "清溪县柳林镇中心小学", stage: surveys.StagePrimary, locale: "镇区",
		aliases: []string{"柳林中心小学", "柳林小学"}, classes: 4, sampled: 3, size: 44, start: 3,
		plant: plant{earlyStart: true}},
	{code: "QX04", name: "清溪县桃源镇中心小学", stage: surveys.StagePrimary, locale: "镇区",
		aliases: []string{"桃源小学"}, classes: 4, sampled: 4, size: 42, start: 4, computerRoom: true},
	{code: "QX05", name: "清溪县白沙乡中心小学", stage: surveys.StagePrimary, locale: "乡村",
		aliases: []string{"白沙小学"}, classes: 2, sampled: 2, size: 38, start: 4},
	{code: "QX06", name: "清溪县第一中学", stage: surveys.StageJunior, locale: "城区",
		aliases: []string{"县一中", "一中"}, classes: 6, sampled: 3, size: 50, start: 2,
		plant: plant{heavyHomework: true, monthlyExams: true, ranking: true, makeupGrade9: true, earlyStart: true}},
	{code: "QX07", name: "清溪县实验中学", stage: surveys.StageJunior, locale: "城区",
		aliases: []string{"实验中学"}, classes: 5, sampled: 3, size: 48, start: 3, computerRoom: true,
		plant: plant{heavyHomework: true, monthlyExams: true, ranking: true, noHomeworkPlan: true}},
	{code: "QX08", name: "清溪县第二中学", stage: surveys.StageJunior, locale: "城区",
		aliases: []string{"县二中", "二中"}, classes: 5, sampled: 3, size: 47, start: 3,
		plant: plant{monthlyExams: true, makeupGrade9: true, paidTutoring: true}},
	{code: "QX09", name: "清溪县柳林镇中学", stage: surveys.StageJunior, locale: "镇区",
		aliases: []string{"柳林中学"}, classes: 4, sampled: 4, size: 46, start: 3,
		plant: plant{monthlyExams: true, ranking: true, makeupGrade9: true}},
	{code: "QX10", name: "清溪县桃源镇中学", stage: surveys.StageJunior, locale: "镇区",
		aliases: []string{"桃源中学"}, classes: 4, sampled: 3, size: 45, start: 3, computerRoom: true,
		plant: plant{monthlyExams: true, makeupGrade9: true, phones: true}},
	{code: "QX11", name: "清溪县石桥乡中学", stage: surveys.StageJunior, locale: "乡村",
		aliases: []string{"石桥中学"}, classes: 3, sampled: 3, size: 42, start: 3},
	{code: "QX12", name: "清溪县白沙乡中学", stage: surveys.StageJunior, locale: "乡村",
		aliases: []string{"白沙中学"}, classes: 3, sampled: 3, size: 40, start: 3, computerRoom: true},
	{code: "QX13", name: "清溪县青山学校", stage: surveys.StageNine, locale: "乡村",
		aliases: []string{"青山九年制学校"}, classes: 2, sampled: 2, size: 38, start: 4},
}

// grades returns the grades the school teaches, in order.
func (s *school) grades() []int {
	var gs []int
	for g := 1; g <= 9; g++ {
		if s.stage.HasGrade(g) {
			gs = append(gs, g)
		}
	}
	return gs
}

// Problem is one problem planted in the demo data: at School, the answers to Indicator's question
// from Questionnaire, in Grades, violate the national-2021 standard far more often than elsewhere.
type Problem struct {
	School        string // 学校名称 as in the roster
	Indicator     string // indicator code of the national-2021 profile, e.g. "no_frequent_exams"
	Questionnaire string // "student", "parent" or "teacher": the questionnaire whose answers show it
	FromGrade     int    // the grades it is planted in, inclusive
	ToGrade       int
	Note          string // the problem as a county report would state it
}

// Planted lists every problem planted in the demo data, school by school in roster order, so that
// tests of the analysis and the report can check that they find them. A problem shown by both
// questionnaires is listed once for each. Outside these schools and grades the same answers are
// rare; widespread shortfalls that are not planted at a school (too little sleep in 初中, for
// example) are not listed.
var Planted = plantedProblems()

// plantedProblems derives Planted from the county table.
func plantedProblems() []Problem {
	var out []Problem
	for i := range schools {
		s := &schools[i]
		lo, hi := s.grades()[0], 9
		if s.stage == surveys.StagePrimary {
			hi = 6
		}
		juniorLo := max(lo, 7)
		add := func(ind, q string, from, to int, note string) {
			out = append(out, Problem{School: s.name, Indicator: ind, Questionnaire: q, FromGrade: from, ToGrade: to, Note: note})
		}
		p := s.plant
		if p.heavyHomework {
			add("homework_time", "student", juniorLo, hi, "书面作业量过大，完成时间超过90分钟的学生多")
			add("homework_time", "parent", juniorLo, hi, "家长反映孩子书面作业时间过长")
		}
		if p.homeworkG12 {
			add("homework_time", "parent", 1, 2, "一二年级布置书面家庭作业")
		}
		if p.monthlyExams {
			add("no_frequent_exams", "student", juniorLo, hi, "有月考、周考等经常性统一考试")
			add("exam_count", "student", juniorLo, hi, "本学期统一考试次数超过规定")
			add("materials", "student", juniorLo, hi, "教辅资料超过一科一辅")
		}
		if p.ranking {
			add("no_ranking", "student", juniorLo, hi, "公布考试成绩或排名")
		}
		if p.makeupGrade9 {
			add("no_makeup_classes", "student", 9, 9, "初三周末集体补课")
		}
		if p.paidTutoring {
			add("no_paid_tutoring", "student", juniorLo, hi, "本校教师动员学生参加有偿补课")
			add("no_paid_tutoring", "parent", juniorLo, hi, "本校教师向家长推荐或组织有偿补课")
		}
		if p.phones {
			add("phones", "student", juniorLo, hi, "学生把手机带入课堂")
		}
		if p.parentGrading {
			add("no_parent_grading", "student", max(lo, 3), hi, "要求家长批改作业、检查签字")
			add("no_parent_grading", "parent", lo, hi, "要求家长批改作业、检查签字")
		}
		if p.chatGroup {
			add("no_chatgroup_homework", "student", max(lo, 3), hi, "通过班级群布置作业、要求打卡")
			add("no_chatgroup_homework", "parent", lo, hi, "通过班级群布置作业、要求打卡")
		}
		if p.earlyStart {
			add("morning_start", "student", max(lo, 3), hi, "上午第一节课开始时间早于参考要求")
		}
		out = append(out, teacherPlanted(s)...)
	}
	return out
}

// Faults counts the data-quality faults planted in one answer file. Every other row is clean:
// its school is the roster name, its grade reads 七年级, its class 3 or 3班, its answers option texts
// or 未答.
type Faults struct {
	AliasNames      int // rows whose school is written as a roster alias (mapped, and counted)
	UnknownSchools  int // rows whose school matches no roster name or alias (rejected)
	GradeVariants   int // rows whose grade is written 初一, 初二 or 初三
	ClassVariants   int // rows whose class is written like （3）班 or 三班
	UnknownOptions  int // cells whose text matches no option of their question (无效)
	FastSubmissions int // rows answered in less than 2 seconds a question
}

// StudentFaults and ParentFaults are the faults planted in the student and the parent file.
var (
	StudentFaults = Faults{AliasNames: 4, UnknownSchools: 2, GradeVariants: 5, ClassVariants: 6, UnknownOptions: 4, FastSubmissions: 5}
	ParentFaults  = Faults{AliasNames: 3, UnknownSchools: 1, GradeVariants: 3, ClassVariants: 4, UnknownOptions: 2, FastSubmissions: 3}
)

// faultPlan says which faults to plant in one answer file: the counts of Faults, the misspelt school
// names to use and the unknown option texts, by question code.
type faultPlan struct {
	Faults
	misspellings []misspelling
	unknown      []unknownCell
}

// misspelling is a school name that matches nothing, written for the school it was meant to be.
type misspelling struct{ school, text string }

// unknownCell is a cell text that matches no option of the question, as people type it.
type unknownCell struct{ code, text string }

var studentFaultPlan = faultPlan{
	Faults: StudentFaults,
	misspellings: []misspelling{
		{"清溪县第二中学", "青溪县第二中学"},
		{"清溪县桃源镇中学", "清溪县桃园镇中学"},
	},
	unknown: []unknownCell{
		{"sleep", "8小时左右"},
		{"homework_load", "看情况"},
		{"bedtime", "十点左右"},
		{"exam_count", "不记得了"},
	},
}

var parentFaultPlan = faultPlan{
	Faults:       ParentFaults,
	misspellings: []misspelling{{"清溪县柳林镇中心小学", "清溪县柳林镇中兴小学"}},
	unknown: []unknownCell{
		{"homework_time", "看情况"},
		{"sleep", "8个小时"},
	},
}
