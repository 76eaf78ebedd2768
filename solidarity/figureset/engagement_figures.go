package figureset

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/interval"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// The engagement figures, one function per figure: each turns an
// analysis result into the data of a plot of package figures.

func supportFigure(bins []comrades.Bin) (*figures.Figure, error) {
	cats := make([]string, len(bins))
	vals := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	lo := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	hi := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	for i, b := range bins {
		cats[i] = fmt.Sprintf("%s to %s", short(float64(b.QualityLow)), short(float64(b.QualityHigh)))
		vals[0][i], lo[0][i], hi[0][i] = wilson(b.ComradeEngaged, b.ComradeExposures)
		vals[1][i], lo[1][i], hi[1][i] = wilson(b.OtherEngaged, b.OtherExposures)
	}
	f, err := figures.GroupedBars("Unconditional support by item quality", "share of seen items engaged", cats,
		[]string{"comrades' items", "other authors' items"}, vals, lo, hi)
	if err != nil {
		return nil, err
	}
	f.Plot().X.Label.Text = "item quality (bin)"
	return f, nil
}

func modelFigure(m *comrades.Model, truth map[string]float64) (*figures.Figure, error) {
	var labels []string
	var v, lo, hi, planted []float64
	known := false
	for _, t := range m.Terms {
		if t == "intercept" {
			continue
		}
		labels = append(labels, t)
		v = append(v, float64(m.Coef[t]))
		lo = append(lo, float64(m.CILow[t]))
		hi = append(hi, float64(m.CIHigh[t]))
		p, ok := truth[t]
		if !ok {
			p = math.NaN()
		}
		known = known || ok
		planted = append(planted, p)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("the model has no term besides the intercept")
	}
	if !known {
		planted = nil
	}
	return figures.Estimates(labels, []figures.Series{{Values: infToNaN(v), Lo: infToNaN(lo), Hi: infToNaN(hi)}},
		figures.EstimatesOptions{Title: "Engagement model: log-odds coefficients", XLabel: "coefficient (log-odds), 95% interval", Planted: planted})
}

func returnFigure(r *reciprocal.Result, gname func(string) string, gcol func(string) color.Color) (*figures.Figure, error) {
	labels := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	cols := []color.Color{figures.SeriesColor(0)}
	for _, g := range sortedKeys(r.ByGroup) {
		labels = append(labels, groupLabel(g, gname))
		sums = append(sums, r.ByGroup[g])
		cols = append(cols, groupColour(g, gcol))
	}
	if r.WithinGroup != nil && r.AcrossGroup != nil {
		labels = append(labels, "within groups", "across groups")
		sums = append(sums, r.WithinGroup, r.AcrossGroup)
		cols = append(cols, figures.SeriesColor(2), figures.SeriesColor(2))
	}
	v := make([]float64, len(sums))
	lo := make([]float64, len(sums))
	hi := make([]float64, len(sums))
	for i, s := range sums {
		v[i], lo[i], hi[i] = float64(s.PReturn), float64(s.PReturnCI[0]), float64(s.PReturnCI[1])
	}
	return figures.Estimates(labels, []figures.Series{{Values: infToNaN(v), Lo: infToNaN(lo), Hi: infToNaN(hi), Colors: cols}},
		figures.EstimatesOptions{Title: fmt.Sprintf("Engagement returned within %s", humanSeconds(r.WindowSeconds)),
			XLabel: "share of first contacts returned, 95% interval", NoRef: true})
}

// groupLabel and groupColour name and colour a group of reciprocal's
// ByGroup, whose "(missing)" collects actors without a group.
func groupLabel(g string, gname func(string) string) string {
	if g == "(missing)" {
		return "no group"
	}
	return gname(g)
}

func groupColour(g string, gcol func(string) color.Color) color.Color {
	if g == "(missing)" {
		return figures.GroupColor(-1)
	}
	return gcol(g)
}

// groupNames names each of groups with gname.
func groupNames(groups []string, gname func(string) string) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = gname(g)
	}
	return out
}

func survivalFigure(r *reciprocal.Result, gname func(string) string, gcol func(string) color.Color) (*figures.Figure, error) {
	names := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	cols := []color.Color{nil}
	for _, g := range sortedKeys(r.ByGroup) {
		names = append(names, groupLabel(g, gname))
		sums = append(sums, r.ByGroup[g])
		cols = append(cols, groupColour(g, gcol))
	}
	// The curve is sampled at evenly spaced times (reciprocal.Options.Points)
	// and drawn as steps through the samples.
	var curves []figures.Curve
	for i, s := range sums {
		c := figures.Curve{Name: names[i], Color: cols[i]}
		for _, pt := range s.Survival {
			c.Seconds = append(c.Seconds, pt.Seconds)
			c.Share = append(c.Share, 1-pt.Survival)
			c.Lo = append(c.Lo, 1-pt.High)
			c.Hi = append(c.Hi, 1-pt.Low)
		}
		curves = append(curves, c)
	}
	f, err := figures.KaplanMeier(fmt.Sprintf("Time to return (Kaplan-Meier), window %s", humanSeconds(r.WindowSeconds)),
		"time since the first contact", "share returned", curves)
	if err != nil {
		return nil, fmt.Errorf("no survival curve: %s", orText(r.Overall.Reason, "no first contacts"))
	}
	return f, nil
}

func amplificationFigure(tr *trending.Result, gname func(string) string) (*figures.Figure, error) {
	cats := make([]string, len(tr.Groups))
	vals := [][]float64{make([]float64, len(tr.Groups)), make([]float64, len(tr.Groups))}
	for i, g := range tr.Groups {
		cats[i] = gname(g.Label)
		vals[0][i] = positiveOrNaN(g.Amplification)
		vals[1][i] = positiveOrNaN(g.AmplificationCF)
	}
	return figures.Estimates(cats, []figures.Series{
		{Name: "all engagement", Values: vals[0]},
		{Name: "without comrade engagement", Values: vals[1]},
	}, figures.EstimatesOptions{Title: fmt.Sprintf("Trending amplification (top %d)", tr.Options.TopK),
		XLabel: "share of top slots / share of items", Log: true})
}

// positiveOrNaN keeps a ratio that a log axis can show: 0 (a group that
// never trended) and ±Inf become NaN, drawn as "n/a".
func positiveOrNaN(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return math.NaN()
}

// slopeFigure ranks the items by the evaluation times they spent in the
// top-k (ties: better peak rank, then lower dense index), with and without
// comrade engagement, and draws the items in the first n of either ranking.
// On each side the items outside the first n are stacked in their order
// below a gap, under one axis label "> n", so their names stay readable.
func slopeFigure(ev *events.Events, tr *trending.Result, n int, gname func(string) string) (*figures.Figure, error) {
	if n <= 0 {
		n = 15
	}
	rankA := tr.Leaderboard(false)
	rankB := tr.Leaderboard(true)
	var idx []int
	for i := range tr.Items {
		if rankA[i] <= n || rankB[i] <= n {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, fmt.Errorf("no item reached the top %d", tr.Options.TopK)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if rankA[idx[a]] != rankA[idx[b]] {
			return rankA[idx[a]] < rankA[idx[b]]
		}
		return rankB[idx[a]] < rankB[idx[b]]
	})
	names := make([]string, len(idx))
	for k, i := range idx {
		it := tr.Items[i]
		names[k] = "item " + ev.Items.String(it.Item)
		if it.Group >= 0 && int(it.Group) < len(tr.Groups) {
			names[k] += " (" + gname(tr.Groups[it.Group].Label) + ")"
		}
	}
	moved := false
	for _, i := range idx {
		moved = moved || rankA[i] != rankB[i]
	}
	if !moved {
		return nil, fmt.Errorf("comrade engagement changes no rank among the first %d items", n)
	}
	a, outA := stackOutside(idx, rankA, n)
	b, outB := stackOutside(idx, rankB, n)
	f, err := figures.SlopeChart(fmt.Sprintf("Trending leaderboard: the first %d, with and without comrades", n), names, a, b,
		"with comrade engagement", "without")
	if err != nil {
		return nil, err
	}
	if outA+outB > 0 {
		f.Plot().Y.Tick.Marker = figures.StackedRankTicks(n, max(outA, outB))
	}
	return f, nil
}

// stackOutside returns the drawn rank of each listed item: its rank when
// within n, else n+2, n+3, ... in the order of the true ranks; and how many
// were outside.
func stackOutside(idx, rank []int, n int) ([]float64, int) {
	out := make([]float64, len(idx))
	var below []int
	for k, i := range idx {
		if rank[i] <= n {
			out[k] = float64(rank[i])
		} else {
			below = append(below, k)
		}
	}
	sort.SliceStable(below, func(x, y int) bool { return rank[idx[below[x]]] < rank[idx[below[y]]] })
	for j, k := range below {
		out[k] = float64(n + 2 + j)
	}
	return out, len(below)
}

func clusterActors(co *coordination.Result) int {
	n := 0
	for _, c := range co.Clusters {
		n += len(c)
	}
	return n
}

// colouredBy says how the co-engagement drawing colours its nodes.
func colouredBy(ev *events.Events) string {
	if ev.Group != nil && len(ev.Groups) > 0 {
		return "nodes coloured by the actor's group (as in every figure)"
	}
	return "nodes in one colour (the events have no groups)"
}

// coordinationDrawing draws the kept co-engagement network: the clusters
// are its components, so colour is left to the actors' groups (a cell drawn
// from one group shows in one colour), and small clusters show the actors'
// ids.
func coordinationDrawing(ev *events.Events, co *coordination.Result, seed uint64, gname func(string) string) (*figures.Figure, error) {
	local := map[int32]int32{}
	var actors []int32
	for _, c := range co.Clusters {
		for _, a := range c {
			local[a] = int32(len(actors))
			actors = append(actors, a)
		}
	}
	src := make([]int32, len(co.Edges))
	dst := make([]int32, len(co.Edges))
	for i, e := range co.Edges {
		src[i], dst[i] = local[e.A], local[e.B]
	}
	if len(actors) > figures.MaxDrawNodes {
		return nil, fmt.Errorf("%d coordinated actors is more than %d to draw", len(actors), figures.MaxDrawNodes)
	}
	opt := figures.NetworkOptions{Seed: seed, Names: make([]string, len(actors))}
	for k, a := range actors {
		opt.Names[k] = ev.People.String(a)
	}
	if ev.Group != nil && len(ev.Groups) > 0 {
		opt.Labels = groupNames(ev.Groups, gname)
		opt.Codes = make([]int32, len(actors))
		for k, a := range actors {
			opt.Codes[k] = -1
			if int(a) < len(ev.Group) {
				opt.Codes[k] = ev.Group[a]
			}
		}
	}
	return figures.DrawNetworkWith(fmt.Sprintf("Co-engagement within %s: %d coordinated clusters", humanSeconds(co.Window), len(co.Clusters)),
		len(actors), src, dst, opt)
}

func clusterSizes(co *coordination.Result) (*figures.Figure, error) {
	const most = 30
	k := min(len(co.Clusters), most)
	member := map[int32]int{}
	for c, m := range co.Clusters {
		for _, a := range m {
			member[a] = c
		}
	}
	pairs := make([]int, len(co.Clusters))
	for _, e := range co.Edges {
		pairs[member[e.A]]++
	}
	labels := make([]string, k)
	v := make([]float64, k)
	for c := 0; c < k; c++ {
		labels[c] = fmt.Sprintf("%d (%d pairs)", c+1, pairs[c])
		v[c] = float64(len(co.Clusters[c]))
	}
	title := "Coordinated clusters"
	if len(co.Clusters) > most {
		title = fmt.Sprintf("The %d largest of %d coordinated clusters", most, len(co.Clusters))
	}
	f, err := figures.BarsCI(title, "actors in the cluster", labels, v, nil, nil, math.NaN())
	if err != nil {
		return nil, err
	}
	f.Plot().X.Label.Text = "cluster (co-engaging pairs inside)"
	return f, nil
}

// entropyFigure draws the exposure diversity: the normalised entropy of the
// groups each actor engages with when there are two groups or more, else of
// the binned leanings of the items, and its caption.
func entropyFigure(ec *echo.Result) (*figures.Figure, string, error) {
	var vals []float64
	for _, a := range ec.Actors {
		if !math.IsNaN(a.GroupEntropyNorm) {
			vals = append(vals, a.GroupEntropyNorm)
		}
	}
	what := ""
	if len(vals) > 0 {
		what = "groups of the authors"
	} else {
		for _, a := range ec.Actors {
			if !math.IsNaN(a.LeaningEntropyNorm) {
				vals = append(vals, a.LeaningEntropyNorm)
			}
		}
		what = fmt.Sprintf("leanings (%d bins) of the items", ec.Options.Bins)
	}
	if len(vals) == 0 {
		return nil, "", fmt.Errorf("no actor has a defined exposure entropy (needs two groups or item leanings)")
	}
	mean := 0.0
	for _, v := range vals {
		mean += v
	}
	mean /= float64(len(vals))
	caption := fmt.Sprintf("Exposure diversity: the Shannon entropy of the %s each actor engaged with, divided by its maximum (0: one only; 1: all equally), over %d actors; the line marks the mean, %.3f.", what, len(vals), mean)
	f, err := figures.HistogramMarked("Exposure diversity", "normalised entropy of the "+what+" engaged", vals, mean, fmt.Sprintf("mean %.2f", mean))
	return f, caption, err
}

// wilson is the share x/n with its 95% Wilson score interval (Wilson 1927,
// JASA 22:209); NaN when n is 0.
func wilson(x, n int64) (p, lo, hi float64) {
	lo, hi = interval.Wilson(x, n)
	return float64(x) / float64(n), lo, hi
}

func infToNaN(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		if math.IsInf(x, 0) {
			x = math.NaN()
		}
		out[i] = x
	}
	return out
}

func sortedKeys(m map[string]*reciprocal.Summary) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// The missing group last.
	for i, k := range keys {
		if k == reciprocal.MissingGroup {
			keys = append(append(keys[:i:i], keys[i+1:]...), k)
			break
		}
	}
	return keys
}
