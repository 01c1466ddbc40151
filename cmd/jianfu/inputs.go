package main

import (
	"fmt"
	"io"

	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// inputOptions are the flags every command that reads questionnaires shares.
type inputOptions struct {
	Paths      []string
	Roster     string
	Survey     string
	Encoding   string
	Sheet      string
	School     string
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
func (o *inputOptions) load(errOut io.Writer, progress func(int64)) (*ingest.Result, error) {
	switch o.Survey {
	case "", "auto", "student", "parent":
	default:
		return nil, usagef("--survey 应为 student、parent 或 auto，不是 %q", o.Survey)
	}
	var sources []ingest.Source
	var rosterSrc *ingest.Source
	if len(o.Paths) == 0 {
		o.UsingDemo = true
		fmt.Fprintln(errOut, "未指定输入文件，使用内置的示例县数据（"+demo.County+"，虚构；jianfu demo -o 文件夹 可导出这些文件）。")
		for _, name := range demo.Files() {
			if name == demo.RosterFile {
				s := ingest.FSSource(demo.FS, name)
				rosterSrc = &s
				continue
			}
			sources = append(sources, ingest.FSSource(demo.FS, name))
		}
	} else {
		var err error
		if sources, err = ingest.Expand(o.Paths); err != nil {
			return nil, &ingest.FileError{File: "", Err: err}
		}
	}
	if o.Roster != "" {
		s := ingest.FileSource(o.Roster)
		rosterSrc = &s
	}
	ro := ingest.ReadOptions{Quality: o.Quality, Bands: o.Bands, KeepFast: o.KeepFast, Survey: o.Survey, Encoding: o.Encoding, Sheet: o.Sheet, School: o.School, Progress: progress, CoursePlan: o.CoursePlan,
		Limits: ingest.Limits{MaxFileBytes: o.MaxFileMB << 20, MaxXLSXBytes: o.MaxXLSXMB << 20, MaxColumns: o.MaxColumns}}
	if rosterSrc != nil {
		roster, err := ingest.ReadRoster(*rosterSrc, ingest.ReadOptions{Encoding: "", Limits: ro.Limits})
		if err != nil {
			return nil, err
		}
		ro.Roster = roster
	}
	return ingest.Read(sources, ro)
}
