package overtime

import (
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
)

// EngagementHomophily is an estimator for Run: Newman's nominal
// assortativity r of the window's engagement network (actor -> author,
// one arc per distinct pair, self-engagement left out; events.Project) by
// the people's groups (Events.Group), with the 95% interval r ± 1.96 σ of
// Newman's jackknife standard error (homophily.JackknifeCells; Newman 2003,
// Phys. Rev. E 67:026126, eq. 26). kind keeps one kind of engagement
// ("" for every kind). r is 1 when every arc stays within a group and 0
// under proportionate mixing: a network index, which mixes preference for
// comrades with exposure (who saw whose items), unlike ComradeRateRatio.
func EngagementHomophily(kind string) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		p := Point{Value: nan, Lo: nan, Hi: nan, Interval: "95% normal interval from Newman's jackknife standard error"}
		if ev.Group == nil || len(ev.Groups) == 0 {
			p.Reason = "the events carry no groups (read an actors table with a group column)"
			return p, nil
		}
		net, err := ev.Project(kind, false)
		if err != nil {
			return Point{}, fmt.Errorf("overtime: %w", err)
		}
		defer net.Release()
		m, err := homophily.MixingFromCodes(net.Simple(), ev.Group, ev.Groups, false)
		if err != nil {
			return Point{}, fmt.Errorf("overtime: %w", err)
		}
		r, reason := homophily.AssortativityFromMixing(m.Matrix())
		p.Value, p.Reason = r, reason
		if math.IsNaN(r) {
			return p, nil
		}
		se := homophily.JackknifeCells(m.Counts, m.Directed)
		if math.IsNaN(se) {
			p.Interval = "none: the jackknife is undefined (removing one arc leaves r undefined)"
			return p, nil
		}
		p.Lo, p.Hi = r-1.959963984540054*se, r+1.959963984540054*se
		return p, nil
	}
}
