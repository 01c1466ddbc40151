package surveys

import (
	"embed"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed data/*.yaml data/profiles/*.yaml
var dataFS embed.FS

// Kind says what a question feeds.
type Kind string

const (
	// KindChoice is a single-choice question with listed options (the default).
	KindChoice Kind = "choice"
	// KindSchool is the school name, free text matched against the roster.
	KindSchool Kind = "school"
	// KindGrade is the grade, 一年级 … 九年级 (option n is grade n).
	KindGrade Kind = "grade"
	// KindClass is the class within the grade, free text normalised to a number.
	KindClass Kind = "class"
	// KindStage is the 学段 a teacher answers for (小学, 初中): it stands in for the grade question of
	// a questionnaire whose respondents have no grade. Each option names the grade whose rules judge
	// that stage (Option.Grade).
	KindStage Kind = "stage"
	// KindMulti is a multiple-choice question: any number of its options (问卷星 joins them with ┋
	// in a text export, and gives one 0/1 column per option in a numeric one).
	KindMulti Kind = "multi"
	// KindOpen is a free-text question with no options, kept for the open-answers appendix.
	KindOpen Kind = "open"
)

// MaxMultiOptions is the largest number of options a multiple-choice question may have (one bit each).
const MaxMultiOptions = 32

// known reports whether k is one of the kinds above; a misspelt kind would silently change what
// the question feeds.
func (k Kind) known() bool {
	switch k {
	case KindChoice, KindSchool, KindGrade, KindClass, KindStage, KindMulti, KindOpen:
		return true
	}
	return false
}

// Scale is the unit of an option's numeric bounds.
type Scale string

// Scales of numeric options. Clock times are minutes after midnight.
const (
	ScaleNone    Scale = ""
	ScaleMinutes Scale = "minutes"
	ScaleHours   Scale = "hours"
	ScaleClock   Scale = "clock"
	ScaleCount   Scale = "count"
	ScaleYuan    Scale = "yuan"
)

// known reports whether s is one of the scales above (or none).
func (s Scale) known() bool {
	switch s {
	case ScaleNone, ScaleMinutes, ScaleHours, ScaleClock, ScaleCount, ScaleYuan:
		return true
	}
	return false
}

// Option is one answer option. Lo and Hi bound its class on the question's scale; an open end is
// -Inf or +Inf. Options of a question without a scale have both NaN.
type Option struct {
	Text string
	// TextEN is the option in English, for --lang en; the Chinese text when the file gives none.
	TextEN string
	Lo     float64
	Hi     float64
	// Grade is, for an option of a stage question, the grade whose rules judge a respondent who
	// chose it (a teacher answers for a stage, not a grade); 0 otherwise.
	Grade int
}

// Question is one question of a questionnaire.
type Question struct {
	Number int
	// Questionnaire is the code of the questionnaire the question belongs to; a profile may give an
	// indicator different rules in each questionnaire (their options need not be in the same order).
	Questionnaire string
	Code          string
	Kind          Kind
	Text          string
	// TextEN is the question in English, for --lang en; the Chinese text when the file gives none.
	// Headers of exports are always matched against Text.
	TextEN  string
	Scale   Scale
	Options []Option
}

// Questionnaire is a survey instrument: its questions in order, and the grades it is meant for.
type Questionnaire struct {
	Code  string
	Title string
	// TitleEN is the title in English, for --lang en; the Chinese title when the file gives none.
	TitleEN   string
	MinGrade  int
	MaxGrade  int
	Questions []Question
	byCode    map[string]int
}

// Question returns the question with the given code, or nil.
func (q *Questionnaire) Question(code string) *Question {
	if i, ok := q.byCode[code]; ok {
		return &q.Questions[i]
	}
	return nil
}

// Index returns the position of the question with the given code in Questions, or -1.
func (q *Questionnaire) Index(code string) int {
	if i, ok := q.byCode[code]; ok {
		return i
	}
	return -1
}

// OptionText returns the text of option a, or "" when a is not an option of q.
func (q *Question) OptionText(a Answer) string {
	if !a.IsOption() || int(a) > len(q.Options) {
		return ""
	}
	return q.Options[a-1].Text
}

// OptionTextEN returns the English text of option a, or "" when a is not an option of q.
func (q *Question) OptionTextEN(a Answer) string {
	if !a.IsOption() || int(a) > len(q.Options) {
		return ""
	}
	return q.Options[a-1].TextEN
}

// Header returns the column header an export of this question carries, like "7、上学日，…？".
func (q *Question) Header() string { return fmt.Sprintf("%d、%s", q.Number, q.Text) }

type questionnaireFile struct {
	Code      string   `yaml:"code"`
	Title     string   `yaml:"title"`
	TitleEN   string   `yaml:"title_en"`
	Grades    [2]int   `yaml:"grades"`
	Questions []qsFile `yaml:"questions"`
}

type qsFile struct {
	Number  int         `yaml:"number"`
	Code    string      `yaml:"code"`
	Kind    Kind        `yaml:"kind"`
	Text    string      `yaml:"text"`
	TextEN  string      `yaml:"text_en"`
	Scale   Scale       `yaml:"scale"`
	Options []optFileOr `yaml:"options"`
	// OptionsEN gives the options' English texts in order, for options written as plain strings.
	OptionsEN []string `yaml:"options_en"`
}

// optFileOr accepts an option either as a bare string or as {text, lo, hi}.
type optFileOr struct {
	Text   string `yaml:"text"`
	TextEN string `yaml:"text_en"`
	Lo     string `yaml:"lo"`
	Hi     string `yaml:"hi"`
	Grade  int    `yaml:"grade"`
}

func (o *optFileOr) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		o.Text = n.Value
		return nil
	}
	type plain optFileOr
	return n.Decode((*plain)(o))
}

// ParseQuestionnaire reads a questionnaire definition in the YAML form of data/student.yaml.
func ParseQuestionnaire(data []byte) (*Questionnaire, error) {
	var f questionnaireFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("parse questionnaire: %w", err)
	}
	q := &Questionnaire{Code: f.Code, Title: f.Title, TitleEN: orZH(f.TitleEN, f.Title), MinGrade: f.Grades[0], MaxGrade: f.Grades[1], byCode: map[string]int{}}
	if q.Code == "" {
		return nil, fmt.Errorf("parse questionnaire: no code")
	}
	if q.MinGrade < 1 || q.MaxGrade > 9 || q.MinGrade > q.MaxGrade {
		return nil, fmt.Errorf("questionnaire %s: grades %v must lie within 1-9", q.Code, f.Grades)
	}
	for i, qf := range f.Questions {
		qu := Question{Number: qf.Number, Questionnaire: f.Code, Code: qf.Code, Kind: qf.Kind, Text: qf.Text, TextEN: orZH(qf.TextEN, qf.Text), Scale: qf.Scale}
		if qu.Kind == "" {
			qu.Kind = KindChoice
		}
		if qu.Code == "" || qu.Text == "" {
			return nil, fmt.Errorf("questionnaire %s question %d: code and text are required", q.Code, qf.Number)
		}
		if !qu.Kind.known() {
			return nil, fmt.Errorf("questionnaire %s question %d: unknown kind %q (choice, school, grade, class, stage, multi or open)", q.Code, qf.Number, qu.Kind)
		}
		if !qu.Scale.known() {
			return nil, fmt.Errorf("questionnaire %s question %d: unknown scale %q (minutes, hours, clock, count or yuan)", q.Code, qf.Number, qu.Scale)
		}
		if _, dup := q.byCode[qu.Code]; dup {
			return nil, fmt.Errorf("questionnaire %s: question code %q used twice", q.Code, qu.Code)
		}
		if len(qf.Options) > MaxOptions {
			return nil, fmt.Errorf("questionnaire %s question %d: more than %d options", q.Code, qf.Number, MaxOptions)
		}
		if err := checkKindOptions(qu.Kind, qf.Options); err != nil {
			return nil, fmt.Errorf("questionnaire %s question %d: %w", q.Code, qf.Number, err)
		}
		if err := optionsEN(qf); err != nil {
			return nil, fmt.Errorf("questionnaire %s question %d: %w", q.Code, qf.Number, err)
		}
		for j, of := range qf.Options {
			en := of.TextEN
			if qf.OptionsEN != nil {
				en = qf.OptionsEN[j]
			}
			o := Option{Text: of.Text, TextEN: orZH(en, of.Text), Lo: math.NaN(), Hi: math.NaN(), Grade: of.Grade}
			if qu.Scale != ScaleNone {
				var err error
				if o.Lo, err = parseBound(qu.Scale, of.Lo, math.Inf(-1)); err != nil {
					return nil, fmt.Errorf("questionnaire %s question %d option %q: %w", q.Code, qf.Number, of.Text, err)
				}
				if o.Hi, err = parseBound(qu.Scale, of.Hi, math.Inf(1)); err != nil {
					return nil, fmt.Errorf("questionnaire %s question %d option %q: %w", q.Code, qf.Number, of.Text, err)
				}
			}
			qu.Options = append(qu.Options, o)
		}
		q.byCode[qu.Code] = i
		q.Questions = append(q.Questions, qu)
	}
	if q.SchoolQuestion() < 0 {
		return nil, fmt.Errorf("questionnaire %s: no %s question", q.Code, KindSchool)
	}
	if q.GradeQuestion() < 0 {
		return nil, fmt.Errorf("questionnaire %s: no %s (or %s) question", q.Code, KindGrade, KindStage)
	}
	return q, nil
}

// optionsEN checks the English option texts a question gives: options_en, when present, has one
// text per option and is not given beside an option's own text_en.
func optionsEN(qf qsFile) error {
	if qf.OptionsEN == nil {
		return nil
	}
	if len(qf.OptionsEN) != len(qf.Options) {
		return fmt.Errorf("options_en has %d texts for %d options", len(qf.OptionsEN), len(qf.Options))
	}
	for _, o := range qf.Options {
		if o.TextEN != "" {
			return fmt.Errorf("option %q: give its English in options_en or in text_en, not both", o.Text)
		}
	}
	return nil
}

// orZH returns en, or zh when en is empty: a text with no English keeps its Chinese (it is data).
func orZH(en, zh string) string {
	if strings.TrimSpace(en) == "" {
		return zh
	}
	return en
}

// checkKindOptions checks the options a question of kind k lists.
func checkKindOptions(k Kind, opts []optFileOr) error {
	switch k {
	case KindChoice, KindMulti, KindStage:
		if len(opts) < 2 {
			return fmt.Errorf("a %s question needs at least two options", k)
		}
	case KindOpen:
		if len(opts) > 0 {
			return fmt.Errorf("an open question has no options")
		}
	case KindSchool, KindGrade, KindClass:
	default:
		return fmt.Errorf("unknown kind %q", k)
	}
	if k == KindMulti && len(opts) > MaxMultiOptions {
		return fmt.Errorf("a multiple-choice question has at most %d options", MaxMultiOptions)
	}
	for _, o := range opts {
		if (k == KindStage) != (o.Grade != 0) {
			return fmt.Errorf("option %q: grade: belongs on every option of a stage question and nowhere else", o.Text)
		}
		if o.Grade < 0 || o.Grade > 9 {
			return fmt.Errorf("option %q: grade %d is not 1-9", o.Text, o.Grade)
		}
	}
	return nil
}

func (q *Questionnaire) questionOfKind(k Kind) int {
	for i := range q.Questions {
		if q.Questions[i].Kind == k {
			return i
		}
	}
	return -1
}

// SchoolQuestion, GradeQuestion and ClassQuestion return the position of the question of that kind,
// or -1 (only ClassQuestion may be absent).
func (q *Questionnaire) SchoolQuestion() int { return q.questionOfKind(KindSchool) }

// GradeQuestion returns the position of the grade question, or of the stage question that stands in
// for it.
func (q *Questionnaire) GradeQuestion() int {
	if i := q.questionOfKind(KindGrade); i >= 0 {
		return i
	}
	return q.questionOfKind(KindStage)
}

// ByStage reports whether respondents answer for a stage (the teacher questionnaire) rather than a
// grade: their grade in a Dataset is the grade that judges their stage, not one they teach.
func (q *Questionnaire) ByStage() bool {
	i := q.GradeQuestion()
	return i >= 0 && q.Questions[i].Kind == KindStage
}

// OpenQuestions returns the positions of the free-text questions.
func (q *Questionnaire) OpenQuestions() []int {
	var out []int
	for i := range q.Questions {
		if q.Questions[i].Kind == KindOpen {
			out = append(out, i)
		}
	}
	return out
}

// ClassQuestion returns the position of the class question, or -1.
func (q *Questionnaire) ClassQuestion() int { return q.questionOfKind(KindClass) }

// parseBound reads a bound on a scale: "21:20" for clock times, a number otherwise; "" is def.
func parseBound(s Scale, v string, def float64) (float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return def, nil
	}
	if s == ScaleClock {
		return ParseClock(v)
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("bound %q is not a number", v)
	}
	return f, nil
}

// ParseClock reads "H:MM" or "HH:MM" as minutes after midnight.
func ParseClock(v string) (float64, error) {
	h, m, ok := strings.Cut(v, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	signed := strings.ContainsAny(v, "+-")
	if !ok || signed || len(m) != 2 || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("time %q is not of the form 21:20", v)
	}
	return float64(hh*60 + mm), nil
}

// FormatBound writes a bound on the scale as a user reads it ("21:20", "60").
func FormatBound(s Scale, v float64) string {
	if s == ScaleClock {
		m := int(v)
		return fmt.Sprintf("%d:%02d", m/60, m%60)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// BuiltinCodes are the codes of the built-in questionnaires, in the order reports list them.
var BuiltinCodes = []string{"student", "parent", "teacher"}

// Builtin returns the built-in questionnaire with the given code ("student", "parent" or "teacher").
func Builtin(code string) (*Questionnaire, error) {
	data, err := dataFS.ReadFile("data/" + code + ".yaml")
	if err != nil || strings.ContainsAny(code, "/.") {
		return nil, fmt.Errorf("no built-in questionnaire %q (have: %s)", code, strings.Join(BuiltinCodes, ", "))
	}
	return ParseQuestionnaire(data)
}

// Builtins returns the built-in questionnaires: student, parent, teacher.
func Builtins() []*Questionnaire {
	var out []*Questionnaire
	for _, c := range BuiltinCodes {
		q, err := Builtin(c)
		if err != nil {
			panic("surveys: embedded questionnaire " + c + ": " + err.Error())
		}
		out = append(out, q)
	}
	return out
}
