package ingest

import (
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
		bug         string
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
			bug: "BUG: source.go textSource.Next returns csv.Reader.FieldPos(0)'s line number as the row, so every row after a " +
				"quoted cell with a line break is numbered one too high per embedded line break (this input: reject at row 4, Excel " +
				"shows row 3); count the '\\n' inside the fields already read and subtract them",
		},
		{
			// An empty line is a row in Excel; the same sheet as .xlsx reads 3 rows and rejects blank_row.
			name:        "empty line",
			csv:         rowsHeader + "城关小学,三年级,1,男\n\n,三年级,1,男\n",
			read:        3,
			wantRows:    []int{3, 4},
			wantReasons: []Reason{ReasonBlankRow, ReasonMissingSchool},
			bug: "BUG: encoding/csv skips empty lines, so a CSV's empty line is neither used nor rejected (this input: read 2, " +
				"used 1, rejected 1), while the same rows in an .xlsx read 3 and reject row 3 as blank_row; the accounting of " +
				"formats.md (every row used or rejected) and ReasonBlankRow suggest the CSV should count it too",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bug != "" {
				t.Skip(tt.bug)
			}
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
