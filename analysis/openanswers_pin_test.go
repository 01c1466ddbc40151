package analysis

import (
	"hash/fnv"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// These tests pin the open-answers appendix (openanswers.go) at its edges (issue 12: mutation testing):
// which answers are counted, as open answers or fill-ins; the quote length bounds (6 and 120 characters);
// quotes per theme; the 其他 theme; school names of three characters or more; the 5-digit token and
// 7-digit number rules; each full-width range folded and each separator typed between digits. Expected
// values are written out by hand from the rules in the doc comments.

// TestSummarizeOpenCountsPins: blank answers are not counted; an answer to the questionnaire's open
// question is an open answer, any other (a fill-in 〖…〗 of an option, or an index out of range) a fill-in;
// sources keep the datasets' order and each theme counts per questionnaire.
func TestSummarizeOpenCountsPins(t *testing.T) {
	// Question 0 is open (index 0 must count), question 1 a choice with a fill-in.
	qa := &surveys.Questionnaire{Code: "student", Title: "学生问卷", Questions: []surveys.Question{{Code: "say", Kind: surveys.KindOpen}, {Code: "c", Kind: surveys.KindChoice}}}
	qb := &surveys.Questionnaire{Code: "parent", Title: "家长问卷", Questions: []surveys.Question{{Code: "c", Kind: surveys.KindChoice}, {Code: "say", Kind: surveys.KindOpen}}}
	themes := []surveys.OpenTheme{{Name: "作业", Keywords: []string{"作业"}}, {Name: "睡眠", Keywords: []string{"睡"}}, {Name: "空", Keywords: []string{"没人写这个"}}, {Name: "其他"}}
	da := &surveys.Dataset{Questionnaire: qa, Open: []surveys.OpenText{
		{Question: 0, Text: "作业太多，每天都很晚"},    // open; 作业
		{Question: 0, Text: "  \t "},         // blank: not counted
		{Question: 1, Text: "作业写到很晚才睡觉"},     // fill-in; 作业 and 睡眠
		{Question: 2, Text: "课外班太多了真的累"},     // index == len(Questions): a fill-in, never an index error
		{Question: -1, Text: "我叫李四，作业多得写不完"}, // fill-in; names a person: withheld
	}}
	db := &surveys.Dataset{Questionnaire: qb, Open: []surveys.OpenText{
		{Question: 1, Text: "孩子睡得太晚了，很心疼"}, // open (question 1 of this questionnaire); 睡眠
		{Question: 0, Text: ""},            // blank
	}}
	oa := SummarizeOpen([]*surveys.Dataset{da, db}, themes, nil, QuotesPerTheme)
	// 4 answers counted in the students' data (1 open, 3 fill-ins), 1 in the parents' (open).
	wantSources := []OpenSource{{"student", "学生问卷", 1, 3}, {"parent", "家长问卷", 1, 0}}
	if oa.Total != 5 || oa.Withheld != 1 || !slices.Equal(oa.Sources, wantSources) {
		t.Errorf("total %d withheld %d sources %+v; want 5, 1, %+v", oa.Total, oa.Withheld, oa.Sources, wantSources)
	}
	// 作业: 3 answers, all students'; 睡眠: 2, one per questionnaire; 空: none, left out; 其他: 课外班.
	type tc struct {
		name  string
		count int
		by    map[string]int
	}
	want := []tc{{"作业", 3, map[string]int{"student": 3}}, {"睡眠", 2, map[string]int{"student": 1, "parent": 1}}, {"其他", 1, map[string]int{"student": 1}}}
	if len(oa.Themes) != len(want) {
		t.Fatalf("themes %+v, want %v", oa.Themes, want)
	}
	for i, w := range want {
		got := oa.Themes[i]
		if got.Theme != w.name || got.Count != w.count || len(got.By) != len(w.by) {
			t.Errorf("theme %d: %s %d %v, want %v", i, got.Theme, got.Count, got.By, w)
		}
		for k, v := range w.by {
			if got.By[k] != v {
				t.Errorf("theme %s: %s %d, want %d", w.name, k, got.By[k], v)
			}
		}
	}
	// The withheld answer is counted under 作业 but never quoted: two quotes (of three allowed).
	if q := oa.Themes[0].Quotes; len(q) != 2 || slices.ContainsFunc(q, func(x Quote) bool { return strings.Contains(x.Text, "李四") }) {
		t.Errorf("作业 quotes %+v", q)
	}
}

// TestSummarizeOpenQuotesPins: quotable answers have 6 to 120 characters after scrubbing; each theme gets
// at most perTheme of them, those with the smallest FNV-1a hash of the scrubbed text; an answer quoted
// under an earlier theme is not quoted again.
func TestSummarizeOpenQuotesPins(t *testing.T) {
	q := &surveys.Questionnaire{Code: "student", Title: "学生问卷", Questions: []surveys.Question{{Code: "say", Kind: surveys.KindOpen}}}
	themes := []surveys.OpenTheme{{Name: "作业", Keywords: []string{"作业"}}, {Name: "周末", Keywords: []string{"周末"}}}
	five := "作业太多了"                            // 5 characters: too short
	six := "作业太多了！"                            // 6: quotable
	long120 := "作业" + strings.Repeat("多", 118) // 120: quotable
	long121 := "作业" + strings.Repeat("多", 119) // 121: too long
	both := "周末作业太多"                           // in both themes, 6 characters
	scrubbedTo := "作业好多，加我微信号abc_12345"        // scrubbed to 作业好多，加我微信号×× (12 characters)
	texts := []string{five, six, long120, long121, both, scrubbedTo}
	d := &surveys.Dataset{Questionnaire: q}
	for i, s := range texts {
		d.Open = append(d.Open, surveys.OpenText{Question: 0, Respondent: i, Text: s})
	}
	fnv64a := func(s string) uint64 { h := fnv.New64a(); h.Write([]byte(s)); return h.Sum64() }
	byHash := func(xs ...string) []string {
		slices.SortFunc(xs, func(a, b string) int {
			ha, hb := fnv64a(a), fnv64a(b)
			switch {
			case ha < hb:
				return -1
			case ha > hb:
				return 1
			}
			return strings.Compare(a, b)
		})
		return xs
	}
	quotes := func(tc ThemeCount) []string {
		var out []string
		for _, q := range tc.Quotes {
			if q.Questionnaire != "student" {
				t.Errorf("quote %q from %q", q.Text, q.Questionnaire)
			}
			out = append(out, q.Text)
		}
		return out
	}
	quotable := []string{six, long120, both, "作业好多，加我微信号××"}
	for _, per := range []int{1, 2, 3, 4, 5} {
		oa := SummarizeOpen([]*surveys.Dataset{d}, themes, nil, per)
		if len(oa.Themes) != 2 || oa.Themes[0].Count != 6 || oa.Themes[1].Count != 1 {
			t.Fatalf("per %d: themes %+v", per, oa.Themes)
		}
		hw := byHash(slices.Clone(quotable)...)
		if len(hw) > per {
			hw = hw[:per]
		}
		if got := quotes(oa.Themes[0]); !slices.Equal(got, hw) {
			t.Errorf("per %d: 作业 quotes %q, want %q", per, got, hw)
		}
		// 周末's only answer is quoted under 周末 only when 作业 did not quote it.
		var we []string
		if !slices.Contains(hw, both) {
			we = []string{both}
		}
		if got := quotes(oa.Themes[1]); !slices.Equal(got, we) {
			t.Errorf("per %d: 周末 quotes %q, want %q", per, got, we)
		}
	}
}

// TestThemesOfPins: 其他 (the theme without keywords) takes an answer no keyword matches, wherever it
// stands in the list; an empty keyword matches nothing.
func TestThemesOfPins(t *testing.T) {
	themes := []surveys.OpenTheme{{Name: "其他"}, {Name: "空", Keywords: []string{""}}, {Name: "睡眠", Keywords: []string{"", "睡"}}}
	tests := []struct {
		text string
		want []int
	}{
		{"希望多组织活动", []int{0}},
		{"睡不够", []int{2}},
	}
	for _, tt := range tests {
		if got := ThemesOf(tt.text, themes); !slices.Equal(got, tt.want) {
			t.Errorf("ThemesOf(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if got := ThemesOf("希望多组织活动", themes[1:]); len(got) != 0 {
		t.Errorf("no 其他 theme: %v, want none", got)
	}
}

// TestScrubPins pins the edges of the scrubbing rules.
func TestScrubPins(t *testing.T) {
	// Names shorter than 3 characters are not replaced (一中 is also a word); a name whose county
	// prefix is its first character has nothing left to match alone.
	sc := NewScrubber([]string{"一中", "县一中", "县实验中学", "东区第二小学", " 清溪县城关中学 "})
	tests := []struct {
		name, in, want string
	}{
		{"two-character name kept", "一中的作业多", "一中的作业多"},
		{"three-character name replaced", "县一中的作业多", "某校的作业多"},
		{"name starting with 县 is not cut", "实验中学作业多，县实验中学也是", "实验中学作业多，某校也是"},
		{"district prefix cut", "第二小学和东区第二小学", "某校和某校"},
		{"trimmed name and its county prefix", "清溪县城关中学、城关中学", "某校、某校"},
		// A token of letters and digits with 5 digits is an account; with 4 it is kept.
		{"token with five digits", "编号ab12345找我", "编号××找我"},
		{"token with four digits", "编号ab1234找我", "编号ab1234找我"},
		// 7 digits are a number, 6 are not; across separators; Chinese numerals count.
		{"seven chinese digits", "号码一二三四五六七", "号码××"},
		{"six chinese digits", "号码一二三四五六", "号码一二三四五六"},
		{"seven digits then X", "证件1234567X号", "证件××号"},
		{"six digits then x", "共一二三四五六x", "共一二三四五六x"},
		{"digits apart in words are no number", "1年2班3组4号5人6天7次", "1年2班3组4号5人6天7次"},
		{"number at the very end", "打一三八零零一三八零零零", "打××"},
		{"number at the very start", "一三八零零一三八零零零找我", "××找我"},
	}
	for _, sep := range []string{" ", "-", ".", "·", "—", "–", "_", "/", "\u00a0", "\t"} {
		tests = append(tests, struct{ name, in, want string }{"separator " + sep, "拨一三八" + sep + "零零一三" + sep + "八零零零吧", "拨××吧"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := sc.Scrub(tt.in); got != tt.want {
				t.Errorf("Scrub(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNarrowPins: each full-width range folds at both ends, the characters just outside are kept.
func TestNarrowPins(t *testing.T) {
	tests := []struct{ in, want string }{
		{"０９", "09"},   // U+FF10, U+FF19
		{"ＡＺ", "AZ"},   // U+FF21, U+FF3A
		{"ａｚ", "az"},   // U+FF41, U+FF5A
		{"＠＿－", "@_-"}, // U+FF20, U+FF3F, U+FF0D
		{"　", " "},     // U+3000
		{"，／：［｀｛", "，／：［｀｛"}, // U+FF0C, U+FF0F, U+FF1A, U+FF3B, U+FF40, U+FF5B: not folded
		{"aZ9 -中", "aZ9 -中"},
	}
	for _, tt := range tests {
		if got := narrow(tt.in); got != tt.want {
			t.Errorf("narrow(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
