package analysis

import "fmt"

// subgroups names the respondents a skip-logic question is put to, by question code and
// questionnaire: only they have an answer, the others are 不适用 (跳过) and leave the denominator.
var subgroups = map[string]map[string]string{
	"tutoring_spending": {"parent": "在孩子参加校外培训的家长中", "student": "在参加校外培训的学生中"},
}

// IndicatorDenominator says who an indicator's shares are over, for captions and results.json:
// the respondents whose answer could be judged.
func IndicatorDenominator(ir *IndicatorResult) string {
	return fmt.Sprintf("在作答且回答可以判定的%s中", respondent(ir.Questionnaire, Chinese))
}

// denominator says who a distribution's shares are over: every respondent who answered, or, where
// skip logic narrows the question (some answers are 不适用), the subgroup it was put to.
func denominator(d *Distribution) string {
	resp := respondent(d.Questionnaire, Chinese)
	if d.Overall.NotApplicable == 0 {
		return fmt.Sprintf("在作答的%s中", resp)
	}
	if s, ok := subgroups[d.Question.Code][d.Questionnaire.Code]; ok {
		return s
	}
	return fmt.Sprintf("在问卷向其提问的%s中（其余%d人按问卷逻辑跳过）", resp, d.Overall.NotApplicable)
}
