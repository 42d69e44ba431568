package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Report and agency pages from shells. Every report page of a language is the same
// page around four things: its title, its description, its address and its body;
// so is every agency page. So a build (not a generated project, which keeps one
// content page a report and an agency for plain Hugo) has Hugo render a few shells
// instead of every such page: a page of each view in each language, with and
// without charts, whose title, description and body are slots (slotTitle, …) and
// whose address is the shell's own (nbshell/report-charts/). Go then writes each
// page from its shell, filling in the slots and the address. Hugo holds and renders
// a handful of pages instead of two or three a report, and the pages are what Hugo
// would have written: TestShellPagesAsHugoWritesThem renders the same site both
// ways.
//
// The sitemaps are made the same way: a shell's <url> entry in a language's
// sitemap.xml, with its address replaced, is each report page's.

// shellSection is the content folder of the shells; its section page is not
// rendered, and the build removes the shells' output.
const shellSection = "nbshell"

// The slots of a shell: strings that Hugo's escaping leaves as they are.
const (
	slotTitle = "NBSLOTXTITLE"
	slotDesc  = "NBSLOTXDESC"
	slotBody  = "NBSLOTXBODY"
)

// The views written from shells: report pages and agency pages.
var shellViews = []string{"report", "agency"}

// shellURL is the site-relative address of a shell of a view, which its pages'
// addresses replace.
func shellURL(view string, charts bool) string {
	if charts {
		return shellSection + "/" + view + "-charts/"
	}
	return shellSection + "/" + view + "-plain/"
}

// shelledPage is a page to write from a shell: its view, its address
// (site-relative, without the language's folder), and in each language it has
// (zh-cn, en) its title, its description ("" when it has no page in the language)
// and whether its body has charts.
type shelledPage struct {
	view   string
	url    string
	title  [2]string
	desc   [2]string
	charts [2]bool
}

// writeShells writes the shells' content pages and bodies into the project: for
// each view, with and without charts, in each language.
func writeShells(p *project) error {
	never := []byte(`{"title": "", "build": {"render": "never", "list": "never"}}` + "\n")
	for _, lang := range languages {
		suffix := ".md"
		if lang != langZH {
			suffix = "." + lang + ".md"
		}
		if err := p.write("content/"+shellSection+"/_index"+suffix, never); err != nil {
			return err
		}
		for _, view := range shellViews {
			if !shellIn(p, view, lang) {
				continue
			}
			for _, charts := range []bool{true, false} {
				url := shellURL(view, charts)
				body := fragmentPath(langPrefix(lang) + url)
				fm := ReportPage{Page: Page{Title: slotTitle, View: view, Description: slotDesc}, Body: body, Charts: charts}
				if err := p.page("content/"+strings.TrimSuffix(url, "/")+suffix, fm); err != nil {
					return err
				}
				if err := p.write(body, []byte(slotBody)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// shellIn reports whether the build has pages of view in lang, and so shells: every
// view has pages in zh-cn, and agency pages are in English too; report pages are
// unless the build leaves them out (Options.NoEnglishReports), and then the zh-cn
// shell, as its pages, has no translation.
func shellIn(p *project, view, lang string) bool {
	return lang == langZH || view != "report" || p.english
}

// shell is a rendered shell cut at its slots: parts[i] comes before slots[i], the
// last part after the last slot.
type shell struct {
	parts [][]byte
	slots []string
}

// cutShell cuts a rendered shell at its slots and at every mention of its own
// address, path (which a page's address replaces). Each slot must be there once.
func cutShell(html []byte, path string) (shell, error) {
	var s shell
	marks := []string{slotTitle, slotDesc, slotBody, path}
	seen := map[string]int{}
	for len(html) > 0 {
		at, mark := -1, ""
		for _, m := range marks {
			if i := bytes.Index(html, []byte(m)); i >= 0 && (at < 0 || i < at) {
				at, mark = i, m
			}
		}
		if at < 0 {
			break
		}
		s.parts = append(s.parts, html[:at])
		s.slots = append(s.slots, mark)
		seen[mark]++
		html = html[at+len(mark):]
	}
	s.parts = append(s.parts, html)
	for _, m := range marks[:3] {
		if seen[m] != 1 {
			return shell{}, fmt.Errorf("the report shell has %s %d times, want once", m, seen[m])
		}
	}
	return s, nil
}

// write writes the shell filled in with a page's values to w.
func (s shell) write(w *bytes.Buffer, title, desc, url string, body io.Reader) error {
	for i, part := range s.parts {
		w.Write(part)
		if i == len(s.slots) {
			break
		}
		switch s.slots[i] {
		case slotTitle:
			htmlEscaper.WriteString(w, title)
		case slotDesc:
			htmlEscaper.WriteString(w, desc)
		case slotBody:
			if _, err := io.Copy(w, body); err != nil {
				return err
			}
		default:
			w.WriteString(url)
		}
	}
	return nil
}

// htmlEscaper escapes text as Hugo's html/template escapes a value in HTML text and
// in a quoted attribute (html/template's htmlReplacementTable).
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// writeShelledPages writes the pages into the rendered site out from the shells
// Hugo rendered there, with their bodies from the project, then removes the shells
// and puts the pages into the sitemaps. It returns the number of pages written less
// the shells removed.
func writeShelledPages(p *project, out string, pages []shelledPage) (int, error) {
	written := 0
	for li, lang := range languages {
		shells := map[string]shell{}
		for _, view := range shellViews {
			if !shellIn(p, view, lang) {
				continue
			}
			for _, charts := range []bool{true, false} {
				url := shellURL(view, charts)
				html, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(langPrefix(lang)+url), "index.html"))
				if err != nil {
					return 0, fmt.Errorf("the %s shell: %w", view, err)
				}
				if shells[url], err = cutShell(html, url); err != nil {
					return 0, fmt.Errorf("%s%s: %w", langPrefix(lang), url, err)
				}
				written--
			}
		}
		if err := fillShells(p, out, lang, li, shells, pages); err != nil {
			return 0, err
		}
		if err := sitemapShells(out, lang, li, pages); err != nil {
			return 0, err
		}
		if err := os.RemoveAll(filepath.Join(out, filepath.FromSlash(langPrefix(lang)+shellSection))); err != nil {
			return 0, err
		}
		for _, pg := range pages {
			if pg.desc[li] != "" {
				written++
			}
		}
	}
	return written, nil
}

// fillShells writes the pages of one language (li, its index in shelledPage.desc)
// from its shells, on a few goroutines.
func fillShells(p *project, out, lang string, li int, shells map[string]shell, pages []shelledPage) error {
	var in []shelledPage // the pages in lang
	for _, pg := range pages {
		if pg.desc[li] != "" {
			in = append(in, pg)
		}
	}
	err := eachOnWriters(in, func() func(shelledPage) error {
		var buf bytes.Buffer
		return func(pg shelledPage) error {
			return fillShell(p, out, lang, shells[shellURL(pg.view, pg.charts[li])], pg, pg.title[li], pg.desc[li], &buf)
		}
	})
	if err != nil {
		return fmt.Errorf("writing the pages from shells: %w", err)
	}
	return nil
}

// fillShell writes one page.
func fillShell(p *project, out, lang string, s shell, pg shelledPage, title, desc string, buf *bytes.Buffer) error {
	url := langPrefix(lang) + pg.url
	body, err := p.mem.Open(filepath.Join(p.mem.dir, fragmentPath(url)))
	if err != nil {
		return fmt.Errorf("%s: its body: %w", url, err)
	}
	defer body.Close()
	buf.Reset()
	if err := s.write(buf, title, desc, pg.url, body); err != nil {
		return fmt.Errorf("%s: its body: %w", url, err)
	}
	dir := filepath.Join(out, filepath.FromSlash(url))
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if err = os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}

// sitemapShells replaces the shells' entries in the language's sitemap with one
// entry a page, made from its view's charts shell's entry.
func sitemapShells(out, lang string, li int, pages []shelledPage) error {
	name := filepath.Join(out, filepath.FromSlash(lang), "sitemap.xml")
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no sitemap
	}
	if err != nil {
		return err
	}
	entries := map[string][]byte{} // by view
	var kept bytes.Buffer
	at := -1
	rest := data
	for {
		i := bytes.Index(rest, []byte("<url>"))
		if i < 0 {
			kept.Write(rest)
			break
		}
		j := bytes.Index(rest[i:], []byte("</url>"))
		if j < 0 {
			return fmt.Errorf("%s: an entry without </url>", name)
		}
		block := rest[i : i+j+len("</url>")]
		kept.Write(rest[:i])
		shellEntry := false
		for _, view := range shellViews {
			for _, charts := range []bool{true, false} {
				if bytes.Contains(block, []byte(shellURL(view, charts))) {
					shellEntry = true
					if charts {
						entries[view] = block
					}
				}
			}
		}
		if shellEntry {
			if at < 0 {
				at = kept.Len()
			}
		} else {
			kept.Write(block)
		}
		rest = rest[i+j+len("</url>"):]
	}
	if at < 0 {
		return fmt.Errorf("%s: no entry for the shells", name)
	}
	var b bytes.Buffer
	b.Grow(len(data) + len(pages)*len(entries["report"]))
	b.Write(kept.Bytes()[:at])
	for _, pg := range pages {
		if pg.desc[li] == "" {
			continue
		}
		entry, ok := entries[pg.view]
		if !ok {
			return fmt.Errorf("%s: no entry for the %s shell", name, pg.view)
		}
		b.Write(bytes.ReplaceAll(entry, []byte(shellURL(pg.view, true)), []byte(pg.url)))
	}
	b.Write(kept.Bytes()[at:])
	return os.WriteFile(name, b.Bytes(), 0o644)
}
