package plots

import (
	"fmt"
	"math"
)

// Test data: thirteen junior high schools like the county report of seed
// 002, with made-up but plausible figures.

var schools13 = []string{
	"城关第一初级中学", "城关第二初级中学", "县实验中学", "民族中学",
	"红星镇中学", "青山乡九年一贯制学校", "白沙镇初级中学", "东河镇中心学校",
	"西岭乡中学", "南湖镇第二初级中学（城东校区）", "北坡乡初级中学", "育才学校",
	"金溪镇中学",
}

// sleepBars is the SchoolBars fixture: one suppressed school, three flagged.
func sleepBars(schools []string) *SchoolBars {
	s := &SchoolBars{
		Title:    "睡眠时间 达标率（学生问卷）",
		County:   87.2,
		Standard: "标准：初中生每天睡眠时间应达到9小时；图中横线为95%置信区间，虚线为全县水平",
	}
	for i, name := range schools {
		p := 96 - float64((i*37)%45)
		n := 60 + (i*53)%240
		b := Bar{Label: name, P: p, N: n}
		b.Low, b.High = wilson(p/100, n)
		b.Flagged = p < 70
		b.Possible = p >= 70 && p < 76 // 需关注: the share reaches the threshold, the interval does not confirm it
		if i == 7 {
			b = Bar{Label: name, P: math.NaN(), Low: math.NaN(), High: math.NaN(), N: 8, Note: "样本不足（n<10）"}
		}
		s.Bars = append(s.Bars, b)
	}
	return s
}

// wilson returns the 95% Wilson score interval of proportion p from n
// respondents, in percent.
func wilson(p float64, n int) (lo, hi float64) {
	const z = 1.959963984540054
	nn := float64(n)
	den := 1 + z*z/nn
	centre := (p + z*z/(2*nn)) / den
	half := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / den
	return 100 * (centre - half), 100 * (centre + half)
}

var indicators16 = []string{
	"睡眠时间", "作业时长", "作业量", "体育活动≥1小时", "课间活动", "近视防控",
	"手机管理", "读物管理", "校外培训", "课后服务", "家长负担", "心理健康",
	"劳动教育", "早到校", "周末补课", "考试次数",
}

// schoolHeatmap is the Heatmap fixture with one suppressed cell per 17.
func schoolHeatmap(schools, cols []string) *Heatmap {
	h := &Heatmap{Title: "各校各项指标达标率（%）", Rows: schools, Cols: cols}
	for i := range schools {
		row := make([]float64, len(cols))
		for j := range cols {
			row[j] = 100 - float64((i*379+j*211+i*j*7)%850)/10
			if (i*len(cols)+j)%17 == 5 {
				row[j] = math.NaN()
			}
		}
		h.Values = append(h.Values, row)
	}
	return h
}

// sleepStacked is the Stacked fixture: bedtime by grade.
func sleepStacked() *Stacked {
	return &Stacked{
		Title:      "学生就寝时间分布（按年级）",
		Groups:     []string{"七年级", "八年级", "九年级", "全县"},
		Categories: []string{"21:00以前", "21:00-21:20", "21:20-21:40", "21:40-22:00", "22:00以后"},
		Shares: [][]float64{
			{28.4, 31.2, 22.5, 12.1, 5.8},
			{18.9, 27.5, 28.3, 17.4, 7.9},
			{6.2, 14.8, 25.7, 30.1, 23.2},
			{17.8, 24.5, 25.5, 19.9, 12.3},
		},
		N: []int{1204, 1187, 1156, 3547},
	}
}

// manySchools returns n school names of varied length.
func manySchools(n int) []string {
	towns := []string{"城关", "红星", "青山", "白沙", "东河", "西岭", "南湖", "北坡", "金溪", "石门"}
	kinds := []string{"镇中学", "镇第二初级中学", "乡九年一贯制学校", "镇中心学校"}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%s%d", towns[i%len(towns)], kinds[i%len(kinds)], i/len(towns)+1)
	}
	return out
}
