// Package atomicfile writes files so that a reader never sees half of one:
// the content goes to a temporary file in the target's folder, is synced
// to disk, and is renamed over the target only when complete. A failure
// (or a crash) leaves the target as it was and no temporary file behind
// (a crash may leave a ".name.tmp-*" file, which names its target).
//
// It is the one copy of this recipe in the toolkit: the Parquet and CSV
// writers, figures, the figure set's reports and the registry's cache
// records all go through it.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a temporary file that becomes its target on Commit.
type File struct {
	*os.File
	target string
	perm   os.FileMode
	done   bool
}

// Create opens a temporary file beside path, which Commit renames to path
// with permissions perm (0 = 0o644).
func Create(path string, perm os.FileMode) (*File, error) {
	if perm == 0 {
		perm = 0o644
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, target: path, perm: perm}, nil
}

// Commit syncs, closes and renames the file to its target. After a failed
// Commit the temporary file is removed.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("atomicfile: %s: already committed or aborted", f.target)
	}
	f.done = true
	err := f.File.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), f.perm)
	}
	if err == nil {
		err = os.Rename(f.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Abort closes and removes the temporary file; the target is untouched.
// It does nothing after Commit, so it suits a defer.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}

// Write writes path through write, atomically.
func Write(path string, perm os.FileMode, write func(w io.Writer) error) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

// WriteFile writes data to path, atomically.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
