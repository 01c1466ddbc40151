package ingest

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Reason is why a row was rejected. The codes are stable (scripts and results.json use them); Text
// gives the words a user reads.
type Reason string

// Rejection reasons.
const (
	ReasonBlankRow         Reason = "blank_row"
	ReasonEncoding         Reason = "encoding"
	ReasonShortRow         Reason = "short_row"
	ReasonExtraColumns     Reason = "extra_columns"
	ReasonMissingSchool    Reason = "missing_school"
	ReasonUnmatchedSchool  Reason = "unmatched_school"
	ReasonGradeUnreadable  Reason = "grade_unreadable"
	ReasonGradeNotSurveyed Reason = "grade_not_surveyed"
	ReasonGradeNotInStage  Reason = "grade_not_in_stage"
)

var reasonText = map[Reason]string{
	ReasonBlankRow:         "空行（没有任何内容）",
	ReasonEncoding:         "编码错误（这一行含有无法解码的字符）",
	ReasonShortRow:         "列数少于表头（行不完整，文件可能被截断）",
	ReasonExtraColumns:     "列数多于表头",
	ReasonMissingSchool:    "学校为空",
	ReasonUnmatchedSchool:  "学校名称不在名册中",
	ReasonGradeUnreadable:  "年级无法识别",
	ReasonGradeNotSurveyed: "年级不在本问卷适用范围内",
	ReasonGradeNotInStage:  "年级与学校学段不符",
}

// Text returns the reason in plain Chinese.
func (r Reason) Text() string {
	if t, ok := reasonText[r]; ok {
		return t
	}
	return string(r)
}

// Reject is one rejected row: where it is, which cell decided, and why.
type Reject struct {
	File   string
	Row    int    // row number as Excel shows it (the header is row 1)
	Column string // header of the deciding column, "" for whole-row reasons
	Value  string // the deciding cell
	Reason Reason
	Detail string   // more words, e.g. the closest roster name
	Cells  []string // the row as read
}

// FileReport accounts for one input file.
type FileReport struct {
	Path             string         `json:"path"`
	Questionnaire    string         `json:"questionnaire"`
	Format           string         `json:"format"` // encoding and separator, or the sheet
	Read             int            `json:"read"`
	Used             int            `json:"used"`
	Rejected         int            `json:"rejected"`
	RejectedByReason map[Reason]int `json:"rejected_by_reason"`
	UnknownHeaders   []string       `json:"unknown_headers,omitempty"`
	ApproxHeaders    []string       `json:"approx_headers,omitempty"`    // headers matched by similarity
	ApproxMatches    []ApproxMatch  `json:"approx_matches,omitempty"`    // the same, with the question each was taken for
	NearMisses       []ApproxMatch  `json:"near_misses,omitempty"`       // headers not taken that resemble a question the file lacks
	MissingQuestions []int          `json:"missing_questions,omitempty"` // question numbers with no column
	CellsMissing     int            `json:"cells_missing"`               // 未答 cells in used rows
	CellsInvalid     int            `json:"cells_invalid"`               // 无效 cells in used rows
	CellsSkipped     int            `json:"cells_skipped"`               // 不适用 cells in used rows
	CellsMapped      int            `json:"cells_mapped"`                // cells mapped from a variant form
	TitleRows        int            `json:"title_rows,omitempty"`        // rows above the header (a title line), not data
	SheetNote        string         `json:"sheet_note,omitempty"`        // other visible sheets that look like questionnaires, and how to read one
	SheetNoteEn      string         `json:"sheet_note_en,omitempty"`     // SheetNote in English, for --lang en
	FillIns          int            `json:"fill_ins,omitempty"`          // fill-in texts (〖…〗) kept for the open-answers appendix
	OpenAnswers      int            `json:"open_answers,omitempty"`      // answers to the open question, kept for the same appendix
	// TimesUnreadable counts used rows whose 提交答卷时间 (or 腾讯问卷's 结束答题时间) is written but
	// cannot be read: the duplicate rule could not look at them. DurationsUnreadable counts used rows
	// whose 所用时间 (or 答题时长, or start and end) is written but cannot be read: the too-fast rule
	// could not look at them. Blank and NULL cells are not counted.
	TimesUnreadable     int `json:"times_unreadable,omitempty"`
	DurationsUnreadable int `json:"durations_unreadable,omitempty"`
}

// rowCounts are the counters of a FileReport that a used row adds to.
type rowCounts [7]int

func (f *FileReport) counters() [7]*int {
	return [7]*int{&f.CellsMissing, &f.CellsSkipped, &f.CellsInvalid, &f.CellsMapped, &f.FillIns, &f.TimesUnreadable, &f.DurationsUnreadable}
}

// rowCounts returns the counters a used row adds to.
func (f *FileReport) rowCounts() rowCounts {
	var c rowCounts
	for i, p := range f.counters() {
		c[i] = *p
	}
	return c
}

// takeBack subtracts what a row added to the counters between before and after.
func (f *FileReport) takeBack(before, after rowCounts) {
	for i, p := range f.counters() {
		*p -= after[i] - before[i]
	}
}

// ApproxMatch is a header taken for a question because it says the same with small differences.
type ApproxMatch struct {
	Header   string `json:"header"`
	Question int    `json:"question"` // the question's number
	Text     string `json:"text"`     // the question's text
}

// UnknownOption is an answer text that matched no option, with its count.
type UnknownOption struct {
	Questionnaire string `json:"questionnaire"`
	Question      int    `json:"question"`
	Text          string `json:"text"`
	Count         int    `json:"count"`
}

// UnmatchedSchool is a school name in the answers that matches no roster entry.
type UnmatchedSchool struct {
	Name    string `json:"name"`
	Count   int    `json:"count"`
	Closest string `json:"closest,omitempty"` // the most similar roster name, a hint for the user
}

// Variant counts cells written in a form the tool mapped: "初一" → 七年级, "C" → option 3.
type Variant struct {
	Questionnaire string `json:"questionnaire"`
	Question      int    `json:"question"`
	From          string `json:"from"`
	To            string `json:"to"`
	Count         int    `json:"count"`
}

// ReadOptions control Read. The zero value reads the built-in questionnaires, recognising each
// file's questionnaire from its headers, with no roster.
type ReadOptions struct {
	Roster         *surveys.Roster          // nil: the distinct school names become the schools
	Survey         string                   // "" or "auto", or a questionnaire code that every file must be
	Questionnaires []*surveys.Questionnaire // default: surveys.Builtins()
	Encoding       string                   // "" detects; else utf-8, gb18030, utf-16le, utf-16be
	Sheet          string                   // XLSX sheet; "" is the first
	RosterSheet    string                   // sheet of an XLSX roster; "" is the first
	School         string                   // school of files that have no school column
	Limits         Limits                   // input bounds
	Quality        surveys.Quality          // thresholds of the quality rules (from the profile); zero fields take defaults
	Bands          []surveys.Band           // grade bands pooling answer frequencies for the duplicate rule (from the profile); nil: 1-2, 3-6, 7-9
	KeepFast       bool                     // keep implausibly fast answers (they are still counted)
	Progress       Counter                  // told of input bytes as they are read; may be nil
	// FileSchools names the school of files without a school column, by path or base name
	// (--school FILE=NAME); it wins over School.
	FileSchools map[string]string
	CoursePlan  *surveys.CoursePlan // subjects of timetables found among the files; nil: the default profile's
}

// Result is what Read produces: one dataset per questionnaire found, and the full accounting.
type Result struct {
	Datasets    []*surveys.Dataset // student first, then parent; only questionnaires that were read
	Schools     []surveys.School   // the schools, shared by the datasets
	RosterGiven bool
	Files       []FileReport
	Rejects     []Reject
	Unknown     []UnknownOption
	Unmatched   []UnmatchedSchool
	Variants    []Variant
	Quality     []QualityFinding
	Skipped     []Skipped // files found in folders that are not questionnaires, with the reason
	// Without a roster: spellings merged as certainly one school, and pairs alike but kept apart.
	Spellings  []SchoolSpellings
	Similar    []SimilarSchools
	Timetables *TimetableResult // timetable files found among the inputs; nil when none
}

// Dataset returns the dataset of the questionnaire with the given code, or nil.
func (r *Result) Dataset(code string) *surveys.Dataset {
	for _, d := range r.Datasets {
		if d.Questionnaire.Code == code {
			return d
		}
	}
	return nil
}

// Totals returns read, used and rejected over the files of one questionnaire ("" for all).
func (r *Result) Totals(questionnaire string) (read, used, rejected int) {
	for _, f := range r.Files {
		if questionnaire == "" || f.Questionnaire == questionnaire {
			read, used, rejected = read+f.Read, used+f.Used, rejected+f.Rejected
		}
	}
	return
}

// HeaderError is a file whose header row cannot be used.
type HeaderError struct {
	File   string
	Reason string
	Flag   string // the option that does not fit the file (--survey), "" when the file itself is at fault
	En     string // the reason in English, for --lang en; "" when there is none yet
}

func (e *HeaderError) Error() string { return e.File + "：" + e.Reason }

// Read reads every source into typed datasets. A file that cannot be read at all stops the read with
// a *FileError or *HeaderError naming it; bad rows and cells never do.
func Read(sources []Source, o ReadOptions) (*Result, error) {
	r := newReader(o)
	for _, src := range sources {
		if err := r.readFile(src); err != nil {
			if ok, terr := r.readTimetable(src, err); ok || terr != nil {
				if terr != nil {
					return nil, terr
				}
				continue
			}
			if r.skipped(src, err) {
				continue
			}
			return nil, err
		}
	}
	return r.finish(), nil
}

type variantKey struct {
	qn       string
	question int
	from     string
}

type reader struct {
	o         ReadOptions
	qs        []*surveys.Questionnaire
	schools   []surveys.School
	byKey     map[string]uint16 // normalised name/alias → school
	byName    map[string]uint16 // school cell as written → school (a cache of byKey)
	keys      []string          // schoolKey of each school's name
	builders  map[string]*builder
	res       Result
	unknown   map[variantKey]int
	unmatch   map[string]int
	variants  map[variantKey]*Variant
	quality   surveys.Quality
	seenHead  map[uint64]int32 // duplicate key → latest row in seenRows
	seenRows  []compactSeen
	seenFiles []string
	qual      map[qualityKey]*QualityFinding
	ipCands   []*ipCandidate      // rows that repeat an earlier row on one IP, judged at the end
	tt        *timetableReader    // timetables found among the inputs
	spellings map[string][]string // without a roster: other spellings merged into each school (variants.go)
	oneSchool string              // the one file --school NAME named (variants.go)
}

func newReader(o ReadOptions) *reader {
	o.Limits = o.Limits.withDefaults()
	r := &reader{o: o, qs: o.Questionnaires, byKey: map[string]uint16{}, byName: map[string]uint16{}, builders: map[string]*builder{},
		unknown: map[variantKey]int{}, unmatch: map[string]int{}, variants: map[variantKey]*Variant{},
		quality: qualityDefaults(o.Quality), seenHead: map[uint64]int32{}, qual: map[qualityKey]*QualityFinding{}}
	if len(r.qs) == 0 {
		r.qs = surveys.Builtins()
	}
	if o.Roster != nil {
		r.res.RosterGiven = true
		r.schools = append(r.schools, o.Roster.Schools...)
		for i, s := range r.schools {
			r.byKey[schoolKey(s.Name)] = uint16(i)
			for _, a := range s.Aliases {
				r.byKey[schoolKey(a)] = uint16(i)
			}
		}
	}
	return r
}

const maxDistinctFindings = 10000

func (r *reader) readFile(src Source) error {
	rs, err := openSource(src, openOptions{encoding: r.o.Encoding, sheet: r.o.Sheet, limits: r.o.Limits, progress: r.o.Progress})
	if err != nil {
		return &beforeHeader{&FileError{File: src.Name, Err: err}}
	}
	defer rs.Close()
	q, header, cols, unknownHeaders, skipped, err := r.findHeader(src.Name, rs)
	if err != nil {
		return &beforeHeader{err}
	}
	fm, err := r.newFileMapper(src.Name, q, header, cols)
	if err != nil {
		return err
	}
	_, fm.text = rs.(*textSource)
	fm.checkU8 = !fm.text || rs.(*textSource).checkUTF8
	fr := &fm.report
	fr.Format = rs.Describe()
	fr.UnknownHeaders = unknownHeaders
	fr.TitleRows = skipped
	fr.SheetNote, fr.SheetNoteEn = r.sheetNote(rs)
	var rows rowSource = rs
	if fm.text {
		pf := newPrefetch(rs, fm.checkU8)
		defer pf.Close()
		rows = pf
		fm.pre = pf
	}
	for {
		cells, row, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if row > 0 {
				return &FileError{File: src.Name, Err: fmt.Errorf("第%d行：%w", row, err)}
			}
			return &FileError{File: src.Name, Err: err}
		}
		fr.Read++
		if rej := fm.mapRow(cells, row); rej != nil {
			fr.Rejected++
			fr.RejectedByReason[rej.Reason]++
			r.res.Rejects = append(r.res.Rejects, *rej)
			continue
		}
		fr.Used++
	}
	if fr.Read != fr.Used+fr.Rejected {
		panic(fmt.Sprintf("ingest: %s: read %d != used %d + rejected %d", src.Name, fr.Read, fr.Used, fr.Rejected))
	}
	r.res.Files = append(r.res.Files, *fr)
	return nil
}

// maxTitleRows is how many rows above the header (a title such as "清河县2026年减负问卷") are looked past.
const maxTitleRows = 5

// findHeader reads the header row: the first row, or one of the next few when a title sits above it.
func (r *reader) findHeader(file string, rs rowSource) (*surveys.Questionnaire, []string, []column, []string, int, error) {
	var firstErr error
	for skipped := 0; skipped <= maxTitleRows; skipped++ {
		header, _, err := rs.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				if firstErr != nil {
					return nil, nil, nil, nil, 0, withSheets(rs, firstErr)
				}
				if sheet, sheets, ok := otherSheets(rs); ok {
					return nil, nil, nil, nil, 0, &HeaderError{File: file, Reason: fmt.Sprintf("第一个工作表“%s”是空的；本文件的工作表有：%s。请用 --sheet 指定有数据的工作表", sheet, strings.Join(sheets, "、")),
						En: fmt.Sprintf("the first sheet “%s” is empty; the file's sheets are “%s”: name the sheet with the data with --sheet", sheet, strings.Join(sheets, "”, “"))}
				}
				return nil, nil, nil, nil, 0, &FileError{File: file, Err: ErrEmptyFile}
			}
			return nil, nil, nil, nil, 0, &FileError{File: file, Err: err}
		}
		header = append([]string(nil), header...)
		if len(header) > r.o.Limits.MaxColumns {
			return nil, nil, nil, nil, 0, &HeaderError{File: file, Reason: fmt.Sprintf("表头有 %d 列，超过上限 %d 列：这不像问卷导出（可用 --max-columns 调整）", len(header), r.o.Limits.MaxColumns),
				En: fmt.Sprintf("the header has %d columns, more than the limit of %d: this does not look like a questionnaire export (see --max-columns)", len(header), r.o.Limits.MaxColumns)}
		}
		if j := badCell(header, true); j >= 0 {
			return nil, nil, nil, nil, 0, &HeaderError{File: file, Reason: fmt.Sprintf("表头第%d列无法解码：请用 --encoding 指定文件编码（如 gb18030 或 utf-8）", j+1),
				En: fmt.Sprintf("column %d of the header cannot be decoded: give the file's encoding with --encoding (such as gb18030 or utf-8)", j+1)}
		}
		q, cols, unknown, err := r.recognise(file, header)
		if err == nil {
			return q, header, cols, unknown, skipped, nil
		}
		if firstErr == nil {
			firstErr = err
			if isRoster(header) {
				return nil, nil, nil, nil, 0, &HeaderError{File: file, Reason: "这个文件像是学校名册（有“学校名称”“学段”列），不是问卷数据：名册请用 --roster 指定",
					En: "this file looks like a school roster (it has 学校名称 and 学段 columns), not questionnaire data: give a roster with --roster"}
			}
		}
		var he *HeaderError
		if !errors.As(err, &he) || strings.Contains(he.Reason, "没有问卷") {
			return nil, nil, nil, nil, 0, err
		}
	}
	return nil, nil, nil, nil, 0, withSheets(rs, firstErr)
}

// withSheets adds the workbook's other sheets to a header error, when no sheet was named.
func withSheets(rs rowSource, err error) error {
	var he *HeaderError
	if sheet, sheets, ok := otherSheets(rs); ok && errors.As(err, &he) && !strings.Contains(he.Reason, "--sheet") {
		he.Reason += fmt.Sprintf("（读的是工作表“%s”；本文件还有：%s，可用 --sheet 指定）", sheet, strings.Join(sheets[1:], "、"))
	}
	return err
}

func isRoster(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[fold(h)] = true
	}
	return has["学校名称"] && has["学段"]
}

// recognise decides which questionnaire a header row belongs to and maps its columns.
func (r *reader) recognise(file string, header []string) (*surveys.Questionnaire, []column, []string, error) {
	var best, other *surveys.Questionnaire
	var bestCols []column
	var bestUnknown []string
	bestN, otherN := -1, -1
	forced := r.o.Survey != "" && r.o.Survey != "auto"
	for _, q := range r.qs {
		cols, unknown, n := mapHeader(q, header)
		if forced && q.Code != r.o.Survey {
			if n > otherN {
				other, otherN = q, n
			}
			continue
		}
		if n > bestN {
			best, bestCols, bestUnknown, bestN = q, cols, unknown, n
		}
	}
	if best == nil {
		return nil, nil, nil, &HeaderError{File: file, Reason: fmt.Sprintf("没有问卷“%s”（可选：student、parent、auto）", r.o.Survey),
			En: fmt.Sprintf("there is no questionnaire %q (choose student, parent or auto)", r.o.Survey)}
	}
	// --survey names the questionnaire, but the headers are another one's: refuse rather than read a
	// student file as a parent file with most questions missing.
	if other != nil && otherN >= 3 && otherN > bestN && 2*bestN < len(best.Questions) {
		return nil, nil, nil, &HeaderError{File: file, Flag: "--survey", Reason: fmt.Sprintf("按 --survey %s 读，只认出%s的 %d 题（共 %d 题），而表头是%s的题目（认出 %d 题）：请改用 --survey %s，或去掉 --survey 让程序自动识别",
			best.Code, best.Title, bestN, len(best.Questions), other.Title, otherN, other.Code),
			En: fmt.Sprintf("read as --survey %s, only %d of the %d questions of the %s questionnaire were found, but the headers are those of the %s questionnaire (%d found): use --survey %s, or leave --survey out to recognise the file",
				best.Code, bestN, len(best.Questions), best.Code, other.Code, otherN, other.Code)}
	}
	if bestN < 3 {
		return nil, nil, nil, &HeaderError{File: file, Reason: "表头中认不出问卷的题目（第一行应是“1、你就读的学校是？”这样的题目）：请检查是否选对了文件或工作表",
			En: "no question of a questionnaire found in the header (the first row should hold questions such as “1、你就读的学校是？”): check the file or sheet"}
	}
	return best, bestCols, bestUnknown, nil
}

// fileMapper maps the rows of one file into a questionnaire's builder.
type fileMapper struct {
	r        *reader
	file     string
	fileIdx  uint16
	q        *surveys.Questionnaire
	b        *builder
	header   []string
	cols     []column
	schoolC  int // column of the school question, -1 with --school
	gradeC   int
	classC   int
	qcol     []int      // question index → column, -1 when absent
	ocols    [][]optCol // question index → its option columns (a 序号 download's 0/1 columns), or nil
	matchers []*matcher
	report   FileReport
	checkU8  bool
	idC      int
	subC     int
	durC     int
	startC   int // 开始答题时间 (腾讯问卷), -1 when absent
	ipC      int
	fixed    int  // school index with --school, else -1
	text     bool // a CSV or text file (not a sheet)
	ans      []surveys.Answer
	forms    []AnswerForm
	shown    []string      // per question, the cell as it is shown in findings: without fill-in text
	open     []pendingOpen // fill-in texts of the current row
	pending  []pendingVariant
	cand     *ipCandidate         // the current row, when it repeats an earlier row on one IP
	grades   map[string]gradeCell // cache of ParseGrade by cell
	stage    *matcher             // the stage question of a questionnaire answered by stage, else nil
	multi    []multiColumns       // multiple-choice questions
	openQs   []int                // free-text questions
	classes  map[string]classCell // cache of ParseClass by cell
	pre      *prefetchSource      // when set, it has already looked for badly decoded cells
	bedI     int                  // question indices for the contradiction rule, -1 when absent
	wakeI    int
	sleepI   int
}

func (r *reader) newFileMapper(file string, q *surveys.Questionnaire, header []string, cols []column) (*fileMapper, error) {
	fm := &fileMapper{r: r, file: file, q: q, header: header, cols: cols, schoolC: -1, gradeC: -1, classC: -1, idC: -1, subC: -1, durC: -1, startC: -1, ipC: -1, fixed: -1,
		report: FileReport{Path: file, Questionnaire: q.Code, RejectedByReason: map[Reason]int{}}, checkU8: true}
	fm.grades, fm.classes = map[string]gradeCell{}, map[string]classCell{}
	fm.qcol = make([]int, len(q.Questions))
	for i := range fm.qcol {
		fm.qcol[i] = -1
	}
	fm.matchers = make([]*matcher, len(q.Questions))
	fm.ocols = make([][]optCol, len(q.Questions))
	for j, c := range cols {
		switch c.role {
		case roleQuestion:
			if prev := fm.qcol[c.question]; prev >= 0 {
				return nil, &HeaderError{File: file, Reason: fmt.Sprintf("第%d列和第%d列都是第%d题（表头重复）：请删去多余的一列", prev+1, j+1, q.Questions[c.question].Number),
					En: fmt.Sprintf("columns %d and %d are both question %d (a repeated header): delete one of them", prev+1, j+1, q.Questions[c.question].Number)}
			}
			fm.qcol[c.question] = j
			if c.approx {
				qu := &q.Questions[c.question]
				fm.report.ApproxHeaders = append(fm.report.ApproxHeaders, header[j])
				fm.report.ApproxMatches = append(fm.report.ApproxMatches, ApproxMatch{Header: header[j], Question: qu.Number, Text: qu.Text})
			}
		case roleOption:
			for _, oc := range fm.ocols[c.question] {
				if oc.option == c.option {
					return nil, &HeaderError{File: file, Reason: fmt.Sprintf("第%d列和第%d列都是第%d题的选项“%s”（表头重复）：请删去多余的一列", oc.col+1, j+1, q.Questions[c.question].Number, q.Questions[c.question].OptionText(c.option)),
						En: fmt.Sprintf("columns %d and %d are both option “%s” of question %d (a repeated header): delete one of them", oc.col+1, j+1, q.Questions[c.question].OptionText(c.option), q.Questions[c.question].Number)}
				}
			}
			fm.ocols[c.question] = append(fm.ocols[c.question], optCol{col: j, option: c.option})
		case roleStudentID:
			fm.idC = j
		case roleSubmitted:
			fm.subC = j
		case roleStart:
			fm.startC = j
		case roleDuration:
			fm.durC = j
		case roleIP:
			fm.ipC = j
		}
	}
	for i, oc := range fm.ocols {
		if len(oc) > 0 && fm.qcol[i] >= 0 {
			return nil, &HeaderError{File: file, Reason: fmt.Sprintf("第%d题既有整题的第%d列，又有按选项分开的第%d列（表头重复）：请只保留一种", q.Questions[i].Number, fm.qcol[i]+1, oc[0].col+1),
				En: fmt.Sprintf("question %d has both a column of its own (%d) and option columns (from %d): keep one form", q.Questions[i].Number, fm.qcol[i]+1, oc[0].col+1)}
		}
	}
	for i := range q.Questions {
		qu := &q.Questions[i]
		switch qu.Kind {
		case surveys.KindSchool:
			fm.schoolC = fm.qcol[i]
		case surveys.KindGrade:
			fm.gradeC = fm.qcol[i]
		case surveys.KindClass:
			fm.classC = fm.qcol[i]
		case surveys.KindStage:
			fm.gradeC, fm.stage = fm.qcol[i], newMatcher(qu)
		case surveys.KindMulti:
			fm.multi = append(fm.multi, multiColumns{question: i, m: newMatcher(qu), options: fm.ocols[i]})
		case surveys.KindOpen:
			fm.openQs = append(fm.openQs, i)
		default:
			fm.matchers[i] = newMatcher(qu)
		}
		// An open question is optional: its column may be absent.
		if fm.qcol[i] < 0 && len(fm.ocols[i]) == 0 && qu.Kind != surveys.KindSchool && qu.Kind != surveys.KindOpen {
			fm.report.MissingQuestions = append(fm.report.MissingQuestions, qu.Number)
		}
	}
	fm.report.NearMisses = nearMisses(q, header, cols, fm.report.MissingQuestions)
	if fm.gradeC < 0 {
		return nil, &HeaderError{File: file, Reason: fmt.Sprintf("缺少年级列：应有“%s”（或“年级”）", q.Questions[q.GradeQuestion()].Header()),
			En: fmt.Sprintf("no grade column: there should be “%s” (or “年级”)", q.Questions[q.GradeQuestion()].Header())}
	}
	if fm.schoolC < 0 {
		idx, err := r.fileSchool(file, q)
		if err != nil {
			return nil, err
		}
		fm.fixed = int(idx)
	}
	fm.bedI, fm.wakeI, fm.sleepI = -1, -1, -1
	if q.Code == "student" {
		fm.bedI, fm.wakeI, fm.sleepI = q.Index("bedtime"), q.Index("wake_time"), q.Index("sleep")
	}
	fm.b = r.builder(q)
	fm.fileIdx = uint16(len(fm.b.d.Files))
	fm.b.d.Files = append(fm.b.d.Files, file)
	fm.b.useBookkeeping(fm.idC >= 0, fm.ipC >= 0 || fm.subC >= 0 || fm.durC >= 0 || fm.startC >= 0)
	return fm, nil
}

// school resolves a school name to its index: through the roster, or adding it when there is none.
func (r *reader) school(name string) (uint16, bool) {
	if i, ok := r.byName[name]; ok {
		return i, true
	}
	k := schoolKey(name)
	if i, ok := r.byKey[k]; ok {
		if len(r.byName) < 4096 {
			r.byName[name] = i
		}
		r.noteSpelling(i, name)
		return i, true
	}
	if i, ok := r.byKey[k]; ok {
		return i, true
	}
	if r.o.Roster != nil || len(r.schools) >= 65000 {
		return 0, false
	}
	i := uint16(len(r.schools))
	s := surveys.School{Code: strings.TrimSpace(name), Name: strings.TrimSpace(name)}
	for g := range s.Enrolment {
		s.Enrolment[g] = -1
	}
	r.schools = append(r.schools, s)
	r.byKey[k] = i
	return i, true
}

func (fm *fileMapper) cell(cells []string, j int) string {
	if j < 0 || j >= len(cells) {
		return ""
	}
	return cells[j]
}

func (fm *fileMapper) reject(cells []string, row, col int, reason Reason, detail string) *Reject {
	// Copies, made valid UTF-8: the cells are reused by the reader, and a badly encoded row must
	// still write a readable rejects.csv.
	var kept []string
	if reason != ReasonBlankRow { // a blank row has nothing to keep, and a million of them must cost little
		kept = make([]string, len(cells))
		for i, c := range cells {
			kept[i] = strings.ToValidUTF8(c, "\uFFFD")
		}
	}
	rej := &Reject{File: fm.file, Row: row, Reason: reason, Detail: detail, Cells: kept}
	if col >= 0 && col < len(fm.header) {
		rej.Column = fm.header[col]
		if col < len(kept) {
			rej.Value = kept[col]
		}
	}
	return rej
}

// mapRow maps one row into the builder, or returns why it is rejected.
func (fm *fileMapper) mapRow(cells []string, row int) *Reject {
	r := fm.r
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return fm.reject(cells, row, -1, ReasonBlankRow, "")
	}
	if len(cells) < len(fm.header) {
		// Excel sheets drop trailing empty cells; only a text file's short row is really short.
		if fm.text {
			return fm.reject(cells, row, -1, ReasonShortRow, fmt.Sprintf("有 %d 列，表头有 %d 列", len(cells), len(fm.header)))
		}
	}
	if len(cells) > len(fm.header) {
		for _, c := range cells[len(fm.header):] {
			if strings.TrimSpace(c) != "" {
				return fm.reject(cells, row, -1, ReasonExtraColumns, fmt.Sprintf("有 %d 列，表头有 %d 列", len(cells), len(fm.header)))
			}
		}
	}
	bad := -1
	if fm.pre != nil {
		bad = fm.pre.lastBad
	} else {
		bad = badCell(cells, fm.checkU8)
	}
	if j := bad; j >= 0 {
		return fm.reject(cells, row, j, ReasonEncoding, "这一行的编码与文件其余部分不同，或文件编码判断有误：可用 --encoding 指定")
	}
	fm.pending, fm.open = fm.pending[:0], fm.open[:0]
	// School.
	var school uint16
	if fm.fixed >= 0 {
		school = uint16(fm.fixed)
	} else {
		name := strings.TrimSpace(fm.fillIns(fm.q.SchoolQuestion(), fm.cell(cells, fm.schoolC)))
		if isNoAnswer(normAnswer(name)) {
			return fm.reject(cells, row, fm.schoolC, ReasonMissingSchool, "")
		}
		idx, ok := r.school(name)
		if !ok {
			closest := r.closestSchool(name)
			if len(r.unmatch) < maxDistinctFindings || r.unmatch[name] > 0 {
				r.unmatch[name]++
			}
			detail := ""
			if closest != "" {
				detail = "最接近的名册学校：" + closest + "（如是同一所学校，请把这个写法加入名册的“别名”列）"
			}
			return fm.reject(cells, row, fm.schoolC, ReasonUnmatchedSchool, detail)
		}
		school = idx
		if name != r.schools[idx].Name && schoolKey(name) != schoolKey(r.schools[idx].Name) {
			fm.pend(fm.q.SchoolQuestion(), name, r.schools[idx].Name)
		}
	}
	// Grade.
	gcell := fm.fillIns(fm.q.GradeQuestion(), fm.cell(cells, fm.gradeC))
	gc, ok := fm.grades[gcell]
	if !ok {
		gc.g, gc.form = fm.parseGrade(gcell)
		if len(fm.grades) < 4096 {
			fm.grades[gcell] = gc
		}
	}
	g, form := gc.g, gc.form
	if g == 0 {
		detail := "应为 一年级 … 九年级、初一 … 初三 或 1-9"
		if fm.stage != nil {
			detail = "应为 " + fm.stage.optionList()
		}
		if isNoAnswer(normAnswer(gcell)) {
			detail = "年级为空"
		}
		return fm.reject(cells, row, fm.gradeC, ReasonGradeUnreadable, detail)
	}
	if g < fm.q.MinGrade || g > fm.q.MaxGrade {
		return fm.reject(cells, row, fm.gradeC, ReasonGradeNotSurveyed, fmt.Sprintf("%s只用于%d-%d年级", fm.q.Title, fm.q.MinGrade, fm.q.MaxGrade))
	}
	if st := r.schools[school].Stage; !st.HasGrade(g) {
		return fm.reject(cells, row, fm.gradeC, ReasonGradeNotInStage, fmt.Sprintf("%s是%s", r.schools[school].Name, st))
	}
	if form == GradeVariant {
		fm.pend(fm.q.GradeQuestion(), strings.TrimSpace(gcell), fm.gradeText(gcell, g))
	}
	// Class.
	label := ""
	if fm.classC >= 0 {
		ccell := fm.fillIns(fm.q.ClassQuestion(), fm.cell(cells, fm.classC))
		var numeric bool
		cc, ok := fm.classes[ccell]
		if !ok {
			cc.label, cc.numeric = ParseClass(ccell)
			t := fold(ccell)
			cc.variant = cc.label != "" && (!cc.numeric || (t != cc.label && t != cc.label+"班"))
			if len(fm.classes) < 4096 {
				fm.classes[ccell] = cc
			}
		}
		label, numeric = cc.label, cc.numeric
		if cc.variant {
			to := label + "班"
			if !numeric {
				to = "（未能读出班号，按原文作为班级）"
			}
			fm.pend(fm.q.ClassQuestion(), strings.TrimSpace(ccell), to)
		}
	}
	// Answers, decided before anything is recorded: the quality rules may still reject the row.
	fm.ans, fm.forms, fm.shown = fm.ans[:0], fm.forms[:0], fm.shown[:0]
	for i, m := range fm.matchers {
		a, form, shown := surveys.Missing, FormMissing, ""
		if m != nil {
			if j := fm.qcol[i]; j >= 0 {
				shown = fm.fillIns(i, fm.cell(cells, j))
				a, form = m.Match(shown)
			} else if len(fm.ocols[i]) > 0 {
				a, form, shown = fm.optionAnswer(m, cells, fm.ocols[i])
			}
		}
		fm.ans = append(fm.ans, a)
		fm.forms = append(fm.forms, form)
		fm.shown = append(fm.shown, shown)
	}
	submitted, subState := parseTime(fm.cell(cells, fm.subC))
	duration, durState := fm.duration(cells, submitted, subState)
	if rej := fm.qualityRejects(cells, row, school, g, label, submitted, duration); rej != nil {
		return rej
	}
	// The row is used: record it.
	b := fm.b
	b.beginRow(school, uint8(g), label, fm.fileIdx, uint32(row))
	for _, v := range fm.pending {
		fm.variant(v.question, v.from, v.to)
	}
	for i, m := range fm.matchers {
		if m == nil {
			continue
		}
		a := fm.ans[i]
		b.d.Answers[i] = append(b.d.Answers[i], a)
		switch fm.forms[i] {
		case FormMissing:
			fm.report.CellsMissing++
		case FormSkipped:
			fm.report.CellsSkipped++
		case FormInvalid:
			fm.report.CellsInvalid++
			k := variantKey{fm.q.Code, m.q.Number, strings.TrimSpace(fm.shown[i])}
			if len(r.unknown) < maxDistinctFindings || r.unknown[k] > 0 {
				r.unknown[k]++
				fm.noteUnknown(k)
			}
		case FormLetter, FormVariant:
			fm.variant(i, strings.TrimSpace(fm.shown[i]), m.q.OptionText(a))
		}
	}
	for _, mc := range fm.multi {
		fm.recordMulti(cells, mc)
	}
	for _, i := range fm.openQs {
		fm.recordOpen(i, fm.cell(cells, fm.qcol[i]))
	}
	for _, o := range fm.open {
		b.d.Open = append(b.d.Open, surveys.OpenText{Question: o.question, Respondent: b.d.Len() - 1, Text: o.text})
	}
	fm.report.FillIns += len(fm.open)
	if subState == cellUnreadable {
		fm.report.TimesUnreadable++
		r.count(RuleTimeUnreadable, fm.q.Code, false, r.schools[school].Name)
		fm.noteRule(RuleTimeUnreadable)
	}
	if durState == cellUnreadable {
		fm.report.DurationsUnreadable++
		r.count(RuleDurationUnreadable, fm.q.Code, false, r.schools[school].Name)
		fm.noteRule(RuleDurationUnreadable)
	}
	fm.reportQuality(school)
	b.bookkeeping(fm.cell(cells, fm.idC), submitted, duration, fm.cell(cells, fm.ipC))
	fm.noteCandidate()
	return nil
}

type gradeCell struct {
	g    int
	form GradeForm
}

type classCell struct {
	label            string
	numeric, variant bool
}

type pendingVariant struct {
	question int
	from, to string
}

// fillIns returns the cell of question i without the fill-in text 问卷星 attaches to an option, and
// keeps the text for the open-answers appendix if the row is used.
func (fm *fileMapper) fillIns(i int, cell string) string {
	if !strings.Contains(cell, fillOpen) {
		return cell
	}
	label, texts := splitFillIns(cell)
	for _, t := range texts {
		fm.open = append(fm.open, pendingOpen{question: i, text: t})
	}
	return label
}

// pendingOpen is a fill-in text of the current row, kept only if the row is used.
type pendingOpen struct {
	question int
	text     string
}

// optCol is one option's 0/1 column of a question a 序号 download splits by option.
type optCol struct {
	col    int
	option surveys.Answer
}

// Rule codes of rows a time rule could not look at (reported, never rejected).
const (
	RuleTimeUnreadable     = "time_unreadable"
	RuleDurationUnreadable = "duration_unreadable"
)

// optionAnswer reads a single-choice question from its option columns: 1 marks the chosen option and
// 0 the others; -3 (跳过) is 不适用, -2 and blanks 未答. One option chosen is that option; none is 未答;
// two or more are no answer to a single choice (无效). shown is what a finding shows for the cells.
func (fm *fileMapper) optionAnswer(m *matcher, cells []string, oc []optCol) (surveys.Answer, AnswerForm, string) {
	var chosen []string
	var a surveys.Answer
	skipped := false
	for _, c := range oc {
		v := normAnswer(fm.cell(cells, c.col))
		switch {
		case v == "1":
			chosen = append(chosen, m.q.OptionText(c.option))
			a = c.option
		case v == "0", isMissingText(v):
		case isSkippedText(v):
			skipped = true
		default:
			return surveys.Invalid, FormInvalid, fmt.Sprintf("%s列：%s", m.q.OptionText(c.option), v)
		}
	}
	switch {
	case len(chosen) == 1:
		return a, FormIndex, ""
	case len(chosen) > 1:
		return surveys.Invalid, FormInvalid, strings.Join(chosen, multiSep)
	case skipped:
		return surveys.NotApplicable, FormSkipped, ""
	}
	return surveys.Missing, FormMissing, ""
}

// duration reads the row's 所用时间, or, without one, the time between 腾讯问卷's 开始答题时间 and
// 结束答题时间 (end, read as submitted).
func (fm *fileMapper) duration(cells []string, end int64, endState cellState) (int32, cellState) {
	d, st := parseDuration(fm.cell(cells, fm.durC))
	if st == cellRead || fm.startC < 0 {
		return d, st
	}
	start, startState := parseTime(fm.cell(cells, fm.startC))
	switch {
	case startState == cellRead && endState == cellRead:
		if end < start || end-start > maxDuration {
			return -1, cellUnreadable
		}
		return int32(end - start), cellRead
	case startState == cellUnreadable || endState == cellUnreadable:
		return -1, cellUnreadable
	}
	return d, st
}

// pend notes a variant of the current row, recorded only if the row is used.
func (fm *fileMapper) pend(question int, from, to string) {
	fm.pending = append(fm.pending, pendingVariant{question, from, to})
}

func (fm *fileMapper) variant(question int, from, to string) {
	fm.report.CellsMapped++
	k := variantKey{fm.q.Code, fm.q.Questions[question].Number, from}
	if v, ok := fm.r.variants[k]; ok {
		v.Count++
		fm.noteVariant(k)
		return
	}
	if len(fm.r.variants) < maxDistinctFindings {
		fm.r.variants[k] = &Variant{Questionnaire: fm.q.Code, Question: k.question, From: from, To: to, Count: 1}
		fm.noteVariant(k)
	}
}

// closestSchool returns the roster name most similar to name, when it is similar enough to suggest.
func (r *reader) closestSchool(name string) string {
	k := schoolKey(name)
	best, bestScore := "", 0.5
	for _, s := range r.schools {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if sc := dice(k, schoolKey(n)); sc > bestScore {
				best, bestScore = s.Name, sc
			}
		}
	}
	return best
}

func (r *reader) builder(q *surveys.Questionnaire) *builder {
	if b, ok := r.builders[q.Code]; ok {
		return b
	}
	b := newBuilder(q)
	r.builders[q.Code] = b
	return b
}

func (r *reader) finish() *Result {
	r.seenHead, r.seenRows = nil, nil // the Result must not keep the reader's indexes alive
	r.resolveIPDuplicates()
	res := &r.res
	if r.o.Roster == nil {
		r.sortSchools()
	}
	res.Schools = r.schools
	res.Spellings, res.Similar = r.spellingFindings()
	res.Quality = r.qualityFindings()
	if r.tt != nil {
		res.Timetables = r.tt.finish(r.schools)
	}
	for _, q := range r.qs {
		if b, ok := r.builders[q.Code]; ok {
			b.d.Schools = r.schools
			res.Datasets = append(res.Datasets, b.d)
		}
	}
	for k, n := range r.unknown {
		res.Unknown = append(res.Unknown, UnknownOption{Questionnaire: k.qn, Question: k.question, Text: k.from, Count: n})
	}
	sort.Slice(res.Unknown, func(i, j int) bool {
		a, b := res.Unknown[i], res.Unknown[j]
		if a.Questionnaire != b.Questionnaire {
			return a.Questionnaire > b.Questionnaire // student before parent
		}
		if a.Question != b.Question {
			return a.Question < b.Question
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Text < b.Text
	})
	for name, n := range r.unmatch {
		res.Unmatched = append(res.Unmatched, UnmatchedSchool{Name: name, Count: n, Closest: r.closestSchool(name)})
	}
	sort.Slice(res.Unmatched, func(i, j int) bool {
		if res.Unmatched[i].Count != res.Unmatched[j].Count {
			return res.Unmatched[i].Count > res.Unmatched[j].Count
		}
		return res.Unmatched[i].Name < res.Unmatched[j].Name
	})
	for _, v := range r.variants {
		res.Variants = append(res.Variants, *v)
	}
	sort.Slice(res.Variants, func(i, j int) bool {
		a, b := res.Variants[i], res.Variants[j]
		if a.Questionnaire != b.Questionnaire {
			return a.Questionnaire > b.Questionnaire
		}
		if a.Question != b.Question {
			return a.Question < b.Question
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.From < b.From
	})
	return res
}

// sortSchools orders schools found without a roster by name, and renumbers the datasets.
func (r *reader) sortSchools() {
	order := make([]int, len(r.schools))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return r.schools[order[a]].Name < r.schools[order[b]].Name })
	remap := make([]uint16, len(order))
	sorted := make([]surveys.School, len(order))
	for newIdx, old := range order {
		remap[old] = uint16(newIdx)
		sorted[newIdx] = r.schools[old]
	}
	r.schools = sorted
	for _, b := range r.builders {
		for i, s := range b.d.School {
			b.d.School[i] = remap[s]
		}
		for i := range b.d.Classes {
			b.d.Classes[i].School = remap[b.d.Classes[i].School]
		}
	}
}
