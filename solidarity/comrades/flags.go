package comrades

import "github.com/algosolidarity/toolkit/solidarity/events"

// Flags returns, for every event of ev (table order), whether its actor was
// a comrade of its author at the time of the event, under opt's mode and
// ties (opt.Follows, opt.Kinds for dating event-based ties; the exposure,
// bins and model options are ignored). Self-engagement is never a comrade's.
// It is the per-event rule of ComradeShare, ready for trending's
// counterfactual (trending.Options.Comrade).
func Flags(ev *events.Events, opt Options) ([]bool, error) {
	if opt.Exposure == "" && opt.Follows == nil {
		opt.Exposure = ExposureAll
	}
	a, err := newAnalysis(ev, opt)
	if err != nil {
		return nil, err
	}
	out := make([]bool, ev.Len())
	for k := range out {
		u, v := ev.Actor[k], ev.Author[k]
		out[k] = u != v && a.comrade(u, v, ev.Time[k])
	}
	return out, nil
}
