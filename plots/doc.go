// Package plots draws the charts of the monitoring report with Chinese
// labels: compliance by school with interval whiskers (SchoolBars), a
// school × indicator heat map (Heatmap) and answer distributions by group
// (Stacked). Each chart is a plain struct that the report fills in; Render
// writes it as PNG (192 dpi) or SVG using gonum.org/v1/plot's vg backends.
//
// Text is drawn with an embedded subset of Noto Sans CJK SC (see
// font/subset.sh and font/OFL.txt) or a font given by LoadFont. gonum/plot
// has no glyph fallback, so Render checks every string against the font
// first and returns a *MissingGlyphsError rather than draw empty boxes.
//
// Charts are 16 cm wide (the text width of A4 with 2.5 cm margins) and grow
// in height with their rows. The same input gives the same bytes.
package plots
