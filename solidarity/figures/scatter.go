package figures

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxScatterPoints is the number of points above which ScatterFit draws a
// two-dimensional histogram (density) instead of individual points.
const MaxScatterPoints = 3000

// Density2D is a plot.Plotter drawing a two-dimensional histogram: the
// data range is cut into Bins by Bins cells, each filled on the package's
// sequential colour scale by the logarithm of its count (empty cells are
// not drawn).
type Density2D struct {
	X0, X1, Y0, Y1 float64
	Bins           int
	Counts         []float64 // Bins*Bins, row-major from the bottom
	Max            float64
}

// NewDensity2D bins finite, aligned, non-empty x and y.
func NewDensity2D(x, y []float64, bins int) (*Density2D, error) {
	if err := checkFinite("NewDensity2D", "x", x); err != nil {
		return nil, err
	}
	if err := checkFinite("NewDensity2D", "y", y); err != nil {
		return nil, err
	}
	if err := checkLen("NewDensity2D", "y", len(y), len(x), "x"); err != nil {
		return nil, err
	}
	if bins < 1 {
		bins = 50
	}
	d := &Density2D{Bins: bins, Counts: make([]float64, bins*bins)}
	d.X0, d.X1 = minMax(x)
	d.Y0, d.Y1 = minMax(y)
	if d.X1 == d.X0 {
		d.X0, d.X1 = d.X0-0.5, d.X1+0.5
	}
	if d.Y1 == d.Y0 {
		d.Y0, d.Y1 = d.Y0-0.5, d.Y1+0.5
	}
	for i := range x {
		cx := min(int((x[i]-d.X0)/(d.X1-d.X0)*float64(bins)), bins-1)
		cy := min(int((y[i]-d.Y0)/(d.Y1-d.Y0)*float64(bins)), bins-1)
		d.Counts[cy*bins+cx]++
	}
	for _, c := range d.Counts {
		d.Max = math.Max(d.Max, c)
	}
	return d, nil
}

// Plot implements plot.Plotter.
func (d *Density2D) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	w := (d.X1 - d.X0) / float64(d.Bins)
	h := (d.Y1 - d.Y0) / float64(d.Bins)
	lm := math.Log1p(d.Max)
	for cy := 0; cy < d.Bins; cy++ {
		for cx := 0; cx < d.Bins; cx++ {
			n := d.Counts[cy*d.Bins+cx]
			if n == 0 {
				continue
			}
			x0, y0 := d.X0+float64(cx)*w, d.Y0+float64(cy)*h
			// cells overlap by a quarter point so that anti-aliasing
			// leaves no seams between them
			e := vg.Points(0.25)
			pts := []vg.Point{{X: trX(x0) - e, Y: trY(y0) - e}, {X: trX(x0+w) + e, Y: trY(y0) - e},
				{X: trX(x0+w) + e, Y: trY(y0+h) + e}, {X: trX(x0) - e, Y: trY(y0+h) + e}}
			c.FillPolygon(heatColor(0.15+0.85*math.Log1p(n)/lm), c.ClipPolygonXY(pts))
		}
	}
}

// DataRange implements plot.DataRanger.
func (d *Density2D) DataRange() (xmin, xmax, ymin, ymax float64) { return d.X0, d.X1, d.Y0, d.Y1 }

// Thumbnail implements plot.Thumbnailer.
func (d *Density2D) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(heatColor(0.6), pts)
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return
}

// ScatterOptions are the labels and extras of a scatter (Scatter). The
// zero value draws bare points with no title or axis labels.
type ScatterOptions struct {
	Title, XLabel, YLabel string
	// Fit draws the least-squares line y = a + b x (gonum
	// stat.LinearRegression) with Pearson's r in the legend.
	Fit bool
	// Identity draws the dashed line y = x across the whole plot, gives
	// both axes the same range and draws them at the same scale (the
	// figure's EqualAspect): the two axes measure one thing.
	Identity bool
	// IDs name the points in the SVG tooltips (nil: the point's number);
	// the tooltip also shows x and y.
	IDs []string
	// Name is the figure's file-name stem ("scatter" if empty).
	Name string
}

// ScatterFit draws y against x with Scatter: the least-squares line when
// fit, y = x and equal scales when identity.
func ScatterFit(title, xlabel, ylabel string, x, y []float64, fit, identity bool) (*Figure, error) {
	return scatter("ScatterFit", x, y, ScatterOptions{Title: title, XLabel: xlabel, YLabel: ylabel, Fit: fit, Identity: identity})
}

// Scatter draws y against x as translucent points (more transparent the
// more points there are, so overplotted regions read darker) or, above
// MaxScatterPoints, as a two-dimensional histogram with a logarithmic
// colour scale; with the options' extras (fit, y = x with equal scales,
// point ids in the SVG tooltips). x and y must be finite, aligned and not
// empty; a fit of constant x is reported in the legend as undefined rather
// than drawn.
func Scatter(x, y []float64, opt ScatterOptions) (*Figure, error) {
	return scatter("Scatter", x, y, opt)
}

func scatter(fn string, x, y []float64, opt ScatterOptions) (*Figure, error) {
	if err := checkFinite(fn, "x", x); err != nil {
		return nil, err
	}
	if err := checkFinite(fn, "y", y); err != nil {
		return nil, err
	}
	if err := checkLen(fn, "y", len(y), len(x), "x"); err != nil {
		return nil, err
	}
	if opt.IDs != nil {
		if err := checkLen(fn, "IDs", len(opt.IDs), len(x), "x"); err != nil {
			return nil, err
		}
	}
	p := newPlot(opt.Title, opt.XLabel, opt.YLabel)
	grid(p)
	if len(x) > MaxScatterPoints {
		d, err := NewDensity2D(x, y, 60)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		p.Add(d)
		p.Legend.Add(fmt.Sprintf("%s points (darker: more)", thousands(int64(len(x)))), d)
	} else {
		xy := make(plotter.XYs, len(x))
		tips := make([]string, len(x))
		for i := range x {
			xy[i] = plotter.XY{X: x[i], Y: y[i]}
			id := fmt.Sprintf("point %d", i+1)
			if opt.IDs != nil {
				id = opt.IDs[i]
			}
			tips[i] = fmt.Sprintf("%s: x = %s, y = %s", id, fmtNum(x[i]), fmtNum(y[i]))
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		alpha := math.Max(0.15, math.Min(0.8, 12/math.Sqrt(float64(len(x)))))
		sc.GlyphStyle = draw.GlyphStyle{Color: withAlpha(colPrimary, alpha), Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		p.Add(sc, &pointTips{xy: xy, text: tips, r: vg.Points(2.2)})
		p.Legend.Add(fmt.Sprintf("%s points", thousands(int64(len(x)))), sc)
	}
	x0, x1 := minMax(x)
	y0, y1 := minMax(y)
	if opt.Identity {
		d := &diagonal{style: dashed(colRef, 1)}
		p.Add(d)
		p.Legend.Add("y = x", d)
	}
	if opt.Fit {
		if x0 == x1 {
			p.Legend.Add("no least-squares fit: x is constant")
		} else {
			a, b := stat.LinearRegression(x, y, nil, false)
			l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: a + b*x0}, {X: x1, Y: a + b*x1}})
			if err != nil {
				return nil, fmt.Errorf("figures: %s: %w", fn, err)
			}
			l.LineStyle = solid(colObserved, 2)
			p.Add(l)
			label := fmt.Sprintf("least squares: y = %s %s %s x", fmtNum(a), sign(b), fmtNum(math.Abs(b)))
			if y0 != y1 {
				label += fmt.Sprintf(", r = %.2f", stat.Correlation(x, y, nil))
			}
			p.Legend.Add(label, l)
		}
	}
	pad(p, 0.03)
	p.Legend.Left = true
	f := New(orDefault(opt.Name, "scatter"), p)
	if opt.Identity {
		// One scale: the same range on both axes, drawn square, the
		// legend in the top-left corner, which points near y = x leave
		// empty.
		lo, hi := math.Min(p.X.Min, p.Y.Min), math.Max(p.X.Max, p.Y.Max)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi
		f.EqualAspect = true
		return f.WithSize(13*vg.Centimeter, 13*vg.Centimeter), nil
	}
	rows := 1
	if opt.Fit {
		rows++
	}
	legendRoom(p, rows)
	return f, nil
}

// diagonal is the line y = x across the whole data area.
type diagonal struct{ style draw.LineStyle }

func (d *diagonal) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	lo, hi := math.Min(plt.X.Min, plt.Y.Min), math.Max(plt.X.Max, plt.Y.Max)
	c.StrokeLines(d.style, c.ClipLinesXY([]vg.Point{{X: trX(lo), Y: trY(lo)}, {X: trX(hi), Y: trY(hi)}})...)
}

func (d *diagonal) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(d.style, c.Min.X, y, c.Max.X, y)
}

func sign(b float64) string {
	if b < 0 {
		return "-"
	}
	return "+"
}

// EchoChamberScatter is Scatter for echo chambers in the manner of
// Cinelli et al. (2021), "The echo chamber effect on social media", PNAS
// 118(9) e2023301118, doi:10.1073/pnas.2023301118, Fig. 1: each user's
// leaning against the mean leaning of their neighbours, with the
// least-squares line and y = x. Points gathered along the diagonal, at its
// ends, and a slope near 1 mean users sit among like-minded neighbours.
//
// For other labels, or the users' ids in the SVG tooltips, change the
// options EchoChamberOptions returns and call Scatter.
func EchoChamberScatter(leaning, neighbourLeaning []float64) (*Figure, error) {
	return scatter("ScatterFit", leaning, neighbourLeaning, EchoChamberOptions())
}

// EchoChamberOptions are the options of EchoChamberScatter: its title and
// axis labels, the least-squares line, y = x on equal scales.
func EchoChamberOptions() ScatterOptions {
	return ScatterOptions{Title: "Leaning of users and of their neighbours", XLabel: "user's leaning",
		YLabel: "mean leaning of the user's neighbours", Fit: true, Identity: true, Name: "echo_chamber"}
}
