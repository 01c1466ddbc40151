package report

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/surveys"
)

// Feedback is one school's feedback sheet (学校反馈单): its document and the base of its file names. A
// school teaching two stages gets one sheet per stage, as the report counts it.
type Feedback struct {
	Unit int    // index into Results.Units
	File string // file name without extension: <code>_<name>, safe on every file system
	Doc  *Document
}

// BuildFeedback makes one feedback sheet per school with answers: its results against the county, the
// standards it breaks, its grade bands, its response rate and what to do. A sheet holds no other
// school's name or numbers, so an office can send each school its own.
func BuildFeedback(r *analysis.Results, o Options) []Feedback {
	b := newBuilder(r, DataQuality{}, o)
	var out []Feedback
	for u, unit := range r.Units {
		if !b.hasAnswers(u) {
			continue
		}
		doc := b.feedback(u)
		numberCaptions(doc, b.o.Lang)
		b.unitNames(doc)
		sc := r.Schools[unit.School]
		sc.Name = unit.Name
		out = append(out, Feedback{Unit: u, File: feedbackFile(sc, u), Doc: doc})
	}
	return out
}

func (b *builder) hasAnswers(u int) bool {
	for _, ir := range b.r.Indicators {
		for _, sr := range ir.Schools {
			if sr.Unit == u {
				return true
			}
		}
	}
	return false
}

// feedbackFile is <code>_<name> with characters no file system accepts replaced by "_".
func feedbackFile(s surveys.School, i int) string {
	code := s.Code
	if code == "" {
		code = fmt.Sprintf("S%03d", i+1)
	}
	clean := func(x string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
				return '_'
			}
			return r
		}, strings.TrimSpace(x))
	}
	name := []rune(clean(code) + "_" + clean(s.Name))
	if len(name) > 60 {
		name = name[:60]
	}
	return strings.TrimLeft(string(name), ".")
}

func (b *builder) feedback(s int) *Document {
	r := b.r
	sc := r.Units[s]
	doc := &Document{Lang: string(b.o.Lang), Compact: true}
	doc.Title = b.t(sc.Name+r.Term+"课业负担监测反馈单", "Burden survey feedback, "+b.term()+": "+sc.Name)
	doc.Subtitle = b.t("监测标准：", "Standard profile: ") + b.profileTitle()
	for _, line := range []string{b.o.Office, FormatDate(b.o.Date, b.o.Lang)} {
		if line != "" {
			doc.Byline = append(doc.Byline, line)
		}
	}
	results := b.feedbackResults(s)
	results.Blocks = append(results.Blocks, b.feedbackBands(s)...)
	doc.Sections = append(doc.Sections, b.feedbackOverview(s), results, b.feedbackFlags(s))
	return doc
}

// feedbackOverview: who answered, the response rate, and how to read the sheet.
func (b *builder) feedbackOverview(s int) Section {
	r := b.r
	sec := Section{ID: "participation", Title: b.t("一、参与情况", "1. Participation")}
	var parts []string
	for _, rr := range r.ResponseRates {
		if rr.School != r.Units[s].School {
			continue
		}
		q := b.qTitle(questionnaireOf(r, rr.Questionnaire))
		p := fmt.Sprintf(b.t("%s有效问卷%d份", "%s: %d valid questionnaires"), q, rr.Respondents)
		if !math.IsNaN(rr.Rate) {
			p += fmt.Sprintf(b.t("，应答率%s%%（%d/%d）", ", response rate %s%% (%d/%d)"), analysis.Pct(rr.Rate), rr.Respondents, rr.Enrolment)
			if rr.Low {
				p += b.t("，低于要求，结果代表性有限", ", below the required rate: interpret with care")
			}
		}
		parts = append(parts, p)
	}
	text := fmt.Sprintf(b.t("本校参加了%s课业负担监测：%s。", "The school took part in the %s survey: %s."), b.term(), strings.Join(parts, b.t("；", "; ")))
	text += b.t("本反馈单只发本校，不含其他学校的结果。", " This sheet goes to this school only.")
	sec.Blocks = append(sec.Blocks, Block{Paragraph: text})
	return sec
}

// schoolResult returns a reporting unit's result on an indicator, or nil.
func schoolResult(ir *analysis.IndicatorResult, u int) *analysis.SchoolResult {
	for i := range ir.Schools {
		if ir.Schools[i].Unit == u {
			return &ir.Schools[i]
		}
	}
	return nil
}

// feedbackResults: one row per indicator, students and parents side by side, the school's share (with
// its interval) beside the county's, and the verdict.
func (b *builder) feedbackResults(s int) Section {
	r := b.r
	sec := Section{ID: "results", Title: b.t("二、监测结果", "2. Results")}
	t := &Table{Caption: b.t("本校各项指标达标率（%）", "The school's compliance by indicator (%)"),
		Header: []string{b.t("指标", "Indicator"), b.t("学生：本校（95%区间）", "Students: school (95% CI)"), b.t("全县", "County"),
			b.t("家长：本校（95%区间）", "Parents: school (95% CI)"), b.t("全县", "County"), b.t("结果", "Result")},
		Numeric: []bool{false, true, true, true, true, false}}
	type pair struct {
		name     string
		ir       [2]*analysis.IndicatorResult
		flagged  bool
		possible bool
		hard     bool
	}
	var rows []*pair
	byCode := map[string]*pair{}
	for _, ir := range r.Indicators {
		sr := schoolResult(ir, s)
		if sr == nil {
			continue
		}
		p := byCode[ir.Indicator.Code]
		if p == nil {
			p = &pair{name: b.indName(ir), hard: ir.Indicator.Kind == surveys.Hard}
			byCode[ir.Indicator.Code] = p
			rows = append(rows, p)
		}
		i := 0
		if ir.Questionnaire.Code == "parent" {
			i = 1
		}
		p.ir[i] = ir
		p.flagged = p.flagged || sr.Flagged
		p.possible = p.possible || sr.Flag == analysis.FlagPossible
	}
	for _, p := range rows {
		row := []Cell{{Text: p.name}}
		for _, ir := range p.ir {
			if ir == nil {
				row = append(row, Cell{}, Cell{})
				continue
			}
			sr := schoolResult(ir, s)
			c := b.estimateCells(sr.Estimate)
			text := c[0].Text
			if !sr.Suppressed && !math.IsNaN(sr.Low) {
				text += b.paren(c[1].Text)
			}
			row = append(row, Cell{Text: text, Flag: sr.Flagged, Muted: c[0].Muted, Title: c[0].Title}, Cell{Text: pctOrDash(ir.Overall)})
		}
		verdict := ""
		switch {
		case p.flagged && p.hard:
			verdict = b.t("需整改", "to correct")
		case p.flagged:
			verdict = b.t("未达参考要求", "below reference")
		case p.possible:
			verdict = b.t("需关注", "to watch")
		}
		row = append(row, Cell{Text: verdict, Flag: p.flagged})
		t.Rows = append(t.Rows, row)
	}
	sec.Blocks = append(sec.Blocks, Block{Table: t})
	sec.Blocks = append(sec.Blocks, Block{Note: fmt.Sprintf(b.t("需整改：硬性指标的违规比例（连同95%%置信区间下限）达到%s%%且违规人数不少于%d人；需关注：违规比例达到%s%%，但样本不足以确认；参考指标（文件用语为“一般”）只说“未达参考要求”。—：有效回答少于%d，不报告。",
		"To correct: a hard indicator whose violation share, interval included, reaches %s%% with at least %d respondents; to watch: the share reaches %s%% but the sample cannot confirm it. —: fewer than %d answers."),
		analysis.Pct(r.Profile.FlagThreshold), r.Profile.FlagMinViolations, analysis.Pct(r.Profile.FlagThreshold), r.Profile.MinN)})
	return sec
}

// feedbackFlags: each hard indicator the school is flagged on, once, with what its students and parents
// report against the county and the standard it breaks; then the reference indicators in one sentence,
// and what to do.
func (b *builder) feedbackFlags(s int) Section {
	r := b.r
	sec := Section{ID: "flags", Title: b.t("三、存在的问题和整改要求", "3. Problems and what to do")}
	type flag struct {
		ind   *surveys.Indicator
		parts []string
	}
	var hard []*flag
	var reference []string
	byCode := map[string]*flag{}
	advised := map[string]bool{}
	var advice []string
	var watch []string
	for _, ir := range r.Indicators {
		sr := schoolResult(ir, s)
		if sr != nil && sr.Flag == analysis.FlagPossible && ir.Indicator.Kind == surveys.Hard {
			n := b.indName(ir)
			if len(watch) == 0 || watch[len(watch)-1] != n {
				watch = append(watch, n)
			}
		}
		if sr == nil || !sr.Flagged {
			continue
		}
		ind := ir.Indicator
		if ind.Kind == surveys.Reference {
			n := b.indName(ir)
			if len(reference) == 0 || reference[len(reference)-1] != n {
				reference = append(reference, n)
			}
			continue
		}
		f := byCode[ind.Code]
		if f == nil {
			f = &flag{ind: ind}
			byCode[ind.Code] = f
			hard = append(hard, f)
		}
		if b.o.Lang == analysis.English {
			f.parts = append(f.parts, fmt.Sprintf("%s%% of %s do not comply (county %s%%)", analysis.Pct(sr.ViolationShare()), b.respondent(ir.Questionnaire), analysis.Pct(ir.Overall.ViolationShare())))
		} else {
			phrase := ind.ViolatePhrase
			if ir.Questionnaire.Code == "parent" {
				phrase = parentPhrase(phrase)
			}
			f.parts = append(f.parts, fmt.Sprintf("%s%%的%s%s", analysis.Pct(sr.ViolationShare()), b.respondent(ir.Questionnaire), phrase))
		}
		if a := b.advice(ind); a != "" && !advised[a] {
			advised[a] = true
			advice = append(advice, a)
		}
	}
	if len(hard) == 0 && len(reference) == 0 && len(watch) == 0 {
		sec.Blocks = append(sec.Blocks, Block{Paragraph: b.t("本校各项指标均未被标记。请保持现有做法，继续落实“双减”各项要求。", "The school is not flagged on any indicator.")})
		return sec
	}
	var items []string
	for _, f := range hard {
		if b.o.Lang == analysis.English {
			items = append(items, fmt.Sprintf("%s: %s. Standard: %s.", f.ind.NameEN, strings.Join(f.parts, "; "), b.standard(f.ind)))
		} else {
			items = append(items, fmt.Sprintf("%s：本校%s，不符合“%s”的要求。", f.ind.Name, strings.Join(f.parts, "，"), f.ind.Standard))
		}
	}
	if len(items) > 0 {
		sec.Blocks = append(sec.Blocks, Block{List: items, Ordered: true})
	}
	if len(reference) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Paragraph: fmt.Sprintf(b.t("另有参考指标未达到参考要求：%s（文件用语为“一般”，供学校改进时参考）。", "Reference indicators below the reference standard: %s."), b.list(reference))})
	}
	if len(watch) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Paragraph: fmt.Sprintf(b.t("需关注（违规比例达到标记标准，但样本不足以确认，请学校自查）：%s。", "To watch (the share reaches the threshold but the sample cannot confirm it; please check): %s."), b.list(watch))})
	}
	if len(advice) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Paragraph: b.t("整改要求：", "What to do: ") + strings.Join(advice, b.t("", " "))})
		sec.Blocks = append(sec.Blocks, Block{Paragraph: b.t("请学校在收到本反馈单后一个月内向教研室提交整改报告，说明问题原因、整改措施和完成时间；教研室将在下学期抽查，并在下次监测中复测。",
			"Please report the corrections to the office within a month; the office checks next term and the next survey measures again.")})
	}
	return sec
}

// parentPhrase turns a student's phrase into what a parent reports about the child.
func parentPhrase(p string) string {
	p = strings.TrimPrefix(p, "反映")
	for _, pre := range []string{"老师", "学校", "有本校", "没有本校"} {
		if strings.HasPrefix(p, pre) {
			return "反映" + p
		}
	}
	return "反映孩子" + p
}

// feedbackBands: the school's compliance by grade band, for the indicators where the school has more
// than one band (a 九年一贯制 school; parents of grades 1-2).
func (b *builder) feedbackBands(s int) []Block {
	r := b.r
	var bands []surveys.Band
	for _, band := range r.Profile.Bands {
		for _, ir := range r.Indicators {
			if sr := schoolResult(ir, s); sr != nil && hasBand(sr.Bands, band.Code) {
				bands = append(bands, band)
				break
			}
		}
	}
	if len(bands) < 2 {
		return nil // one band: the results table already says it
	}
	t := &Table{Caption: b.t("本校分年段达标率（%）", "Compliance by grade band (%)"), Header: []string{b.t("指标", "Indicator"), b.t("问卷", "Questionnaire")}, Numeric: []bool{false, false}}
	for _, band := range bands {
		t.Header = append(t.Header, b.band(band.Code), "n")
		t.Numeric = append(t.Numeric, true, true)
	}
	for _, ir := range r.Indicators {
		sr := schoolResult(ir, s)
		if sr == nil || len(sr.Bands) < 2 {
			continue // one band: the results table already says it
		}
		row := []Cell{{Text: b.indName(ir)}, {Text: b.respondent(ir.Questionnaire)}}
		for _, band := range bands {
			g := findGroup(sr.Bands, band.Code)
			if g == nil {
				row = append(row, Cell{Text: ""}, Cell{Text: ""})
				continue
			}
			row = append(row, Cell{Text: pctOrDash(g.Estimate), Muted: g.Suppressed}, Cell{Text: fmt.Sprint(g.Judged())})
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return []Block{{Table: t}}
}

func hasBand(gs []analysis.Group, code string) bool { return findGroup(gs, code) != nil }

func findGroup(gs []analysis.Group, code string) *analysis.Group {
	for i := range gs {
		if gs[i].Code == code {
			return &gs[i]
		}
	}
	return nil
}
