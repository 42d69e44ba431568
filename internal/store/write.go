package store

// Writing a report. Its three files live in three folders (reports/, raw/, text/),
// and no one rename moves three files, so a report is written through a journal
// under DIR/.import/:
//
//  1. stage: the record, the raw original and the text are written into a new
//     folder .import/tmp-…/ and made durable with one sync;
//  2. commit: that folder is renamed to .import/<slug>.<year><ext> (one atomic
//     rename: the report is now written, whatever happens next);
//  3. apply: its files are renamed over their places in raw/, text/ and reports/,
//     an older raw original of the same year under another extension is removed, and
//     the committed folder is removed.
//
// A crash before the commit leaves the old set in place and a tmp- folder, which the
// next Lock removes. A crash after it leaves a committed folder, which the next Lock
// applies (applying is idempotent): the new set. Until then check and build refuse
// the folder, naming the committed folder, so a half-applied report is never
// published.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// tmpPrefix starts the name of a report being staged under .import/.
const tmpPrefix = "tmp-"

// Staged file names inside a report's folder under .import/ (the raw original is
// "raw" and its extension).
const (
	stagedRecord = "record.toml"
	stagedText   = "text.txt"
	stagedRaw    = "raw"
)

// commitPattern is the name of a committed report under .import/: slug, year, ext.
var commitPattern = regexp.MustCompile(`^([a-z0-9]+(?:-[a-z0-9]+)*)\.([0-9]{4})(\.[a-z]+)$`)

// Report is one report's files, as Writer.Write takes them.
type Report struct {
	Agency string // the agency's name: its folder is known to hold it once written
	Slug   string // the agency's folder (Writer.Slug)
	Year   int
	Record *Valid // the record file; its source.file must be RawFile(Slug, Year, RawExt)
	Raw    []byte // the raw original, byte for byte
	RawExt string // its extension: .docx, .html, .md, .pdf or .txt
	Text   []byte // the normalized text the record's provenance refers to
}

// Write writes a report's record, raw original and text, so that a crash leaves
// either the files that were there or the new ones (see above). It returns false,
// writing nothing, when the three are there already, byte for byte. The record is
// one Validate accepted; Write refuses a report past a limit, a record that does
// not name the raw original as its source.file, and any path through a symbolic
// link.
func (w *Writer) Write(rep Report) (bool, error) {
	if rep.Record == nil {
		return false, errors.New("no record")
	}
	if !ValidSlug(rep.Slug) {
		return false, fmt.Errorf("agency folder %q is not a slug", rep.Slug)
	}
	year := strconv.Itoa(rep.Year)
	if len(year) != 4 {
		return false, fmt.Errorf("year %d has not four digits", rep.Year)
	}
	if !slices.Contains(rawExts, rep.RawExt) {
		return false, fmt.Errorf("a raw original is kept as %s, not %q", strings.Join(rawExts, ", "), rep.RawExt)
	}
	for _, c := range []struct {
		data  []byte
		limit int64
		what  string
	}{{rep.Raw, MaxRawBytes, "the raw original"}, {rep.Text, MaxTextBytes, "the normalized text"}, {rep.Record.data, MaxRecordBytes, "the record"}} {
		if int64(len(c.data)) > c.limit {
			return false, fmt.Errorf("%s is %s, more than the %s it may have", c.what, megabytes(int64(len(c.data))), megabytes(c.limit))
		}
	}
	recPath := w.f.RecordPath(rep.Slug, rep.Year)
	r := rep.Record.rec
	if want := RawFile(rep.Slug, rep.Year, rep.RawExt); r.Source == nil || r.Source.File != want {
		return false, fmt.Errorf("the record's source.file is not %s", want)
	}
	if r.Report.Year != rep.Year {
		return false, fmt.Errorf("the record's report.year is %d, not %d", r.Report.Year, rep.Year)
	}
	rawPath, textPath, err := w.targets(rep.Slug, year, rep.RawExt)
	if err != nil {
		return false, err
	}
	if sameFile(recPath, rep.Record.data) && sameFile(rawPath, rep.Raw) && sameFile(textPath, rep.Text) {
		w.slugs[rep.Slug] = rep.Agency
		return false, nil
	}

	// 1. Stage. No defer: a crash (or the tests' crash hook) leaves the folder as a
	// crash would, and the next Lock removes it.
	imp := filepath.Join(w.f.dir, importDir)
	tmp, err := os.MkdirTemp(imp, tmpPrefix+rep.Slug+"."+year+"-")
	if err != nil {
		return false, fmt.Errorf("staging the report: %w", err)
	}
	var staged []string
	for _, s := range []struct {
		name string
		data []byte
	}{{stagedRaw + rep.RawExt, rep.Raw}, {stagedText, rep.Text}, {stagedRecord, rep.Record.data}} {
		p := filepath.Join(tmp, s.name)
		if err := writeNew(p, s.data); err != nil {
			os.RemoveAll(tmp)
			return false, fmt.Errorf("staging the report: %w", err)
		}
		staged = append(staged, p)
		w.step("staged " + s.name)
	}
	if err := syncStaged(tmp, staged); err != nil {
		os.RemoveAll(tmp)
		return false, fmt.Errorf("staging the report: %w", err)
	}
	w.step("synced")

	// 2. Commit.
	commit := filepath.Join(imp, rep.Slug+"."+year+rep.RawExt)
	if err := w.applyLeftovers(rep.Slug, year); err != nil {
		os.RemoveAll(tmp)
		return false, err
	}
	if err := os.Rename(tmp, commit); err != nil {
		os.RemoveAll(tmp)
		return false, fmt.Errorf("committing the report: %w", err)
	}
	w.step("committed")

	// 3. Apply.
	if err := w.apply(commit); err != nil {
		return false, fmt.Errorf("%w (the next import finishes it)", err)
	}
	w.slugs[rep.Slug] = rep.Agency
	return true, nil
}

// targets makes the folders of a report's files, refusing links, and returns the
// paths of its raw original and text. Each existing file must be a regular file.
func (w *Writer) targets(slug, year, ext string) (rawPath, textPath string, err error) {
	var dirs [3]string
	for i, top := range []string{reportsDir, rawDir, textDir} {
		if dirs[i], err = w.f.safeDir(true, top, slug); err != nil {
			return "", "", err
		}
	}
	recPath := filepath.Join(dirs[0], year+".toml")
	rawPath = filepath.Join(dirs[1], year+ext)
	textPath = filepath.Join(dirs[2], year+".txt")
	for _, p := range []string{recPath, rawPath, textPath} {
		if err := replaceable(p); err != nil {
			return "", "", err
		}
	}
	return rawPath, textPath, nil
}

// replaceable checks that path is absent or a regular file.
func replaceable(path string) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: a symbolic link; import does not write through one (a data folder holds no links)", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: not a regular file", path)
	}
	return nil
}

// writeNew writes a new file, refusing to open an existing one or a link.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (w *Writer) step(name string) {
	if w.crash != nil {
		w.crash(name)
	}
}

// applyLeftovers applies a committed report of slug and year that an earlier apply
// did not finish.
func (w *Writer) applyLeftovers(slug, year string) error {
	for _, ext := range rawExts {
		commit := filepath.Join(w.f.dir, importDir, slug+"."+year+ext)
		if _, err := os.Lstat(commit); err == nil {
			if err := w.apply(commit); err != nil {
				return err
			}
		}
	}
	return nil
}

// apply moves the files of a committed report into place, then removes the
// committed folder. A file already moved (by an apply a crash interrupted) is not in
// the committed folder any more, and is skipped.
func (w *Writer) apply(commit string) error {
	m := commitPattern.FindStringSubmatch(filepath.Base(commit))
	if m == nil || !slices.Contains(rawExts, m[3]) {
		return fmt.Errorf("%s: not a report an import was writing (remove it)", commit)
	}
	slug, year, ext := m[1], m[2], m[3]
	rawPath, textPath, err := w.targets(slug, year, ext)
	if err != nil {
		return fmt.Errorf("moving %s into place: %w", commit, err)
	}
	recPath := filepath.Join(w.f.dir, reportsDir, slug, year+".toml")
	for _, mv := range []struct{ from, to string }{
		{stagedRaw + ext, rawPath}, {stagedText, textPath}, {stagedRecord, recPath},
	} {
		from := filepath.Join(commit, mv.from)
		info, err := os.Lstat(from)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("moving %s into place: %w", commit, err)
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", from)
		}
		if err := os.Rename(from, mv.to); err != nil {
			return fmt.Errorf("moving %s into place: %w", commit, err)
		}
		w.step("moved " + mv.from)
	}
	// An earlier raw original of the same year under another extension (a report
	// imported from HTML, then from its PDF). Removing a link removes the link only.
	for _, other := range rawExts {
		if other == ext {
			continue
		}
		p := filepath.Join(filepath.Dir(rawPath), year+other)
		if _, err := os.Lstat(p); err == nil {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("removing the earlier raw original: %w", err)
			}
		}
	}
	if err := os.RemoveAll(commit); err != nil {
		return fmt.Errorf("removing %s: %w", commit, err)
	}
	return nil
}

// recover finishes what an interrupted import left under .import/: a staged report
// that was never committed is removed (the old files stay), a committed one is
// applied (the new files take their place).
func (w *Writer) recover() error {
	imp := filepath.Join(w.f.dir, importDir)
	ents, err := os.ReadDir(imp)
	if err != nil {
		return err
	}
	for _, e := range ents {
		name := e.Name()
		switch {
		case name == lockFile:
		case strings.HasPrefix(name, tmpPrefix):
			if err := os.RemoveAll(filepath.Join(imp, name)); err != nil {
				return err
			}
		case e.IsDir():
			if err := w.apply(filepath.Join(imp, name)); err != nil {
				return err
			}
		}
	}
	return nil
}
