package ingest

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// A summary table of timetables has one row per school, grade and subject: 学校, 年级, 学科, 周课时.

var summaryColumns = [4][]string{
	{"学校", "学校名称", "学校全称", "单位", "单位名称"},
	{"年级"},
	{"学科", "科目", "课程", "课程名称", "学科名称", "科目名称"},
	{"周课时", "每周课时", "课时", "周课时数", "课时数", "每周课时数", "节数", "周节数", "每周节数"},
}

// summaryWords are what a header that is not spelt as in summaryColumns must contain (学校名称（全称）,
// 周课时数（节）), and must not.
var summaryWords = [4]struct{ has, not []string }{
	{[]string{"学校"}, []string{"代码", "编号", "类型", "学段"}},
	{[]string{"年级"}, nil},
	{[]string{"学科", "科目", "课程名"}, nil},
	{[]string{"课时", "节数"}, []string{"总"}},
}

// notSubjects mark the columns of a wide summary table that are no subject: totals, notes, codes.
var notSubjects = []string{"合计", "小计", "总", "备注", "说明", "代码", "编号", "序号", "班级数", "班数", "人数", "学段", "类型", "地址", "电话", "填表", "负责人"}

// summaryHeader is the header row of a summary table: its four columns, or, in the wide form
// (学校, 年级, 语文, 数学 …), its school and grade columns and a column per subject.
type summaryHeader struct {
	row  int
	cols [4]int // school, grade, subject, periods (subject and periods -1 in the wide form)
	wide map[int]string
	used int // rows used
}

// findSummaryHeader looks for the header of a summary table in the first rows of a sheet.
func findSummaryHeader(rows [][]string, plan *surveys.CoursePlan) *summaryHeader {
	for i := 0; i < len(rows) && i <= maxTitleRows; i++ {
		h := &summaryHeader{row: i, cols: [4]int{-1, -1, -1, -1}}
		for pass := 0; pass < 2; pass++ {
			for j, c := range rows[i] {
				n := trimPunct(fold(c))
				for k := range summaryColumns {
					if h.cols[k] >= 0 || taken(h.cols, j) {
						continue
					}
					if pass == 0 && contains(summaryColumns[k], n) || pass == 1 && containsAny(n, summaryWords[k].has) && !containsAny(n, summaryWords[k].not) {
						h.cols[k] = j
					}
				}
			}
		}
		if h.cols[0] < 0 || h.cols[1] < 0 {
			continue
		}
		if h.cols[2] >= 0 && h.cols[3] >= 0 {
			return h
		}
		h.wide = map[int]string{}
		known := 0
		for j, c := range rows[i] {
			n := fold(c)
			if j == h.cols[0] || j == h.cols[1] || n == "" || containsAny(n, notSubjects) {
				continue
			}
			h.wide[j] = c // a name the plan does not know is still a subject, listed as unknown
			if _, k := plan.Canonical(c); k != surveys.LessonUnknown {
				known++
			}
		}
		if known >= 3 {
			h.cols[2], h.cols[3] = -1, -1
			return h
		}
	}
	return nil
}

func taken(cols [4]int, j int) bool {
	for _, c := range cols {
		if c == j {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// parsePeriods reads a number of periods: 4, 4.5, "4节", "4课时", "０"; false when it is no number.
func parsePeriods(cell string) (float64, bool) {
	s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(fold(cell), "节"), "课时"), "节课")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 80 {
		return 0, false
	}
	return v, true
}

// readSummary reads the rows of a summary table into one timetable per school (as written) and grade.
func (tr *timetableReader) readSummary(sh sheet, h *summaryHeader, where func(int) string) ([]rawTimetable, []TimetableSkip) {
	type key struct {
		school string
		grade  int
	}
	at := map[key]int{}
	var out []rawTimetable
	var skips []TimetableSkip
	names := [4]string{"学校", "年级", "学科", "周课时"}
	for i := h.row + 1; i < len(sh.rows); i++ {
		row := sh.rows[i]
		cell := func(k int) string {
			if j := h.cols[k]; j >= 0 && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		if blankSheet([][]string{row}) {
			continue
		}
		skip := func(k int, reason string) {
			skips = append(skips, TimetableSkip{Where: where(i + 1), Reason: fmt.Sprintf("“%s”列%s（值“%s”）", names[k], reason, cell(k))})
		}
		school := cell(0)
		if school == "" {
			skip(0, "为空")
			continue
		}
		g, _ := ParseGrade(cell(1))
		if g == 0 {
			skip(1, "无法识别，应为 一年级 … 九年级、初一 … 初三 或 1-9")
			continue
		}
		type entry struct {
			subject string
			periods float64
		}
		var entries []entry
		if h.wide != nil {
			bad := false
			for _, j := range sortedCols(h.wide) {
				v := ""
				if j < len(row) {
					v = strings.TrimSpace(row[j])
				}
				if v == "" {
					continue // an empty cell is no lesson
				}
				p, ok := parsePeriods(v)
				if !ok {
					skips = append(skips, TimetableSkip{Where: where(i + 1), Reason: fmt.Sprintf("“%s”列不是课时数（值“%s”）", h.wide[j], v)})
					bad = true
					break
				}
				entries = append(entries, entry{h.wide[j], p})
			}
			if bad {
				continue
			}
		} else {
			if cell(2) == "" {
				skip(2, "为空")
				continue
			}
			p, ok := parsePeriods(cell(3))
			if !ok {
				skip(3, "不是课时数")
				continue
			}
			entries = append(entries, entry{cell(2), p})
		}
		k := key{schoolKey(school), g}
		idx, seen := at[k]
		if !seen {
			idx = len(out)
			at[k] = idx
			out = append(out, rawTimetable{cands: []string{school}, where: where(i + 1),
				tt: surveys.Timetable{Grade: g, Summary: true, FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}})
		}
		t := &out[idx].tt
		for _, e := range entries {
			name, kind := tr.resolveName(e.subject)
			switch kind {
			case surveys.LessonSelfStudy:
				t.SelfStudy += e.periods
			case surveys.LessonUnknown:
				tr.noteUnknown(name, e.periods, where(i+1))
				fallthrough
			default:
				t.Add(name, kind, e.periods)
			}
		}
		h.used++
	}
	return out, skips
}

func sortedCols(m map[int]string) []int {
	out := make([]int, 0, len(m))
	for j := range m {
		out = append(out, j)
	}
	sort.Ints(out)
	return out
}
