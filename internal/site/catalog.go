package site

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// The site's languages. The UI's words in each are in the theme's
// i18n/<lang>.toml, the one catalog: Hugo's i18n reads it for the layouts
// (T "key"), and loadCatalog for the page bodies Go writes. Record text (names,
// titles, narrative, source lines) is never translated.
const (
	langZH = "zh-cn" // the default: at the site's root
	langEN = "en"    // under /en/
)

// languages are the site's languages, the default first.
var languages = []string{langZH, langEN}

// catalog is the UI's words by language and key.
type catalog map[string]map[string]string

// loadCatalog reads i18n/<lang>.toml of every language from the theme. A file
// missing, a value that is not a string, or a key that one language has and
// another lacks is an error naming the file and key.
func loadCatalog(theme fs.FS) (catalog, error) {
	c := catalog{}
	for _, lang := range languages {
		name := path.Join("i18n", lang+".toml")
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return nil, fmt.Errorf("the UI's words: %w", err)
		}
		m := map[string]string{}
		if _, err := toml.Decode(string(data), &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c[lang] = m
	}
	for _, lang := range languages[1:] {
		if k := missingKey(c[langZH], c[lang]); k != "" {
			return nil, fmt.Errorf("i18n/%s.toml: no %q (i18n/%s.toml has it)", lang, k, langZH)
		}
		if k := missingKey(c[lang], c[langZH]); k != "" {
			return nil, fmt.Errorf("i18n/%s.toml: no %q (i18n/%s.toml has it)", langZH, k, lang)
		}
	}
	return c, nil
}

// missingKey is the first key (in order) of a that b lacks, or "".
func missingKey(a, b map[string]string) string {
	var keys []string
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	return slices.Min(keys)
}

// words is one language's catalog.
type words struct {
	lang string
	m    map[string]string
}

// in is the catalog's words in lang.
func (c catalog) in(lang string) words { return words{lang, c[lang]} }

// T is the words of key, formatted with args (fmt verbs) when there are any. A key
// the catalog lacks is a programming error, shown as the key in brackets (and
// caught by TestCatalogUsedKeys).
func (w words) T(key string, args ...any) string {
	s, ok := w.m[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// prefix is the folder of lang's pages below the site's root: "" for the default
// language, "en/" for English.
func langPrefix(lang string) string {
	if lang == langZH {
		return ""
	}
	return strings.ToLower(lang) + "/"
}
