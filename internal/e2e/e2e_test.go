package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMessyCountyNothingLost runs `jianfu report` and `jianfu check --json` on a generated county of
// about 3,000 rows in four files with every kind of bad row planted, and checks that every row ends
// where the generator says it must, that the numbers in results.json are the ones the standards give
// on the used rows alone, and that no row-level data leaks into the report.
func TestMessyCountyNothingLost(t *testing.T) {
	dir := t.TempDir()
	c := generateCounty(t, dir)
	bin := buildJianfu(t)
	out := filepath.Join(dir, "报告")
	rep := run(t, bin, dir, append(append([]string{"report"}, c.files...), "--roster", c.roster, "-o", out)...)
	if rep.code != 0 {
		t.Fatalf("jianfu report: exit %d\nstderr:\n%s", rep.code, rep.stderr)
	}
	chkDir := filepath.Join(dir, "check")
	chk := run(t, bin, dir, append(append([]string{"check"}, c.files...), "--roster", c.roster, "--json", "-o", chkDir)...)
	if chk.code != 0 {
		t.Fatalf("jianfu check --json: exit %d\nstderr:\n%s", chk.code, chk.stderr)
	}
	var sum checkJSON
	if err := json.Unmarshal([]byte(chk.stdout), &sum); err != nil {
		t.Fatalf("check --json output: %v\n%s", err, chk.stdout)
	}
	var res resultsJSON
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "results.json")), &res); err != nil {
		t.Fatalf("results.json: %v", err)
	}
	logTruth(t, c)

	t.Run("accounting", func(t *testing.T) { checkAccounting(t, c, &sum, &res) })
	t.Run("rejects.csv", func(t *testing.T) {
		checkRejects(t, c, filepath.Join(out, "rejects.csv"))
		if a, b := readFile(t, filepath.Join(out, "rejects.csv")), readFile(t, filepath.Join(chkDir, "rejects.csv")); !bytes.Equal(a, b) {
			t.Errorf("the rejects.csv of report and of check differ")
		}
	})
	t.Run("indicators", func(t *testing.T) { checkIndicators(t, c, &res) })
	t.Run("response rates", func(t *testing.T) { checkResponseRates(t, c, &res) })
	t.Run("quality", func(t *testing.T) { checkQuality(t, c, &sum, &res) })
	t.Run("privacy", func(t *testing.T) { checkPrivacy(t, c, out, chk.stdout) })
	t.Run("streams", func(t *testing.T) { checkStreams(t, out, rep) })
}

// buildJianfu builds the command into a temporary folder. Main is in package main, which a test in
// another package cannot import, so the test runs the binary as a user would.
func buildJianfu(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to build jianfu: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "jianfu")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-o", bin, "github.com/jianfu-edu/jianfu/cmd/jianfu")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, bin, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	r := result{stdout: so.String(), stderr: se.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run jianfu: %v", err)
	}
	return r
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The parts of `check --json` and results.json the test reads.
type (
	checkJSON struct {
		Files []struct {
			Path             string         `json:"path"`
			Questionnaire    string         `json:"questionnaire"`
			Read             int            `json:"read"`
			Used             int            `json:"used"`
			Rejected         int            `json:"rejected"`
			RejectedByReason map[string]int `json:"rejected_by_reason"`
			CellsMissing     int            `json:"cells_missing"`
			CellsInvalid     int            `json:"cells_invalid"`
			CellsSkipped     int            `json:"cells_skipped"`
			CellsMapped      int            `json:"cells_mapped"`
		} `json:"files"`
		Unknown []struct {
			Questionnaire string `json:"questionnaire"`
			Question      int    `json:"question"`
			Text          string `json:"text"`
			Count         int    `json:"count"`
		} `json:"unknown_options"`
		Unmatched []struct {
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"unmatched_schools"`
		Quality []struct {
			Rule          string         `json:"rule"`
			Questionnaire string         `json:"questionnaire"`
			Rejected      bool           `json:"rejected"`
			Count         int            `json:"count"`
			BySchool      map[string]int `json:"by_school"`
		} `json:"quality"`
		Read     int `json:"read"`
		Used     int `json:"used"`
		Rejected int `json:"rejected"`
	}
	estJSON struct {
		NValid         int      `json:"n_valid"`
		NMissing       int      `json:"n_missing"`
		NInvalid       int      `json:"n_invalid"`
		NNotApplicable int      `json:"n_not_applicable"`
		NUndecidable   int      `json:"n_undecidable"`
		NComply        *int     `json:"n_comply"`
		P              *float64 `json:"p"`
		Interval       string   `json:"interval"`
		CILow          *float64 `json:"ci_low"`
		CIHigh         *float64 `json:"ci_high"`
		WilsonLow      *float64 `json:"wilson_low"`
		WilsonHigh     *float64 `json:"wilson_high"`
		Suppressed     bool     `json:"suppressed"`
	}
	groupJSON struct {
		Code string `json:"code"`
		estJSON
	}
	homeworkJSON struct {
		Band    string   `json:"band"`
		N       int      `json:"n"`
		Minutes *float64 `json:"mean_minutes"`
		Limit   float64  `json:"limit_minutes"`
	}
	schoolJSON struct {
		Code  string `json:"code"`
		Name  string `json:"name"`
		Stage string `json:"stage"`
		estJSON
		Flag    string `json:"flag"`
		Flagged bool   `json:"flagged"`
		Small   bool   `json:"small_sample"`
	}
	resultsJSON struct {
		Questionnaires map[string]struct {
			Read     int `json:"read"`
			Used     int `json:"used"`
			Rejected int `json:"rejected"`
		} `json:"questionnaires"`
		Indicators []struct {
			Code          string         `json:"code"`
			Questionnaire string         `json:"questionnaire"`
			Overall       estJSON        `json:"overall"`
			Bands         []groupJSON    `json:"bands"`
			Locales       []groupJSON    `json:"locales"`
			Schools       []schoolJSON   `json:"schools"`
			Homework      []homeworkJSON `json:"homework_means"`
		} `json:"indicators"`
		Quality []struct {
			Rule          string `json:"rule"`
			Questionnaire string `json:"questionnaire"`
			Rejected      bool   `json:"rejected"`
			Count         int    `json:"count"`
			Schools       []struct {
				Name  string   `json:"name"`
				Count int      `json:"count"`
				Rate  *float64 `json:"response_rate"`
			} `json:"schools"`
		} `json:"quality"`
	}
)

// fileTruth is what the generator says one file must give.
type fileTruth struct {
	read, used                        int
	byReason                          map[string]int
	missing, invalid, skipped, mapped int
}

func truthByFile(c *generated) map[string]*fileTruth {
	m := map[string]*fileTruth{}
	for _, p := range c.files {
		m[p] = &fileTruth{byReason: map[string]int{}}
	}
	for _, r := range c.rows {
		ft := m[r.file]
		ft.read++
		if !r.used() {
			ft.byReason[r.reason]++
			continue
		}
		ft.used++
		for i, a := range r.ans {
			switch {
			case r.q.questions[i].options == nil:
			case a == ansMissing:
				ft.missing++
			case a == ansInvalid:
				ft.invalid++
			case a == ansSkipped:
				ft.skipped++
			}
			if r.mapped[i] {
				ft.mapped++
			}
		}
	}
	return m
}

// logTruth prints the generator's counts, so a failure can be read against them.
func logTruth(t *testing.T, c *generated) {
	for _, p := range c.files {
		ft := truthByFile(c)[p]
		reasons := slices.Sorted(maps.Keys(ft.byReason))
		var parts []string
		for _, r := range reasons {
			parts = append(parts, fmt.Sprintf("%s %d", r, ft.byReason[r]))
		}
		t.Logf("%s: read %d = used %d + rejected %d (%s); 未答 %d, 无效 %d, 不适用 %d, mapped %d",
			filepath.Base(p), ft.read, ft.used, ft.read-ft.used, strings.Join(parts, ", "), ft.missing, ft.invalid, ft.skipped, ft.mapped)
	}
}

// (1) Every file: read = used + rejected, each equal to the generator's count, and the reasons too.
func checkAccounting(t *testing.T, c *generated, sum *checkJSON, res *resultsJSON) {
	truth := truthByFile(c)
	if len(sum.Files) != len(c.files) {
		t.Errorf("check lists %d files, want %d", len(sum.Files), len(c.files))
	}
	perQ := map[string][3]int{}
	for _, f := range sum.Files {
		ft, ok := truth[f.Path]
		if !ok {
			t.Errorf("check lists an unknown file %q", f.Path)
			continue
		}
		name := filepath.Base(f.Path)
		if want := c.specs[f.Path].q.code; f.Questionnaire != want {
			t.Errorf("%s: questionnaire %q, want %q", name, f.Questionnaire, want)
		}
		if f.Read != f.Used+f.Rejected {
			t.Errorf("%s: read %d != used %d + rejected %d", name, f.Read, f.Used, f.Rejected)
		}
		if f.Read != ft.read || f.Used != ft.used || f.Rejected != ft.read-ft.used {
			t.Errorf("%s: read/used/rejected %d/%d/%d, generator says %d/%d/%d", name, f.Read, f.Used, f.Rejected, ft.read, ft.used, ft.read-ft.used)
		}
		if !maps.Equal(f.RejectedByReason, ft.byReason) {
			t.Errorf("%s: rejected_by_reason\n got %v\nwant %v", name, f.RejectedByReason, ft.byReason)
		}
		got := [4]int{f.CellsMissing, f.CellsInvalid, f.CellsSkipped, f.CellsMapped}
		if want := [4]int{ft.missing, ft.invalid, ft.skipped, ft.mapped}; got != want {
			t.Errorf("%s: cells 未答/无效/不适用/mapped %v, want %v", name, got, want)
		}
		q := perQ[f.Questionnaire]
		perQ[f.Questionnaire] = [3]int{q[0] + ft.read, q[1] + ft.used, q[2] + ft.read - ft.used}
	}
	total := 0
	for _, ft := range truth {
		total += ft.read
	}
	if sum.Read != total || sum.Read != sum.Used+sum.Rejected {
		t.Errorf("check totals read %d = used %d + rejected %d; generator wrote %d rows", sum.Read, sum.Used, sum.Rejected, total)
	}
	for code, want := range perQ {
		got := res.Questionnaires[code]
		if [3]int{got.Read, got.Used, got.Rejected} != want {
			t.Errorf("results.json questionnaires.%s read/used/rejected %d/%d/%d, want %v", code, got.Read, got.Used, got.Rejected, want)
		}
	}
	checkNamedCounts(t, c, sum)
}

// checkNamedCounts compares the unmatched school names and the unknown option texts with the truth.
func checkNamedCounts(t *testing.T, c *generated, sum *checkJSON) {
	wantUnmatched, wantUnknown := map[string]int{}, map[string]int{}
	for _, r := range c.rows {
		if r.reason == rUnmatched {
			wantUnmatched[r.cells[0]]++
		}
		if !r.used() {
			continue
		}
		for i, a := range r.ans {
			if a == ansInvalid {
				wantUnknown[fmt.Sprintf("%s Q%d %q", r.q.code, i+1, r.cells[i])]++
			}
		}
	}
	gotUnmatched, gotUnknown := map[string]int{}, map[string]int{}
	for _, u := range sum.Unmatched {
		gotUnmatched[u.Name] += u.Count
	}
	for _, u := range sum.Unknown {
		gotUnknown[fmt.Sprintf("%s Q%d %q", u.Questionnaire, u.Question, u.Text)] += u.Count
	}
	if !maps.Equal(gotUnmatched, wantUnmatched) {
		t.Errorf("unmatched_schools\n got %v\nwant %v", gotUnmatched, wantUnmatched)
	}
	if !maps.Equal(gotUnknown, wantUnknown) {
		t.Errorf("unknown_options\n got %v\nwant %v", gotUnknown, wantUnknown)
	}
}

// (2) rejects.csv: UTF-8 with BOM, the documented columns, every rejected row once with its reason.
func checkRejects(t *testing.T, c *generated, path string) {
	data := readFile(t, path)
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("rejects.csv has no UTF-8 BOM")
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("rejects.csv: %v (%d records)", err, len(recs))
	}
	if want := []string{"文件", "行号", "列", "值", "原因代码"}; len(recs[0]) < len(want) || !slices.Equal(recs[0][:len(want)], want) {
		t.Fatalf("rejects.csv header %q, want it to start with %q", recs[0], want)
	}
	want := map[string]string{}
	for _, r := range c.rows {
		if !r.used() {
			want[fmt.Sprintf("%s:%d", r.file, r.row)] = r.reason
		}
	}
	seen := map[string]bool{}
	bad := 0
	for i, rec := range recs[1:] {
		if len(rec) < 5 {
			t.Errorf("rejects.csv line %d has %d columns", i+2, len(rec))
			continue
		}
		key := rec[0] + ":" + rec[1]
		if seen[key] {
			t.Errorf("rejects.csv lists %s twice", key)
		}
		seen[key] = true
		w, ok := want[key]
		switch {
		case !ok:
			t.Errorf("rejects.csv lists %s (%s), which the generator wrote as a used row", key, rec[4])
		case w != rec[4]:
			if bad++; bad <= 10 {
				t.Errorf("rejects.csv %s: reason %s, want %s", key, rec[4], w)
			}
		}
	}
	for key, w := range want {
		if !seen[key] {
			t.Errorf("rejects.csv misses %s (%s)", key, w)
		}
	}
	if bad > 10 {
		t.Errorf("…and %d more wrong reasons", bad-10)
	}
}

// indicatorDef is an indicator of national-2021 as standards.md states it: the question in each
// questionnaire and which options comply in each grade band.
type indicatorDef struct {
	code   string
	qnum   map[string]int // questionnaire code → question number
	comply func(grade, option int) bool
}

// byBand returns the rule "options in c12 comply in grades 1-2, c36 in 3-6, c79 in 7-9".
func byBand(c12, c36, c79 []int) func(int, int) bool {
	return func(g, o int) bool {
		switch {
		case g <= 2:
			return slices.Contains(c12, o)
		case g <= 6:
			return slices.Contains(c36, o)
		}
		return slices.Contains(c79, o)
	}
}

func anyGrade(opts ...int) func(int, int) bool { return byBand(opts, opts, opts) }

// indicatorDefs is the table of standards.md, profile national-2021.
var indicatorDefs = []indicatorDef{
	{"homework_time", map[string]int{"student": 8, "parent": 4}, byBand([]int{1}, []int{1, 2, 3}, []int{1, 2, 3, 4})},
	{"sleep", map[string]int{"student": 7, "parent": 5}, byBand([]int{5}, []int{5}, []int{4, 5})},
	{"bedtime", map[string]int{"student": 5, "parent": 6}, byBand([]int{1, 2}, []int{1, 2}, []int{1, 2, 3})},
	{"morning_start", map[string]int{"student": 22}, byBand([]int{4}, []int{4}, []int{3, 4})},
	{"exam_count", map[string]int{"student": 13}, byBand([]int{1}, []int{1, 2}, []int{1, 2, 3})},
	{"no_frequent_exams", map[string]int{"student": 14}, anyGrade(1)},
	{"no_ranking", map[string]int{"student": 15}, anyGrade(1)},
	{"no_punitive_homework", map[string]int{"student": 10}, anyGrade(1)},
	{"no_parent_grading", map[string]int{"student": 11, "parent": 7}, anyGrade(1)},
	{"no_chatgroup_homework", map[string]int{"student": 12, "parent": 8}, anyGrade(1)},
	{"no_makeup_classes", map[string]int{"student": 16}, anyGrade(1)},
	{"no_paid_tutoring", map[string]int{"student": 17, "parent": 11}, anyGrade(1)},
	{"materials", map[string]int{"student": 19}, anyGrade(1, 2)},
	{"pe_hour", map[string]int{"student": 20}, anyGrade(3, 4)},
	{"no_occupied_lessons", map[string]int{"student": 21}, anyGrade(1)},
	{"phones", map[string]int{"student": 23}, anyGrade(1, 2)},
}

// est counts one indicator in one cell, from the generator's used rows.
type est struct{ valid, missing, invalid, na, comply int }

func (e *est) add(def indicatorDef, grade, a int) {
	switch a {
	case ansMissing:
		e.missing++
	case ansInvalid:
		e.invalid++
	case ansSkipped:
		e.na++
	default:
		e.valid++
		if def.comply(grade, a) {
			e.comply++
		}
	}
}

// expected is one indicator in one questionnaire, counted by the test: the county, and by school
// (roster code), grade band and 城乡; and the homework means by band.
type expected struct {
	overall                 est
	schools, bands, locales map[string]est
	hwN                     map[string]int
	hwSum                   map[string]float64
}

// stageOf is the 学段 of a grade in national-2021: a school teaching both is reported once per stage.
func stageOf(g int) string {
	if g <= 6 {
		return "小学"
	}
	return "初中"
}

func bandOf(g int) string {
	switch {
	case g <= 2:
		return "1-2"
	case g <= 6:
		return "3-6"
	}
	return "7-9"
}

// homeworkMidpoints are the minutes standards.md gives the homework options.
var homeworkMidpoints = []float64{0, 15, 45, 75, 105, 135}

func expectIndicator(c *generated, def indicatorDef, qn string) *expected {
	e := &expected{schools: map[string]est{}, bands: map[string]est{}, locales: map[string]est{}, hwN: map[string]int{}, hwSum: map[string]float64{}}
	qi := def.qnum[qn] - 1
	add := func(m map[string]est, k string, r *resp) {
		x := m[k]
		x.add(def, r.grade, r.ans[qi])
		m[k] = x
	}
	for _, r := range c.rows {
		if !r.used() || r.q.code != qn {
			continue
		}
		e.overall.add(def, r.grade, r.ans[qi])
		add(e.schools, county[r.school].code+"/"+stageOf(r.grade), r)
		add(e.bands, bandOf(r.grade), r)
		add(e.locales, county[r.school].locale, r)
		if a := r.ans[qi]; def.code == "homework_time" && a > 0 {
			e.hwN[bandOf(r.grade)]++
			e.hwSum[bandOf(r.grade)] += homeworkMidpoints[a-1]
		}
	}
	return e
}

// The reporting rules of national-2021 (standards.md): suppressed below min_n 10, 样本不足 below 30,
// a school flagged (需整改 confirmed or 需关注 possible) at a violation share of 20% with at least 5
// violations, confirmed only when the lower bound of the violation share's interval reaches 20%.
const (
	minN, smallN       = 10, 30
	flagShare, flagMin = 0.20, 5
)

// (3) results.json: every indicator of standards.md, county, school by school, by band and by 城乡,
// from the used rows alone.
func checkIndicators(t *testing.T, c *generated, res *resultsJSON) {
	type key struct{ code, qn string }
	got := map[key]int{}
	for i, ind := range res.Indicators {
		got[key{ind.Code, ind.Questionnaire}] = i
	}
	for _, def := range indicatorDefs {
		for _, qn := range slices.Sorted(maps.Keys(def.qnum)) {
			i, ok := got[key{def.code, qn}]
			if !ok {
				t.Errorf("results.json has no indicator %s for the %s questionnaire", def.code, qn)
				continue
			}
			ind := &res.Indicators[i]
			want := expectIndicator(c, def, qn)
			where := def.code + "/" + qn
			compareEst(t, where+" overall", ind.Overall, want.overall)
			schools := map[string]estJSON{}
			for _, s := range ind.Schools {
				schools[s.Code+"/"+s.Stage] = s.estJSON
				checkSchoolFlags(t, where, s, want.schools[s.Code+"/"+s.Stage])
			}
			compareGroups(t, where+" school", schools, want.schools)
			compareGroups(t, where+" band", groups(ind.Bands), want.bands)
			compareGroups(t, where+" 城乡", groups(ind.Locales), want.locales)
			if def.code == "homework_time" {
				checkHomeworkMeans(t, where, ind.Homework, want)
			}
		}
	}
}

func groups(gs []groupJSON) map[string]estJSON {
	m := map[string]estJSON{}
	for _, g := range gs {
		m[g.Code] = g.estJSON
	}
	return m
}

// compareGroups compares breakdown cells by code: the same cells, each with the expected numbers.
func compareGroups(t *testing.T, where string, got map[string]estJSON, want map[string]est) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s %s: has used rows but is not listed", where, k)
			continue
		}
		compareEst(t, where+" "+k, g, want[k])
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %s: listed, but has no used rows", where, k)
		}
	}
}

func checkSchoolFlags(t *testing.T, where string, s schoolJSON, want est) {
	t.Helper()
	violate := want.valid - want.comply
	flagged := want.valid >= minN && violate >= flagMin && float64(violate)/float64(want.valid) >= flagShare
	got := [3]bool{s.Suppressed, s.Small, s.Flag != ""}
	if w := [3]bool{want.valid < minN, want.valid < smallN, flagged}; got != w {
		t.Errorf("%s %s: suppressed/small_sample/flag %v, want %v (%d of %d comply)", where, s.Code, got, w, want.comply, want.valid)
	}
	if flagged {
		confirmed := s.CIHigh != nil && 1-*s.CIHigh >= flagShare-1e-12
		if (s.Flag == "confirmed") != confirmed || s.Flagged != confirmed {
			t.Errorf("%s %s: flag %q (flagged %v), want confirmed = %v (interval upper bound %v)", where, s.Code, s.Flag, s.Flagged, confirmed, s.CIHigh)
		}
	}
}

// checkHomeworkMeans: the county's mean minutes per band whose limit is a number of minutes.
func checkHomeworkMeans(t *testing.T, where string, got []homeworkJSON, want *expected) {
	t.Helper()
	limits := map[string]float64{"3-6": 60, "7-9": 90} // standards.md: 三至六年级 60 分钟, 初中 90 分钟
	seen := map[string]bool{}
	for _, h := range got {
		seen[h.Band] = true
		n := want.hwN[h.Band]
		if n == 0 || h.N != n || h.Limit != limits[h.Band] || h.Minutes == nil || math.Abs(*h.Minutes-want.hwSum[h.Band]/float64(n)) > 1e-9 {
			t.Errorf("%s homework mean %s: n %d, %v min, limit %g; want n %d, %.6f min, limit %g",
				where, h.Band, h.N, h.Minutes, h.Limit, n, want.hwSum[h.Band]/float64(n), limits[h.Band])
		}
	}
	for band := range limits {
		if want.hwN[band] > 0 && !seen[band] {
			t.Errorf("%s: no homework mean for band %s", where, band)
		}
	}
}

// z95 is Φ⁻¹(0.975) (R: qnorm(0.975)).
const z95 = 1.959963984540054

// wilson is the Wilson score interval (standards.md's default), Wilson (1927), for k of n.
func wilson(k, n int) (float64, float64) {
	p, nf, z2 := float64(k)/float64(n), float64(n), z95*z95
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z95 / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

func compareEst(t *testing.T, where string, got estJSON, want est) {
	t.Helper()
	g := [4]int{got.NValid, got.NMissing, got.NInvalid, got.NNotApplicable}
	w := [4]int{want.valid, want.missing, want.invalid, want.na}
	if g != w {
		t.Errorf("%s: n_valid/n_missing/n_invalid/n_not_applicable %v, want %v", where, g, w)
	}
	if got.NUndecidable != 0 {
		t.Errorf("%s: n_undecidable %d, want 0 (national-2021 has no split classes)", where, got.NUndecidable)
	}
	// standards.md: a cell below min_n publishes no share or interval.
	if want.valid < minN {
		if !got.Suppressed || got.P != nil || got.CILow != nil || got.CIHigh != nil || got.NComply != nil || got.WilsonLow != nil {
			t.Errorf("%s: %d valid answers < %d: must be suppressed with null n_comply, p and intervals", where, want.valid, minN)
		}
		return
	}
	if got.P == nil || got.CILow == nil || got.CIHigh == nil || got.NComply == nil || got.WilsonLow == nil || got.WilsonHigh == nil {
		t.Errorf("%s: p, n_comply or an interval is null with %d valid answers", where, want.valid)
		return
	}
	if *got.NComply != want.comply {
		t.Errorf("%s: n_comply %d, want %d", where, *got.NComply, want.comply)
	}
	// p = n_comply / n_valid, the share of standards.md's "How a compliance percentage is counted".
	if p := float64(want.comply) / float64(want.valid); math.Abs(*got.P-p) > 1e-12 {
		t.Errorf("%s: p %.15f, want %d/%d = %.15f", where, *got.P, want.comply, want.valid, p)
	}
	// wilson_low/wilson_high always carry the Wilson interval; ci_low/ci_high carry it when the
	// interval method is "wilson" (Korn–Graubard is checked against R in analysis/design_test.go) and
	// otherwise must contain p.
	lo, hi := wilson(want.comply, want.valid)
	if math.Abs(*got.WilsonLow-lo) > 1e-9 || math.Abs(*got.WilsonHigh-hi) > 1e-9 {
		t.Errorf("%s: wilson [%.12f, %.12f], want [%.12f, %.12f]", where, *got.WilsonLow, *got.WilsonHigh, lo, hi)
	}
	switch got.Interval {
	case "wilson":
		if *got.CILow != *got.WilsonLow || *got.CIHigh != *got.WilsonHigh {
			t.Errorf("%s: interval \"wilson\" but ci [%v, %v] differs from wilson [%v, %v]", where, *got.CILow, *got.CIHigh, *got.WilsonLow, *got.WilsonHigh)
		}
	case "korn-graubard":
		if *got.CILow > *got.P+1e-12 || *got.CIHigh < *got.P-1e-12 {
			t.Errorf("%s: Korn–Graubard [%v, %v] does not contain p %v", where, *got.CILow, *got.CIHigh, *got.P)
		}
	default:
		t.Errorf("%s: interval method %q", where, got.Interval)
	}
}

// Response rates (standards.md): a school's used questionnaires over its roster enrolment in the grades
// the questionnaire covers; below 50% it is listed as low_response_rate.
func checkResponseRates(t *testing.T, c *generated, res *resultsJSON) {
	for _, q := range []*questionnaire{student, parent} {
		n := make([]int, len(county))
		for _, r := range c.rows {
			if r.used() && r.q == q {
				n[r.school]++
			}
		}
		want := map[string]float64{}
		for i, s := range county {
			enrol := 0
			for g := q.minGrade; g <= 9; g++ {
				if s.hasGrade(g) {
					enrol += enrolment(i, g)
				}
			}
			if rate := float64(n[i]) / float64(enrol); n[i] > 0 && rate < 0.5 {
				want[fmt.Sprintf("%s %d", s.name, n[i])] = rate
			}
		}
		got := map[string]float64{}
		for _, f := range res.Quality {
			if f.Rule != "low_response_rate" || f.Questionnaire != q.code {
				continue
			}
			for _, s := range f.Schools {
				if s.Rate == nil {
					t.Errorf("low_response_rate %s %s: no response_rate", q.code, s.Name)
					continue
				}
				got[fmt.Sprintf("%s %d", s.Name, s.Count)] = *s.Rate
			}
		}
		if !maps.EqualFunc(got, want, func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }) {
			t.Errorf("low_response_rate %s\n got %v\nwant %v", q.code, got, want)
		}
	}
}

// qualityTruth counts, per rule and questionnaire, the rows each quality rule must find, by school name.
func qualityTruth(c *generated) map[string]map[string]int {
	m := map[string]map[string]int{}
	add := func(rule string, r *resp) {
		k := rule + "/" + r.q.code
		if m[k] == nil {
			m[k] = map[string]int{}
		}
		m[k][county[r.school].name]++
	}
	for _, r := range c.rows {
		switch {
		case r.reason == rDuplicate || r.reason == rTooFast:
			add(r.reason, r)
		case !r.used():
		default:
			if straightLined(r) {
				add("straight_lining", r)
			}
			if r.q == student && r.ans[4] == 6 && (r.ans[5] == 1 || r.ans[5] == 2) && r.ans[6] == 5 {
				add("contradiction", r)
			}
		}
	}
	return m
}

// straightLined: at least 10 choice answers, the sex question aside, all at the same option position.
func straightLined(r *resp) bool {
	pos, n := 0, 0
	for i, a := range r.ans {
		if r.q.questions[i].options == nil || a <= 0 || i+1 == r.q.sex {
			continue
		}
		if n > 0 && a != pos {
			return false
		}
		pos, n = a, n+1
	}
	return n >= 10
}

// (4) The quality findings: duplicates and too-fast answers rejected, straight-lining and
// contradictions reported, each with its count per school.
func checkQuality(t *testing.T, c *generated, sum *checkJSON, res *resultsJSON) {
	want := qualityTruth(c)
	planted := 0
	for _, r := range c.rows {
		if r.kind == kStraight {
			planted++
		}
	}
	if n := sum2(want["straight_lining/student"]) + sum2(want["straight_lining/parent"]); n < planted {
		t.Fatalf("generator: %d straight-lined rows planted, only %d found by the rule", planted, n)
	}
	gotRes := map[string]map[string]int{}
	for _, q := range res.Quality {
		if q.Rule == "low_response_rate" {
			continue
		}
		k := q.Rule + "/" + q.Questionnaire
		gotRes[k] = map[string]int{}
		for _, s := range q.Schools {
			gotRes[k][s.Name] += s.Count
		}
		if n := sum2(gotRes[k]); n != q.Count {
			t.Errorf("results.json quality %s: count %d, schools add up to %d", k, q.Count, n)
		}
		if wantRejected := q.Rule == rDuplicate || q.Rule == rTooFast; q.Rejected != wantRejected {
			t.Errorf("results.json quality %s: rejected %v, want %v", k, q.Rejected, wantRejected)
		}
	}
	gotChk := map[string]map[string]int{}
	for _, q := range sum.Quality {
		gotChk[q.Rule+"/"+q.Questionnaire] = q.BySchool
	}
	for _, k := range []string{"duplicate/student", "duplicate/parent", "too_fast/student", "too_fast/parent"} {
		if len(want[k]) == 0 {
			t.Fatalf("generator: no %s rows planted", k)
		}
	}
	for _, got := range []struct {
		name string
		m    map[string]map[string]int
	}{{"results.json", gotRes}, {"check --json", gotChk}} {
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if !maps.Equal(got.m[k], want[k]) {
				t.Errorf("%s quality %s (total %d, want %d)\n got %v\nwant %v", got.name, k, sum2(got.m[k]), sum2(want[k]), got.m[k], want[k])
			}
		}
		for k := range got.m {
			if _, ok := want[k]; !ok {
				t.Errorf("%s quality lists %s, which the generator did not plant: %v", got.name, k, got.m[k])
			}
		}
	}
}

func sum2(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

var (
	ipLike   = regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`)
	idLike   = regexp.MustCompile(`XS-\d{4}-\d{5}`)
	timeLike = regexp.MustCompile(`\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}`)
)

// secrets are the row-level values of the input: IP addresses, 学生编号, 提交答卷时间.
type secrets map[string]string // value → what it is

func inputSecrets(c *generated) secrets {
	s := secrets{}
	for _, r := range c.rows {
		if r.kind == kBlank {
			continue
		}
		s[r.ip] = "IP"
		s[r.submitted()] = "提交答卷时间"
		if r.id != "" {
			s[r.id] = "学生编号"
		}
	}
	return s
}

// find returns the input values in data.
func (s secrets) find(data []byte) []string {
	var hits []string
	for _, re := range []*regexp.Regexp{ipLike, idLike, timeLike} {
		for _, m := range re.FindAll(data, -1) {
			if what, ok := s[string(m)]; ok {
				hits = append(hits, what+" "+string(m))
			}
		}
	}
	return hits
}

// (5) Privacy: no IP, 学生编号 or 提交答卷时间 of the input in any output but rejects.csv.
func checkPrivacy(t *testing.T, c *generated, out, checkStdout string) {
	s := inputSecrets(c)
	if hits := s.find(readFile(t, filepath.Join(out, "rejects.csv"))); len(hits) == 0 {
		t.Fatalf("the scan finds no input value in rejects.csv, which holds the rejected rows: the scan is broken")
	}
	scan := func(name string, data []byte) {
		if hits := s.find(data); len(hits) > 0 {
			t.Errorf("%s holds %d input values, e.g. %q", name, len(hits), hits[:min(3, len(hits))])
		}
	}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".png":
			return nil
		case ".csv":
			if rel != "rejects.csv" {
				t.Errorf("unexpected CSV output %s", rel)
			}
			return nil
		case ".xlsx":
			return scanZip(t, p, scan)
		}
		scan(rel, readFile(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	scan("check --json output", []byte(checkStdout))
	for _, name := range []string{"report.html", "tables.xlsx", "results.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("no %s: %v", name, err)
		}
	}
}

// scanZip scans every part of an .xlsx (a zip of XML files).
func scanZip(t *testing.T, path string, scan func(string, []byte)) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		scan(filepath.Base(path)+":"+f.Name, data)
	}
	return nil
}

// (6) stdout lists exactly the files written; stderr says where rejects.csv is.
func checkStreams(t *testing.T, out string, rep result) {
	var written []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".jianfu") { // jianfu's own manifest is bookkeeping, not a result
			written = append(written, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	listed := strings.Split(strings.TrimSpace(rep.stdout), "\n")
	sort.Strings(listed)
	sort.Strings(written)
	if !slices.Equal(listed, written) {
		t.Errorf("stdout lists\n%s\nthe folder holds\n%s", strings.Join(listed, "\n"), strings.Join(written, "\n"))
	}
	for _, n := range []string{"report.html", "tables.xlsx", "results.json", "rejects.csv"} {
		if !slices.Contains(listed, filepath.Join(out, n)) {
			t.Errorf("stdout does not list %s", n)
		}
	}
	charts := 0
	for _, p := range listed {
		if strings.HasPrefix(p, filepath.Join(out, "charts")+string(filepath.Separator)) && strings.HasSuffix(p, ".png") {
			charts++
		}
	}
	if charts == 0 {
		t.Errorf("stdout lists no charts/*.png")
	}
	if !strings.Contains(rep.stderr, filepath.Join(out, "rejects.csv")) {
		t.Errorf("stderr does not say where rejects.csv is:\n%s", rep.stderr)
	}
	t.Logf("stderr: %s", strings.TrimSpace(rep.stderr))
}

// TestDuplicateSameIPNoID: a parent submits with 学生编号 XS-1, then again 3 minutes later from the same
// IP with identical answers but the 学生编号 left empty. Same IP and no conflicting 学生编号 — but
// formats.md judges duplicates against chance: in a school and band of 3 rows where 2 of 3 give this
// answer vector (the third differs in one answer), the expected chance matches are 1 pair × 2/3 ≥ 0.05,
// so both rows stay and row 4 is reported as 可能重复 with that expectation.
func TestDuplicateSameIPNoID(t *testing.T) {
	dir := t.TempDir()
	h := []string{"学生编号", "提交答卷时间", "所用时间", "来自IP"}
	for i, qu := range parent.questions {
		h = append(h, fmt.Sprintf("%d、%s", i+1, qu.text))
	}
	answers := []string{"青石县实验小学", "五年级", "3", "30-60分钟", "8-9小时", "21:00以前", "否", "否", "不参加", "没有支出", "否", "提供，孩子参加", "适中", "满意"}
	other := slices.Clone(answers)
	other[6] = "是"
	var b bytes.Buffer
	b.WriteString("\ufeff")
	for _, rec := range [][]string{h,
		append([]string{"XS-1", "2026/06/23 08:00:00", "200秒", "36.152.0.9"}, answers...),
		append([]string{"XS-2", "2026/06/23 08:01:00", "200秒", "36.152.0.10"}, other...),
		append([]string{"", "2026/06/23 08:03:00", "200秒", "36.152.0.9"}, answers...), // row 4: the same parent again
	} {
		b.Write(csvLine(rec, false))
	}
	in, roster := filepath.Join(dir, "p.csv"), filepath.Join(dir, "名册.csv")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(roster, rosterCSV(), 0o644); err != nil {
		t.Fatal(err)
	}
	chk := run(t, buildJianfu(t), dir, "check", in, "--roster", roster, "--json", "-o", dir)
	var sum checkJSON
	if err := json.Unmarshal([]byte(chk.stdout), &sum); err != nil || len(sum.Files) != 1 {
		t.Fatalf("check --json: %v\n%s%s", err, chk.stdout, chk.stderr)
	}
	if f := sum.Files[0]; f.Used != 3 || f.RejectedByReason[rDuplicate] != 0 {
		t.Errorf("used %d, rejected %v; want all 3 used", f.Used, f.RejectedByReason)
	}
	var q struct {
		Quality []struct {
			Rule     string `json:"rule"`
			Possible []struct {
				Row        int     `json:"row"`
				EarlierRow int     `json:"earlier_row"`
				Expected   float64 `json:"expected"`
			} `json:"possible"`
		} `json:"quality"`
	}
	if err := json.Unmarshal([]byte(chk.stdout), &q); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, f := range q.Quality {
		for _, p := range f.Possible {
			found = f.Rule == "possible_duplicate" && p.Row == 4 && p.EarlierRow == 2 && math.Abs(p.Expected-2.0/3) < 1e-9
		}
	}
	if !found {
		t.Errorf("quality %+v; want row 4 reported as a possible duplicate of row 2 with expectation 2/3", q.Quality)
	}
}

// The generator of the messy county: the questionnaires as the contract (../../../shared/spec) words
// them, written out here again so that the test does not take them from the code it tests, and the
// files with their ground truth, row by row.

// question is one question of a questionnaire: its header text and options (nil for free text).
type question struct {
	text    string
	options []string
}

// questionnaire is a built-in questionnaire as questionnaires.md lists it: question N at index N-1.
type questionnaire struct {
	code      string
	questions []question
	minGrade  int
	sex       int // number of the sex question (left out of straight-lining), 0 when none
}

var (
	sleepOpts    = []string{"不足7小时", "7-8小时", "8-9小时", "9-10小时", "10小时及以上"}
	homeworkOpts = []string{"没有书面家庭作业", "30分钟以内", "30-60分钟", "60-90分钟", "90-120分钟", "120分钟以上"}
	bedtimeOpts  = []string{"21:00以前", "21:00-21:20", "21:20-22:00", "22:00-22:30", "22:30-23:00", "23:00以后"}
	noYes        = []string{"否", "是"}
	loadOpts     = []string{"偏少", "适中", "偏多", "太多"}
	oftenOpts    = []string{"从不", "偶尔", "经常"}
)

// questionnaires.md, 学生问卷.
var student = &questionnaire{code: "student", minGrade: 3, sex: 4, questions: []question{
	{"你就读的学校是？", nil},
	{"你所在的年级是？", nil},
	{"你所在的班级是？", nil},
	{"你的性别是？", []string{"男", "女"}},
	{"上学日（周一至周五），你通常晚上几点上床睡觉？", bedtimeOpts},
	{"上学日，你通常早上几点起床？", []string{"6:00以前", "6:00-6:30", "6:30-7:00", "7:00-7:30", "7:30以后"}},
	{"上学日，你平均每天的睡眠时间大约是多少？", sleepOpts},
	{"上学日，你每天完成老师布置的书面家庭作业大约需要多长时间？", homeworkOpts},
	{"你觉得老师布置的作业量怎么样？", loadOpts},
	{"老师是否布置过反复抄写、机械重复或惩罚性的作业？", oftenOpts},
	{"老师是否要求家长批改你的作业或检查签字？", noYes},
	{"老师是否通过班级群（微信、QQ、钉钉等）布置作业或要求打卡？", noYes},
	{"本学期到目前为止，学校或年级统一组织了几次纸笔考试（不含课堂小测验）？", []string{"0次", "1次", "2次", "3次", "4次及以上"}},
	{"学校是否有月考、周考等经常性的统一考试？", noYes},
	{"学校或老师是否公布过考试成绩或排名（张榜、家长群、班级群等）？", noYes},
	{"本学期，学校是否在周末、节假日或寒暑假组织集体补课？", noYes},
	{"是否有本校老师动员或组织你参加收费补课（有偿家教）？", noYes},
	{"你目前每周参加校外学科类培训（语文、数学、英语等）的时间大约是多少？", []string{"不参加", "2小时以内", "2-4小时", "4-6小时", "6小时以上"}},
	{"除教材配套练习册外，你每个学科平均使用几套教辅资料？", []string{"没有", "1套", "2套", "3套及以上"}},
	{"上学日，你每天在校参加体育活动（体育课、大课间、课外体育活动）的时间大约是多少？", []string{"不足30分钟", "30分钟-1小时", "1-2小时", "2小时及以上"}},
	{"音乐、体育、美术等课程是否被其他学科占用？", oftenOpts},
	{"上学日，你们学校上午第一节课几点开始？", []string{"7:30以前", "7:30-8:00", "8:00-8:20", "8:20及以后"}},
	{"你是否把手机带进课堂？", []string{"没有手机或不带入学校", "带入学校但统一保管", "带入课堂"}},
	{"你觉得自己的学习压力大吗？", []string{"没有压力", "压力较小", "压力一般", "压力较大", "压力很大"}},
}}

// questionnaires.md, 家长问卷.
var parent = &questionnaire{code: "parent", minGrade: 1, questions: []question{
	{"您的孩子就读的学校是？", nil},
	{"您的孩子所在的年级是？", nil},
	{"您的孩子所在的班级是？", nil},
	{"上学日，孩子每天完成老师布置的书面家庭作业大约需要多长时间？", homeworkOpts},
	{"上学日，孩子平均每天的睡眠时间大约是多少？", sleepOpts},
	{"上学日，孩子通常晚上几点上床睡觉？", bedtimeOpts},
	{"老师是否要求您批改孩子的作业或检查签字？", noYes},
	{"老师是否通过班级群布置作业或要求打卡？", noYes},
	{"孩子目前是否参加校外学科类培训？", []string{"不参加", "参加，每周2小时以内", "参加，每周2-4小时", "参加，每周4小时以上"}},
	{"本学年您家庭用于孩子校外学科类培训的支出大约是多少？", []string{"没有支出", "2000元以下", "2000-5000元", "5000-10000元", "10000元以上"}},
	{"是否有本校老师向您推荐或组织有偿补课？", noYes},
	{"学校是否提供课后服务？孩子是否参加？", []string{"学校未提供", "提供，孩子未参加", "提供，孩子参加"}},
	{"您认为孩子的作业量怎么样？", loadOpts},
	{"您对学校减负工作的满意程度？", []string{"非常满意", "满意", "一般", "不满意", "非常不满意"}},
}}

var gradeNames = []string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}

// school is one roster entry.
type school struct {
	code, name, stage, locale string
	aliases                   []string
	weight                    int // relative number of respondents
}

// county is the roster: four 小学, two 初中, two 九年一贯制 schools; 柏树乡小学 so small that its cells
// are suppressed or marked 样本不足.
var county = []school{
	{"QS01", "青石县实验小学", "小学", "城区", []string{"实验小学", "县实小"}, 50},
	{"QS02", "青石县城南小学", "小学", "城区", []string{"城南小学"}, 40},
	{"QS03", "青石县桃源镇中心小学", "小学", "镇区", []string{"桃源中心小学", "桃源镇小"}, 30},
	{"QS04", "青石县柏树乡小学", "小学", "乡村", []string{"柏树小学"}, 2},
	{"QS05", "青石县第一中学", "初中", "城区", []string{"县一中", "青石一中"}, 50},
	{"QS06", "青石县桃源镇中学", "初中", "镇区", []string{"桃源中学"}, 30},
	{"QS07", "青石县河口九年一贯制学校", "九年一贯制", "乡村", []string{"河口学校"}, 20},
	{"QS08", "青石县新区学校", "九年一贯制", "城区", []string{"新区学校", "新区九年制"}, 30},
}

// School names that match no roster entry or alias.
var unmatchedNames = []string{"青石县实验二小", "青石县第三中学", "桃园中学", "青石县城北小学", "河口中学"}

func (s school) hasGrade(g int) bool {
	switch s.stage {
	case "小学":
		return g >= 1 && g <= 6
	case "初中":
		return g >= 7 && g <= 9
	}
	return g >= 1 && g <= 9
}

// Answer codes besides the option numbers 1..k.
const (
	ansMissing = -1 // 未答: (空) or an empty cell
	ansInvalid = -2 // 无效: matches no option
	ansSkipped = -3 // 不适用: (跳过)
)

// Rejection reason codes, as results.json and rejects.csv spell them.
const (
	rBlank       = "blank_row"
	rEncoding    = "encoding"
	rShort       = "short_row"
	rNoSchool    = "missing_school"
	rUnmatched   = "unmatched_school"
	rUnreadable  = "grade_unreadable"
	rNotSurveyed = "grade_not_surveyed"
	rNotInStage  = "grade_not_in_stage"
	rDuplicate   = "duplicate"
	rTooFast     = "too_fast"
)

// Kinds of planted rows.
const (
	kClean      = "clean"
	kAlias      = "alias"          // a roster alias or a spacing variant of the name: used
	kUnmatched  = "unmatched"      // a school the roster does not have
	kNoSchool   = "empty_school"   // empty or (空) school
	kGradeLow   = "grade_1_2"      // 一二年级 on the student sheet
	kGradeStage = "grade_stage"    // a grade the school's 学段 has not
	kGradeBad   = "grade_bad"      // a grade that cannot be read
	kJunior     = "junior_form"    // 初一 … 初三, 七年级（初一）: used
	kInvalid    = "invalid_answer" // a few cells match no option: used
	kSkipped    = "skipped"        // a few cells (跳过): used
	kTooFast    = "too_fast"       // 所用时间 20秒
	kStraight   = "straight_line"  // every choice the same position: used, reported
	kDup        = "dup"            // an original (used) and an identical copy 3 minutes later
	kClassmate  = "classmate"      // an original and a same-IP copy with one answer changed: both used
	kTwoHours   = "two_hours"      // an original and an identical copy 2 hours later: both used
	kBlank      = "blank"          // a row of commas in a CSV; an empty row (a gap) in a sheet
	kEncoding   = "encoding"       // a row pasted in GB18030 into a UTF-8 file
	kShort      = "short"          // the truncated last row of a CSV
	kOverlap    = "overlap"        // a row of an earlier file exported again: a duplicate (0 s apart)
	kMultiline  = "multiline"      // an invalid answer with a line break inside the quoted cell: used
)

// form is how a file writes answers.
type form int

const (
	formText    form = iota // 问卷星 按选项文本: option text, (空)
	formMixed               // typed or mixed: option text, letters, "C. text", full-width digits
	formOrdinal             // 问卷星 按选项序号: option numbers, -2 未答, -3 跳过
)

// layout is the kind of file and its bookkeeping columns.
type layout int

const (
	layoutGBCSV    layout = iota // 问卷星 CSV saved by Excel in GB18030, CRLF
	layoutBOMCSV                 // UTF-8 CSV with BOM, LF, a 学生编号 column, [单选题] tags in the headers
	layoutXLSX                   // 问卷星 .xlsx, text cells
	layoutOrdinalX               // 问卷星 按选项序号 .xlsx, numeric cells
)

// fileSpec says what one generated file holds.
type fileSpec struct {
	name   string
	q      *questionnaire
	form   form
	layout layout
	start  time.Time
	ipNet  string // first two octets of the file's IP addresses
	clean  int
	faults []faultCount
}

type faultCount struct {
	kind string
	n    int
}

func (fs *fileSpec) hasIDs() bool { return fs.layout == layoutBOMCSV }

// resp is one row of a generated file and its ground truth.
type resp struct {
	file   string
	row    int // as Excel shows it; the header is row 1
	kind   string
	reason string // the rejection the row must get, "" when it must be used
	q      *questionnaire
	school int // roster index; -1 when the school cell names none
	grade  int
	cells  []string // one per question
	ans    []int    // per question: option 1..k or ansMissing, ansInvalid, ansSkipped; 0 for free text
	mapped []bool   // per question: the cell is a variant the tool must count as mapped
	derive string   // kDup, kClassmate or kTwoHours: a copy of this row follows
	t      int64    // 提交答卷时间, seconds after epoch
	serial int      // 序号
	dur    string   // 所用时间
	ip     string   // 来自IP without the location
	id     string   // 学生编号
	source string   // 来源
}

func (r *resp) used() bool { return r.reason == "" }

// epoch is the time the generator counts submissions from.
var epoch = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func (r *resp) submitted() string {
	return epoch.Add(time.Duration(r.t) * time.Second).Format("2006/01/02 15:04:05")
}

func (r *resp) clone() *resp {
	c := *r
	c.cells = slices.Clone(r.cells)
	c.ans = slices.Clone(r.ans)
	c.mapped = slices.Clone(r.mapped)
	c.derive = ""
	return &c
}

// gen draws the county from one fixed seed.
type gen struct {
	rng  *rand.Rand
	ipN  int
	idN  int
	rows []*resp // every row of every file, in file and row order
}

func newGen() *gen { return &gen{rng: rand.New(rand.NewPCG(20260622, 0x6532652d6a66))} }

func pick[T any](g *gen, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// pickSchool draws a school by weight among those ok accepts.
func (g *gen) pickSchool(ok func(school) bool) int {
	var idx []int
	for i, s := range county {
		if ok(s) {
			for range s.weight {
				idx = append(idx, i)
			}
		}
	}
	return pick(g, idx)
}

func (g *gen) pickGrade(s school, lo, hi int) int {
	var gs []int
	for gr := lo; gr <= hi; gr++ {
		if s.hasGrade(gr) {
			gs = append(gs, gr)
		}
	}
	return pick(g, gs)
}

func (g *gen) setAnswer(r *resp, f form, i, code int) {
	r.ans[i] = code
	r.cells[i], r.mapped[i] = g.answerCell(f, r.q.questions[i].options, code)
}

var invalidTexts = []string{"看情况", "不清楚", "都有", "记不得了"}

// answerCell writes an answer code as the file's form does, and says whether the tool must count the
// cell as a mapped variant.
func (g *gen) answerCell(f form, opts []string, code int) (string, bool) {
	switch code {
	case ansMissing:
		switch f {
		case formOrdinal:
			return "-2", false // formats.md: -2 is 未答 in 序号 exports
		case formMixed:
			return pick(g, []string{"", "（空）"}), false
		}
		return pick(g, []string{"(空)", "(空)", ""}), false
	case ansInvalid:
		if f == formOrdinal {
			return "8", false
		}
		return pick(g, invalidTexts), false
	case ansSkipped:
		if f == formOrdinal {
			return "-3", false // formats.md: -3 is 跳过 (不适用) in 序号 exports
		}
		return "(跳过)", false
	}
	text := opts[code-1]
	letter := rune('A' + code - 1)
	switch f {
	case formOrdinal:
		return strconv.Itoa(code), false
	case formMixed:
		switch x := g.rng.IntN(20); {
		case x < 2:
			return string(letter), true
		case x < 3:
			return fmt.Sprintf("%c. %s", letter, text), true
		case x < 4:
			return fmt.Sprintf("%c、%s", letter, text), true
		case x < 5:
			if w := fullWidthDigits(text); w != text {
				return w, true
			}
		}
	}
	return text, false
}

func fullWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

func (g *gen) setSchool(r *resp, s int) {
	r.school = s
	r.cells[0] = county[s].name
	r.mapped[0] = false
}

func (g *gen) setGrade(r *resp, f form, grade int) {
	r.grade = grade
	r.mapped[1] = false
	if f == formOrdinal {
		r.cells[1] = strconv.Itoa(grade)
		return
	}
	r.cells[1] = gradeNames[grade]
}

func (g *gen) setClass(r *resp, f form) {
	c := 1 + g.rng.IntN(6)
	r.mapped[2] = false
	switch {
	case f == formOrdinal:
		r.cells[2] = strconv.Itoa(c)
	case g.rng.IntN(10) == 0:
		r.cells[2] = fmt.Sprintf("（%d）班", c) // mapped to "c班"
		r.mapped[2] = true
	case g.rng.IntN(2) == 0:
		r.cells[2] = fmt.Sprintf("%d班", c)
	default:
		r.cells[2] = strconv.Itoa(c)
	}
}

func (g *gen) duration(q *questionnaire) string {
	s := 60 + g.rng.IntN(600)
	if q == parent {
		s = 40 + g.rng.IntN(400)
	}
	if g.rng.IntN(2) == 0 {
		return fmt.Sprintf("%d秒", s)
	}
	return fmt.Sprintf("%d分%d秒", s/60, s%60)
}

// newResp draws a clean respondent: a roster school, a grade it has, answers leaning to the school's
// bias, 3% 未答.
func (g *gen) newResp(fs *fileSpec) *resp {
	q := fs.q
	n := len(q.questions)
	r := &resp{kind: kClean, q: q, cells: make([]string, n), ans: make([]int, n), mapped: make([]bool, n),
		dur: g.duration(q), source: pick(g, []string{"微信", "手机提交", "链接"})}
	g.setSchool(r, g.pickSchool(func(school) bool { return true }))
	g.setGrade(r, fs.form, g.pickGrade(county[r.school], q.minGrade, 9))
	g.setClass(r, fs.form)
	for i, qu := range q.questions {
		if qu.options == nil {
			continue
		}
		code := 1 + g.rng.IntN(len(qu.options))
		if ok := complying(q, i, r.grade); ok != nil && g.rng.Float64() < bias[r.school] {
			code = pick(g, ok)
		}
		if g.rng.Float64() < 0.03 {
			code = ansMissing
		}
		g.setAnswer(r, fs.form, i, code)
	}
	return r
}

// choiceQuestions returns the indices of q's choice questions.
func choiceQuestions(q *questionnaire) []int {
	var out []int
	for i, qu := range q.questions {
		if qu.options != nil {
			out = append(out, i)
		}
	}
	return out
}

// fault draws a row with one planted fault.
func (g *gen) fault(fs *fileSpec, kind string) *resp {
	r := g.newResp(fs)
	r.kind = kind
	q := fs.q
	switch kind {
	case kAlias:
		s := county[r.school]
		if g.rng.IntN(4) == 0 {
			// A spacing variant normalises to the roster name itself: matched, not a variant.
			rs := []rune(s.name)
			r.cells[0] = " " + string(rs[:3]) + " " + string(rs[3:]) + " "
		} else {
			r.cells[0] = pick(g, s.aliases)
			r.mapped[0] = true
		}
	case kUnmatched:
		r.cells[0], r.school, r.reason = pick(g, unmatchedNames), -1, rUnmatched
	case kNoSchool:
		r.cells[0], r.school, r.reason = pick(g, []string{"", "(空)", "  "}), -1, rNoSchool
	case kGradeLow:
		g.setSchool(r, g.pickSchool(func(s school) bool { return s.hasGrade(1) }))
		g.setGrade(r, fs.form, 1+g.rng.IntN(2))
		r.reason = rNotSurveyed
	case kGradeStage:
		g.setSchool(r, g.pickSchool(func(s school) bool { return s.stage != "九年一贯制" }))
		if county[r.school].stage == "小学" {
			g.setGrade(r, fs.form, 7+g.rng.IntN(3))
		} else {
			g.setGrade(r, fs.form, q.minGrade+g.rng.IntN(7-q.minGrade))
		}
		r.reason = rNotInStage
	case kGradeBad:
		bad := []string{"高一", "十年级", "初四", "", "(空)"}
		if fs.form == formOrdinal {
			bad = []string{"12", "0", "-3"}
		}
		r.cells[1], r.grade, r.reason = pick(g, bad), 0, rUnreadable
	case kJunior:
		g.setSchool(r, g.pickSchool(func(s school) bool { return s.hasGrade(7) }))
		gr := 7 + g.rng.IntN(3)
		g.setGrade(r, fs.form, gr)
		r.cells[1] = []string{"初一", "初二", "初三"}[gr-7]
		if g.rng.IntN(3) == 0 {
			r.cells[1] = gradeNames[gr] + "（" + r.cells[1] + "）"
		}
		r.mapped[1] = true
	case kInvalid, kSkipped:
		code := ansInvalid
		if kind == kSkipped {
			code = ansSkipped
		}
		cq := choiceQuestions(q)
		for range 1 + g.rng.IntN(3) {
			g.setAnswer(r, fs.form, pick(g, cq), code)
		}
	case kTooFast:
		r.dur, r.reason = pick(g, []string{"20秒", "20秒", "15秒"}), rTooFast
	case kStraight:
		p := 1 + g.rng.IntN(2)
		for _, i := range choiceQuestions(q) {
			if i+1 != q.sex {
				g.setAnswer(r, fs.form, i, p)
			}
		}
	case kDup, kClassmate, kTwoHours:
		r.kind, r.derive = kClean, kind
	case kMultiline:
		i := pick(g, choiceQuestions(q))
		r.ans[i], r.cells[i], r.mapped[i] = ansInvalid, "说不清\n"+pick(g, invalidTexts), false
	case kEncoding:
		r.reason = rEncoding
	case kShort:
		r.reason = rShort
	default:
		panic("unknown fault " + kind)
	}
	return r
}

// derived returns the row that follows an original planted for a duplicate scenario.
func (g *gen) derived(fs *fileSpec, o *resp) *resp {
	c := o.clone()
	c.kind = o.derive
	switch o.derive {
	case kDup:
		c.t, c.reason = o.t+180, rDuplicate
		if fs.hasIDs() {
			c.ip = g.newIP(fs) // the same pupil again, from another network: found by 学生编号
		}
	case kClassmate:
		c.t = o.t + 60 + int64(g.rng.IntN(240))
		i := pick(g, choiceQuestions(fs.q))
		k := len(fs.q.questions[i].options)
		next := 1
		if c.ans[i] > 0 {
			next = c.ans[i]%k + 1
		}
		g.setAnswer(c, fs.form, i, next)
		if fs.hasIDs() {
			c.id = g.newID()
		}
	case kTwoHours:
		c.t = o.t + 7200
	}
	c.dur = g.duration(fs.q)
	return c
}

// overlap returns n used rows of earlier files of the same questionnaire, exported again into this
// one: the same submission (time, address, answers), the answers written in this file's form.
func (g *gen) overlap(fs *fileSpec, n int) []*resp {
	var from []*resp
	for _, r := range g.rows {
		if r.q == fs.q && r.kind == kClean && r.derive == "" && r.used() {
			from = append(from, r)
		}
	}
	var out []*resp
	for _, i := range g.rng.Perm(len(from))[:n] {
		c := from[i].clone()
		c.kind, c.reason = kOverlap, rDuplicate
		for _, qi := range choiceQuestions(fs.q) {
			g.setAnswer(c, fs.form, qi, c.ans[qi])
		}
		out = append(out, c)
	}
	return out
}

func (g *gen) newIP(fs *fileSpec) string {
	g.ipN++
	return fmt.Sprintf("%s.%d.%d", fs.ipNet, g.ipN/250, g.ipN%250+1)
}

func (g *gen) newID() string {
	g.idN++
	return fmt.Sprintf("XS-%04d-%05d", 2026, g.idN)
}

// genFile draws the rows of one file in file order, numbered as Excel shows them.
func (g *gen) genFile(fs *fileSpec, path string) []*resp {
	var base, overlap []*resp
	for range fs.clean {
		base = append(base, g.newResp(fs))
	}
	blanks, short := 0, false
	for _, fc := range fs.faults {
		switch fc.kind {
		case kBlank:
			blanks += fc.n
		case kShort:
			short = true
		case kOverlap:
			overlap = g.overlap(fs, fc.n)
		default:
			for range fc.n {
				base = append(base, g.fault(fs, fc.kind))
			}
		}
	}
	g.rng.Shuffle(len(base), func(i, j int) { base[i], base[j] = base[j], base[i] })
	t := int64(fs.start.Sub(epoch) / time.Second)
	var prev *resp
	for _, r := range base {
		t += 5 + int64(g.rng.IntN(40))
		r.t = t
		r.ip = g.newIP(fs)
		// A computer room: plain rows often share the previous plain row's address.
		if prev != nil && r.kind == kClean && r.derive == "" && g.rng.IntN(3) == 0 {
			r.ip = prev.ip
		}
		if r.kind == kClean && r.derive == "" {
			prev = r
		}
		if fs.hasIDs() {
			r.id = g.newID()
		}
	}
	rows := append(slices.Clone(base), overlap...)
	for _, r := range base {
		if r.derive != "" {
			rows = append(rows, g.derived(fs, r))
		}
	}
	slices.SortStableFunc(rows, func(a, b *resp) int { return int(a.t - b.t) })
	for i, r := range rows {
		r.serial = i + 1
	}
	for range blanks {
		at := 1 + g.rng.IntN(len(rows)-1)
		rows = slices.Insert(rows, at, &resp{kind: kBlank, reason: rBlank, q: fs.q, school: -1})
	}
	if short {
		r := g.fault(fs, kShort)
		r.t, r.ip, r.serial = t+30, g.newIP(fs), len(rows)+1
		if fs.hasIDs() {
			r.id = g.newID()
		}
		rows = append(rows, r)
	}
	for i, r := range rows {
		r.file, r.row = path, i+2
	}
	return rows
}

// files are the county's answer files: about 3,000 rows in four forms.
func countyFiles() []*fileSpec {
	day := func(d int) time.Time { return time.Date(2026, 6, d, 8, 0, 0, 0, time.UTC) }
	return []*fileSpec{
		{name: "学生问卷_问卷星_GB18030.csv", q: student, form: formText, layout: layoutGBCSV, start: day(22), ipNet: "183.214", clean: 800,
			faults: []faultCount{{kAlias, 40}, {kUnmatched, 8}, {kNoSchool, 5}, {kGradeLow, 6}, {kGradeStage, 6}, {kGradeBad, 5},
				{kJunior, 30}, {kInvalid, 15}, {kSkipped, 4}, {kTooFast, 10}, {kStraight, 4}, {kDup, 6}, {kClassmate, 4}, {kTwoHours, 3}, {kBlank, 2}, {kMultiline, 1}}},
		{name: "家长问卷_UTF8_BOM.csv", q: parent, form: formText, layout: layoutBOMCSV, start: day(23), ipNet: "36.152", clean: 640,
			faults: []faultCount{{kAlias, 30}, {kUnmatched, 6}, {kNoSchool, 4}, {kGradeStage, 6}, {kGradeBad, 4}, {kJunior, 20},
				{kInvalid, 12}, {kTooFast, 8}, {kStraight, 3}, {kDup, 5}, {kTwoHours, 2}, {kMultiline, 2}, {kEncoding, 1}, {kShort, 1}}},
		{name: "学生问卷_第二批.xlsx", q: student, form: formMixed, layout: layoutXLSX, start: day(24), ipNet: "117.136", clean: 580,
			faults: []faultCount{{kAlias, 25}, {kUnmatched, 5}, {kNoSchool, 4}, {kGradeLow, 5}, {kGradeStage, 5}, {kGradeBad, 4},
				{kJunior, 20}, {kInvalid, 10}, {kTooFast, 8}, {kStraight, 3}, {kDup, 4}, {kClassmate, 2}, {kTwoHours, 2}, {kOverlap, 3}, {kBlank, 1}}},
		{name: "家长问卷_按选项序号.xlsx", q: parent, form: formOrdinal, layout: layoutOrdinalX, start: day(25), ipNet: "112.48", clean: 500,
			faults: []faultCount{{kAlias, 20}, {kUnmatched, 4}, {kNoSchool, 3}, {kGradeStage, 5}, {kGradeBad, 4}, {kInvalid, 10},
				{kSkipped, 5}, {kTooFast, 6}, {kStraight, 3}, {kDup, 4}, {kClassmate, 2}, {kTwoHours, 2}}},
	}
}

// generated is the county on disk and its truth.
type generated struct {
	roster string
	files  []string
	specs  map[string]*fileSpec // by path
	rows   []*resp
}

// generateCounty writes the roster and the answer files into dir.
func generateCounty(t *testing.T, dir string) *generated {
	t.Helper()
	g := newGen()
	out := &generated{roster: filepath.Join(dir, "名册.csv"), specs: map[string]*fileSpec{}}
	if err := os.WriteFile(out.roster, rosterCSV(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, fs := range countyFiles() {
		path := filepath.Join(dir, fs.name)
		rows := g.genFile(fs, path)
		data, err := render(fs, rows)
		if err != nil {
			t.Fatalf("generate %s: %v", fs.name, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out.files = append(out.files, path)
		out.specs[path] = fs
		g.rows = append(g.rows, rows...)
		for _, r := range rows {
			// An empty row inside a sheet is a gap with no cells, not a row anyone typed: it is not read,
			// but the rows below it keep the numbers Excel shows.
			if r.kind == kBlank && (fs.layout == layoutXLSX || fs.layout == layoutOrdinalX) {
				continue
			}
			out.rows = append(out.rows, r)
		}
	}
	return out
}

// enrolment is the roster's number of pupils of school i in grade g: some schools answer near
// census, others below the 50% response rate.
func enrolment(i, g int) int { return []int{120, 200, 70, 30, 150, 90, 60, 80}[i] + g }

// bias is each school's share of answers drawn from the complying options (the rest are uniform),
// so that schools differ and some are flagged, some not.
var bias = []float64{0.1, 0.5, 0.8, 0.3, 0.2, 0.6, 0.9, 0.4}

// complying returns the options of question index qi that comply for the grade, nil when the
// question feeds no indicator.
func complying(q *questionnaire, qi, grade int) []int {
	for _, def := range indicatorDefs {
		if def.qnum[q.code] == qi+1 {
			var out []int
			for o := 1; o <= len(q.questions[qi].options); o++ {
				if def.comply(grade, o) {
					out = append(out, o)
				}
			}
			return out
		}
	}
	return nil
}

func rosterCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"学校代码", "学校名称", "学段", "城乡", "别名", "一年级人数", "二年级人数", "三年级人数", "四年级人数", "五年级人数", "六年级人数", "七年级人数", "八年级人数", "九年级人数"})
	for i, s := range county {
		rec := []string{s.code, s.name, s.stage, s.locale, strings.Join(s.aliases, ";")}
		for g := 1; g <= 9; g++ {
			n := ""
			if s.hasGrade(g) {
				n = strconv.Itoa(enrolment(i, g))
			}
			rec = append(rec, n)
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// header returns the file's header row.
func header(fs *fileSpec) []string {
	var h []string
	if fs.layout == layoutBOMCSV {
		h = []string{"学生编号", "提交答卷时间", "所用时间", "来自IP"}
	} else {
		h = []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}
	}
	for i, qu := range fs.q.questions {
		tag := ""
		if fs.layout == layoutBOMCSV && qu.options != nil {
			tag = "[单选题]"
		}
		h = append(h, fmt.Sprintf("%d、%s%s", i+1, qu.text, tag))
	}
	return h
}

var ipPlaces = []string{"(湖南-长沙)", "(湖南-益阳)", "(湖南-常德)"}

// cells returns the row as written: bookkeeping, then the answers.
func cells(fs *fileSpec, r *resp) []string {
	var c []string
	if fs.layout == layoutBOMCSV {
		c = []string{r.id, r.submitted(), r.dur, r.ip}
	} else {
		c = []string{strconv.Itoa(r.serial), r.submitted(), r.dur, r.source, "N/A", r.ip + ipPlaces[r.serial%len(ipPlaces)]}
	}
	return append(c, r.cells...)
}

func render(fs *fileSpec, rows []*resp) ([]byte, error) {
	switch fs.layout {
	case layoutGBCSV, layoutBOMCSV:
		return renderCSV(fs, rows)
	}
	return renderXLSX(fs, rows)
}

func csvLine(rec []string, crlf bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = crlf
	w.Write(rec)
	w.Flush()
	return b.Bytes()
}

func renderCSV(fs *fileSpec, rows []*resp) ([]byte, error) {
	crlf := fs.layout == layoutGBCSV
	h := header(fs)
	var b bytes.Buffer
	b.Write(csvLine(h, crlf))
	gb := simplifiedchinese.GB18030.NewEncoder()
	for _, r := range rows {
		switch r.kind {
		case kBlank:
			b.WriteString(strings.Repeat(",", len(h)-1))
			b.WriteString(map[bool]string{true: "\r\n", false: "\n"}[crlf])
		case kEncoding:
			line, err := gb.Bytes(csvLine(cells(fs, r), crlf))
			if err != nil {
				return nil, err
			}
			b.Write(line)
		case kShort:
			c := cells(fs, r)[:fs.cutAt()]
			c[len(c)-1] = "8-" // the file ends inside "8-9小时"
			b.Write(bytes.TrimRight(csvLine(c, crlf), "\r\n"))
		default:
			b.Write(csvLine(cells(fs, r), crlf))
		}
	}
	if fs.layout == layoutBOMCSV {
		return append([]byte("\ufeff"), b.Bytes()...), nil
	}
	return gb.Bytes(b.Bytes())
}

// cutAt is where the truncated last row of a CSV stops: inside the second answer.
func (fs *fileSpec) cutAt() int { return len(header(fs)) - len(fs.q.questions) + 5 }

func renderXLSX(fs *fileSpec, rows []*resp) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	put := func(row int, rec []string) error {
		vals := make([]any, len(rec))
		for i, c := range rec {
			vals[i] = c
			if n, err := strconv.Atoi(c); err == nil && (fs.layout == layoutOrdinalX || i == 0) {
				vals[i] = n // 序号 and, in an ordinal export, every number is a numeric cell
			}
		}
		return f.SetSheetRow(sheet, "A"+strconv.Itoa(row), &vals)
	}
	if err := put(1, header(fs)); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.kind == kBlank {
			continue // a row left empty inside the sheet
		}
		if err := put(r.row, cells(fs, r)); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
