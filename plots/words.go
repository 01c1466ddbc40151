package plots

// Lang is the language of the words a chart writes itself: its legend, axis titles, the county
// line's label and the key. The caller's texts (title, school names, categories) are drawn as given.
type Lang string

// Languages of a chart's own words; Chinese is the default (the zero value too).
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// words are a chart's own words in one language.
type words struct {
	allBars, flagged, possible, interval, county, pctAxis, shareAxis, na string
	// Kinds of chart, naming an untitled chart in a MissingGlyphsError.
	bars, heatmap, stacked, trend string
}

var chineseWords = words{
	allBars: "各校达标率", flagged: "需整改", possible: "需关注", interval: "95%置信区间", county: "全县",
	pctAxis: "达标率（%）", shareAxis: "占比（%）", na: "— 样本不足，不予显示",
	bars: "学校达标率图", heatmap: "学校指标热力图", stacked: "分布图", trend: "趋势图",
}

var englishWords = words{
	allBars: "Compliance by school", flagged: "Action needed", possible: "Attention", interval: "95% interval", county: "County",
	pctAxis: "Compliance (%)", shareAxis: "Share (%)", na: "— too few answers, not shown",
	bars: "school bars", heatmap: "heatmap", stacked: "distribution chart", trend: "trend chart",
}

// wordsOf returns the chart words of language l: English for English, Chinese otherwise.
func wordsOf(l Lang) words {
	if l == English {
		return englishWords
	}
	return chineseWords
}
