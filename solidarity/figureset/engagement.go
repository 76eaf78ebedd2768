package figureset

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// EngagementOptions choose the analyses behind the engagement figure set.
// The zero value lets every analysis pick its defaults from the data.
type EngagementOptions struct {
	// Follows is an optional directed follow network (source follows
	// target, ids as in the events): it makes the comrades' reciprocal
	// ties mutual follows and their exposure the feed, and gives the echo
	// analysis its neighbours. nil: ties and neighbours come from the
	// engagement itself.
	Follows *network.Network
	// Mode is who counts as a comrade (comrades.ModeEither, ModeReciprocal
	// or ModeGroup; "" chooses from the data, see comrades.Analyze).
	Mode comrades.Mode
	// Exposure is the comrades analysis's exposure model: required when
	// Follows is nil (see comrades.ErrExposureUnstated), and stated in the
	// captions.
	Exposure comrades.Exposure
	// Kinds keeps only these kinds of engagement in every analysis (nil:
	// all).
	Kinds []string
	// ReturnWindow is the reciprocity window in seconds (0: one day).
	ReturnWindow float64
	// TopK is the number of trending slots (0: trending.DefaultTopK).
	TopK int
	// CoordinationWindow is the co-engagement window in seconds (0:
	// estimated from the data, see coordination.Options).
	CoordinationWindow float64
	// Lifted is the number of most-lifted items in the rank slope chart
	// (0: 15).
	Lifted int
	// Seed seeds the regression's negative sampling and the layout of the
	// co-engagement drawing (0: 1).
	Seed uint64
	// Labels name the actor groups in every figure (group value -> name
	// shown, for example {"0": "liberal", "1": "conservative"}); groups
	// without an entry are shown as "group <value>". A group's colour
	// follows its place in Events.Groups, so it is the same in every figure.
	Labels map[string]string
	// Planted are true values known from a simulation, drawn as crosses
	// beside the estimates: "lift" for the comrade lift (every row), and
	// the engagement model's terms by name ("comrade", "quality").
	Planted map[string]float64
	// Progress, when set, is called with the name of each analysis as it
	// starts.
	Progress func(stage string)
}

// GroupLift is one group's comrade lift (see comrades.LiftByGroup).
type GroupLift = comrades.GroupLift

// EngagementStats are the numbers behind the engagement figure set, written
// as engagement.json. A nil section is an analysis that could not run; its
// reason is in Skipped.
type EngagementStats struct {
	Source       string                `json:"source"`
	Events       int                   `json:"events"`
	People       int                   `json:"people"`
	Items        int                   `json:"items"`
	Groups       []string              `json:"groups,omitempty"`
	Comrades     *comrades.Result      `json:"comrades,omitempty"`
	LiftByGroup  []GroupLift           `json:"comrade_lift_by_group,omitempty"`
	Reciprocity  *reciprocal.Result    `json:"reciprocity,omitempty"`
	Trending     *trending.Summary     `json:"trending,omitempty"`
	Coordination *coordination.Summary `json:"coordination,omitempty"`
	Echo         *echo.Summary         `json:"echo,omitempty"`
	Skipped      []string              `json:"skipped,omitempty"`
}

// BuildEngagement runs the engagement analyses on ev (comrades, reciprocal,
// trending, coordination, echo) and draws their figures:
//
//   - comrade_lift: the fixed-effects comrade estimate within actor and
//     item (comrades.Result.FixedEffects, the one to report) above the
//     pooled comrade lift, overall and per actor group, with 95% intervals
//     and the reference 1;
//   - unconditional_support: the share of comrades' items engaged against
//     the share of other authors' items, by item-quality bin;
//   - engagement_model: the logistic model's coefficients with 95% intervals;
//   - return_probability and time_to_return: the probability that an
//     engagement is returned within the window, per group, within and
//     across groups, and the Kaplan-Meier share returned over time;
//   - engagement_per_day: events per day by the actor's group;
//   - amplification and rank_slope: each group's trending amplification
//     ratio with and without comrade engagement, and the trending
//     leaderboard (items ranked by their time in the top-k) with and
//     without it;
//   - coordination_network and, beyond seven clusters, coordination_clusters:
//     the kept co-engagement network coloured by cluster, and the cluster
//     sizes;
//   - echo_chamber and exposure_entropy: each actor's leaning against their
//     neighbours' mean leaning, and the entropy of the groups (or leanings)
//     each actor engages with.
//
// Comradeship is the one comrades.Analyze settles on (opt.Mode, or its
// default for the data); the trending counterfactual removes the engagement
// of those same comrades (comrades.Flags), so every figure means the same
// thing by "comrade".
//
// Kinds (opt.Kinds) filter every analysis. A figure the data cannot
// support (no groups, no quality, no leaning, no coordinated pair) is left
// out with the reason in Set.Skipped; an analysis that fails on the data is
// skipped the same way. The returned error is reserved for a nil ev.
// Everything is seeded: two builds of the same events give byte-identical
// SVG and PDF files.
func BuildEngagement(ev *events.Events, opt EngagementOptions) (*Set, error) {
	if ev == nil {
		return nil, fmt.Errorf("figureset: BuildEngagement: no events")
	}
	seed := opt.Seed
	if seed == 0 {
		seed = 1
	}
	progress := func(stage string) {
		if opt.Progress != nil {
			opt.Progress(stage)
		}
	}
	st := &EngagementStats{Source: ev.Name, Events: ev.Len(), People: ev.NumPeople(), Items: ev.NumItems(), Groups: ev.Groups}
	s := &Set{Engagement: st}
	if len(opt.Labels) > 0 {
		s.Notes = unusedLabels(opt.Labels, ev.Groups, "the actors")
	}
	skip := func(what string, err error) {
		msg := err.Error()
		if !strings.HasPrefix(msg, what+":") { // the analyses' errors already name themselves
			msg = what + ": " + msg
		}
		s.Skipped = append(s.Skipped, msg)
	}
	add := func(name, caption string) func(*figures.Figure, error) {
		return func(f *figures.Figure, err error) {
			var one *figures.OneValue
			if err != nil && !errors.As(err, &one) {
				skip(name, err)
				return
			}
			s.keep(name, caption, f, err)
		}
	}
	// gname is a group's name in the figures, gcol its colour.
	gname := func(g string) string {
		if v, ok := opt.Labels[g]; ok {
			return v
		}
		return "group " + g
	}
	gcol := func(g string) color.Color { return figures.GroupColor(slices.Index(ev.Groups, g)) }
	if ev.Len() == 0 {
		skip("every figure", fmt.Errorf("no events"))
		st.Skipped = s.Skipped
		return s, nil
	}

	// Comradeship versus content.
	progress("comrades")
	cr, err := comrades.Analyze(ev, comrades.Options{Mode: opt.Mode, Follows: opt.Follows, Exposure: opt.Exposure, Kinds: opt.Kinds, Seed: seed})
	if err != nil {
		skip("comrades", err)
	} else {
		st.Comrades = cr
		st.LiftByGroup = comrades.LiftByGroup(ev, cr)
		var labels []string
		var vals, lo, hi []float64
		var cols []color.Color
		headline := ""
		// The within-actor estimate leads: the pooled lifts below it
		// compare unlike actors and authors (docs/validation.md).
		if fe := cr.FixedEffects; fe != nil && fe.Reason == "" && !math.IsNaN(float64(fe.RateRatio)) {
			within, label, unit := "within actor and item", "within actor, item", "each item with itself"
			switch fe.Effects {
			case comrades.EffectsActorAuthor:
				within, label, unit = "within actor and author", "within actor, author", "each author's items with that author's"
			case comrades.EffectsActorItemGroup:
				within, label, unit = "within actor, and item and group", "within actor, item×group", "each item with itself among actors of one group"
			}
			labels = append(labels, label)
			vals, lo, hi = append(vals, float64(fe.RateRatio)), append(lo, float64(fe.CI[0])), append(hi, float64(fe.CI[1]))
			cols = append(cols, color.Black)
			headline = headlineCaption(fe, within, unit)
		}
		labels = append(labels, "all actors (pooled)")
		vals, lo, hi = append(vals, float64(cr.Lift)), append(lo, float64(cr.LiftCI[0])), append(hi, float64(cr.LiftCI[1]))
		cols = append(cols, figures.SeriesColor(0))
		for _, g := range st.LiftByGroup {
			labels = append(labels, gname(g.Group))
			vals = append(vals, float64(g.Lift))
			lo = append(lo, float64(g.CI[0]))
			hi = append(hi, float64(g.CI[1]))
			cols = append(cols, gcol(g.Group))
		}
		var planted []float64
		if v, ok := opt.Planted["lift"]; ok {
			planted = make([]float64, len(labels))
			for i := range planted {
				planted[i] = v
			}
		}
		over := "over all actors"
		if len(st.LiftByGroup) > 0 {
			over += " and over the actors of each group"
		}
		add("comrade_lift", fmt.Sprintf("Comrade lift (comrades: %s; exposure: %s): how many times likelier actors are to engage an item they saw when its author is a comrade, with 95%% intervals. %sPooled lifts are %s, clustered by actor. 1 is no preference. Comrade share of engagement %s against %s of exposure.",
			comradeRule(cr.Mode, opt.Follows != nil), exposureRule(cr.Exposure), headline, over, pct(float64(cr.ComradeShare)), pct(float64(cr.ComradeExposureShare))))(
			figures.Estimates(labels, []figures.Series{{Values: infToNaN(vals), Lo: infToNaN(lo), Hi: infToNaN(hi), Colors: cols}},
				figures.EstimatesOptions{Title: "Comrade preference, with 95% intervals", XLabel: "P(engage | comrade) / P(engage | other)", Log: true, Planted: planted}))
		if len(cr.SupportBins) > 0 {
			add("unconditional_support", "Unconditional support: the share of the items actors saw that they engaged, for comrades' items and for other authors' items, by bins of item quality (95% Wilson intervals, not clustered). Support that stays high for comrades' worst items is engagement that does not depend on content.")(
				supportFigure(cr.SupportBins))
		} else {
			skip("unconditional_support", fmt.Errorf("the events carry no item quality"))
		}
		if m := cr.Model; m != nil && m.Reason == "" {
			add("engagement_model", modelCaption(m))(modelFigure(m, opt.Planted))
		} else if m != nil {
			skip("engagement_model", fmt.Errorf("%s", m.Reason))
		} else {
			skip("engagement_model", fmt.Errorf("no model (the events carry no item quality)"))
		}
	}

	// Reciprocal engagement over time.
	progress("reciprocity")
	rr, err := reciprocal.Analyze(ev, reciprocal.Options{Window: opt.ReturnWindow, Kinds: opt.Kinds})
	if err != nil {
		skip("reciprocity", err)
	} else {
		st.Reciprocity = rr
		w := humanSeconds(rr.WindowSeconds)
		parts := "overall"
		if len(rr.ByGroup) > 0 {
			parts += ", by the initiator's group"
		}
		if rr.WithinGroup != nil && rr.AcrossGroup != nil {
			parts += ", and for pairs within and across groups"
		}
		add("return_probability", fmt.Sprintf("Reciprocal engagement: the share of first contacts u -> v that v returned within %s, %s (95%% Wilson intervals; contacts made less than %s before the end of the data are left out).", w, parts, w))(
			returnFigure(rr, gname, gcol))
		curves := "overall"
		if len(rr.ByGroup) > 0 {
			curves = "overall (black) and by the initiator's group, each with its 95% pointwise confidence band (Greenwood, log-log)"
		}
		add("time_to_return", fmt.Sprintf("Time to return: the Kaplan-Meier share of first contacts returned within t, up to the %s window, %s; contacts too recent to have been answered are censored.", w, curves))(
			survivalFigure(rr, gname, gcol))
	}

	// Engagement per day.
	var codes []int32
	if ev.Group != nil {
		codes = make([]int32, ev.Len())
		for i, a := range ev.Actor {
			codes[i] = ev.Group[a]
		}
	}
	perDayCaption := "Engagement per day (UTC)."
	if codes != nil {
		perDayCaption = "Engagement per day (UTC), by the group of the actor."
	}
	add("engagement_per_day", perDayCaption)(
		figures.EngagementPerDay("Engagement per day", ev.Time, codes, groupNames(ev.Groups, gname)))

	// Trending and amplification.
	progress("trending")
	tc := trending.Options{TopK: opt.TopK, Kinds: opt.Kinds}
	rule := "same group"
	if cr != nil {
		// The same comradeship as the comrades figures, event by event.
		if flags, err := comrades.Flags(ev, comrades.Options{Mode: cr.Mode, Follows: opt.Follows, Exposure: cr.Exposure, Kinds: opt.Kinds}); err == nil {
			tc.Comrade = flags
			rule = comradeRule(cr.Mode, opt.Follows != nil)
		}
	}
	tr, err := trending.Analyze(ev, tc)
	if err != nil {
		skip("trending", err)
	} else {
		sum := tr.Summary(10)
		st.Trending = &sum
		if len(tr.Groups) > 0 {
			add("amplification", fmt.Sprintf("Trending amplification: each group's share of the top-%d trending slots over its share of items (1 is proportional visibility), with all engagement and without the engagement of comrades (%s). Trending score: engagement in a %s window with %s decay, evaluated every %s.",
				tr.Options.TopK, rule, humanSeconds(tr.Options.Window), humanSeconds(tr.Options.Tau), humanSeconds(tr.Options.Step)))(
				amplificationFigure(tr, gname))
		} else {
			skip("amplification", fmt.Errorf("no groups: %s", orText(tr.Reason, "the events have no actors table with a group column")))
		}
		nl := opt.Lifted
		if nl <= 0 {
			nl = 15
		}
		if tr.Comrade == 0 {
			skip("rank_slope", fmt.Errorf("no engagement is a comrade's (%s), so the ranks without it are the same", rule))
		} else {
			add("rank_slope", fmt.Sprintf("Trending leaderboard: items ranked by the number of evaluation times they spent in the top %d, with all engagement (left) and without the engagement of comrades (%s; right), for the first %d items of either ranking; items outside the first %d on one side are listed below the gap (\"> %d\") in their order. Black items owe their place to comrades; dashed grey ones would rank higher without them.",
				tr.Options.TopK, rule, nl, nl, nl))(slopeFigure(ev, tr, nl, gname))
		}
	}

	// Coordinated engagement.
	progress("coordination")
	co, err := coordination.Analyze(ev, coordination.Options{Window: opt.CoordinationWindow, Kinds: opt.Kinds})
	if err != nil {
		skip("coordination", err)
	} else {
		sum := co.Summary()
		st.Coordination = &sum
		if len(co.Clusters) == 0 {
			if co.Reason != "" {
				skip("coordination_network", fmt.Errorf("no coordinated cluster: %s", co.Reason))
			} else {
				skip("coordination_network", fmt.Errorf("no pair of actors co-engaged %d items within %s", co.Options.MinItems, humanSeconds(co.Window)))
			}
		} else {
			how := "given"
			if co.Estimated != nil {
				how = "estimated from the data"
			}
			add("coordination_network", fmt.Sprintf("Co-engagement network: actors joined when they engaged at least %d of the same items within %s of each other (window %s); each coordinated cluster is a connected component, %s; %d clusters, %d actors, %d pairs.",
				co.Options.MinItems, humanSeconds(co.Window), how, colouredBy(ev), len(co.Clusters), clusterActors(co), len(co.Edges)))(
				coordinationDrawing(ev, co, seed, gname))
			if len(co.Clusters) > figures.MaxGroupColors {
				// Many clusters: their sizes read better as bars.
				add("coordination_clusters", "Size of each coordinated cluster (actors), largest first, with the number of co-engaging pairs inside it.")(
					clusterSizes(co))
			}
		}
	}

	// Echo chambers.
	progress("echo")
	ec, err := echo.Analyze(ev, echo.Options{Network: opt.Follows, Kinds: opt.Kinds})
	if err != nil {
		skip("echo", err)
	} else {
		sum := ec.Summary()
		st.Echo = &sum
		var x, y []float64
		for _, a := range ec.Actors {
			if !math.IsNaN(a.Leaning) && !math.IsNaN(a.NeighbourLeaning) {
				x = append(x, a.Leaning)
				y = append(y, a.NeighbourLeaning)
			}
		}
		nb := "the authors they engaged with"
		if opt.Follows != nil {
			nb = "the accounts they follow"
		}
		if len(x) > 0 {
			add("echo_chamber", fmt.Sprintf("Echo chambers (Cinelli et al. 2021): each actor's leaning (mean leaning of the items they engaged with) against the mean leaning of their neighbours (%s), with the least-squares line and y = x. Pearson r = %s over %d actors.",
				nb, fmtf(ec.Correlation), ec.Pairs))(figures.EchoChamberScatter(x, y))
		} else {
			skip("echo_chamber", fmt.Errorf("no actor has both a leaning and neighbours with one: %s", orText(ec.Reason, "the events carry no leaning")))
		}
		f, caption, err := entropyFigure(ec)
		add("exposure_entropy", caption)(f, err)
	}
	st.Skipped = s.Skipped
	return s, nil
}

// headlineCaption is the comrade-lift caption's sentence on its top row,
// the headline fixed-effects ratio. Its interval spans both saturation
// shapes when both were fitted (comrades.FixedEffects.SpansShapes, not
// CI != FitCI: the hull can be the likelier fit's own interval while its p
// is the other's): the caption says so, since the value is one shape's
// and the interval not.
func headlineCaption(fe *comrades.FixedEffects, within, unit string) string {
	shapes := ""
	if fe.SpansShapes() {
		shapes = fmt.Sprintf(" Its interval spans both saturation shapes (the %s fit reads %.2f), so no choice of shape decides the finding.",
			fe.Alternative.Model, float64(fe.Alternative.RateRatio))
	}
	if bc := float64(fe.BiasCorrected); bc > 0 && !math.IsInf(bc, 0) {
		// The size, as against the test: see comrades.FixedEffects.BiasCorrected.
		shapes += fmt.Sprintf(" Corrected for the bias of its many fixed effects (split-panel jackknife), it reads %.2f.", bc)
	}
	return fmt.Sprintf("The top row is the estimate to report: the comrade %s %s (fixed effects; %.2f [%.2f, %.2f]), which compares each actor with themselves and %s.%s The other rows are pooled lifts, which popularity and activity confound. ",
		map[string]string{comrades.ModelHazard: "hazard ratio", comrades.ModelLogit: "odds ratio", comrades.ModelPoisson: "rate ratio"}[fe.Model], within,
		float64(fe.RateRatio), float64(fe.CI[0]), float64(fe.CI[1]), unit, shapes)
}
