package reciprocal

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func bench(b *testing.B, cfg simulate.Config) {
	sim, err := simulate.Run(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ev.Release()
	sim = nil
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, unit := range []Unit{UnitFirst, UnitEvents} {
			t0, c0 := time.Now(), cpuSeconds()
			r, err := Analyze(ev, Options{Unit: unit})
			if err != nil {
				b.Fatal(err)
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.Logf("%d events, unit %s: %v (CPU %.1fs), p_return %.4f (heap in use %d MiB)", ev.Len(), unit, time.Since(t0), cpuSeconds()-c0, r.Overall.PReturn, ms.HeapInuse>>20)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) { bench(b, simulate.DefaultConfig()) }

// BenchmarkAnalyzeLarge: simulate.LargeConfig (~1e7 events, 1e6 actors).
// SOLIDARITY_LONG=1 go test -run NONE -bench Large -benchtime=1x.
func BenchmarkAnalyzeLarge(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 to run the 1e7-event benchmark")
	}
	bench(b, simulate.LargeConfig())
}

// cpuSeconds is the process's user+system CPU time, to report alongside
// wall time on a shared machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
