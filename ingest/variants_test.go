package ingest

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

func TestNumeralKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"清溪县第1中学", "清溪县第一中学"},
		{"第10小学", "第十小学"},
		{"第12中学", "第十二中学"},
		{"第20中学", "第二十中学"},
		{"第21中学", "第二十一中学"},
		{"101中学", "一百零一中学"},
		{"110中学", "一百一十中学"},
		{"第0中学", "第零中学"},
		{"05班", "零五班"},
		{"2026年实验学校", "2026年实验学校"}, // four digits: a year or a code, left alone
		{"第一中学", "第一中学"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := numeralKey(tt.in); got != tt.want {
				t.Errorf("numeralKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaybeSameSchool(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"清溪县柳林镇中兴小学", "清溪县柳林镇中心小学", true}, // one character, a typo
		{"青溪县第二中学", "清溪县第二中学", true},
		{"一中", "县一中", true},
		{"县实小", "清溪县实验小学", true},
		{"柳林中学", "清溪县柳林镇中学", true},
		{"清溪县实验中学", "清溪县实验小学", false}, // 小学 and 中学: two schools
		{"清溪县第一中学", "清溪县第二中学", false}, // numbers tell schools apart
		{"桃源中学", "清溪县桃源镇中心小学", false},
		{"清溪县第一中学", "清溪县第一中学初中部", false},
		{"清溪县柳林镇中学", "清溪县柳林镇中心小学", false},
		{"A", "B", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			a, b := []rune(schoolKey(tt.a)), []rune(schoolKey(tt.b))
			if got := maybeSameSchool(a, b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := maybeSameSchool(b, a); got != tt.want {
				t.Errorf("reversed: got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSpellingsWithoutRoster: without a roster, spellings that are certainly one school are merged
// and said; similar names are kept apart and listed; with a roster, 第1 matches the roster's 第一.
func TestSpellingsWithoutRoster(t *testing.T) {
	const export = "1、你就读的学校是？,2、你所在的年级是？,3、你所在的班级是？,7、上学日，你平均每天的睡眠时间大约是多少？\n" +
		"清溪县第一中学,七年级,1,8-9小时\n" +
		"清溪县第1中学,七年级,1,8-9小时\n" +
		"清溪县 第一中学,八年级,2,8-9小时\n" +
		"清溪县第１中学,八年级,2,8-9小时\n" + // full-width digit
		"青溪县第一中学,七年级,1,8-9小时\n" + // a typo: not certain
		"清溪县第二中学,七年级,1,8-9小时\n"
	src := memSource("学生问卷.csv", []byte(export))
	res, err := Read([]Source{src}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range res.Schools {
		names = append(names, s.Name)
	}
	if want := []string{"清溪县第一中学", "清溪县第二中学", "青溪县第一中学"}; !reflect.DeepEqual(names, want) {
		t.Errorf("schools: got %v, want %v", names, want)
	}
	wantSp := []SchoolSpellings{{School: "清溪县第一中学", Variants: []string{"清溪县 第一中学", "清溪县第1中学", "清溪县第１中学"}}}
	if !reflect.DeepEqual(res.Spellings, wantSp) {
		t.Errorf("spellings: got %+v, want %+v", res.Spellings, wantSp)
	}
	if len(res.Similar) != 1 || res.Similar[0].A != "清溪县第一中学" || res.Similar[0].B != "青溪县第一中学" {
		t.Errorf("similar: got %+v", res.Similar)
	}
	roster := &surveys.Roster{Schools: []surveys.School{{Code: "S1", Name: "清溪县第一中学", Stage: surveys.StageJunior}, {Code: "S2", Name: "清溪县第二中学", Stage: surveys.StageJunior}}}
	res, err = Read([]Source{memSource("学生问卷.csv", []byte(export))}, ReadOptions{Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	if _, used, rejected := res.Totals(""); used != 5 || rejected != 1 || res.Spellings != nil || res.Similar != nil {
		t.Errorf("with a roster: used %d rejected %d (want 5, 1: only the typo), spellings %v similar %v", used, rejected, res.Spellings, res.Similar)
	}
}

func TestSimilarSchoolsBounded(t *testing.T) {
	many := make([]surveys.School, maxSimilarSchools+1)
	for i := range many {
		many[i].Name = strings.Repeat("校", 1+i%7)
	}
	if got := similarSchools(many); got != nil {
		t.Errorf("over %d schools: want no pairwise comparison, got %d pairs", maxSimilarSchools, len(got))
	}
}

// FuzzNumeralKey: any string keys without panicking, and keying is idempotent.
func FuzzNumeralKey(f *testing.F) {
	for _, s := range []string{"清溪县第1中学", "101", "0", "2026年", "a9b99c999d9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := numeralKey(s)
		if numeralKey(k) != k {
			t.Errorf("numeralKey not idempotent on %q: %q then %q", s, k, numeralKey(k))
		}
	})
}

// TestFileSchools: files without a school column get their school from a FILE=NAME mapping, from
// --school when it names one file only, or from their own names; never one name for several files.
func TestFileSchools(t *testing.T) {
	const body = "2、你所在的年级是？,3、你所在的班级是？,7、上学日，你平均每天的睡眠时间大约是多少？\n七年级,1,8-9小时\n八年级,2,8-9小时\n"
	file := func(name string) Source { return memSource(name, []byte(body)) }
	roster := &surveys.Roster{Schools: []surveys.School{
		{Code: "S1", Name: "清溪县石桥中学", Stage: surveys.StageJunior, Aliases: []string{"石桥中学"}},
		{Code: "S2", Name: "清溪县东河中学", Stage: surveys.StageJunior},
	}}
	tests := []struct {
		name    string
		files   []Source
		o       ReadOptions
		schools []string // per row, in order
		err     string
	}{
		{"file names, no roster", []Source{file("石桥中学.csv"), file("东河中学_学生问卷.csv")}, ReadOptions{}, []string{"东河中学", "石桥中学"}, ""},
		{"file names through roster aliases", []Source{file("石桥中学.csv"), file("清溪县东河中学.csv")}, ReadOptions{Roster: roster}, []string{"清溪县石桥中学", "清溪县东河中学"}, ""},
		{"mapping by base name", []Source{file("data/a.csv"), file("data/b.csv")}, ReadOptions{FileSchools: map[string]string{"a.csv": "甲校", "data/b.csv": "乙校"}}, []string{"乙校", "甲校"}, ""},
		{"one --school for one file", []Source{file("学生问卷.csv")}, ReadOptions{School: "石桥中学"}, []string{"石桥中学"}, ""},
		{"one --school for two files is refused", []Source{file("学生问卷1.csv"), file("学生问卷2.csv")}, ReadOptions{School: "石桥中学"}, nil, "--school “石桥中学”只能用于一个文件"},
		{"no school anywhere", []Source{file("学生问卷.csv")}, ReadOptions{}, nil, "缺少学校列"},
		{"mapped school not in roster", []Source{file("a.csv")}, ReadOptions{Roster: roster, FileSchools: map[string]string{"a.csv": "西山中学"}}, nil, "a.csv=西山中学 不在名册中"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.files, tt.o)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			seen := map[string]bool{}
			d := res.Dataset("student")
			for i := 0; i < d.Len(); i++ {
				n := d.Schools[d.School[i]].Name
				if !seen[n] {
					seen[n] = true
					got = append(got, n)
				}
			}
			sort.Strings(got)
			want := append([]string(nil), tt.schools...)
			sort.Strings(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("schools: got %v, want %v", got, want)
			}
		})
	}
}

func TestAliasSeparators(t *testing.T) {
	const roster = "学校代码,学校名称,学段,城乡,别名\nS1,清溪县第一中学,初中,城区,\"一中、县一中，城关一中,清溪一中;老一中|东门中学\"\n"
	r, err := ReadRoster(memSource("名册.csv", []byte(roster)), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"一中", "县一中", "城关一中", "清溪一中", "老一中", "东门中学"}
	if !reflect.DeepEqual(r.Schools[0].Aliases, want) {
		t.Errorf("aliases: got %v, want %v", r.Schools[0].Aliases, want)
	}
}
