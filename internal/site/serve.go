package site

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gohugoio/hugo/commands"
	"github.com/nianbao/nianbao/internal/store"
)

// Serve generates the project into a temporary folder and runs Hugo's development
// server on it, on localhost:port, with live reload. It polls the data folder and
// generates the project again when a file there changes; Hugo notices the new
// content and reloads the browser. It returns when Hugo's server stops (Ctrl-C).
func Serve(ctx context.Context, opts Options, port int, log io.Writer) error {
	if err := store.CheckFiles(opts.DataDir); err != nil { // before anything is written
		return err
	}
	work, err := os.MkdirTemp("", "nianbao-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	siteDir := filepath.Join(work, "site")
	if _, _, err := generateProject(opts, siteDir); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		last := fingerprint(opts.DataDir)
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			fp := fingerprint(opts.DataDir)
			if fp == last {
				continue
			}
			last = fp
			if err := regenerate(opts, work, siteDir, n); err != nil {
				fmt.Fprintln(log, "nianbao serve:", err)
				continue
			}
			fmt.Fprintln(log, "nianbao serve: data changed, site regenerated")
		}
	}()
	return commands.Execute([]string{"server", "--source", siteDir, "--port", strconv.Itoa(port),
		"--bind", "127.0.0.1", "--disableFastRender"})
}

// regenerate writes the project again beside siteDir and moves what it generates
// (content/, fragments/, static/) into place, folder by folder.
func regenerate(opts Options, work, siteDir string, n int) error {
	next := filepath.Join(work, "next"+strconv.Itoa(n))
	defer os.RemoveAll(next)
	if _, _, err := generateProject(opts, next); err != nil {
		return err
	}
	for _, sub := range []string{"content", fragmentDir, "static"} {
		old := filepath.Join(work, "old"+strconv.Itoa(n))
		if err := os.Rename(filepath.Join(siteDir, sub), old); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(next, sub), filepath.Join(siteDir, sub)); err != nil {
			return err
		}
		os.RemoveAll(old)
	}
	return nil
}

// fingerprint summarizes the data folder's files (names, sizes, times).
func fingerprint(dir string) string {
	var n int
	var latest time.Time
	var size int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			n++
			size += fi.Size()
			if fi.ModTime().After(latest) {
				latest = fi.ModTime()
			}
		}
		return nil
	})
	return fmt.Sprint(n, size, latest.UnixNano())
}
