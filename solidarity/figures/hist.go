package figures

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
)

// HistogramMarked draws a histogram of values with a vertical line at mark,
// labelled markLabel in the legend (no line when mark is NaN). The number
// of bins follows the Freedman-Diaconis rule, between 10 and 60. Values
// must be finite and not empty.
func HistogramMarked(title, xlabel string, values []float64, mark float64, markLabel string) (*Figure, error) {
	return histogramMarked("HistogramMarked", title, xlabel, "count", values, mark, markLabel, "", "histogram")
}

func histogramMarked(fn, title, xlabel, ylabel string, values []float64, mark float64, markLabel, histLabel, name string) (*Figure, error) {
	if err := checkFinite(fn, "values", values); err != nil {
		return nil, err
	}
	if math.IsInf(mark, 0) {
		return nil, fmt.Errorf("figures: %s: marked value is %v; want a finite number (or NaN for none)", fn, mark)
	}
	h, err := plotter.NewHist(plotter.Values(values), bins(values))
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	h.FillColor = colBarFill
	h.LineStyle = solid(Neutral[2], 0.5)
	p := newPlot(title, xlabel, ylabel)
	hgrid(p)
	p.Add(h)
	rows := 0
	if histLabel != "" {
		p.Legend.Add(histLabel, h)
		rows++
	}
	if !math.IsNaN(mark) {
		v := &vline{x: mark, style: solid(colObserved, 2)}
		p.Add(v)
		p.Legend.Add(orDefault(markLabel, "marked value = "+fmtNum(mark)), v)
		rows++
	}
	p.Y.Min = 0
	legendRoom(p, rows)
	// Widen X so a mark at the edge stays visible, and put the legend on
	// the side away from the mark.
	span := p.X.Max - p.X.Min
	if span <= 0 {
		span = 1
	}
	p.X.Min -= 0.04 * span
	p.X.Max += 0.04 * span
	if !math.IsNaN(mark) && mark > (p.X.Min+p.X.Max)/2 {
		p.Legend.Left = true
	}
	return New(name, p), nil
}

// bins is the Freedman-Diaconis bin count, clamped to [10, 60].
func bins(v []float64) int {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	iqr := s[(3*n)/4] - s[n/4]
	span := s[n-1] - s[0]
	if iqr <= 0 || span <= 0 {
		return 10
	}
	w := 2 * iqr / math.Cbrt(float64(n))
	k := int(math.Ceil(span / w))
	return min(max(k, 10), 60)
}

// NullDistribution draws the null distribution of a permutation test (the
// statistic recomputed on each permutation) as a histogram, the observed
// statistic as a vertical line, and the p-value in the title. statistic
// names the statistic on the X axis ("statistic" if empty). p may be NaN
// when not computed. null must be finite and not empty, observed finite.
func NullDistribution(title, statistic string, null []float64, observed, p float64) (*Figure, error) {
	const fn = "NullDistribution"
	if math.IsNaN(observed) || math.IsInf(observed, 0) {
		return nil, fmt.Errorf("figures: %s: observed is %v; want a finite number", fn, observed)
	}
	if !math.IsNaN(p) && (p < 0 || p > 1) {
		return nil, fmt.Errorf("figures: %s: p-value is %v; want a number in [0, 1] or NaN", fn, p)
	}
	statistic = orDefault(statistic, "statistic")
	t := orDefault(title, "Permutation test of "+statistic)
	t += fmt.Sprintf("\n%s permutations, p %s", thousands(int64(len(null))), fmtP(p))
	f, err := histogramMarked(fn, t, statistic, "permutations", null, observed,
		"observed = "+fmtNum(observed), "null distribution", "null_distribution")
	if err != nil {
		return nil, err
	}
	return f, nil
}
