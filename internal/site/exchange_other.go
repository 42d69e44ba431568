//go:build !linux

package site

import "errors"

// exchange would swap the folders at a and b in one step; only Linux has that
// (renameat2 RENAME_EXCHANGE), so elsewhere swap falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
