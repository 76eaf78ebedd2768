package figures

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Curve is one cumulative Kaplan-Meier curve: the share of units whose
// event (a return, a reply) has happened by time t, 1 - S(t), with a
// pointwise confidence band.
type Curve struct {
	// Name is the legend entry.
	Name string
	// Seconds are the times, increasing; Share the cumulative share at
	// each, in [0, 1].
	Seconds, Share []float64
	// Lo and Hi, when not nil, are the band's ends at each time (NaN:
	// none there).
	Lo, Hi []float64
	// Color is the curve's colour: GroupColor for a group's curve; nil is
	// black (for the curve over everyone).
	Color color.Color
}

// KaplanMeier draws cumulative Kaplan-Meier curves (share of events by time
// since the start) as steps, each over its confidence band, on a time axis
// with ticks at whole days, hours or minutes (durationTicks). xlabel ""
// means "time since the start", ylabel "" "share returned". The tooltip of each step gives the curve, the
// time and the share. Curves must have aligned, finite, increasing
// Seconds and shares in [0, 1] (NaN shares are skipped); at least one
// curve must have a point.
func KaplanMeier(title, xlabel, ylabel string, curves []Curve) (*Figure, error) {
	const fn = "KaplanMeier"
	if len(curves) == 0 {
		return nil, fmt.Errorf("figures: %s: no curves", fn)
	}
	p := newPlot(title, orDefault(xlabel, "time since the start"), orDefault(ylabel, "share returned"))
	grid(p)
	p.X.Tick.Marker = durationTicks{}
	drawn := 0
	tmax := 0.0
	for ci, cv := range curves {
		if err := checkLen(fn, fmt.Sprintf("curve %d Share", ci), len(cv.Share), len(cv.Seconds), "Seconds"); err != nil {
			return nil, err
		}
		if (cv.Lo == nil) != (cv.Hi == nil) || (cv.Lo != nil && (len(cv.Lo) != len(cv.Seconds) || len(cv.Hi) != len(cv.Seconds))) {
			return nil, fmt.Errorf("figures: %s: curve %d (%s): Lo and Hi must both be nil or both have one value per time", fn, ci, cv.Name)
		}
		var line, lo, hi plotter.XYs
		var tips []string
		for i, t := range cv.Seconds {
			if math.IsNaN(t) || math.IsInf(t, 0) || (i > 0 && t < cv.Seconds[i-1]) {
				return nil, fmt.Errorf("figures: %s: curve %d (%s): Seconds[%d] is %v; want finite, increasing times", fn, ci, cv.Name, i, t)
			}
			v := cv.Share[i]
			if math.IsNaN(v) {
				continue
			}
			if v < 0 || v > 1 {
				return nil, fmt.Errorf("figures: %s: curve %d (%s): Share[%d] is %v; want a share in [0, 1]", fn, ci, cv.Name, i, v)
			}
			line = append(line, plotter.XY{X: t, Y: v})
			tips = append(tips, fmt.Sprintf("%s, %s: %s", cv.Name, fmtDuration(t), fmtNum(v)))
			if cv.Lo != nil && !math.IsNaN(cv.Lo[i]) && !math.IsNaN(cv.Hi[i]) {
				lo = append(lo, plotter.XY{X: t, Y: cv.Lo[i]})
				hi = append(hi, plotter.XY{X: t, Y: cv.Hi[i]})
			}
			tmax = math.Max(tmax, t)
		}
		if len(line) == 0 {
			continue
		}
		col := cv.Color
		if col == nil {
			col = colBlack
		}
		if len(lo) > 1 {
			p.Add(&band{lo: lo, hi: hi, fill: withAlpha(col, 0.13)})
		}
		l, err := plotter.NewLine(line)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		l.StepStyle = plotter.PostStep
		l.LineStyle = solid(col, 1.6)
		if cv.Color == nil {
			l.LineStyle.Width = vg.Points(2.2)
		}
		p.Add(l, &pointTips{xy: line, text: tips, r: vg.Points(3)})
		p.Legend.Add(cv.Name, l)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("figures: %s: no curve has a point", fn)
	}
	p.Legend.Add("95% confidence band", &band{fill: withAlpha(colBlack, 0.13)})
	p.Legend.Top = false
	p.Legend.Left = false
	p.Legend.YOffs = vg.Points(6)
	p.X.Min = 0
	p.X.Max = math.Max(tmax, 1)
	p.Y.Min = 0
	return New("time_to_return", p), nil
}

// band fills the region between two step curves (post-step, as the curves
// are drawn).
type band struct {
	lo, hi plotter.XYs
	fill   color.Color
}

func (b *band) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	var poly []vg.Point
	for i := range b.hi {
		if i > 0 {
			poly = append(poly, vg.Point{X: trX(b.hi[i].X), Y: trY(b.hi[i-1].Y)})
		}
		poly = append(poly, vg.Point{X: trX(b.hi[i].X), Y: trY(b.hi[i].Y)})
	}
	for i := len(b.lo) - 1; i >= 0; i-- {
		poly = append(poly, vg.Point{X: trX(b.lo[i].X), Y: trY(b.lo[i].Y)})
		if i > 0 {
			poly = append(poly, vg.Point{X: trX(b.lo[i].X), Y: trY(b.lo[i-1].Y)})
		}
	}
	c.FillPolygon(b.fill, c.ClipPolygonXY(poly))
}

// DataRange implements plot.DataRanger, so the axes hold the whole band.
func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	if len(b.lo) == 0 {
		return math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	}
	xmin, xmax, ymin, ymax = b.lo[0].X, b.lo[0].X, b.lo[0].Y, b.hi[0].Y
	for i := range b.lo {
		xmin, xmax = math.Min(xmin, b.lo[i].X), math.Max(xmax, b.lo[i].X)
		ymin, ymax = math.Min(ymin, b.lo[i].Y), math.Max(ymax, b.hi[i].Y)
	}
	return
}

func (b *band) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.fill, []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}})
}

// durationTicks labels an axis of seconds with whole days, hours, minutes
// or seconds: the step (1, 2, 5, 10, 15, 30 s or min; 1, 2, 3, 6, 12 h; 1,
// 2, 7, 14, 28 d) that gives at most eight labels, a minor tick between
// each pair.
type durationTicks struct{}

var durationSteps = []float64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
	3600, 7200, 10800, 21600, 43200, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 364 * 86400}

func (durationTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	step := durationSteps[len(durationSteps)-1]
	for _, s := range durationSteps {
		if (max-min)/s <= 8 {
			step = s
			break
		}
	}
	var ts []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+1e-9*step; k++ {
		v := k * step
		ts = append(ts, plot.Tick{Value: v, Label: fmtDuration(v)})
		if mv := v + step/2; mv <= max {
			ts = append(ts, plot.Tick{Value: mv})
		}
	}
	return ts
}

// fmtDuration writes seconds in the largest unit that divides them (days,
// hours, minutes), else in seconds or, above a day, fractional days.
func fmtDuration(s float64) string {
	if s == 0 {
		return "0"
	}
	for _, u := range []struct {
		sec  float64
		name string
	}{{86400, "d"}, {3600, "h"}, {60, "min"}} {
		if s >= u.sec && math.Mod(s, u.sec) == 0 {
			return strconv.FormatFloat(s/u.sec, 'f', -1, 64) + " " + u.name
		}
	}
	if s >= 86400 {
		return strconv.FormatFloat(s/86400, 'f', 1, 64) + " d"
	}
	if s >= 3600 {
		return strconv.FormatFloat(s/3600, 'f', 1, 64) + " h"
	}
	if s >= 60 {
		return strconv.FormatFloat(s/60, 'f', 1, 64) + " min"
	}
	return fmtNum(s) + " s"
}
