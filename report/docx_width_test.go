package report

import (
	"strings"
	"testing"
)

// TestColumnWidthsKeepNumbers: when the columns' words do not fit the page (long English words), the
// text columns shrink and a numeric column keeps the room of its longest number, so "5834" never
// wraps; all columns still add up to the text width.
func TestColumnWidthsKeepNumbers(t *testing.T) {
	long := strings.Repeat("Supplementary ", 3)
	tab := &Table{Header: []string{"Indicator", "Questionnaire", "Kind", "Standard", "Comply %", "95% CI", "n", "Action needed", "Attention"},
		Numeric: []bool{false, false, false, false, true, true, true, true, true},
		Rows:    [][]Cell{{{Text: long}, {Text: "students"}, {Text: "reference"}, {Text: "requirements secondary " + long}, {Text: "80.5"}, {Text: "78.0–82.8"}, {Text: "5834"}, {Text: "2"}, {Text: "0"}}}}
	w := columnWidths(tab)
	sum := 0
	for _, x := range w {
		sum += x
	}
	if sum != textWidth {
		t.Errorf("widths %v add up to %d, want %d", w, sum, textWidth)
	}
	const unit, pad = 92, 240
	if want := 4*unit + pad; w[6] < want {
		t.Errorf("n column %d twips wide, want at least %d for “5834”", w[6], want)
	}
	if want := 9*unit + pad; w[5] < want {
		t.Errorf("interval column %d twips wide, want at least %d for “78.0–82.8”", w[5], want)
	}
}
