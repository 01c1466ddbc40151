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
