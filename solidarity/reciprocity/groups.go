package reciprocity

import (
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Groups holds reciprocity within and between the groups of a categorical
// node attribute: is engagement returned more among comrades?
type Groups struct {
	Attribute string
	Labels    []string // group labels, sorted as network.Categories sorts them
	// PairArcs[g][h] counts arcs from a node in g to a node in h;
	// PairReciprocated[g][h] those of them whose reverse arc exists.
	PairArcs         [][]int64
	PairReciprocated [][]int64
	// Pair[g][h] = PairReciprocated[g][h] / PairArcs[g][h] (NaN without arcs).
	Pair [][]float64
	// Within[g] is Pair[g][g]: the share of arcs inside g that are returned.
	Within []float64
	// WithinAll pools every within-group arc; Between pools every arc
	// across groups.
	WithinAll, Between float64
	// MissingNodes have no value for the attribute; ArcsLeftOut touch one.
	MissingNodes int
	ArcsLeftOut  int64
	// Reasons explains NaN in WithinAll ("within"), Between ("between"),
	// and any NaN in Within or Pair ("pair").
	Reasons map[string]string
}

// ByGroup computes reciprocity inside and across the groups of the
// categorical node attribute col (see network.Categories). Arcs are the
// merged loop-free ones; arcs with an endpoint whose attribute is missing
// are left out and counted in ArcsLeftOut. The error is non-nil only when
// the attribute cannot be read (no nodes table, no such column).
//
// For groups g and h, Pair[g][h] = #{i->j : g(i)=g, g(j)=h, j->i exists} /
// #{i->j : g(i)=g, g(j)=h}. Since a returned arc i->j pairs with the
// returned arc j->i, PairReciprocated is symmetric while PairArcs need not
// be. Runs in O(N+L+groups²).
func ByGroup(n *network.Network, col string) (*Groups, error) {
	cat, err := n.Categories(col)
	if err != nil {
		return nil, fmt.Errorf("reciprocity: %w", err)
	}
	s := n.Simple()
	G := cat.Groups()
	r := &Groups{
		Attribute:        col,
		Labels:           cat.Labels,
		PairArcs:         square(G),
		PairReciprocated: square(G),
		Pair:             make([][]float64, G),
		Within:           make([]float64, G),
		MissingNodes:     cat.Missing,
		Reasons:          map[string]string{},
	}
	nan := math.NaN()
	r.WithinAll, r.Between = nan, nan
	if !s.Directed {
		for g := range r.Pair {
			r.Pair[g] = make([]float64, G)
			for h := range r.Pair[g] {
				r.Pair[g][h] = nan
			}
			r.Within[g] = nan
		}
		why := "the network is undirected: reciprocity needs directed arcs"
		r.Reasons["within"], r.Reasons["between"], r.Reasons["pair"] = why, why, why
		return r, nil
	}
	// Count in fixed chunks of nodes, in parallel; integer counts, so the
	// result is exact whatever the order. Each chunk holds two G×G
	// matrices, so many groups count in one chunk.
	codes := cat.Codes
	bounds := []int{0, s.N}
	if G <= 128 {
		bounds = splitByArcs(s.OutStart, chunks)
	}
	type part struct {
		arcs, rec [][]int64
		left      int64
	}
	parts := make([]part, len(bounds)-1)
	pool.Parts(len(bounds)-1, func(k int) {
		p := part{arcs: square(G), rec: square(G)}
		for i := bounds[k]; i < bounds[k+1]; i++ {
			a, b := s.OutStart[i], s.OutStart[i+1]
			x, y := s.InStart[i], s.InStart[i+1]
			gi := codes[i]
			for ; a < b; a++ {
				j := s.OutNbr[a]
				for x < y && s.InNbr[x] < j {
					x++
				}
				gj := codes[j]
				if gi < 0 || gj < 0 {
					p.left++
					continue
				}
				p.arcs[gi][gj]++
				if x < y && s.InNbr[x] == j {
					p.rec[gi][gj]++
				}
			}
		}
		parts[k] = p
	})
	for _, p := range parts {
		r.ArcsLeftOut += p.left
		for g := 0; g < G; g++ {
			for h := 0; h < G; h++ {
				r.PairArcs[g][h] += p.arcs[g][h]
				r.PairReciprocated[g][h] += p.rec[g][h]
			}
		}
	}
	var wa, wr, ba, br int64
	empty := false
	for g := 0; g < G; g++ {
		r.Pair[g] = make([]float64, G)
		for h := 0; h < G; h++ {
			if r.PairArcs[g][h] == 0 {
				r.Pair[g][h] = nan
				empty = true
			} else {
				r.Pair[g][h] = float64(r.PairReciprocated[g][h]) / float64(r.PairArcs[g][h])
			}
			if g == h {
				wa += r.PairArcs[g][h]
				wr += r.PairReciprocated[g][h]
			} else {
				ba += r.PairArcs[g][h]
				br += r.PairReciprocated[g][h]
			}
		}
		r.Within[g] = r.Pair[g][g]
	}
	if empty {
		r.Reasons["pair"] = "NaN where no arc runs from the first group to the second"
	}
	missing := ""
	if r.ArcsLeftOut > 0 {
		missing = fmt.Sprintf(" (%d arcs touching nodes without %q were left out)", r.ArcsLeftOut, col)
	}
	if wa > 0 {
		r.WithinAll = float64(wr) / float64(wa)
	} else {
		r.Reasons["within"] = "no arc joins two nodes of the same group" + missing
	}
	switch {
	case ba > 0:
		r.Between = float64(br) / float64(ba)
	case G < 2:
		r.Reasons["between"] = fmt.Sprintf("attribute %q has %d group(s): no arc can cross groups", col, G)
	default:
		r.Reasons["between"] = "no arc joins two different groups" + missing
	}
	return r, nil
}

func square(g int) [][]int64 {
	m := make([][]int64, g)
	flat := make([]int64, g*g)
	for i := range m {
		m[i] = flat[i*g : (i+1)*g]
	}
	return m
}
