package homophily

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Benchmarks on planted directed networks with 4 equal groups and about 10
// arcs per node (half within groups): 10^5 nodes / 10^6 arcs by default, and
// 10^6 nodes / 10^7 arcs with SOLIDARITY_LONG=1. The network and its Simple
// view are built before the timer; run with -benchtime=1x on shared machines:
//
//	go test -run '^$' -bench . -benchtime=1x ./solidarity/homophily/
//	SOLIDARITY_LONG=1 go test -run '^$' -bench . -benchtime=1x ./solidarity/homophily/

func benchSizes() []int {
	if os.Getenv("SOLIDARITY_LONG") == "1" {
		return []int{100_000, 1_000_000}
	}
	return []int{100_000}
}

var benchCache = map[int]*network.Network{}

func benchNetwork(b *testing.B, nodes int) *network.Network {
	b.Helper()
	if n, ok := benchCache[nodes]; ok {
		return n
	}
	g := nodes / 4
	// Within-group ordered pairs ≈ 4g², between ≈ 12g²: 5 arcs per node each.
	pairsIn := 4 * float64(g) * float64(g)
	pairsOut := 12 * float64(g) * float64(g)
	p := generate.Planted{Sizes: []int{g, g, g, g}, PIn: 5 * float64(nodes) / pairsIn,
		POut: 5 * float64(nodes) / pairsOut, Directed: true, Seed: 1}
	n, err := p.Network()
	if err != nil {
		b.Skipf("generate.Planted: %v", err)
	}
	n.Simple()
	runtime.GC() // do not bill the generator's garbage to the first timed run
	benchCache[nodes] = n
	return n
}

func BenchmarkMixingMatrix(b *testing.B) {
	for _, size := range benchSizes() {
		n := benchNetwork(b, size)
		b.Run(fmt.Sprintf("nodes=%d/arcs=%d", size, n.Report().SimpleEdges), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := MixingMatrix(n, "group", false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Summarize: mixing matrix, r, jackknife SE and every segregation index.
func BenchmarkSummarize(b *testing.B) {
	for _, size := range benchSizes() {
		n := benchNetwork(b, size)
		for _, weighted := range []bool{false, true} {
			b.Run(fmt.Sprintf("nodes=%d/weighted=%v", size, weighted), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := Summarize(n, "group", Options{Weighted: weighted}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// DegreeAssortativity with its jackknife (three passes over the arcs).
func BenchmarkDegreeAssortativity(b *testing.B) {
	for _, size := range benchSizes() {
		n := benchNetwork(b, size)
		b.Run(fmt.Sprintf("nodes=%d", size), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := DegreeAssortativity(n, OutIn); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// 100 permutations.
func BenchmarkPermutationTest(b *testing.B) {
	for _, size := range benchSizes() {
		n := benchNetwork(b, size)
		b.Run(fmt.Sprintf("nodes=%d/perms=100", size), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := PermutationTest(n, "group", PermutationOptions{Permutations: 100, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
