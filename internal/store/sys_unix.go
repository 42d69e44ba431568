//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// oNoFollow makes an open fail on a symbolic link.
const oNoFollow = syscall.O_NOFOLLOW

// isLoop reports whether err is what an O_NOFOLLOW open of a symbolic link returns
// (ELOOP; EMLINK on FreeBSD and NetBSD).
func isLoop(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}

// tryLock takes an exclusive flock(2) on f without waiting; false means another
// open file holds it. A flock is released when its holder exits, however it exits.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
