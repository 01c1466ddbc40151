package analysis

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jianfu-edu/jianfu/surveys"
)

var testSchools = []string{"清溪县第一中学", "县一中", "清溪县实验小学", "实验小学"}

func TestScrub(t *testing.T) {
	tests := []struct {
		name, in, want string
		quotable       bool
	}{
		{"plain text kept", "作业太多了，每天写到十一点。", "作业太多了，每天写到十一点。", true},
		{"phone", "有事打我电话13800138000", "有事打我电话××", true},
		{"phone with spaces", "手机 138 0013 8000 随时联系", "手机 ×× 随时联系", true},
		{"phone with dashes", "请拨138-0013-8000", "请拨××", true},
		{"full-width phone", "电话：１３８００１３８０００", "电话××", true},
		{"full-width phone with ideographic spaces", "１３８　００１３　８０００找我", "××找我", true},
		{"landline", "0737-1234567转办公室", "××转办公室", true},
		{"chinese numerals", "我的号码一三八零零一三八零零零", "我的号码××", true},
		{"id number with X", "孩子身份证43090219850101123X已登记", "孩子身份证××已登记", true},
		{"id number with x", "证件号430902198501011234x", "证件号××", true},
		{"full-width id number", "４３０９０２１９８５０１０１１２３Ｘ", "××", true},
		{"wechat id", "加我微信号abc_12345详聊", "加我微信号××详聊", true},
		{"wechat letters only", "微信:zhangsan_mom", "微信××", true},
		{"vx", "vx：wxid_88aa 有资料", "vx×× 有资料", true},
		{"qq with space", "QQ 12345678", "QQ××", true},
		{"qq number spelt", "扣扣是87654321", "扣扣××", true},
		{"email", "发到 parent.li@example.com 吧", "发到 ×× 吧", true},
		{"full-width email", "ｍａｍａ＠ｑｑ．ｃｏｍ", "××．com", true},
		{"teacher by surname", "张老师每天布置很多作业", "某老师每天布置很多作业", true},
		{"teacher by full name", "王丽老师经常拖堂", "某老师经常拖堂", true},
		{"compound surname", "欧阳同学的妈妈说", "某同学的妈妈说", true},
		{"parent by surname", "李妈妈和刘爸爸都觉得累", "某妈妈和某爸爸都觉得累", true},
		{"head teacher", "陈主任要求周六补课", "某主任要求周六补课", true},
		{"subject teacher is no person", "数学老师和英语老师作业多", "数学老师和英语老师作业多", true},
		{"and the teacher is no person", "我和老师说过了", "我和老师说过了", true},
		{"school from roster", "清溪县第一中学周六还上课", "某校周六还上课", true},
		{"school alias", "县一中月考太多", "某校月考太多", true},
		{"school without county prefix", "第一中学月考太多", "某校月考太多", true},
		{"self-introduction withheld", "我叫王小明，作业太多", "我叫王小明，作业太多", false},
		{"name before kinship withheld", "王小明的妈妈反映睡得太晚", "王小明的妈妈反映睡得太晚", false},
		{"short numbers kept", "每天2小时，一周5次，收费300元", "每天2小时，一周5次，收费300元", true},
		{"date of six digits kept", "考了3次", "考了3次", true},
		{"everything at once", "张老师电话１３９-１２３４-５６７８，微信号zhang_teacher，邮箱zt@163.com，县一中",
			"某老师电话××，微信号××，邮箱××，某校", true},
	}
	sc := NewScrubber(testSchools)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := sc.Scrub(tt.in)
			if got != tt.want || ok != tt.quotable {
				t.Errorf("Scrub(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.quotable)
			}
		})
	}
}

// digitRun finds 7 or more digits in a row, counting across the separators people type.
var digitRun = regexp.MustCompile(`\d(?:[\s\-.·_/]*\d){6,}`)

// FuzzScrub: whatever the text, no run of 7 digits survives (full-width and other scripts folded),
// no e-mail address survives, scrubbing twice changes nothing more, and the result is valid UTF-8.
func FuzzScrub(f *testing.F) {
	for _, s := range []string{"13800138000", "１３８ ００１３ ８０００", "43090219850101123X", "微信号abc123", "QQ 12345678",
		"a@b.cn", "张老师", "清溪县第一中学", "١٢٣٤٥٦٧٨", "138-0013-8000x", "一三八零零一三八零零零", "1 2 3 4 5 6 7"} {
		f.Add(s)
	}
	sc := NewScrubber(testSchools)
	f.Fuzz(func(t *testing.T, in string) {
		out, _ := sc.Scrub(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Scrub(%q) = %q: not valid UTF-8", in, out)
		}
		folded := foldDigits(out)
		if m := digitRun.FindString(folded); m != "" {
			t.Fatalf("Scrub(%q) = %q keeps the digit run %q", in, out, m)
		}
		if emailRe.MatchString(narrow(out)) {
			t.Fatalf("Scrub(%q) = %q keeps an e-mail address", in, out)
		}
		if again, _ := sc.Scrub(out); again != out {
			t.Fatalf("Scrub is not idempotent on %q: %q then %q", in, out, again)
		}
	})
}

// foldDigits writes every decimal digit of any script as an ASCII digit.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		if cnDigit(r) {
			return '0'
		}
		return r
	}, narrow(s))
}

func TestThemesOf(t *testing.T) {
	themes := []surveys.OpenTheme{
		{Name: "作业", Keywords: []string{"作业", "练习"}},
		{Name: "睡眠", Keywords: []string{"睡觉", "熬夜"}},
		{Name: "其他"},
	}
	tests := []struct {
		text string
		want []int
	}{
		{"作业太多，每天熬夜", []int{0, 1}},
		{"练习册太多", []int{0}},
		{"希望多开展活动", []int{2}},
		{"", []int{2}},
	}
	for _, tt := range tests {
		if got := ThemesOf(tt.text, themes); !slices.Equal(got, tt.want) {
			t.Errorf("ThemesOf(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if got := ThemesOf("没有主题", themes[:2]); len(got) != 0 {
		t.Errorf("without an 其他 theme: %v, want none", got)
	}
}

func TestSummarizeOpen(t *testing.T) {
	q, err := surveys.Builtin("parent")
	if err != nil {
		t.Fatal(err)
	}
	open := q.OpenQuestions()[0]
	homework := q.Index("homework_time")
	texts := []string{
		"作业太多了，孩子每天写到十一点",          // 作业
		"张老师布置的作业太多，电话13800138000", // 作业, scrubbed
		"我叫王小明，作业太多",               // 作业, withheld
		"孩子睡觉太晚，作业也多",              // 作业 + 睡眠
		"希望学校多组织活动",                // 其他
		"好",                        // 其他, too short to quote
	}
	d := &surveys.Dataset{Questionnaire: q}
	for i, s := range texts {
		d.Open = append(d.Open, surveys.OpenText{Question: open, Respondent: i, Text: s})
	}
	d.Open = append(d.Open, surveys.OpenText{Question: homework, Respondent: 0, Text: "大概40分钟"})
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	oa := SummarizeOpen([]*surveys.Dataset{d}, p.OpenThemes, testSchools, 2)
	if oa.Total != 7 || oa.Withheld != 1 || len(oa.Sources) != 1 || oa.Sources[0].Open != 6 || oa.Sources[0].FillIn != 1 {
		t.Fatalf("total %d, withheld %d, sources %+v; want 7, 1, 6 open + 1 fill-in", oa.Total, oa.Withheld, oa.Sources)
	}
	got := map[string]ThemeCount{}
	for _, tc := range oa.Themes {
		got[tc.Theme] = tc
	}
	// 作业: four answers; quotable: three (one withheld), two quoted. 睡眠: one. 其他: 活动, 好, 大概40分钟.
	if got["作业"].Count != 4 || len(got["作业"].Quotes) != 2 || got["睡眠"].Count != 1 || got["其他"].Count != 3 {
		t.Errorf("themes %+v", oa.Themes)
	}
	for _, tc := range oa.Themes {
		for _, qt := range tc.Quotes {
			if strings.Contains(qt.Text, "王小明") || strings.Contains(qt.Text, "138") || strings.Contains(qt.Text, "张老师") {
				t.Errorf("quote %q keeps personal data", qt.Text)
			}
			if qt.Text == "好" {
				t.Errorf("quote %q is too short to say anything", qt.Text)
			}
		}
	}
	// Deterministic whatever the order of the answers.
	slices.Reverse(d.Open)
	again := SummarizeOpen([]*surveys.Dataset{d}, p.OpenThemes, testSchools, 2)
	for i := range oa.Themes {
		if !slices.Equal(oa.Themes[i].Quotes, again.Themes[i].Quotes) {
			t.Errorf("theme %s: quotes %v, then %v in reverse order", oa.Themes[i].Theme, oa.Themes[i].Quotes, again.Themes[i].Quotes)
		}
	}
}
