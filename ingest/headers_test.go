package ingest

import (
	"testing"
)

// TestSameQuestion pins the rule of sameWords on near misses both ways. The texts are the built-in
// questions of ../shared/spec/questionnaires.md and headers offices could type; whether each asks the
// same is read off the words, not computed.
func TestSameQuestion(t *testing.T) {
	st, pa := mustBuiltin(t, "student"), mustBuiltin(t, "parent")
	tests := []struct {
		name   string
		header string
		code   string // the question the header must be taken for, "" for none
		parent bool   // look it up in the parent questionnaire
	}{
		// The same question in other words: taken, as an approximate match.
		{"filler dropped", "7、上学日，你每天的睡眠时间是多少？", "sleep", false},
		{"filler added", "7、请问上学日，你平均每天的睡眠时间大约是多少？", "sleep", false},
		{"parenthetical dropped", "5、上学日，你通常晚上几点上床睡觉？", "bedtime", false},
		{"example list dropped", "12、老师是否通过班级群布置作业或要求打卡？", "chatgroup_homework", false},
		{"one typo", "7、上学日，你平均每天的睡民时间大约是多少？", "sleep", false},
		{"two typos", "7、上学日，你平均每天的水眠时闻大约是多少？", "sleep", false},
		{"doubled character", "7、上学日，你平均每天的睡眠眠时间大约是多少？", "sleep", false},
		{"您 for 你", "7、上学日，您平均每天的睡眠时间大约是多少？", "sleep", false},
		{"你 for 您 in the parent sheet", "1、你的孩子就读的学校是？", "school", true},
		{"punctuation", "7 上学日 你平均每天的睡眠时间大约是多少", "sleep", false},
		// Another question that looks alike: not taken.
		{"weekend sleep", "7、周末，你平均每天的睡眠时间大约是多少？", "", false},
		{"holiday sleep", "7、节假日，你平均每天的睡眠时间大约是多少？", "", false},
		{"nap", "7、上学日，你平均每天的午睡时间大约是多少？", "", false},
		{"weekend homework", "8、周末，你每天完成老师布置的书面家庭作业大约需要多长时间？", "", false},
		{"parent's child for the student", "7、上学日，孩子平均每天的睡眠时间大约是多少？", "", false},
		{"the student for the parent's child", "5、上学日，你平均每天的睡眠时间大约是多少？", "", true},
		{"teacher for parents", "11、老师是否要求学生批改你的作业或检查签字？", "", false},
		{"negation added", "14、学校是否没有月考、周考等经常性的统一考试？", "", false},
		{"off-campus for in school", "20、上学日，你每天在校外参加体育活动（体育课、大课间、课外体育活动）的时间大约是多少？", "", false},
		{"three typos", "7、上学日，你平均每天的水眠时闻大约是多小？", "", false},
		{"different activity", "7、上学日，你平均每天的运动时间大约是多少？", "", false},
		{"how many times for what time", "5、上学日，你通常晚上几次上床睡觉？", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := st
			if tt.parent {
				q = pa
			}
			text, num := normHeader(tt.header)
			idx, approx := headerMatch(q, text, num)
			got := ""
			if idx >= 0 {
				got = q.Questions[idx].Code
			}
			if got != tt.code {
				t.Fatalf("headerMatch(%q) = %q, want %q", tt.header, got, tt.code)
			}
			if idx >= 0 && !approx {
				t.Errorf("headerMatch(%q): exact, want approximate", tt.header)
			}
		})
	}
}

func TestNormHeaderTags(t *testing.T) {
	// formats.md: "a leftover type tag such as (单选题 *必答)", 腾讯文档's （必填）, N.question, ASCII ?.
	const sleep = "上学日,你平均每天的睡眠时间大约是多少"
	tests := []struct {
		name, header string
	}{
		{"(单选题 *必答)", "7、上学日，你平均每天的睡眠时间大约是多少？(单选题 *必答)"},
		{"（单选题 *必答） full-width", "7、上学日，你平均每天的睡眠时间大约是多少？（单选题 ＊必答）"},
		{"[单选题]", "7、上学日，你平均每天的睡眠时间大约是多少？[单选题]"},
		{"（必填）", "7、上学日，你平均每天的睡眠时间大约是多少？（必填）"},
		{"*必填", "7、上学日，你平均每天的睡眠时间大约是多少？*必填"},
		{"【矩阵单选题】", "7、上学日，你平均每天的睡眠时间大约是多少？【矩阵单选题】"},
		{"N. and ASCII ? and spaces", "7.上学日，你平均每天的睡眠时间大约是多少?   "},
		{"（单选题，必答）", "7、上学日，你平均每天的睡眠时间大约是多少？（单选题，必答）"},
		{"（选填）", "7、上学日，你平均每天的睡眠时间大约是多少？（选填）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, num := normHeader(tt.header); got != sleep || num != 7 {
				t.Errorf("normHeader(%q) = %q, %d; want %q, 7", tt.header, got, num, sleep)
			}
		})
	}
}

func TestMapHeaderForms(t *testing.T) {
	st := mustBuiltin(t, "student")
	tests := []struct {
		name   string
		header string
		want   column
	}{
		{"option column N、(option)", "8、(30-60分钟)", column{role: roleOption, question: 7, option: 3}},
		{"option column 第N题(option)", "第8题(没有书面家庭作业)", column{role: roleOption, question: 7, option: 1}},
		{"option column of a yes/no question", "11、(是)", column{role: roleOption, question: 10, option: 2}},
		{"option column with room for text", "8、(120分钟以上〖〗)", column{role: roleOption, question: 7, option: 6}},
		{"option column with a fill-in hint", "8、(120分钟以上【请注明】)", column{role: roleOption, question: 7, option: 6}},
		{"no such option", "8、(三小时)", column{}},
		{"number of another question", "9、(30-60分钟)", column{}},
		{"matrix row", "11、以下情况是否有—老师是否要求家长批改你的作业或检查签字？", column{role: roleQuestion, question: 10, approx: true}},
		{"matrix row whose stem sets another when", "7、周末—你平均每天的睡眠时间大约是多少？", column{}},
		{"matrix row with a double dash", "11、以下情况是否有——老师是否要求家长批改你的作业或检查签字？", column{role: roleQuestion, question: 10, approx: true}},
		{"腾讯问卷 header", "7.上学日，你平均每天的睡眠时间大约是多少？", column{role: roleQuestion, question: 6}},
		{"编号 alone is a student code", "编号", column{role: roleStudentID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols, _, _ := mapHeader(st, []string{tt.header})
			if cols[0] != tt.want {
				t.Errorf("mapHeader(%q) = %+v, want %+v", tt.header, cols[0], tt.want)
			}
		})
	}
	// In a 腾讯问卷 layout 编号 numbers the responses.
	cols, _, _ := mapHeader(st, []string{"编号", "开始答题时间", "结束答题时间", "答题时长"})
	want := []column{{role: roleBookkeeping}, {role: roleStart}, {role: roleSubmitted}, {role: roleDuration}}
	for i := range want {
		if cols[i] != want[i] {
			t.Errorf("腾讯问卷 column %d = %+v, want %+v", i+1, cols[i], want[i])
		}
	}
}
