package engagement

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/overtime"
)

// timeFlags are --every and --between: the analysis per time window.
type timeFlags struct {
	every, between string
}

func (t *timeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.every, "every", "", "run the analysis per time window of this length (e.g. 1d, 12h, 30m)")
	fs.StringVar(&t.between, "between", "", "event study: run it on T0,T1 and on the baseline window of the same length before T0 (dates 2006-01-02, RFC 3339 times or Unix seconds)")
}

// windows returns the windows asked for, or nil for the whole data.
func (t *timeFlags) windows(ev *events.Events) ([]overtime.Window, error) {
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

// windowResult is one window's analysis in --every / --between output.
type windowResult struct {
	Window string `json:"window"`
	From   int64  `json:"from"`
	To     int64  `json:"to"`
	Events int    `json:"events"`
	Result any    `json:"result,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// overTimeResult is the output of --every / --between.
type overTimeResult struct {
	Windows []windowResult `json:"windows"`
	Caveat  string         `json:"caveat"`
}

func runWindows(ev *events.Events, ws []overtime.Window, run runFunc, sh shared) (*overTimeResult, error) {
	out := &overTimeResult{Caveat: "Each window is analysed on its own events: engagements answered or co-engaged across a window's end are cut there, and a change between windows is a change in the measure, not by itself the effect of what happened at the cut."}
	for _, w := range ws {
		sub := overtime.Slice(ev, w.From, w.To)
		wr := windowResult{Window: w.Label, From: w.From, To: w.To, Events: sub.Len()}
		if sub.Len() == 0 {
			wr.Reason = "no events in the window"
		} else {
			v, err := run(sub, sh)
			if err != nil {
				wr.Reason = err.Error()
			} else {
				wr.Result = v
			}
		}
		out.Windows = append(out.Windows, wr)
	}
	return out, nil
}

func writeWindows(w io.Writer, title string, r *overTimeResult, lead []string) {
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
