package site

import (
	"html/template"
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/internal/schema"
)

// listLang is the language a list, agency or compare page is written in: its
// words, the folder of its pages below the site's root (langPrefix), and the
// addresses of its pages. Every such page exists in every language; a report
// page in English only when the build makes English reports (Options.NoEnglishReports).
type listLang struct {
	w       words
	pre     string // "" or "en/"
	s       *scope // the scope whose other parts' addresses lead to the language's pages
	zh      *scope // the build's scope
	reports bool   // the report pages exist in this language
}

// listLangs are the site's languages for the list pages, the default first.
func (p *project) listLangs(s *scope) []listLang {
	var out []listLang
	for _, lang := range languages {
		pre := langPrefix(lang)
		ls := s
		if pre != "" {
			c := *s
			if c.hubBase != "" {
				c.hubBase += pre
			}
			if f := s.shardURL; f != nil {
				c.shardURL = func(code string) string { return f(code) + pre }
			}
			ls = &c
		}
		out = append(out, listLang{w: p.words.in(lang), pre: pre, s: ls, zh: s, reports: lang == langZH || p.english})
	}
	return out
}

// page is the language's version of the page at u: a site-relative u moves into the
// language's folder; an absolute one is another part's, already in the language.
func (l listLang) page(u string) string {
	if strings.HasPrefix(u, "/") || strings.Contains(u, "://") {
		return u
	}
	return l.pre + u
}

func (l listLang) national(rel string) string  { return l.page(l.s.national(rel)) }
func (l listLang) agency(e *entry) string      { return l.page(l.s.agency(e)) }
func (l listLang) region(code string) string   { return l.page(l.s.region(code)) }
func (l listLang) in(shard, rel string) string { return l.page(l.s.in(shard, rel)) }
func (l listLang) content(rel, ext string) string {
	if l.pre == "" {
		return rel + ext
	}
	return rel + "." + l.w.lang + ext
}

// report is a report page's address: the language's, or the default language's
// when the build has no report pages in it.
func (l listLang) report(e *entry) string {
	if !l.reports {
		return l.zh.report(e)
	}
	return l.page(l.s.report(e))
}

// columnLabel is a summary figure's column label in the language.
func (l listLang) columnLabel(key, zh string) string {
	if l.pre == "" {
		return zh
	}
	for _, f := range schema.SummaryFigures {
		if f.Key == key && f.En != "" {
			return f.En
		}
	}
	return zh
}

// countOfPage and countAll are the counts html.go's writeListTable writes after a
// list table's caption, in Chinese, that translateTable puts into another language.
var (
	countOfPage = regexp.MustCompile(`（共(\d+)份，本页(\d+)份）</caption>`)
	countAll    = regexp.MustCompile(`（(\d+)份）</caption>`)
)

// translateTable is a list table h, written by html.go in Chinese, in l's words: the
// count after its caption (the caption's own text is escaped, so "</caption>" is
// only the real end). Its cells are record text, as printed.
func (l listLang) translateTable(h template.HTML) template.HTML {
	if l.pre == "" || h == "" {
		return h
	}
	s := string(h)
	if m := countOfPage.FindStringIndex(s); m != nil {
		return template.HTML(s[:m[0]] + countOfPage.ReplaceAllString(s[m[0]:m[1]], template.HTMLEscapeString(l.w.T("l_count_page", "${1}", "${2}"))+"</caption>") + s[m[1]:])
	}
	if m := countAll.FindStringIndex(s); m != nil {
		return template.HTML(s[:m[0]] + countAll.ReplaceAllString(s[m[0]:m[1]], template.HTMLEscapeString(l.w.T("l_count", "${1}"))+"</caption>") + s[m[1]:])
	}
	return h
}

// translatePager is a list's pager h (html.go's writePager, in Chinese, with no
// record text) in l's words.
func (l listLang) translatePager(h template.HTML) template.HTML {
	if l.pre == "" || h == "" {
		return h
	}
	return template.HTML(strings.NewReplacer(
		`aria-label="分页"`, `aria-label="`+template.HTMLEscapeString(l.w.T("l_pages"))+`"`,
		">← 上一页<", ">← "+template.HTMLEscapeString(l.w.T("l_page_prev"))+"<",
		">下一页 →<", ">"+template.HTMLEscapeString(l.w.T("l_page_next"))+" →<",
	).Replace(string(h)))
}
