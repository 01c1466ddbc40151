package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/plots"
	"github.com/jianfu-edu/jianfu/report"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// ReportOptions are the options of `jianfu report`.
type ReportOptions struct {
	IO        *IOStreams
	Input     inputOptions
	Profile   string
	Term      string
	Out       string
	Lang      string
	Font      string
	Title     string
	County    string
	Office    string
	Date      string
	PerSchool bool
	SVG       bool
	// Design options (standards.md): --design, --weight, --fpc, --reliability.
	Design      string
	Weight      string
	FPC         bool
	Reliability string
	Config      string // project file (-c); default jianfu.yaml in the current folder
	// Previous are earlier terms' results.json files, compared with this term (学期对比).
	Previous []string
	// Timetables are timetable files or folders (--timetables); timetables among the inputs are read too.
	Timetables []string
}

func newReportCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &ReportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "report [文件或文件夹...]",
		Short: "生成监测报告：report.html、tables.xlsx、results.json 和图表",
		Long: `读取学生和家长问卷，按监测标准逐校计算达标率及其95%置信区间，画出图表，
写出监测报告（report.html，可离线打开、可打印为 A4）、表格（tables.xlsx）、结果（results.json）
和图表（charts/*.png）。不指定文件时使用内置的示例县数据。`,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths, err := useProject(cmd, ios, o.Config, args, g.Lang)
			if err != nil {
				return err
			}
			o.Input.Paths = paths
			o.Lang = g.Lang
			if len(paths) == 0 && !cmd.Flags().Changed("profile") {
				o.Profile = demo.Profile // the embedded demo county: its course plan carries its per-subject periods
			}
			return reportRun(o)
		},
	}
	addInputFlags(cmd, &o.Input)
	f := cmd.Flags()
	f.StringVar(&o.Profile, "profile", surveys.DefaultProfile, "监测标准：内置名称（"+joinNames(surveys.BuiltinProfiles())+"）或 YAML 文件")
	f.StringVar(&o.Term, "term", "", "学期，如“2026年春季学期”（默认按提交时间推断）")
	f.StringVarP(&o.Out, "output", "o", "jianfu-report", "输出文件夹")
	f.SetNormalizeFunc(outputAlias)
	f.StringVarP(&o.Config, "config", "c", "", "项目文件（默认为当前文件夹中的 "+ProjectFile+"，见 jianfu init）")
	f.StringVar(&o.Font, "font", "", "图表字体文件（.ttf/.otf/.ttc），默认使用内置的思源黑体子集")
	f.BoolVar(&o.SVG, "svg", false, "图表另存一份 SVG（矢量图，便于排版；中文需要电脑装有中文字体）")
	f.StringVar(&o.Design, "design", "cluster", "置信区间的计算方法：cluster（按班级整群，Korn–Graubard，默认）或 srs（视每个回答相互独立，Wilson）")
	f.StringVar(&o.Weight, "weight", "", "加权：enrolment（按名册各校各年级在校人数事后分层加权）；默认不加权")
	f.BoolVar(&o.FPC, "fpc", false, "按名册在校人数作有限总体校正")
	f.StringVar(&o.Reliability, "reliability", "", "可靠性标准：nchs（美国国家卫生统计中心的比例发布标准，Parker 等 2017）；默认只按最少样本量隐去")
	f.StringArrayVar(&o.Timetables, "timetables", nil, "课表：文件或文件夹，可给多次（班级课表或“学校、年级、学科、周课时”汇总表）；输入文件夹中的课表也会自动识别")
	f.StringVar(&o.Title, "title", "", "报告标题（默认“县名+学期+义务教育学校学生课业负担监测报告”）")
	f.StringVar(&o.County, "county", "", "县（区）名，如“清溪县”，写入标题")
	f.StringVar(&o.Office, "office", "", "报告单位，如“清溪县教育局教研室”，写在标题下")
	f.BoolVar(&o.PerSchool, "per-school", false, "另为每所学校写一份反馈单：schools/学校代码_校名.docx 和 .html（只含本校结果）")
	f.StringVar(&o.Date, "date", "", "报告日期，如 2026-07-10（写作2026年7月10日）；不填则不写日期，不取当天日期")
	f.StringArrayVar(&o.Previous, "previous", nil, "往期的 results.json，与本学期对比（可给多次，每次一个学期）")
	return cmd
}

func joinNames(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += "、"
		}
		out += x
	}
	return out
}

// progressThreshold is the input size above which a progress bar is shown on a terminal: about
// 25,000 rows of a 问卷星 .xlsx, half a second of reading.
const progressThreshold = 2 << 20

func reportRun(o *ReportOptions) error {
	if o.Lang != "zh" && o.Lang != "en" {
		return usagef("--lang 应为 zh 或 en，不是 %q", o.Lang)
	}
	o.Input.Lang = o.Lang
	if o.Profile == "" {
		o.Profile = surveys.DefaultProfile
	}
	design, err := o.designOptions()
	if err != nil {
		return err
	}
	// Refuse an output folder that is not ours before minutes of work, not after; writeDirAtomic checks
	// again when it writes.
	if err := replaceable(o.Out); err != nil {
		return err
	}
	qs := surveys.Builtins()
	profile, warnings, err := loadProfile(o.Profile, qs...)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(o.IO.ErrOut, o.Input.t("提示（监测标准）："+w.String(), "Note (profile): "+w.StringEN()))
	}
	font := plots.DefaultFont()
	if o.Font != "" {
		if err := checkInputFile("字体文件", o.Font, maxFontBytes); err != nil {
			return err
		}
		if font, err = plots.LoadFont(o.Font); err != nil {
			return &usageError{fmt.Errorf("--font %s: %w", o.Font, err)}
		}
	}
	o.Input.Quality = profile.Quality
	o.Input.Bands = profile.Bands
	o.Input.CoursePlan = profile.CoursePlan
	progress, done := o.progress()
	res, err := o.Input.load(o.IO.ErrOut, progress)
	done()
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		if len(f.ApproxMatches) > 0 {
			msg := "提示：%s 中这些表头按相似文字当作问卷的题目，请核对是否同一题：\n"
			if o.Lang == "en" {
				msg = "Note: in %s these headers were taken for questions because they read alike; check they ask the same:\n"
			}
			fmt.Fprintf(o.IO.ErrOut, msg, f.Path)
			writeApprox(o.IO.ErrOut, "  ", f.ApproxMatches, "→", o.Lang)
		}
		if len(f.NearMisses) > 0 {
			msg := "提示：%s 中这些表头像文件缺少的题，但问的不是同一件事，没有当作该题：\n"
			if o.Lang == "en" {
				msg = "Note: in %s these headers resemble questions the file lacks but ask something else; they were not taken for them:\n"
			}
			fmt.Fprintf(o.IO.ErrOut, msg, f.Path)
			writeApprox(o.IO.ErrOut, "  ", f.NearMisses, "≈", o.Lang)
		}
	}
	_, used, _ := res.Totals("")
	if used == 0 {
		return noDataError(res)
	}
	if !res.RosterGiven && len(res.Schools) > maxSchoolsWithoutRoster {
		return tooManySchools(len(res.Schools))
	}
	acc := map[string]analysis.Accounting{}
	for _, f := range res.Files {
		a := acc[f.Questionnaire]
		a.Read += f.Read
		a.Used += f.Used
		a.Rejected += f.Rejected
		acc[f.Questionnaire] = a
	}
	if err := o.readTimetables(res, profile); err != nil {
		return err
	}
	var timetables []surveys.Timetable
	if res.Timetables != nil {
		timetables = res.Timetables.Timetables
	}
	results, err := analysis.Analyze(analysis.Input{Datasets: res.Datasets, Schools: res.Schools, Profile: profile, Term: o.Term, Accounting: acc, RosterGiven: res.RosterGiven, Timetables: timetables, Design: design})
	if err != nil {
		return err
	}
	warn := results.Warnings
	if o.Lang == "en" {
		warn = results.WarningsEN
	}
	for _, w := range warn {
		fmt.Fprintln(o.IO.ErrOut, o.Input.t("提示（监测标准）：", "Note (profile): ")+w)
	}
	if results.Term == "" {
		results.Term = guessTerm(results)
	}
	if err := compareTerms(o.Previous, results); err != nil {
		return err
	}
	dq := dataQuality(res, warnings, o.Input.UsingDemo, o.Lang)
	for _, q := range results.Questionnaires {
		if q.DateOutliers > 0 {
			note := fmt.Sprintf("%s有 %d 份答卷的提交时间与其余答卷相差半年以上（可能是输错的日期），没有用来确定调查日期和学期。", q.Questionnaire.Title, q.DateOutliers)
			if o.Lang == "en" {
				note = fmt.Sprintf("%d %s questionnaire(s) were submitted more than half a year away from the rest (a mistyped date?) and were not used to set the survey date and term.", q.DateOutliers, q.Questionnaire.Code)
			}
			dq.Notes = append(dq.Notes, note)
			fmt.Fprintln(o.IO.ErrOut, o.Input.t("注意：", "Note: ")+note)
		}
	}
	county := o.County
	if county == "" && o.Input.UsingDemo {
		county = demo.County
	}
	ropts := report.Options{Lang: analysis.Lang(o.Lang), Font: font, Title: o.Title, SVG: o.SVG, County: county, Office: o.Office, Date: o.Date}
	doc, charts, err := report.Build(results, dq, ropts)
	if err != nil {
		return err
	}
	files := map[string]func(io.Writer) error{
		"report.html":  func(w io.Writer) error { return report.WriteHTML(w, doc) },
		"report.docx":  func(w io.Writer) error { return report.WriteDOCX(w, doc) },
		"tables.xlsx":  func(w io.Writer) error { return report.WriteTables(w, results, analysis.Lang(o.Lang)) },
		"results.json": func(w io.Writer) error { return report.WriteJSON(w, results, dq) },
	}
	if o.PerSchool {
		for _, fb := range report.BuildFeedback(results, ropts) {
			d := fb.Doc
			files[filepath.Join("schools", fb.File+".docx")] = func(w io.Writer) error { return report.WriteDOCX(w, d) }
			files[filepath.Join("schools", fb.File+".html")] = func(w io.Writer) error { return report.WriteHTML(w, d) }
		}
	}
	if len(res.Rejects) > 0 {
		files["rejects.csv"] = func(w io.Writer) error { return ingest.WriteRejectsCSV(w, res.Rejects) }
	}
	for _, c := range charts {
		png := c.PNG
		files[filepath.Join("charts", c.File)] = func(w io.Writer) error { _, err := w.Write(png); return err }
	}
	names, err := writeDirAtomic(o.Out, files)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			return err
		}
		return writeFailure(o.Out, err)
	}
	for _, n := range names {
		fmt.Fprintln(o.IO.Out, filepath.Join(o.Out, n))
	}
	printSummary(o.IO.ErrOut, res, results, o.Lang)
	if len(res.Rejects) > 0 {
		rj := filepath.Join(o.Out, "rejects.csv")
		fmt.Fprintln(o.IO.ErrOut, o.Input.t("注意："+rj+" 含被剔除行的原始内容，只供核对，请勿随报告发布。",
			"Note: "+rj+" holds the raw content of the rejected rows, for checking only: do not publish it with the report."))
	}
	return nil
}

// progress returns a byte counter and a stop function for reading the inputs.
func (o *ReportOptions) progress() (ingest.Counter, func()) { return progressBar(o.IO, o.Input.Paths) }

// barCounter shows input bytes read on a progress bar.
type barCounter struct{ bar *mpb.Bar }

func (c barCounter) Add(n int64) { c.bar.IncrInt64(n) }

// progressBar returns a counter and a stop function: a bar on a terminal when the inputs (the files
// named, and those directly in the folders named) are large enough to take a while, else nothing.
func progressBar(ios *IOStreams, paths []string) (ingest.Counter, func()) {
	if !ios.IsTerminal {
		return nil, func() {}
	}
	var total int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			total += fi.Size()
		case fi.IsDir():
			ents, _ := os.ReadDir(p)
			for _, e := range ents {
				if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
					total += info.Size()
				}
			}
		}
	}
	if total < progressThreshold {
		return nil, func() {}
	}
	pb := mpb.New(mpb.WithOutput(ios.ErrOut), mpb.WithWidth(40))
	bar := pb.AddBar(total, mpb.PrependDecorators(decor.Name("读取问卷 ")), mpb.AppendDecorators(decor.Percentage()))
	return barCounter{bar}, func() { bar.SetTotal(-1, true); pb.Wait() }
}

func guessTerm(r *analysis.Results) string {
	for _, q := range r.Questionnaires {
		if len(q.LastDate) >= 7 {
			y, _ := strconv.Atoi(q.LastDate[:4])
			m, _ := strconv.Atoi(q.LastDate[5:7])
			switch {
			case m >= 2 && m <= 7:
				return fmt.Sprintf("%d年春季学期", y)
			case m >= 8:
				return fmt.Sprintf("%d年秋季学期", y)
			default:
				return fmt.Sprintf("%d年秋季学期", y-1)
			}
		}
	}
	return "本学期"
}

func dataQuality(res *ingest.Result, warnings []surveys.Warning, demo bool, lang string) report.DataQuality {
	dq := report.DataQuality{UsingDemo: demo}
	en := lang == "en"
	title := questionnaireTitle
	if en {
		title = questionnaireTitleEn
	}
	for _, f := range res.Files {
		fs := report.FileSummary{Name: filepath.Base(f.Path), Questionnaire: title[f.Questionnaire], Read: f.Read, Used: f.Used, Rejected: f.Rejected}
		var codes []string
		for r := range f.RejectedByReason {
			codes = append(codes, string(r))
		}
		sort.Strings(codes)
		for _, c := range codes {
			name := ingest.Reason(c).Text()
			if en {
				name = codeWords(c)
			}
			fs.ByReason = append(fs.ByReason, report.NameCount{Code: c, Name: name, Count: f.RejectedByReason[ingest.Reason(c)]})
		}
		dq.Files = append(dq.Files, fs)
		dq.VariantCells += f.CellsMapped
	}
	for _, q := range res.Quality {
		qi := report.QualityItem{Rule: q.Rule, Name: qualityName(q.Rule), Questionnaire: q.Questionnaire, Rejected: q.Rejected, Count: q.Count}
		if en {
			qi.Name = qualityNameEn(q.Rule)
		}
		if len(q.Possible) > 0 {
			qi.Name += possibleRange(q.Possible, en)
		}
		for n, c := range q.BySchool {
			qi.BySchool = append(qi.BySchool, report.NameCount{Name: n, Count: c})
		}
		sort.Slice(qi.BySchool, func(i, j int) bool {
			if qi.BySchool[i].Count != qi.BySchool[j].Count {
				return qi.BySchool[i].Count > qi.BySchool[j].Count
			}
			return qi.BySchool[i].Name < qi.BySchool[j].Name
		})
		dq.Quality = append(dq.Quality, qi)
	}
	for _, u := range res.Unknown {
		dq.Unknown = append(dq.Unknown, report.UnknownOption{Questionnaire: title[u.Questionnaire], Question: u.Question, Text: u.Text, Count: u.Count})
	}
	for _, u := range res.Unmatched {
		dq.Unmatched = append(dq.Unmatched, report.NameCount{Name: u.Name, Count: u.Count})
	}
	for _, w := range warnings {
		if en {
			dq.ProfileWarnings = append(dq.ProfileWarnings, w.StringEN())
			continue
		}
		dq.ProfileWarnings = append(dq.ProfileWarnings, w.String())
	}
	for _, s := range res.Skipped {
		if lang == "en" {
			dq.Skipped = append(dq.Skipped, filepath.Base(s.Path)+": "+skippedEn(s))
			continue
		}
		dq.Skipped = append(dq.Skipped, filepath.Base(s.Path)+"："+s.Reason)
	}
	for _, sp := range res.Spellings {
		dq.Spellings = append(dq.Spellings, report.Spelling{School: sp.School, Variants: sp.Variants})
	}
	for _, p := range res.Similar {
		dq.Similar = append(dq.Similar, [2]string{p.A, p.B})
	}
	if len(res.Rejects) > 0 {
		dq.RejectsFile = "rejects.csv"
	}
	if tt := res.Timetables; tt != nil {
		for _, f := range tt.Files {
			fs := report.TimetableFileSummary{Name: filepath.Base(f.Path), Form: f.Form, Grids: f.Grids, Rows: f.Rows}
			for _, sk := range f.Skipped {
				fs.Skipped = append(fs.Skipped, strings.TrimSpace(sk.Where+" "+sk.Reason))
			}
			dq.TimetableFiles = append(dq.TimetableFiles, fs)
		}
		dq.TimetableUnmatched = tt.Unmatched
	}
	return dq
}

// possibleRange words the expected chance matches of the possible duplicates for the report:
// "，偶然相同的期望次数 0.12–0.87（≥ 0.05，均保留）".
func possibleRange(ps []ingest.PossibleDuplicate, en bool) string {
	lo, hi := ps[0].Expected, ps[0].Expected
	for _, p := range ps[1:] {
		lo, hi = min(lo, p.Expected), max(hi, p.Expected)
	}
	r := fmt.Sprintf("%.2g", lo)
	if fmt.Sprintf("%.2g", hi) != r {
		r += "–" + fmt.Sprintf("%.2g", hi)
	}
	if en {
		return fmt.Sprintf(": expected chance matches among students of the school and stage %s (≥ %g), both kept", r, ingest.ChanceMatchLimit)
	}
	return fmt.Sprintf("：同校同学段学生偶然如此相同的期望次数 %s（≥ %g），均保留", r, ingest.ChanceMatchLimit)
}

// writeDirAtomic writes the files into a fresh temporary folder beside dir and then puts it in dir's
// place, so a failed run never leaves a half-written report over a previous good one. It returns the
// file names written, sorted. An existing dir is replaced only when jianfu made it: it holds the
// manifest (ingest.ManifestName) and nothing the manifest does not list; anything else (a file, a
// folder with the user's own files) is refused, so jianfu never deletes what it did not write.
func writeDirAtomic(dir string, files map[string]func(io.Writer) error) ([]string, error) {
	if err := replaceable(dir); err != nil {
		return nil, err
	}
	files[ingest.ManifestName] = func(w io.Writer) error { return writeManifest(w, files) }
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".jianfu-report-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var buf bytes.Buffer
		if err := files[n](&buf); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		p := filepath.Join(tmp, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return nil, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return slices.DeleteFunc(names, func(n string) bool { return n == ingest.ManifestName }), nil // bookkeeping, not a result
}

// manifestHeader is the first line of the manifest jianfu writes into a report folder.
const manifestHeader = "# jianfu 报告文件夹：以下文件由 jianfu 写出，重新生成报告时会被替换 (files written by jianfu)"

// writeManifest lists the files of a report folder, one per line, after manifestHeader.
func writeManifest(w io.Writer, files map[string]func(io.Writer) error) error {
	names := make([]string, 0, len(files))
	for n := range files {
		if n != ingest.ManifestName {
			names = append(names, filepath.ToSlash(n))
		}
	}
	sort.Strings(names)
	_, err := io.WriteString(w, manifestHeader+"\n"+strings.Join(names, "\n")+"\n")
	return err
}

// errOutNotOurs refuses an output path that holds something jianfu did not write.
func errOutNotOurs(zh, en string) error {
	return &usageError{&plainError{msg: zh, en: en}}
}

// replaceable reports (as an error) why dir may not be replaced by a new report folder: it is a
// file, or a folder with files jianfu did not write. A missing or empty folder may be used.
func replaceable(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("输出文件夹 %s 无法访问：%w", dir, ingest.PlainFSError(err))
	case !fi.IsDir():
		return errOutNotOurs(fmt.Sprintf("输出位置 %s 已存在，而且是一个文件（不是 jianfu 的报告文件夹）；为免覆盖它，请用 -o 指定一个新的文件夹名", dir),
			fmt.Sprintf("%s exists and is a file, not a jianfu report folder; so as not to overwrite it, give a new folder name with -o", dir))
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("输出文件夹 %s 无法读取：%w", dir, ingest.PlainFSError(err))
	}
	if len(ents) == 0 {
		return nil
	}
	listed, err := readManifest(filepath.Join(dir, ingest.ManifestName))
	if err != nil {
		return errOutNotOurs(fmt.Sprintf("文件夹 %s 已存在，里面有文件，但不是 jianfu 生成的报告文件夹（没有 %s）；为免覆盖或删除其中的文件，请用 -o 指定一个新的文件夹名", dir, ingest.ManifestName),
			fmt.Sprintf("the folder %s exists and holds files, but jianfu did not make it (it has no %s); so as not to overwrite or delete them, give a new folder name with -o", dir, ingest.ManifestName))
	}
	var foreign []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			for n := range listed {
				if strings.HasPrefix(n, rel+"/") {
					return nil
				}
			}
		} else if listed[rel] || rel == ingest.ManifestName {
			return nil
		}
		foreign = append(foreign, rel)
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	if len(foreign) > 0 {
		more := ""
		if len(foreign) > 3 {
			more = fmt.Sprintf(" 等 %d 个", len(foreign))
			foreign = foreign[:3]
		}
		return errOutNotOurs(fmt.Sprintf("报告文件夹 %s 中有不是 jianfu 写的文件（%s%s）；为免删除它们，请先把它们移走，或用 -o 指定一个新的文件夹名", dir, strings.Join(foreign, "、"), more),
			fmt.Sprintf("the report folder %s holds files jianfu did not write (%s%s); so as not to delete them, move them away or give a new folder name with -o", dir, strings.Join(foreign, ", "), strings.ReplaceAll(strings.ReplaceAll(more, " 等 ", " and "), " 个", " more")))
	}
	return nil
}

// readManifest returns the files a manifest lists; an error when there is none or it is not jianfu's.
func readManifest(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) == 0 || lines[0] != manifestHeader {
		return nil, errors.New("not a jianfu manifest")
	}
	listed := map[string]bool{}
	for _, l := range lines[1:] {
		if l != "" {
			listed[l] = true
		}
	}
	return listed, nil
}

// designOptions checks the design flags and turns them into analysis options.
func (o *ReportOptions) designOptions() (analysis.DesignOptions, error) {
	var d analysis.DesignOptions
	switch o.Design {
	case "", "cluster":
		d.Method = analysis.DesignCluster
	case "srs":
		d.Method = analysis.DesignSRS
	default:
		return d, usagef("--design 应为 cluster 或 srs，不是 %q", o.Design)
	}
	switch o.Weight {
	case "", "none":
	case "enrolment", "enrollment":
		d.Weight = true
	default:
		return d, usagef("--weight 应为 enrolment，不是 %q", o.Weight)
	}
	if d.Weight && d.Method == analysis.DesignSRS {
		return d, usagef("--weight enrolment 需要按班级整群的设计，不能与 --design srs 同用")
	}
	switch o.Reliability {
	case "":
	case "nchs":
		d.Reliability = analysis.ReliabilityNCHS
	default:
		return d, usagef("--reliability 应为 nchs，不是 %q", o.Reliability)
	}
	d.FPC = o.FPC
	return d, nil
}

// readTimetables reads --timetables, when given, beside the timetables found among the inputs.
func (o *ReportOptions) readTimetables(res *ingest.Result, profile *surveys.Profile) error {
	if len(o.Timetables) == 0 {
		return nil
	}
	if profile.CoursePlan == nil {
		return usagef("监测标准 %s 没有课程方案（course_plan），无法检查课表", profile.Name)
	}
	sources, err := ingest.Expand(o.Timetables)
	if err != nil {
		return &ingest.FileError{File: "", Err: err}
	}
	tr, err := ingest.ReadTimetables(sources, ingest.TimetableOptions{Plan: profile.CoursePlan, Schools: res.Schools, Encoding: o.Input.Encoding})
	if err != nil {
		return err
	}
	if res.Timetables == nil {
		res.Timetables = tr
		return nil
	}
	res.Timetables.Merge(tr)
	return nil
}

// maxSchoolsWithoutRoster is the most distinct school names a report draws without a roster: a
// county has a few hundred schools, so more names are typing variants a roster would resolve.
const maxSchoolsWithoutRoster = 500

// tooManySchools refuses a report with more school names than any county has, and says what to do.
func tooManySchools(n int) error {
	return &usageError{&plainError{msg: fmt.Sprintf("答卷中有 %d 个不同的学校名称，又没有提供学校名册，报告无法逐校画出：请用 --roster 指定学校名册（名册的“别名”列可收录各种写法），或先用 jianfu check 查看这些名称", n),
		en: fmt.Sprintf("the answers name %d different schools and no roster was given, too many to report school by school: give the school roster with --roster (its 别名 column takes other spellings), or look at the names with jianfu check", n)}}
}
