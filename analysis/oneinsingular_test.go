package analysis

import "testing"

// TestOneInSingular: English text counts one of a thing in the singular, and leaves 11, 2.1 and
// Chinese alone.
func TestOneInSingular(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"schools", "1 schools set 5", "1 school set 5"},
		{"after a word", "differ significantly in 1 schools: A", "differ significantly in 1 school: A"},
		{"after a quote", "“甲”: 1 rows", "“甲”: 1 row"},
		{"in brackets", "(1 schools, 4 periods)", "(1 school, 4 periods)"},
		{"not one", "11 schools, 2.1 rows, 21 schools, 1 more", "11 schools, 2.1 rows, 21 schools, 1 more"},
		{"chinese", "1所学校", "1所学校"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := OneInSingular(c.in); got != c.want {
				t.Errorf("OneInSingular(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
