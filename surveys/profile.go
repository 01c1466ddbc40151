package surveys

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// IndicatorKind says whether an indicator is a hard rule or a reference (参考) one, worded "一般".
type IndicatorKind string

const (
	// Hard indicators are rules; a shortfall is a violation (违规).
	Hard IndicatorKind = "hard"
	// Reference indicators are worded "一般" (normally); a shortfall is "未达到参考要求", never "违规".
	Reference IndicatorKind = "reference"
)

// Band is a grade band used to break results down (一二年级, 三至六年级, 初中).
type Band struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
	// NameEN is the band's name in English ("Grades 3-6"); the Chinese name when the file gives none.
	NameEN string `yaml:"name_en"`
	Level  string `yaml:"level"`
	Grades []int  `yaml:"grades"`
}

// Rule says which answers comply for a range of grades: either option numbers (Comply) or a limit
// on the question's scale (Max or Min, as written in the profile: "60", "21:20").
type Rule struct {
	FromGrade int
	ToGrade   int
	Comply    []int
	Max       string
	Min       string
	// Missing lists options that count as 未答 for this indicator, such as the teachers' 不清楚 on
	// paid tutoring: an answer that says nothing either way.
	Missing []int
}

// Indicator is one compliance indicator of a profile.
type Indicator struct {
	Code          string
	Name          string
	NameEN        string // English name, for --lang en; the code when the file gives none
	Kind          IndicatorKind
	Question      string // question code, looked up in every questionnaire that has it
	ComplyPhrase  string // what complying respondents report, e.g. "睡眠时间达到规定"
	ViolatePhrase string // what the others report, e.g. "睡眠时间不足"
	Advice        string // the suggestion the conclusions draft gives for this indicator
	Standard      string // the standard in words, as the report quotes it
	Source        string // the document it comes from
	// The same texts in English, for --lang en. Each is the Chinese text when the file gives no
	// English (a user's own profile keeps its words). The phrases complete "40.0% of students …" and
	// are worded to fit students, parents and teachers alike ("report too little sleep").
	ComplyPhraseEN  string
	ViolatePhraseEN string
	AdviceEN        string
	StandardEN      string
	SourceEN        string
	Rules           []Rule
	// RulesFor holds rules that replace Rules in one questionnaire (by its code), for a question
	// whose options come in another order there (the teachers' 是/否 against the students' 否/是).
	RulesFor map[string][]Rule
}

// Measure is a question reported as an answer distribution, with no pass/fail.
type Measure struct {
	Question string `yaml:"question"`
	Name     string `yaml:"name"`
	// NameEN is the name in English; the Chinese name when the file gives none.
	NameEN string `yaml:"name_en"`
}

// Quality holds the data-quality thresholds of a profile.
type Quality struct {
	DuplicateWindowMinutes float64 `yaml:"duplicate_window_minutes"`
	MinSecondsPerQuestion  float64 `yaml:"min_seconds_per_question"`
	LowResponseRate        float64 `yaml:"low_response_rate"`
}

// Profile is a standard profile: which answers comply with each indicator, per grade, and the
// reporting rules (flag threshold, minimum n, homework midpoints).
type Profile struct {
	Name              string
	Title             string
	Description       string
	TitleEN           string // the title in English; the Chinese title when the file gives none
	DescriptionEN     string // the description in English; the Chinese one when the file gives none
	Inherits          string // the profile this one inherits, "" for a root profile
	Bands             []Band
	FlagThreshold     float64 // a school is flagged when its violation share is at least this …
	FlagMinViolations int     // … with at least this many violating respondents
	MinN              int     // cells with fewer valid answers are suppressed
	SmallN            int     // cells with fewer valid answers are marked 样本不足，仅供参考
	HomeworkMidpoints []float64
	Quality           Quality
	Indicators        []Indicator
	Measures          []Measure
	OpenThemes        []OpenTheme // themes of the open answers, in report order
	CoursePlan        *CoursePlan // the course plan timetables are checked against; nil when the profile has none
}

// Warning is a non-fatal problem found while loading a profile, such as a limit inside an answer class.
type Warning struct {
	Indicator string
	Message   string // in Chinese
	MessageEN string // the same in English, for --lang en
}

// String returns the warning in Chinese, prefixed by the indicator code.
func (w Warning) String() string { return w.Indicator + ": " + w.Message }

// StringEN returns the warning in English, prefixed by the indicator code.
func (w Warning) StringEN() string { return w.Indicator + ": " + w.MessageEN }

type profileFile struct {
	Inherit           string          `yaml:"inherit"`
	Name              string          `yaml:"name"`
	Title             string          `yaml:"title"`
	TitleEN           string          `yaml:"title_en"`
	Description       string          `yaml:"description"`
	DescriptionEN     string          `yaml:"description_en"`
	Bands             []Band          `yaml:"bands"`
	FlagThreshold     float64         `yaml:"flag_threshold"`
	FlagMinViolations int             `yaml:"flag_min_violations"`
	MinN              int             `yaml:"min_n"`
	SmallN            int             `yaml:"small_n"`
	HomeworkMidpoints []float64       `yaml:"homework_midpoints"`
	Quality           Quality         `yaml:"quality"`
	Indicators        []indicatorFile `yaml:"indicators"`
	Measures          []Measure       `yaml:"measures"`
	// QuestionnaireRules[questionnaire][indicator] replaces the indicator's rules in that
	// questionnaire.
	QuestionnaireRules map[string]map[string]map[string]ruleFile `yaml:"questionnaire_rules"`
	// OpenThemes are the themes open answers are counted by.
	OpenThemes []OpenTheme     `yaml:"open_themes"`
	CoursePlan *coursePlanFile `yaml:"course_plan"`
}

type indicatorFile struct {
	Code       string              `yaml:"code"`
	Name       string              `yaml:"name"`
	NameEN     string              `yaml:"name_en"`
	Comply     string              `yaml:"comply_phrase"`
	ComplyEN   string              `yaml:"comply_phrase_en"`
	Violate    string              `yaml:"violate_phrase"`
	ViolateEN  string              `yaml:"violate_phrase_en"`
	Advice     string              `yaml:"advice"`
	AdviceEN   string              `yaml:"advice_en"`
	Kind       IndicatorKind       `yaml:"kind"`
	Question   string              `yaml:"question"`
	Standard   string              `yaml:"standard"`
	StandardEN string              `yaml:"standard_en"`
	Source     string              `yaml:"source"`
	SourceEN   string              `yaml:"source_en"`
	Rules      map[string]ruleFile `yaml:"rules"`
}

// translated lists the keys of a profile mapping that have an English twin (key + "_en"): when a
// profile that inherits restates one of them without its twin, the parent's English no longer
// translates it and is dropped, so the English falls back to the new Chinese text.
var translated = map[string]bool{
	"title": true, "description": true, "name": true, "source": true,
	"comply_phrase": true, "violate_phrase": true, "advice": true, "standard": true,
}

// dropStaleEN removes from merged the English twin of every translated key child states without
// its twin.
func dropStaleEN(merged, child map[string]any) {
	for k := range child {
		if !translated[k] {
			continue
		}
		if _, ok := child[k+"_en"]; !ok {
			delete(merged, k+"_en")
		}
	}
}

type ruleFile struct {
	Comply  []int  `yaml:"comply"`
	Max     string `yaml:"max"`
	Min     string `yaml:"min"`
	Missing []int  `yaml:"missing"`
}

// OpenTheme is a theme open answers are counted by: an answer belongs to every theme one of whose
// keywords it contains; one that contains none belongs to the theme with no keywords (其他).
type OpenTheme struct {
	Name string `yaml:"name"`
	// NameEN is the theme's name in English; the Chinese name when the file gives none.
	NameEN   string   `yaml:"name_en"`
	Keywords []string `yaml:"keywords"`
}

// BuiltinProfiles lists the names of the embedded profiles.
func BuiltinProfiles() []string {
	ents, _ := dataFS.ReadDir("data/profiles")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return out
}

// DefaultProfile is the name of the profile used when none is given.
const DefaultProfile = "national-2021"

// BuiltinProfileYAML returns the YAML text of a built-in profile, comments included, and false when
// there is no built-in profile of that name.
func BuiltinProfileYAML(name string) ([]byte, bool) { return builtinProfileData(name) }

func builtinProfileData(name string) ([]byte, bool) {
	data, err := dataFS.ReadFile("data/profiles/" + name + ".yaml")
	return data, err == nil
}

// LoadProfile loads a profile by built-in name or by file path, resolves its inheritance, checks it
// against the questionnaires and returns it with its warnings.
func LoadProfile(nameOrPath string, qs ...*Questionnaire) (*Profile, []Warning, error) {
	if data, ok := builtinProfileData(nameOrPath); ok {
		return ParseProfile(data, "", qs...)
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil, fmt.Errorf("profile %q is neither a built-in profile (%s) nor a file", nameOrPath, strings.Join(BuiltinProfiles(), ", "))
		}
		return nil, nil, fmt.Errorf("read profile: %w", err)
	}
	p, w, err := ParseProfile(data, filepath.Dir(nameOrPath), qs...)
	if err != nil {
		return nil, nil, fmt.Errorf("profile %s: %w", nameOrPath, err)
	}
	return p, w, nil
}

// ParseProfile reads a profile in the YAML form of data/profiles/national-2021.yaml. A profile that
// says `inherit: NAME` starts from that profile (a built-in name, or a file relative to dir) and
// overrides what it states: top-level settings, and indicators matched by code (an indicator's rules
// are replaced as a whole; other fields one by one). The profile is checked against qs.
func ParseProfile(data []byte, dir string, qs ...*Questionnaire) (*Profile, []Warning, error) {
	merged, err := resolveInherit(data, dir, 0)
	if err != nil {
		return nil, nil, err
	}
	var f profileFile
	dec := yaml.NewDecoder(bytes.NewReader(merged))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("parse profile: %w", err)
	}
	p, err := f.build()
	if err != nil {
		return nil, nil, err
	}
	var top map[string]any
	_ = yaml.Unmarshal(data, &top)
	if s, ok := top["inherit"].(string); ok {
		p.Inherits = s
	}
	warnings, err := p.Check(qs...)
	if err != nil {
		return nil, nil, err
	}
	return p, warnings, nil
}

func resolveInherit(data []byte, dir string, depth int) ([]byte, error) {
	if depth > 8 {
		return nil, fmt.Errorf("profile inheritance is more than 8 levels deep (a cycle?)")
	}
	var child map[string]any
	if err := yaml.Unmarshal(data, &child); err != nil {
		return nil, fmt.Errorf("parse profile: %w", err)
	}
	parentName, _ := child["inherit"].(string)
	if parentName == "" {
		return data, nil
	}
	if v, ok := child["indicators"]; ok {
		if _, isList := v.([]any); !isList {
			return nil, fmt.Errorf("parse profile: indicators must be a list")
		}
	}
	// Check the file's own keys first, so a typo is reported at its line in this file.
	var own profileFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&own); err != nil {
		return nil, fmt.Errorf("parse profile: %w", err)
	}
	if own.Name == "" {
		return nil, fmt.Errorf("a profile that inherits %s needs its own name: (so the report does not present it as %s)", parentName, parentName)
	}
	pdata, ok := builtinProfileData(parentName)
	pdir := ""
	if !ok {
		path := parentName
		if !filepath.IsAbs(path) && dir != "" {
			path = filepath.Join(dir, path)
		}
		var err error
		if pdata, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("inherit %q: not a built-in profile (%s) and not a readable file", parentName, strings.Join(BuiltinProfiles(), ", "))
		}
		pdir = filepath.Dir(path)
	}
	presolved, err := resolveInherit(pdata, pdir, depth+1)
	if err != nil {
		return nil, fmt.Errorf("inherit %s: %w", parentName, err)
	}
	var parent map[string]any
	if err := yaml.Unmarshal(presolved, &parent); err != nil {
		return nil, fmt.Errorf("inherit %s: %w", parentName, err)
	}
	delete(parent, "inherit")
	for k, v := range child {
		switch k {
		case "inherit":
		case "indicators":
			list, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("parse profile: indicators must be a list")
			}
			parent[k], err = mergeIndicators(parent[k], list)
			if err != nil {
				return nil, err
			}
		case "course_plan":
			if parent[k], err = mergeCoursePlan(parent[k], v); err != nil {
				return nil, err
			}
		case "quality":
			pm, _ := parent[k].(map[string]any)
			cm, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("parse profile: quality must be a mapping")
			}
			if pm == nil {
				pm = map[string]any{}
			}
			for kk, vv := range cm {
				pm[kk] = vv
			}
			parent[k] = pm
		default:
			parent[k] = v
		}
	}
	dropStaleEN(parent, child)
	return yaml.Marshal(parent)
}

func mergeIndicators(parent any, child []any) ([]any, error) {
	plist, _ := parent.([]any)
	out := append([]any(nil), plist...)
	for _, c := range child {
		cm, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("parse profile: each indicator must be a mapping")
		}
		code, _ := cm["code"].(string)
		found := false
		for i, p := range out {
			pm, _ := p.(map[string]any)
			if pm != nil && pm["code"] == code {
				m := map[string]any{}
				for k, v := range pm {
					m[k] = v
				}
				for k, v := range cm {
					if k == "rules" {
						merged, err := mergeRules(pm[k], v)
						if err != nil {
							return nil, fmt.Errorf("indicator %s: %w", code, err)
						}
						m[k] = merged
						continue
					}
					m[k] = v
				}
				dropStaleEN(m, cm)
				out[i] = m
				found = true
				break
			}
		}
		if !found {
			out = append(out, cm)
		}
	}
	return out, nil
}

// mergeRules overrides the parent's rules grade by grade: the child's rules replace the parent's for
// the grades they cover, and the parent's rules keep the grades the child does not mention ("3-6"
// overridden by "3-4" leaves "5-6" as it was).
func mergeRules(parent, child any) (map[string]any, error) {
	pm, _ := parent.(map[string]any)
	cm, ok := child.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("rules must be a mapping of grade ranges")
	}
	covered := [10]bool{}
	out := map[string]any{}
	for k, v := range cm {
		from, to, err := parseGradeRange(k)
		if err != nil {
			return nil, err
		}
		for g := from; g <= to; g++ {
			covered[g] = true
		}
		out[k] = v
	}
	for k, v := range pm {
		from, to, err := parseGradeRange(k)
		if err != nil {
			return nil, err
		}
		start := -1
		for g := from; g <= to+1; g++ {
			keep := g <= to && !covered[g]
			if keep && start < 0 {
				start = g
			}
			if !keep && start >= 0 {
				key := fmt.Sprintf("%d-%d", start, g-1)
				if start == g-1 {
					key = fmt.Sprint(start)
				}
				out[key] = v
				start = -1
			}
		}
	}
	return out, nil
}

func (f *profileFile) build() (*Profile, error) {
	p := &Profile{
		Name: f.Name, Title: f.Title, Description: f.Description, Bands: f.Bands,
		TitleEN: orZH(f.TitleEN, f.Title), DescriptionEN: orZH(f.DescriptionEN, f.Description),
		FlagThreshold: f.FlagThreshold, FlagMinViolations: f.FlagMinViolations,
		MinN: f.MinN, SmallN: f.SmallN, HomeworkMidpoints: f.HomeworkMidpoints,
		Quality: f.Quality, Measures: f.Measures, OpenThemes: f.OpenThemes,
	}
	if p.Name == "" {
		return nil, fmt.Errorf("profile has no name")
	}
	if f.CoursePlan != nil {
		cp, err := f.CoursePlan.build()
		if err != nil {
			return nil, err
		}
		p.CoursePlan = cp
	}
	for _, fi := range f.Indicators {
		ind := Indicator{Code: fi.Code, Name: fi.Name, NameEN: fi.NameEN, Kind: fi.Kind, Question: fi.Question, Standard: fi.Standard, Source: fi.Source,
			ComplyPhrase: fi.Comply, ViolatePhrase: fi.Violate, Advice: fi.Advice}
		if ind.ComplyPhrase == "" {
			ind.ComplyPhrase = "符合" + ind.Name + "要求"
		}
		if ind.ViolatePhrase == "" {
			ind.ViolatePhrase = "不符合" + ind.Name + "要求"
		}
		if ind.NameEN == "" {
			ind.NameEN = ind.Code
		}
		ind.StandardEN = orZH(fi.StandardEN, ind.Standard)
		ind.SourceEN = orZH(fi.SourceEN, ind.Source)
		ind.AdviceEN = orZH(fi.AdviceEN, ind.Advice)
		ind.ComplyPhraseEN, ind.ViolatePhraseEN = fi.ComplyEN, fi.ViolateEN
		if fi.NameEN != "" && fi.Comply == "" {
			ind.ComplyPhraseEN = orZH(ind.ComplyPhraseEN, "comply with the standard on "+lowerFirst(fi.NameEN))
		}
		if fi.NameEN != "" && fi.Violate == "" {
			ind.ViolatePhraseEN = orZH(ind.ViolatePhraseEN, "do not comply with the standard on "+lowerFirst(fi.NameEN))
		}
		ind.ComplyPhraseEN = orZH(ind.ComplyPhraseEN, ind.ComplyPhrase)
		ind.ViolatePhraseEN = orZH(ind.ViolatePhraseEN, ind.ViolatePhrase)
		rules, err := buildRules(fi.Rules)
		if err != nil {
			return nil, fmt.Errorf("indicator %s: %w", fi.Code, err)
		}
		ind.Rules = rules
		p.Indicators = append(p.Indicators, ind)
	}
	for i := range p.Bands {
		p.Bands[i].NameEN = orZH(p.Bands[i].NameEN, p.Bands[i].Name)
	}
	for i := range p.Measures {
		p.Measures[i].NameEN = orZH(p.Measures[i].NameEN, p.Measures[i].Name)
	}
	for i := range p.OpenThemes {
		p.OpenThemes[i].NameEN = orZH(p.OpenThemes[i].NameEN, p.OpenThemes[i].Name)
	}
	themes := map[string]bool{}
	for _, t := range p.OpenThemes {
		if t.Name == "" || themes[t.Name] {
			return nil, fmt.Errorf("open_themes: theme name %q is empty or used twice", t.Name)
		}
		themes[t.Name] = true
	}
	qns := make([]string, 0, len(f.QuestionnaireRules))
	for qn := range f.QuestionnaireRules {
		qns = append(qns, qn)
	}
	sort.Strings(qns)
	for _, qn := range qns {
		for code, rf := range f.QuestionnaireRules[qn] {
			ind := p.Indicator(code)
			if ind == nil {
				return nil, fmt.Errorf("questionnaire_rules %s: no indicator %q", qn, code)
			}
			rules, err := buildRules(rf)
			if err != nil {
				return nil, fmt.Errorf("questionnaire_rules %s indicator %s: %w", qn, code, err)
			}
			if ind.RulesFor == nil {
				ind.RulesFor = map[string][]Rule{}
			}
			ind.RulesFor[qn] = rules
		}
	}
	return p, nil
}

// buildRules reads the rules of one indicator, keyed by grade range, in grade order.
func buildRules(rf map[string]ruleFile) ([]Rule, error) {
	keys := make([]string, 0, len(rf))
	for k := range rf {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rules []Rule
	for _, k := range keys {
		from, to, err := parseGradeRange(k)
		if err != nil {
			return nil, err
		}
		r := rf[k]
		rules = append(rules, Rule{FromGrade: from, ToGrade: to, Comply: r.Comply, Max: r.Max, Min: r.Min, Missing: r.Missing})
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].FromGrade < rules[j].FromGrade })
	return rules, nil
}

// RulesIn returns the rules of the indicator in the questionnaire with the given code.
func (ind *Indicator) RulesIn(questionnaire string) []Rule {
	if r, ok := ind.RulesFor[questionnaire]; ok {
		return r
	}
	return ind.Rules
}

// parseGradeRange reads a rule key: "all", "7", or "3-6".
func parseGradeRange(k string) (int, int, error) {
	if k == "all" {
		return 1, 9, nil
	}
	a, b, isRange := strings.Cut(k, "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to := from
	var err2 error
	if isRange {
		to, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || from < 1 || to > 9 || from > to {
		return 0, 0, fmt.Errorf("rule key %q is not a grade range like \"3-6\", \"7\" or \"all\"", k)
	}
	return from, to, nil
}

// Check validates the profile against the questionnaires and returns its warnings: limits that
// split an answer class. It fails on an unknown question, a grade covered twice, bad option numbers
// or bad settings.
func (p *Profile) Check(qs ...*Questionnaire) ([]Warning, error) {
	if err := p.checkRanges(); err != nil {
		return nil, err
	}
	if !(p.FlagThreshold > 0 && p.FlagThreshold <= 1) {
		return nil, fmt.Errorf("flag_threshold %v must be a share in (0, 1]", p.FlagThreshold)
	}
	if p.MinN < 1 || p.SmallN < p.MinN {
		return nil, fmt.Errorf("min_n (%d) must be at least 1 and small_n (%d) at least min_n", p.MinN, p.SmallN)
	}
	if len(p.HomeworkMidpoints) != 6 {
		return nil, fmt.Errorf("homework_midpoints needs 6 values, one per homework option; has %d", len(p.HomeworkMidpoints))
	}
	seen := map[int]string{}
	for _, b := range p.Bands {
		for _, g := range b.Grades {
			if g < 1 || g > 9 {
				return nil, fmt.Errorf("band %s: grade %d is not 1-9", b.Code, g)
			}
			if other, dup := seen[g]; dup {
				return nil, fmt.Errorf("grade %d is in bands %s and %s", g, other, b.Code)
			}
			seen[g] = b.Code
		}
	}
	var warnings []Warning
	codes := map[string]bool{}
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		if ind.Code == "" || codes[ind.Code] {
			return nil, fmt.Errorf("indicator code %q is empty or used twice", ind.Code)
		}
		codes[ind.Code] = true
		if ind.Kind != Hard && ind.Kind != Reference {
			return nil, fmt.Errorf("indicator %s: kind must be hard or reference, not %q", ind.Code, ind.Kind)
		}
		if err := ind.checkRules(); err != nil {
			return nil, fmt.Errorf("indicator %s: %w", ind.Code, err)
		}
		asked := false
		for _, q := range qs {
			qu := q.Question(ind.Question)
			if qu == nil {
				continue
			}
			asked = true
			_, w, err := ind.Verdicts(qu)
			if err != nil {
				return nil, fmt.Errorf("indicator %s (%s): %w", ind.Code, q.Code, err)
			}
			warnings = appendNew(warnings, w...)
		}
		if !asked && len(qs) > 0 {
			return nil, fmt.Errorf("indicator %s: no questionnaire has a question %q", ind.Code, ind.Question)
		}
	}
	for _, m := range p.Measures {
		found := len(qs) == 0
		for _, q := range qs {
			found = found || q.Question(m.Question) != nil
		}
		if !found {
			return nil, fmt.Errorf("measure %s: no questionnaire has that question", m.Question)
		}
	}
	return warnings, nil
}

// RangeError is a profile setting outside the values it may take; Key names it as the YAML does.
type RangeError struct {
	Key    string
	Value  string
	Want   string // what the value should be, in Chinese
	KeyEN  string // Key for an English sentence ("homework_midpoints[3]" for "homework_midpoints 第3个")
	WantEN string // what the value should be, in English
}

// Error words the error in Chinese.
func (e *RangeError) Error() string {
	return fmt.Sprintf("设置项 %s 的值 %s 不合理：应为%s", e.Key, e.Value, e.Want)
}

// ErrorEN words the error in English, for --lang en.
func (e *RangeError) ErrorEN() string {
	return fmt.Sprintf("the value %s of %s is out of range: it should be %s", e.Value, e.KeyEN, e.WantEN)
}

// rangeError returns a RangeError for a key that reads the same in both languages.
func rangeError(key, value, want, wantEN string) *RangeError {
	return &RangeError{Key: key, Value: value, Want: want, KeyEN: key, WantEN: wantEN}
}

// checkRanges refuses numbers a profile may not hold: NaN or infinite values, negative limits and
// counts, shares above 1.
func (p *Profile) checkRanges() error {
	fv := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
	if bad(p.FlagThreshold) || p.FlagThreshold <= 0 || p.FlagThreshold > 1 {
		return rangeError("flag_threshold", fv(p.FlagThreshold), "大于 0、不超过 1 的比例", "a share above 0 and at most 1")
	}
	if p.FlagMinViolations < 0 {
		return rangeError("flag_min_violations", strconv.Itoa(p.FlagMinViolations), "不小于 0 的人数", "a number of respondents, 0 or more")
	}
	if p.MinN < 1 {
		return rangeError("min_n", strconv.Itoa(p.MinN), "不小于 1 的人数", "a number of respondents, 1 or more")
	}
	if p.SmallN < p.MinN {
		return rangeError("small_n", strconv.Itoa(p.SmallN), fmt.Sprintf("不小于 min_n（%d）的人数", p.MinN), fmt.Sprintf("a number of respondents, at least min_n (%d)", p.MinN))
	}
	for i, m := range p.HomeworkMidpoints {
		if bad(m) || m < 0 || m > 24*60 {
			return &RangeError{Key: fmt.Sprintf("homework_midpoints 第%d个", i+1), KeyEN: fmt.Sprintf("homework_midpoints[%d]", i+1), Value: fv(m),
				Want: "0 到 1440 之间的分钟数", WantEN: "a number of minutes from 0 to 1440"}
		}
	}
	q := p.Quality
	for _, c := range []struct {
		key string
		v   float64
		max float64
	}{{"quality.duplicate_window_minutes", q.DuplicateWindowMinutes, 365 * 24 * 60}, {"quality.min_seconds_per_question", q.MinSecondsPerQuestion, 3600}, {"quality.low_response_rate", q.LowResponseRate, 1}} {
		if bad(c.v) || c.v < 0 || c.v > c.max {
			return rangeError(c.key, fv(c.v), fmt.Sprintf("0 到 %s 之间的数", fv(c.max)), fmt.Sprintf("a number from 0 to %s", fv(c.max)))
		}
	}
	for _, ind := range p.Indicators {
		for _, r := range ind.Rules {
			for _, lim := range []struct{ key, v string }{{"max", r.Max}, {"min", r.Min}} {
				if v := strings.TrimSpace(lim.v); strings.HasPrefix(v, "-") || strings.HasPrefix(v, "－") || strings.HasPrefix(v, "−") {
					return rangeError(fmt.Sprintf("indicators[%s].rules.%s", ind.Code, lim.key), lim.v, "不为负的限值", "a limit that is not negative")
				}
			}
			if r.FromGrade < 1 || r.ToGrade > 9 || r.FromGrade > r.ToGrade {
				return rangeError(fmt.Sprintf("indicators[%s].rules.grades", ind.Code), fmt.Sprintf("%d-%d", r.FromGrade, r.ToGrade), "1 到 9 之间、由小到大的年级", "grades from 1 to 9, the lower first")
			}
		}
	}
	return nil
}

// checkRules finds what is wrong with the rules whatever the questionnaire: a rule that states none
// (or more than one) of comply, max and min, and a grade covered by two rules.
func (ind *Indicator) checkRules() error {
	var covered [10]bool
	for _, r := range ind.Rules {
		if r.setCount() != 1 {
			return fmt.Errorf("grades %d-%d: %w", r.FromGrade, r.ToGrade, errRuleForm)
		}
		for g := r.FromGrade; g <= r.ToGrade; g++ {
			if covered[g] {
				return fmt.Errorf("grade %d is covered by two rules", g)
			}
			covered[g] = true
		}
	}
	return nil
}

var errRuleForm = errors.New("a rule needs exactly one of comply, max or min")

// setCount is how many of comply, max and min the rule states.
func (r Rule) setCount() int {
	set := 0
	if len(r.Comply) > 0 {
		set++
	}
	if r.Max != "" {
		set++
	}
	if r.Min != "" {
		set++
	}
	return set
}

func appendNew(ws []Warning, add ...Warning) []Warning {
next:
	for _, a := range add {
		for _, w := range ws {
			if w == a {
				continue next
			}
		}
		ws = append(ws, a)
	}
	return ws
}

// VerdictTable holds, for each grade 1..9, the verdict on each answer code (index: Answer).
type VerdictTable [10][256]Verdict

// Verdicts compiles the indicator's rules against a question into a per-grade table. An answer
// class that a limit splits is Undeterminable, and each such split is returned as a warning.
//
// For a limit Max L an option with bounds [lo, hi] complies when hi ≤ L, violates when lo ≥ L, and
// is undeterminable otherwise; for Min L it complies when lo ≥ L and violates when hi ≤ L. Complying
// is tested first, so a point class like "1次" with Max 1 complies.
func (ind *Indicator) Verdicts(q *Question) (*VerdictTable, []Warning, error) {
	t := new(VerdictTable)
	var warnings []Warning
	covered := [10]bool{}
	for _, r := range ind.RulesIn(q.Questionnaire) {
		row, w, err := r.compile(q)
		if err != nil {
			return nil, nil, fmt.Errorf("grades %d-%d: %w", r.FromGrade, r.ToGrade, err)
		}
		for _, msg := range w {
			warnings = append(warnings, Warning{Indicator: ind.Code,
				Message:   fmt.Sprintf("%d-%d年级：%s", r.FromGrade, r.ToGrade, msg.zh),
				MessageEN: fmt.Sprintf("grades %d-%d: %s", r.FromGrade, r.ToGrade, msg.en)})
		}
		for g := r.FromGrade; g <= r.ToGrade; g++ {
			if covered[g] {
				return nil, nil, fmt.Errorf("grade %d is covered by two rules", g)
			}
			covered[g] = true
			t[g] = row
		}
	}
	return t, warnings, nil
}

// message is a warning's text in Chinese and in English.
type message struct{ zh, en string }

func (r Rule) compile(q *Question) ([256]Verdict, []message, error) {
	var row [256]Verdict
	var warnings []message
	n := len(q.Options)
	if r.setCount() != 1 {
		return row, nil, errRuleForm
	}
	if len(r.Comply) > 0 {
		for i := 1; i <= n; i++ {
			row[i] = Violates
		}
		for _, c := range r.Comply {
			if c < 1 || c > n {
				return row, nil, fmt.Errorf("comply option %d is not 1-%d", c, n)
			}
			row[c] = Complies
		}
		for _, c := range r.Missing {
			if c < 1 || c > n || row[c] == Complies {
				return row, nil, fmt.Errorf("missing option %d is not 1-%d or also complies", c, n)
			}
			row[c] = CountsAsMissing
		}
		return row, nil, nil
	}
	if len(r.Missing) > 0 {
		return row, nil, fmt.Errorf("missing: goes with comply, not with max or min")
	}
	if q.Scale == ScaleNone {
		return row, nil, fmt.Errorf("max/min need a question with a numeric scale; %s has none, use comply", q.Code)
	}
	raw, isMax := r.Max, true
	if raw == "" {
		raw, isMax = r.Min, false
	}
	limit, err := parseBound(q.Scale, raw, math.NaN())
	if err != nil {
		return row, nil, err
	}
	for i, o := range q.Options {
		var v Verdict
		switch {
		case isMax && o.Hi <= limit, !isMax && o.Lo >= limit:
			v = Complies
		case isMax && o.Lo >= limit, !isMax && o.Hi <= limit:
			v = Violates
		default:
			v = Undeterminable
			word, wordEN := "上限", "the upper limit"
			if !isMax {
				word, wordEN = "下限", "the lower limit"
			}
			warnings = append(warnings, message{
				zh: fmt.Sprintf("%s %s 落在选项“%s”之内，这些回答将计为无法判定", word, raw, o.Text),
				en: fmt.Sprintf("%s %s falls inside the option “%s”; these answers will count as undeterminable", wordEN, raw, o.TextEN),
			})
		}
		row[i+1] = v
	}
	return row, warnings, nil
}

// Limit returns the Max limit that applies to grade g on the question's scale, if the rule for g is a
// Max limit.
func (ind *Indicator) Limit(q *Question, g int) (float64, bool) {
	for _, r := range ind.RulesIn(q.Questionnaire) {
		if g >= r.FromGrade && g <= r.ToGrade && r.Max != "" {
			v, err := parseBound(q.Scale, r.Max, math.NaN())
			return v, err == nil
		}
	}
	return 0, false
}

// RuleText describes the rule for a grade range in words, like "≤ 60分钟" or "选项1、2".
func (r Rule) Text(q *Question) string { return r.text(q, ruleWordsZH) }

// TextEN describes the rule for a grade range in English, like "≤ 60 minutes" or "No or Yes".
func (r Rule) TextEN(q *Question) string { return r.text(q, ruleWordsEN) }

// ruleWords are the words a rule is described with in one language.
type ruleWords struct {
	units                      map[Scale]string // after a limit, by the question's scale
	materials                  string           // the unit of the materials question (教辅资料)
	le, ge, noLater, noEarlier string           // before a limit
	or                         string           // between the options that comply
	option                     func(Option) string
}

var (
	ruleWordsZH = ruleWords{units: map[Scale]string{ScaleMinutes: "分钟", ScaleHours: "小时", ScaleCount: "次", ScaleYuan: "元"},
		materials: "套", le: "≤", ge: "≥", noLater: "不晚于", noEarlier: "不早于", or: "或", option: func(o Option) string { return o.Text }}
	ruleWordsEN = ruleWords{units: map[Scale]string{ScaleMinutes: " minutes", ScaleHours: " hours", ScaleYuan: " yuan"},
		materials: " set per subject", le: "≤ ", ge: "≥ ", noLater: "no later than ", noEarlier: "no earlier than ", or: " or ", option: func(o Option) string { return o.TextEN }}
)

func (r Rule) text(q *Question, w ruleWords) string {
	unit := w.units[q.Scale]
	if q.Code == "materials" {
		unit = w.materials
	}
	if lim, err := parseBound(q.Scale, r.Max, math.NaN()); r.Max != "" && err == nil && lim == 0 && len(q.Options) > 0 && q.Options[0].Hi == 0 {
		return w.option(q.Options[0]) // "none": 没有书面家庭作业, 0次
	}
	switch {
	case r.Max != "":
		if q.Scale == ScaleClock {
			return w.noLater + r.Max
		}
		return w.le + r.Max + unit
	case r.Min != "":
		if q.Scale == ScaleClock {
			return w.noEarlier + r.Min
		}
		return w.ge + r.Min + unit
	}
	var parts []string
	for _, c := range r.Comply {
		if c >= 1 && c <= len(q.Options) {
			parts = append(parts, w.option(q.Options[c-1]))
		}
	}
	return strings.Join(parts, w.or)
}

// lowerFirst lowers the first letter of a name used inside a sentence ("Sleep time" → "sleep
// time"), but not of an abbreviation ("PE").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// Band returns the band of grade g, or nil.
func (p *Profile) Band(g int) *Band {
	for i := range p.Bands {
		for _, x := range p.Bands[i].Grades {
			if x == g {
				return &p.Bands[i]
			}
		}
	}
	return nil
}

// Indicator returns the indicator with the given code, or nil.
func (p *Profile) Indicator(code string) *Indicator {
	for i := range p.Indicators {
		if p.Indicators[i].Code == code {
			return &p.Indicators[i]
		}
	}
	return nil
}
