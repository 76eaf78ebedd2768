package figureset

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
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

func modelFigure(m *comrades.Model) (*figures.Figure, error) {
	var labels []string
	var v, lo, hi []float64
	for _, t := range m.Terms {
		if t == "intercept" {
			continue
		}
		labels = append(labels, t)
		v = append(v, float64(m.Coef[t]))
		lo = append(lo, float64(m.CILow[t]))
		hi = append(hi, float64(m.CIHigh[t]))
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("the model has no term besides the intercept")
	}
	return figures.BarsCI("Engagement model: log-odds coefficients", "coefficient (log-odds), 95% interval", labels, infToNaN(v), infToNaN(lo), infToNaN(hi), 0)
}

func returnFigure(r *reciprocal.Result) (*figures.Figure, error) {
	labels := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	for _, g := range sortedKeys(r.ByGroup) {
		labels = append(labels, "group "+g)
		sums = append(sums, r.ByGroup[g])
	}
	if r.WithinGroup != nil && r.AcrossGroup != nil {
		labels = append(labels, "within groups", "across groups")
		sums = append(sums, r.WithinGroup, r.AcrossGroup)
	}
	v := make([]float64, len(sums))
	lo := make([]float64, len(sums))
	hi := make([]float64, len(sums))
	for i, s := range sums {
		v[i], lo[i], hi[i] = float64(s.PReturn), float64(s.PReturnCI[0]), float64(s.PReturnCI[1])
	}
	return figures.BarsCI(fmt.Sprintf("Engagement returned within %s", humanSeconds(r.WindowSeconds)), "share of first contacts returned",
		labels, infToNaN(v), infToNaN(lo), infToNaN(hi), math.NaN())
}

func survivalFigure(r *reciprocal.Result, groups []string) (*figures.Figure, error) {
	unit, scale := timeUnit(r.WindowSeconds)
	curve := func(label string, s *reciprocal.Summary, c color.Color, bold bool) figures.Curve {
		// The curve is sampled at evenly spaced times (reciprocal.Options.Points)
		// and drawn through the samples.
		k := figures.Curve{Label: label, Color: c, Bold: bold}
		for _, pt := range s.Survival {
			k.X = append(k.X, pt.Seconds/scale)
			k.Y = append(k.Y, 1-pt.Survival)
		}
		return k
	}
	curves := []figures.Curve{curve("all", &r.Overall, color.Black, true)}
	for _, g := range sortedKeys(r.ByGroup) {
		curves = append(curves, curve("group "+g, r.ByGroup[g], figures.GroupColor(slices.Index(groups, g)), false))
	}
	f, err := figures.Curves(fmt.Sprintf("Time to return (Kaplan-Meier), window %s", humanSeconds(r.WindowSeconds)), "time since the first contact ("+unit+")", "share returned", curves)
	if err != nil {
		return nil, fmt.Errorf("no survival curve: %s", orText(r.Overall.Reason, "no first contacts"))
	}
	return f, nil
}

func amplificationFigure(tr *trending.Result) (*figures.Figure, error) {
	cats := make([]string, len(tr.Groups))
	vals := [][]float64{make([]float64, len(tr.Groups)), make([]float64, len(tr.Groups))}
	for i, g := range tr.Groups {
		cats[i] = "group " + g.Label
		vals[0][i] = g.Amplification
		vals[1][i] = g.AmplificationCF
	}
	f, err := figures.GroupedBars(fmt.Sprintf("Trending amplification (top %d)", tr.Options.TopK), "share of top slots / share of items", cats,
		[]string{"all engagement", "without comrade engagement"}, [][]float64{infToNaN(vals[0]), infToNaN(vals[1])}, nil, nil)
	if err != nil {
		return nil, err
	}
	figures.AddReference(f, 1)
	return f, nil
}

// slopeFigure ranks the items by the evaluation times they spent in the
// top-k (ties: better peak rank, then lower dense index), with and without
// comrade engagement, and draws the items in the first n of either ranking.
// On each side the items outside the first n are stacked in their order
// below a gap, under one axis label "> n", so their names stay readable.
func slopeFigure(tr *trending.Result, n int) (*figures.Figure, error) {
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
		names[k] = "item " + tr.Item(it.Item)
		if it.Group >= 0 && int(it.Group) < len(tr.Groups) {
			names[k] += " (group " + tr.Groups[it.Group].Label + ")"
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

func coordinationDrawing(co *coordination.Result, seed uint64) (*figures.Figure, error) {
	local := map[int32]int32{}
	var codes []int32
	labels := make([]string, len(co.Clusters))
	for k, c := range co.Clusters {
		labels[k] = fmt.Sprintf("cluster %d", k+1)
		for _, a := range c {
			local[a] = int32(len(codes))
			codes = append(codes, int32(k))
		}
	}
	src := make([]int32, len(co.Edges))
	dst := make([]int32, len(co.Edges))
	for i, e := range co.Edges {
		src[i], dst[i] = local[e.A], local[e.B]
	}
	if len(codes) > figures.MaxDrawNodes {
		return nil, fmt.Errorf("%d coordinated actors is more than %d to draw", len(codes), figures.MaxDrawNodes)
	}
	return figures.DrawNetwork(fmt.Sprintf("Co-engagement within %s: %d coordinated clusters", humanSeconds(co.Window), len(co.Clusters)),
		len(codes), src, dst, codes, labels, seed)
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

// wilson is the share x/n with its 95% Wilson score interval; NaN when n
// is 0.
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
