package site

import (
	"encoding/csv"
	"io"
)

// The site's CSV files (the dataset's data/<year>/<province>.csv.gz) are
// opened in spreadsheets, which run a cell that starts with = + - @ (or a tab or
// carriage return before one) as a formula: =HYPERLINK(…) in an agency's name would
// become a link, DDE payloads a command. Every CSV the site writes goes through
// newCSV, whose rows pass each cell through safeCell.

// csvWriter writes CSV rows whose cells are made safe for spreadsheets.
type csvWriter struct {
	w   *csv.Writer
	row []string
}

func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// Write writes one row, each cell through safeCell.
func (c *csvWriter) Write(row []string) error {
	c.row = c.row[:0]
	for _, s := range row {
		c.row = append(c.row, safeCell(s))
	}
	return c.w.Write(c.row)
}

// Flush writes any buffered rows and returns the first error.
func (c *csvWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// safeCell neutralises a cell a spreadsheet would read as a formula, as OWASP advises
// (https://owasp.org/www-community/attacks/CSV_Injection): a cell starting with = + -
// @, a tab or a carriage return gets a leading single quote, which spreadsheets show
// as text and do not run. A number (-4, +1.5, -2e3) is left as it is, so negative
// figures stay numeric.
func safeCell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a plain decimal number: an optional sign, digits with
// an optional fraction, and an optional exponent. Unlike strconv.ParseFloat it
// refuses "-Inf", "NaN", hexadecimal and underscores, which a spreadsheet does not
// read as numbers.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
