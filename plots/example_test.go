package plots_test

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"log"
	"math"
	"os"
	"strings"

	"github.com/jianfu-edu/jianfu/plots"
)

func ExampleSchoolBars_Render() {
	chart := &plots.SchoolBars{
		Title:    "睡眠时间 达标率（学生问卷）",
		Standard: "标准：初中生每天睡眠时间应达到9小时",
		County:   87.2,
		Bars: []plots.Bar{
			{Label: "城关第一初级中学", P: 92.1, Low: 88.0, High: 94.9, N: 240},
			{Label: "红星镇中学", P: 71.4, Low: 62.3, High: 79.0, N: 105, Flagged: true},
			{Label: "东河镇中心学校", P: math.NaN(), Low: math.NaN(), High: math.NaN(), N: 8, Note: "样本不足"},
		},
	}
	var buf bytes.Buffer
	if err := chart.Render(&buf, plots.PNG, nil); err != nil {
		log.Fatal(err)
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil {
		log.Fatal(err)
	}
	// 16 cm wide at 192 dpi; the height follows the number of bars.
	fmt.Printf("%d×%d px\n", cfg.Width, cfg.Height)
	// Output:
	// 1209×485 px
}

func ExampleHeatmap_Render() {
	chart := &plots.Heatmap{
		Title: "各校各项指标达标率（%）",
		Rows:  []string{"城关第一初级中学", "红星镇中学"},
		Cols:  []string{"睡眠时间", "作业时长", "手机管理"},
		Values: [][]float64{
			{92.1, 85.0, 97.3},
			{71.4, math.NaN(), 88.8}, // NaN: suppressed, drawn as "—"
		},
	}
	var svg strings.Builder
	if err := chart.Render(&svg, plots.SVG, nil); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(svg.String(), ">作业时长</text>"))
	// Output:
	// true
}

func ExampleStacked_Render() {
	chart := &plots.Stacked{
		Title:      "学生就寝时间分布（按年级）",
		Groups:     []string{"七年级", "八年级", "九年级"},
		Categories: []string{"21:00以前", "21:00-22:00", "22:00以后"},
		Shares: [][]float64{
			{45.2, 43.1, 11.7},
			{30.4, 51.0, 18.6},
			{12.5, 50.3, 37.2},
		},
		N: []int{1204, 1187, 1156},
	}
	if err := chart.Render(io.Discard, plots.PNG, nil); err != nil {
		log.Fatal(err)
	}
	fmt.Println("ok")
	// Output:
	// ok
}

func ExampleFont_Missing() {
	f := plots.DefaultFont()
	fmt.Printf("%q\n", f.Missing("张喆 王堃 李玥 赵珺"))
	fmt.Printf("%q\n", f.Missing("学校😀𠀀"))
	// Output:
	// []
	// ['😀' '𠀀']
}

func ExampleMissingGlyphsError() {
	chart := &plots.Stacked{
		Title:      "家庭作业时长",
		Groups:     []string{"𠀀𠀀学校"},
		Categories: []string{"1小时以内", "1小时以上"},
		Shares:     [][]float64{{80, 20}},
	}
	err := chart.Render(io.Discard, plots.PNG, nil)
	var missing *plots.MissingGlyphsError
	if errors.As(err, &missing) {
		fmt.Println(err)
	}
	// Output:
	// 图表“家庭作业时长”缺少字形：𠀀 U+20000（在“𠀀𠀀学校”中）；请用 --font 指定包含这些字的字体
}

func ExampleDefaultFont() {
	fmt.Println(plots.DefaultFont().Name())
	// Output:
	// Noto Sans CJK SC
}

// LoadFont takes a font the user names, e.g. with --font, when the embedded
// one lacks a rare character. Collections (.ttc) work too.
func ExampleLoadFont() {
	f, err := plots.LoadFont("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	chart := &plots.Heatmap{Rows: []string{"堃"}, Cols: []string{"喆"}, Values: [][]float64{{50}}}
	if err := chart.Render(io.Discard, plots.SVG, f); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}

func ExampleFormat_String() {
	fmt.Println(plots.PNG, plots.SVG, plots.SVGEmbedFont)
	// Output:
	// png svg svg+font
}
