package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	gfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
	"image/png"
)

// Format is an output format of Render.
type Format int

const (
	// PNG is a raster image at 192 dots per inch, twice the usual screen
	// resolution, so charts stay sharp in HTML, Word and print.
	PNG Format = iota
	// SVG is a vector image whose text stays text. It names the font family
	// followed by common Simplified Chinese fallbacks (Source Han Sans SC,
	// PingFang SC, Microsoft YaHei, …) but does not embed the font, so it
	// stays small; the viewer's fonts draw the text.
	SVG
	// SVGEmbedFont is SVG with the whole font embedded as a data URL
	// (about 7 MB with the default font): it shows the same glyphs
	// everywhere, at the cost of size. It needs a single-face font, not
	// one loaded from a collection (.ttc).
	SVGEmbedFont
)

// String returns "png", "svg" or "svg+font".
func (f Format) String() string {
	switch f {
	case PNG:
		return "png"
	case SVG:
		return "svg"
	case SVGEmbedFont:
		return "svg+font"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// DPI is the resolution of PNG output in dots per inch.
const DPI = 192

// pageWidth is the default width of a chart: the text width of an A4 page
// with 2.5 cm margins, so a chart prints at 100 %.
const pageWidth = 16 * vg.Centimeter

// svgFallbacks follow the font family named in SVG text styles.
var svgFallbacks = []string{"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
	"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Hiragino Sans GB"}

// render draws a w×h chart with paint and writes it to out in format.
func render(out io.Writer, format Format, f *Font, w, h vg.Length, paint func(draw.Canvas)) error {
	switch format {
	case PNG:
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI),
			vgimg.UseBackgroundColor(color.White))
		paint(draw.New(c))
		// BestSpeed: charts are flat colours, so the files stay small, and encoding at the default
		// level took half of a report's time.
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(out, c.Image())
	case SVG, SVGEmbedFont:
		if format == SVGEmbedFont && !f.single {
			return fmt.Errorf("plots: %s needs a single-face font, not a collection", format)
		}
		c := vgsvg.NewWith(vgsvg.UseWH(w, h), vgsvg.EmbedFonts(format == SVGEmbedFont))
		dc := draw.New(c)
		// vgsvg leaves the background transparent; reports want white.
		dc.FillPolygon(color.White, rectPts(0, 0, w, h))
		paint(dc)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return err
		}
		_, err := out.Write(withFallbackFonts(buf.Bytes(), f.family))
		return err
	}
	return fmt.Errorf("plots: unknown format %d", int(format))
}

// withFallbackFonts rewrites the font-family of SVG text styles written by
// vgsvg ("font-family:Noto Sans CJK SC;") into a quoted list with fallbacks.
func withFallbackFonts(svg []byte, family string) []byte {
	if strings.ContainsAny(family, "'\";<>&") {
		return svg
	}
	old := "font-family:" + family + ";"
	repl := "font-family:'" + family + "'"
	for _, fb := range svgFallbacks {
		if fb != family {
			repl += ",'" + fb + "'"
		}
	}
	repl += ",sans-serif;"
	return bytes.ReplaceAll(svg, []byte(old), []byte(repl))
}

// ink measures and draws text in one font.
type ink struct {
	f *Font
}

// style returns a text style of the given size (points) and colour.
func (k ink) style(size float64, clr color.Color) draw.TextStyle {
	return draw.TextStyle{
		Color:   clr,
		Font:    k.f.gonumFont(size),
		Handler: text.Plain{Fonts: gfont.DefaultCache},
	}
}

// width returns the advance width of the single line s.
func (k ink) width(size float64, s string) vg.Length {
	return k.style(size, color.Black).Width(s)
}

// maxWidth returns the largest width of ss.
func (k ink) maxWidth(size float64, ss ...string) vg.Length {
	var m vg.Length
	for _, s := range ss {
		m = max(m, k.width(size, s))
	}
	return m
}

// Text alignment relative to the x given to draw.
const (
	alignLeft   = text.XLeft
	alignCenter = text.XCenter
	alignRight  = text.XRight
)

// draw draws the single line s with its baseline at y.
func (k ink) draw(c draw.Canvas, s string, x, y vg.Length, size float64, clr color.Color, align text.XAlignment) {
	if s == "" {
		return
	}
	sty := k.style(size, clr)
	sty.XAlign = align
	// text.Plain puts the baseline of a bottom-aligned single line at
	// y + size - ascent; undo that so that y is the baseline.
	asc := sty.FontExtents().Ascent
	c.FillText(sty, vg.Point{X: x, Y: y + asc - vg.Length(size)}, s)
}

// drawMid draws the single line s vertically centred on y.
func (k ink) drawMid(c draw.Canvas, s string, x, y vg.Length, size float64, clr color.Color, align text.XAlignment) {
	k.draw(c, s, x, y-midOffset(size), size, clr, align)
}

// midOffset is the distance from the baseline to the visual centre of Han
// characters and digits (about 0.36 em in Noto Sans CJK and most CJK fonts).
func midOffset(size float64) vg.Length { return vg.Length(0.36 * size) }

// lineHeight is the distance between baselines of wrapped lines.
func lineHeight(size float64) vg.Length { return vg.Length(1.3 * size) }

// wrap breaks s into lines no wider than maxW. It may break between any
// two Han characters, at spaces and after punctuation, keeps runs of Latin
// letters and digits together when they fit, keeps closing punctuation with
// the character before it and opening punctuation with the one after it, and
// starts a new line at each '\n'.
func (k ink) wrap(s string, size float64, maxW vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, k.wrapLine(para, size, maxW)...)
	}
	return lines
}

// wrapBalanced wraps s like wrap into as few lines, but makes them as even
// as possible ("体育活动 / ≥1小时", not "体育活动≥1小 / 时"): it looks for the
// narrowest width that still needs no more lines than wrap at maxW.
func (k ink) wrapBalanced(s string, size float64, maxW vg.Length) []string {
	lines := k.wrap(s, size, maxW)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := vg.Length(0), maxW
	for range 12 {
		mid := (lo + hi) / 2
		if len(k.wrap(s, size, mid)) <= len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return k.wrap(s, size, hi)
}

func (k ink) wrapLine(s string, size float64, maxW vg.Length) []string {
	if k.width(size, s) <= maxW {
		return []string{s}
	}
	var (
		lines []string
		cur   string
	)
	for _, tok := range tokens(s) {
		if cur == "" && tok == " " {
			continue
		}
		if k.width(size, strings.TrimRight(cur+tok, " ")) <= maxW {
			cur += tok
			continue
		}
		if cur != "" {
			lines = append(lines, strings.TrimRight(cur, " "))
			cur = ""
		}
		if tok == " " {
			continue
		}
		// A token wider than the line is split between runes.
		for _, r := range tok {
			if cur != "" && k.width(size, cur+string(r)) > maxW {
				lines = append(lines, cur)
				cur = ""
			}
			cur += string(r)
		}
	}
	if cur = strings.TrimRight(cur, " "); cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// tokens splits s into the units wrapLine never breaks inside.
func tokens(s string) []string {
	var (
		toks    []string
		cur     strings.Builder
		pending string // opening punctuation waiting for the next token
	)
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, pending+cur.String())
			pending = ""
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			flush()
			toks = append(toks, " ")
		case strings.ContainsRune(closingPunct, r):
			if cur.Len() > 0 || pending != "" {
				cur.WriteRune(r)
			} else if n := len(toks); n > 0 && toks[n-1] != " " {
				toks[n-1] += string(r)
			} else {
				cur.WriteRune(r)
			}
		case strings.ContainsRune(openingPunct, r):
			flush()
			pending += string(r)
		case r < 0x80 || isLatinLike(r):
			if cur.Len() > 0 && !latinRun(cur.String()) {
				flush()
			}
			cur.WriteRune(r)
		default:
			flush()
			cur.WriteRune(r)
			flush()
		}
	}
	flush()
	if pending != "" {
		toks = append(toks, pending)
	}
	return toks
}

const (
	closingPunct = "，。、；：！？）》」』】〕〉”’%‰℃,.;:!?)]}"
	openingPunct = "（《「『【〔〈“‘([{"
)

func isLatinLike(r rune) bool { return r >= 0xA0 && r < 0x250 }

// latinRun reports whether s so far is a run of Latin letters and digits.
func latinRun(s string) bool {
	for _, r := range s {
		if !(r < 0x80 || isLatinLike(r)) {
			return false
		}
	}
	return true
}

// rectPts returns the corners of the rectangle with lower left (x, y).
func rectPts(x, y, w, h vg.Length) []vg.Point {
	return []vg.Point{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}
}

// fillRect fills the rectangle with lower left (x, y).
func fillRect(c draw.Canvas, clr color.Color, x, y, w, h vg.Length) {
	c.FillPolygon(clr, rectPts(x, y, w, h))
}

// line strokes a straight line.
func line(c draw.Canvas, clr color.Color, width vg.Length, dashes []vg.Length, x0, y0, x1, y1 vg.Length) {
	c.StrokeLine2(draw.LineStyle{Color: clr, Width: width, Dashes: dashes}, x0, y0, x1, y1)
}

// rgb returns the opaque colour 0xRRGGBB.
func rgb(hex uint32) color.RGBA {
	return color.RGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// Colours shared by the charts.
var (
	colTitle    = rgb(0x1a1a1a)
	colText     = rgb(0x333333)
	colMuted    = rgb(0x6b6b6b)
	colGrid     = rgb(0xe1e4e8)
	colGridSoft = rgb(0xf0f2f4)
	colAxis     = rgb(0x8c8c8c)
	colZebra    = rgb(0xf6f7f9)
	colNA       = rgb(0xe9e9e9)
)

// Type sizes in points.
const (
	sizeTitle = 11.5
	sizeSub   = 8
	sizeLabel = 8.5
	sizeSmall = 7.5
)

// Margins of every chart.
const (
	marginX   = 4 * vg.Millimeter
	marginTop = 12
	marginBot = 8
)

// header is the title and subtitle block at the top of a chart.
type header struct {
	title, sub []string
}

// newHeader wraps title and subtitle to the chart width.
func (k ink) newHeader(title, sub string, w vg.Length) header {
	var h header
	if title != "" {
		h.title = k.wrap(title, sizeTitle, w)
	}
	if sub != "" {
		h.sub = k.wrap(sub, sizeSub, w)
	}
	return h
}

// height is the vertical space the header takes, including the gap below.
func (h header) height() vg.Length {
	var y vg.Length
	if len(h.title) > 0 {
		y += vg.Length(len(h.title)) * lineHeight(sizeTitle)
	}
	if len(h.sub) > 0 {
		y += 2 + vg.Length(len(h.sub))*lineHeight(sizeSub)
	}
	if y > 0 {
		y += 6
	}
	return y
}

// draw draws the header with its top at y.
func (h header) draw(c draw.Canvas, k ink, x, top vg.Length) {
	y := top
	for _, l := range h.title {
		y -= lineHeight(sizeTitle)
		k.draw(c, l, x, y+vg.Length(0.25*sizeTitle), sizeTitle, colTitle, alignLeft)
	}
	if len(h.sub) > 0 {
		y -= 2
	}
	for _, l := range h.sub {
		y -= lineHeight(sizeSub)
		k.draw(c, l, x, y+vg.Length(0.25*sizeSub), sizeSub, colMuted, alignLeft)
	}
}

// legendItem is one entry of a legend row: a swatch and its text.
type legendItem struct {
	text   string
	swatch func(c draw.Canvas, x, y vg.Length) // draws in a swatchW box centred on y
}

const (
	swatchW   = 14
	legendGap = 12
)

// legendLines lays items out in rows no wider than w.
func (k ink) legendLines(items []legendItem, w vg.Length) [][]legendItem {
	var (
		rows [][]legendItem
		row  []legendItem
		x    vg.Length
	)
	for _, it := range items {
		iw := swatchW + 4 + k.width(sizeSub, it.text)
		if len(row) > 0 && x+iw > w {
			rows = append(rows, row)
			row, x = nil, 0
		}
		row = append(row, it)
		x += iw + legendGap
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// legendRowHeight is the height of one legend row.
const legendRowHeight = 14

// drawLegend draws legend rows starting with the top of the first at top.
func (k ink) drawLegend(c draw.Canvas, rows [][]legendItem, x0, top vg.Length) {
	y := top - legendRowHeight/2
	for _, row := range rows {
		x := x0
		for _, it := range row {
			it.swatch(c, x, y)
			k.drawMid(c, it.text, x+swatchW+4, y, sizeSub, colText, alignLeft)
			x += swatchW + 4 + k.width(sizeSub, it.text) + legendGap
		}
		y -= legendRowHeight
	}
}

// boxSwatch returns a swatch drawing a filled square.
func boxSwatch(clr color.Color) func(c draw.Canvas, x, y vg.Length) {
	return func(c draw.Canvas, x, y vg.Length) {
		fillRect(c, clr, x+2, y-4.5, swatchW-4, 9)
	}
}

// pct formats a percentage with one decimal, e.g. "87.2%".
func pct(p float64) string { return fixed(p, 1) + "%" }

// fixed formats v with the given number of decimals, rounding halves away
// from zero as people do by hand (62.5 → "63"), not to even as fmt does.
func fixed(v float64, decimals int) string {
	scale := math.Pow(10, float64(decimals))
	return fmt.Sprintf("%.*f", decimals, math.Round(v*scale)/scale)
}
