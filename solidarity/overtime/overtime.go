package overtime

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

// Window is the half-open time range [From, To) in Unix seconds.
type Window struct {
	Label    string
	From, To int64
}

// Point is one analysis's estimate in one window: NaN Value with a Reason
// when the window's events do not identify it.
type Point struct {
	Value, Lo, Hi float64
	Reason        string
	// Interval says what [Lo, Hi] is (e.g. "95% Wilson"), or why there is
	// none (Lo and Hi NaN): a count of detected clusters, a deterministic
	// rule, a descriptive share of dependent pairs.
	Interval string
	// Ratio marks a ratio (no effect at 1): figures draw it on a log axis
	// and Difference compares two windows by their ratio, on the log scale.
	Ratio bool
	// Scale names what Value measures where an estimator can read it on
	// more than one scale, and is empty where there is one. The comrade
	// headline keeps, in each window, the likelier of two saturation
	// shapes: "cloglog hazard ratio" or "logit odds ratio". Difference
	// says when two windows' scales differ.
	Scale string
}

// Estimate is a window's estimate.
type Estimate struct {
	Window
	Events int // events in the window
	Point
}

// Every cuts the span of the events' times into windows of width d, the
// first starting at the earliest event (aligned to d from the Unix epoch,
// so that days start at midnight UTC). MaxWindows bounds their number.
func Every(ev *events.Events, d time.Duration) ([]Window, error) {
	if d < time.Second {
		return nil, fmt.Errorf("overtime: window %v: want at least 1s", d)
	}
	if ev == nil || ev.Len() == 0 {
		return nil, errors.New("overtime: no events")
	}
	lo, hi := slices.Min(ev.Time), slices.Max(ev.Time)
	w := int64(d / time.Second)
	start := lo - ((lo%w)+w)%w
	n := (hi-start)/w + 1
	if n > MaxWindows {
		return nil, fmt.Errorf("overtime: %d windows of %v over the events' span: want at most %d (take a wider window)", n, d, MaxWindows)
	}
	out := make([]Window, 0, n)
	for t := start; t <= hi; t += w {
		out = append(out, Window{Label: time.Unix(t, 0).UTC().Format(layout(d)), From: t, To: t + w})
	}
	return out, nil
}

// MaxWindows bounds the windows Every makes.
const MaxWindows = 10_000

func layout(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return "2006-01-02"
	}
	return "2006-01-02 15:04"
}

// Between is the event-study cut: the window [t0, t1) after the date and a
// baseline window of the same length just before it, [2*t0 - t1, t0).
func Between(t0, t1 time.Time) ([]Window, error) {
	if !t1.After(t0) {
		return nil, fmt.Errorf("overtime: between %v and %v: want t0 before t1", t0, t1)
	}
	a, b := t0.Unix(), t1.Unix()
	return []Window{
		{Label: "before (baseline)", From: 2*a - b, To: a},
		{Label: "after", From: a, To: b},
	}, nil
}

// Slice returns the events with time in [from, to): a copy of the
// per-event columns, sharing the people, items, actors table and per-item
// columns (dense indices stay valid). The raw Table is left out (nil).
//
// The window's items are those posted in it (Events.ItemTime) or engaged
// in it: the others get ItemAuthor -1 in the slice (a copied column), as
// items of unknown author, so that analyses which count every item of the
// table (comrades' exposures, trending's share of items) count the
// window's, not the whole data's.
func Slice(ev *events.Events, from, to int64) *events.Events {
	out := *ev
	out.Table = nil
	out.Actor, out.Author, out.Item, out.Kind, out.Time, out.Quality = nil, nil, nil, nil, nil, nil
	if ev.ItemAuthor != nil {
		out.ItemAuthor = make([]int32, len(ev.ItemAuthor))
		for it, v := range ev.ItemAuthor {
			out.ItemAuthor[it] = -1
			if it < len(ev.ItemTime) && ev.ItemTime[it] >= from && ev.ItemTime[it] < to {
				out.ItemAuthor[it] = v
			}
		}
	}
	for e, t := range ev.Time {
		if t < from || t >= to {
			continue
		}
		if out.ItemAuthor != nil && int(ev.Item[e]) < len(ev.ItemAuthor) {
			out.ItemAuthor[ev.Item[e]] = ev.ItemAuthor[ev.Item[e]]
		}
		out.Actor = append(out.Actor, ev.Actor[e])
		out.Author = append(out.Author, ev.Author[e])
		out.Item = append(out.Item, ev.Item[e])
		out.Kind = append(out.Kind, ev.Kind[e])
		out.Time = append(out.Time, t)
		if ev.Quality != nil {
			out.Quality = append(out.Quality, ev.Quality[e])
		}
	}
	return &out
}

// Run applies estimate to the events of every window, in order; progress,
// when not nil, is called after each. An error of estimate stops the run
// and names the window.
func Run(ev *events.Events, windows []Window, estimate func(*events.Events) (Point, error), progress func(done, total int)) ([]Estimate, error) {
	if ev == nil {
		return nil, errors.New("overtime: no events")
	}
	out := make([]Estimate, 0, len(windows))
	for k, w := range windows {
		sub := Slice(ev, w.From, w.To)
		e := Estimate{Window: w, Events: sub.Len()}
		if sub.Len() == 0 {
			e.Point = Point{Value: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Reason: "no events in the window"}
		} else {
			p, err := estimate(sub)
			if err != nil {
				return nil, fmt.Errorf("overtime: window %s: %w", w.Label, err)
			}
			e.Point = p
		}
		out = append(out, e)
		if progress != nil {
			progress(k+1, len(windows))
		}
	}
	return out, nil
}

// Figure draws the estimates as a dot-and-whisker plot, one row per
// window, oldest on top (Log for ratios, whose line of no effect is 1).
// Where the windows' estimates are on different scales (Point.Scale: the
// comrade headline's hazard ratio in one window, odds ratio in another),
// each row's label names its scale, since the rows share one axis.
func Figure(est []Estimate, opt figures.EstimatesOptions) (*figures.Figure, error) {
	labels := figureLabels(est)
	s := figures.Series{Values: make([]float64, len(est)), Lo: make([]float64, len(est)), Hi: make([]float64, len(est))}
	for i, e := range est {
		s.Values[i], s.Lo[i], s.Hi[i] = e.Value, e.Lo, e.Hi
	}
	if opt.Name == "" {
		opt.Name = "overtime"
	}
	return figures.Estimates(labels, []figures.Series{s}, opt)
}

// figureLabels is each window's label, followed by its estimate's scale
// where the windows' scales differ.
func figureLabels(est []Estimate) []string {
	labels := make([]string, len(est))
	mixed := false
	for i, e := range est {
		labels[i] = e.Label
		mixed = mixed || e.Scale != est[0].Scale
	}
	if mixed {
		for i, e := range est {
			if e.Scale != "" {
				labels[i] += " (" + e.Scale + ")"
			}
		}
	}
	return labels
}

// ReturnShare is an estimator for Run: the share of engagements returned
// within opt.Window (reciprocal.Analyze's p_return, with its 95% Wilson
// interval). Units too close to the window's end to be seen whole are left
// out, as reciprocal does at the end of the data.
func ReturnShare(opt reciprocal.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := reciprocal.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return ReturnSharePoint(r), nil
	}
}
