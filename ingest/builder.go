package ingest

import (
	"strconv"
	"strings"
	"time"

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
		d.StudentID = append(d.StudentID, strings.TrimSpace(id))
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

var epoch2000 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

var submittedLayouts = []string{"2006/1/2 15:04:05", "2006-1-2 15:04:05", "2006/1/2 15:04", "2006-1-2 15:04", "2006/1/2", "2006-1-2"}

// ParseSubmitted reads 提交答卷时间 ("2026/09/03 12:00:00", or an Excel date serial number) as
// seconds since 2000-01-01 00:00 in the survey's local time; 0 when it cannot be read.
func ParseSubmitted(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if t, ok := parseWJXTime(s); ok {
		return t
	}
	for _, l := range submittedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return int64(t.Sub(epoch2000) / time.Second)
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 36526 && f < 80000 {
		// Excel serial date: days since 1899-12-30; 36526 is 2000-01-01.
		return int64((f - 36526) * 86400)
	}
	return 0
}

// maxDuration is the longest 所用时间 taken as real, in seconds (about 115 days); longer is unreadable.
const maxDuration = 10_000_000

// ParseDuration reads 所用时间 ("123秒", "2分3秒", "1小时2分", "123") as seconds; -1 when it cannot be read.
func ParseDuration(s string) int32 {
	if n := len(s) - len("秒"); n > 0 && n <= 7 && strings.HasSuffix(s, "秒") {
		v := 0
		for i := 0; i < n; i++ {
			if s[i] < '0' || s[i] > '9' {
				v = -1
				break
			}
			v = v*10 + int(s[i]-'0')
		}
		if v >= 0 {
			return int32(v)
		}
	}
	s = fold(s)
	if s == "" {
		return -1
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= maxDuration {
		return int32(n)
	}
	total, num, seen := 0, -1, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if num < 0 {
				num = 0
			}
			num = num*10 + int(r-'0')
			if num > 1e6 {
				return -1
			}
			continue
		case r == '时' || r == '钟' || r == '小':
			if r == '时' && num >= 0 {
				total += num * 3600
				num, seen = -1, true
			}
			continue
		case r == '分':
			if num >= 0 {
				total += num * 60
				num, seen = -1, true
			}
			continue
		case r == '秒':
			if num >= 0 {
				total += num
				num, seen = -1, true
			}
			continue
		}
		return -1
	}
	if !seen || num >= 0 {
		return -1
	}
	if total > maxDuration {
		return -1
	}
	return int32(total)
}

// normalIP strips the place 问卷星 appends to an address: "183.1.2.3(湖南-长沙)" → "183.1.2.3".
func normalIP(ip string) string {
	ip = strings.TrimSpace(ip)
	if i := strings.IndexAny(ip, "(（"); i > 0 {
		ip = ip[:i]
	}
	return ip
}

// parseWJXTime reads "2026/9/3 12:00:00" (问卷星's form) without time.Parse.
func parseWJXTime(s string) (int64, bool) {
	var v [6]int
	i := 0
	for k := 0; k < 6; k++ {
		n, d := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && d < 4 {
			n = n*10 + int(s[i]-'0')
			i++
			d++
		}
		if d == 0 {
			return 0, false
		}
		v[k] = n
		if k == 5 {
			break
		}
		want := byte('/')
		switch k {
		case 2:
			want = ' '
		case 3, 4:
			want = ':'
		}
		if i >= len(s) || s[i] != want {
			return 0, false
		}
		i++
	}
	if i != len(s) || v[0] < 1000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59 {
		return 0, false
	}
	t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Day() != v[2] {
		return 0, false // 2026/2/30
	}
	return int64(t.Sub(epoch2000) / time.Second), true
}
