package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
)

// The teacher questionnaire's sections (teachers-and-timetables.md): its indicators by school and
// stage, teachers set beside students and parents, and teachers' own burden (教师负担).

// teacherResults returns the indicator results of the teacher questionnaire, profile order.
func (b *builder) teacherResults() []*analysis.IndicatorResult {
	var out []*analysis.IndicatorResult
	for _, ir := range b.r.Indicators {
		if ir.Questionnaire.ByStage() {
			out = append(out, ir)
		}
	}
	return out
}

// stageName names the stage a band stands for in the teacher questionnaire: 小学 or 初中.
func (b *builder) stageName(band string) string {
	for _, bd := range b.r.Profile.Bands {
		if bd.Code == band {
			return b.stage(bd.Level)
		}
	}
	return band
}

// questionnaireList names the questionnaires read: "学生问卷、家长问卷和教师问卷".
func questionnaireList(r *analysis.Results) string {
	var names []string
	for _, q := range r.Questionnaires {
		names = append(names, q.Questionnaire.Title)
	}
	switch len(names) {
	case 0:
		return "问卷"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], "、") + "和" + names[len(names)-1]
}

// teacherCountNote says how many teachers answered, by stage (teachers are not counted by grade).
func (b *builder) teacherCountNote() string {
	for _, qs := range b.r.Questionnaires {
		if !qs.Questionnaire.ByStage() {
			continue
		}
		var parts []string
		for _, bd := range b.r.Profile.Bands {
			n := 0
			for _, g := range bd.Grades {
				n += qs.ByGrade[g]
			}
			if n > 0 {
				parts = append(parts, fmt.Sprintf(b.t("%s%d人", "%s %d"), b.stageName(bd.Code), n))
			}
		}
		return fmt.Sprintf(b.t("%s有效问卷%d份，按任教学段：%s。", "%s: %d teachers, by stage: %s."), b.qTitle(qs.Questionnaire), qs.Respondents, strings.Join(parts, b.t("，", ", ")))
	}
	return ""
}

// teachers is the 教师问卷 appendix: what teachers report on each indicator, county and school by
// school and stage, and where students or parents of the same school and stage report otherwise.
func (b *builder) teachers() (Section, error) {
	irs := b.teacherResults()
	if len(irs) == 0 {
		return Section{}, nil
	}
	s := Section{ID: "teachers", Title: b.t("教师问卷", "Teacher questionnaire"), appendix: true}
	n := 0
	for _, q := range b.r.Questionnaires {
		if q.Questionnaire.ByStage() {
			n += q.Respondents
		}
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf(b.t(
		"共%d名教师填写了教师问卷。教师按其主要任教学段作答，每位教师的回答按所在学段的标准判定（小学按三至六年级的规定，初中按初中的规定）；九年一贯制学校的小学部、初中部分别统计。每校教师人数较少，有效回答少于%d的不报告比例，少于%d的标“*”仅供参考；比例的区间为Wilson区间。",
		"%d teachers answered. Each teacher answers for the stage they mainly teach and is judged by that stage's rules (primary: grades 3-6; junior: 7-9); cells with fewer than %d answers are not reported, fewer than %d are marked *; intervals are Wilson intervals."),
		n, b.r.Profile.MinN, b.r.Profile.SmallN)})
	// County table.
	t := &Table{Caption: b.t("教师问卷各项指标（全县）", "Teacher indicators (county)"),
		Header:  []string{b.t("指标", "Indicator"), b.t("标准", "Standard"), b.t("符合%", "Comply %"), b.t("95%区间", "95% CI"), b.t("有效n", "n"), b.t("未答", "No answer"), b.t("需整改", "Action needed"), b.t("需关注", "Attention")},
		Numeric: []bool{false, false, true, true, true, true, false, false}}
	for _, ir := range irs {
		row := []Cell{{Text: b.indName(ir)}, {Text: b.standard(ir.Indicator)}}
		row = append(row, b.estimateCells(ir.Overall)...)
		row = append(row, Cell{Text: fmt.Sprint(ir.Overall.Missing)}, Cell{Text: b.list(ir.FlaggedNames(b.r.Units))}, Cell{Text: b.list(ir.PossibleNames(b.r.Units))})
		t.Rows = append(t.Rows, row)
	}
	s.Blocks = append(s.Blocks, Block{Table: t}, Block{Note: b.estimateNote()})
	s.Blocks = append(s.Blocks, Block{Table: b.teacherSchoolTable(irs)}, Block{Note: b.t("标红：需整改；“△”：需关注。", "Red: action needed; △: attention.")})
	s.Blocks = append(s.Blocks, b.voicesBlocks()...)
	return s, nil
}

// teacherSchoolTable is school × stage against every teacher indicator: the compliance share, "—"
// when suppressed, "*" when small, confirmed flags marked and possible ones named in the cell's title.
func (b *builder) teacherSchoolTable(irs []*analysis.IndicatorResult) *Table {
	t := &Table{Caption: b.t("教师问卷各项指标符合比例（%，按学校和学段）", "Teacher indicators by school and stage (% complying)"),
		Header: []string{b.t("学校", "School"), b.t("学段", "Stage"), b.t("教师n", "Teachers")}}
	t.Numeric = []bool{false, false, true}
	for _, ir := range irs {
		t.Header = append(t.Header, b.indName(ir))
		t.Numeric = append(t.Numeric, true)
	}
	units := map[int]bool{}
	teachers := map[int]int{}
	for _, ir := range irs {
		for _, sr := range ir.Schools {
			units[sr.Unit] = true
			teachers[sr.Unit] = max(teachers[sr.Unit], sr.Valid+sr.Missing+sr.Invalid+sr.NotApplicable)
		}
	}
	for u, unit := range b.r.Units {
		if !units[u] {
			continue
		}
		row := []Cell{{Text: b.r.Schools[unit.School].Name}, {Text: b.stage(unit.Stage)}, {Text: fmt.Sprint(teachers[u])}}
		for _, ir := range irs {
			c := Cell{Text: "—", Muted: true}
			for _, sr := range ir.Schools {
				if sr.Unit == u {
					c = b.estimateCells(sr.Estimate)[0]
					if ft := b.flagText(sr.Estimate); ft != "" && !sr.Suppressed {
						c.Title = ft
						if sr.Flag == analysis.FlagPossible {
							c.Text += "△"
						}
					}
				}
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// voicesBlocks set teachers beside students and parents on every indicator two or three of them
// are asked: the county's violation shares, then each school and stage where they disagree.
func (b *builder) voicesBlocks() []Block {
	vs := analysis.TeacherVoices(b.r)
	if len(vs) == 0 {
		return nil
	}
	blocks := []Block{{Heading: b.t("学生、家长与教师的回答对照", "Students, parents and teachers compared")}}
	t := &Table{Caption: b.t("同一指标学生、家长与教师反映的不符合比例（%，全县）", "Share not complying as students, parents and teachers report it (%, county)"),
		Header:  []string{b.t("指标", "Indicator"), b.t("学生", "Students"), b.t("家长", "Parents"), b.t("教师", "Teachers"), b.t("看法不一致的学校", "Schools where they disagree")},
		Numeric: []bool{false, true, true, true, true}}
	var lines []string
	for _, v := range vs {
		disagree := 0
		for _, sv := range v.Schools {
			if txt := sv.DisagreementText(v.Indicator); txt != "" {
				disagree++
				where := b.r.Schools[sv.School].Name + b.paren(b.stageName(sv.Band.Code))
				if b.o.Lang == analysis.English {
					lines = append(lines, fmt.Sprintf("%s, %s: %s differ significantly from teachers", where, v.Indicator.NameEN, strings.Join(sv.Disagree, " and ")))
				} else {
					lines = append(lines, fmt.Sprintf("%s，%s：%s。", where, v.Indicator.Name, txt))
				}
			}
		}
		row := []Cell{{Text: v.Indicator.Name}}
		if b.o.Lang == analysis.English {
			row[0].Text = v.Indicator.NameEN
		}
		for _, ir := range []*analysis.IndicatorResult{v.Student, v.Parent, v.Teacher} {
			if ir == nil || ir.Overall.Suppressed || ir.Overall.Judged() == 0 {
				row = append(row, Cell{Text: "—", Muted: true})
				continue
			}
			row = append(row, Cell{Text: analysis.Pct(ir.Overall.ViolationShare())})
		}
		row = append(row, Cell{Text: fmt.Sprint(disagree)})
		t.Rows = append(t.Rows, row)
	}
	blocks = append(blocks, Block{Table: t})
	if len(lines) == 0 {
		blocks = append(blocks, Block{Paragraph: b.t("各校教师的回答与本校同学段学生、家长的回答没有明显差异。", "In no school do teachers' answers differ significantly from their students' or parents'.")})
		return blocks
	}
	blocks = append(blocks, Block{Paragraph: b.t("以下学校（学段）教师的回答与学生或家长明显不同（两者比例之差的95%区间不含0），需要核实：", "Where teachers' answers differ significantly from students' or parents' (the 95% interval of the difference excludes 0):")})
	blocks = append(blocks, Block{List: lines})
	return blocks
}

// teacherBurden is the 教师负担 section: hours at school, non-teaching tasks, after-school service
// and how teachers rate the school's 双减 work, county and by school.
func (b *builder) teacherBurden() (Section, error) {
	tbs := analysis.TeacherBurdens(b.r)
	if len(tbs) == 0 {
		return Section{}, nil
	}
	s := Section{ID: "teacher-burden", Title: b.t("教师负担", "Teachers' workload"), appendix: true}
	var sentences []string
	for _, tb := range tbs {
		sentences = append(sentences, fmt.Sprintf(b.t("%s%%的教师%s", "%s%% of teachers %s"), analysis.Pct(tb.Share), b.tr(tb.Phrase, tb.PhraseEN)))
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: b.t("减负也要为教师减负。", "") + strings.Join(sentences, b.t("；", "; ")) + b.t("。", ".")})
	t := &Table{Caption: b.t("教师负担（全县，各选项人数与比例）", "Teachers' workload (county, answers per option)"),
		Header: []string{b.t("问题", "Question"), b.t("选项", "Option"), b.t("人数", "Teachers"), b.t("比例%", "%")}, Numeric: []bool{false, false, true, true}}
	for _, tb := range tbs {
		d := tb.Distribution
		for i, o := range d.Question.Options {
			name := ""
			if i == 0 {
				name = b.measure(d)
			}
			t.Rows = append(t.Rows, []Cell{{Text: name}, {Text: b.option(o)}, {Text: fmt.Sprint(d.Overall.Options[i])}, {Text: analysis.Pct(d.Overall.Share(i))}})
		}
	}
	s.Blocks = append(s.Blocks, Block{Table: t})
	st := &Table{Caption: b.t("各校负担较重的教师比例（%）", "Share of teachers with a heavy load, by school (%)"),
		Header: []string{b.t("学校", "School")}, Numeric: []bool{false}}
	for _, tb := range tbs {
		st.Header = append(st.Header, b.measure(tb.Distribution)+b.t("：", ": ")+b.heavy(tb))
		st.Numeric = append(st.Numeric, true)
	}
	schools := map[int]bool{}
	var order []int
	for _, tb := range tbs {
		for _, hs := range tb.Schools {
			if !schools[hs.School] {
				schools[hs.School] = true
				order = append(order, hs.School)
			}
		}
	}
	for _, si := range sortedInts(order) {
		row := []Cell{{Text: b.r.Schools[si].Name}}
		for _, tb := range tbs {
			c := Cell{Text: "—", Muted: true}
			for _, hs := range tb.Schools {
				if hs.School == si && !hs.Suppressed && !math.IsNaN(hs.Share) {
					c = Cell{Text: analysis.Pct(hs.Share)}
				}
			}
			row = append(row, c)
		}
		st.Rows = append(st.Rows, row)
	}
	s.Blocks = append(s.Blocks, Block{Table: st})
	return s, nil
}

func sortedInts(xs []int) []int {
	out := append([]int(nil), xs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// heavy names the answers a teacher-burden measure counts as heavy: 10-12小时、12小时以上.
func (b *builder) heavy(tb analysis.TeacherBurden) string {
	opts := tb.Distribution.Question.Options
	var names []string
	for i := max(tb.HeavyFrom, 1); i <= len(opts); i++ {
		names = append(names, b.option(opts[i-1]))
	}
	return b.list(names)
}
