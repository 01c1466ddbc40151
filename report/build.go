package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/plots"
	"github.com/jianfu-edu/jianfu/surveys"
)

// DataQuality is what the data-quality appendix shows: the row accounting and findings of ingest,
// passed in plain form so that the report does not depend on how the files were read.
type DataQuality struct {
	Files           []FileSummary
	Unknown         []UnknownOption
	Unmatched       []NameCount
	VariantCells    int
	ProfileWarnings []string
	Quality         []QualityItem
	RejectsFile     string   // where rejected rows were written, "" when none
	Skipped         []string // files in the input folders that were not read, each with the reason
	Notes           []string // other remarks on the data, such as submission dates left out as implausible
	// Without a roster: spellings merged as one school, and pairs of names kept apart.
	Spellings []Spelling
	Similar   [][2]string
	UsingDemo bool
	// TimetableFiles and TimetableUnmatched account for the timetable files (课程设置 section).
	TimetableFiles     []TimetableFileSummary
	TimetableUnmatched []string
}

// FileSummary is one input file's accounting.
type FileSummary struct {
	Name          string
	Questionnaire string
	Read          int
	Used          int
	Rejected      int
	ByReason      []NameCount // reason text and rows
}

// QualityItem is one data-quality rule's hits in one questionnaire.
type QualityItem struct {
	Rule          string // stable code: duplicate, too_fast, straight_lining, contradiction
	Name          string // words for the reader
	Questionnaire string // questionnaire code
	Rejected      bool   // the rows were rejected (else only reported)
	Count         int
	BySchool      []NameCount // school name and rows, most first
}

// UnknownOption is an answer text that matched no option.
type UnknownOption struct {
	Questionnaire string
	Question      int
	Text          string
	Count         int
}

// NameCount is a name with a count.
type NameCount struct {
	Code  string
	Name  string
	Count int
}

// Options control the report. County, Office and Date come from the command's flags or the term's
// project file; the report never reads the clock, so the same input gives the same bytes.
type Options struct {
	Title  string        // default: "{County}{Term}义务教育学校学生课业负担监测报告"
	County string        // e.g. 清溪县
	Office string        // who reports, e.g. 清溪县教育局教研室
	Date   string        // the report's date as printed; 2026-07-10 is written 2026年7月10日
	Lang   analysis.Lang // default Chinese
	Font   *plots.Font   // default: the embedded font
	SVG    bool          // also write every chart as SVG (text as text, font named with CJK fallbacks)
}

// Chart is a chart file written beside the report (PNG, or SVG when the name ends in .svg).
type Chart struct {
	File string
	PNG  []byte // the file's bytes
}

type builder struct {
	r      *analysis.Results
	q      DataQuality
	o      Options
	t      func(zh, en string) string
	charts []Chart
	jobs   []chartJob

	narrative analysis.Narrative
}

// Build makes the report's document and its charts. It fails when a chart label has a character the
// font lacks (a *plots.MissingGlyphsError naming it).
func Build(r *analysis.Results, q DataQuality, o Options) (*Document, []Chart, error) {
	if o.Font == nil {
		o.Font = plots.DefaultFont()
	}
	b := newBuilder(r, q, o)
	doc := &Document{Lang: string(o.Lang)}
	doc.Title = o.Title
	if doc.Title == "" {
		doc.Title = b.t(o.County+r.Term+"义务教育学校学生课业负担监测报告", "Monitoring report on school burden, "+strings.Join(slices.DeleteFunc([]string{o.County, b.term()}, func(s string) bool { return s == "" }), ", "))
	}
	doc.Subtitle = b.t("监测标准：", "Standard profile: ") + b.profileTitle() + b.paren(r.Profile.Name)
	for _, line := range []string{o.Office, FormatDate(o.Date, o.Lang)} {
		if line != "" {
			doc.Byline = append(doc.Byline, line)
		}
	}
	b.narrative = analysis.Narrate(r, o.Lang)
	steps := []func() (Section, error){
		// 正文
		b.overview, b.problems, b.conclusion, b.suggestions,
		// 附件
		b.mainResults, b.byIndicator, b.schools, b.studentsParents, b.teachers, b.teacherBurden, b.terms, b.timetable, b.openAnswers, b.method, b.dataQuality, b.questionnaires,
	}
	for _, step := range steps {
		s, err := step()
		if err != nil {
			return nil, nil, err
		}
		if s.ID != "" {
			doc.Sections = append(doc.Sections, s)
		}
	}
	b.appendices(doc)
	numberCaptions(doc, o.Lang)
	b.unitNames(doc)
	if err := b.renderCharts(); err != nil {
		return nil, nil, err
	}
	return doc, b.charts, nil
}

// newBuilder returns a builder of r in o.Lang (Chinese when unset).
func newBuilder(r *analysis.Results, q DataQuality, o Options) *builder {
	if o.Lang == "" {
		o.Lang = analysis.Chinese
	}
	b := &builder{r: r, q: q, o: o}
	b.t = func(zh, en string) string {
		if o.Lang == analysis.English {
			return en
		}
		return zh
	}
	return b
}

// FormatDate writes a date given as 2026-07-10 the Chinese way (2026年7月10日); any other text is kept
// as given.
func FormatDate(s string, lang analysis.Lang) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	if lang == analysis.English {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// appendices letters the sections after the 正文 (附件A, 附件B …) and starts each on a new page.
func (b *builder) appendices(doc *Document) {
	letter := 'A'
	for i := range doc.Sections {
		s := &doc.Sections[i]
		if !s.appendix {
			continue
		}
		s.Title = b.t("附件"+string(letter)+"　"+s.Title, "Appendix "+string(letter)+". "+s.Title)
		s.PageBreak = true
		letter++
	}
}

var captionNumber = regexp.MustCompile(`^(表|Table )\d+\.?\s*`)

// numberCaptions numbers the tables (表1 …) and figures (图1 …) in document order.
func numberCaptions(doc *Document, lang analysis.Lang) {
	tables, figures := 0, 0
	for i := range doc.Sections {
		for _, bl := range doc.Sections[i].Blocks {
			if t := bl.Table; t != nil && t.Caption != "" {
				tables++
				c := captionNumber.ReplaceAllString(t.Caption, "")
				if lang == analysis.English {
					t.Caption = fmt.Sprintf("Table %d. %s", tables, c)
				} else {
					t.Caption = fmt.Sprintf("表%d　%s", tables, c)
				}
			}
			if f := bl.Figure; f != nil && f.Caption != "" {
				figures++
				if lang == analysis.English {
					f.Caption = fmt.Sprintf("Figure %d. %s", figures, f.Caption)
				} else {
					f.Caption = fmt.Sprintf("图%d　%s", figures, f.Caption)
				}
			}
		}
	}
}

// term is the report's term in the report's language (analysis.TermLabel).
func (b *builder) term() string { return analysis.TermLabel(b.r.Term, b.o.Lang) }

func (b *builder) qTitle(q *surveys.Questionnaire) string {
	if b.o.Lang != analysis.English {
		return q.Title
	}
	if q.TitleEN != "" && q.TitleEN != q.Title {
		return q.TitleEN
	}
	if t, ok := map[string]string{"student": "Student questionnaire", "parent": "Parent questionnaire", "teacher": "Teacher questionnaire"}[q.Code]; ok {
		return t
	}
	return q.Title
}

func (b *builder) respondent(q *surveys.Questionnaire) string {
	switch q.Code {
	case "parent":
		return b.t("家长", "parents")
	case "teacher":
		return b.t("教师", "teachers")
	}
	return b.t("学生", "students")
}

func (b *builder) indName(ir *analysis.IndicatorResult) string {
	if b.o.Lang == analysis.English {
		return ir.Indicator.NameEN
	}
	return ir.Indicator.Name
}

func (b *builder) overview() (Section, error) {
	r := b.r
	s := Section{ID: "overview", Title: b.t("一、监测概况", "1. Overview")}
	schoolsWith := 0
	for i := range r.Schools {
		for _, rr := range r.ResponseRates {
			if rr.School == i {
				schoolsWith++
				break
			}
		}
	}
	var first, last string
	for _, qs := range r.Questionnaires {
		if qs.FirstDate != "" && (first == "" || qs.FirstDate < first) {
			first = qs.FirstDate
		}
		if qs.LastDate > last {
			last = qs.LastDate
		}
	}
	who := b.o.Office
	if who == "" {
		who = b.o.County
	}
	var p string
	if b.o.Lang == analysis.English {
		p = fmt.Sprintf("This report covers the %s burden survey", b.term())
		if who != "" {
			p += " run by " + who
		}
		if first != "" {
			p += fmt.Sprintf(" from %s to %s", first, last)
		}
		p += fmt.Sprintf(", judged against the standard profile “%s”.", b.profileTitle())
	} else {
		p = who
		if first != "" {
			p += fmt.Sprintf("于%s至%s", FormatDate(first, analysis.Chinese), FormatDate(last, analysis.Chinese))
		}
		p += fmt.Sprintf("组织开展了%s义务教育学校学生课业负担监测，采用%s（问卷星网上填写），按监测标准“%s”逐校判定。", r.Term, questionnaireList(r), r.Profile.Title)
	}
	var parts []string
	for _, qs := range r.Questionnaires {
		parts = append(parts, fmt.Sprintf(b.t("%s有效问卷%d份（读取%d行，剔除%d行）", "%s: %d valid questionnaires (%d rows read, %d rejected)"), b.qTitle(qs.Questionnaire), qs.Respondents, qs.Read, qs.Rejected))
	}
	p += fmt.Sprintf(b.t("监测覆盖%d所学校，%s。", " The survey covers %d schools; %s."), schoolsWith, strings.Join(parts, b.t("；", "; ")))
	if b.q.UsingDemo {
		p += b.t("（本报告使用内置的虚构示例县数据生成，仅作演示。）", " (Generated from the built-in fictional demo county.)")
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: p})
	s.Blocks = append(s.Blocks, b.noRoster()...)
	for _, ir := range r.Indicators {
		if ir.Indicator.Code == "exam_count" && first != "" {
			s.Blocks = append(s.Blocks, Block{Note: b.t("统一考试次数按学期初至填写问卷时为止计算，请结合调查时间解读。", "Exam counts run from the start of term to the day of the survey.")})
			break
		}
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf(b.t("各项比例按监测标准“%s”计算，以可判定的作答者为分母（未答、无效和不适用的回答不计入分母），并给出95%%置信区间（%s）。可判定的回答少于%d的单元不报告比例，以“—”表示；少于%d的以“*”标注，样本不足，仅供参考。",
		"Shares follow the profile “%s”, over respondents whose answer could be judged; 95%% intervals (%s). Cells with fewer than %d judged answers are suppressed (—); fewer than %d are marked *."), b.profileTitle(), b.methodName(b.defaultMethod()), r.Profile.MinN, r.Profile.SmallN)})
	// Respondents by grade.
	t := &Table{Caption: b.t("各年级有效问卷数", "Valid questionnaires by grade"), Header: []string{b.t("问卷", "Questionnaire")}}
	for g := 1; g <= 9; g++ {
		t.Header = append(t.Header, b.grade(g))
	}
	t.Header = append(t.Header, b.t("合计", "Total"))
	t.Numeric = make([]bool, len(t.Header))
	for i := 1; i < len(t.Numeric); i++ {
		t.Numeric[i] = true
	}
	for _, qs := range r.Questionnaires {
		if qs.Questionnaire.ByStage() {
			continue // teachers answer for a stage: counted in teacherCountNote
		}
		row := []Cell{{Text: b.qTitle(qs.Questionnaire)}}
		for g := 1; g <= 9; g++ {
			row = append(row, Cell{Text: fmt.Sprint(qs.ByGrade[g])})
		}
		row = append(row, Cell{Text: fmt.Sprint(qs.Respondents)})
		t.Rows = append(t.Rows, row)
	}
	s.Blocks = append(s.Blocks, Block{Table: t})
	if note := b.teacherCountNote(); note != "" {
		s.Blocks = append(s.Blocks, Block{Note: note})
	}
	rejected := 0
	for _, f := range b.q.Files {
		rejected += f.Rejected
	}
	method := fmt.Sprintf(b.t("各项比例以作答者为分母（未答、无效和不适用的回答不计入），给出95%%置信区间；有效回答少于%d的不报告比例。",
		"Shares are over respondents who answered, with 95%% intervals; cells with fewer than %d valid answers are not reported."), r.Profile.MinN)
	if rejected > 0 {
		method += fmt.Sprintf(b.t("共剔除%d行数据（如学校名称不在名册中、年级与学段不符），原因和数量见附件“数据质量”。", " %d rows were rejected; see the data-quality appendix."), rejected)
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: method})
	return s, nil
}

// problems is 主要问题: one paragraph per theme, most serious first.
func (b *builder) problems() (Section, error) {
	s := Section{ID: "problems", Title: b.t("二、主要问题", "2. Main problems")}
	for i, tf := range b.narrative.Problems {
		if b.o.Lang == analysis.English {
			s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf("%d. %s. %s", i+1, tf.Theme.NameEN, tf.Text)})
		} else {
			s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf("%d、%s%s", i+1, tf.Text, b.themeQuote(tf.Theme.Name))})
		}
	}
	return s, nil
}

func (b *builder) conclusion() (Section, error) {
	s := Section{ID: "conclusion", Title: b.t("三、结论", "3. Conclusion")}
	s.Blocks = append(s.Blocks, Block{Paragraph: b.narrative.Conclusion})
	return s, nil
}

var chineseOrdinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"}

func (b *builder) suggestions() (Section, error) {
	s := Section{ID: "suggestions", Title: b.t("四、建议", "4. Suggestions")}
	s.Blocks = append(s.Blocks, Block{Note: b.t("本节由程序根据数据生成（点名的学校为硬性指标需整改的学校，每校每个方面只列一次），供教研室修改定稿。",
		"Generated from the data (schools named are those flagged on hard indicators, once per theme), as a first draft for the office to edit.")})
	for i, sg := range b.narrative.Suggestions {
		if b.o.Lang == analysis.English {
			s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf("%d. %s", i+1, sg.Text)})
			continue
		}
		ord := fmt.Sprint(i + 1)
		if i < len(chineseOrdinals) {
			ord = chineseOrdinals[i]
		}
		s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf("第%s，%s。%s", ord, sg.Theme.Name, sg.Text)})
	}
	s.Blocks = append(s.Blocks, Block{Paragraph: b.narrative.Plan})
	return s, nil
}

func (b *builder) mainResults() (Section, error) {
	r := b.r
	s := Section{ID: "results", Title: b.t("主要结果", "Main results"), appendix: true}
	t := &Table{Caption: b.t("各项指标全县达标情况", "County compliance by indicator"),
		Header:  []string{b.t("指标", "Indicator"), b.t("问卷", "Asked"), b.t("类别", "Kind"), b.t("标准", "Standard"), b.t("达标率%", "Comply %"), b.t("95%区间", "95% CI"), "n", b.t("需整改学校", "Action needed"), b.t("需关注学校", "To watch")},
		Numeric: []bool{false, false, false, false, true, true, true, true, true}}
	if r.Comparison != nil {
		t.Header = append(t.Header, b.t("较", "Change since ")+analysis.TermLabel(r.Comparison.Previous.Label, b.o.Lang)+b.t("（百分点）", " (points)"))
		t.Numeric = append(t.Numeric, true)
	}
	for _, ir := range r.Indicators {
		kind := b.t("硬性", "hard")
		if ir.Indicator.Kind == surveys.Reference {
			kind = b.t("参考", "reference")
		}
		row := []Cell{{Text: b.indName(ir)}, {Text: b.respondent(ir.Questionnaire)}, {Text: kind}, {Text: b.standard(ir.Indicator)}}
		row = append(row, b.estimateCells(ir.Overall)...)
		row = append(row, Cell{Text: fmt.Sprint(len(ir.Flagged)), Flag: len(ir.Flagged) > 0}, Cell{Text: fmt.Sprint(len(ir.Possible))})
		if r.Comparison != nil {
			row = append(row, b.changeCell(ir))
		}
		t.Rows = append(t.Rows, row)
	}
	s.Blocks = append(s.Blocks, Block{Table: t})
	s.Blocks = append(s.Blocks, Block{Note: b.estimateNote()})
	s.Blocks = append(s.Blocks, Block{Note: fmt.Sprintf(b.t("需整改：违规（参考指标为未达到参考要求）比例的95%%置信区间下限达到%s%%且不少于%d人的学校；需关注：比例本身达到%s%%、但区间下限低于%s%%的学校。",
		"Action needed: the lower 95%% bound of the share not complying reaches %s%%, at least %d respondents; attention: the share reaches %s%% but the bound is below %s%%."), analysis.Pct(r.Profile.FlagThreshold), r.Profile.FlagMinViolations, analysis.Pct(r.Profile.FlagThreshold), analysis.Pct(r.Profile.FlagThreshold))})
	if r.Comparison != nil {
		s.Blocks = append(s.Blocks, Block{Note: b.t("较上学期：全县达标率的变化（百分点）；↑↓表示经多重比较校正后仍显著，其余在抽样误差范围内。详见“学期对比”。",
			"Change: the county share's change in points; ↑↓ mark changes significant after multiple-comparison correction, the others are within sampling error. See “Term over term”.")})
	}
	return s, nil
}

// addChart queues a chart; its PNG is rendered by renderCharts and filled into the figure.
func (b *builder) addChart(file string, c renderer) *Figure {
	fig := &Figure{File: file}
	b.jobs = append(b.jobs, chartJob{fig: fig,
		render: func(w *bytes.Buffer) error { return c.Render(w, plots.PNG, b.o.Font) },
		svg:    func(w *bytes.Buffer) error { return c.Render(w, plots.SVG, b.o.Font) }})
	return fig
}

// renderer is any chart of package plots.
type renderer interface {
	Render(w io.Writer, format plots.Format, f *plots.Font) error
}

type chartJob struct {
	fig    *Figure
	render func(*bytes.Buffer) error
	svg    func(*bytes.Buffer) error
	svgOut []byte
}

// renderCharts renders the queued charts on all cores, keeping their order.
func (b *builder) renderCharts() error {
	errs := make([]error, len(b.jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var buf bytes.Buffer
				if err := b.jobs[i].render(&buf); err != nil {
					errs[i] = fmt.Errorf("chart %s: %w", b.jobs[i].fig.File, err)
					continue
				}
				b.jobs[i].fig.PNG = buf.Bytes()
				if b.o.SVG && b.jobs[i].svg != nil {
					var sb bytes.Buffer
					if err := b.jobs[i].svg(&sb); err != nil {
						errs[i] = fmt.Errorf("chart %s: %w", b.jobs[i].fig.File, err)
						continue
					}
					b.jobs[i].svgOut = sb.Bytes()
				}
			}
		}()
	}
	for i := range b.jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range b.jobs {
		if errs[i] != nil {
			return errs[i]
		}
		b.charts = append(b.charts, Chart{File: j.fig.File, PNG: j.fig.PNG})
		if j.svgOut != nil {
			b.charts = append(b.charts, Chart{File: strings.TrimSuffix(j.fig.File, ".png") + ".svg", PNG: j.svgOut})
		}
	}
	return nil
}

func (b *builder) byIndicator() (Section, error) {
	r := b.r
	s := Section{ID: "indicators", Title: b.t("分项分析", "Indicators"), appendix: true}
	findings := analysis.Findings(r, b.o.Lang)
	for i, ir := range r.Indicators {
		title := fmt.Sprintf("%d. %s%s", i+1, b.indName(ir), b.paren(b.qTitle(ir.Questionnaire)))
		if ir.Indicator.Kind == surveys.Reference {
			title += b.t(" · 参考指标", " · reference")
		}
		s.Blocks = append(s.Blocks, Block{Heading: title})
		county := math.NaN()
		if ir.Overall.Shown() {
			county = 100 * ir.Overall.P
		}
		chart := &plots.SchoolBars{Title: b.indName(ir) + " " + b.t("达标率", "compliance") + b.paren(b.qTitle(ir.Questionnaire)), Lang: b.chartLang(),
			County: county, Standard: b.t("标准：", "Standard: ") + b.standard(ir.Indicator)}
		for _, sr := range ir.Schools {
			bar := plots.Bar{Label: b.unitName(sr.Name), P: 100 * sr.P, Low: 100 * sr.Low, High: 100 * sr.High, N: sr.Judged(), Flagged: sr.Flagged, Possible: sr.Flag == analysis.FlagPossible}
			if !sr.Shown() {
				bar.P, bar.Low, bar.High = math.NaN(), math.NaN(), math.NaN()
				bar.Note = b.t("样本不足，无法判定", "too few to judge")
			}
			chart.Bars = append(chart.Bars, bar)
		}
		file := fmt.Sprintf("%02d_%s_%s.png", i+1, ir.Indicator.Code, ir.Questionnaire.Code)
		fig := b.addChart(file, chart)
		fig.Caption, fig.Alt = chart.Title, chart.Title
		s.Blocks = append(s.Blocks, Block{Figure: fig})
		s.Blocks = append(s.Blocks, Block{Paragraph: findings[i].Text()})
		t := &Table{Caption: b.t("分年段、年级和城乡（"+analysis.IndicatorDenominator(ir)+"）", "By band, grade and locale"), Header: []string{b.t("分组", "Group"), b.t("达标率%", "Comply %"), b.t("95%区间", "95% CI"), "n", b.t("未答", "No answer")},
			Numeric: []bool{false, true, true, true, true}}
		for _, groups := range [][]analysis.Group{ir.Bands, ir.Grades, ir.Locales} {
			for _, g := range groups {
				row := append([]Cell{{Text: b.group(g)}}, b.estimateCells(g.Estimate)...)
				row = append(row, Cell{Text: fmt.Sprint(g.Missing)})
				t.Rows = append(t.Rows, row)
			}
		}
		s.Blocks = append(s.Blocks, Block{Table: t}, Block{Table: b.schoolTable(ir)})
		if len(ir.Homework) > 0 {
			s.Blocks = append(s.Blocks, Block{Table: b.homeworkTable(ir)})
		}
	}
	// Distributions by band.
	if len(r.Distributions) > 0 {
		s.Blocks = append(s.Blocks, Block{Heading: b.t("睡眠和作业时间的分布", "Distribution of sleep and homework time")})
	}
	for _, d := range r.Distributions {
		st := &plots.Stacked{Title: b.question(d.Question) + b.paren(b.qTitle(d.Questionnaire)), Lang: b.chartLang()}
		for _, o := range d.Question.Options {
			st.Categories = append(st.Categories, b.option(o))
		}
		for _, bd := range d.Bands {
			if bd.Valid() < r.Profile.MinN {
				continue // standards.md: below min_n a cell shows no shares, in charts too
			}
			st.Groups = append(st.Groups, b.band(bd.Band.Code))
			var shares []float64
			for j := range bd.Options {
				shares = append(shares, 100*bd.Share(j))
			}
			st.Shares = append(st.Shares, shares)
			st.N = append(st.N, bd.Valid())
		}
		if len(st.Groups) == 0 {
			continue
		}
		file := fmt.Sprintf("dist_%s_%s.png", d.Question.Code, d.Questionnaire.Code)
		fig := b.addChart(file, st)
		fig.Caption, fig.Alt = st.Title, st.Title
		s.Blocks = append(s.Blocks, Block{Figure: fig})
	}
	// Measures with no pass/fail.
	if len(r.Measures) > 0 {
		s.Blocks = append(s.Blocks, Block{Heading: b.t("其他监测项目（不设达标要求）", "Other measures (no pass/fail)")})
	}
	for _, m := range r.Measures {
		t := &Table{Caption: b.measure(m) + b.paren(b.qTitle(m.Questionnaire)) + b.t("："+m.Denominator+"各选项所占百分比", ": share of each option among respondents, %"),
			Header: []string{b.t("学校", "School")}, Numeric: []bool{false}}
		for _, o := range m.Question.Options {
			t.Header = append(t.Header, b.option(o))
			t.Numeric = append(t.Numeric, true)
		}
		t.Header = append(t.Header, "n")
		t.Numeric = append(t.Numeric, true)
		addRow := func(name string, oc analysis.OptionCounts, suppressed bool) {
			row := []Cell{{Text: name}}
			small := oc.Valid() < r.Profile.SmallN
			for j := range oc.Options {
				txt := analysis.Pct(oc.Share(j))
				switch {
				case suppressed:
					txt = "—"
				case small:
					txt += "*"
				}
				row = append(row, Cell{Text: txt, Muted: suppressed || small})
			}
			t.Rows = append(t.Rows, append(row, Cell{Text: fmt.Sprint(oc.Valid())}))
		}
		addRow(b.t("全县", "County"), m.Overall, m.Overall.Valid() < r.Profile.MinN)
		for _, sd := range m.Schools {
			addRow(sd.Name, sd.OptionCounts, sd.Suppressed)
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
	}
	return s, nil
}

// homeworkTable shows the mean homework time per band, county and units, with its 95% interval and
// verdict against the limit; cells below min_n show "—".
func (b *builder) homeworkTable(ir *analysis.IndicatorResult) *Table {
	r := b.r
	t := &Table{Caption: b.t("平均书面作业时间（按选项组中值估算，分钟）", "Mean homework time (option midpoints, minutes)"),
		Header:  []string{b.t("学校", "School"), b.t("学段", "Band"), "n", b.t("平均", "Mean"), b.t("95%区间", "95% CI"), b.t("标准上限", "Limit"), b.t("判断", "Verdict"), b.t("达标率%", "Comply %")},
		Numeric: []bool{false, false, true, true, true, true, false, true}}
	add := func(name string, h analysis.HomeworkMean) {
		if h.Suppressed {
			dash := Cell{Text: "—", Muted: true, Title: fmt.Sprintf(b.t("回答少于%d份，不报告", "fewer than %d answers"), r.Profile.MinN)}
			t.Rows = append(t.Rows, []Cell{{Text: name}, {Text: b.band(h.Band)}, {Text: fmt.Sprint(h.N)}, dash, dash, {Text: analysis.Minutes(h.Limit)}, {Text: b.t("样本不足，无法判定", "too few")}, dash})
			return
		}
		mean := analysis.MinutesAgainst(h.Minutes, h.Limit)
		if h.Small {
			mean += "*"
		}
		itv := "—"
		if !math.IsNaN(h.Low) {
			itv = analysis.Minutes(h.Low) + "–" + analysis.Minutes(h.High)
		}
		verdict := string(h.Verdict)
		if b.o.Lang == analysis.English {
			verdict = map[analysis.Verdict]string{analysis.VerdictOver: "over", analysis.VerdictMaybe: "possibly over", analysis.VerdictNotOver: "not over"}[h.Verdict]
		}
		t.Rows = append(t.Rows, []Cell{{Text: name}, {Text: b.band(h.Band)}, {Text: fmt.Sprint(h.N)}, {Text: mean, Muted: h.Small}, {Text: itv, Muted: h.Small},
			{Text: analysis.Minutes(h.Limit)}, {Text: verdict, Flag: h.Over}, {Text: analysis.Pct(h.Share), Muted: h.Small}})
	}
	for _, h := range ir.Homework {
		add(b.t("全县", "County"), h)
	}
	for _, sr := range ir.Schools {
		for _, h := range sr.Homework {
			add(sr.Name, h)
		}
	}
	return t
}

// schoolTable lists every unit's share with its interval, n, design effect, flag tier and the
// comparison with the rest of the county.
func (b *builder) schoolTable(ir *analysis.IndicatorResult) *Table {
	t := &Table{Caption: b.t("各校（分学段）达标情况（"+analysis.IndicatorDenominator(ir)+"）", "By school (per stage)"),
		Header:  []string{b.t("学校", "School"), b.t("达标率%", "Comply %"), b.t("95%区间", "95% CI"), "n", b.t("无法判定", "Undeterminable"), b.t("设计效应", "Deff"), b.t("标记", "Flag"), b.t("与全县其他学校比较", "vs rest of county")},
		Numeric: []bool{false, true, true, true, true, true, false, false}}
	for _, sr := range ir.Schools {
		row := append([]Cell{{Text: sr.Name}}, b.estimateCells(sr.Estimate)...)
		und := fmt.Sprint(sr.Undeterminable)
		if sr.Undeterminable > 0 && sr.Shown() {
			und += fmt.Sprintf(b.t("（达标比例范围%s–%s）", " (bounds %s–%s)"), analysis.Pct(sr.BoundLow), analysis.Pct(sr.BoundHigh))
		}
		deff := "—"
		if sr.Shown() && !math.IsNaN(sr.Deff) {
			deff = fmt.Sprintf("%.2f", sr.Deff)
		}
		cmp := ""
		if c := sr.VsCounty; c != nil && c.Significant {
			cmp = b.t("明显高于全县", "significantly higher")
			if c.Diff < 0 {
				cmp = b.t("明显低于全县", "significantly lower")
			}
		}
		flag := b.flagText(sr.Estimate)
		row = append(row, Cell{Text: und}, Cell{Text: deff}, Cell{Text: flag, Flag: sr.Flagged, Title: b.t(sr.FlagReason, sr.FlagReasonEN)}, Cell{Text: cmp})
		t.Rows = append(t.Rows, row)
	}
	return t
}

func bandName(p *surveys.Profile, code string) string {
	for _, band := range p.Bands {
		if band.Code == code {
			return band.Name
		}
	}
	return code
}

func (b *builder) schools() (Section, error) {
	r := b.r
	s := Section{ID: "schools", Title: b.t("学校对比", "Schools compared"), appendix: true}
	hm := &plots.Heatmap{Title: b.t("各校各项指标达标率（%）", "Compliance by school and indicator (%)"), Lang: b.chartLang()}
	var rows []int
	seen := make([]bool, len(r.Units))
	for _, ir := range r.Indicators {
		for _, sr := range ir.Schools {
			seen[sr.Unit] = true
		}
	}
	for i, ok := range seen {
		if ok {
			rows = append(rows, i)
			hm.Rows = append(hm.Rows, b.unitName(r.Units[i].Name))
		}
	}
	for _, ir := range r.Indicators {
		col := b.indName(ir)
		switch ir.Questionnaire.Code {
		case "parent":
			col += b.t("（家长）", " (parents)")
		case "teacher":
			col += b.t("（教师）", " (teachers)")
		}
		hm.Cols = append(hm.Cols, col)
	}
	for _, si := range rows {
		vals := make([]float64, len(r.Indicators))
		for j, ir := range r.Indicators {
			vals[j] = math.NaN()
			for _, sr := range ir.Schools {
				if sr.Unit == si && sr.Shown() {
					vals[j] = 100 * sr.P
				}
			}
		}
		hm.Values = append(hm.Values, vals)
	}
	fig := b.addChart("heatmap.png", hm)
	fig.Caption, fig.Alt = hm.Title, hm.Title
	s.Blocks = append(s.Blocks, Block{Figure: fig})
	flags, possible := analysis.SchoolFlags(r), analysis.SchoolPossible(r)
	var lines []string
	for _, ui := range rows {
		line := analysis.SchoolLine(r, ui, flags[ui], possible[ui], b.o.Lang)
		for _, rr := range r.ResponseRates {
			if rr.School == r.Units[ui].School && !math.IsNaN(rr.Rate) {
				line += fmt.Sprintf(b.t("%s应答率%s%%（%d/%d）", " %s response rate %s%% (%d/%d)"), b.qTitle(questionnaireOf(r, rr.Questionnaire)), analysis.Pct(rr.Rate), rr.Respondents, rr.Enrolment)
				if rr.Low {
					line += b.t("，应答率偏低，结果代表性有限", ", low: interpret with care")
				}
				line += b.t("；", ";")
			}
		}
		lines = append(lines, strings.TrimSuffix(strings.TrimSuffix(line, "；"), ";"))
	}
	s.Blocks = append(s.Blocks, Block{List: lines})
	return s, nil
}

func questionnaireOf(r *analysis.Results, code string) *surveys.Questionnaire {
	for _, q := range r.Questionnaires {
		if q.Questionnaire.Code == code {
			return q.Questionnaire
		}
	}
	return &surveys.Questionnaire{Code: code, Title: code}
}

func (b *builder) method() (Section, error) {
	r := b.r
	p := r.Profile
	s := Section{ID: "method", Title: b.t("方法", "Method"), appendix: true}
	s.Blocks = append(s.Blocks, Block{List: b.methodItems()})
	// Profile thresholds.
	t := &Table{Caption: b.t("监测标准的判定规则", "Profile rules"), Header: []string{b.t("指标", "Indicator"), b.t("类别", "Kind"), b.t("年级", "Grades"), b.t("达标条件", "Complies when"), b.t("依据", "Source")}}
	qs := map[string]*surveys.Question{}
	for _, qsum := range r.Questionnaires {
		for i := range qsum.Questionnaire.Questions {
			qu := &qsum.Questionnaire.Questions[i]
			if _, ok := qs[qu.Code]; !ok {
				qs[qu.Code] = qu
			}
		}
	}
	for _, ind := range p.Indicators {
		qu := qs[ind.Question]
		if qu == nil {
			continue
		}
		kind := b.t("硬性", "hard")
		if ind.Kind == surveys.Reference {
			kind = b.t("参考", "reference")
		}
		for _, rule := range ind.Rules {
			grades := fmt.Sprintf("%d-%d", rule.FromGrade, rule.ToGrade)
			if rule.FromGrade == 1 && rule.ToGrade == 9 {
				grades = b.t("全部", "all")
			}
			t.Rows = append(t.Rows, []Cell{{Text: b.indicator(&ind)}, {Text: kind}, {Text: grades}, {Text: b.ruleText(rule, qu)}, {Text: b.source(&ind)}})
		}
	}
	s.Blocks = append(s.Blocks, Block{Table: t})
	if len(b.q.Notes) > 0 {
		s.Blocks = append(s.Blocks, Block{List: b.q.Notes})
	}
	if len(b.q.Skipped) > 0 {
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("输入文件夹中未读取的文件：", "Files in the input folders that were not read: ")}, Block{List: b.q.Skipped})
	}
	if len(b.q.ProfileWarnings) > 0 {
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("标准提示：", "Profile warnings: ")}, Block{List: b.q.ProfileWarnings})
	}
	return s, nil
}

func (b *builder) dataQuality() (Section, error) {
	s := Section{ID: "quality", Title: b.t("数据质量", "Data quality"), appendix: true}
	ft := &Table{Caption: b.t("各文件读取情况（读取 = 使用 + 剔除）", "Files read (read = used + rejected)"), Header: []string{b.t("文件", "File"), b.t("问卷", "Questionnaire"), b.t("读取", "Read"), b.t("使用", "Used"), b.t("剔除", "Rejected"), b.t("剔除原因", "Reasons")},
		Numeric: []bool{false, false, true, true, true, false}}
	for _, f := range b.q.Files {
		var rs []string
		for _, rc := range f.ByReason {
			rs = append(rs, fmt.Sprintf("%s %d", rc.Name, rc.Count))
		}
		ft.Rows = append(ft.Rows, []Cell{{Text: f.Name}, {Text: f.Questionnaire}, {Text: fmt.Sprint(f.Read)}, {Text: fmt.Sprint(f.Used)}, {Text: fmt.Sprint(f.Rejected)}, {Text: strings.Join(rs, b.t("；", "; "))}})
	}
	s.Blocks = append(s.Blocks, Block{Table: ft})
	if len(b.q.Quality) > 0 || b.lowResponse() != nil {
		var l []string
		for _, qi := range b.q.Quality {
			act := b.t("已剔除", "rejected")
			if !qi.Rejected {
				act = b.t("只报告，未剔除", "reported only")
			}
			var ss []string
			for _, sc := range qi.BySchool {
				ss = append(ss, fmt.Sprintf("%s %d", sc.Name, sc.Count))
			}
			l = append(l, fmt.Sprintf(b.t("%s · %s：%d行（%s）：%s", "%s · %s: %d rows (%s): %s"), b.qTitle(questionnaireOf(b.r, qi.Questionnaire)), qi.Name, qi.Count, act, strings.Join(ss, b.t("，", ", "))))
		}
		l = append(l, b.lowResponse()...)
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("数据质量检查：", "Quality checks:")}, Block{List: l})
	}
	if len(b.q.Unmatched) > 0 {
		var l []string
		for _, u := range b.q.Unmatched {
			l = append(l, fmt.Sprintf(b.t("“%s”%d行", "“%s”: %d rows"), u.Name, u.Count))
		}
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("名册中找不到的学校名称（这些行已剔除）：", "School names not on the roster (rows rejected):")}, Block{List: l})
	}
	if len(b.q.Unknown) > 0 {
		var l []string
		for _, u := range b.q.Unknown {
			l = append(l, fmt.Sprintf(b.t("%s第%d题“%s”%d次", "%s Q%d “%s”: %d"), u.Questionnaire, u.Question, u.Text, u.Count))
		}
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("与选项不符的回答（计为无效，该行其他回答照常使用）：", "Answers matching no option (counted invalid):")}, Block{List: l})
	}
	if b.q.VariantCells > 0 {
		s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf(b.t("有%d个单元格按变体写法识别（如“初一”记为七年级、学校别名、选项字母），明细见 jianfu check。", "%d cells were mapped from variant spellings (see jianfu check)."), b.q.VariantCells)})
	}
	if b.q.RejectsFile != "" {
		s.Blocks = append(s.Blocks, Block{Note: fmt.Sprintf(b.t("被剔除的行（含原始内容）写在 %s，只供核对，不随报告发布。", "Rejected rows with their content are in %s, for checking only; do not publish it."), b.q.RejectsFile)})
	}
	return s, nil
}

func (b *builder) questionnaires() (Section, error) {
	s := Section{ID: "questionnaires", Title: b.t("问卷", "Questionnaires"), appendix: true}
	for _, qsum := range b.r.Questionnaires {
		q := qsum.Questionnaire
		var l []string
		for _, qu := range q.Questions {
			line := b.t(qu.Header(), fmt.Sprintf("%d. %s", qu.Number, b.question(&qu)))
			if len(qu.Options) > 0 {
				var ops []string
				for _, o := range qu.Options {
					ops = append(ops, b.option(o))
				}
				line += b.t("　", "  ") + strings.Join(ops, " / ")
			}
			l = append(l, line)
		}
		s.Blocks = append(s.Blocks, Block{Heading: b.qTitle(q)}, Block{List: l})
	}
	return s, nil
}

// lowResponse lists schools whose response rate is below the profile's threshold.
func (b *builder) lowResponse() []string {
	var l []string
	for _, rr := range b.r.ResponseRates {
		if rr.Low {
			l = append(l, fmt.Sprintf(b.t("%s%s应答率%s%%，低于%s%%，该校结果代表性有限", "%s %s: response rate %s%%, below %s%%"),
				b.r.Schools[rr.School].Name, b.qTitle(questionnaireOf(b.r, rr.Questionnaire)), analysis.Pct(rr.Rate), analysis.Pct(b.r.Profile.Quality.LowResponseRate)))
		}
	}
	return l
}

func (b *builder) joinFloats(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%g", x))
	}
	return b.list(s)
}

// signedPct formats a difference of shares in percentage points with its sign: +3.2, −1.5.
func signedPct(d float64) string {
	if math.IsNaN(d) {
		return "—"
	}
	if d < 0 {
		return "−" + analysis.Pct(-d)
	}
	return "+" + analysis.Pct(d)
}

func diffInterval(d analysis.Difference) string {
	if math.IsNaN(d.Low) {
		return "—"
	}
	return signedPct(d.Low) + " ~ " + signedPct(d.High)
}

// studentsParents is 学生与家长: each indicator both questionnaires ask, students' and parents'
// compliance side by side per school, the difference with its interval, where they disagree, and the
// agreement of linked pairs where 学生编号 links them.
func (b *builder) studentsParents() (Section, error) {
	r := b.r
	s := Section{ID: "students-parents", Title: b.t("学生与家长", "Students and parents"), appendix: true}
	if len(r.StudentParent) == 0 {
		s.Blocks = append(s.Blocks, Block{Paragraph: b.t("本次只有一种问卷，没有学生与家长都回答的指标。", "Only one questionnaire was given: no indicator is asked of both.")})
		return s, nil
	}
	c0 := r.StudentParent[0]
	s.Blocks = append(s.Blocks, Block{Paragraph: fmt.Sprintf(b.t("下表把学生和家长对同一指标的回答并列（达标率），只比较两份问卷都覆盖的%s至%s；差值为学生减家长（百分点），并给出95%%区间（Newcombe法，按两个独立样本计算）；区间不含0的标为差异显著。差异显著说明两份问卷对该校情况的说法不一致，宜结合访谈核实。",
		"Students' and parents' compliance side by side, over the grades both questionnaires cover (%s to %s); the difference is students minus parents (points) with a 95%% interval (Newcombe, as two independent samples); an interval excluding 0 is marked significant."),
		b.grade(c0.FromGrade), b.grade(c0.ToGrade))})
	paired := false
	for _, c := range r.StudentParent {
		if c.Paired != nil {
			paired = true
		}
	}
	if !paired {
		s.Blocks = append(s.Blocks, Block{Note: b.t("学生问卷和家长问卷没有同时提供“学生编号”，无法把学生和其家长逐对比较（一致性κ）；需要时请在两份问卷中都加入学生编号题。",
			"The files do not both carry 学生编号, so students cannot be linked with their own parents (κ).")})
	}
	for _, c := range r.StudentParent {
		name := c.Indicator.Name
		if b.o.Lang == analysis.English {
			name = c.Indicator.NameEN
		}
		s.Blocks = append(s.Blocks, Block{Heading: name})
		t := &Table{Caption: name + b.t("：学生与家长的回答", ": students and parents"),
			Header:  []string{b.t("学校", "School"), b.t("学生达标率%", "Students %"), b.t("学生n", "Students n"), b.t("家长达标率%", "Parents %"), b.t("家长n", "Parents n"), b.t("差（百分点）", "Difference"), b.t("95%区间", "95% CI"), b.t("差异", "")},
			Numeric: []bool{false, true, true, true, true, true, true, false}}
		row := func(name string, d analysis.Difference) []Cell {
			sig := ""
			if d.Significant {
				sig = b.t("显著", "significant")
			}
			return []Cell{{Text: name}, {Text: pctOrDash(d.Student), Muted: d.Student.Suppressed}, {Text: fmt.Sprint(d.Student.Judged())},
				{Text: pctOrDash(d.Parent), Muted: d.Parent.Suppressed}, {Text: fmt.Sprint(d.Parent.Judged())},
				{Text: signedPct(d.D)}, {Text: diffInterval(d)}, {Text: sig, Flag: d.Significant}}
		}
		t.Rows = append(t.Rows, row(b.t("全县", "County"), c.County))
		var disagree []string
		for _, d := range c.Schools {
			t.Rows = append(t.Rows, row(d.Name, d))
			if d.Significant {
				more := b.t("学生", "students")
				if d.D > 0 {
					more = b.t("家长", "parents")
				}
				disagree = append(disagree, fmt.Sprintf(b.t("%s（学生%s%%，家长%s%%，%s反映的问题更多）", "%s (students %s%%, parents %s%%; %s report more problems)"),
					d.Name, analysis.Pct(d.Student.P), analysis.Pct(d.Parent.P), more))
			}
		}
		s.Blocks = append(s.Blocks, Block{Table: t})
		var p string
		if len(disagree) == 0 {
			p = fmt.Sprintf(b.t("全县学生达标率%s%%，家长%s%%；各校学生与家长的回答没有显著差异。", "County: students %s%%, parents %s%%; no school's students and parents differ significantly."),
				analysis.Pct(c.County.Student.P), analysis.Pct(c.County.Parent.P))
		} else {
			p = fmt.Sprintf(b.t("全县学生达标率%s%%，家长%s%%。学生与家长的回答差异显著的有%d所学校：%s。", "County: students %s%%, parents %s%%. Students and parents differ significantly in %d schools: %s."),
				analysis.Pct(c.County.Student.P), analysis.Pct(c.County.Parent.P), len(disagree), strings.Join(disagree, b.t("；", "; ")))
		}
		if pr := c.Paired; pr != nil {
			p += fmt.Sprintf(b.t("按学生编号配对%d对：一致率%s%%，κ=%.2f（95%%区间%.2f～%.2f）；只有学生报告违规的%d对，只有家长报告违规的%d对",
				" %d linked pairs: agreement %s%%, κ = %.2f (95%% CI %.2f to %.2f); violation reported by the student only in %d pairs, by the parent only in %d"),
				pr.Pairs, analysis.Pct(pr.Agreement), pr.Kappa, pr.KappaLow, pr.KappaHigh, pr.StudentOnly, pr.ParentOnly)
			switch pr.MoreBy() {
			case "student":
				p += b.t("，学生报告的违规明显多于家长（McNemar检验）。", "; students report significantly more violations (McNemar).")
			case "parent":
				p += b.t("，家长报告的违规明显多于学生（McNemar检验）。", "; parents report significantly more violations (McNemar).")
			default:
				p += b.t("，双方报告的违规多少没有显著差别。", "; neither side reports significantly more.")
			}
		}
		s.Blocks = append(s.Blocks, Block{Paragraph: p})
	}
	return s, nil
}
