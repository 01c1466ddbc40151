package plots

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGoldenSVG compares each golden chart's SVG with testdata/NAME_golden.svg, byte for byte: the
// SVG holds every label as text, so a changed label, number or colour shows as a line of the diff.
// go test ./plots -update rewrites the files.
func TestGoldenSVG(t *testing.T) {
	for _, tc := range goldenCharts() {
		t.Run(tc.name, func(t *testing.T) {
			got := renderBytes(t, tc.chart, SVG)
			path := filepath.Join("testdata", tc.name+"_golden.svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./plots -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s: %s", tc.name, path, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + g[i] + "\n want " + w[i]
		}
	}
	return "got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}

// TestGoldenCatches checks the golden comparisons can fail: small changes a reader would notice
// must not pass either the PNG or the SVG check.
func TestGoldenCatches(t *testing.T) {
	wantPNG, err := os.ReadFile(filepath.Join("testdata", "schoolbars_golden.png"))
	if err != nil {
		t.Fatal(err)
	}
	wantSVG, err := os.ReadFile(filepath.Join("testdata", "schoolbars_golden.svg"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*SchoolBars)
	}{
		{"n label 60 to 68", func(s *SchoolBars) { s.Bars[0].N = 68 }},
		{"share 96.0 to 96.1", func(s *SchoolBars) { s.Bars[0].P = 96.1 }},
		{"flag colour lost", func(s *SchoolBars) {
			for i := range s.Bars {
				if s.Bars[i].Flagged {
					s.Bars[i].Flagged = false
					return
				}
			}
		}},
		{"school name", func(s *SchoolBars) { s.Bars[2].Label = "县实验学校" }},
		{"county line", func(s *SchoolBars) { s.County = 87.3 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sleepBars(schools13)
			if c.Bars[0].N != 60 || c.Bars[0].P != 96 {
				t.Fatalf("fixture changed: bar 0 n=%d p=%v", c.Bars[0].N, c.Bars[0].P)
			}
			tt.change(c)
			if msg := diffImages(t, renderBytes(t, c, PNG), wantPNG); msg == "" {
				t.Error("the PNG comparison accepts the change")
			}
			if bytes.Equal(renderBytes(t, c, SVG), wantSVG) {
				t.Error("the SVG comparison accepts the change")
			}
		})
	}
}

// TestFlagColour: flagged schools are drawn in the warning colour (bar and value), the others in the
// bar colour, suppressed ones in neither; the legend shows 需关注 only when a school is flagged.
func TestFlagColour(t *testing.T) {
	const flagFill, barFill = "fill:#C8413E", "fill:#3B6EA8"
	if colFlagged != rgb(0xc8413e) || colBar != rgb(0x3b6ea8) {
		t.Fatalf("colours changed: update the SVG fills this test looks for")
	}
	c := sleepBars(schools13)
	var flagged, possible, plain int
	for _, b := range c.Bars {
		switch {
		case math.IsNaN(b.P):
		case b.Flagged:
			flagged++
		case b.Possible:
			possible++
		default:
			plain++
		}
	}
	if flagged == 0 || plain == 0 {
		t.Fatalf("fixture has %d flagged and %d plain bars; want both", flagged, plain)
	}
	svg := string(renderBytes(t, c, SVG))
	// Each flagged bar: its bar and its value in the warning colour; plus the legend swatch.
	if got := strings.Count(svg, flagFill); got != 1+2*flagged {
		t.Errorf("%d elements in %s, want %d (legend + bar and value of %d flagged schools)", got, flagFill, 1+2*flagged, flagged)
	}
	if got := strings.Count(svg, barFill); got != 1+plain {
		t.Errorf("%d elements in %s, want %d (legend + %d plain bars)", got, barFill, 1+plain, plain)
	}
	if !strings.Contains(svg, ">"+chineseWords.flagged+"<") {
		t.Errorf("no legend entry %s", chineseWords.flagged)
	}
	// 需关注 bars in the caution colour, plus its legend swatch.
	if got := strings.Count(svg, "fill:#E0A030"); possible > 0 && got != 1+possible {
		t.Errorf("%d elements in the caution colour, want %d (legend + %d possible bars)", got, 1+possible, possible)
	}
	if possible > 0 && !strings.Contains(svg, ">"+chineseWords.possible+"<") {
		t.Errorf("no legend entry %s", chineseWords.possible)
	}
	for i := range c.Bars {
		c.Bars[i].Flagged = false
	}
	svg = string(renderBytes(t, c, SVG))
	if strings.Contains(svg, flagFill) || strings.Contains(svg, ">"+chineseWords.flagged+"<") {
		t.Error("a chart with no flagged school uses the warning colour or shows 需关注")
	}
}
