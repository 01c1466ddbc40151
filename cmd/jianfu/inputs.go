package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// inputOptions are the flags every command that reads questionnaires shares.
type inputOptions struct {
	Lang       string // "en" for English lines on screen, else Chinese
	Paths      []string
	Roster     string
	Survey     string
	Encoding   string
	Sheet      string
	Schools    []string // --school NAME or FILE=NAME
	MaxFileMB  int64
	MaxXLSXMB  int64
	MaxColumns int
	UsingDemo  bool
	KeepFast   bool
	Quality    surveys.Quality     // data-quality thresholds, from the profile
	Bands      []surveys.Band      // grade bands, from the profile
	CoursePlan *surveys.CoursePlan // subjects of timetables found among the inputs, from the profile
}

// load reads the inputs (or the embedded demo county when there are none).
func (o *inputOptions) load(errOut io.Writer, progress ingest.Counter) (*ingest.Result, error) {
	switch o.Survey {
	case "", "auto", "student", "parent", "teacher":
	default:
		return nil, usagef("--survey 应为 student、parent、teacher 或 auto，不是 %q", o.Survey)
	}
	var sources []ingest.Source
	var rosterSrc *ingest.Source
	if len(o.Paths) == 0 {
		o.UsingDemo = true
		fmt.Fprintln(errOut, o.t("未指定输入文件，使用内置的示例县数据（"+demo.County+"，虚构；jianfu demo -o 文件夹 可导出这些文件）。",
			"No input files given: using the built-in sample county ("+demo.County+", fictitious; jianfu demo -o FOLDER writes its files)."))
		for _, name := range demo.Files() {
			if name == demo.RosterFile {
				s := ingest.FSSource(demo.FS, name)
				rosterSrc = &s
				continue
			}
			sources = append(sources, ingest.FSSource(demo.FS, name))
		}
	}
	ro := ingest.ReadOptions{Quality: o.Quality, Bands: o.Bands, KeepFast: o.KeepFast, Survey: o.Survey, Encoding: o.Encoding, Sheet: o.Sheet, Progress: progress, CoursePlan: o.CoursePlan,
		Limits: ingest.Limits{MaxFileBytes: o.MaxFileMB << 20, MaxXLSXBytes: o.MaxXLSXMB << 20, MaxColumns: o.MaxColumns}}
	{
		var err error
		if ro.School, ro.FileSchools, err = parseSchools(o.Schools); err != nil {
			return nil, err
		}
	}
	var skipped []ingest.Skipped
	if len(o.Paths) > 0 {
		in, err := ingest.Gather(o.Paths, o.Roster, ro)
		if err != nil {
			return nil, err
		}
		sources, rosterSrc, skipped = in.Sources, in.Roster, in.Skipped
		if rosterSrc != nil {
			fmt.Fprintln(errOut, o.t("使用文件夹中的学校名册："+rosterSrc.Name, "Using the school roster found in the folder: "+rosterSrc.Name))
		}
	}
	if o.Roster != "" {
		if err := checkInputFile("学校名册", o.Roster, 64<<20); err != nil {
			return nil, err
		}
		s := ingest.FileSource(o.Roster)
		rosterSrc = &s
	}
	if rosterSrc != nil {
		roster, err := ingest.ReadRoster(*rosterSrc, ingest.ReadOptions{Encoding: "", Limits: ro.Limits})
		if err != nil {
			return nil, err
		}
		ro.Roster = roster
	}
	res, err := ingest.Read(sources, ro)
	if err != nil {
		return nil, err
	}
	res.Skipped = append(skipped, res.Skipped...)
	var own []string
	for _, s := range res.Skipped {
		if s.Own {
			own = append(own, filepath.Base(s.Path))
			continue
		}
		fmt.Fprintln(errOut, o.t("跳过 "+s.Path+"："+s.Reason, "Skipped "+s.Path+": "+skippedEn(s)))
	}
	if len(own) > 0 {
		fmt.Fprintln(errOut, o.t("jianfu 自己的文件，不作为问卷读取："+strings.Join(own, "、"),
			"jianfu's own files, not read as questionnaires: "+strings.Join(own, ", ")))
	}
	for _, f := range res.Files {
		if f.SheetNote != "" {
			fmt.Fprintln(errOut, o.t("提示："+f.Path+"："+f.SheetNote, "Note: "+f.Path+": "+f.SheetNoteEn))
		}
	}
	return res, nil
}

// t returns zh, or en with --lang en.
func (o *inputOptions) t(zh, en string) string {
	if o.Lang == "en" {
		return en
	}
	return zh
}

// skippedEn is the reason a file was skipped, in English.
func skippedEn(s ingest.Skipped) string {
	switch {
	case s.En != "":
		return s.En
	case s.Err != nil:
		return "cannot be read: " + strings.TrimPrefix(english(s.Err), s.Path+": ")
	}
	return s.Reason
}
