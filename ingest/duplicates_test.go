package ingest

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// formats.md: "Two rows are one submission when they carry the same 学生编号, or when they share IP and
// every answer *and* … expected chance matches among that IP's rows in the window below 0.05, from the
// answer frequencies of that school and band. Otherwise they are both kept and reported as 可能重复
// with that expectation."

// dupRow is one row of a duplicate-rule test file. Every choice question is answered with option 1
// unless ans says otherwise (question code → option number).
type dupRow struct {
	school string         // default 清河县第一中学 (初中)
	grade  int            // default 7
	ip     string         // default a different IP for every row
	id     string         // 学生编号, "" for none
	sec    int            // seconds after 2026/06/30 10:00:00
	dur    string         // 所用时间, default 300秒
	ans    map[string]int // question code → option number; 0 writes (空), 未答
}

// dupCSV writes rows as a 问卷星 text export of the student questionnaire with 学生编号 and 来自IP.
func dupCSV(t testing.TB, rows []dupRow) []byte {
	q := mustBuiltin(t, "student")
	grades := []string{"", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"}
	var b strings.Builder
	h := []string{"序号", "提交答卷时间", "所用时间", "来自IP", "学生编号"}
	for _, qu := range q.Questions {
		h = append(h, qu.Header())
	}
	b.WriteString(csvRow(h...))
	for i, r := range rows {
		ip := r.ip
		if ip == "" {
			ip = fmt.Sprintf("10.0.%d.%d", i/200, i%200+1)
		}
		school, grade := r.school, r.grade
		if school == "" {
			school = "清河县第一中学"
		}
		if grade == 0 {
			grade = 7
		}
		at := fmt.Sprintf("2026/06/30 %02d:%02d:%02d", 10+r.sec/3600, r.sec/60%60, r.sec%60)
		dur := r.dur
		if dur == "" {
			dur = "300秒"
		}
		cells := []string{fmt.Sprint(i + 1), at, dur, ip, r.id}
		for _, qu := range q.Questions {
			switch qu.Kind {
			case surveys.KindSchool:
				cells = append(cells, school)
			case surveys.KindGrade:
				cells = append(cells, grades[grade])
			case surveys.KindClass:
				cells = append(cells, "1")
			case surveys.KindOpen:
				cells = append(cells, "")
			default:
				o := 1
				if v, ok := r.ans[qu.Code]; ok {
					o = v
				}
				if o == 0 {
					cells = append(cells, "(空)")
					continue
				}
				cells = append(cells, qu.Options[o-1].Text)
			}
		}
		b.WriteString(csvRow(cells...))
	}
	return []byte(b.String())
}

// crowd returns n rows on their own IPs, minutes apart, whose answers to code are option opt for the
// first k rows and option 1 for the rest.
func crowd(n, k int, code string, opt int, school string, grade int) []dupRow {
	rows := make([]dupRow, n)
	for i := range rows {
		rows[i] = dupRow{school: school, grade: grade, sec: 3000 + 60*i, ans: map[string]int{}}
		if i < k {
			rows[i].ans[code] = opt
		}
	}
	return rows
}

func TestDuplicateAgainstChance(t *testing.T) {
	const ip = "61.1.2.3(湖南-长沙)"
	// pair returns the two identical rows on one IP, gap seconds apart.
	pair := func(gap int, ans map[string]int) []dupRow {
		return []dupRow{{ip: ip, sec: 0, ans: ans}, {ip: ip, sec: gap, ans: ans}}
	}
	rare := map[string]int{"sleep": 5, "bedtime": 6, "materials": 4}
	tests := []struct {
		name     string
		rows     []dupRow
		rejected bool    // the second row of the pair is rejected as a duplicate
		possible bool    // … else reported as 可能重复
		expected float64 // E = pairs × ∏ f, by hand (0 when rejected on the 学生编号)
	}{
		{
			// 20 rows in the school's 7-9 band: the pair and 18 others that all answer option 1. The
			// pair's three rare answers have f = 2/20 each: E = 1 pair × 0.1³ = 0.001 < 0.05.
			name:     "rare answers rejected",
			rows:     append(pair(240, rare), crowd(18, 0, "", 0, "", 7)...),
			rejected: true, expected: 0.001,
		},
		{
			// Everyone gives the pair's answers (the compliant ones): f = 20/20 on every question,
			// E = 1 ≥ 0.05: two classmates, both kept.
			name:     "common answers kept",
			rows:     append(pair(240, nil), crowd(18, 0, "", 0, "", 7)...),
			possible: true, expected: 1,
		},
		{
			// Boundary: f(sleep=5) = 2/20 and f(homework_load=1) = 10/20, so E = 0.1 × 0.5 = 0.05
			// exactly: not below 0.05, kept.
			name:     "expectation exactly 0.05 kept",
			rows:     append(pair(240, map[string]int{"sleep": 5}), crowd(18, 10, "homework_load", 2, "", 7)...),
			possible: true, expected: 0.05,
		},
		{
			// Just below: as above with f(pressure=1) = 19/20 too: E = 0.05 × 0.95 = 0.0475 < 0.05.
			name: "expectation just below 0.05 rejected",
			rows: append(pair(240, map[string]int{"sleep": 5}), append(crowd(8, 1, "pressure", 2, "", 7),
				crowd(10, 10, "homework_load", 2, "", 7)...)...),
			rejected: true, expected: 0.0475,
		},
		{
			// The pairs factor: E = k(k−1)/2 × p with k the IP's rows in the window. f(sleep=5) = 2/20 and
			// f(homework_load=1) = 12/20 give p = 0.06 ≥ 0.05 for the pair alone: kept.
			name:     "one pair on the IP kept",
			rows:     append(pair(240, map[string]int{"sleep": 5}), crowd(18, 8, "homework_load", 2, "", 7)...),
			possible: true, expected: 0.06,
		},
		{
			// Same answer frequencies with p = 2/20 × 4/20 = 0.02 and a third row on the IP inside the
			// window (other answers): k = 3, 3 pairs, E = 0.06 ≥ 0.05, kept; the pair alone would be 0.02.
			name: "a third row on the IP raises the expectation",
			rows: append(append(pair(240, map[string]int{"sleep": 5}), dupRow{ip: ip, sec: 300, ans: map[string]int{"homework_load": 3}}),
				crowd(17, 15, "homework_load", 2, "", 7)...),
			possible: true, expected: 0.06,
		},
		{
			// As above but the third row 11 minutes after the second: outside the 10-minute window of the
			// second row, so k = 2 and E = 0.02 < 0.05: rejected.
			name: "a row outside the window does not count",
			rows: append(append(pair(240, map[string]int{"sleep": 5}), dupRow{ip: ip, sec: 240 + 601, ans: map[string]int{"homework_load": 3}}),
				crowd(17, 15, "homework_load", 2, "", 7)...),
			rejected: true, expected: 0.02,
		},
		{
			// Window boundary (profile default 10 minutes = 600 s): a gap of exactly 600 s is inside.
			name:     "gap of exactly the window",
			rows:     append(pair(600, rare), crowd(18, 0, "", 0, "", 7)...),
			rejected: true, expected: 0.001,
		},
		{
			// A gap of 601 s is outside the window: two submissions, nothing reported.
			name: "gap one second over the window",
			rows: append(pair(601, rare), crowd(18, 0, "", 0, "", 7)...),
		},
		{
			// Frequencies come from the school *and band*: the same rare answers given by 18 pupils of
			// grade 5 in a 九年一贯制 school do not make them common in its grade 7-9 band, where 18
			// others answer option 1: f = 2/20 per rare answer, E = 0.001.
			name: "frequencies within the band",
			rows: func() []dupRow {
				p := pair(240, rare)
				for i := range p {
					p[i].school = "马集镇中心学校"
				}
				rows := append(p, crowd(18, 0, "", 0, "马集镇中心学校", 7)...)
				five := crowd(18, 0, "", 0, "马集镇中心学校", 5)
				for i := range five {
					five[i].ans = rare
				}
				return append(rows, five...)
			}(),
			rejected: true, expected: 0.001,
		},
		{
			// Same 学生编号 and same answers within the window: one submission, whatever the chance.
			name:     "same student ID",
			rows:     append([]dupRow{{id: "S1", sec: 0}, {id: "S1", sec: 240}}, crowd(18, 0, "", 0, "", 7)...),
			rejected: true,
		},
		{
			// One IP, two different 学生编号 (twins at one home): two students, nothing reported.
			name: "same IP, different student IDs",
			rows: append([]dupRow{{ip: ip, id: "S1", sec: 0, ans: rare}, {ip: ip, id: "S2", sec: 240, ans: rare}}, crowd(18, 0, "", 0, "", 7)...),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]Source{memSource("学生问卷.csv", dupCSV(t, tt.rows))}, ReadOptions{Roster: fuzzRoster()})
			if err != nil {
				t.Fatal(err)
			}
			fr := res.Files[0]
			if fr.Read != len(tt.rows) || fr.Read != fr.Used+fr.Rejected {
				t.Fatalf("read %d used %d rejected %d, want read %d = used + rejected", fr.Read, fr.Used, fr.Rejected, len(tt.rows))
			}
			d := res.Dataset("student")
			wantUsed := len(tt.rows)
			if tt.rejected {
				wantUsed--
				if len(res.Rejects) != 1 || res.Rejects[0].Row != 3 || res.Rejects[0].Reason != ReasonDuplicate {
					t.Fatalf("rejects %+v, want row 3 as duplicate", res.Rejects)
				}
				if tt.expected > 0 && !strings.Contains(res.Rejects[0].Detail, fmt.Sprintf("%.2g", tt.expected)) {
					t.Errorf("reject detail %q does not give the expectation %.2g", res.Rejects[0].Detail, tt.expected)
				}
			} else if len(res.Rejects) != 0 {
				t.Fatalf("rejects %+v, want none", res.Rejects)
			}
			if fr.Used != wantUsed || d.Len() != wantUsed || fr.RejectedByReason[ReasonDuplicate] != len(tt.rows)-wantUsed {
				t.Errorf("used %d, dataset %d, duplicates %d; want %d used", fr.Used, d.Len(), fr.RejectedByReason[ReasonDuplicate], wantUsed)
			}
			var possible []PossibleDuplicate
			for _, q := range res.Quality {
				if q.Rule == RulePossibleDuplicate {
					possible = q.Possible
				}
			}
			if !tt.possible {
				if len(possible) != 0 {
					t.Errorf("possible duplicates %+v, want none", possible)
				}
				return
			}
			if len(possible) != 1 {
				t.Fatalf("possible duplicates %+v, want the pair", possible)
			}
			p := possible[0]
			if p.Row != 3 || p.EarlierRow != 2 || math.Abs(p.Expected-tt.expected) > 1e-12 {
				t.Errorf("possible duplicate %+v, want row 3 after row 2 with expectation %g", p, tt.expected)
			}
		})
	}
}

// TestDuplicateRemovedEverywhere checks a row rejected on chance leaves no trace among the used rows:
// its cells, variants, unknown options and reporting-rule counts are taken back, and the dataset's
// columns and class dictionary hold only the rows that remain.
func TestDuplicateRemovedEverywhere(t *testing.T) {
	const ip = "61.1.2.3(湖南-长沙)"
	rare := map[string]int{"sleep": 5, "bedtime": 6, "materials": 4}
	rows := append([]dupRow{{ip: ip, sec: 0, ans: rare}, {ip: ip, sec: 240, ans: rare}}, crowd(18, 0, "", 0, "", 7)...)
	data := string(dupCSV(t, rows))
	// The duplicate writes its class and its grade as variants and one cell as an unknown option; the
	// earlier row writes them the standard way.
	lines := strings.Split(data, "\r\n")
	lines[2] = strings.Replace(lines[2], ",七年级,1,", ",初一,一班,", 1)
	data = strings.Join(lines, "\r\n")
	clean, err := Read([]Source{memSource("学生问卷.csv", dupCSV(t, append(rows[:1:1], rows[2:]...)))}, ReadOptions{Roster: fuzzRoster()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read([]Source{memSource("学生问卷.csv", []byte(data))}, ReadOptions{Roster: fuzzRoster()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejects) != 1 || res.Rejects[0].Reason != ReasonDuplicate || len(res.Rejects[0].Cells) == 0 {
		t.Fatalf("rejects %+v, want the duplicate with its cells", res.Rejects)
	}
	got, want := res.Files[0], clean.Files[0]
	if got.CellsMapped != want.CellsMapped || got.CellsMissing != want.CellsMissing || got.CellsInvalid != want.CellsInvalid {
		t.Errorf("cells mapped/missing/invalid %d/%d/%d, want those of the file without the duplicate %d/%d/%d",
			got.CellsMapped, got.CellsMissing, got.CellsInvalid, want.CellsMapped, want.CellsMissing, want.CellsInvalid)
	}
	if len(res.Variants) != 0 {
		t.Errorf("variants %+v of the rejected row are still counted", res.Variants)
	}
	// The pair is in bed after 23:00, up before 6:00 and sleeps 10 hours: a contradiction, counted for
	// the earlier row only; the 18 others straight-line (option 1 everywhere), the pair does not.
	if g, w := qualityCounts(res), qualityCounts(clean); g != w {
		t.Errorf("quality counts %s, want those of the file without the duplicate: %s", g, w)
	}
	d, dc := res.Dataset("student"), clean.Dataset("student")
	if d.Len() != dc.Len() || len(d.Classes) != len(dc.Classes) || len(d.IP) != d.Len() || len(d.StudentID) != d.Len() {
		t.Fatalf("dataset %d rows %d classes, want %d rows %d classes", d.Len(), len(d.Classes), dc.Len(), len(dc.Classes))
	}
	for q := range d.Answers {
		for i := range d.Answers[q] {
			if d.Answers[q][i] != dc.Answers[q][i] {
				t.Fatalf("question %d row %d: %d, want %d", q, i, d.Answers[q][i], dc.Answers[q][i])
			}
		}
	}
	for i := range d.Row {
		if want := dc.Row[i] + min(1, dc.Row[i]-2); d.Row[i] != want { // rows after the duplicate move down one
			t.Errorf("respondent %d from row %d, want %d", i, d.Row[i], want)
		}
	}
}

// qualityCounts words the quality findings' counts by rule but the duplicate one, for comparing two
// reads.
func qualityCounts(res *Result) string {
	var b strings.Builder
	for _, q := range res.Quality {
		if q.Rule == string(ReasonDuplicate) {
			continue
		}
		fmt.Fprintf(&b, "%s=%d %v; ", q.Rule, q.Count, q.BySchool)
	}
	return b.String()
}

func TestBandsOf(t *testing.T) {
	// standards.md: 一二年级 (1-2), 三至六年级 (3-6), 初中 (7-9).
	def := bandsOf(nil)
	for _, tt := range []struct{ a, b int }{{1, 2}, {3, 6}, {4, 5}, {7, 9}} {
		if def[tt.a] != def[tt.b] {
			t.Errorf("grades %d and %d in different default bands", tt.a, tt.b)
		}
	}
	for _, tt := range []struct{ a, b int }{{2, 3}, {6, 7}, {1, 9}} {
		if def[tt.a] == def[tt.b] {
			t.Errorf("grades %d and %d in one default band", tt.a, tt.b)
		}
	}
	// 五四制: grade 6 in 初中 (standards.md: "五四制 places put grade 6 in 初中").
	fs := bandsOf([]surveys.Band{{Grades: []int{1, 2}}, {Grades: []int{3, 4, 5}}, {Grades: []int{6, 7, 8, 9}}})
	if fs[6] != fs[7] || fs[5] == fs[6] {
		t.Errorf("五四制 bands %v", fs)
	}
}
