package surveys

// Answer is one respondent's coded answer to one question: 1..k is the option number (1-based, in the
// questionnaire's order), and the remaining values keep the kinds of missing apart.
type Answer uint8

const (
	// Missing is 未答: an empty cell, (空) or the ordinal code -3.
	Missing Answer = 0
	// Invalid is 无效: the cell holds text that matches no option (e.g. "8小时左右").
	Invalid Answer = 254
	// NotApplicable is 不适用: (跳过) or the ordinal code -2, skipped by the survey's logic; it leaves
	// the denominator.
	NotApplicable Answer = 255
	// MaxOptions is the largest number of options a question may have.
	MaxOptions = 250
)

// IsOption reports whether a is an option number rather than a kind of missing.
func (a Answer) IsOption() bool { return a >= 1 && a <= MaxOptions }

// Verdict is the judgement of one answer against a standard.
type Verdict uint8

const (
	// NotJudged means the answer is not an option (未答, 无效, 不适用) or no rule covers the grade.
	NotJudged Verdict = iota
	// Complies means the answer meets the standard.
	Complies
	// Violates means the answer does not meet the standard.
	Violates
	// Undeterminable (无法判定) means the standard's limit falls inside the answer's class.
	Undeterminable
	// CountsAsMissing means the option says nothing either way (the teachers' 不清楚) and is
	// counted as 未答.
	CountsAsMissing
)
