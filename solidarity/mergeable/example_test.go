package mergeable_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/mergeable"
)

// Two workers each see some records of the same three nodes; their
// summaries merge into the reciprocity of the whole network.
func Example() {
	type rec struct {
		src, dst int
		w        float64
	}
	worker := func(recs []rec) map[[2]int]mergeable.Pair {
		m := map[[2]int]mergeable.Pair{}
		for _, r := range recs {
			u, v, fwd := mergeable.Orient(r.src, r.dst)
			p := m[[2]int{u, v}]
			p.Add(fwd, r.w)
			m[[2]int{u, v}] = p
		}
		return m
	}
	a := worker([]rec{{0, 1, 1}, {1, 2, 2}})
	b := worker([]rec{{1, 0, 3}, {0, 1, 1}}) // 0→1 again: a parallel record
	for k, p := range b {
		q := a[k]
		q.Merge(p)
		a[k] = q
	}
	var r mergeable.Reciprocity
	nodes := make([]mergeable.Node, 3)
	for k, p := range a {
		r.AddPair(p)
		eu, ev := p.Ends()
		nodes[k[0]].Merge(eu)
		nodes[k[1]].Merge(ev)
	}
	for _, n := range nodes {
		r.AddNode(n)
	}
	s := r.Finish(mergeable.Load{Directed: true, Nodes: 3, Parallel: 1})
	fmt.Printf("arcs %d, reciprocated %d, r = %.3f, weighted r = %.3f\n", s.Arcs, s.Reciprocated, s.Edge, s.Weighted)
	fmt.Printf("dyads %+v\n", s.Dyads)
	// Output:
	// arcs 3, reciprocated 2, r = 0.667, weighted r = 0.571
	// dyads {Mutual:1 Asymmetric:1 Null:1}
}
