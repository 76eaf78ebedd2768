package homophily

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// AssortativityFromMixing returns Newman's assortativity coefficient of a
// square mixing matrix of counts or weights (rows: source group, columns:
// target group; it need not be normalised or symmetric):
//
//	r = (Σ_i e_ii − Σ_i a_i b_i) / (1 − Σ_i a_i b_i)
//
// where e is the matrix divided by its total, a_i its row sums and b_i its
// column sums (Newman 2003, Phys. Rev. E 67, 026126, eq. 2,
// doi:10.1103/PhysRevE.67.026126). r is 1 when every tie is within a group,
// 0 under proportionate mixing, and at least −1.
//
// Undefined (NaN, with the reason returned): an empty or non-square matrix,
// a negative or non-finite entry, a zero total, or Σ a_i b_i = 1 (every tie
// falls in a single group, so there is nothing to compare). Otherwise
// reason is "".
//
// For Newman's race-mixing table (Catania.csv) this gives 0.6214 (the paper
// prints 0.621).
func AssortativityFromMixing(m [][]float64) (r float64, reason string) {
	k := len(m)
	if k == 0 {
		return math.NaN(), "the mixing matrix is empty (no groups)"
	}
	for i, row := range m {
		if len(row) != k {
			return math.NaN(), fmt.Sprintf("the mixing matrix is not square: row %d has %d entries, want %d", i, len(row), k)
		}
		for j, v := range row {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return math.NaN(), fmt.Sprintf("mixing matrix entry (%d,%d) is %v: want a finite count or weight ≥ 0", i, j, v)
			}
		}
	}
	st := newNominal(m)
	return st.value()
}

// nominal holds the unnormalised sums behind r: total M, trace T, row sums
// a, column sums b and S = Σ a_i b_i, so that
//
//	r = (T·M − S) / (M² − S).
//
// Removing one entry changes each sum in O(1), which is what the
// jackknife needs.
type nominal struct {
	M, T, S float64
	a, b    []float64
}

func newNominal(m [][]float64) *nominal {
	k := len(m)
	st := &nominal{a: make([]float64, k), b: make([]float64, k)}
	for i, row := range m {
		for j, v := range row {
			st.M += v
			st.a[i] += v
			st.b[j] += v
			if i == j {
				st.T += v
			}
		}
	}
	for i := range st.a {
		st.S += st.a[i] * st.b[i]
	}
	return st
}

func (st *nominal) value() (float64, string) {
	if st.M <= 0 {
		return math.NaN(), "no ties between nodes with a value"
	}
	den := st.M*st.M - st.S
	if den <= 1e-12*st.M*st.M {
		return math.NaN(), "every tie falls within one group (Σ a_i b_i = 1), so assortativity is undefined"
	}
	return (st.T*st.M - st.S) / den, ""
}

// without returns r after removing weight w from cell (g,h) and, for an
// undirected edge, also from cell (h,g). The state is not changed.
func (st *nominal) without(g, h int, w float64, undirected bool) float64 {
	r := removal{M: st.M, T: st.T, S: st.S, g: g}
	r.a[0], r.b[0] = st.a[g], st.b[g]
	r.a[1], r.b[1] = st.a[h], st.b[h]
	r.remove(g, h, w)
	if undirected {
		r.remove(h, g, w)
	}
	den := r.M*r.M - r.S
	if r.M <= 0 || den <= 1e-12*r.M*r.M {
		return math.NaN()
	}
	return (r.T*r.M - r.S) / den
}

// removal tracks the sums touched by removing one edge: only the row and
// column sums of its two groups g and h change.
type removal struct {
	M, T, S float64
	a, b    [2]float64 // slot 0: group g, slot 1: group h (unused when g == h)
	g       int
}

func (r *removal) slot(x int) int {
	if x == r.g {
		return 0
	}
	return 1
}

// remove takes w out of cell (x,y): a_x and b_y drop by w, so
// S' = S − w·b_x − w·a_y + w²·[x = y].
func (r *removal) remove(x, y int, w float64) {
	sx, sy := r.slot(x), r.slot(y)
	r.S -= w*r.b[sx] + w*r.a[sy]
	if sx == sy {
		r.S += w * w
		r.T -= w
	}
	r.M -= w
	r.a[sx] -= w
	r.b[sy] -= w
}

// JackknifeCells is Newman's jackknife standard error of r for unweighted
// counts, where every edge of a cell gives the same r_i:
// σ² = Σ_cells (edges in cell)·(r_i − r)². For an undirected matrix
// (symmetric, both ends counted) the edges of the unordered pair {g,h} are
// c[g][h] for g < h and c[g][g]/2. NaN when r or some r_i is undefined.
func JackknifeCells(c [][]int64, directed bool) float64 {
	st := newNominal(toFloat(c))
	r, _ := st.value()
	if math.IsNaN(r) {
		return math.NaN()
	}
	var v float64
	for g := range c {
		for h := range c[g] {
			var edges float64
			switch {
			case directed:
				edges = float64(c[g][h])
			case g < h:
				edges = float64(c[g][h])
			case g == h:
				edges = float64(c[g][g]) / 2
			}
			if edges == 0 {
				continue
			}
			ri := st.without(g, h, 1, !directed)
			if math.IsNaN(ri) {
				return math.NaN()
			}
			v += edges * (ri - r) * (ri - r)
		}
	}
	return math.Sqrt(v)
}

// NominalJackknife gives the terms of Newman's jackknife of r for a
// weighted mixing matrix, one edge at a time: σ² = Σ_edges Term(g, h, w).
// Each term depends only on the edge's two groups and weight, so the sum
// can be taken in a second pass over the edges (or over a histogram of
// (g, h, w)) once the matrix is known.
type NominalJackknife struct {
	st         *nominal
	r          float64
	undirected bool
}

// NewNominalJackknife prepares the terms for matrix m (as Mixing.Matrix
// returns it: for an undirected network symmetric, each edge counted from
// both ends).
func NewNominalJackknife(m [][]float64, directed bool) *NominalJackknife {
	st := newNominal(m)
	r, _ := st.value()
	return &NominalJackknife{st: st, r: r, undirected: !directed}
}

// R is the assortativity of the whole matrix (NaN when undefined).
func (j *NominalJackknife) R() float64 { return j.r }

// Term returns (r_i − r)² for removing one edge of weight w from group g
// to group h (for an undirected edge, from both cells), NaN when r or r_i
// is undefined.
func (j *NominalJackknife) Term(g, h int, w float64) float64 {
	ri := j.st.without(g, h, w, j.undirected)
	return (ri - j.r) * (ri - j.r)
}

// jackknifeEdges is Newman's jackknife for weighted matrices: one O(1)
// update per edge of the Simple view, summed in fixed node chunks so the
// result does not depend on GOMAXPROCS.
func jackknifeEdges(s *network.Simple, codes []int32, w [][]float64) float64 {
	if small := compact(codes, len(w)); small != nil {
		return jackknifeEdgesT(s, small, missing8, w)
	}
	return jackknifeEdgesT(s, codes, -1, w)
}

func jackknifeEdgesT[C code](s *network.Simple, codes []C, miss C, w [][]float64) float64 {
	st := newNominal(w)
	r, _ := st.value()
	if math.IsNaN(r) {
		return math.NaN()
	}
	chunks := chunkBounds(s, 64)
	parts := make([]float64, len(chunks)-1)
	var bad atomic.Bool
	pool.For(len(parts), pool.Max(0), func(p int) {
		var v float64
		for u := chunks[p]; u < chunks[p+1]; u++ {
			cu := codes[u]
			if cu == miss {
				continue
			}
			for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
				x := s.OutNbr[e]
				if !s.Directed && x < int32(u) {
					continue
				}
				cv := codes[x]
				if cv == miss {
					continue
				}
				ri := st.without(int(cu), int(cv), s.OutW[e], !s.Directed)
				if math.IsNaN(ri) {
					bad.Store(true)
				}
				v += (ri - r) * (ri - r)
			}
		}
		parts[p] = v
	})
	if bad.Load() {
		return math.NaN()
	}
	var v float64
	for _, x := range parts {
		v += x
	}
	return math.Sqrt(v)
}
