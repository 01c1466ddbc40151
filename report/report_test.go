package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

func results(t testing.TB, schools []surveys.School, n int) *analysis.Results {
	t.Helper()
	qs := surveys.Builtins()
	p, _, err := surveys.LoadProfile("national-2021", qs...)
	if err != nil {
		t.Fatal(err)
	}
	ds := []*surveys.Dataset{synth.Dataset(qs[0], schools, n, 1), synth.Dataset(qs[1], schools, n, 2)}
	r, err := analysis.Analyze(analysis.Input{Datasets: ds, Schools: schools, Profile: p, Term: "2026年春季学期",
		Accounting: map[string]analysis.Accounting{"student": {Read: n, Used: n}, "parent": {Read: n, Used: n}}, RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type outputs struct{ html, json, xlsx, docx []byte }

func render(t testing.TB, r *analysis.Results) outputs {
	t.Helper()
	doc, _, err := Build(r, DataQuality{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var h, j, x, d bytes.Buffer
	if err := WriteHTML(&h, doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteDOCX(&d, doc); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&j, r, DataQuality{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTables(&x, r, analysis.Chinese); err != nil {
		t.Fatal(err)
	}
	return outputs{h.Bytes(), j.Bytes(), x.Bytes(), d.Bytes()}
}

func TestDeterministic(t *testing.T) {
	r := results(t, synth.Schools(13), 3000)
	a, b := render(t, r), render(t, r)
	if !bytes.Equal(a.html, b.html) || !bytes.Equal(a.json, b.json) || !bytes.Equal(a.xlsx, b.xlsx) || !bytes.Equal(a.docx, b.docx) {
		t.Error("two renders of the same results differ")
	}
}

// TestHostileNames: a school name is data; in HTML it must be text, in the workbook never a formula.
func TestHostileNames(t *testing.T) {
	schools := synth.Schools(3)
	schools[0].Name = `<script>alert(1)</script>`
	schools[1].Name = `=HYPERLINK("http://example.com","点我")`
	schools[2].Code = "@SUM(A1)"
	out := render(t, results(t, schools, 600))
	if bytes.Contains(out.html, []byte("<script>alert")) {
		t.Error("report.html contains the school name as markup")
	}
	if !bytes.Contains(out.html, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("report.html does not show the school name as text")
	}
	if doc := docxPart(t, out.docx, "word/document.xml"); !strings.Contains(doc, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("report.docx does not show the school name as text")
	}
	f, err := excelize.OpenReader(bytes.NewReader(out.xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("总览")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, row := range rows[1:] {
		names = append(names, row[0], row[1])
	}
	joined := strings.Join(names, "|")
	if !strings.Contains(joined, `'=HYPERLINK(`) || !strings.Contains(joined, `'@SUM(A1)`) {
		t.Errorf("formula-like names not neutralised in tables.xlsx: %s", joined)
	}
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for i := range rows {
			for j := range rows[i] {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sh, cell); fm != "" {
					t.Errorf("sheet %s cell %s has a formula %q", sh, cell, fm)
				}
			}
		}
	}
}

func TestResultsJSONSchema(t *testing.T) {
	r := results(t, synth.Schools(5), 1000)
	out := render(t, r)
	var got struct {
		Profile        string `json:"profile"`
		Term           string `json:"term"`
		Questionnaires map[string]struct {
			Read, Used, Rejected *int
		} `json:"questionnaires"`
		Indicators []struct {
			Code, Questionnaire, Kind string
			Overall                   map[string]any
			Schools                   []map[string]any
		} `json:"indicators"`
	}
	if err := json.Unmarshal(out.json, &got); err != nil {
		t.Fatal(err)
	}
	if got.Profile != "national-2021" || got.Term != "2026年春季学期" {
		t.Errorf("profile %q term %q", got.Profile, got.Term)
	}
	if q := got.Questionnaires["student"]; q.Read == nil || *q.Used != 1000 {
		t.Errorf("questionnaires.student = %+v", q)
	}
	// 16 student indicators and 6 parent ones: one entry per indicator and questionnaire.
	if len(got.Indicators) != 22 {
		t.Errorf("%d indicators, want 22", len(got.Indicators))
	}
	for _, ind := range got.Indicators {
		for _, k := range []string{"n_valid", "n_missing", "n_invalid", "n_comply", "p", "ci_low", "ci_high"} {
			if _, ok := ind.Overall[k]; !ok {
				t.Fatalf("%s overall has no %s", ind.Code, k)
			}
		}
		if p, ok := ind.Overall["p"].(float64); !ok || p < 0 || p > 1 {
			t.Errorf("%s overall p = %v, want a fraction", ind.Code, ind.Overall["p"])
		}
		for _, s := range ind.Schools {
			for _, k := range []string{"code", "name", "n_valid", "flagged", "suppressed", "ci_low", "ci_high"} {
				if _, ok := s[k]; !ok {
					t.Fatalf("%s school has no %s", ind.Code, k)
				}
			}
		}
	}
	for _, bad := range []string{"IP", "学生编号", "Row"} {
		if bytes.Contains(out.json, []byte(bad)) {
			t.Errorf("results.json mentions %q", bad)
		}
	}
}

// TestScreenshot renders report.html in headless Chromium and checks the page is not blank. It skips
// where Chromium is not installed (.ci/run installs it).
func TestScreenshot(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	dir := t.TempDir()
	out := render(t, results(t, synth.Schools(13), 3000))
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, out.html, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"), "--hide-scrollbars",
		"--window-size=1000,1400", "--screenshot="+shot, "file://"+page)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bb, _ := img.At(x, y).RGBA()
			if r+g+bb < 3*0x8000 {
				dark++
			}
		}
	}
	if dark < 2000 {
		t.Errorf("screenshot looks blank: %d dark pixels", dark)
	}
}

// BenchmarkReport goes from typed data of 1,000,000 students (and as many parents) to every output,
// charts included.
func BenchmarkReport(b *testing.B) {
	schools := synth.Schools(60)
	r := results(b, schools, 1_000_000)
	qs := surveys.Builtins()
	p := r.Profile
	ds := []*surveys.Dataset{synth.Dataset(qs[0], schools, 1_000_000, 1)}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		rr, err := analysis.Analyze(analysis.Input{Datasets: ds, Schools: schools, Profile: p, Term: "t"})
		if err != nil {
			b.Fatal(err)
		}
		render(b, rr)
	}
}

// TestTablesWorkbook: tables.xlsx holds the county row, every breakdown, homework means, response rates,
// answer distributions and students beside parents, as numbers, with readable column widths.
func TestTablesWorkbook(t *testing.T) {
	r := results(t, synth.Schools(5), 1000)
	out := render(t, r)
	f, err := excelize.OpenReader(bytes.NewReader(out.xlsx))
	if err != nil {
		t.Fatal(err)
	}
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	for _, want := range []string{"总览", "分组（学段、年级、城乡）", "作业平均时长", "应答率", "选项分布", "学生与家长"} {
		if !sheets[want] {
			t.Errorf("no sheet %s in %v", want, f.GetSheetList())
		}
	}
	if v, _ := f.GetCellValue("总览", "B2"); v != "全县" {
		t.Errorf("overview row 2 is %q, want the county", v)
	}
	if v, _ := f.GetCellValue("总览", "D2"); v != fmt.Sprint(round1(100*r.Indicators[0].Overall.P)) {
		t.Errorf("county %s = %q, want %v", r.Indicators[0].Indicator.Code, v, round1(100*r.Indicators[0].Overall.P))
	}
	rows, _ := f.GetRows("分组（学段、年级、城乡）")
	want := 1
	for _, ir := range r.Indicators {
		want += len(ir.Bands) + len(ir.Grades) + len(ir.Locales)
		for _, sr := range ir.Schools {
			want += len(sr.Bands)
		}
	}
	if len(rows) != want {
		t.Errorf("groups sheet has %d rows, want %d", len(rows), want)
	}
	if typ, _ := f.GetCellType("选项分布", "I2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("counts are stored as text")
	}
	if w, _ := f.GetColWidth("应答率", "B"); w < 20 {
		t.Errorf("school name column %v wide", w)
	}
}

// TestResultsJSONStudentParent: results.json carries students beside parents, one entry per indicator
// both questionnaires ask, with the county difference equal to the analysis.
func TestResultsJSONStudentParent(t *testing.T) {
	r := results(t, synth.Schools(5), 1000)
	out := render(t, r)
	var got struct {
		StudentParent []struct {
			Indicator string `json:"indicator"`
			County    struct {
				Diff *float64 `json:"diff"`
			} `json:"county"`
			Schools []map[string]any `json:"schools"`
			Paired  *struct{}        `json:"paired"`
		} `json:"student_parent"`
	}
	if err := json.Unmarshal(out.json, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.StudentParent) == 0 || len(got.StudentParent) != len(r.StudentParent) {
		t.Fatalf("%d entries, want %d", len(got.StudentParent), len(r.StudentParent))
	}
	for i, c := range got.StudentParent {
		want := r.StudentParent[i]
		if c.Indicator != want.Indicator.Code || c.County.Diff == nil || *c.County.Diff != want.County.D || len(c.Schools) != len(want.Schools) || c.Paired != nil {
			t.Errorf("entry %d: %+v, want %s with diff %v", i, c, want.Indicator.Code, want.County.D)
		}
	}
}
