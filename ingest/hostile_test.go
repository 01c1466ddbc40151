package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// minCases is the size the corpus of bad and hostile inputs in testdata/cases must keep.
const minCases = 40

// TestCaseCorpus checks that every case folder has an input and a want.txt, that there are at least
// minCases of them, and that no case takes more than caseTimeLimit to read.
func TestCaseCorpus(t *testing.T) {
	const caseTimeLimit = 2 * time.Second
	roster := loadTestRoster(t)
	dirs, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, "want.txt")); err != nil {
				t.Errorf("no want.txt: %v (run go test ./ingest -run TestFileCases -update)", err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			var srcs []Source
			for _, f := range files {
				if filepath.Base(f) != "want.txt" {
					srcs = append(srcs, FileSource(f))
				}
			}
			if len(srcs) == 0 {
				t.Fatal("no input file (run go run ./ingest/internal/casegen)")
			}
			start := time.Now()
			Read(srcs, ReadOptions{Roster: roster})
			if d := time.Since(start); d > caseTimeLimit {
				t.Errorf("read took %v, more than %v", d, caseTimeLimit)
			}
		})
	}
	if n < minCases {
		t.Errorf("%d case folders in testdata/cases, want at least %d", n, minCases)
	}
}

// TestRejectsCSVFormulaSafe reads school names that are markup and spreadsheet formulas, writes
// rejects.csv and checks that Excel would show every cell as text: a cell starting with = + - @, a
// tab or a carriage return gets a leading apostrophe, and the markup is kept as written.
func TestRejectsCSVFormulaSafe(t *testing.T) {
	res, err := Read([]Source{FileSource("testdata/cases/hostile_names_csv/学生问卷.csv")}, ReadOptions{Roster: loadTestRoster(t)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rejects.csv")
	var buf bytes.Buffer
	if err := WriteRejectsCSV(&buf, res.Rejects); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("rejects.csv does not parse back: %v", err)
	}
	if len(recs) != 1+len(res.Rejects) {
		t.Fatalf("rejects.csv has %d records, want header + %d", len(recs), len(res.Rejects))
	}
	values := map[string]bool{}
	for i, rec := range recs[1:] {
		for j, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isPlainNumber(c) {
				t.Errorf("record %d cell %d = %q: starts with a formula character and no apostrophe", i+2, j+1, c)
			}
		}
		values[rec[3]] = true
	}
	for _, want := range []string{
		"<script>alert(1)</script>",
		`'=HYPERLINK("http://x","y")`,
		"'+1+1",
		"'-2+3",
		"'@SUM(A1)",
		"'\t=1+1",
	} {
		if !values[want] {
			t.Errorf("rejects.csv has no value cell %q; values: %v", want, values)
		}
	}
}

// isPlainNumber reports whether s is a number such as -2 or +3.5, which a spreadsheet shows as is.
func isPlainNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" || strings.Count(s, ".") > 1 {
		return false
	}
	return strings.Trim(s, "0123456789.") == "" && strings.Trim(s, ".") != ""
}

// TestUTF16WithoutBOMWithEncoding reads the utf16le_nobom_tsv case, refused when detected, with
// --encoding utf-16le: the way out its message should point to.
func TestUTF16WithoutBOMWithEncoding(t *testing.T) {
	res, err := Read([]Source{FileSource("testdata/cases/utf16le_nobom_tsv/学生问卷.txt")}, ReadOptions{Roster: loadTestRoster(t), Encoding: "utf-16le"})
	if err != nil {
		t.Fatal(err)
	}
	if read, used, _ := res.Totals(""); read != 4 || used != 4 {
		t.Errorf("read %d used %d, want 4 and 4", read, used)
	}
}

// TestHugeHeader reads a header of 100,000 columns, made at run time, and expects the MaxColumns
// error quickly.
func TestHugeHeader(t *testing.T) {
	const cols = 100000
	data := []byte(strings.Repeat("列,", cols-1) + "列\r\n1\r\n")
	src := Source{Name: "宽表.csv", Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	start := time.Now()
	_, err := Read([]Source{src}, ReadOptions{})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want a *HeaderError", err)
	}
	const want = "宽表.csv：表头有 100000 列，超过上限 1000 列：这不像问卷导出（可用 --max-columns 调整）"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}

// repeatReader yields n copies of one byte, made as they are read.
type repeatReader struct {
	b    byte
	n    int64 // bytes left
	read int64 // bytes handed out
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.b
	}
	r.n -= int64(len(p))
	r.read += int64(len(p))
	return len(p), nil
}

// TestTwoGigabyteLine reads a 2 GiB file of one line, produced lazily (never on disk), and expects
// the line-too-long error within seconds, having read and allocated little.
func TestTwoGigabyteLine(t *testing.T) {
	rr := &repeatReader{b: 'a', n: 2 << 30}
	src := Source{Name: "一行.csv", Open: func() (io.ReadCloser, error) { return io.NopCloser(rr), nil }}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Read([]Source{src}, ReadOptions{})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("err = %v, want ErrLineTooLong", err)
	}
	const want = "一行.csv：有一行超过长度上限（文件可能不是问卷导出，或缺少换行）"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	t.Logf("stopped after %v, %d KiB read, %d KiB allocated", elapsed, rr.read>>10, (after.TotalAlloc-before.TotalAlloc)>>10)
	if elapsed > 5*time.Second {
		t.Errorf("took %v", elapsed)
	}
	if rr.read > 64<<20 {
		t.Errorf("read %d MiB of the file before stopping", rr.read>>20)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
}
