package reciprocity

import (
	"math"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Nodes holds per-node reciprocity, indexed by dense node index (use
// n.Index().String(i) for the id).
type Nodes struct {
	// Share[i] is Reciprocated[i]/OutDegree[i]: the share of i's out-arcs
	// that are returned; NaN when i has no out-arcs.
	Share        []float64
	Reciprocated []int32 // out-arcs i->j for which j->i exists
	OutDegree    []int32 // distinct out-neighbours (loops left out)
	// Reason is set when the whole result is undefined (undirected
	// network); every Share is then NaN.
	Reason string
}

// PerNode returns each node's reciprocity: reciprocated out-arcs divided by
// out-arcs, on the merged loop-free arcs (networkx's reciprocity(G, nodes)
// instead divides mutual neighbours by in- plus out-degree).
// A node with out-degree 0 gets NaN. Runs in O(N+L).
func PerNode(n *network.Network) Nodes {
	s := n.Simple()
	r := Nodes{
		Share:        make([]float64, s.N),
		Reciprocated: make([]int32, s.N),
		OutDegree:    make([]int32, s.N),
	}
	if !s.Directed {
		for i := range r.Share {
			r.Share[i] = math.NaN()
		}
		r.Reason = "the network is undirected: reciprocity needs directed arcs"
		return r
	}
	for i := 0; i < s.N; i++ {
		a, b := s.OutStart[i], s.OutStart[i+1]
		x, y := s.InStart[i], s.InStart[i+1]
		r.OutDegree[i] = int32(b - a)
		var rec int32
		for a < b && x < y {
			u, v := s.OutNbr[a], s.InNbr[x]
			switch {
			case u < v:
				a++
			case u > v:
				x++
			default:
				rec++
				a++
				x++
			}
		}
		r.Reciprocated[i] = rec
		if r.OutDegree[i] == 0 {
			r.Share[i] = math.NaN()
		} else {
			r.Share[i] = float64(rec) / float64(r.OutDegree[i])
		}
	}
	return r
}
