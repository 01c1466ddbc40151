package ingest

import (
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Expected values in this file come from ../shared/spec/questionnaires.md (学生问卷 Q2, Q3, Q7 and the
// export conventions) and formats.md (问卷星 missing codes, 所用时间, 提交答卷时间), and where the
// spec is silent on a detail (the GradeForm or AnswerForm of a cell), from the doc comments of the
// exported types in normalize.go and answer.go. None was obtained by running the code.

func TestParseGrade(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want int
		form GradeForm
	}{
		// Q2 options: 一年级 … 九年级 are the canonical texts, option n is grade n.
		{"canonical 七年级", "七年级", 7, GradeCanonical},
		{"canonical 三年级", "三年级", 3, GradeCanonical},
		{"canonical 一年级", "一年级", 1, GradeCanonical}, // readable; the student sheet rejects it later
		{"canonical 九年级", "九年级", 9, GradeCanonical},
		{"canonical with spaces", " 七年级 ", 7, GradeCanonical},
		// "also accept 初一/初二/初三, 1-9, 七年级（初一）".
		{"初一", "初一", 7, GradeVariant},
		{"初二", "初二", 8, GradeVariant},
		{"初三", "初三", 9, GradeVariant},
		{"初 二 with space", "初 二", 8, GradeVariant},
		{"index 7", "7", 7, GradeIndex},
		{"index 1", "1", 1, GradeIndex},
		{"index 9", "9", 9, GradeIndex},
		{"full-width index ７", "７", 7, GradeIndex}, // the same index, typed full-width
		{"七年级（初一）", "七年级（初一）", 7, GradeVariant},
		{"七年级(初一) half-width", "七年级(初一)", 7, GradeVariant},
		{"九年级（初三）", "九年级（初三）", 9, GradeVariant},
		{"7年级", "7年级", 7, GradeVariant},
		{"３年级 full-width", "３年级", 3, GradeVariant},
		{"初中一年级", "初中一年级", 7, GradeVariant},
		{"初中三年级", "初中三年级", 9, GradeVariant},
		// Not a grade of 1-9: "a grade that cannot be read" is a rejection.
		{"empty", "", 0, GradeVariant},
		{"spaces", "   ", 0, GradeVariant},
		{"(空)", "(空)", 0, GradeVariant},
		{"十年级", "十年级", 0, GradeVariant},
		{"高一", "高一", 0, GradeVariant},
		{"七年级（初二） mismatch", "七年级（初二）", 0, GradeVariant},
		{"0", "0", 0, GradeVariant},
		{"10", "10", 0, GradeVariant},
		{"-3 missing code", "-3", 0, GradeVariant},
		{"text", "不知道", 0, GradeVariant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, form := ParseGrade(tt.cell)
			if got != tt.want {
				t.Fatalf("ParseGrade(%q) = %d, want %d", tt.cell, got, tt.want)
			}
			if tt.want != 0 && form != tt.form {
				t.Errorf("ParseGrade(%q) form = %d, want %d", tt.cell, form, tt.form)
			}
		})
	}
}

func TestParseClass(t *testing.T) {
	tests := []struct {
		name    string
		cell    string
		want    string
		numeric bool
	}{
		// Q3: "`3`, `3班`, `（3）班`, `三班` all mean class 3".
		{"3", "3", "3", true},
		{"3班", "3班", "3", true},
		{"（3）班", "（3）班", "3", true},
		{"(3)班 half-width", "(3)班", "3", true},
		{"三班", "三班", "3", true},
		{"03", "03", "3", true},
		{"３班 full-width", "３班", "3", true},
		{"3 班 with space", " 3 班 ", "3", true},
		// ParseClass doc: 七(3)班; the part after a grade.
		{"七(3)班", "七(3)班", "3", true},
		{"初一（3）班", "初一（3）班", "3", true},
		{"初一3班", "初一3班", "3", true},
		{"7-3", "7-3", "3", true},
		{"七年级3班", "七年级3班", "3", true},   // a grade word before the class: ParseClass once cut inside the 3-byte 级/年
		{"7年级3班", "7年级3班", "3", true},   // a grade word before the class: ParseClass once cut inside the 3-byte 级/年
		{"初一年级3班", "初一年级3班", "3", true}, // a grade word before the class: ParseClass once cut inside the 3-byte 级/年
		{"十二班", "十二班", "12", true},
		{"二十一班", "二十一班", "21", true},
		{"第3班", "第3班", "3", true},
		{"第三班", "第三班", "3", true},
		// No number: the folded text is the label; an empty cell has none.
		{"empty", "", "", false},
		{"(空)", "(空)", "", false},
		{"火箭班 kept as text", "火箭班", "火箭班", false},
		{"实验班 kept as text", "实验班", "实验班", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, numeric := ParseClass(tt.cell)
			if got != tt.want || numeric != tt.numeric {
				t.Errorf("ParseClass(%q) = %q, %v; want %q, %v", tt.cell, got, numeric, tt.want, tt.numeric)
			}
		})
	}
}

func TestNormHeader(t *testing.T) {
	// Every variant of a header must normalise to what the questionnaire's own text normalises to,
	// and that text keeps its inner parentheses and commas (folded to half-width, as fold documents).
	const (
		sleep   = "上学日,你平均每天的睡眠时间大约是多少"                // Q7
		bedtime = "上学日(周一至周五),你通常晚上几点上床睡觉"             // Q5
		chat    = "老师是否通过班级群(微信、QQ、钉钉等)布置作业或要求打卡"      // Q12
		exams   = "本学期到目前为止,学校或年级统一组织了几次纸笔考试(不含课堂小测验)" // Q13
	)
	tests := []struct {
		name   string
		header string
		want   string
		num    int
	}{
		{"number 、", "7、上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"number .", "7.上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"number ．", "7．上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"Q7.", "Q7.上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"q7. with space", "q7. 上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"第7题", "第7题 上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"full-width number", "７、上学日，你平均每天的睡眠时间大约是多少？", sleep, 7},
		{"no number", "上学日，你平均每天的睡眠时间大约是多少？", sleep, 0},
		{"[单选题]", "7、上学日，你平均每天的睡眠时间大约是多少？[单选题]", sleep, 7},
		{"(单选题)", "7、上学日，你平均每天的睡眠时间大约是多少？(单选题)", sleep, 7},
		{"（单选题）", "7、上学日，你平均每天的睡眠时间大约是多少？（单选题）", sleep, 7},
		{"tag before ？", "7、上学日，你平均每天的睡眠时间大约是多少[单选题]？", sleep, 7},
		{"trailing ?", "7、上学日，你平均每天的睡眠时间大约是多少?", sleep, 7},
		{"trailing ：", "7、上学日，你平均每天的睡眠时间大约是多少：", sleep, 7},
		{"trailing :", "7、上学日，你平均每天的睡眠时间大约是多少:", sleep, 7},
		{"no trailing punctuation", "7、上学日，你平均每天的睡眠时间大约是多少", sleep, 7},
		{"surrounding spaces", "  7、 上学日，你平均每天的睡眠时间大约是多少？  ", sleep, 7},
		{"ideographic spaces", "\u30007、上学日，你平均每天的睡眠时间大约是多少？\u3000", sleep, 7},
		{"inner parentheses kept", "5、上学日（周一至周五），你通常晚上几点上床睡觉？", bedtime, 5},
		{"inner parentheses with tag", "5、上学日（周一至周五），你通常晚上几点上床睡觉？（单选题）", bedtime, 5},
		{"inner 、 kept", "12、老师是否通过班级群（微信、QQ、钉钉等）布置作业或要求打卡？", chat, 12},
		{"two-digit number", "13、本学期到目前为止，学校或年级统一组织了几次纸笔考试（不含课堂小测验）？", exams, 13},
		{"bookkeeping", "序号", "序号", 0},
		{"bookkeeping IP", "来自IP", "来自IP", 0},
		{"empty", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, num := normHeader(tt.header)
			if got != tt.want || num != tt.num {
				t.Errorf("normHeader(%q) = %q, %d; want %q, %d", tt.header, got, num, tt.want, tt.num)
			}
		})
	}
}

// TestNormHeaderBuiltins checks the contract of questionnaires.md: the header 问卷星 writes for each
// built-in question, `N、text`, normalises to the question's own text and number.
func TestNormHeaderBuiltins(t *testing.T) {
	for _, q := range surveys.Builtins() {
		for i := range q.Questions {
			qu := &q.Questions[i]
			text, _ := normHeader(qu.Text)
			got, num := normHeader(qu.Header())
			if got != text || num != qu.Number {
				t.Errorf("%s Q%d: normHeader(%q) = %q, %d; want %q, %d", q.Code, qu.Number, qu.Header(), got, num, text, qu.Number)
			}
			if idx, approx := headerMatch(q, got, num); idx != i || approx {
				t.Errorf("%s Q%d: headerMatch = %d, approx %v; want %d, exact", q.Code, qu.Number, idx, approx, i)
			}
		}
	}
}

func mustBuiltin(t testing.TB, code string) *surveys.Questionnaire {
	t.Helper()
	q, err := surveys.Builtin(code)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestMatch(t *testing.T) {
	// Student Q7 (sleep): 不足7小时, 7-8小时, 8-9小时, 9-10小时, 10小时及以上.
	q := mustBuiltin(t, "student")
	sleep := q.Question("sleep")
	if sleep == nil || len(sleep.Options) != 5 || sleep.Options[2].Text != "8-9小时" {
		t.Fatalf("student Q7 is not the questionnaire of the spec: %+v", sleep)
	}
	tests := []struct {
		name string
		cell string
		want surveys.Answer
		form AnswerForm
	}{
		// The option text (问卷星 按选项文本).
		{"option text", "8-9小时", 3, FormText},
		{"first option text", "不足7小时", 1, FormText},
		{"last option text", "10小时及以上", 5, FormText},
		// The 1-based index (按选项序号); formats.md: -2 is 未答 and -3 is 跳过 (不适用), as real 序号
		// downloads write them (an earlier spec had them the other way round).
		{"index", "3", 3, FormIndex},
		{"index 1", "1", 1, FormIndex},
		{"index 5", "5", 5, FormIndex},
		{"full-width index", "３", 3, FormIndex},
		{"-2", "-2", surveys.Missing, FormMissing},
		{"-3", "-3", surveys.NotApplicable, FormSkipped},
		{"-2.0 as pandas writes it", "-2.0", surveys.Missing, FormMissing},
		{"-3.0 as pandas writes it", "-3.0", surveys.NotApplicable, FormSkipped},
		{"index 3.0", "3.0", 3, FormIndex},
		{"index 3.00", "3.00", 3, FormIndex},
		{"3.5 is no index", "3.5", surveys.Invalid, FormInvalid},
		{"NULL", "NULL", surveys.Missing, FormMissing},
		{"null", "null", surveys.Missing, FormMissing},
		{"TRUE is no option of a question without 是", "TRUE", surveys.Invalid, FormInvalid},
		// 问卷星 joins a multiple choice with ┋: two options are no answer to a single choice.
		{"two options joined", "7-8小时┋8-9小时", surveys.Invalid, FormInvalid},
		{"one option and an empty part", "8-9小时┋", 3, FormVariant},
		{"0", "0", surveys.Invalid, FormInvalid},
		{"7 out of range", "7", surveys.Invalid, FormInvalid},
		{"6 out of range", "6", surveys.Invalid, FormInvalid},
		// 问卷星 missing markers; an empty cell is 未答.
		{"empty", "", surveys.Missing, FormMissing},
		{"spaces", "  ", surveys.Missing, FormMissing},
		{"(空)", "(空)", surveys.Missing, FormMissing},
		{"（空）", "（空）", surveys.Missing, FormMissing},
		{"(跳过)", "(跳过)", surveys.NotApplicable, FormSkipped},
		{"（跳过）", "（跳过）", surveys.NotApplicable, FormSkipped},
		// Letters A..F typed from paper, any width or case.
		{"letter A", "A", 1, FormLetter},
		{"letter a", "a", 1, FormLetter},
		{"letter Ａ", "Ａ", 1, FormLetter},
		{"letter C", "C", 3, FormLetter},
		{"letter E", "E", 5, FormLetter},
		{"letter F beyond 5 options", "F", surveys.Invalid, FormInvalid},
		// Option text with a leading letter and punctuation, full-width digits, other dashes.
		{"C. 8-9小时", "C. 8-9小时", 3, FormVariant},
		{"C、 8-9小时", "C、 8-9小时", 3, FormVariant},
		{"C、8-9小时", "C、8-9小时", 3, FormVariant},
		{"c.8-9小时", "c.8-9小时", 3, FormVariant},
		{"Ｃ．８－９小时", "Ｃ．８－９小时", 3, FormVariant},
		{"A. 8-9小时 letter disagrees", "A. 8-9小时", surveys.Invalid, FormInvalid},
		{"８-９小时", "８-９小时", 3, FormVariant},
		{"8～9小时", "8～9小时", 3, FormVariant},
		{"8~9小时", "8~9小时", 3, FormVariant},
		{"8—9小时", "8—9小时", 3, FormVariant},
		{"spaces around text", " 8-9小时 ", 3, FormVariant},
		{"8小时左右", "8小时左右", surveys.Invalid, FormInvalid},
		{"other text", "不知道", surveys.Invalid, FormInvalid},
	}
	m := newMatcher(sleep)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for pass := 0; pass < 2; pass++ { // the second pass is answered from the cache
				got, form := m.Match(tt.cell)
				if got != tt.want || form != tt.form {
					t.Fatalf("pass %d: Match(%q) = %d, %d; want %d, %d", pass, tt.cell, got, form, tt.want, tt.form)
				}
			}
		})
	}
}

func TestMatchBedtime(t *testing.T) {
	// Student Q5 (bedtime): options with colons, which full-width typing changes.
	q := mustBuiltin(t, "student")
	m := newMatcher(q.Question("bedtime"))
	tests := []struct {
		name string
		cell string
		want surveys.Answer
		form AnswerForm
	}{
		{"option text", "21:00-21:20", 2, FormText},
		{"full-width colons", "21：00-21：20", 2, FormVariant},
		{"tilde", "21:00～21:20", 2, FormVariant},
		{"letter prefix", "E. 22:30-23:00", 5, FormVariant},
		{"letter F", "F", 6, FormLetter},
		{"23:00以后", "23:00以后", 6, FormText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, form := m.Match(tt.cell)
			if got != tt.want || form != tt.form {
				t.Errorf("Match(%q) = %d, %d; want %d, %d", tt.cell, got, form, tt.want, tt.form)
			}
		})
	}
}

// manyOptions returns a choice question with n options named 选项1 … 选项n.
func manyOptions(n int) *surveys.Question {
	qu := &surveys.Question{Number: 1, Code: "many", Kind: surveys.KindChoice, Text: "多选项"}
	for i := 1; i <= n; i++ {
		qu.Options = append(qu.Options, surveys.Option{Text: "选项" + strings.Repeat("I", i)})
	}
	return qu
}

func TestMatchLetterPunctuation(t *testing.T) {
	// Only the letters A..Z name options; ASCII punctuation next to them in the code table does not.
	m := newMatcher(manyOptions(31))
	for _, cell := range []string{"[", "{", "\\", "|", "]", "}", "^", "_"} {
		if got, form := m.Match(cell); got != surveys.Invalid || form != FormInvalid {
			t.Errorf("Match(%q) = %d, %d; want Invalid", cell, got, form)
		}
	}
}

func TestParseDuration(t *testing.T) {
	// formats.md: 所用时间 reads like 123秒 or 2分3秒; -1 when it cannot be read (Dataset.Duration).
	tests := []struct {
		name string
		in   string
		want int32
	}{
		{"seconds", "123秒", 123},
		{"minutes and seconds", "2分3秒", 123},
		{"hours minutes seconds", "1小时2分3秒", 3723},
		{"hours and minutes", "1小时2分", 3720},
		{"bare number", "123", 123},
		{"minutes only", "2分", 120},
		{"zero seconds", "0秒", 0},
		{"full-width digits", "１２３秒", 123},
		{"spaces", " 2分 3秒 ", 123},
		{"empty", "", -1},
		{"garbage", "garbage", -1},
		{"unit only", "秒", -1},
		{"negative", "-5", -1},
		{"trailing number without unit", "2分3", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseDuration(tt.in); got != tt.want {
				t.Errorf("ParseDuration(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDurationOverflow(t *testing.T) {
	for _, in := range []string{"2147483648", "4294967295", "99999999999", "1000000小时", "9999999时"} {
		if got := ParseDuration(in); got != -1 {
			t.Errorf("ParseDuration(%q) = %d, want -1 (out of range)", in, got)
		}
	}
}

func TestParseSubmitted(t *testing.T) {
	// 2026-09-03 is 9742 days after 2000-01-01: 26 years with 7 leap days (2000 … 2024) is 9497 days to
	// 2026-01-01, plus 245 days (Jan … Aug = 243, then the 3rd is 2 days on). 9742 × 86400 = 841708800.
	// As an Excel serial number it is 36526 (2000-01-01) + 9742 = 46268.
	const sep3 = 841708800
	tests := []struct {
		name string
		in   string
		want int64
	}{
		{"问卷星 slashes", "2026/09/03 12:00:00", sep3 + 12*3600},
		{"dashes, no seconds", "2026-9-3 12:00", sep3 + 12*3600},
		{"one-digit hour", "2026/9/3 8:05:09", sep3 + 8*3600 + 5*60 + 9},
		{"date only", "2026/09/03", sep3},
		{"spaces", "  2026/09/03 12:00:00 ", sep3 + 12*3600},
		{"Excel serial", "46268.5", sep3 + 12*3600},
		{"Excel serial whole day", "46268", sep3},
		{"epoch", "2000/01/01 00:00:00", 0},
		{"empty", "", 0},
		{"garbage", "昨天", 0},
		{"small number is no date", "123", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseSubmitted(tt.in); got != tt.want {
				t.Errorf("ParseSubmitted(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
