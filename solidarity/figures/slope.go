package figures

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rankTicks labels an axis of negated ranks (y = -rank) with the ranks.
type rankTicks struct{ max int }

func (r rankTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		step = s
		if r.max/s <= 10 {
			break
		}
	}
	var ts []plot.Tick
	for k := 1; k <= r.max; k++ {
		if k == 1 || k%step == 0 {
			ts = append(ts, plot.Tick{Value: -float64(k), Label: strconv.Itoa(k)})
		}
	}
	return ts
}

// SlopeChart compares two rankings of the same items, for example trending
// ranks with and without comrade engagement: each item is a line from its
// rank under A (left) to its rank under B (right), rank 1 at the top.
// Items ranked better under A than under B (that owe their rank to what B
// removes) are black, items ranked worse under A dashed grey, unchanged
// ones light grey (colour is kept for groups). Item names are written at both ends when there are at most 30
// items. Ranks must be finite and >= 1; items, rankA and rankB aligned and
// not empty.
func SlopeChart(title string, items []string, rankA, rankB []float64, labelA, labelB string) (*Figure, error) {
	const fn = "SlopeChart"
	if len(items) == 0 {
		return nil, fmt.Errorf("figures: %s: items is empty", fn)
	}
	for _, a := range []struct {
		n string
		v []float64
	}{{"rankA", rankA}, {"rankB", rankB}} {
		if err := checkLen(fn, a.n, len(a.v), len(items), "items"); err != nil {
			return nil, err
		}
		if err := checkFinite(fn, a.n, a.v); err != nil {
			return nil, err
		}
		for i, r := range a.v {
			if r < 1 {
				return nil, fmt.Errorf("figures: %s: %s[%d] is %v; want a rank >= 1", fn, a.n, i, r)
			}
		}
	}
	labelA, labelB = orDefault(labelA, "A"), orDefault(labelB, "B")
	maxRank := 1.0
	for i := range items {
		maxRank = math.Max(maxRank, math.Max(rankA[i], rankB[i]))
	}
	p := newPlot(orDefault(title, "Ranks: "+labelA+" and "+labelB), "", "rank")
	p.Y.Tick.Marker = rankTicks{max: int(math.Ceil(maxRank))}
	p.NominalX(labelA, labelB)
	p.X.Tick.Label.Font = sansFont(11)
	// Moves are not groups: black for items ranked better under A, grey for
	// worse (dashed), light grey for unchanged.
	up := Neutral[0]
	down := Neutral[1]
	var nUp, nDown, nSame int
	named := len(items) <= 30
	ts := text.Style{Color: colRef, Font: sansFont(8), YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	var lUp, lDown, lSame *plotter.Line
	// draw unchanged items first, moved items on top
	for pass := 0; pass < 2; pass++ {
		for i := range items {
			a, b := rankA[i], rankB[i]
			same := a == b
			if (pass == 0) != same {
				continue
			}
			col := color.Color(Neutral[3])
			w := 1.0
			var dashes []vg.Length
			switch {
			case a < b:
				col, w = up, 2
				nUp++
			case a > b:
				col, w = down, 1.6
				dashes = []vg.Length{vg.Points(4), vg.Points(2)}
				nDown++
			default:
				nSame++
			}
			l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -a}, {X: 1, Y: -b}})
			if err != nil {
				return nil, fmt.Errorf("figures: %s: %w", fn, err)
			}
			l.LineStyle = solid(col, w)
			l.LineStyle.Dashes = dashes
			sc, _ := plotter.NewScatter(plotter.XYs{{X: 0, Y: -a}, {X: 1, Y: -b}})
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
			p.Add(l, sc)
			switch {
			case a < b && lUp == nil:
				lUp = l
			case a > b && lDown == nil:
				lDown = l
			case a == b && lSame == nil:
				lSame = l
			}
			if named {
				left := ts
				left.XAlign = draw.XRight
				right := ts
				right.XAlign = draw.XLeft
				lab, _ := plotter.NewLabels(plotter.XYLabels{XYs: []plotter.XY{{X: 0, Y: -a}}, Labels: []string{items[i]}})
				lab.TextStyle = []text.Style{left}
				lab.Offset = vg.Point{X: -vg.Points(5)}
				rab, _ := plotter.NewLabels(plotter.XYLabels{XYs: []plotter.XY{{X: 1, Y: -b}}, Labels: []string{items[i]}})
				rab.TextStyle = []text.Style{right}
				rab.Offset = vg.Point{X: vg.Points(5)}
				p.Add(lab, rab)
			}
		}
	}
	if lUp != nil {
		p.Legend.Add(fmt.Sprintf("better rank %s than %s (%d)", labelA, labelB, nUp), lUp)
	}
	if lDown != nil {
		p.Legend.Add(fmt.Sprintf("worse rank %s than %s (%d)", labelA, labelB, nDown), lDown)
	}
	if lSame != nil {
		p.Legend.Add(fmt.Sprintf("unchanged (%d)", nSame), lSame)
	}
	p.Legend.Top = false
	p.Legend.Left = false
	p.X.Min, p.X.Max = -0.6, 1.6
	if !named {
		p.X.Min, p.X.Max = -0.25, 1.25
	}
	p.Y.Max = -1 + 0.03*maxRank
	rows := 0
	for _, l := range []*plotter.Line{lUp, lDown, lSame} {
		if l != nil {
			rows++
		}
	}
	// room at the bottom for the legend
	p.Y.Min = -maxRank - (0.04+0.06*float64(rows))*(maxRank+1)
	p.Y.Label.Text = "rank (1 = top)"
	h := vg.Length(math.Max(10, math.Min(24, 4+0.5*maxRank))) * vg.Centimeter
	return New("slope_chart", p).WithSize(14*vg.Centimeter, h), nil
}
