package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/internal/synth"
	"github.com/jianfu-edu/jianfu/surveys"
)

// TestFeedbackOnlyOwnSchool: one sheet per school (per stage for a school teaching two), each naming its
// own school and no other, in both
// HTML and Word, with the standard of every hard indicator it is flagged on.
func TestFeedbackOnlyOwnSchool(t *testing.T) {
	r := results(t, synth.Schools(13), 3000)
	fbs := BuildFeedback(r, Options{Office: "某县教研室", Date: "2026-07-10"})
	if len(fbs) != len(r.Units) {
		t.Fatalf("%d sheets, want one per reporting unit (%d)", len(fbs), len(r.Units))
	}
	for _, fb := range fbs {
		var h, d bytes.Buffer
		if err := WriteHTML(&h, fb.Doc); err != nil {
			t.Fatal(err)
		}
		if err := WriteDOCX(&d, fb.Doc); err != nil {
			t.Fatal(err)
		}
		own := r.Units[fb.Unit].Name
		for name, text := range map[string]string{"html": h.String(), "docx": docxPart(t, d.Bytes(), "word/document.xml")} {
			if !strings.Contains(text, own) || !strings.Contains(text, "2026年7月10日") {
				t.Errorf("%s %s: own name or date missing", fb.File, name)
			}
			for i, s := range r.Schools {
				if i != r.Units[fb.Unit].School && strings.Contains(text, s.Name) {
					t.Errorf("%s %s names another school, %s", fb.File, name, s.Name)
				}
			}
		}
		for _, ir := range r.Indicators {
			sr := schoolResult(ir, fb.Unit)
			if sr != nil && sr.Flagged && ir.Indicator.Kind == surveys.Hard && !strings.Contains(h.String(), "不符合“"+ir.Indicator.Standard+"”") {
				t.Errorf("%s: flagged on %s but its standard is not quoted", fb.File, ir.Indicator.Code)
			}
		}
	}
}

func TestFeedbackFileNames(t *testing.T) {
	tests := []struct {
		name   string
		school surveys.School
		want   string
	}{
		{"code and name", surveys.School{Code: "QX01", Name: "清溪县实验小学"}, "QX01_清溪县实验小学"},
		{"no roster code", surveys.School{Name: "某校"}, "S004_某校"},
		{"path characters", surveys.School{Code: "../A", Name: `a/b\c:d*e?f"g<h>i|j`}, "_A_a_b_c_d_e_f_g_h_i_j"},
		{"long name", surveys.School{Code: "C", Name: strings.Repeat("长", 100)}, "C_" + strings.Repeat("长", 58)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := feedbackFile(tc.school, 3); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFeedbackTwoPages converts the sheet of the school with the most flags with LibreOffice: one or two
// A4 pages. It skips where LibreOffice or poppler is not installed.
func TestFeedbackTwoPages(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("libreoffice not installed")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("poppler-utils not installed")
	}
	r := results(t, synth.Schools(13), 3000)
	fbs := BuildFeedback(r, Options{})
	worst, most := fbs[0], -1
	for _, fb := range fbs {
		n := 0
		for _, ir := range r.Indicators {
			if sr := schoolResult(ir, fb.Unit); sr != nil && sr.Flagged {
				n++
			}
		}
		if n > most {
			worst, most = fb, n
		}
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, worst.Doc); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "sheet.docx")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "lo"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	out, err := exec.Command(pdfinfo, filepath.Join(dir, "sheet.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := ""
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "Pages:" {
			pages = f[1]
		}
	}
	if pages != "1" && pages != "2" {
		t.Errorf("the sheet of a school flagged %d times has %s pages", most, pages)
	}
}
