package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SchoolBars is a chart of one indicator: a horizontal bar per school with
// its compliance percentage, 95% interval whiskers (e.g. Wilson), the
// sample size beside each bar and the county figure as a vertical dashed
// line. Schools flagged for follow-up are drawn in red, the others in blue;
// suppressed schools get no bar, only "—" and the reason.
//
// The chart is 16 cm wide and grows by about 0.28 inch per bar.
type SchoolBars struct {
	Title    string  // e.g. "睡眠时间 达标率（学生问卷）"
	Bars     []Bar   // in display order, top to bottom
	County   float64 // county percentage 0..100, drawn as a line labelled "全县 87.2%"; NaN for none
	Standard string  // optional subtitle, e.g. the monitoring standard
	Lang     Lang    // language of the legend, axis and county label; default Chinese
}

// Bar is one school of a SchoolBars chart. Percentages are 0..100; values
// outside are clamped. A NaN P marks a suppressed cell.
type Bar struct {
	Label     string  // school name
	P         float64 // compliance percentage; NaN = suppressed
	Low, High float64 // 95% interval; NaN = no whisker
	N         int     // respondents the percentage is based on
	Flagged   bool    // 需整改 (confirmed): drawn in the warning colour
	Possible  bool    // 需关注 (possible): drawn in the caution colour
	Note      string  // shown instead of a suppressed bar, e.g. "样本不足"; "—" when empty
}

// Colours and texts of SchoolBars.
var (
	colBar      = rgb(0x3b6ea8)
	colFlagged  = rgb(0xc8413e)
	colPossible = rgb(0xe0a030)
	colWhisker  = rgb(0x262626)
	colCounty   = rgb(0x1f1f1f)
)

const (
	textSuppressed = "—"
	barRowHeight   = 0.28 * vg.Inch
	barThickness   = 0.58 // of the row height
	topAxisMinRows = 21   // from this many rows on, tick labels repeat on top
)

// barsLayout holds the measured geometry of a SchoolBars chart.
type barsLayout struct {
	w, h           vg.Length
	head           header
	legend         [][]legendItem
	labels         [][]string // wrapped school names
	labelW         vg.Length
	rowH           vg.Length
	plotX0, plotX1 vg.Length // x of 0 % and 100 %
	valX, nX       vg.Length // right edges of the value and n columns
	countyLabel    string
	topAxis        bool
}

// Render draws the chart to w in the given format with font f (nil means
// DefaultFont). It returns a *MissingGlyphsError, and writes nothing, when
// f cannot draw some of the text.
func (s *SchoolBars) Render(w io.Writer, format Format, f *Font) error {
	if f == nil {
		f = DefaultFont()
	}
	if len(s.Bars) == 0 {
		return fmt.Errorf("plots: school bars %q: no bars", s.Title)
	}
	k := ink{f}
	if err := f.checkGlyphs(chartName(s.Title, wordsOf(s.Lang).bars), s.texts()); err != nil {
		return err
	}
	l := s.layout(k)
	return render(w, format, f, l.w, l.h, func(c draw.Canvas) { s.paint(c, k, l) })
}

// texts returns every string the chart draws.
func (s *SchoolBars) texts() []string {
	w := wordsOf(s.Lang)
	t := []string{s.Title, s.Standard, w.allBars, w.flagged, w.possible, w.interval,
		w.pctAxis, textSuppressed, "0123456789.%n="}
	if !math.IsNaN(s.County) {
		t = append(t, w.county)
	}
	for _, b := range s.Bars {
		t = append(t, b.Label, b.Note)
	}
	return t
}

func (s *SchoolBars) layout(k ink) barsLayout {
	l := barsLayout{w: pageWidth}
	inner := l.w - 2*marginX
	l.head = k.newHeader(s.Title, s.Standard, inner)
	l.legend = k.legendLines(s.legendItems(), inner)

	names := make([]string, len(s.Bars))
	ns := make([]string, len(s.Bars))
	for i, b := range s.Bars {
		names[i] = b.Label
		ns[i] = nText(b.N)
	}
	l.labelW = min(k.maxWidth(sizeLabel, names...), 0.34*inner)
	lines := 1
	for _, n := range names {
		wrapped := k.wrapBalanced(n, sizeLabel, l.labelW)
		l.labels = append(l.labels, wrapped)
		lines = max(lines, len(wrapped))
	}
	l.rowH = max(barRowHeight, vg.Length(lines)*lineHeight(sizeLabel)+6)

	nW := k.maxWidth(sizeSmall, ns...)
	valW := k.maxWidth(sizeLabel, "100.0%")
	l.nX = l.w - marginX
	l.valX = l.nX - nW - 10
	l.plotX0 = marginX + l.labelW + 8
	l.plotX1 = l.valX - valW - 12

	if !math.IsNaN(s.County) {
		l.countyLabel = wordsOf(s.Lang).county + " " + pct(clampPct(s.County))
	}
	l.topAxis = len(s.Bars) >= topAxisMinRows

	l.h = marginTop + l.head.height() + vg.Length(len(l.legend))*legendRowHeight + 4
	l.h += l.aboveRows() + vg.Length(len(s.Bars))*l.rowH + axisHeight + marginBot
	return l
}

// aboveRows is the space between the legend and the first row.
func (l barsLayout) aboveRows() vg.Length {
	var h vg.Length = 4
	if l.topAxis {
		h += tickLabelHeight
	}
	if l.countyLabel != "" {
		h += 14
	}
	return h
}

func (s *SchoolBars) legendItems() []legendItem {
	w := wordsOf(s.Lang)
	items := []legendItem{{text: w.allBars, swatch: boxSwatch(colBar)}}
	var flagged, possible, whiskers bool
	for _, b := range s.Bars {
		flagged = flagged || b.Flagged
		possible = possible || b.Possible && !b.Flagged
		whiskers = whiskers || !math.IsNaN(b.P) && !math.IsNaN(b.Low) && !math.IsNaN(b.High)
	}
	if flagged {
		items = append(items, legendItem{text: w.flagged, swatch: boxSwatch(colFlagged)})
	}
	if possible {
		items = append(items, legendItem{text: w.possible, swatch: boxSwatch(colPossible)})
	}
	if whiskers {
		items = append(items, legendItem{text: w.interval, swatch: func(c draw.Canvas, x, y vg.Length) {
			drawWhisker(c, x+2, x+swatchW-2, y, 8)
		}})
	}
	return items
}

func (s *SchoolBars) paint(c draw.Canvas, k ink, l barsLayout) {
	top := l.h - marginTop
	l.head.draw(c, k, marginX, top)
	top -= l.head.height()
	k.drawLegend(c, l.legend, marginX, top)
	top -= vg.Length(len(l.legend))*legendRowHeight + 4 + l.aboveRows()

	rowsTop := top
	rowsBot := rowsTop - vg.Length(len(s.Bars))*l.rowH
	for i := range s.Bars {
		if i%2 == 1 {
			y := rowsTop - vg.Length(i+1)*l.rowH
			fillRect(c, colZebra, marginX, y, l.w-2*marginX, l.rowH)
		}
	}
	x := func(p float64) vg.Length { return l.plotX0 + (l.plotX1-l.plotX0)*vg.Length(clampPct(p)/100) }
	drawPctGrid(c, x, rowsBot, rowsTop)

	for i, b := range s.Bars {
		mid := rowsTop - (vg.Length(i)+0.5)*l.rowH
		s.paintRow(c, k, l, b, l.labels[i], mid, x)
	}

	if l.countyLabel != "" {
		cx := x(s.County)
		line(c, colCounty, 1, []vg.Length{3, 2}, cx, rowsBot, cx, rowsTop+2)
		lw := k.width(sizeSub, l.countyLabel)
		lx := min(max(cx-lw/2, l.plotX0), l.plotX1+8-lw)
		k.draw(c, l.countyLabel, lx, rowsTop+5, sizeSub, colCounty, alignLeft)
	}
	for i, b := range s.Bars {
		if math.IsNaN(b.P) {
			bg := color.Color(color.White)
			if i%2 == 1 {
				bg = colZebra
			}
			paintNote(c, k, b.Note, x(0)+3, rowsTop-(vg.Length(i)+0.5)*l.rowH, bg)
		}
	}
	if l.topAxis {
		top := rowsTop + 4
		if l.countyLabel != "" {
			top += 14
		}
		drawPctTicks(c, k, x, top+3)
	}
	drawPctAxis(c, k, x, rowsBot, wordsOf(s.Lang).pctAxis)
}

// paintRow draws the label, bar, whisker, value and n of one school
// vertically centred on mid.
func (s *SchoolBars) paintRow(c draw.Canvas, k ink, l barsLayout, b Bar, label []string, mid vg.Length, x func(float64) vg.Length) {
	lh := lineHeight(sizeLabel)
	first := mid + lh*vg.Length(len(label)-1)/2
	for j, ln := range label {
		k.drawMid(c, ln, marginX+l.labelW, first-vg.Length(j)*lh, sizeLabel, colText, alignRight)
	}
	k.drawMid(c, nText(b.N), l.nX, mid, sizeSmall, colMuted, alignRight)

	if math.IsNaN(b.P) {
		// The note itself is drawn by paintNote, above the county line.
		k.drawMid(c, textSuppressed, l.valX, mid, sizeLabel, colMuted, alignRight)
		return
	}
	clr := colBar
	switch {
	case b.Flagged:
		clr = colFlagged
	case b.Possible:
		clr = colPossible
	}
	th := l.rowH * barThickness
	if barRowHeight*barThickness < th {
		th = barRowHeight * barThickness
	}
	fillRect(c, clr, x(0), mid-th/2, x(b.P)-x(0), th)
	if !math.IsNaN(b.Low) && !math.IsNaN(b.High) {
		drawWhisker(c, x(b.Low), x(b.High), mid, th*0.7)
	}
	valClr := colText
	if b.Flagged {
		valClr = colFlagged
	}
	k.drawMid(c, pct(clampPct(b.P)), l.valX, mid, sizeLabel, valClr, alignRight)
}

// paintNote writes "—" and the reason for a suppressed bar at x, on a
// background of colour bg so that grid and county lines do not cross it.
func paintNote(c draw.Canvas, k ink, note string, x, mid vg.Length, bg color.Color) {
	text := textSuppressed
	if note != "" && note != textSuppressed {
		text += " " + note
	}
	w := k.width(sizeSmall, text)
	fillRect(c, bg, x, mid-sizeSmall*0.75, w+4, sizeSmall*1.5)
	k.drawMid(c, text, x+2, mid, sizeSmall, colMuted, alignLeft)
}

// drawWhisker draws an interval from x0 to x1 at y with end caps of height h.
func drawWhisker(c draw.Canvas, x0, x1, y, h vg.Length) {
	const lw = 0.8
	line(c, colWhisker, lw, nil, x0, y, x1, y)
	line(c, colWhisker, lw, nil, x0, y-h/2, x0, y+h/2)
	line(c, colWhisker, lw, nil, x1, y-h/2, x1, y+h/2)
}

// Percentage axis shared by SchoolBars and Stacked.
const (
	tickLabelHeight = 12
	axisHeight      = 6 + tickLabelHeight + 14
)

// drawPctGrid draws vertical grid lines every 10 % between y0 and y1 and
// the 0 % axis line.
func drawPctGrid(c draw.Canvas, x func(float64) vg.Length, y0, y1 vg.Length) {
	for p := 10.0; p <= 100; p += 10 {
		clr := colGridSoft
		if int(p)%20 == 0 {
			clr = colGrid
		}
		line(c, clr, 0.6, nil, x(p), y0, x(p), y1)
	}
	line(c, colAxis, 0.8, nil, x(0), y0, x(0), y1)
}

// drawPctTicks writes 0, 20, …, 100 with their baseline at y.
func drawPctTicks(c draw.Canvas, k ink, x func(float64) vg.Length, y vg.Length) {
	for p := 0.0; p <= 100; p += 20 {
		k.draw(c, fmt.Sprint(p), x(p), y, sizeSmall, colMuted, alignCenter)
	}
}

// drawPctAxis draws the bottom axis line, ticks, tick labels and title
// below y.
func drawPctAxis(c draw.Canvas, k ink, x func(float64) vg.Length, y vg.Length, title string) {
	line(c, colAxis, 0.8, nil, x(0), y, x(100), y)
	for p := 0.0; p <= 100; p += 20 {
		line(c, colAxis, 0.8, nil, x(p), y, x(p), y-3)
	}
	drawPctTicks(c, k, x, y-6-sizeSmall)
	k.draw(c, title, (x(0)+x(100))/2, y-axisHeight+3, sizeSub, colText, alignCenter)
}

// nText formats a sample size, e.g. "n=123".
func nText(n int) string { return fmt.Sprintf("n=%d", n) }

// clampPct limits p to [0, 100]; NaN stays NaN.
func clampPct(p float64) float64 {
	if p < 0 {
		return 0
	}
	if p > 100 {
		return 100
	}
	return p
}

// chartName is the name of a chart in error messages.
func chartName(title, kind string) string {
	if title != "" {
		return title
	}
	return kind
}
