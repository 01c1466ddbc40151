package ingest

import (
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// AnswerForm says how an answer cell was written.
type AnswerForm uint8

// Answer forms. Text and Index are the two 问卷星 downloads; the others are variants the tool maps and counts.
const (
	FormText    AnswerForm = iota // the option text exactly
	FormIndex                     // the 1-based option number (问卷星 按选项序号)
	FormLetter                    // an option letter A–F typed by hand
	FormVariant                   // option text with a letter prefix, full-width characters or spaces
	FormMissing                   // 未答
	FormSkipped                   // 不适用
	FormInvalid                   // matches no option
)

// matcher maps cells of one choice question to answer codes.
type matcher struct {
	q       *surveys.Question
	byText  map[string]surveys.Answer // normalised option text → option
	exact   map[string]surveys.Answer // option text as written in the questionnaire
	cache   map[string]cached
	yes, no surveys.Answer // the options 是 and 否 of a yes/no question, else 0
}

type cached struct {
	a    surveys.Answer
	form AnswerForm
}

const matcherCacheSize = 4096

func newMatcher(q *surveys.Question) *matcher {
	m := &matcher{q: q, byText: map[string]surveys.Answer{}, exact: map[string]surveys.Answer{}, cache: map[string]cached{}}
	for i, o := range q.Options {
		a := surveys.Answer(i + 1)
		m.exact[o.Text] = a
		m.byText[normAnswer(o.Text)] = a
	}
	if len(q.Options) == 2 {
		m.yes, m.no = m.byText["是"], m.byText["否"]
		if m.yes == 0 || m.no == 0 {
			m.yes, m.no = 0, 0
		}
	}
	return m
}

// Match returns the answer code of a cell and how it was written.
func (m *matcher) Match(cell string) (surveys.Answer, AnswerForm) {
	if a, ok := m.exact[cell]; ok {
		return a, FormText
	}
	if c, ok := m.cache[cell]; ok {
		return c.a, c.form
	}
	a, f := m.match(cell)
	if len(m.cache) < matcherCacheSize {
		m.cache[cell] = cached{a, f}
	}
	return a, f
}

func (m *matcher) match(cell string) (surveys.Answer, AnswerForm) {
	s := normAnswer(cell)
	if isMissingText(s) {
		return surveys.Missing, FormMissing
	}
	if isSkippedText(s) {
		return surveys.NotApplicable, FormSkipped
	}
	if a, ok := m.byText[s]; ok {
		return a, FormVariant
	}
	if strings.Contains(s, multiSep) {
		// 问卷星 joins the options of a multiple choice with ┋: one option is that option, two or
		// more are no answer to a single-choice question.
		var one string
		n := 0
		for _, p := range strings.Split(s, multiSep) {
			if p = strings.TrimSpace(p); p != "" {
				one = p
				n++
			}
		}
		if n != 1 {
			return surveys.Invalid, FormInvalid
		}
		a, f := m.match(one)
		if f == FormText {
			f = FormVariant
		}
		return a, f
	}
	// Excel's TRUE and FALSE in a yes/no column: TRUE is 是 whatever the option order, never option 1.
	if m.yes != 0 && len(s) <= 5 {
		switch strings.ToUpper(s) {
		case "TRUE":
			return m.yes, FormVariant
		case "FALSE":
			return m.no, FormVariant
		}
	}
	// "其他【请注明】": the option's label with 问卷星's fill-in hint after it.
	if i := strings.LastIndex(s, "【"); i > 0 && strings.HasSuffix(s, "】") {
		if a, ok := m.byText[trimPunct(s[:i])]; ok {
			return a, FormVariant
		}
	}
	n := len(m.q.Options)
	if i, err := strconv.Atoi(s); err == nil {
		if i >= 1 && i <= n {
			return surveys.Answer(i), FormIndex
		}
		return surveys.Invalid, FormInvalid
	}
	if len(s) == 1 {
		c := s[0] | 0x20 // lower case
		if c >= 'a' && c <= 'z' && int(c-'a') < n {
			return surveys.Answer(c - 'a' + 1), FormLetter
		}
		return surveys.Invalid, FormInvalid
	}
	// "C. 8-9小时", "C、8-9小时": the letter must agree with the text when both are given.
	if loc := letterPrefix.FindStringIndex(s); loc != nil {
		rest := trimPunct(s[loc[1]:])
		if a, ok := m.byText[rest]; ok {
			if int((s[0]|0x20)-'a'+1) == int(a) {
				return a, FormVariant
			}
			return surveys.Invalid, FormInvalid
		}
	}
	// "C8-9小时": a letter glued to the text.
	if c := s[0] | 0x20; c >= 'a' && c <= 'z' {
		if a, ok := m.byText[s[1:]]; ok && int(c-'a'+1) == int(a) {
			return a, FormVariant
		}
	}
	return surveys.Invalid, FormInvalid
}

// columnRole says what a column of an input file holds.
type columnRole uint8

const (
	roleUnknown     columnRole = iota
	roleQuestion               // a question of the questionnaire
	roleStudentID              // 学生编号 / 学号 / 编号
	roleSubmitted              // 提交答卷时间
	roleDuration               // 所用时间
	roleIP                     // 来自IP
	roleBookkeeping            // 序号, 来源, 来源详情, 总分: kept out of the data
)

var bookkeeping = map[string]columnRole{
	"序号": roleBookkeeping, "提交答卷时间": roleSubmitted, "答题时间": roleSubmitted, "提交时间": roleSubmitted,
	"所用时间": roleDuration, "答题时长": roleDuration, "来源": roleBookkeeping, "来源详情": roleBookkeeping,
	"来自IP": roleIP, "IP": roleIP, "IP地址": roleIP, "总分": roleBookkeeping, "用户ID": roleBookkeeping,
	"学生编号": roleStudentID, "学号": roleStudentID, "编号": roleStudentID,
}

// Short headers of hand-made sheets for the school, grade and class questions.
var shortHeaders = map[string]surveys.Kind{
	"学校": surveys.KindSchool, "学校名称": surveys.KindSchool, "所在学校": surveys.KindSchool, "就读学校": surveys.KindSchool,
	"年级": surveys.KindGrade, "所在年级": surveys.KindGrade,
	"班级": surveys.KindClass, "所在班级": surveys.KindClass, "班": surveys.KindClass,
}

// column is the meaning of one input column.
type column struct {
	role     columnRole
	question int  // index into Questionnaire.Questions for roleQuestion
	approx   bool // matched by similarity, not exactly
}

// headerMatch finds the question a header names in q, or -1. approx is set when the header only
// resembles the question text (a typo, a shortened text).
func headerMatch(q *surveys.Questionnaire, text string, num int) (idx int, approx bool) {
	for i := range q.Questions {
		qt, _ := normHeader(q.Questions[i].Text)
		if text == qt {
			return i, false
		}
	}
	if k, ok := shortHeaders[text]; ok {
		for i := range q.Questions {
			if q.Questions[i].Kind == k {
				return i, false
			}
		}
	}
	if len([]rune(text)) < 6 {
		return -1, false
	}
	best, bestScore := -1, 0.0
	for i := range q.Questions {
		qt, _ := normHeader(q.Questions[i].Text)
		score := dice(text, qt)
		if num != 0 && num == q.Questions[i].Number {
			score += 0.1
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if bestScore >= 0.75 {
		return best, true
	}
	return -1, false
}

// dice is the Sørensen–Dice coefficient of the rune bigrams of a and b: 2|A∩B| / (|A|+|B|).
func dice(a, b string) float64 {
	ba, bb := bigrams(a), bigrams(b)
	if len(ba) == 0 || len(bb) == 0 {
		return 0
	}
	count := map[[2]rune]int{}
	for _, g := range ba {
		count[g]++
	}
	common := 0
	for _, g := range bb {
		if count[g] > 0 {
			count[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ba)+len(bb))
}

func bigrams(s string) [][2]rune {
	rs := []rune(s)
	var out [][2]rune
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, [2]rune{rs[i], rs[i+1]})
	}
	return out
}

// mapHeader classifies every column of a header row against q. It returns the columns and the
// headers it could not place.
func mapHeader(q *surveys.Questionnaire, header []string) ([]column, []string, int) {
	cols := make([]column, len(header))
	var unknown []string
	matched := 0
	for j, h := range header {
		text, num := normHeader(h)
		if r, ok := bookkeeping[text]; ok {
			cols[j] = column{role: r}
			continue
		}
		if i, approx := headerMatch(q, text, num); i >= 0 {
			cols[j] = column{role: roleQuestion, question: i, approx: approx}
			matched++
			continue
		}
		if strings.TrimSpace(h) != "" {
			unknown = append(unknown, h)
		}
	}
	return cols, unknown, matched
}
