package ingest_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/jianfu-edu/jianfu/ingest"
	"github.com/jianfu-edu/jianfu/surveys"
)

// Read accounts for every row: each one is used or rejected with its row number and reason, and
// read = used + rejected. A cell that matches no option keeps its row and becomes 无效.
func ExampleRead() {
	const export = "1、你就读的学校是？,2、你所在的年级是？,3、你所在的班级是？,7、上学日，你平均每天的睡眠时间大约是多少？\n" +
		"城关小学,三年级,2班,8-9小时\n" +
		"城关小学,初一,1,C. 8-9小时\n" + // 初一 is grade 7, which a 小学 does not have
		"清河一中,七年级,（3）班,8小时左右\n" + // an alias of the roster, an unknown option text
		",七年级,1,9-10小时\n" // no school
	roster := &surveys.Roster{Schools: []surveys.School{
		{Code: "S01", Name: "清河县第一中学", Stage: surveys.StageJunior, Aliases: []string{"清河一中"}},
		{Code: "S02", Name: "城关小学", Stage: surveys.StagePrimary},
	}}
	src := ingest.Source{Name: "学生问卷.csv", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(export)), nil
	}}

	res, err := ingest.Read([]ingest.Source{src}, ingest.ReadOptions{Roster: roster})
	if err != nil {
		fmt.Println(err)
		return
	}
	read, used, rejected := res.Totals("student")
	fmt.Printf("read %d, used %d, rejected %d\n", read, used, rejected)
	for _, r := range res.Rejects {
		fmt.Printf("rejected row %d: %s (%q)\n", r.Row, r.Reason, r.Value)
	}
	d := res.Dataset("student")
	sleep := d.Column("sleep")
	q := d.Questionnaire.Question("sleep")
	for i := 0; i < d.Len(); i++ {
		answer := q.OptionText(sleep[i])
		if sleep[i] == surveys.Invalid {
			answer = "无效"
		}
		fmt.Printf("row %d: %s, grade %d, class %s, sleep %s\n", d.Row[i], d.Schools[d.School[i]].Name, d.Grade[i], d.Classes[d.Class[i]].Label, answer)
	}
	// Output:
	// read 4, used 2, rejected 2
	// rejected row 3: grade_not_in_stage ("初一")
	// rejected row 5: missing_school ("")
	// row 2: 城关小学, grade 3, class 2, sleep 8-9小时
	// row 4: 清河县第一中学, grade 7, class 3, sleep 无效
}
