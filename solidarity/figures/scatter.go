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

// ScatterFit draws y against x, as points or, above MaxScatterPoints, as a
// two-dimensional histogram with a logarithmic colour scale; with fit, the
// least-squares line y = a + b x (gonum stat.LinearRegression) and Pearson's
// r in the legend; with identity, the dashed line y = x. x and y must be
// finite, aligned and not empty; a fit of constant x is reported in the
// legend as undefined rather than drawn.
func ScatterFit(title, xlabel, ylabel string, x, y []float64, fit, identity bool) (*Figure, error) {
	const fn = "ScatterFit"
	if err := checkFinite(fn, "x", x); err != nil {
		return nil, err
	}
	if err := checkFinite(fn, "y", y); err != nil {
		return nil, err
	}
	if err := checkLen(fn, "y", len(y), len(x), "x"); err != nil {
		return nil, err
	}
	p := newPlot(title, xlabel, ylabel)
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
		for i := range x {
			xy[i] = plotter.XY{X: x[i], Y: y[i]}
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		alpha := math.Max(0.25, math.Min(0.8, 30/math.Sqrt(float64(len(x)))))
		sc.GlyphStyle = draw.GlyphStyle{Color: withAlpha(colPrimary, alpha), Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("%s points", thousands(int64(len(x)))), sc)
	}
	x0, x1 := minMax(x)
	y0, y1 := minMax(y)
	if identity {
		lo, hi := math.Max(x0, y0), math.Min(x1, y1)
		if lo >= hi {
			lo, hi = math.Min(x0, y0), math.Max(x1, y1)
		}
		l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		l.LineStyle = dashed(colBlack, 1)
		p.Add(l)
		p.Legend.Add("y = x", l)
	}
	if fit {
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
	rows := 1
	if fit {
		rows++
	}
	if identity {
		rows++
	}
	legendRoom(p, rows)
	p.Legend.Left = true
	return New("scatter", p), nil
}

func sign(b float64) string {
	if b < 0 {
		return "-"
	}
	return "+"
}

// EchoChamberScatter is ScatterFit for echo chambers in the manner of
// Cinelli et al. (2021), "The echo chamber effect on social media", PNAS
// 118(9) e2023301118, doi:10.1073/pnas.2023301118, Fig. 1: each user's
// leaning against the mean leaning of their neighbours, with the
// least-squares line and y = x. Points gathered along the diagonal, at its
// ends, and a slope near 1 mean users sit among like-minded neighbours.
func EchoChamberScatter(leaning, neighbourLeaning []float64) (*Figure, error) {
	f, err := ScatterFit("Leaning of users and of their neighbours", "user's leaning",
		"mean leaning of the user's neighbours", leaning, neighbourLeaning, true, true)
	if err != nil {
		return nil, err
	}
	f.Name = "echo_chamber"
	return f.WithSize(13*vg.Centimeter, 12*vg.Centimeter), nil
}
