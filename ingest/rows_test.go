package ingest

import (
	"strings"
	"testing"
)

// formats.md: "every input row ends in exactly one place: used, or rejected with its file, row number
// and reason", and Reject.Row is "the row number as Excel shows it (the header is row 1)".

const rowsHeader = "1、你就读的学校是？,2、你所在的年级是？,3、你所在的班级是？,4、你的性别是？\n"

func TestRejectRowNumbers(t *testing.T) {
	tests := []struct {
		name        string
		csv         string
		read        int
		wantRows    []int // rows of the rejects, as Excel shows them
		wantReasons []Reason
	}{
		{
			name:        "plain",
			csv:         rowsHeader + "城关小学,三年级,1,男\n,三年级,1,男\n",
			read:        2,
			wantRows:    []int{3},
			wantReasons: []Reason{ReasonMissingSchool},
		},
		{
			// Excel shows a cell with a line break inside one row: the reject is row 3, not line 4.
			name:        "quoted line break in a cell",
			csv:         rowsHeader + "城关小学,三年级,\"火箭\n班\",男\n,三年级,1,男\n",
			read:        2,
			wantRows:    []int{3},
			wantReasons: []Reason{ReasonMissingSchool},
		},
		{
			// An empty line is a row in Excel; the same sheet as .xlsx reads 3 rows and rejects blank_row.
			name:        "empty line",
			csv:         rowsHeader + "城关小学,三年级,1,男\n\n,三年级,1,男\n",
			read:        3,
			wantRows:    []int{3, 4},
			wantReasons: []Reason{ReasonBlankRow, ReasonMissingSchool},
		},
		{
			// Two empty lines are two Excel rows (3 and 4); the next record is row 5.
			name:        "two empty lines",
			csv:         rowsHeader + "城关小学,三年级,1,男\n\n\n,三年级,1,男\n",
			read:        4,
			wantRows:    []int{3, 4, 5},
			wantReasons: []Reason{ReasonBlankRow, ReasonBlankRow, ReasonMissingSchool},
		},
		{
			// A cell spanning two lines is one row (2); the empty line after it is row 3, the reject row 4.
			name:        "empty line after a quoted line break",
			csv:         rowsHeader + "城关小学,三年级,\"火箭\n班\",男\n\n,三年级,1,男\n",
			read:        3,
			wantRows:    []int{3, 4},
			wantReasons: []Reason{ReasonBlankRow, ReasonMissingSchool},
		},
		{
			// Windows line ends: the same rows as "empty line".
			name:        "empty line with CRLF",
			csv:         strings.ReplaceAll(rowsHeader+"城关小学,三年级,1,男\n\n,三年级,1,男\n", "\n", "\r\n"),
			read:        3,
			wantRows:    []int{3, 4},
			wantReasons: []Reason{ReasonBlankRow, ReasonMissingSchool},
		},
		{
			// Empty lines after the last record hold nothing and end no row Excel would show with content:
			// like an .xlsx's unused rows they are not read.
			name:        "trailing empty lines",
			csv:         rowsHeader + ",三年级,1,男\n\n\n",
			read:        1,
			wantRows:    []int{2},
			wantReasons: []Reason{ReasonMissingSchool},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]Source{memSource("学生问卷.csv", []byte(tt.csv))}, ReadOptions{Roster: fuzzRoster()})
			if err != nil {
				t.Fatal(err)
			}
			if fr := res.Files[0]; fr.Read != tt.read {
				t.Errorf("read %d rows, want %d", fr.Read, tt.read)
			}
			if len(res.Rejects) != len(tt.wantRows) {
				t.Fatalf("%d rejects, want %d: %+v", len(res.Rejects), len(tt.wantRows), res.Rejects)
			}
			for i, r := range res.Rejects {
				if r.Row != tt.wantRows[i] || r.Reason != tt.wantReasons[i] {
					t.Errorf("reject %d: row %d %s, want row %d %s", i, r.Row, r.Reason, tt.wantRows[i], tt.wantReasons[i])
				}
			}
		})
	}
}
