// Package cellsafe neutralises text that a spreadsheet would run as a formula (CSV injection).
package cellsafe

// Text returns s made safe for a spreadsheet cell, following the OWASP CSV-injection advice: a value
// that starts with = + - @, a tab or a carriage return gets a leading apostrophe, so Excel and WPS show
// it as text instead of running it. Plain numbers such as "-2" are left alone.
func Text(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

func isNumber(s string) bool {
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i = 1
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
