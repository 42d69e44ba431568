// Package nianbao carries the site's theme inside the binary: the Hugo site config,
// the templates, the static files (CSS, the site script, the vendored ECharts bundle)
// and the hand-written content pages. internal/site writes them out next to the
// generated content, so `nianbao build` needs no Hugo install and `nianbao generate`
// writes a project a plain `hugo` of the same version builds identically.
package nianbao

import (
	"embed"
	"io/fs"
)

//go:embed config.toml all:layouts static content i18n
var theme embed.FS

// Theme returns the embedded theme: config.toml, layouts/, static/, content/ and
// i18n/ (the UI's words in each language).
func Theme() fs.FS { return theme }
