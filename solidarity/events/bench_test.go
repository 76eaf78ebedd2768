package events_test

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func benchRead(b *testing.B, cfg simulate.Config) {
	r, err := simulate.Run(cfg)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "sim")
	if err := r.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	n := r.Len()
	r = nil
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0, c0 := time.Now(), cpuSeconds()
		ev, err := events.ReadCSV(filepath.Join(dir, "events.csv"), events.Options{
			ActorsPath: filepath.Join(dir, "actors.csv"), ItemsPath: filepath.Join(dir, "items.csv")})
		if err != nil {
			b.Fatal(err)
		}
		read, readCPU := time.Since(t0), cpuSeconds()-c0
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t0, c0 = time.Now(), cpuSeconds()
		net, err := ev.Project("", true)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d events, %d people, %d items: ReadCSV %v (CPU %.1fs, heap in use %d MiB), Project %v (CPU %.1fs)",
			n, ev.NumPeople(), ev.NumItems(), read, readCPU, ms.HeapInuse>>20, time.Since(t0), cpuSeconds()-c0)
		net.Release()
		ev.Release()
	}
}

// BenchmarkReadCSV reads DefaultConfig's simulated events (~14,000).
func BenchmarkReadCSV(b *testing.B) { benchRead(b, simulate.DefaultConfig()) }

// BenchmarkReadCSVLarge reads simulate.LargeConfig's ~1e7 events over 1e6
// actors. SOLIDARITY_LONG=1 go test -run NONE -bench Large -benchtime=1x.
func BenchmarkReadCSVLarge(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 to run the 1e7-event benchmark")
	}
	benchRead(b, simulate.LargeConfig())
}

// cpuSeconds is the process's user+system CPU time, to report alongside
// wall time on a shared machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
