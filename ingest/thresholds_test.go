package ingest

import (
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// The data-quality thresholds pinned at their boundaries. Defaults from Rules (and the national-2021
// profile's quality block): 2 seconds a question, 10-minute duplicate window (see
// TestDuplicateAgainstChance), straight-lining at 10 choice questions.

func findings(res *Result) map[string]QualityFinding {
	out := map[string]QualityFinding{}
	for _, q := range res.Quality {
		out[q.Rule] = q
	}
	return out
}

// TestSpeederBoundary: "答题用时过短", rejected when 所用时间 < questions × 2 s. The student
// questionnaire has 24 questions besides its optional open one, so the limit is 48 s: 48 s is kept,
// 47 s is not.
func TestSpeederBoundary(t *testing.T) {
	q := mustBuiltin(t, "student")
	if n := len(q.Questions) - len(q.OpenQuestions()); n != 24 {
		t.Fatalf("student questionnaire has %d questions besides the open one; the cases below assume 24", n)
	}
	tests := []struct {
		dur      string
		keepFast bool
		rejected bool
		counted  bool
	}{
		{"48秒", false, false, false}, // 48 = 24 × 2: not below the limit
		{"47秒", false, true, true},   // 47 < 48
		{"0分48秒", false, false, false},
		{"0分47秒", false, true, true},
		{"49秒", false, false, false},
		{"47秒", true, false, true}, // --keep-fast: kept, still counted
		{"", false, false, false},  // no 所用时间: nothing to judge
	}
	for _, tt := range tests {
		rows := []dupRow{{dur: tt.dur}}
		if tt.dur == "" {
			rows[0].dur = "(空)"
		}
		res, err := Read([]Source{memSource("学生问卷.csv", dupCSV(t, rows))}, ReadOptions{Roster: fuzzRoster(), KeepFast: tt.keepFast})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Files[0].RejectedByReason[ReasonTooFast] == 1
		f, counted := findings(res)[RuleTooFast()]
		if got != tt.rejected || counted != tt.counted || (counted && (f.Count != 1 || f.Rejected != !tt.keepFast)) {
			t.Errorf("所用时间 %q keep-fast %v: rejected %v, finding %+v; want rejected %v, counted %v",
				tt.dur, tt.keepFast, got, f, tt.rejected, tt.counted)
		}
	}
}

// TestStraightLiningBoundary: "所有选择题都选同一位置的选项 … 至少 10 题": at least 10 answered choice
// questions (sex not counted), all with one option position. The student questionnaire has 20 choice
// questions besides sex (5-24); the rest are left 未答.
func TestStraightLiningBoundary(t *testing.T) {
	codes := []string{"bedtime", "wake_time", "sleep", "homework_time", "homework_load", "punitive_homework",
		"parent_grading", "chatgroup_homework", "exam_count", "frequent_exams", "ranking_published",
		"makeup_classes", "paid_tutoring", "tutoring_hours", "materials", "pe_time", "occupied_lessons",
		"morning_start", "phones", "pressure"}
	row := func(same, other int) dupRow {
		ans := map[string]int{"sex": 2} // sex is not counted, whatever it is
		for i, c := range codes {
			switch {
			case i < same:
				ans[c] = 1
			case i < same+other:
				ans[c] = 2
			default:
				ans[c] = 0 // 未答
			}
		}
		return dupRow{ans: ans}
	}
	tests := []struct {
		name        string
		same, other int
		want        bool
	}{
		{"10 answered, all option 1", 10, 0, true}, // exactly the minimum
		{"9 answered, all option 1", 9, 0, false},  // one short
		{"20 answered, all option 1", 20, 0, true},
		{"10 option 1 and 1 option 2", 10, 1, false}, // not one position
		{"11 answered, all option 1", 11, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]Source{memSource("学生问卷.csv", dupCSV(t, []dupRow{row(tt.same, tt.other)}))}, ReadOptions{Roster: fuzzRoster()})
			if err != nil {
				t.Fatal(err)
			}
			if res.Files[0].Used != 1 {
				t.Fatalf("row not used: %+v", res.Rejects)
			}
			f, got := findings(res)[RuleStraightLining]
			if got != tt.want || (got && (f.Count != 1 || f.Rejected)) {
				t.Errorf("straight-lining %v (%+v), want %v", got, f, tt.want)
			}
		})
	}
}

// TestRulesThresholds checks the thresholds `jianfu check --rules` states are the ones applied.
func TestRulesThresholds(t *testing.T) {
	want := map[string]string{
		string(ReasonDuplicate): "10 分钟；期望次数 < 0.05",
		RulePossibleDuplicate:   "10 分钟；期望次数 ≥ 0.05",
		string(ReasonTooFast):   "每题 2 秒（问卷题数 × 2 秒）",
		RuleStraightLining:      "至少 10 题",
		"low_response_rate":     "50%",
	}
	for _, r := range Rules(surveys.Quality{}, false) {
		if w, ok := want[r.Code]; ok && r.Threshold != w {
			t.Errorf("rule %s threshold %q, want %q", r.Code, r.Threshold, w)
		}
		delete(want, r.Code)
	}
	for code := range want {
		t.Errorf("rule %s missing from Rules", code)
	}
}
