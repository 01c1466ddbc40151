package ingest

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TimetableResult is what the timetable files gave: one Timetable per class grid and per school and
// grade of a summary table, with the accounting of every file.
type TimetableResult struct {
	Timetables []surveys.Timetable // in file order, then sheet order, then row order
	Files      []TimetableFile
	Unknown    []UnknownSubject // names the course plan does not know, most frequent first
	Unmatched  []string         // school names matching no school of the roster or answers, sorted
}

// TimetableFile accounts for one timetable file: the grids and summary rows read, and everything
// that was not used, with where and why.
type TimetableFile struct {
	Path    string          `json:"path"`
	Form    string          `json:"form"`  // "grid", "summary" or both ("grid+summary")
	Grids   int             `json:"grids"` // class grids used
	Rows    int             `json:"summary_rows"`
	Skipped []TimetableSkip `json:"skipped,omitempty"`
}

// TimetableSkip is a grid, row or sheet of a timetable file that was not used.
type TimetableSkip struct {
	Where  string `json:"where"` // sheet and row, as Excel shows them
	Reason string `json:"reason"`
}

// UnknownSubject is a name in a timetable that the course plan has neither as a subject nor as a
// synonym. It is counted as a lesson (in the weekly total), never dropped.
type UnknownSubject struct {
	Name    string  `json:"name"`
	Periods float64 `json:"periods"` // over all timetables
	First   string  `json:"first"`   // where it was first seen
}

// ErrNotTimetable is a file given as timetables that has neither a timetable grid nor the columns
// of a summary table.
var ErrNotTimetable = errors.New("认不出课表：既没有“星期一 … 星期五”的课表表头，也没有“学校、年级、学科、周课时”列的汇总表")

// maxTimetableRows bounds the rows read from one sheet of a timetable file.
const maxTimetableRows = 200000

// sheet is the rows of one worksheet (or of a text file), copied, with their row numbers as Excel
// shows them (a sheet's empty rows are not in rows).
type sheet struct {
	name string // "" for a text file
	rows [][]string
	nums []int
}

// rowNum returns the row number as Excel shows it of rows[i].
func (sh *sheet) rowNum(i int) int {
	if i >= 0 && i < len(sh.nums) {
		return sh.nums[i]
	}
	return i + 1
}

// drain reads every row of a row source into a sheet.
func drain(rs rowSource, name string) (sheet, error) {
	sh := sheet{name: name}
	for {
		cells, row, err := rs.Next()
		if errors.Is(err, io.EOF) {
			return sh, nil
		}
		if err != nil {
			return sh, err
		}
		sh.rows = append(sh.rows, append([]string(nil), cells...))
		sh.nums = append(sh.nums, row)
		if len(sh.rows) > maxTimetableRows {
			return sh, fmt.Errorf("超过 %d 行，不像课表", maxTimetableRows)
		}
	}
}

// readSheets reads every visible sheet of a workbook, or the rows of a text file.
func readSheets(src Source, o openOptions) ([]sheet, error) {
	rs, err := openSource(src, o)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	if x, ok := rs.(*xlsSource); ok { // an old .xls workbook: every visible sheet, loaded in turn
		var out []sheet
		for i, m := range x.meta {
			if m.hidden {
				continue
			}
			if m.name != x.sheet {
				if err := x.load(i); err != nil {
					return nil, err
				}
			}
			sh, err := drain(x, m.name)
			if err != nil {
				return nil, err
			}
			out = append(out, sh)
		}
		return out, nil
	}
	x, ok := rs.(*xlsxSource)
	if !ok {
		sh, err := drain(rs, "")
		return []sheet{sh}, err
	}
	first, err := drain(x, x.sheet)
	if err != nil {
		return nil, err
	}
	out := []sheet{first}
	for i := range x.book.sheets {
		s := &x.book.sheets[i]
		if s.hidden || s.name == x.sheet {
			continue
		}
		y := &xlsxSource{book: x.book, sheets: x.sheets, progress: o.progress, fileSize: x.fileSize}
		if err := y.open(s); err != nil {
			return nil, err
		}
		sh, err := drain(y, s.name)
		y.rc.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, nil
}

// TimetableOptions control ReadTimetables.
type TimetableOptions struct {
	Plan     *surveys.CoursePlan // subjects and synonyms; nil: the default profile's
	Schools  []surveys.School    // the schools names are matched against (roster or answers); may be nil
	Encoding string
	Limits   Limits
}

// ReadTimetables reads timetable files: class grids and summary tables, in .xlsx or CSV. A file that
// is neither fails with a *FileError wrapping ErrNotTimetable; grids and rows that cannot be used
// (no school or grade found, unreadable periods) are listed in the file's Skipped, never dropped
// silently.
func ReadTimetables(sources []Source, o TimetableOptions) (*TimetableResult, error) {
	tr, err := newTimetableReader(o.Plan)
	if err != nil {
		return nil, err
	}
	for _, src := range sources {
		ok, err := tr.readFile(src, openOptions{encoding: o.Encoding, limits: o.Limits.withDefaults()})
		if err != nil {
			return nil, &FileError{File: src.Name, Err: err}
		}
		if !ok {
			return nil, &FileError{File: src.Name, Err: ErrNotTimetable}
		}
	}
	return tr.finish(o.Schools), nil
}

// timetableReader gathers timetables from files and resolves their schools at the end.
type timetableReader struct {
	plan    *surveys.CoursePlan
	raw     []rawTimetable
	files   []TimetableFile
	unknown map[string]*UnknownSubject
}

// rawTimetable is a timetable whose school is not resolved yet: the texts that may name it, best first.
type rawTimetable struct {
	tt    surveys.Timetable
	cands []string
	file  int // index into files
	where string
}

func newTimetableReader(plan *surveys.CoursePlan) (*timetableReader, error) {
	if plan == nil {
		p, _, err := surveys.LoadProfile(surveys.DefaultProfile)
		if err != nil {
			return nil, fmt.Errorf("timetables: %w", err)
		}
		plan = p.CoursePlan
	}
	if plan == nil {
		return nil, errors.New("timetables: the profile has no course_plan")
	}
	return &timetableReader{plan: plan, unknown: map[string]*UnknownSubject{}}, nil
}

// readFile reads one file; false when it holds no timetable.
func (tr *timetableReader) readFile(src Source, o openOptions) (bool, error) {
	sheets, err := readSheets(src, o)
	if err != nil {
		return false, err
	}
	base := filepath.Base(src.Name)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	tf := TimetableFile{Path: src.Name}
	fileIdx := len(tr.files)
	var forms []string
	found := false
	for _, sh := range sheets {
		where := func(row int) string {
			w := ""
			if sh.name != "" {
				w = "工作表“" + sh.name + "”"
			}
			if row > 0 {
				w += fmt.Sprintf("第%d行", sh.rowNum(row-1))
			}
			return w
		}
		if sum := findSummaryHeader(sh.rows, tr.plan); sum != nil {
			found = true
			forms = appendForm(forms, "summary")
			tts, skips := tr.readSummary(sh, sum, where)
			for _, t := range tts {
				t.file = fileIdx
				t.tt.Source = src.Name + where(0)
				tr.raw = append(tr.raw, t)
			}
			tf.Rows += sum.used
			tf.Skipped = append(tf.Skipped, skips...)
			continue
		}
		grids := findGrids(sh.rows)
		if len(grids) == 0 {
			if sh.name != "" && !blankSheet(sh.rows) {
				tf.Skipped = append(tf.Skipped, TimetableSkip{Where: where(0), Reason: "没有课表表头（星期一 … 星期五）"})
			}
			continue
		}
		found = true
		forms = appendForm(forms, "grid")
		for _, g := range grids {
			t, skip := tr.readGrid(sh, g, stem, where)
			if skip != "" {
				tf.Skipped = append(tf.Skipped, TimetableSkip{Where: where(g.header + 1), Reason: skip})
				continue
			}
			t.file = fileIdx
			t.where = where(g.header + 1)
			t.tt.Source = src.Name + where(0)
			tr.raw = append(tr.raw, t)
			tf.Grids++
		}
	}
	if !found {
		return false, nil
	}
	tf.Form = strings.Join(forms, "+")
	tr.files = append(tr.files, tf)
	return true, nil
}

func appendForm(forms []string, f string) []string {
	for _, x := range forms {
		if x == f {
			return forms
		}
	}
	return append(forms, f)
}

func blankSheet(rows [][]string) bool {
	for _, r := range rows {
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				return false
			}
		}
	}
	return true
}

// noteUnknown counts a name the plan does not know.
func (tr *timetableReader) noteUnknown(name string, periods float64, where string) {
	u := tr.unknown[name]
	if u == nil {
		u = &UnknownSubject{Name: name, First: where}
		tr.unknown[name] = u
	}
	u.Periods += periods
}

// finish resolves every timetable's school against schools (roster or answers), drops repeated
// timetables of the same class, and orders the lists.
func (tr *timetableReader) finish(schools []surveys.School) *TimetableResult {
	m := newSchoolMatcher(schools)
	res := &TimetableResult{}
	unmatched := map[string]bool{}
	type key struct {
		school, class string
		grade         int
		summary       bool
	}
	seen := map[key]string{}
	summaryAt := map[key]int{}
	for _, raw := range tr.raw {
		t := raw.tt
		name, ok := m.resolve(raw.cands)
		if name == "" {
			tr.files[raw.file].Skipped = append(tr.files[raw.file].Skipped, TimetableSkip{Where: raw.where, Reason: "认不出学校：标题、工作表名和文件名中都没有学校名称"})
			tr.files[raw.file].Grids--
			continue
		}
		t.School, t.Matched = name, ok
		if !ok && len(schools) > 0 {
			unmatched[name] = true
		}
		k := key{t.School, t.Class, t.Grade, t.Summary}
		if i, dup := summaryAt[k]; dup && t.Summary {
			for _, l := range t.Lessons { // the same school written two ways in one summary table
				res.Timetables[i].Add(l.Subject, l.Kind, l.Periods)
			}
			res.Timetables[i].SelfStudy += t.SelfStudy
			continue
		}
		if t.Summary {
			summaryAt[k] = len(res.Timetables)
		}
		if prev, dup := seen[k]; dup && !t.Summary {
			tr.files[raw.file].Skipped = append(tr.files[raw.file].Skipped, TimetableSkip{Where: raw.where, Reason: "与 " + prev + " 是同一个班的课表，只用前者"})
			tr.files[raw.file].Grids--
			continue
		}
		seen[k] = t.Source
		res.Timetables = append(res.Timetables, t)
	}
	res.Files = tr.files
	for n := range unmatched {
		res.Unmatched = append(res.Unmatched, n)
	}
	sort.Strings(res.Unmatched)
	for _, u := range tr.unknown {
		res.Unknown = append(res.Unknown, *u)
	}
	sort.Slice(res.Unknown, func(i, j int) bool {
		if res.Unknown[i].Periods != res.Unknown[j].Periods {
			return res.Unknown[i].Periods > res.Unknown[j].Periods
		}
		return res.Unknown[i].Name < res.Unknown[j].Name
	})
	return res
}

// schoolMatcher finds a school in a text: by its whole normalised name or alias, else by the longest
// name or alias the text contains.
type schoolMatcher struct {
	keys  []string // normalised names and aliases
	names []string // the school name of each key
}

func newSchoolMatcher(schools []surveys.School) *schoolMatcher {
	m := &schoolMatcher{}
	for _, s := range schools {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			if k := schoolKey(n); k != "" {
				m.keys = append(m.keys, k)
				m.names = append(m.names, s.Name)
			}
		}
	}
	return m
}

// resolve returns the school the candidate texts name, best candidate first: a known school (true),
// else the name as the first candidate writes it (false), else "".
func (m *schoolMatcher) resolve(cands []string) (string, bool) {
	for _, c := range cands {
		k := schoolKey(c)
		for i, key := range m.keys {
			if key == k {
				return m.names[i], true
			}
		}
	}
	for _, c := range cands {
		k := schoolKey(c)
		best, bestLen := "", 0
		for i, key := range m.keys {
			if len(key) > bestLen && strings.Contains(k, key) {
				best, bestLen = m.names[i], len(key)
			}
		}
		if best != "" {
			return best, true
		}
	}
	for _, c := range cands {
		if n := schoolPart(c); n != "" {
			return n, false
		}
	}
	return "", false
}

// readTimetable reads a file that was not a questionnaire as timetables, when it is one: a folder of
// a term's files may hold the schools' timetables beside the answers. It reports false, nil when the
// file is no timetable either (the questionnaire error then stands).
func (r *reader) readTimetable(src Source, qerr error) (bool, error) {
	var he *HeaderError
	if !errors.As(qerr, &he) {
		return false, nil
	}
	if r.tt == nil {
		tr, err := newTimetableReader(r.o.CoursePlan)
		if err != nil {
			return false, err
		}
		r.tt = tr
	}
	ok, err := r.tt.readFile(src, openOptions{encoding: r.o.Encoding, limits: r.o.Limits})
	if err != nil || !ok {
		return false, nil
	}
	return true, nil
}

// Merge adds other's timetables and accounting to r (timetables given with --timetables beside those
// found among the inputs).
func (r *TimetableResult) Merge(other *TimetableResult) {
	r.Timetables = append(r.Timetables, other.Timetables...)
	r.Files = append(r.Files, other.Files...)
	seen := map[string]bool{}
	for _, n := range r.Unmatched {
		seen[n] = true
	}
	for _, n := range other.Unmatched {
		if !seen[n] {
			r.Unmatched = append(r.Unmatched, n)
		}
	}
	sort.Strings(r.Unmatched)
	at := map[string]int{}
	for i, u := range r.Unknown {
		at[u.Name] = i
	}
	for _, u := range other.Unknown {
		if i, ok := at[u.Name]; ok {
			r.Unknown[i].Periods += u.Periods
			continue
		}
		r.Unknown = append(r.Unknown, u)
	}
}
