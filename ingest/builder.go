package ingest

import (
	"strings"

	"github.com/jianfu-edu/jianfu/surveys"
)

// builder appends used rows to a dataset's columns.
type builder struct {
	d       *surveys.Dataset
	classes map[surveys.ClassKey]uint32
	ips     map[string]uint32
	ids     bool
	book    bool
}

func newBuilder(q *surveys.Questionnaire) *builder {
	d := &surveys.Dataset{Questionnaire: q, Answers: make([][]surveys.Answer, len(q.Questions)), IPs: []string{""}}
	for i := range q.Questions {
		switch q.Questions[i].Kind {
		case surveys.KindChoice:
			d.Answers[i] = []surveys.Answer{}
		case surveys.KindMulti:
			if d.Multi == nil {
				d.Multi = make([][]uint32, len(q.Questions))
			}
			d.Multi[i] = []uint32{}
		}
	}
	return &builder{d: d, classes: map[surveys.ClassKey]uint32{}, ips: map[string]uint32{"": 0}}
}

// useBookkeeping switches on the optional columns the first time a file has them, back-filling the
// rows read so far so that every column keeps one entry per respondent.
func (b *builder) useBookkeeping(ids, book bool) {
	n := b.d.Len()
	if ids && !b.ids {
		b.ids = true
		b.d.StudentID = make([]string, n)
	}
	if book && !b.book {
		b.book = true
		b.d.SubmittedAt = make([]int64, n)
		b.d.Duration = make([]int32, n)
		for i := range b.d.Duration {
			b.d.Duration[i] = -1
		}
		b.d.IP = make([]uint32, n)
	}
}

func (b *builder) beginRow(school uint16, grade uint8, class string, file uint16, row uint32) {
	d := b.d
	k := surveys.ClassKey{School: school, Grade: grade, Label: class}
	ci, ok := b.classes[k]
	if !ok {
		ci = uint32(len(d.Classes))
		d.Classes = append(d.Classes, k)
		b.classes[k] = ci
	}
	d.School = append(d.School, school)
	d.Grade = append(d.Grade, grade)
	d.Class = append(d.Class, ci)
	d.File = append(d.File, file)
	d.Row = append(d.Row, row)
}

func (b *builder) bookkeeping(id string, submitted int64, duration int32, ip string) {
	d := b.d
	if b.ids {
		if id = strings.TrimSpace(id); isBlankCell(id) {
			id = ""
		}
		d.StudentID = append(d.StudentID, id)
	}
	if b.book {
		d.SubmittedAt = append(d.SubmittedAt, submitted)
		d.Duration = append(d.Duration, duration)
		ip = normalIP(ip)
		idx, ok := b.ips[ip]
		if !ok {
			idx = uint32(len(d.IPs))
			d.IPs = append(d.IPs, ip)
			b.ips[ip] = idx
		}
		d.IP = append(d.IP, idx)
	}
}

// normalIP strips the place 问卷星 appends to an address: "183.1.2.3(湖南-长沙)" → "183.1.2.3".
func normalIP(ip string) string {
	ip = strings.TrimSpace(ip)
	if isBlankCell(ip) {
		return ""
	}
	if i := strings.IndexAny(ip, "(（"); i > 0 {
		ip = ip[:i]
	}
	return ip
}
