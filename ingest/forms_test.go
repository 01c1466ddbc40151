package ingest

import (
	"reflect"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Expected values in this file come from ../shared/spec/formats.md (问卷星 section: fill-in text in
// 〖…〗, ┋-joined multiple choices, -2 未答 and -3 跳过, the time and 所用时间 forms, NULL cells) and
// issue 7 (TRUE is 是, never option 1; numbers stored as 4.0), worked out by hand.

func TestSplitFillIns(t *testing.T) {
	tests := []struct {
		name  string
		cell  string
		label string
		texts []string
	}{
		{"plain option", "30-60分钟", "30-60分钟", nil},
		{"fill-in", "30-60分钟〖大概40分钟〗", "30-60分钟", []string{"大概40分钟"}},
		{"other with hint", "其他【请注明】〖亲友赠送的〗", "其他【请注明】", []string{"亲友赠送的"}},
		{"empty fill-in", "30-60分钟〖〗", "30-60分钟", nil},
		{"blank fill-in", "30-60分钟〖  〗", "30-60分钟", nil},
		{"text trimmed", "是〖 老师说的 〗", "是", []string{"老师说的"}},
		{"in a multiple choice", "语文〖作文〗┋其他【请注明】〖书法〗┋数学", "语文┋其他【请注明】┋数学", []string{"作文", "书法"}},
		{"nested brackets kept in the text", "其他〖写了〖括号〗的〗", "其他", []string{"写了〖括号〗的"}},
		{"never closed", "其他〖没写完", "其他〖没写完", nil},
		{"never closed after a closed one", "语文〖作文〗┋其他〖没写完", "语文〖作文〗┋其他〖没写完", nil},
		{"stray close", "其他〗", "其他〗", nil},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			label, texts := splitFillIns(tt.cell)
			if label != tt.label || !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("splitFillIns(%q) = %q, %q; want %q, %q", tt.cell, label, texts, tt.label, tt.texts)
			}
		})
	}
}

func TestMatchYesNo(t *testing.T) {
	// Student Q11 is 否, 是: Excel's TRUE is 是 (option 2), never option 1.
	q := mustBuiltin(t, "student")
	m := newMatcher(q.Question("parent_grading"))
	if m.q.Options[0].Text != "否" || m.q.Options[1].Text != "是" {
		t.Fatalf("student Q11 options are %v, want 否, 是", m.q.Options)
	}
	tests := []struct {
		name string
		cell string
		want surveys.Answer
		form AnswerForm
	}{
		{"TRUE", "TRUE", 2, FormVariant},
		{"FALSE", "FALSE", 1, FormVariant},
		{"true", "true", 2, FormVariant},
		{"False", "False", 1, FormVariant},
		{"是", "是", 2, FormText},
		{"否", "否", 1, FormText},
		{"index 1 is still 否", "1", 1, FormIndex},
		{"index 2.0", "2.0", 2, FormIndex},
		{"是 with fill-in hint", "是【请注明】", 2, FormVariant},
		{"TRUEX", "TRUEX", surveys.Invalid, FormInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, form := m.Match(tt.cell)
			if got != tt.want || form != tt.form {
				t.Errorf("Match(%q) = %d, %d; want %d, %d", tt.cell, got, form, tt.want, tt.form)
			}
		})
	}
	// A question whose options are not 否 and 是 has no TRUE.
	sleep := newMatcher(q.Question("sleep"))
	if a, _ := sleep.Match("TRUE"); a != surveys.Invalid {
		t.Errorf("sleep: Match(TRUE) = %d, want Invalid", a)
	}
}

func TestParseTime(t *testing.T) {
	// 2026-09-03 00:00 is 841708800 s after 2000-01-01 (TestParseSubmitted works it out); 2023-01-17
	// is 8417 days after 2000-01-01 (23 years with 6 leap days, 2000 … 2020, is 8401 days, plus 16).
	const sep3 = 841708800
	const jan17 = 8417 * 86400
	tests := []struct {
		name string
		in   string
		want int64
		st   cellState
	}{
		{"问卷星 unpadded", "2023/1/17 9:58:01", jan17 + 9*3600 + 58*60 + 1, cellRead},
		{"问卷星 padded", "2026/09/03 12:00:00", sep3 + 12*3600, cellRead},
		{"Excel re-save, no seconds", "2026/9/3 12:00", sep3 + 12*3600, cellRead},
		{"dashes", "2026-09-03 12:00:00", sep3 + 12*3600, cellRead},
		{"ISO minutes", "2026-09-03T12:00", sep3 + 12*3600, cellRead},
		{"ISO seconds", "2026-09-03T12:00:05", sep3 + 12*3600 + 5, cellRead},
		{"ISO Z (a date cell's raw value)", "2026-09-03T12:00:00Z", sep3 + 12*3600, cellRead},
		{"ISO fraction", "2026-09-03T12:00:00.000", sep3 + 12*3600, cellRead},
		{"ISO offset kept as clock time", "2026-09-03T12:00:00+08:00", sep3 + 12*3600, cellRead},
		{"年月日 with clock", "2026年9月3日 12:00", sep3 + 12*3600, cellRead},
		{"年月日 glued", "2026年9月3日12:00:30", sep3 + 12*3600 + 30, cellRead},
		{"年月日时分", "2026年9月3日 12时5分", sep3 + 12*3600 + 5*60, cellRead},
		{"年月日 only", "2026年9月3日", sep3, cellRead},
		{"full-width digits", "２０２６/９/３ １２:００", sep3 + 12*3600, cellRead},
		{"下午", "2026/9/3 下午 3:04:05", sep3 + 15*3600 + 4*60 + 5, cellRead},
		{"上午 12 is midnight", "2026/9/3 上午 12:30", sep3 + 30*60, cellRead},
		{"PM after", "2026/9/3 3:04 PM", sep3 + 15*3600 + 4*60, cellRead},
		{"Excel serial", "46268.5", sep3 + 12*3600, cellRead},
		{"Excel serial rounding", "46268.4166666667", sep3 + 10*3600, cellRead},
		{"date only", "2026/09/03", sep3, cellRead},
		// Nothing written: not counted as unreadable.
		{"empty", "", 0, cellAbsent},
		{"NULL", "NULL", 0, cellAbsent},
		{"(空)", "(空)", 0, cellAbsent},
		// Written but unreadable: counted.
		{"words", "昨天", 0, cellUnreadable},
		{"small number", "123", 0, cellUnreadable},
		{"US month first", "9/3/2026 12:00", 0, cellUnreadable},
		{"February 30", "2026/2/30 12:00:00", 0, cellUnreadable},
		{"hour 24", "2026/9/3 24:00", 0, cellUnreadable},
		{"minute 60", "2026-09-03T12:60", 0, cellUnreadable},
		{"PM hour 13", "2026/9/3 下午 13:00", 0, cellUnreadable},
		{"two-digit year", "26/9/3 12:00", 0, cellUnreadable},
		{"mixed separators", "2026/9-3 12:00", 0, cellUnreadable},
		{"trailing words", "2026/9/3 12:00 左右", 0, cellUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, st := parseTime(tt.in)
			if got != tt.want || st != tt.st {
				t.Errorf("parseTime(%q) = %d, %d; want %d, %d", tt.in, got, st, tt.want, tt.st)
			}
		})
	}
}

func TestParseDurationForms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int32
		st   cellState
	}{
		{"问卷星 seconds", "462秒", 462, cellRead},
		{"minutes and seconds", "2分3秒", 123, cellRead},
		{"hours minutes seconds", "1小时2分3秒", 3723, cellRead},
		{"分钟", "7分钟42秒", 462, cellRead},
		{"number stored as 462.0", "462.0", 462, cellRead},
		{"clock h:mm:ss", "0:07:42", 462, cellRead},
		{"clock m:ss", "7:42", 462, cellRead},
		{"empty", "", -1, cellAbsent},
		{"NULL", "NULL", -1, cellAbsent},
		{"words", "很快", -1, cellUnreadable},
		{"clock one-digit seconds", "7:4", -1, cellUnreadable},
		{"clock 60 seconds", "7:60", -1, cellUnreadable},
		{"462.5", "462.5", -1, cellUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, st := parseDuration(tt.in)
			if got != tt.want || st != tt.st {
				t.Errorf("parseDuration(%q) = %d, %d; want %d, %d", tt.in, got, st, tt.want, tt.st)
			}
		})
	}
}

func TestNumbersStoredAsFloats(t *testing.T) {
	if g, _ := ParseGrade("7.0"); g != 7 {
		t.Errorf("ParseGrade(7.0) = %d, want 7", g)
	}
	if l, n := ParseClass("3.0"); l != "3" || !n {
		t.Errorf("ParseClass(3.0) = %q, %v; want 3, true", l, n)
	}
	if l, _ := ParseClass("-3"); l != "" {
		t.Errorf("ParseClass(-3) = %q, want \"\" (跳过)", l)
	}
	for in, want := range map[string]string{"4.0": "4", "-3.00": "-3", "4.": "4.", "4.5": "4.5", ".0": ".0", "-.0": "-.0", "a.0": "a.0", "10.0": "10"} {
		if got := wholeNumber(in); got != want {
			t.Errorf("wholeNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
