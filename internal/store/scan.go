package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/record"
)

// scan walks the whole folder once, without following links. It returns the record
// files at their place and every problem of the files as files: a symbolic link or
// special file anywhere (a link in raw/ or text/ would make a build publish what it
// points at, and an import write through it), a file over the limit of its kind, a
// .toml file under reports/ out of place, a report an import committed but did not
// finish moving into place.
func (f *Folder) scan() ([]Entry, record.Problems, error) {
	root := f.dir
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // walk the folder the link names, not the link
	}
	var entries []Entry
	var problems record.Problems
	problem := func(path, format string, args ...any) {
		problems = append(problems, record.Problem{File: path, Message: fmt.Sprintf(format, args...)})
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.dir, path)
		if rel == "." {
			return nil
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		typ := d.Type()
		switch {
		case typ&fs.ModeSymlink != 0:
			problem(path, "a symbolic link: a data folder holds only files and folders, so that nothing outside it is published or overwritten (put the file itself here)")
			return nil
		case d.IsDir():
			if len(parts) == 2 && parts[0] == importDir && !strings.HasPrefix(parts[1], tmpPrefix) {
				problem(path, "an import was interrupted before it finished moving this report into place; the next nianbao import into this folder finishes it")
				return fs.SkipDir
			}
			return nil
		case !typ.IsRegular():
			problem(path, "not a regular file (%v): a data folder holds only files and folders", typ)
			return nil
		}
		if parts[0] == importDir {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if limit, what := limitOf(parts[0]); limit > 0 && info.Size() > limit {
			problem(path, "%s, more than the %s %s may have", megabytes(info.Size()), megabytes(limit), what)
			return nil
		}
		if parts[0] != reportsDir || !strings.HasSuffix(parts[len(parts)-1], ".toml") {
			return nil
		}
		reports := filepath.Join(f.dir, reportsDir)
		switch {
		case len(parts) != 3:
			problem(path, "record files live at %s", filepath.Join(reports, "<agency-slug>", "<year>.toml"))
		case !ValidSlug(parts[1]):
			problem(path, "agency folder %q is not a slug (lower-case letters and digits joined by hyphens)", parts[1])
		case !yearPattern.MatchString(parts[2]):
			problem(path, "a record file is named after its year, like 2017.toml")
		default:
			year, _ := strconv.Atoi(strings.TrimSuffix(parts[2], ".toml"))
			entries = append(entries, Entry{Path: path, Slug: parts[1], Year: year})
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing %s: %w", f.dir, err)
	}
	return entries, problems, nil
}

// limitOf is the size limit of the files under a top-level folder, and what they are.
func limitOf(top string) (int64, string) {
	switch top {
	case reportsDir:
		return MaxRecordBytes, "a record file"
	case rawDir:
		return MaxRawBytes, "a raw original"
	case textDir:
		return MaxTextBytes, "a report's text"
	}
	return 0, ""
}

func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// errTooLarge is what readFile returns for a file over its limit.
var errTooLarge = errors.New("too large")

// readFile reads a regular file of at most limit bytes, without following a
// symbolic link at its last component (the folders above it are checked by scan, or
// by safeDir when writing).
func readFile(path string, limit int64) ([]byte, error) {
	f, err := openNoFollow(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s: %s, more than %s: %w", path, megabytes(info.Size()), megabytes(limit), errTooLarge)
	}
	// Read at most limit+1 bytes (the file may grow after Stat) into a buffer made
	// once, at the size Stat gives.
	var b bytes.Buffer
	b.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	data := b.Bytes()
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: more than %s: %w", path, megabytes(limit), errTooLarge)
	}
	return data, nil
}

// openNoFollow opens a file for reading, refusing a symbolic link.
func openNoFollow(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		if isLoop(err) {
			return nil, fmt.Errorf("%s: a symbolic link, not followed", path)
		}
		return nil, err
	}
	return f, nil
}
