package ingest

import (
	"fmt"
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
	reasonText[ReasonDuplicate] = "重复提交（同一学生编号，或同一IP且学生编号不冲突；全部答案相同；在时间窗口内）"
	reasonText[ReasonTooFast] = "答题用时过短"
}

// Rule names of the quality findings that are reported but do not reject rows.
const (
	RuleStraightLining = "straight_lining"
	RuleContradiction  = "contradiction"
)

// Rule describes one data-quality rule for `jianfu check --rules`.
type Rule struct {
	Code      string
	Rejects   bool
	Text      string
	Threshold string
}

// Rules lists the data-quality rules with their thresholds from q.
func Rules(q surveys.Quality, keepFast bool) []Rule {
	q = qualityDefaults(q)
	fast := fmt.Sprintf("每题 %g 秒（问卷题数 × %g 秒）", q.MinSecondsPerQuestion, q.MinSecondsPerQuestion)
	return []Rule{
		{Code: string(ReasonBlankRow), Rejects: true, Text: ReasonBlankRow.Text()},
		{Code: string(ReasonEncoding), Rejects: true, Text: ReasonEncoding.Text()},
		{Code: string(ReasonShortRow), Rejects: true, Text: ReasonShortRow.Text()},
		{Code: string(ReasonExtraColumns), Rejects: true, Text: ReasonExtraColumns.Text()},
		{Code: string(ReasonMissingSchool), Rejects: true, Text: ReasonMissingSchool.Text()},
		{Code: string(ReasonUnmatchedSchool), Rejects: true, Text: ReasonUnmatchedSchool.Text() + "（有名册时）"},
		{Code: string(ReasonGradeUnreadable), Rejects: true, Text: ReasonGradeUnreadable.Text()},
		{Code: string(ReasonGradeNotSurveyed), Rejects: true, Text: ReasonGradeNotSurveyed.Text() + "（学生问卷只用于三至九年级）"},
		{Code: string(ReasonGradeNotInStage), Rejects: true, Text: ReasonGradeNotInStage.Text() + "（有名册时）"},
		{Code: string(ReasonDuplicate), Rejects: true, Text: ReasonDuplicate.Text(), Threshold: fmt.Sprintf("%g 分钟", q.DuplicateWindowMinutes)},
		{Code: string(ReasonTooFast), Rejects: !keepFast, Text: ReasonTooFast.Text() + "（--keep-fast 保留）", Threshold: fast},
		{Code: RuleStraightLining, Text: "所有选择题都选同一位置的选项（只报告，不剔除；全选第一项也可能是如实作答）", Threshold: "至少 10 题"},
		{Code: RuleTimeUnreadable, Text: "提交答卷时间写了却无法识别：这些行没有做重复检查（只报告，不剔除）"},
		{Code: RuleDurationUnreadable, Text: "所用时间写了却无法识别：这些行没有做用时过短检查（只报告，不剔除）"},
		{Code: RuleContradiction, Text: "前后矛盾：23:00以后睡觉、6:30以前起床，却睡眠10小时及以上（只报告，不剔除）"},
		{Code: "low_response_rate", Text: "应答率低于阈值的学校在报告中注明（只报告）", Threshold: fmt.Sprintf("%g%%", 100*q.LowResponseRate)},
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

// qualityRejects applies the rejecting quality rules (too fast, duplicate) to the current row.
func (fm *fileMapper) qualityRejects(cells []string, row int, school uint16, grade int, class string, submitted int64, duration int32) *Reject {
	r := fm.r
	q := r.quality
	if limit := q.MinSecondsPerQuestion * float64(len(fm.q.Questions)); duration >= 0 && float64(duration) < limit {
		if !r.o.KeepFast {
			r.count(RuleTooFast(), fm.q.Code, true, r.schools[school].Name)
			return fm.reject(cells, row, fm.durC, ReasonTooFast, fmt.Sprintf("用时%d秒，少于%g秒（%d题 × 每题%g秒）", duration, limit, len(fm.q.Questions), q.MinSecondsPerQuestion))
		}
		r.count(RuleTooFast(), fm.q.Code, false, r.schools[school].Name)
	}
	// A submission is identified by its 学生编号 and by its IP: identical answers within the window
	// under either one make a duplicate.
	if submitted == 0 {
		return nil
	}
	var keys [2]uint64
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
			n++
		}
	}
	window := int64(q.DuplicateWindowMinutes * 60)
	for _, key := range keys[:n] {
		if head, ok := r.seenHead[key]; ok {
			for i := head; i >= 0; i = r.seenRows[i].next {
				prev := r.seenRows[i]
				if prev.id != 0 && idHash != 0 && prev.id != idHash {
					continue // same IP, but two different 学生编号: two students (twins at one home)
				}
				if d := submitted - prev.t; d >= -window && d <= window {
					r.count(string(ReasonDuplicate), fm.q.Code, true, r.schools[school].Name)
					return fm.reject(cells, row, -1, ReasonDuplicate, fmt.Sprintf("与 %s 第%d行的答卷完全相同（间隔%d秒）", r.seenFiles[prev.file], prev.row, abs64(d)))
				}
			}
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
	return nil
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
	}
	// Contradiction (student questionnaire): in bed after 23:00, up before 6:30, yet 10 hours of sleep.
	if fm.bedI >= 0 && fm.wakeI >= 0 && fm.sleepI >= 0 {
		if fm.ans[fm.bedI] == 6 && (fm.ans[fm.wakeI] == 1 || fm.ans[fm.wakeI] == 2) && fm.ans[fm.sleepI] == 5 {
			r.count(RuleContradiction, fm.q.Code, false, name)
		}
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
