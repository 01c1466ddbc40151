package main

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

// langScenarios are the runs an office or a researcher makes on a real working folder: a report
// on a folder holding the exports beside notes, a document, the project file, last run's
// rejects.csv and report folder; a file with a typo'd 2062 date; a workbook with two
// questionnaire sheets; init in an empty folder and in one that already has a project; demo.
// Each returns the command's arguments (without --lang).
func langScenarios(t *testing.T) (dataDir string, runs map[string][]string) {
	t.Helper()
	dir := workingFolder(t)
	tmp := t.TempDir()
	data, err := os.ReadFile(filepath.Join(casesDir, "utf8_bom_csv", "家长问卷.csv"))
	if err != nil {
		t.Fatal(err)
	}
	typo := filepath.Join(tmp, "家长问卷.csv")
	os.WriteFile(typo, []byte(strings.Replace(string(data), "2,2026/06/21", "2,2062/06/21", 1)), 0o644)
	empty := filepath.Join(tmp, "空文件夹")
	os.Mkdir(empty, 0o755)
	return dir, map[string][]string{
		"report working folder": {"report", "-o", filepath.Join(tmp, "r1"), dir},
		"report typo date":      {"report", "-o", filepath.Join(tmp, "r2"), "--roster", rosterCSV, typo},
		"report two sheets":     {"report", "-o", filepath.Join(tmp, "r3"), filepath.Join(casesDir, "xls_two_questionnaire_sheets", "学生问卷.xls")},
		"check working folder":  {"check", "-o", filepath.Join(tmp, "c1"), dir},
		"check demo":            {"check", "-o", filepath.Join(tmp, "c2")},
		"init":                  {"init", empty},
		"init existing project": {"init", dir},
		"demo":                  {"demo", "-o", filepath.Join(tmp, "示例")},
		"demo without -o":       {"demo"},
		"roster draft":          {"roster", "--from", dir, "-o", filepath.Join(tmp, "名册.csv")},
		"template":              {"template", "student", "-o", filepath.Join(tmp, "录入表.xlsx")},
	}
}

// dataValues are the Chinese words from the data that may appear in English output: school names
// and aliases of both rosters, the names of the files and folders read, the roster's columns
// (学校名称, 学段, 别名) named in advice, and the example header quoted in the not-a-questionnaire reason.
func dataValues(t *testing.T, dir string) []string {
	t.Helper()
	vals := []string{"清溪县", "别名", "学校名称", "学段", "“1、你就读的学校是？”", "七年级", "八年级", "清河一中", "清河县第一中学"}
	for _, open := range []func() (fs.File, error){
		func() (fs.File, error) { return demo.FS.Open(demo.RosterFile) },
		func() (fs.File, error) { return os.Open(rosterCSV) },
	} {
		f, err := open()
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			vals = append(vals, r[1])
			vals = append(vals, strings.Split(r[4], ";")...)
		}
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		vals = append(vals, e.Name())
	}
	vals = append(vals, "学生问卷.xls", "家长问卷.csv", "空文件夹", "示例", "名册.csv", "录入表.xlsx", "城乡", "备注")
	// Longest first, so that a name is removed before a shorter name inside it.
	slices.SortFunc(vals, func(a, b string) int { return len(b) - len(a) })
	return slices.DeleteFunc(vals, func(s string) bool { return s == "" })
}

// quotedUnmatched are the names in the answers that no roster holds, always shown in “quotes”.
var quotedUnmatched = regexp.MustCompile(`“[^”]*”`)

// TestEnglishOutputHasNoChinese: with --lang en every line on screen is English; the only Chinese
// left is data (school names, file names, the roster's column name, quoted answers).
func TestEnglishOutputHasNoChinese(t *testing.T) {
	dir, runs := langScenarios(t)
	vals := dataValues(t, dir)
	han := regexp.MustCompile(`\p{Han}`)
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			var o, e strings.Builder
			Main(append([]string{"--lang", "en"}, args...), &IOStreams{Out: &o, ErrOut: &e})
			for line := range strings.Lines(o.String() + e.String()) {
				clean := line
				for _, v := range vals {
					clean = strings.ReplaceAll(clean, v, "")
				}
				clean = quotedUnmatched.ReplaceAllString(clean, "")
				if han.MatchString(clean) {
					t.Errorf("Chinese in English output: %q", strings.TrimSpace(line))
				}
			}
		})
	}
}

// englishWord is a word of three or more Latin letters.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// TestChineseOutputHasNoEnglish: in Chinese (the default) no message has English words; what may
// be Latin is a path, a file ending, an option name, a command, a project file key, or a format's name.
func TestChineseOutputHasNoEnglish(t *testing.T) {
	_, runs := langScenarios(t)
	allowed := regexp.MustCompile(`(?:/[^\s：，；）（“”]*)|--?[a-z-]+|\.[a-z]{3,4}\b|（[a-z]{3,4}）|\bjianfu(?:\.yaml)?\b|\b(?:rejects\.csv|results\.json|YAML|Excel|CSV|UTF-8|BOM|GB18030|IP|Sheet\d|docx|roster|report|init|demo|check|help|term|FILES|national-\d+)\b`)
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			var o, e strings.Builder
			Main(args, &IOStreams{Out: &o, ErrOut: &e})
			for line := range strings.Lines(o.String() + e.String()) {
				if w := englishWord.FindString(allowed.ReplaceAllString(line, "")); w != "" {
					t.Errorf("English %q in Chinese output: %q", w, strings.TrimSpace(line))
				}
			}
		})
	}
}
