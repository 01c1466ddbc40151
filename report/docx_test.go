package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jianfu-edu/jianfu/internal/synth"
)

// docxPart returns one part of a .docx package as text.
func docxPart(t testing.TB, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("docx has no %s", name)
	return ""
}

// TestDOCXParts checks the WordprocessingML the report relies on: fonts and language in the document
// defaults, heading styles, repeated header rows, A4, the page-number footer, one image per figure,
// fixed zip times and no template leftovers.
func TestDOCXParts(t *testing.T) {
	r := results(t, synth.Schools(13), 3000)
	doc, _, err := Build(r, DataQuality{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	styles := docxPart(t, out, "word/styles.xml")
	body := docxPart(t, out, "word/document.xml")
	footer := docxPart(t, out, "word/footer1.xml")
	figures, tables := 0, 0
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Figure != nil {
				figures++
			}
			if b.Table != nil {
				tables++
			}
		}
	}
	tests := []struct {
		name, part, re string
		count          int // 0: at least once; -1: never
	}{
		{"default East Asian font 宋体", styles, `<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"`, 1},
		{"default language zh-CN", styles, `<w:rPrDefault>.*?w:eastAsia="zh-CN"`, 1},
		{"heading 1 in 黑体 with an outline level", styles, `w:styleId="Heading1">.*?<w:outlineLvl w:val="0"/>.*?w:eastAsia="黑体"`, 1},
		{"one Heading1 per section", body, `<w:pStyle w:val="Heading1"`, len(doc.Sections)},
		{"a repeated header row per table", body, `<w:tblHeader`, tables},
		{"A4 page", body, `<w:pgSz w:w="11906" w:h="16838"`, 1},
		{"footer referenced", body, `<w:footerReference w:type="default" r:id="rId\d+"`, 1},
		{"page field", footer, `<w:instrText[^>]*> PAGE </w:instrText>`, 1},
		{"one picture per figure", body, `<pic:pic`, figures},
		{"a 目录 field over heading levels 1-2", body, `<w:instrText xml:space="preserve"> TOC \\o "1-2"`, 1},
		{"the 目录 lists every section before Word updates it", body, `<w:pStyle w:val="TOC1"/>`, len(doc.Sections)},
		{"no placeholder left", body, tocMarker, -1},
		{"Word updates fields on opening", docxPart(t, out, "word/settings.xml"), `<w:updateFields w:val="true"/><w:compat>`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := len(regexp.MustCompile("(?s)"+tc.re).FindAllStringIndex(tc.part, -1))
			if (tc.count == 0 && n == 0) || (tc.count > 0 && n != tc.count) || (tc.count < 0 && n > 0) {
				t.Errorf("%q found %d times, want %d", tc.re, n, tc.count)
			}
		})
	}
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	media := 0
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
		if strings.Contains(f.Name, "thumbnail") {
			t.Errorf("template leftover %s", f.Name)
		}
		if strings.HasPrefix(f.Name, "word/media/") {
			media++
		}
	}
	if media != figures {
		t.Errorf("%d images, want %d", media, figures)
	}
	if core := docxPart(t, out, "docProps/core.xml"); strings.Contains(core, "dcterms:created") || !strings.Contains(core, doc.Title) {
		t.Errorf("core.xml: %s", core)
	}
}

// TestDOCXLibreOffice converts report.docx to PDF with LibreOffice and reads the PDF back: it opens,
// has page numbers, every section heading, and a plausible number of pages. It skips where LibreOffice
// or poppler is not installed (.ci/run installs them).
func TestDOCXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("libreoffice not installed")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	dir := t.TempDir()
	r := results(t, synth.Schools(13), 3000)
	doc, _, err := Build(r, DataQuality{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "lo"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	txt, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(txt)
	pages := strings.Count(text, "\f")
	// 13 schools, 22 indicators with a chart and a breakdown table each, students beside parents:
	// some tens of pages (the demo county's is about 60), not the 122 of the first conversions.
	if pages < 10 || pages > 110 {
		t.Errorf("%d pages", pages)
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{strings.Join(strings.Fields(doc.Title), ""), "第1页共" + strconv.Itoa(pages) + "页", "第" + strconv.Itoa(pages) + "页"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, s := range doc.Sections {
		if !strings.Contains(flat, strings.Join(strings.Fields(s.Title), "")) {
			t.Errorf("PDF text lacks section %q", s.Title)
		}
	}
}
