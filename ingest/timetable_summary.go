package ingest

import (
	"fmt"
	"math"
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

// summaryHeader is the header row of a summary table and its four columns.
type summaryHeader struct {
	row  int
	cols [4]int // school, grade, subject, periods
	used int    // rows used
}

// findSummaryHeader looks for the header of a summary table in the first rows of a sheet.
func findSummaryHeader(rows [][]string) *summaryHeader {
	for i := 0; i < len(rows) && i <= maxTitleRows; i++ {
		h := &summaryHeader{row: i, cols: [4]int{-1, -1, -1, -1}}
		for j, c := range rows[i] {
			n := trimPunct(fold(c))
			for k, names := range summaryColumns {
				for _, name := range names {
					if n == name && h.cols[k] < 0 {
						h.cols[k] = j
					}
				}
			}
		}
		if h.cols[0] >= 0 && h.cols[1] >= 0 && h.cols[2] >= 0 && h.cols[3] >= 0 {
			return h
		}
	}
	return nil
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
			if j := h.cols[k]; j < len(row) {
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
		if cell(2) == "" {
			skip(2, "为空")
			continue
		}
		p, ok := parsePeriods(cell(3))
		if !ok {
			skip(3, "不是课时数")
			continue
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
		name, kind := tr.resolveName(cell(2))
		switch kind {
		case surveys.LessonSelfStudy:
			t.SelfStudy += p
		case surveys.LessonUnknown:
			tr.noteUnknown(name, p, where(i+1))
			fallthrough
		default:
			t.Add(name, kind, p)
		}
		h.used++
	}
	return out, skips
}
