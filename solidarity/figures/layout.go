package figures

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"gonum.org/v1/gonum/spatial/barneshut"
	"gonum.org/v1/gonum/spatial/r2"
)

// particle is a node position for the Barnes-Hut tree.
type particle struct{ x, y *float64 }

func (p *particle) Coord2() r2.Vec { return r2.Vec{X: *p.x, Y: *p.y} }
func (p *particle) Mass() float64  { return 1 }

// Layout places the n nodes of a graph in the unit square with a seeded
// force-directed layout (Fruchterman and Reingold 1991, "Graph drawing by
// force-directed placement", Software: Practice and Experience 21(11),
// doi:10.1002/spe.4380211102): linked nodes attract with force d^2/k,
// every pair repels with force k^2/d (by the Barnes-Hut approximation,
// gonum spatial/barneshut with theta 1.2, so an iteration costs
// O(n log n + edges)), a weak pull
// toward the centre keeps components together, and the step size cools
// linearly over the iterations. Edges are read as undirected; loops are
// ignored and parallel edges pull harder. Each connected component is laid
// out on its own (seed + its rank by size) and the components are packed in
// rows, largest first, each in a square of area proportional to its size, so
// that small components and isolated nodes do not drift to the rim.
//
// The same input and seed give the same coordinates on every run and
// platform (a PCG stream, fixed iteration order, no maps). iterations <= 0
// means 300. Endpoints outside [0, n) are an error.
func Layout(n int, src, dst []int32, seed uint64, iterations int) (x, y []float64, err error) {
	if n < 0 {
		return nil, nil, fmt.Errorf("figures: Layout: n is %d", n)
	}
	if len(src) != len(dst) {
		return nil, nil, fmt.Errorf("figures: Layout: src has %d endpoints but dst has %d", len(src), len(dst))
	}
	for i := range src {
		if src[i] < 0 || int(src[i]) >= n || dst[i] < 0 || int(dst[i]) >= n {
			return nil, nil, fmt.Errorf("figures: Layout: edge %d is %d-%d; want endpoints in [0, %d)", i, src[i], dst[i], n)
		}
	}
	if iterations <= 0 {
		iterations = 300
	}
	// Components would push each other to the rim and shrink the drawing:
	// lay out each on its own and pack them in shelves, largest first, each
	// in a square of area proportional to its number of nodes.
	if n == 0 {
		return []float64{}, []float64{}, nil
	}
	comp, sizes := components(n, src, dst)
	if len(sizes) == 1 {
		return layoutFR(n, src, dst, seed, iterations)
	}
	order := make([]int, len(sizes))
	for c := range order {
		order[c] = c
	}
	// components are numbered by their smallest node, so a stable sort by
	// size keeps ties in node order
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	members := make([][]int32, len(sizes))
	local := make([]int32, n)
	for i := 0; i < n; i++ {
		c := comp[i]
		local[i] = int32(len(members[c]))
		members[c] = append(members[c], int32(i))
	}
	esrc := make([][]int32, len(sizes))
	edst := make([][]int32, len(sizes))
	for e := range src {
		if src[e] == dst[e] {
			continue
		}
		c := comp[src[e]]
		esrc[c] = append(esrc[c], local[src[e]])
		edst[c] = append(edst[c], local[dst[e]])
	}
	var area float64
	for _, sz := range sizes {
		side := math.Sqrt(float64(sz))
		area += (side + 1) * (side + 1)
	}
	width := math.Max(math.Sqrt(float64(sizes[order[0]])), 1.1*math.Sqrt(area))
	x, y = make([]float64, n), make([]float64, n)
	const gap = 1.0
	var cx, cy, shelf float64 // cursor and current shelf height (y grows downward)
	for rank, c := range order {
		side := math.Sqrt(float64(sizes[c]))
		if sizes[c] == 1 {
			side = 0
		}
		if cx > 0 && cx+side > width {
			cx, cy = 0, cy+shelf+gap
			shelf = 0
		}
		var px, py []float64
		if sizes[c] == 1 {
			px, py = []float64{0.5}, []float64{0.5}
		} else {
			px, py, err = layoutFR(sizes[c], esrc[c], edst[c], seed+uint64(rank), iterations)
			if err != nil {
				return nil, nil, err
			}
		}
		for k, i := range members[c] {
			x[i] = cx + px[k]*side
			y[i] = -(cy + (1-py[k])*side)
		}
		cx += side + gap
		shelf = math.Max(shelf, side)
	}
	normalise(x, y)
	return x, y, nil
}

// components labels the connected components of the undirected graph,
// numbered in order of their smallest node, and returns their sizes.
func components(n int, src, dst []int32) ([]int32, []int) {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for e := range src {
		a, b := find(src[e]), find(dst[e])
		if a != b {
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	comp := make([]int32, n)
	id := make([]int32, n)
	for i := range id {
		id[i] = -1
	}
	var sizes []int
	for i := 0; i < n; i++ {
		r := find(int32(i))
		if id[r] < 0 {
			id[r] = int32(len(sizes))
			sizes = append(sizes, 0)
		}
		comp[i] = id[r]
		sizes[id[r]]++
	}
	return comp, sizes
}

// normalise rescales x and y into the unit square, keeping the aspect
// ratio and centring the shorter side.
func normalise(x, y []float64) {
	minX, maxX, minY, maxY := x[0], x[0], y[0], y[0]
	for i := range x {
		minX, maxX = math.Min(minX, x[i]), math.Max(maxX, x[i])
		minY, maxY = math.Min(minY, y[i]), math.Max(maxY, y[i])
	}
	s := math.Max(maxX-minX, maxY-minY)
	if s == 0 {
		s = 1
	}
	ox := (1 - (maxX-minX)/s) / 2
	oy := (1 - (maxY-minY)/s) / 2
	for i := range x {
		x[i] = ox + (x[i]-minX)/s
		y[i] = oy + (y[i]-minY)/s
	}
}

// layoutFR is Layout without the special placement of isolated nodes.
func layoutFR(n int, src, dst []int32, seed uint64, iterations int) (x, y []float64, err error) {
	x, y = make([]float64, n), make([]float64, n)
	if n == 0 {
		return x, y, nil
	}
	if n == 1 {
		x[0], y[0] = 0.5, 0.5
		return x, y, nil
	}
	side := math.Sqrt(float64(n)) // area n, so the ideal distance k is 1
	const k = 1.0
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	for i := range x {
		x[i] = r.Float64() * side
		y[i] = r.Float64() * side
	}
	dx, dy := make([]float64, n), make([]float64, n)
	ps := make([]barneshut.Particle2, n)
	for i := range ps {
		ps[i] = &particle{x: &x[i], y: &y[i]}
	}
	// repulsion k^2/d on p1 away from the (aggregate) mass m2 at v
	repel := func(_, _ barneshut.Particle2, _, m2 float64, v r2.Vec) r2.Vec {
		d2 := v.X*v.X + v.Y*v.Y
		if d2 < 1e-12 {
			return r2.Vec{}
		}
		return r2.Scale(-m2*k*k/d2, v)
	}
	cx, cy := side/2, side/2
	t0 := side / 10
	for it := 0; it < iterations; it++ {
		clear(dx)
		clear(dy)
		plane, err := barneshut.NewPlane(ps)
		if err != nil {
			return nil, nil, fmt.Errorf("figures: Layout: %w", err)
		}
		// Each node's repulsion is computed on its own, so splitting the
		// nodes over goroutines changes nothing in the result.
		workers := min(runtime.GOMAXPROCS(0), max(1, n/500))
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(lo, hi int) {
				defer wg.Done()
				for i := lo; i < hi; i++ {
					f := plane.ForceOn(ps[i], bhTheta, repel)
					dx[i], dy[i] = f.X, f.Y
				}
			}(w*n/workers, (w+1)*n/workers)
		}
		wg.Wait()
		// Attraction along edges.
		for e := range src {
			a, b := src[e], dst[e]
			if a == b {
				continue
			}
			ex, ey := x[a]-x[b], y[a]-y[b]
			d := math.Sqrt(ex*ex + ey*ey)
			f := d / k // (d^2/k) / d
			dx[a] -= ex * f
			dy[a] -= ey * f
			dx[b] += ex * f
			dy[b] += ey * f
		}
		temp := t0 * (1 - float64(it)/float64(iterations))
		temp = math.Max(temp, 0.002*side)
		for i := 0; i < n; i++ {
			// gravity toward the centre, g*d with g = 1: it balances the
			// repulsion of a disc of density 1/pi, so small components stay
			// near the rim instead of drifting away
			dx[i] -= x[i] - cx
			dy[i] -= y[i] - cy
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d > 0 {
				s := math.Min(d, temp) / d
				x[i] += dx[i] * s
				y[i] += dy[i] * s
			}
		}
	}
	normalise(x, y)
	return x, y, nil
}

// bhTheta is the Barnes-Hut opening angle: a cell of side s at distance d
// acts as one mass when s/d < bhTheta.
const bhTheta = 1.2
