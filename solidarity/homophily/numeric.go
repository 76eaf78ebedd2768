package homophily

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Numeric is the assortativity of a numeric node attribute (or of degree):
// the Pearson correlation of the values at the two ends of an edge.
type Numeric struct {
	Attribute    string  `json:"attribute"`
	R            float64 `json:"r"`
	SE           float64 `json:"se"`            // Newman's jackknife standard error
	Edges        int     `json:"edges"`         // simple edges (arcs) with both values known
	EdgesMissing int     `json:"edges_missing"` // simple edges left out for a missing value
	MissingNodes int     `json:"missing_nodes"` // nodes whose value is missing (null or NaN)
	Reason       string  `json:"reason,omitempty"`
}

// NumericAssortativity returns the assortativity of numeric node attribute
// attr (read with n.Numbers; null and NaN values are missing and their edges
// left out): the Pearson correlation, over the edges of the Simple view, of
// the source's value x_s and the target's value x_t,
//
//	r = Σ_e (x_s − x̄_s)(x_t − x̄_t) / sqrt(Σ_e (x_s − x̄_s)² · Σ_e (x_t − x̄_t)²)
//
// (Newman 2003, Phys. Rev. E 67, 026126, eq. 21,
// doi:10.1103/PhysRevE.67.026126). An undirected edge is counted in both
// directions, so r is symmetric. With weighted, each edge counts with its
// merged weight. It matches networkx numeric_assortativity_coefficient and
// igraph assortativity(values, directed=True).
//
// Undefined (NaN with Reason): no edge with two known values, or constant
// values at either end.
func NumericAssortativity(n *network.Network, attr string, weighted bool) (*Numeric, error) {
	x, err := n.Numbers(attr)
	if err != nil {
		return nil, fmt.Errorf("homophily: %w", err)
	}
	out := &Numeric{Attribute: attr}
	for _, v := range x {
		if math.IsNaN(v) {
			out.MissingNodes++
		}
	}
	p := pearsonEdges(n.Simple(), x, x, weighted)
	out.R, out.SE, out.Reason = p.r, p.se, p.reason
	out.Edges, out.EdgesMissing = p.edges, p.missing
	return out, nil
}

// DegreeMode says which degree is read at each end of an arc.
type DegreeMode string

// The four directed combinations (Foster et al. 2010, PNAS 107, 10815,
// doi:10.1073/pnas.0912671107): the first word is the source's degree, the
// second the target's. Undirected networks use the degree whatever the mode.
const (
	OutIn  DegreeMode = "out-in" // Newman's directed r: networkx x="out", y="in"; igraph assortativity_degree(directed=True)
	OutOut DegreeMode = "out-out"
	InIn   DegreeMode = "in-in"
	InOut  DegreeMode = "in-out"
)

// DegreeAssortativity returns the Pearson correlation, over the arcs u→v of
// the Simple view, of one degree of u and one degree of v as chosen by mode
// (default OutIn), with Newman's jackknife standard error. Degrees count
// distinct neighbours without loops. For an undirected network it is
// Newman's degree assortativity (each edge counted in both directions),
// matching networkx degree_assortativity_coefficient and igraph
// assortativity_degree (Newman 2002, Phys. Rev. Lett. 89, 208701,
// doi:10.1103/PhysRevLett.89.208701). Weights are not used.
//
// Undefined (NaN with Reason): no edges, or every source (target) degree
// equal, as in a regular graph.
//
// The jackknife removes one edge at a time from the sums with the degrees
// held fixed, as Newman's (2003) estimate does.
func DegreeAssortativity(n *network.Network, mode DegreeMode) (*Numeric, error) {
	s := n.Simple()
	if mode == "" {
		mode = OutIn
	}
	var xs, ys string
	switch mode {
	case OutIn:
		xs, ys = "out", "in"
	case OutOut:
		xs, ys = "out", "out"
	case InIn:
		xs, ys = "in", "in"
	case InOut:
		xs, ys = "in", "out"
	default:
		return nil, fmt.Errorf("homophily: degree mode %q: want one of out-in, out-out, in-in, in-out", mode)
	}
	deg := func(which string) []float64 {
		d := make([]float64, s.N)
		for i := range d {
			if which == "out" {
				d[i] = float64(s.OutStart[i+1] - s.OutStart[i])
			} else {
				d[i] = float64(s.InStart[i+1] - s.InStart[i])
			}
		}
		return d
	}
	x := deg(xs)
	y := x
	if ys != xs {
		y = deg(ys)
	}
	name := "degree"
	if s.Directed {
		name = "degree " + string(mode)
	}
	p := pearsonEdges(s, x, y, false)
	return &Numeric{Attribute: name, R: p.r, SE: p.se, Edges: p.edges, EdgesMissing: p.missing, Reason: p.reason}, nil
}

type pearson struct {
	r, se          float64
	edges, missing int
	reason         string
}

// Reasons of an undefined Pearson assortativity (Numeric.Reason), shared
// with the out-of-core and distributed paths (package mergeable).
const (
	ReasonNoEdges   = "no edges between nodes with a value"
	ReasonConstant  = "the values at one end of the edges are all equal (zero variance), so the correlation is undefined"
	ReasonJackknife = "removing a single edge leaves the correlation undefined, so the jackknife error is undefined"
)

// Moments are the (weighted) sums, over adjacency entries, of the values
// x (at the source) and y (at the target) centred on their means: W = Σw,
// X = Σw·dx, Y = Σw·dy, XX = Σw·dx², YY = Σw·dy², XY = Σw·dx·dy.
// R is their Pearson correlation; Remove takes one entry out, which is all
// Newman's jackknife needs.
type Moments struct {
	W, X, Y, XX, YY, XY float64
}

// R returns the correlation, NaN when W ≤ 0 or either variance vanishes.
func (m Moments) R() float64 {
	// With values centred on their means the textbook formula is
	// numerically safe.
	if m.W <= 0 {
		return math.NaN()
	}
	inv := 1 / m.W
	cov := m.XY - m.X*m.Y*inv
	vx := m.XX - m.X*m.X*inv
	vy := m.YY - m.Y*m.Y*inv
	if vx <= 1e-14*m.XX || vy <= 1e-14*m.YY || vx <= 0 || vy <= 0 {
		return math.NaN()
	}
	return cov / math.Sqrt(vx*vy)
}

// pearsonEdges correlates x[u] with y[v] over the adjacency entries u→v of
// s (both directions of an undirected edge), skipping NaN values.
func pearsonEdges(s *network.Simple, x, y []float64, weighted bool) pearson {
	chunks := chunkBounds(s, 64)
	np := len(chunks) - 1
	// Pass 1: weighted means, to centre the values.
	type sums struct {
		m             Moments
		kept, dropped int64
		jk            float64
	}
	parts := make([]sums, np)
	walk := func(p int, visit func(xu, yv, w float64)) (kept, dropped int64) {
		for u := chunks[p]; u < chunks[p+1]; u++ {
			xu := x[u]
			a, b := s.OutStart[u], s.OutStart[u+1]
			if math.IsNaN(xu) {
				dropped += b - a
				continue
			}
			for e := a; e < b; e++ {
				yv := y[s.OutNbr[e]]
				if math.IsNaN(yv) {
					dropped++
					continue
				}
				w := 1.0
				if weighted {
					w = s.OutW[e]
				}
				visit(xu, yv, w)
				kept++
			}
		}
		return
	}
	var tot Moments
	var kept, dropped int64
	if !anyNaN(x) && !anyNaN(y) {
		// No missing values: the edge sums of x_s and y_t are node sums
		// weighted by out- and in-strength, read sequentially.
		for u := 0; u < s.N; u++ {
			var wo, wi float64
			if weighted {
				for _, w := range s.OutW[s.OutStart[u]:s.OutStart[u+1]] {
					wo += w
				}
				for _, w := range s.InW[s.InStart[u]:s.InStart[u+1]] {
					wi += w
				}
			} else {
				wo, wi = float64(s.OutStart[u+1]-s.OutStart[u]), float64(s.InStart[u+1]-s.InStart[u])
			}
			tot.W += wo
			tot.X += wo * x[u]
			tot.Y += wi * y[u]
		}
		kept = s.OutStart[s.N]
	} else {
		pool.For(np, pool.Max(0), func(p int) {
			var m Moments
			k, d := walk(p, func(xu, yv, w float64) {
				m.W += w
				m.X += w * xu
				m.Y += w * yv
			})
			parts[p] = sums{m: m, kept: k, dropped: d}
		})
		for _, p := range parts {
			tot.W += p.m.W
			tot.X += p.m.X
			tot.Y += p.m.Y
			kept += p.kept
			dropped += p.dropped
		}
	}
	out := pearson{r: math.NaN(), se: math.NaN()}
	if s.Directed {
		out.edges, out.missing = int(kept), int(dropped)
	} else {
		out.edges, out.missing = int(kept/2), int(dropped/2)
	}
	if kept == 0 || tot.W <= 0 {
		out.reason = ReasonNoEdges
		return out
	}
	mx, my := tot.X/tot.W, tot.Y/tot.W
	// Pass 2: centred moments. When every value is known and the target
	// values are exact in float32 (degrees, small integers), the random
	// lookups (one per edge, in passes 2 and 3) read a float32 copy of y:
	// half the cache footprint, which is what these passes wait on.
	var y32 []float32
	same := len(x) > 0 && &x[0] == &y[0]
	if dropped == 0 && float32Exact(y) && (s.Directed || same) {
		y32 = make([]float32, len(y))
		for i, v := range y {
			y32[i] = float32(v)
		}
	}
	pool.For(np, pool.Max(0), func(p int) {
		var m Moments
		for u := chunks[p]; u < chunks[p+1]; u++ {
			xu := x[u]
			if math.IsNaN(xu) {
				continue
			}
			dx := xu - mx
			for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
				var yv float64
				if y32 != nil {
					yv = float64(y32[s.OutNbr[e]])
				} else if yv = y[s.OutNbr[e]]; math.IsNaN(yv) {
					continue
				}
				w := 1.0
				if weighted {
					w = s.OutW[e]
				}
				dy := yv - my
				m.W += w
				m.X += w * dx
				m.Y += w * dy
				m.XX += w * dx * dx
				m.YY += w * dy * dy
				m.XY += w * dx * dy
			}
		}
		parts[p].m = m
	})
	var c Moments
	for _, p := range parts {
		c.W += p.m.W
		c.X += p.m.X
		c.Y += p.m.Y
		c.XX += p.m.XX
		c.YY += p.m.YY
		c.XY += p.m.XY
	}
	out.r = c.R()
	if math.IsNaN(out.r) {
		out.reason = ReasonConstant
		return out
	}
	// Pass 3: jackknife, removing each edge (both entries when undirected).
	var bad atomic.Bool
	pool.For(np, pool.Max(0), func(p int) {
		var v float64
		for u := chunks[p]; u < chunks[p+1]; u++ {
			xu := x[u]
			if math.IsNaN(xu) {
				continue
			}
			for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
				t := s.OutNbr[e]
				if !s.Directed && t < int32(u) {
					continue
				}
				var yv, xt float64
				if y32 != nil {
					yv = float64(y32[t])
					xt = yv // undirected with y32: x and y are the same values
				} else {
					yv = y[t]
					if math.IsNaN(yv) {
						continue
					}
					if !s.Directed {
						xt = x[t]
					}
				}
				w := 1.0
				if weighted {
					w = s.OutW[e]
				}
				m := c
				m.Remove(xu-mx, yv-my, w)
				if !s.Directed {
					m.Remove(xt-mx, y[u]-my, w)
				}
				ri := m.R()
				if math.IsNaN(ri) {
					bad.Store(true)
				}
				v += (ri - out.r) * (ri - out.r)
			}
		}
		parts[p].jk = v
	})
	if bad.Load() {
		out.reason = ReasonJackknife
		return out
	}
	var v float64
	for _, p := range parts {
		v += p.jk
	}
	out.se = math.Sqrt(v)
	return out
}

// float32Exact reports whether every value converts to float32 and back
// unchanged (and none is NaN).
func float32Exact(v []float64) bool {
	for _, x := range v {
		if float64(float32(x)) != x {
			return false
		}
	}
	return true
}

func anyNaN(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) {
			return true
		}
	}
	return false
}

// Remove takes out one entry of weight w with centred values dx, dy.
func (m *Moments) Remove(dx, dy, w float64) {
	m.W -= w
	m.X -= w * dx
	m.Y -= w * dy
	m.XX -= w * dx * dx
	m.YY -= w * dy * dy
	m.XY -= w * dx * dy
}
