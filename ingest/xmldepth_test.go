package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestDeepXMLRefusedQuickly: a 30 KB workbook whose sheet nests two million elements deep inside a
// row is refused before the XML parser sees it, in well under a second.
func TestDeepXMLRefusedQuickly(t *testing.T) {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"1、你就读的学校是？", "2、你所在的年级是？"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"清河县第一中学", "七年级"})
	var plain bytes.Buffer
	if err := wb.Write(&plain); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(plain.Bytes()), int64(plain.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	const n = 2_000_000
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			s := string(data)
			i := strings.Index(s, "<row r=\"2\"")
			j := i + strings.Index(s[i:], ">") + 1
			s = s[:j] + strings.Repeat("<x>", n) + strings.Repeat("</x>", n) + s[j:]
			data = []byte(s)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	data := out.Bytes()
	src := Source{Name: "deep.xlsx", Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	start := time.Now()
	_, err = Read([]Source{src}, ReadOptions{})
	if !errors.Is(err, ErrXMLDepth) {
		t.Fatalf("err = %v, want ErrXMLDepth", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing took %v", d)
	}
	t.Logf("%d-byte workbook refused in %v", len(data), time.Since(start))
}
