package figures

import (
	"fmt"
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// dayTicks labels an axis of UTC day numbers (days since 1970-01-01) with
// dates, choosing a step of 1, 2 or 7 days, 2 or 4 weeks, or about 2, 3,
// 6, 12 or 24 months so that at most six dates are labelled; weekly steps
// fall on Mondays.
type dayTicks struct{}

func (dayTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int64(math.Ceil(min)), int64(math.Floor(max))
	if hi < lo {
		return nil
	}
	span := hi - lo + 1
	var step int64 = 1
	for _, s := range []int64{1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1820} {
		step = s
		if span/s <= 5 {
			break
		}
	}
	first := lo
	if step%7 == 0 {
		// day 4 (1970-01-05) was a Monday
		first = lo + ((4-lo)%7+7)%7
	}
	var ts []plot.Tick
	for d := first; d <= hi; d += step {
		ts = append(ts, plot.Tick{Value: float64(d), Label: time.Unix(d*86400, 0).UTC().Format("2006-01-02")})
	}
	if step > 1 && step <= 14 {
		for d := lo; d <= hi; d++ {
			if (d-first)%step != 0 {
				ts = append(ts, plot.Tick{Value: float64(d)})
			}
		}
	}
	return ts
}

// EngagementPerDay draws the number of events per UTC calendar day, one
// line per group: times[i] is event i's time in Unix seconds and codes[i]
// its group (an index into labels, -1 for missing, drawn as a "missing"
// series when present). codes may be nil for a single series. Days without
// events count 0. times must be non-empty; codes, when given, aligned with
// times and in [-1, len(labels)).
func EngagementPerDay(title string, times []int64, codes []int32, labels []string) (*Figure, error) {
	const fn = "EngagementPerDay"
	if len(times) == 0 {
		return nil, fmt.Errorf("figures: %s: times is empty", fn)
	}
	groups := 1
	if codes != nil {
		if err := checkLen(fn, "codes", len(codes), len(times), "times"); err != nil {
			return nil, err
		}
		groups = len(labels) + 1 // last row: missing
		for i, c := range codes {
			if c < -1 || int(c) >= len(labels) {
				return nil, fmt.Errorf("figures: %s: codes[%d] is %d; want -1 (missing) or a label index in [0, %d)", fn, i, c, len(labels))
			}
		}
	}
	day := func(t int64) int64 {
		d := t / 86400
		if t%86400 < 0 {
			d--
		}
		return d
	}
	d0, d1 := day(times[0]), day(times[0])
	for _, t := range times {
		d0, d1 = min(d0, day(t)), max(d1, day(t))
	}
	days := int(d1 - d0 + 1)
	if days > 20000 {
		return nil, fmt.Errorf("figures: %s: events span %d days (%s to %s); want at most 20,000", fn, days,
			time.Unix(d0*86400, 0).UTC().Format("2006-01-02"), time.Unix(d1*86400, 0).UTC().Format("2006-01-02"))
	}
	counts := make([][]float64, groups)
	for g := range counts {
		counts[g] = make([]float64, days)
	}
	for i, t := range times {
		g := 0
		if codes != nil {
			g = int(codes[i])
			if g < 0 {
				g = groups - 1
			}
		}
		counts[g][day(t)-d0]++
	}
	p := newPlot(orDefault(title, "Engagement per day"), "day (UTC)", "events per day")
	hgrid(p)
	p.X.Tick.Marker = dayTicks{}
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{}}
	rows := 0
	for g := 0; g < groups; g++ {
		total := 0.0
		for _, c := range counts[g] {
			total += c
		}
		if total == 0 {
			continue
		}
		name := "all events"
		var col color.Color = colPrimary
		if codes != nil {
			if g == groups-1 {
				name = "missing group"
				col = colOther
			} else {
				name = labels[g]
				col = GroupColor(g)
			}
		}
		pts := make(plotter.XYs, days)
		for d := range pts {
			pts[d] = plotter.XY{X: float64(d0 + int64(d)), Y: counts[g][d]}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("figures: %s: %w", fn, err)
		}
		l.LineStyle = solid(col, 1.6)
		things := []plot.Thumbnailer{l}
		p.Add(l)
		if days <= 60 {
			sc, _ := plotter.NewScatter(pts)
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(2.3), Shape: shapes[g%len(shapes)]}
			p.Add(sc)
			things = append(things, sc)
		}
		tips := make([]string, days)
		for d := range tips {
			tips[d] = fmt.Sprintf("%s, %s: %s events", name, time.Unix((d0+int64(d))*86400, 0).UTC().Format("2006-01-02"), thousands(int64(counts[g][d])))
		}
		p.Add(&pointTips{xy: pts, text: tips, r: vg.Points(3)})
		p.Legend.Add(fmt.Sprintf("%s (%s events)", name, thousands(int64(total))), things...)
		rows++
	}
	p.Y.Min = 0
	if days == 1 {
		p.X.Min, p.X.Max = float64(d0)-1, float64(d0)+1
	} else {
		span := float64(days - 1)
		p.X.Min -= 0.02 * span
		p.X.Max += 0.02 * span
	}
	legendRoom(p, rows)
	return New("engagement_per_day", p), nil
}
