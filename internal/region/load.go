package region

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits on a division list, so that a hostile one fails cleanly.
const (
	maxRows     = 100_000
	maxNameLen  = 96 // bytes: 32 Chinese characters
	maxLineSize = 4096
)

// Load reads a division list and builds its index. The list is UTF-8 text, one
// division a line, fields separated by tabs:
//
//	code<TAB>name[<TAB>status]
//
// where code is a six-digit GB/T 2260 code (420000 a province, 420600 a prefecture,
// 420602 a county-level unit) and status is empty for a current division, "former"
// for one that no longer exists, or "alias" for another name (a former or short
// one) of the division with that code, which must be listed too. Empty lines and
// lines starting with "#" are ignored. A county-level unit belongs to the
// prefecture with the same first four digits when it is listed, else directly to
// its province; every division's province must be listed.
//
// Errors name the line: "region: line 12: …".
func Load(r io.Reader) (*Index, error) {
	type alias struct {
		code, name string
		line       int
	}
	ix := &Index{
		byCode:   make(map[string]int32),
		byName:   make(map[string][]int32),
		children: make(map[int32][]int32),
		prefixes: make(map[string]bool),
	}
	var aliases []alias
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), maxLineSize)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || text[0] == '#' {
			continue
		}
		if len(ix.divs)+len(aliases) >= maxRows {
			return nil, fmt.Errorf("region: line %d: more than %d divisions", line, maxRows)
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("region: line %d: want code<TAB>name[<TAB>status], got %d fields", line, len(f))
		}
		code, name, status := f[0], f[1], ""
		if len(f) == 3 {
			status = f[2]
		}
		if !validCode(code) {
			return nil, fmt.Errorf("region: line %d: bad code %q: want six digits", line, code)
		}
		if err := validName(name); err != nil {
			return nil, fmt.Errorf("region: line %d: %v", line, err)
		}
		switch status {
		case "alias":
			aliases = append(aliases, alias{code, name, line})
			continue
		case "", "former":
		default:
			return nil, fmt.Errorf("region: line %d: unknown status %q (want \"\", \"former\" or \"alias\")", line, status)
		}
		if _, dup := ix.byCode[code]; dup {
			return nil, fmt.Errorf("region: line %d: code %s listed twice", line, code)
		}
		ix.byCode[code] = int32(len(ix.divs))
		ix.divs = append(ix.divs, division{code: code, name: name, former: status == "former", parent: -1})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("region: line %d: %v", line+1, err)
	}
	if len(ix.divs) == 0 {
		return nil, fmt.Errorf("region: no divisions")
	}

	// Levels and parents.
	for i := range ix.divs {
		d := &ix.divs[i]
		prov := d.code[:2] + "0000"
		switch {
		case d.code == prov:
			d.level = 1
		case d.code[4:] == "00":
			d.level = 2
		default:
			d.level = 3
		}
		if d.level > 1 {
			p, ok := ix.byCode[prov]
			if !ok {
				return nil, fmt.Errorf("region: %s %s: its province %s is not listed", d.code, d.name, prov)
			}
			d.parent = p
		}
		if d.level == 3 {
			if c, ok := ix.byCode[d.code[:4]+"00"]; ok {
				d.parent = c
			}
		}
		ix.addName(d.name, int32(i))
		if !d.former {
			ix.children[d.parent] = append(ix.children[d.parent], int32(i))
		}
	}
	for _, a := range aliases {
		i, ok := ix.byCode[a.code]
		if !ok {
			return nil, fmt.Errorf("region: line %d: alias %s of code %s, which is not listed", a.line, a.name, a.code)
		}
		ix.addName(a.name, i)
	}
	for _, list := range ix.byName {
		ix.sortByCode(list)
	}
	for _, list := range ix.children {
		ix.sortByCode(list)
	}
	return ix, nil
}

// addName files division i under name, once.
func (ix *Index) addName(name string, i int32) {
	for _, j := range ix.byName[name] {
		if j == i {
			return
		}
	}
	ix.byName[name] = append(ix.byName[name], i)
	ix.divs[i].names = append(ix.divs[i].names, name)
	ix.prefixes[firstRunes(name, 2)] = true
	if n := utf8.RuneCountInString(name); n > ix.maxRunes {
		ix.maxRunes = n
	}
}

// firstRunes returns the first n runes of s (all of s if it is shorter).
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func validCode(code string) bool {
	if len(code) != 6 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return code[:2] != "00"
}

func validName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty name")
	case len(name) > maxNameLen:
		return fmt.Errorf("name %.30q… longer than %d bytes", name, maxNameLen)
	case !utf8.ValidString(name):
		return fmt.Errorf("name %q is not UTF-8", name)
	case utf8.RuneCountInString(name) < 2:
		return fmt.Errorf("name %q shorter than two characters", name)
	case strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == 0x3000 || r == utf8.RuneError }):
		return fmt.Errorf("name %q contains a space or control character", name)
	}
	return nil
}
