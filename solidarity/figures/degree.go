package figures

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DegreeDistributions draws, for each named degree sequence, the
// complementary cumulative distribution P(K >= k) against k on log-log
// axes (a straight line is a power-law tail). Nodes of degree 0 cannot be
// placed on a log axis: they count in the denominator and the legend says
// how many were left out. degrees[s] is series s (for example in- and
// out-degrees of the same nodes); degrees must be non-negative and at
// least one series must have a positive degree.
func DegreeDistributions(title string, names []string, degrees [][]int) (*Figure, error) {
	const fn = "DegreeDistributions"
	if len(names) == 0 {
		return nil, fmt.Errorf("figures: %s: names is empty", fn)
	}
	if err := checkLen(fn, "degrees", len(degrees), len(names), "names"); err != nil {
		return nil, err
	}
	p := newPlot(orDefault(title, "Degree distribution"), "degree k (log scale)", "share of nodes with degree >= k (log scale)")
	grid(p)
	setLog10(&p.X)
	setLog10(&p.Y)
	drawn := 0
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.PlusGlyph{}}
	for s, ds := range degrees {
		if len(ds) == 0 {
			return nil, fmt.Errorf("figures: %s: degrees[%d] (%s) is empty", fn, s, names[s])
		}
		sorted := append([]int(nil), ds...)
		sort.Ints(sorted)
		if sorted[0] < 0 {
			return nil, fmt.Errorf("figures: %s: %s has a negative degree %d", fn, names[s], sorted[0])
		}
		n := float64(len(sorted))
		var pts plotter.XYs
		var tips []string
		zeros := 0
		for i := 0; i < len(sorted); {
			k := sorted[i]
			j := i
			for j < len(sorted) && sorted[j] == k {
				j++
			}
			if k == 0 {
				zeros = j - i
			} else {
				// share of nodes with degree >= k is (len - i) / n
				pts = append(pts, plotter.XY{X: math.Log10(float64(k)), Y: math.Log10(float64(len(sorted)-i) / n)})
				tips = append(tips, fmt.Sprintf("%s >= %s: %s of nodes (%s)", names[s], thousands(int64(k)), fmtNum(float64(len(sorted)-i)/n), thousands(int64(len(sorted)-i))))
			}
			i = j
		}
		label := fmt.Sprintf("%s (max %s)", names[s], thousands(int64(sorted[len(sorted)-1])))
		if zeros > 0 {
			label = fmt.Sprintf("%s (max %s; %s with degree 0 not shown)", names[s],
				thousands(int64(sorted[len(sorted)-1])), thousands(int64(zeros)))
		}
		if len(pts) == 0 {
			p.Legend.Add(names[s] + ": every node has degree 0")
			continue
		}
		drawn++
		col := SeriesColor(s)
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		l.LineStyle = solid(col, 1.2)
		l.StepStyle = plotter.PostStep
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2), Shape: shapes[s%len(shapes)]}
		if len(pts) > 200 {
			sc.GlyphStyle.Radius = vg.Points(1.2)
		}
		p.Add(l, sc, &pointTips{xy: pts, text: tips, r: sc.GlyphStyle.Radius})
		p.Legend.Add(label, l, sc)
	}
	if drawn == 0 {
		return nil, fmt.Errorf("figures: %s: no node has a positive degree, so there is nothing to draw on log axes", fn)
	}
	// The legend sits at the top right, above P = 1 and where the falling
	// curves never reach.
	pad(p, 0.04)
	legendRoom(p, len(names))
	return New("degree_distribution", p), nil
}

// pad widens both axes by frac of their span on each side.
func pad(p *plot.Plot, frac float64) {
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		span := ax.Max - ax.Min
		if span <= 0 {
			span = 1
		}
		ax.Min -= frac * span
		ax.Max += frac * span
	}
}

// DegreeAssortativity draws the mean degree of a node's neighbours,
// k_nn, against the node's degree k on log-log axes: light points are the
// mean of k_nn over all nodes of each degree, the line its mean over
// logarithmic bins of k (five per decade), and the dashed line the value
// expected without degree correlation, the mean neighbour degree over all
// edges, sum_i k_i k_nn,i / sum_i k_i. A rising curve is assortative mixing
// by degree, a falling one disassortative (Pastor-Satorras, Vazquez and
// Vespignani 2001, Phys. Rev. Lett. 87, 258701, doi:10.1103/PhysRevLett.87.258701).
//
// degree[i] and meanNeighbourDegree[i] describe node i; nodes of degree 0
// are skipped (their k_nn is undefined and may be NaN). xlabel and ylabel
// name the degrees ("degree k" and "mean neighbour degree k_nn" if empty),
// for example out-degree against the mean in-degree of out-neighbours in a
// directed network. Other NaN or ±Inf values, negative degrees, misaligned
// or empty input, or no node of positive degree are errors.
func DegreeAssortativity(title, xlabel, ylabel string, degree []int, meanNeighbourDegree []float64) (*Figure, error) {
	const fn = "DegreeAssortativity"
	if len(degree) == 0 {
		return nil, fmt.Errorf("figures: %s: degree is empty", fn)
	}
	if err := checkLen(fn, "meanNeighbourDegree", len(meanNeighbourDegree), len(degree), "degree"); err != nil {
		return nil, err
	}
	sum := map[int]float64{}
	cnt := map[int]int{}
	var kk, kknn float64
	for i, k := range degree {
		if k < 0 {
			return nil, fmt.Errorf("figures: %s: degree[%d] is %d; want >= 0", fn, i, k)
		}
		if k == 0 {
			continue
		}
		v := meanNeighbourDegree[i]
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("figures: %s: meanNeighbourDegree[%d] is %v for a node of degree %d; want a finite number >= 0", fn, i, v, k)
		}
		sum[k] += v
		cnt[k]++
		kk += float64(k)
		kknn += float64(k) * v
	}
	if len(cnt) == 0 {
		return nil, fmt.Errorf("figures: %s: no node has a positive degree", fn)
	}
	ks := make([]int, 0, len(cnt))
	for k := range cnt {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var pts plotter.XYs
	var tips []string
	const perDecade = 5
	type bin struct{ sk, sv, n float64 }
	bins := map[int]*bin{}
	var binIDs []int
	for _, k := range ks {
		m := sum[k] / float64(cnt[k])
		if m > 0 {
			pts = append(pts, plotter.XY{X: math.Log10(float64(k)), Y: math.Log10(m)})
			tips = append(tips, fmt.Sprintf("degree %s: mean k_nn %s over %s nodes", thousands(int64(k)), fmtNum(m), thousands(int64(cnt[k]))))
		}
		id := int(math.Floor(math.Log10(float64(k)) * perDecade))
		b := bins[id]
		if b == nil {
			b = &bin{}
			bins[id] = b
			binIDs = append(binIDs, id)
		}
		b.sk += math.Log10(float64(k)) * float64(cnt[k])
		b.sv += sum[k]
		b.n += float64(cnt[k])
	}
	var line plotter.XYs
	for _, id := range binIDs {
		b := bins[id]
		if m := b.sv / b.n; m > 0 {
			line = append(line, plotter.XY{X: b.sk / b.n, Y: math.Log10(m)})
		}
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("figures: %s: every mean neighbour degree is 0", fn)
	}
	p := newPlot(orDefault(title, "Degree correlations"), orDefault(xlabel, "degree k")+" (log scale)",
		orDefault(ylabel, "mean neighbour degree k_nn")+" (log scale)")
	grid(p)
	setLog10(&p.X)
	setLog10(&p.Y)
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: withAlpha(Neutral[1], 0.7), Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
	p.Add(sc, &pointTips{xy: pts, text: tips, r: vg.Points(2.2)})
	p.Legend.Add("mean k_nn of the nodes of degree k", sc)
	if len(line) > 0 {
		l, err := plotter.NewLine(line)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		l.LineStyle = solid(colSecondary, 2)
		lp, _ := plotter.NewScatter(line)
		lp.GlyphStyle = draw.GlyphStyle{Color: colSecondary, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		p.Add(l, lp)
		p.Legend.Add("mean over log-spaced bins of k", l, lp)
	}
	if ref := kknn / kk; ref > 0 {
		h := &hline{y: math.Log10(ref), style: dashed(colBlack, 1)}
		p.Add(h)
		p.Legend.Add("no degree correlation ("+fmtNum(ref)+")", h)
	}
	pad(p, 0.04)
	legendRoom(p, 3)
	return New("degree_assortativity", p), nil
}
