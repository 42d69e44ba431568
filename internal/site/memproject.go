package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/afero"
)

// A build's project in memory. Build does not write its Hugo project to disk: on a
// site of 10,000 reports that is some 25,000 files created, read once by Hugo and
// removed, and creating and removing files was half of a build's time. Its small
// files (config, layouts, front matter) are held in memory (afero's MemMapFs), and
// the page bodies, which are most of its bytes, are appended to one file on disk
// (bodyStore) and read back by offset, so memory does not grow with the bodies. Hugo
// reads the project through memFS, an afero file system; it writes its output to
// disk as usual. `nianbao generate` still writes the project as files, which a plain
// `hugo` renders into the same site.

// memFS is a project's files for Hugo: the bodies (fragmentDir) from the body store,
// everything else from memory. Paths are absolute, as Hugo asks for them.
type memFS struct {
	afero.Fs // the files but the bodies
	dir      string
	bodies   *bodyStore
}

func newMemFS(dir string) (*memFS, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	bodies, err := newBodyStore(filepath.Join(dir, ".bodies"))
	if err != nil {
		return nil, err
	}
	m := &memFS{Fs: afero.NewMemMapFs(), dir: dir, bodies: bodies}
	if err := m.Fs.MkdirAll(filepath.Join(dir, fragmentDir), 0o755); err != nil {
		bodies.close()
		return nil, err
	}
	return m, nil
}

// write puts data at rel (slash-separated, relative to the project).
func (m *memFS) write(rel string, data []byte) error {
	if strings.HasPrefix(rel, fragmentDir+"/") {
		return m.bodies.put(filepath.Join(m.dir, filepath.FromSlash(rel)), data)
	}
	path := filepath.Join(m.dir, filepath.FromSlash(rel))
	if err := m.Fs.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(m.Fs, path, data, 0o644)
}

func (m *memFS) close() error { return m.bodies.close() }

// body is the stored body at path, if path is one.
func (m *memFS) body(path string) (bodySpan, bool) {
	return m.bodies.get(filepath.Clean(path))
}

func (m *memFS) Open(name string) (afero.File, error) {
	if b, ok := m.body(name); ok {
		return m.bodies.open(name, b), nil
	}
	return m.Fs.Open(name)
}

func (m *memFS) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if b, ok := m.body(name); ok {
		if flag&(os.O_WRONLY|os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_TRUNC) != 0 {
			return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EROFS}
		}
		return m.bodies.open(name, b), nil
	}
	return m.Fs.OpenFile(name, flag, perm)
}

func (m *memFS) Stat(name string) (os.FileInfo, error) {
	if b, ok := m.body(name); ok {
		return bodyInfo{name: filepath.Base(name), size: b.n}, nil
	}
	return m.Fs.Stat(name)
}

func (m *memFS) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if b, ok := m.body(name); ok {
		return bodyInfo{name: filepath.Base(name), size: b.n}, true, nil
	}
	if l, ok := m.Fs.(afero.Lstater); ok {
		return l.LstatIfPossible(name)
	}
	fi, err := m.Fs.Stat(name)
	return fi, false, err
}

func (m *memFS) Name() string { return "nianbao project" }

// copyStatic writes the project's static/ files held in memory into out.
func (m *memFS) copyStatic(out string) error {
	root := filepath.Join(m.dir, "static")
	return afero.Walk(m.Fs, root, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return nil
			}
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		target := filepath.Join(out, rel)
		if fi.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := afero.ReadFile(m.Fs, path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// bodyStore is a file the page bodies are appended to, and where each one is.
// Bodies are put by several goroutines at once (each has its own range of the file)
// and read by Hugo's, once the generation is done.
type bodyStore struct {
	f    *os.File
	mu   sync.Mutex
	end  int64
	at   map[string]bodySpan
	name string
}

type bodySpan struct{ off, n int64 }

func newBodyStore(path string) (*bodyStore, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return &bodyStore{f: f, at: map[string]bodySpan{}, name: path}, nil
}

// put stores data as the body at path; a second put of a path is an error (two
// pages would share a body).
func (s *bodyStore) put(path string, data []byte) error {
	s.mu.Lock()
	if _, dup := s.at[path]; dup {
		s.mu.Unlock()
		return fmt.Errorf("%s: written twice", path)
	}
	b := bodySpan{s.end, int64(len(data))}
	s.end += b.n
	s.at[path] = b
	s.mu.Unlock()
	if _, err := s.f.WriteAt(data, b.off); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}

func (s *bodyStore) get(path string) (bodySpan, bool) {
	s.mu.Lock()
	b, ok := s.at[path]
	s.mu.Unlock()
	return b, ok
}

func (s *bodyStore) open(name string, b bodySpan) *bodyFile {
	return &bodyFile{SectionReader: io.NewSectionReader(s.f, b.off, b.n), info: bodyInfo{name: filepath.Base(name), size: b.n}, name: name}
}

func (s *bodyStore) close() error { return s.f.Close() }

// bodyFile is a stored body opened for reading.
type bodyFile struct {
	*io.SectionReader
	info bodyInfo
	name string
}

var errReadOnly = errors.New("a page body is read-only")

func (f *bodyFile) Close() error                       { return nil }
func (f *bodyFile) Name() string                       { return f.name }
func (f *bodyFile) Readdir(int) ([]os.FileInfo, error) { return nil, syscall.ENOTDIR }
func (f *bodyFile) Readdirnames(int) ([]string, error) { return nil, syscall.ENOTDIR }
func (f *bodyFile) Stat() (os.FileInfo, error)         { return f.info, nil }
func (f *bodyFile) Sync() error                        { return nil }
func (f *bodyFile) Truncate(int64) error               { return errReadOnly }
func (f *bodyFile) Write([]byte) (int, error)          { return 0, errReadOnly }
func (f *bodyFile) WriteAt([]byte, int64) (int, error) { return 0, errReadOnly }
func (f *bodyFile) WriteString(string) (int, error)    { return 0, errReadOnly }

// bodyInfo describes a stored body. Its time is fixed: a build's output does not
// depend on when it ran.
type bodyInfo struct {
	name string
	size int64
}

func (i bodyInfo) Name() string       { return i.name }
func (i bodyInfo) Size() int64        { return i.size }
func (i bodyInfo) Mode() fs.FileMode  { return 0o444 }
func (i bodyInfo) ModTime() time.Time { return time.Time{} }
func (i bodyInfo) IsDir() bool        { return false }
func (i bodyInfo) Sys() any           { return nil }
