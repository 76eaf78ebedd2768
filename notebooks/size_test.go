package notebooks

import (
	"os"
	"path/filepath"
	"testing"
)

// The committed notebooks stay small enough to read on a code host and to
// clone (issue 9: one Show(ev) once wrote 4.7 MB into a notebook): under
// 5 MiB together, and none over 1 MiB.
func TestCommittedNotebooksSize(t *testing.T) {
	paths, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
		if fi.Size() > 1<<20 {
			t.Errorf("%s is %d bytes: over 1 MiB", p, fi.Size())
		}
	}
	if total > 5<<20 {
		t.Errorf("the notebooks total %d bytes, over 5 MiB", total)
	}
	t.Logf("%d notebooks, %d bytes", len(paths), total)
}
