package figures

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Layout places the n nodes of a graph in the unit square with a seeded
// force-directed layout (Fruchterman and Reingold 1991, "Graph drawing by
// force-directed placement", Software: Practice and Experience 21(11),
// doi:10.1002/spe.4380211102): linked nodes attract with force d^2/k,
// every pair within 2k repels with force k^2/d (found through a grid of
// cells of side 2k, so an iteration costs O(n + edges)), a weak pull
// toward the centre keeps components together, and the step size cools
// linearly over the iterations. Edges are read as undirected; loops are
// ignored and parallel edges pull harder.
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
	cell := 2 * k
	cells := int(math.Ceil(side/cell)) + 1
	head := make([]int32, cells*cells)
	next := make([]int32, n)
	cx, cy := side/2, side/2
	t0 := side / 10
	for it := 0; it < iterations; it++ {
		clear(dx)
		clear(dy)
		// Grid of nodes by cell, as linked lists in index order.
		for i := range head {
			head[i] = -1
		}
		cellOf := func(v float64) int {
			c := int(math.Floor(v / cell))
			return min(max(c, 0), cells-1)
		}
		for i := n - 1; i >= 0; i-- {
			c := cellOf(y[i])*cells + cellOf(x[i])
			next[i] = head[c]
			head[c] = int32(i)
		}
		// Repulsion from nodes within 2k.
		for i := 0; i < n; i++ {
			ci, cj := cellOf(x[i]), cellOf(y[i])
			for gy := max(cj-1, 0); gy <= min(cj+1, cells-1); gy++ {
				for gx := max(ci-1, 0); gx <= min(ci+1, cells-1); gx++ {
					for j := head[gy*cells+gx]; j >= 0; j = next[j] {
						if int(j) == i {
							continue
						}
						ex, ey := x[i]-x[j], y[i]-y[j]
						d2 := ex*ex + ey*ey
						if d2 > 4*k*k {
							continue
						}
						if d2 < 1e-9 {
							// coincident nodes: separate by index
							ex, ey, d2 = 1e-3*float64(i-int(j)), 1e-3, 1e-6*(float64((i-int(j))*(i-int(j)))+1)
						}
						f := k * k / d2 // (k^2/d) / d, times the difference vector
						dx[i] += ex * f
						dy[i] += ey * f
					}
				}
			}
		}
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
			// gravity toward the centre
			dx[i] -= 0.05 * (x[i] - cx)
			dy[i] -= 0.05 * (y[i] - cy)
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d > 0 {
				s := math.Min(d, temp) / d
				x[i] += dx[i] * s
				y[i] += dy[i] * s
			}
			x[i] = math.Min(math.Max(x[i], 0), side)
			y[i] = math.Min(math.Max(y[i], 0), side)
		}
	}
	// Rescale to the unit square, keeping the aspect ratio.
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
	return x, y, nil
}
