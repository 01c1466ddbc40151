package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Trend is a chart of one indicator over terms: one line per series (the county and the schools
// followed up), each point with its 95% interval as a vertical whisker. The percentage axis spans
// the data, in steps of 10.
//
// The chart is 16 cm wide and 8 cm high plus its title and legend.
type Trend struct {
	Title    string   // e.g. "睡眠时间 达标率变化（学生问卷）"
	Standard string   // optional subtitle
	Terms    []string // x axis, oldest first
	Series   []Series // the county first
	Lang     Lang     // language of the axis title; default Chinese
}

// Series is one line of a Trend. Points has one entry per term; a NaN P leaves a gap.
type Series struct {
	Label  string
	County bool // drawn thicker, in black
	Points []Point
}

// Point is a percentage 0..100 with its 95% interval (NaN for none).
type Point struct {
	P, Low, High float64
}

// seriesColours are the colours of school lines, in order (ColorBrewer Dark2 and Set1).
var seriesColours = []color.RGBA{rgb(0xc8413e), rgb(0x1b9e77), rgb(0x7570b3), rgb(0xe7298a),
	rgb(0xd95f02), rgb(0x66a61e), rgb(0xe6ab02), rgb(0xa6761d), rgb(0x377eb8), rgb(0x984ea3)}

const (
	trendPlotH  = 8 * vg.Centimeter
	trendAxisW  = 30
	trendXLabel = 26
)

func (t *Trend) colour(i int) color.RGBA {
	if t.Series[i].County {
		return colCounty
	}
	n := 0
	for _, s := range t.Series[:i] {
		if !s.County {
			n++
		}
	}
	return seriesColours[n%len(seriesColours)]
}

// Render draws the chart to w in the given format with font f (nil means DefaultFont). It returns a
// *MissingGlyphsError, and writes nothing, when f cannot draw some of the text.
func (t *Trend) Render(w io.Writer, format Format, f *Font) error {
	if f == nil {
		f = DefaultFont()
	}
	if len(t.Terms) == 0 || len(t.Series) == 0 {
		return fmt.Errorf("plots: trend %q: no terms or no series", t.Title)
	}
	for _, s := range t.Series {
		if len(s.Points) != len(t.Terms) {
			return fmt.Errorf("plots: trend %q: series %q has %d points for %d terms", t.Title, s.Label, len(s.Points), len(t.Terms))
		}
	}
	texts := []string{t.Title, t.Standard, wordsOf(t.Lang).pctAxis, "0123456789.%"}
	texts = append(texts, t.Terms...)
	for _, s := range t.Series {
		texts = append(texts, s.Label)
	}
	if err := f.checkGlyphs(chartName(t.Title, wordsOf(t.Lang).trend), texts); err != nil {
		return err
	}
	k := ink{f}
	width := pageWidth
	inner := width - 2*marginX
	head := k.newHeader(t.Title, t.Standard, inner)
	var items []legendItem
	for i, s := range t.Series {
		clr, lw := t.colour(i), lineWidth(s)
		items = append(items, legendItem{text: s.Label, swatch: func(c draw.Canvas, x, y vg.Length) {
			line(c, clr, lw, nil, x, y, x+swatchW, y)
		}})
	}
	legend := k.legendLines(items, inner)
	h := marginTop + head.height() + vg.Length(len(legend))*legendRowHeight + 22 + trendPlotH + trendXLabel + marginBot
	lo, hi := t.yRange()
	return render(w, format, f, width, h, func(c draw.Canvas) {
		top := h - marginTop
		head.draw(c, k, marginX, top)
		top -= head.height()
		k.drawLegend(c, legend, marginX, top)
		top -= vg.Length(len(legend))*legendRowHeight + 22
		t.paint(c, k, marginX+trendAxisW, width-marginX, top-trendPlotH, top, lo, hi)
	})
}

func lineWidth(s Series) vg.Length {
	if s.County {
		return 2
	}
	return 1.2
}

// yRange returns the percentage axis: from the lowest interval bound down to a multiple of 10, to
// the highest up to one, at least 20 points tall, within 0..100.
func (t *Trend) yRange() (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range t.Series {
		for _, p := range s.Points {
			for _, v := range []float64{p.P, p.Low, p.High} {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 100
	}
	lo = math.Max(0, math.Floor(lo/10)*10)
	hi = math.Min(100, math.Ceil(hi/10)*10)
	if hi-lo < 20 {
		if hi+20-(hi-lo) <= 100 {
			hi = lo + 20
		} else {
			lo = hi - 20
		}
	}
	return lo, hi
}

// paint draws axes, grid and the series in the box x0..x1, y0..y1.
func (t *Trend) paint(c draw.Canvas, k ink, x0, x1, y0, y1 vg.Length, lo, hi float64) {
	y := func(p float64) vg.Length { return y0 + (y1-y0)*vg.Length((clampPct(p)-lo)/(hi-lo)) }
	n := len(t.Terms)
	step := (x1 - x0) / vg.Length(n)
	x := func(i int) vg.Length { return x0 + step*(vg.Length(i)+0.5) }
	for p := lo; p <= hi+1e-9; p += 10 {
		clr := colGridSoft
		if int(p)%20 == 0 {
			clr = colGrid
		}
		line(c, clr, 0.6, nil, x0, y(p), x1, y(p))
		k.drawMid(c, fmt.Sprint(p), x0-4, y(p), sizeSmall, colMuted, alignRight)
	}
	line(c, colAxis, 0.8, nil, x0, y0, x1, y0)
	for i, term := range t.Terms {
		k.draw(c, term, x(i), y0-6-sizeSmall, sizeSmall, colText, alignCenter)
	}
	k.draw(c, wordsOf(t.Lang).pctAxis, marginX, y1+6, sizeSmall, colMuted, alignLeft)
	// Series are offset a little left and right of the term so that whiskers do not overlap.
	spread := min(step*0.5, vg.Length(len(t.Series))*5)
	for si, s := range t.Series {
		off := vg.Length(0)
		if len(t.Series) > 1 {
			off = spread * (vg.Length(si)/vg.Length(len(t.Series)-1) - 0.5)
		}
		clr, lw := t.colour(si), lineWidth(s)
		prev := -1
		for i, p := range s.Points {
			if math.IsNaN(p.P) {
				prev = -1
				continue
			}
			if prev >= 0 {
				line(c, clr, lw, nil, x(prev)+off, y(s.Points[prev].P), x(i)+off, y(p.P))
			}
			prev = i
		}
		for i, p := range s.Points {
			if math.IsNaN(p.P) {
				continue
			}
			px := x(i) + off
			if !math.IsNaN(p.Low) && !math.IsNaN(p.High) {
				line(c, clr, 0.8, nil, px, y(p.Low), px, y(p.High))
				line(c, clr, 0.8, nil, px-2.5, y(p.Low), px+2.5, y(p.Low))
				line(c, clr, 0.8, nil, px-2.5, y(p.High), px+2.5, y(p.High))
			}
			r := vg.Length(2.2)
			if s.County {
				r = 3
			}
			c.FillPolygon(clr, rectPts(px-r, y(p.P)-r, 2*r, 2*r))
		}
	}
}
