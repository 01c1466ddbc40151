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

// tr is a text of the profile or a questionnaire in the report's language: its English twin in
// English, or the Chinese when there is none (a profile made in code, an earlier term's file).
func (b *builder) tr(zh, en string) string {
	if en == "" {
		return zh
	}
	return b.t(zh, en)
}

// indicator names an indicator.
func (b *builder) indicator(ind *surveys.Indicator) string { return b.tr(ind.Name, ind.NameEN) }

// grade names grade g: 七年级, Grade 7.
func (b *builder) grade(g int) string { return b.t(analysis.GradeName(g), surveys.GradeNameEN(g)) }

// stage names a 学段 (小学, 初中): primary, junior secondary.
func (b *builder) stage(s string) string { return b.t(s, surveys.LevelEN(s)) }

// locale names a 城乡 category (城区, 镇区, 乡村): urban, town, rural.
func (b *builder) locale(s string) string { return b.t(s, surveys.LocaleEN(s)) }

// band names the profile's grade band code.
func (b *builder) band(code string) string {
	for _, band := range b.r.Profile.Bands {
		if band.Code == code {
			return b.tr(band.Name, band.NameEN)
		}
	}
	return code
}

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
func (b *builder) measure(d *analysis.Distribution) string {
	if b.o.Lang == analysis.English && d.Measure.NameEN == "" {
		return b.question(d.Question)
	}
	return b.tr(d.Measure.Name, d.Measure.NameEN)
}

// question is a question's text.
func (b *builder) question(q *surveys.Question) string { return b.tr(q.Text, q.TextEN) }

// option is an option's text.
func (b *builder) option(o surveys.Option) string { return b.tr(o.Text, o.TextEN) }

// subject names a course-plan subject.
func (b *builder) subject(s string) string { return b.t(s, b.r.Profile.CoursePlan.SubjectEN(s)) }

// days names weekdays (星期六、星期日: Saturday, Sunday).
func (b *builder) days(ds []string) string {
	if b.o.Lang != analysis.English {
		return b.list(ds)
	}
	en := make([]string, len(ds))
	for i, d := range ds {
		en[i] = surveys.WeekdayEN(d)
	}
	return b.list(en)
}

// unitName is a reporting unit's name: in English the stage analysis appends to a two-stage
// school's name (“（小学部）”) is put in English (“ (primary)”); the school's name stays as written.
func (b *builder) unitName(name string) string {
	if b.o.Lang != analysis.English || !strings.Contains(name, "部）") {
		return name
	}
	return unitSuffixAnywhere.ReplaceAllStringFunc(name, func(m string) string {
		return " (" + b.stage(unitSuffixAnywhere.FindStringSubmatch(m)[1]) + ")"
	})
}

// mapText applies f to every text of the document a reader sees: title, byline, headings,
// paragraphs, lists, captions, table headers and cells with their hover texts.
func (d *Document) mapText(f func(string) string) {
	d.Title, d.Subtitle = f(d.Title), f(d.Subtitle)
	for i := range d.Byline {
		d.Byline[i] = f(d.Byline[i])
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		s.Title = f(s.Title)
		for j := range s.Blocks {
			bl := &s.Blocks[j]
			bl.Heading, bl.Subheading, bl.Paragraph, bl.Note = f(bl.Heading), f(bl.Subheading), f(bl.Paragraph), f(bl.Note)
			for k := range bl.List {
				bl.List[k] = f(bl.List[k])
			}
			if t := bl.Table; t != nil {
				t.Caption = f(t.Caption)
				for k := range t.Header {
					t.Header[k] = f(t.Header[k])
				}
				for _, row := range t.Rows {
					for k := range row {
						row[k].Text, row[k].Title = f(row[k].Text), f(row[k].Title)
					}
				}
			}
			if fig := bl.Figure; fig != nil {
				fig.Caption, fig.Alt = f(fig.Caption), f(fig.Alt)
			}
		}
	}
}

// unitNames puts the stage of every two-stage school's unit name in the document in the report's
// language (unitName), and in English counts one of a thing in the singular (“1 school”, “1 row”);
// nothing changes in Chinese.
func (b *builder) unitNames(doc *Document) {
	if b.o.Lang != analysis.English {
		return
	}
	doc.mapText(func(s string) string { return analysis.OneInSingular(b.unitName(s)) })
}

// unitSuffixAnywhere is unitSuffix inside a text: “清溪县青山学校（小学部）、清溪县第一中学”.
var unitSuffixAnywhere = regexp.MustCompile(`（(小学|初中)部）`)

// source is the document an indicator's standard comes from.
func (b *builder) source(ind *surveys.Indicator) string { return b.tr(ind.Source, ind.SourceEN) }

// standard is an indicator's standard in words.
func (b *builder) standard(ind *surveys.Indicator) string { return b.tr(ind.Standard, ind.StandardEN) }

// advice is what a school breaking an indicator should do.
func (b *builder) advice(ind *surveys.Indicator) string { return b.tr(ind.Advice, ind.AdviceEN) }

// profileTitle is the profile's title.
func (b *builder) profileTitle() string { return b.tr(b.r.Profile.Title, b.r.Profile.TitleEN) }

// ruleText says when an answer to qu complies with rule.
func (b *builder) ruleText(rule surveys.Rule, qu *surveys.Question) string {
	return b.t(rule.Text(qu), rule.TextEN(qu))
}
