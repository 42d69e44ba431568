package decode

// Layout: text lines and tables rebuilt from positioned words, as a PDF layout
// engine reports them. A PDF has no tables: it has words at positions, and a table
// is words that line up. The reconstruction works in these steps:
//
//  1. Words become physical lines (same vertical centre), and a line's words become
//     cells where a wide gap separates them (or where two numbers meet).
//  2. Page furniture (page numbers such as "-3-") is dropped, and the pages are
//     stacked into one continuous vertical coordinate, so that a table and a label
//     split by a page break continue.
//  3. Anchor lines are lines that end in a band of numbers after a narrow label: the
//     numeric rows of a table. Runs of anchors, with the label fragments, header
//     lines and sub-headings around them, form a table region; a heading, a body
//     paragraph or a wide gap ends the region.
//  4. In a region, the numbers' x-extents are clustered into columns, and the label
//     fragments' left edges into label columns. Label fragments that are close
//     vertically join into blocks (a wrapped label, a vertical label written one
//     character per line). A block belongs to the row whose numbers it overlaps;
//     a block whose rows already have labels further right is a group label (a
//     merged cell spanning rows) and covers the consecutive rows around it.
//  5. Lines of the region that carry no numbers become header or sub-heading rows.
//
// Nothing here knows a report template: it works on any table laid out by position.
//
// The steps live in their own files: words → lines (layout_lines.go), table
// regions (layout_regions.go), the grid of a region (layout_grid.go) and
// paragraph reflow (layout_reflow.go).

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// layoutPages rebuilds the text lines and tables of positioned pages.
func layoutPages(pages []pageWords) (lines []string, tables []Table) {
	ls := physicalLines(pages)
	for i := range ls {
		classify(&ls[i])
	}
	regions := findRegions(ls)
	paraEnds := paragraphBreaks(ls)
	r := 0
	var para strings.Builder
	flush := func() {
		if s := strings.TrimSpace(para.String()); s != "" {
			lines = append(lines, s)
		}
		para.Reset()
	}
	for i := 0; i < len(ls); i++ {
		if r < len(regions) && regions[r].start == i {
			flush()
			rows := buildTable(ls, regions[r])
			if len(rows) > 0 {
				t := Table{Line: len(lines)}
				for _, row := range rows {
					lines = append(lines, strings.Join(row, " | "))
				}
				t.Rows = rows
				tables = append(tables, t)
			}
			i = regions[r].end - 1
			r++
			continue
		}
		joinText(&para, ls[i].text())
		if paraEnds[i] {
			flush()
		}
	}
	flush()
	return lines, tables
}

// joinText appends s to b, with a space only between two non-CJK characters.
func joinText(b *strings.Builder, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if b.Len() > 0 {
		prev, _ := utf8.DecodeLastRuneInString(b.String())
		next, _ := utf8.DecodeRuneInString(s)
		if prev < utf8.RuneSelf && next < utf8.RuneSelf {
			b.WriteByte(' ')
		}
	}
	b.WriteString(s)
}

func joinWords(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		joinText(&b, p)
	}
	return b.String()
}

func median(fs []float64) float64 {
	if len(fs) == 0 {
		return 0
	}
	s := append([]float64(nil), fs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
