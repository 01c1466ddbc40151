package surveys

// Timetable is one class's week (from a class timetable grid) or one grade's week (from a summary
// table), as ingest read it: periods per subject, and what the grid showed besides.
type Timetable struct {
	School  string // the roster's 学校名称 when matched, else the name as written
	Matched bool   // School was found in the roster (or among the schools of the answers)
	Grade   int    // 1..9
	Class   string // the class ("1" for 七年级1班); "" for a summary table's rows
	Source  string // file, and sheet when there is one, for messages
	Summary bool   // from a summary table (学校, 年级, 学科, 周课时): no days, no times
	Lessons []Lesson
	// SelfStudy counts 自习 periods: periods, but no lesson of any subject (not in Total).
	SelfStudy float64
	// Weekend lists the weekend days with lessons ("星期六"), in week order.
	Weekend []string
	// WeekendPeriods counts the lessons on those days (they are in Lessons and Total too).
	WeekendPeriods float64
	// FirstStart and LastEnd are the start of the first lesson and the end of the last, in minutes
	// after midnight, from the period times in the grid; -1 when the grid gives none.
	FirstStart, LastEnd int
	// DayStart and DayEnd also take the timed rows that are not lessons (早读, 课后服务); -1 when none.
	DayStart, DayEnd int
}

// Lesson is a subject's weekly periods in a timetable. Alternate-week cells (音乐/美术) count half.
type Lesson struct {
	Subject string     // canonical subject, or the name as written (folded) when Kind is LessonUnknown
	Kind    LessonKind // LessonSubject or LessonUnknown
	Periods float64
}

// Total returns the lessons a week: every subject's and unknown name's periods, not 自习.
func (t *Timetable) Total() float64 {
	n := 0.0
	for _, l := range t.Lessons {
		n += l.Periods
	}
	return n
}

// Periods returns the weekly periods of a subject (0 when it has none).
func (t *Timetable) Periods(subject string) float64 {
	for _, l := range t.Lessons {
		if l.Subject == subject {
			return l.Periods
		}
	}
	return 0
}

// Add counts periods of a subject.
func (t *Timetable) Add(subject string, kind LessonKind, periods float64) {
	for i := range t.Lessons {
		if t.Lessons[i].Subject == subject {
			t.Lessons[i].Periods += periods
			return
		}
	}
	t.Lessons = append(t.Lessons, Lesson{Subject: subject, Kind: kind, Periods: periods})
}
