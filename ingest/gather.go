package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// A working folder holds, beside the exports, the roster, the term's project file, notes, last
// run's rejects.csv and report folder. Gather sorts a folder's entries into questionnaires to read,
// a roster, and files skipped with the reason; Read then skips (rather than fails on) a file found
// in a folder whose header is not a questionnaire's. A file named on the command line is always read,
// and its problems are errors.

// ManifestName is the file jianfu writes into every report folder it makes, listing what it wrote.
// A folder holding it is jianfu's output: never read as input, and the only kind of existing folder
// jianfu replaces.
const ManifestName = ".jianfu-manifest"

// Skipped is a file that was not read, and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// En is the reason in English, for --lang en; "" when Err carries it.
	En string `json:"reason_en,omitempty"`
	// Own is a file jianfu itself uses or wrote (the project file, a rejects.csv, a report folder):
	// not read, but nothing the user need look at.
	Own bool `json:"own,omitempty"`
	// Err is the error that made a file found in a folder unreadable, nil for the other reasons.
	Err error `json:"-"`
}

// Inputs are the files to read, sorted out of the paths a user gave.
type Inputs struct {
	Sources []Source  // questionnaires: files named, and candidates found in folders (Found set)
	Roster  *Source   // a roster recognised in a folder, nil when none
	Skipped []Skipped // files in folders that are not read, with the reason
}

// tableExts are the endings of files that may hold a table.
var tableExts = map[string]bool{".csv": true, ".txt": true, ".tsv": true, ".xlsx": true, ".xlsm": true, ".xls": true}

// Gather expands paths (files and folders) into the inputs to read. The same file named twice, or
// a folder and a file in it, is read once. With roster set (--roster), a roster found in a folder
// is skipped. o gives the encoding and limits used to look at headers.
func Gather(paths []string, roster string, o ReadOptions) (*Inputs, error) {
	in := &Inputs{}
	var seen []os.FileInfo
	dup := func(fi os.FileInfo) bool {
		for _, s := range seen {
			if os.SameFile(s, fi) {
				return true
			}
		}
		seen = append(seen, fi)
		return false
	}
	if roster != "" {
		if fi, err := os.Stat(roster); err == nil {
			seen = append(seen, fi)
		}
	}
	var folders []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &FileError{File: p, Err: plainFSError(err)}
		}
		if fi.IsDir() {
			folders = append(folders, p)
			continue
		}
		if !fi.Mode().IsRegular() {
			return nil, &FileError{File: p, Err: ErrNotRegular}
		}
		if !dup(fi) {
			in.Sources = append(in.Sources, FileSource(p))
		}
	}
	for _, dir := range folders {
		if err := in.folder(dir, roster != "", dup, o); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// ProjectFileName is the name of jianfu's term project file: a folder read skips it as jianfu's own.
const ProjectFileName = "jianfu.yaml"

// ErrNotRegular is a path that is a pipe, device or socket rather than a file.
var ErrNotRegular = errors.New("不是普通文件（是管道、设备或套接字），没有打开：请指定问卷文件或文件夹")

// ErrNoInputs is a folder with nothing to read.
var ErrNoInputs = errors.New("文件夹中没有可读的问卷文件（.xlsx、.xls、.csv、.txt）")

func (in *Inputs) folder(dir string, rosterGiven bool, dup func(os.FileInfo) bool, o ReadOptions) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return &FileError{File: dir, Err: plainFSError(err)}
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err == nil {
		return &FileError{File: dir, Err: errors.New("这是 jianfu 生成的报告文件夹，不是问卷数据：请指定放问卷导出文件的文件夹")}
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	found := 0
	for _, e := range ents {
		name := e.Name()
		p := filepath.Join(dir, name)
		skip := func(reason, en string) { in.Skipped = append(in.Skipped, Skipped{Path: p, Reason: reason, En: en}) }
		own := func(reason, en string) {
			in.Skipped = append(in.Skipped, Skipped{Path: p, Reason: reason, En: en, Own: true})
		}
		fi, err := os.Stat(p) // follows a link to what it names
		switch {
		case err != nil:
			in.Skipped = append(in.Skipped, Skipped{Path: p, Reason: "无法读取（" + plainFSError(err).Error() + "）", Err: err})
			continue
		case fi.IsDir():
			if _, err := os.Stat(filepath.Join(p, ManifestName)); err == nil {
				own("jianfu 生成的报告文件夹", "a report folder jianfu wrote")
			} else {
				skip("子文件夹（不读取子文件夹中的文件）", "a subfolder (files in subfolders are not read)")
			}
			continue
		case !fi.Mode().IsRegular():
			skip("不是普通文件（管道、设备或套接字），没有打开", "not a regular file (a pipe, device or socket), so it was not opened")
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		switch {
		case strings.HasPrefix(name, "~$"):
			skip("Excel 打开文件时留下的临时文件", "a temporary file Excel leaves while a file is open")
			continue
		case strings.HasPrefix(name, "."):
			skip("隐藏文件", "a hidden file")
			continue
		case name == ProjectFileName:
			own("jianfu 的项目文件", "jianfu's project file")
			continue
		case ext == ".yaml" || ext == ".yml":
			skip("项目文件或监测标准（YAML），不是问卷数据", "a project file or standard profile (YAML), not questionnaire data")
			continue
		case !tableExts[ext]:
			skip(fmt.Sprintf("不是表格文件（%s），如备注、文档或图片", strings.TrimPrefix(ext, ".")),
				fmt.Sprintf("not a spreadsheet (%s), such as a note, document or picture", strings.TrimPrefix(ext, ".")))
			continue
		}
		if dup(fi) {
			continue
		}
		switch kind, _ := peekKind(FileSource(p), o); kind {
		case kindRejects:
			own("jianfu 上次运行写出的剔除记录（rejects.csv）", "the rejected rows jianfu wrote last time (rejects.csv)")
			continue
		case kindRoster:
			switch {
			case rosterGiven:
				skip("学校名册；已用 --roster 指定了名册，这个没有读", "a school roster; --roster names another, so this one was not read")
			case in.Roster != nil:
				skip("又一个学校名册；已使用 "+in.Roster.Name, "another school roster; "+in.Roster.Name+" is used")
			default:
				s := FileSource(p)
				in.Roster = &s
			}
			continue
		}
		s := FileSource(p)
		s.Found = true
		in.Sources = append(in.Sources, s)
		found++
	}
	if found == 0 && in.Roster == nil {
		return &FileError{File: dir, Err: ErrNoInputs}
	}
	return nil
}

type fileKind int

const (
	kindOther fileKind = iota
	kindRoster
	kindRejects
)

// peekKind looks at the first rows of a file: a roster (学校名称 and 学段 columns) or jianfu's own
// rejects.csv; anything else, readable or not, is left to Read.
func peekKind(src Source, o ReadOptions) (fileKind, error) {
	rs, err := openSource(src, openOptions{encoding: o.Encoding, limits: o.Limits.withDefaults()})
	if err != nil {
		return kindOther, err
	}
	defer rs.Close()
	for range maxTitleRows + 1 {
		cells, _, err := rs.Next()
		if err == io.EOF || err != nil {
			return kindOther, err
		}
		switch {
		case slices.Equal(cells, RejectsHeader):
			return kindRejects, nil
		case isRoster(cells):
			return kindRoster, nil
		}
	}
	return kindOther, nil
}

// beforeHeader marks an error met before a file's header was recognised as a questionnaire's:
// opening the file, or finding its header. Only such an error may skip a file found in a folder.
type beforeHeader struct{ err error }

func (e *beforeHeader) Error() string { return e.err.Error() }
func (e *beforeHeader) Unwrap() error { return e.err }

// skippable reports whether an error reading a file found in a folder means the file is not a
// questionnaire (it is then skipped and named): its header is not a questionnaire's, or it is not a
// table at all. A table that is damaged, encrypted or too large stays an error: it may well be an
// export, and a report without it would be short without a word.
func skippable(err error) bool {
	var bh *beforeHeader
	if !errors.As(err, &bh) {
		return false
	}
	var he *HeaderError
	if errors.As(err, &he) {
		return true
	}
	for _, e := range []error{ErrNotText, ErrNotWorkbook, ErrNotExcel, ErrEmptyFile, ErrHTML} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// skipped records a file found in a folder as skipped when err says it is not a questionnaire.
func (r *reader) skipped(src Source, err error) bool {
	if !src.Found || !skippable(err) {
		return false
	}
	sk := Skipped{Path: src.Name, Reason: err.Error(), Err: err}
	var fe *FileError
	var he *HeaderError
	switch {
	case errors.As(err, &he):
		sk.Reason = "不是问卷：" + he.Reason
		if he.En != "" {
			sk.En, sk.Err = "not a questionnaire: "+he.En, nil
		}
	case errors.As(err, &fe):
		sk.Reason = "无法读取：" + fe.Err.Error()
	}
	r.res.Skipped = append(r.res.Skipped, sk)
	return true
}
