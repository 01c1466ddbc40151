package plots_test

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/plots"
)

func trendChart() *plots.Trend {
	nan := math.NaN()
	return &plots.Trend{
		Title:    "睡眠时间 达标率变化（学生问卷）",
		Standard: "标准：初中生每天睡眠时间应达到9小时",
		Terms:    []string{"2025年春季学期", "2025年秋季学期", "2026年春季学期"},
		Series: []plots.Series{
			{Label: "全县", County: true, Points: []plots.Point{{P: 81, Low: 80, High: 82}, {P: 82.5, Low: 81.4, High: 83.5}, {P: 84, Low: 83, High: 85}}},
			{Label: "红星镇中学", Points: []plots.Point{{P: 61, Low: 52, High: 69}, {P: 58, Low: 49, High: 66}, {P: 79, Low: 71, High: 86}}},
			{Label: "东河镇中心学校", Points: []plots.Point{{P: nan, Low: nan, High: nan}, {P: 70, Low: 60, High: 78}, {P: 72, Low: 63, High: 80}}},
		},
	}
}

func TestTrendRender(t *testing.T) {
	var png, svg bytes.Buffer
	if err := trendChart().Render(&png, plots.PNG, nil); err != nil {
		t.Fatal(err)
	}
	if err := trendChart().Render(&svg, plots.SVG, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">全县</text>", ">2025年秋季学期</text>", ">红星镇中学</text>"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if os.Getenv("TREND_PNG") != "" {
		os.WriteFile(os.Getenv("TREND_PNG"), png.Bytes(), 0o644)
	}
	var again bytes.Buffer
	trendChart().Render(&again, plots.PNG, nil)
	if !bytes.Equal(png.Bytes(), again.Bytes()) {
		t.Error("two renders differ")
	}
}

func TestTrendErrors(t *testing.T) {
	tests := []struct {
		name  string
		chart *plots.Trend
	}{
		{"no terms", &plots.Trend{Title: "x", Series: []plots.Series{{Label: "全县"}}}},
		{"no series", &plots.Trend{Title: "x", Terms: []string{"a"}}},
		{"points do not match terms", &plots.Trend{Title: "x", Terms: []string{"a", "b"}, Series: []plots.Series{{Label: "全县", Points: []plots.Point{{P: 1}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.chart.Render(&bytes.Buffer{}, plots.PNG, nil); err == nil {
				t.Error("no error")
			}
		})
	}
}
