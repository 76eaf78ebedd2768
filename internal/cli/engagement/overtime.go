package engagement

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/overtime"
)

// timeFlags are --every and --between: the analysis per time window, and
// --figure, the per-window estimate drawn.
type timeFlags struct {
	every, between, figure string
}

func (t *timeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.every, "every", "", "run the analysis per time window of this length (e.g. 1d, 12h, 30m)")
	fs.StringVar(&t.between, "between", "", "event study: run it on T0,T1 and on the baseline window of the same length before T0 (dates 2006-01-02, RFC 3339 times or Unix seconds); the output adds after minus before (after / before for ratios) with its interval")
	fs.StringVar(&t.figure, "figure", "", "with --every or --between: draw each window's estimate with its interval to this file (.svg, .png or .pdf)")
}

// measure is the one number per window of an analysis, read from its
// result (package overtime's points), and its axis label.
type measure struct {
	label string
	point func(v any) (overtime.Point, bool)
}

// measures name each analysis's per-window estimate.
var measures = map[string]measure{
	"comrades":     {"comrade ratio within actor and item (fixed effects: hazard or odds ratio, the likelier; interval spanning both)", pointOf(overtime.ComradeRateRatioPoint)},
	"reciprocity":  {"share of engagements returned within --window seconds", pointOf(overtime.ReturnSharePoint)},
	"trending":     {"share of trending slots owed to comrade engagement", pointOf(overtime.TrendingOwedPoint)},
	"echo":         {"echo correlation: leaning against neighbours' leaning", pointOf(overtime.EchoCorrelationPoint)},
	"coordination": {"co-engagement clusters at q < 0.05 (timing null)", pointOf(overtime.CoordinatedClustersPoint)},
}

// pointOf adapts an overtime reader of one result type to the runFunc's
// untyped result (false when the result is of another type).
func pointOf[R any](read func(R) overtime.Point) func(v any) (overtime.Point, bool) {
	return func(v any) (overtime.Point, bool) {
		r, ok := v.(R)
		if !ok {
			return overtime.Point{}, false
		}
		return read(r), true
	}
}

// windows returns the windows asked for, or nil for the whole data.
func (t *timeFlags) windows(ev *events.Events) ([]overtime.Window, error) {
	if t.figure != "" {
		switch strings.ToLower(filepath.Ext(t.figure)) {
		case ".svg", ".png", ".pdf":
		default:
			return nil, cmdutil.Usagef("--figure %q: want a file name ending in .svg, .png or .pdf", t.figure)
		}
	}
	switch {
	case t.every != "" && t.between != "":
		return nil, cmdutil.Usagef("--every and --between: give one")
	case t.every != "":
		d, err := parseSpan(t.every)
		if err != nil {
			return nil, cmdutil.Usagef("--every %q: %v", t.every, err)
		}
		w, err := overtime.Every(ev, d)
		if err != nil {
			return nil, cmdutil.Usagef("--every: %v", err)
		}
		return w, nil
	case t.between != "":
		a, b, ok := strings.Cut(t.between, ",")
		if !ok {
			return nil, cmdutil.Usagef("--between %q: want T0,T1", t.between)
		}
		t0, err := parseWhen(a)
		if err != nil {
			return nil, cmdutil.Usagef("--between T0 %q: %v", a, err)
		}
		t1, err := parseWhen(b)
		if err != nil {
			return nil, cmdutil.Usagef("--between T1 %q: %v", b, err)
		}
		w, err := overtime.Between(t0, t1)
		if err != nil {
			return nil, cmdutil.Usagef("--between: %v", err)
		}
		return w, nil
	}
	if t.figure != "" {
		return nil, cmdutil.Usagef("--figure draws the windows of --every or --between: give one")
	}
	return nil, nil
}

func parseSpan(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		k, err := strconv.Atoi(n)
		if err != nil || k <= 0 || k > 100_000 {
			return 0, fmt.Errorf("want a positive number of days such as 1d")
		}
		return time.Duration(k) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("want a length such as 1d, 12h or 30m")
	}
	return d, nil
}

func parseWhen(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("want a date 2006-01-02, an RFC 3339 time or Unix seconds")
}

// pointJSON is an estimate in --every / --between output.
type pointJSON struct {
	Value    jsonnum.Number    `json:"value"`
	CI       [2]jsonnum.Number `json:"ci"`
	Interval string            `json:"interval"`
	Ratio    bool              `json:"ratio,omitempty"`
	Reason   string            `json:"reason,omitempty"`
	Scale    string            `json:"scale,omitempty"`
}

func toJSON(p overtime.Point) *pointJSON {
	return &pointJSON{Value: jsonnum.Number(p.Value), CI: [2]jsonnum.Number{jsonnum.Number(p.Lo), jsonnum.Number(p.Hi)},
		Interval: p.Interval, Ratio: p.Ratio, Reason: p.Reason, Scale: p.Scale}
}

// windowResult is one window's analysis in --every / --between output.
type windowResult struct {
	Window   string     `json:"window"`
	From     int64      `json:"from"`
	To       int64      `json:"to"`
	Events   int        `json:"events"`
	Estimate *pointJSON `json:"estimate,omitempty"`
	Result   any        `json:"result,omitempty"`
	Reason   string     `json:"reason,omitempty"`
}

// overTimeResult is the output of --every / --between.
type overTimeResult struct {
	// Measure names the per-window estimate; Difference is after minus
	// before (after / before for ratios) with --between.
	Measure    string         `json:"measure"`
	Windows    []windowResult `json:"windows"`
	Difference *pointJSON     `json:"difference,omitempty"`
	Figure     string         `json:"figure,omitempty"`
	Caveat     string         `json:"caveat"`
	estimates  []overtime.Estimate
}

// runWindows runs the analysis name on each window, reads its estimate,
// and with --between the difference; with --figure it draws them.
func (t *timeFlags) runWindows(name string, ev *events.Events, ws []overtime.Window, run runFunc, sh shared) (*overTimeResult, error) {
	m, hasMeasure := measures[name]
	out := &overTimeResult{Measure: m.label, Caveat: "Each window is analysed on its own events and items (posted or engaged in it): engagements answered or co-engaged across a window's end are cut there, and a change between windows is a change in the measure, not by itself the effect of what happened at the cut."}
	for _, w := range ws {
		sub := overtime.Slice(ev, w.From, w.To)
		wr := windowResult{Window: w.Label, From: w.From, To: w.To, Events: sub.Len()}
		e := overtime.Estimate{Window: w, Events: sub.Len(), Point: overtime.Point{Value: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}}
		if sub.Len() == 0 {
			wr.Reason = "no events in the window"
		} else {
			v, err := run(sub, sh)
			if err != nil {
				var ue *cmdutil.UsageError
				if errors.As(err, &ue) {
					return nil, err
				}
				wr.Reason = err.Error()
			} else {
				wr.Result = v
				if hasMeasure {
					if p, ok := m.point(v); ok {
						e.Point = p
					}
				}
			}
		}
		if e.Reason == "" {
			e.Reason = wr.Reason
		}
		if hasMeasure {
			wr.Estimate = toJSON(e.Point)
		}
		out.estimates = append(out.estimates, e)
		out.Windows = append(out.Windows, wr)
	}
	if t.between != "" && len(out.estimates) == 2 && hasMeasure {
		out.Difference = toJSON(overtime.Difference(out.estimates[0], out.estimates[1]))
	}
	if t.figure != "" {
		if err := t.draw(analyses[name].title, out); err != nil {
			return nil, err
		}
		out.Figure = t.figure
	}
	return out, nil
}

// draw writes the per-window estimates to --figure.
func (t *timeFlags) draw(title string, r *overTimeResult) error {
	if r.Measure == "" {
		return cmdutil.Usagef("--figure: this analysis has no per-window estimate to draw")
	}
	opt := figures.EstimatesOptions{Title: title + " per window", XLabel: r.Measure, Name: "overtime"}
	if r.Measure == measures["trending"].label || r.Measure == measures["coordination"].label {
		opt.NoRef = true // a share or a count: 0 is not "no effect"
	}
	ratio := len(r.estimates) > 0
	for _, e := range r.estimates {
		ratio = ratio && e.Ratio && !(e.Value <= 0 || e.Lo <= 0)
	}
	opt.Log = ratio
	if d := r.Difference; d != nil {
		op := "after - before"
		if d.Ratio {
			op = "after / before"
		}
		opt.Title = fmt.Sprintf("%s: %s = %s", title, op, pointText(d))
	}
	fig, err := overtime.Figure(r.estimates, opt)
	if err != nil {
		var one *figures.OneValue
		if errors.As(err, &one) {
			return fmt.Errorf("--figure %s: one window, nothing to draw: %v", t.figure, err)
		}
		return fmt.Errorf("--figure %s: %v", t.figure, err)
	}
	if err := fig.Save(t.figure); err != nil {
		return fmt.Errorf("--figure: %w", err)
	}
	return nil
}

// pointText is "0.412 [0.301, 0.520]", or the value and why there is no
// interval, followed by the scale where the estimate names one ("4.2
// [3.7, 6.3] cloglog hazard ratio").
func pointText(p *pointJSON) string {
	v := float64(p.Value)
	if math.IsNaN(v) {
		return "undefined (" + p.Reason + ")"
	}
	var scale string
	if p.Scale != "" {
		scale = " " + p.Scale
	}
	if math.IsNaN(float64(p.CI[0])) {
		return fmt.Sprintf("%.4g%s (%s)", v, scale, p.Interval)
	}
	return fmt.Sprintf("%.4g [%.4g, %.4g]%s", v, float64(p.CI[0]), float64(p.CI[1]), scale)
}

func writeWindows(w io.Writer, title string, r *overTimeResult, lead []string) {
	if r.Measure != "" {
		fmt.Fprintf(w, "%s per window: %s\n", title, r.Measure)
		for _, x := range r.Windows {
			fmt.Fprintf(w, "  %-20s %8d events  %s\n", x.Window, x.Events, pointText(x.Estimate))
		}
		if d := r.Difference; d != nil {
			op := "after - before"
			if d.Ratio {
				op = "after / before"
			}
			line := pointText(d)
			if math.IsNaN(float64(d.Value)) || !math.IsNaN(float64(d.CI[0])) {
				// pointText names the interval only where there is none.
				line += "; " + d.Interval
			}
			fmt.Fprintf(w, "  %-20s %15s  %s\n", op, "", line)
		}
		if r.Figure != "" {
			fmt.Fprintf(w, "  figure: %s\n", r.Figure)
		}
		fmt.Fprintln(w)
	}
	for _, x := range r.Windows {
		fmt.Fprintf(w, "== %s: %s (%d events)\n", title, x.Window, x.Events)
		if x.Result == nil {
			fmt.Fprintf(w, "%s\n", x.Reason)
			continue
		}
		fmt.Fprint(w, textOf(x.Result, lead))
	}
	fmt.Fprintln(w, r.Caveat)
}
