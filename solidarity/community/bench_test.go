package community

import (
	"fmt"
	"os"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// plantedSimple draws a directed planted partition with n nodes in groups
// of 10,000 (at most 100 groups) and about 10 arcs per node, 80% of them
// inside the group, straight into the merged adjacency.
func plantedSimple(b *testing.B, n int) (*network.Simple, []int32) {
	groups := max(n/10000, 4)
	sizes := make([]int, groups)
	for i := range sizes {
		sizes[i] = n / groups
	}
	size := float64(n / groups)
	p := generate.Planted{Sizes: sizes, PIn: 8 / (size - 1), POut: 2 / (float64(n) - size), Directed: true, Seed: 1}
	src, dst, err := p.Arcs()
	if err != nil {
		b.Fatal(err)
	}
	return network.BuildSimple(n, src, dst, nil, true), p.Groups()
}

// The ladder runs 1e4 and 1e5 nodes (1e5 and 1e6 arcs); SOLIDARITY_LONG=1
// adds 1M nodes / 10M arcs:
//
//	SOLIDARITY_LONG=1 go test -run '^$' -bench . -benchtime=1x ./solidarity/community
func BenchmarkDetect(b *testing.B) {
	sizes := []int{1e4, 1e5}
	if os.Getenv("SOLIDARITY_LONG") == "1" {
		sizes = append(sizes, 1e6)
	}
	for _, n := range sizes {
		s, truth := plantedSimple(b, n)
		for _, m := range []string{Louvain, Leiden} {
			b.Run(fmt.Sprintf("%s/nodes=%d/arcs=%d", m, n, s.Edges), func(b *testing.B) {
				var r *Result
				cpu0 := cpuTime()
				for i := 0; i < b.N; i++ {
					var err error
					if r, err = DetectSimple(s, Options{Method: m, Seed: 1}); err != nil {
						b.Fatal(err)
					}
				}
				// CPU seconds beside wall time: on a shared machine the wall
				// time says more about the neighbours than about the code.
				b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
				nmi, _ := NMI(r.Membership, truth)
				b.ReportMetric(float64(r.Communities), "communities")
				b.ReportMetric(r.Modularity, "Q")
				b.ReportMetric(nmi, "NMI")
			})
		}
	}
}
