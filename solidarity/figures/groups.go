package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// nominalX labels positions 0..n-1 of the X axis, rotating the labels by 45
// degrees when they would not fit side by side.
func nominalX(p *plot.Plot, labels []string) {
	p.NominalX(labels...)
	p.X.Min -= 0.1
	p.X.Max += 0.1
	total := 0
	longest := 0
	for _, l := range labels {
		total += len(l) + 2
		longest = max(longest, len(l))
	}
	if total > 60 || (len(labels) > 6 && longest > 6) {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}
}

// Rename returns labels with each value that has an entry in rename
// replaced by its name (for example {"0": "liberal", "1": "conservative"});
// the order, and so each group's colour, is kept. A nil or empty rename
// returns labels unchanged.
func Rename(labels []string, rename map[string]string) []string {
	if len(rename) == 0 {
		return labels
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		if r, ok := rename[l]; ok {
			out[i] = r
		} else {
			out[i] = l
		}
	}
	return out
}

// legendRoom widens the Y range so that a legend of rows entries at the
// top of the plot does not cover the data (frac of the span per row).
func legendRoom(p *plot.Plot, rows int) {
	headroom(p, 0.1+0.09*float64(rows))
}

// GroupHomophily draws one bar per group with a homophily index (for
// example Coleman's index or the inbreeding homophily of each group) and, when
// expected is not nil, the value expected under random mixing as a black
// mark across each bar. measure names the index on the Y axis ("Coleman
// homophily index" if empty); title "" gives a default. NaN values are
// undefined groups and are drawn as "n/a"; ±Inf, empty or misaligned input
// is an error.
func GroupHomophily(title string, labels []string, observed, expected []float64, measure string) (*Figure, error) {
	const fn = "GroupHomophily"
	if len(labels) == 0 {
		return nil, fmt.Errorf("figures: %s: labels is empty", fn)
	}
	if err := checkLen(fn, "observed", len(observed), len(labels), "labels"); err != nil {
		return nil, err
	}
	if err := checkNotInf(fn, "observed", observed); err != nil {
		return nil, err
	}
	if expected != nil {
		if err := checkLen(fn, "expected", len(expected), len(labels), "labels"); err != nil {
			return nil, err
		}
		if err := checkNotInf(fn, "expected", expected); err != nil {
			return nil, err
		}
	}
	measure = orDefault(measure, "Coleman homophily index")
	p := newPlot(orDefault(title, "Homophily by group"), "group", measure)
	hgrid(p)
	b, err := NewBars(observed, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	b.Colors = groupColors(len(labels))
	b.Annotate = len(labels) <= 20
	b.Tips = make([]string, len(labels))
	for i, l := range labels {
		b.Tips[i] = l + ": " + fmtNum(observed[i])
		if expected != nil {
			b.Tips[i] += " (random mixing: " + fmtNum(expected[i]) + ")"
		}
	}
	b.Format = fixedFormat(observed)
	p.Add(&hline{y: 0, style: solid(colRef, 0.6)})
	p.Add(b)
	rows := 0
	if expected != nil {
		r := &refMarks{values: append([]float64(nil), expected...), width: 0.86, style: solid(colBlack, 2.2)}
		p.Add(r)
		p.Legend.Add("expected under random mixing", r)
		rows++
	}
	nominalX(p, labels)
	legendRoom(p, rows)
	return New("group_homophily", p), nil
}

// groupColors colours bars by group when there are few enough groups for
// distinct colours, and all in one colour otherwise.
func groupColors(n int) []color.Color {
	if n > MaxGroupColors {
		return []color.Color{colBarFill}
	}
	cs := make([]color.Color, n)
	for i := range cs {
		cs[i] = GroupColor(i)
	}
	return cs
}

// DyadCensus draws the dyad census of a directed network: the number of
// mutual (u->v and v->u), asymmetric (one arc only) and null (no arc) pairs,
// as dots on a logarithmic count axis (the null dyads, usually far more
// numerous, would flatten the others; bars on a log axis would have lengths
// that mean nothing), each annotated with its count and share of all pairs,
// and the reciprocity in the title. A zero count cannot sit on a log axis
// and is written as "0". Counts must be finite and non-negative, and not all
// zero.
func DyadCensus(title string, mutual, asymmetric, null float64) (*Figure, error) {
	const fn = "DyadCensus"
	vals := []float64{mutual, asymmetric, null}
	if err := checkFinite(fn, "counts", vals); err != nil {
		return nil, err
	}
	total := mutual + asymmetric + null
	for i, v := range vals {
		if v < 0 {
			return nil, fmt.Errorf("figures: %s: count %d is %v; want >= 0", fn, i, v)
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("figures: %s: all counts are zero", fn)
	}
	t := orDefault(title, "Dyad census")
	if mutual+asymmetric > 0 {
		t += fmt.Sprintf("\nreciprocity (share of connected pairs that are mutual) = %.3f", mutual/(mutual+asymmetric))
	}
	shown := make([]float64, 3)
	notes := make([]string, 3)
	for i, v := range vals {
		shown[i] = v
		if v == 0 {
			shown[i] = math.NaN()
		}
		notes[i] = fmt.Sprintf("%s (%.1f%%)", fmtNum(v), 100*v/total)
	}
	f, err := Estimates([]string{"mutual", "asymmetric", "null"}, []Series{{Values: shown, Notes: notes}},
		EstimatesOptions{Title: t, XLabel: "number of node pairs", Log: true, NoRef: true, Name: "dyad_census"})
	if err != nil {
		return nil, err
	}
	p := f.Plot()
	if mutual+asymmetric > 0 {
		p.Title.TextStyle.Font = titleFont(11.5)
	}
	f.Caption = ""
	return f.WithSize(DefaultWidth, 7*vg.Centimeter), nil
}

// labelsAbove writes text above given bar heights at positions 0..n-1.
type labelsAbove struct {
	values []float64
	text   []string
	style  text.Style
}

func (l *labelsAbove) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for i, v := range l.values {
		c.FillText(l.style, vg.Point{X: trX(float64(i)), Y: trY(v) + vg.Points(2)}, l.text[i])
	}
}

// GroupedBars draws, for each category on the X axis, one bar per series
// side by side, coloured by series with a legend. values[s][c] is series s
// at category c; NaN is undefined and drawn as "n/a". lo and hi, when not
// nil, have the same shape and give confidence intervals.
func GroupedBars(title, ylabel string, categories, series []string, values, lo, hi [][]float64) (*Figure, error) {
	const fn = "GroupedBars"
	if len(categories) == 0 || len(series) == 0 {
		return nil, fmt.Errorf("figures: %s: categories and series must not be empty", fn)
	}
	if err := checkLen(fn, "values", len(values), len(series), "series"); err != nil {
		return nil, err
	}
	if (lo == nil) != (hi == nil) || (lo != nil && (len(lo) != len(series) || len(hi) != len(series))) {
		return nil, fmt.Errorf("figures: %s: lo and hi must both be nil or both have one row per series", fn)
	}
	p := newPlot(title, "", ylabel)
	hgrid(p)
	p.Add(&hline{y: 0, style: solid(colRef, 0.6)})
	k := float64(len(series))
	w := 0.8 / k
	for s := range series {
		if err := checkLen(fn, fmt.Sprintf("values[%d]", s), len(values[s]), len(categories), "categories"); err != nil {
			return nil, err
		}
		var l, h []float64
		if lo != nil {
			l, h = lo[s], hi[s]
		}
		b, err := NewBars(values[s], l, h, barSeriesColor(s))
		if err != nil {
			return nil, fmt.Errorf("figures: %s: series %q: %w", fn, series[s], err)
		}
		b.Tips = make([]string, len(categories))
		for c := range categories {
			b.Tips[c] = categories[c] + ", " + series[s] + ": " + fmtNum(values[s][c])
			if l != nil && !math.IsNaN(l[c]) {
				b.Tips[c] += " [" + fmtNum(l[c]) + ", " + fmtNum(h[c]) + "]"
			}
		}
		b.Width = w * 0.92
		b.Offset = -0.4 + w*(float64(s)+0.5)
		b.Annotate = len(categories)*len(series) <= 16
		b.Format = fixedFormat(values...)
		b.TextStyle.Font = sansFont(7.5)
		p.Add(b)
		p.Legend.Add(series[s], b)
	}
	nominalX(p, categories)
	legendRoom(p, len(series))
	return New("grouped_bars", p), nil
}

// barSeriesColor fills the bars of series s of GroupedBars: series there are
// not groups (within and between, comrades and others), so they take
// greys, dark to light, light enough for black interval whiskers.
func barSeriesColor(s int) color.Color {
	fills := []color.NRGBA{{0x6B, 0x6B, 0x6B, 0xFF}, {0xC8, 0xC8, 0xC8, 0xFF}, {0x9A, 0x9A, 0x9A, 0xFF}, {0xE6, 0xE6, 0xE6, 0xFF}}
	return fills[s%len(fills)]
}

// ReciprocityByGroup draws, for each group, the reciprocity of arcs within
// the group and of arcs between the group and others, as grouped bars.
// NaN (a group with no arcs of a kind) is drawn as "n/a".
func ReciprocityByGroup(title string, labels []string, within, between []float64) (*Figure, error) {
	const fn = "ReciprocityByGroup"
	if len(labels) == 0 {
		return nil, fmt.Errorf("figures: %s: labels is empty", fn)
	}
	for _, a := range []struct {
		n string
		v []float64
	}{{"within", within}, {"between", between}} {
		if err := checkLen(fn, a.n, len(a.v), len(labels), "labels"); err != nil {
			return nil, err
		}
		if err := checkNotInf(fn, a.n, a.v); err != nil {
			return nil, err
		}
	}
	f, err := GroupedBars(orDefault(title, "Reciprocity within and between groups"),
		"reciprocity (share of arcs returned)", labels,
		[]string{"within group", "between groups"}, [][]float64{within, between}, nil, nil)
	if err != nil {
		return nil, err
	}
	f.Plot().X.Label.Text = "group"
	f.Name = "reciprocity_by_group"
	return f, nil
}

// BarsCI draws one bar per label with a confidence interval [lo, hi] as an
// error bar (lo and hi may be nil) and, when ref is not NaN, a dashed
// horizontal reference line at ref. The bars are annotated with their
// values. For estimates (coefficients, lifts, ratios, shares with their
// intervals) Estimates, a dot-and-whisker plot, reads better; BarsCI suits
// counts. A single label is a *OneValue error holding the sentence to print
// instead of a one-bar figure.
func BarsCI(title, ylabel string, labels []string, values, lo, hi []float64, ref float64) (*Figure, error) {
	const fn = "BarsCI"
	if len(labels) == 0 {
		return nil, fmt.Errorf("figures: %s: labels is empty", fn)
	}
	if err := checkLen(fn, "values", len(values), len(labels), "labels"); err != nil {
		return nil, err
	}
	if math.IsInf(ref, 0) {
		return nil, fmt.Errorf("figures: %s: ref is %v; want a finite number or NaN for none", fn, ref)
	}
	if err := checkNotInf(fn, "values", values); err != nil {
		return nil, err
	}
	if len(labels) == 1 {
		l, h := math.NaN(), math.NaN()
		if lo != nil && hi != nil && len(lo) == 1 && len(hi) == 1 {
			l, h = lo[0], hi[0]
		}
		return nil, oneValue(title, labels[0], values[0], l, h)
	}
	b, err := NewBars(values, lo, hi, colPrimary)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	b.Annotate = len(labels) <= 20
	b.Format = fixedFormat(values)
	b.Tips = make([]string, len(labels))
	for i, l := range labels {
		b.Tips[i] = l + ": " + fmtNum(values[i])
		if lo != nil && !math.IsNaN(lo[i]) {
			b.Tips[i] += " [" + fmtNum(lo[i]) + ", " + fmtNum(hi[i]) + "]"
		}
	}
	b.Colors = []color.Color{colBarFill}
	p := newPlot(title, "", ylabel)
	hgrid(p)
	p.Add(&hline{y: 0, style: solid(colRef, 0.6)})
	p.Add(b)
	rows := 0
	if lo != nil {
		p.Legend.Add("confidence interval", &ciThumb{})
		rows++
	}
	if !math.IsNaN(ref) {
		h := &hline{y: ref, style: dashed(colBlack, 1)}
		p.Add(h)
		p.Legend.Add(fmt.Sprintf("reference = %s", fmtNum(ref)), h)
		rows++
	}
	nominalX(p, labels)
	legendRoom(p, rows)
	return New("bars_ci", p), nil
}

type ciThumb struct{}

func (ciThumb) Plot(draw.Canvas, *plot.Plot) {}
func (*ciThumb) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	ls := solid(colBlack, 1)
	cap := (c.Max.X - c.Min.X) / 4
	c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(ls, x-cap, c.Min.Y, x+cap, c.Min.Y)
	c.StrokeLine2(ls, x-cap, c.Max.Y, x+cap, c.Max.Y)
}
