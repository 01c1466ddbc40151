package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	godocx "github.com/gomutex/godocx"
	"github.com/gomutex/godocx/common/constants"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/dml"
	"github.com/gomutex/godocx/dml/dmlct"
	"github.com/gomutex/godocx/dml/dmlpic"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"

	"github.com/jianfu-edu/jianfu/plots"
)

// A4 page geometry in twips (1/20 pt): 2.5 cm left and right margins give a 16 cm text width, the width
// the charts are drawn at.
const (
	pageW      = 11906
	pageH      = 16838
	marginLR   = 1418
	marginTB   = 1304
	textWidth  = pageW - 2*marginLR // 9070
	textHeight = pageH - 2*marginTB
	twipsPerIn = 1440
)

// WriteDOCX renders the document as a Word file: title block, Heading 1–3 styles (Word's navigation pane
// and table of contents use them), tables with a header row repeated on every page, charts as PNG fitted
// to the A4 text width, 表/图 captions, page numbers in the footer, and 宋体/黑体 (zh-CN) as the
// document's default fonts. The same document gives the same bytes.
func WriteDOCX(w io.Writer, doc *Document) error {
	rd, err := godocx.NewDocument()
	if err != nil {
		return fmt.Errorf("docx template: %w", err)
	}
	dw := &docxWriter{rd: rd, lang: doc.Lang}
	dw.page(doc.Compact)
	dw.titleBlock(doc)
	if hasTOC(doc) {
		// A placeholder paragraph, replaced by the 目录 field in finishDOCX (godocx has no field runs).
		dw.rd.AddParagraph(tocMarker)
	}
	for _, s := range doc.Sections {
		h, err := rd.AddHeading(s.Title, 1)
		if err != nil {
			return err
		}
		if s.PageBreak {
			// On the heading itself, not a break paragraph before it, which leaves a blank page
			// when the previous section ends at the foot of a page.
			h.GetCT().Property.PageBreakBefore = &ctypes.OnOff{}
		}
		for _, b := range s.Blocks {
			if err := dw.block(b); err != nil {
				return err
			}
		}
	}
	if err := dw.footer(); err != nil {
		return err
	}
	var raw bytes.Buffer
	if err := rd.Write(&raw); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return finishDOCX(w, raw.Bytes(), doc)
}

type docxWriter struct {
	rd     *docx.RootDoc
	lang   string
	images int
}

// page sets A4 portrait with the report's margins.
func (dw *docxWriter) page(compact bool) {
	body := dw.rd.Document.Body
	if body.SectPr == nil {
		body.SectPr = ctypes.NewSectionProper()
	}
	w, h := uint64(pageW), uint64(pageH)
	body.SectPr.PageSize = &ctypes.PageSize{Width: &w, Height: &h}
	lr, tb, hf, g := marginLR, marginTB, 720, 0
	if compact {
		tb, hf = 1134, 567 // 2 cm and 1 cm
	}
	body.SectPr.PageMargin = &ctypes.PageMargin{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf, Gutter: &g}
}

func (dw *docxWriter) titleBlock(doc *Document) {
	p, _ := dw.rd.AddHeading(doc.Title, 0)
	p.Justification(stypes.JustificationCenter)
	for _, line := range append([]string{doc.Subtitle}, doc.Byline...) {
		if line == "" {
			continue
		}
		q := dw.rd.AddParagraph("")
		q.Style("Subtitle")
		q.Justification(stypes.JustificationCenter)
		q.AddText(line)
	}
}

func (dw *docxWriter) block(b Block) error {
	switch {
	case b.Heading != "":
		_, err := dw.rd.AddHeading(b.Heading, 2)
		return err
	case b.Subheading != "":
		_, err := dw.rd.AddHeading(b.Subheading, 3)
		return err
	case b.Paragraph != "":
		p := dw.rd.AddParagraph("")
		p.Style("BodyText")
		p.AddText(b.Paragraph)
	case b.Note != "":
		p := dw.rd.AddParagraph("")
		p.Style("JianfuNote")
		p.AddText(b.Note)
	case len(b.List) > 0:
		for i, item := range b.List {
			mark := "•"
			if b.Ordered {
				mark = strconv.Itoa(i+1) + "."
			}
			p := dw.rd.AddParagraph("")
			p.Style("ListParagraph")
			p.AddText(mark + "\u00a0" + item)
		}
	case b.Table != nil:
		dw.table(b.Table)
	case b.Figure != nil:
		return dw.figure(b.Figure)
	}
	return nil
}

func (dw *docxWriter) caption(text string, keepNext bool) {
	if text == "" {
		return
	}
	p := dw.rd.AddParagraph("")
	p.Style("Caption")
	if keepNext {
		p.GetCT().Property.KeepNext = &ctypes.OnOff{}
	}
	p.AddText(text)
}

// table writes a table with fixed column widths shared out by content length, a bold shaded header row
// that repeats on every page, and rows that never break across pages.
func (dw *docxWriter) table(t *Table) {
	dw.caption(t.Caption, true)
	widths := columnWidths(t)
	tbl := dw.rd.AddTable()
	tbl.Style("TableGrid")
	tbl.Width(textWidth, stypes.TableWidthDxa)
	tbl.Layout(stypes.TableLayoutFixed)
	var grid []uint64
	for _, wd := range widths {
		grid = append(grid, uint64(wd))
	}
	tbl.Grid(grid...)
	numeric := func(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }
	hdr := tbl.AddRow()
	for i, h := range t.Header {
		c := hdr.AddCell().Width(widths[i], stypes.TableWidthDxa).BackgroundColor("DDE6F3").VerticalAlign("center")
		p := c.AddParagraph("")
		p.Style("TableText")
		p.Justification(stypes.JustificationCenter)
		p.AddText(h).Bold(true)
	}
	for _, row := range t.Rows {
		r := tbl.AddRow()
		for i, cell := range row {
			if i >= len(widths) {
				break
			}
			c := r.AddCell().Width(widths[i], stypes.TableWidthDxa)
			if cell.Flag {
				c.BackgroundColor("FBE3E1")
			}
			p := c.AddParagraph("")
			p.Style("TableText")
			if numeric(i) {
				p.Justification(stypes.JustificationRight)
			}
			run := p.AddText(cell.Text)
			switch {
			case cell.Flag:
				run.Bold(true).Color("9B1C1C")
			case cell.Muted:
				run.Color("888888")
			}
		}
	}
	rows := tbl.GetCT().RowContents
	for i := range rows {
		if rows[i].Row == nil {
			continue
		}
		if rows[i].Row.Property == nil {
			rows[i].Row.Property = ctypes.DefaultRowProperty()
		}
		rows[i].Row.Property.CantSplit = &ctypes.OnOff{}
		if i == 0 {
			rows[i].Row.Property.Header = &ctypes.OnOff{}
		}
	}
	// A small gap after the table.
	p := dw.rd.AddParagraph("")
	p.Style("TableGap")
}

// columnWidths shares the text width among the columns. Each column first gets room for its longest
// unbreakable run (a number, an interval, an English word; two Chinese characters at least) so that
// numbers never wrap; what is left goes to the columns with long text, in proportion to how much more
// they would need to fit on one line.
func columnWidths(t *Table) []int {
	n := len(t.Header)
	if n == 0 {
		return nil
	}
	const (
		unit = 92  // twips per half-em at 9 pt (an ASCII character; a Chinese one counts 2)
		pad  = 240 // cell margins and border
		// boldU widens a header's word: bold letters are about a fifth wider.
		boldU = 1.2
	)
	minU := make([]float64, n)
	wantU := make([]float64, n)
	wordU := make([]float64, n) // the longest unbreakable run of a column, its header's included
	see := func(i int, s string, header bool) {
		line, run := 0.0, 0.0
		for _, r := range s {
			switch {
			case r == ' ':
				run = 0
				line++
			case r < 0x2E80:
				run++
				line++
			default:
				run = 0
				line += 2
			}
			minU[i] = max(minU[i], run)
			if header {
				wordU[i] = max(wordU[i], run*boldU) // headers are bold
			} else {
				wordU[i] = max(wordU[i], run)
			}
		}
		if header {
			minU[i] = max(minU[i], min(line, 8))
			line = min(line, 16)
		}
		wantU[i] = max(wantU[i], min(line, 60))
	}
	for i, h := range t.Header {
		minU[i] = 4
		see(i, h, true)
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if i < n {
				see(i, c.Text, false)
			}
		}
	}
	widths := make([]int, n)
	var minSum, wantSum float64
	for i := range minU {
		wantU[i] = max(wantU[i], minU[i])
		minSum += minU[i]*unit + pad
		wantSum += wantU[i]*unit + pad
	}
	avail := float64(textWidth)
	// When not even the minimum fits, the numeric columns keep room for their longest number or
	// header word (a number must not wrap; a header may, between words) and the text columns share
	// the rest in proportion, as long as the numbers leave a quarter of the width.
	var numSum float64
	for i := range minU {
		if i < len(t.Numeric) && t.Numeric[i] {
			numSum += max(wordU[i], 2)*unit + pad
		}
	}
	shrinkText := minSum >= avail && numSum < avail*3/4
	var numSumFull float64 // the numeric columns' share of minSum
	for i := range minU {
		if i < len(t.Numeric) && t.Numeric[i] {
			numSumFull += minU[i]*unit + pad
		}
	}
	sum := 0
	for i := range widths {
		minW, wantW := minU[i]*unit+pad, wantU[i]*unit+pad
		numeric := i < len(t.Numeric) && t.Numeric[i]
		switch {
		case wantSum <= avail: // everything fits on one line: spread the rest evenly
			widths[i] = int(wantW * avail / wantSum)
		case shrinkText && numeric:
			widths[i] = int(max(wordU[i], 2)*unit + pad)
		case shrinkText:
			widths[i] = int(minW * (avail - numSum) / (minSum - numSumFull))
		case minSum >= avail: // not even the minimum fits: shrink in proportion
			widths[i] = int(minW * avail / minSum)
		default:
			widths[i] = int(minW + (wantW-minW)*(avail-minSum)/(wantSum-minSum))
		}
		sum += widths[i]
	}
	widths[n-1] += textWidth - sum
	return widths
}

// figure places a chart at its drawn size (charts are drawn 16 cm wide, the text width) or smaller so
// that it fits on one page with its caption.
func (dw *docxWriter) figure(f *Figure) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(f.PNG))
	if err != nil {
		return fmt.Errorf("chart %s: %w", f.File, err)
	}
	wIn := float64(cfg.Width) / plots.DPI
	hIn := float64(cfg.Height) / plots.DPI
	maxW := float64(textWidth) / twipsPerIn
	maxH := float64(textHeight)/twipsPerIn - 2.2 // room for the caption and the headings above (no heading alone on a page)
	scale := min(1, maxW/wIn, maxH/hIn)
	wIn, hIn = wIn*scale, hIn*scale

	rd := dw.rd
	dw.images++
	name := fmt.Sprintf("image%d.png", dw.images)
	if err := rd.ContentType.AddExtension("png", "image/png"); err != nil {
		return err
	}
	rd.FileMap.Store(constants.MediaPath+name, f.PNG)
	rid := "rId" + strconv.Itoa(rd.Document.IncRelationID())
	rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships,
		&docx.Relationship{ID: rid, Type: constants.SourceRelationshipImage, Target: "media/" + name})
	ew, eh := units.Inch(wIn).ToEmu(), units.Inch(hIn).ToEmu()
	inline := dml.NewInline(*dmlct.NewPostvSz2D(ew, eh),
		dml.DocProp{ID: uint64(dw.images), Name: fmt.Sprintf("图%d", dw.images), Description: f.Alt},
		*dml.NewPicGraphic(dmlpic.NewPic(rid, uint(dw.images), ew, eh)))
	p := rd.AddParagraph("")
	p.Style("Figure")
	ct := p.GetCT()
	ct.Children = append(ct.Children, ctypes.ParagraphChild{Run: &ctypes.Run{
		Children: []ctypes.RunChild{{Drawing: &dml.Drawing{Inline: []dml.Inline{inline}}}}}})
	dw.caption(f.Caption, false)
	return nil
}

// footer adds a footer part with the page number, centred: "第 N 页 共 M 页".
func (dw *docxWriter) footer() error {
	rd := dw.rd
	field := func(instr string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr +
			` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	text := func(s string) string { return `<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>` }
	var body string
	if dw.lang == "en" {
		body = text("Page ") + field("PAGE") + text(" of ") + field("NUMPAGES")
	} else {
		body = text("第 ") + field("PAGE") + text(" 页 共 ") + field("NUMPAGES") + text(" 页")
	}
	xml := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>` + body + `</w:p></w:ftr>`
	rd.FileMap.Store("word/footer1.xml", []byte(xml))
	if err := rd.ContentType.AddOverride("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"); err != nil {
		return err
	}
	rid := "rId" + strconv.Itoa(rd.Document.IncRelationID())
	rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships,
		&docx.Relationship{ID: rid, Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer", Target: "footer1.xml"})
	rd.Document.Body.SectPr.FooterReference = &ctypes.FooterReference{Type: stypes.HdrFtrDefault, ID: rid}
	return nil
}

// Styles the report relies on, written over the template's: East Asian fonts and zh-CN in the document
// defaults, headings in 黑体, and the small paragraph styles of tables, notes and figures.
const docDefaultsXML = `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>` +
	`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`

func headingStyle(id, name string, level, size, before, after int, center bool) string {
	jc := ""
	if center {
		jc = `<w:jc w:val="center"/>`
	}
	outline := ""
	if level >= 0 {
		outline = fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, level)
	}
	return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="%d" w:line="240" w:lineRule="auto"/>%s%s</w:pPr>`+
		`<w:rPr><w:rFonts w:ascii="Arial" w:eastAsia="黑体" w:hAnsi="Arial" w:cs="Arial"/><w:b/><w:bCs/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`,
		id, name, before, after, jc, outline, size, size)
}

var docxStyles = map[string]string{
	"Title":    headingStyle("Title", "Title", -1, 40, 240, 240, true),
	"Heading1": headingStyle("Heading1", "heading 1", 0, 32, 360, 180, false),
	"Heading2": headingStyle("Heading2", "heading 2", 1, 28, 240, 120, false),
	"Heading3": headingStyle("Heading3", "heading 3", 2, 24, 200, 80, false),
	"Subtitle": `<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="60"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>`,
	"Caption": `<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:before="120" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:eastAsia="黑体" w:hAnsi="Arial"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>`,
	"BodyText": `<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/><w:jc w:val="both"/></w:pPr></w:style>`,
	"ListParagraph": `<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:spacing w:after="60"/><w:ind w:left="480" w:hanging="240"/><w:jc w:val="both"/></w:pPr></w:style>`,
}

// extraStyles are styles the template lacks.
const extraStyles = `<w:style w:type="paragraph" w:customStyle="1" w:styleId="JianfuNote"><w:name w:val="Jianfu Note"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableGap"><w:name w:val="Table Gap"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="12"/><w:szCs w:val="12"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>` +
	`<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:before="60" w:after="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>` +
	`<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:after="0"/><w:ind w:left="480"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:style>`

var (
	reDocDefaults = regexp.MustCompile(`(?s)<w:docDefaults>.*?</w:docDefaults>`)
	reStyle       = regexp.MustCompile(`(?s)<w:style [^>]*w:styleId="([^"]+)"[^>]*>.*?</w:style>`)
)

// fixStyles rewrites the template's styles: our defaults, our headings, and the styles it lacks.
func fixStyles(s string, compact bool) (string, error) {
	if !reDocDefaults.MatchString(s) {
		return "", fmt.Errorf("docx template: styles.xml has no docDefaults")
	}
	defaults := docDefaultsXML
	if compact {
		// 五号 (10.5 pt) at 1.1 lines.
		defaults = strings.Replace(defaults, `<w:spacing w:after="120" w:line="360" w:lineRule="auto"/>`, `<w:spacing w:after="40" w:line="264" w:lineRule="auto"/>`, 1)
		defaults = strings.Replace(defaults, `<w:sz w:val="24"/><w:szCs w:val="24"/>`, `<w:sz w:val="21"/><w:szCs w:val="21"/>`, 1)
	}
	s = reDocDefaults.ReplaceAllLiteralString(s, defaults)
	styles := docxStyles
	if compact {
		styles = map[string]string{}
		for k, v := range docxStyles {
			styles[k] = v
		}
		styles["Title"] = headingStyle("Title", "Title", -1, 32, 0, 120, true)
		styles["Heading1"] = headingStyle("Heading1", "heading 1", 0, 26, 160, 60, false)
		styles["Caption"] = strings.Replace(styles["Caption"], `<w:spacing w:before="120" w:after="120"`, `<w:spacing w:before="60" w:after="60"`, 1)
	}
	seen := map[string]bool{}
	s = reStyle.ReplaceAllStringFunc(s, func(m string) string {
		id := reStyle.FindStringSubmatch(m)[1]
		if repl, ok := styles[id]; ok {
			seen[id] = true
			return repl
		}
		return m
	})
	var add strings.Builder
	extra := extraStyles
	if compact {
		extra = strings.Replace(extra, `<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>`, `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>`, 1)
	}
	add.WriteString(extra)
	for _, id := range []string{"Title", "Heading1", "Heading2", "Heading3", "Subtitle", "Caption", "BodyText", "ListParagraph"} {
		if !seen[id] {
			add.WriteString(styles[id])
		}
	}
	i := strings.LastIndex(s, "</w:styles>")
	if i < 0 {
		return "", fmt.Errorf("docx template: styles.xml is not closed")
	}
	return s[:i] + add.String() + s[i:], nil
}

// coreXML is the document's core properties: its title, and no dates, so that the same report gives
// the same bytes.
func coreXML(doc *Document) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>")
	_ = xmlEscape(&b, doc.Title)
	b.WriteString("</dc:title><dc:creator>jianfu</dc:creator>")
	if doc.Lang == "en" {
		b.WriteString("<dc:language>en-US</dc:language>")
	} else {
		b.WriteString("<dc:language>zh-CN</dc:language>")
	}
	b.WriteString("</cp:coreProperties>")
	return b.String()
}

func xmlEscape(w io.Writer, s string) error {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	_, err := io.WriteString(w, r.Replace(s))
	return err
}

// tocMarker marks where the table of contents goes in document.xml.
const tocMarker = "JIANFU-TOC-7f3a"

// hasTOC: a report with appendices gets a 目录; a feedback sheet does not.
func hasTOC(doc *Document) bool {
	for _, s := range doc.Sections {
		if s.PageBreak {
			return true
		}
	}
	return false
}

var reTOCMarker = regexp.MustCompile(`<w:p>(?:[^<]|<[^/]|</[^w]|</w:[^p])*?` + tocMarker + `.*?</w:p>`)

// tocXML is the 目录: a Word TOC field over heading levels 1-2 whose cached result lists the section
// titles, so that it reads right before Word updates it (settings ask Word to update fields on
// opening, which adds the page numbers); then a page break.
func tocXML(doc *Document) string {
	var b strings.Builder
	title := "目　录"
	if doc.Lang == "en" {
		title = "Contents"
	}
	esc := func(s string) string {
		var w strings.Builder
		_ = xmlEscape(&w, s)
		return w.String()
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>` + esc(title) + `</w:t></w:r></w:p>`)
	type entry struct {
		level int
		text  string
	}
	var entries []entry
	for _, s := range doc.Sections {
		entries = append(entries, entry{1, s.Title})
		if s.PageBreak {
			continue // appendices: their subsections would make the contents pages long
		}
		for _, bl := range s.Blocks {
			if bl.Heading != "" {
				entries = append(entries, entry{2, bl.Heading})
			}
		}
	}
	for i, e := range entries {
		b.WriteString(fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="TOC%d"/></w:pPr>`, e.level))
		if i == 0 {
			b.WriteString(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">` + esc(e.text) + `</w:t></w:r>`)
		if i == len(entries)-1 {
			b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		b.WriteString(`</w:p>`)
	}
	b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	return b.String()
}

// finishDOCX rewrites godocx's package: styles fixed, the template's thumbnail and dated core
// properties dropped, and every entry stamped with the same time, in name order.
func finishDOCX(w io.Writer, raw []byte, doc *Document) error {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return fmt.Errorf("reread docx: %w", err)
	}
	zw := zip.NewWriter(w)
	stamp := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range zr.File {
		if f.Name == "docProps/thumbnail.jpeg" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("reread docx %s: %w", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("reread docx %s: %w", f.Name, err)
		}
		switch f.Name {
		case "word/styles.xml":
			s, err := fixStyles(string(data), doc.Compact)
			if err != nil {
				return err
			}
			data = []byte(s)
		case "docProps/core.xml":
			data = []byte(coreXML(doc))
		case "word/document.xml":
			if hasTOC(doc) {
				loc := reTOCMarker.FindIndex(data)
				if loc == nil {
					return fmt.Errorf("docx: contents placeholder not found")
				}
				data = append(append(append([]byte{}, data[:loc[0]]...), tocXML(doc)...), data[loc[1]:]...)
			}
		case "word/settings.xml":
			if hasTOC(doc) {
				data = bytes.Replace(data, []byte("<w:compat>"), []byte(`<w:updateFields w:val="true"/><w:compat>`), 1)
			}
		case "_rels/.rels":
			data = reThumbRel.ReplaceAll(data, nil)
		case "[Content_Types].xml":
			data = bytes.ReplaceAll(data, []byte(`<Default Extension="jpeg" ContentType="image/jpeg"></Default>`), nil)
		}
		method := zip.Deflate
		if strings.HasSuffix(f.Name, ".png") {
			method = zip.Store
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

var reThumbRel = regexp.MustCompile(`<Relationship [^>]*relationships/metadata/thumbnail"[^>]*>(</Relationship>)?`)
