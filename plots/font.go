package plots

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	gfont "gonum.org/v1/plot/font"
)

// embeddedFont is a subset of Noto Sans CJK SC Regular covering ASCII,
// Latin-1, common punctuation and symbols and every character of GBK; see
// font/subset.sh for how it was made and font/OFL.txt for its licence.
//
//go:embed font/NotoSansSC-jianfu.otf
var embeddedFont []byte

var (
	defaultOnce sync.Once
	defaultFont *Font
)

// Font is a font that charts draw all their text with. Create one with
// DefaultFont, LoadFont or ParseFont; a Font is immutable and safe for
// concurrent use.
//
// gonum/plot has no glyph fallback: a character the font lacks would be
// drawn as an empty box. Every Render method therefore checks its text with
// Missing first and returns a *MissingGlyphsError instead of drawing tofu.
type Font struct {
	face     *opentype.Font
	family   string
	typeface gfont.Typeface
	single   bool // face is the whole source (not one face of a collection)
}

// DefaultFont returns the embedded font, a subset of Noto Sans CJK SC
// Regular with ASCII, Latin-1, general punctuation, CJK symbols, full-width
// forms and all characters of GBK (which includes GB2312 and the characters
// of the 通用规范汉字表 in practice). It is parsed once, on first use.
func DefaultFont() *Font {
	defaultOnce.Do(func() {
		f, err := ParseFont(embeddedFont)
		if err != nil {
			panic("plots: embedded font: " + err.Error())
		}
		defaultFont = f
	})
	return defaultFont
}

// LoadFont reads a TrueType or OpenType font (.ttf, .otf) or a font
// collection (.ttc, .otc) from path; see ParseFont for which face of a
// collection is used.
func LoadFont(path string) (*Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load font: %w", err)
	}
	f, err := ParseFont(data)
	if err != nil {
		return nil, fmt.Errorf("load font %s: %w", path, err)
	}
	return f, nil
}

// ParseFont parses a TrueType or OpenType font or font collection from data.
// From a collection it takes the first face whose family name marks it as
// Simplified Chinese (" SC", "GB", "Hans", "CN", "Simplified", "简"),
// preferring proportional faces over "Mono" ones, and otherwise the first
// face. Outlines may be TrueType (glyf) or CFF, as golang.org/x/image/font/sfnt
// supports them.
//
// ParseFont registers the font in gonum/plot's font.DefaultCache under a
// typeface name derived from its family name and a hash of data, so the same
// data always gets the same name and different fonts never collide.
func ParseFont(data []byte) (*Font, error) {
	if len(data) < 4 {
		return nil, fmt.Errorf("parse font: %d bytes is too short", len(data))
	}
	sum := sha256.Sum256(data)
	var (
		face   *opentype.Font
		single = true
		index  = 0
	)
	if string(data[:4]) == "ttcf" {
		coll, err := opentype.ParseCollection(data)
		if err != nil {
			return nil, fmt.Errorf("parse font collection: %w", err)
		}
		face, index, err = pickFace(coll)
		if err != nil {
			return nil, err
		}
		single = false
	} else {
		var err error
		face, err = opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("parse font: %w", err)
		}
	}
	family, err := face.Name(nil, sfnt.NameIDFamily)
	if err != nil || family == "" {
		family = "unnamed"
	}
	f := &Font{
		face:   face,
		family: family,
		typeface: gfont.Typeface(fmt.Sprintf("jianfu/%s/%d/%s",
			family, index, hex.EncodeToString(sum[:6]))),
		single: single,
	}
	gfont.DefaultCache.Add(gfont.Collection{{Font: f.gonumFont(0), Face: face}})
	return f, nil
}

// pickFace chooses the face of a collection used by ParseFont.
func pickFace(coll *opentype.Collection) (*opentype.Font, int, error) {
	best, bestScore := 0, -1
	for i := range coll.NumFonts() {
		face, err := coll.Font(i)
		if err != nil {
			return nil, 0, fmt.Errorf("parse font collection face %d: %w", i, err)
		}
		name, _ := face.Name(nil, sfnt.NameIDFamily)
		score := 0
		if isSimplifiedChineseName(name) {
			score += 2
		}
		if !strings.Contains(strings.ToLower(name), "mono") {
			score++
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if bestScore < 0 {
		return nil, 0, fmt.Errorf("parse font collection: no faces")
	}
	face, err := coll.Font(best)
	return face, best, err
}

func isSimplifiedChineseName(name string) bool {
	if strings.Contains(name, "简") {
		return true
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == '-' || r == '_'
	}) {
		switch strings.ToLower(w) {
		case "sc", "gb", "hans", "cn", "simplified", "chs":
			return true
		}
	}
	return false
}

// Name returns the font's family name, e.g. "Noto Sans CJK SC".
func (f *Font) Name() string { return f.family }

// Missing returns the runes of s that the font has no glyph for (glyph index
// 0), each once, in order of first appearance; it returns nil when every
// rune can be drawn. Line breaks ('\n') are not drawn and never reported.
// Invalid UTF-8 is reported as U+FFFD unless the font has that glyph.
func (f *Font) Missing(s string) []rune {
	var (
		buf     sfnt.Buffer
		missing []rune
	)
	for _, r := range s {
		if r == '\n' || containsRune(missing, r) {
			continue
		}
		if x, err := f.face.GlyphIndex(&buf, r); err != nil || x == 0 {
			missing = append(missing, r)
		}
	}
	return missing
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// gonumFont returns the gonum/plot font descriptor of f at the given size.
func (f *Font) gonumFont(size float64) gfont.Font {
	return gfont.Font{Typeface: f.typeface, Size: gfont.Length(size)}
}

// MissingGlyphsError reports characters a chart needs that its font cannot
// draw. Render returns it before drawing anything; callers decide whether it
// is fatal (for example, retry with a font given by --font).
type MissingGlyphsError struct {
	Chart  string   // title of the chart, or its kind when it has none
	Runes  []rune   // the characters missing from the font, each once
	Labels []string // the texts containing them, each once, in drawing order
}

// maxLabelsInError is how many labels Error quotes before summarising.
const maxLabelsInError = 3

// writeRunes lists the missing characters, each printable one followed by its code point, joined by sep.
func (e *MissingGlyphsError) writeRunes(b *strings.Builder, sep string) {
	for i, r := range e.Runes {
		if i > 0 {
			b.WriteString(sep)
		}
		if unicode.IsPrint(r) && r != unicode.ReplacementChar {
			b.WriteRune(r)
			b.WriteString(" ")
		}
		fmt.Fprintf(b, "U+%04X", r)
	}
}

// Error returns a sentence in Chinese naming the chart, the missing
// characters with their code points, and up to three texts containing them.
func (e *MissingGlyphsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "图表“%s”缺少字形：", e.Chart)
	e.writeRunes(&b, "、")
	if len(e.Labels) > 0 {
		b.WriteString("（在")
		for i, l := range e.Labels {
			if i == maxLabelsInError {
				fmt.Fprintf(&b, "等%d处", len(e.Labels))
				break
			}
			fmt.Fprintf(&b, "“%s”", l)
		}
		b.WriteString("中）")
	}
	b.WriteString("；请用 --font 指定包含这些字的字体")
	return b.String()
}

// English returns the sentence of Error in English, for --lang en.
func (e *MissingGlyphsError) English() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the chart “%s” needs characters its font lacks: ", e.Chart)
	e.writeRunes(&b, ", ")
	if len(e.Labels) > 0 {
		b.WriteString(" (in ")
		for i, l := range e.Labels {
			if i == maxLabelsInError {
				fmt.Fprintf(&b, " and %d more", len(e.Labels)-i)
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "“%s”", l)
		}
		b.WriteString(")")
	}
	b.WriteString("; give a font that has them with --font")
	return b.String()
}

// checkGlyphs returns a *MissingGlyphsError if f lacks a glyph for any rune
// of texts, and nil otherwise.
func (f *Font) checkGlyphs(chart string, texts []string) error {
	var e MissingGlyphsError
	for _, t := range texts {
		m := f.Missing(t)
		if len(m) == 0 {
			continue
		}
		for _, r := range m {
			if !containsRune(e.Runes, r) {
				e.Runes = append(e.Runes, r)
			}
		}
		if !containsString(e.Labels, t) {
			e.Labels = append(e.Labels, t)
		}
	}
	if len(e.Runes) == 0 {
		return nil
	}
	e.Chart = chart
	return &e
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
