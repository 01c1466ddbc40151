package plots

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"testing"
)

// svgText returns the text of an SVG's <text> elements.
func svgText(svg []byte) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllSubmatch(svg, -1) {
		b.Write(m[1])
		b.WriteByte('\n')
	}
	return b.String()
}

// TestChartWordsFollowLang: with Lang English a chart draws its own words (legend, axes, county
// label, key) in English, so a chart of English texts has no Chinese; by default they are Chinese.
func TestChartWordsFollowLang(t *testing.T) {
	bars := []Bar{{Label: "School A", P: 80, Low: 70, High: 88, N: 120, Flagged: true}, {Label: "School B", P: 90, Low: 84, High: 95, N: 130, Possible: true},
		{Label: "School C", P: math.NaN(), Low: math.NaN(), High: math.NaN(), N: 4, Note: "too few"}}
	charts := map[string]func(Lang) chart{
		"school bars": func(l Lang) chart {
			return &SchoolBars{Title: "Sleep", Standard: "Standard: 9 hours", County: 85, Bars: bars, Lang: l}
		},
		"heatmap": func(l Lang) chart {
			return &Heatmap{Title: "By school", Rows: []string{"School A", "School B"}, Cols: []string{"Sleep", "Homework"},
				Values: [][]float64{{80, math.NaN()}, {60, 95}}, Lang: l}
		},
		"stacked": func(l Lang) chart {
			return &Stacked{Title: "Bedtime", Groups: []string{"primary"}, Categories: []string{"before 21:00", "later"}, Shares: [][]float64{{70, 30}}, N: []int{200}, Lang: l}
		},
		"trend": func(l Lang) chart {
			return &Trend{Title: "Sleep over terms", Terms: []string{"autumn 2025", "spring 2026"},
				Series: []Series{{Label: "County", County: true, Points: []Point{{80, 75, 85}, {85, 80, 90}}}}, Lang: l}
		},
	}
	han := regexp.MustCompile(`\p{Han}`)
	for name, mk := range charts {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct {
				lang    Lang
				wantHan bool
			}{{English, false}, {Chinese, true}, {"", true}} {
				var buf bytes.Buffer
				if err := mk(c.lang).Render(&buf, SVG, nil); err != nil {
					t.Fatal(err)
				}
				txt := svgText(buf.Bytes())
				if got := han.MatchString(txt); got != c.wantHan {
					t.Errorf("Lang %q: Chinese drawn = %v, want %v; texts:\n%s", c.lang, got, c.wantHan, txt)
				}
			}
		})
	}
}

// TestMissingGlyphsEnglish: the English sentence names the chart, each character and where it is.
func TestMissingGlyphsEnglish(t *testing.T) {
	e := &MissingGlyphsError{Chart: "Sleep", Runes: []rune{'䶵'}, Labels: []string{"a䶵", "b䶵", "c䶵", "d䶵"}}
	got := e.English()
	for _, want := range []string{"“Sleep”", "U+4DB5", "“a䶵”, “b䶵”, “c䶵” and 1 more", "--font"} {
		if !strings.Contains(got, want) {
			t.Errorf("English() = %q, lacks %q", got, want)
		}
	}
}
