package plots

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite testdata/*_golden.png from the current output")

// chart is what the three chart types have in common.
type chart interface {
	Render(w io.Writer, format Format, f *Font) error
}

var (
	_ chart = (*SchoolBars)(nil)
	_ chart = (*Heatmap)(nil)
	_ chart = (*Stacked)(nil)
)

// goldenCharts are the charts with golden images, 13 schools each.
func goldenCharts() []struct {
	name  string
	chart chart
} {
	return []struct {
		name  string
		chart chart
	}{
		{"schoolbars", sleepBars(schools13)},
		{"heatmap", schoolHeatmap(schools13, indicators16[:8])},
		{"stacked", sleepStacked()},
	}
}

// renderBytes renders c in format with the default font.
func renderBytes(t *testing.T, c chart, format Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(&buf, format, nil); err != nil {
		t.Fatalf("Render(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCharts() {
		t.Run(tc.name, func(t *testing.T) {
			got := renderBytes(t, tc.chart, PNG)
			path := filepath.Join("testdata", tc.name+"_golden.png")
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
			if bytes.Equal(got, want) {
				return
			}
			// Encoders may change between Go versions; compare pixels.
			if msg := diffImages(t, got, want); msg != "" {
				out := filepath.Join(t.TempDir(), tc.name+"_got.png")
				_ = os.WriteFile(out, got, 0o644)
				t.Errorf("%s differs from %s: %s; got is in %s", tc.name, path, msg, out)
			}
		})
	}
}

// diffImages returns "" when the PNGs a and b have the same size and no
// pixel differs by more than 8/255 in a channel, and a description of the
// difference otherwise. The rasteriser is pure Go, so a render is the same
// pixels on every platform; only the PNG encoding may change between Go
// versions. (An earlier tolerance of 0.05% of the pixels let a label change
// from n=60 to n=68 pass: that changes 87 pixels; see TestGoldenCatches.)
func diffImages(t *testing.T, a, b []byte) string {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return "size " + ia.Bounds().String() + " want " + ib.Bounds().String()
	}
	var bad, total int
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			total++
			r1, g1, b1, _ := ia.At(x, y).RGBA()
			r2, g2, b2, _ := ib.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				bad++
			}
		}
	}
	if bad > 0 {
		return fmt.Sprintf("%d of %d pixels differ", bad, total)
	}
	return ""
}

func far(a, b uint32) bool {
	const tol = 8 << 8
	return a > b+tol || b > a+tol
}

func TestDeterministic(t *testing.T) {
	for _, tc := range goldenCharts() {
		for _, f := range []Format{PNG, SVG} {
			t.Run(tc.name+"/"+f.String(), func(t *testing.T) {
				a := renderBytes(t, tc.chart, f)
				b := renderBytes(t, tc.chart, f)
				if !bytes.Equal(a, b) {
					t.Errorf("two renders differ: %d and %d bytes", len(a), len(b))
				}
			})
		}
	}
}

// pngSize returns the pixel size of a PNG.
func pngSize(t *testing.T, data []byte) image.Point {
	t.Helper()
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return image.Pt(cfg.Width, cfg.Height)
}

func TestHeightGrowsWithSchools(t *testing.T) {
	// One more bar adds one row of 0.28 inch at DPI dots per inch.
	perRow := float64(barRowHeight/vg.Inch) * DPI
	tests := []struct {
		name     string
		small    chart
		large    chart
		minExtra float64 // pixels per extra row at least
	}{
		{"schoolbars", sleepBars(schools13), sleepBars(manySchools(60)), perRow},
		// Rows are at least 14 pt high.
		{"heatmap", schoolHeatmap(schools13, indicators16), schoolHeatmap(manySchools(60), indicators16), 14.0 / 72 * DPI},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := pngSize(t, renderBytes(t, tc.small, PNG))
			l := pngSize(t, renderBytes(t, tc.large, PNG))
			if extra := float64(l.Y-s.Y) / 47; extra < tc.minExtra-0.5 {
				t.Errorf("height %d px for 13 rows, %d px for 60: %.1f px per extra row, want ≥ %.1f",
					s.Y, l.Y, extra, tc.minExtra)
			}
		})
	}
}

func TestPNGResolution(t *testing.T) {
	// 16 cm at 192 dpi is 1209 pixels.
	got := pngSize(t, renderBytes(t, sleepStacked(), PNG)).X
	if want := int(math.Round(16 / 2.54 * DPI)); got != want {
		t.Errorf("width %d px, want %d", got, want)
	}
}

func TestSVGNamesFontWithFallbacks(t *testing.T) {
	svg := string(renderBytes(t, sleepBars(schools13), SVG))
	for _, want := range []string{
		"font-family:'Noto Sans CJK SC','Source Han Sans SC'",
		"南湖镇第二初级中学（城东校区）",
		"全县 87.2%",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "@font-face") {
		t.Error("SVG embeds a font")
	}
}

func TestSVGEmbedFont(t *testing.T) {
	svg := string(renderBytes(t, sleepStacked(), SVGEmbedFont))
	if !strings.Contains(svg, "@font-face") || !strings.Contains(svg, "base64,") {
		t.Error("SVGEmbedFont output has no embedded font")
	}
}

// latinFont returns Liberation Serif, a font with no Han characters.
func latinFont(t *testing.T) *Font {
	t.Helper()
	var buf bytes.Buffer
	if _, err := liberation.Collection()[0].Face.WriteSourceTo(nil, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := ParseFont(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRenderReportsMissingGlyphs(t *testing.T) {
	ext := string(rune(0x20000)) // 𠀀, CJK Extension B
	bars := sleepBars(schools13)
	bars.Bars[1].Label = "张喆😀中学"
	bars.Bars[2].Label = ext + "中学"
	heat := schoolHeatmap(schools13[:3], []string{"睡眠", "作业" + ext})
	stacked := sleepStacked()
	stacked.Categories[0] = "😀"

	tests := []struct {
		name       string
		chart      chart
		font       *Font
		wantRunes  []rune
		wantLabels []string
		wantChart  string
	}{
		{"emoji and Ext-B in school names", bars, nil, []rune{'😀', 0x20000},
			[]string{"张喆😀中学", ext + "中学"}, "睡眠时间 达标率（学生问卷）"},
		{"Ext-B in column", heat, nil, []rune{0x20000}, []string{"作业" + ext}, heat.Title},
		{"emoji in category", stacked, nil, []rune{'😀'}, []string{"😀"}, stacked.Title},
		{"untitled chart", &Stacked{Groups: []string{"A"}, Categories: []string{"😀"},
			Shares: [][]float64{{100}}}, nil, []rune{'😀'}, []string{"😀"}, "分布图"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tc.chart.Render(&buf, PNG, tc.font)
			var me *MissingGlyphsError
			if !errors.As(err, &me) {
				t.Fatalf("Render error = %v, want *MissingGlyphsError", err)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes before failing", buf.Len())
			}
			if me.Chart != tc.wantChart {
				t.Errorf("Chart = %q, want %q", me.Chart, tc.wantChart)
			}
			if string(me.Runes) != string(tc.wantRunes) {
				t.Errorf("Runes = %q, want %q", me.Runes, tc.wantRunes)
			}
			if strings.Join(me.Labels, "|") != strings.Join(tc.wantLabels, "|") {
				t.Errorf("Labels = %q, want %q", me.Labels, tc.wantLabels)
			}
		})
	}
}

func TestRenderWithLatinFontFails(t *testing.T) {
	err := sleepStacked().Render(io.Discard, SVG, latinFont(t))
	var me *MissingGlyphsError
	if !errors.As(err, &me) {
		t.Fatalf("Render error = %v, want *MissingGlyphsError", err)
	}
	// Title, labels and the fixed axis title all need Han characters.
	for _, r := range "学七县占比" {
		if !containsRune(me.Runes, r) {
			t.Errorf("Runes %q lack %q", me.Runes, r)
		}
	}
}

func TestMissingGlyphsErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  MissingGlyphsError
		want string
	}{
		{
			name: "one rune one label",
			err:  MissingGlyphsError{Chart: "图1", Runes: []rune{'😀'}, Labels: []string{"张😀"}},
			want: "图表“图1”缺少字形：😀 U+1F600（在“张😀”中）；请用 --font 指定包含这些字的字体",
		},
		{
			name: "many labels are summarised",
			err: MissingGlyphsError{Chart: "图2", Runes: []rune{'𠀀', '\uFFFD'},
				Labels: []string{"a", "b", "c", "d"}},
			want: "图表“图2”缺少字形：𠀀 U+20000、U+FFFD（在“a”“b”“c”等4处中）；请用 --font 指定包含这些字的字体",
		},
		{
			name: "no labels",
			err:  MissingGlyphsError{Chart: "图3", Runes: []rune{'喆'}},
			want: "图表“图3”缺少字形：喆 U+5586；请用 --font 指定包含这些字的字体",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestInvalidInput(t *testing.T) {
	tests := []struct {
		name  string
		chart chart
	}{
		{"no bars", &SchoolBars{Title: "x"}},
		{"heatmap ragged", &Heatmap{Rows: []string{"a", "b"}, Cols: []string{"c"}, Values: [][]float64{{1}, {1, 2}}}},
		{"heatmap missing row", &Heatmap{Rows: []string{"a", "b"}, Cols: []string{"c"}, Values: [][]float64{{1}}}},
		{"stacked ragged", &Stacked{Groups: []string{"a"}, Categories: []string{"x", "y"}, Shares: [][]float64{{100}}}},
		{"stacked n", &Stacked{Groups: []string{"a"}, Categories: []string{"x"}, Shares: [][]float64{{100}}, N: []int{1, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.chart.Render(io.Discard, PNG, nil); err == nil {
				t.Error("Render succeeded, want an error")
			}
		})
	}
	if err := sleepStacked().Render(io.Discard, Format(99), nil); err == nil {
		t.Error("Render with Format(99) succeeded")
	}
}

func TestEdgeValuesRender(t *testing.T) {
	nan := math.NaN()
	bars := &SchoolBars{
		Title:  "边界值",
		County: nan,
		Bars: []Bar{
			{Label: "零", P: 0, Low: 0, High: 3, N: 100},
			{Label: "满", P: 100, Low: 97, High: 100, N: 100},
			{Label: "越界", P: 130, Low: -5, High: 140, N: 1},
			{Label: "无区间", P: 50, Low: nan, High: nan, N: 10},
			{Label: "某某县某某镇某某村第一初级中学（含小学部及幼儿园）教学点", P: nan, Low: nan, High: nan},
		},
	}
	stacked := &Stacked{
		Groups:     []string{"有", "空"},
		Categories: []string{"没有手机或不带入学校", "带入学校但统一保管", "自己保管"},
		Shares:     [][]float64{{0, 0, 100}, {nan, nan, nan}},
	}
	for _, c := range []chart{bars, stacked} {
		for _, f := range []Format{PNG, SVG} {
			if err := c.Render(io.Discard, f, nil); err != nil {
				t.Errorf("%T %s: %v", c, f, err)
			}
		}
	}
}

func TestConcurrentRender(t *testing.T) {
	// The report may draw charts in parallel; run with -race.
	done := make(chan error)
	for i := range 8 {
		go func() {
			c := goldenCharts()[i%3].chart
			done <- c.Render(io.Discard, Format(i%2), nil)
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestHeatmapTurnsNarrowLabels: with the report's 22 columns the labels would break into scraps of one
// to three characters; they are turned instead, each on one line, and the header is tall enough for the
// longest. With 8 columns they stay upright.
func TestHeatmapTurnsNarrowLabels(t *testing.T) {
	k := ink{DefaultFont()}
	cols := append(append([]string{}, indicators16...), "书面作业时长（家长）", "睡眠时间（家长）", "就寝时间（家长）", "不要求家长批改（家长）", "不通过群布置作业（家长）", "无教师有偿补课（家长）")
	tests := []struct {
		name   string
		cols   []string
		rotate bool
	}{
		{"22 columns", cols, true},
		{"8 columns", indicators16[:8], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := schoolHeatmap(schools13, tc.cols).layout(k)
			if l.rotate != tc.rotate {
				t.Fatalf("rotate = %v, want %v", l.rotate, tc.rotate)
			}
			for i, lines := range l.colLabels {
				if tc.rotate && (len(lines) != 1 || lines[0] != tc.cols[i]) {
					t.Errorf("label %d = %q, want one line %q", i, lines, tc.cols[i])
				}
				if !tc.rotate && len(lines) > 2 {
					t.Errorf("upright label %d in %d lines", i, len(lines))
				}
			}
			if tc.rotate && l.headerH < k.maxWidth(sizeSub, tc.cols...) {
				t.Errorf("header %v shorter than the longest label %v", l.headerH, k.maxWidth(sizeSub, tc.cols...))
			}
		})
	}
}
