package analysis

import (
	"strings"
	"testing"
)

// TestConclusionEN pins the English 结论 on the four cases the Chinese one distinguishes (narrative.go's
// conclusion): serious themes, only a few schools short, everything in line, and no theme in line. The
// expected sentences are written by hand from the same facts the Chinese sentences state.
func TestConclusionEN(t *testing.T) {
	cases := []struct {
		name           string
		bad, few, fine []string
		act            int
		want           string
	}{
		{"all fine", nil, nil, []string{"Sleep", "Exams"}, 0,
			"The “double reduction” requirements are largely met; no school must act on any hard indicator."},
		{"only a few schools short", nil, []string{"Homework"}, []string{"Sleep"}, 1,
			"The “double reduction” requirements are largely met. A few schools still fall short on Homework. Largely in line with the standards: Sleep. 1 school must act on at least one hard indicator."},
		{"serious and fine", []string{"Phones", "Homework"}, nil, []string{"Sleep"}, 3,
			"Problems remain, most serious first: Phones, Homework. Largely in line with the standards: Sleep. 3 schools must act on at least one hard indicator."},
		{"serious, few, none fine", []string{"Phones"}, []string{"Exams", "Sleep"}, nil, 11,
			"Problems remain, most serious first: Phones. A few schools still fall short on Exams, Sleep. 11 schools must act on at least one hard indicator."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := conclusionEN(c.bad, c.few, c.fine, c.act); got != c.want {
				t.Errorf("conclusionEN\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestSuggestionsEN checks that the English 建议 says what the Chinese one says on findingsCounty
// (甲中学 confirmed on phones and paid tutoring, 乙中学 possible on phones): the school to follow up,
// the standard it breaks as the basis, and the school to watch.
func TestSuggestionsEN(t *testing.T) {
	r := findingsCounty(t)
	phones := r.Profile.Indicator("phones")
	find := func(n Narrative) string {
		for _, sg := range n.Suggestions {
			if sg.Theme.Code == "phones" {
				return sg.Text
			}
		}
		t.Fatalf("no suggestion on phones in %+v", n.Suggestions)
		return ""
	}
	zh, en := find(Narrate(r, Chinese)), find(Narrate(r, English))
	for _, want := range []string{"请甲中学（" + phones.Name + "）对照标准整改。", "依据：" + phones.Name + "：“" + phones.Standard + "”", "另有1所学校需关注", "请学校自查：乙中学。"} {
		if !strings.Contains(zh, want) {
			t.Errorf("建议 %q has no %q", zh, want)
		}
	}
	for _, want := range []string{" Follow up: 甲中学 (" + phones.NameEN + ").", " Basis: " + phones.NameEN + ": “" + phones.StandardEN + "” (" + phones.SourceEN + ").",
		" To watch, 1 school (", "): 乙中学."} {
		if !strings.Contains(en, want) {
			t.Errorf("suggestion %q has no %q", en, want)
		}
	}
}
