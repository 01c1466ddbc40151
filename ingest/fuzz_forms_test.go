package ingest

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jianfu-edu/jianfu/surveys"
)

// FuzzParseTime checks that any cell reads as a time that formats back to itself, or as blank or
// unreadable with 0.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2023/1/17 9:58:01", "2026/09/03 12:00:00", "2026-09-03T12:00", "2026-09-03T12:00:00Z",
		"2026年9月3日 12:00", "2026年9月3日12时5分", "46268.5", "2026/9/3 下午 3:04:05", "NULL", "", "昨天", "2026/2/30",
		"2026-09-03T12:00:00+08:00", "２０２６/９/３", "2026/9/3 3:04 PM", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, st := parseTime(s)
		switch st {
		case cellAbsent, cellUnreadable:
			if v != 0 {
				t.Fatalf("parseTime(%q) = %d, state %d", s, v, st)
			}
			if st == cellAbsent && !isBlankCell(s) {
				t.Fatalf("parseTime(%q): blank, but the cell is not", s)
			}
		case cellRead:
			tm := epoch2000.Add(time.Duration(v) * time.Second)
			if tm.Year() < 1900 || tm.Year() > 3000 {
				t.Fatalf("parseTime(%q) = %v", s, tm)
			}
			back := tm.Format("2006/1/2 15:04:05")
			if v2, st2 := parseTime(back); v2 != v || st2 != cellRead {
				t.Fatalf("parseTime(%q) = %v; its text %q reads as %d, %d", s, tm, back, v2, st2)
			}
		default:
			t.Fatalf("parseTime(%q): state %d", s, st)
		}
	})
}

// FuzzParseDuration checks that any cell reads as 0 … maxDuration seconds that read back from
// "N秒", or as -1.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"462秒", "2分3秒", "1小时2分3秒", "462.0", "0:07:42", "7:42", "NULL", "", "很快", "99999999秒", "１２秒"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, st := parseDuration(s)
		if st != cellRead {
			if d != -1 {
				t.Fatalf("parseDuration(%q) = %d, state %d", s, d, st)
			}
			return
		}
		if d < 0 || d > maxDuration {
			t.Fatalf("parseDuration(%q) = %d", s, d)
		}
		if d2, _ := parseDuration(fmt.Sprintf("%d秒", d)); d2 != d {
			t.Fatalf("parseDuration(%q) = %d, but %d秒 reads as %d", s, d, d, d2)
		}
	})
}

// FuzzSplitFillIns checks that splitting a cell loses nothing but the brackets: the label and the
// texts together hold every rune of the cell outside 〖〗 and white space, and a cell with no 〖 is
// its own label.
func FuzzSplitFillIns(f *testing.F) {
	for _, s := range []string{"30-60分钟〖大概40分钟〗", "其他【请注明】〖亲友赠送的〗", "语文〖作文〗┋其他〖书法〗", "其他〖写了〖括号〗的〗",
		"其他〖没写完", "〗〖", "", "〖〗"} {
		f.Add(s)
	}
	count := func(s string) map[rune]int {
		m := map[rune]int{}
		for _, r := range s {
			switch r {
			case '〖', '〗':
			default:
				if strings.TrimSpace(string(r)) != "" {
					m[r]++
				}
			}
		}
		return m
	}
	f.Fuzz(func(t *testing.T, cell string) {
		label, texts := splitFillIns(cell)
		if !strings.Contains(cell, fillOpen) {
			if label != cell || texts != nil {
				t.Fatalf("splitFillIns(%q) = %q, %q: no 〖, so no change", cell, label, texts)
			}
			return
		}
		if len(texts) > 0 && strings.Contains(label, fillOpen) {
			t.Fatalf("splitFillIns(%q): label %q still has a fill-in", cell, label)
		}
		for _, x := range texts {
			if x == "" || x != strings.TrimSpace(x) {
				t.Fatalf("splitFillIns(%q): text %q is empty or untrimmed", cell, x)
			}
		}
		if !utf8.ValidString(cell) {
			return
		}
		want, got := count(cell), count(label+strings.Join(texts, ""))
		for r, n := range want {
			if got[r] != n {
				t.Fatalf("splitFillIns(%q) = %q, %q: rune %q %d times, want %d", cell, label, texts, r, got[r], n)
			}
		}
	})
}

// FuzzHeaderMatch checks the rule of sameWords on any header: a header taken for a question by
// similarity holds the same meaning words as the question's text (or the text without its
// parentheticals), and is within maxTypos edits of it.
func FuzzHeaderMatch(f *testing.F) {
	for _, s := range []string{"7、上学日，你平均每天的睡眠时间大约是多少？", "7、周末，你平均每天的睡眠时间大约是多少？", "5、上学日，你通常晚上几点上床睡觉？",
		"7、上学日，你平均每天的睡民时间大约是多少？", "7、上学日，你平均每的睡眠时间大约是多少？", "8、(30-60分钟)", "11、以下情况—老师是否要求家长批改你的作业或检查签字？"} {
		f.Add(s)
	}
	qs := surveys.Builtins()
	idx := make([]*headerIndex, len(qs))
	for i, q := range qs {
		idx[i] = newHeaderIndex(q)
	}
	words := func(rs []rune) string {
		s := string(rs)
		var out []string
		for _, w := range meaningWords {
			if strings.Contains(s, w) {
				out = append(out, w)
			}
		}
		return strings.Join(out, ",")
	}
	f.Fuzz(func(t *testing.T, h string) {
		text, num := normHeader(h)
		for _, x := range idx {
			i, approx := x.match(text, num)
			if i < 0 || !approx {
				continue
			}
			hr := []rune(plainWords(text))
			ok := false
			for _, form := range x.plain[i] {
				if words(hr) == words(form) && levenshtein(hr, form) <= maxTypos {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("%q taken for %s Q%d %q: meaning words %q against %q", h, x.q.Code, x.q.Questions[i].Number, x.texts[i], words(hr), words(x.plain[i][0]))
			}
		}
	})
}

// levenshtein is the edit distance of two rune slices, written here apart from slipsOnly.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}
