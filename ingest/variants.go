package ingest

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// SchoolSpellings are the spellings of one school name that were merged because they are certainly
// the same name: they differ only in full- or half-width characters, spaces, brackets, or in writing
// a number in digits or in Chinese numerals (清溪县第1中学, 清溪县第一中学, 清溪县 第一中学).
type SchoolSpellings struct {
	School   string   `json:"school"`   // the name the school is reported under
	Variants []string `json:"variants"` // the other spellings seen, sorted
}

// SimilarSchools are two schools, found without a roster, whose names are alike but not certainly
// the same (清溪县第一中学, 清溪第一中学): they are kept apart and listed with the suggested merge.
type SimilarSchools struct {
	A, B  string  // A sorts first
	Score float64 // similarity 0..1 (Dice coefficient of character pairs)
}

// maxSpellings bounds the spellings remembered per school and the schools compared pairwise, so a
// hostile file of a million distinct names costs little.
const (
	maxSpellings      = 20
	maxSimilarSchools = 2000
)

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// numeralKey writes every run of one to three ASCII digits in s as Chinese numerals, the way school
// names say them (1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 101 → 一百零一), so that 第1中学 and
// 第一中学 have one key. Longer runs (years, codes) are left alone. s is already width-folded.
func numeralKey(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			j := i + 1
			for j < len(s) && (s[j] < '0' || s[j] > '9') {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if run := s[i:j]; len(run) <= 3 {
			b.WriteString(chineseNumber(run))
		} else {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

// chineseNumber writes a number of one to three digits in Chinese numerals. Leading zeros are
// written digit by digit (05 → 零五), as they are read.
func chineseNumber(d string) string {
	if d[0] == '0' {
		var b strings.Builder
		for i := 0; i < len(d); i++ {
			b.WriteString(chineseDigits[d[i]-'0'])
		}
		return b.String()
	}
	n := 0
	for i := 0; i < len(d); i++ {
		n = 10*n + int(d[i]-'0')
	}
	hundreds, tens, ones := n/100, n/10%10, n%10
	var b strings.Builder
	if hundreds > 0 {
		b.WriteString(chineseDigits[hundreds] + "百")
	}
	switch {
	case tens > 0:
		if hundreds > 0 || tens > 1 {
			b.WriteString(chineseDigits[tens])
		}
		b.WriteString("十")
	case hundreds > 0 && ones > 0:
		b.WriteString("零")
	}
	if ones > 0 || n == 0 {
		b.WriteString(chineseDigits[ones])
	}
	return b.String()
}

// noteSpelling remembers that school i was also written as name (by the school's name, which stays
// when schools are sorted).
func (r *reader) noteSpelling(i uint16, name string) {
	name = strings.TrimSpace(name)
	school := r.schools[i].Name
	if r.o.Roster != nil || name == school {
		return
	}
	if r.spellings == nil {
		r.spellings = map[string][]string{}
	}
	for _, s := range r.spellings[school] {
		if s == name {
			return
		}
	}
	if len(r.spellings[school]) < maxSpellings {
		r.spellings[school] = append(r.spellings[school], name)
	}
}

// spellingFindings returns the merged spellings and the similar pairs of schools found without a
// roster, both sorted by name.
func (r *reader) spellingFindings() ([]SchoolSpellings, []SimilarSchools) {
	if r.o.Roster != nil {
		return nil, nil
	}
	var merged []SchoolSpellings
	for school, vs := range r.spellings {
		v := append([]string(nil), vs...)
		sort.Strings(v)
		merged = append(merged, SchoolSpellings{School: school, Variants: v})
	}
	sort.Slice(merged, func(a, b int) bool { return merged[a].School < merged[b].School })
	return merged, similarSchools(r.schools)
}

// similarSchools returns the pairs of school names found without a roster that may be one school
// but are not certainly: their keys differ by one character that is not one of the characters that
// tell kinds of school apart (小学 and 中学, 初中 and 高中, 九年 …), or one key holds the other
// (一中, 县一中) or abbreviates it (县实小, 清溪县实验小学).
func similarSchools(schools []surveys.School) []SimilarSchools {
	if len(schools) > maxSimilarSchools {
		return nil
	}
	keys := make([][]rune, len(schools))
	for i, s := range schools {
		keys[i] = []rune(schoolKey(s.Name))
	}
	var out []SimilarSchools
	for i := range schools {
		for j := i + 1; j < len(schools); j++ {
			a, b := keys[i], keys[j]
			if len(a) == 0 || len(b) == 0 || !maybeSameSchool(a, b) {
				continue
			}
			p := SimilarSchools{A: schools[i].Name, B: schools[j].Name, Score: dice(string(a), string(b))}
			if p.B < p.A {
				p.A, p.B = p.B, p.A
			}
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// kindRunes tell kinds of school apart: two names that differ in one of them are two schools.
const kindRunes = "小中初高大幼职九一二三四五六七八十百零"

func maybeSameSchool(a, b []rune) bool {
	if string(a) == string(b) {
		return false
	}
	if len(a) != len(b) {
		short, long := a, b
		if len(a) > len(b) {
			short, long = b, a
		}
		// The shorter is an abbreviation of the longer (一中 of 县一中, 柳林中学 of 清溪县柳林镇中学,
		// 县实小 of 清溪县实验小学) when its characters appear in order and the characters left over
		// do not name a kind of school (中心小学 is not 中学).
		extra, ok := leftOver(short, long)
		return ok && len(short) >= 2 && !strings.ContainsAny(extra, "小中初高大幼职九部心")
	}
	if len(a) < 4 {
		return false // 城中 and 镇中: short names one character apart are usually two schools
	}
	diff := -1
	for i := range a {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	return !strings.ContainsRune(kindRunes, a[diff]) && !strings.ContainsRune(kindRunes, b[diff])
}

// leftOver returns the characters of long that are not matched when short is read in order along
// it (greedily), and false when short is not a subsequence of long.
func leftOver(short, long []rune) (string, bool) {
	var extra []rune
	i := 0
	for _, r := range long {
		if i < len(short) && short[i] == r {
			i++
			continue
		}
		extra = append(extra, r)
	}
	return string(extra), i == len(short)
}

// fileSchool resolves the school of a file that has no school column: its FILE=NAME mapping
// (ReadOptions.FileSchools, by path or base name), else --school NAME, which may name one file only,
// else the file's own name (石桥中学.xlsx, 石桥中学_学生问卷.csv) when it is a roster school or, without a
// roster, looks like a school name. Several files are never pooled under one --school name.
func (r *reader) fileSchool(file string, q *surveys.Questionnaire) (uint16, error) {
	base := filepath.Base(file)
	name, how := "", ""
	if n, ok := r.o.FileSchools[file]; ok {
		name, how = n, file+"="+n
	} else if n, ok := r.o.FileSchools[base]; ok {
		name, how = n, base+"="+n
	}
	if name == "" && r.o.School != "" {
		if r.oneSchool != "" && r.oneSchool != file {
			return 0, &HeaderError{File: file, Reason: fmt.Sprintf("“%s”和“%s”都没有学校列，--school “%s”只能用于一个文件：请用 --school 文件名=学校名称 分别指定，或把文件按学校命名（如 石桥中学.xlsx）", filepath.Base(r.oneSchool), base, r.o.School),
				En: fmt.Sprintf("neither “%s” nor “%s” has a school column, and --school “%s” can only serve one file: give each file its school with --school FILE=SCHOOL, or name the files after their schools", filepath.Base(r.oneSchool), base, r.o.School)}
		}
		r.oneSchool = file
		name, how = r.o.School, "--school “"+r.o.School+"”"
	}
	if name == "" {
		if i, ok := r.schoolFromFileName(base); ok {
			return i, nil
		}
	}
	if name == "" {
		return 0, &HeaderError{File: file, Reason: fmt.Sprintf("缺少学校列：应有“%s”（或“学校”）；一校一个文件时，可用 --school 学校名称（多个文件用 --school 文件名=学校名称）指定，或把文件按学校命名", q.Questions[q.SchoolQuestion()].Header()),
			En: fmt.Sprintf("no school column: there should be “%s” (or “学校”); for one school's file, give the school with --school SCHOOL (several files: --school FILE=SCHOOL), or name the file after the school", q.Questions[q.SchoolQuestion()].Header())}
	}
	i, ok := r.school(name)
	if !ok {
		return 0, &HeaderError{File: file, Reason: fmt.Sprintf("%s 不在名册中", how), En: fmt.Sprintf("%s is not in the roster", how)}
	}
	return i, nil
}

// schoolFromFileName finds a school in a file's name: the whole name without its extension, or its
// first part before _ - or a space. With a roster the part must be a roster school (or alias);
// without one it must end like a school name (学校, 小学, 中学, 一中 …).
func (r *reader) schoolFromFileName(base string) (uint16, bool) {
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	parts := []string{stem}
	if f := strings.FieldsFunc(stem, func(r rune) bool { return r == '_' || r == '-' || r == ' ' || r == '（' || r == '(' }); len(f) > 1 {
		parts = append(parts, f[0])
	}
	for _, p := range parts {
		if r.o.Roster != nil {
			if i, ok := r.byKey[schoolKey(p)]; ok {
				return i, true
			}
			continue
		}
		if looksLikeSchool(p) {
			return r.school(p)
		}
	}
	return 0, false
}

// looksLikeSchool reports whether a name ends like a school's: 学校, 小学, 中学, 学 of 九年制学校, 一中 …
func looksLikeSchool(s string) bool {
	for _, suffix := range []string{"学校", "小学", "中学", "初中", "完小", "校区", "分校"} {
		if strings.HasSuffix(s, suffix) && len([]rune(s)) > len([]rune(suffix)) {
			return true
		}
	}
	rs := []rune(s)
	return len(rs) >= 2 && (rs[len(rs)-1] == '中' || rs[len(rs)-1] == '小') && strings.ContainsRune("一二三四五六七八九十实", rs[len(rs)-2])
}

// isAliasSep reports whether r separates aliases in a roster's 别名 cell: 、，, ; ； or |.
func isAliasSep(r rune) bool {
	return strings.ContainsRune("、，,;；|｜", r)
}
