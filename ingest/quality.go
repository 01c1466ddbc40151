package ingest

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/jianfu-edu/jianfu/surveys"
)

// Rejection reasons of the data-quality rules.
const (
	ReasonDuplicate Reason = "duplicate"
	ReasonTooFast   Reason = "too_fast"
)

func init() {
	reasonText[ReasonDuplicate] = "重复提交（同一IP或学生编号、全部答案相同、在时间窗口内）"
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
	who := ""
	if fm.idC >= 0 {
		if id := fm.cell(cells, fm.idC); id != "" {
			who = "id:" + id
		}
	}
	if who == "" && fm.ipC >= 0 {
		if ip := normalIP(fm.cell(cells, fm.ipC)); ip != "" {
			who = "ip:" + ip
		}
	}
	if who == "" || submitted == 0 {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(fm.q.Code + "\x00" + who + "\x00" + strconv.Itoa(int(school)) + "\x00" + strconv.Itoa(grade) + "\x00" + class + "\x00"))
	for _, a := range fm.ans {
		h.Write([]byte{byte(a)})
	}
	key := h.Sum64()
	window := int64(q.DuplicateWindowMinutes * 60)
	for _, prev := range r.seen[key] {
		if d := submitted - prev.t; d >= -window && d <= window {
			r.count(string(ReasonDuplicate), fm.q.Code, true, r.schools[school].Name)
			return fm.reject(cells, row, -1, ReasonDuplicate, fmt.Sprintf("与 %s 第%d行的答卷完全相同（间隔%d秒）", prev.file, prev.row, abs64(d)))
		}
	}
	r.seen[key] = append(r.seen[key], seenRow{file: fm.file, row: row, t: submitted})
	return nil
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
