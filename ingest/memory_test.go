package ingest

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
)

// peakHeap runs f and returns the largest heap in use sampled while it ran.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	return peak.Load()
}

// TestBoundedMemory reads inputs made to cost memory, generated here rather than committed: a
// sheet whose one cell expands to hundreds of megabytes, a million blank CSV rows, a million
// formatted empty sheet rows. Each is read or refused with the heap under 1 GB (in fact far less).
func TestBoundedMemory(t *testing.T) {
	q, err := surveys.Builtin("student")
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, qu := range q.Questions {
		header = append(header, qu.Header())
	}
	dir := t.TempDir()
	cases := []struct {
		name    string
		make    func(path string) error
		wantErr bool
	}{
		{"xlsx cell of 300 MB", func(path string) error {
			rows := [][]string{header, {"清河县第一中学", "七年级"}}
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			return writeXLSXWith(f, rows, func(w *bufio.Writer) {
				w.WriteString(`<row r="3"><c r="A3" t="inlineStr"><is><t>`)
				chunk := strings.Repeat("甲", 1<<16)
				for range 300 << 20 / len(chunk) {
					w.WriteString(chunk)
				}
				w.WriteString(`</t></is></c></row>`)
			})
		}, true},
		{"csv of a million blank rows", func(path string) error {
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			w := bufio.NewWriter(f)
			w.WriteString(strings.Join(header, ",") + "\n")
			blank := strings.Repeat(",", len(header)-1) + "\n"
			for range 1_000_000 {
				w.WriteString(blank)
			}
			return w.Flush()
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ext := ".csv"
			if strings.HasPrefix(c.name, "xlsx") {
				ext = ".xlsx"
			}
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+ext)
			if err := c.make(path); err != nil {
				t.Fatal(err)
			}
			var res *Result
			var err error
			peak := peakHeap(func() { res, err = Read([]Source{FileSource(path)}, ReadOptions{Survey: "student"}) })
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if res != nil {
				checkResult(t, res)
			}
			t.Logf("peak heap %d MB", peak>>20)
			if peak > 1<<30 {
				t.Errorf("peak heap %d MB, over 1 GB", peak>>20)
			}
		})
	}
}
