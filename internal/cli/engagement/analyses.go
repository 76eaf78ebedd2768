package engagement

import (
	"flag"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// runFunc computes an analysis of loaded events (follows is nil without
// --follows) and returns the value printed as JSON and its title.
type runFunc = func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error)

func init() {
	analyses["comrades"] = analysis{
		follows:  true,
		summary:  "comradeship versus content: comrade share, lift with CI, unconditional support, logistic model",
		synopsis: "solidarity engagement comrades --events F --actors F [--follows F] [--mode either|reciprocal|group] [--json]",
		examples: `  solidarity engagement comrades --events sim/events.csv --actors sim/actors.csv --follows sim/follows.csv --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o comrades.Options
			fs.StringVar(&o.Mode, "mode", "", "who is a comrade: either (prior mutual tie or same group), reciprocal, group (default: from the data)")
			fs.StringVar(&o.Exposure, "exposure", "", "which items an actor saw: follows or all (default: follows when --follows is given)")
			fs.Uint64Var(&o.Seed, "seed", 1, "seed of the negative sampling of the model")
			return func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error) {
				o.Follows, o.Kinds = follows, kinds
				r, err := comrades.Analyze(ev, o)
				if err != nil {
					return nil, "", err
				}
				return r, "Comradeship versus content", nil
			}
		},
	}
	analyses["reciprocity"] = analysis{
		summary:  "reciprocal engagement over time: P(returned within a window), time to return, by group",
		synopsis: "solidarity engagement reciprocity --events F [--actors F] [--window SECONDS] [--json]",
		examples: `  solidarity engagement reciprocity --events sim/events.csv --actors sim/actors.csv --window 86400 --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o reciprocal.Options
			fs.Float64Var(&o.Window, "window", 86400, "seconds within which a return counts")
			fs.StringVar(&o.Unit, "unit", "", "first (first contact of each pair, default) or events (every engagement)")
			return func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error) {
				o.Kinds = kinds
				r, err := reciprocal.Analyze(ev, o)
				if err != nil {
					return nil, "", err
				}
				return r, "Reciprocal engagement", nil
			}
		},
	}
	analyses["trending"] = analysis{
		everyKind: true,
		summary:   "trending with and without comrade engagement: rank lift, amplification per group",
		synopsis:  "solidarity engagement trending --events F --actors F [--top K] [--window S] [--tau S] [--step S] [--json]",
		examples:  `  solidarity engagement trending --events sim/events.csv --actors sim/actors.csv --top 10 --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var c trending.Config
			fs.IntVar(&c.TopK, "top", 10, "trending slots at each evaluation time")
			fs.Int64Var(&c.Window, "window", 0, "sliding window in seconds (0: the package default)")
			fs.Float64Var(&c.Tau, "tau", 0, "decay time constant in seconds (0: the package default)")
			fs.Int64Var(&c.Step, "step", 0, "seconds between evaluation times (0: the package default)")
			return func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error) {
				r, err := trending.Run(ev, c)
				if err != nil {
					return nil, "", err
				}
				return r.Summary(ev.Items.String, 10), "Trending and amplification", nil
			}
		},
	}
	analyses["coordination"] = analysis{
		summary:  "coordinated engagement: co-engagement within a sliding window, coordinated clusters",
		synopsis: "solidarity engagement coordination --events F [--window SECONDS] [--min-items N] [--json]",
		examples: `  solidarity engagement coordination --events sim/events.csv --json
  solidarity engagement coordination --events sim/events.csv --window 60 --min-items 3`,
		flags: func(fs *flag.FlagSet) runFunc {
			var c coordination.Config
			fs.Float64Var(&c.Window, "window", 0, "co-engagement window in seconds (0: estimate it from the data)")
			fs.StringVar(&c.Method, "estimate", "", "window estimate: delays (default) or coornet")
			fs.IntVar(&c.MinItems, "min-items", 0, "distinct items a pair must co-engage (0: 3)")
			fs.IntVar(&c.MaxPartners, "max-partners", 0, "earlier engagements each one is paired with (0: 50; -1: no cap)")
			return func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error) {
				c.Kinds = kinds
				r, err := coordination.Run(ev, c)
				if err != nil {
					return nil, "", err
				}
				return r.Summary(ev.People), "Coordinated engagement", nil
			}
		},
	}
	analyses["echo"] = analysis{
		everyKind: true,
		follows:   true,
		summary:   "echo chambers: leaning vs neighbours' leaning, exposure diversity, random-walk controversy",
		synopsis:  "solidarity engagement echo --events F --actors F [--follows F] [--k K] [--json]",
		examples:  `  solidarity engagement echo --events sim/events.csv --actors sim/actors.csv --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var c echo.Config
			fs.StringVar(&c.Basis, "basis", "", "items that make an actor's leaning: engaged (default), produced or both")
			fs.IntVar(&c.RWC.K, "k", 0, "top-degree nodes per side in the random-walk controversy (0: the package default)")
			return func(ev *events.Events, follows *network.Network, kinds []string) (any, string, error) {
				c.Network = follows
				r, err := echo.Analyse(ev, c)
				if err != nil {
					return nil, "", err
				}
				return r.Summary(), "Echo chambers", nil
			}
		},
	}
}
