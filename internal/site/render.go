package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Render renders the Hugo project in siteDir into outDir with the embedded Hugo, as
// `hugo --source siteDir --destination outDir --baseURL baseURL` would. baseURL ""
// keeps the project's own. It returns the number of HTML pages written. Any error or
// warning Hugo logs fails the render.
func Render(siteDir, outDir, baseURL string) (int, error) {
	siteDir, err := filepath.Abs(siteDir)
	if err != nil {
		return 0, err
	}
	// Copying static/ is the hugo command's job, not hugolib's: do it as it does.
	return render(hugofs.Os, siteDir, outDir, baseURL, func(out string) error {
		return copyTree(filepath.Join(siteDir, "static"), out)
	})
}

// render renders the Hugo project at siteDir (absolute) of the file system src into
// outDir, on disk, then has static copy the project's static files there.
func render(src afero.Fs, siteDir, outDir, baseURL string, static func(out string) error) (int, error) {
	outDir, err := filepath.Abs(outDir)
	if err != nil {
		return 0, err
	}
	var log bytes.Buffer
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: &log, StdErr: &log, DistinctLevel: logg.LevelWarn})
	flags := config.New()
	flags.Set("workingDir", siteDir)
	flags.Set("publishDir", outDir)
	flags.Set("environment", "production")
	if baseURL != "" {
		flags.Set("baseURL", baseURL)
	}
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags:       flags,
		Fs:          src,
		Filename:    filepath.Join(siteDir, "config.toml"),
		Environment: "production",
		Environ:     []string{"HUGO_ENVIRONMENT=production"},
		Logger:      logger,
	})
	if err != nil {
		return 0, fmt.Errorf("hugo config %s: %w", siteDir, err)
	}
	hfs := hugofs.NewFromSourceAndDestination(src, hugofs.Os, flags)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: hfs, LogLevel: logger.Level(), StdOut: &log, StdErr: &log})
	if err != nil {
		return 0, fmt.Errorf("hugo %s: %w", siteDir, err)
	}
	defer sites.Close()
	if err := sites.Build(hugolib.BuildCfg{}); err != nil {
		return 0, fmt.Errorf("hugo render %s: %w", siteDir, err)
	}
	if n := logger.LoggCount(logg.LevelError) + logger.LoggCount(logg.LevelWarn); n > 0 {
		return 0, fmt.Errorf("hugo render %s: %d problems:\n%s", siteDir, n, strings.TrimSpace(log.String()))
	}
	if err := static(outDir); err != nil {
		return 0, fmt.Errorf("copying static files: %w", err)
	}
	pages := 0
	err = filepath.WalkDir(outDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			pages++
		}
		return err
	})
	return pages, err
}

// moveTree moves the files under src into dst (on the same file system), keeping
// their relative paths.
func moveTree(src, dst string) error { return eachFile(src, dst, os.Rename) }

// copyTree copies the files under src into dst, keeping their relative paths.
func copyTree(src, dst string) error { return eachFile(src, dst, copyFile) }

// eachFile makes dst's folders as src has them and calls put for each regular file
// under src with its path in dst. A missing src is an empty one; a file that is not
// regular (a symlink, a device) is an error.
func eachFile(src, dst string, put func(path, target string) error) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == src {
				return nil
			}
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		return put(path, target)
	})
}
