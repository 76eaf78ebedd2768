package figureset

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/interval"
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
//   - comrade_lift: the pooled comrade lift, overall and per actor group,
//     with 95% intervals clustered by actor and the reference 1;
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
		labels := []string{"all actors"}
		vals := []float64{float64(cr.Lift)}
		lo := []float64{float64(cr.LiftCI[0])}
		hi := []float64{float64(cr.LiftCI[1])}
		cols := []color.Color{figures.SeriesColor(0)}
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
		over := "pooled over all actors"
		if len(st.LiftByGroup) > 0 {
			over += " and over the actors of each group"
		}
		add("comrade_lift", fmt.Sprintf("Comrade lift (comrades: %s; exposure: %s): how many times likelier actors are to engage an item they saw when its author is a comrade, %s, with 95%% intervals clustered by actor. 1 is no preference. Comrade share of engagement %s against %s of exposure.",
			comradeRule(cr.Mode, opt.Follows != nil), exposureRule(cr.Exposure), over, pct(float64(cr.ComradeShare)), pct(float64(cr.ComradeExposureShare))))(
			figures.Estimates(labels, []figures.Series{{Values: infToNaN(vals), Lo: infToNaN(lo), Hi: infToNaN(hi), Colors: cols}},
				figures.EstimatesOptions{Title: "Comrade lift, with 95% intervals", XLabel: "P(engage | comrade) / P(engage | other)", Log: true, Planted: planted}))
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

func supportFigure(bins []comrades.Bin) (*figures.Figure, error) {
	cats := make([]string, len(bins))
	vals := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	lo := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	hi := [][]float64{make([]float64, len(bins)), make([]float64, len(bins))}
	for i, b := range bins {
		cats[i] = fmt.Sprintf("%s to %s", short(float64(b.QualityLow)), short(float64(b.QualityHigh)))
		vals[0][i], lo[0][i], hi[0][i] = wilson(b.ComradeEngaged, b.ComradeExposures)
		vals[1][i], lo[1][i], hi[1][i] = wilson(b.OtherEngaged, b.OtherExposures)
	}
	f, err := figures.GroupedBars("Unconditional support by item quality", "share of seen items engaged", cats,
		[]string{"comrades' items", "other authors' items"}, vals, lo, hi)
	if err != nil {
		return nil, err
	}
	f.Plot().X.Label.Text = "item quality (bin)"
	return f, nil
}

func modelCaption(m *comrades.Model) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Logistic model %s, fitted on %d actor x item pairs (%d engaged)", m.Formula, m.Rows, m.Positives)
	if m.NegativeRate < 1 || m.PositiveRate < 1 {
		fmt.Fprintf(&b, ", a case-control sample with the intercept corrected")
	}
	fmt.Fprintf(&b, ": each term's coefficient (log-odds) with its 95%% interval; 0 is no effect.")
	for _, t := range m.Terms {
		if t == "intercept" {
			fmt.Fprintf(&b, " Intercept %s.", fmtf(float64(m.Coef[t])))
			continue
		}
		fmt.Fprintf(&b, " %s: %s (odds ratio %s).", t, fmtf(float64(m.Coef[t])), fmtf(math.Exp(float64(m.Coef[t]))))
	}
	if len(m.Terms) > 2 {
		b.WriteString(" The terms enter together, so each is measured holding the others fixed.")
	}
	return b.String()
}

func modelFigure(m *comrades.Model, truth map[string]float64) (*figures.Figure, error) {
	var labels []string
	var v, lo, hi, planted []float64
	known := false
	for _, t := range m.Terms {
		if t == "intercept" {
			continue
		}
		labels = append(labels, t)
		v = append(v, float64(m.Coef[t]))
		lo = append(lo, float64(m.CILow[t]))
		hi = append(hi, float64(m.CIHigh[t]))
		p, ok := truth[t]
		if !ok {
			p = math.NaN()
		}
		known = known || ok
		planted = append(planted, p)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("the model has no term besides the intercept")
	}
	if !known {
		planted = nil
	}
	return figures.Estimates(labels, []figures.Series{{Values: infToNaN(v), Lo: infToNaN(lo), Hi: infToNaN(hi)}},
		figures.EstimatesOptions{Title: "Engagement model: log-odds coefficients", XLabel: "coefficient (log-odds), 95% interval", Planted: planted})
}

func returnFigure(r *reciprocal.Result, gname func(string) string, gcol func(string) color.Color) (*figures.Figure, error) {
	labels := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	cols := []color.Color{figures.SeriesColor(0)}
	for _, g := range sortedKeys(r.ByGroup) {
		labels = append(labels, groupLabel(g, gname))
		sums = append(sums, r.ByGroup[g])
		cols = append(cols, groupColour(g, gcol))
	}
	if r.WithinGroup != nil && r.AcrossGroup != nil {
		labels = append(labels, "within groups", "across groups")
		sums = append(sums, r.WithinGroup, r.AcrossGroup)
		cols = append(cols, figures.SeriesColor(2), figures.SeriesColor(2))
	}
	v := make([]float64, len(sums))
	lo := make([]float64, len(sums))
	hi := make([]float64, len(sums))
	for i, s := range sums {
		v[i], lo[i], hi[i] = float64(s.PReturn), float64(s.PReturnCI[0]), float64(s.PReturnCI[1])
	}
	return figures.Estimates(labels, []figures.Series{{Values: infToNaN(v), Lo: infToNaN(lo), Hi: infToNaN(hi), Colors: cols}},
		figures.EstimatesOptions{Title: fmt.Sprintf("Engagement returned within %s", humanSeconds(r.WindowSeconds)),
			XLabel: "share of first contacts returned, 95% interval", NoRef: true})
}

// groupLabel and groupColour name and colour a group of reciprocal's
// ByGroup, whose "(missing)" collects actors without a group.
func groupLabel(g string, gname func(string) string) string {
	if g == "(missing)" {
		return "no group"
	}
	return gname(g)
}

func groupColour(g string, gcol func(string) color.Color) color.Color {
	if g == "(missing)" {
		return figures.GroupColor(-1)
	}
	return gcol(g)
}

// groupNames names each of groups with gname.
func groupNames(groups []string, gname func(string) string) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = gname(g)
	}
	return out
}

func survivalFigure(r *reciprocal.Result, gname func(string) string, gcol func(string) color.Color) (*figures.Figure, error) {
	names := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	cols := []color.Color{nil}
	for _, g := range sortedKeys(r.ByGroup) {
		names = append(names, groupLabel(g, gname))
		sums = append(sums, r.ByGroup[g])
		cols = append(cols, groupColour(g, gcol))
	}
	// The curve is sampled at evenly spaced times (reciprocal.Options.Points)
	// and drawn as steps through the samples.
	var curves []figures.Curve
	for i, s := range sums {
		c := figures.Curve{Name: names[i], Color: cols[i]}
		for _, pt := range s.Survival {
			c.Seconds = append(c.Seconds, pt.Seconds)
			c.Share = append(c.Share, 1-pt.Survival)
			c.Lo = append(c.Lo, 1-pt.High)
			c.Hi = append(c.Hi, 1-pt.Low)
		}
		curves = append(curves, c)
	}
	f, err := figures.KaplanMeier(fmt.Sprintf("Time to return (Kaplan-Meier), window %s", humanSeconds(r.WindowSeconds)),
		"time since the first contact", "share returned", curves)
	if err != nil {
		return nil, fmt.Errorf("no survival curve: %s", orText(r.Overall.Reason, "no first contacts"))
	}
	return f, nil
}

func amplificationFigure(tr *trending.Result, gname func(string) string) (*figures.Figure, error) {
	cats := make([]string, len(tr.Groups))
	vals := [][]float64{make([]float64, len(tr.Groups)), make([]float64, len(tr.Groups))}
	for i, g := range tr.Groups {
		cats[i] = gname(g.Label)
		vals[0][i] = positiveOrNaN(g.Amplification)
		vals[1][i] = positiveOrNaN(g.AmplificationCF)
	}
	return figures.Estimates(cats, []figures.Series{
		{Name: "all engagement", Values: vals[0]},
		{Name: "without comrade engagement", Values: vals[1]},
	}, figures.EstimatesOptions{Title: fmt.Sprintf("Trending amplification (top %d)", tr.Options.TopK),
		XLabel: "share of top slots / share of items", Log: true})
}

// positiveOrNaN keeps a ratio that a log axis can show: 0 (a group that
// never trended) and ±Inf become NaN, drawn as "n/a".
func positiveOrNaN(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return math.NaN()
}

// slopeFigure ranks the items by the evaluation times they spent in the
// top-k (ties: better peak rank, then lower dense index), with and without
// comrade engagement, and draws the items in the first n of either ranking.
// On each side the items outside the first n are stacked in their order
// below a gap, under one axis label "> n", so their names stay readable.
func slopeFigure(ev *events.Events, tr *trending.Result, n int, gname func(string) string) (*figures.Figure, error) {
	if n <= 0 {
		n = 15
	}
	rankA := boardRanks(tr, false)
	rankB := boardRanks(tr, true)
	var idx []int
	for i := range tr.Items {
		if rankA[i] <= n || rankB[i] <= n {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, fmt.Errorf("no item reached the top %d", tr.Options.TopK)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if rankA[idx[a]] != rankA[idx[b]] {
			return rankA[idx[a]] < rankA[idx[b]]
		}
		return rankB[idx[a]] < rankB[idx[b]]
	})
	names := make([]string, len(idx))
	for k, i := range idx {
		it := tr.Items[i]
		names[k] = "item " + ev.Items.String(it.Item)
		if it.Group >= 0 && int(it.Group) < len(tr.Groups) {
			names[k] += " (" + gname(tr.Groups[it.Group].Label) + ")"
		}
	}
	moved := false
	for _, i := range idx {
		moved = moved || rankA[i] != rankB[i]
	}
	if !moved {
		return nil, fmt.Errorf("comrade engagement changes no rank among the first %d items", n)
	}
	a, outA := stackOutside(idx, rankA, n)
	b, outB := stackOutside(idx, rankB, n)
	f, err := figures.SlopeChart(fmt.Sprintf("Trending leaderboard: the first %d, with and without comrades", n), names, a, b,
		"with comrade engagement", "without")
	if err != nil {
		return nil, err
	}
	if outA+outB > 0 {
		f.Plot().Y.Tick.Marker = boardTicks{n: n, out: max(outA, outB)}
	}
	return f, nil
}

// stackOutside returns the drawn rank of each listed item: its rank when
// within n, else n+2, n+3, ... in the order of the true ranks; and how many
// were outside.
func stackOutside(idx, rank []int, n int) ([]float64, int) {
	out := make([]float64, len(idx))
	var below []int
	for k, i := range idx {
		if rank[i] <= n {
			out[k] = float64(rank[i])
		} else {
			below = append(below, k)
		}
	}
	sort.SliceStable(below, func(x, y int) bool { return rank[idx[below[x]]] < rank[idx[below[y]]] })
	for j, k := range below {
		out[k] = float64(n + 2 + j)
	}
	return out, len(below)
}

// boardTicks labels ranks 1..n of a slope chart (whose Y values are minus
// the ranks) and marks the stacked items below as "> n".
type boardTicks struct{ n, out int }

func (t boardTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	if t.n > 20 {
		step = 5
	}
	var ts []plot.Tick
	for r := 1; r <= t.n; r++ {
		if r == 1 || r%step == 0 || r == t.n {
			ts = append(ts, plot.Tick{Value: -float64(r), Label: fmt.Sprint(r)})
		}
	}
	ts = append(ts, plot.Tick{Value: -float64(t.n+2) - float64(t.out-1)/2, Label: fmt.Sprintf("> %d", t.n)})
	return ts
}

// boardRanks ranks every item by its top-k slots (cf: the counterfactual
// ones), best first; items that never held a slot get len(Items)+1.
func boardRanks(tr *trending.Result, cf bool) []int {
	slots := func(it trending.ItemRank) int {
		if cf {
			return it.SlotsCF
		}
		return it.Slots
	}
	peakOf := func(it trending.ItemRank) int {
		if cf {
			return peak(it.PeakRankCF, tr)
		}
		return peak(it.PeakRank, tr)
	}
	order := make([]int, len(tr.Items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := tr.Items[order[a]], tr.Items[order[b]]
		if slots(x) != slots(y) {
			return slots(x) > slots(y)
		}
		if peakOf(x) != peakOf(y) {
			return peakOf(x) < peakOf(y)
		}
		return x.Item < y.Item
	})
	rank := make([]int, len(tr.Items))
	for r, i := range order {
		rank[i] = r + 1
		if slots(tr.Items[i]) == 0 {
			rank[i] = len(tr.Items) + 1
		}
	}
	return rank
}

func peak(r int, tr *trending.Result) int {
	if r == 0 {
		return tr.Options.Depth + 1
	}
	return r
}

func clusterActors(co *coordination.Result) int {
	n := 0
	for _, c := range co.Clusters {
		n += len(c)
	}
	return n
}

// colouredBy says how the co-engagement drawing colours its nodes.
func colouredBy(ev *events.Events) string {
	if ev.Group != nil && len(ev.Groups) > 0 {
		return "nodes coloured by the actor's group (as in every figure)"
	}
	return "nodes in one colour (the events have no groups)"
}

// coordinationDrawing draws the kept co-engagement network: the clusters
// are its components, so colour is left to the actors' groups (a cell drawn
// from one group shows in one colour), and small clusters show the actors'
// ids.
func coordinationDrawing(ev *events.Events, co *coordination.Result, seed uint64, gname func(string) string) (*figures.Figure, error) {
	local := map[int32]int32{}
	var actors []int32
	for _, c := range co.Clusters {
		for _, a := range c {
			local[a] = int32(len(actors))
			actors = append(actors, a)
		}
	}
	src := make([]int32, len(co.Edges))
	dst := make([]int32, len(co.Edges))
	for i, e := range co.Edges {
		src[i], dst[i] = local[e.A], local[e.B]
	}
	if len(actors) > figures.MaxDrawNodes {
		return nil, fmt.Errorf("%d coordinated actors is more than %d to draw", len(actors), figures.MaxDrawNodes)
	}
	opt := figures.NetworkOptions{Seed: seed, Names: make([]string, len(actors))}
	for k, a := range actors {
		opt.Names[k] = ev.People.String(a)
	}
	if ev.Group != nil && len(ev.Groups) > 0 {
		opt.Labels = groupNames(ev.Groups, gname)
		opt.Codes = make([]int32, len(actors))
		for k, a := range actors {
			opt.Codes[k] = -1
			if int(a) < len(ev.Group) {
				opt.Codes[k] = ev.Group[a]
			}
		}
	}
	return figures.DrawNetworkWith(fmt.Sprintf("Co-engagement within %s: %d coordinated clusters", humanSeconds(co.Window), len(co.Clusters)),
		len(actors), src, dst, opt)
}

func clusterSizes(co *coordination.Result) (*figures.Figure, error) {
	const most = 30
	k := min(len(co.Clusters), most)
	member := map[int32]int{}
	for c, m := range co.Clusters {
		for _, a := range m {
			member[a] = c
		}
	}
	pairs := make([]int, len(co.Clusters))
	for _, e := range co.Edges {
		pairs[member[e.A]]++
	}
	labels := make([]string, k)
	v := make([]float64, k)
	for c := 0; c < k; c++ {
		labels[c] = fmt.Sprintf("%d (%d pairs)", c+1, pairs[c])
		v[c] = float64(len(co.Clusters[c]))
	}
	title := "Coordinated clusters"
	if len(co.Clusters) > most {
		title = fmt.Sprintf("The %d largest of %d coordinated clusters", most, len(co.Clusters))
	}
	f, err := figures.BarsCI(title, "actors in the cluster", labels, v, nil, nil, math.NaN())
	if err != nil {
		return nil, err
	}
	f.Plot().X.Label.Text = "cluster (co-engaging pairs inside)"
	return f, nil
}

// entropyFigure draws the exposure diversity: the normalised entropy of the
// groups each actor engages with when there are two groups or more, else of
// the binned leanings of the items, and its caption.
func entropyFigure(ec *echo.Result) (*figures.Figure, string, error) {
	var vals []float64
	for _, a := range ec.Actors {
		if !math.IsNaN(a.GroupEntropyNorm) {
			vals = append(vals, a.GroupEntropyNorm)
		}
	}
	what := ""
	if len(vals) > 0 {
		what = "groups of the authors"
	} else {
		for _, a := range ec.Actors {
			if !math.IsNaN(a.LeaningEntropyNorm) {
				vals = append(vals, a.LeaningEntropyNorm)
			}
		}
		what = fmt.Sprintf("leanings (%d bins) of the items", ec.Options.Bins)
	}
	if len(vals) == 0 {
		return nil, "", fmt.Errorf("no actor has a defined exposure entropy (needs two groups or item leanings)")
	}
	mean := 0.0
	for _, v := range vals {
		mean += v
	}
	mean /= float64(len(vals))
	caption := fmt.Sprintf("Exposure diversity: the Shannon entropy of the %s each actor engaged with, divided by its maximum (0: one only; 1: all equally), over %d actors; the line marks the mean, %.3f.", what, len(vals), mean)
	f, err := figures.HistogramMarked("Exposure diversity", "normalised entropy of the "+what+" engaged", vals, mean, fmt.Sprintf("mean %.2f", mean))
	return f, caption, err
}

// wilson is the share x/n with its 95% Wilson score interval (Wilson 1927,
// JASA 22:209); NaN when n is 0.
func wilson(x, n int64) (p, lo, hi float64) {
	lo, hi = interval.Wilson(x, n)
	return float64(x) / float64(n), lo, hi
}

func infToNaN(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		if math.IsInf(x, 0) {
			x = math.NaN()
		}
		out[i] = x
	}
	return out
}

func sortedKeys(m map[string]*reciprocal.Summary) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// The missing group last.
	for i, k := range keys {
		if k == reciprocal.MissingGroup {
			keys = append(append(keys[:i:i], keys[i+1:]...), k)
			break
		}
	}
	return keys
}

// comradeRule says in words who counts as a comrade under mode.
func comradeRule(mode comrades.Mode, follows bool) string {
	tie := "prior mutual engagement"
	if follows {
		tie = "mutual follow"
	}
	switch mode {
	case comrades.ModeGroup:
		return "same group"
	case comrades.ModeReciprocal:
		return tie
	case comrades.ModeEither:
		return tie + " or same group"
	}
	return string(mode)
}

// exposureRule says in words which items an actor is taken to have seen.
func exposureRule(exposure comrades.Exposure) string {
	switch exposure {
	case comrades.ExposureFollows:
		return "the items of the accounts they follow"
	case comrades.ExposureAll:
		return "every item"
	}
	return string(exposure)
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "undefined"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func short(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	return fmt.Sprintf("%.2g", x)
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func humanSeconds(s float64) string {
	switch {
	case math.IsNaN(s):
		return "an undefined time"
	case math.IsInf(s, 1):
		return "any time"
	case s >= 86400 && math.Mod(s, 86400) == 0:
		return plural(s/86400, "day")
	case s >= 3600 && math.Mod(s, 3600) == 0:
		return plural(s/3600, "hour")
	case s >= 60 && math.Mod(s, 60) == 0:
		return plural(s/60, "minute")
	}
	return plural(math.Round(s*10)/10, "second")
}

func plural(v float64, unit string) string {
	if v == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%g %ss", v, unit)
}

// Markdown is a short table of the headline numbers, for report.md.
func (st *EngagementStats) Markdown() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| quantity | value |\n|---|---|\n")
	row := func(k, v string) { fmt.Fprintf(&b, "| %s | %s |\n", k, v) }
	row("events", fmt.Sprint(st.Events))
	row("people (actors and authors)", fmt.Sprint(st.People))
	row("items", fmt.Sprint(st.Items))
	if len(st.Groups) > 0 {
		row("groups", strings.Join(st.Groups, ", "))
	}
	if c := st.Comrades; c != nil {
		row("comrade share of engagement / of exposure", pct(float64(c.ComradeShare))+" / "+pct(float64(c.ComradeExposureShare)))
		row("comrade lift (95% CI)", fmt.Sprintf("%s (%s to %s)", fmtf(float64(c.Lift)), fmtf(float64(c.LiftCI[0])), fmtf(float64(c.LiftCI[1]))))
		if m := c.Model; m != nil && m.Reason == "" {
			for _, t := range m.Terms {
				row("model: "+t+" (95% CI)", fmt.Sprintf("%s (%s to %s)", fmtf(float64(m.Coef[t])), fmtf(float64(m.CILow[t])), fmtf(float64(m.CIHigh[t]))))
			}
		}
	}
	if r := st.Reciprocity; r != nil {
		row(fmt.Sprintf("first contacts returned within %s (95%% CI)", humanSeconds(r.WindowSeconds)),
			fmt.Sprintf("%s (%s to %s)", fmtf(float64(r.Overall.PReturn)), fmtf(float64(r.Overall.PReturnCI[0])), fmtf(float64(r.Overall.PReturnCI[1]))))
	}
	if t := st.Trending; t != nil {
		for _, g := range sortedNumberKeys(t.Amplification) {
			row("amplification of group "+g+" (without comrades)", fmt.Sprintf("%s (%s)", fmtf(float64(t.Amplification[g])), fmtf(float64(t.AmplificationCF[g]))))
		}
	}
	if c := st.Coordination; c != nil {
		if w := float64(c.WindowSeconds); math.IsNaN(w) {
			row("coordination window", "undefined: "+orText(c.Reason, "see engagement.json"))
		} else {
			row("coordination window", humanSeconds(w))
		}
		row("coordinated clusters", fmt.Sprint(len(c.Clusters)))
	}
	if e := st.Echo; e != nil {
		row("leaning vs neighbours' leaning, r", fmtf(float64(e.Correlation)))
		row("mean exposure entropy of groups (nats)", fmtf(float64(e.MeanGroupEntropy)))
	}
	return b.String()
}

func sortedNumberKeys(m map[string]trending.Number) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
