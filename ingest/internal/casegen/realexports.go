package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/jianfu-edu/jianfu/surveys"
)

// realExports writes look-alikes of real exports (formats.md, 问卷星 section; issue 7), made here with
// invented schools and no names: fill-in text, 序号 downloads with option columns, 腾讯问卷 and 腾讯文档
// layouts, headers that look like a built-in question and ask another, times no one can read, NULL
// bookkeeping and matrix headers.
func realExports(student *surveys.Questionnaire, st [][]string) {
	col := func(n int) int { return len(book) + n - 1 }

	// A 问卷星 按文本 download as it comes: fill-in text after options (kept apart from the answer), a
	// multiple choice joined with ┋ in a single-choice column, (跳过), headers N.question and with a
	// leftover (单选题 *必答) tag. Row 8 (二年级) is rejected with its fill-in text.
	fi := clone(st)
	for n := 4; n <= 24; n++ {
		switch n % 3 {
		case 0:
			fi[0][col(n)] = fmt.Sprintf("%d.%s", n, student.Questions[n-1].Text)
		case 1:
			fi[0][col(n)] = student.Questions[n-1].Header() + "(单选题 *必答) "
		}
	}
	fi[1][col(8)] += "〖大概70分钟〗"
	fi[2][col(8)] += "〖〗"
	fi[3][col(23)] = "带入学校但统一保管〖交给班主任〗"
	fi[4][col(10)] = "(跳过)"
	fi[5][col(9)] = "适中┋偏多"
	fi[6][col(13)] = "2次〖期中和期末〗"
	fi[7][col(8)] += "〖这一行被剔除〗"
	write("wjx_fillin_csv/123456_按文本_学生问卷_13_13.csv", []byte(csvText(fi, ",")))

	// A 问卷星 按序号 download: option numbers, -2 未答, -3 跳过, question 8 as one 0/1 column per option
	// headed 8、(option), and numbers stored as 4.0 in rows 3 and 4.
	nm := numericTable(student, st)
	c8 := col(8)
	var header []string
	header = append(header, nm[0][:c8]...)
	for _, o := range student.Questions[7].Options {
		header = append(header, "8、("+o.Text+")")
	}
	header = append(header, nm[0][c8+1:]...)
	out := [][]string{header}
	for i, r := range nm[1:] {
		rec := append([]string(nil), r[:c8]...)
		for k := range student.Questions[7].Options {
			v := "0"
			if r[c8] == "-3" {
				v = "-3"
			} else if r[c8] == fmt.Sprint(k+1) {
				v = "1"
			}
			rec = append(rec, v)
		}
		rec = append(rec, r[c8+1:]...)
		if i == 2 || i == 3 {
			for j := len(book); j < len(rec); j++ {
				if rec[j] != "" && strings.Trim(rec[j], "-0123456789") == "" && j != col(1) && j != col(3) {
					rec[j] += ".0"
				}
			}
		}
		out = append(out, rec)
	}
	out[5][c8], out[5][c8+1] = "1", "1" // row 6 marks two options of a single choice: 无效
	write("wjx_numeric_options_csv/123456_按序号_学生问卷_13_13.csv", []byte(csvText(out, ",")))

	// A 腾讯问卷 export: 编号 (a serial, not a student code), 开始/结束答题时间, 答题时长, a place column,
	// then 1.题目. Row 3 took 30 seconds (too fast); row 4's start time is unreadable, and its 答题时长 is
	// blank, so the too-fast rule could not look at it.
	tx := [][]string{{"编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置省"}}
	for _, qu := range student.Questions {
		tx[0] = append(tx[0], fmt.Sprintf("%d.%s", qu.Number, qu.Text))
	}
	for i, r := range small(st)[1:] {
		end := time.Date(2026, 6, 20+i, 10, 5*i, 0, 0, time.UTC)
		took := 240 + 10*i
		rec := []string{fmt.Sprint(i + 1), end.Add(-time.Duration(took) * time.Second).Format("2006-01-02 15:04:05"), end.Format("2006-01-02 15:04:05"), fmt.Sprintf("%d秒", took), "湖南"}
		switch i {
		case 1:
			rec[3] = "30秒"
		case 2:
			rec[1], rec[3] = "开始时间未记录", ""
		}
		tx = append(tx, append(rec, r[len(book):]...))
	}
	write("tencent_survey_csv/腾讯问卷_学生问卷.csv", append([]byte("\ufeff"), csvText(tx, ",")...))

	// A 腾讯文档 collection form: 提交者 and 提交时间 as a date-time cell, headers ending （必填）, and the
	// yes/no questions as Excel TRUE/FALSE cells (TRUE is 是, FALSE 否).
	td := [][]any{{"提交者", "提交时间"}}
	for _, qu := range student.Questions {
		td[0] = append(td[0], qu.Text+"（必填）")
	}
	for i, r := range small(st)[1:] {
		rec := []any{fmt.Sprintf("微信用户%d", i+1), time.Date(2026, 6, 20, 9+i, 30, 0, 0, time.UTC)}
		for n, qu := range student.Questions {
			v := r[len(book)+n]
			if len(qu.Options) == 2 && qu.Options[1].Text == "是" {
				rec = append(rec, (n+i)%2 == 0)
				continue
			}
			rec = append(rec, v)
		}
		td = append(td, rec)
	}
	write("tencent_docs_xlsx/学生问卷（收集结果）.xlsx", workbook([]sheet{{"Sheet1", td}}, nil))

	// Headers that look like built-in questions: 7 asks about weekends and 8 about the child (a parent's
	// wording), so neither is the built-in question; 5 drops its parenthetical and 12 its examples, so
	// both are, and shown as approximate matches.
	la := small(st)
	la[0][col(7)] = "7、周末，你平均每天的睡眠时间大约是多少？"
	la[0][col(8)] = "8、上学日，孩子每天完成老师布置的书面家庭作业大约需要多长时间？"
	la[0][col(5)] = "5、上学日，你通常晚上几点上床睡觉？"
	la[0][col(12)] = "12、老师是否通过班级群布置作业或要求打卡？"
	write("lookalike_headers_csv/学生问卷.csv", []byte(csvText(la, ",")))

	// Times as people and programs write them; rows 2 and 3 cannot be read and are counted, row 4's
	// blank and NULL cells are not.
	ut := clone(st[:8])
	for i, v := range [][2]string{{"2026/6/20 9:58:01", "2分3秒"}, {"6/20/2026 10:00", "很快"}, {"昨天上午", "1小时2分3秒"},
		{"", "NULL"}, {"2026-06-20T10:04", "462.0"}, {"2026年6月20日 10:05", "0:07:42"}, {"46193.4201388889", "462秒"}} {
		ut[i+1][1], ut[i+1][2] = v[0], v[1]
	}
	write("unreadable_times_csv/学生问卷.csv", []byte(csvText(ut, ",")))

	// Bookkeeping columns in another order with 用户ID and 总分, blanked with NULL. Rows 2-4 are classmates
	// with the same answers two minutes apart: with NULL for an IP they are not one submission.
	nu := [][]string{{"用户ID", "序号", "提交答卷时间", "所用时间", "来自IP", "来源", "来源详情", "总分"}}
	nu[0] = append(nu[0], st[0][len(book):]...)
	for i := 0; i < 4; i++ {
		r := st[1]
		if i == 3 {
			r = st[4]
		}
		rec := []string{"NULL", fmt.Sprint(i + 1), fmt.Sprintf("2026/6/20 10:%02d:00", 2*i), fmt.Sprintf("%d秒", 300+i), "NULL", "NULL", "NULL", "0"}
		nu = append(nu, append(rec, r[len(book):]...))
	}
	write("bookkeeping_null_csv/学生问卷.csv", []byte(csvText(nu, ",")))

	// Matrix questions: 11 and 12 as the rows of a matrix 题干—子题 followed by a bare row label, 14 in a
	// matrix whose stem sets weekends (another question).
	mx := small(st)
	mx[0][col(11)] = "11、以下情况是否发生过—" + student.Questions[10].Text
	mx[0][col(12)] = student.Questions[11].Text
	mx[0][col(14)] = "14、周末和节假日—" + student.Questions[13].Text
	write("matrix_headers_csv/学生问卷.csv", []byte(csvText(mx, ",")))
}

// numericTable writes a text table as 问卷星's 按序号 download: option numbers, -2 for 未答, -3 for
// 跳过, the grade as its number; school and class stay text, and text that is no option stays.
func numericTable(q *surveys.Questionnaire, t [][]string) [][]string {
	out := clone(t)
	for _, rec := range out[1:] {
		for n, qu := range q.Questions {
			j := len(book) + n
			v := rec[j]
			switch {
			case qu.Kind == surveys.KindSchool || qu.Kind == surveys.KindClass:
			case v == "" || v == "(空)":
				rec[j] = "-2"
			case v == "(跳过)":
				rec[j] = "-3"
			default:
				for i, o := range qu.Options {
					if o.Text == v {
						rec[j] = fmt.Sprint(i + 1)
					}
				}
			}
		}
	}
	return out
}
