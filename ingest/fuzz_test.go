package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jianfu-edu/jianfu/surveys"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode/utf32"
)

// memSource returns a Source that reads data from memory.
func memSource(name string, data []byte) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// fuzzRoster is a roster with one school of each 学段, and aliases.
func fuzzRoster() *surveys.Roster {
	r := &surveys.Roster{Schools: []surveys.School{
		{Code: "S01", Name: "清河县第一中学", Stage: surveys.StageJunior, Locale: "城区", Aliases: []string{"清河一中"}},
		{Code: "S02", Name: "城关小学", Stage: surveys.StagePrimary, Locale: "城区"},
		{Code: "S03", Name: "马集镇中心学校", Stage: surveys.StageNine, Locale: "乡村", Aliases: []string{"马集中心校"}},
	}}
	for i := range r.Schools {
		for g := range r.Schools[i].Enrolment {
			r.Schools[i].Enrolment[g] = -1
		}
	}
	return r
}

// studentHeader is the header row of a 问卷星 text export of the student questionnaire.
func studentHeader(t testing.TB) []string {
	h := []string{"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"}
	for _, qu := range mustBuiltin(t, "student").Questions {
		h = append(h, qu.Header())
	}
	return h
}

// csvRow joins cells with commas; the cells of the seeds hold no commas or quotes.
func csvRow(cells ...string) string { return strings.Join(cells, ",") + "\r\n" }

// seedCSVs returns small exports in the forms of formats.md, to seed FuzzReadCSV.
func seedCSVs(t testing.TB) [][]byte {
	header := csvRow(studentHeader(t)...)
	answers := func(first ...string) []string {
		cells := append([]string{"1", "2026/09/03 12:00:00", "123秒", "微信", "N/A", "183.1.2.3(湖南-长沙)"}, first...)
		for len(cells) < 30 {
			cells = append(cells, "1")
		}
		return cells
	}
	text := header +
		csvRow(answers("清河县第一中学", "七年级", "3班", "男", "21:00以前", "6:00-6:30", "8-9小时", "30-60分钟")...) +
		csvRow(answers("清河一中", "初二", "（2）班", "女", "(跳过)", "(空)", "C. 8-9小时", "D、 60-90分钟")...) +
		csvRow(answers("城关小学", "九年级", "三班", "", "Ａ", "8小时左右", "７", "-3")...) +
		csvRow(answers("马集中心校", "3", "03", "-2", "F", "", "E", "120分钟以上")...) +
		csvRow(answers("不存在学校", "七年级", "1")...) +
		csvRow(answers("", "七年级", "1")...) +
		csvRow() +
		csvRow("1", "2")
	ordinal := header + csvRow(answers("城关小学", "4", "1", "2", "3", "4", "5", "6")...)
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range strings.ReplaceAll(text, ",", "\t") {
		if r > 0xFFFF {
			continue
		}
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	seeds := [][]byte{
		[]byte(text),
		[]byte("\ufeff" + text),
		[]byte(gb),
		utf16,
		[]byte(ordinal),
		[]byte(header),
		[]byte("1、你就读的学校是？,2、你所在的年级是？,3、你所在的班级是？,4、你的性别是？\n清河一中,初一,1,男\n"),
		[]byte("学校,年级,班级,你的性别是？\n城关小学,三年级,2,女\n"),
		[]byte("a,b\n\"unterminated\n"),
		[]byte("PK\x03\x04 not really a zip"),
		[]byte("\xD0\xCF\x11\xE0"),
		{},
	}
	// The hand-made cases of testdata/cases hold the quirks of real files; the sheets among them let
	// the fuzzer reach the XLSX reader too.
	files, _ := filepath.Glob("testdata/cases/*/*.csv")
	sheets, _ := filepath.Glob("testdata/cases/*/*.xlsx")
	for _, f := range append(files, sheets...) {
		if b, err := os.ReadFile(f); err == nil && len(b) < 64<<10 {
			seeds = append(seeds, b)
		}
	}
	return seeds
}

// FuzzReadCSV reads arbitrary bytes as an input file. Read must not panic; it fails only with a
// *FileError or *HeaderError; and when it succeeds every row is accounted for and every column of
// every dataset has one valid entry per respondent.
func FuzzReadCSV(f *testing.F) {
	for i, s := range seedCSVs(f) {
		f.Add(s, i%2 == 0)
	}
	qs := surveys.Builtins()
	f.Fuzz(func(t *testing.T, data []byte, withRoster bool) {
		o := ReadOptions{Questionnaires: qs}
		if withRoster {
			o.Roster = fuzzRoster()
		}
		res, err := Read([]Source{memSource("fuzz.csv", data)}, o)
		if err != nil {
			var fe *FileError
			var he *HeaderError
			if !errors.As(err, &fe) && !errors.As(err, &he) {
				t.Fatalf("Read failed with %T %v, want *FileError or *HeaderError", err, err)
			}
			return
		}
		checkResult(t, res)
	})
}

// checkResult asserts the accounting of formats.md and the shape of surveys.Dataset.
func checkResult(t *testing.T, res *Result) {
	t.Helper()
	rejected, used := 0, map[string]int{}
	for _, fr := range res.Files {
		if fr.Read != fr.Used+fr.Rejected {
			t.Errorf("%s: read %d != used %d + rejected %d", fr.Path, fr.Read, fr.Used, fr.Rejected)
		}
		byReason := 0
		for _, n := range fr.RejectedByReason {
			byReason += n
		}
		if byReason != fr.Rejected {
			t.Errorf("%s: rejected by reason add up to %d, rejected %d", fr.Path, byReason, fr.Rejected)
		}
		rejected += fr.Rejected
		used[fr.Questionnaire] += fr.Used
	}
	if len(res.Rejects) != rejected {
		t.Errorf("%d rejects listed, files say %d", len(res.Rejects), rejected)
	}
	for _, d := range res.Datasets {
		n := d.Len()
		if n != used[d.Questionnaire.Code] {
			t.Errorf("%s: dataset has %d respondents, files used %d", d.Questionnaire.Code, n, used[d.Questionnaire.Code])
		}
		lens := map[string]int{"Grade": len(d.Grade), "Class": len(d.Class), "File": len(d.File), "Row": len(d.Row)}
		if d.StudentID != nil {
			lens["StudentID"] = len(d.StudentID)
		}
		if d.SubmittedAt != nil || d.Duration != nil || d.IP != nil {
			lens["SubmittedAt"], lens["Duration"], lens["IP"] = len(d.SubmittedAt), len(d.Duration), len(d.IP)
		}
		for name, l := range lens {
			if l != n {
				t.Errorf("%s: column %s has %d entries, want %d", d.Questionnaire.Code, name, l, n)
			}
		}
		for i := 0; i < n; i++ {
			if int(d.School[i]) >= len(d.Schools) || int(d.Class[i]) >= len(d.Classes) || int(d.File[i]) >= len(d.Files) {
				t.Fatalf("%s respondent %d: school %d, class %d or file %d out of range", d.Questionnaire.Code, i, d.School[i], d.Class[i], d.File[i])
			}
			g := int(d.Grade[i])
			if g < d.Questionnaire.MinGrade || g > d.Questionnaire.MaxGrade || !d.Schools[d.School[i]].Stage.HasGrade(g) {
				t.Errorf("%s respondent %d: grade %d at %s (%s)", d.Questionnaire.Code, i, g, d.Schools[d.School[i]].Name, d.Schools[d.School[i]].Stage)
			}
			if c := d.Classes[d.Class[i]]; c.School != d.School[i] || c.Grade != d.Grade[i] {
				t.Errorf("%s respondent %d: class %+v does not belong to school %d grade %d", d.Questionnaire.Code, i, c, d.School[i], g)
			}
			if d.IP != nil && int(d.IP[i]) >= len(d.IPs) {
				t.Errorf("%s respondent %d: IP index %d out of range", d.Questionnaire.Code, i, d.IP[i])
			}
		}
		fillIns := 0
		for _, f := range res.Files {
			if f.Questionnaire == d.Questionnaire.Code {
				fillIns += f.FillIns + f.OpenAnswers
			}
		}
		if len(d.Open) != fillIns {
			t.Errorf("%s: %d open texts, files counted %d fill-ins and open answers", d.Questionnaire.Code, len(d.Open), fillIns)
		}
		for k, o := range d.Open {
			if o.Respondent < 0 || o.Respondent >= n || o.Question < 0 || o.Question >= len(d.Questionnaire.Questions) {
				t.Fatalf("%s open text %d %+v out of range", d.Questionnaire.Code, k, o)
			}
			if o.Text == "" || o.Text != strings.TrimSpace(o.Text) || (k > 0 && o.Respondent < d.Open[k-1].Respondent) {
				t.Errorf("%s open text %d %+v: empty, untrimmed or out of order", d.Questionnaire.Code, k, o)
			}
		}
		for qi, col := range d.Answers {
			qu := &d.Questionnaire.Questions[qi]
			if qu.Kind != surveys.KindChoice {
				if col != nil {
					t.Errorf("%s Q%d (%s) has an answer column", d.Questionnaire.Code, qu.Number, qu.Kind)
				}
				continue
			}
			if len(col) != n {
				t.Errorf("%s Q%d: %d answers, want %d", d.Questionnaire.Code, qu.Number, len(col), n)
			}
			for i, a := range col {
				if !answerInRange(a, len(qu.Options)) {
					t.Errorf("%s Q%d respondent %d: answer %d, %d options", d.Questionnaire.Code, qu.Number, i, a, len(qu.Options))
				}
			}
		}
	}
}

func answerInRange(a surveys.Answer, options int) bool {
	return a == surveys.Missing || a == surveys.Invalid || a == surveys.NotApplicable || (a >= 1 && int(a) <= options)
}

// FuzzMatch checks that any cell maps, for every choice question of the built-in questionnaires,
// to a code in range, with a form that agrees with the code, the same from the cache as uncached.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"8-9小时", "3", "-3", "-2", "(空)", "（空）", "(跳过)", "A", "a", "Ａ", "C. 8-9小时",
		"C、 8-9小时", "A. 8-9小时", "８-９小时", "8～9小时", "8小时左右", "0", "7", "", "C8-9小时", "21：00-21：20", "Z", "{"} {
		f.Add(s)
	}
	var questions []*surveys.Question
	for _, q := range surveys.Builtins() {
		for i := range q.Questions {
			if q.Questions[i].Kind == surveys.KindChoice {
				questions = append(questions, &q.Questions[i])
			}
		}
	}
	questions = append(questions, manyOptions(26))
	matchers := make([]*matcher, len(questions))
	for i, qu := range questions {
		matchers[i] = newMatcher(qu)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		for i, m := range matchers {
			a, form := m.Match(cell)
			if !answerInRange(a, len(questions[i].Options)) {
				t.Fatalf("Q%d %s: Match(%q) = %d, %d options", questions[i].Number, questions[i].Code, cell, a, len(questions[i].Options))
			}
			var want surveys.Answer
			switch form {
			case FormMissing:
				want = surveys.Missing
			case FormSkipped:
				want = surveys.NotApplicable
			case FormInvalid:
				want = surveys.Invalid
			default:
				want = a
				if !a.IsOption() {
					t.Fatalf("Q%d %s: Match(%q) = %d with form %d", questions[i].Number, questions[i].Code, cell, a, form)
				}
			}
			if a != want {
				t.Fatalf("Q%d %s: Match(%q) = %d, form %d", questions[i].Number, questions[i].Code, cell, a, form)
			}
			// The cache must not change an answer: compare with the uncached path.
			a2, form2 := m.match(cell)
			if _, exact := m.exact[cell]; exact {
				form2 = FormText
			}
			if a2 != a || form2 != form {
				t.Fatalf("Q%d %s: Match(%q) = %d, %d; uncached %d, %d", questions[i].Number, questions[i].Code, cell, a, form, a2, form2)
			}
		}
	})
}

// FuzzParseGrade checks that any cell reads as a grade of 0 (unreadable) to 9.
func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{"七年级", "初一", "7", "七年级（初一）", "７", "7年级", "初中一年级", "十年级", "高一", "七年级（初二）", "", "三年级",
		"小学三年级", "初一年级", "((", "七年级((初一))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		g, form := ParseGrade(cell)
		if g < 0 || g > 9 {
			t.Fatalf("ParseGrade(%q) = %d", cell, g)
		}
		if form != GradeCanonical && form != GradeIndex && form != GradeVariant {
			t.Fatalf("ParseGrade(%q) form %d", cell, form)
		}
		if form == GradeCanonical && g == 0 {
			t.Fatalf("ParseGrade(%q) = 0 with the canonical form", cell)
		}
	})
}

// FuzzParseClass checks that a class label is a number 1-99 when numeric, else the folded text.
func FuzzParseClass(f *testing.F) {
	for _, s := range []string{"3", "3班", "（3）班", "三班", "03", "七(3)班", "初一3班", "十二班", "第3班", "", "火箭班", "7-3", "七年级3班", "()", "班"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		label, numeric := ParseClass(cell)
		if numeric {
			n, err := strconv.Atoi(label)
			if err != nil || n < 1 || n > 99 || strconv.Itoa(n) != label {
				t.Fatalf("ParseClass(%q) = %q, numeric", cell, label)
			}
			return
		}
		if label != "" && label != normAnswer(cell) {
			t.Fatalf("ParseClass(%q) = %q, not a number and not the folded text %q", cell, label, normAnswer(cell))
		}
		if label == "" && !isNoAnswer(normAnswer(cell)) {
			t.Fatalf("ParseClass(%q) = \"\" for a cell that is not empty", cell)
		}
	})
}

// FuzzHeader checks that normHeader never panics and returns folded, valid UTF-8 text with no
// spaces, and a question number of at most three digits. normHeader is not idempotent (a second
// pass strips a second number from "7、12、…"), so only fold's fixed point is asserted.
func FuzzHeader(f *testing.F) {
	for _, s := range []string{"7、上学日，你平均每天的睡眠时间大约是多少？", "Q7.上学日", "第7题 上学日", "７．上学日[单选题]",
		"5、上学日（周一至周五），你通常晚上几点上床睡觉？（单选题）", "序号", "", "7、", "1234、x", "【必答】", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		text, num := normHeader(h)
		if num < 0 || num > 999 {
			t.Fatalf("normHeader(%q) number %d", h, num)
		}
		if !utf8.ValidString(text) {
			t.Fatalf("normHeader(%q) = %q, not valid UTF-8", h, text)
		}
		if strings.IndexFunc(text, unicode.IsSpace) >= 0 {
			t.Fatalf("normHeader(%q) = %q has white space", h, text)
		}
		if fold(text) != text {
			t.Fatalf("normHeader(%q) = %q, which fold changes to %q", h, text, fold(text))
		}
	})
}

// FuzzReadRoster reads arbitrary bytes as a roster: no panic, a *FileError or *RosterError on
// failure, and on success schools with names, known 学段 and 城乡, and unique names and aliases.
func FuzzReadRoster(f *testing.F) {
	good := "学校代码,学校名称,学段,城乡,别名,一年级人数,二年级人数,三年级人数,四年级人数,五年级人数,六年级人数,七年级人数,八年级人数,九年级人数\n" +
		"S01,清河县第一中学,初中,城区,清河一中;县一中,,,,,,,300,280,260\n" +
		"S02,城关小学,小学,城区,,80,80,75,75,70,70,,,\n" +
		"S03,马集镇中心学校,九年一贯,乡村,马集中心校｜马集,30,30,30,30,30,30,40,40,40\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(good)
	u32, _ := utf32.UTF32(utf32.LittleEndian, utf32.UseBOM).NewEncoder().String("学校名称,学段\nA,小学\n")
	for _, s := range []string{good, "\ufeff" + good, gb, "学校名称,学段\nA,小学\nA,初中\n", "学校名称,学段\nA,高中\n",
		"学校名称,学段,一年级人数\nA,初中,5\n", "学校名称\nA\n", "", "学校名称,学段\n", "学校名称,学段\nA,小学,x,y\n", u32} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/cases/roster.csv"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadRoster(memSource("schools.csv", data), ReadOptions{})
		if err != nil {
			var fe *FileError
			var re *RosterError
			if !errors.As(err, &fe) && !errors.As(err, &re) {
				t.Fatalf("ReadRoster failed with %T %v, want *FileError or *RosterError", err, err)
			}
			return
		}
		if len(r.Schools) == 0 {
			t.Fatal("roster with no schools and no error")
		}
		seen := map[string]bool{}
		for _, s := range r.Schools {
			if s.Name == "" || s.Code == "" {
				t.Errorf("school %+v without name or code", s)
			}
			switch s.Stage {
			case surveys.StagePrimary, surveys.StageJunior, surveys.StageNine:
			default:
				t.Errorf("school %s: stage %q", s.Name, s.Stage)
			}
			switch s.Locale {
			case "", "城区", "镇区", "乡村":
			default:
				t.Errorf("school %s: locale %q", s.Name, s.Locale)
			}
			for g := 1; g <= 9; g++ {
				if e := s.Enrolment[g]; e < -1 || (e > 0 && !s.Stage.HasGrade(g)) {
					t.Errorf("school %s (%s): enrolment %d in grade %d", s.Name, s.Stage, e, g)
				}
			}
			for _, n := range append([]string{s.Name}, s.Aliases...) {
				k := schoolKey(n)
				if seen[k] {
					t.Errorf("name or alias %q twice", n)
				}
				seen[k] = true
			}
		}
	})
}
