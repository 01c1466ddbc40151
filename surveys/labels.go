package surveys

import (
	"strconv"
	"strings"
)

// GradeNameEN returns a grade's English name, "Grade 7" for 7; a number outside 1-12 is returned as
// a bare number.
func GradeNameEN(grade int) string {
	if grade < 1 || grade > 12 {
		return strconv.Itoa(grade)
	}
	return "Grade " + strconv.Itoa(grade)
}

// levelsEN are the English names of the 学段 a band or a roster names.
var levelsEN = map[string]string{
	"小学":    "primary",
	"初中":    "junior secondary",
	"九年一贯制": "nine-year",
	"九年一贯":  "nine-year",
	"高中":    "senior secondary",
}

// LevelEN returns the English name of a 学段 (小学 → "primary", 初中 → "junior secondary", 九年一贯制 →
// "nine-year"); an unknown name is returned unchanged.
func LevelEN(level string) string { return lookupEN(levelsEN, level) }

// localesEN are the English names of the 城乡 categories a roster names.
var localesEN = map[string]string{
	"城区": "urban",
	"城市": "urban",
	"镇区": "town",
	"乡镇": "town",
	"乡村": "rural",
	"农村": "rural",
}

// LocaleEN returns the English name of a 城乡 category (城区 → "urban", 镇区 → "town", 乡村 →
// "rural"); an unknown name is returned unchanged.
func LocaleEN(s string) string { return lookupEN(localesEN, s) }

// weekdaysEN are the English names of the days of the week, by the character that ends their
// Chinese names (星期一, 周一, 礼拜一 …).
var weekdaysEN = map[string]string{
	"一": "Monday", "二": "Tuesday", "三": "Wednesday", "四": "Thursday", "五": "Friday",
	"六": "Saturday", "日": "Sunday", "天": "Sunday",
}

// WeekdayEN returns the English name of a day of the week written 星期一, 周一 or 礼拜一 (星期日 and
// 星期天 → "Sunday"); anything else is returned unchanged.
func WeekdayEN(s string) string {
	t := strings.TrimSpace(s)
	for _, prefix := range []string{"星期", "周", "礼拜"} {
		if day, ok := strings.CutPrefix(t, prefix); ok {
			if en, ok := weekdaysEN[day]; ok {
				return en
			}
		}
	}
	return s
}

// lookupEN returns the English of s in m (white space around s ignored), or s unchanged.
func lookupEN(m map[string]string, s string) string {
	if en, ok := m[strings.TrimSpace(s)]; ok {
		return en
	}
	return s
}
