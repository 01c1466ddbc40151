package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// demoResults reads the demo county's questionnaires (students, parents, teachers) and analyses them.
func demoResults(t *testing.T) *analysis.Results {
	t.Helper()
	roster, err := ingest.ReadRoster(ingest.FSSource(demo.FS, demo.RosterFile), ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var sources []ingest.Source
	for _, name := range []string{demo.StudentFile, demo.ParentFile, demo.TeacherFile} {
		sources = append(sources, ingest.FSSource(demo.FS, name))
	}
	res, err := ingest.Read(sources, ingest.ReadOptions{Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := surveys.LoadProfile("national-2021", surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Analyze(analysis.Input{Datasets: res.Datasets, Schools: res.Schools, Profile: p, Term: "2026年春季学期", RosterGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTeacherSections: the demo county's report has the teacher questionnaire, teachers beside
// students and parents, 教师负担 and the open answers, and no planted personal data anywhere in the
// report, results.json or the tables.
func TestTeacherSections(t *testing.T) {
	r := demoResults(t)
	out := render(t, r)
	text := htmlText(out.html)
	for _, want := range []string{
		"附件", "教师问卷", "共258名教师填写了教师问卷", "教师问卷有效问卷258份，按任教学段：小学", // overview and section
		"学生、家长与教师的回答对照", "教师反映学校在周末、节假日或寒暑假组织集体补课的占", // disagreements stated
		"教师负担", "的教师每个工作日在校工作10小时以上",
		"开放题：意见和建议", "某老师", "某校", "××",
		"一位家长反映：“", // 主要问题 quotes people, as the county report does
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	for name, data := range map[string][]byte{"report.html": out.html, "results.json": out.json, "report.docx": out.docx, "tables.xlsx": out.xlsx} {
		for _, secret := range demo.OpenSecrets {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s contains the planted personal data %q", name, secret)
			}
		}
	}
	var js struct {
		Voices []struct {
			Indicator string `json:"indicator"`
			Schools   []struct {
				Name     string   `json:"name"`
				Stage    string   `json:"stage"`
				Disagree []string `json:"disagree"`
			} `json:"schools"`
		} `json:"voices"`
		TeacherBurden []struct {
			Question string   `json:"question"`
			Share    *float64 `json:"share"`
		} `json:"teacher_burden"`
		OpenAnswers struct {
			Total  int `json:"total"`
			Themes []struct {
				Theme  string                  `json:"theme"`
				Quotes []struct{ Text string } `json:"quotes"`
			} `json:"themes"`
		} `json:"open_answers"`
	}
	if err := json.Unmarshal(out.json, &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Voices) != 5 || len(js.TeacherBurden) != 4 || js.OpenAnswers.Total == 0 || len(js.OpenAnswers.Themes) == 0 {
		t.Fatalf("results.json: %d voices, %d burdens, %d open answers", len(js.Voices), len(js.TeacherBurden), js.OpenAnswers.Total)
	}
	// The demo plants make-up classes at four junior schools; their teachers say so far more often
	// than their students (for whom it is planted in 九年级 only).
	disagree := 0
	for _, v := range js.Voices {
		if v.Indicator != "no_makeup_classes" {
			continue
		}
		for _, s := range v.Schools {
			if s.Stage == "" {
				t.Errorf("%s: no stage", s.Name)
			}
			if len(s.Disagree) > 0 {
				disagree++
			}
		}
	}
	if disagree == 0 {
		t.Error("no school where teachers and students disagree on make-up classes")
	}
}

// TestFeedbackHasNoQuotes: no school's feedback sheet shows an open answer, scrubbed or not, where it
// could identify its writer (teachers-and-timetables.md).
func TestFeedbackHasNoQuotes(t *testing.T) {
	r := demoResults(t)
	if r.Open == nil || len(r.Open.Themes) == 0 {
		t.Fatal("the demo county has no open answers")
	}
	sheets := BuildFeedback(r, Options{})
	if len(sheets) == 0 {
		t.Fatal("no feedback sheets")
	}
	for _, fb := range sheets {
		var h bytes.Buffer
		if err := WriteHTML(&h, fb.Doc); err != nil {
			t.Fatal(err)
		}
		for _, th := range r.Open.Themes {
			for _, q := range th.Quotes {
				if bytes.Contains(h.Bytes(), []byte(q.Text)) {
					t.Errorf("feedback sheet %s quotes %q", fb.File, q.Text)
				}
			}
		}
		if bytes.Contains(h.Bytes(), []byte("开放题")) {
			t.Errorf("feedback sheet %s has the open answers", fb.File)
		}
	}
}
