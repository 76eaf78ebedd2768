package simulate

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
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
		t0, c0 := time.Now(), cpuSeconds()
		r, err := Run(LargeConfig())
		if err != nil {
			b.Fatal(err)
		}
		gen, genCPU := time.Since(t0), cpuSeconds()-c0
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t0, c0 = time.Now(), cpuSeconds()
		if err := r.WriteDir(filepath.Join(b.TempDir(), "sim")); err != nil {
			b.Fatal(err)
		}
		b.Logf("events %d, follows %d, items %d, exposures %d: generate %v (CPU %.1fs), write %v (CPU %.1fs), heap in use %d MiB",
			r.Len(), len(r.FollowSrc), len(r.ItemAuthor), r.Exposures, gen, genCPU, time.Since(t0), cpuSeconds()-c0, ms.HeapInuse>>20)
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

// cpuSeconds is the process's user+system CPU time, to report alongside
// wall time on a shared machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
