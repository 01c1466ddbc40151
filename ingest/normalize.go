package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// fold returns s with full-width forms narrowed (Ａ→A, ８→8, ：→:, ？→?), white space removed and
// the many dashes and tildes people type unified to "-".
func fold(s string) string {
	if isPlainASCIINoSpace(s) || !needsFold(s) {
		return s
	}
	return foldSlow(s)
}

// needsFold reports whether fold would change s: it has a rune width.Fold changes (U+3000, U+20A9,
// U+2985-6, the U+FF00-U+FFEF block), white space, a dash or tilde fold unifies, or invalid UTF-8.
func needsFold(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r <= ' ' || r == '~' || r == 0x7f || r == 0x85 {
				return true
			}
			continue
		}
		switch {
		case r >= 0xFF00 && r <= 0xFFEF, r == 0x3000, r == 0x20A9, r == 0x2985, r == 0x2986, r == utf8.RuneError,
			r >= 0x2000 && r <= 0x206F, r == 0x85, r == 0xA0, r == 0x1680, r == 0xFEFF, r == 0x2212, r == '〜', r == '∶':
			return true
		case r == 0xAD, r >= 0xFFF9 && r <= 0xFFFB, (r < 0x2000 || r > 0xFFFF) && unicode.Is(unicode.Cf, r):
			return true // invisible format characters (soft hyphen, Arabic marks, interlinear annotation, tags)
		}
	}
	return false
}

func foldSlow(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r):
			continue // spaces and invisible format characters (zero-width space, soft hyphen, BOM)
		case r == '—' || r == '–' || r == '―' || r == '‐' || r == '−' || r == '~' || r == '〜' || r == '～' || r == '－':
			b.WriteByte('-')
		case r == '∶':
			b.WriteByte(':')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPlainASCIINoSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c <= ' ' || c == '~' {
			return false
		}
	}
	return true
}

var (
	// A leading question number: "7、", "7.", "Q7.", "第7题", "7 ".
	headerNumber = regexp.MustCompile(`^(?:[Qq]|第)?([0-9]{1,3})(?:题)?[、.:)\-_]?`)
	// A question-type tag, after fold: [单选题], (单选题), (单选题*必答), 【必答】, (必填), *必填 …
	headerTag = regexp.MustCompile(`[\[(【〔]?\*?(?:矩阵单选题|矩阵多选题|矩阵量表题|单选题|多选题|单选|多选|填空题|必答题|必答|必填|选填|下拉题|下拉框题|排序题|量表题)(?:[,;*]*(?:必答|必填|选填))?[\])】〕]?`)
)

// normHeader normalises a column header for matching: width folded, spaces removed, the question
// number, type tags and trailing punctuation stripped. It returns the number (0 when absent).
func normHeader(s string) (string, int) {
	s = fold(s)
	num := 0
	if m := headerNumber.FindStringSubmatchIndex(s); m != nil && m[1] < len(s) {
		num, _ = strconv.Atoi(s[m[2]:m[3]])
		s = s[m[1]:]
	}
	s = headerTag.ReplaceAllString(s, "")
	return trimPunct(s), num
}

// trimPunct strips trailing and leading punctuation a header or answer may carry.
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == '?' || r == ':' || r == '。' || r == '.' || r == ',' || r == ';' || r == '*' || r == '、'
	})
}

// normAnswer normalises an answer cell for matching against option texts normalised the same way. A
// whole number written with a zero fraction ("4.0", "-3.00", as pandas and some .xls readers write
// numbers) becomes the number ("4", "-3").
func normAnswer(s string) string {
	return wholeNumber(trimPunct(fold(s)))
}

// wholeNumber returns "4" for "4.0" or "4.000" and "-3" for "-3.0"; any other s unchanged.
func wholeNumber(s string) string {
	dot := strings.IndexByte(s, '.')
	if dot < 0 || dot == len(s)-1 {
		return s
	}
	digits := s[:dot]
	if strings.HasPrefix(digits, "-") {
		digits = digits[1:]
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" || strings.Trim(s[dot+1:], "0") != "" {
		return s
	}
	return s[:dot]
}

// letterPrefix matches an option letter and its punctuation at the start of a cell: "C. ", "C、", "c)".
var letterPrefix = regexp.MustCompile(`^[A-Za-z][.、:)]`)

// isMissingText reports whether a normalised cell means 未答: empty, (空), NULL (a blanked export), or
// the ordinal code -2 (问卷星's 序号 download writes -2 for an unanswered or unranked cell).
func isMissingText(s string) bool {
	switch s {
	case "", "(空)", "空", "-2", "(未答)", "未答", "(未填)", "NULL", "null", "Null":
		return true
	}
	return false
}

// isSkippedText reports whether a normalised cell means 不适用: (跳过), or the ordinal code -3 (问卷星's
// 序号 download writes -3 wherever the text download writes (跳过)).
func isSkippedText(s string) bool {
	return s == "(跳过)" || s == "跳过" || s == "-3"
}

// isNoAnswer reports whether a normalised cell holds no answer at all: 未答 or 不适用.
func isNoAnswer(s string) bool { return isMissingText(s) || isSkippedText(s) }

var cnDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseCNNumber reads a small number written in Chinese (三, 十二, 二十一) or in digits.
func parseCNNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0
	}
	rs := []rune(s)
	if len(rs) > 3 {
		return 0, false
	}
	n, cur, sawTen := 0, -1, false
	for _, r := range rs {
		if r == '十' {
			if sawTen {
				return 0, false
			}
			sawTen = true
			if cur < 0 {
				cur = 1
			}
			n += cur * 10
			cur = -1
			continue
		}
		d, ok := cnDigits[r]
		if !ok || cur >= 0 {
			return 0, false
		}
		cur = d
	}
	if cur >= 0 {
		n += cur
	}
	return n, true
}

// GradeForm says how a grade cell was written.
type GradeForm uint8

// Grade forms: the canonical "七年级", or a variant the tool mapped.
const (
	GradeCanonical GradeForm = iota // 七年级
	GradeIndex                      // 7 (an ordinal export's index, equal to the grade)
	GradeVariant                    // 初一, 七年级（初一）, 7年级, 初中一年级 …
)

var juniorForms = map[string]int{"初一": 7, "初二": 8, "初三": 9, "初中一年级": 7, "初中二年级": 8, "初中三年级": 9}

// ParseGrade reads a grade cell: 七年级, 初一, 7, 七年级（初一）, 7年级, 初中一年级. It returns the grade
// 1..9 and how it was written, or 0 when the cell cannot be read as a grade of 1-9.
func ParseGrade(cell string) (int, GradeForm) {
	s := strings.TrimSuffix(normAnswer(cell), "级")
	s = strings.TrimSuffix(s, "年")
	if s == "" {
		return 0, GradeVariant
	}
	// 七年级（初一）: both parts must agree.
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		a, _ := ParseGrade(s[:i])
		b, _ := ParseGrade(s[i+1 : len(s)-1])
		if a != 0 && a == b {
			return a, GradeVariant
		}
		return 0, GradeVariant
	}
	if g, ok := juniorForms[s]; ok {
		return g, GradeVariant
	}
	if g, ok := juniorForms[s+"年级"]; ok {
		return g, GradeVariant
	}
	if s2 := strings.TrimPrefix(s, "小学"); s2 != s {
		if g, _ := ParseGrade(s2); g >= 1 && g <= 6 {
			return g, GradeVariant
		}
		return 0, GradeVariant
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= 9 {
			if strings.HasSuffix(normAnswer(cell), "年级") {
				return n, GradeVariant
			}
			return n, GradeIndex
		}
		return 0, GradeVariant
	}
	rs := []rune(s)
	if len(rs) == 1 {
		if n, ok := cnDigits[rs[0]]; ok && n >= 1 {
			if normAnswer(cell) == string(rs)+"年级" {
				return n, GradeCanonical
			}
			return n, GradeVariant
		}
	}
	return 0, GradeVariant
}

// ParseClass reads a class cell: 3, 3班, （3）班, 三班, 03, 七(3)班. It returns the class label ("3")
// and whether a number was read; otherwise the folded text itself is the label ("" for an empty cell).
func ParseClass(cell string) (string, bool) {
	s := normAnswer(cell)
	if isNoAnswer(s) {
		return "", false
	}
	t := strings.TrimSuffix(s, "班")
	// Keep what is inside the last parentheses, or the part after a grade: 七(3), 初一3, 7-3.
	if i := strings.LastIndexByte(t, '('); i >= 0 && strings.HasSuffix(t, ")") {
		t = t[i+1 : len(t)-1]
	} else if i := strings.LastIndexAny(t, "-级年"); i >= 0 {
		_, size := utf8.DecodeRuneInString(t[i:])
		if i+size < len(t) {
			t = t[i+size:]
		}
	} else if rs := []rune(t); len(rs) > 2 && (rs[0] == '初' || rs[0] == '高') {
		t = string(rs[2:])
	}
	t = strings.TrimPrefix(t, "第")
	if n, ok := parseCNNumber(t); ok && n > 0 && n < 100 {
		return strconv.Itoa(n), true
	}
	return s, false
}
