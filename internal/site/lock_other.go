//go:build !unix

package site

import "errors"

// lockFolder would take an exclusive lock on a folder; without flock it cannot, so
// staging folders left by killed builds are not removed (see removeStale).
func lockFolder(path string, wait bool) (release func(), err error) {
	return nil, errors.ErrUnsupported
}
