package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
	"github.com/spf13/cobra"
)

// InitOptions are the options of `jianfu init`.
type InitOptions struct {
	IO   *IOStreams
	Dir  string
	Lang string
	// report is a report command, whose flags say which project keys and options exist.
	report *cobra.Command
}

func newInitCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &InitOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "init [文件夹]",
		Short: "在文件夹中生成学期项目文件 jianfu.yaml（之后在该文件夹运行 jianfu report 即可）",
		Long: `在文件夹（默认当前文件夹）中写出带注释的 jianfu.yaml：县名、报告单位、学期、监测标准、
学校名册、问卷导出文件、往期结果和输出文件夹。能从文件夹里推断的都自动填好（名册、问卷文件、
按提交时间推断的学期、上级文件夹中往期的 results.json），请打开核对。已有 jianfu.yaml 时不覆盖。`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = "."
			if len(args) == 1 {
				o.Dir = args[0]
			}
			o.Lang = g.Lang
			o.report, _, _ = cmd.Root().Find([]string{"report"})
			return initRun(o)
		},
	}
	return cmd
}

// maxArgs is cobra.MaximumNArgs returning a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return &usageError{fmt.Errorf("%s 最多需要 %d 个参数，收到 %d 个", cmd.Name(), n, len(args))}
		}
		return nil
	}
}

// projectGuess is what init could tell from the folder.
type projectGuess struct {
	values   map[string][]string
	comments map[string]string
	said     []string // lines for the screen
}

func initRun(o *InitOptions) error {
	st, err := os.Stat(o.Dir)
	if err != nil || !st.IsDir() {
		return usageZhEn(o.Dir+" 不是一个文件夹", o.Dir+" is not a folder")
	}
	path := filepath.Join(o.Dir, ProjectFile)
	if _, err := os.Stat(path); err == nil {
		return usageZhEn(path+" 已存在；jianfu 不覆盖它。要重新生成，请先把它改名或删除",
			path+" exists; jianfu does not overwrite it. To make a new one, rename or delete it first")
	}
	g := guessProject(o.Dir, o.Lang)
	data := writeProject(o.report, g.values, g.comments, o.Lang)
	if err := writeNewFile(path, data); err != nil {
		return err
	}
	fmt.Fprintln(o.IO.Out, path)
	for _, l := range g.said {
		fmt.Fprintln(o.IO.ErrOut, l)
	}
	fmt.Fprintln(o.IO.ErrOut, nextStep(o.Dir, path, o.Lang))
	return nil
}

// nextStep tells what to do after init: check the project file, then run jianfu report in the
// project's folder, named by its full path (not “.” or “..”), or “here” when it is the current one.
func nextStep(dir, path, lang string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	here := filepath.Clean(dir) == "."
	switch {
	case lang == "en" && here:
		return fmt.Sprintf("Check %s, then run jianfu report in this folder.", path)
	case lang == "en":
		return fmt.Sprintf("Check %s, then run jianfu report in the folder %s.", path, abs)
	case here:
		return fmt.Sprintf("请打开 %s 核对，然后在本文件夹中运行 jianfu report。", path)
	}
	return fmt.Sprintf("请打开 %s 核对，然后在文件夹 %s 中运行 jianfu report。", path, abs)
}

// guessProject looks at the folder: the roster (a table with 学校名称 and 学段 columns), the
// questionnaire exports (the other tables), the term (from the latest submission date), the county
// (from the roster's school names) and earlier terms (../*/jianfu-report/results.json).
func guessProject(dir, lang string) projectGuess {
	t := func(zh, en string) string {
		if lang == "en" {
			return en
		}
		return zh
	}
	g := projectGuess{values: map[string][]string{
		"profile": {surveys.DefaultProfile}, "inputs": {"."}, "output": {"jianfu-report"}, "lang": {lang},
	}, comments: map[string]string{}}
	srcs, _ := ingest.Expand([]string{dir})
	var roster *surveys.Roster
	var exports []ingest.Source
	for _, s := range srcs {
		if roster == nil {
			if r, err := ingest.ReadRoster(s, ingest.ReadOptions{}); err == nil && len(r.Schools) > 0 {
				roster = r
				g.values["roster"] = []string{filepath.Base(s.Name)}
				g.said = append(g.said, fmt.Sprintf(t("学校名册：%s（%d所学校）", "roster: %s (%d schools)"), filepath.Base(s.Name), len(r.Schools)))
				continue
			}
		}
		exports = append(exports, s)
	}
	if roster == nil {
		g.comments["roster"] = t("文件夹中没有找到名册；没有名册时，学校按答卷中的名称统计，写法不同的同一学校可能被分开", "no roster found in the folder")
		g.said = append(g.said, t("没有找到学校名册（有“学校名称”“学段”列的表）。可用 jianfu roster --from 问卷文件 生成一份草稿。", "no roster found (a table with 学校名称 and 学段 columns); jianfu roster --from FILES drafts one."))
	} else if c := countyOf(roster); c != "" {
		g.values["county"] = []string{c}
		g.values["office"] = []string{c + "教研室"}
		g.comments["county"] = t("按名册中的学校名称推断，请核对", "guessed from the roster's school names")
		g.comments["office"] = t("推断，请核对", "a guess: check it")
	}
	if term := guessTermFrom(exports, roster); term != "" {
		g.values["term"] = []string{term}
		g.comments["term"] = t("按问卷提交时间推断，请核对", "guessed from the submission dates")
		g.said = append(g.said, fmt.Sprintf(t("数据文件（问卷、课表等）%d个，学期推断为%s", "%d data files (questionnaires, timetables…); term guessed as %s"), len(exports), term))
	} else {
		g.said = append(g.said, fmt.Sprintf(t("数据文件%d个；没能推断学期，请在 term 中写明", "%d data files; the term could not be guessed: write it under term"), len(exports)))
	}
	if prev := earlierResults(dir); len(prev) > 0 {
		g.values["previous"] = prev
		g.said = append(g.said, fmt.Sprintf(t("往期结果：%s", "earlier terms: %s"), strings.Join(prev, ", ")))
	}
	return g
}

// countyOf returns the county named at the start of every school name (清溪县 of 清溪县第一中学),
// or "".
func countyOf(r *surveys.Roster) string {
	prefix := []rune(r.Schools[0].Name)
	for _, s := range r.Schools[1:] {
		n := []rune(s.Name)
		i := 0
		for i < len(prefix) && i < len(n) && prefix[i] == n[i] {
			i++
		}
		prefix = prefix[:i]
	}
	for i := len(prefix) - 1; i > 0; i-- {
		if strings.ContainsRune("县区市旗", prefix[i]) {
			return string(prefix[:i+1])
		}
	}
	return ""
}

// guessTermFrom reads the exports and returns the term their latest submission date falls in, or
// "" when they cannot be read or have no dates.
func guessTermFrom(exports []ingest.Source, roster *surveys.Roster) string {
	if len(exports) == 0 {
		return ""
	}
	res, err := ingest.Read(exports, ingest.ReadOptions{Roster: roster, Progress: nil})
	if err != nil || len(res.Datasets) == 0 {
		return ""
	}
	p, _, err := surveys.LoadProfile(surveys.DefaultProfile, surveys.Builtins()...)
	if err != nil {
		return ""
	}
	r, err := analysis.Analyze(analysis.Input{Datasets: res.Datasets, Schools: res.Schools, Profile: p, RosterGiven: res.RosterGiven})
	if err != nil {
		return ""
	}
	if t := guessTerm(r); t != "本学期" {
		return t
	}
	return ""
}

// earlierResults returns the results.json files of sibling term folders (../*/jianfu-report/), as
// paths relative to dir, sorted.
func earlierResults(dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), "*", "jianfu-report", "results.json"))
	var out []string
	for _, m := range matches {
		if strings.HasPrefix(m, abs+string(filepath.Separator)) {
			continue
		}
		if rel, err := filepath.Rel(abs, m); err == nil {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	sort.Strings(out)
	return out
}
