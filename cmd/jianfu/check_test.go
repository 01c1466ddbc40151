package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// casesDir holds the ingest test files that the command tests reuse.
const casesDir = "../../ingest/testdata/cases"

// testIO returns streams over buffers, and the buffers.
func testIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, &out, &errOut
}

// runCheck runs checkRun on o with buffers; o.Out defaults to a fresh temporary folder.
func runCheck(t *testing.T, o CheckOptions) (stdout, stderr string, err error) {
	t.Helper()
	ios, out, errOut := testIO()
	o.IO = ios
	if o.Out == "" {
		o.Out = t.TempDir()
	}
	err = checkRun(&o)
	return out.String(), errOut.String(), err
}

// demoFile is one answer file of the demo county, read independently of ingest: its rows as
// Excel shows them (rows[0] is the header) and the faults the demo package says it planted.
type demoFile struct {
	name   string
	code   string // the questionnaire
	title  string // the questionnaire's title, as check prints it
	rows   [][]string
	faults demo.Faults
}

// readDemoFiles reads the demo answer files with excelize and encoding/csv, not with ingest.
func readDemoFiles(t *testing.T) []demoFile {
	t.Helper()
	f, err := demo.FS.Open(demo.StudentFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x, err := excelize.OpenReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	student, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fs.ReadFile(demo.FS, demo.ParentFile)
	if err != nil {
		t.Fatal(err)
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw) // demo.ParentFile is documented as GB18030
	if err != nil {
		t.Fatal(err)
	}
	parent, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tf, err := demo.FS.Open(demo.TeacherFile)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	tx, err := excelize.OpenReader(tf)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	teacher, err := tx.GetRows(tx.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return []demoFile{
		{demo.StudentFile, "student", "学生问卷", student, demo.StudentFaults},
		{demo.ParentFile, "parent", "家长问卷", parent, demo.ParentFaults},
		{demo.TeacherFile, "teacher", "教师问卷", teacher, demo.Faults{}}, // the demo plants no faults in the teachers' file
	}
}

// read is the number of data rows: every row after the header is read.
func (f demoFile) read() int { return len(f.rows) - 1 }

// wantRejects are the rows check must reject, by reason: the misspelt schools (UnknownSchools;
// the demo has a roster) and the fast submissions (FastSubmissions; too_fast rejects unless
// --keep-fast). The demo's other faults are mapped or only counted. dups are the rows rejected as
// duplicates, which the demo does not plant (see no_false_duplicates in TestCheckDemo).
func (f demoFile) wantRejects(dups int) map[string]int {
	m := map[string]int{}
	if f.faults.UnknownSchools > 0 {
		m[string(ingest.ReasonUnmatchedSchool)] = f.faults.UnknownSchools
	}
	if f.faults.FastSubmissions > 0 {
		m[string(ingest.ReasonTooFast)] = f.faults.FastSubmissions
	}
	if dups > 0 {
		m[string(ingest.ReasonDuplicate)] = dups
	}
	return m
}

func total(m map[string]int) (n int) {
	for _, c := range m {
		n += c
	}
	return n
}

// col returns the column of the file whose header is h, or -1.
func (f demoFile) col(h string) int { return slices.Index(f.rows[0], h) }

func TestCheckDemo(t *testing.T) {
	files := readDemoFiles(t)
	js, _, err := runCheck(t, CheckOptions{JSON: true})
	if err != nil {
		t.Fatalf("checkRun --json: %v", err)
	}
	var got jsonCheck
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, js)
	}
	if len(got.Files) != len(files) {
		t.Fatalf("--json has %d files, want %d", len(got.Files), len(files))
	}
	dups := make([]int, len(files))
	for i := range files {
		dups[i] = got.Files[i].RejectedByReason[string(ingest.ReasonDuplicate)]
	}

	dir := t.TempDir()
	text, stderr, err := runCheck(t, CheckOptions{Out: dir})
	if err != nil {
		t.Fatalf("checkRun: %v", err)
	}
	rejectsPath := filepath.Join(dir, "rejects.csv")
	t.Run("text", func(t *testing.T) { checkDemoText(t, text, stderr, rejectsPath, files, dups) })
	t.Run("rejects_csv", func(t *testing.T) { checkDemoRejects(t, rejectsPath, files, dups) })
	t.Run("json", func(t *testing.T) { checkDemoJSON(t, []byte(js), got, text, files, dups) })
	t.Run("no_false_duplicates", func(t *testing.T) {
		// demo.Faults: "every other row is clean", so no row is a duplicate. Pupils of one class in one
		// computer room share an IP, and a few give the same answers: formats.md keeps them and reports
		// them as 可能重复 with the expected number of chance matches, which is ≥ 0.05 for each.
		if slices.ContainsFunc(dups, func(n int) bool { return n > 0 }) {
			t.Errorf("check rejects %v rows of %s, %s as duplicates, but demo plants none", dups, files[0].name, files[1].name)
		}
		var possible []ingest.PossibleDuplicate
		for _, q := range got.Quality {
			if q.Rule == ingest.RulePossibleDuplicate {
				if q.Rejected || q.Count != len(q.Possible) {
					t.Errorf("possible_duplicate: rejected %v, count %d, %d rows listed", q.Rejected, q.Count, len(q.Possible))
				}
				possible = append(possible, q.Possible...)
			}
		}
		if len(possible) == 0 {
			t.Fatal("no possible_duplicate finding: the demo's computer-room matches are no longer reported")
		}
		for _, p := range possible {
			if p.Expected < ingest.ChanceMatchLimit || p.Row <= p.EarlierRow {
				t.Errorf("possible duplicate %+v: want expected ≥ %g and a later row", p, ingest.ChanceMatchLimit)
			}
		}
		if !strings.Contains(text, "可能重复") || !strings.Contains(text, "期望次数") {
			t.Errorf("check's text does not report the possible duplicates with their expectation:\n%s", text)
		}
	})
}

// checkDemoText checks the text output of check on the demo county against the demo files.
func checkDemoText(t *testing.T, stdout, stderr, rejectsPath string, files []demoFile, dups []int) {
	if !strings.Contains(stderr, "未指定输入文件") || !strings.Contains(stderr, demo.County) {
		t.Errorf("stderr does not say the demo county is used:\n%s", stderr)
	}
	var read, rejected int
	lines := strings.Split(stdout, "\n")
	for k, f := range files {
		i := slices.Index(lines, f.name)
		if i < 0 || i+2 >= len(lines) {
			t.Errorf("no block for %s in:\n%s", f.name, stdout)
			continue
		}
		if !strings.HasPrefix(lines[i+1], "  "+f.title+"，") {
			t.Errorf("%s: questionnaire line %q, want it to start with %q", f.name, lines[i+1], f.title)
		}
		want := f.wantRejects(dups[k])
		n, r := f.read(), total(want)
		read, rejected = read+n, rejected+r
		if w := fmt.Sprintf("  读取 %d 行：使用 %d 行，剔除 %d 行", n, n-r, r); lines[i+2] != w {
			t.Errorf("%s: counts line %q, want %q", f.name, lines[i+2], w)
		}
		var gotReasons, wantReasons []string
		for _, l := range lines[i+3:] {
			m := reasonLine.FindStringSubmatch(l)
			if m == nil {
				break
			}
			gotReasons = append(gotReasons, m[1]+" "+m[2])
		}
		for code, c := range want {
			wantReasons = append(wantReasons, ingest.Reason(code).Text()+" "+strconv.Itoa(c))
		}
		slices.Sort(gotReasons)
		slices.Sort(wantReasons)
		if !slices.Equal(gotReasons, wantReasons) {
			t.Errorf("%s: reasons %q, want %q", f.name, gotReasons, wantReasons)
		}
	}
	// The line every reader looks for. (Before the quality rules it read 12090 = 12087 + 3.)
	sum := fmt.Sprintf("合计：读取 %d 行 = 使用 %d 行 + 剔除 %d 行", read, read-rejected, rejected)
	if !slices.Contains(lines, sum) {
		t.Errorf("no line %q in:\n%s", sum, stdout)
	}
	if !slices.Contains(lines, "被剔除的行及原因已写入 "+rejectsPath) {
		t.Errorf("output does not name %s:\n%s", rejectsPath, stdout)
	}
}

// checkDemoRejects checks rejects.csv against the demo files: one record per rejected row, each
// pointing at the row (numbered as in Excel) and the cell that decided.
func checkDemoRejects(t *testing.T, path string, files []demoFile, dups []int) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(raw, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Errorf("%s does not start with a UTF-8 BOM (Excel would show mojibake): % x", path, raw[:min(8, len(raw))])
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := []string{"文件", "行号", "列", "值", "原因代码", "原因", "说明", "原始内容"}
	if !slices.Equal(recs[0], header) {
		t.Fatalf("rejects.csv header = %q, want %q", recs[0], header)
	}
	rejected := 0
	for k, f := range files {
		rejected += total(f.wantRejects(dups[k]))
	}
	if got := len(recs) - 1; got != rejected {
		t.Errorf("rejects.csv has %d records, want %d", got, rejected)
	}
	if got := bytes.Count(body, []byte("\r\n")); got != rejected+1 {
		t.Errorf("rejects.csv has %d CRLF lines, want %d (header + one line per rejected row)", got, rejected+1)
	}
	found := make([]map[string]int, len(files))
	for i := range found {
		found[i] = map[string]int{}
	}
	for _, rec := range recs[1:] {
		file, rowText, col, value, code, detail := rec[0], rec[1], rec[2], rec[3], rec[4], rec[6]
		k := slices.IndexFunc(files, func(f demoFile) bool { return f.name == file })
		row, err := strconv.Atoi(rowText)
		if k < 0 || err != nil || row < 2 || row > len(files[k].rows) {
			t.Errorf("record %q points at no demo row", rec)
			continue
		}
		f := files[k]
		cells := f.rows[row-1]
		found[k][code]++
		if rec[5] != ingest.Reason(code).Text() {
			t.Errorf("record %q: reason text %q, want %q", rec, rec[5], ingest.Reason(code).Text())
		}
		if !strings.HasPrefix(rec[7], strings.Join(cells, " | ")) {
			t.Errorf("record %q: 原始内容 is not row %d of %s: %q", rec, row, file, cells)
		}
		if col != "" && (f.col(col) < 0 || cells[f.col(col)] != value) {
			t.Errorf("record %q: row %d of %s has no cell %q under %q", rec, row, file, value, col)
		}
		school := f.col(col)
		switch code {
		case string(ingest.ReasonUnmatchedSchool):
			if school < 0 || !strings.Contains(col, "学校") {
				t.Errorf("record %q: column %q is not the school column", rec, col)
			}
		case string(ingest.ReasonTooFast):
			secs, err := strconv.Atoi(strings.TrimSuffix(value, "秒"))
			q, _ := surveys.Builtin(f.code)
			if col != "所用时间" || err != nil || secs >= 2*len(q.Questions) { // demo.Faults: “less than 2 seconds a question”
				t.Errorf("record %q: not a submission under %d seconds", rec, 2*len(q.Questions))
			}
		case string(ingest.ReasonDuplicate):
			checkDuplicate(t, f, rec, cells, detail)
		default:
			t.Errorf("record %q: reason %s is not planted in the demo", rec, code)
		}
	}
	for k, f := range files {
		if want := f.wantRejects(dups[k]); fmt.Sprint(found[k]) != fmt.Sprint(want) {
			t.Errorf("rejects.csv has rows of %s by reason %v, want %v", f.name, found[k], want)
		}
	}
}

var otherRow = regexp.MustCompile(`第(\d+)行`)

// checkDuplicate checks a duplicate record names an earlier row with the same IP and the same
// cells from the school question on.
func checkDuplicate(t *testing.T, f demoFile, rec, cells []string, detail string) {
	t.Helper()
	m := otherRow.FindStringSubmatch(detail)
	if m == nil {
		t.Errorf("record %q: 说明 names no row", rec)
		return
	}
	n, _ := strconv.Atoi(m[1])
	row, _ := strconv.Atoi(rec[1])
	if n < 2 || n >= row {
		t.Errorf("record %q: names row %d, not an earlier row", rec, n)
		return
	}
	// The same IP and the same cells from question 1 on; the class may be written 4 or 4班.
	prev, ip := slices.Clone(f.rows[n-1]), f.col("来自IP")
	cells = slices.Clone(cells)
	first := slices.IndexFunc(f.rows[0], func(h string) bool { return strings.HasPrefix(h, "1、") })
	class := slices.IndexFunc(f.rows[0], func(h string) bool { return strings.HasPrefix(h, "3、") && strings.Contains(h, "班级") })
	if ip < 0 || first < 0 || class < 0 {
		t.Fatalf("%s: no IP, question 1 or class column in %q", f.name, f.rows[0])
	}
	prev[class], cells[class] = strings.TrimSuffix(prev[class], "班"), strings.TrimSuffix(cells[class], "班")
	if prev[ip] != cells[ip] || !slices.Equal(prev[first:], cells[first:]) {
		t.Errorf("record %q: row %d is not the same answers from the same IP: %q", rec, n, prev)
	}
}

// jsonCheck is the documented JSON schema of `jianfu check --json`.
type jsonCheck struct {
	Files []struct {
		Path             string         `json:"path"`
		Questionnaire    string         `json:"questionnaire"`
		Read             int            `json:"read"`
		Used             int            `json:"used"`
		Rejected         int            `json:"rejected"`
		RejectedByReason map[string]int `json:"rejected_by_reason"`
	} `json:"files"`
	UnknownOptions []struct {
		Question int    `json:"question"`
		Text     string `json:"text"`
		Count    int    `json:"count"`
	} `json:"unknown_options"`
	UnmatchedSchools []struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	} `json:"unmatched_schools"`
	Quality []ingest.QualityFinding `json:"quality"`
}

// requireKeys fails unless the JSON object has every key: a renamed field would otherwise decode
// silently as zero.
func requireKeys(t *testing.T, what string, obj json.RawMessage, keys ...string) {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s has no key %q: %s", what, k, obj)
		}
	}
}

func checkSchemaKeys(t *testing.T, data []byte) {
	var top struct {
		Files            []json.RawMessage `json:"files"`
		UnknownOptions   []json.RawMessage `json:"unknown_options"`
		UnmatchedSchools []json.RawMessage `json:"unmatched_schools"`
	}
	requireKeys(t, "top level", data, "files", "unknown_options", "unmatched_schools")
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	for i, f := range top.Files {
		requireKeys(t, fmt.Sprintf("files[%d]", i), f, "path", "questionnaire", "read", "used", "rejected", "rejected_by_reason")
	}
	for i, u := range top.UnknownOptions {
		requireKeys(t, fmt.Sprintf("unknown_options[%d]", i), u, "question", "text", "count")
	}
	for i, u := range top.UnmatchedSchools {
		requireKeys(t, fmt.Sprintf("unmatched_schools[%d]", i), u, "name", "count")
	}
}

// textCheck is what the text output of check says, parsed back into the JSON's shape.
type textCheck struct {
	files     []string // "path|title|read|used|rejected|reason text=n,…"
	unknown   []string // "question|text|count"
	unmatched []string // "name|count"
	total     [3]int
}

var (
	countsLine    = regexp.MustCompile(`^  读取 (\d+) 行：使用 (\d+) 行，剔除 (\d+) 行$`)
	reasonLine    = regexp.MustCompile(`^    (\S+) +(\d+) 行$`)
	unknownLine   = regexp.MustCompile(`^  (?:学生问卷|家长问卷) 第(\d+)题 “(.*)” (\d+) 次$`)
	unmatchedLine = regexp.MustCompile(`^  “(.*)” (\d+) 行`)
	totalLine     = regexp.MustCompile(`^合计：读取 (\d+) 行 = 使用 (\d+) 行 \+ 剔除 (\d+) 行$`)
)

func parseCheckText(t *testing.T, out string) textCheck {
	t.Helper()
	var tc textCheck
	lines := strings.Split(out, "\n")
	section := ""
	for i, l := range lines {
		switch {
		case l == "":
			section = ""
		case strings.HasPrefix(l, "无效回答"):
			section = "unknown"
		case strings.HasPrefix(l, "名册中找不到的学校"):
			section = "unmatched"
		case countsLine.MatchString(l) && i >= 2:
			m := countsLine.FindStringSubmatch(l)
			var reasons []string
			for _, r := range lines[i+1:] {
				rm := reasonLine.FindStringSubmatch(r)
				if rm == nil {
					break
				}
				reasons = append(reasons, rm[1]+"="+rm[2])
			}
			slices.Sort(reasons)
			title, _, _ := strings.Cut(strings.TrimSpace(lines[i-1]), "，")
			tc.files = append(tc.files, strings.Join([]string{lines[i-2], title, m[1], m[2], m[3], strings.Join(reasons, ",")}, "|"))
		case totalLine.MatchString(l):
			m := totalLine.FindStringSubmatch(l)
			for k := range tc.total {
				tc.total[k], _ = strconv.Atoi(m[k+1])
			}
		case section == "unknown" && unknownLine.MatchString(l):
			m := unknownLine.FindStringSubmatch(l)
			tc.unknown = append(tc.unknown, m[1]+"|"+m[2]+"|"+m[3])
		case section == "unmatched" && unmatchedLine.MatchString(l):
			m := unmatchedLine.FindStringSubmatch(l)
			tc.unmatched = append(tc.unmatched, m[1]+"|"+m[2])
		}
	}
	return tc
}

// checkDemoJSON checks check --json on the demo county against the demo files and against text,
// the text output of the same check.
func checkDemoJSON(t *testing.T, data []byte, got jsonCheck, text string, files []demoFile, dups []int) {
	checkSchemaKeys(t, data)
	unmatched, unknown := 0, 0
	for i, f := range files {
		g := got.Files[i]
		want := f.wantRejects(dups[i])
		if g.Path != f.name || g.Questionnaire != f.code || g.Read != f.read() || g.Rejected != total(want) || g.Used != f.read()-total(want) {
			t.Errorf("files[%d] = %+v, want %s (%s) read %d rejected %d", i, g, f.name, f.code, f.read(), total(want))
		}
		if fmt.Sprint(g.RejectedByReason) != fmt.Sprint(want) {
			t.Errorf("files[%d].rejected_by_reason = %v, want %v", i, g.RejectedByReason, want)
		}
		unmatched += f.faults.UnknownSchools
		unknown += f.faults.UnknownOptions
	}
	var uc, mc int
	for _, u := range got.UnknownOptions {
		uc += u.Count
	}
	for _, u := range got.UnmatchedSchools {
		mc += u.Count
	}
	if uc != unknown {
		t.Errorf("unknown_options count %d cells, want the %d planted", uc, unknown)
	}
	if mc != unmatched {
		t.Errorf("unmatched_schools count %d rows, want the %d planted", mc, unmatched)
	}

	// The same numbers as the text output.
	tc := parseCheckText(t, text)
	var jc textCheck
	titles := map[string]string{"student": "学生问卷", "parent": "家长问卷", "teacher": "教师问卷"}
	for _, f := range got.Files {
		var reasons []string
		for r, n := range f.RejectedByReason {
			reasons = append(reasons, ingest.Reason(r).Text()+"="+strconv.Itoa(n))
		}
		slices.Sort(reasons)
		jc.files = append(jc.files, strings.Join([]string{f.Path, titles[f.Questionnaire], strconv.Itoa(f.Read), strconv.Itoa(f.Used), strconv.Itoa(f.Rejected), strings.Join(reasons, ",")}, "|"))
		jc.total[0], jc.total[1], jc.total[2] = jc.total[0]+f.Read, jc.total[1]+f.Used, jc.total[2]+f.Rejected
	}
	for _, u := range got.UnknownOptions {
		jc.unknown = append(jc.unknown, fmt.Sprintf("%d|%s|%d", u.Question, u.Text, u.Count))
	}
	for _, u := range got.UnmatchedSchools {
		jc.unmatched = append(jc.unmatched, fmt.Sprintf("%s|%d", u.Name, u.Count))
	}
	if !slices.Equal(jc.files, tc.files) {
		t.Errorf("files: JSON says\n  %q\ntext says\n  %q", jc.files, tc.files)
	}
	if !slices.Equal(jc.unknown, tc.unknown) {
		t.Errorf("unknown options: JSON says\n  %q\ntext says\n  %q", jc.unknown, tc.unknown)
	}
	if !slices.Equal(jc.unmatched, tc.unmatched) {
		t.Errorf("unmatched schools: JSON says\n  %q\ntext says\n  %q", jc.unmatched, tc.unmatched)
	}
	if jc.total != tc.total {
		t.Errorf("totals: JSON files add up to %v, text 合计 says %v", jc.total, tc.total)
	}
	if len(tc.files) != len(files) || len(tc.unknown) == 0 || len(tc.unmatched) == 0 {
		t.Errorf("text output parsed to %+v: the parser missed sections", tc)
	}
}

// latinAllowed are the Latin words a plain Chinese message may use: format and program names.
var latinAllowed = regexp.MustCompile(`\.?(xlsx|xls|CSV|csv|Excel|--[a-z-]+)`)

// checkPlainMessage checks stderr is one line "错误：…" in Chinese that names file.
func checkPlainMessage(t *testing.T, stderr, file string, extraLatin ...string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr is not one line: %q", stderr)
	}
	msg := strings.TrimSuffix(stderr, "\n")
	if !strings.HasPrefix(msg, "错误：") {
		t.Errorf("stderr %q does not start with 错误：", msg)
	}
	rest := strings.ReplaceAll(msg, file, "")
	rest = latinAllowed.ReplaceAllString(rest, "")
	for _, w := range extraLatin {
		rest = strings.ReplaceAll(rest, w, "")
	}
	if i := strings.IndexFunc(rest, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }); i >= 0 {
		t.Errorf("stderr %q is not plain Chinese: Latin text %q", msg, rest[i:])
	}
	if !strings.ContainsFunc(rest, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		t.Errorf("stderr %q has no Chinese", msg)
	}
}

func TestMainExitCodes(t *testing.T) {
	tmp := t.TempDir()
	encrypted := filepath.Join(casesDir, "encrypted_xlsx", "加密.xlsx")
	binary := filepath.Join(casesDir, "binary_csv", "数据.csv")
	headerOnly := filepath.Join(casesDir, "header_only_csv", "学生问卷.csv")
	missing := filepath.Join(tmp, "没有这个文件.csv")
	for _, tc := range []struct {
		name  string
		args  []string
		want  ExitCode
		file  string   // the file the one-line message must name; "" for usage errors and success
		latin []string // Latin words the message may carry besides file formats
	}{
		{name: "demo", args: []string{"check", "-o", tmp}, want: ExitOK},
		{name: "unknown_flag", args: []string{"check", "--no-such-flag", "-o", tmp}, want: ExitUsage},
		{name: "bad_survey", args: []string{"check", "--survey", "foo", "-o", tmp}, want: ExitUsage},
		{name: "encrypted_xlsx", args: []string{"check", "-o", tmp, encrypted}, want: ExitUnreadable, file: encrypted},
		{name: "binary_csv", args: []string{"check", "-o", tmp, binary}, want: ExitUnreadable, file: binary},
		// ingest words this one in both languages on purpose: 文件不存在 (file not found).
		{name: "missing_file", args: []string{"check", "-o", tmp, missing}, want: ExitUnreadable, file: missing, latin: []string{"file not found"}},
		// The message names rejects.csv, the file the user opens next.
		{name: "header_only_csv", args: []string{"check", "-o", tmp, headerOnly}, want: ExitNoData, file: headerOnly, latin: []string{"rejects"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, out, errOut := testIO()
			if got := Main(tc.args, ios); got != tc.want {
				t.Fatalf("Main(%q) = %d, want %d\nstderr: %s", tc.args, got, tc.want, errOut)
			}
			stderr := errOut.String()
			switch {
			case tc.want == ExitOK:
				if !strings.Contains(out.String(), "合计：读取 ") {
					t.Errorf("stdout has no 合计 line:\n%s", out)
				}
				if strings.Contains(stderr, "错误") {
					t.Errorf("stderr has an error: %s", stderr)
				}
			case tc.want == ExitUsage:
				lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[0], "错误：") || lines[1] != "用法见 jianfu help。" {
					t.Errorf("stderr = %q, want 错误：… and 用法见 jianfu help。", stderr)
				}
			default:
				checkPlainMessage(t, stderr, tc.file, tc.latin...)
				if !strings.Contains(stderr, tc.file) {
					t.Errorf("stderr %q does not name %s", stderr, tc.file)
				}
			}
		})
	}
}

// TestUsageMessagesChinese checks usage mistakes are explained in the user's language too.
func TestUsageMessagesChinese(t *testing.T) {
	ios, _, errOut := testIO()
	if got := Main([]string{"check", "--no-such-flag"}, ios); got != ExitUsage {
		t.Fatalf("exit %d, want %d", got, ExitUsage)
	}
	first, _, _ := strings.Cut(errOut.String(), "\n")
	if strings.Contains(first, "unknown flag") {
		t.Errorf("jianfu check --no-such-flag prints cobra's English: %q", first)
	}
	checkPlainMessage(t, first+"\n", "--no-such-flag")
}

// TestCheckNoDataError checks a header-only file is read (0 rows) and reported as no data.
func TestCheckNoDataError(t *testing.T) {
	path := filepath.Join(casesDir, "header_only_csv", "学生问卷.csv")
	stdout, _, err := runCheck(t, CheckOptions{Input: inputOptions{Paths: []string{path}}})
	if !errors.Is(err, errNoData) {
		t.Fatalf("checkRun = %v, want errNoData", err)
	}
	if !strings.Contains(stdout, "合计：读取 0 行 = 使用 0 行 + 剔除 0 行") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestCheckStaleRejects checks a clean run does not leave the rejects.csv of an earlier run
// looking current.
func TestCheckStaleRejects(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runCheck(t, CheckOptions{Out: dir}); err != nil { // the demo county has rejected rows
		t.Fatal(err)
	}
	clean := filepath.Join(casesDir, "utf8_bom_csv", "家长问卷.csv") // 5 rows, all used with the roster
	stdout, _, err := runCheck(t, CheckOptions{Out: dir, Input: inputOptions{Paths: []string{clean}, Roster: rosterCSV}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "剔除 0 行\n") {
		t.Fatalf("the clean file has rejected rows:\n%s", stdout)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "rejects.csv"))
	if err != nil {
		return // removed: fine
	}
	if recs, _ := csv.NewReader(bytes.NewReader(raw)).ReadAll(); len(recs) > 1 {
		t.Errorf("after a clean check, %s still holds the %d rejected rows of the previous run, and the output does not mention it", filepath.Join(dir, "rejects.csv"), len(recs)-1)
	}
}

// TestCheckRejectsFileMode checks rejects.csv gets the permissions of an ordinary new file.
func TestCheckRejectsFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	dir := t.TempDir()
	if _, _, err := runCheck(t, CheckOptions{Out: dir}); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(dir, "ref.txt")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.Stat(filepath.Join(dir, "rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.Stat(ref)
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("rejects.csv is %v, an ordinary new file is %v (os.CreateTemp's 0600 kept?)", got.Mode().Perm(), want.Mode().Perm())
	}
}
