package figures

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxDrawNodes is the largest network DrawNetwork accepts: beyond a few
// thousand nodes a drawing is a hairball and the layout slow to compute.
const MaxDrawNodes = 5000

// Graph is a plot.Plotter drawing a network at fixed positions: edges as
// thin translucent lines under nodes as filled circles.
type Graph struct {
	X, Y     []float64
	Src, Dst []int32
	// Fill and Radius give each node's colour and size; Order is the
	// drawing order (later nodes on top).
	Fill   []color.Color
	Radius []vg.Length
	Order  []int32
	Edge   draw.LineStyle
}

// Plot implements plot.Plotter.
func (g *Graph) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for e := range g.Src {
		a, b := g.Src[e], g.Dst[e]
		if a == b {
			continue
		}
		c.StrokeLine2(g.Edge, trX(g.X[a]), trY(g.Y[a]), trX(g.X[b]), trY(g.Y[b]))
	}
	ring := draw.LineStyle{Color: color.White, Width: vg.Points(0.3)}
	for _, i := range g.Order {
		pt := vg.Point{X: trX(g.X[i]), Y: trY(g.Y[i])}
		var p vg.Path
		r := g.Radius[i]
		p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		p.Arc(pt, r, 0, 2*math.Pi)
		p.Close()
		c.SetColor(g.Fill[i])
		c.Fill(p)
		if r >= vg.Points(2) {
			c.SetLineStyle(ring)
			c.Stroke(p)
		}
	}
}

// DataRange implements plot.DataRanger.
func (g *Graph) DataRange() (xmin, xmax, ymin, ymax float64) { return 0, 1, 0, 1 }

type dot struct{ c color.Color }

func (dot) Plot(draw.Canvas, *plot.Plot) {}
func (d dot) Thumbnail(c *draw.Canvas) {
	pt := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	c.DrawGlyph(draw.GlyphStyle{Color: d.c, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}, pt)
}

// DrawNetwork draws a network of n nodes (dense indices 0..n-1) with edges
// src[e]-dst[e], laid out by Layout with the given seed, each node coloured
// by its group codes[i] (an index into labels, -1 for missing), with a
// legend giving each group's label and size. The seven largest groups get
// the Okabe-Ito colours; the rest share a grey "other"; missing values are
// light grey. Node area grows with degree. Directions are not drawn.
// codes may be nil (every node one colour, no legend).
//
// n must be in [1, MaxDrawNodes]; endpoints must be in [0, n) and codes in
// [-1, len(labels)).
func DrawNetwork(title string, n int, src, dst []int32, codes []int32, labels []string, seed uint64) (*Figure, error) {
	const fn = "DrawNetwork"
	if n < 1 {
		return nil, fmt.Errorf("figures: %s: the network has no nodes", fn)
	}
	if n > MaxDrawNodes {
		return nil, fmt.Errorf("figures: %s: %d nodes is more than the %d a drawing can show; draw a sample or the largest component", fn, n, MaxDrawNodes)
	}
	if codes != nil {
		if err := checkLen(fn, "codes", len(codes), n, "the network (n)"); err != nil {
			return nil, err
		}
		for i, c := range codes {
			if c < -1 || int(c) >= len(labels) {
				return nil, fmt.Errorf("figures: %s: codes[%d] is %d; want -1 (missing) or a label index in [0, %d)", fn, i, c, len(labels))
			}
		}
	}
	x, y, err := Layout(n, src, dst, seed, 0)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	deg := make([]int, n)
	for e := range src {
		if src[e] != dst[e] {
			deg[src[e]]++
			deg[dst[e]]++
		}
	}
	mean := 2 * float64(len(src)) / float64(n)
	base := math.Min(4, math.Max(1.1, 80/math.Sqrt(float64(n))))
	g := &Graph{X: x, Y: y, Src: append([]int32(nil), src...), Dst: append([]int32(nil), dst...),
		Fill: make([]color.Color, n), Radius: make([]vg.Length, n), Order: make([]int32, n)}
	edgeAlpha := math.Min(0.5, math.Max(0.06, 40/math.Sqrt(float64(len(src))+1)))
	g.Edge = draw.LineStyle{Color: withAlpha(color.NRGBA{0x55, 0x55, 0x55, 0xFF}, edgeAlpha), Width: vg.Points(math.Max(0.25, math.Min(0.8, 30/math.Sqrt(float64(len(src))+1))))}
	for i := range deg {
		s := 1.0
		if mean > 0 {
			s = math.Min(2, math.Max(0.6, math.Sqrt(float64(deg[i])/mean)))
		}
		g.Radius[i] = vg.Points(base * s)
	}
	p := newPlot(orDefault(title, fmt.Sprintf("Network: %s nodes, %s edges", thousands(int64(n)), thousands(int64(len(src))))), "", "")
	p.HideAxes()
	legendRows := 0
	if codes == nil {
		for i := range g.Fill {
			g.Fill[i] = colPrimary
			g.Order[i] = int32(i)
		}
	} else {
		size := make([]int, len(labels))
		missing := 0
		for _, c := range codes {
			if c < 0 {
				missing++
			} else {
				size[c]++
			}
		}
		// rank groups by size (ties by label order)
		rank := make([]int, len(labels))
		for i := range rank {
			rank[i] = i
		}
		sort.SliceStable(rank, func(a, b int) bool { return size[rank[a]] > size[rank[b]] })
		colourOf := make([]color.Color, len(labels))
		drawRank := make([]int, len(labels)) // larger groups are drawn first
		otherN, otherK := 0, 0
		for pos, gi := range rank {
			drawRank[gi] = pos
			if pos < len(OkabeIto) {
				colourOf[gi] = OkabeIto[pos]
			} else {
				colourOf[gi] = colOther
				otherN += size[gi]
				otherK++
			}
		}
		// legend in label order for the coloured groups
		for gi, l := range labels {
			if drawRank[gi] < len(OkabeIto) && size[gi] > 0 {
				p.Legend.Add(fmt.Sprintf("%s (%s)", l, thousands(int64(size[gi]))), dot{colourOf[gi]})
				legendRows++
			}
		}
		if otherK > 0 && otherN > 0 {
			p.Legend.Add(fmt.Sprintf("%d other groups (%s)", otherK, thousands(int64(otherN))), dot{colOther})
			legendRows++
		}
		if missing > 0 {
			p.Legend.Add(fmt.Sprintf("missing (%s)", thousands(int64(missing))), dot{colMissing})
			legendRows++
		}
		for i, c := range codes {
			g.Order[i] = int32(i)
			if c < 0 {
				g.Fill[i] = colMissing
			} else {
				g.Fill[i] = colourOf[c]
			}
		}
		key := func(i int32) int {
			if codes[i] < 0 {
				return -1
			}
			return drawRank[codes[i]]
		}
		// missing values and large groups first, so small groups stay visible
		sort.SliceStable(g.Order, func(a, b int) bool { return key(g.Order[a]) < key(g.Order[b]) })
	}
	p.Add(g)
	p.X.Min, p.X.Max = -0.03, 1.03
	p.Y.Min, p.Y.Max = -0.03, 1.03
	if legendRows > 0 {
		p.Legend.Top = true
		p.Legend.Left = false
		p.Legend.TextStyle.Font = sansFont(9)
		// keep the legend clear of the nodes: a band on the right
		p.X.Max = 1.03 + 0.34
	}
	w := 16 * vg.Centimeter
	h := 13 * vg.Centimeter
	if legendRows == 0 {
		w = 13 * vg.Centimeter
	}
	return New("network", p).WithSize(w, h), nil
}
