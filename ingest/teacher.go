package ingest

import (
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// This file reads the columns the teacher questionnaire brought: a stage in place of a grade, a
// multiple-choice question (one ┋-joined column, or one 0/1 column per option), and free text.

// parseGrade reads the grade cell, or the stage cell of a questionnaire answered by stage: then the
// grade is the one that judges the chosen stage (surveys.Option.Grade).
func (fm *fileMapper) parseGrade(cell string) (int, GradeForm) {
	if fm.stage == nil {
		return ParseGrade(cell)
	}
	a, form := fm.stage.Match(cell)
	if !a.IsOption() {
		return 0, GradeVariant
	}
	g := fm.stage.q.Options[a-1].Grade
	switch form {
	case FormText:
		return g, GradeCanonical
	case FormIndex:
		return g, GradeIndex
	}
	return g, GradeVariant
}

// gradeText is the option a grade (or stage) cell was mapped to, for the variants list.
func (fm *fileMapper) gradeText(cell string, g int) string {
	if fm.stage != nil {
		a, _ := fm.stage.Match(cell)
		return fm.stage.q.OptionText(a)
	}
	return fm.q.Questions[fm.q.GradeQuestion()].Options[g-1].Text
}

// optionList names the options of the matcher's question: "小学 或 初中".
func (m *matcher) optionList() string {
	var names []string
	for _, o := range m.q.Options {
		names = append(names, o.Text)
	}
	return strings.Join(names, " 或 ")
}

// multiColumns are the input columns of one multiple-choice question: its own column (text export,
// options joined by ┋), or one 0/1 column per option (numeric export).
type multiColumns struct {
	question int
	m        *matcher
	options  []optCol
}

// multiSeparators split a multiple-choice text cell: 问卷星's ┋ and bars; handSeparators split a
// part that is no option further, as people type lists by hand (七年级、八年级).
var (
	multiSeparators = strings.NewReplacer("┋", "\x00", "｜", "\x00", "|", "\x00")
	handSeparators  = strings.NewReplacer("、", "\x00", "，", "\x00", ",", "\x00", "；", "\x00", ";", "\x00", " ", "\x00")
)

// multiParts splits a multiple-choice cell into the parts to match as options.
func multiParts(m *matcher, cell string) []string {
	var out []string
	for _, part := range strings.Split(multiSeparators.Replace(cell), "\x00") {
		if a, _ := m.Match(part); !a.IsOption() && strings.ContainsAny(part, "、，,；; ") {
			out = append(out, strings.Split(handSeparators.Replace(part), "\x00")...)
			continue
		}
		out = append(out, part)
	}
	return out
}

// recordMulti records the current row's answer to a multiple-choice question. An unknown part of a
// ┋-joined cell is an unknown option, like any other; the parts that match are kept.
func (fm *fileMapper) recordMulti(cells []string, mc multiColumns) {
	var bits uint32
	any, missing := false, true
	for _, oc := range mc.options {
		switch v := normAnswer(fm.cell(cells, oc.col)); v {
		case "1":
			bits |= 1 << (int(oc.option) - 1)
			any, missing = true, false
		case "0":
			any, missing = true, false
		}
	}
	if j := fm.qcol[mc.question]; j >= 0 {
		cell := fm.cell(cells, j)
		if s := normAnswer(cell); !isMissingText(s) && !isSkippedText(s) {
			missing = false
			for _, part := range multiParts(mc.m, cell) {
				if strings.TrimSpace(part) == "" {
					continue
				}
				a, form := mc.m.Match(part)
				switch {
				case a.IsOption():
					bits |= 1 << (a - 1)
					any = true
					if form == FormLetter || form == FormVariant {
						fm.variant(mc.question, strings.TrimSpace(part), mc.m.q.OptionText(a))
					}
				default:
					fm.report.CellsInvalid++
					k := variantKey{fm.q.Code, mc.m.q.Number, strings.TrimSpace(part)}
					if len(fm.r.unknown) < maxDistinctFindings || fm.r.unknown[k] > 0 {
						fm.r.unknown[k]++
					}
				}
			}
		}
	}
	if missing && !any {
		fm.report.CellsMissing++
	}
	d := fm.b.d
	d.Multi[mc.question] = append(d.Multi[mc.question], bits)
}

// recordOpen keeps the current row's free text, for the open-answers appendix.
func (fm *fileMapper) recordOpen(question int, cell string) {
	text := strings.TrimSpace(strings.ToValidUTF8(cell, ""))
	if s := normAnswer(text); isMissingText(s) || isSkippedText(s) || s == "无" || s == "没有" {
		return
	}
	d := fm.b.d
	d.Open = append(d.Open, surveys.OpenText{Question: question, Respondent: d.Len() - 1, Text: text})
	fm.report.OpenAnswers++
}
