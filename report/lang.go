package report

import (
	"strings"

	"github.com/jianfu-edu/jianfu/plots"
)

// The report's words around data in its language: brackets and lists are full-width in Chinese
// (“学生问卷（家长）”, “甲、乙”) and ASCII in English (“students (parents)”, “A, B”).

// paren puts s in brackets after the text it follows: “（s）” in Chinese, “ (s)” in English.
func (b *builder) paren(s string) string { return b.t("（"+s+"）", " ("+s+")") }

// list joins names: 甲、乙 in Chinese, “A, B” in English.
func (b *builder) list(xs []string) string { return strings.Join(xs, b.t("、", ", ")) }

// chartLang is the language of the charts' own words (legend, axes).
func (b *builder) chartLang() plots.Lang { return plots.Lang(b.o.Lang) }
