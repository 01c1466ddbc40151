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
//	甲中学 (初中): 40 grade-7 answers, 10 comply, 30 violate → 25.0% complying; 75% violating with 30
//	        violators: flagged (even the 95% interval's lower end is far above 20%);
//	乙中学 (初中): 8 grade-7 answers, 6 comply, 2 violate → 75.0% but n = 8 < min_n 10: suppressed, "—";
//	丙中学 (初中): 20 grade-7 answers, 19 comply, 1 violates → 95.0%, n < small_n 30: "95.0*";
//	丁学校 (九年一贯制, reported as 小学部 and 初中部): 12 grade-5 and 8 grade-8 answers, all complying with phones. Homework
//	        (S8): grade 5 all 30-60分钟 (mean 45, limit 60); grade 8: 6 × 60-90分钟, 2 × 90-120分钟 →
//	        75.0% complying, mean (6·75 + 2·105)/8 = 82.5, but n = 8 < 10: suppressed in that band.
//
// Every other choice question is answered with option 1. County phones: 55 of 88 comply = 62.5%.
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
	add(0, 7, 1, 1, 10)
	add(0, 7, 3, 1, 30)
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
	// Reporting units: a school per stage (standards.md), so 丁学校 is two units.
	want := map[string]struct {
		comply, n         int
		flagged, suppr, s bool
	}{
		flaggedSchool:        {10, 40, true, false, false},
		suppressedSchool:     {6, 8, false, true, true},
		smallSchool:          {19, 20, false, false, true},
		nineSchool + "（小学部）": {12, 12, false, false, true},
		nineSchool + "（初中部）": {8, 8, false, true, true},
	}
	if len(ir.Schools) != len(want) {
		t.Errorf("%d units, want %d", len(ir.Schools), len(want))
	}
	for _, sr := range ir.Schools {
		w, ok := want[sr.Name]
		if !ok || sr.Comply != w.comply || sr.Judged() != w.n || sr.Flagged != w.flagged || sr.Suppressed != w.suppr || sr.Small != w.s {
			t.Errorf("%s: %+v, want %+v", sr.Name, sr.Estimate, w)
		}
	}
	if ir.Overall.Comply != 55 || ir.Overall.Judged() != 88 {
		t.Errorf("county %+v, want 55 of 88", ir.Overall)
	}
	hw := r.Indicator("homework_time", "student")
	found := false
	for _, sr := range hw.Schools {
		if sr.Name != nineSchool+"（初中部）" {
			continue
		}
		found = true
		if h := sr.Homework; len(h) != 1 || h[0].Band != "7-9" || h[0].N != 8 || h[0].Minutes != 82.5 || h[0].Share != 0.75 || !h[0].Suppressed {
			t.Errorf("%s homework %+v, want 7-9: n 8, 82.5 minutes, 75%% complying, suppressed", sr.Name, sr.Homework)
		}
	}
	if !found {
		t.Errorf("no homework result for %s（初中部）", nineSchool)
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
	homework := false
	for _, row := range rows {
		for _, c := range row {
			if strings.Contains(c.title, "不报告") && c.text != "—" {
				t.Errorf("cell %q has the tooltip %q: a suppressed cell must show —", c.text, c.title)
			}
		}
		// 丁学校's 7-9 homework row (n = 8): neither its mean (82.5) nor its share (75.0) is shown, nor a
		// verdict; the cells say — with the reason.
		if strings.HasPrefix(row[0].text, nineSchool) && hasCell(row, "初中") && hasCell(row, "8") {
			homework = true
			checkSuppressedRow(t, "HTML homework row of "+nineSchool+" 初中", row, "82", "83", "75")
		}
		if row[0].text == suppressedSchool {
			checkSuppressedRow(t, "HTML row of "+suppressedSchool, row, "75")
		}
	}
	if !homework {
		t.Errorf("report.html has no homework row for %s 初中", nineSchool)
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, suppressedSchool) && strings.Contains(line, "75.0") {
			t.Errorf("a line names %s with its suppressed share: %q", suppressedSchool, strings.TrimSpace(line))
		}
	}
	// The flag: the flagged school is named as flagged, and the standard's wording and the rules.
	ind := r.Profile.Indicator("phones")
	for _, want := range []string{
		ind.Standard, // the standard in words, as the profile quotes it
		analysis.Pct(r.Profile.FlagThreshold) + "%", // the flag threshold as the method states it
		"少于10", // the suppression rule with the profile's min_n
		"少于30", // and small_n
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report.html does not say %q", want)
		}
	}
	checkTable2(t, "report.html", rows, ind)
	if !regexp.MustCompile(flaggedSchool + `[^\n]*` + ind.Name).MatchString(text) {
		t.Errorf("report.html does not name %s with the indicator %s it is flagged on", flaggedSchool, ind.Name)
	}
}

// hasCell reports whether a row has a cell with exactly this text.
func hasCell(row []htmlCell, text string) bool {
	for _, c := range row {
		if c.text == text {
			return true
		}
	}
	return false
}

// decimalRe matches a share or an interval as the report prints them: 75.0, 61.2–85.1, 95.0*.
var decimalRe = regexp.MustCompile(`\d\.\d|\d–\d`)

// checkSuppressedRow checks a suppressed row shows no share, mean or interval: no number with a
// decimal, none of the forbidden values (the suppressed cell's share and mean), a "—" somewhere, and
// nothing flagged. Counts (n, 未答) and the homework limit may show.
func checkSuppressedRow(t *testing.T, what string, row []htmlCell, forbidden ...string) {
	t.Helper()
	dash := false
	for _, c := range row[1:] {
		if decimalRe.MatchString(c.text) || slices.Contains(forbidden, strings.TrimSuffix(c.text, "*")) {
			t.Errorf("%s shows %q (n = 8 < 10: suppressed): %+v", what, c.text, row)
		}
		if strings.Contains(c.class, "flag") {
			t.Errorf("%s has a flagged cell %q", what, c.text)
		}
		dash = dash || c.text == "—"
	}
	if !dash {
		t.Errorf("%s has no —: %+v", what, row)
	}
}

// checkTable2 checks table 2's row for the indicator: the student questionnaire, the standard's
// words, the county share 62.5 (55/88), n 88, and 1 flagged school in a marked cell.
func checkTable2(t *testing.T, where string, rows [][]htmlCell, ind *surveys.Indicator) {
	t.Helper()
	for _, row := range rows {
		if row[0].text != ind.Name || !hasCell(row, "学生") {
			continue
		}
		flagged := slices.ContainsFunc(row, func(c htmlCell) bool { return c.text == "1" && strings.Contains(c.class, "flag") })
		if !hasCell(row, ind.Standard) || !hasCell(row, "62.5") || !hasCell(row, "88") || !flagged {
			t.Errorf("%s table 2 row %+v; want the standard, 62.5, n 88 and 1 flagged school marked", where, row)
		}
		return
	}
	t.Errorf("%s: table 2 has no row for %s", where, ind.Name)
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
	want := map[string]string{flaggedSchool: "25", suppressedSchool: "—", smallSchool: "95"}
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
	// The indicator's sheet: n, complying, share and interval, flag, and the reason for "—". Columns
	// are found by their headers.
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
	// Headers are "可判定回答 n_valid" and the like: the Chinese words, then the results.json name.
	at := map[string]int{}
	for _, h := range []string{"学校名称", "可判定回答", "达标人数", "达标率%", "95%下限", "95%上限", "标记", "备注"} {
		at[h] = slices.IndexFunc(rows[0], func(c string) bool { return c == h || strings.HasPrefix(c, h+" ") })
		if at[h] < 0 {
			t.Fatalf("sheet %s has no column %s: %q", sheet, h, rows[0])
		}
	}
	for i, row := range rows[1:] {
		for len(row) < len(rows[0]) {
			row = append(row, "")
		}
		get := func(h string) string { return row[at[h]] }
		switch get("学校名称") {
		case suppressedSchool:
			if get("可判定回答") != "8" || get("达标人数") != "—" || get("达标率%") != "—" || get("95%下限") != "—" || get("95%上限") != "—" ||
				strings.HasPrefix(get("标记"), "需") || !strings.Contains(get("备注"), "少于10") {
				t.Errorf("%s row %q: want n 8, — for the count complying, share and interval, not flagged, the reason", suppressedSchool, row)
			}
			if strings.Contains(strings.Join(row, "|"), "75") {
				t.Errorf("%s row %q shows the suppressed share", suppressedSchool, row)
			}
		case flaggedSchool:
			if get("可判定回答") != "40" || get("达标人数") != "10" || get("达标率%") != "25" || get("标记") != "需整改" {
				t.Errorf("%s row %q: want n 40, 10 complying, 25, flagged", flaggedSchool, row)
			}
			// The flag shows as a style too.
			cell, _ := excelize.CoordinatesToCellName(at["标记"]+1, i+2)
			if st, _ := f.GetCellStyle(sheet, cell); st == 0 {
				t.Errorf("%s flag cell %s has no style", flaggedSchool, cell)
			}
		case smallSchool:
			if get("可判定回答") != "20" || get("达标率%") != "95" || !strings.Contains(get("备注"), "样本不足") {
				t.Errorf("%s row %q: want n 20, 95 and 样本不足", smallSchool, row)
			}
		case "全县":
			if get("可判定回答") != "88" || get("达标人数") != "55" || get("达标率%") != "62.5" {
				t.Errorf("county row %q: want 88, 55, 62.5", row)
			}
		}
	}
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
				// The reason in both languages (n = 8 < min_n 10), for readers of either report.
				if s.SuppressReason != "样本不足（可判定的回答少于10份）" || s.SuppressReasonEN != "too few answers (fewer than 10 judged)" {
					t.Errorf("%s: reasons %q / %q", s.Name, s.SuppressReason, s.SuppressReasonEN)
				}
			case flaggedSchool:
				if !s.Flagged || s.Flag != "confirmed" || s.P == nil || *s.P != 0.25 || s.NValid != 40 {
					t.Errorf("%s: %+v; want confirmed, p 0.25, n 40", s.Name, s)
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

// TestResultsJSONWarningsEN: warnings_en is always an array beside warnings, one English line for each.
func TestResultsJSONWarningsEN(t *testing.T) {
	out := render(t, contentResults(t))
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(out.json, &raw); err != nil {
		t.Fatal(err)
	}
	var zh, en []string
	if err := json.Unmarshal(raw["warnings"], &zh); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw["warnings_en"], &en); err != nil || en == nil || len(en) != len(zh) {
		t.Errorf("warnings_en %s (%v), want an array as long as warnings %q", raw["warnings_en"], err, zh)
	}
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
	for _, want := range []string{">25.0%<", ">95.0%<", ">100.0%<", ">n=40<", ">n=8<", ">— 样本不足，无法判定<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the phones chart has no text %s", want)
		}
	}
	if strings.Contains(svg, "75.0") {
		t.Error("the chart shows 75.0, 乙中学's suppressed share")
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
	checkTable2(t, "report.docx", rows, ind)
	var homework bool
	for _, row := range rows {
		switch {
		case strings.HasPrefix(row[0].text, nineSchool) && hasCell(row, "初中") && hasCell(row, "8"):
			homework = true
			checkSuppressedRow(t, "docx homework row of "+nineSchool+" 初中", row, "82", "83", "75")
		case row[0].text == suppressedSchool:
			checkSuppressedRow(t, "docx row of "+suppressedSchool, row, "75")
		}
	}
	if !homework {
		t.Errorf("docx: no homework row for %s 初中", nineSchool)
	}
	var text strings.Builder
	for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(body, -1) {
		text.WriteString(m[1])
	}
	if !strings.Contains(text.String(), ind.Standard) || !regexp.MustCompile(flaggedSchool+`[^。]*`+ind.Name).MatchString(text.String()) {
		t.Errorf("report.docx does not quote the standard or name %s with %s", flaggedSchool, ind.Name)
	}
}
