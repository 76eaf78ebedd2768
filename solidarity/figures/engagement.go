package figures

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Curve is one line of Curves: its legend label, its points and colour;
// Bold draws it thicker (the overall curve among per-group ones).
type Curve struct {
	Label string
	X, Y  []float64
	Color color.Color
	Bold  bool
}

// Curves draws lines over a light grid in the package's style, legend at
// the bottom right: for example the share of engagements returned over
// time, overall and by group. Points with a NaN coordinate are left out and
// a curve with none left is not drawn; the Y axis starts at 0. It is an
// error when no curve has a point, or a curve's X and Y differ in length.
func Curves(title, xlabel, ylabel string, curves []Curve) (*Figure, error) {
	p := newPlot(title, xlabel, ylabel)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = colGrid, colGrid
	p.Add(g)
	drawn := 0
	for i, c := range curves {
		if err := checkLen("Curves", fmt.Sprintf("curves[%d].Y", i), len(c.Y), len(c.X), "X"); err != nil {
			return nil, err
		}
		xy := make(plotter.XYs, 0, len(c.X))
		for k := range c.X {
			if !math.IsNaN(c.X[k]) && !math.IsNaN(c.Y[k]) {
				xy = append(xy, plotter.XY{X: c.X[k], Y: c.Y[k]})
			}
		}
		if len(xy) == 0 {
			continue
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("figures: Curves: %w", err)
		}
		col := c.Color
		if col == nil {
			col = color.Black
		}
		w := 1.6
		if c.Bold {
			w = 2.2
		}
		l.LineStyle = solid(col, w)
		p.Add(l)
		p.Legend.Add(c.Label, l)
		drawn++
	}
	if drawn == 0 {
		return nil, errors.New("figures: Curves: no curve has a point to draw")
	}
	p.Legend.Top = false
	p.Legend.Left = false
	p.Legend.YOffs = vg.Points(6)
	p.Y.Min = 0
	return New("curves", p), nil
}

// AddReference draws a dashed horizontal line at y across f's plot (1 for a
// ratio, 0 for a coefficient), with the legend entry "reference = y", and
// widens the Y range to include it.
func AddReference(f *Figure, y float64) {
	p := f.Plot()
	h := &hline{y: y, style: dashed(color.Black, 1)}
	p.Add(h)
	p.Legend.Add(fmt.Sprintf("reference = %g", y), h)
	p.Y.Max = math.Max(p.Y.Max, y)
	p.Y.Min = math.Min(p.Y.Min, y)
}

// StackedRankTicks labels ranks 1..n of a SlopeChart whose items outside
// the first n were drawn stacked below it, at n+2, n+3, ... (out of them):
// the stack gets the one label "> n", so the items' names stay readable.
func StackedRankTicks(n, out int) plot.Ticker { return boardTicks{n: n, out: out} }

type boardTicks struct{ n, out int }

func (t boardTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	if t.n > 20 {
		step = 5
	}
	var ts []plot.Tick
	for r := 1; r <= t.n; r++ {
		if r == 1 || r%step == 0 || r == t.n {
			ts = append(ts, plot.Tick{Value: -float64(r), Label: fmt.Sprint(r)})
		}
	}
	return append(ts, plot.Tick{Value: -float64(t.n+2) - float64(t.out-1)/2, Label: fmt.Sprintf("> %d", t.n)})
}
