package demo

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The fixed seed of the generator's PCG source: the same files on every run.
const seed1, seed2 = 2026, 0x6a69616e6675

// How the survey ran.
const (
	classMin, classMax = 35, 50 // class sizes
	studentPresent     = 0.965  // share of a sampled class at school on the day
	missingFirst       = 0.013  // share of 未答 at the first choice question …
	missingLast        = 0.027  // … rising to this at the last
	emptyMarked        = 0.3    // share of 未答 cells written (空) rather than left empty
	windowDays         = 5      // the survey ran Monday to Friday
)

// windowStart is midnight before the first day of the survey, the last week of term.
var windowStart = time.Date(2026, 6, 29, 0, 0, 0, 0, time.UTC)

// parentResponse is the share of a sampled class's parents who answer, by locale; parents of
// 初中 pupils answer less (parentJuniorDrop fewer).
var parentResponse = map[string]float64{"城区": 0.88, "镇区": 0.84, "乡村": 0.78}

const parentJuniorDrop = 0.06

// Bookkeeping columns of a 问卷星 export, before the questions.
var bookkeeping = []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}

// response is one submitted questionnaire: the truth it was drawn from and the cells as written.
type response struct {
	school    int              // index into schools (also for rows whose school cell is misspelt)
	grade     int              // 1-9
	class     int              // class number within the grade
	answers   []surveys.Answer // by question position; 0 for the school, grade and class questions
	submitted int64            // seconds after windowStart
	duration  int              // 所用时间, seconds
	source    string           // 来源
	detail    string           // 来源详情
	ip        string           // 来自IP
	cells     []string         // the answer cells as written, by question position
}

// sample is the generated county: roster enrolment and both sets of answers, rows in file order.
type sample struct {
	student, parent, teacher    *surveys.Questionnaire
	enrolment                   [][10]int // by school, by grade
	students, parents, teachers []*response
}

// Generate writes the demo files (the roster, the student answers as a 问卷星 xlsx export and the
// parent answers as a 问卷星 CSV export in GB18030) into dir, creating it if needed. The output is
// the same, byte for byte, on every run.
func Generate(dir string) error {
	files, err := render()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("generate demo: %w", err)
	}
	for _, name := range Files() {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return fmt.Errorf("generate demo: %w", err)
		}
	}
	return nil
}

// render generates the county and returns the bytes of each demo file by name.
func render() (map[string][]byte, error) {
	s, err := newSample()
	if err != nil {
		return nil, err
	}
	roster, err := s.rosterCSV()
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", RosterFile, err)
	}
	students, err := s.studentXLSX()
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", StudentFile, err)
	}
	parents, err := s.parentCSV()
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", ParentFile, err)
	}
	teachers, err := s.xlsx("教师问卷（演示数据）", s.teacher, s.teachers)
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", TeacherFile, err)
	}
	files := map[string][]byte{RosterFile: roster, StudentFile: students, ParentFile: parents, TeacherFile: teachers}
	timetables, err := renderTimetables()
	if err != nil {
		return nil, err
	}
	for name, data := range timetables {
		files[name] = data
	}
	return files, nil
}

// newSample draws the county: for every school and grade, every class's size; for the sampled
// classes, every pupil's latent state, the student's answers (grades 3-9, when at school) and the
// parent's (when they answer). Then it blanks 未答 cells, writes the cells, plants the data-quality
// faults and puts the rows in order of submission.
func newSample() (*sample, error) {
	stu, err := surveys.Builtin("student")
	if err != nil {
		return nil, err
	}
	par, err := surveys.Builtin("parent")
	if err != nil {
		return nil, err
	}
	tea, err := surveys.Builtin("teacher")
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed1, seed2))
	s := &sample{student: stu, parent: par, teacher: tea, enrolment: make([][10]int, len(schools))}
	for si := range schools {
		sc := &schools[si]
		schoolIP := fmt.Sprintf("61.187.%d.%d(湖南-益阳)", 16+r.IntN(200), 2+r.IntN(250))
		for _, g := range sc.grades() {
			sampled := sampledClasses(r, sc)
			for c := 1; c <= sc.classes; c++ {
				size := min(classMax, max(classMin, sc.size+int(math.Round(3*r.NormFloat64()))))
				s.enrolment[si][g] += size
				if !sampled[c] {
					continue
				}
				s.drawClass(r, si, g, c, size, schoolIP)
			}
		}
	}
	for k, set := range []struct {
		q    *surveys.Questionnaire
		rows []*response
		plan faultPlan
		open float64
	}{{stu, s.students, studentFaultPlan, teacherLevels.studentOpenShare}, {par, s.parents, parentFaultPlan, teacherLevels.parentOpenShr}} {
		blankMissing(r, set.q, set.rows)
		writeCells(r, set.q, set.rows)
		writeOpenAnswers(set.q, set.rows, set.open, uint64(k+1))
		if err := plantFaults(r, set.q, set.rows, set.plan); err != nil {
			return nil, err
		}
		slices.SortStableFunc(set.rows, func(a, b *response) int { return cmp.Compare(a.submitted, b.submitted) })
	}
	s.drawTeachers()
	writeOpenAnswers(tea, s.teachers, teacherLevels.openShare, 3)
	return s, nil
}

// drawClass draws the pupils of one sampled class and the answers of those at school (grades 3-9)
// and of the parents who answer, sharing the class's random effects and survey sessions.
func (s *sample) drawClass(r *rand.Rand, si, g, c, size int, schoolIP string) {
	sc := &schools[si]
	ce := newClassEffect(r)
	room := roomSession{day: r.IntN(windowDays), start: lessonStart(r)}
	postDay := r.IntN(windowDays - 1) // the day the link was posted in the class's groups
	parentRate := parentResponse[sc.locale] - parentJuniorDrop*float64(level(g))
	for range size {
		p := newPupil(r, sc, g, ce)
		if g >= s.student.MinGrade && r.Float64() < studentPresent {
			resp := &response{school: si, grade: g, class: c, answers: studentAnswers(r, s.student, p)}
			if sc.computerRoom {
				resp.inRoom(r, room, schoolIP, sc.stage)
			} else {
				resp.atHome(r, postDay, sc.stage)
			}
			s.students = append(s.students, resp)
		}
		if r.Float64() < parentRate {
			resp := &response{school: si, grade: g, class: c, answers: parentAnswers(r, s.parent, p)}
			resp.byParent(r, postDay)
			s.parents = append(s.parents, resp)
		}
	}
}

// sampledClasses draws which classes of a grade were sampled.
func sampledClasses(r *rand.Rand, s *school) map[int]bool {
	picked := map[int]bool{}
	for _, i := range r.Perm(s.classes)[:s.sampled] {
		picked[i+1] = true
	}
	return picked
}

// roomSession is a class's lesson in the computer room.
type roomSession struct {
	day   int
	start int // seconds after midnight
}

// lessonStart draws the start of one of the day's lessons that are not at lunchtime.
func lessonStart(r *rand.Rand) int {
	starts := []int{9 * 60, 9*60 + 55, 10*60 + 50, 14*60 + 30, 15*60 + 25, 16*60 + 20}
	return 60 * starts[r.IntN(len(starts))]
}

// answerTime draws 所用时间: mostly two to ten minutes, longer for younger children.
func answerTime(r *rand.Rand, median float64, lo, hi int) int {
	return min(hi, max(lo, int(median*math.Exp(0.35*r.NormFloat64()))))
}

func studentMedianTime(st surveys.Stage) float64 {
	if st == surveys.StagePrimary {
		return 320
	}
	return 240
}

// inRoom times a student who answered in the computer room on the school's IP.
func (resp *response) inRoom(r *rand.Rand, room roomSession, ip string, st surveys.Stage) {
	resp.duration = answerTime(r, studentMedianTime(st), 70, 1500)
	resp.submitted = int64(room.day*86400+room.start+r.IntN(300)) + int64(resp.duration)
	resp.source, resp.detail, resp.ip = "链接", "直接访问", ip
}

// atHome times a student who answered on a phone at home, after the class teacher posted the link.
func (resp *response) atHome(r *rand.Rand, postDay int, st surveys.Stage) {
	resp.duration = answerTime(r, studentMedianTime(st), 70, 1500)
	day := min(windowDays-1, postDay+geometric(r, 0.55))
	resp.submitted = int64(day*86400 + 18*3600 + r.IntN(4*3600))
	resp.source, resp.detail, resp.ip = wechatOrPhone(r), "N/A", homeIP(r)
}

// byParent times a parent's answer: at lunchtime or in the evening, in the days after the link was
// posted in the class's parent group.
func (resp *response) byParent(r *rand.Rand, postDay int) {
	resp.duration = answerTime(r, 150, 45, 1200)
	day := min(windowDays-1, postDay+geometric(r, 0.6))
	at := 18*3600 + 30*60 + r.IntN(4*3600+30*60)
	if r.Float64() < 0.3 {
		at = 12*3600 + r.IntN(90*60)
	}
	resp.submitted = int64(day*86400 + at)
	resp.source, resp.detail, resp.ip = wechatOrPhone(r), "N/A", homeIP(r)
}

// geometric draws the number of failures before the first success with probability p.
func geometric(r *rand.Rand, p float64) int {
	n := 0
	for r.Float64() >= p {
		n++
	}
	return n
}

func wechatOrPhone(r *rand.Rand) string {
	if r.Float64() < 0.75 {
		return "微信"
	}
	return "手机提交"
}

// homeIP draws a household's address: mobile data (located at the provincial capital) or broadband.
func homeIP(r *rand.Rand) string {
	prefixes := []string{"223.104", "117.136", "113.218", "175.9"}
	i := r.IntN(len(prefixes))
	place := "湖南-益阳"
	if i < 2 {
		place = "湖南-长沙"
	}
	return fmt.Sprintf("%s.%d.%d(%s)", prefixes[i], r.IntN(256), 1+r.IntN(254), place)
}

// choiceQuestions returns the positions of the questions with options, other than the grade.
func choiceQuestions(q *surveys.Questionnaire) []int {
	var out []int
	for i, qu := range q.Questions {
		if qu.Kind == surveys.KindChoice {
			out = append(out, i)
		}
	}
	return out
}

// blankMissing turns some answers into 未答, a little more often towards the end of the questionnaire.
func blankMissing(r *rand.Rand, q *surveys.Questionnaire, rows []*response) {
	choice := choiceQuestions(q)
	for _, resp := range rows {
		for k, i := range choice {
			share := missingFirst + (missingLast-missingFirst)*float64(k)/float64(len(choice)-1)
			if r.Float64() < share {
				resp.answers[i] = surveys.Missing
			}
		}
	}
}

// writeCells writes each row's cells as a 问卷星 text export shows them.
func writeCells(r *rand.Rand, q *surveys.Questionnaire, rows []*response) {
	for _, resp := range rows {
		resp.cells = make([]string, len(q.Questions))
		for i := range q.Questions {
			qu := &q.Questions[i]
			switch qu.Kind {
			case surveys.KindSchool:
				resp.cells[i] = schools[resp.school].name
			case surveys.KindGrade:
				resp.cells[i] = qu.Options[resp.grade-1].Text
			case surveys.KindClass:
				resp.cells[i] = strconv.Itoa(resp.class)
				if r.Float64() < 0.6 {
					resp.cells[i] += "班"
				}
			case surveys.KindOpen:
				// Written by writeOpenAnswers, after the draws of the answers above.
			default:
				if resp.answers[i] == surveys.Missing {
					if r.Float64() < emptyMarked {
						resp.cells[i] = "(空)"
					}
					continue
				}
				resp.cells[i] = qu.OptionText(resp.answers[i])
			}
		}
	}
}

// plantFaults plants the plan's data-quality faults, each in a different row drawn at random.
func plantFaults(r *rand.Rand, q *surveys.Questionnaire, rows []*response, plan faultPlan) error {
	used := make([]bool, len(rows))
	pickRow := func(what string, ok func(*response) bool) (*response, error) {
		var cands []int
		for i, resp := range rows {
			if !used[i] && ok(resp) {
				cands = append(cands, i)
			}
		}
		if len(cands) == 0 {
			return nil, fmt.Errorf("demo %s: no row to plant %s in", q.Code, what)
		}
		i := cands[r.IntN(len(cands))]
		used[i] = true
		return rows[i], nil
	}
	anyRow := func(*response) bool { return true }
	school, grade, class := q.SchoolQuestion(), q.GradeQuestion(), q.ClassQuestion()

	for range plan.AliasNames {
		resp, err := pickRow("an alias", anyRow)
		if err != nil {
			return err
		}
		aliases := schools[resp.school].aliases
		resp.cells[school] = aliases[r.IntN(len(aliases))]
	}
	if len(plan.misspellings) != plan.UnknownSchools || len(plan.unknown) != plan.UnknownOptions {
		return fmt.Errorf("demo %s: fault plan does not match its counts", q.Code)
	}
	for _, m := range plan.misspellings {
		resp, err := pickRow("a misspelt school", func(resp *response) bool { return schools[resp.school].name == m.school })
		if err != nil {
			return err
		}
		resp.cells[school] = m.text
	}
	for range plan.GradeVariants {
		resp, err := pickRow("a grade variant", func(resp *response) bool { return resp.grade >= 7 })
		if err != nil {
			return err
		}
		resp.cells[grade] = []string{"初一", "初二", "初三"}[resp.grade-7]
	}
	for k := range plan.ClassVariants {
		resp, err := pickRow("a class variant", func(resp *response) bool { return resp.class <= 9 })
		if err != nil {
			return err
		}
		if k%2 == 0 {
			resp.cells[class] = "（" + strconv.Itoa(resp.class) + "）班"
		} else {
			resp.cells[class] = string([]rune("一二三四五六七八九")[resp.class-1]) + "班"
		}
	}
	for _, u := range plan.unknown {
		i := q.Index(u.code)
		resp, err := pickRow("an unknown option", func(resp *response) bool { return resp.answers[i].IsOption() })
		if err != nil {
			return err
		}
		resp.answers[i] = surveys.Invalid
		resp.cells[i] = u.text
	}
	limit := 2 * (len(q.Questions) - len(q.OpenQuestions())) // seconds: the profile's 2 seconds a question, the optional open one aside
	for range plan.FastSubmissions {
		resp, err := pickRow("a fast submission", anyRow)
		if err != nil {
			return err
		}
		resp.duration = limit*5/8 + r.IntN(limit*3/8)
	}
	return nil
}

// header returns the export's header row: the bookkeeping columns and the question headers.
func header(q *surveys.Questionnaire) []string {
	h := slices.Clone(bookkeeping)
	for i := range q.Questions {
		h = append(h, q.Questions[i].Header())
	}
	return h
}

// record returns the row's bookkeeping cells (序号 is n) followed by its answer cells.
func (resp *response) record(n int) []string {
	at := windowStart.Add(time.Duration(resp.submitted) * time.Second)
	out := []string{
		strconv.Itoa(n),
		at.Format("2006/01/02 15:04:05"),
		strconv.Itoa(resp.duration) + "秒",
		resp.source,
		resp.detail,
		resp.ip,
	}
	return append(out, resp.cells...)
}

// rosterCSV writes the roster as Excel saves "CSV UTF-8": a BOM and CRLF line ends.
func (s *sample) rosterCSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := []string{"学校代码", "学校名称", "学段", "城乡", "别名"}
	for _, g := range s.student.Questions[s.student.GradeQuestion()].Options {
		head = append(head, g.Text+"人数")
	}
	if err := w.Write(head); err != nil {
		return nil, err
	}
	for si := range schools {
		sc := &schools[si]
		row := []string{sc.code, sc.name, string(sc.stage), sc.locale, strings.Join(sc.aliases, ";")}
		for g := 1; g <= 9; g++ {
			cell := ""
			if sc.stage.HasGrade(g) {
				cell = strconv.Itoa(s.enrolment[si][g])
			}
			row = append(row, cell)
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// docTime is the fixed creation and modification time written into the xlsx.
const docTime = "2026-07-03T18:00:00Z"

// studentXLSX writes the student answers as a 问卷星 "按选项文本" xlsx download, with fixed
// document properties so the bytes never change.
func (s *sample) studentXLSX() ([]byte, error) {
	return s.xlsx("学生问卷（演示数据）", s.student, s.students)
}

// xlsx writes a questionnaire's answers as a 问卷星 "按选项文本" xlsx download.
func (s *sample) xlsx(title string, q *surveys.Questionnaire, answers []*response) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        County + "学生课业负担监测",
		Creator:        "jianfu demo",
		LastModifiedBy: "jianfu demo",
		Description:    "jianfu 生成的虚构演示数据，不涉及真实学校和学生。",
		Created:        docTime,
		Modified:       docTime,
		Language:       "zh-CN",
	}); err != nil {
		return nil, err
	}
	rows := [][]string{header(q)}
	for n, resp := range answers {
		rows = append(rows, resp.record(n+1))
	}
	for i, row := range rows {
		for j, text := range row {
			if text == "" {
				continue // 未答 cells are absent, as Excel leaves them
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return nil, err
			}
			var v any = text
			if i > 0 && j == 0 {
				v = i // 序号 is a number in 问卷星's xlsx
			}
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return nil, err
			}
		}
	}
	last, err := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// parentCSV writes the parent answers as a 问卷星 text download saved as CSV by Excel on Chinese
// Windows: GB18030, CRLF line ends, no BOM.
func (s *sample) parentCSV() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(header(s.parent)); err != nil {
		return nil, err
	}
	for n, resp := range s.parents {
		if err := w.Write(resp.record(n + 1)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return simplifiedchinese.GB18030.NewEncoder().Bytes(buf.Bytes())
}
