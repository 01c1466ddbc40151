package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jianfu-edu/jianfu/internal/cellsafe"
)

// RejectsHeader is the header row of rejects.csv; a file that starts with it is jianfu's.
var RejectsHeader = []string{"文件", "行号", "列", "值", "原因代码", "原因", "说明", "原始内容"}

// WriteRejectsCSV writes the rejected rows as a CSV that Excel opens directly (UTF-8 with BOM, CRLF):
// file, row, column, value, reason code, reason, detail and the row's cells. Every cell is made safe
// against formula injection.
func WriteRejectsCSV(w io.Writer, rejects []Reject) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(RejectsHeader); err != nil {
		return err
	}
	for _, r := range rejects {
		rec := []string{r.File, strconv.Itoa(r.Row), r.Column, r.Value, string(r.Reason), r.Reason.Text(), r.Detail, strings.Join(r.Cells, " | ")}
		for i := range rec {
			rec[i] = cellsafe.Text(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write rejects: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}
