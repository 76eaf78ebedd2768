package engagement

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// The analyses. Each registers its own flags and returns a runFunc; the
// shared inputs (events, --follows, --kinds, progress) come through
// shared. Every result marshals to its --json output by itself and names
// its actors and items (events.IDs), so nothing here adapts one analysis.
func init() {
	analyses["comrades"] = analysis{
		follows:  true,
		title:    "Comradeship versus content",
		lead:     []string{"lift", "fixed_effects.rate_ratio", "fixed_effects.bias_corrected_rate_ratio", "fixed_effects_poisson.rate_ratio", "sensitivity.e_value", "caveats", "comrade_share", "comrade_exposure_share", "comrade_rate", "other_rate", "actors_with_lift", "actor_lift_median", "actors_lift_above_1", "actors_lift_below_1", "model.coef", "model.se", "reason"},
		summary:  "comradeship versus content: comrade share, lift with CI, fixed-effects ratio within actor and item (hazard or odds ratio, the likelier shape, its interval spanning both; and the Poisson rate ratio), unconditional support, logistic model",
		synopsis: "solidarity engagement comrades --events F --actors F [--follows F] [--mode either|reciprocal|group] [--max-cells N] [--json]",
		examples: `  solidarity engagement comrades --events sim/events.csv --actors sim/actors.csv --follows sim/follows.csv --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o comrades.Options
			choice(fs, &o.Mode, "mode", "who is a comrade: either (prior mutual tie or same group), reciprocal, group (default: from the data)", comrades.ModeEither, comrades.ModeReciprocal, comrades.ModeGroup)
			choice(fs, &o.Exposure, "exposure", "which items an actor saw: follows (the feed; needs --follows) or all (every item: the lift then includes exposure homophily). Required without --follows", comrades.ExposureFollows, comrades.ExposureAll)
			fs.Uint64Var(&o.Seed, "seed", 1, "seed of the negative sampling of the model")
			fs.IntVar(&o.MaxCells, "max-cells", comrades.DefaultMaxCells, "skip the fixed-effects fits above this many (actor, author) cells (about 320 bytes each at the fits' peak)")
			fs.BoolVar(&o.NoBiasCorrection, "no-bias-correction", false, "skip the headline's split-panel bias correction (bias_corrected_rate_ratio: four more fits of half the cells each)")
			return func(ev *events.Events, in shared) (any, error) {
				if err := cmdutil.IntRange("max-cells", o.MaxCells, 1, math.MaxInt); err != nil {
					return nil, err
				}
				o.Follows, o.Kinds, o.Progress = in.follows, in.kinds, in.progress
				r, err := comrades.Analyze(ev, o)
				if errors.Is(err, comrades.ErrExposureUnstated) {
					return nil, cmdutil.Usagef("engagement comrades: without --follows, say which items each actor could have seen: " +
						"--exposure all counts every item as seen, and the lift then measures comrade preference and exposure homophily " +
						"together (the output says so in its caveats); --follows FILE makes exposure the feed")
				}
				return r, err
			}
		},
	}
	analyses["reciprocity"] = analysis{
		title:    "Reciprocal engagement",
		lead:     []string{"overall.p_return", "overall.p_return_km", "overall.median_seconds_km", "pair_reciprocity", "within_group.p_return", "across_group.p_return", "by_group", "overall"},
		summary:  "reciprocal engagement over time: P(returned within a window), time to return, by group",
		synopsis: "solidarity engagement reciprocity --events F [--actors F] [--window SECONDS] [--json]",
		examples: `  solidarity engagement reciprocity --events sim/events.csv --actors sim/actors.csv --window 86400 --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o reciprocal.Options
			fs.Float64Var(&o.Window, "window", 86400, "seconds within which a return counts")
			choice(fs, &o.Unit, "unit", "first (first contact of each pair, default) or events (every engagement)", reciprocal.UnitFirst, reciprocal.UnitEvents)
			return func(ev *events.Events, in shared) (any, error) {
				if err := cmdutil.Positive("window", o.Window); err != nil {
					return nil, err
				}
				o.Kinds, o.Progress = in.kinds, in.progress
				return reciprocal.Analyze(ev, o)
			}
		},
	}
	analyses["trending"] = analysis{
		title:    "Trending and amplification",
		lead:     []string{"amplification", "amplification_counterfactual", "top_share", "item_share", "reason"},
		summary:  "trending with and without comrade engagement: rank lift, amplification per group",
		synopsis: "solidarity engagement trending --events F --actors F [--top K] [--window S] [--tau S] [--step S] [--json]",
		examples: `  solidarity engagement trending --events sim/events.csv --actors sim/actors.csv --top 10 --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o trending.Options
			fs.IntVar(&o.TopK, "top", 10, "trending slots at each evaluation time")
			fs.Float64Var(&o.Window, "window", 0, "sliding window in seconds (0: the package default)")
			fs.Float64Var(&o.Tau, "tau", 0, "decay time constant in seconds (0: the package default)")
			fs.Float64Var(&o.Step, "step", 0, "seconds between evaluation times (0: the package default)")
			return func(ev *events.Events, in shared) (any, error) {
				if err := cmdutil.Errs(cmdutil.IntRange("top", o.TopK, 1, 1_000_000),
					cmdutil.NonNegative("window", o.Window), cmdutil.NonNegative("tau", o.Tau), cmdutil.NonNegative("step", o.Step)); err != nil {
					return nil, err
				}
				o.Kinds, o.Progress = in.kinds, in.progress
				return trending.Analyze(ev, o)
			}
		},
	}
	analyses["coordination"] = analysis{
		follows:  true,
		title:    "Coordinated engagement",
		lead:     []string{"clusters", "edges", "window_seconds", "window_estimated", "null_model", "reason"},
		summary:  "coordinated engagement: co-engagement within a sliding window, clusters with evidence and a timing null",
		synopsis: "solidarity engagement coordination --events F [--follows F] [--object item|url|domain|hashtag|text] [--window SECONDS] [--min-items N] [--null N] [--json]",
		examples: `  solidarity engagement coordination --events sim/events.csv --json
  solidarity engagement coordination --events sim/events.csv --follows sim/follows.csv --null 99 --json
  solidarity engagement coordination --events sim/events.csv --window 60 --min-items 3
  solidarity engagement coordination --events dump.ndjson --events-format reddit --object url --window 60 --null 99
  solidarity engagement coordination --events posts.csv --map text=body,url=link --object text --text-threshold 0.6 --window 30`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o coordination.Options
			fs.Float64Var(&o.Window, "window", 0, "co-engagement window in seconds (0: estimate it from the data)")
			choice(fs, &o.Method, "estimate", "window estimate: delays (default) or coornet", coordination.EstimateDelays, coordination.EstimateCooRnet)
			fs.IntVar(&o.MinItems, "min-items", 0, "distinct items a pair must co-engage (0: 3)")
			fs.Float64Var(&o.EdgePercentile, "edge-percentile", 0, "CooRnet's rule instead of --min-items: keep edges whose co-engaged items reach this quantile over all pairs (e.g. 0.9; 0: off)")
			fs.IntVar(&o.MaxPartners, "max-partners", 0, "earlier engagements each one is paired with (0: 50; at most 100000)")
			fs.IntVar(&o.Null, "null", 0, "timing redraws that test each cluster (0: no test; 99: p-values down to 0.01); who engaged what is kept")
			fs.Uint64Var(&o.Seed, "seed", 1, "seed of the null's redraws")
			fs.IntVar(&o.Evidence, "evidence", 0, "evidence items listed per cluster (0: 10)")
			objectFlag(fs, &o.Object)
			fs.Float64Var(&o.Text.Threshold, "text-threshold", 0, "with --object text: Jaccard similarity of 2-word shingle sets from which two texts are near-duplicates (0: 0.5)")
			fs.IntVar(&o.Text.MinWords, "text-min-words", 0, "with --object text: shortest text compared, in words (0: 5)")
			return func(ev *events.Events, in shared) (any, error) {
				if err := cmdutil.Errs(cmdutil.NonNegative("text-threshold", o.Text.Threshold), cmdutil.IntRange("text-min-words", o.Text.MinWords, 0, 1<<20)); err != nil {
					return nil, err
				}
				if o.Text.Threshold > 1 {
					return nil, cmdutil.Usagef("--text-threshold %v: want a Jaccard similarity in (0, 1]", o.Text.Threshold)
				}
				// No "no cap": unbounded pairing is quadratic in the
				// engagements of one crowded item (a 1.8 MB file exhausted
				// memory); 100000 partners is already far past any window.
				if err := cmdutil.Errs(cmdutil.NonNegative("window", o.Window), cmdutil.IntRange("min-items", o.MinItems, 0, 1<<30),
					cmdutil.IntRange("max-partners", o.MaxPartners, 0, 100_000), cmdutil.IntRange("null", o.Null, 0, 100_000),
					cmdutil.IntRange("evidence", o.Evidence, 0, 1<<20)); err != nil {
					return nil, err
				}
				o.Kinds, o.Progress, o.Follows = in.kinds, in.progress, in.follows
				return coordination.Analyze(ev, o)
			}
		},
	}
	analyses["echo"] = analysis{
		follows:  true,
		title:    "Echo chambers",
		lead:     []string{"correlation", "pairs", "rwc.rwc", "mean_group_entropy", "mean_leaning_entropy", "reason"},
		summary:  "echo chambers: leaning vs neighbours' leaning, exposure diversity, random-walk controversy",
		synopsis: "solidarity engagement echo --events F --actors F [--follows F] [--k K] [--json]",
		examples: `  solidarity engagement echo --events sim/events.csv --actors sim/actors.csv --json`,
		flags: func(fs *flag.FlagSet) runFunc {
			var o echo.Options
			choice(fs, &o.Basis, "basis", "items that make an actor's leaning: engaged (default), produced or both", echo.BasisEngaged, echo.BasisProduced, echo.BasisBoth)
			fs.IntVar(&o.RWC.K, "k", 0, "top-degree nodes per side in the random-walk controversy (0: the package default)")
			choice(fs, &o.RWC.Variant, "rwc-variant", "random-walk controversy as the paper defines it (paper, default) or as the authors' released code computes it (released: random --rwc-percent endpoints, simulated)", echo.RWCPaper, echo.RWCReleased)
			fs.Float64Var(&o.RWC.Percent, "rwc-percent", 0, "percent of each side drawn as endpoints with --rwc-variant released (0: 10)")
			return func(ev *events.Events, in shared) (any, error) {
				if err := cmdutil.IntRange("k", o.RWC.K, 0, 1<<30); err != nil {
					return nil, err
				}
				o.Network, o.Kinds, o.Progress = in.follows, in.kinds, in.progress
				return echo.Analyze(ev, o)
			}
		},
	}
}

// objectFlag registers --object: a choice whose value can be read back
// (engagement.Run asks the platform readers for content when it is not
// item).
func objectFlag(fs *flag.FlagSet, p *coordination.Object) {
	fs.Var((*objectValue)(p), "object", "what co-engagements share: item (default), url (normalised links), domain (registrable domain), hashtag, or text (near-duplicate text); all but item read the events' text and url columns")
}

type objectValue coordination.Object

func (v *objectValue) String() string { return string(*v) }

func (v *objectValue) Set(s string) error {
	for _, o := range coordination.Objects {
		if string(o) == s {
			*v = objectValue(o)
			return nil
		}
	}
	return fmt.Errorf("want one of item, url, domain, hashtag, text")
}

// choice registers a flag for a typed mode string (comrades.Mode,
// reciprocal.Unit, ...) that accepts only the given values: another value
// is a usage error (exit status 2) naming them.
func choice[T ~string](fs *flag.FlagSet, p *T, name, usage string, allowed ...T) {
	fs.Func(name, usage, func(s string) error {
		for _, a := range allowed {
			if string(a) == s {
				*p = T(s)
				return nil
			}
		}
		names := make([]string, len(allowed))
		for i, a := range allowed {
			names[i] = string(a)
		}
		return fmt.Errorf("want one of %s", strings.Join(names, ", "))
	})
}
