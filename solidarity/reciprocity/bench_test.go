package reciprocity

import (
	"os"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Benchmarks on generate.Planted networks with 4 groups and about 10 arcs
// per node (reciprocation 0.3). Building the network (and its Simple view)
// is outside the timer. SOLIDARITY_LONG=1 adds 1M nodes / ~10M arcs.
//
//	go test -run X -bench . -benchtime=1x ./solidarity/reciprocity/
func plantedBench(b *testing.B, nodes int) *network.Network {
	b.Helper()
	g := nodes / 4
	// Expected arcs ≈ 10 N: per node 5.6 first arcs within the group and
	// 2.1 across, plus 0.3 of those 7.7 returned.
	p := generate.Planted{Sizes: []int{g, g, g, g}, PIn: 5.6 / float64(g), POut: 2.1 / float64(3*g),
		Reciprocity: 0.3, Directed: true, Seed: 1}
	n, err := p.Network()
	if err != nil {
		b.Fatal(err)
	}
	n.Simple()
	b.Cleanup(func() {
		b.ReportMetric(float64(n.Simple().Edges), "arcs")
		n.Release()
	})
	return n
}

func long(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 for the 1M-node network")
	}
}

func benchSummarize(b *testing.B, nodes int) {
	n := plantedBench(b, nodes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Summarize(n)
	}
}

func BenchmarkSummarize1e5(b *testing.B) { benchSummarize(b, 100000) }
func BenchmarkSummarize1e6(b *testing.B) { long(b); benchSummarize(b, 1000000) }

func benchByGroup(b *testing.B, nodes int) {
	n := plantedBench(b, nodes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ByGroup(n, "group"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkByGroup1e5(b *testing.B) { benchByGroup(b, 100000) }
func BenchmarkByGroup1e6(b *testing.B) { long(b); benchByGroup(b, 1000000) }

func BenchmarkPerNode1e5(b *testing.B) {
	n := plantedBench(b, 100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		PerNode(n)
	}
}

func benchTriads(b *testing.B, nodes int) {
	n := plantedBench(b, nodes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := TriadCensus(n, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTriadCensus1e5(b *testing.B) { benchTriads(b, 100000) }
func BenchmarkTriadCensus1e6(b *testing.B) { long(b); benchTriads(b, 1000000) }
