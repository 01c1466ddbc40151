package main

import (
	"strings"
	"testing"
	"unicode"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestProfileList: one line per built-in profile, its name then its title in the language asked
// for, the default marked.
func TestProfileList(t *testing.T) {
	for _, tc := range []struct {
		lang, national string
	}{
		{"zh", "national-2021      国家“双减”政策要求（2021）（默认）"},
		{"en", "national-2021      National “Double Reduction” policy requirements (2021) (default)"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			stdout, stderr, exit := run(t, "profile", "list", "--lang", tc.lang)
			if exit != ExitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", exit, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			names := surveys.BuiltinProfiles()
			if len(lines) != len(names) {
				t.Fatalf("%d lines for %d profiles:\n%s", len(lines), len(names), stdout)
			}
			for i, l := range lines {
				if !strings.HasPrefix(l, names[i]+" ") {
					t.Errorf("line %d = %q, want it to start with %s", i+1, l, names[i])
				}
			}
			if !strings.Contains(stdout, tc.national+"\n") {
				t.Errorf("no line %q in\n%s", tc.national, stdout)
			}
			han := strings.ContainsFunc(stdout, func(r rune) bool { return unicode.Is(unicode.Han, r) })
			if han != (tc.lang == "zh") {
				t.Errorf("--lang %s: Chinese characters %v in\n%s", tc.lang, han, stdout)
			}
		})
	}
}

// TestProfileShowLang: --lang en leaves the YAML as it is (it is the file format) and words the
// refusal of an unknown name in English.
func TestProfileShowLang(t *testing.T) {
	zh, _, _ := run(t, "profile", "show", "national-2021")
	en, stderr, exit := run(t, "profile", "show", "national-2021", "--lang", "en")
	want, _ := surveys.BuiltinProfileYAML("national-2021")
	if exit != ExitOK || stderr != "" || en != zh || en != string(want) {
		t.Errorf("--lang en: exit %d, stderr %q, output the embedded YAML: %v", exit, stderr, en == string(want))
	}
	_, stderr, exit = run(t, "profile", "show", "national-2012", "--lang", "en")
	if exit != ExitUsage || !strings.Contains(stderr, `Error: there is no built-in profile "national-2012"; the built-in ones are: anshan-2021, national-2021`) {
		t.Errorf("unknown profile --lang en: exit %d, stderr %q", exit, stderr)
	}
}
