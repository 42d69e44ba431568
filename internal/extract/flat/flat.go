// Package flat reads the runs of digits that a table becomes when a crawler takes
// the text of a web page: the cells of a row glued together ("640020470" is the
// cells 64, 0, 0, 2, 0, 4, 70), sometimes with spaces where cells met. A run has
// many splits into a row's cells; Splits lists them, and the caller keeps those its
// table's identities allow.
//
// A cell is a number as a table prints it: digits without a leading zero (a lone
// "0" is a number, "01" is two cells), and, where the caller allows it, a decimal
// part ("9116.36"). A space is always a boundary between cells: a crawler joins the
// text of two cells with a space or with nothing, never splits a cell's digits.
package flat

import (
	"errors"
	"strings"
)

// Limits of the enumeration, so that a hostile or odd run cannot take unbounded
// time.
const (
	// MaxDigits is the longest run (in digits, spaces not counted) Splits reads: a row
	// of fifteen cells of up to four digits. A longer run is not a row of cells.
	MaxDigits = 64
	// MaxCellDigits is the most digits of one cell's whole part: a count or an
	// amount of annual reports stays below ten billion.
	MaxCellDigits = 10
	// MaxReadings is the most splits Splits returns; with more, the run is reported
	// as having too many readings to settle.
	MaxReadings = 20000
)

// Errors of Splits.
var (
	ErrTooLong     = errors.New("the run is too long to be a row of cells")
	ErrTooMany     = errors.New("the run has too many readings to settle")
	ErrNotRun      = errors.New("not a run of digits")
	errNoReading   = errors.New("no reading")
	errStopWalking = errors.New("stop")
)

// Options say what a cell may be.
type Options struct {
	// Decimals lists, by cell index, the cells that may have a decimal part (an
	// amount); the others are whole numbers.
	Decimals []bool
	// Signed lists, by cell index, the cells that may carry a sign (本年增/减:
	// "20+1737" is 20 | +17 | 37 or another split); a sign always starts a cell.
	Signed []bool
}

// Splits returns every reading of the pieces (a run cut at its spaces) as exactly n
// cells, in order, each cell a number as Options allow. The pieces are the run's
// parts between spaces: "230 000023" is the pieces "230" and "000023", and its
// readings into seven cells include 23 | 0 | 0 | 0 | 0 | 0 | 23. Splits returns
// ErrTooMany when there are more than MaxReadings.
func Splits(pieces []string, n int, opts Options) ([][]string, error) {
	digits := 0
	var cut []string
	for _, p := range pieces {
		if p == "" || !isRun(p) {
			return nil, ErrNotRun
		}
		digits += len(p)
		// A sign starts a cell: "20+1737" is the pieces "20" and "+1737".
		for start, i := 0, 1; i <= len(p); i++ {
			if i == len(p) || p[i] == '+' || p[i] == '-' {
				cut = append(cut, p[start:i])
				start = i
			}
		}
	}
	pieces = cut
	if digits > MaxDigits {
		return nil, ErrTooLong
	}
	if n <= 0 || n > digits {
		return nil, nil
	}
	w := walker{pieces: pieces, n: n, opts: opts, cells: make([]string, 0, n)}
	if err := w.walk(0, 0); err != nil && !errors.Is(err, errStopWalking) {
		return nil, err
	}
	if w.tooMany {
		return nil, ErrTooMany
	}
	return w.out, nil
}

// Pieces cuts a run at its spaces.
func Pieces(run string) []string { return strings.Fields(run) }

type walker struct {
	pieces  []string
	n       int
	opts    Options
	cells   []string
	out     [][]string
	tooMany bool
}

// walk places the cells from piece p, byte offset at, onwards.
func (w *walker) walk(p, at int) error {
	if p == len(w.pieces) {
		if len(w.cells) == w.n {
			if len(w.out) == MaxReadings {
				w.tooMany = true
				return errStopWalking
			}
			w.out = append(w.out, append([]string(nil), w.cells...))
		}
		return nil
	}
	piece := w.pieces[p]
	if at == len(piece) {
		return w.walk(p+1, 0)
	}
	k := len(w.cells)
	if k == w.n {
		return nil // cells left over
	}
	// What is left must fit: at least one digit a cell.
	left := len(piece) - at
	for _, q := range w.pieces[p+1:] {
		left += len(q)
	}
	if left < w.n-k {
		return nil
	}
	decimals := k < len(w.opts.Decimals) && w.opts.Decimals[k]
	signed := k < len(w.opts.Signed) && w.opts.Signed[k]
	first := at + 1
	if piece[at] == '+' || piece[at] == '-' {
		if !signed {
			return nil // a sign where the cell cannot have one
		}
		first = at + 2
	}
	for end := first; end <= len(piece); end++ {
		cell := piece[at:end]
		if !validCell(strings.TrimLeft(cell, "+-"), decimals) {
			if tooLong(cell) {
				break
			}
			continue
		}
		w.cells = append(w.cells, cell)
		err := w.walk(p, end)
		w.cells = w.cells[:k]
		if err != nil {
			return err
		}
	}
	return nil
}

// validCell: digits without a leading zero, at most MaxCellDigits before a decimal
// point, and a decimal part only where allowed.
func validCell(s string, decimals bool) bool {
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || len(whole) > MaxCellDigits || strings.ContainsAny(whole, ".") {
		return false
	}
	if len(whole) > 1 && whole[0] == '0' {
		return false
	}
	if hasPoint {
		return decimals && frac != "" && !strings.Contains(frac, ".")
	}
	return true
}

// tooLong: no longer cell starting here can be valid either.
func tooLong(s string) bool {
	whole, _, _ := strings.Cut(s, ".")
	return len(whole) > MaxCellDigits || len(whole) > 1 && whole[0] == '0'
}

// isRun reports whether s is digits, with decimal points between digits and signs
// before them.
func isRun(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case (c == '+' || c == '-') && i < len(s)-1 && s[i+1] >= '0' && s[i+1] <= '9':
		case c == '.' && i > 0 && i < len(s)-1 && s[i-1] != '.' && s[i-1] != '+' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
