package main

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
	"github.com/jianfu-edu/jianfu/demo"
	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// clusterBootstrap returns a second term of d with no real change: in each school, its classes drawn
// with replacement (each draw a new class), so that answers vary between terms as much as a new
// sample of classes would, class effects included.
func clusterBootstrap(d *surveys.Dataset, seed uint64) *surveys.Dataset {
	rng := rand.New(rand.NewPCG(seed, 7))
	rows := map[uint32][]int{}
	var bySchool = map[uint16][]uint32{}
	for i := 0; i < d.Len(); i++ {
		c := d.Class[i]
		if len(rows[c]) == 0 {
			bySchool[d.School[i]] = append(bySchool[d.School[i]], c)
		}
		rows[c] = append(rows[c], i)
	}
	out := &surveys.Dataset{Questionnaire: d.Questionnaire, Schools: d.Schools, Answers: make([][]surveys.Answer, len(d.Answers)), Files: d.Files}
	for s := 0; s < len(d.Schools); s++ {
		classes := bySchool[uint16(s)]
		for k := range classes {
			c := classes[rng.IntN(len(classes))]
			key := d.Classes[c]
			key.Label = fmt.Sprintf("%s#%d", key.Label, k)
			ci := uint32(len(out.Classes))
			out.Classes = append(out.Classes, key)
			for _, i := range rows[c] {
				out.School = append(out.School, d.School[i])
				out.Grade = append(out.Grade, d.Grade[i])
				out.Class = append(out.Class, ci)
				out.File = append(out.File, d.File[i])
				out.Row = append(out.Row, d.Row[i])
				for q := range d.Answers {
					if d.Answers[q] != nil {
						out.Answers[q] = append(out.Answers[q], d.Answers[q][i])
					}
				}
			}
		}
	}
	return out
}

// plant changes a share of school s's judged answers to indicator ind in d: complying ones to a
// violating option (worse) or violating ones to a complying option (remedied).
func plant(t *testing.T, d *surveys.Dataset, ind *surveys.Indicator, s int, worse bool, share float64, rng *rand.Rand) {
	t.Helper()
	qi := d.Questionnaire.Index(ind.Question)
	vt, _, err := ind.Verdicts(&d.Questionnaire.Questions[qi])
	if err != nil {
		t.Fatal(err)
	}
	from, to := surveys.Complies, surveys.Violates
	if !worse {
		from, to = to, from
	}
	col := d.Answers[qi]
	for i := range col {
		if int(d.School[i]) != s || vt[d.Grade[i]][col[i]] != from || rng.Float64() >= share {
			continue
		}
		for o := 1; o <= len(d.Questionnaire.Questions[qi].Options); o++ {
			if vt[d.Grade[i]][o] == to {
				col[i] = surveys.Answer(o)
				break
			}
		}
	}
}

// TestTermsPlantedChanges: term 1 is the demo county; term 2 a new sample of its classes (no real
// change) with violations planted at two schools and two remedied. Every planted change is called
// out; of the hundreds of other cells, almost none.
func TestTermsPlantedChanges(t *testing.T) {
	var sources []ingest.Source
	var roster *surveys.Roster
	for _, name := range demo.Files() {
		if name == demo.RosterFile {
			r, err := ingest.ReadRoster(ingest.FSSource(demo.FS, name), ingest.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			roster = r
			continue
		}
		if name == demo.StudentFile || name == demo.ParentFile {
			sources = append(sources, ingest.FSSource(demo.FS, name))
		}
	}
	res, err := ingest.Read(sources, ingest.ReadOptions{Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := surveys.LoadProfile(surveys.DefaultProfile, surveys.Builtins()...)
	if err != nil {
		t.Fatal(err)
	}
	analyze := func(ds []*surveys.Dataset, term string) *analysis.Results {
		r, err := analysis.Analyze(analysis.Input{Datasets: ds, Schools: res.Schools, Profile: p, Term: term, RosterGiven: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1 := analyze(res.Datasets, "2025年秋季学期")
	student := res.Dataset("student")
	var ds2 []*surveys.Dataset
	for i, d := range res.Datasets {
		ds2 = append(ds2, clusterBootstrap(d, uint64(i+1)))
	}
	type cell struct {
		ind    string
		school int
		worse  bool
	}
	// Two schools get worse on an indicator they complied with; two flagged ones remedy theirs.
	planted := []cell{{"no_ranking", 0, true}, {"no_parent_grading", 5, true}}
	r1Flagged := map[cell]bool{}
	for _, ir := range r1.Indicators {
		if ir.Questionnaire.Code != "student" {
			continue
		}
		for _, s := range ir.Flagged {
			if len(planted) < 4 && !r1Flagged[cell{ir.Indicator.Code, s, false}] && s != 0 && s != 5 {
				planted = append(planted, cell{ir.Indicator.Code, s, false})
				r1Flagged[cell{ir.Indicator.Code, s, false}] = true
			}
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	var s2 *surveys.Dataset
	for _, d := range ds2 {
		if d.Questionnaire == student.Questionnaire {
			s2 = d
		}
	}
	for _, c := range planted {
		share := 0.5 // half the school's compliers now violate
		if !c.worse {
			share = 0.9 // the school remedied its violation
		}
		plant(t, s2, p.Indicator(c.ind), c.school, c.worse, share, rng)
	}
	r2 := analyze(ds2, "2026年春季学期")
	cmp := analysis.Compare(analysis.CurrentTerm(r2), []analysis.Term{analysis.CurrentTerm(r1)}, changeLevel)
	isPlanted := map[string]bool{}
	for _, c := range planted {
		isPlanted[c.ind+"/student/"+res.Schools[c.school].Code] = true
	}
	caught, false_ := 0, 0
	for _, ch := range cmp.Changes {
		k := ch.Indicator + "/" + ch.Questionnaire + "/" + ch.School.Code
		if isPlanted[k] {
			t.Logf("planted: %s %s %s %+.3f [%+.3f, %+.3f] p=%.4f df=%v called out %v", k, ch.School.Name, ch.School.Stage, ch.Diff, ch.Low, ch.High, ch.PValue, ch.DF, ch.CalledOut)
		}
		switch {
		case isPlanted[k] && ch.CalledOut:
			caught++
		case ch.CalledOut && !ch.County():
			false_++
			t.Logf("called out, not planted: %s %s %+.3f [%+.3f, %+.3f]", k, ch.School.Name, ch.Diff, ch.Low, ch.High)
		}
	}
	t.Logf("%d changes compared; %d of %d planted called out; %d other school cells called out", len(cmp.Changes), caught, len(planted), false_)
	if caught != len(planted) {
		t.Errorf("%d of %d planted changes called out", caught, len(planted))
	}
	if false_ > 2 {
		t.Errorf("%d school cells called out with nothing planted (want at most 2 of %d)", false_, len(cmp.Changes))
	}
}
