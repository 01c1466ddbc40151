package ingest

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

func testPlan(t testing.TB) *surveys.CoursePlan {
	t.Helper()
	p, _, err := surveys.LoadProfile(surveys.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	return p.CoursePlan
}

func strSource(name, text string) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }}
}

func TestCellLessons(t *testing.T) {
	tr := &timetableReader{plan: testPlan(t), unknown: map[string]*UnknownSubject{}}
	type part = cellPart
	cases := []struct {
		name, cell string
		want       []part
	}{
		{"plain", "数学", []part{{"数学", surveys.LessonSubject, 1}}},
		{"synonym", "英语", []part{{"外语", surveys.LessonSubject, 1}}},
		{"padded", "语　文", []part{{"语文", surveys.LessonSubject, 1}}},
		{"teacher in brackets", "数学（张）", []part{{"数学", surveys.LessonSubject, 1}}},
		{"teacher in ascii brackets", "数学(张老师)", []part{{"数学", surveys.LessonSubject, 1}}},
		{"teacher on next line", "数学\n张老师", []part{{"数学", surveys.LessonSubject, 1}}},
		{"teacher first", "张老师\n体育", []part{{"体育与健康", surveys.LessonSubject, 1}}},
		{"teacher after space", "数学 张三", []part{{"数学", surveys.LessonSubject, 1}}},
		{"teacher glued", "数学张老师", []part{{"数学", surveys.LessonSubject, 1}}},
		{"alternate weeks", "音乐/美术", []part{{"艺术", surveys.LessonSubject, 0.5}, {"艺术", surveys.LessonSubject, 0.5}}},
		{"alternate weeks marked", "单周音乐双周美术", []part{{"艺术", surveys.LessonSubject, 0.5}, {"艺术", surveys.LessonSubject, 0.5}}},
		{"alternate with full-width slash", "科学／劳动", []part{{"科学", surveys.LessonSubject, 0.5}, {"劳动", surveys.LessonSubject, 0.5}}},
		{"self study", "自习", []part{{"自习", surveys.LessonSelfStudy, 1}}},
		{"unknown kept", "书法", []part{{"书法", surveys.LessonUnknown, 1}}},
		{"unknown with teacher line", "班会\n王老师", []part{{"班会", surveys.LessonUnknown, 1}}},
		{"unknown with teacher after space", "书法 王明", []part{{"书法", surveys.LessonUnknown, 1}}},
		{"empty", "  ", nil},
		{"dash", "—", nil},
		{"not a lesson", "大课间", nil},
		{"bracketed subject", "【数学】", []part{{"数学", surveys.LessonSubject, 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tr.cellLessons(c.cell)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("cellLessons(%q) = %v, want %v", c.cell, got, c.want)
			}
		})
	}
}

func TestParseClassTitle(t *testing.T) {
	cases := []struct {
		in     string
		grade  int
		class  string
		school string
	}{
		{"七年级1班", 7, "1", ""},
		{"七年级（1）班课程表", 7, "1", ""},
		{"清溪县第一中学七年级（2）班课程表", 7, "2", "清溪县第一中学"},
		{"清溪县第一中学2026年春季学期七年级(2)班课程表", 7, "2", "清溪县第一中学"},
		{"初一(3)班", 7, "3", ""},
		{"初二三班", 8, "3", ""},
		{"701班", 7, "1", ""},
		{"桃源中学 812班 课表", 8, "12", "桃源中学"},
		{"三年级二班", 3, "2", ""},
		{"七年级课程表", 7, "", ""},
		{"七（2）班课程表", 7, "2", ""},
		{"学校：清溪县第一中学　班级：七年级（3）班", 7, "3", "清溪县第一中学"},
		{"年级：七年级　班级：4", 7, "4", ""},
		{"单位:桃源中学 年级:初二 班级:2班", 8, "2", "桃源中学"},
		{"桃源中学7(3)班", 7, "3", "桃源中学"},
		{"三(1)", 3, "1", ""},
		{"县一中课程表", 0, "", "县一中"},
		{"Sheet1", 0, "", ""},
		{"课表", 0, "", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			g, cl := parseClassTitle(c.in)
			if g != c.grade || cl != c.class {
				t.Errorf("parseClassTitle(%q) = %d, %q; want %d, %q", c.in, g, cl, c.grade, c.class)
			}
			if s := schoolPart(c.in); s != c.school {
				t.Errorf("schoolPart(%q) = %q, want %q", c.in, s, c.school)
			}
		})
	}
}

func TestParseTimes(t *testing.T) {
	cases := []struct {
		in         string
		start, end int
	}{
		{"8:00-8:40", 480, 520},
		{"第1节\n8：00—8：40", 480, 520},
		{"08:00~08:45", 480, 525},
		{"14:30至15:10", 870, 910},
		{"2:30-3:10", 870, 910},
		{"第1节", -1, -1},
		{"25:00-26:00", -1, -1},
	}
	for _, c := range cases {
		if s, e := parseTimes(c.in); s != c.start || e != c.end {
			t.Errorf("parseTimes(%q) = %d, %d; want %d, %d", c.in, s, e, c.start, c.end)
		}
	}
}

func TestReadTimetablesCSV(t *testing.T) {
	grid := "清溪县第一中学七年级（1）班课程表\n" +
		"节次,时间,星期一,星期二,星期三,星期四,星期五,星期六\n" +
		"早读,7:30-7:50,语文,英语,语文,英语,语文,\n" +
		"第1节,8:00-8:40,语文,数学,英语,数学,语文,数学\n" +
		"第2节,8:50-9:30,数学（张）,语文,数学,\"语文\n李老师\",数学,\n" +
		"大课间,9:30-10:00,,,,,,\n" +
		"第3节,10:00-10:40,音乐/美术,体育,生物,历史,地理,\n" +
		"午休,,午休,午休,午休,午休,午休,\n" +
		"第4节,14:00-14:40,道法,信息技术,劳动,综合实践,书法,\n" +
		"第5节,14:50-15:30,自习,,体育,,体育,\n" +
		"课后服务,15:40-17:00,,,,,,\n"
	res, err := ReadTimetables([]Source{strSource("一中课表.csv", grid)}, TimetableOptions{Plan: testPlan(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Timetables) != 1 {
		t.Fatalf("got %d timetables, want 1: %+v", len(res.Timetables), res.Files)
	}
	tt := res.Timetables[0]
	want := map[string]float64{"语文": 4, "数学": 6, "外语": 1, "艺术": 1, "体育与健康": 3, "生物学": 1, "历史": 1, "地理": 1, "道德与法治": 1, "信息科技": 1, "劳动": 1, "综合实践活动": 1, "书法": 1}
	got := map[string]float64{}
	for _, l := range tt.Lessons {
		got[l.Subject] = l.Periods
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lessons = %v\nwant %v", got, want)
	}
	if tt.School != "清溪县第一中学" || tt.Grade != 7 || tt.Class != "1" || tt.SelfStudy != 1 {
		t.Errorf("school %q grade %d class %q self-study %v", tt.School, tt.Grade, tt.Class, tt.SelfStudy)
	}
	if !reflect.DeepEqual(tt.Weekend, []string{"星期六"}) || tt.WeekendPeriods != 1 {
		t.Errorf("weekend %v %v", tt.Weekend, tt.WeekendPeriods)
	}
	if tt.FirstStart != 480 || tt.LastEnd != 930 || tt.DayStart != 450 || tt.DayEnd != 1020 {
		t.Errorf("times %d-%d, day %d-%d", tt.FirstStart, tt.LastEnd, tt.DayStart, tt.DayEnd)
	}
	if len(res.Unknown) != 1 || res.Unknown[0].Name != "书法" {
		t.Errorf("unknown = %+v", res.Unknown)
	}
}

func TestReadTimetablesSummary(t *testing.T) {
	csv := "学校,年级,学科,周课时\n" +
		"清溪县第一中学,七年级,语文,6\n" +
		"清溪县第一中学,七年级,英语,4节\n" +
		"清溪县第一中学,七年级,音乐,1\n" +
		"清溪县第一中学,七年级,美术,1\n" +
		"一中,初一,数学,5\n" +
		"清溪县第一中学,七年级,自习,2\n" +
		"清溪县第一中学,十年级,语文,6\n" +
		"清溪县第一中学,八年级,物理,三\n" +
		",,,\n"
	schools := []surveys.School{{Name: "清溪县第一中学", Aliases: []string{"一中"}}}
	res, err := ReadTimetables([]Source{strSource("汇总.csv", csv)}, TimetableOptions{Plan: testPlan(t), Schools: schools})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Timetables) != 1 {
		t.Fatalf("got %d timetables: %+v", len(res.Timetables), res.Timetables)
	}
	tt := res.Timetables[0]
	got := map[string]float64{}
	for _, l := range tt.Lessons {
		got[l.Subject] = l.Periods
	}
	want := map[string]float64{"语文": 6, "外语": 4, "艺术": 2, "数学": 5}
	if !reflect.DeepEqual(got, want) || !tt.Summary || tt.SelfStudy != 2 || !tt.Matched {
		t.Errorf("got %+v lessons %v", tt, got)
	}
	f := res.Files[0]
	if f.Rows != 6 || len(f.Skipped) != 2 {
		t.Errorf("rows %d skipped %+v", f.Rows, f.Skipped)
	}
}

func TestReadTimetablesNotTimetable(t *testing.T) {
	_, err := ReadTimetables([]Source{strSource("x.csv", "a,b,c\n1,2,3\n")}, TimetableOptions{Plan: testPlan(t)})
	if !errors.Is(err, ErrNotTimetable) {
		t.Fatalf("err = %v, want ErrNotTimetable", err)
	}
}

// TestReadFindsTimetables checks that Read, given a folder's files, reads a timetable among the
// questionnaires instead of failing on it.
func TestReadFindsTimetables(t *testing.T) {
	grid := "七年级1班\n,周一,周二,周三,周四,周五\n1,语文,数学,英语,数学,语文\n"
	var buf bytes.Buffer
	buf.WriteString(grid)
	res, err := Read([]Source{strSource("清溪县第一中学课表.csv", buf.String())}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Timetables == nil || len(res.Timetables.Timetables) != 1 {
		t.Fatalf("timetables = %+v", res.Timetables)
	}
	if got := res.Timetables.Timetables[0]; got.School != "清溪县第一中学" || got.Total() != 5 {
		t.Errorf("got %+v", got)
	}
}

// TestReadTimetablesSummaryForms: headers spelt otherwise (学校名称（全称）, 周课时数（节）), and the wide
// form with a column per subject, where an empty cell is no lesson.
func TestReadTimetablesSummaryForms(t *testing.T) {
	schools := []surveys.School{{Name: "清溪县第一中学", Aliases: []string{"一中"}}}
	cases := []struct {
		name, csv string
		want      map[string]float64
	}{
		{"long, other spellings", "学校代码,学校名称（全称）,年级,科目,周课时数（节）\nQX06,清溪县第一中学,七年级,英语,5\nQX06,清溪县第一中学,七年级,数学,4\n",
			map[string]float64{"外语": 5, "数学": 4}},
		{"wide", "序号,学校,年级,语文,数学,英语,音乐,美术,自习,书法,班会,合计\n1,一中,初一,6,5,4,1,1,2,,1,21\n",
			map[string]float64{"语文": 6, "数学": 5, "外语": 4, "艺术": 2, "班会": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ReadTimetables([]Source{strSource("汇总.csv", c.csv)}, TimetableOptions{Plan: testPlan(t), Schools: schools})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Timetables) != 1 {
				t.Fatalf("timetables %+v", res.Timetables)
			}
			got := map[string]float64{}
			for _, l := range res.Timetables[0].Lessons {
				got[l.Subject] = l.Periods
			}
			if !reflect.DeepEqual(got, c.want) || res.Timetables[0].School != "清溪县第一中学" || res.Timetables[0].Grade != 7 {
				t.Errorf("got %+v, lessons %v", res.Timetables[0], got)
			}
		})
	}
}

// TestReadTimetablesXLS reads every sheet of an old .xls workbook (made by LibreOffice from an
// excelize workbook of two class grids).
func TestReadTimetablesXLS(t *testing.T) {
	res, err := ReadTimetables([]Source{FileSource("testdata/timetables/清溪县第一中学课表.xls")}, TimetableOptions{Plan: testPlan(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Timetables) != 2 {
		t.Fatalf("timetables %+v, files %+v", res.Timetables, res.Files)
	}
	for i, want := range []struct {
		class string
		total float64
	}{{"1", 9}, {"2", 5}} {
		got := res.Timetables[i]
		if got.School != "清溪县第一中学" || got.Grade != 7 || got.Class != want.class || got.Total() != want.total {
			t.Errorf("timetable %d: %s %d %s total %v", i, got.School, got.Grade, got.Class, got.Total())
		}
	}
}
