package report

import (
	"fmt"
	"math"

	"github.com/jianfu-edu/jianfu/analysis"
)

// This file renders estimates, intervals and flags the same way in every table of every output:
// a suppressed cell shows "—" with its reason and no interval; a cell with n below small_n carries
// "*"; the interval column names its method when it is not the run's default.

// methodName returns the name of an interval method in the report's language.
func (b *builder) methodName(m analysis.IntervalMethod) string {
	switch m {
	case analysis.KornGraubard:
		return b.t("Korn–Graubard（按班级整群）", "Korn–Graubard (classes as clusters)")
	case analysis.WilsonScore:
		return b.t("Wilson", "Wilson")
	case analysis.DesignT:
		return b.t("t 区间（按班级整群）", "t interval (classes as clusters)")
	case analysis.SRST:
		return b.t("t 区间（简单随机）", "t interval (independent answers)")
	}
	return string(m)
}

// defaultMethod is the interval method the run uses where it can.
func (b *builder) defaultMethod() analysis.IntervalMethod {
	if b.r.Design.Method == analysis.DesignSRS {
		return analysis.WilsonScore
	}
	return analysis.KornGraubard
}

func pctOrDash(e analysis.Estimate) string {
	if !e.Shown() {
		return "—"
	}
	return analysis.Pct(e.P)
}

// interval renders the reported interval; a method other than the run's default is named with "†".
func (b *builder) interval(e analysis.Estimate) string {
	if !e.Shown() || math.IsNaN(e.Low) {
		return "—"
	}
	s := analysis.Pct(e.Low) + "–" + analysis.Pct(e.High)
	if e.Interval != b.defaultMethod() {
		s += "†"
	}
	return s
}

// suppressTitle is the hover text of a suppressed or caveated cell.
func (b *builder) suppressTitle(e analysis.Estimate) string {
	switch {
	case e.Suppressed && e.SuppressReason != "" && b.o.Lang != analysis.English:
		return e.SuppressReason
	case e.Suppressed && e.SuppressReasonEN != "" && b.o.Lang == analysis.English:
		return e.SuppressReasonEN
	case e.Suppressed:
		return fmt.Sprintf(b.t("可判定的回答少于%d，不报告比例", "fewer than %d judged answers (or unreliable): not reported"), b.r.Profile.MinN)
	case e.Small:
		return b.t("样本不足，仅供参考", "small sample, for reference only")
	case e.LowDF:
		return b.t("自由度小于8，结果不稳定", "fewer than 8 degrees of freedom")
	}
	return ""
}

// estimateCells renders share, interval and n of an estimate.
func (b *builder) estimateCells(e analysis.Estimate) []Cell {
	muted := e.Suppressed || e.Small
	title := b.suppressTitle(e)
	p := pctOrDash(e)
	if e.Small && !e.Suppressed {
		p += "*"
	}
	if e.LowDF && !e.Suppressed {
		p += "‡"
	}
	itv := b.interval(e)
	if e.Shown() && e.Interval != b.defaultMethod() {
		title = b.methodName(e.Interval)
	}
	return []Cell{{Text: p, Muted: muted, Title: title, Flag: e.Flagged}, {Text: itv, Muted: muted, Title: title}, {Text: fmt.Sprint(e.Judged())}}
}

// flagText names the tier of a unit's flag ("需整改", "需关注", "样本不足，无法判定" or "").
func (b *builder) flagText(e analysis.Estimate) string {
	switch {
	case e.Suppressed:
		return b.t("样本不足，无法判定", "too few to judge")
	case e.Flag == analysis.FlagConfirmed:
		return b.t("需整改", "action needed")
	case e.Flag == analysis.FlagPossible:
		return b.t("需关注", "attention")
	}
	return ""
}

// estimateNote explains the marks of the estimate tables.
func (b *builder) estimateNote() string {
	p := b.r.Profile
	s := fmt.Sprintf(b.t("“—”：可判定的回答少于%d份（或未达到可靠性标准），不报告比例；“*”：少于%d份，样本不足，仅供参考。区间为95%%置信区间，方法为%s",
		"—: fewer than %d judged answers (or not reliable), not reported; *: fewer than %d, for reference only. 95%% intervals: %s"),
		p.MinN, p.SmallN, b.methodName(b.defaultMethod()))
	if b.defaultMethod() == analysis.KornGraubard {
		s += b.t("；标“†”的单元没有班级信息或只有一个班，改用 Wilson 区间", "; † marks cells without class information or with one class, where the Wilson interval is used")
	}
	if b.r.Design.Reliability == analysis.ReliabilityNCHS {
		s += b.t("；“‡”：自由度小于8（NCHS标准），结果不稳定", "; ‡: fewer than 8 degrees of freedom (NCHS)")
	}
	return s + b.t("。", ".")
}

// methodItems is the method appendix in plain Chinese: denominators, the design effect, why the
// intervals are wider than a textbook's, the two flag tiers, 无法判定, suppression and weights.
func (b *builder) methodItems() []string {
	r := b.r
	p := r.Profile
	items := []string{
		b.t("比例：达标人数 ÷ 可判定的作答人数（n）。未答、无效（与选项不符）、不适用（问卷跳过）的回答不计入分母，另行列出；只对部分学生提问的题目（如“在参加校外培训的学生中”），表题写明分母。",
			"Share: complying ÷ judged answers (n); no answer, invalid and not-applicable answers are left out of the denominator and counted apart; questions put to a subgroup say so in the caption."),
		b.t("无法判定：本地标准的界限落在某个选项的区间内时（如作业上限45分钟而选项为“30-60分钟”），这些回答无法判定，不猜测，单独计数（n_undecidable）。此时同时给出比例的范围：假定这些回答全部不达标与全部达标时的达标比例。",
			"Undeterminable: when a local limit falls inside an answer class, those answers are counted apart and the share is also given as bounds (all of them failing / all complying)."),
	}
	if r.Design.Method == analysis.DesignSRS {
		items = append(items, b.t("区间：按要求（--design srs）把每个回答视为相互独立，给出95% Wilson 置信区间。注意：同班同学的回答往往相似，这样算出的区间会偏窄。",
			"Intervals: 95% Wilson intervals treating every answer as independent (--design srs); intervals are too narrow when classmates answer alike."))
	} else {
		items = append(items,
			b.t("设计效应：学生是按班级作答的，同一个班的学生由同一位老师布置作业、按同一张课表上课，回答往往相似。40个同班同学提供的信息少于40个互不相干的学生。设计效应（deff）就是这种相似性让方差放大的倍数：deff = 2 表示这些回答相当于一半人数的独立回答，即“有效样本量”（n_eff）约为 n/deff。",
				"Design effect: students answer in classes and classmates answer alike, so 40 classmates carry less information than 40 independent students; the design effect (deff) is how much that inflates the variance, and the effective sample size is about n/deff."),
			b.t("为什么区间比教科书的宽：教科书公式把每个回答当作独立的。本报告以班级为整群、学校（九年一贯制学校按学段）为层，用泰勒线性化估计方差，再按有效样本量和自由度（班级数 − 层数）计算 Korn–Graubard 95%置信区间，与 R 语言 survey 包 svyciprop(method = \"beta\") 的结果一致。只有一个班的单元无法估计班内相似性，改用 Wilson 区间（标“†”）。",
				"Why intervals are wider than a textbook's: classes are clusters and schools (stages of two-stage schools) are strata; variance by Taylor linearisation; Korn–Graubard intervals on the effective sample size with df = classes − strata, as R's survey svyciprop(method = \"beta\")."),
			b.t("作业平均时长的区间同样按班级整群计算（t 分布，自由度为班级数 − 层数）。",
				"Mean homework time intervals are design-based too (t with df = classes − strata)."),
		)
	}
	items = append(items,
		fmt.Sprintf(b.t("需整改与需关注：一份报告要对几百个“学校 × 指标”作出判断，只看比例本身会把偶然偏高的学校误判为违规。因此：违规比例95%%置信区间的下限也达到%s%%、且违规人数不少于%d人的，列为“需整改”（证据充分），文中的学校数只计这一类；违规比例本身达到%s%%（不少于%d人）、但区间下限低于%s%%的，列为“需关注”，单独列出并说明原因，建议核实。有无法判定回答的，假定这些回答全部达标后仍达到标准才列为需整改。",
			"Action needed: the lower 95%% bound of the share not complying is at least %s%%, with at least %d respondents; the text counts only these. Attention: the share itself reaches %s%% (at least %d respondents) but the interval reaches below %s%%; listed apart with the reason."),
			analysis.Pct(p.FlagThreshold), p.FlagMinViolations, analysis.Pct(p.FlagThreshold), p.FlagMinViolations, analysis.Pct(p.FlagThreshold)),
		fmt.Sprintf(b.t("报告规则：可判定的回答少于%d份的单元不报告比例和区间（“—”，样本不足，无法判定，也不标记）；少于%d份的标注“*”（样本不足，仅供参考）。全县合计同样适用。",
			"Suppression: fewer than %d judged answers → — (never flagged); fewer than %d → *. The county row too."), p.MinN, p.SmallN),
		b.t("差异：只有在考虑抽样误差后差异显著时，才说某校“明显低于全县”（该校与县内其他学校比较，按整群设计检验，并用 Holm 法校正多所学校同时比较），或说问题“主要集中在”某年级、某类学校（该组与其余各组比较，差异显著）。",
			"Differences are claimed only when significant: a school against the rest of the county (design-based, Holm-adjusted across schools), a grade or locale against the others."),
		fmt.Sprintf(b.t("作业平均时长按选项组中值估算（%s分钟）。平均时长95%%置信区间整体高于标准才判为“超过”；平均时长高于标准、但区间仍包含标准的判为“可能超过”；平均时长等于或低于标准的为“未超过”。",
			"Homework means use option midpoints (%s minutes): over only when the whole 95%% interval is above the limit; possibly over when the mean is above the limit but the interval contains it; a mean equal to the limit is not over."), b.joinFloats(p.HomeworkMidpoints)),
		b.t("学段：每个回答按作答学生本人年级所在学段判定。九年一贯制等同时有小学和初中的学校，在所有表格、图表和标记中分为“（小学部）”“（初中部）”两个单元分别报告。",
			"Each answer is judged by the respondent's own grade band; two-stage schools are reported once per stage."),
	)
	if r.Design.Weight {
		items = append(items, b.t("加权（--weight enrolment）：每个回答的权重为该校该年级在校人数 ÷ 该校该年级可判定的回答数（按学校 × 年级事后分层），使全县比例不偏向应答多的学校和年级；与 R survey 包 postStratify 的结果一致。",
			"Weights (--weight enrolment): post-stratified to enrolment by school × grade, as R's survey postStratify."))
	}
	if r.Design.FPC {
		items = append(items, b.t("有限总体校正（--fpc）：按名册在校人数，以各单元应答人数占在校人数的比例缩小方差。", "Finite-population correction (--fpc) from roster enrolment."))
	}
	if r.Design.Reliability == analysis.ReliabilityNCHS {
		items = append(items, b.t("可靠性标准（--reliability nchs，Parker 等 2017，美国国家卫生统计中心）：有效样本量小于30、或置信区间宽度达到30个百分点、或相对宽度超过130%的比例不报告；自由度小于8的标注“‡”。",
			"NCHS presentation standards (Parker et al. 2017): suppressed when n_eff < 30, the interval is 30 points wide or more, or its relative width exceeds 130%; ‡ when df < 8."))
	}
	if b.o.Lang == analysis.English {
		return append(items, r.WarningsEN...)
	}
	return append(items, r.Warnings...)
}
