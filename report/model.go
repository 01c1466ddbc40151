// Package report builds the monitoring report from analysis results: the report's content once, as
// a document model (sections of headings, paragraphs, tables and figures), which each output format
// renders; plus the tables workbook, results.json and the chart files.
package report

// Document is the report's content, independent of the output format.
type Document struct {
	Title    string
	Subtitle string
	Byline   []string // lines under the title: office, term, date
	Lang     string   // "zh" or "en"
	Compact  bool     // tighter line spacing (a one- or two-page feedback sheet)
	Sections []Section
}

// Section is a numbered section of the report (1 监测概况 …).
type Section struct {
	ID        string // anchor, e.g. "overview"
	Title     string
	PageBreak bool // starts on a new page (the appendices)

	appendix bool // lettered 附件A, 附件B … by Build
	Blocks   []Block
}

// Block is one element of a section: exactly one field is set.
type Block struct {
	Heading    string   // a subsection heading
	Subheading string   // a heading one level below Heading
	Paragraph  string   // a paragraph of text
	Note       string   // a small-print note
	List       []string // a bulleted list
	Ordered    bool     // List is numbered
	Table      *Table
	Figure     *Figure
}

// Table is a table with a caption; cells are text.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]Cell
	Numeric []bool // per column: right-aligned
}

// Cell is one table cell; Flag marks a flagged school's cell, Muted a suppressed or caveated one.
type Cell struct {
	Text  string
	Flag  bool
	Muted bool
	Title string // hover text, e.g. the suppression reason
}

// Figure is a chart: its file name under charts/, its PNG bytes and a caption.
type Figure struct {
	File    string
	PNG     []byte
	Caption string
	Alt     string
}
