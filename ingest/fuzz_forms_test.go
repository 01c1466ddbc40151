package ingest

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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
