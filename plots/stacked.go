package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Stacked is a chart of an answer distribution by group, e.g. bedtime by
// grade: one horizontal bar per group split into the answer options in
// order, coloured with an ordered palette, with each share written inside
// its segment when it fits, and the group's n at the right.
//
// The chart is 16 cm wide and grows with the number of groups.
type Stacked struct {
	Title      string      // e.g. "学生就寝时间分布（按年级）"
	Groups     []string    // bar labels, top to bottom
	Categories []string    // option texts in order
	Shares     [][]float64 // [group][category] percentages summing to 100; a NaN marks a suppressed group
	N          []int       // respondents per group; may be nil
	Lang       Lang        // language of the axis title; default Chinese
}

const (
	stackRowH = 0.32 * vg.Inch
	stackBarH = 16
)

// stackStops is an ordered blue–green ramp (after ColorBrewer YlGnBu without
// its lightest classes), light for the first option, dark for the last.
var stackStops = []color.RGBA{
	rgb(0xc7e9b4), rgb(0x7fcdbb), rgb(0x41b6c4), rgb(0x1d91c0), rgb(0x225ea8), rgb(0x0c2c84),
}

type stackLayout struct {
	w, h           vg.Length
	head           header
	legend         [][]legendItem
	labels         [][]string
	labelW, rowH   vg.Length
	plotX0, plotX1 vg.Length
	nX             vg.Length
	colors         []color.RGBA
}

// Render draws the chart to w in the given format with font f (nil means
// DefaultFont). It returns a *MissingGlyphsError, and writes nothing, when
// f cannot draw some of the text.
func (s *Stacked) Render(w io.Writer, format Format, f *Font) error {
	if f == nil {
		f = DefaultFont()
	}
	if err := s.validate(); err != nil {
		return err
	}
	if err := f.checkGlyphs(chartName(s.Title, wordsOf(s.Lang).stacked), s.texts()); err != nil {
		return err
	}
	k := ink{f}
	l := s.layout(k)
	return render(w, format, f, l.w, l.h, func(c draw.Canvas) { s.paint(c, k, l) })
}

func (s *Stacked) validate() error {
	if len(s.Groups) == 0 || len(s.Categories) == 0 {
		return fmt.Errorf("plots: stacked %q: %d groups, %d categories", s.Title, len(s.Groups), len(s.Categories))
	}
	if len(s.Shares) != len(s.Groups) {
		return fmt.Errorf("plots: stacked %q: %d rows of shares for %d groups", s.Title, len(s.Shares), len(s.Groups))
	}
	for i, row := range s.Shares {
		if len(row) != len(s.Categories) {
			return fmt.Errorf("plots: stacked %q: group %d has %d shares for %d categories", s.Title, i, len(row), len(s.Categories))
		}
	}
	if s.N != nil && len(s.N) != len(s.Groups) {
		return fmt.Errorf("plots: stacked %q: %d sample sizes for %d groups", s.Title, len(s.N), len(s.Groups))
	}
	return nil
}

func (s *Stacked) texts() []string {
	t := []string{s.Title, wordsOf(s.Lang).shareAxis, textSuppressed, "0123456789.%n="}
	t = append(t, s.Groups...)
	return append(t, s.Categories...)
}

func (s *Stacked) layout(k ink) stackLayout {
	l := stackLayout{w: pageWidth}
	inner := l.w - 2*marginX
	l.head = k.newHeader(s.Title, "", inner)
	for i := range s.Categories {
		t := 0.5
		if len(s.Categories) > 1 {
			t = float64(i) / float64(len(s.Categories)-1)
		}
		l.colors = append(l.colors, ramp(stackStops, t))
	}
	items := make([]legendItem, len(s.Categories))
	for i, c := range s.Categories {
		items[i] = legendItem{text: c, swatch: boxSwatch(l.colors[i])}
	}
	l.legend = k.legendLines(items, inner)

	l.labelW = min(k.maxWidth(sizeLabel, s.Groups...), 0.3*inner)
	lines := 1
	for _, g := range s.Groups {
		wrapped := k.wrapBalanced(g, sizeLabel, l.labelW)
		l.labels = append(l.labels, wrapped)
		lines = max(lines, len(wrapped))
	}
	l.rowH = max(stackRowH, vg.Length(lines)*lineHeight(sizeLabel)+8)

	var nW vg.Length
	for i := range s.N {
		nW = max(nW, k.width(sizeSmall, nText(s.N[i])))
	}
	l.nX = l.w - marginX
	l.plotX0 = marginX + l.labelW + 8
	l.plotX1 = l.nX - nW - 10
	l.h = marginTop + l.head.height() + vg.Length(len(l.legend))*legendRowHeight + 8 +
		vg.Length(len(s.Groups))*l.rowH + axisHeight + marginBot
	return l
}

func (s *Stacked) paint(c draw.Canvas, k ink, l stackLayout) {
	top := l.h - marginTop
	l.head.draw(c, k, marginX, top)
	top -= l.head.height()
	k.drawLegend(c, l.legend, marginX, top)
	top -= vg.Length(len(l.legend))*legendRowHeight + 8

	rowsBot := top - vg.Length(len(s.Groups))*l.rowH
	x := func(p float64) vg.Length { return l.plotX0 + (l.plotX1-l.plotX0)*vg.Length(clampPct(p)/100) }
	drawPctGrid(c, x, rowsBot, top)
	lh := lineHeight(sizeLabel)
	for i, shares := range s.Shares {
		mid := top - (vg.Length(i)+0.5)*l.rowH
		first := mid + lh*vg.Length(len(l.labels[i])-1)/2
		for j, ln := range l.labels[i] {
			k.drawMid(c, ln, marginX+l.labelW, first-vg.Length(j)*lh, sizeLabel, colText, alignRight)
		}
		if s.N != nil {
			k.drawMid(c, nText(s.N[i]), l.nX, mid, sizeSmall, colMuted, alignRight)
		}
		s.paintBar(c, k, l, shares, mid, x)
	}
	drawPctAxis(c, k, x, rowsBot, wordsOf(s.Lang).shareAxis)
}

// paintBar draws one stacked bar centred on mid. Shares are scaled to their
// sum so that the bar always ends at 100 %.
func (s *Stacked) paintBar(c draw.Canvas, k ink, l stackLayout, shares []float64, mid vg.Length, x func(float64) vg.Length) {
	var sum float64
	for _, v := range shares {
		sum += math.Max(v, 0)
	}
	if math.IsNaN(sum) || sum <= 0 {
		k.drawMid(c, textSuppressed, x(0)+4, mid, sizeLabel, colMuted, alignLeft)
		return
	}
	var at float64
	for j, v := range shares {
		p := 100 * math.Max(v, 0) / sum
		if p == 0 {
			continue
		}
		x0, x1 := x(at), x(at+p)
		fillRect(c, l.colors[j], x0, mid-stackBarH/2, x1-x0, stackBarH)
		if at > 0 {
			line(c, rgb(0xffffff), 0.8, nil, x0, mid-stackBarH/2, x0, mid+stackBarH/2)
		}
		lbl := fixed(v, 0) + "%"
		if k.width(sizeSmall, lbl)+4 <= x1-x0 {
			k.drawMid(c, lbl, (x0+x1)/2, mid, sizeSmall, textOn(l.colors[j]), alignCenter)
		}
		at += p
	}
}
