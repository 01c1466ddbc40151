package ingest

import (
	"slices"
	"testing"
)

// TestLineBreaks: a lone CR, or a line break inside a quoted cell, never merges or splits rows, in
// files with CRLF, LF or (old Mac) CR line ends. Row numbers are as Excel shows them: a record is
// one row however many line breaks its quoted cells hold.
func TestLineBreaks(t *testing.T) {
	cases := []struct {
		name string
		text string
		want map[int][]string
	}{
		{"crlf, lone cr in a plain cell", "a,b\r\nx\ry,2\r\nz,3\r\n", map[int][]string{1: {"a", "b"}, 2: {"x\ry", "2"}, 3: {"z", "3"}}},
		{"crlf, line break in a quoted cell", "a,b\r\n\"x\r\ny\",2\r\nz,3\r\n", map[int][]string{1: {"a", "b"}, 2: {"x\ny", "2"}, 3: {"z", "3"}}},
		{"lf, lone cr in a quoted cell", "a,b\n\"x\ry\",2\nz,3\n", map[int][]string{1: {"a", "b"}, 2: {"x\ry", "2"}, 3: {"z", "3"}}},
		{"lf, two line breaks in quoted cells", "a,b\n\"x\n\ny\",\"p\nq\"\nz,3\n", map[int][]string{1: {"a", "b"}, 2: {"x\n\ny", "p\nq"}, 3: {"z", "3"}}},
		{"cr only, line break in a quoted cell", "a,b\r\"x\ny\",2\rz,3\r", map[int][]string{1: {"a", "b"}, 2: {"x\ny", "2"}, 3: {"z", "3"}}},
		{"cr only, cr in a quoted cell", "a,b\r\"x\ry\",2\rz,3\r", map[int][]string{1: {"a", "b"}, 2: {"x\ny", "2"}, 3: {"z", "3"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _, err := readAllRows(t, memSource("t.csv", []byte(c.text)), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Errorf("%d rows %v, want %d", len(got), got, len(c.want))
			}
			for r, w := range c.want {
				if !slices.Equal(got[r], w) {
					t.Errorf("row %d = %q, want %q", r, got[r], w)
				}
			}
		})
	}
}
