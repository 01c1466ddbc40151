package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
)

// rosterCSV is the hand-written roster of the ingest cases: 清河县第一中学 (初中, alias 清河一中),
// 城关小学 (小学) and 马集镇中心学校 (九年一贯制).
var rosterCSV = filepath.Join(casesDir, "roster.csv")

// rosterNames reads the school names of rosterCSV with encoding/csv.
func rosterNames(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(rosterCSV)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "学校名称")
	var names []string
	for _, r := range recs[1:] {
		names = append(names, r[col])
	}
	return names
}

// writeTemplate runs templateRun into a temporary folder and returns the file's path.
func writeTemplate(t *testing.T, code, roster string, rows int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), code+"_录入.xlsx")
	ios, out, _ := testIO()
	if err := templateRun(&TemplateOptions{IO: ios, Code: code, Output: path, Roster: roster, Rows: rows}); err != nil {
		t.Fatalf("templateRun: %v", err)
	}
	q, _ := surveys.Builtin(code)
	want := fmt.Sprintf("已写入 %s（%s，%d 列，前 %d 行带下拉选项）\n", path, q.Title, len(q.Questions), rows)
	if out.String() != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	return path
}

// dropLists returns the drop-down lists of a sheet by the range they cover.
func dropLists(t *testing.T, f *excelize.File, sheet string) map[string][]string {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string][]string{}
	for _, dv := range dvs {
		if dv.Type != "list" {
			t.Errorf("validation on %s is %q, want a list", dv.Sqref, dv.Type)
			continue
		}
		// A literal list is stored as one quoted formula: "a,b,c".
		formula := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(dv.Formula1, `"`), `"`), `""`, `"`)
		lists[dv.Sqref] = strings.Split(formula, ",")
	}
	return lists
}

func TestTemplate(t *testing.T) {
	const rows = 30
	for _, tc := range []struct {
		code   string
		roster string
	}{
		{"student", ""},
		{"parent", ""},
		{"teacher", ""},
		{"student", rosterCSV},
	} {
		name := tc.code
		if tc.roster != "" {
			name += "_roster"
		}
		t.Run(name, func(t *testing.T) {
			q, err := surveys.Builtin(tc.code)
			if err != nil {
				t.Fatal(err)
			}
			path := writeTemplate(t, tc.code, tc.roster, rows)
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got, want := f.GetSheetList(), []string{q.Title, "填写说明"}; !slices.Equal(got, want) {
				t.Errorf("sheets = %q, want %q", got, want)
			}
			got, err := f.GetRows(q.Title)
			if err != nil {
				t.Fatal(err)
			}
			var headers []string
			for _, qu := range q.Questions {
				headers = append(headers, qu.Header())
			}
			if len(got) != 1 || !slices.Equal(got[0], headers) {
				t.Fatalf("rows = %q, want the one header row %q", got, headers)
			}

			lists := dropLists(t, f, q.Title)
			wantLists := 0
			for j, qu := range q.Questions {
				col, _ := excelize.ColumnNumberToName(j + 1)
				sqref := fmt.Sprintf("%s2:%s%d", col, col, rows+1)
				var want []string
				for i, op := range qu.Options {
					// The grade list offers only the grades the questionnaire is for (student: 3-9).
					if qu.Kind == surveys.KindGrade && (i+1 < q.MinGrade || i+1 > q.MaxGrade) {
						continue
					}
					want = append(want, op.Text)
				}
				if qu.Kind == surveys.KindSchool && tc.roster != "" {
					want = rosterNames(t)
				}
				if qu.Kind == surveys.KindMulti {
					want = nil // several grades in one cell: no drop-down
				}
				list, ok := lists[sqref]
				switch {
				case len(want) == 0 && ok:
					t.Errorf("%s (free text) has a drop-down %q", qu.Header(), list)
				case len(want) > 0 && !ok:
					t.Errorf("%s has no drop-down on %s (have %v)", qu.Header(), sqref, lists)
				case !slices.Equal(list, want):
					t.Errorf("%s drop-down = %q, want %q", qu.Header(), list, want)
				}
				if len(want) > 0 {
					wantLists++
				}
			}
			if len(lists) != wantLists {
				t.Errorf("%d drop-downs, want %d", len(lists), wantLists)
			}
		})
	}
}

func TestTemplateUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, o := range []TemplateOptions{
		{Code: "principal", Output: filepath.Join(dir, "a.xlsx"), Rows: 10},
		{Code: "student", Output: "", Rows: 10},
		{Code: "student", Output: filepath.Join(dir, "a.csv"), Rows: 10},
		{Code: "student", Output: filepath.Join(dir, "a.xlsx"), Rows: 0},
	} {
		ios, _, _ := testIO()
		o.IO = ios
		var ue *usageError
		if err := templateRun(&o); !errors.As(err, &ue) {
			t.Errorf("templateRun(%+v) = %v, want a usage error", o, err)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) > 0 {
		t.Errorf("usage errors left files: %v", ents)
	}
}

// TestTemplateRoundTrip fills a template the way a data-entry clerk would (option texts, letters,
// option numbers, blanks) and checks `jianfu check` reads every row back as entered.
func TestTemplateRoundTrip(t *testing.T) {
	q, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemplate(t, "student", rosterCSV, 10)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Each entered row: school, grade, class, and how every choice cell is written with the answer
	// it should read as.
	text := func(qu *surveys.Question) (any, surveys.Answer) { return qu.Options[0].Text, 1 }
	letter := func(*surveys.Question) (any, surveys.Answer) { return "B", 2 }
	blank := func(*surveys.Question) (any, surveys.Answer) { return nil, surveys.Missing }
	number := func(qu *surveys.Question) (any, surveys.Answer) { // typed as a number, so stored as one
		return len(qu.Options), surveys.Answer(len(qu.Options))
	}
	entered := []struct {
		school, grade, class string
		cell                 func(*surveys.Question) (any, surveys.Answer)
	}{
		{"清河县第一中学", "七年级", "3", text},
		{"清河一中", "初二", "2班", letter},
		{"城关小学", "五年级", "（1）班", blank},
		{"马集镇中心学校", "9", "1", number},
	}
	choices := 0
	for _, qu := range q.Questions {
		if qu.Kind == surveys.KindChoice {
			choices++
		}
	}
	for r, e := range entered {
		for j := range q.Questions {
			qu := &q.Questions[j]
			var v any
			switch qu.Kind {
			case surveys.KindSchool:
				v = e.school
			case surveys.KindGrade:
				v = e.grade
			case surveys.KindClass:
				v = e.class
			case surveys.KindOpen:
				continue
			default:
				v, _ = e.cell(qu)
			}
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, r+2)
			if err := f.SetCellValue(q.Title, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	stdout, _, err := runCheck(t, CheckOptions{Input: inputOptions{Paths: []string{path}, Roster: rosterCSV}, JSON: true})
	if err != nil {
		t.Fatalf("checkRun: %v", err)
	}
	var sum struct {
		Files []struct {
			Read, Used, Rejected int
			CellsMissing         int `json:"cells_missing"`
			CellsInvalid         int `json:"cells_invalid"`
			CellsMapped          int `json:"cells_mapped"`
		} `json:"files"`
		RosterGiven bool `json:"roster_given"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 1 || !sum.RosterGiven {
		t.Fatalf("summary = %+v, want one file read with the roster", sum)
	}
	got := sum.Files[0]
	// Mapped: the alias 清河一中, the grade 初二, the class （1）班 and every letter B.
	want := struct{ read, missing, mapped int }{len(entered), choices, 3 + choices}
	if got.Read != want.read || got.Used != want.read || got.Rejected != 0 {
		t.Errorf("read %d, used %d, rejected %d; want all %d rows used", got.Read, got.Used, got.Rejected, want.read)
	}
	if got.CellsMissing != want.missing || got.CellsInvalid != 0 || got.CellsMapped != want.mapped {
		t.Errorf("cells missing %d, invalid %d, mapped %d; want %d, 0, %d", got.CellsMissing, got.CellsInvalid, got.CellsMapped, want.missing, want.mapped)
	}

	// And the answers as entered.
	in := inputOptions{Paths: []string{path}, Roster: rosterCSV}
	ios, _, _ := testIO()
	res, err := in.load(ios.ErrOut, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := res.Dataset("student")
	if d == nil || d.Len() != len(entered) {
		t.Fatalf("dataset = %v, want %d respondents", d, len(entered))
	}
	wantSchools := []string{"清河县第一中学", "清河县第一中学", "城关小学", "马集镇中心学校"}
	wantGrades := []uint8{7, 8, 5, 9}
	wantClasses := []string{"3", "2", "1", "1"}
	for i := range entered {
		if s, g, c := d.Schools[d.School[i]].Name, d.Grade[i], d.Classes[d.Class[i]].Label; s != wantSchools[i] || g != wantGrades[i] || c != wantClasses[i] {
			t.Errorf("row %d: %s %d年级 %s班, want %s %d年级 %s班", i+2, s, g, c, wantSchools[i], wantGrades[i], wantClasses[i])
		}
		for j, qu := range q.Questions {
			if qu.Kind != surveys.KindChoice {
				continue
			}
			_, want := entered[i].cell(&qu)
			if got := d.Answers[j][i]; got != want {
				t.Errorf("row %d, %s: answer %d, want %d", i+2, qu.Header(), got, want)
			}
		}
	}
}
