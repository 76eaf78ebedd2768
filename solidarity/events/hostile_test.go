package events

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A truncated .gz used to be read as if whole (issue 8): the events before
// the cut came back with no error.
func TestTruncatedGzip(t *testing.T) {
	var raw bytes.Buffer
	raw.WriteString("actor,item,author,kind,time\n")
	for i := 0; i < 20000; i++ {
		raw.WriteString("a" + strings.Repeat("x", i%7) + ",i1,b,like,1000\n")
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(raw.Bytes())
	w.Close()
	p := filepath.Join(t.TempDir(), "ev.csv.gz")
	if err := os.WriteFile(p, z.Bytes()[:z.Len()/2], 0o644); err != nil {
		t.Fatal(err)
	}
	ev, err := ReadCSV(p, Options{})
	if err == nil {
		n := ev.Len()
		ev.Release()
		t.Fatalf("a truncated .gz gave %d events and no error", n)
	}
	if !strings.Contains(err.Error(), "ev.csv.gz") {
		t.Errorf("error %q does not name the file", err)
	}
}
