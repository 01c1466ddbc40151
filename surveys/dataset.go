package surveys

// Stage is a school's 学段.
type Stage string

// The 学段 a roster may name.
const (
	StagePrimary Stage = "小学"
	StageJunior  Stage = "初中"
	StageNine    Stage = "九年一贯制"
)

// HasGrade reports whether a school of this stage teaches grade g. An unknown stage has every grade.
func (s Stage) HasGrade(g int) bool {
	switch s {
	case StagePrimary:
		return g >= 1 && g <= 6
	case StageJunior:
		return g >= 7 && g <= 9
	}
	return g >= 1 && g <= 9
}

// School is one school of the county, from the roster or, without a roster, from the answers.
type School struct {
	Code    string   // 学校代码 ("" without a roster)
	Name    string   // 学校名称
	Stage   Stage    // 学段 ("" when unknown)
	Locale  string   // 城乡: 城区, 镇区 or 乡村 ("" when unknown)
	Aliases []string // 别名
	// Enrolment[g] is the number enrolled in grade g (1..9); -1 when the roster does not say.
	Enrolment [10]int
}

// TotalEnrolment returns the enrolment over the grades in [from, to], and false when any is unknown.
func (s *School) TotalEnrolment(from, to int) (int, bool) {
	total := 0
	for g := from; g <= to; g++ {
		if s.Enrolment[g] < 0 {
			return 0, false
		}
		total += s.Enrolment[g]
	}
	return total, true
}

// Roster is the county's list of schools.
type Roster struct {
	Schools []School
}

// ClassKey identifies a sampling cluster: a class of a grade of a school.
type ClassKey struct {
	School uint16
	Grade  uint8
	Label  string // the normalised class: "3" for 3班, or the cell's text when no number could be read
}

// Dataset holds the used answers of one questionnaire as typed columns, one entry per respondent.
// School and class are dictionary-encoded; every question has a column of Answer codes with the kinds
// of missing kept apart. Nothing in it is a raw row.
type Dataset struct {
	Questionnaire *Questionnaire
	Schools       []School   // the school dictionary (the roster's schools, in roster order)
	Classes       []ClassKey // the class dictionary

	School []uint16 // per respondent: index into Schools
	Grade  []uint8  // per respondent: 1..9
	Class  []uint32 // per respondent: index into Classes
	// Answers[q][i] is respondent i's answer to Questionnaire.Questions[q]; nil for the school,
	// grade and class questions, which live in the columns above.
	Answers [][]Answer
	// Multi[q][i] holds respondent i's options of the multiple-choice question q as bits (option k
	// is bit k-1; 0 is no option chosen); nil when the questionnaire has no such question, and nil
	// for the other questions.
	Multi [][]uint32

	// Provenance and bookkeeping, kept for data-quality checks and never shown in a report.
	File        []uint16 // per respondent: index into Files
	Row         []uint32 // per respondent: the row number as Excel shows it
	Files       []string
	StudentID   []string // 学生编号 per respondent, or nil when no file had the column
	SubmittedAt []int64  // 提交答卷时间, seconds since 2000-01-01 in local time; 0 when absent
	Duration    []int32  // 所用时间 in seconds; -1 when absent
	IP          []uint32 // 来自IP, index into IPs; 0 = absent
	IPs         []string // the IP dictionary; IPs[0] is ""

	// Open holds the free text respondents wrote: fill-in text attached to an option (问卷星's
	// `30-60分钟〖大概40分钟〗`) and answers to open questions. Kept for the open-answers appendix only;
	// never shown with a name or a row.
	Open []OpenText
}

// OpenText is one piece of free text a respondent wrote.
type OpenText struct {
	Question   int    // index into Questionnaire.Questions
	Respondent int    // index of the respondent in the Dataset's columns
	Text       string // as written, trimmed; not yet scrubbed of personal data
}

// Len returns the number of respondents.
func (d *Dataset) Len() int { return len(d.School) }

// Column returns the answer column of the question with the given code, or nil.
func (d *Dataset) Column(code string) []Answer {
	i := d.Questionnaire.Index(code)
	if i < 0 {
		return nil
	}
	return d.Answers[i]
}
