package ingest

import (
	"strings"
	"unicode"

	"github.com/jianfu-edu/jianfu/surveys"
)

// columnRole says what a column of an input file holds.
type columnRole uint8

const (
	roleUnknown     columnRole = iota
	roleQuestion               // a question of the questionnaire
	roleOption                 // one option's 0/1 column of a question a 序号 download splits: "8、(30-60分钟)"
	roleStudentID              // 学生编号 / 学号 / 编号
	roleSubmitted              // 提交答卷时间, or 结束答题时间 (腾讯问卷)
	roleStart                  // 开始答题时间 (腾讯问卷)
	roleDuration               // 所用时间 / 答题时长
	roleIP                     // 来自IP
	roleBookkeeping            // 序号, 来源, 来源详情, 总分, 用户ID: kept out of the data
)

var bookkeeping = map[string]columnRole{
	"序号": roleBookkeeping, "提交答卷时间": roleSubmitted, "答题时间": roleSubmitted, "提交时间": roleSubmitted,
	"所用时间": roleDuration, "答题时长": roleDuration, "来源": roleBookkeeping, "来源详情": roleBookkeeping,
	"来自IP": roleIP, "IP": roleIP, "IP地址": roleIP, "总分": roleBookkeeping, "用户ID": roleBookkeeping,
	"学生编号": roleStudentID, "学号": roleStudentID, "编号": roleStudentID,
	// 腾讯问卷 and 腾讯文档.
	"开始答题时间": roleStart, "结束答题时间": roleSubmitted, "开始时间": roleStart, "结束时间": roleSubmitted,
	"填写时间": roleSubmitted, "提交者": roleBookkeeping, "填写者": roleBookkeeping, "提交人": roleBookkeeping,
	"答卷编号": roleBookkeeping, "填写设备": roleBookkeeping, "操作系统": roleBookkeeping, "浏览器": roleBookkeeping,
}

// Short headers of hand-made sheets for the school, grade (or teacher's stage) and class questions.
var shortHeaders = map[string]surveys.Kind{
	"学校": surveys.KindSchool, "学校名称": surveys.KindSchool, "所在学校": surveys.KindSchool, "就读学校": surveys.KindSchool,
	"年级": surveys.KindGrade, "所在年级": surveys.KindGrade,
	"学段": surveys.KindStage, "任教学段": surveys.KindStage, "主要任教学段": surveys.KindStage,
	"班级": surveys.KindClass, "所在班级": surveys.KindClass, "班": surveys.KindClass,
}

// column is the meaning of one input column.
type column struct {
	role     columnRole
	question int            // index into Questionnaire.Questions for roleQuestion and roleOption
	option   surveys.Answer // the option of a roleOption column
	approx   bool           // matched by similarity, not exactly
}

// headerIndex holds a questionnaire's question texts normalised as headers are.
type headerIndex struct {
	q     *surveys.Questionnaire
	texts []string
	plain [][][]rune // per question, plainWords of its text, and without its parentheticals when it has any
}

func newHeaderIndex(q *surveys.Questionnaire) *headerIndex {
	x := &headerIndex{q: q, texts: make([]string, len(q.Questions)), plain: make([][][]rune, len(q.Questions))}
	for i := range q.Questions {
		t, _ := normHeader(q.Questions[i].Text)
		x.texts[i] = t
		x.plain[i] = [][]rune{[]rune(plainWords(t))}
		if strings.Contains(t, "(") {
			x.plain[i] = append(x.plain[i], []rune(plainWords(dropParentheticals(t))))
		}
	}
	return x
}

// headerMatch finds the question a normalised header names in q, or -1. approx is set when the
// header is not the question's text but says the same (see sameWords).
func headerMatch(q *surveys.Questionnaire, text string, num int) (idx int, approx bool) {
	return newHeaderIndex(q).match(text, num)
}

func (x *headerIndex) match(text string, num int) (int, bool) {
	for i, qt := range x.texts {
		if text == qt {
			return i, false
		}
	}
	if k, ok := shortHeaders[text]; ok {
		for i := range x.q.Questions {
			if x.q.Questions[i].Kind == k {
				return i, false
			}
		}
	}
	if len([]rune(text)) < 6 {
		return -1, false
	}
	best, bestEdits := -1, 0
	hr := []rune(plainWords(text))
	for i := range x.texts {
		e, ok := sameWords(hr, x.plain[i])
		if !ok {
			continue
		}
		if best < 0 || e < bestEdits || (e == bestEdits && num != 0 && num == x.q.Questions[i].Number) {
			best, bestEdits = i, e
		}
	}
	return best, best >= 0
}

// maxTypos is how many one-character slips a header may have and still be taken for a question.
const maxTypos = 2

// sameWords reports whether a header asks what a question asks, and with how many typos: h is the
// plainWords of the normalised header, forms those of the question's text and of the text without its
// parentheticals. Similar is not enough: "周末，你平均每天的睡眠时间" is as close to the
// school-day question as a typo, and asks something else. So h is q only when, with punctuation and
// filler words (大约, 通常, 请问, 的 …) set aside and 您 read as 你, it differs from q by no more than
//   - leaving out a parenthetical clarification of q (（周一至周五）, （不含课堂小测验）), and
//   - at most maxTypos one-character slips (a character replaced, left out or doubled), not next to
//     each other (two neighbouring changes replace a word: 睡眠 → 运动),
//
// and no slip touches a meaning word, a word that sets when, who, whether, where or how much
// (上学日/周末, 你/孩子/家长, 不/没, 校内/校外, 几点/几次 …): a change there is another question.
func sameWords(h []rune, forms [][]rune) (int, bool) {
	best := -1
	for _, q := range forms {
		if e, ok := slipsOnly(h, q); ok && (best < 0 || e < best) {
			best = e
		}
	}
	return best, best >= 0
}

// meaningWords set when, who, whether, where and how much: a header that changes one of them asks
// another question, however similar the rest.
var meaningWords = []string{
	// when
	"上学日", "周一至周五", "工作日", "周末", "周六", "周日", "星期", "节假日", "假期", "寒假", "暑假", "放假",
	"学期", "学年", "今年", "去年", "每天", "每周", "每月", "每次", "早上", "上午", "中午", "午睡", "下午", "晚上", "夜间", "睡前",
	// who
	"你", "孩子", "家长", "父母", "学生", "老师", "教师", "班主任", "同学", "自己", "学校", "年级", "班级", "本校", "外校",
	// whether
	"不", "没", "未", "无", "非", "否", "是否",
	// where and what kind
	"校内", "校外", "在校", "课内", "课外", "课后", "课堂", "线上", "线下", "学科", "语文", "数学", "英语",
	"体育", "音乐", "美术", "书面", "口头",
	// how much
	"几点", "几次", "几套", "多长", "多少", "小时", "分钟", "以上", "以下", "以内",
}

// fillerWords carry no meaning a question depends on; they are set aside before comparing.
var fillerWords = strings.NewReplacer("请问", "", "请选择", "", "大约", "", "大概", "", "通常", "", "一般", "", "平均", "",
	"目前", "", "左右", "", "的", "", "了", "", "吗", "", "呢", "", "您", "你")

// plainWords returns s without punctuation, symbols and filler words, with 您 as 你.
func plainWords(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
	return fillerWords.Replace(s)
}

// dropParentheticals removes every "(…)" group of a normalised text.
func dropParentheticals(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// meaningMask marks the runes of s that belong to a meaning word.
func meaningMask(s []rune) []bool {
	mask := make([]bool, len(s))
	str := string(s)
	for _, w := range meaningWords {
		for off := 0; ; {
			i := strings.Index(str[off:], w)
			if i < 0 {
				break
			}
			start := len([]rune(str[:off+i]))
			for k := 0; k < len([]rune(w)); k++ {
				mask[start+k] = true
			}
			off += i + len(w)
		}
	}
	return mask
}

// slipsOnly reports whether h turns into q by at most maxTypos one-rune edits, none on a meaning word
// of either text and no two next to each other, and how many edits it takes.
func slipsOnly(h, q []rune) (int, bool) {
	n, m := len(h), len(q)
	if n-m > maxTypos || m-n > maxTypos || n == 0 || m == 0 {
		return 0, false
	}
	// Levenshtein distance, then one cheapest alignment traced back.
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			c := d[i-1][j-1]
			if h[i-1] != q[j-1] {
				c++
			}
			d[i][j] = min(c, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	if d[n][m] > maxTypos {
		return 0, false
	}
	mh, mq := meaningMask(h), meaningMask(q)
	// Edit positions on q, doubled so that an insertion between q[j-1] and q[j] sits at 2j-1.
	last := 1 << 30
	near := func(pos int) bool {
		n := last-pos <= 2
		last = pos
		return n
	}
	for i, j := n, m; i > 0 || j > 0; {
		switch {
		case i > 0 && j > 0 && h[i-1] == q[j-1] && d[i][j] == d[i-1][j-1]:
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+1:
			if mh[i-1] || mq[j-1] || near(2*(j-1)) {
				return 0, false
			}
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			// h[i-1] inserted between q[j-1] and q[j]: it may not split a meaning word of q.
			if mh[i-1] || (j > 0 && j < m && mq[j-1] && mq[j]) || near(2*j-1) {
				return 0, false
			}
			i--
		default:
			// q[j-1] left out between h[i-1] and h[i]: it may not join a meaning word of h.
			if mq[j-1] || (i > 0 && i < n && mh[i-1] && mh[i]) || near(2*(j-1)) {
				return 0, false
			}
			j--
		}
	}
	return d[n][m], true
}

// optionColumn reads a header of a 序号 download's option column, "(30-60分钟)" after the number 8
// was taken off ("8、(30-60分钟)" or "第8题(30-60分钟)"): the question with that number and its option
// with that text. It returns -1 when the header is not one.
func (x *headerIndex) optionColumn(text string, num int) (int, surveys.Answer) {
	if num == 0 || len(text) < 3 || text[0] != '(' || text[len(text)-1] != ')' {
		return -1, 0
	}
	inner, _ := splitFillIns(text[1 : len(text)-1]) // "(其他〖〗)": the option with room for text
	inner = normAnswer(inner)
	if k := strings.LastIndex(inner, "【"); k > 0 && strings.HasSuffix(inner, "】") {
		inner = trimPunct(inner[:k]) // "(其他【请注明】)"
	}
	for i := range x.q.Questions {
		qu := &x.q.Questions[i]
		if qu.Number != num || (qu.Kind != surveys.KindChoice && qu.Kind != surveys.KindMulti) {
			continue
		}
		for k, o := range qu.Options {
			if normAnswer(o.Text) == inner {
				return i, surveys.Answer(k + 1)
			}
		}
	}
	return -1, 0
}

// matrixStemWords are meaning words that, in a matrix's stem, change what its rows ask.
var matrixStemWords = []string{"上学日", "周末", "节假日", "假期", "寒假", "暑假", "孩子", "家长", "父母"}

// matrixRow reads a matrix row header "13、题干—子题": the row's own question, matched against q. The
// stem may not add a when or who the question does not have. The match is always shown as approximate.
func (x *headerIndex) matrixRow(raw string) int {
	i := strings.IndexAny(raw, "—―")
	if i < 0 {
		return -1
	}
	stem, _ := normHeader(raw[:i])
	sub, _ := normHeader(strings.TrimLeft(raw[i:], "—―-"))
	idx, _ := x.match(sub, 0)
	if idx < 0 {
		return -1
	}
	for _, w := range matrixStemWords {
		if strings.Contains(stem, w) && !strings.Contains(x.texts[idx], w) {
			return -1
		}
	}
	return idx
}

// nearMissDice is how similar (dice of the normalised texts) an unplaced header must be to a missing
// question to be named beside it.
const nearMissDice = 0.6

// nearMisses returns the headers no column role was found for that resemble a question the file has
// no column for: "7、周末，你平均每天的睡眠时间…" beside 第7题. They are named so that a user sees why the
// question is missing (it asks something else), never taken for the question.
func nearMisses(q *surveys.Questionnaire, header []string, cols []column, missing []int) []ApproxMatch {
	if len(missing) == 0 {
		return nil
	}
	x := newHeaderIndex(q)
	var out []ApproxMatch
	for j, h := range header {
		if cols[j].role != roleUnknown || strings.TrimSpace(h) == "" {
			continue
		}
		text, _ := normHeader(h)
		best, bestScore := -1, nearMissDice
		for _, n := range missing {
			for i := range q.Questions {
				if q.Questions[i].Number != n {
					continue
				}
				if sc := dice(text, x.texts[i]); sc >= bestScore {
					best, bestScore = i, sc
				}
			}
		}
		if best >= 0 {
			out = append(out, ApproxMatch{Header: h, Question: q.Questions[best].Number, Text: q.Questions[best].Text})
		}
	}
	return out
}

// dice is the Sørensen–Dice coefficient of the rune bigrams of a and b: 2|A∩B| / (|A|+|B|).
func dice(a, b string) float64 {
	ba, bb := bigrams(a), bigrams(b)
	if len(ba) == 0 || len(bb) == 0 {
		return 0
	}
	count := map[[2]rune]int{}
	for _, g := range ba {
		count[g]++
	}
	common := 0
	for _, g := range bb {
		if count[g] > 0 {
			count[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ba)+len(bb))
}

func bigrams(s string) [][2]rune {
	rs := []rune(s)
	var out [][2]rune
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, [2]rune{rs[i], rs[i+1]})
	}
	return out
}

// mapHeader classifies every column of a header row against q. It returns the columns, the headers it
// could not place, and how many of q's questions it found.
func mapHeader(q *surveys.Questionnaire, header []string) ([]column, []string, int) {
	x := newHeaderIndex(q)
	cols := make([]column, len(header))
	texts := make([]string, len(header))
	nums := make([]int, len(header))
	tencent := false
	for j, h := range header {
		texts[j], nums[j] = normHeader(h)
		if r := bookkeeping[texts[j]]; r == roleStart {
			tencent = true
		}
	}
	var unknown []string
	found := map[int]bool{}
	for j, h := range header {
		text, num := texts[j], nums[j]
		if r, ok := bookkeeping[text]; ok {
			if r == roleStudentID && text == "编号" && tencent {
				r = roleBookkeeping // 腾讯问卷's 编号 numbers the responses; it is no student's code
			}
			cols[j] = column{role: r}
			continue
		}
		if i, approx := x.match(text, num); i >= 0 {
			cols[j] = column{role: roleQuestion, question: i, approx: approx}
			found[i] = true
			continue
		}
		if i, k := x.optionColumn(text, num); i >= 0 {
			cols[j] = column{role: roleOption, question: i, option: k}
			found[i] = true
			continue
		}
		if i := x.matrixRow(h); i >= 0 {
			cols[j] = column{role: roleQuestion, question: i, approx: true}
			found[i] = true
			continue
		}
		if strings.TrimSpace(h) != "" {
			unknown = append(unknown, h)
		}
	}
	return cols, unknown, len(found)
}
