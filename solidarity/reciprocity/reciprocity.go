package reciprocity

import (
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Value is a number that may be undefined: when Value is NaN, Reason says
// why (the toolkit's one such type, see package jsonnum).
type Value = jsonnum.Value

// Dyads is the dyad census: every unordered pair of distinct nodes is mutual
// (arcs both ways), asymmetric (one arc) or null (none), so
// Mutual+Asymmetric+Null = N(N-1)/2. For an undirected network every edge
// counts as mutual (as igraph's dyad_census does).
type Dyads struct {
	Mutual     int64 `json:"mutual"`
	Asymmetric int64 `json:"asymmetric"`
	Null       int64 `json:"null"`
}

// Summary holds every whole-network reciprocity index, computed in one pass
// over the arcs. Undefined indices are NaN and Reasons[key] says why, with
// the keys "edge", "dyad_ratio", "rho", "weighted", "weighted_expected" and
// "weighted_rho" (the JSON names of the fields).
type Summary struct {
	Directed     bool
	Nodes        int   // N, isolated nodes included
	Arcs         int64 // L, arcs after merging parallel records and dropping loops
	Reciprocated int64 // arcs i->j whose reverse j->i exists (2M)
	SelfLoops    int   // loop records left out
	Parallel     int   // records merged into an earlier arc

	// Edge is r = Reciprocated/Arcs.
	Edge float64
	// DyadRatio is M/(M+A): the share of connected pairs that are mutual.
	DyadRatio float64
	// Density is a = L/(N(N-1)), the reciprocity expected by chance.
	Density float64
	// Rho is Garlaschelli and Loffredo's (r-a)/(1-a).
	Rho float64
	// EdgeSE and RhoSE are node-jackknife standard errors of Edge and Rho
	// (see Summarize).
	EdgeSE, RhoSE float64
	Dyads         Dyads

	// WeightTotal is W = sum of merged arc weights; WeightReciprocated is
	// W<-> = sum over ordered pairs of min(w_ij, w_ji).
	WeightTotal, WeightReciprocated float64
	// Weighted is r^w = W<->/W (Squartini et al. 2013).
	Weighted float64
	// WeightedExpected is r^w expected under the weighted random graph with
	// the same N and W: W/(N(N-1)+2W). WeightedConfiguration gives the
	// expectation under Squartini et al.'s weighted configuration model.
	WeightedExpected float64
	// WeightedRho is (r^w - WeightedExpected)/(1 - WeightedExpected).
	WeightedRho float64

	// Reasons explains every NaN, keyed by the field's JSON-style name:
	// "edge", "dyad_ratio", "rho", "edge_se", "rho_se", "weighted",
	// "weighted_expected", "weighted_rho".
	Reasons map[string]string
}

// Summarize computes every whole-network index of the package in one O(N+L)
// pass over the Simple view (split over a fixed number of chunks run in
// parallel, so results do not depend on the number of CPUs).
//
// Edge reciprocity (Newman, Forrest & Balthrop 2002, doi:10.1103/PhysRevE.66.035101):
//
//	r = L<-> / L,  L<-> = #{arcs i->j : j->i exists}
//
// It equals igraph's reciprocity(ignore_loops=True, mode="default") and
// networkx's overall_reciprocity on the merged, loop-free graph.
// Garlaschelli & Loffredo (2004, doi:10.1103/PhysRevLett.93.268701, eq. 3):
//
//	rho = (r - a) / (1 - a),  a = L / (N(N-1))
//
// Weighted reciprocity (Squartini, Picciolo, Ruzzenenti & Garlaschelli 2013,
// Sci. Rep. 3, 2729, doi:10.1038/srep02729):
//
//	r^w = sum_{i!=j} min(w_ij, w_ji) / sum_{i!=j} w_ij
//
// with its expectation under the weighted random graph (Garlaschelli 2009,
// doi:10.1088/1367-2630/11/7/073005), whose pairs carry independent
// geometric weights with mean W/(N(N-1)):
//
//	<r^w> = W / (N(N-1) + 2W),  rho^w = (r^w - <r^w>) / (1 - <r^w>)
//
// Uncertainty: EdgeSE and RhoSE are jackknife standard errors over the n
// nodes that have at least one arc (the node jackknife of Snijders &
// Borgatti 1999, "Non-parametric standard errors and tests for network
// statistics", Connections 22(2), 161-170). Leaving node k out removes its out_k + in_k arcs and the
// 2·m_k reciprocated ones (m_k = its mutual neighbours), so in O(N):
//
//	r_(k) = (L<-> - 2 m_k) / (L - out_k - in_k),   SE² = (n-1)/n · Σ_k (r_(k) - mean)²
//
// and rho_(k) likewise with N-1 nodes. Nodes, not arcs, are the units
// because arcs of one actor (and the two arcs of a mutual pair) are not
// independent. Undefined when n < 2 or when leaving a node out leaves no
// arcs (a star) or, for rho, a complete graph.
//
// Undefined cases: an undirected network (every index NaN; the dyad census
// counts edges as mutual); no arcs (r, dyad ratio, rho, weighted indices);
// density 1 (rho, since 1-a = 0); a negative or infinite merged weight, or
// total weight 0 (weighted indices).
func Summarize(n *network.Network) Summary {
	s := n.Simple()
	mutualNbrs := make([]int32, s.N)
	c := countArcs(s, mutualNbrs)
	return FromCounts(Counts{
		Directed: s.Directed, Nodes: s.N, SelfLoops: s.Loops, Parallel: s.Parallel,
		Arcs: c.arcs, Reciprocated: c.rec, WeightTotal: c.w, WeightReciprocated: c.wrec,
		NegativeWeights: c.neg, InfiniteWeights: c.inf,
	}, func(yield func(degree, mutual, count int64)) {
		for i := 0; i < s.N; i++ {
			deg := s.OutStart[i+1] - s.OutStart[i] + s.InStart[i+1] - s.InStart[i]
			if deg > 0 {
				yield(deg, int64(mutualNbrs[i]), 1)
			}
		}
	})
}

// Counts are the sums every index of Summary is computed from. They add up
// over any split of the arcs, which is what lets the out-of-core and
// distributed paths (package mergeable) reuse FromCounts.
type Counts struct {
	Directed  bool
	Nodes     int // N, isolated nodes included
	SelfLoops int // loop records left out
	Parallel  int // records merged into an earlier arc
	// Arcs and Reciprocated are L and L<-> (for an undirected network both
	// count every edge from both ends).
	Arcs, Reciprocated int64
	// WeightTotal is W = sum of merged arc weights; WeightReciprocated is
	// the sum over ordered pairs of min(w_ij, w_ji).
	WeightTotal, WeightReciprocated float64
	// NegativeWeights and InfiniteWeights count merged arcs whose weight
	// rules the weighted indices out.
	NegativeWeights, InfiniteWeights int64
}

// NodeTerms calls yield(degree, mutual, count) for the nodes with at least
// one arc: count nodes have out+in degree `degree` and `mutual` mutual
// neighbours. It feeds the node jackknife; a histogram of (degree, mutual)
// gives the same sums as one call per node.
type NodeTerms func(yield func(degree, mutual, count int64))

// FromCounts finishes a Summary from its sums and the per-node jackknife
// terms (see Summarize for the formulas and the undefined cases).
func FromCounts(c Counts, nodes NodeTerms) Summary {
	sum := Summary{
		Directed:  c.Directed,
		Nodes:     c.Nodes,
		SelfLoops: c.SelfLoops,
		Parallel:  c.Parallel,
		Reasons:   map[string]string{},
	}
	sum.Arcs, sum.Reciprocated = c.Arcs, c.Reciprocated
	sum.WeightTotal, sum.WeightReciprocated = c.WeightTotal, c.WeightReciprocated
	N := int64(c.Nodes)
	pairs := N * (N - 1) / 2
	if !c.Directed {
		sum.Dyads = Dyads{Mutual: c.Arcs / 2, Null: pairs - c.Arcs/2}
	} else {
		sum.Dyads = Dyads{Mutual: c.Reciprocated / 2, Asymmetric: c.Arcs - c.Reciprocated, Null: pairs - c.Reciprocated/2 - (c.Arcs - c.Reciprocated)}
	}
	nan := math.NaN()
	sum.Edge, sum.DyadRatio, sum.Density, sum.Rho = nan, nan, nan, nan
	sum.EdgeSE, sum.RhoSE = nan, nan
	sum.Weighted, sum.WeightedExpected, sum.WeightedRho = nan, nan, nan
	setAll := func(why string, keys ...string) {
		for _, k := range keys {
			sum.Reasons[k] = why
		}
	}
	if !c.Directed {
		setAll("the network is undirected: every edge would count as reciprocated; reciprocity needs directed arcs",
			"edge", "dyad_ratio", "rho", "edge_se", "rho_se", "weighted", "weighted_expected", "weighted_rho")
		return sum
	}
	if N >= 2 {
		sum.Density = float64(c.Arcs) / (float64(N) * float64(N-1))
	}
	if c.Arcs == 0 {
		why := "no arcs between distinct nodes"
		if c.SelfLoops > 0 {
			why = fmt.Sprintf("no arcs between distinct nodes (%d self-loop records are left out)", c.SelfLoops)
		}
		setAll(why, "edge", "dyad_ratio", "rho", "edge_se", "rho_se", "weighted", "weighted_expected", "weighted_rho")
		return sum
	}
	sum.Edge = float64(c.Reciprocated) / float64(c.Arcs)
	sum.DyadRatio = float64(sum.Dyads.Mutual) / float64(sum.Dyads.Mutual+sum.Dyads.Asymmetric)
	if sum.Density >= 1 {
		sum.Reasons["rho"] = "the network is complete (density a = 1), so rho = (r-a)/(1-a) divides by zero"
	} else {
		sum.Rho = (sum.Edge - sum.Density) / (1 - sum.Density)
	}
	jackknife(&sum, nodes)
	switch {
	case c.NegativeWeights > 0:
		setAll(fmt.Sprintf("%d arcs have a negative merged weight; weighted reciprocity needs weights >= 0", c.NegativeWeights),
			"weighted", "weighted_expected", "weighted_rho")
	case c.InfiniteWeights > 0:
		setAll(fmt.Sprintf("%d arcs have an infinite merged weight", c.InfiniteWeights), "weighted", "weighted_expected", "weighted_rho")
	case c.WeightTotal == 0:
		setAll("every arc weighs 0, so the total weight W is 0", "weighted", "weighted_expected", "weighted_rho")
	default:
		sum.Weighted = c.WeightReciprocated / c.WeightTotal
		T := float64(N) * float64(N-1)
		sum.WeightedExpected = c.WeightTotal / (T + 2*c.WeightTotal)
		sum.WeightedRho = (sum.Weighted - sum.WeightedExpected) / (1 - sum.WeightedExpected)
	}
	return sum
}

// jackknife fills EdgeSE and RhoSE from the per-node degree and
// mutual-neighbour counts (see Summarize). Deviations from the full-data
// value are summed in the order nodes yields them (node order in
// Summarize), so the result does not depend on the number of CPUs.
func jackknife(sum *Summary, nodes NodeTerms) {
	L, R := float64(sum.Arcs), float64(sum.Reciprocated)
	N := float64(sum.Nodes)
	var n float64
	var dr, dr2, dp, dp2 float64
	emptied, complete := false, false
	nodes(func(degree, mutual, count int64) {
		if degree == 0 || count == 0 {
			return
		}
		deg, k := float64(degree), float64(count)
		n += k
		Lk := L - deg
		if Lk == 0 {
			emptied = true
			return
		}
		rk := (R - 2*float64(mutual)) / Lk
		d := rk - sum.Edge
		dr += k * d
		dr2 += k * d * d
		if N >= 3 {
			ak := Lk / ((N - 1) * (N - 2))
			if ak >= 1 {
				complete = true
				return
			}
			d = (rk-ak)/(1-ak) - sum.Rho
			dp += k * d
			dp2 += k * d * d
		}
	})
	se := func(d, d2 float64) float64 {
		v := (n - 1) / n * (d2 - d*d/n)
		return math.Sqrt(math.Max(v, 0))
	}
	switch {
	case n < 2:
		sum.Reasons["edge_se"] = "fewer than 2 nodes have arcs: no jackknife"
		sum.Reasons["rho_se"] = sum.Reasons["edge_se"]
		return
	case emptied:
		sum.Reasons["edge_se"] = "leaving one node out leaves no arcs (every arc touches it), so the jackknife is undefined"
		sum.Reasons["rho_se"] = sum.Reasons["edge_se"]
		return
	}
	sum.EdgeSE = se(dr, dr2)
	switch {
	case math.IsNaN(sum.Rho):
		sum.Reasons["rho_se"] = "rho is undefined: " + sum.Reasons["rho"]
	case N < 3:
		sum.Reasons["rho_se"] = "leaving a node out of 2 leaves 1: rho needs 2 nodes"
	case complete:
		sum.Reasons["rho_se"] = "leaving a node out leaves a complete graph, where rho is undefined"
	default:
		sum.RhoSE = se(dp, dp2)
	}
}

// value returns one field of the summary with its reason.
func value(s Summary, key string, v float64) Value {
	return Value{Value: v, Reason: s.Reasons[key]}
}

// Edge returns the edge reciprocity r = L<->/L: the share of arcs whose
// reverse arc exists. See Summarize for the formula, references and
// undefined cases.
func Edge(n *network.Network) Value { s := Summarize(n); return value(s, "edge", s.Edge) }

// DyadRatio returns M/(M+A), the share of connected pairs that are mutual
// (igraph's reciprocity(mode="ratio")); it equals r/(2-r).
func DyadRatio(n *network.Network) Value {
	s := Summarize(n)
	return value(s, "dyad_ratio", s.DyadRatio)
}

// Rho returns Garlaschelli and Loffredo's rho = (r-a)/(1-a), a = L/(N(N-1)):
// 0 when arcs are returned as often as chance in a random graph of the same
// density, positive when more often, negative when less.
func Rho(n *network.Network) Value { s := Summarize(n); return value(s, "rho", s.Rho) }

// Weighted returns r^w = sum min(w_ij, w_ji) / sum w_ij (Squartini et al.
// 2013), on merged weights (record counts when the network has no weight
// column, so for a network without parallel records it equals Edge).
func Weighted(n *network.Network) Value {
	s := Summarize(n)
	return value(s, "weighted", s.Weighted)
}

// WeightedRho returns (r^w - <r^w>)/(1 - <r^w>) with <r^w> = W/(N(N-1)+2W),
// the expectation under the weighted random graph.
func WeightedRho(n *network.Network) Value {
	s := Summarize(n)
	return value(s, "weighted_rho", s.WeightedRho)
}

// DyadCensus returns the numbers of mutual, asymmetric and null pairs.
func DyadCensus(n *network.Network) Dyads { return Summarize(n).Dyads }

type arcCounts struct {
	arcs, rec int64
	w, wrec   float64
	neg, inf  int64
}

// chunks is fixed so that floating-point sums are added in the same order
// whatever the number of CPUs.
const chunks = 16

// countArcs walks each node's sorted out- and in-rows together: an arc
// i->j is reciprocated exactly when j is also in i's in-row, and the two
// weights sit side by side.
func countArcs(s *network.Simple, perNode []int32) arcCounts {
	bounds := splitByArcs(s.OutStart, chunks)
	parts := make([]arcCounts, len(bounds)-1)
	pool.Parts(len(bounds)-1, func(k int) {
		var c arcCounts
		for i := bounds[k]; i < bounds[k+1]; i++ {
			a, b := s.OutStart[i], s.OutStart[i+1]
			x, y := s.InStart[i], s.InStart[i+1]
			c.arcs += b - a
			before := c.rec
			for _, w := range s.OutW[a:b] {
				c.w += w
				if w < 0 {
					c.neg++
				} else if math.IsInf(w, 0) {
					c.inf++
				}
			}
			for a < b && x < y {
				u, v := s.OutNbr[a], s.InNbr[x]
				switch {
				case u < v:
					a++
				case u > v:
					x++
				default:
					c.rec++
					c.wrec += math.Min(s.OutW[a], s.InW[x])
					a++
					x++
				}
			}
			if perNode != nil {
				perNode[i] = int32(c.rec - before)
			}
		}
		parts[k] = c
	})
	var c arcCounts
	for _, p := range parts {
		c.arcs += p.arcs
		c.rec += p.rec
		c.w += p.w
		c.wrec += p.wrec
		c.neg += p.neg
		c.inf += p.inf
	}
	return c
}

// splitByArcs cuts nodes 0..N-1 into k ranges holding about the same number
// of arcs; it returns k+1 node bounds.
func splitByArcs(start []int64, k int) []int {
	n := len(start) - 1
	total := start[n]
	b := make([]int, k+1)
	i := 0
	for c := 1; c < k; c++ {
		target := total * int64(c) / int64(k)
		for i < n && start[i] < target {
			i++
		}
		b[c] = i
	}
	b[k] = n
	return b
}
