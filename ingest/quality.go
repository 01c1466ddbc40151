package ingest

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Rejection reasons of the data-quality rules.
const (
	ReasonDuplicate Reason = "duplicate"
	ReasonTooFast   Reason = "too_fast"
)

func init() {
	reasonText[ReasonDuplicate] = "重复提交（时间窗口内全部答案相同，且同一学生编号；或同一IP、学生编号不冲突，且同校同学段的学生偶然给出这组答案的期望次数低于0.05）"
	reasonText[ReasonTooFast] = "答题用时过短"
}

// Rule names of the quality findings that are reported but do not reject rows.
const (
	RuleStraightLining    = "straight_lining"
	RuleContradiction     = "contradiction"
	RulePossibleDuplicate = "possible_duplicate"
)

// ChanceMatchLimit is the expected number of chance matches below which two rows with one IP and
// the same answers are taken as one submission (formats.md: duplicates are judged against chance).
const ChanceMatchLimit = 0.05

// Rule describes one data-quality rule for `jianfu check --rules`.
type Rule struct {
	Code        string
	Rejects     bool
	Text        string
	Threshold   string
	En          string // Text in English, for --lang en
	ThresholdEn string // Threshold in English
}

// Rules lists the data-quality rules with their thresholds from q, in Chinese and English.
func Rules(q surveys.Quality, keepFast bool) []Rule {
	q = qualityDefaults(q)
	fast := fmt.Sprintf("每题 %g 秒（问卷题数 × %g 秒）", q.MinSecondsPerQuestion, q.MinSecondsPerQuestion)
	fastEn := fmt.Sprintf("%g seconds a question (questions × %g seconds)", q.MinSecondsPerQuestion, q.MinSecondsPerQuestion)
	dup := fmt.Sprintf("%g 分钟；期望次数 < %g", q.DuplicateWindowMinutes, ChanceMatchLimit)
	dupEn := fmt.Sprintf("%g minutes; expected chance matches < %g", q.DuplicateWindowMinutes, ChanceMatchLimit)
	possible := fmt.Sprintf("%g 分钟；期望次数 ≥ %g", q.DuplicateWindowMinutes, ChanceMatchLimit)
	possibleEn := fmt.Sprintf("%g minutes; expected chance matches ≥ %g", q.DuplicateWindowMinutes, ChanceMatchLimit)
	return []Rule{
		{Code: string(ReasonBlankRow), Rejects: true, Text: ReasonBlankRow.Text(), En: "blank row (nothing in it)"},
		{Code: string(ReasonEncoding), Rejects: true, Text: ReasonEncoding.Text(), En: "encoding error (the row holds characters that cannot be decoded)"},
		{Code: string(ReasonShortRow), Rejects: true, Text: ReasonShortRow.Text(), En: "fewer columns than the header (an incomplete row; the file may be cut off)"},
		{Code: string(ReasonExtraColumns), Rejects: true, Text: ReasonExtraColumns.Text(), En: "more columns than the header"},
		{Code: string(ReasonMissingSchool), Rejects: true, Text: ReasonMissingSchool.Text(), En: "no school given"},
		{Code: string(ReasonUnmatchedSchool), Rejects: true, Text: ReasonUnmatchedSchool.Text() + "（有名册时）", En: "school name not in the roster (with a roster)"},
		{Code: string(ReasonGradeUnreadable), Rejects: true, Text: ReasonGradeUnreadable.Text(), En: "grade not recognised"},
		{Code: string(ReasonGradeNotSurveyed), Rejects: true, Text: ReasonGradeNotSurveyed.Text() + "（学生问卷只用于三至九年级）", En: "grade outside the questionnaire's grades (the student questionnaire is for grades 3 to 9)"},
		{Code: string(ReasonGradeNotInStage), Rejects: true, Text: ReasonGradeNotInStage.Text() + "（有名册时）", En: "grade not taught at the school's stage (with a roster)"},
		{Code: string(ReasonDuplicate), Rejects: true, Text: ReasonDuplicate.Text(), Threshold: dup,
			En: "duplicate submission (all answers the same within the time window, with the same student number; or the same IP, no conflicting student number, and fewer than 0.05 expected chance matches among students of the school and stage)", ThresholdEn: dupEn},
		{Code: RulePossibleDuplicate, Text: "可能重复：同一IP、答案完全相同，但同校同学段的学生偶然如此相同并不罕见（两份都保留，只报告期望次数）", Threshold: possible,
			En: "possible duplicate: the same IP and the same answers, but students of the school and stage answer alike by chance often enough (both kept; the expected number is reported)", ThresholdEn: possibleEn},
		{Code: string(ReasonTooFast), Rejects: !keepFast, Text: ReasonTooFast.Text() + "（--keep-fast 保留）", Threshold: fast, En: "answered too fast (--keep-fast keeps them)", ThresholdEn: fastEn},
		{Code: RuleStraightLining, Text: "所有选择题都选同一位置的选项（只报告，不剔除；全选第一项也可能是如实作答）", Threshold: "至少 10 题",
			En: "the same position chosen in every multiple-choice question (reported, not rejected; all first options may be honest)", ThresholdEn: "at least 10 questions"},
		{Code: RuleTimeUnreadable, Text: "提交答卷时间写了却无法识别：这些行没有做重复检查（只报告，不剔除）", En: "submission time given but unreadable: these rows were not checked for duplicates (reported, not rejected)"},
		{Code: RuleDurationUnreadable, Text: "所用时间写了却无法识别：这些行没有做用时过短检查（只报告，不剔除）", En: "time taken given but unreadable: these rows were not checked for answering too fast (reported, not rejected)"},
		{Code: RuleContradiction, Text: "前后矛盾：23:00以后睡觉、6:30以前起床，却睡眠10小时及以上（只报告，不剔除）", En: "contradiction: in bed after 23:00, up before 6:30, yet 10 hours of sleep or more (reported, not rejected)"},
		{Code: "low_response_rate", Text: "应答率低于阈值的学校在报告中注明（只报告）", Threshold: fmt.Sprintf("%g%%", 100*q.LowResponseRate),
			En: "schools whose response rate is below the threshold are named in the report (reported only)", ThresholdEn: fmt.Sprintf("%g%%", 100*q.LowResponseRate)},
	}
}

func qualityDefaults(q surveys.Quality) surveys.Quality {
	if q.DuplicateWindowMinutes <= 0 {
		q.DuplicateWindowMinutes = 10
	}
	if q.MinSecondsPerQuestion <= 0 {
		q.MinSecondsPerQuestion = 2
	}
	if q.LowResponseRate <= 0 {
		q.LowResponseRate = 0.5
	}
	return q
}

// QualityFinding counts one quality rule's hits in one questionnaire, per school.
type QualityFinding struct {
	Rule          string         `json:"rule"`
	Questionnaire string         `json:"questionnaire"`
	Rejected      bool           `json:"rejected"`
	Count         int            `json:"count"`
	BySchool      map[string]int `json:"by_school"` // school name → rows
	// Possible lists the rows of the possible_duplicate rule, in reading order.
	Possible []PossibleDuplicate `json:"possible,omitempty"`
}

// PossibleDuplicate is a row kept although an earlier row of the window has its IP and every answer:
// students of its school and band give that answer vector by chance too often to call it a resubmission.
type PossibleDuplicate struct {
	File        string `json:"file"`
	Row         int    `json:"row"`
	EarlierFile string `json:"earlier_file"`
	EarlierRow  int    `json:"earlier_row"`
	School      string `json:"school"`
	// Expected is the expected number of chance matches on this answer vector among the IP's rows in
	// the window: pairs × the product over questions of each answer's share in the school and band.
	Expected float64 `json:"expected"`
}

type seenRow struct {
	file string
	row  int
	t    int64
}

// compactSeen is one earlier row in the duplicate index: 24 bytes, no pointers.
type compactSeen struct {
	t    int64
	row  int32
	next int32 // earlier row with the same key, or -1
	file uint16
	id   uint32 // hash of the 学生编号, 0 when the row has none
}

func (fm *fileMapper) seenFile() uint16 {
	r := fm.r
	if n := len(r.seenFiles); n > 0 && r.seenFiles[n-1] == fm.file {
		return uint16(n - 1)
	}
	r.seenFiles = append(r.seenFiles, fm.file)
	return uint16(len(r.seenFiles) - 1)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func fnvUint(h uint64, v uint64) uint64 {
	for i := 0; i < 8; i++ {
		h = fnvByte(h, byte(v>>(8*i)))
	}
	return h
}

type qualityKey struct {
	rule, qn string
}

// qualityRejects applies the rejecting quality rules (too fast, duplicate) to the current row. A row
// that repeats an earlier one on its IP (not its 学生编号) is not decided here: the chance of such a
// match needs the answer frequencies of the whole school and band, so it becomes a candidate that
// resolveIPDuplicates judges once every row is read.
func (fm *fileMapper) qualityRejects(cells []string, row int, school uint16, grade int, class string, submitted int64, duration int32) *Reject {
	r := fm.r
	q := r.quality
	fm.cand = nil
	nq := len(fm.q.Questions) - len(fm.q.OpenQuestions()) // an optional open question takes no time when skipped
	if limit := q.MinSecondsPerQuestion * float64(nq); duration >= 0 && float64(duration) < limit {
		if !r.o.KeepFast {
			r.count(RuleTooFast(), fm.q.Code, true, r.schools[school].Name)
			return fm.reject(cells, row, fm.durC, ReasonTooFast, fmt.Sprintf("用时%d秒，少于%g秒（%d题 × 每题%g秒）", duration, limit, nq, q.MinSecondsPerQuestion))
		}
		r.count(RuleTooFast(), fm.q.Code, false, r.schools[school].Name)
	}
	if submitted == 0 {
		return nil
	}
	var keys [2]uint64
	var isIP [2]bool
	n := 0
	var idHash uint32
	if fm.idC >= 0 {
		if id := strings.TrimSpace(fm.cell(cells, fm.idC)); !isBlankCell(id) {
			keys[n] = fm.dupKey("id:"+id, school, grade, class)
			idHash = uint32(fnvString(fnvOffset, id)) | 1
			n++
		}
	}
	if fm.ipC >= 0 {
		if ip := normalIP(fm.cell(cells, fm.ipC)); ip != "" {
			keys[n] = fm.dupKey("ip:"+ip, school, grade, class)
			isIP[n] = true
			n++
		}
	}
	window := int64(q.DuplicateWindowMinutes * 60)
	for k, key := range keys[:n] {
		head, ok := r.seenHead[key]
		if !ok {
			continue
		}
		for i := head; i >= 0; i = r.seenRows[i].next {
			prev := r.seenRows[i]
			if prev.id != 0 && idHash != 0 && prev.id != idHash {
				continue // same IP, but two different 学生编号: two students (twins at one home)
			}
			d := submitted - prev.t
			if d < -window || d > window {
				continue
			}
			if isIP[k] {
				if fm.cand == nil {
					fm.cand = &ipCandidate{prevFile: r.seenFiles[prev.file], prevRow: int(prev.row), gap: abs64(d)}
				}
				break
			}
			r.count(string(ReasonDuplicate), fm.q.Code, true, r.schools[school].Name)
			return fm.reject(cells, row, -1, ReasonDuplicate, fmt.Sprintf("与 %s 第%d行的答卷完全相同，学生编号相同（间隔%d秒）", r.seenFiles[prev.file], prev.row, abs64(d)))
		}
	}
	for _, key := range keys[:n] {
		head, ok := r.seenHead[key]
		if !ok {
			head = -1
		}
		r.seenRows = append(r.seenRows, compactSeen{t: submitted, row: int32(row), file: fm.seenFile(), next: head, id: idHash})
		r.seenHead[key] = int32(len(r.seenRows) - 1)
	}
	if c := fm.cand; c != nil {
		// Everything the row adds to the counts from here on is noted, to be taken back if it is rejected.
		c.qn, c.file, c.fileRep, c.row = fm.q.Code, fm.file, len(r.res.Files), row
		c.idx, c.school = fm.b.d.Len(), school
		c.cells = append([]string(nil), cells...)
		c.before = fm.report.rowCounts()
	}
	return nil
}

// ipCandidate is a used row that repeats an earlier row of the window on its IP and every answer,
// with what it added to the counts so that rejecting it later takes all of it back.
type ipCandidate struct {
	qn       string // questionnaire
	file     string
	fileRep  int // index of the file's report in Result.Files
	row      int
	idx      int // respondent index in the dataset
	school   uint16
	cells    []string
	prevFile string
	prevRow  int
	gap      int64     // seconds between the two submissions
	before   rowCounts // the file's cell counts before the row
	after    rowCounts // … and after it
	variants []variantKey
	unknown  []variantKey
	rules    []string // reporting rules the row counted in
}

// noteCandidate records what the current row added to the file's cell counts, once it is recorded.
func (fm *fileMapper) noteCandidate() {
	if c := fm.cand; c != nil {
		c.after = fm.report.rowCounts()
		fm.r.ipCands = append(fm.r.ipCands, c)
		fm.cand = nil
	}
}

// resolveIPDuplicates judges the candidates against chance (formats.md): a candidate is the same
// submission as the earlier row when the expected number of chance matches on its answer vector
// among its IP's rows in the window is below ChanceMatchLimit,
//
//	E = k(k−1)/2 · ∏_q f_q(a_q),
//
// where k counts the used rows of that IP submitted within the window of the candidate, and f_q(a)
// is the share of the used rows of the candidate's school and band that gave answer a to question q
// (未答, 无效 and 不适用 are answers too). Such a candidate is rejected as a duplicate, everything it
// counted is taken back and it leaves the dataset; the others stay and are reported as 可能重复 with E.
// The frequencies and k are computed before any row is removed, so the order of the rows does not
// matter.
func (r *reader) resolveIPDuplicates() {
	if len(r.ipCands) == 0 {
		return
	}
	byQn := map[string][]*ipCandidate{}
	for _, c := range r.ipCands {
		byQn[c.qn] = append(byQn[c.qn], c)
	}
	var late []Reject
	for _, q := range r.qs {
		cands := byQn[q.Code]
		if len(cands) == 0 {
			continue
		}
		d := r.builders[q.Code].d
		exp := r.chanceMatches(d, cands)
		remove := make([]bool, d.Len())
		for i, c := range cands {
			name := r.schools[c.school].Name
			if exp[i] < ChanceMatchLimit {
				remove[c.idx] = true
				r.undo(c, name)
				late = append(late, Reject{File: c.file, Row: c.row, Column: "", Reason: ReasonDuplicate, Cells: c.cells,
					Detail: fmt.Sprintf("与 %s 第%d行的答卷完全相同，同一IP（间隔%d秒）；同校同学段的学生偶然给出这组答案的期望次数为 %.2g，低于 %g", c.prevFile, c.prevRow, c.gap, exp[i], ChanceMatchLimit)})
				continue
			}
			r.count(RulePossibleDuplicate, c.qn, false, name)
			f := r.qual[qualityKey{RulePossibleDuplicate, c.qn}]
			f.Possible = append(f.Possible, PossibleDuplicate{File: c.file, Row: c.row, EarlierFile: c.prevFile, EarlierRow: c.prevRow, School: name, Expected: exp[i]})
		}
		if len(late) > 0 {
			compact(d, remove)
		}
	}
	r.ipCands = nil
	if len(late) == 0 {
		return
	}
	// Rejects stay in reading order: by file, then row.
	order := map[string]int{}
	for i, f := range r.res.Files {
		order[f.Path] = i
	}
	r.res.Rejects = append(r.res.Rejects, late...)
	sort.SliceStable(r.res.Rejects, func(i, j int) bool {
		a, b := r.res.Rejects[i], r.res.Rejects[j]
		if order[a.File] != order[b.File] {
			return order[a.File] < order[b.File]
		}
		return a.Row < b.Row
	})
}

// chanceMatches returns E (see resolveIPDuplicates) for each candidate.
func (r *reader) chanceMatches(d *surveys.Dataset, cands []*ipCandidate) []float64 {
	type group struct {
		school uint16
		band   int
	}
	band := bandsOf(r.o.Bands)
	counts := map[group][][256]int32{}
	sizes := map[group]int{}
	times := map[uint32][]int64{}
	for _, c := range cands {
		counts[group{c.school, band[d.Grade[c.idx]]}] = nil
		times[d.IP[c.idx]] = nil
	}
	var choice []int
	for q, col := range d.Answers {
		if col != nil {
			choice = append(choice, q)
		}
	}
	for i := range d.Len() {
		g := group{d.School[i], band[d.Grade[i]]}
		if cs, ok := counts[g]; ok {
			if cs == nil {
				cs = make([][256]int32, len(d.Answers))
				counts[g] = cs
			}
			for _, q := range choice {
				cs[q][d.Answers[q][i]]++
			}
			sizes[g]++
		}
		if ts, ok := times[d.IP[i]]; ok {
			times[d.IP[i]] = append(ts, d.SubmittedAt[i])
		}
	}
	for _, ts := range times {
		slices.Sort(ts)
	}
	window := int64(r.quality.DuplicateWindowMinutes * 60)
	out := make([]float64, len(cands))
	for i, c := range cands {
		g := group{c.school, band[d.Grade[c.idx]]}
		cs, n := counts[g], float64(sizes[g])
		p := 1.0
		for _, q := range choice {
			p *= float64(cs[q][d.Answers[q][c.idx]]) / n
		}
		ts, t := times[d.IP[c.idx]], d.SubmittedAt[c.idx]
		lo, _ := slices.BinarySearch(ts, t-window)
		hi, _ := slices.BinarySearch(ts, t+window+1)
		k := float64(hi - lo)
		out[i] = k * (k - 1) / 2 * p
	}
	return out
}

// bandsOf maps each grade 0..9 to the index of its band; grades in no band share one index. Without
// bands it uses standards.md's 1-2, 3-6 and 7-9.
func bandsOf(bands []surveys.Band) [10]int {
	var out [10]int
	if len(bands) == 0 {
		bands = []surveys.Band{{Grades: []int{1, 2}}, {Grades: []int{3, 4, 5, 6}}, {Grades: []int{7, 8, 9}}}
	}
	for b, band := range bands {
		for _, g := range band.Grades {
			if g >= 1 && g <= 9 {
				out[g] = b + 1
			}
		}
	}
	return out
}

// undo takes back what a rejected candidate counted as a used row, and counts it as a rejected one.
func (r *reader) undo(c *ipCandidate, school string) {
	fr := &r.res.Files[c.fileRep]
	fr.Used--
	fr.Rejected++
	fr.RejectedByReason[ReasonDuplicate]++
	fr.takeBack(c.before, c.after)
	for _, k := range c.variants {
		if v := r.variants[k]; v != nil {
			if v.Count--; v.Count == 0 {
				delete(r.variants, k)
			}
		}
	}
	for _, k := range c.unknown {
		if r.unknown[k]--; r.unknown[k] <= 0 {
			delete(r.unknown, k)
		}
	}
	for _, rule := range c.rules {
		k := qualityKey{rule, c.qn}
		if f := r.qual[k]; f != nil {
			f.Count--
			if f.BySchool[school]--; f.BySchool[school] <= 0 {
				delete(f.BySchool, school)
			}
			if f.Count == 0 {
				delete(r.qual, k)
			}
		}
	}
	r.count(string(ReasonDuplicate), c.qn, true, school)
}

// compact removes the respondents marked in remove from every column of d, renumbering the free
// texts and dropping classes left with no respondent.
func compact(d *surveys.Dataset, remove []bool) {
	newIdx := make([]int, len(remove))
	n := 0
	for i, rm := range remove {
		newIdx[i] = -1
		if !rm {
			newIdx[i] = n
			n++
		}
	}
	d.School = keep(d.School, remove)
	d.Grade = keep(d.Grade, remove)
	d.Class = keep(d.Class, remove)
	d.File = keep(d.File, remove)
	d.Row = keep(d.Row, remove)
	for q := range d.Answers {
		if d.Answers[q] != nil {
			d.Answers[q] = keep(d.Answers[q], remove)
		}
	}
	for q := range d.Multi {
		if d.Multi[q] != nil {
			d.Multi[q] = keep(d.Multi[q], remove)
		}
	}
	if d.StudentID != nil {
		d.StudentID = keep(d.StudentID, remove)
	}
	if d.SubmittedAt != nil {
		d.SubmittedAt = keep(d.SubmittedAt, remove)
		d.Duration = keep(d.Duration, remove)
		d.IP = keep(d.IP, remove)
	}
	open := d.Open[:0]
	for _, o := range d.Open {
		if j := newIdx[o.Respondent]; j >= 0 {
			o.Respondent = j
			open = append(open, o)
		}
	}
	d.Open = open
	// Classes: keep those that still have a respondent, in their order.
	used := make([]bool, len(d.Classes))
	for _, c := range d.Class {
		used[c] = true
	}
	remap := make([]uint32, len(d.Classes))
	classes := d.Classes[:0]
	for i, k := range d.Classes {
		if used[i] {
			remap[i] = uint32(len(classes))
			classes = append(classes, k)
		}
	}
	d.Classes = classes
	for i, c := range d.Class {
		d.Class[i] = remap[c]
	}
}

// keep returns xs without the entries marked in remove, reusing its array.
func keep[T any](xs []T, remove []bool) []T {
	out := xs[:0]
	for i, x := range xs {
		if !remove[i] {
			out = append(out, x)
		}
	}
	return out
}

// dupKey hashes who answered (an ID or an IP) with the school, grade, class and every answer (FNV-1a).
func (fm *fileMapper) dupKey(who string, school uint16, grade int, class string) uint64 {
	h := fnvString(fnvOffset, fm.q.Code)
	h = fnvString(fnvByte(h, 0), who)
	h = fnvUint(fnvByte(h, 0), uint64(school))
	h = fnvUint(fnvByte(h, 0), uint64(grade))
	h = fnvString(fnvByte(h, 0), class)
	for _, a := range fm.ans {
		h = fnvByte(h, byte(a))
	}
	return h
}

// RuleTooFast is the rule code of implausibly fast answers.
func RuleTooFast() string { return string(ReasonTooFast) }

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// reportQuality counts the reporting-only rules on a used row.
func (fm *fileMapper) reportQuality(school uint16) {
	r := fm.r
	name := r.schools[school].Name
	// Straight-lining: at least 10 choice questions answered, all with the same option position.
	pos, n, same := surveys.Answer(0), 0, true
	for i, a := range fm.ans {
		if fm.matchers[i] == nil || !a.IsOption() || fm.matchers[i].q.Code == "sex" {
			continue
		}
		if n == 0 {
			pos = a
		} else if a != pos {
			same = false
			break
		}
		n++
	}
	if same && n >= 10 {
		r.count(RuleStraightLining, fm.q.Code, false, name)
		fm.noteRule(RuleStraightLining)
	}
	// Contradiction (student questionnaire): in bed after 23:00, up before 6:30, yet 10 hours of sleep.
	if fm.bedI >= 0 && fm.wakeI >= 0 && fm.sleepI >= 0 {
		if fm.ans[fm.bedI] == 6 && (fm.ans[fm.wakeI] == 1 || fm.ans[fm.wakeI] == 2) && fm.ans[fm.sleepI] == 5 {
			r.count(RuleContradiction, fm.q.Code, false, name)
			fm.noteRule(RuleContradiction)
		}
	}
}

// noteRule, noteVariant and noteUnknown record what a candidate row counted (see ipCandidate).
func (fm *fileMapper) noteRule(rule string) {
	if fm.cand != nil {
		fm.cand.rules = append(fm.cand.rules, rule)
	}
}

func (fm *fileMapper) noteVariant(k variantKey) {
	if fm.cand != nil {
		fm.cand.variants = append(fm.cand.variants, k)
	}
}

func (fm *fileMapper) noteUnknown(k variantKey) {
	if fm.cand != nil {
		fm.cand.unknown = append(fm.cand.unknown, k)
	}
}

func (r *reader) count(rule, qn string, rejected bool, school string) {
	k := qualityKey{rule, qn}
	f, ok := r.qual[k]
	if !ok {
		f = &QualityFinding{Rule: rule, Questionnaire: qn, Rejected: rejected, BySchool: map[string]int{}}
		r.qual[k] = f
	}
	f.Count++
	f.BySchool[school]++
}

func (r *reader) qualityFindings() []QualityFinding {
	var out []QualityFinding
	for _, f := range r.qual {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Questionnaire != out[j].Questionnaire {
			return out[i].Questionnaire > out[j].Questionnaire
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}
