package surveys_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"go.yaml.in/yaml/v3"
)

// FuzzParseProfile checks that ParseProfile returns (a profile or an error) on any input, without
// panicking or hanging. Seeds: the embedded profiles and a few hand-made local ones.
func FuzzParseProfile(f *testing.F) {
	seeds, err := filepath.Glob("data/profiles/*.yaml")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no embedded profiles to seed from: %v", err)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(countyProfile))
	f.Add([]byte(wusiProfile))
	f.Add([]byte(englishProfile))
	f.Add([]byte("inherit: national-2021\nname: x\nindicators:\n  - code: sleep\n    rules: {\"1-7\": {min: 10}, \"7-9\": {min: 9}}\n"))
	f.Add([]byte("inherit: national-2021\nname: x\nindicators:\n  - code: bedtime\n    rules: {all: {max: \"21:30\"}}\n"))
	f.Add([]byte("inherit: national-2021\nflag_threshold: .nan\nbands: [{code: x, grades: [1, 2]}]\n"))

	qs := surveys.Builtins()
	f.Fuzz(func(t *testing.T, data []byte) {
		// A profile may inherit a file. Keep the fuzzer to built-in parents and files under this
		// package: a path like /dev/zero or /dev/stdin would make any reader block, which is not
		// what this target tests.
		var top map[string]any
		if yaml.Unmarshal(data, &top) == nil {
			if parent, ok := top["inherit"].(string); ok && !filepath.IsLocal(parent) {
				t.Skip()
			}
		}
		p, warnings, err := surveys.ParseProfile(data, "", qs...)
		if err != nil {
			if p != nil || warnings != nil {
				t.Errorf("error %v with a profile or warnings", err)
			}
			return
		}
		// A profile that loads compiles against every questionnaire that asks its questions.
		for i := range p.Indicators {
			ind := &p.Indicators[i]
			for _, q := range qs {
				if qu := q.Question(ind.Question); qu != nil {
					if _, _, err := ind.Verdicts(qu); err != nil {
						t.Errorf("indicator %s loaded but does not compile on %s: %v", ind.Code, q.Code, err)
					}
					for _, r := range ind.Rules {
						_, _ = r.Text(qu), r.TextEN(qu)
					}
				}
			}
		}
	})
}

// FuzzParseQuestionnaire checks that ParseQuestionnaire returns a questionnaire or an error on any
// input, and that a questionnaire it returns has an English text wherever it has a Chinese one (the
// Chinese standing in when the file gives none). Seeds: the embedded questionnaires and the test ones.
func FuzzParseQuestionnaire(f *testing.F) {
	seeds, err := filepath.Glob("data/*.yaml")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no embedded questionnaires to seed from: %v", err)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimalQuestionnaire))
	f.Add([]byte(englishQuestionnaire))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := surveys.ParseQuestionnaire(data)
		if err != nil {
			if q != nil {
				t.Errorf("error %v with a questionnaire", err)
			}
			return
		}
		blank := func(s string) bool { return strings.TrimSpace(s) == "" }
		if blank(q.TitleEN) && q.TitleEN != q.Title {
			t.Errorf("title %q has the blank English %q", q.Title, q.TitleEN)
		}
		for _, qu := range q.Questions {
			if blank(qu.TextEN) && qu.TextEN != qu.Text {
				t.Errorf("question %s: text %q has the blank English %q", qu.Code, qu.Text, qu.TextEN)
			}
			for _, o := range qu.Options {
				if blank(o.TextEN) && o.TextEN != o.Text {
					t.Errorf("question %s: option %q has the blank English %q", qu.Code, o.Text, o.TextEN)
				}
			}
		}
	})
}
