package simulate

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// BenchmarkLarge generates LargeConfig's world (1e6 actors, ~1e7 events)
// and writes it. Run with SOLIDARITY_LONG=1 go test -run NONE -bench Large -benchtime=1x.
func BenchmarkLarge(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 to run the 1e6-actor benchmark")
	}
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		r, err := Run(LargeConfig())
		if err != nil {
			b.Fatal(err)
		}
		gen := time.Since(t0)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t0 = time.Now()
		if err := r.WriteDir(filepath.Join(b.TempDir(), "sim")); err != nil {
			b.Fatal(err)
		}
		b.Logf("events %d, follows %d, items %d, exposures %d: generate %v, write %v, heap in use %d MiB",
			r.Len(), len(r.FollowSrc), len(r.ItemAuthor), r.Exposures, gen, time.Since(t0), ms.HeapInuse>>20)
	}
}

func BenchmarkRun(b *testing.B) {
	c := DefaultConfig()
	for i := 0; i < b.N; i++ {
		if _, err := Run(c); err != nil {
			b.Fatal(err)
		}
	}
}
