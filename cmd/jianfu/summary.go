package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
)

// summaryListMax is how many names a summary line lists before "等N个".
const summaryListMax = 6

// summary is the few lines `report` prints when done: the same facts as the data-quality appendix.
type summary struct {
	w    io.Writer
	lang string
}

func (s summary) t(zh, en string) string {
	if s.lang == "en" {
		return en
	}
	return zh
}

func (s summary) line(label, text string) {
	line := label + s.t("：", ": ") + text
	if s.lang == "en" {
		line = analysis.OneInSingular(line)
	}
	fmt.Fprintln(s.w, line)
}

// list joins items, cut after summaryListMax with how many more there are.
func (s summary) list(items []string) string {
	sep := s.t("；", "; ")
	if len(items) <= summaryListMax {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:summaryListMax], sep) + fmt.Sprintf(s.t("……共%d个", "… %d in all"), len(items))
}

// printSummary writes the on-screen summary of a report run.
func printSummary(w io.Writer, res *ingest.Result, r *analysis.Results, lang string) {
	s := summary{w: w, lang: lang}
	s.respondents(res)
	s.unmatched(res)
	s.merged(res)
	s.unjudgeable(r)
	s.approxHeaders(res)
	s.lowResponse(r)
}

func (s summary) respondents(res *ingest.Result) {
	var parts []string
	for _, q := range []string{"student", "parent"} {
		read, used, rejected := res.Totals(q)
		if read == 0 {
			continue
		}
		by := map[string]int{}
		for _, f := range res.Files {
			if f.Questionnaire != q {
				continue
			}
			for reason, n := range f.RejectedByReason {
				by[s.reason(reason)] += n
			}
		}
		p := fmt.Sprintf(s.t("%s读取%d行，使用%d行，剔除%d行", "%s: %d rows read, %d used, %d rejected"), s.questionnaire(q), read, used, rejected)
		if len(by) > 0 {
			p += s.t("（", " (") + countsText(by, s.t("、", ", "), s.t(" ", " ")) + s.t("）", ")")
		}
		parts = append(parts, p)
	}
	s.line(s.t("问卷", "Questionnaires"), strings.Join(parts, s.t("；", "; ")))
	var kept []string
	for _, qf := range res.Quality {
		if !qf.Rejected && qf.Count > 0 {
			kept = append(kept, fmt.Sprintf(s.t("%s%s %d行", "%s %s: %d rows"), s.questionnaire(qf.Questionnaire), s.t(qualityName(qf.Rule), qualityNameEn(qf.Rule)), qf.Count))
		}
	}
	if len(kept) > 0 {
		s.line(s.t("可疑但保留", "Suspect but kept"), s.list(kept))
	}
}

func (s summary) questionnaire(code string) string {
	if s.lang == "en" {
		return map[string]string{"student": "students", "parent": "parents"}[code]
	}
	return questionnaireTitle[code]
}

func (s summary) reason(r ingest.Reason) string {
	if s.lang == "en" {
		return strings.ReplaceAll(string(r), "_", " ")
	}
	if t := r.Text(); t != string(r) {
		return t
	}
	return qualityName(string(r))
}

// countsText writes "甲 3、乙 1", most first, then by name.
func countsText(m map[string]int, sep, gap string) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] > m[names[j]]
		}
		return names[i] < names[j]
	})
	var out []string
	for _, n := range names {
		out = append(out, fmt.Sprintf("%s%s%d", n, gap, m[n]))
	}
	return strings.Join(out, sep)
}

func (s summary) unmatched(res *ingest.Result) {
	if len(res.Unmatched) == 0 {
		return
	}
	var items []string
	for _, u := range res.Unmatched {
		it := fmt.Sprintf(s.t("“%s”%d行", "“%s” %d rows"), u.Name, u.Count)
		if u.Closest != "" {
			it += fmt.Sprintf(s.t("，最接近名册中的“%s”", ", closest roster name “%s”"), u.Closest)
		}
		items = append(items, it)
	}
	s.line(s.t("名册中没有的学校名称（这些行已剔除；是同一所学校的，请把写法加到名册的“别名”列）", "School names not in the roster (rows rejected; add a variant to the roster's 别名 column)"), s.list(items))
}

func (s summary) merged(res *ingest.Result) {
	if res.RosterGiven {
		return
	}
	s.line(s.t("没有学校名册", "No roster"), fmt.Sprintf(s.t("学校按答卷中的名称统计，共%d所；jianfu roster --from 问卷文件 可生成名册草稿", "schools are the names in the answers, %d of them; jianfu roster --from FILES drafts a roster"), len(res.Schools)))
	var same, maybe []string
	for _, m := range res.Spellings {
		same = append(same, "“"+strings.Join(m.Variants, "”“")+"”→“"+m.School+"”")
	}
	for _, p := range res.Similar {
		maybe = append(maybe, "“"+p.A+"”"+s.t("与", " and ")+"“"+p.B+"”")
	}
	if len(same) > 0 {
		s.line(s.t("已合并的写法（只差数字写法、全半角、括号或空格）", "Spellings merged (digits, width, brackets or spaces only)"), s.list(same))
	}
	if len(maybe) > 0 {
		s.line(s.t("可能是同一所学校、未合并（请用名册写明：一所学校一行，其他写法放“别名”列）", "Possibly one school, not merged (say so in a roster: one row per school, other spellings under 别名)"), s.list(maybe))
	}
}

func (s summary) unjudgeable(r *analysis.Results) {
	var items []string
	for _, ir := range r.Indicators {
		o := ir.Overall
		if o.Judged() > 0 {
			continue
		}
		name := ir.Indicator.Name
		if s.lang == "en" {
			name = ir.Indicator.NameEN
		}
		why := map[string]int{}
		add := func(n int, zh, en string) {
			if n > 0 {
				why[s.t(zh, en)] = n
			}
		}
		add(o.Missing, "未答", "no answer")
		add(o.Invalid, "无效", "invalid")
		add(o.NotApplicable, "不适用", "not applicable")
		add(o.Undeterminable, "无法判定（标准的界限落在选项区间内）", "undecidable (the limit falls inside an answer class)")
		text := countsText(why, s.t("、", ", "), s.t(" ", " "))
		if text == "" {
			text = s.t("没有这一题的回答（文件中没有这一列？）", "no answers (no column for the question?)")
		}
		items = append(items, fmt.Sprintf(s.t("%s（%s）：%s", "%s (%s): %s"), name, s.questionnaire(ir.Questionnaire.Code), text))
	}
	if len(items) > 0 {
		s.line(s.t("没有可判定回答的指标", "Indicators with no judgeable answer"), s.list(items))
	}
}

func (s summary) approxHeaders(res *ingest.Result) {
	var items []string
	for _, f := range res.Files {
		for _, h := range f.ApproxHeaders {
			items = append(items, filepath.Base(f.Path)+s.t("：“", ": “")+h+"”")
		}
	}
	if len(items) > 0 {
		s.line(s.t("按相似度对上题目的列标题（请核对）", "Headers matched by similarity (check them)"), s.list(items))
	}
}

func (s summary) lowResponse(r *analysis.Results) {
	var items []string
	for _, rr := range r.ResponseRates {
		if rr.Low {
			items = append(items, fmt.Sprintf(s.t("%s（%s %s%%，%d/%d）", "%s (%s %s%%, %d/%d)"), r.Schools[rr.School].Name, s.questionnaire(rr.Questionnaire), analysis.Pct(rr.Rate), rr.Respondents, rr.Enrolment))
		}
	}
	if len(items) > 0 {
		s.line(s.t("应答率偏低的学校（结果代表性有限）", "Schools with a low response rate"), s.list(items))
	}
}
