package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap is a school × indicator table of compliance percentages: each
// cell is coloured from red (0 %) through yellow (50 %) to green (100 %) and
// has its value written in it; a colour key explains the scale. Suppressed
// cells (NaN) are grey with "—".
//
// The chart is 16 cm wide, wider when the columns would be narrower than
// 20 pt, and grows with the number of rows.
type Heatmap struct {
	Title  string      // e.g. "各校各项指标达标率（%）"
	Rows   []string    // school names, top to bottom
	Cols   []string    // short indicator names, left to right
	Values [][]float64 // [row][col] percentage 0..100; NaN = suppressed
	Lang   Lang        // language of the key; default Chinese
}

const (
	heatMinColW  = 20
	heatMaxColW  = 56
	heatKeyW     = 150
	heatKeyH     = 8
	heatKeySteps = 100
)

// heatStops is ColorBrewer's 9-class RdYlGn scheme, from low to high.
var heatStops = []color.RGBA{
	rgb(0xd73027), rgb(0xf46d43), rgb(0xfdae61), rgb(0xfee08b), rgb(0xffffbf),
	rgb(0xd9ef8b), rgb(0xa6d96a), rgb(0x66bd63), rgb(0x1a9850),
}

type heatLayout struct {
	w, h       vg.Length
	head       header
	rowLabels  [][]string
	colLabels  [][]string
	labelW     vg.Length
	colW       vg.Length
	cellH      vg.Length
	headerH    vg.Length
	cellSize   float64
	decimals   int
	gridX0     vg.Length
	anyMissing bool
	repeatHead bool // column labels also below the grid
	rotate     bool // column labels turned 90°, one line each: columns too narrow for two lines
}

// Render draws the chart to w in the given format with font f (nil means
// DefaultFont). It returns a *MissingGlyphsError, and writes nothing, when
// f cannot draw some of the text.
func (hm *Heatmap) Render(w io.Writer, format Format, f *Font) error {
	if f == nil {
		f = DefaultFont()
	}
	if err := hm.validate(); err != nil {
		return err
	}
	if err := f.checkGlyphs(chartName(hm.Title, wordsOf(hm.Lang).heatmap), hm.texts()); err != nil {
		return err
	}
	k := ink{f}
	l := hm.layout(k)
	return render(w, format, f, l.w, l.h, func(c draw.Canvas) { hm.paint(c, k, l) })
}

func (hm *Heatmap) validate() error {
	if len(hm.Rows) == 0 || len(hm.Cols) == 0 {
		return fmt.Errorf("plots: heatmap %q: %d rows, %d columns", hm.Title, len(hm.Rows), len(hm.Cols))
	}
	if len(hm.Values) != len(hm.Rows) {
		return fmt.Errorf("plots: heatmap %q: %d rows of values for %d rows", hm.Title, len(hm.Values), len(hm.Rows))
	}
	for i, v := range hm.Values {
		if len(v) != len(hm.Cols) {
			return fmt.Errorf("plots: heatmap %q: row %d has %d values for %d columns", hm.Title, i, len(v), len(hm.Cols))
		}
	}
	return nil
}

func (hm *Heatmap) texts() []string {
	w := wordsOf(hm.Lang)
	t := []string{hm.Title, w.pctAxis, w.na, "0123456789."}
	t = append(t, hm.Rows...)
	return append(t, hm.Cols...)
}

func (hm *Heatmap) layout(k ink) heatLayout {
	l := heatLayout{w: pageWidth}
	inner := l.w - 2*marginX
	l.labelW = min(k.maxWidth(sizeLabel, hm.Rows...), 0.3*inner)
	l.gridX0 = marginX + l.labelW + 6
	l.colW = min((l.w-marginX-l.gridX0)/vg.Length(len(hm.Cols)), heatMaxColW)
	if l.colW < heatMinColW {
		l.colW = heatMinColW
		l.w = l.gridX0 + l.colW*vg.Length(len(hm.Cols)) + marginX
	}
	l.head = k.newHeader(hm.Title, "", l.w-2*marginX)

	l.cellSize, l.decimals = sizeSmall, 1
	if k.width(l.cellSize, "100.0")+4 > l.colW {
		l.decimals = 0
	}

	rowLines := 1
	for _, r := range hm.Rows {
		wrapped := k.wrapBalanced(r, sizeLabel, l.labelW)
		l.rowLabels = append(l.rowLabels, wrapped)
		rowLines = max(rowLines, len(wrapped))
	}
	l.cellH = 14
	if len(hm.Rows) <= 20 {
		l.cellH = 17
	}
	l.cellH = max(l.cellH, vg.Length(rowLines)*lineHeight(sizeLabel)+4)

	colLines := 1
	for _, c := range hm.Cols {
		wrapped := k.wrapBalanced(c, sizeSub, l.colW-3)
		l.colLabels = append(l.colLabels, wrapped)
		colLines = max(colLines, len(wrapped))
	}
	l.headerH = vg.Length(colLines)*lineHeight(sizeSub) + 4
	if colLines > 2 {
		// Labels broken into scraps of one to three characters read badly: turn them instead.
		l.rotate = true
		l.colLabels = nil
		for _, c := range hm.Cols {
			l.colLabels = append(l.colLabels, []string{c})
		}
		l.headerH = k.maxWidth(sizeSub, hm.Cols...) + 8
	}

	for _, row := range hm.Values {
		for _, v := range row {
			l.anyMissing = l.anyMissing || math.IsNaN(v)
		}
	}
	l.repeatHead = len(hm.Rows) >= topAxisMinRows
	l.h = marginTop + l.head.height() + heatKeyHeight + l.headerH +
		vg.Length(len(hm.Rows))*l.cellH + marginBot
	if l.repeatHead {
		l.h += l.headerH
	}
	return l
}

// heatKeyHeight is the height of the colour key with its tick labels.
const heatKeyHeight = heatKeyH + 4 + tickLabelHeight + 8

func (hm *Heatmap) paint(c draw.Canvas, k ink, l heatLayout) {
	top := l.h - marginTop
	l.head.draw(c, k, marginX, top)
	top -= l.head.height()
	hm.paintKey(c, k, l, top)
	top -= heatKeyHeight

	hm.paintColLabels(c, k, l, top-l.headerH+4, true)
	top -= l.headerH
	if l.repeatHead {
		hm.paintColLabels(c, k, l, top-vg.Length(len(hm.Rows))*l.cellH-4, false)
	}

	rl := lineHeight(sizeLabel)
	for i, row := range hm.Values {
		y := top - vg.Length(i+1)*l.cellH
		mid := y + l.cellH/2
		first := mid + rl*vg.Length(len(l.rowLabels[i])-1)/2
		for j, ln := range l.rowLabels[i] {
			k.drawMid(c, ln, marginX+l.labelW, first-vg.Length(j)*rl, sizeLabel, colText, alignRight)
		}
		for j, v := range row {
			x := l.gridX0 + vg.Length(j)*l.colW
			hm.paintCell(c, k, l, v, x, y)
		}
	}
}

// paintColLabels writes the column labels, their lines stacked upwards from
// y (above the grid) or downwards from y (below it).
func (hm *Heatmap) paintColLabels(c draw.Canvas, k ink, l heatLayout, y vg.Length, above bool) {
	if l.rotate {
		hm.paintTurnedLabels(c, k, l, y, above)
		return
	}
	lh := lineHeight(sizeSub)
	for j, lines := range l.colLabels {
		cx := l.gridX0 + (vg.Length(j)+0.5)*l.colW
		for i, ln := range lines {
			var base vg.Length
			if above {
				base = y + vg.Length(len(lines)-1-i)*lh + vg.Length(0.25*sizeSub)
			} else {
				base = y - vg.Length(i+1)*lh + vg.Length(0.25*sizeSub)
			}
			k.draw(c, ln, cx, base, sizeSub, colText, alignCenter)
		}
	}
}

// paintTurnedLabels writes each column label turned 90° anticlockwise (read from the bottom up),
// centred on its column: above the grid starting just above y, below it ending just below y.
func (hm *Heatmap) paintTurnedLabels(c draw.Canvas, k ink, l heatLayout, y vg.Length, above bool) {
	sty := k.style(sizeSub, colText)
	sty.Rotation = math.Pi / 2
	sty.YAlign = draw.YCenter
	for j, lines := range l.colLabels {
		cx := l.gridX0 + (vg.Length(j)+0.5)*l.colW
		if above {
			sty.XAlign = draw.XLeft
			c.FillText(sty, vg.Point{X: cx, Y: y - 2}, lines[0])
		} else {
			sty.XAlign = draw.XRight
			c.FillText(sty, vg.Point{X: cx, Y: y + 2}, lines[0])
		}
	}
}

// paintCell draws one cell with lower left corner (x, y).
func (hm *Heatmap) paintCell(c draw.Canvas, k ink, l heatLayout, v float64, x, y vg.Length) {
	const gap = 0.5
	cx, mid := x+l.colW/2, y+l.cellH/2
	if math.IsNaN(v) {
		fillRect(c, colNA, x+gap, y+gap, l.colW-2*gap, l.cellH-2*gap)
		k.drawMid(c, textSuppressed, cx, mid, l.cellSize, colMuted, alignCenter)
		return
	}
	v = clampPct(v)
	bg := heatColor(v)
	fillRect(c, bg, x+gap, y+gap, l.colW-2*gap, l.cellH-2*gap)
	k.drawMid(c, fixed(v, l.decimals), cx, mid, l.cellSize, textOn(bg), alignCenter)
}

// paintKey draws the colour key with its top at top.
func (hm *Heatmap) paintKey(c draw.Canvas, k ink, l heatLayout, top vg.Length) {
	x0 := marginX + k.width(sizeSub, wordsOf(hm.Lang).pctAxis) + 8
	y := top - heatKeyH
	k.drawMid(c, wordsOf(hm.Lang).pctAxis, marginX, y+heatKeyH/2, sizeSub, colText, alignLeft)
	step := vg.Length(heatKeyW) / heatKeySteps
	for i := range heatKeySteps {
		p := (float64(i) + 0.5) * 100 / heatKeySteps
		// Overlap neighbours slightly so that no seams show.
		fillRect(c, heatColor(p), x0+vg.Length(i)*step, y, step+0.3, heatKeyH)
	}
	for p := 0.0; p <= 100; p += 20 {
		x := x0 + vg.Length(p/100)*heatKeyW
		line(c, colAxis, 0.6, nil, x, y, x, y-3)
		k.draw(c, fmt.Sprint(p), x, y-4-sizeSmall, sizeSmall, colMuted, alignCenter)
	}
	if l.anyMissing {
		nx := x0 + heatKeyW + 24
		fillRect(c, colNA, nx, y, 14, heatKeyH)
		k.drawMid(c, wordsOf(hm.Lang).na, nx+18, y+heatKeyH/2, sizeSub, colText, alignLeft)
	}
}

// heatColor maps p in [0, 100] onto heatStops by linear interpolation.
func heatColor(p float64) color.RGBA {
	return ramp(heatStops, p/100)
}

// ramp interpolates linearly between evenly spaced stops at t in [0, 1].
func ramp(stops []color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	pos := t * float64(len(stops)-1)
	i := int(pos)
	if i >= len(stops)-1 {
		return stops[len(stops)-1]
	}
	f := pos - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 0xff}
}

// textOn returns white or near-black, whichever reads better on bg: white
// when the relative luminance (WCAG 2) of bg is below 0.3.
func textOn(bg color.RGBA) color.RGBA {
	lin := func(v uint8) float64 {
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	lum := 0.2126*lin(bg.R) + 0.7152*lin(bg.G) + 0.0722*lin(bg.B)
	if lum < 0.3 {
		return rgb(0xffffff)
	}
	return colTitle
}
