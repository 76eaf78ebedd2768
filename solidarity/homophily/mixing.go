package homophily

import (
	"fmt"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Mixing is the mixing matrix of a categorical attribute: Counts[g][h] is
// the number of edges from a node of group g to a node of group h.
//
// Directed networks: rows are the source's group, columns the target's.
// Undirected networks: every edge is counted from both ends, so Counts is
// symmetric, a between-group edge adds one to (g,h) and one to (h,g), and a
// within-group edge adds two to (g,g); the total is twice the number of
// edges. This is networkx's attribute_mixing_matrix and Newman's (2003)
// symmetric e_ij; netseg's mixingm instead folds the matrix onto its upper
// triangle (every index here is unchanged by that factor of two).
//
// Edges are those of the Simple view (parallel edges merged, loops left
// out); an edge with an endpoint whose value is missing is left out and
// counted in EdgesMissing.
type Mixing struct {
	Labels   []string    `json:"labels"`
	Counts   [][]int64   `json:"counts"`
	Weights  [][]float64 `json:"weights,omitempty"` // merged edge weights in the same cells; nil unless weighted
	Sizes    []int       `json:"sizes"`             // nodes in each group (isolated nodes included)
	Directed bool        `json:"directed"`
	// Edges is the number of simple edges (arcs when directed) between two
	// nodes with a value; EdgesMissing those left out for a missing value.
	Edges        int `json:"edges"`
	EdgesMissing int `json:"edges_missing"`
}

// Matrix returns the weighted matrix when there is one, else the counts, as float64.
func (m *Mixing) Matrix() [][]float64 {
	if m.Weights != nil {
		return m.Weights
	}
	return toFloat(m.Counts)
}

// Normalized returns Matrix divided by its total (Newman's e_ij, summing to
// one), or nil when the total is zero.
func (m *Mixing) Normalized() [][]float64 {
	x := m.Matrix()
	var tot float64
	for _, row := range x {
		for _, v := range row {
			tot += v
		}
	}
	if tot == 0 {
		return nil
	}
	out := make([][]float64, len(x))
	for i, row := range x {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = v / tot
		}
	}
	return out
}

// Folded returns the counts with each edge counted once, netseg's
// convention for undirected networks (mixingm folds onto the upper
// triangle): for g < h the cell (g,h) holds the between-group edges,
// (g,g) the within-group edges, and the lower triangle is 0. For a directed
// network it returns a copy of Counts.
func (m *Mixing) Folded() [][]int64 {
	out := make([][]int64, len(m.Counts))
	for g, row := range m.Counts {
		out[g] = make([]int64, len(row))
		for h, v := range row {
			switch {
			case m.Directed:
				out[g][h] = v
			case g == h:
				out[g][h] = v / 2
			case g < h:
				out[g][h] = v
			}
		}
	}
	return out
}

func toFloat(c [][]int64) [][]float64 {
	out := make([][]float64, len(c))
	for i, row := range c {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = float64(v)
		}
	}
	return out
}

// MixingMatrix builds the mixing matrix of node attribute attr, read with
// n.Categories (missing values left out). With weighted set and a weight
// column present, Weights holds the sums of merged edge weights.
func MixingMatrix(n *network.Network, attr string, weighted bool) (*Mixing, error) {
	cat, err := n.Categories(attr)
	if err != nil {
		return nil, fmt.Errorf("homophily: %w", err)
	}
	return MixingFromCodes(n.Simple(), cat.Codes, cat.Labels, weighted)
}

// MixingFromCodes builds the mixing matrix of s for group codes: one per
// node, -1 for a missing value, otherwise an index into labels. Use it when
// the groups do not come from a node column (a community partition, say).
// An error names the first code out of range.
func MixingFromCodes(s *network.Simple, codes []int32, labels []string, weighted bool) (*Mixing, error) {
	k := len(labels)
	if len(codes) < s.N {
		return nil, fmt.Errorf("homophily: %d group codes for %d nodes", len(codes), s.N)
	}
	for i, c := range codes[:s.N] {
		if c < -1 || int(c) >= k {
			return nil, fmt.Errorf("homophily: node %d has group code %d: want -1 (missing) or 0..%d", i, c, k-1)
		}
	}
	m := &Mixing{Labels: append([]string(nil), labels...), Directed: s.Directed}
	m.Sizes = make([]int, k)
	for i := 0; i < s.N; i++ {
		if c := codes[i]; c >= 0 {
			m.Sizes[c]++
		}
	}
	flat, wflat, kept, dropped := countCells(s, codes, k, weighted)
	m.Counts = make([][]int64, k)
	for g := range m.Counts {
		m.Counts[g] = flat[g*k : (g+1)*k]
	}
	if weighted {
		m.Weights = make([][]float64, k)
		for g := range m.Weights {
			m.Weights[g] = wflat[g*k : (g+1)*k]
		}
	}
	if s.Directed {
		m.Edges, m.EdgesMissing = int(kept), int(dropped)
	} else {
		m.Edges, m.EdgesMissing = int(kept/2), int(dropped/2)
	}
	return m, nil
}

// code is the type of a group code array: int32 with −1 for missing, or,
// when there are fewer than 255 groups, uint8 with 255 for missing, which
// keeps the random lookups of a large network (one per edge) in cache.
type code interface{ ~uint8 | ~int32 }

const missing8 = 255

// compact returns the codes as uint8 (255 = missing) when k < 255, else nil.
func compact(codes []int32, k int) []uint8 {
	if k >= missing8 {
		return nil
	}
	out := make([]uint8, len(codes))
	for i, c := range codes {
		if c < 0 {
			out[i] = missing8
		} else {
			out[i] = uint8(c)
		}
	}
	return out
}

// countCells walks the out-rows of s in a fixed number of node chunks, in
// parallel, and adds the chunks in order, so the floating-point sums do not
// depend on GOMAXPROCS. It returns the k*k counts (and weights) and the
// number of adjacency entries kept and dropped for a missing value.
func countCells(s *network.Simple, codes []int32, k int, weighted bool) ([]int64, []float64, int64, int64) {
	if small := compact(codes, k); small != nil {
		return countCellsT(s, small, missing8, k, weighted)
	}
	return countCellsT(s, codes, -1, k, weighted)
}

func countCellsT[C code](s *network.Simple, codes []C, miss C, k int, weighted bool) ([]int64, []float64, int64, int64) {
	type part struct {
		c             []int64
		w             []float64
		kept, dropped int64
	}
	chunks := chunkBounds(s, 64)
	parts := make([]part, len(chunks)-1)
	pool.For(len(parts), pool.Max(0), func(p int) {
		c := make([]int64, k*k)
		var w []float64
		if weighted {
			w = make([]float64, k*k)
		}
		var kept, dropped int64
		for u := chunks[p]; u < chunks[p+1]; u++ {
			cu := codes[u]
			a, b := s.OutStart[u], s.OutStart[u+1]
			if cu == miss {
				dropped += b - a
				continue
			}
			row := int(cu) * k
			for e := a; e < b; e++ {
				cv := codes[s.OutNbr[e]]
				if cv == miss {
					dropped++
					continue
				}
				c[row+int(cv)]++
				if weighted {
					w[row+int(cv)] += s.OutW[e]
				}
				kept++
			}
		}
		parts[p] = part{c, w, kept, dropped}
	})
	c := make([]int64, k*k)
	var w []float64
	if weighted {
		w = make([]float64, k*k)
	}
	var kept, dropped int64
	for _, p := range parts {
		for i := range c {
			c[i] += p.c[i]
		}
		if weighted {
			for i := range w {
				w[i] += p.w[i]
			}
		}
		kept += p.kept
		dropped += p.dropped
	}
	return c, w, kept, dropped
}

// chunkBounds splits nodes 0..N into at most want ranges of roughly equal
// adjacency length. The split depends only on the graph.
func chunkBounds(s *network.Simple, want int) []int {
	total := s.OutStart[s.N]
	if s.N < want {
		want = max(1, s.N)
	}
	bounds := []int{0}
	step := total/int64(want) + 1
	next := step
	for u := 0; u < s.N; u++ {
		if s.OutStart[u+1] >= next {
			bounds = append(bounds, u+1)
			next = s.OutStart[u+1] + step
		}
	}
	if bounds[len(bounds)-1] != s.N {
		bounds = append(bounds, s.N)
	}
	if len(bounds) == 1 {
		bounds = append(bounds, s.N)
	}
	return bounds
}
