package cellsafe

import "testing"

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "清河县第一中学", "清河县第一中学"},
		{"empty", "", ""},
		{"formula", "=HYPERLINK(\"http://x\",\"点我\")", "'=HYPERLINK(\"http://x\",\"点我\")"},
		{"plus", "+1+1", "'+1+1"},
		{"minus text", "-cmd", "'-cmd"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\tx", "'\tx"},
		{"cr", "\rx", "'\rx"},
		{"negative number", "-2", "-2"},
		{"negative decimal", "-3.5", "-3.5"},
		{"lone minus", "-", "'-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
