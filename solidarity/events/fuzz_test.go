package events

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadEvents feeds arbitrary bytes to the events readers, as CSV and
// as Parquet (seeded with a valid file, so mutations reach its footer and
// pages): an error or events, never a panic.
//
//	go test -run '^$' -fuzz FuzzReadEvents -fuzztime 30s ./solidarity/events
func FuzzReadEvents(f *testing.F) {
	f.Add([]byte("actor,item,author,kind,time\na,i1,b,like,10\nc,i1,b,share,2024-01-02T03:04:05Z\n"), false)
	f.Add([]byte("actor,item,author,kind,time,quality\n\"a,b\",i,\"x\"\"y\",like,1,0.5\n"), false)
	f.Add([]byte("actor,item,author,kind,time\n"), false)
	if pq := eventsParquet(f); pq != nil {
		f.Add(pq, true)
		b := bytes.Clone(pq)
		b[len(b)-30] ^= 0xff
		f.Add(b, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, parquet bool) {
		name := "ev.csv"
		if parquet {
			name = "ev.parquet"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ev, err := Read(p, Options{})
		if err == nil {
			_ = ev.Len()
			ev.Release()
		} else if err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}

// eventsParquet writes a small events file as Parquet (nil if the package
// cannot write Parquet).
func eventsParquet(t testing.TB) []byte {
	dir := t.TempDir()
	src := filepath.Join(dir, "ev.csv")
	os.WriteFile(src, []byte("actor,item,author,kind,time\na,i1,b,like,10\nc,i1,b,share,20\nb,i2,a,like,30\n"), 0o644)
	ev, err := ReadCSV(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	return writeParquetBytes(t, ev, filepath.Join(dir, "ev.parquet"))
}

func writeParquetBytes(t testing.TB, ev *Events, p string) []byte {
	if err := ev.WriteParquet(p); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
