package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The output folder. build and generate replace a whole folder (public/, or the
// --site folder), so what they may replace is guarded: only a folder that is absent,
// empty, or holds the marker file nianbao writes into every output, and never the
// data folder, a folder inside it or holding it, nor a repository's root. The new
// output is written in a staging folder beside the old one, locked while its build
// runs, and swapped in at once; a killed build's staging folder is removed by the
// next build of the same output.

// markerName is the file nianbao writes at the top of every output folder (a built
// site or a generated project): a folder holding it may be replaced by the next
// build. Deleting it keeps nianbao from replacing the folder.
const markerName = ".nianbao-build"

const markerText = "This folder was written by nianbao (nianbao build or nianbao generate),\n" +
	"which replaces it, whole, on its next run. Delete this file to stop that.\n"

// stagingInfix names a staging folder: .<output name>.build-<random digits>.
const stagingInfix = ".build-"

// writeMarker writes the marker file into dir.
func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, markerName), []byte(markerText), 0o644)
}

// checkOutput says why dir may not be replaced by nianbao's output, or returns nil.
// dataDir is the data folder of the build ("" for none).
func checkOutput(dir, dataDir string) error {
	out, err := resolve(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if dataDir != "" {
		data, err := resolve(dataDir)
		if err != nil {
			return fmt.Errorf("%s: %w", dataDir, err)
		}
		switch {
		case out == data:
			return fmt.Errorf("%s: is the data folder; the output must be a folder of its own, such as public", dir)
		case within(out, data):
			return fmt.Errorf("%s: is inside the data folder %s; the output must be a folder of its own, such as public", dir, dataDir)
		case within(data, out):
			return fmt.Errorf("%s: holds the data folder %s; the output must be a folder of its own, such as public", dir, dataDir)
		}
	}
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: is a symbolic link; name the folder itself", dir)
	case !fi.IsDir():
		return fmt.Errorf("%s: is not a folder", dir)
	}
	for _, name := range []string{".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s: holds %s, so it is a repository's or module's root, not an output folder", dir, name)
		}
	}
	if fi, err := os.Lstat(filepath.Join(dir, markerName)); err == nil && fi.Mode().IsRegular() {
		return nil // built by nianbao
	}
	empty, err := isEmpty(dir)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%s: is not empty and was not built by nianbao (it has no %s file); nianbao replaces only an empty folder or one it built", dir, markerName)
	}
	return nil
}

// resolve is path made absolute with its symbolic links resolved, as far as it exists.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || p == filepath.Dir(p) {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// within reports whether path is strictly inside dir; both are clean absolute paths.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// staging is a folder a new output is written in, beside the output it will replace.
// It is locked while its build runs, so that another build can tell it from a killed
// build's leftover.
type staging struct {
	dir     string
	release func()
}

// stage removes the staging folders killed builds of out left behind, then creates
// and locks a new one. Both happen under a lock on out's parent folder, so two builds
// never take each other's staging folder for a leftover.
func stage(out string) (*staging, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	release, err := lockFolder(parent, true)
	if err != nil {
		release = func() {} // the file system has no locks: nothing is cleaned
	} else {
		defer release()
		removeStale(out)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+stagingInfix)
	if err != nil {
		return nil, err
	}
	own, err := lockFolder(dir, false)
	if err != nil {
		own = func() {}
	}
	return &staging{dir: dir, release: own}, nil
}

// close removes the staging folder (and the previous output swapped into it), then
// releases its lock.
func (s *staging) close() {
	os.RemoveAll(s.dir)
	s.release()
}

// removeStale removes the staging folders beside out that no running build holds:
// those of builds that were killed. When a build was killed between the two renames
// of the fallback swap (no out, the previous output in its staging folder as "old"),
// the previous output is put back first. It is best effort: what cannot be removed is
// left for the next build.
func removeStale(out string) {
	parent, prefix := filepath.Dir(out), "."+filepath.Base(out)+stagingInfix
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range ents {
		suffix, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() || suffix == "" || strings.Trim(suffix, "0123456789") != "" {
			continue // not a staging folder's name (os.MkdirTemp adds digits)
		}
		dir := filepath.Join(parent, e.Name())
		release, err := lockFolder(dir, false)
		if err != nil {
			continue // a running build's, or the lock cannot be taken
		}
		old := filepath.Join(dir, "old")
		if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Lstat(filepath.Join(old, markerName)); err == nil {
				os.Rename(old, out)
			}
		}
		os.RemoveAll(dir)
		release()
	}
}

// swap puts the folder staged at out, whose previous content, if any, is left in
// work to be removed. Where the system can (Linux's renameat2 RENAME_EXCHANGE), the
// two folders are exchanged in one step, so out is at every instant either the
// previous output or the new one. Elsewhere the previous output is moved aside and
// the new one moved in: a build killed between the two leaves no out, and the next
// build puts the previous output back (removeStale).
func swap(staged, out, work string) error {
	err := exchange(staged, out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist): // the first build: nothing to exchange with
		if err := os.Rename(staged, out); err != nil {
			return fmt.Errorf("moving the new output to %s: %w", out, err)
		}
		return nil
	case !errors.Is(err, errors.ErrUnsupported):
		return fmt.Errorf("swapping the new output in at %s: %w", out, err)
	}
	old := filepath.Join(work, "old")
	moved := true
	if err := os.Rename(out, old); errors.Is(err, fs.ErrNotExist) {
		moved = false
	} else if err != nil {
		return fmt.Errorf("moving the previous %s aside: %w", out, err)
	}
	if err := os.Rename(staged, out); err != nil {
		if moved {
			os.Rename(old, out) // put the previous output back
		}
		return fmt.Errorf("moving the new output to %s: %w", out, err)
	}
	return nil
}
