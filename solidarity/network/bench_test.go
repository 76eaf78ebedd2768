package network

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// benchSizes is the seeded ladder of arc counts (gonum's
// stat/moments_bench_test.go style); 1e7 runs with SOLIDARITY_LONG=1:
//
//	SOLIDARITY_LONG=1 go test -run '^$' -bench . -benchtime=1x ./solidarity/network
func benchSizes() []int {
	s := []int{1e4, 1e5, 1e6}
	if os.Getenv("SOLIDARITY_LONG") == "1" {
		s = append(s, 1e7)
	}
	return s
}

// benchArcs is the network of bench/gendata in miniature: m arc records
// over m/10 nodes, 30% returned, a few loops and parallels by chance.
func benchArcs(m int) (src, dst []int64) {
	rng := rand.New(rand.NewPCG(1, 0x5eed))
	n := max(m/10, 2)
	src, dst = make([]int64, 0, m), make([]int64, 0, m)
	for len(src) < m {
		u, v := rng.Int64N(int64(n)), rng.Int64N(int64(n))
		src, dst = append(src, u), append(dst, v)
		if len(src) < m && rng.Float64() < 0.3 {
			src, dst = append(src, v), append(dst, u)
		}
	}
	return src, dst
}

// heapPeak samples the bytes of live and not yet swept heap objects
// (runtime/metrics, no stop-the-world) until stopped, and returns the peak
// above the level at start.
func heapPeak() (stop func() float64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if v := read(); v > peak {
				peak = v
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak-base) / (1 << 20)
	}
}

// BenchmarkNew indexes an Arrow edges table of int64 ids (16 bytes per
// record: MB/s are of those columns) and builds the merged CSR view, as
// every loader does. It reports the peak heap during the build and the
// heap the Network keeps (beyond the Arrow table) per arc record.
func BenchmarkNew(b *testing.B) {
	for _, m := range benchSizes() {
		src, dst := benchArcs(m)
		rec := edgesRecord(b, memory.DefaultAllocator, src, dst, nil)
		b.Run(fmt.Sprintf("arcs=%d", m), func(b *testing.B) {
			b.SetBytes(int64(16 * m))
			var peak, kept float64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				stop := heapPeak()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				b.StartTimer()
				n, err := New(rec, nil, true, Columns{})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				peak = max(peak, stop())
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				kept = float64(after.HeapAlloc-before.HeapAlloc) / float64(m)
				runtime.KeepAlive(n)
				n.Release()
				b.StartTimer()
			}
			b.ReportMetric(peak, "peak-heap-MiB")
			b.ReportMetric(kept, "kept-B/arc")
		})
		rec.Release()
	}
}

// BenchmarkBuildSimple merges and transposes dense int32 endpoints (8
// bytes per record for MB/s), unweighted and weighted.
func BenchmarkBuildSimple(b *testing.B) {
	for _, m := range benchSizes() {
		s64, d64 := benchArcs(m)
		src, dst := make([]int32, m), make([]int32, m)
		w := make([]float64, m)
		for i := range src {
			src[i], dst[i], w[i] = int32(s64[i]), int32(d64[i]), float64(1+i%3)
		}
		n := max(m/10, 2)
		for _, weighted := range []bool{false, true} {
			ws := w
			if !weighted {
				ws = nil
			}
			b.Run(fmt.Sprintf("arcs=%d/weighted=%v", m, weighted), func(b *testing.B) {
				b.SetBytes(int64(8 * m))
				var peak float64
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					stop := heapPeak()
					b.StartTimer()
					s := BuildSimple(n, src, dst, ws, true)
					b.StopTimer()
					peak = max(peak, stop())
					runtime.KeepAlive(s)
					b.StartTimer()
				}
				b.ReportMetric(peak, "peak-heap-MiB")
			})
		}
	}
}
