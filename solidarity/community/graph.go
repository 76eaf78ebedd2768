package community

import (
	"fmt"
	"math"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// graph is an undirected weighted network in compressed sparse row form,
// each edge stored in both rows, with a loop weight per node: the level
// the optimisers work on. The base level comes from network.Simple; each
// aggregate level has one node per community of the level below, the
// community's internal weight becoming its loop.
type graph struct {
	start []int64   // row i is nbr[start[i]:start[i+1]]
	nbr   []int32   // never i itself
	w     []float64 // aligned with nbr
	self  []float64 // loop weight of i, counted once (internal weight of an aggregate)
	k     []float64 // strength: sum of the row's weights plus 2*self
	m2    float64   // 2m: the sum of all strengths
}

func (g *graph) n() int { return len(g.k) }

// fromSimple builds the base level. Directed networks are symmetrised:
// the weight of {i,j} is w(i->j) + w(j->i), so a mutual pair weighs twice
// a one-way arc. Unweighted, every merged arc weighs 1 (parallel records
// are not counted); weighted, arcs weigh their merged weight, which must
// be finite and non-negative.
func fromSimple(s *network.Simple, weighted bool) (*graph, error) {
	n := s.N
	g := &graph{start: make([]int64, n+1), self: make([]float64, n), k: make([]float64, n)}
	if weighted {
		for _, w := range s.OutW {
			if !(w >= 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("community: edge weight %v: modularity needs finite weights >= 0 (drop the weight column or fix it)", w)
			}
		}
	}
	if !s.Directed {
		g.start = s.OutStart
		g.nbr = s.OutNbr
		if weighted {
			g.w = s.OutW
		} else {
			g.w = make([]float64, len(s.OutNbr))
			for i := range g.w {
				g.w[i] = 1
			}
		}
	} else {
		// Merge the sorted out- and in-rows of each node.
		for i := 0; i < n; i++ {
			a, b := s.OutStart[i], s.OutStart[i+1]
			c, d := s.InStart[i], s.InStart[i+1]
			cnt := int64(0)
			for a < b || c < d {
				switch {
				case c >= d || (a < b && s.OutNbr[a] < s.InNbr[c]):
					a++
				case a >= b || s.InNbr[c] < s.OutNbr[a]:
					c++
				default:
					a++
					c++
				}
				cnt++
			}
			g.start[i+1] = g.start[i] + cnt
		}
		g.nbr = make([]int32, g.start[n])
		g.w = make([]float64, g.start[n])
		for i := 0; i < n; i++ {
			a, b := s.OutStart[i], s.OutStart[i+1]
			c, d := s.InStart[i], s.InStart[i+1]
			p := g.start[i]
			for a < b || c < d {
				switch {
				case c >= d || (a < b && s.OutNbr[a] < s.InNbr[c]):
					g.nbr[p], g.w[p] = s.OutNbr[a], arcW(s.OutW, a, weighted)
					a++
				case a >= b || s.InNbr[c] < s.OutNbr[a]:
					g.nbr[p], g.w[p] = s.InNbr[c], arcW(s.InW, c, weighted)
					c++
				default:
					g.nbr[p], g.w[p] = s.OutNbr[a], arcW(s.OutW, a, weighted)+arcW(s.InW, c, weighted)
					a++
					c++
				}
				p++
			}
		}
	}
	for i := 0; i < n; i++ {
		sum := 0.0
		for _, w := range g.w[g.start[i]:g.start[i+1]] {
			sum += w
		}
		g.k[i] = sum
		g.m2 += sum
	}
	return g, nil
}

func arcW(w []float64, p int64, weighted bool) float64 {
	if weighted {
		return w[p]
	}
	return 1
}

// aggregate returns the graph with one node per community of memb
// (labels 0..K-1): the weight between two communities is the sum of the
// weights between their members, the weight inside one becomes its loop.
func aggregate(g *graph, memb []int32, K int) *graph {
	n := g.n()
	// Members of each community, by counting sort (stable: node order).
	cstart := make([]int32, K+1)
	for _, c := range memb {
		cstart[c+1]++
	}
	for c := 0; c < K; c++ {
		cstart[c+1] += cstart[c]
	}
	order := make([]int32, n)
	fill := make([]int32, K)
	copy(fill, cstart[:K])
	for v, c := range memb {
		order[fill[c]] = int32(v)
		fill[c]++
	}
	a := &graph{start: make([]int64, K+1), self: make([]float64, K), k: make([]float64, K), m2: g.m2}
	acc := make([]float64, K)
	seen := make([]bool, K)
	var touched []int32
	// The rows of the aggregate hold at most the entries of g: room for
	// all of them costs less than growing the slices (a copy at each
	// step), and is trimmed once at the end when much of it is unused.
	nbr := make([]int32, 0, len(g.nbr))
	ws := make([]float64, 0, len(g.nbr))
	for c := 0; c < K; c++ {
		inside := 0.0
		for _, v := range order[cstart[c]:cstart[c+1]] {
			a.self[c] += g.self[v]
			a.k[c] += g.k[v]
			for p := g.start[v]; p < g.start[v+1]; p++ {
				d := memb[g.nbr[p]]
				if d == int32(c) {
					inside += g.w[p]
					continue
				}
				if !seen[d] {
					seen[d] = true
					touched = append(touched, d)
				}
				acc[d] += g.w[p]
			}
		}
		a.self[c] += inside / 2 // each internal edge was seen from both ends
		for _, d := range touched {
			nbr = append(nbr, d)
			ws = append(ws, acc[d])
			acc[d], seen[d] = 0, false
		}
		touched = touched[:0]
		a.start[c+1] = int64(len(nbr))
	}
	if 2*len(nbr) < cap(nbr) {
		nbr, ws = slices.Clone(nbr), slices.Clone(ws)
	}
	a.nbr, a.w = nbr, ws
	return a
}

// quality is the modularity of memb (labels 0..K-1) on g at resolution gamma:
//
//	Q = sum_c [ 2 e_c / 2m - gamma (K_c / 2m)^2 ]
//
// with e_c the weight inside c (loops once) and K_c its total strength.
func quality(g *graph, memb []int32, K int, gamma float64) float64 {
	if g.m2 == 0 {
		return math.NaN()
	}
	in := make([]float64, K)
	tot := make([]float64, K)
	for v := 0; v < g.n(); v++ {
		c := memb[v]
		tot[c] += g.k[v]
		in[c] += 2 * g.self[v]
		for p := g.start[v]; p < g.start[v+1]; p++ {
			if memb[g.nbr[p]] == c {
				in[c] += g.w[p]
			}
		}
	}
	q := 0.0
	for c := 0; c < K; c++ {
		f := tot[c] / g.m2
		q += in[c]/g.m2 - gamma*f*f
	}
	return q
}
