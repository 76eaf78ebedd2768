package community

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Methods.
const (
	Louvain = "louvain"
	Leiden  = "leiden"
)

// DefaultColumn is the node attribute Attach writes.
const DefaultColumn = "community"

// Options configure Detect. Every field may be left zero.
type Options struct {
	// Method is Louvain or Leiden (the default: its communities are
	// guaranteed connected).
	Method string
	// Resolution is gamma in Q (default 1: Newman-Girvan modularity);
	// larger values give more, smaller communities.
	Resolution float64
	// Seed fixes the random node orders and Leiden's random merges: the
	// same input, options and seed give the same partition.
	Seed uint64
	// Weighted uses the merged edge weights; otherwise every merged edge
	// weighs 1 (parallel records are not counted twice).
	Weighted bool
	// Randomness is Leiden's theta in the refinement (default 0.01, as in
	// the paper and igraph), in edge-weight units.
	Randomness float64
	// MaxLevels bounds the number of aggregation levels (default 100; the
	// optimisers stop far earlier on real networks).
	MaxLevels int
	// Progress, when not nil, is called after each level with the level
	// (from 1), the nodes of that level and the communities found on it.
	Progress func(level, nodes, communities int)
}

// Result is a partition of the nodes into communities.
type Result struct {
	Method     string  `json:"method"`
	Resolution float64 `json:"resolution"`
	Seed       uint64  `json:"seed"`
	Weighted   bool    `json:"weighted"`
	// Directed says the input was directed and was symmetrised (A + A^T).
	Directed bool `json:"directed"`
	// Membership is the community of every dense node (network.Index
	// order), numbered 0..Communities-1 by decreasing size (ties: the
	// community holding the smaller dense index first).
	Membership  []int32 `json:"-"`
	Communities int     `json:"communities"`
	Sizes       []int   `json:"sizes"`
	// Singletons counts communities of one node (isolated nodes included).
	Singletons int `json:"singletons"`
	// Modularity is Q of Membership on the (symmetrised) network at
	// Resolution; NaN with Reason when the network has no edges.
	Modularity float64 `json:"modularity"`
	// Disconnected counts communities whose members are not connected by
	// edges inside the community (always 0 for Leiden; Louvain can
	// produce them, Traag et al. 2019, section 2).
	Disconnected int    `json:"disconnected"`
	Levels       int    `json:"levels"`
	Reason       string `json:"reason,omitempty"`
}

// Detect partitions n into communities by maximising modularity
// (Newman & Girvan 2004, Phys. Rev. E 69, 026113,
// doi:10.1103/PhysRevE.69.026113) at resolution gamma (Reichardt &
// Bornholdt 2006, doi:10.1103/PhysRevE.74.016110):
//
//	Q = 1/2m sum_ij [ A_ij - gamma k_i k_j / 2m ] delta(c_i, c_j)
//
// with Louvain (Blondel et al. 2008, J. Stat. Mech. P10008,
// doi:10.1088/1742-5468/2008/10/P10008) or Leiden (Traag, Waltman & van
// Eck 2019, Sci. Rep. 9, 5233, doi:10.1038/s41598-019-41695-z).
//
// It reads the merged, loop-free adjacency (network.Simple). A directed
// network is symmetrised, A_ij = w(i->j) + w(j->i), because modularity
// communities are defined on undirected ties; Result.Directed says so.
// Isolated nodes stay alone. The result depends only on the input, the
// options and the seed. A network without edges gives every node its own
// community and a NaN modularity with a reason.
func Detect(n *network.Network, opt Options) (*Result, error) {
	if n == nil {
		return nil, fmt.Errorf("community: no network")
	}
	return DetectSimple(n.Simple(), opt)
}

// DetectSimple is Detect on a merged adjacency.
func DetectSimple(s *network.Simple, opt Options) (*Result, error) {
	method := opt.Method
	if method == "" {
		method = Leiden
	}
	if method != Louvain && method != Leiden {
		return nil, fmt.Errorf("community: method %q: want %q or %q", opt.Method, Louvain, Leiden)
	}
	gamma := opt.Resolution
	if gamma == 0 {
		gamma = 1
	}
	if !(gamma > 0) || math.IsInf(gamma, 0) {
		return nil, fmt.Errorf("community: resolution %v: want a finite number > 0", opt.Resolution)
	}
	theta := opt.Randomness
	if theta == 0 {
		theta = 0.01
	}
	if !(theta > 0) || math.IsInf(theta, 0) {
		return nil, fmt.Errorf("community: randomness %v: want a finite number > 0", opt.Randomness)
	}
	maxLevels := opt.MaxLevels
	if maxLevels <= 0 {
		maxLevels = 100
	}
	base, err := fromSimple(s, opt.Weighted)
	if err != nil {
		return nil, err
	}
	r := &Result{Method: method, Resolution: gamma, Seed: opt.Seed, Weighted: opt.Weighted, Directed: s.Directed}
	N := base.n()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x636f6d6d756e6974)) // "communit"
	// up[v] is the node of the current level holding base node v.
	up := make([]int32, N)
	for i := range up {
		up[i] = int32(i)
	}
	g := base
	part := slices.Clone(up) // partition of the current level's nodes
	if base.m2 > 0 {
		for level := 1; level <= maxLevels; level++ {
			m := newMover(g, part, gamma)
			if method == Louvain {
				louvainMove(m, rng, 1e-7)
			} else {
				leidenMove(m, rng)
			}
			var K int
			part, K = compact(part)
			r.Levels = level
			if opt.Progress != nil {
				opt.Progress(level, g.n(), K)
			}
			if K == g.n() {
				break // nothing merged: the partition is final
			}
			next, R := part, K
			if method == Leiden {
				next, R = refine(g, part, K, gamma, theta, rng)
				if R == g.n() {
					break // no refined merge: aggregating would change nothing
				}
			}
			agg := aggregate(g, next, R)
			aggPart := make([]int32, R)
			for v, c := range next {
				aggPart[c] = part[v] // each refined community lies in one of P
			}
			for i, v := range up {
				up[i] = next[v]
			}
			g, part = agg, aggPart
		}
	}
	memb := make([]int32, N)
	for i, v := range up {
		memb[i] = part[v]
	}
	K := 0
	memb, K = compact(memb)
	if method == Leiden {
		// The paper's loop ends with every community gamma-connected; when
		// MaxLevels or the no-merge exit stops it earlier, splitting into
		// connected parts keeps the guarantee and cannot lower Q.
		memb, K = splitComponents(base, memb, K)
	}
	r.Membership, r.Communities, r.Sizes = relabel(memb, K)
	for _, sz := range r.Sizes {
		if sz == 1 {
			r.Singletons++
		}
	}
	if method == Louvain {
		// Leiden's communities were just split into connected parts: none
		// is disconnected, and a second labelling would only say so.
		r.Disconnected = countDisconnected(base, r.Membership, r.Communities)
	}
	if base.m2 == 0 {
		r.Modularity = math.NaN()
		r.Reason = "the network has no edges (besides loops): modularity is undefined"
	} else {
		r.Modularity = quality(base, r.Membership, r.Communities, gamma)
	}
	return r, nil
}

// relabel numbers communities by decreasing size, ties by smallest node.
func relabel(memb []int32, K int) ([]int32, int, []int) {
	size := make([]int, K)
	first := make([]int32, K)
	for i := range first {
		first[i] = -1
	}
	for v, c := range memb {
		size[c]++
		if first[c] < 0 {
			first[c] = int32(v)
		}
	}
	order := make([]int32, K)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if size[a] != size[b] {
			return size[b] - size[a]
		}
		return int(first[a]) - int(first[b])
	})
	rank := make([]int32, K)
	sizes := make([]int, K)
	for r, c := range order {
		rank[c] = int32(r)
		sizes[r] = size[c]
	}
	out := make([]int32, len(memb))
	for v, c := range memb {
		out[v] = rank[c]
	}
	return out, K, sizes
}

// components labels the connected parts of each community: two nodes
// share a label when a path inside their community joins them.
func components(g *graph, memb []int32) ([]int32, int) {
	n := g.n()
	lab := make([]int32, n)
	for i := range lab {
		lab[i] = -1
	}
	K := int32(0)
	var stack []int32
	for s := 0; s < n; s++ {
		if lab[s] >= 0 {
			continue
		}
		lab[s] = K
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for p := g.start[v]; p < g.start[v+1]; p++ {
				u := g.nbr[p]
				if lab[u] < 0 && memb[u] == memb[v] && g.w[p] > 0 {
					lab[u] = K
					stack = append(stack, u)
				}
			}
		}
		K++
	}
	return lab, int(K)
}

func splitComponents(g *graph, memb []int32, K int) ([]int32, int) {
	lab, C := components(g, memb)
	if C == K {
		return memb, K
	}
	return lab, C
}

func countDisconnected(g *graph, memb []int32, K int) int {
	lab, _ := components(g, memb)
	first := make([]int32, K)
	for i := range first {
		first[i] = -1
	}
	bad := make([]bool, K)
	count := 0
	for v, c := range memb {
		if first[c] < 0 {
			first[c] = lab[v]
		} else if first[c] != lab[v] && !bad[c] {
			bad[c] = true
			count++
		}
	}
	return count
}

// Modularity returns Q of membership (one community label >= 0 per dense
// node; labels need not be contiguous) on s at resolution gamma, with the
// same symmetrisation and weights as Detect. NaN when s has no edges.
func Modularity(s *network.Simple, membership []int32, gamma float64, weighted bool) (float64, error) {
	if len(membership) != s.N {
		return math.NaN(), fmt.Errorf("community: %d labels for %d nodes", len(membership), s.N)
	}
	for i, c := range membership {
		if c < 0 {
			return math.NaN(), fmt.Errorf("community: node %d has label %d: want labels >= 0", i, c)
		}
	}
	g, err := fromSimple(s, weighted)
	if err != nil {
		return math.NaN(), err
	}
	memb, K := compact(membership)
	return quality(g, memb, K, gamma), nil
}

// Attach returns a network like n whose nodes table has a column col
// (DefaultColumn when empty) holding each node's community as int64, so
// that every index and analysis can use it: for example
// stats.Compute(m, stats.Options{Attr: "community"}). Release both
// networks.
func (r *Result) Attach(n *network.Network, col string) (*network.Network, error) {
	if col == "" {
		col = DefaultColumn
	}
	if len(r.Membership) != n.N() {
		return nil, fmt.Errorf("community: the partition has %d nodes, the network %d: detect on this network", len(r.Membership), n.N())
	}
	b := array.NewInt64Builder(memory.NewGoAllocator())
	defer b.Release()
	b.Reserve(len(r.Membership))
	for _, c := range r.Membership {
		b.UnsafeAppend(int64(c))
	}
	a := b.NewArray()
	defer a.Release()
	return n.WithNodeColumn(col, a)
}
