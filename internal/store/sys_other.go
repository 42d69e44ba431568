//go:build !unix

package store

import (
	"errors"
	"os"
)

const oNoFollow = 0

func isLoop(error) bool { return false }

func tryLock(*os.File) (bool, error) {
	return false, errors.New("locking a data folder needs flock(2): import runs on Linux, macOS and the BSDs")
}

func unlock(*os.File) error { return nil }
