package figures

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// OneValue is the error a figure constructor returns when its data are a
// single number (one bar, one dot): such a figure says less than a
// sentence, so the constructor returns the sentence instead, for a caption
// or a report. Test for it with errors.As.
type OneValue struct {
	// Sentence states the value, its interval and what it is.
	Sentence string
}

func (e *OneValue) Error() string {
	return "figures: a single value reads better as a sentence: " + e.Sentence
}

// oneValue builds the sentence for a single estimate.
func oneValue(title, label string, v, lo, hi float64) *OneValue {
	var b strings.Builder
	if title != "" {
		b.WriteString(strings.ReplaceAll(title, "\n", ", "))
		b.WriteString(": ")
	}
	if label != "" {
		b.WriteString(label)
		b.WriteString(" = ")
	}
	b.WriteString(fmtNum(v))
	if !math.IsNaN(lo) && !math.IsNaN(hi) {
		fmt.Fprintf(&b, " (interval %s to %s)", fmtNum(lo), fmtNum(hi))
	}
	b.WriteString(".")
	return &OneValue{Sentence: b.String()}
}

// DotWhisker is a plot.Plotter drawing estimates as dots with interval
// whiskers, one row per estimate, row 0 at the top (Y = rows-1-i+Offset),
// values along X. NaN values are undefined and written "n/a" at the left.
type DotWhisker struct {
	Values []float64
	// Lo and Hi, when not nil, are the interval ends (NaN ends skip the
	// whisker).
	Lo, Hi []float64
	// Colors are the dots' colours, one per row or one for all.
	Colors []color.Color
	// Shape and Radius are the dots' glyph.
	Shape  draw.GlyphDrawer
	Radius vg.Length
	// Offset shifts every row, for several series per row.
	Offset float64
	// Whisker is the interval line style.
	Whisker draw.LineStyle
	// Tips are the SVG tooltips, one per row (nil: none).
	Tips []string
	// Notes, when not nil, are written right of each row's dot and
	// whisker (an undefined row shows its note in place of "n/a").
	Notes []string
}

// NewDotWhisker returns dots for values with intervals [lo, hi] (both nil
// or both aligned with values, lo <= hi). Empty input, ±Inf, misaligned
// intervals or lo > hi are errors; NaN means undefined.
func NewDotWhisker(values, lo, hi []float64) (*DotWhisker, error) {
	const fn = "NewDotWhisker"
	if len(values) == 0 {
		return nil, fmt.Errorf("figures: %s: values is empty", fn)
	}
	if err := checkNotInf(fn, "values", values); err != nil {
		return nil, err
	}
	if (lo == nil) != (hi == nil) {
		return nil, fmt.Errorf("figures: %s: give both lo and hi, or neither", fn)
	}
	d := &DotWhisker{Values: append([]float64(nil), values...), Colors: []color.Color{Neutral[0]},
		Shape: draw.CircleGlyph{}, Radius: vg.Points(3.2), Whisker: solid(Neutral[0], 1.4)}
	if lo != nil {
		for _, a := range []struct {
			n string
			v []float64
		}{{"lo", lo}, {"hi", hi}} {
			if err := checkLen(fn, a.n, len(a.v), len(values), "values"); err != nil {
				return nil, err
			}
			if err := checkNotInf(fn, a.n, a.v); err != nil {
				return nil, err
			}
		}
		for i := range lo {
			if lo[i] > hi[i] {
				return nil, fmt.Errorf("figures: %s: interval %d is [%v, %v]; want lo <= hi", fn, i, lo[i], hi[i])
			}
		}
		d.Lo, d.Hi = append([]float64(nil), lo...), append([]float64(nil), hi...)
	}
	return d, nil
}

func (d *DotWhisker) y(i int) float64 { return float64(len(d.Values)-1-i) + d.Offset }

// Plot implements plot.Plotter.
func (d *DotWhisker) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	na := plainText(8.5)
	for i, v := range d.Values {
		y := trY(d.y(i))
		if math.IsNaN(v) {
			t := "n/a"
			if d.Notes != nil && d.Notes[i] != "" {
				t = d.Notes[i]
			}
			c.FillText(na, vg.Point{X: c.Min.X + vg.Points(3), Y: y}, t)
			continue
		}
		col := d.Colors[i%len(d.Colors)]
		if d.Lo != nil && !math.IsNaN(d.Lo[i]) && !math.IsNaN(d.Hi[i]) {
			ws := d.Whisker
			ws.Color = col
			c.StrokeLines(ws, c.ClipLinesX([]vg.Point{{X: trX(d.Lo[i]), Y: y}, {X: trX(d.Hi[i]), Y: y}})...)
		}
		pt := vg.Point{X: trX(v), Y: y}
		if c.Contains(pt) {
			c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: d.Radius, Shape: d.Shape}, pt)
		}
		if d.Tips != nil {
			addTip(c, pt, d.Radius+vg.Points(1), d.Tips[i])
		}
		if d.Notes != nil && d.Notes[i] != "" {
			right := pt.X
			if d.Hi != nil && !math.IsNaN(d.Hi[i]) {
				right = max(right, trX(d.Hi[i]))
			}
			c.FillText(na, vg.Point{X: right + d.Radius + vg.Points(3), Y: y}, d.Notes[i])
		}
	}
}

// DataRange implements plot.DataRanger.
func (d *DotWhisker) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	upd := func(v float64) {
		if !math.IsNaN(v) {
			xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
		}
	}
	for i, v := range d.Values {
		upd(v)
		if d.Lo != nil {
			upd(d.Lo[i])
			upd(d.Hi[i])
		}
	}
	if math.IsInf(xmin, 1) {
		xmin, xmax = 0, 1
	}
	return xmin, xmax, d.y(len(d.Values) - 1), d.y(0)
}

// Thumbnail implements plot.Thumbnailer.
func (d *DotWhisker) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	if d.Lo != nil {
		ws := d.Whisker
		ws.Color = d.Colors[0]
		c.StrokeLine2(ws, c.Min.X, y, c.Max.X, y)
	}
	c.DrawGlyph(draw.GlyphStyle{Color: d.Colors[0], Radius: d.Radius, Shape: d.Shape}, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y})
}

// Series is one set of estimates across the rows of an Estimates figure.
type Series struct {
	// Name is the legend entry ("" for none, as for a single series).
	Name string
	// Values are the estimates, one per row; Lo and Hi, when not nil,
	// their interval ends. NaN is undefined.
	Values, Lo, Hi []float64
	// Colors are the dots' colours, one per row (for example GroupColor of
	// each row's group) or one for all; nil: SeriesColor of the series.
	Colors []color.Color
	// Notes, when not nil, are short texts written right of each row's
	// estimate (one per row; "" for none), such as a count and a share.
	Notes []string
}

// EstimatesOptions are the labels and reference marks of an Estimates
// figure.
type EstimatesOptions struct {
	Title, XLabel string
	// Log draws the values on a logarithmic axis: for ratios (lifts, odds
	// ratios, amplification), whose 0.5 and 2 are equally far from 1.
	// Values and interval ends must then be > 0.
	Log bool
	// Ref is the value of no effect, drawn as a dashed vertical line: 0
	// for coefficients, 1 for ratios (the default when Log and Ref is 0).
	// NoRef leaves the line out.
	Ref   float64
	NoRef bool
	// Planted are the true values of a simulation, one per row (NaN:
	// unknown), drawn as crosses; nil: none.
	Planted []float64
	// Name is the figure's file-name stem ("estimates" if empty).
	Name string
}

// Estimates draws point estimates with their intervals as a dot-and-whisker
// plot: one row per label, top to bottom, a dot per series (offset within
// the row when there are several), the reference value of no effect as a
// dashed line and, when known, the planted value as a cross. A log axis
// (opt.Log) suits ratios. Each dot's SVG tooltip gives the row, the series,
// the value and its interval.
//
// One row of one series is a single number: Estimates returns a *OneValue
// error holding the sentence to print instead. Empty or misaligned input,
// ±Inf, lo > hi, or (with Log) a value <= 0 are errors.
func Estimates(labels []string, series []Series, opt EstimatesOptions) (*Figure, error) {
	const fn = "Estimates"
	if len(labels) == 0 || len(series) == 0 {
		return nil, fmt.Errorf("figures: %s: labels and series must not be empty", fn)
	}
	if opt.Planted != nil {
		if err := checkLen(fn, "Planted", len(opt.Planted), len(labels), "labels"); err != nil {
			return nil, err
		}
		if err := checkNotInf(fn, "Planted", opt.Planted); err != nil {
			return nil, err
		}
	}
	ref := opt.Ref
	if opt.Log && ref == 0 {
		ref = 1
	}
	if math.IsNaN(ref) || math.IsInf(ref, 0) || (opt.Log && ref <= 0) {
		return nil, fmt.Errorf("figures: %s: Ref is %v; want a finite number (> 0 on a log axis)", fn, ref)
	}
	tr := func(v float64) float64 { return v }
	if opt.Log {
		tr = func(v float64) float64 {
			if math.IsNaN(v) {
				return v
			}
			return math.Log10(v)
		}
	}
	p := newPlot(opt.Title, opt.XLabel, "")
	if opt.Log {
		setLog10(&p.X)
		if p.X.Label.Text != "" {
			p.X.Label.Text += " (log scale)"
		}
	}
	vgrid(p)
	k := len(series)
	rows := 0
	hasNotes := false
	for s, se := range series {
		if err := checkLen(fn, fmt.Sprintf("series %d values", s), len(se.Values), len(labels), "labels"); err != nil {
			return nil, err
		}
		if k == 1 && len(labels) == 1 {
			if err := checkNotInf(fn, "values", se.Values); err != nil {
				return nil, err
			}
			lo, hi := math.NaN(), math.NaN()
			if se.Lo != nil && se.Hi != nil {
				lo, hi = se.Lo[0], se.Hi[0]
			}
			return nil, oneValue(opt.Title, labels[0], se.Values[0], lo, hi)
		}
		vals := make([]float64, len(se.Values))
		var lo, hi []float64
		if se.Lo != nil || se.Hi != nil {
			if len(se.Lo) != len(labels) || len(se.Hi) != len(labels) {
				return nil, fmt.Errorf("figures: %s: series %d: Lo and Hi must both have one value per label", fn, s)
			}
			lo, hi = make([]float64, len(labels)), make([]float64, len(labels))
		}
		tips := make([]string, len(labels))
		for i, v := range se.Values {
			if opt.Log {
				for _, x := range []float64{v, at(se.Lo, i), at(se.Hi, i)} {
					if x <= 0 {
						return nil, fmt.Errorf("figures: %s: series %d, row %d (%s): %v on a log axis; want values > 0 (or NaN)", fn, s, i, labels[i], x)
					}
				}
			}
			vals[i] = tr(v)
			if lo != nil {
				lo[i], hi[i] = tr(se.Lo[i]), tr(se.Hi[i])
			}
			t := labels[i]
			if se.Name != "" {
				t += ", " + se.Name
			}
			t += ": " + fmtNum(v)
			if lo != nil && !math.IsNaN(se.Lo[i]) {
				t += fmt.Sprintf(" [%s, %s]", fmtNum(se.Lo[i]), fmtNum(se.Hi[i]))
			}
			tips[i] = t
		}
		d, err := NewDotWhisker(vals, lo, hi)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: series %d: %w", fn, s, err)
		}
		d.Tips = tips
		if se.Notes != nil {
			if err := checkLen(fn, fmt.Sprintf("series %d notes", s), len(se.Notes), len(labels), "labels"); err != nil {
				return nil, err
			}
			d.Notes = append([]string(nil), se.Notes...)
			hasNotes = true
		}
		if se.Colors != nil {
			d.Colors = append([]color.Color(nil), se.Colors...)
		} else {
			d.Colors = []color.Color{SeriesColor(s)}
		}
		if k > 1 {
			d.Offset = 0.22 - 0.44*float64(s)/float64(k-1)
			d.Shape = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}}[s%4]
		}
		p.Add(d)
		if se.Name != "" {
			p.Legend.Add(se.Name, d)
			rows++
		}
	}
	if !opt.NoRef {
		v := &vline{x: tr(ref), style: dashed(colRef, 1)}
		p.Add(v)
		p.Legend.Add("no effect ("+fmtNum(ref)+")", v)
		rows++
	}
	if opt.Planted != nil {
		pl := make([]float64, len(opt.Planted))
		any := false
		for i, v := range opt.Planted {
			if opt.Log && v <= 0 {
				return nil, fmt.Errorf("figures: %s: Planted[%d] is %v on a log axis; want > 0", fn, i, v)
			}
			pl[i] = tr(v)
			any = any || !math.IsNaN(v)
		}
		if any {
			d, _ := NewDotWhisker(pl, nil, nil)
			d.Shape, d.Radius, d.Colors = draw.CrossGlyph{}, vg.Points(4.5), []color.Color{colBlack}
			p.Add(d)
			p.Legend.Add("planted value", d)
			rows++
		}
	}
	rev := make([]string, len(labels))
	for i, l := range labels {
		rev[len(labels)-1-i] = l
	}
	p.NominalY(rev...)
	p.Y.Min -= 0.5
	p.Y.Max += 0.5
	p.Y.Tick.Label.Font = sansFont(10)
	// room for the legend above the top row
	p.Y.Max += 0.45 * float64(rows) * math.Max(1, float64(len(labels))/4)
	span := p.X.Max - p.X.Min
	if span <= 0 {
		// one value: a unit (on a log axis, a decade) around it
		span = 1
		p.X.Min -= 0.5
		p.X.Max += 0.5
	}
	p.X.Min -= 0.06 * span
	p.X.Max += 0.06 * span
	if hasNotes {
		// room for the notes right of the last dot
		p.X.Max += 0.3 * span
	}
	// The figure says what its marks are, for the caption under it.
	var notes []string
	if !opt.NoRef {
		notes = append(notes, "The dashed line is "+fmtNum(ref)+", no effect")
		if opt.Log {
			notes[0] += "; the axis is logarithmic, so " + fmtNum(2*ref) + " and " + fmtNum(ref/2) + " are equally far from it"
		}
	} else if opt.Log {
		notes = append(notes, "The axis is logarithmic")
	}
	if opt.Planted != nil && rows > 0 && hasPlanted(opt.Planted) {
		notes = append(notes, "Crosses mark the planted (true) values")
	}
	caption := ""
	if len(notes) > 0 {
		caption = strings.Join(notes, ". ") + "."
	}
	h := vg.Length(math.Min(18, 4.5+1.1*float64(len(labels))*math.Max(1, float64(k)/1.5)+0.5*float64(rows))) * vg.Centimeter
	f := New(orDefault(opt.Name, "estimates"), p).WithSize(DefaultWidth, h)
	f.Caption = caption
	return f, nil
}

func hasPlanted(v []float64) bool {
	for _, x := range v {
		if !math.IsNaN(x) {
			return true
		}
	}
	return false
}

func at(v []float64, i int) float64 {
	if v == nil {
		return math.NaN()
	}
	return v[i]
}

// vgrid adds light vertical grid lines at the X ticks.
func vgrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Horizontal.Color = nil
	g.Vertical = solid(colGrid, 0.6)
	p.Add(g)
}

// plainText is the package's text style at size points, left-aligned and
// vertically centred.
func plainText(size vg.Length) text.Style {
	return text.Style{Color: colRef, Font: sansFont(size), XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
}
