package surveys_test

import (
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

func TestGradeNameEN(t *testing.T) {
	tests := []struct {
		name  string
		grade int
		want  string
	}{
		{"first grade", 1, "Grade 1"},
		{"junior secondary", 7, "Grade 7"},
		{"last grade", 9, "Grade 9"},
		{"no grade", 0, "0"},
		{"out of range", 13, "13"},
		{"negative", -1, "-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := surveys.GradeNameEN(tt.grade); got != tt.want {
				t.Errorf("GradeNameEN(%d) = %q, want %q", tt.grade, got, tt.want)
			}
		})
	}
}

// TestLabelsEN: each translation of a roster or band word, and an unknown word returned unchanged.
func TestLabelsEN(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"level primary", surveys.LevelEN, "小学", "primary"},
		{"level junior", surveys.LevelEN, "初中", "junior secondary"},
		{"level nine-year", surveys.LevelEN, "九年一贯制", "nine-year"},
		{"level nine-year short", surveys.LevelEN, "九年一贯", "nine-year"},
		{"level with spaces", surveys.LevelEN, " 小学 ", "primary"},
		{"level unknown", surveys.LevelEN, "特教", "特教"},
		{"level empty", surveys.LevelEN, "", ""},
		{"locale urban", surveys.LocaleEN, "城区", "urban"},
		{"locale town", surveys.LocaleEN, "镇区", "town"},
		{"locale rural", surveys.LocaleEN, "乡村", "rural"},
		{"locale unknown", surveys.LocaleEN, "山区", "山区"},
		{"weekday 星期一", surveys.WeekdayEN, "星期一", "Monday"},
		{"weekday 周三", surveys.WeekdayEN, "周三", "Wednesday"},
		{"weekday 星期五", surveys.WeekdayEN, "星期五", "Friday"},
		{"weekday 周六", surveys.WeekdayEN, "周六", "Saturday"},
		{"weekday 星期日", surveys.WeekdayEN, "星期日", "Sunday"},
		{"weekday 星期天", surveys.WeekdayEN, "星期天", "Sunday"},
		{"weekday 礼拜二", surveys.WeekdayEN, "礼拜二", "Tuesday"},
		{"weekday 周四", surveys.WeekdayEN, "周四", "Thursday"},
		{"weekday unknown", surveys.WeekdayEN, "周末", "周末"},
		{"weekday bare number", surveys.WeekdayEN, "一", "一"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
