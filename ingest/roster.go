package ingest

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// RosterError is a problem in the roster file, located like a csv.ParseError.
type RosterError struct {
	File   string
	Row    int
	Column string
	Value  string
	Reason string
}

func (e *RosterError) Error() string {
	loc := e.File
	if e.Row > 0 {
		loc += fmt.Sprintf(" 第%d行", e.Row)
	}
	if e.Column != "" {
		loc += " “" + e.Column + "”列"
	}
	if e.Value != "" {
		return fmt.Sprintf("%s：%s（值“%s”）", loc, e.Reason, e.Value)
	}
	return loc + "：" + e.Reason
}

var gradeCountHeaders = [10]string{"", "一年级人数", "二年级人数", "三年级人数", "四年级人数", "五年级人数", "六年级人数", "七年级人数", "八年级人数", "九年级人数"}

// ReadRoster reads a school roster (学校名册) from a CSV or XLSX file with the columns 学校代码,
// 学校名称, 学段, 城乡, optional 别名 (";"-separated) and optional 一年级人数 … 九年级人数.
// Names and aliases must be unique after normalisation.
func ReadRoster(src Source, o ReadOptions) (*surveys.Roster, error) {
	rs, err := openSource(src, openOptions{encoding: o.Encoding, sheet: o.RosterSheet, limits: o.Limits.withDefaults()})
	if err != nil {
		return nil, &FileError{File: src.Name, Err: err}
	}
	defer rs.Close()
	header, _, err := rs.Next()
	if err != nil {
		if err == io.EOF {
			return nil, &RosterError{File: src.Name, Reason: "名册是空的"}
		}
		return nil, &FileError{File: src.Name, Err: err}
	}
	col := map[string]int{}
	for j, h := range header {
		col[fold(h)] = j
	}
	need := []string{"学校名称", "学段"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, &RosterError{File: src.Name, Row: 1, Reason: fmt.Sprintf("缺少“%s”列（名册需要：学校代码、学校名称、学段、城乡，可选别名和各年级人数）", n)}
		}
	}
	get := func(cells []string, name string) string {
		if j, ok := col[name]; ok && j < len(cells) {
			return strings.TrimSpace(cells[j])
		}
		return ""
	}
	roster := &surveys.Roster{}
	seen := map[string]int{} // normalised name or alias → row
	for {
		cells, row, err := rs.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &FileError{File: src.Name, Err: err}
		}
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		s := surveys.School{Code: get(cells, "学校代码"), Name: get(cells, "学校名称"), Locale: get(cells, "城乡")}
		if s.Name == "" {
			return nil, &RosterError{File: src.Name, Row: row, Column: "学校名称", Reason: "学校名称为空"}
		}
		if s.Code == "" {
			s.Code = s.Name
		}
		switch st := surveys.Stage(fold(get(cells, "学段"))); st {
		case surveys.StagePrimary, surveys.StageJunior, surveys.StageNine:
			s.Stage = st
		case "九年一贯", "一贯制":
			s.Stage = surveys.StageNine
		default:
			return nil, &RosterError{File: src.Name, Row: row, Column: "学段", Value: string(st), Reason: "学段应为 小学、初中 或 九年一贯制"}
		}
		switch s.Locale {
		case "", "城区", "镇区", "乡村":
		default:
			return nil, &RosterError{File: src.Name, Row: row, Column: "城乡", Value: s.Locale, Reason: "城乡应为 城区、镇区 或 乡村"}
		}
		for _, a := range strings.FieldsFunc(get(cells, "别名"), isAliasSep) {
			if a = strings.TrimSpace(a); a != "" {
				s.Aliases = append(s.Aliases, a)
			}
		}
		for g := 1; g <= 9; g++ {
			s.Enrolment[g] = -1
			v := get(cells, gradeCountHeaders[g])
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(fold(v))
			if err != nil || n < 0 {
				return nil, &RosterError{File: src.Name, Row: row, Column: gradeCountHeaders[g], Value: v, Reason: "人数应为非负整数"}
			}
			if n > 0 && !s.Stage.HasGrade(g) {
				return nil, &RosterError{File: src.Name, Row: row, Column: gradeCountHeaders[g], Value: v, Reason: "该校学段（" + string(s.Stage) + "）没有这个年级"}
			}
			s.Enrolment[g] = n
		}
		for _, name := range append([]string{s.Name}, s.Aliases...) {
			k := schoolKey(name)
			if prev, dup := seen[k]; dup {
				return nil, &RosterError{File: src.Name, Row: row, Value: name, Reason: fmt.Sprintf("名称或别名与第%d行重复", prev)}
			}
			seen[k] = row
		}
		roster.Schools = append(roster.Schools, s)
	}
	if len(roster.Schools) == 0 {
		return nil, &RosterError{File: src.Name, Reason: "名册中没有学校"}
	}
	if len(roster.Schools) > 65000 {
		return nil, &RosterError{File: src.Name, Reason: "名册中的学校超过 65000 所"}
	}
	return roster, nil
}

// schoolKey normalises a school name for matching: width folded, spaces removed, brackets unified.
func schoolKey(name string) string {
	return numeralKey(bracketReplacer.Replace(fold(name)))
}

var bracketReplacer = strings.NewReplacer("（", "(", "）", ")", "【", "(", "】", ")")
