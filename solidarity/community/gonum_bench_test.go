package community

import (
	"fmt"
	"math/rand/v2"
	"testing"

	gcom "gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// gonum's Louvain (community.Modularize) on the same planted networks,
// building its map-based graph first: the measurement behind running our
// own Louvain on the CSR adjacency (docs/methods/communities.md).
//
//	go test -run '^$' -bench Gonum -benchtime=1x ./solidarity/community
func BenchmarkGonumLouvain(b *testing.B) {
	for _, n := range []int{1e4, 1e5} {
		s, _ := plantedSimple(b, n)
		b.Run(fmt.Sprintf("nodes=%d/arcs=%d", n, s.Edges), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cpu0 := cpuTime()
				g := simple.NewWeightedUndirectedGraph(0, 0)
				for v := 0; v < s.N; v++ {
					g.AddNode(simple.Node(v))
				}
				for v := int32(0); v < int32(s.N); v++ {
					nb, _ := s.Out(v)
					for _, u := range nb {
						w := 1.0
						if e := g.WeightedEdge(int64(v), int64(u)); e != nil {
							w += e.Weight()
						}
						g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(v), simple.Node(u), w))
					}
				}
				build := cpuTime() - cpu0
				r := gcom.Modularize(g, 1, rand.NewPCG(1, 1))
				b.ReportMetric(build.Seconds(), "build-cpu-s")
				b.ReportMetric((cpuTime() - cpu0).Seconds(), "cpu-s/op")
				b.ReportMetric(float64(len(r.Communities())), "communities")
			}
		})
	}
}
