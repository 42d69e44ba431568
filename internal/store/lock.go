package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// lockPoll is how often an import waiting for the folder's lock tries it again.
const lockPoll = 100 * time.Millisecond

// lockFile is the file under DIR/.import/ that an import holds an flock(2) on.
const lockFile = "lock"

// Writer writes reports into a data folder. It holds the folder's lock, so only one
// Writer (one import, in this process or another) writes a folder at a time, and the
// slugs it allocates are not allocated twice. Close releases it.
type Writer struct {
	f     *Folder
	lock  *os.File
	now   time.Time         // for the records' year check
	slugs map[string]string // slug → the agency its folder holds ("" for none), once known

	crash func(step string) // tests: called at each step of a write, to stop there
}

// Lock takes the folder's lock for writing. When another import holds it, Lock
// calls waiting (if set) once, with who holds it, and waits until it is free or ctx
// is done. It then finishes what an interrupted import left (see write.go) and
// returns a Writer. now is "this year" for the records' year check.
func (f *Folder) Lock(ctx context.Context, now time.Time, waiting func(holder string)) (*Writer, error) {
	dir, err := f.safeDir(true, importDir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, lockFile)
	lf, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|oNoFollow, 0o644)
	if err != nil {
		if isLoop(err) {
			return nil, fmt.Errorf("%s: a symbolic link; import does not write through one", path)
		}
		return nil, fmt.Errorf("locking the data folder: %w", err)
	}
	for told := false; ; {
		ok, err := tryLock(lf)
		if err != nil {
			lf.Close()
			return nil, fmt.Errorf("locking the data folder: %s: %w", path, err)
		}
		if ok {
			break
		}
		if waiting != nil && !told {
			waiting(lockHolder(lf))
			told = true
		}
		select {
		case <-ctx.Done():
			lf.Close()
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
	// Say who holds it, for the next one to wait.
	if err := lf.Truncate(0); err == nil {
		lf.WriteAt([]byte("nianbao import, process "+strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	w := &Writer{f: f, lock: lf, now: now, slugs: make(map[string]string)}
	if err := w.recover(); err != nil {
		w.Close()
		return nil, fmt.Errorf("finishing an interrupted import: %w", err)
	}
	return w, nil
}

// lockHolder says who holds a lock, from what the holder wrote in the file.
func lockHolder(lf *os.File) string {
	buf := make([]byte, 100)
	n, _ := lf.ReadAt(buf, 0)
	if s := strings.TrimSpace(string(buf[:n])); s != "" {
		return s
	}
	return "another import"
}

// Close releases the lock.
func (w *Writer) Close() error {
	if w.lock == nil {
		return nil
	}
	unlock(w.lock)
	err := w.lock.Close()
	w.lock = nil
	return err
}

// Folder is the folder the Writer writes.
func (w *Writer) Folder() *Folder { return w.f }

// safeDir returns the folder rel (path elements under the data folder), making each
// missing element when create is set. Each element must be a folder, not a symbolic
// link, so that nothing is read, written or deleted outside the data folder. Without
// create, a missing folder is fs.ErrNotExist.
func (f *Folder) safeDir(create bool, rel ...string) (string, error) {
	p := f.dir
	for _, part := range rel {
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) && create {
			if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return "", err
			}
			info, err = os.Lstat(p)
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("%s: a symbolic link; import does not write through one (a data folder holds no links)", p)
		}
		if !info.IsDir() {
			return "", fmt.Errorf("%s: not a folder", p)
		}
	}
	return p, nil
}

// maxSlugTries bounds the -2, -3 … suffixes tried for agencies whose names spell
// the same in pinyin.
const maxSlugTries = 100

// Slug returns the folder of an agency: its slug, or the slug with -2, -3 … when
// another agency with the same pinyin is there already (or was written by this
// Writer).
func (w *Writer) Slug(name string) (string, error) {
	base := Slug(name)
	if base == "" {
		return "", fmt.Errorf("agency name %q has nothing to make a folder name of", name)
	}
	for n := 1; n < maxSlugTries; n++ {
		slug := base
		if n > 1 {
			slug = base + "-" + strconv.Itoa(n)
		}
		holder, known := w.slugs[slug]
		if !known {
			holder = w.folderAgency(slug)
			w.slugs[slug] = holder
		}
		if holder == "" || holder == name {
			return slug, nil
		}
	}
	return "", fmt.Errorf("too many agencies share the folder name %s", base)
}

// folderAgency returns the agency whose records are in a slug's folder, or "".
func (w *Writer) folderAgency(slug string) string {
	dir, err := w.f.safeDir(false, reportsDir, slug)
	if err != nil {
		return ""
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && yearPattern.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, n := range names {
		p := filepath.Join(dir, n)
		data, err := readFile(p, MaxRecordBytes)
		if err != nil {
			continue
		}
		if r, err := CheckRecord(p, data, w.now); err == nil {
			return r.Agency.Name
		}
	}
	return ""
}

// Record returns the bytes of the record of an agency and year, or nil when there
// is none.
func (w *Writer) Record(slug string, year int) ([]byte, error) {
	if _, err := w.f.safeDir(false, reportsDir, slug); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	data, err := readFile(w.f.RecordPath(slug, year), MaxRecordBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// sameFile reports whether the file at path holds data.
func sameFile(path string, data []byte) bool {
	f, err := openNoFollow(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	old, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	return err == nil && string(old) == string(data)
}
