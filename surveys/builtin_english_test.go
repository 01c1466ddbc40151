package surveys_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/jianfu-edu/jianfu/surveys"
)

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// englishChecker collects the English texts of the built-in data that are missing (the Chinese
// copied over) or not English (holding Chinese characters).
type englishChecker struct {
	t *testing.T
}

func (c englishChecker) check(where, zh, en string) {
	c.t.Helper()
	switch {
	case en == "":
		c.t.Errorf("%s: no English for %q", where, zh)
	case en == zh && hasHan(zh):
		c.t.Errorf("%s: no English for %q (the Chinese is copied)", where, zh)
	case hasHan(en):
		c.t.Errorf("%s: English %q holds Chinese characters", where, en)
	}
}

// TestBuiltinQuestionnairesEnglish: every built-in questionnaire gives English for its title, each
// question and each option (issue 10: --lang en complete in every output).
func TestBuiltinQuestionnairesEnglish(t *testing.T) {
	c := englishChecker{t}
	for _, q := range surveys.Builtins() {
		c.check(q.Code+" title", q.Title, q.TitleEN)
		for _, qu := range q.Questions {
			where := q.Code + " " + qu.Code
			c.check(where, qu.Text, qu.TextEN)
			for i, o := range qu.Options {
				c.check(where+" option "+string(rune('1'+i)), o.Text, o.TextEN)
			}
		}
	}
}

// TestBuiltinProfilesEnglish: every built-in profile, loaded as a user would load it (inheritance
// resolved), gives English for every text a report shows, its load warnings included.
func TestBuiltinProfilesEnglish(t *testing.T) {
	for _, name := range surveys.BuiltinProfiles() {
		t.Run(name, func(t *testing.T) {
			p, warnings := loadProfile(t, name)
			c := englishChecker{t}
			c.check("title", p.Title, p.TitleEN)
			c.check("description", p.Description, p.DescriptionEN)
			for _, b := range p.Bands {
				c.check("band "+b.Code, b.Name, b.NameEN)
				c.check("band "+b.Code+" level", b.Level, surveys.LevelEN(b.Level))
			}
			for _, ind := range p.Indicators {
				w := "indicator " + ind.Code
				c.check(w+" name", ind.Name, ind.NameEN)
				if ind.NameEN == ind.Code {
					t.Errorf("%s: no name_en (the code stands in)", w)
				}
				c.check(w+" standard", ind.Standard, ind.StandardEN)
				c.check(w+" source", ind.Source, ind.SourceEN)
				c.check(w+" advice", ind.Advice, ind.AdviceEN)
				c.check(w+" comply_phrase", ind.ComplyPhrase, ind.ComplyPhraseEN)
				c.check(w+" violate_phrase", ind.ViolatePhrase, ind.ViolatePhraseEN)
				for _, q := range surveys.Builtins() {
					if qu := q.Question(ind.Question); qu != nil {
						for _, r := range ind.RulesIn(q.Code) {
							c.check(w+" rule in "+q.Code, r.Text(qu), r.TextEN(qu))
						}
					}
				}
			}
			for _, m := range p.Measures {
				c.check("measure "+m.Question, m.Name, m.NameEN)
			}
			for _, th := range p.OpenThemes {
				c.check("open theme", th.Name, th.NameEN)
			}
			if cp := p.CoursePlan; cp != nil {
				c.check("course plan source", cp.Source, cp.SourceEN)
				for _, s := range append(append([]string(nil), cp.Subjects...), cp.SelfStudy...) {
					c.check("course plan subject", s, cp.SubjectEN(s))
				}
				for syn := range cp.Synonyms {
					c.check("course plan synonym", syn, cp.SubjectEN(syn))
				}
			}
			for _, w := range warnings {
				c.check("warning", w.String(), w.StringEN())
			}
		})
	}
}
