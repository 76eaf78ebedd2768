package formats

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// writeBenchCSV writes a seeded edge list "source,target,weight,time" with
// edges records among nodes ids (power-law-ish sources, uniform targets).
func writeBenchCSV(tb testing.TB, path string, edges, nodes int) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(2024, 7))
	w.WriteString("source,target,weight,time\n")
	buf := make([]byte, 0, 64)
	t0 := int64(1_600_000_000)
	for i := 0; i < edges; i++ {
		u := int64(rng.IntN(nodes))
		if rng.IntN(2) == 0 {
			u = int64(rng.IntN(nodes / 100))
		}
		v := int64(rng.IntN(nodes))
		buf = buf[:0]
		buf = strconv.AppendInt(buf, u, 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, v, 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(1+rng.IntN(5)), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, t0+int64(i), 10)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	st, _ := f.Stat()
	return st.Size()
}

// peakHeap samples the Go heap in use every millisecond until stop.
func peakHeap(stop <-chan struct{}, peak *atomic.Uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// BenchmarkReadCSV10M reads a generated CSV edge list (10 million edges
// over 1 million nodes with SOLIDARITY_LONG=1; 1 million edges over 100k
// nodes otherwise) into a Network: parse, Arrow tables, dense index and
// the merged CSR adjacency. It reports MB/s of CSV and the peak Go heap.
//
//	SOLIDARITY_LONG=1 go test -run '^$' -bench ReadCSV10M -benchtime=1x ./solidarity/formats
func BenchmarkReadCSV10M(b *testing.B) {
	edges, nodes := 1_000_000, 100_000
	if os.Getenv("SOLIDARITY_LONG") == "1" {
		edges, nodes = 10_000_000, 1_000_000
	}
	path := filepath.Join(b.TempDir(), "edges.csv")
	size := writeBenchCSV(b, path, edges, nodes)
	for _, phase := range []string{"parse", "parse+index"} {
		b.Run(phase, func(b *testing.B) {
			b.SetBytes(size)
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			var peak atomic.Uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Add(1)
				go peakHeap(stop, &peak, &wg)
				if phase == "parse" {
					// The Arrow edges table only: what this package does.
					src, err := openPath(path, Options{}, Auto)
					if err != nil {
						b.Fatal(err)
					}
					t, err := readDelimEdges(src, CSV, Options{}, memory.DefaultAllocator)
					if err != nil {
						b.Fatal(err)
					}
					if t.edges.NumRows() != int64(edges) {
						b.Fatalf("read %d edges, want %d", t.edges.NumRows(), edges)
					}
					t.release()
				} else {
					// Tables plus network.New: dense index and merged CSR.
					n, err := Read(path, Options{})
					if err != nil {
						b.Fatal(err)
					}
					if n.Report().EdgeRecords != edges {
						b.Fatalf("read %d edges, want %d", n.Report().EdgeRecords, edges)
					}
					n.Release()
				}
				close(stop)
				wg.Wait()
			}
			b.StopTimer()
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(edges*8)/(1<<20), "int32-edge-arrays-MiB")
		})
	}
	if testing.Verbose() {
		fmt.Printf("file %.1f MiB, %d edges\n", float64(size)/(1<<20), edges)
	}
}

// BenchmarkReadParquet reads back the benchmark network from Parquet (the
// cache format), tables plus index: compare with BenchmarkReadCSV10M.
func BenchmarkReadParquet(b *testing.B) {
	edges, nodes := 1_000_000, 100_000
	if os.Getenv("SOLIDARITY_LONG") == "1" {
		edges, nodes = 10_000_000, 1_000_000
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "edges.csv")
	writeBenchCSV(b, path, edges, nodes)
	n, err := Read(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	pq := filepath.Join(dir, "edges.parquet")
	if err := WriteParquet(n, pq, ""); err != nil {
		b.Fatal(err)
	}
	n.Release()
	st, _ := os.Stat(pq)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := ReadParquet(pq, "", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if m.Report().EdgeRecords != edges {
			b.Fatalf("%d edges", m.Report().EdgeRecords)
		}
		m.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N)*1e9/float64(edges), "ns/edge")
}
