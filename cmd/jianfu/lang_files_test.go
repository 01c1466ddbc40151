package main

import (
	"archive/zip"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jianfu-edu/jianfu/demo"
)

// englishDemo is one English report on the demo county, with per-school sheets and SVG charts,
// written once for every test of the files it holds (a report takes seconds).
var englishDemo struct {
	once   sync.Once
	dir    string
	stderr string
	code   ExitCode
}

// englishReport returns the folder of the English demo report.
func englishReport(t *testing.T) string {
	t.Helper()
	englishDemo.once.Do(func() {
		dir, err := os.MkdirTemp("", "jianfu-en-*")
		if err != nil {
			t.Fatal(err)
		}
		englishDemo.dir = filepath.Join(dir, "report")
		var o, e strings.Builder
		englishDemo.code = Main([]string{"--lang", "en", "report", "--per-school", "--svg", "-o", englishDemo.dir}, &IOStreams{Out: &o, ErrOut: &e})
		englishDemo.stderr = e.String()
	})
	if englishDemo.code != ExitOK {
		t.Fatalf("jianfu --lang en report: exit %d\n%s", englishDemo.code, englishDemo.stderr)
	}
	return englishDemo.dir
}

// demoDataValues are the Chinese words of the demo county's data that English output may show: the
// roster's school names and aliases, the county, the names of the demo files, the lesson names of
// its timetables the course plan does not know, and the column (学生编号) a note names.
func demoDataValues(t *testing.T) []string {
	t.Helper()
	vals := []string{"清溪县", "学生编号", "书法"}
	vals = append(vals, demo.Files()...)
	rows, err := readCSV(demo.FS, demo.RosterFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		vals = append(vals, r[1])
		vals = append(vals, strings.Split(r[4], ";")...)
	}
	slices.SortFunc(vals, func(a, b string) int { return len(b) - len(a) })
	return slices.DeleteFunc(vals, func(s string) bool { return s == "" })
}

func readCSV(fsys fs.FS, name string) ([][]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for line := range strings.Lines(strings.TrimPrefix(string(data), "\ufeff")) {
		rows = append(rows, strings.Split(strings.TrimRight(line, "\r\n"), ","))
	}
	return rows, nil
}

var (
	htmlStyle = regexp.MustCompile(`(?s)<style.*?</style>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
	wordText  = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)
	cellText  = regexp.MustCompile(`<t(?: [^>]*)?>([^<]*)</t>`)
	svgText   = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)
	sheetName = regexp.MustCompile(`<sheet [^>]*name="([^"]*)"`)
	hoverText = regexp.MustCompile(`(?:title|alt)="([^"]*)"`)
	hanRun    = regexp.MustCompile(`[\p{Han}（）、：；，。]+`)
)

// htmlText is the text of an HTML file as a reader sees it, one line per tag, and the hover texts
// (title="…") of its cells and images' alt texts.
func htmlText(b []byte) string {
	body := htmlStyle.ReplaceAllString(string(b), "")
	return html.UnescapeString(anyTag.ReplaceAllString(body, "\n")) + matches(hoverText, []byte(body))
}

// matches returns the first group of re's matches in b, one a line, unescaped.
func matches(re *regexp.Regexp, b []byte) string {
	var s strings.Builder
	for _, m := range re.FindAllSubmatch(b, -1) {
		s.WriteString(html.UnescapeString(string(m[1])))
		s.WriteByte('\n')
	}
	return s.String()
}

// zipText returns the text the matcher finds in the members of a zip file whose names match member.
func zipText(t *testing.T, path string, member *regexp.Regexp, text func([]byte) string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out strings.Builder
	for _, f := range zr.File {
		if !member.MatchString(f.Name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString(text(data))
	}
	return out.String()
}

// chineseLeft returns the runs of Chinese left in text once the data values and “quoted” data
// (answers, names not in the roster, open answers) are taken out.
func chineseLeft(text string, vals []string) []string {
	var left []string
	for line := range strings.Lines(text) {
		clean := quotedUnmatched.ReplaceAllString(line, "")
		for _, v := range vals {
			clean = strings.ReplaceAll(clean, v, "")
		}
		for _, run := range hanRun.FindAllString(clean, -1) {
			if regexp.MustCompile(`\p{Han}|[（）、：；，。]`).MatchString(run) {
				left = append(left, strings.TrimSpace(line))
				break
			}
		}
	}
	return left
}

// TestEnglishFilesHaveNoChinese: with --lang en every file of the report is English — the HTML
// report, the Word document's text, the workbook's sheet names and cells, the charts' SVG text and
// each school's feedback sheet; the only Chinese left is data (school names, file names, quoted
// answers), and no full-width bracket, list or colon mark stands around English words.
func TestEnglishFilesHaveNoChinese(t *testing.T) {
	dir := englishReport(t)
	vals := demoDataValues(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sheets, _ := filepath.Glob(filepath.Join(dir, "schools", "*.html"))
	svgs, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if len(sheets) == 0 || len(svgs) == 0 {
		t.Fatalf("the report has %d feedback sheets and %d SVG charts; want some of each", len(sheets), len(svgs))
	}
	files := map[string]func() string{
		"report.html": func() string { return htmlText(read("report.html")) },
		"report.docx": func() string {
			return zipText(t, filepath.Join(dir, "report.docx"), regexp.MustCompile(`^word/(document|footer\d*)\.xml$`), func(b []byte) string { return matches(wordText, b) })
		},
		"tables.xlsx": func() string {
			return zipText(t, filepath.Join(dir, "tables.xlsx"), regexp.MustCompile(`^xl/(sharedStrings|workbook|worksheets/.*)\.xml$`), func(b []byte) string {
				return matches(cellText, b) + matches(sheetName, b)
			})
		},
		"charts (SVG)": func() string {
			var s strings.Builder
			for _, p := range svgs {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				s.WriteString(matches(svgText, b))
			}
			return s.String()
		},
		"feedback sheets": func() string {
			var s strings.Builder
			for _, p := range sheets {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				s.WriteString(htmlText(b))
			}
			return s.String()
		},
	}
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			txt := text()
			if !strings.Contains(txt, "School") && !strings.Contains(txt, "school") {
				t.Fatalf("%s holds no English text: the test reads the wrong part", name)
			}
			left := chineseLeft(txt, vals)
			for i, l := range left {
				if i == 20 {
					t.Errorf("… and %d more", len(left)-i)
					break
				}
				t.Errorf("Chinese in English %s: %q", name, l)
			}
		})
	}
}
