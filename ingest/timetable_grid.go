package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// A class timetable grid, as schools keep them: a title (school, grade, class), a header row of days
// (星期一/周一 … 星期五, maybe 星期六, 星期日), and a row per period (第1节 …, perhaps with its times
// 8:00-8:40) between rows that are no lessons (早读, 大课间, 午休, 课后服务). One sheet may hold
// several grids one below the other, each under its own title.

// grid is where one timetable grid sits in a sheet.
type grid struct {
	header    int         // row index of the day header
	end       int         // row index after the grid's last row
	titleFrom int         // first row index of the text above the header that may be its title
	days      map[int]int // column → day 1 (Monday) … 7 (Sunday)
	firstDay  int         // the leftmost day column; columns left of it label the period
}

// dayNames are the spellings of days in a header, after fold.
var dayNames = map[string]int{}

func init() {
	nums := []string{"一", "二", "三", "四", "五", "六", "日"}
	for i, n := range nums {
		for _, p := range []string{"星期", "周", "礼拜"} {
			dayNames[p+n] = i + 1
		}
	}
	for _, p := range []string{"星期", "周", "礼拜"} {
		dayNames[p+"天"] = 7
	}
	for i, n := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		dayNames[n] = i + 1
		dayNames[n[:3]] = i + 1
		dayNames[n[:3]+"."] = i + 1
	}
}

// parseDay reads a day header: 星期一, 周一, 礼拜一, Mon; with bare 一 … 日 when bare is set.
func parseDay(cell string, bare bool) int {
	s := strings.ToLower(fold(cell))
	if d, ok := dayNames[s]; ok {
		return d
	}
	if bare {
		switch s {
		case "一":
			return 1
		case "二":
			return 2
		case "三":
			return 3
		case "四":
			return 4
		case "五":
			return 5
		case "六":
			return 6
		case "日", "天":
			return 7
		}
	}
	return 0
}

// dayHeader returns the day columns of a row when it is a day header: at least three distinct days
// spelt out (or four bare numerals 一 二 三 四 in order).
func dayHeader(row []string) map[int]int {
	for _, bare := range []bool{false, true} {
		days := map[int]int{}
		seen := map[int]bool{}
		for j, c := range row {
			if d := parseDay(c, bare); d > 0 && !seen[d] {
				days[j], seen[d] = d, true
			}
		}
		need := 3
		if bare {
			need = 4
		}
		if len(days) >= need {
			return days
		}
	}
	return nil
}

// findGrids finds every timetable grid of a sheet.
func findGrids(rows [][]string) []grid {
	var out []grid
	lastContent := 0 // row after the previous grid's last row with lessons
	for i, r := range rows {
		days := dayHeader(r)
		if days == nil {
			continue
		}
		first := len(r)
		for j := range days {
			first = min(first, j)
		}
		if n := len(out); n > 0 {
			out[n-1].end = i
			lastContent = out[n-1].lastContentRow(rows) + 1
		}
		out = append(out, grid{header: i, end: len(rows), titleFrom: lastContent, days: days, firstDay: first})
	}
	return out
}

// lastContentRow returns the index of the grid's last row with anything in a day column.
func (g grid) lastContentRow(rows [][]string) int {
	last := g.header
	for i := g.header + 1; i < g.end; i++ {
		for j := range g.days {
			if j < len(rows[i]) && strings.TrimSpace(rows[i][j]) != "" {
				last = i
			}
		}
	}
	return last
}

// nonLessonWords name rows (and cells) of a school day that are no lesson.
var nonLessonWords = []string{"早读", "晨读", "早自习", "晨会", "晨练", "早操", "大课间", "课间操", "眼保健操", "课间", "午休", "午餐", "午饭", "午间", "午读", "午练", "午写", "课后服务", "延时服务", "课外活动", "放学", "晚饭", "晚餐", "晚自习", "托管"}

func isNonLesson(s string) bool {
	s = fold(s)
	for _, w := range nonLessonWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	periodLabel = regexp.MustCompile(`第[0-9一二三四五六七八九十]{1,3}节|^(上午|下午|晚上)?[0-9]{1,2}$|^(上午|下午)?第?[一二三四五六七八九十]{1,3}节?$`)
	timeRange   = regexp.MustCompile(`([0-9]{1,2})[:.点]([0-9]{2})分?(-+|至|到)([0-9]{1,2})[:.点]([0-9]{2})`)
)

// readLabel reads the cells left of the days (上午, 第1节, 8:00-8:40, perhaps two to a cell on
// separate lines): the period's times (-1 when none) and whether it names a period.
func readLabel(cells []string) (start, end int, period bool) {
	start, end = -1, -1
	for _, c := range cells {
		for _, line := range strings.Split(c, "\n") {
			f := fold(line)
			if f == "" {
				continue
			}
			if s, e := parseTimes(f); s >= 0 && start < 0 {
				start, end, period = s, e, true
			}
			period = period || periodLabel.MatchString(f)
		}
	}
	return start, end, period
}

// parseTimes finds a period's times "8:00-8:40" in a label; -1, -1 when there are none.
func parseTimes(s string) (int, int) {
	m := timeRange.FindStringSubmatch(fold(s))
	if m == nil {
		return -1, -1
	}
	h1, _ := strconv.Atoi(m[1])
	m1, _ := strconv.Atoi(m[2])
	h2, _ := strconv.Atoi(m[4])
	m2, _ := strconv.Atoi(m[5])
	if h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 {
		return -1, -1
	}
	if h1 < 7 { // 2:30-3:10 written for the afternoon
		h1 += 12
	}
	if h2 < 7 || h2 < h1 && h2 < 12 {
		h2 += 12
	}
	a, b := h1*60+m1, h2*60+m2
	if b <= a {
		return -1, -1
	}
	return a, b
}

// readGrid reads one grid into a class timetable, or says why it cannot be used.
func (tr *timetableReader) readGrid(sh sheet, g grid, stem string, where func(int) string) (rawTimetable, string) {
	rows := sh.rows
	var titles []string
	for i := g.titleFrom; i < g.header; i++ {
		if t := strings.Join(rows[i], " "); strings.TrimSpace(t) != "" {
			titles = append(titles, t)
		}
	}
	// Cells left of the days in the header row ("七年级1班" over the period column) name it too.
	for j := 0; j < g.firstDay && j < len(rows[g.header]); j++ {
		titles = append(titles, rows[g.header][j])
	}
	cands := append(append([]string(nil), titles...), sh.name, stem)
	grade, class := 0, ""
	for _, c := range cands { // a title naming the class first, then one naming the grade alone
		if g, cl := parseClassTitle(c); g > 0 && cl != "" {
			grade, class = g, cl
			break
		} else if g > 0 && grade == 0 {
			grade = g
		}
	}
	if grade == 0 {
		return rawTimetable{}, "认不出年级和班级：标题、工作表名和文件名中没有“七年级1班”“七年级（1）班”这样的文字"
	}
	t := rawTimetable{cands: cands}
	t.tt = surveys.Timetable{Grade: grade, Class: class, FirstStart: -1, LastEnd: -1, DayStart: -1, DayEnd: -1}
	weekend := [8]bool{}
	for i := g.header + 1; i < g.end; i++ {
		row := rows[i]
		labels := row[:min(g.firstDay, len(row))]
		label := strings.Join(labels, " ")
		var filled []string
		for j := range g.days {
			if j < len(row) && strings.TrimSpace(row[j]) != "" {
				filled = append(filled, row[j])
			}
		}
		start, end, lesson := readLabel(labels)
		switch {
		case isNonLesson(label):
			lesson = false
		case len(filled) > 0 && allNonLesson(filled):
			lesson = false
		case !lesson && anyNote(filled):
			lesson = false // 班主任：张三, 教室：201
		case !lesson && strings.TrimSpace(label) == "" && len(filled) >= 2:
			lesson = true // the label sits in a merged cell above
		case !lesson && len(filled) >= 3:
			lesson = true // an unusual label, but a row of lessons
		}
		if start >= 0 {
			t.tt.DayStart = minTime(t.tt.DayStart, start)
			t.tt.DayEnd = max(t.tt.DayEnd, end)
		}
		if !lesson {
			continue
		}
		any := false
		for j := g.firstDay; j < len(row); j++ {
			day := g.days[j]
			if day == 0 || strings.TrimSpace(row[j]) == "" {
				continue
			}
			for _, p := range tr.cellLessons(row[j]) {
				any = true
				switch p.kind {
				case surveys.LessonSelfStudy:
					t.tt.SelfStudy += p.weight
				case surveys.LessonUnknown:
					tr.noteUnknown(p.name, p.weight, where(i+1))
					fallthrough
				default:
					t.tt.Add(p.name, p.kind, p.weight)
				}
				if day >= 6 {
					weekend[day] = true
					t.tt.WeekendPeriods += p.weight
				}
			}
		}
		if any && start >= 0 {
			t.tt.FirstStart = minTime(t.tt.FirstStart, start)
			t.tt.LastEnd = max(t.tt.LastEnd, end)
		}
	}
	if weekend[6] {
		t.tt.Weekend = append(t.tt.Weekend, "星期六")
	}
	if weekend[7] {
		t.tt.Weekend = append(t.tt.Weekend, "星期日")
	}
	if len(t.tt.Lessons) == 0 && t.tt.SelfStudy == 0 {
		return rawTimetable{}, "课表是空的（表头下没有任何课）"
	}
	return t, ""
}

func minTime(a, b int) int {
	if a < 0 || b < a {
		return b
	}
	return a
}

// anyNote reports whether a cell reads like a note (班主任：张三), not a lesson.
func anyNote(cells []string) bool {
	for _, c := range cells {
		if strings.ContainsAny(c, ":：") && parseTimesAny(c) {
			continue
		}
		if strings.ContainsAny(c, ":：") {
			return true
		}
	}
	return false
}

func parseTimesAny(s string) bool {
	a, _ := parseTimes(s)
	return a >= 0
}

func allNonLesson(cells []string) bool {
	for _, c := range cells {
		if !isNonLesson(c) {
			return false
		}
	}
	return true
}

// cellPart is one subject of a cell with its weight (½ for each of two alternating subjects).
type cellPart struct {
	name   string
	kind   surveys.LessonKind
	weight float64
}

var (
	brackets     = regexp.MustCompile(`[(（【\[][^)）】\]]*[)）】\]]`)
	weekMarks    = regexp.MustCompile(`[(（]?[单双]周?[)）]?`)
	altSeparator = regexp.MustCompile(`[/／|｜\\、]`)
	emptyCell    = map[string]bool{"-": true, "--": true, "/": true, "无": true, "空": true, "×": true, "x": true, "—": true}
)

// cellLessons reads a timetable cell: "数学", "数学（张）", "数学\n张老师", "音乐/美术" (alternate weeks,
// half each). An empty cell, or one that names no lesson (大课间), is no lesson.
func (tr *timetableReader) cellLessons(cell string) []cellPart {
	c := strings.TrimSpace(cell)
	if emptyCell[fold(c)] || isNonLesson(c) && !tr.knows(c) {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(c, "\r", "\n"), "\n")
	type alt struct {
		name string
		kind surveys.LessonKind
	}
	var subjectLines [][]alt
	var firstLine []alt
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		line = weekMarks.ReplaceAllStringFunc(line, func(m string) string {
			if strings.ContainsAny(m, "(（)）周") {
				return "/"
			}
			return m
		})
		var alts []alt
		known := false
		for _, part := range altSeparator.Split(line, -1) {
			if strings.TrimSpace(part) == "" {
				continue
			}
			name, kind := tr.resolveName(part)
			if name == "" {
				continue
			}
			alts = append(alts, alt{name, kind})
			known = known || kind != surveys.LessonUnknown
		}
		if len(alts) == 0 {
			continue
		}
		if firstLine == nil {
			firstLine = alts
		}
		if known {
			subjectLines = append(subjectLines, alts)
		}
	}
	var chosen []alt
	switch {
	case len(subjectLines) > 0:
		for _, l := range subjectLines {
			chosen = append(chosen, l...) // "音乐\n美术" stacked: alternate weeks too
		}
	case firstLine != nil:
		chosen = firstLine
	default:
		return nil
	}
	var out []cellPart
	w := 1 / float64(len(chosen))
	for _, a := range chosen {
		out = append(out, cellPart{name: a.name, kind: a.kind, weight: w})
	}
	return out
}

// knows reports whether the plan knows a name as a subject or 自习.
func (tr *timetableReader) knows(s string) bool {
	_, k := tr.plan.Canonical(s)
	return k != surveys.LessonUnknown
}

// resolveName reads one subject name with what may surround it: brackets (a teacher, a room), a
// teacher's name after it ("数学 张三", "数学张老师"), spaces inside ("语　文").
func (tr *timetableReader) resolveName(s string) (string, surveys.LessonKind) {
	s = strings.TrimSpace(s)
	stripped := brackets.ReplaceAllString(s, "")
	if strings.TrimSpace(stripped) == "" {
		stripped = strings.NewReplacer("(", "", ")", "", "（", "", "）", "", "【", "", "】", "", "[", "", "]", "").Replace(s)
	}
	if name, k := tr.plan.Canonical(stripped); k != surveys.LessonUnknown {
		return name, k
	}
	folded := []rune(surveys.FoldName(stripped))
	if n := len(folded); n > 1 && folded[n-1] == '师' {
		base := folded[:n-1]
		if len(base) > 0 && base[len(base)-1] == '老' {
			base = base[:len(base)-1]
		}
		for k := 0; k <= 3 && k < len(base); k++ { // 数学老师, 数学张老师, 数学张三老师
			if name, kind := tr.plan.Canonical(string(base[:len(base)-k])); kind != surveys.LessonUnknown {
				return name, kind
			}
		}
	}
	fields := strings.Fields(strings.ReplaceAll(stripped, "\u3000", " "))
	for k := len(fields) - 1; k >= 1; k-- { // "数学 张三", "语　文 张明"
		if name, kind := tr.plan.Canonical(strings.Join(fields[:k], "")); kind != surveys.LessonUnknown {
			return name, kind
		}
	}
	name, _ := tr.plan.Canonical(stripped)
	if len(fields) > 1 {
		name, _ = tr.plan.Canonical(fields[0]) // "书法 王明": a name the plan does not know, and its teacher
	}
	if name == "" || emptyCell[name] {
		return "", surveys.LessonUnknown
	}
	return name, surveys.LessonUnknown
}

var (
	gradeToken  = `(初中?[一二三]年级|初[一二三]|小学[一二三四五六]年级|[一二三四五六七八九]年级|[1-9]年级)`
	classNumber = `([0-9]{1,2}|[一二三四五六七八九十]{1,3})`
	classTitle  = regexp.MustCompile(gradeToken + `\(?` + classNumber + `\)?班`)
	classParen  = regexp.MustCompile(gradeToken + `\(` + classNumber + `\)`)
	classShort  = regexp.MustCompile(`(?:^|[^0-9一二三四五六七八九十])([一二三四五六七八九1-9])\(` + classNumber + `\)班?`)
	classCode   = regexp.MustCompile(`(?:^|[^0-9])([1-9])(0[1-9]|[1-9][0-9])班`)
	gradeOnly   = regexp.MustCompile(gradeToken)
	classLabel  = regexp.MustCompile(`班级[:]?\(?` + classNumber + `\)?班?`)
	fieldLabel  = regexp.MustCompile(`(学校名称|学校|单位|班级|年级)[:]`)
	titleDecor  = regexp.MustCompile(`[0-9]{4}(-[0-9]{4})?年?(学年度?|学年)?(第[一二]学期|[春秋]季?学期?|上学期|下学期)?|(春|秋)季?学期|第[一二]学期|[上下]学期`)
	titlePrefix = regexp.MustCompile(`^(班级|作息|总)?(课程表|课表)[-_]?`)
	titleSuffix = regexp.MustCompile(`(班级|作息|总|新)?(课程表|课表|课程安排表?|课程安排|时间表|作息时间表)(\(.*\))?$`)
	sheetName   = regexp.MustCompile(`(?i)^(sheet|工作表|表)[0-9]*$`)
)

// parseClassTitle reads the grade and class from a title, sheet name or file name: 七年级1班,
// 七年级（1）班课程表, 初一(3)班, 701班; a grade alone (七年级课程表) gives the class "".
func parseClassTitle(s string) (int, string) {
	f := bracketReplacer.Replace(fold(s))
	for _, re := range []*regexp.Regexp{classTitle, classParen} {
		if m := re.FindStringSubmatch(f); m != nil {
			g, _ := ParseGrade(m[1])
			n, ok := parseCNNumber(m[2])
			if g > 0 && ok && n > 0 {
				return g, strconv.Itoa(n)
			}
		}
	}
	if m := classShort.FindStringSubmatch(f); m != nil { // 七(1)班, 7(1)班
		g, ok := parseCNNumber(m[1])
		n, ok2 := parseCNNumber(m[2])
		if ok && ok2 && g >= 1 && g <= 9 && n > 0 {
			return g, strconv.Itoa(n)
		}
	}
	if m := classCode.FindStringSubmatch(f); m != nil {
		g, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		return g, strconv.Itoa(n)
	}
	if m := gradeOnly.FindStringSubmatch(f); m != nil {
		if g, _ := ParseGrade(m[1]); g > 0 {
			if c := classLabel.FindStringSubmatch(f); c != nil { // 年级：七年级 班级：1
				if n, ok := parseCNNumber(c[1]); ok && n > 0 {
					return g, strconv.Itoa(n)
				}
			}
			return g, ""
		}
	}
	return 0, ""
}

// schoolPart returns the school a title or file name names, as written: the text before its grade,
// without the term and "课程表"; "" when nothing is left.
func schoolPart(s string) string {
	f := bracketReplacer.Replace(fold(s))
	f = fieldLabel.ReplaceAllString(f, "") // 学校：清溪县第一中学 班级：七年级（1）班
	if loc := gradeOnly.FindStringIndex(f); loc != nil {
		f = f[:loc[0]]
	} else if loc := classShort.FindStringSubmatchIndex(f); loc != nil {
		f = f[:loc[2]]
	} else if loc := classCode.FindStringSubmatchIndex(f); loc != nil {
		f = f[:loc[2]]
	}
	f = titleDecor.ReplaceAllString(f, "")
	f = titlePrefix.ReplaceAllString(f, "")
	for {
		g := titleSuffix.ReplaceAllString(f, "")
		g = strings.TrimRight(g, "-_ .·:")
		if g == f {
			break
		}
		f = g
	}
	f = strings.Trim(f, "-_ .·:()")
	if sheetName.MatchString(f) || len([]rune(f)) < 2 {
		return ""
	}
	if _, err := strconv.Atoi(f); err == nil {
		return ""
	}
	if !strings.ContainsAny(string([]rune(f)[len([]rune(f))-1:]), "学校中小园") {
		return "" // a school's name ends 中学, 小学, 学校, 一中, 实小 …
	}
	return f
}
