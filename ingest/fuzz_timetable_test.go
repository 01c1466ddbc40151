package ingest

import (
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// FuzzTimetableCell: any cell text gives lessons whose weights sum to one (or no lesson), with
// names the plan resolves as it says.
func FuzzTimetableCell(f *testing.F) {
	for _, s := range []string{"数学", "数学（张）", "数学\n张老师", "音乐/美术", "单周音乐双周美术", "语　文 张明", "【】", "（", "/", "自习/数学", "大课间", "班会\n王老师", "\x00", "老师", "师"} {
		f.Add(s)
	}
	tr := &timetableReader{plan: testPlan(f), unknown: map[string]*UnknownSubject{}}
	f.Fuzz(func(t *testing.T, cell string) {
		parts := tr.cellLessons(cell)
		sum := 0.0
		for _, p := range parts {
			if p.name == "" || p.weight <= 0 || p.weight > 1 {
				t.Fatalf("cellLessons(%q) gave %+v", cell, parts)
			}
			if _, k := tr.plan.Canonical(p.name); k != p.kind {
				t.Fatalf("cellLessons(%q): %q has kind %v, the plan says %v", cell, p.name, p.kind, k)
			}
			sum += p.weight
		}
		if len(parts) > 0 && math.Abs(sum-1) > 1e-9 {
			t.Fatalf("cellLessons(%q) weights sum to %v", cell, sum)
		}
	})
}

// FuzzClassTitle: a title gives a grade 1-9 and a class number, or nothing; the school part is
// never longer than the title.
func FuzzClassTitle(f *testing.F) {
	for _, s := range []string{"七年级1班", "七年级（1）班课程表", "初一(3)班", "701班", "清溪县第一中学2026年春季学期七年级(2)班课程表", "九年级十一班", "0099班", "课表_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, c := parseClassTitle(s)
		if g < 0 || g > 9 || (g == 0 && c != "") {
			t.Fatalf("parseClassTitle(%q) = %d, %q", s, g, c)
		}
		if p := schoolPart(s); len(p) > len(s)*3 {
			t.Fatalf("schoolPart(%q) = %q", s, p)
		}
		if a, b := parseTimes(s); (a < 0) != (b < 0) || (a >= 0 && b <= a) {
			t.Fatalf("parseTimes(%q) = %d, %d", s, a, b)
		}
	})
}

// FuzzReadTimetables: any CSV bytes are read or refused with an error; what is read is in range.
func FuzzReadTimetables(f *testing.F) {
	f.Add("七年级1班\n,周一,周二,周三,周四,周五,周六\n第1节 8:00-8:40,语文,数学,英语,数学,语文,数学\n大课间,,,,,,\n2,音乐/美术,体育,,,自习,\n")
	f.Add("学校,年级,学科,周课时\n一中,七年级,语文,6\n一中,初一,数学,4.5节\n,,,\n二中,十年级,语文,x\n")
	f.Add("\"七年级1班\n星期一\",星期二,星期三\n")
	f.Add("一,二,三,四,五\n一,二,三,四,五\n")
	plan := testPlan(f)
	schools := []surveys.School{{Name: "清溪县第一中学", Aliases: []string{"一中"}}}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := ReadTimetables([]Source{strSource("课表.csv", text)}, TimetableOptions{Plan: plan, Schools: schools})
		if err != nil {
			if !strings.Contains(err.Error(), "课表.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, tt := range res.Timetables {
			if tt.Grade < 1 || tt.Grade > 9 || tt.School == "" || tt.Total() < 0 || tt.SelfStudy < 0 {
				t.Fatalf("read %+v", tt)
			}
			for _, l := range tt.Lessons {
				if l.Periods < 0 || math.IsNaN(l.Periods) || l.Subject == "" {
					t.Fatalf("lesson %+v", l)
				}
			}
		}
	})
}
