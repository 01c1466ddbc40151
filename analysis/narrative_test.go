package analysis

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

func narrativeResults(t *testing.T, seed uint64) *Results {
	t.Helper()
	p := profile(t, "national-2021")
	schools := synth.Schools(13)
	pq, _ := surveys.Builtin("parent")
	ds := []*surveys.Dataset{synth.Dataset(student(t), schools, 4000, seed), synth.Dataset(pq, schools, 4000, seed+1)}
	r, err := Analyze(Input{Datasets: ds, Schools: schools, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var (
	schoolCountRE = regexp.MustCompile(`(?:涉及)?(\d+)所(?:学校|小学|初中|九年一贯制学校)`)
	groupRE       = regexp.MustCompile(`([^，。、和]+?)（(\d+\.\d)%）`)
)

// TestNarrativeNumbersMatchTables parses every number back out of the 主要问题 paragraphs and checks it
// against the results the tables show: the violation shares of students and parents, the school counts
// (confirmed flags, a school once per indicator), the groups named as where a problem concentrates
// (only significant ones), and the sleep distribution.
func TestNarrativeNumbersMatchTables(t *testing.T) {
	for _, seed := range []uint64{3, 11} {
		r := narrativeResults(t, seed)
		n := Narrate(r, Chinese)
		if len(n.Problems) != len(Themes) {
			t.Fatalf("%d themes, want %d", len(n.Problems), len(Themes))
		}
		for _, tf := range n.Problems {
			sentences := strings.Split(tf.Text, "。")
			for _, pair := range byIndicator(tf.Results) {
				st, pa := pair[0], pair[1]
				main := st
				if main == nil {
					main = pa
				}
				def := main.Indicator
				var sentence string
				for _, s := range sentences {
					if strings.Contains(s, "的学生"+def.ViolatePhrase) || strings.Contains(s, "的家长"+said(pa.questionnaireOr(), def.ViolatePhrase)) {
						sentence = s
						break
					}
				}
				if sentence == "" {
					t.Errorf("%s: no sentence for %s in %q", tf.Theme.Name, def.Code, tf.Text)
					continue
				}
				if st != nil {
					want := Pct(st.Overall.ViolationShare()) + "%的学生" + def.ViolatePhrase
					if !strings.Contains(sentence, want) {
						t.Errorf("%s: %q lacks %q", def.Code, sentence, want)
					}
				}
				if st != nil && pa != nil {
					want := "家长问卷中这一比例为" + Pct(pa.Overall.ViolationShare()) + "%"
					if !strings.Contains(sentence, want) {
						t.Errorf("%s: %q lacks %q", def.Code, sentence, want)
					}
				}
				flags := distinctSchools(r, unionFlags(pair))
				m := schoolCountRE.FindStringSubmatch(sentence)
				switch {
				case flags == 0 && m != nil:
					t.Errorf("%s: no school confirmed but %q", def.Code, m[0])
				case flags > 0 && (m == nil || m[1] != strconv.Itoa(flags)):
					t.Errorf("%s: %d schools confirmed, sentence %q", def.Code, flags, sentence)
				}
				if i := strings.Index(sentence, "主要在"); i >= 0 {
					for _, g := range groupRE.FindAllStringSubmatch(sentence[i+len("主要在"):], -1) {
						found := false
						for _, gr := range append(append([]Group{}, main.Grades...), main.Locales...) {
							if groupName(gr) == g[1] && Pct(gr.ViolationShare()) == g[2] {
								found = true
								if c := gr.VsOthers; c == nil || !c.Significant || c.Diff >= 0 {
									t.Errorf("%s: %s named but it does not violate significantly more than the rest (%+v)", def.Code, g[1], c)
								}
							}
						}
						if !found {
							t.Errorf("%s: group %s (%s%%) is not in the tables", def.Code, g[1], g[2])
						}
					}
				}
			}
			if tf.Theme.Code == "sleep" {
				d := distributionOf(r, "sleep", "student")
				var total, lt7, ge8 int
				for i, c := range d.Overall.Options {
					total += c
					if d.Question.Options[i].Text == "不足7小时" {
						lt7 += c
					}
					if strings.HasPrefix(d.Question.Options[i].Text, "8-") || strings.HasPrefix(d.Question.Options[i].Text, "9-") || strings.HasPrefix(d.Question.Options[i].Text, "10") {
						ge8 += c
					}
				}
				want := Pct(float64(ge8)/float64(total)) + "%的学生上学日睡眠在8小时以上"
				if !strings.Contains(tf.Text, want) || !strings.Contains(tf.Text, Pct(float64(lt7)/float64(total))+"%不足7小时") {
					t.Errorf("sleep distribution: want %q and %s%% under 7 h in %q", want, Pct(float64(lt7)/float64(total)), tf.Text)
				}
			}
		}
		checkSuggestions(t, r, n)
	}
}

// questionnaireOr lets the test ask a nil parent result for its questionnaire.
func (r *IndicatorResult) questionnaireOr() *surveys.Questionnaire {
	if r == nil {
		return &surveys.Questionnaire{Code: "parent"}
	}
	return r.Questionnaire
}

// checkSuggestions: each school is named once per theme, only for a confirmed flag on a hard indicator
// of that theme; the conclusion's count of schools to act equals the schools with a hard flag.
func checkSuggestions(t *testing.T, r *Results, n Narrative) {
	t.Helper()
	hard := map[int]bool{}
	for s, flags := range SchoolFlags(r) {
		for _, ir := range flags {
			if ir.Indicator.Kind == surveys.Hard {
				hard[r.Units[s].School] = true
			}
		}
	}
	for _, sg := range n.Suggestions {
		for u := range r.Units {
			if c := strings.Count(sg.Text, r.Units[u].Name+"（"); c > 1 {
				t.Errorf("%s: %s named %d times", sg.Theme.Name, r.Units[u].Name, c)
			}
		}
		for _, s := range sg.Schools {
			ok := false
			for _, ir := range r.Indicators {
				if ir.Indicator.Kind != surveys.Hard || !contains(sg.Theme.Indicators, ir.Indicator.Code) {
					continue
				}
				for _, f := range ir.Flagged {
					ok = ok || f == s
				}
			}
			if !ok {
				t.Errorf("%s: %s named without a confirmed hard flag", sg.Theme.Name, r.Units[s].Name)
			}
		}
		for _, ir := range r.Indicators {
			if ir.Indicator.Kind == surveys.Reference && strings.Contains(sg.Text, "（"+ir.Indicator.Name) {
				t.Errorf("%s names the reference indicator %s", sg.Theme.Name, ir.Indicator.Name)
			}
		}
	}
	m := regexp.MustCompile(`全县共有(\d+)所学校`).FindStringSubmatch(n.Conclusion)
	if m == nil || m[1] != strconv.Itoa(len(hard)) {
		t.Errorf("conclusion %q: want %d schools to act", n.Conclusion, len(hard))
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestNarrativeOrder: themes with a problem come first, by schools confirmed, and the conclusion names
// the first as the most serious.
func TestNarrativeOrder(t *testing.T) {
	r := narrativeResults(t, 5)
	n := Narrate(r, Chinese)
	for i := 1; i < len(n.Problems); i++ {
		a, b := n.Problems[i-1], n.Problems[i]
		if !a.Serious && b.Serious {
			t.Errorf("%s (no problem) before %s (problem)", a.Theme.Name, b.Theme.Name)
		}
		if a.Serious == b.Serious && len(a.Schools) < len(b.Schools) {
			t.Errorf("%s (%d schools) before %s (%d)", a.Theme.Name, len(a.Schools), b.Theme.Name, len(b.Schools))
		}
	}
	if n.Problems[0].Serious && !strings.Contains(n.Conclusion, "其中"+n.Problems[0].Theme.Name+"问题最为严重") {
		t.Errorf("conclusion %q does not lead with %s", n.Conclusion, n.Problems[0].Theme.Name)
	}
	if math.IsNaN(n.Problems[0].Worst) {
		t.Error("first theme has no county share")
	}
}

// TestNarrativeQuiet: with no violations at all, no theme is a problem and no school is named.
func TestNarrativeQuiet(t *testing.T) {
	r := narrativeResults(t, 7)
	for _, ir := range r.Indicators {
		ir.Flagged = nil
		ir.Overall.Violate = 0
		ir.Overall.Comply = 100
		ir.Overall.P = 1
	}
	n := Narrate(r, Chinese)
	for _, tf := range n.Problems {
		if tf.Serious || len(tf.Schools) > 0 || !strings.HasPrefix(tf.Text, tf.Theme.Fine+"。") {
			t.Errorf("%s: %q", tf.Theme.Name, tf.Text)
		}
	}
	if len(n.Suggestions) != 0 || !strings.Contains(n.Conclusion, "均未发现需整改的学校") {
		t.Errorf("suggestions %v, conclusion %q", n.Suggestions, n.Conclusion)
	}
}

func TestMinutesAgainst(t *testing.T) {
	tests := []struct {
		name     string
		m, limit float64
		want     string
	}{
		{"clearly under", 62.4, 90, "62"},
		{"clearly over", 97.6, 90, "98"},
		{"rounds onto the limit from above", 90.3, 90, "90.3"},
		{"rounds onto the limit from below", 89.6, 90, "89.6"},
		{"exactly the limit", 90, 90, "90"},
		{"a hair over", 90.04, 90, "90.04"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MinutesAgainst(tc.m, tc.limit); got != tc.want {
				t.Errorf("MinutesAgainst(%v, %v) = %q, want %q", tc.m, tc.limit, got, tc.want)
			}
		})
	}
}
