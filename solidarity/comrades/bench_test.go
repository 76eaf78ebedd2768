package comrades

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/simulate"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
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
	fn, err := sim.FollowNetwork(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer fn.Release()
	sim = nil
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, o := range []Options{{Follows: fn}, {Mode: ModeGroup}} {
			t0, c0 := time.Now(), cpuSeconds()
			r, err := Analyze(ev, o)
			if err != nil {
				b.Fatal(err)
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.Logf("%d events, exposure %s, mode %s: %v (CPU %.1fs); lift %.3f, comrade coef %.3f (se %.3f), %d rows (heap in use %d MiB)",
				ev.Len(), r.Exposure, r.Mode, time.Since(t0), cpuSeconds()-c0, r.Lift, r.Model.Coef["comrade"], r.Model.SE["comrade"], r.Model.Rows, ms.HeapInuse>>20)
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

// BenchmarkDemean: demean's conjugate gradients against the alternating
// projections it replaced (demeanSweeps, with the old cap of 10000
// sweeps), on the chain of 40 blocks of demean_test.go (one column, the
// old absolute tolerance 1e-12), and the whole two-shape fit on a card
// world: confounded-linear with item x group effects, seed 1 with both
// demeanings and seed 16 (where the old fit ran for more than 7 minutes of
// CPU without finishing) with CG only.
//
//	go test ./solidarity/comrades -run NONE -bench Demean -benchtime=3x
func BenchmarkDemean(b *testing.B) {
	kept, w, x := chainDesign(40, rand.New(rand.NewPCG(1, 2)))
	col := make([]float64, len(x))
	b.Run("chain/cg", func(b *testing.B) {
		for b.Loop() {
			copy(col, x)
			n, _ := demean(kept, w, [][]float64{col}, 80, 80, 1e-12)
			b.ReportMetric(float64(2*n), "passes")
		}
	})
	b.Run("chain/sweeps", func(b *testing.B) {
		for b.Loop() {
			copy(col, x)
			n, _ := demeanSweeps(kept, w, [][]float64{col}, 80, 80, 1e-12, 10000)
			b.ReportMetric(float64(4*n), "passes")
		}
	})
	p, err := worlds.Lookup("confounded-linear")
	if err != nil {
		b.Fatal(err)
	}
	b.Setenv("SOLIDARITY_DIAG_IG", "1")
	for _, seed := range []uint64{1, 16} {
		wd, err := worlds.Generate(p.Config(0, seed))
		if err != nil {
			b.Fatal(err)
		}
		cells, _, nA, nI := diagItemCells(wd)
		impls := map[string]func([]PairCell, []float64, [][]float64, [][]float64, int, int, float64) (int, bool){"cg": demeanFrom}
		if seed == 1 {
			impls["sweeps"] = func(kept []PairCell, w []float64, cols, _ [][]float64, nA, nI int, tol float64) (int, bool) {
				return demeanSweeps(kept, w, cols, nA, nI, tol, 10000)
			}
		}
		for _, name := range []string{"cg", "sweeps"} {
			impl, ok := impls[name]
			if !ok {
				continue
			}
			b.Run(fmt.Sprintf("card-seed%d/%s", seed, name), func(b *testing.B) {
				defer func(f func([]PairCell, []float64, [][]float64, [][]float64, int, int, float64) (int, bool)) {
					demeanCols = f
				}(demeanCols)
				demeanCols = impl
				for b.Loop() {
					c0 := cpuSeconds()
					h, l := fitLink(cells, nA, nI, 0), fitLink(cells, nA, nI, 1)
					b.ReportMetric(cpuSeconds()-c0, "cpu-s/op")
					b.Logf("%d cells: cloglog g %.10f (%d iterations) logit g %.10f (%d iterations)", h.Cells, float64(h.Coef), h.Iterations, float64(l.Coef), l.Iterations)
				}
			})
		}
	}
}
