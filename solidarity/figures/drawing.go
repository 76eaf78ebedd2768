package figures

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxDrawNodes is the largest network DrawNetwork accepts: beyond a few
// thousand nodes a drawing is a hairball and the layout slow to compute.
const MaxDrawNodes = 5000

// Sizes below which a drawing shows more: arrowheads on directed edges up
// to MaxArrowNodes drawn nodes, node names up to MaxNameNodes.
const (
	MaxArrowNodes = 80
	MaxNameNodes  = 40
)

// Graph is a plot.Plotter drawing a network at fixed positions: edges as
// thin translucent lines (with arrowheads when Arrows is set) under nodes
// as filled circles, optionally named.
type Graph struct {
	X, Y     []float64
	Src, Dst []int32
	// Fill and Radius give each node's colour and size; Order is the
	// drawing order (later nodes on top).
	Fill   []color.Color
	Radius []vg.Length
	Order  []int32
	Edge   draw.LineStyle
	// Arrows draws an arrowhead where each edge meets its Dst node.
	Arrows bool
	// Names, when not nil, are written beside the nodes in NameStyle.
	Names     []string
	NameStyle text.Style
	// Tips are the nodes' SVG tooltips (nil: none).
	Tips []string
}

// Plot implements plot.Plotter.
func (g *Graph) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	head := vg.Points(4.5)
	for e := range g.Src {
		a, b := g.Src[e], g.Dst[e]
		if a == b {
			continue
		}
		x0, y0, x1, y1 := trX(g.X[a]), trY(g.Y[a]), trX(g.X[b]), trY(g.Y[b])
		if !g.Arrows {
			c.StrokeLine2(g.Edge, x0, y0, x1, y1)
			continue
		}
		dx, dy := float64(x1-x0), float64(y1-y0)
		d := math.Hypot(dx, dy)
		if d == 0 {
			continue
		}
		ux, uy := dx/d, dy/d
		// stop at the rim of the target node, arrowhead touching it
		tip := vg.Point{X: x1 - vg.Length(ux)*g.Radius[b], Y: y1 - vg.Length(uy)*g.Radius[b]}
		base := vg.Point{X: tip.X - vg.Length(ux)*head, Y: tip.Y - vg.Length(uy)*head}
		c.StrokeLine2(g.Edge, x0, y0, base.X, base.Y)
		w := head * 0.45
		tri := []vg.Point{tip, {X: base.X - vg.Length(uy)*w, Y: base.Y + vg.Length(ux)*w}, {X: base.X + vg.Length(uy)*w, Y: base.Y - vg.Length(ux)*w}}
		c.FillPolygon(withAlpha(g.Edge.Color, 0.9), tri)
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
		if g.Tips != nil {
			addTip(c, pt, r, g.Tips[i])
		}
	}
	if g.Names != nil {
		for _, i := range g.Order {
			c.FillText(g.NameStyle, vg.Point{X: trX(g.X[i]) + g.Radius[i] + vg.Points(1.5), Y: trY(g.Y[i])}, g.Names[i])
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
// by its group codes[i] (an index into labels, -1 for missing): it is
// DrawNetworkWith with NetworkOptions{Codes: codes, Labels: labels, Seed:
// seed}, undirected and unnamed.
func DrawNetwork(title string, n int, src, dst []int32, codes []int32, labels []string, seed uint64) (*Figure, error) {
	return DrawNetworkWith(title, n, src, dst, NetworkOptions{Codes: codes, Labels: labels, Seed: seed})
}

// NetworkOptions are the optional parts of a network drawing.
type NetworkOptions struct {
	// Codes give each node's group, an index into Labels (-1: missing);
	// nil draws every node in one colour, without a legend.
	Codes  []int32
	Labels []string
	// Directed draws an arrowhead at the target of each edge when at most
	// MaxArrowNodes nodes are drawn.
	Directed bool
	// Names are the nodes' names: written beside the nodes when at most
	// MaxNameNodes are drawn, and shown with the group and degree when the
	// pointer rests on a node of the SVG figure (nil: node numbers).
	Names []string
	// Seed seeds the layout.
	Seed uint64
	// KeepIsolates draws the nodes without edges too. By default they are
	// left out of the drawing and counted in the figure's Caption (and its
	// legend): packed in a grid they took a large share of the picture and
	// said nothing but their number.
	KeepIsolates bool
}

// DrawNetworkWith draws a network of n nodes (dense indices 0..n-1) with
// edges src[e]-dst[e], laid out by Layout with opt.Seed. With opt.Codes each
// node takes its group's colour, GroupColor(code) (the colour the group has
// in every figure; groups beyond the seventh share grey, missing values are
// light grey), and the legend gives each group's label and size. Node area
// grows with degree. Nodes without edges are left out and counted in the
// Caption unless opt.KeepIsolates (or every node is isolated).
//
// n must be in [1, MaxDrawNodes]; endpoints must be in [0, n), codes in
// [-1, len(labels)), names (when given) one per node.
func DrawNetworkWith(title string, n int, src, dst []int32, opt NetworkOptions) (*Figure, error) {
	const fn = "DrawNetwork"
	codes, labels := opt.Codes, opt.Labels
	if n < 1 {
		return nil, fmt.Errorf("figures: %s: the network has no nodes", fn)
	}
	if n > MaxDrawNodes {
		return nil, fmt.Errorf("figures: %s: %d nodes is more than the %d a drawing can show; draw a sample or the largest component", fn, n, MaxDrawNodes)
	}
	if len(src) != len(dst) {
		return nil, fmt.Errorf("figures: %s: src has %d endpoints but dst has %d", fn, len(src), len(dst))
	}
	for e := range src {
		if src[e] < 0 || int(src[e]) >= n || dst[e] < 0 || int(dst[e]) >= n {
			return nil, fmt.Errorf("figures: %s: edge %d is %d-%d; want endpoints in [0, %d)", fn, e, src[e], dst[e], n)
		}
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
	if opt.Names != nil {
		if err := checkLen(fn, "names", len(opt.Names), n, "the network (n)"); err != nil {
			return nil, err
		}
	}
	deg := make([]int, n)
	indeg := make([]int, n)
	for e := range src {
		if src[e] != dst[e] {
			deg[src[e]]++
			deg[dst[e]]++
			indeg[dst[e]]++
		}
	}
	// The drawn nodes: all, or those with an edge.
	keep := make([]int32, 0, n) // drawn index -> node
	local := make([]int32, n)   // node -> drawn index, -1 if left out
	for i := range local {
		if opt.KeepIsolates || deg[i] > 0 {
			local[i] = int32(len(keep))
			keep = append(keep, int32(i))
		} else {
			local[i] = -1
		}
	}
	if len(keep) == 0 { // no edges at all: the nodes are the picture
		for i := range local {
			local[i] = int32(i)
			keep = append(keep, int32(i))
		}
	}
	isolates := n - len(keep)
	m := len(keep)
	var lsrc, ldst []int32
	for e := range src {
		if local[src[e]] >= 0 && local[dst[e]] >= 0 {
			lsrc = append(lsrc, local[src[e]])
			ldst = append(ldst, local[dst[e]])
		}
	}
	x, y, err := Layout(m, lsrc, ldst, opt.Seed, 0)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	mean := 2 * float64(len(lsrc)) / float64(m)
	base := math.Min(4, math.Max(1.1, 80/math.Sqrt(float64(m))))
	g := &Graph{X: x, Y: y, Src: lsrc, Dst: ldst,
		Fill: make([]color.Color, m), Radius: make([]vg.Length, m), Order: make([]int32, m),
		Arrows: opt.Directed && m <= MaxArrowNodes, Tips: make([]string, m)}
	edgeAlpha := math.Min(0.5, math.Max(0.06, 40/math.Sqrt(float64(len(lsrc))+1)))
	g.Edge = draw.LineStyle{Color: withAlpha(color.NRGBA{0x55, 0x55, 0x55, 0xFF}, edgeAlpha), Width: vg.Points(math.Max(0.25, math.Min(0.8, 30/math.Sqrt(float64(len(lsrc))+1))))}
	if g.Arrows {
		g.Edge.Color = withAlpha(color.NRGBA{0x55, 0x55, 0x55, 0xFF}, math.Max(edgeAlpha, 0.45))
	}
	for k, i := range keep {
		s := 1.0
		if mean > 0 {
			s = math.Min(2, math.Max(0.6, math.Sqrt(float64(deg[i])/mean)))
		}
		g.Radius[k] = vg.Points(base * s)
	}
	name := func(i int32) string {
		if opt.Names != nil {
			return opt.Names[i]
		}
		return fmt.Sprintf("node %d", i)
	}
	if m <= MaxNameNodes && (opt.Names != nil || m <= 20) {
		g.Names = make([]string, m)
		for k, i := range keep {
			g.Names[k] = name(i)
		}
		g.NameStyle = text.Style{Color: colRef, Font: sansFont(7.5), XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	}
	for k, i := range keep {
		t := name(i)
		if codes != nil {
			if codes[i] < 0 {
				t += ": group missing"
			} else {
				t += ": " + labels[codes[i]]
			}
		}
		if opt.Directed {
			t += fmt.Sprintf(", in-degree %d, out-degree %d", indeg[i], deg[i]-indeg[i])
		} else {
			t += fmt.Sprintf(", degree %d", deg[i])
		}
		g.Tips[k] = t
	}
	p := newPlot(orDefault(title, fmt.Sprintf("Network: %s nodes, %s edges", thousands(int64(n)), thousands(int64(len(src))))), "", "")
	p.HideAxes()
	legendRows := 0
	legendChars := 0
	if codes == nil {
		for k := range g.Fill {
			g.Fill[k] = colPrimary
			g.Order[k] = int32(k)
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
		// larger groups are drawn first, so small groups stay visible
		rank := make([]int, len(labels))
		for i := range rank {
			rank[i] = i
		}
		sort.SliceStable(rank, func(a, b int) bool { return size[rank[a]] > size[rank[b]] })
		drawRank := make([]int, len(labels))
		for pos, gi := range rank {
			drawRank[gi] = pos
		}
		// legend in label order; the colour is the group's own, as in
		// every other figure
		otherN, otherK := 0, 0
		for gi, l := range labels {
			if size[gi] == 0 {
				continue
			}
			if gi < MaxGroupColors {
				entry := fmt.Sprintf("%s (%s)", l, thousands(int64(size[gi])))
				p.Legend.Add(entry, dot{GroupColor(gi)})
				legendRows++
				legendChars = max(legendChars, len(entry))
			} else {
				otherN += size[gi]
				otherK++
			}
		}
		if otherK > 0 {
			p.Legend.Add(fmt.Sprintf("%d other groups (%s)", otherK, thousands(int64(otherN))), dot{colOther})
			legendRows++
		}
		if missing > 0 {
			p.Legend.Add(fmt.Sprintf("missing (%s)", thousands(int64(missing))), dot{colMissing})
			legendRows++
		}
		for k, i := range keep {
			g.Order[k] = int32(k)
			g.Fill[k] = GroupColor(int(codes[i]))
		}
		key := func(k int32) int {
			c := codes[keep[k]]
			if c < 0 {
				return -1
			}
			return drawRank[c]
		}
		sort.SliceStable(g.Order, func(a, b int) bool { return key(g.Order[a]) < key(g.Order[b]) })
	}
	f := New("network", p)
	if isolates > 0 {
		f.Caption = fmt.Sprintf("%s isolated %s (no edges) %s not drawn.", thousands(int64(isolates)), plural(isolates, "node", "nodes"), plural(isolates, "is", "are"))
		if legendRows > 0 {
			note := fmt.Sprintf("%s isolated, not drawn", thousands(int64(isolates)))
			p.Legend.Add(note)
			legendRows++
			legendChars = max(legendChars, len(note))
		}
	}
	p.Add(g)
	p.X.Min, p.X.Max = -0.03, 1.03
	p.Y.Min, p.Y.Max = -0.03, 1.03
	if g.Names != nil {
		p.X.Max += 0.08 // room for the names of nodes on the right edge
	}
	if legendRows > 0 {
		p.Legend.Top = true
		p.Legend.Left = false
		p.Legend.TextStyle.Font = sansFont(9)
		// keep the legend clear of the nodes: a band on the right, as wide
		// as its longest entry (about 0.016 of the unit square per
		// character at 9 points in a 16 cm figure)
		p.X.Max += math.Max(0.34, 0.016*float64(legendChars)+0.08)
	}
	w := 16 * vg.Centimeter
	h := 13 * vg.Centimeter
	if legendRows == 0 {
		w = 13 * vg.Centimeter
	}
	f.Width, f.Height = w, h
	return f, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
