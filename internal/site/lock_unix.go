//go:build unix

package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// errLocked is lockFolder's error when another process holds the lock.
var errLocked = errors.New("locked by another process")

// lockFolder takes an exclusive advisory lock (flock) on the folder at path, held
// until release is called or the process ends, however it ends. With wait false it
// fails with errLocked when another process holds the lock; with wait true it waits.
// On a file system without locks it fails with that system's error.
func lockFolder(path string, wait bool) (release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, &os.PathError{Op: "flock", Path: path, Err: err}
	}
	return func() { f.Close() }, nil
}
