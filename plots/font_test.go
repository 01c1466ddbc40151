package plots

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// coverageText is text the report draws or may draw: option texts of the
// questionnaires, school and person-name characters outside GB2312's first
// level, punctuation and symbols.
const coverageText = "睡眠时间 达标率（学生问卷）家长问卷 教师问卷 " +
	"21:00以前 21:00-21:20 21:20-21:40 22:00以后 10小时及以上 9-10小时 不足7小时 " +
	"没有手机或不带入学校 带入学校但统一保管 自己保管，上课时也使用 " +
	"样本不足，仅供参考 — – ≤ ≥ × ÷ ± ‰ ° ℃ № · … “引号” ‘单引号’ 《书名》 【注】 〔2021〕 " +
	"①②③ ⅠⅡⅢ ＜＞ ％ ０１２ ＡＢＣ ａｂｃ ，。、；：！？ " +
	"张喆 王堃 李玥 赵珺 刘昊 陈燚 杨犇 黄淼 周鑫 吴垚 徐镕 孙祎 " +
	"\U0002B5AE\U0002CC56 " + // Extension C-F characters of the 通用规范汉字表
	"初一 初二 初三 七年级 八年级 九年级 城区 乡镇 农村 寄宿制 九年一贯制 " +
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 " +
	"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ é ü ß © ® µ ¼ ½"

func TestEmbeddedFontCoverage(t *testing.T) {
	f := DefaultFont()
	if m := f.Missing(coverageText); m != nil {
		t.Errorf("embedded font lacks %q", m)
	}
	// GBK contains every CJK Unified Ideograph of Unicode 1.1,
	// U+4E00..U+9FA5 (20,902 characters); the subset keeps all of GBK.
	var missing []rune
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		if len(f.Missing(string(r))) > 0 {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("embedded font lacks %d of U+4E00..U+9FA5, e.g. %q", len(missing), missing[:min(10, len(missing))])
	}
	// Full-width forms U+FF01..U+FF5E and CJK punctuation U+3001..U+3011.
	for _, rg := range [][2]rune{{0xFF01, 0xFF5E}, {0x3001, 0x3011}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if len(f.Missing(string(r))) > 0 {
				t.Errorf("embedded font lacks U+%04X %c", r, r)
			}
		}
	}
}

func TestMissing(t *testing.T) {
	f := DefaultFont()
	tests := []struct {
		name string
		in   string
		want []rune
	}{
		{"empty", "", nil},
		{"all present", "张喆 n=123 ≤ —", nil},
		{"line break ignored", "第一行\n第二行", nil},
		{"emoji", "好😀", []rune{0x1F600}},
		{"Ext-B once each", "𠀀a𠀀𪚥", []rune{0x20000, 0x2A6A5}},
		{"tab and invalid UTF-8", "a\tb\xff", []rune{'\t', 0xFFFD}},
		{"Hangul is not kept", "한", []rune{'한'}},
		{"Extension A is not kept", "刘\u4DAE", []rune{0x4DAE}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := f.Missing(tc.in); string(got) != string(tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("Missing(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDefaultFont(t *testing.T) {
	f := DefaultFont()
	if f != DefaultFont() {
		t.Error("DefaultFont returns a new font on each call")
	}
	if got, want := f.Name(), "Noto Sans CJK SC"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if !gfont.DefaultCache.Has(f.gonumFont(0)) {
		t.Error("embedded font is not registered in gonum/plot's font.DefaultCache")
	}
	// The licence requires the copyright notice to stay in the font.
	for _, want := range []string{"Adobe", "SIL Open Font License"} {
		if !strings.Contains(string(embeddedFont), want) && !strings.Contains(utf16be(embeddedFont), want) {
			t.Errorf("embedded font has no name record with %q", want)
		}
	}
}

// utf16be decodes the ASCII characters of UTF-16BE data, as name records of
// Windows platform are stored; other bytes become spaces.
func utf16be(b []byte) string {
	out := make([]byte, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 && b[i+1] >= 0x20 && b[i+1] < 0x7f {
			out = append(out, b[i+1])
		} else {
			out = append(out, ' ')
		}
	}
	return string(out)
}

func TestLoadFont(t *testing.T) {
	dir := t.TempDir()
	otf := filepath.Join(dir, "font.otf")
	if err := os.WriteFile(otf, embeddedFont, 0o644); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.ttf")
	if err := os.WriteFile(junk, []byte("not a font at all"), 0o644); err != nil {
		t.Fatal(err)
	}

	f, err := LoadFont(otf)
	if err != nil {
		t.Fatalf("LoadFont(otf): %v", err)
	}
	if f.Name() != "Noto Sans CJK SC" {
		t.Errorf("Name() = %q", f.Name())
	}
	if f.typeface != DefaultFont().typeface {
		t.Errorf("same data, different typefaces %q and %q", f.typeface, DefaultFont().typeface)
	}
	if m := f.Missing("张喆"); m != nil {
		t.Errorf("loaded font lacks %q", m)
	}

	if _, err := LoadFont(filepath.Join(dir, "absent.ttf")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFont(absent) error = %v, want fs.ErrNotExist", err)
	}
	if _, err := LoadFont(junk); err == nil || !strings.Contains(err.Error(), junk) {
		t.Errorf("LoadFont(junk) error = %v, want one naming the file", err)
	}
}

func TestLoadFontCollection(t *testing.T) {
	// Debian package fonts-noto-cjk; face 2 of 10 is the SC one.
	const ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	if _, err := os.Stat(ttc); err != nil {
		t.Skipf("no %s: %v", ttc, err)
	}
	f, err := LoadFont(ttc)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Name(), "Noto Sans CJK SC"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if err := sleepStacked().Render(new(strings.Builder), PNG, f); err != nil {
		t.Errorf("Render with the collection font: %v", err)
	}
	if err := sleepStacked().Render(new(strings.Builder), SVGEmbedFont, f); err == nil {
		t.Error("SVGEmbedFont with a collection font succeeded")
	}
}

func TestIsSimplifiedChineseName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Noto Sans CJK SC", true},
		{"Noto Sans Mono CJK SC", true},
		{"Noto Sans CJK TC", false},
		{"Noto Sans CJK JP", false},
		{"PingFang SC", true},
		{"Source Han Sans CN", true},
		{"Songti SC", true},
		{"Heiti-GB", true},
		{"思源黑体 简体", true},
		{"Microsoft YaHei", false},
		{"DejaVu Sans", false},
	}
	for _, tc := range tests {
		if got := isSimplifiedChineseName(tc.name); got != tc.want {
			t.Errorf("isSimplifiedChineseName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	k := ink{DefaultFont()}
	const size = 10
	tests := []struct {
		name  string
		in    string
		chars float64 // line width in Han characters
		want  []string
	}{
		{"fits", "睡眠时间", 4, []string{"睡眠时间"}},
		{"Han breaks anywhere", "睡眠时间达标", 4, []string{"睡眠时间", "达标"}},
		{"closing punctuation stays", "达标率。很好啊", 4, []string{"达标率。", "很好啊"}},
		{"no closing punctuation at line start", "达标率。很好", 3, []string{"达标", "率。很", "好"}},
		{"opening punctuation moves on", "一二三（四）", 4, []string{"一二三", "（四）"}},
		{"Latin words kept", "Middle School No. 2", 6, []string{"Middle", "School No. 2"}},
		{"times kept", "21:00-21:20以前", 6, []string{"21:00-21:20", "以前"}},
		{"explicit break", "第一\n第二", 10, []string{"第一", "第二"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := k.wrap(tc.in, size, vg.Length(tc.chars*size))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	// Whatever the width, lines fit and together keep every character.
	for _, in := range []string{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "某某县某某镇某某村第一初级中学（含小学部及幼儿园）教学点",
		coverageText} {
		for _, chars := range []float64{1, 2.5, 6, 13} {
			maxW := vg.Length(chars * size)
			lines := k.wrap(in, size, maxW)
			for _, l := range lines {
				if w := k.width(size, l); w > maxW && len([]rune(l)) > 1 {
					t.Errorf("wrap(%q, %v): line %q is %v wide", in, maxW, l, w)
				}
			}
			if strings.Join(lines, "") != strings.ReplaceAll(in, " ", "") &&
				strings.ReplaceAll(strings.Join(lines, ""), " ", "") != strings.ReplaceAll(in, " ", "") {
				t.Errorf("wrap(%q, %v) lost characters: %q", in, maxW, lines)
			}
		}
	}
	if got := k.wrapBalanced("体育活动≥1小时", size, vg.Length(7*size)); strings.Join(got, "|") != "体育活动|≥1小时" {
		t.Errorf("wrapBalanced = %q", got)
	}
}
