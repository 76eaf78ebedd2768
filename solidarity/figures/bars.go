package figures

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bars is a plot.Plotter drawing vertical bars at X positions 0, 1, 2, ...
// (plus Offset) with optional confidence intervals and value annotations.
// NaN values are undefined: no bar is drawn and "n/a" is written at the base.

type Bars struct {
	Values []float64
	// Lo and Hi, when not nil, are the ends of an interval drawn as an
	// error bar on each bar (NaN ends are skipped).
	Lo, Hi []float64
	// Colors are the fill colours, one per bar or one for all.
	Colors []color.Color
	// Width is the bar width in X data units; Offset shifts every bar.
	Width, Offset float64
	// Annotate writes each value above its bar.
	Annotate bool
	// Format formats annotations; nil uses the package's number format.
	Format func(float64) string
	// Outline is the bar outline style.
	Outline draw.LineStyle
	// TextStyle is the annotation style.
	TextStyle text.Style
	// FromAxisMin starts bars at the bottom of the Y axis instead of 0,
	// for axes of log values.
	FromAxisMin bool
	// Tips are the bars' SVG tooltips, one per bar (nil: none).
	Tips []string
}

// NewBars returns bars for values, rejecting empty input, ±Inf, and
// intervals of the wrong length or with Lo > Hi. NaN values are allowed and
// mean "undefined".
func NewBars(values, lo, hi []float64, fill color.Color) (*Bars, error) {
	if len(values) == 0 {
		return nil, fmt.Errorf("figures: NewBars: values is empty")
	}
	if err := checkNotInf("NewBars", "values", values); err != nil {
		return nil, err
	}
	if (lo == nil) != (hi == nil) {
		return nil, fmt.Errorf("figures: NewBars: give both lo and hi, or neither")
	}
	if lo != nil {
		if err := checkLen("NewBars", "lo", len(lo), len(values), "values"); err != nil {
			return nil, err
		}
		if err := checkLen("NewBars", "hi", len(hi), len(values), "values"); err != nil {
			return nil, err
		}
		if err := checkNotInf("NewBars", "lo", lo); err != nil {
			return nil, err
		}
		if err := checkNotInf("NewBars", "hi", hi); err != nil {
			return nil, err
		}
		for i := range lo {
			if lo[i] > hi[i] {
				return nil, fmt.Errorf("figures: NewBars: interval %d is [%v, %v]; want lo <= hi", i, lo[i], hi[i])
			}
		}
	}
	b := &Bars{
		Values:  append([]float64(nil), values...),
		Colors:  []color.Color{fill},
		Width:   0.7,
		Outline: solid(color.NRGBA{0x40, 0x40, 0x40, 0xFF}, 0.5),
		TextStyle: text.Style{Color: colBlack, Font: sansFont(8.5), XAlign: draw.XCenter,
			YAlign: draw.YBottom, Handler: plot.DefaultTextHandler},
	}
	if lo != nil {
		b.Lo = append([]float64(nil), lo...)
		b.Hi = append([]float64(nil), hi...)
	}
	return b, nil
}

func (b *Bars) color(i int) color.Color {
	if len(b.Colors) == 0 {
		return colPrimary
	}
	return b.Colors[i%len(b.Colors)]
}

// Plot implements plot.Plotter.
func (b *Bars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	base := 0.0
	if b.FromAxisMin {
		base = plt.Y.Min
	}
	format := b.Format
	if format == nil {
		format = fmtNum
	}
	for i, v := range b.Values {
		x := float64(i) + b.Offset
		x0, x1 := trX(x-b.Width/2), trX(x+b.Width/2)
		y0 := trY(base)
		if math.IsNaN(v) {
			c.FillText(b.TextStyle, vg.Point{X: trX(x), Y: y0 + vg.Points(2)}, "n/a")
			continue
		}
		y1 := trY(v)
		if b.Tips != nil {
			addTip(c, vg.Point{X: trX(x), Y: y1}, (x1-x0)/2, b.Tips[i])
		}
		poly := c.ClipPolygonY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		c.FillPolygon(b.color(i), poly)
		outline := c.ClipLinesY([]vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
		c.StrokeLines(b.Outline, outline...)
		top := y1
		if b.Lo != nil && !math.IsNaN(b.Lo[i]) && !math.IsNaN(b.Hi[i]) {
			lo, hi := trY(b.Lo[i]), trY(b.Hi[i])
			cap := (x1 - x0) / 5
			xm := trX(x)
			ls := solid(colBlack, 1)
			c.StrokeLines(ls, c.ClipLinesY([]vg.Point{{X: xm, Y: lo}, {X: xm, Y: hi}})...)
			c.StrokeLines(ls, c.ClipLinesY([]vg.Point{{X: xm - cap, Y: lo}, {X: xm + cap, Y: lo}})...)
			c.StrokeLines(ls, c.ClipLinesY([]vg.Point{{X: xm - cap, Y: hi}, {X: xm + cap, Y: hi}})...)
			top = max(top, hi, lo)
		}
		if b.Annotate {
			if v < base {
				// below a bar that hangs under the base line
				bottom := y1
				if b.Lo != nil && !math.IsNaN(b.Lo[i]) {
					bottom = min(bottom, trY(b.Lo[i]))
				}
				st := b.TextStyle
				st.YAlign = draw.YTop
				c.FillText(st, vg.Point{X: trX(x), Y: bottom - vg.Points(2)}, format(v))
			} else {
				c.FillText(b.TextStyle, vg.Point{X: trX(x), Y: max(top, y0) + vg.Points(2)}, format(v))
			}
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *Bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin = b.Offset - b.Width/2
	xmax = float64(len(b.Values)-1) + b.Offset + b.Width/2
	ymin, ymax = math.Inf(1), math.Inf(-1)
	upd := func(v float64) {
		if !math.IsNaN(v) {
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
		}
	}
	for i, v := range b.Values {
		upd(v)
		if b.Lo != nil {
			upd(b.Lo[i])
			upd(b.Hi[i])
		}
	}
	if math.IsInf(ymin, 1) {
		ymin, ymax = 0, 1
	}
	if !b.FromAxisMin {
		ymin = math.Min(ymin, 0)
		ymax = math.Max(ymax, 0)
	}
	return
}

// Thumbnail implements plot.Thumbnailer, for legends.
func (b *Bars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Max.X, Y: c.Min.Y}}
	c.FillPolygon(b.color(0), c.ClipPolygonY(pts))
	c.StrokeLines(b.Outline, append(pts, pts[0]))
}

// headroom widens the top of a linear Y axis so annotations above bars fit.
func headroom(p *plot.Plot, frac float64) {
	span := p.Y.Max - p.Y.Min
	if span <= 0 {
		span = 1
	}
	p.Y.Max += frac * span
}

// refMarks draws a short horizontal reference segment over each bar
// position (NaN values are skipped), used for "expected" values.
type refMarks struct {
	values []float64
	width  float64
	offset float64
	style  draw.LineStyle
}

func (r *refMarks) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for i, v := range r.values {
		if math.IsNaN(v) {
			continue
		}
		x := float64(i) + r.offset
		y := trY(v)
		c.StrokeLines(r.style, c.ClipLinesXY([]vg.Point{{X: trX(x - r.width/2), Y: y}, {X: trX(x + r.width/2), Y: y}})...)
	}
}

func (r *refMarks) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = r.offset-r.width/2, float64(len(r.values)-1)+r.offset+r.width/2
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, v := range r.values {
		if !math.IsNaN(v) {
			ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
		}
	}
	if math.IsInf(ymin, 1) {
		ymin, ymax = 0, 0
	}
	return
}

func (r *refMarks) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
}

// hline is a horizontal reference line across the whole plot.
type hline struct {
	y     float64
	style draw.LineStyle
}

func (h *hline) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	y := trY(h.y)
	c.StrokeLines(h.style, c.ClipLinesY([]vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})...)
}
func (h *hline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), h.y, h.y
}
func (h *hline) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// vline is a vertical reference line across the whole plot.
type vline struct {
	x     float64
	style draw.LineStyle
}

func (v *vline) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	x := trX(v.x)
	c.StrokeLines(v.style, c.ClipLinesX([]vg.Point{{X: x, Y: c.Min.Y}, {X: x, Y: c.Max.Y}})...)
}
func (v *vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.x, v.x, math.Inf(1), math.Inf(-1)
}
func (v *vline) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(v.style, c.Min.X, y, c.Max.X, y)
}

// fixedFormat returns a formatter with one number of decimals for all the
// annotations of a chart: two below 10, one below 100, none above.
func fixedFormat(values ...[]float64) func(float64) string {
	m := 0.0
	for _, vs := range values {
		for _, v := range vs {
			if !math.IsNaN(v) {
				m = math.Max(m, math.Abs(v))
			}
		}
	}
	dec := 0
	switch {
	case m < 10:
		dec = 2
	case m < 100:
		dec = 1
	}
	return func(v float64) string {
		if math.IsNaN(v) {
			return "n/a"
		}
		if dec == 0 {
			return fmtNum(math.Round(v))
		}
		return strconv.FormatFloat(v, 'f', dec, 64)
	}
}
