package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// cellState says what a bookkeeping cell (a time, a duration) held.
type cellState uint8

const (
	cellAbsent     cellState = iota // nothing written: empty, NULL, (空)
	cellRead                        // read
	cellUnreadable                  // something written that cannot be read
)

// isBlankCell reports whether a bookkeeping cell was left empty: blank, NULL (as uploaders and
// database exports write it), (空) or -- .
func isBlankCell(s string) bool {
	s = strings.TrimSpace(s)
	switch s {
	case "", "NULL", "null", "Null", "(空)", "（空）", "-", "--":
		return true
	}
	return false
}

var epoch2000 = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ParseSubmitted reads 提交答卷时间 as seconds since 2000-01-01 00:00 in the survey's local time; 0
// when it cannot be read. See parseTime for the forms.
func ParseSubmitted(s string) int64 {
	t, st := parseTime(s)
	if st != cellRead {
		return 0
	}
	return t
}

// parseTime reads a date and time as the clock showed it, in seconds since 2000-01-01 00:00:
// 问卷星's "2023/1/17 9:58:01" and "2026/09/03 12:00:00", "2026-09-03 12:00", ISO "2026-09-03T12:00"
// (a trailing Z or offset is ignored: the clock time is kept), "2026年9月3日 12:00", "2026年9月3日12时5分",
// a date alone, 上午/下午 (AM/PM) with a 12-hour clock, and an Excel date-time serial number
// ("46268.5", days since 1899-12-30, as a date cell's raw value). Full-width digits read as digits.
func parseTime(s string) (int64, cellState) {
	s = strings.TrimSpace(s)
	if isBlankCell(s) {
		return 0, cellAbsent
	}
	if t, ok := parseWJXTime(s); ok {
		return t, cellRead
	}
	if len(s) > 64 {
		return 0, cellUnreadable
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// Excel serial: days since 1899-12-30; 36526 is 2000-01-01 and 80000 is in 2119.
		if f > 36526 && f < 80000 {
			return int64(math.Round((f - 36526) * 86400)), cellRead
		}
		return 0, cellUnreadable
	}
	if t, ok := parseDateTime(s); ok {
		return t, cellRead
	}
	return 0, cellUnreadable
}

// timeToken is a run of digits (num >= 0) or one other rune (num < 0).
type timeToken struct {
	num    int
	digits int
	r      rune
}

// timeTokens splits s into numbers and single runes, with full-width digits read as digits and runs
// of white space as one ' '. It gives up (nil) on a number of more than 4 digits (other than a
// fraction of a second) or more than 24 tokens.
func timeTokens(s string) []timeToken {
	var out []timeToken
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		switch {
		case r >= '0' && r <= '9':
			if n := len(out); n > 0 && out[n-1].num >= 0 {
				t := &out[n-1]
				if t.digits >= 4 {
					t.digits++ // kept only as "too long"
					continue
				}
				t.num = t.num*10 + int(r-'0')
				t.digits++
				continue
			}
			out = append(out, timeToken{num: int(r - '0'), digits: 1})
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0':
			if n := len(out); n > 0 && out[n-1].r == ' ' {
				continue
			}
			out = append(out, timeToken{num: -1, r: ' '})
		case r == utf8.RuneError:
			return nil
		default:
			out = append(out, timeToken{num: -1, r: r})
		}
		if len(out) > 24 {
			return nil
		}
	}
	return out
}

// parseDateTime reads the text forms of parseTime other than 问卷星's own.
func parseDateTime(s string) (int64, bool) {
	s = strings.NewReplacer("上午", " AM ", "下午", " PM ", "am", "AM", "pm", "PM").Replace(s)
	toks := timeTokens(s)
	p := &timeParser{toks: toks}
	y, mo, d, ok := p.date()
	if !ok {
		return 0, false
	}
	var h, mi, sec int
	if !p.done() {
		p.skip(' ')
		p.skip('T')
		p.skip(' ')
		half := p.meridiem()
		p.skip(' ')
		if h, mi, sec, ok = p.clock(); !ok {
			return 0, false
		}
		p.skip(' ')
		if half == 0 {
			half = p.meridiem()
		}
		if half != 0 {
			if h < 1 || h > 12 {
				return 0, false
			}
			h %= 12
			if half == 'P' {
				h += 12
			}
		}
		p.zone()
	}
	if !p.done() || y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d {
		return 0, false // 2026/2/30
	}
	return int64(t.Sub(epoch2000) / time.Second), true
}

type timeParser struct {
	toks []timeToken
	i    int
}

func (p *timeParser) done() bool { return p.i >= len(p.toks) }

func (p *timeParser) skip(r rune) bool {
	if !p.done() && p.toks[p.i].num < 0 && p.toks[p.i].r == r {
		p.i++
		return true
	}
	return false
}

// number reads a number of at most max digits.
func (p *timeParser) number(max int) (int, bool) {
	if p.done() || p.toks[p.i].num < 0 || p.toks[p.i].digits > max {
		return 0, false
	}
	p.i++
	return p.toks[p.i-1].num, true
}

// date reads Y/M/D, Y-M-D, Y.M.D or Y年M月D日 with a four-digit year.
func (p *timeParser) date() (y, m, d int, ok bool) {
	if p.done() || p.toks[p.i].digits != 4 {
		return 0, 0, 0, false
	}
	y, _ = p.number(4)
	if p.skip('年') {
		if m, ok = p.number(2); !ok || !p.skip('月') {
			return 0, 0, 0, false
		}
		if d, ok = p.number(2); !ok || !(p.skip('日') || p.skip('号')) {
			return 0, 0, 0, false
		}
		return y, m, d, true
	}
	if p.done() || p.toks[p.i].num >= 0 {
		return 0, 0, 0, false
	}
	sep := p.toks[p.i].r
	if sep != '/' && sep != '-' && sep != '.' {
		return 0, 0, 0, false
	}
	p.i++
	if m, ok = p.number(2); !ok || !p.skip(sep) {
		return 0, 0, 0, false
	}
	if d, ok = p.number(2); !ok {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// clock reads H:MM[:SS[.fff]] or H时M分[S秒] (also H点M分).
func (p *timeParser) clock() (h, m, s int, ok bool) {
	if h, ok = p.number(2); !ok {
		return 0, 0, 0, false
	}
	if p.skip('时') || p.skip('点') {
		if p.done() {
			return h, 0, 0, true
		}
		if m, ok = p.number(2); !ok || !p.skip('分') {
			return 0, 0, 0, false
		}
		if !p.done() && p.toks[p.i].num >= 0 {
			if s, ok = p.number(2); !ok || !p.skip('秒') {
				return 0, 0, 0, false
			}
		}
		return h, m, s, true
	}
	if !p.skip(':') {
		return 0, 0, 0, false
	}
	if m, ok = p.number(2); !ok {
		return 0, 0, 0, false
	}
	if p.skip(':') {
		if s, ok = p.number(2); !ok {
			return 0, 0, 0, false
		}
		if p.skip('.') {
			if _, ok = p.number(9); !ok {
				return 0, 0, 0, false
			}
		}
	}
	return h, m, s, true
}

// meridiem reads AM or PM and returns 'A' or 'P', or 0 when there is none.
func (p *timeParser) meridiem() rune {
	if p.i+1 < len(p.toks) && p.toks[p.i+1].r == 'M' && (p.toks[p.i].r == 'A' || p.toks[p.i].r == 'P') {
		p.i += 2
		return p.toks[p.i-2].r
	}
	return 0
}

// zone skips a trailing Z, +08:00, +0800 or -05.
func (p *timeParser) zone() {
	if p.skip('Z') {
		return
	}
	save := p.i
	if p.skip('+') || p.skip('-') {
		if _, ok := p.number(4); ok {
			if p.skip(':') {
				if _, ok := p.number(2); ok {
					return
				}
			} else {
				return
			}
		}
	}
	p.i = save
}

// parseWJXTime reads "2026/9/3 12:00:00" (问卷星's form) without allocating.
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
	if i != len(s) || v[0] < 1900 || v[0] > 2999 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59 {
		return 0, false
	}
	t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Day() != v[2] {
		return 0, false // 2026/2/30
	}
	return int64(t.Sub(epoch2000) / time.Second), true
}

// maxDuration is the longest 所用时间 taken as real, in seconds (about 115 days); longer is unreadable.
const maxDuration = 10_000_000

// ParseDuration reads 所用时间 ("123秒", "2分3秒", "1小时2分3秒", "123", "123.0", "0:02:03") as seconds;
// -1 when it cannot be read.
func ParseDuration(s string) int32 {
	d, st := parseDuration(s)
	if st != cellRead {
		return -1
	}
	return d
}

// parseDuration reads a duration cell as ParseDuration does, and says whether it was blank.
func parseDuration(s string) (int32, cellState) {
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
			return int32(v), cellRead
		}
	}
	if isBlankCell(s) {
		return -1, cellAbsent
	}
	s = wholeNumber(fold(s))
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 0 && n <= maxDuration {
			return int32(n), cellRead
		}
		return -1, cellUnreadable
	}
	if strings.Contains(s, ":") {
		return clockDuration(s)
	}
	total, num, seen := 0, -1, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if num < 0 {
				num = 0
			}
			num = num*10 + int(r-'0')
			if num > maxDuration {
				return -1, cellUnreadable
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
		return -1, cellUnreadable
	}
	if !seen || num >= 0 || total > maxDuration {
		return -1, cellUnreadable
	}
	return int32(total), cellRead
}

// clockDuration reads H:MM:SS or M:SS.
func clockDuration(s string) (int32, cellState) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return -1, cellUnreadable
	}
	total := 0
	for i, p := range parts {
		if p == "" || len(p) > 7 || strings.Trim(p, "0123456789") != "" {
			return -1, cellUnreadable
		}
		n, _ := strconv.Atoi(p)
		if i > 0 && (n > 59 || len(p) != 2) {
			return -1, cellUnreadable
		}
		total = total*60 + n
	}
	if total > maxDuration {
		return -1, cellUnreadable
	}
	return int32(total), cellRead
}
