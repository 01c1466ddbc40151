package report

import (
	"encoding/json"
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
)

// TestResultsJSONVersion2 checks the rules docs/results-schema.md states: schema_version 2; a stage on
// every school entry and one entry per stage of a two-stage school; flagged means flag == "confirmed";
// a suppressed cell carries no share, interval or complying count; wilson_* are always there for a
// shown cell; the interval names its method.
func TestResultsJSONVersion2(t *testing.T) {
	schools := synth.Schools(9)
	r := results(t, schools, 160) // few enough that some units fall below min_n
	out := render(t, r)
	var got struct {
		SchemaVersion int `json:"schema_version"`
		Design        struct {
			Method, Interval string
		} `json:"design"`
		Indicators []struct {
			Code, Questionnaire, Denominator string
			Overall                          map[string]any
			Schools                          []map[string]any
		} `json:"indicators"`
	}
	if err := json.Unmarshal(out.json, &got); err != nil {
		t.Fatal(err)
	}
	if got.SchemaVersion != 2 || got.Design.Method != "cluster" || got.Design.Interval != "korn-graubard" {
		t.Errorf("schema_version %d design %+v", got.SchemaVersion, got.Design)
	}
	suppressed, shown, stages := 0, 0, map[string]int{}
	for _, ind := range got.Indicators {
		if ind.Denominator == "" {
			t.Errorf("%s: no denominator", ind.Code)
		}
		for _, s := range ind.Schools {
			stage, _ := s["stage"].(string)
			if stage != "小学" && stage != "初中" {
				t.Fatalf("%s %v: stage %q", ind.Code, s["name"], s["stage"])
			}
			if ind.Code == "phones" && ind.Questionnaire == "student" {
				stages[s["name"].(string)]++
			}
			if (s["flag"] == "confirmed") != (s["flagged"] == true) {
				t.Errorf("%s %v: flag %v but flagged %v", ind.Code, s["name"], s["flag"], s["flagged"])
			}
			if s["suppressed"] == true {
				suppressed++
				for _, k := range []string{"p", "ci_low", "ci_high", "wilson_low", "wilson_high", "n_comply", "n_eff", "deff"} {
					if s[k] != nil {
						t.Errorf("%s %v: suppressed but %s = %v", ind.Code, s["name"], k, s[k])
					}
				}
				if s["flag"] != "" {
					t.Errorf("%s %v: suppressed but flagged %v", ind.Code, s["name"], s["flag"])
				}
				continue
			}
			shown++
			for _, k := range []string{"p", "ci_low", "ci_high", "wilson_low", "wilson_high", "n_comply"} {
				if s[k] == nil {
					t.Errorf("%s %v: shown but %s is null", ind.Code, s["name"], k)
				}
			}
			if m := s["interval"]; m != "korn-graubard" && m != "wilson" {
				t.Errorf("%s %v: interval %v", ind.Code, s["name"], m)
			}
		}
	}
	if shown == 0 {
		t.Fatal("no school shown")
	}
	two := 0
	for _, s := range schools {
		if stages[s.Name] == 2 {
			two++
		}
	}
	if two == 0 {
		t.Errorf("no two-stage school has an entry per stage: %v", stages)
	}
	if suppressed == 0 {
		t.Error("no suppressed school cell: the test needs some")
	}
}
