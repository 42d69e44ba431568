package record

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Date is a calendar date without a time of day, written as a TOML local date
// (published = 2018-01-10).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date, or an error when it is not a real calendar date.
func NewDate(year int, month time.Month, day int) (Date, error) {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || t.Month() != month || t.Day() != day {
		return Date{}, fmt.Errorf("%04d-%02d-%02d is not a calendar date", year, int(month), day)
	}
	return Date{year, month, day}, nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// MarshalTOML writes the date as a bare TOML local date.
func (d Date) MarshalTOML() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalTOML reads a TOML local date. A date with a time of day or an offset is
// rejected: a report's publication date is a day.
func (d *Date) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok {
		return fmt.Errorf("want a date like 2018-01-10, got %s", tomlTypeName(v))
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return fmt.Errorf("want a date like 2018-01-10, got a date and time")
	}
	*d = Date{t.Year(), t.Month(), t.Day()}
	return nil
}

// Amount is a sum of money or another figure that may have decimals (万元, 元). It is
// written as an integer when it is whole, so that "3940" stays 3940 and not 3940.0.
type Amount float64

// MarshalTOML writes the amount as the shortest TOML number that reads back as it.
func (a Amount) MarshalTOML() ([]byte, error) {
	f := float64(a)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("amount %v is not a finite number", f)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.AppendInt(nil, int64(f), 10), nil
	}
	format := byte('f')
	if abs := math.Abs(f); abs >= 1e15 || abs < 1e-6 {
		format = 'g'
	}
	s := strconv.FormatFloat(f, format, -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return []byte(s), nil
}

// Text is a string that is written as a TOML multi-line string when it has line
// breaks, so that a narrative stays readable in the record file.
type Text string

// MarshalTOML writes the text as a basic string, or a multi-line basic string when
// it spans lines.
func (t Text) MarshalTOML() ([]byte, error) {
	if !strings.Contains(string(t), "\n") {
		return []byte(quoteBasic(string(t))), nil
	}
	return []byte(quoteMultiline(string(t))), nil
}

// MarshalTOML writes the provenance as an inline table, one line a figure.
func (p Provenance) MarshalTOML() ([]byte, error) {
	s := "{ line = " + strconv.Itoa(p.Line) + ", text = " + quoteBasic(p.Text)
	if p.Table > 0 {
		s += ", table = " + strconv.Itoa(p.Table) + ", row = " + strconv.Itoa(p.Row) + ", column = " + strconv.Itoa(p.Column)
	}
	return []byte(s + " }"), nil
}

// quoteBasic returns s as a TOML basic string ("…").
func quoteBasic(s string) string { return quote(s, false) }

// quoteMultiline returns s as a TOML multi-line basic string ("""…"""). Line feeds
// stay literal; every other control character, backslash and quote is escaped, so
// no run of three quotes can close the string early.
func quoteMultiline(s string) string { return quote(s, true) }

func quote(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	if multiline {
		b.WriteString("\"\"\"\n") // a newline right after the opening quotes is trimmed by readers
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			writeRune(&b, r, multiline)
		}
	}
	if multiline {
		b.WriteString(`"""`)
	} else {
		b.WriteByte('"')
	}
	return b.String()
}

func writeRune(b *strings.Builder, r rune, multiline bool) {
	switch {
	case r == '\n' && multiline:
		b.WriteByte('\n')
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(b, `\u%04X`, r)
	case r == utf8.RuneError:
		b.WriteString(`\uFFFD`)
	default:
		b.WriteRune(r)
	}
}
