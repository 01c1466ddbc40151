package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// ProjectFile is the name of a term project file in its folder.
const ProjectFile = "jianfu.yaml"

// projectKey is a top-level key of jianfu.yaml: the `jianfu report` flag it sets, and whether its
// value is a path (relative to the project folder) or a list.
type projectKey struct {
	key, flag string
	path      bool
	list      bool
	zh, en    string // the comment init writes above it
}

// projectKeys are the top-level keys of jianfu.yaml, in the order init writes them. A key whose flag
// the report command does not have (in this version) is refused like an unknown key.
var projectKeys = []projectKey{
	{key: "county", flag: "county", zh: "县（区）名称，写入报告标题", en: "county (district) name, used in the report title"},
	{key: "office", flag: "office", zh: "报告单位（教研室）", en: "the office that issues the report"},
	{key: "term", flag: "term", zh: "学期", en: "term"},
	{key: "profile", flag: "profile", path: true, zh: "监测标准：内置名称，或本地标准的 YAML 文件（jianfu profile show national-2021 > 本县标准.yaml 可导出一份来改）", en: "standard profile: a built-in name or a YAML file (jianfu profile show national-2021 prints one to start from)"},
	{key: "roster", flag: "roster", path: true, zh: "学校名册（学校代码、学校名称、学段、城乡、别名、各年级人数）", en: "school roster"},
	{key: "inputs", list: true, path: true, zh: "问卷导出文件或文件夹；“.”是本文件夹（名册、本文件和 jianfu 的输出不会当作问卷读）", en: "questionnaire exports, files or folders; \".\" is this folder (the roster, this file and jianfu's outputs are not read as questionnaires)"},
	{key: "timetables", flag: "timetables", list: true, path: true, zh: "课表文件或文件夹（课程设置审计）", en: "timetables (curriculum audit)"},
	{key: "previous", flag: "previous", list: true, path: true, zh: "往期结果 results.json，用于学期对比；可写多个", en: "earlier terms' results.json, for the term comparison"},
	{key: "output", flag: "output", path: true, zh: "报告输出文件夹", en: "report folder"},
	{key: "title", flag: "title", zh: "报告标题（留空则自动生成）", en: "report title (empty: automatic)"},
	{key: "lang", flag: "lang", zh: "语言：zh 或 en", en: "language: zh or en"},
	{key: "options", zh: "其他选项，与 jianfu report 的同名选项相同", en: "other options, as the jianfu report flags of the same name"},
}

// notOptions are report flags that are not set under options: (they are top-level keys, or make no
// sense in a file).
var notOptions = map[string]bool{"config": true, "help": true, "debug": true}

// Project is a parsed jianfu.yaml: values by top-level key (lists for list keys), options by flag
// name, and where it was read from.
type Project struct {
	Path    string
	Dir     string
	Values  map[string][]string // top-level key → value(s), paths already resolved
	Options []projectOption     // in file order
}

type projectOption struct {
	flag   string
	values []string
	line   int
}

// ProjectError is a mistake in a project file, located by line.
type ProjectError struct {
	File string
	Line int
	Key  string
	Msg  string // the sentence, in the user's language
}

func (e *ProjectError) Error() string { return e.Msg }

// findProject returns the project file to use: -c FILE when given, else jianfu.yaml in the current
// folder when there is one, else "".
func findProject(config string) (string, error) {
	if config != "" {
		if _, err := os.Stat(config); err != nil {
			return "", usagef("找不到项目文件 %s", config)
		}
		return config, nil
	}
	if _, err := os.Stat(ProjectFile); err == nil {
		return ProjectFile, nil
	}
	return "", nil
}

// loadProject reads and checks a project file against the flags of cmd: every key must be known
// (the message names the nearest valid one), every option a flag of cmd.
func loadProject(path string, cmd *cobra.Command, lang string) (*Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("读不了项目文件 %s：%v", path, err)
	}
	t := func(zh, en string) string {
		if lang == "en" {
			return en
		}
		return zh
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ProjectError{File: path, Msg: fmt.Sprintf(t("项目文件 %s 的格式有误：%v", "project file %s is not valid YAML: %v"), path, err)}
	}
	p := &Project{Path: path, Dir: filepath.Dir(path), Values: map[string][]string{}}
	if len(doc.Content) == 0 {
		return p, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ProjectError{File: path, Line: root.Line, Msg: fmt.Sprintf(t("项目文件 %s 应是“键: 值”的列表", "project file %s should be a list of key: value"), path)}
	}
	valid := projectKeyNames(cmd)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		pk, ok := lookupKey(k.Value, cmd)
		if !ok {
			return nil, unknownKey(path, k, valid, "", t)
		}
		if pk.key == "options" {
			if err := p.readOptions(v, cmd, t); err != nil {
				return nil, err
			}
			continue
		}
		vals, err := scalars(v, pk.list)
		if err != nil {
			return nil, &ProjectError{File: path, Line: v.Line, Key: k.Value, Msg: fmt.Sprintf(t("项目文件 %s 第%d行：%s 的值%s", "project file %s line %d: the value of %s %s"), path, v.Line, k.Value, t(err.Error(), englishValueError(err)))}
		}
		if pk.path {
			for j, x := range vals {
				if x != "" && !filepath.IsAbs(x) && (pk.key != "profile" || strings.ContainsAny(x, `/\.`)) {
					vals[j] = filepath.Join(p.Dir, x)
				}
			}
		}
		p.Values[pk.key] = vals
	}
	return p, nil
}

var errNeedScalar = errors.New("应是一个值（文字或数字）")
var errNeedList = errors.New("应是一个值或一个列表")

func englishValueError(err error) string {
	if errors.Is(err, errNeedScalar) {
		return "should be a single value"
	}
	return "should be a value or a list"
}

// scalars returns a node's values: one scalar, or a sequence of scalars when list is allowed.
func scalars(v *yaml.Node, list bool) ([]string, error) {
	switch {
	case v.Kind == yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, nil
		}
		return []string{v.Value}, nil
	case v.Kind == yaml.SequenceNode && list:
		var out []string
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, errNeedList
			}
			out = append(out, c.Value)
		}
		return out, nil
	case list:
		return nil, errNeedList
	}
	return nil, errNeedScalar
}

func (p *Project) readOptions(v *yaml.Node, cmd *cobra.Command, t func(zh, en string) string) error {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return &ProjectError{File: p.Path, Line: v.Line, Key: "options", Msg: fmt.Sprintf(t("项目文件 %s 第%d行：options 下应是“选项: 值”的列表", "project file %s line %d: options should be a list of option: value"), p.Path, v.Line)}
	}
	valid := optionNames(cmd)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		name := strings.ReplaceAll(k.Value, "_", "-")
		if !isOption(name, cmd) {
			return unknownKey(p.Path, k, valid, "options.", t)
		}
		vals, err := scalars(val, true)
		if err != nil {
			return &ProjectError{File: p.Path, Line: val.Line, Key: k.Value, Msg: fmt.Sprintf(t("项目文件 %s 第%d行：%s 的值%s", "project file %s line %d: the value of %s %s"), p.Path, val.Line, k.Value, t(err.Error(), englishValueError(err)))}
		}
		p.Options = append(p.Options, projectOption{flag: name, values: vals, line: val.Line})
	}
	return nil
}

// isOption reports whether a flag of cmd may be set under options:.
func isOption(flag string, cmd *cobra.Command) bool {
	if notOptions[flag] {
		return false
	}
	for _, pk := range projectKeys {
		if pk.flag == flag {
			return false
		}
	}
	return lookupFlag(cmd, flag) != nil
}

// lookupFlag finds a flag of cmd, its parents' persistent flags (--lang) included.
func lookupFlag(cmd *cobra.Command, name string) *pflag.Flag {
	if f := cmd.Flags().Lookup(name); f != nil {
		return f
	}
	return cmd.InheritedFlags().Lookup(name)
}

// optionNames are the option keys (flag names with _ for -), sorted.
func optionNames(cmd *cobra.Command) []string {
	var out []string
	visit := func(f *pflag.Flag) {
		if isOption(f.Name, cmd) && !f.Hidden {
			out = append(out, strings.ReplaceAll(f.Name, "-", "_"))
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	sort.Strings(out)
	return out
}

// lookupKey returns the top-level key, when it is one this version of the report command supports.
func lookupKey(key string, cmd *cobra.Command) (projectKey, bool) {
	for _, pk := range projectKeys {
		if pk.key == key {
			if pk.flag != "" && lookupFlag(cmd, pk.flag) == nil {
				return pk, false
			}
			return pk, true
		}
	}
	return projectKey{}, false
}

func projectKeyNames(cmd *cobra.Command) []string {
	var out []string
	for _, pk := range projectKeys {
		if _, ok := lookupKey(pk.key, cmd); ok {
			out = append(out, pk.key)
		}
	}
	return out
}

// unknownKey is the error for a key that is not valid: it names the key, its line, and the nearest
// valid key.
func unknownKey(path string, k *yaml.Node, valid []string, prefix string, t func(zh, en string) string) error {
	near := nearest(k.Value, valid)
	return &ProjectError{File: path, Line: k.Line, Key: k.Value, Msg: fmt.Sprintf(t("项目文件 %s 第%d行：没有“%s%s”这一项，是不是“%s%s”？可用的有：%s",
		"project file %s line %d: there is no key “%s%s”; did you mean “%s%s”? Valid keys: %s"), path, k.Line, prefix, k.Value, prefix, near, strings.Join(valid, t("、", ", ")))}
}

// nearest returns the candidate with the smallest edit distance to s (case-insensitive, _ and -
// alike); of equals, one that s starts or is the start of, else the first.
func nearest(s string, candidates []string) string {
	norm := func(x string) string { return strings.ReplaceAll(strings.ToLower(x), "-", "_") }
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := 2 * editDistance(norm(s), norm(c))
		if strings.HasPrefix(norm(c), norm(s)) || strings.HasPrefix(norm(s), norm(c)) {
			d-- // a shortened or lengthened key wins a tie
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// apply sets every flag of cmd the command line left unset from the project, and returns the input
// paths: args when given, else the project's inputs (default: the project's folder, read as a
// working folder: its roster and jianfu's own files are not read as questionnaires).
func (p *Project) apply(cmd *cobra.Command, args []string) ([]string, error) {
	set := func(flag string, vals []string, line int) error {
		f := lookupFlag(cmd, flag)
		if f == nil || f.Changed {
			return nil
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			return sv.Replace(vals)
		}
		if len(vals) > 1 {
			return usagef("项目文件 %s：%s 只能有一个值", p.Path, flag)
		}
		v := ""
		if len(vals) == 1 {
			v = vals[0]
		}
		if err := f.Value.Set(v); err != nil {
			return usagef("项目文件 %s 第%d行：%s 的值 %q 无效（%v）", p.Path, line, flag, v, err)
		}
		return nil
	}
	for _, pk := range projectKeys {
		vals, ok := p.Values[pk.key]
		if !ok || pk.flag == "" {
			continue
		}
		if err := set(pk.flag, vals, 0); err != nil {
			return nil, err
		}
	}
	for _, o := range p.Options {
		if err := set(o.flag, o.values, o.line); err != nil {
			return nil, err
		}
	}
	if len(args) > 0 {
		return args, nil
	}
	if inputs, ok := p.Values["inputs"]; ok {
		return inputs, nil
	}
	return []string{p.Dir}, nil
}

// writeProject renders a commented jianfu.yaml for cmd's flags with the given values (top-level key →
// values, relative paths as written).
func writeProject(cmd *cobra.Command, values map[string][]string, comments map[string]string, lang string) []byte {
	var b bytes.Buffer
	t := func(zh, en string) string {
		if lang == "en" {
			return en
		}
		return zh
	}
	b.WriteString(t("# jianfu 学期项目文件。在本文件夹运行 jianfu report 即可生成本学期的监测报告（或 jianfu report -c 本文件）。\n",
		"# jianfu term project. Run jianfu report in this folder to make the term's report (or jianfu report -c this file).\n"))
	b.WriteString(t("# 命令行上的选项优先于本文件。路径都相对于本文件所在的文件夹。\n",
		"# Flags on the command line override this file. Paths are relative to this file's folder.\n"))
	b.WriteString(t("# 下学期：复制整个文件夹，换上新的问卷导出文件，改 term（并把本学期的 results.json 加到 previous），再运行。\n\n",
		"# Next term: copy the folder, replace the exports, change term (and add this term's results.json to previous), run.\n\n"))
	for _, pk := range projectKeys {
		if _, ok := lookupKey(pk.key, cmd); !ok {
			continue
		}
		b.WriteString("# " + t(pk.zh, pk.en))
		if c := comments[pk.key]; c != "" {
			b.WriteString(t("（", " (") + c + t("）", ")"))
		}
		b.WriteString("\n")
		if pk.key == "options" {
			b.WriteString("# " + t("可用：", "available: ") + strings.Join(optionNames(cmd), ", ") + "\n")
			b.WriteString(t("# 例如：\n#   keep_fast: true\n#   svg: true\n", "# for example:\n#   keep_fast: true\n#   svg: true\n"))
			b.WriteString("options: {}\n")
			continue
		}
		vals := values[pk.key]
		if pk.list {
			if len(vals) == 0 {
				b.WriteString(pk.key + ": []\n\n")
				continue
			}
			b.WriteString(pk.key + ":\n")
			for _, v := range vals {
				b.WriteString("  - " + yamlScalar(v) + "\n")
			}
			b.WriteString("\n")
			continue
		}
		v := ""
		if len(vals) > 0 {
			v = vals[0]
		}
		b.WriteString(pk.key + ": " + yamlScalar(v) + "\n\n")
	}
	return b.Bytes()
}

// yamlScalar writes s as a YAML scalar, quoted when it needs to be.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// useProject finds and applies the project file for a command: it returns the input paths (args, or
// the project's inputs) and says on errOut which project file it used.
func useProject(cmd *cobra.Command, ios *IOStreams, config string, args []string, lang string) ([]string, error) {
	path, err := findProject(config)
	if err != nil || path == "" {
		return args, err
	}
	p, err := loadProject(path, cmd, lang)
	if err != nil {
		return nil, &usageError{err}
	}
	paths, err := p.apply(cmd, args)
	if err != nil {
		return nil, err
	}
	if lang == "en" {
		fmt.Fprintf(ios.ErrOut, "Using the project file %s.\n", path)
	} else {
		fmt.Fprintf(ios.ErrOut, "使用项目文件 %s。\n", path)
	}
	return paths, nil
}

// outputAlias lets --out (the old name) mean --output, the name -o has in every command.
func outputAlias(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if name == "out" {
		name = "output"
	}
	return pflag.NormalizedName(name)
}

// parseSchools splits --school values into one school for a single file (NAME) and a mapping by file
// (FILE=NAME, the file as given or its base name).
func parseSchools(vals []string) (string, map[string]string, error) {
	one := ""
	var byFile map[string]string
	for _, v := range vals {
		file, name, ok := strings.Cut(v, "=")
		if !ok {
			if one != "" && one != v {
				return "", nil, usagef("--school 学校名称 只能给一次（“%s”和“%s”）；多个文件请用 --school 文件名=学校名称", one, v)
			}
			one = strings.TrimSpace(v)
			continue
		}
		file, name = strings.TrimSpace(file), strings.TrimSpace(name)
		if file == "" || name == "" {
			return "", nil, usagef("--school %q 应写成 文件名=学校名称", v)
		}
		if byFile == nil {
			byFile = map[string]string{}
		}
		byFile[file] = name
	}
	return one, byFile, nil
}
