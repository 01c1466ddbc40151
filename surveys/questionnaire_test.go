package surveys_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// specQuestion is one row of a questionnaire table of shared/spec/questionnaires.md, transcribed by
// hand: those tables are the contract the built-in questionnaires must match. code is the question
// code that ingest, analysis and the profiles use for the row's "feeds" column.
type specQuestion struct {
	number  int
	code    string
	kind    surveys.Kind
	text    string
	options []string // nil for free text
}

// Option lists that questionnaires.md shares between rows ("same options as student Q8").
var (
	// questionnaires.md, student Q2 ("一年级 … 九年级" in parent Q2).
	gradeOptions = []string{"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}
	// questionnaires.md, student Q5 (parent Q6).
	bedtimeOptions = []string{"21:00以前", "21:00-21:20", "21:20-22:00", "22:00-22:30", "22:30-23:00", "23:00以后"}
	// questionnaires.md, student Q7 (parent Q5).
	sleepOptions = []string{"不足7小时", "7-8小时", "8-9小时", "9-10小时", "10小时及以上"}
	// questionnaires.md, student Q8 (parent Q4).
	homeworkOptions = []string{"没有书面家庭作业", "30分钟以内", "30-60分钟", "60-90分钟", "90-120分钟", "120分钟以上"}
	// questionnaires.md, student Q9 (parent Q13).
	loadOptions = []string{"偏少", "适中", "偏多", "太多"}
	noYes       = []string{"否", "是"}
	neverOften  = []string{"从不", "偶尔", "经常"}
)

// studentSpec is the 学生问卷 table of questionnaires.md, row by row.
var studentSpec = []specQuestion{
	{1, "school", surveys.KindSchool, "你就读的学校是？", nil},
	{2, "grade", surveys.KindGrade, "你所在的年级是？", gradeOptions},
	{3, "class", surveys.KindClass, "你所在的班级是？", nil},
	{4, "sex", surveys.KindChoice, "你的性别是？", []string{"男", "女"}},
	{5, "bedtime", surveys.KindChoice, "上学日（周一至周五），你通常晚上几点上床睡觉？", bedtimeOptions},
	{6, "wake_time", surveys.KindChoice, "上学日，你通常早上几点起床？", []string{"6:00以前", "6:00-6:30", "6:30-7:00", "7:00-7:30", "7:30以后"}},
	{7, "sleep", surveys.KindChoice, "上学日，你平均每天的睡眠时间大约是多少？", sleepOptions},
	{8, "homework_time", surveys.KindChoice, "上学日，你每天完成老师布置的书面家庭作业大约需要多长时间？", homeworkOptions},
	{9, "homework_load", surveys.KindChoice, "你觉得老师布置的作业量怎么样？", loadOptions},
	{10, "punitive_homework", surveys.KindChoice, "老师是否布置过反复抄写、机械重复或惩罚性的作业？", neverOften},
	{11, "parent_grading", surveys.KindChoice, "老师是否要求家长批改你的作业或检查签字？", noYes},
	{12, "chatgroup_homework", surveys.KindChoice, "老师是否通过班级群（微信、QQ、钉钉等）布置作业或要求打卡？", noYes},
	{13, "exam_count", surveys.KindChoice, "本学期到目前为止，学校或年级统一组织了几次纸笔考试（不含课堂小测验）？", []string{"0次", "1次", "2次", "3次", "4次及以上"}},
	{14, "frequent_exams", surveys.KindChoice, "学校是否有月考、周考等经常性的统一考试？", noYes},
	{15, "ranking_published", surveys.KindChoice, "学校或老师是否公布过考试成绩或排名（张榜、家长群、班级群等）？", noYes},
	{16, "makeup_classes", surveys.KindChoice, "本学期，学校是否在周末、节假日或寒暑假组织集体补课？", noYes},
	{17, "paid_tutoring", surveys.KindChoice, "是否有本校老师动员或组织你参加收费补课（有偿家教）？", noYes},
	{18, "tutoring_hours", surveys.KindChoice, "你目前每周参加校外学科类培训（语文、数学、英语等）的时间大约是多少？", []string{"不参加", "2小时以内", "2-4小时", "4-6小时", "6小时以上"}},
	{19, "materials", surveys.KindChoice, "除教材配套练习册外，你每个学科平均使用几套教辅资料？", []string{"没有", "1套", "2套", "3套及以上"}},
	{20, "pe_time", surveys.KindChoice, "上学日，你每天在校参加体育活动（体育课、大课间、课外体育活动）的时间大约是多少？", []string{"不足30分钟", "30分钟-1小时", "1-2小时", "2小时及以上"}},
	{21, "occupied_lessons", surveys.KindChoice, "音乐、体育、美术等课程是否被其他学科占用？", neverOften},
	{22, "morning_start", surveys.KindChoice, "上学日，你们学校上午第一节课几点开始？", []string{"7:30以前", "7:30-8:00", "8:00-8:20", "8:20及以后"}},
	{23, "phones", surveys.KindChoice, "你是否把手机带进课堂？", []string{"没有手机或不带入学校", "带入学校但统一保管", "带入课堂"}},
	{24, "pressure", surveys.KindChoice, "你觉得自己的学习压力大吗？", []string{"没有压力", "压力较小", "压力一般", "压力较大", "压力很大"}},
	{25, "comments", surveys.KindOpen, "关于作业、睡眠、考试、补课等，你还有什么想说的？", nil},
}

// parentSpec is the 家长问卷 table of questionnaires.md, row by row.
var parentSpec = []specQuestion{
	{1, "school", surveys.KindSchool, "您的孩子就读的学校是？", nil},
	{2, "grade", surveys.KindGrade, "您的孩子所在的年级是？", gradeOptions},
	{3, "class", surveys.KindClass, "您的孩子所在的班级是？", nil},
	{4, "homework_time", surveys.KindChoice, "上学日，孩子每天完成老师布置的书面家庭作业大约需要多长时间？", homeworkOptions},
	{5, "sleep", surveys.KindChoice, "上学日，孩子平均每天的睡眠时间大约是多少？", sleepOptions},
	{6, "bedtime", surveys.KindChoice, "上学日，孩子通常晚上几点上床睡觉？", bedtimeOptions},
	{7, "parent_grading", surveys.KindChoice, "老师是否要求您批改孩子的作业或检查签字？", noYes},
	{8, "chatgroup_homework", surveys.KindChoice, "老师是否通过班级群布置作业或要求打卡？", noYes},
	{9, "tutoring", surveys.KindChoice, "孩子目前是否参加校外学科类培训？", []string{"不参加", "参加，每周2小时以内", "参加，每周2-4小时", "参加，每周4小时以上"}},
	{10, "tutoring_spending", surveys.KindChoice, "本学年您家庭用于孩子校外学科类培训的支出大约是多少？", []string{"没有支出", "2000元以下", "2000-5000元", "5000-10000元", "10000元以上"}},
	{11, "paid_tutoring", surveys.KindChoice, "是否有本校老师向您推荐或组织有偿补课？", noYes},
	{12, "after_school_service", surveys.KindChoice, "学校是否提供课后服务？孩子是否参加？", []string{"学校未提供", "提供，孩子未参加", "提供，孩子参加"}},
	{13, "homework_load", surveys.KindChoice, "您认为孩子的作业量怎么样？", loadOptions},
	{14, "satisfaction", surveys.KindChoice, "您对学校减负工作的满意程度？", []string{"非常满意", "满意", "一般", "不满意", "非常不满意"}},
	{15, "comments", surveys.KindOpen, "关于孩子的课业负担，您还有什么意见或建议？", nil},
}

// teacherSpec is the 教师问卷 table of teachers-and-timetables.md, row by row.
var teacherSpec = []specQuestion{
	{1, "school", surveys.KindSchool, "您任教的学校是？", nil},
	{2, "stage", surveys.KindStage, "您主要任教的学段是？", []string{"小学", "初中"}},
	{3, "grades", surveys.KindMulti, "您任教的年级是？（可多选）", gradeOptions},
	{4, "subject", surveys.KindChoice, "您主要任教的学科是？", []string{"语文", "数学", "外语", "道德与法治", "科学", "物理", "化学", "生物学", "历史", "地理", "信息科技", "体育与健康", "艺术", "劳动", "综合实践活动", "其他"}},
	{5, "head_teacher", surveys.KindChoice, "您是否担任班主任？", []string{"是", "否"}},
	{6, "homework_plan", surveys.KindChoice, "学校是否制定并执行年级或班级的周作业计划（统筹各科作业量并公示）？", []string{"有，每周执行", "有，但不常执行", "没有"}},
	{7, "subject_homework_time", surveys.KindChoice, "您每天布置的本学科书面家庭作业，中等水平的学生大约需要多长时间完成？", []string{"不布置书面作业", "15分钟以内", "15-30分钟", "30-60分钟", "60分钟以上"}},
	{8, "layered_homework", surveys.KindChoice, "您是否布置分层、弹性或个性化作业？", []string{"经常", "偶尔", "从不"}},
	{9, "homework_grading", surveys.KindChoice, "学生的书面作业由谁批改？", []string{"全部由我批改", "大部分由我批改", "主要由家长或学生批改"}},
	{10, "exam_count", surveys.KindChoice, "本学期到目前为止，您任教的学科组织了几次统一纸笔考试（不含课堂小测验）？", []string{"0次", "1次", "2次", "3次", "4次及以上"}},
	{11, "ranking_published", surveys.KindChoice, "学校是否要求公布学生考试成绩或排名？", []string{"是", "否"}},
	{12, "makeup_classes", surveys.KindChoice, "本学期，学校是否安排教师在双休日、节假日给学生集体上课或补课？", []string{"是", "否"}},
	{13, "paid_tutoring", surveys.KindChoice, "据您了解，本校是否有教师组织或参与有偿补课？", []string{"有", "没有", "不清楚"}},
	{14, "occupied_lessons", surveys.KindChoice, "本校是否有音乐、体育、美术、信息科技、综合实践等课程被其他学科占用的情况？", []string{"经常", "偶尔", "从不"}},
	{15, "after_school_hours", surveys.KindChoice, "您每周参加课后服务的时间大约是？", []string{"不参加", "3小时以内", "3-6小时", "6小时以上"}},
	{16, "hours_at_school", surveys.KindChoice, "您每个工作日在校工作的时间大约是？", []string{"8小时以内", "8-10小时", "10-12小时", "12小时以上"}},
	{17, "non_teaching_hours", surveys.KindChoice, "填表、检查、迎检等非教学事务每周大约占用您多少时间？", []string{"2小时以内", "2-5小时", "5-10小时", "10小时以上"}},
	{18, "rating", surveys.KindChoice, "您对本校\"双减\"工作的总体评价是？", []string{"很好", "较好", "一般", "较差"}},
	{19, "comments", surveys.KindOpen, "关于减轻学生课业负担，您还有什么意见或建议？", nil},
}

func TestBuiltinQuestionnaires(t *testing.T) {
	tests := []struct {
		code     string
		title    string
		min, max int // questionnaires.md: "grades 3-9" (student), "grades 1-9" (parent)
		spec     []specQuestion
	}{
		{"student", "学生问卷", 3, 9, studentSpec},
		{"parent", "家长问卷", 1, 9, parentSpec},
		{"teacher", "教师问卷", 1, 9, teacherSpec},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			q, err := surveys.Builtin(tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if q.Code != tt.code || q.Title != tt.title || q.MinGrade != tt.min || q.MaxGrade != tt.max {
				t.Errorf("got code %q title %q grades %d-%d, want %q %q %d-%d",
					q.Code, q.Title, q.MinGrade, q.MaxGrade, tt.code, tt.title, tt.min, tt.max)
			}
			if len(q.Questions) != len(tt.spec) {
				t.Fatalf("%d questions, want %d", len(q.Questions), len(tt.spec))
			}
			for i, want := range tt.spec {
				got := &q.Questions[i]
				if got.Number != want.number || got.Code != want.code || got.Kind != want.kind || got.Text != want.text {
					t.Errorf("question %d: got #%d %q kind %q %q, want #%d %q kind %q %q",
						i+1, got.Number, got.Code, got.Kind, got.Text, want.number, want.code, want.kind, want.text)
				}
				if h, wh := got.Header(), want.header(); h != wh {
					t.Errorf("question %d: Header() = %q, want %q", i+1, h, wh)
				}
				var texts []string
				for _, o := range got.Options {
					texts = append(texts, o.Text)
				}
				if !slices.Equal(texts, want.options) {
					t.Errorf("question %d (%s): options %q, want %q", want.number, want.code, texts, want.options)
				}
				if q.Question(want.code) != got || q.Index(want.code) != i {
					t.Errorf("question %d: lookup by code %q does not find it", want.number, want.code)
				}
			}
			if q.Question("no_such_question") != nil || q.Index("no_such_question") != -1 {
				t.Error("lookup of an unknown code found a question")
			}
			// questionnaires.md: Q1 school, Q2 grade, Q3 class in both questionnaires; the teachers'
			// Q2 is their stage, and they have no class.
			wantClass := 2
			if tt.code == "teacher" {
				wantClass = -1
			}
			if q.SchoolQuestion() != 0 || q.GradeQuestion() != 1 || q.ClassQuestion() != wantClass {
				t.Errorf("school/grade/class at %d/%d/%d, want 0/1/%d", q.SchoolQuestion(), q.GradeQuestion(), q.ClassQuestion(), wantClass)
			}
			if q.ByStage() != (tt.code == "teacher") {
				t.Errorf("ByStage() = %v", q.ByStage())
			}
			if open := q.OpenQuestions(); len(open) != 1 || open[0] != len(tt.spec)-1 {
				t.Errorf("OpenQuestions() = %v, want the last question only", open)
			}
		})
	}
}

// header is the column header of questionnaires.md's conventions: the number, 、 and the text.
func (s specQuestion) header() string { return strconv.Itoa(s.number) + "、" + s.text }

func TestBuiltinsOrder(t *testing.T) {
	qs := surveys.Builtins()
	if len(qs) != 3 || qs[0].Code != "student" || qs[1].Code != "parent" || qs[2].Code != "teacher" {
		t.Fatalf("Builtins() = %v, want student, parent, teacher", qs)
	}
	for _, bad := range []string{"principal", "profiles/national-2021", "../student"} {
		if _, err := surveys.Builtin(bad); err == nil {
			t.Errorf("Builtin(%q): no error", bad)
		}
	}
}

// TestOptionBounds checks the numeric bounds of the scaled options against the option texts of
// questionnaires.md: the profiles' limits (standards.md) are compared with these bounds.
func TestOptionBounds(t *testing.T) {
	inf := math.Inf(1)
	clock := func(s string) float64 {
		v, err := surveys.ParseClock(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		questionnaire, code string
		scale               surveys.Scale
		bounds              [][2]float64
	}{
		// student Q5 / parent Q6: 21:00以前 … 23:00以后.
		{"student", "bedtime", surveys.ScaleClock, [][2]float64{{-inf, clock("21:00")}, {clock("21:00"), clock("21:20")}, {clock("21:20"), clock("22:00")}, {clock("22:00"), clock("22:30")}, {clock("22:30"), clock("23:00")}, {clock("23:00"), inf}}},
		{"parent", "bedtime", surveys.ScaleClock, [][2]float64{{-inf, clock("21:00")}, {clock("21:00"), clock("21:20")}, {clock("21:20"), clock("22:00")}, {clock("22:00"), clock("22:30")}, {clock("22:30"), clock("23:00")}, {clock("23:00"), inf}}},
		// student Q7 / parent Q5: 不足7小时 … 10小时及以上.
		{"student", "sleep", surveys.ScaleHours, [][2]float64{{0, 7}, {7, 8}, {8, 9}, {9, 10}, {10, inf}}},
		{"parent", "sleep", surveys.ScaleHours, [][2]float64{{0, 7}, {7, 8}, {8, 9}, {9, 10}, {10, inf}}},
		// student Q8 / parent Q4: 没有书面家庭作业 … 120分钟以上.
		{"student", "homework_time", surveys.ScaleMinutes, [][2]float64{{0, 0}, {0, 30}, {30, 60}, {60, 90}, {90, 120}, {120, inf}}},
		{"parent", "homework_time", surveys.ScaleMinutes, [][2]float64{{0, 0}, {0, 30}, {30, 60}, {60, 90}, {90, 120}, {120, inf}}},
		// student Q13: 0次 … 4次及以上.
		{"student", "exam_count", surveys.ScaleCount, [][2]float64{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, inf}}},
		// student Q19: 没有, 1套, 2套, 3套及以上.
		{"student", "materials", surveys.ScaleCount, [][2]float64{{0, 0}, {1, 1}, {2, 2}, {3, inf}}},
		// student Q20: 不足30分钟, 30分钟-1小时, 1-2小时, 2小时及以上.
		{"student", "pe_time", surveys.ScaleMinutes, [][2]float64{{0, 30}, {30, 60}, {60, 120}, {120, inf}}},
		// student Q22: 7:30以前, 7:30-8:00, 8:00-8:20, 8:20及以后.
		{"student", "morning_start", surveys.ScaleClock, [][2]float64{{-inf, clock("7:30")}, {clock("7:30"), clock("8:00")}, {clock("8:00"), clock("8:20")}, {clock("8:20"), inf}}},
	}
	for _, tt := range tests {
		t.Run(tt.questionnaire+"/"+tt.code, func(t *testing.T) {
			q, err := surveys.Builtin(tt.questionnaire)
			if err != nil {
				t.Fatal(err)
			}
			qu := q.Question(tt.code)
			if qu == nil {
				t.Fatalf("no question %q", tt.code)
			}
			if qu.Scale != tt.scale {
				t.Errorf("scale %q, want %q", qu.Scale, tt.scale)
			}
			if len(qu.Options) != len(tt.bounds) {
				t.Fatalf("%d options, want %d", len(qu.Options), len(tt.bounds))
			}
			for i, o := range qu.Options {
				if o.Lo != tt.bounds[i][0] || o.Hi != tt.bounds[i][1] {
					t.Errorf("option %d %q: [%v, %v], want %v", i+1, o.Text, o.Lo, o.Hi, tt.bounds[i])
				}
			}
		})
	}
}

func TestOptionText(t *testing.T) {
	q, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	sleep := q.Question("sleep")
	tests := []struct {
		a    surveys.Answer
		want string
	}{
		{1, "不足7小时"}, // questionnaires.md student Q7, option 1
		{5, "10小时及以上"},
		{6, ""}, // not an option of a 5-option question
		{surveys.Missing, ""},
		{surveys.Invalid, ""},
		{surveys.NotApplicable, ""},
	}
	for _, tt := range tests {
		if got := sleep.OptionText(tt.a); got != tt.want {
			t.Errorf("OptionText(%d) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

// minimalQuestionnaire is a valid questionnaire definition that the error cases below break one way each.
const minimalQuestionnaire = `code: mini
title: 测试问卷
grades: [3, 9]
questions:
  - {number: 1, code: school, kind: school, text: 学校？}
  - {number: 2, code: grade, kind: grade, text: 年级？, options: [一年级, 二年级, 三年级, 四年级, 五年级, 六年级, 七年级, 八年级, 九年级]}
  - {number: 3, code: q3, text: 问题？, options: [否, 是]}
  - {number: 4, code: t, text: 时间？, scale: clock, options: [{text: 早, hi: "21:00"}, {text: 晚, lo: "21:00"}]}
`

func TestParseQuestionnaire(t *testing.T) {
	q, err := surveys.ParseQuestionnaire([]byte(minimalQuestionnaire))
	if err != nil {
		t.Fatalf("minimal questionnaire: %v", err)
	}
	if q.Code != "mini" || len(q.Questions) != 4 || q.ClassQuestion() != -1 {
		t.Errorf("got code %q, %d questions, class question %d", q.Code, len(q.Questions), q.ClassQuestion())
	}
	if k := q.Question("q3").Kind; k != surveys.KindChoice {
		t.Errorf("a question without kind has kind %q, want %q", k, surveys.KindChoice)
	}
	if o := q.Question("q3").Options[0]; !math.IsNaN(o.Lo) || !math.IsNaN(o.Hi) {
		t.Errorf("an option without a scale has bounds [%v, %v], want NaN", o.Lo, o.Hi)
	}
}

func TestParseQuestionnaireErrors(t *testing.T) {
	tests := []struct {
		name    string
		old     string // replaced in minimalQuestionnaire …
		new     string // … by this
		wantErr string // a part of the error message
	}{
		{"no code", "code: mini\n", "", "no code"},
		{"duplicate question code", "code: q3,", "code: grade,", `"grade" used twice`},
		{"choice with one option", "options: [否, 是]", "options: [否]", "at least two options"},
		{"choice with no options", ", options: [否, 是]", "", "at least two options"},
		{"bad clock bound", `hi: "21:00"`, `hi: "25:99"`, "25:99"},
		{"bad number bound", `scale: clock, options: [{text: 早, hi: "21:00"}`, `scale: minutes, options: [{text: 早, hi: "sixty"}`, "sixty"},
		{"grades above 9", "grades: [3, 9]", "grades: [3, 10]", "1-9"},
		{"grades below 1", "grades: [3, 9]", "grades: [0, 9]", "1-9"},
		{"grades reversed", "grades: [3, 9]", "grades: [9, 3]", "1-9"},
		{"no grades", "grades: [3, 9]\n", "", "1-9"},
		{"missing grade question", "code: grade, kind: grade,", "code: grade,", "no grade (or stage) question"},
		{"missing school question", "  - {number: 1, code: school, kind: school, text: 学校？}\n", "", "no school question"},
		{"question without text", "text: 问题？,", "", "text are required"},
		{"unknown field", "title: 测试问卷", "titel: 测试问卷", "titel"},
		{"not yaml", minimalQuestionnaire, "[[[", "parse questionnaire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimalQuestionnaire, tt.old, tt.new, 1)
			if src == minimalQuestionnaire {
				t.Fatalf("%q is not in the minimal questionnaire", tt.old)
			}
			_, err := surveys.ParseQuestionnaire([]byte(src))
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

// TestParseQuestionnaireUnvalidated lists definitions with a typo that ParseQuestionnaire once
// accepted silently: a misspelt kind or scale changed what the question feeds without any error.
func TestParseQuestionnaireUnvalidated(t *testing.T) {
	tests := []struct{ name, old, new, wantErr string }{
		{"unknown kind", "code: q3,", "code: q3, kind: choise,", `unknown kind "choise"`},
		{"unknown scale", `scale: clock, options: [{text: 早, hi: "21:00"}, {text: 晚, lo: "21:00"}]`, "scale: minute, options: [{text: 早, hi: 30}, {text: 晚, lo: 30}]", `unknown scale "minute"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimalQuestionnaire, tt.old, tt.new, 1)
			_, err := surveys.ParseQuestionnaire([]byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseQuestionnaire with %q: error %v, want one mentioning %q", tt.new, err, tt.wantErr)
			}
		})
	}
}
