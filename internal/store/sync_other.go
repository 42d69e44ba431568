//go:build !linux

package store

import "os"

// syncStaged makes the files of a staged report, and the folder holding them,
// durable: an fsync of each (systems without syncfs(2)).
func syncStaged(dir string, files []string) error {
	for _, p := range append(files, dir) {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
