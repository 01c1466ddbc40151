package analysis

import (
	"cmp"
	"hash/fnv"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jianfu-edu/jianfu/surveys"
)

// OpenAnswers is the open-answers appendix (开放题): what respondents wrote in their own words, counted
// by theme, with a few quotes per theme. Every quote is scrubbed of personal data first (Scrub); an
// answer that still names a person after scrubbing is counted but never quoted. Nothing in it says
// which school or respondent wrote what.
type OpenAnswers struct {
	Total   int          // answers counted (open questions and fill-in texts)
	Sources []OpenSource // per questionnaire, in the datasets' order
	Themes  []ThemeCount // profile order; only themes with answers
	// Withheld counts answers not quotable because they still name a person after scrubbing.
	Withheld int
}

// OpenSource counts the open answers of one questionnaire.
type OpenSource struct {
	Questionnaire string // code
	Title         string // 学生问卷 …
	Open          int    // answers to the questionnaire's open question
	FillIn        int    // fill-in texts attached to options (〖…〗)
}

// ThemeCount is one theme's answers.
type ThemeCount struct {
	Theme   string
	ThemeEN string         // the theme's name in English
	Count   int            // answers in the theme (an answer may be in several themes)
	By      map[string]int // per questionnaire code
	Quotes  []Quote
}

// Quote is one scrubbed answer chosen to quote.
type Quote struct {
	Questionnaire string // code of the questionnaire it answers
	Text          string // scrubbed
}

// QuotesPerTheme is how many quotes the appendix gives per theme.
const QuotesPerTheme = 3

// Quote length bounds, in characters: shorter answers say little, longer ones are cut.
const (
	minQuoteRunes = 6
	maxQuoteRunes = 120
)

// SummarizeOpen counts the datasets' open answers (surveys.Dataset.Open) by the profile's themes and
// chooses up to perTheme quotes per theme. schoolNames are the roster's names and aliases, which
// scrubbing replaces by 某校. The choice is deterministic: among an theme's quotable answers (scrubbed,
// naming no person, 6-120 characters, not quoted under an earlier theme), those with the smallest
// FNV-1a hash of their scrubbed text, so the same answers give the same quotes in any order.
func SummarizeOpen(datasets []*surveys.Dataset, themes []surveys.OpenTheme, schoolNames []string, perTheme int) *OpenAnswers {
	oa := &OpenAnswers{}
	sc := NewScrubber(schoolNames)
	type cand struct {
		qn, text string
		hash     uint64
	}
	byTheme := make([][]cand, len(themes))
	counts := make([]ThemeCount, len(themes))
	for i, t := range themes {
		counts[i] = ThemeCount{Theme: t.Name, ThemeEN: t.NameEN, By: map[string]int{}}
	}
	for _, d := range datasets {
		q := d.Questionnaire
		src := OpenSource{Questionnaire: q.Code, Title: q.Title}
		for _, o := range d.Open {
			text := strings.TrimSpace(o.Text)
			if text == "" {
				continue
			}
			if o.Question >= 0 && o.Question < len(q.Questions) && q.Questions[o.Question].Kind == surveys.KindOpen {
				src.Open++
			} else {
				src.FillIn++
			}
			oa.Total++
			scrubbed, ok := sc.Scrub(text)
			if !ok {
				oa.Withheld++
			}
			for _, ti := range ThemesOf(text, themes) {
				counts[ti].Count++
				counts[ti].By[q.Code]++
				if n := utf8.RuneCountInString(scrubbed); ok && n >= minQuoteRunes && n <= maxQuoteRunes {
					byTheme[ti] = append(byTheme[ti], cand{q.Code, scrubbed, hash(scrubbed)})
				}
			}
		}
		oa.Sources = append(oa.Sources, src)
	}
	quoted := map[string]bool{}
	for i := range themes {
		cs := byTheme[i]
		slices.SortFunc(cs, func(a, b cand) int {
			return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.text, b.text), cmp.Compare(a.qn, b.qn))
		})
		for _, c := range cs {
			if len(counts[i].Quotes) >= perTheme {
				break
			}
			if quoted[c.text] {
				continue
			}
			quoted[c.text] = true
			counts[i].Quotes = append(counts[i].Quotes, Quote{Questionnaire: c.qn, Text: c.text})
		}
		if counts[i].Count > 0 {
			oa.Themes = append(oa.Themes, counts[i])
		}
	}
	return oa
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// ThemesOf returns the indices of the themes an answer belongs to: every theme one of whose keywords
// it contains; when none does, the theme with no keywords (其他), if the profile has one.
func ThemesOf(text string, themes []surveys.OpenTheme) []int {
	var out []int
	other := -1
	for i, t := range themes {
		if len(t.Keywords) == 0 {
			other = i
			continue
		}
		for _, k := range t.Keywords {
			if k != "" && strings.Contains(text, k) {
				out = append(out, i)
				break
			}
		}
	}
	if len(out) == 0 && other >= 0 {
		out = append(out, other)
	}
	return out
}

// Scrubber removes personal data from free text: phone, ID, QQ and WeChat numbers, e-mail addresses,
// people named with a title (张老师 → 某老师) and the county's school names (→ 某校).
type Scrubber struct {
	schools []string // longest first
}

// NewScrubber returns a scrubber that also replaces the given school names and aliases. Each name is
// also matched without its county prefix (清溪县第一中学 → 第一中学).
func NewScrubber(schoolNames []string) *Scrubber {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) >= 3 && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range schoolNames {
		add(n)
		if i := strings.IndexAny(n, "县区市"); i > 0 {
			add(n[i+len("县"):])
		}
	}
	sort.SliceStable(names, func(i, j int) bool {
		return cmp.Or(cmp.Compare(len(names[j]), len(names[i])), cmp.Compare(names[i], names[j])) < 0
	})
	return &Scrubber{schools: names}
}

// Redacted is what a removed number, account or address reads as.
const Redacted = "××"

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*`)
	// An account named by its kind: 微信号abc123, vx:wxid_88, QQ 12345678, 扣扣：…
	accountRe = regexp.MustCompile(`(?i)(微信号?|威信|薇信|v信|vx|wx|weixin|wechat|qq号?|扣扣|企鹅号?|抖音号?|快手号?|电话|手机号?|联系方式)[\s:：是为号码]*([A-Za-z0-9_\-.]{4,})`)
	// A token of letters and digits with at least 5 digits: an account or number however introduced.
	tokenRe = regexp.MustCompile(`[A-Za-z0-9_\-]*[0-9][A-Za-z0-9_\-]*`)
	// A person named by surname and title: 张老师, 王丽老师, 欧阳同学, 李某某妈妈.
	titles   = `老师|同学|妈妈|爸爸|校长|主任|班主任|家长|阿姨|叔叔|教练|医生|奶奶|爷爷|姥姥|姥爷|外婆|外公|哥哥|姐姐|弟弟|妹妹|先生|女士|师傅|老板|班长|组长`
	personRe = regexp.MustCompile(`(` + surnames + `)([\p{Han}]{0,2}?)(` + titles + `)`)
	// What still names a person: a self-introduction, or a surname and given name before a kinship or
	// school role (王小明的妈妈).
	namingRe = regexp.MustCompile(`我叫|名叫|名字[是叫]|姓名|我的名字|本人是|(` + surnames + `)[\p{Han}]{1,2}的(` + titles + `)`)
)

// surnames are common Chinese surnames (the compound ones first), without those that are also
// everyday function words before a title (和老师 "and the teacher", 向老师, 跟, 对, 给 …).
const surnames = `欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|` +
	`王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|林|何|罗|梁|宋|郑|谢|韩|唐|冯|董|萧|程|曹|袁|邓|许|傅|沈|曾|彭|吕|苏|卢|蒋|蔡|贾|丁|魏|薛|叶|阎|余|潘|杜|戴|夏|钟|汪|田|任|姜|范|方|石|姚|谭|廖|邹|熊|金|陆|郝|孔|崔|康|毛|邱|秦|江|史|顾|侯|邵|孟|龙|万|段|雷|钱|汤|尹|黎|易|常|武|乔|贺|赖|龚|文|庞|樊|兰|殷|施|陶|洪|翟|安|颜|倪|严|牛|温|芦|季|俞|章|鲁|葛|伍|韦|申|尤|毕|聂|柴|焦|祝|邢|谷|覃|闫|麻|舒|凌|柳|骆|单|纪|左|岳|齐|褚|耿|甘|蒲|符|鲍|阮|柯|卓|裴|匡|窦|艾`

// notGiven are characters that cannot be part of a given name between a surname and a title: they
// make words (数学老师 is no person; 文科老师, 班主任 …).
const notGiven = "的们班年级科课语文数学英体音美术理化史地生物政治任校家长和跟对给把被让与及同还也都就很说是有在个位些每各这那我你他她它老小新好多少大一二三四五六七八九十"

// Scrub returns text with personal data replaced, and false when it still names a person (then the
// answer may be counted but not quoted). Full-width digits and letters count as digits and letters.
func (s *Scrubber) Scrub(text string) (string, bool) {
	t := narrow(strings.ToValidUTF8(text, ""))
	t = emailRe.ReplaceAllString(t, Redacted)
	t = accountRe.ReplaceAllString(t, "${1}"+Redacted)
	t = scrubNumbers(t)
	t = tokenRe.ReplaceAllStringFunc(t, func(tok string) string {
		if countDigits(tok) >= 5 {
			return Redacted
		}
		return tok
	})
	for _, n := range s.schools {
		t = strings.ReplaceAll(t, n, "某校")
	}
	t = personRe.ReplaceAllStringFunc(t, func(m string) string {
		sm := personRe.FindStringSubmatch(m)
		if strings.ContainsAny(sm[2], notGiven) {
			return m
		}
		return "某" + sm[3]
	})
	return t, !namingRe.MatchString(t)
}

// narrow folds full-width digits, letters and @ to ASCII and the ideographic space to a space, so
// that "１３８ ００１３ ８０００" is caught like "138 0013 8000". Other characters are kept as written.
func narrow(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A, r == 0xFF20, r == 0xFF3F, r == 0xFF0D:
			return r - 0xFF00 + 0x20
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// cnDigit reports whether r is a digit written in Chinese (一 … 九, 〇, 零, 幺 and the 大写 forms).
func cnDigit(r rune) bool {
	return strings.ContainsRune("〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖", r)
}

// numberSep are the characters people put between the digits of a phone or ID number.
func numberSep(r rune) bool {
	return r == ' ' || r == '-' || r == '.' || r == '·' || r == '—' || r == '–' || r == '_' || r == '/' || r == '\u00a0' || r == '\t'
}

// scrubNumbers replaces every run of at least 7 digits (any script, or Chinese numerals), counted
// across the separators people type (138-0013 8000) and with an ID number's final X, by Redacted.
func scrubNumbers(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		isD := func(r rune) bool { return unicode.IsDigit(r) || cnDigit(r) }
		if !isD(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j, digits, end := i, 0, i
		for j < len(rs) && (isD(rs[j]) || numberSep(rs[j])) {
			if isD(rs[j]) {
				digits++
				end = j + 1
			}
			j++
		}
		if end < len(rs) && (rs[end] == 'x' || rs[end] == 'X') && digits >= 7 {
			end++
		}
		if digits >= 7 {
			b.WriteString(Redacted)
		} else {
			b.WriteString(string(rs[i:end]))
		}
		i = end
	}
	return b.String()
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
