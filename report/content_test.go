package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// A small county whose numbers are known by hand, to check what the report says, not only that it
// exists. Indicator phones (S23: options 1-2 comply, 3 violates, every grade):
//
//	甲中学 (初中): 40 grade-7 answers, 20 comply, 20 violate → 50.0% complying, 50% violating with 20
//	        violators; one class, so the Wilson interval: its violation lower bound 35.2% ≥ 20%:
//	        confirmed (需整改);
//	乙中学 (初中): 8 grade-7 answers, 6 comply, 2 violate → 75.0% but n = 8 < min_n 10: suppressed, "—";
//	丙中学 (初中): 20 grade-7 answers, 19 comply, 1 violates → 95.0%, n < small_n 30: "95.0*";
//	丁学校 (九年一贯制): 12 grade-5 and 8 grade-8 answers, all complying with phones. Homework
//	        (S8): grade 5 all 30-60分钟 (mean 45, limit 60); grade 8: 6 × 60-90分钟, 2 × 90-120分钟 →
//	        75.0% complying, mean (6·75 + 2·105)/8 = 82.5, but n = 8 < 10: suppressed in that band.
//
// Every other choice question is answered with option 1. County phones: 65 of 88 comply = 73.9%.
const (
	flaggedSchool    = "甲中学"
	suppressedSchool = "乙中学"
	smallSchool      = "丙中学"
	nineSchool       = "丁学校"
)

func contentResults(t testing.TB) *analysis.Results {
	t.Helper()
	qs := surveys.Builtins()
	q := qs[0]
	p, _, err := surveys.LoadProfile("national-2021", qs...)
	if err != nil {
		t.Fatal(err)
	}
	schools := []surveys.School{
		{Code: "A", Name: flaggedSchool, Stage: surveys.StageJunior, Locale: "城区"},
		{Code: "B", Name: suppressedSchool, Stage: surveys.StageJunior, Locale: "城区"},
		{Code: "C", Name: smallSchool, Stage: surveys.StageJunior, Locale: "乡村"},
		{Code: "D", Name: nineSchool, Stage: surveys.StageNine, Locale: "乡村"},
	}
	for i := range schools {
		for g := range schools[i].Enrolment {
			schools[i].Enrolment[g] = -1
		}
	}
	d := &surveys.Dataset{Questionnaire: q, Schools: schools, Answers: make([][]surveys.Answer, len(q.Questions)), Files: []string{"synthetic"}}
	phones, homework := q.Index("phones"), q.Index("homework_time")
	// add appends n respondents of a school and grade answering phones with ph and homework with hw.
	add := func(school, grade int, ph, hw surveys.Answer, n int) {
		k := surveys.ClassKey{School: uint16(school), Grade: uint8(grade), Label: "1"}
		ci := slices.Index(d.Classes, k)
		if ci < 0 {
			ci = len(d.Classes)
			d.Classes = append(d.Classes, k)
		}
		for range n {
			d.School = append(d.School, uint16(school))
			d.Grade = append(d.Grade, uint8(grade))
			d.Class = append(d.Class, uint32(ci))
			for j := range q.Questions {
				if q.Questions[j].Kind != surveys.KindChoice {
					continue
				}
				v := surveys.Answer(1)
				switch j {
				case phones:
					v = ph
				case homework:
					v = hw
				}
				d.Answers[j] = append(d.Answers[j], v)
			}
		}
	}
	add(0, 7, 1, 1, 20)
	add(0, 7, 3, 1, 20)
	add(1, 7, 1, 1, 6)
	add(1, 7, 3, 1, 2)
	add(2, 7, 2, 1, 19)
	add(2, 7, 3, 1, 1)
	add(3, 5, 1, 3, 12)
	add(3, 8, 1, 4, 6)
	add(3, 8, 1, 5, 2)
	r, err := analysis.Analyze(analysis.Input{Datasets: []*surveys.Dataset{d}, Schools: schools, Profile: p, Term: "2026年春季学期",
		Accounting: map[string]analysis.Accounting{"student": {Read: 88, Used: 88}}, RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestContentResults checks the hand-made county's analysis is what the comment above says, so the
// report checks below test the report and not the input.
func TestContentResults(t *testing.T) {
	r := contentResults(t)
	ir := r.Indicator("phones", "student")
	want := map[string]struct {
		comply, n         int
		flagged, suppr, s bool
	}{
		flaggedSchool:    {20, 40, true, false, false},
		suppressedSchool: {6, 8, false, true, true},
		smallSchool:      {19, 20, false, false, true},
		// 九年一贯制: one unit per stage.
		nineSchool + "（小学部）": {12, 12, false, false, true},
		nineSchool + "（初中部）": {8, 8, false, true, true},
	}
	if len(ir.Schools) != len(want) {
		t.Errorf("%d units, want %d", len(ir.Schools), len(want))
	}
	for _, sr := range ir.Schools {
		w := want[sr.Name]
		if sr.Comply != w.comply || sr.Judged() != w.n || sr.Flagged != w.flagged || sr.Suppressed != w.suppr || sr.Small != w.s {
			t.Errorf("%s: %+v, want %+v", sr.Name, sr.Estimate, w)
		}
	}
	if ir.Overall.Comply != 65 || ir.Overall.Judged() != 88 {
		t.Errorf("county %+v, want 65 of 88", ir.Overall)
	}
	hw := r.Indicator("homework_time", "student")
	for _, sr := range hw.Schools {
		if sr.Name != nineSchool+"（初中部）" {
			continue
		}
		if len(sr.Homework) != 1 || sr.Homework[0].Band != "7-9" || sr.Homework[0].N != 8 || sr.Homework[0].Minutes != 82.5 || sr.Homework[0].Share != 0.75 || !sr.Homework[0].Suppressed {
			t.Errorf("%s homework %+v, want 7-9: n 8, 82.5 minutes, 75%% complying, suppressed", sr.Name, sr.Homework)
		}
	}
}

// htmlText strips tags and decodes the few entities html/template writes, for searching the words a
// reader sees.
func htmlText(h []byte) string {
	s := regexp.MustCompile(`(?s)<style>.*?</style>|<img [^>]*>`).ReplaceAllString(string(h), "")
	s = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, "\t")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'").Replace(s)
}

// htmlRows returns the table rows of the HTML as cell texts, with each cell's class and title.
type htmlCell struct{ class, title, text string }

func htmlRows(h []byte) [][]htmlCell {
	var rows [][]htmlCell
	cellRe := regexp.MustCompile(`<td class="([^"]*)"(?: title="([^"]*)")?>([^<]*)</td>`)
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(string(h), -1) {
		var row []htmlCell
		for _, m := range cellRe.FindAllStringSubmatch(tr[1], -1) {
			row = append(row, htmlCell{strings.TrimSpace(m[1]), m[2], m[3]})
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

func TestReportHTMLContent(t *testing.T) {
	r := contentResults(t)
	out := render(t, r)
	text := htmlText(out.html)
	rows := htmlRows(out.html)

	// The suppressed school's share (75.0) and interval never appear in a row about it, and every
	// cell that carries the 不报告 reason shows "—".
	for _, row := range rows {
		for _, c := range row {
			if strings.Contains(c.title, "不报告") && c.text != "—" {
				t.Errorf("cell %q has the tooltip %q: a suppressed cell must show —", c.text, c.title)
			}
		}
		// 丁学校's 7-9 homework row: n = 8, so neither its mean, interval nor share is shown.
		if row[0].text == nineSchool+"（初中部）" && len(row) == 8 && row[1].text == "初中" {
			for _, c := range []htmlCell{row[3], row[4], row[7]} {
				if c.text != "—" || !strings.Contains(c.title, "不报告") {
					t.Errorf("%s 初中 homework row %+v: mean, interval and share must be — with the reason (n = 8 < 10)", nineSchool, row)
				}
			}
			if row[6].text != "样本不足，无法判定" || strings.Contains(row[6].class, "flag") {
				t.Errorf("%s 初中 homework row %+v: no verdict on 8 answers", nineSchool, row)
			}
		}
		if row[0].text == suppressedSchool {
			for _, c := range row[1:] {
				if regexp.MustCompile(`\d+\.\d`).MatchString(c.text) {
					t.Errorf("row of %s shows %q: its shares are suppressed (n = 8 < 10)", suppressedSchool, c.text)
				}
			}
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, suppressedSchool) && strings.Contains(line, "75.0") {
			t.Errorf("a line names %s with its suppressed share: %q", suppressedSchool, strings.TrimSpace(line))
		}
	}
	// The flag: the flagged school is named as flagged, with its share, and the standard's wording.
	ind := r.Profile.Indicator("phones")
	for _, want := range []string{
		flaggedSchool,
		ind.Standard, // the standard in words, as the profile quotes it
		"66.2",       // 七年级: 45 / 68 = 66.18%
		analysis.Pct(r.Profile.FlagThreshold) + "%", // the flag threshold as the method states it
		"可判定的回答少于10",                                // the suppression rule with the profile's min_n
		"少于30",                                      // and small_n
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report.html does not say %q", want)
		}
	}
	// Table 2's row for phones: county share, n, one confirmed school (the count cell marked), none possible.
	var found bool
	for _, row := range rows {
		if len(row) == 9 && row[0].text == ind.Name && row[1].text == "学生" {
			found = true
			if row[3].text != ind.Standard || row[4].text != "73.9" || row[6].text != "88" || row[7].text != "1" || !strings.Contains(row[7].class, "flag") || row[8].text != "0" {
				t.Errorf("table 2 row %+v; want standard, 73.9, n 88, 1 confirmed school marked, 0 possible", row)
			}
		}
	}
	if !found {
		t.Errorf("table 2 has no row for %s", ind.Name)
	}
	if !strings.Contains(text, flaggedSchool) || !regexp.MustCompile(flaggedSchool+`[^\n]*`+ind.Name).MatchString(text) {
		t.Errorf("report.html does not name %s with the indicator %s it is flagged on", flaggedSchool, ind.Name)
	}
}

func TestTablesXLSXContent(t *testing.T) {
	r := contentResults(t)
	out := render(t, r)
	f, err := excelize.OpenReader(bytes.NewReader(out.xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ind := r.Profile.Indicator("phones")
	// Overview: one column per indicator, a school per row.
	rows, err := f.GetRows("总览")
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for j, h := range rows[0] {
		if strings.HasPrefix(h, ind.Name+"（") {
			col = j
		}
	}
	if col < 0 {
		t.Fatalf("overview header %v has no %s column", rows[0], ind.Name)
	}
	want := map[string]string{flaggedSchool: "50", suppressedSchool: "—", smallSchool: "95"}
	for _, row := range rows[1:] {
		if w, ok := want[row[1]]; ok {
			if row[col] != w {
				t.Errorf("overview %s %s = %q, want %q", row[1], ind.Name, row[col], w)
			}
			delete(want, row[1])
		}
	}
	if len(want) > 0 {
		t.Errorf("overview has no row for %v", want)
	}
	// The indicator's sheet: n, complying, share and interval, flag, and the reason for "—".
	var sheet string
	for _, s := range f.GetSheetList() {
		if strings.HasPrefix(s, ind.Name+"-") {
			sheet = s
		}
	}
	rows, err = f.GetRows(sheet)
	if err != nil || len(rows) < 5 {
		t.Fatalf("sheet %q: %v, %d rows", sheet, err, len(rows))
	}
	// Columns (named after results.json): 0 code, 1 name, 2 stage, 3 n_valid, 4-7 missing, invalid,
	// not applicable, undecidable, 8 n_comply, 9 p, 10 interval, 11-12 ci, 13-14 wilson, 15 n_eff,
	// 16 deff, 17-18 bounds, 19 flag, 20 vs county, 21 note.
	for _, row := range rows[1:] {
		for len(row) < 22 {
			row = append(row, "")
		}
		switch row[1] {
		case suppressedSchool:
			if row[3] != "8" || row[8] != "—" || row[9] != "—" || row[11] != "—" || row[12] != "—" || row[19] != "样本不足，无法判定" || !strings.Contains(row[21], "样本不足") {
				t.Errorf("%s row %q: want n 8, — for complying, share and interval, the reason", suppressedSchool, row)
			}
			if strings.Contains(strings.Join(row, "|"), "75") {
				t.Errorf("%s row %q shows the suppressed share", suppressedSchool, row)
			}
		case flaggedSchool:
			if row[3] != "40" || row[8] != "20" || row[9] != "50" || row[10] != "wilson" || row[19] != "需整改" {
				t.Errorf("%s row %q: want n 40, 20 complying, 50, wilson, 需整改", flaggedSchool, row)
			}
			// The flag shows as a style too.
			cell, _ := excelize.CoordinatesToCellName(20, rowIndex(rows, flaggedSchool)+1)
			if st, _ := f.GetCellStyle(sheet, cell); st == 0 {
				t.Errorf("%s flag cell %s has no style", flaggedSchool, cell)
			}
		case smallSchool:
			if row[3] != "20" || row[9] != "95" || !strings.Contains(row[21], "样本不足") {
				t.Errorf("%s row %q: want n 20, 95 and 样本不足", smallSchool, row)
			}
		case "全县":
			if row[3] != "88" || row[8] != "65" || row[9] != "73.9" {
				t.Errorf("county row %q: want 88, 65, 73.9", row)
			}
		}
	}
}

func rowIndex(rows [][]string, name string) int {
	for i, r := range rows {
		if len(r) > 1 && r[1] == name {
			return i
		}
	}
	return -1
}

func TestResultsJSONContent(t *testing.T) {
	r := contentResults(t)
	out := render(t, r)
	var res ResultsJSON
	if err := json.Unmarshal(out.json, &res); err != nil {
		t.Fatal(err)
	}
	for _, ij := range res.Indicators {
		if ij.Code != "phones" {
			continue
		}
		for _, s := range ij.Schools {
			switch s.Name {
			case suppressedSchool:
				if !s.Suppressed || s.P != nil || s.CILow != nil || s.CIHigh != nil || s.Flagged {
					t.Errorf("%s: %+v; a suppressed cell carries no share or interval", s.Name, s)
				}
			case flaggedSchool:
				if !s.Flagged || s.Flag != "confirmed" || s.P == nil || *s.P != 0.5 || s.NValid != 40 {
					t.Errorf("%s: %+v; want confirmed, p 0.5, n 40", s.Name, s)
				}
			case smallSchool:
				if !s.Small || s.Suppressed || s.P == nil || *s.P != 0.95 {
					t.Errorf("%s: %+v; want small, p 0.95", s.Name, s)
				}
			}
		}
		return
	}
	t.Error("results.json has no phones indicator")
}

// TestChartContent checks the phones chart of the hand-made county: 甲中学's bar in the warning colour
// (its bar and value; plus the legend), the others not, and 乙中学 as "—" with the reason, no bar.
func TestChartContent(t *testing.T) {
	r := contentResults(t)
	_, charts, err := Build(r, DataQuality{}, Options{SVG: true})
	if err != nil {
		t.Fatal(err)
	}
	var svg string
	for _, c := range charts {
		if strings.HasSuffix(c.File, "_phones_student.svg") {
			svg = string(c.PNG)
		}
	}
	if svg == "" {
		t.Fatal("no SVG of the phones chart")
	}
	if got := strings.Count(svg, "fill:#C8413E"); got != 3 {
		t.Errorf("%d elements in the warning colour, want 3: legend, 甲中学's bar and its value", got)
	}
	if got := strings.Count(svg, "fill:#3B6EA8"); got != 3 {
		t.Errorf("%d elements in the bar colour, want 3: legend, 丙中学 and 丁学校", got)
	}
	for _, want := range []string{">50.0%<", ">95.0%<", ">100.0%<", "样本不足，无法判定", ">n=40<", ">n=8<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the phones chart has no text %s", want)
		}
	}
	if strings.Count(svg, ">75.0%<") != 0 {
		t.Errorf("75.0 appears %d times in the chart; 乙中学's share is suppressed", strings.Count(svg, ">75.0%<"))
	}
}

// docxRows returns the table rows of word/document.xml as cell texts, each marked when it has the
// flag shading.
func docxRows(body string) [][]htmlCell {
	var rows [][]htmlCell
	textRe := regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)
	for _, tr := range regexp.MustCompile(`(?s)<w:tr[ >].*?</w:tr>`).FindAllString(body, -1) {
		var row []htmlCell
		for _, tc := range regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`).FindAllString(tr, -1) {
			var text strings.Builder
			for _, m := range textRe.FindAllStringSubmatch(tc, -1) {
				text.WriteString(m[1])
			}
			c := htmlCell{text: strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(text.String())}
			if strings.Contains(tc, `w:fill="FBE3E1"`) {
				c.class = "flag"
			}
			row = append(row, c)
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// TestReportDOCXContent checks report.docx says what report.html says about the hand-made county:
// the same document model, rendered by another writer.
func TestReportDOCXContent(t *testing.T) {
	r := contentResults(t)
	doc, _, err := Build(r, DataQuality{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	body := docxPart(t, buf.Bytes(), "word/document.xml")
	rows := docxRows(body)
	ind := r.Profile.Indicator("phones")
	var table2, homework bool
	for _, row := range rows {
		switch {
		case len(row) == 9 && row[0].text == ind.Name && row[1].text == "学生":
			table2 = true
			if row[3].text != ind.Standard || row[4].text != "73.9" || row[6].text != "88" || row[7].text != "1" || row[7].class != "flag" {
				t.Errorf("docx table 2 row %+v; want standard, 73.9, n 88 and 1 confirmed school shaded", row)
			}
		case len(row) == 8 && row[0].text == nineSchool+"（初中部）" && row[1].text == "初中":
			homework = true
			if row[3].text != "—" || row[7].text != "—" || row[6].text != "样本不足，无法判定" {
				t.Errorf("docx homework row %+v of %s 初中 (n = 8): want — for mean and share, no verdict", row, nineSchool)
			}
		case row[0].text == suppressedSchool:
			for _, c := range row[1:] {
				if regexp.MustCompile(`\d+\.\d`).MatchString(c.text) {
					t.Errorf("docx row of %s shows %q: its shares are suppressed", suppressedSchool, c.text)
				}
			}
		}
	}
	if !table2 || !homework {
		t.Errorf("docx: table 2 phones row found %v, 丁学校 homework row found %v", table2, homework)
	}
	var text strings.Builder
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(body, -1) {
		text.WriteString(m[1])
	}
	if !strings.Contains(text.String(), ind.Standard) || !regexp.MustCompile(flaggedSchool+`[^。]*`+ind.Name).MatchString(text.String()) {
		t.Errorf("report.docx does not quote the standard or name %s with %s", flaggedSchool, ind.Name)
	}
}
