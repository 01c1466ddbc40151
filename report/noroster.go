package report

import (
	"fmt"
	"strings"
)

// Spelling is a school name and the other spellings of it that were merged, without a roster,
// because they differ only in digits written as Chinese numerals, width, brackets or spaces.
type Spelling struct {
	School   string
	Variants []string
}

// noRoster says, when no roster was given, that schools are the names in the answers, which
// spellings were merged and which pairs may be one school but were kept apart. It returns nothing
// when a roster was given.
func (b *builder) noRoster() []Block {
	if b.r.RosterGiven {
		return nil
	}
	blocks := []Block{{Paragraph: fmt.Sprintf(b.t("本次没有提供学校名册：学校按答卷中填写的名称统计（共%d所），没有学段、城乡和在校人数，也无法计算应答率。同一所学校若写法不同，只有在仅差数字写法（1与一）、全角半角、括号或空格时才合并；其他相近的写法分开统计，列在下面，请据此整理名册（jianfu roster --from 问卷文件 可生成草稿）后重新生成报告。",
		"No school roster was given: schools are the names written in the answers (%d), without stage, 城乡 or enrolment, and no response rates. Spellings of one school are merged only when they differ in digits vs Chinese numerals, width, brackets or spaces; other similar names are kept apart and listed below: make a roster (jianfu roster --from FILES drafts one) and run the report again."), len(b.r.Schools))}}
	if len(b.q.Spellings) > 0 {
		var l []string
		for _, s := range b.q.Spellings {
			l = append(l, fmt.Sprintf(b.t("“%s”合并了写法：%s", "“%s” merged: %s"), s.School, "“"+strings.Join(s.Variants, b.t("”“", "”, “"))+"”"))
		}
		blocks = append(blocks, Block{Paragraph: b.t("已合并的写法：", "Spellings merged:")}, Block{List: l})
	}
	if len(b.q.Similar) > 0 {
		var l []string
		for _, p := range b.q.Similar {
			l = append(l, fmt.Sprintf(b.t("“%s”与“%s”", "“%s” and “%s”"), p[0], p[1]))
		}
		blocks = append(blocks, Block{Paragraph: b.t("可能是同一所学校、但没有合并（分开统计）的名称：", "Names that may be one school but were kept apart:")}, Block{List: l})
	}
	return blocks
}
