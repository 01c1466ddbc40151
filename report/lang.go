package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/plots"
	"github.com/jianfu-edu/jianfu/surveys"
)

// The report's words around data in its language: brackets and lists are full-width in Chinese
// (“学生问卷（家长）”, “甲、乙”) and ASCII in English (“students (parents)”, “A, B”).

// paren puts s in brackets after the text it follows: “（s）” in Chinese, “ (s)” in English.
func (b *builder) paren(s string) string { return b.t("（"+s+"）", " ("+s+")") }

// list joins names: 甲、乙 in Chinese, “A, B” in English.
func (b *builder) list(xs []string) string { return strings.Join(xs, b.t("、", ", ")) }

// chartLang is the language of the charts' own words (legend, axes).
func (b *builder) chartLang() plots.Lang { return plots.Lang(b.o.Lang) }

// Domain words in the report's language. Chinese texts come from the profile and questionnaires as
// written; English ones from their *_en keys (a user's own profile without them keeps its Chinese).

// indicator names an indicator.
func (b *builder) indicator(ind *surveys.Indicator) string { return b.t(ind.Name, ind.NameEN) }

// grade names grade g: 七年级, Grade 7.
func (b *builder) grade(g int) string { return b.t(analysis.GradeName(g), analysis.GradeName(g)) }

// stage names a 学段 (小学, 初中): primary, junior secondary.
func (b *builder) stage(s string) string { return s }

// locale names a 城乡 category (城区, 镇区, 乡村): urban, town, rural.
func (b *builder) locale(s string) string { return s }

// band names the profile's grade band code.
func (b *builder) band(code string) string { return bandName(b.r.Profile, code) }

// group names a breakdown group: a band (by code), a grade or a locale.
func (b *builder) group(g analysis.Group) string {
	if b.o.Lang != analysis.English {
		return g.Name
	}
	for _, bd := range b.r.Profile.Bands {
		if bd.Code == g.Code {
			return b.band(g.Code)
		}
	}
	if n, err := strconv.Atoi(g.Code); err == nil {
		return b.grade(n)
	}
	return b.locale(g.Code)
}

// measure names a distribution: its measure's name, else its question's text.
func (b *builder) measure(d *analysis.Distribution) string { return d.Measure.Name }

// question is a question's text.
func (b *builder) question(q *surveys.Question) string { return q.Text }

// option is an option's text.
func (b *builder) option(o surveys.Option) string { return o.Text }

// subject names a course-plan subject.
func (b *builder) subject(s string) string { return s }

// days names weekdays (星期六、星期日: Saturday, Sunday).
func (b *builder) days(ds []string) string { return b.list(ds) }

// unitSuffix matches the stage analysis appends to a two-stage school's name: “（小学部）”.
var unitSuffix = regexp.MustCompile(`（(小学|初中)部）$`)

// unitName is a reporting unit's name: in English the stage analysis appended to a two-stage
// school's name (“（小学部）”) is put in English (“ (primary)”); the school's name stays as written.
func (b *builder) unitName(name string) string {
	if b.o.Lang != analysis.English {
		return name
	}
	return unitSuffix.ReplaceAllStringFunc(name, func(m string) string {
		return " (" + b.stage(unitSuffix.FindStringSubmatch(m)[1]) + ")"
	})
}
