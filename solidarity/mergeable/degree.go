package mergeable

import (
	"cmp"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
)

// DegreeKey is the pair of degrees at the two ends of an arc (X at the
// source, Y at the target), or of an undirected edge (X <= Y).
type DegreeKey struct{ X, Y int64 }

// DegreePairs is the summary behind degree assortativity: how many arcs
// join a node of degree X to a node of degree Y. Every sum of the Pearson
// correlation, and every term of Newman's jackknife (which removes one
// edge with the degrees held fixed), depends on an edge only through its
// two degrees, so this histogram is sufficient and its size is the number
// of distinct degree pairs, not of edges. Its zero value is empty.
//
// Filling it takes two passes over the pairs: one for the node degrees
// (Pair.Ends), one joining each arc to the degrees of its ends.
type DegreePairs struct {
	Pairs map[DegreeKey]int64
}

// AddArc adds count arcs of a directed network from a node whose chosen
// degree is x to one whose chosen degree is y (out-degree of the source and
// in-degree of the target for Newman's out-in assortativity).
func (d *DegreePairs) AddArc(x, y, count int64) {
	if d.Pairs == nil {
		d.Pairs = map[DegreeKey]int64{}
	}
	d.Pairs[DegreeKey{x, y}] += count
}

// AddEdge adds count edges of an undirected network between nodes of
// degrees a and b.
func (d *DegreePairs) AddEdge(a, b, count int64) {
	if a > b {
		a, b = b, a
	}
	d.AddArc(a, b, count)
}

// Merge adds o.
func (d *DegreePairs) Merge(o *DegreePairs) {
	for k, c := range o.Pairs {
		d.AddArc(k.X, k.Y, c)
	}
}

// Finish computes the assortativity as homophily.DegreeAssortativity
// does: the Pearson correlation of the two degrees over the arcs (both
// directions of an undirected edge), on values centred on their means,
// and Newman's jackknife Σ_edges (r_i − r)² with one edge removed at a
// time. mode names the degrees read (homophily.OutIn for the default);
// it is only used in the attribute name.
func (d *DegreePairs) Finish(directed bool, mode homophily.DegreeMode) *homophily.Numeric {
	name := "degree"
	if directed {
		if mode == "" {
			mode = homophily.OutIn
		}
		name = "degree " + string(mode)
	}
	keys := sortedKeys(d.Pairs, func(a, b DegreeKey) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y))
	})
	out := &homophily.Numeric{Attribute: name, R: math.NaN(), SE: math.NaN()}
	// Pass 1: means over adjacency entries.
	var w, sx, sy float64
	var edges int64
	for _, k := range keys {
		c := float64(d.Pairs[k])
		edges += d.Pairs[k]
		x, y := float64(k.X), float64(k.Y)
		w += c
		sx += c * x
		sy += c * y
		if !directed {
			w += c
			sx += c * y
			sy += c * x
		}
	}
	out.Edges = int(edges)
	if edges == 0 || w <= 0 {
		out.Reason = homophily.ReasonNoEdges
		return out
	}
	mx, my := sx/w, sy/w
	// Pass 2: centred moments.
	var m homophily.Moments
	add := func(dx, dy, c float64) {
		m.W += c
		m.X += c * dx
		m.Y += c * dy
		m.XX += c * dx * dx
		m.YY += c * dy * dy
		m.XY += c * dx * dy
	}
	for _, k := range keys {
		c := float64(d.Pairs[k])
		x, y := float64(k.X), float64(k.Y)
		add(x-mx, y-my, c)
		if !directed {
			add(y-mx, x-my, c)
		}
	}
	out.R = m.R()
	if math.IsNaN(out.R) {
		out.Reason = homophily.ReasonConstant
		return out
	}
	// Pass 3: jackknife, one term per key times its count.
	var v float64
	for _, k := range keys {
		x, y := float64(k.X), float64(k.Y)
		mi := m
		mi.Remove(x-mx, y-my, 1)
		if !directed {
			mi.Remove(y-mx, x-my, 1)
		}
		ri := mi.R()
		if math.IsNaN(ri) {
			out.Reason = homophily.ReasonJackknife
			return out
		}
		v += float64(d.Pairs[k]) * (ri - out.R) * (ri - out.R)
	}
	out.SE = math.Sqrt(v)
	return out
}
