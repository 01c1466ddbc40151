package demo

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite demo/data from the generator")

// generated caches one generation for the tests that only read it.
var generated = sync.OnceValues(render)

// drawn caches one in-memory sample for the tests of its shape.
var drawn = sync.OnceValues(newSample)

func TestDemoUpToDate(t *testing.T) {
	if *update {
		if err := Generate("data"); err != nil {
			t.Fatal(err)
		}
		t.Log("rewrote demo/data; rebuild to embed it")
		return
	}
	dir := t.TempDir()
	if err := Generate(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range Files() {
		want, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatalf("embedded %s: %v", name, err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("embedded %s is out of date; run go test ./demo -update", name)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	first, err := generated()
	if err != nil {
		t.Fatal(err)
	}
	second, err := render()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Files() {
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s differs between two generations", name)
		}
	}
}

func TestFileSizes(t *testing.T) {
	files, err := generated()
	if err != nil {
		t.Fatal(err)
	}
	limits := map[string]int{RosterFile: 4 << 10, StudentFile: 1 << 20, ParentFile: 2 << 20, TeacherFile: 64 << 10, SummaryFile: 32 << 10}
	for _, name := range TimetableFiles()[:len(gridSchools)] {
		limits[name] = 256 << 10
	}
	for _, name := range Files() {
		if n := len(files[name]); n > limits[name] {
			t.Errorf("%s is %d bytes, more than %d", name, n, limits[name])
		}
	}
}

func TestWriteTo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	if err := WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range Files() {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := fs.ReadFile(FS, name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s written differs from the embedded file", name)
		}
	}
}

// TestFileFormats checks the files look like what offices have: the roster with a BOM, the xlsx
// with the 问卷星 header on Sheet1, the CSV in GB18030 with CRLF line ends.
func TestFileFormats(t *testing.T) {
	files, err := generated()
	if err != nil {
		t.Fatal(err)
	}
	stu, _ := surveys.Builtin("student")
	par, _ := surveys.Builtin("parent")

	roster := files[RosterFile]
	if !bytes.HasPrefix(roster, []byte("\ufeff学校代码,学校名称,学段,城乡,别名,一年级人数,")) {
		t.Errorf("roster starts %q", roster[:min(60, len(roster))])
	}

	x, err := excelize.OpenReader(bytes.NewReader(files[StudentFile]))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Sheet1"}) {
		t.Errorf("sheets = %v, want [Sheet1]", got)
	}
	rows, err := x.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], header(stu)) {
		t.Errorf("student header = %v", rows[0])
	}
	if !strings.HasPrefix(rows[1][1], "2026/") || !strings.HasSuffix(rows[1][2], "秒") {
		t.Errorf("student row 1 bookkeeping = %v", rows[1][:6])
	}

	raw := files[ParentFile]
	if !bytes.Contains(raw, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("parent CSV line ends are not all CRLF")
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], header(par)) {
		t.Errorf("parent header = %v", recs[0])
	}
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(s.students) || len(recs)-1 != len(s.parents) {
		t.Errorf("files hold %d and %d rows, want %d and %d", len(rows)-1, len(recs)-1, len(s.students), len(s.parents))
	}
}

func TestShape(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	if len(schools) != 13 {
		t.Errorf("%d schools, want 13", len(schools))
	}
	stages := map[surveys.Stage]int{}
	locales := map[string]int{}
	for _, sc := range schools {
		stages[sc.stage]++
		locales[sc.locale]++
	}
	if len(stages) != 3 || stages[surveys.StageNine] != 1 || len(locales) != 3 {
		t.Errorf("stages %v, locales %v: want all three of each and one 九年一贯制", stages, locales)
	}
	if n := len(s.students); n < 5500 || n > 6500 {
		t.Errorf("%d students, want 5,500-6,500", n)
	}
	if n := len(s.parents); n < 5500 || n > 6500 {
		t.Errorf("%d parents, want 5,500-6,500", n)
	}
	for _, set := range []struct {
		q        *surveys.Questionnaire
		rows     []*response
		min, max int
	}{{s.student, s.students, 3, 9}, {s.parent, s.parents, 1, 9}} {
		for _, r := range set.rows {
			sc := &schools[r.school]
			if r.grade < set.min || r.grade > set.max || !sc.stage.HasGrade(r.grade) {
				t.Fatalf("%s row at %s has grade %d", set.q.Code, sc.name, r.grade)
			}
		}
	}
}

// TestMissing checks that about 2% of the choice answers are 未答, some written (空).
func TestMissing(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []struct {
		q    *surveys.Questionnaire
		rows []*response
	}{{s.student, s.students}, {s.parent, s.parents}} {
		missing, marked, cells := 0, 0, 0
		for _, r := range set.rows {
			for _, i := range choiceQuestions(set.q) {
				cells++
				if r.answers[i] == surveys.Missing {
					missing++
					if r.cells[i] == "(空)" {
						marked++
					}
				}
			}
		}
		share := float64(missing) / float64(cells)
		if share < 0.015 || share > 0.025 {
			t.Errorf("%s: %.2f%% 未答, want about 2%%", set.q.Code, 100*share)
		}
		if marked == 0 || marked == missing {
			t.Errorf("%s: %d of %d 未答 written (空), want some but not all", set.q.Code, marked, missing)
		}
	}
}

// TestFaults counts the planted data-quality faults in the cells as written.
func TestFaults(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	names, aliases := map[string]bool{}, map[string]bool{}
	for _, sc := range schools {
		names[sc.name] = true
		for _, a := range sc.aliases {
			aliases[a] = true
		}
	}
	for _, set := range []struct {
		q    *surveys.Questionnaire
		rows []*response
		want Faults
	}{{s.student, s.students, StudentFaults}, {s.parent, s.parents, ParentFaults}} {
		var got Faults
		q := set.q
		for _, r := range set.rows {
			switch school := r.cells[q.SchoolQuestion()]; {
			case aliases[school]:
				got.AliasNames++
			case !names[school]:
				got.UnknownSchools++
			}
			if strings.HasPrefix(r.cells[q.GradeQuestion()], "初") {
				got.GradeVariants++
			}
			if class := r.cells[q.ClassQuestion()]; strings.Trim(class, "0123456789班") != "" {
				got.ClassVariants++
			}
			for _, a := range r.answers {
				if a == surveys.Invalid {
					got.UnknownOptions++
				}
			}
			if r.duration < 2*(len(q.Questions)-len(q.OpenQuestions())) {
				got.FastSubmissions++
			}
		}
		if got != set.want {
			t.Errorf("%s faults = %+v, want %+v", q.Code, got, set.want)
		}
	}
}

// TestResponseRates checks that every school's student response rate is realistic and that at
// least one falls below half, as when a big school samples some of its classes.
func TestResponseRates(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	rates := responseRates(s, s.students, 3)
	low := 0
	for i, rate := range rates {
		if rate < 0.40 || rate > 1 {
			t.Errorf("%s: student response rate %.2f, want 0.40-1", schools[i].name, rate)
		}
		if rate < 0.5 {
			low++
		}
	}
	if low == 0 {
		t.Error("no school has a student response rate below 50%")
	}
	for i, rate := range responseRates(s, s.parents, 1) {
		if rate < 0.30 || rate > 1 {
			t.Errorf("%s: parent response rate %.2f, want 0.30-1", schools[i].name, rate)
		}
	}
}

// responseRates returns, by school, the rows over the enrolment of grades from..9.
func responseRates(s *sample, rows []*response, from int) []float64 {
	n := make([]int, len(schools))
	for _, r := range rows {
		n[r.school]++
	}
	rates := make([]float64, len(schools))
	for i := range schools {
		enrolled := 0
		for g := from; g <= 9; g++ {
			enrolled += s.enrolment[i][g]
		}
		rates[i] = float64(n[i]) / float64(enrolled)
	}
	return rates
}

// TestPlantedProblems checks each planted problem against the national-2021 profile: at its school
// and grades the violation share reaches the flag threshold with room to spare, and it is well above
// the share at every school where that problem is not planted, in the same grades.
func TestPlantedProblems(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	prof, _, err := surveys.LoadProfile(surveys.DefaultProfile, surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Planted {
		t.Run(p.School+"/"+p.Indicator+"/"+p.Questionnaire, func(t *testing.T) {
			q, rows, minViolations := s.student, s.students, 10
			switch p.Questionnaire {
			case "parent":
				q, rows = s.parent, s.parents
			case "teacher":
				// 10-40 teachers a school: the profile's flag_min_violations (5) is the bar.
				q, rows, minViolations = s.teacher, s.teachers, 5
			}
			ind := prof.Indicator(p.Indicator)
			if ind == nil {
				t.Fatalf("no indicator %q", p.Indicator)
			}
			qi := q.Index(ind.Question)
			verdicts, _, err := ind.Verdicts(&q.Questions[qi])
			if err != nil {
				t.Fatal(err)
			}
			planted := map[string]bool{}
			for _, o := range Planted {
				if o.Indicator == p.Indicator && o.Questionnaire == p.Questionnaire {
					planted[o.School] = true
				}
			}
			violates, judged := make([]int, len(schools)), make([]int, len(schools))
			for _, r := range rows {
				if r.grade < p.FromGrade || r.grade > p.ToGrade {
					continue
				}
				switch verdicts[r.grade][r.answers[qi]] {
				case surveys.Violates:
					violates[r.school]++
					judged[r.school]++
				case surveys.Complies:
					judged[r.school]++
				}
			}
			share := func(i int) float64 { return float64(violates[i]) / float64(judged[i]) }
			at := slices.IndexFunc(schools, func(sc school) bool { return sc.name == p.School })
			// The profile flags at 20% (flag_threshold); planted problems stand well clear of it.
			if got := share(at); got < 0.25 || violates[at] < minViolations {
				t.Errorf("%s: %d of %d violate (%.1f%%), want at least 25%%", p.School, violates[at], judged[at], 100*got)
			}
			for i, sc := range schools {
				if planted[sc.name] || judged[i] < 30 {
					continue
				}
				if other := share(i); other > share(at)/2 {
					t.Errorf("%s (not planted) %.1f%% is close to %s %.1f%%", sc.name, 100*other, p.School, 100*share(at))
				}
			}
		})
	}
}

// TestPlantedTable checks the planted problems name schools of the roster and grades they have.
func TestPlantedTable(t *testing.T) {
	if len(Planted) == 0 {
		t.Fatal("nothing planted")
	}
	for _, p := range Planted {
		at := slices.IndexFunc(schools, func(sc school) bool { return sc.name == p.School })
		if at < 0 {
			t.Errorf("%v: no such school", p)
			continue
		}
		if !schools[at].stage.HasGrade(p.FromGrade) || !schools[at].stage.HasGrade(p.ToGrade) || p.FromGrade > p.ToGrade {
			t.Errorf("%v: grades outside the school", p)
		}
	}
}

func ExampleFiles() {
	for _, name := range Files() {
		fmt.Println(name)
	}
	// Output:
	// schools.csv
	// 学生问卷_问卷星.xlsx
	// 家长问卷_问卷星.csv
	// 教师问卷_问卷星.xlsx
	// 课表_清溪县第一中学.xlsx
	// 课表_清溪县实验中学.xlsx
	// 课表_清溪县第二中学.xlsx
	// 课表_清溪县柳林镇中学.xlsx
	// 课表_清溪县青山学校.xlsx
	// 课表汇总.csv
}

// TestTeacherDemo reads the demo's teachers back: 10-40 a school, every planted teacher problem
// present, and open answers written by every kind of respondent, among them the planted secrets.
func TestTeacherDemo(t *testing.T) {
	s, err := drawn()
	if err != nil {
		t.Fatal(err)
	}
	per := make([]int, len(schools))
	for _, r := range s.teachers {
		per[r.school]++
	}
	for i, n := range per {
		if n < 10 || n > 40 {
			t.Errorf("%s: %d teachers, want 10-40", schools[i].name, n)
		}
	}
	planted := 0
	for _, p := range Planted {
		if p.Questionnaire == "teacher" {
			planted++
		}
	}
	if planted < 6 {
		t.Errorf("%d teacher problems planted, want one for each of homework_plan, teacher_grading, exam_count, no_ranking, no_makeup_classes, no_paid_tutoring", planted)
	}
	written := map[string]int{}
	all := ""
	for code, rows := range map[string][]*response{"student": s.students, "parent": s.parents, "teacher": s.teachers} {
		q, _ := surveys.Builtin(code)
		open := q.OpenQuestions()[0]
		for _, r := range rows {
			if r.cells[open] != "" {
				written[code]++
				all += r.cells[open] + "\n"
			}
		}
	}
	for _, code := range []string{"student", "parent", "teacher"} {
		if written[code] < 10 {
			t.Errorf("%d %s open answers, want at least 10", written[code], code)
		}
	}
	for _, secret := range OpenSecrets {
		if !strings.Contains(all, secret) && secret != "13907375521" {
			t.Errorf("secret %q is not planted in any open answer", secret)
		}
	}
}
