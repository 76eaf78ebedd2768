package figureset

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

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
	// Progress, when set, is called with the name of each analysis as it
	// starts.
	Progress func(stage string)
}

// GroupLift is the comrade lift of the actors of one group: the pooled
// engagement rate of their comrade exposures over that of their other
// exposures, with a 95% interval clustered by actor (the formula of
// comrades.Result.LiftCI, restricted to the group's actors).
type GroupLift struct {
	Group  string             `json:"group"`
	Actors int                `json:"actors"`
	Lift   comrades.Number    `json:"lift"`
	CI     [2]comrades.Number `json:"lift_ci"`
	Reason string             `json:"reason,omitempty"`
}

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
			if err != nil {
				skip(name, err)
				return
			}
			f.Name = name
			s.Items = append(s.Items, Item{f, caption})
		}
	}
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
		st.LiftByGroup = liftByGroup(ev, cr)
		labels := []string{"all actors"}
		vals := []float64{float64(cr.Lift)}
		lo := []float64{float64(cr.LiftCI[0])}
		hi := []float64{float64(cr.LiftCI[1])}
		for _, g := range st.LiftByGroup {
			labels = append(labels, "group "+g.Group)
			vals = append(vals, float64(g.Lift))
			lo = append(lo, float64(g.CI[0]))
			hi = append(hi, float64(g.CI[1]))
		}
		over := "pooled over all actors"
		if len(st.LiftByGroup) > 0 {
			over += " and over the actors of each group"
		}
		add("comrade_lift", fmt.Sprintf("Comrade lift (comrades: %s; exposure: %s): how many times likelier actors are to engage an item they saw when its author is a comrade, %s, with 95%% intervals clustered by actor. 1 (dashed) is no preference. Comrade share of engagement %s against %s of exposure.",
			comradeRule(cr.Mode, opt.Follows != nil), exposureRule(cr.Exposure), over, pct(float64(cr.ComradeShare)), pct(float64(cr.ComradeExposureShare))))(
			figures.BarsCI("Comrade lift, with 95% intervals", "P(engage | comrade) / P(engage | other)", labels, infToNaN(vals), infToNaN(lo), infToNaN(hi), 1))
		if len(cr.SupportBins) > 0 {
			add("unconditional_support", "Unconditional support: the share of the items actors saw that they engaged, for comrades' items and for other authors' items, by bins of item quality (95% Wilson intervals, not clustered). Support that stays high for comrades' worst items is engagement that does not depend on content.")(
				supportFigure(cr.SupportBins))
		} else {
			skip("unconditional_support", fmt.Errorf("the events carry no item quality"))
		}
		if m := cr.Model; m != nil && m.Reason == "" {
			add("engagement_model", modelCaption(m))(modelFigure(m))
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
			returnFigure(rr))
		curves := "overall"
		if len(rr.ByGroup) > 0 {
			curves = "overall (black) and by the initiator's group"
		}
		add("time_to_return", fmt.Sprintf("Time to return: the Kaplan-Meier share of first contacts returned within t, up to the %s window, %s; contacts too recent to have been answered are censored.", w, curves))(
			survivalFigure(rr, ev.Groups))
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
		figures.EngagementPerDay("Engagement per day", ev.Time, codes, prefixed("group ", ev.Groups)))

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
			add("amplification", fmt.Sprintf("Trending amplification: each group's share of the top-%d trending slots over its share of items (1, dashed, is proportional visibility), with all engagement and without the engagement of comrades (%s). Trending score: engagement in a %s window with %s decay, evaluated every %s.",
				tr.Options.TopK, rule, humanSeconds(tr.Options.Window), humanSeconds(tr.Options.Tau), humanSeconds(tr.Options.Step)))(
				amplificationFigure(tr))
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
			add("rank_slope", fmt.Sprintf("Trending leaderboard: items ranked by the number of evaluation times they spent in the top %d, with all engagement (left) and without the engagement of comrades (%s; right), for the first %d items of either ranking; items outside the first %d on one side are listed below the gap (\"> %d\") in their order. Vermillion items owe their place to comrades.",
				tr.Options.TopK, rule, nl, nl, nl))(slopeFigure(ev, tr, nl))
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
			add("coordination_network", fmt.Sprintf("Co-engagement network: actors joined when they engaged at least %d of the same items within %s of each other (window %s), coloured by coordinated cluster (connected component); %d clusters, %d actors, %d pairs.",
				co.Options.MinItems, humanSeconds(co.Window), how, len(co.Clusters), clusterActors(co), len(co.Edges)))(
				coordinationDrawing(co, seed))
			if len(co.Clusters) > len(figures.OkabeIto) {
				// The drawing colours only the seven largest clusters.
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

// liftByGroup pools the per-actor exposure counts of comrades.Analyze by the
// actor's group and computes each group's lift with the cluster-robust
// delta-method interval comrades uses for the overall lift.
func liftByGroup(ev *events.Events, cr *comrades.Result) []GroupLift {
	if ev.Group == nil || len(ev.Groups) == 0 || len(cr.PerActor) == 0 {
		return nil
	}
	dense := make(map[string]int32, ev.NumPeople())
	for i := 0; i < ev.NumPeople(); i++ {
		dense[ev.People.String(int32(i))] = int32(i)
	}
	per := make([][]comrades.ActorLift, len(ev.Groups))
	for _, a := range cr.PerActor {
		i, ok := dense[a.Actor]
		if !ok || int(i) >= len(ev.Group) || ev.Group[i] < 0 {
			continue
		}
		per[ev.Group[i]] = append(per[ev.Group[i]], a)
	}
	out := make([]GroupLift, len(ev.Groups))
	for g, label := range ev.Groups {
		l, lo, hi, reason := pooledLift(per[g])
		out[g] = GroupLift{Group: label, Actors: len(per[g]), Lift: comrades.Number(l),
			CI: [2]comrades.Number{comrades.Number(lo), comrades.Number(hi)}, Reason: reason}
	}
	return out
}

// pooledLift is (sum x1 / sum n1) / (sum x0 / sum n0) over the actors, with
// the 95% interval exp(log L -/+ 1.96 se), se^2 = m/(m-1) sum_a z_a^2,
// z_a = x1_a/X1 - n1_a/N1 - x0_a/X0 + n0_a/N0 (delta method, clusters =
// actors), as in comrades.Analyze.
func pooledLift(actors []comrades.ActorLift) (lift, lo, hi float64, reason string) {
	nan := math.NaN()
	var X1, N1, X0, N0 int64
	for _, a := range actors {
		X1 += a.ComradeEngaged
		N1 += a.ComradeExposures
		X0 += a.OtherEngaged
		N0 += a.OtherExposures
	}
	switch {
	case N1 == 0 || N0 == 0:
		return nan, nan, nan, "no comrade exposures or no other exposures"
	case X1 == 0 || X0 == 0:
		return nan, nan, nan, "no engagement of comrade items or none of other items"
	case len(actors) < 2:
		return nan, nan, nan, "one actor: the clustered interval needs at least two"
	}
	lift = (float64(X1) / float64(N1)) / (float64(X0) / float64(N0))
	var ss float64
	for _, a := range actors {
		z := float64(a.ComradeEngaged)/float64(X1) - float64(a.ComradeExposures)/float64(N1) -
			float64(a.OtherEngaged)/float64(X0) + float64(a.OtherExposures)/float64(N0)
		ss += z * z
	}
	m := float64(len(actors))
	se := math.Sqrt(ss * m / (m - 1))
	const z95 = 1.959963984540054
	return lift, math.Exp(math.Log(lift) - z95*se), math.Exp(math.Log(lift) + z95*se), ""
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
	fmt.Fprintf(&b, ": each term's coefficient (log-odds) with its 95%% interval; 0 (dashed) is no effect.")
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

func modelFigure(m *comrades.Model) (*figures.Figure, error) {
	var labels []string
	var v, lo, hi []float64
	for _, t := range m.Terms {
		if t == "intercept" {
			continue
		}
		labels = append(labels, t)
		v = append(v, float64(m.Coef[t]))
		lo = append(lo, float64(m.CILow[t]))
		hi = append(hi, float64(m.CIHigh[t]))
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("the model has no term besides the intercept")
	}
	return figures.BarsCI("Engagement model: log-odds coefficients", "coefficient (log-odds), 95% interval", labels, infToNaN(v), infToNaN(lo), infToNaN(hi), 0)
}

func returnFigure(r *reciprocal.Result) (*figures.Figure, error) {
	labels := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	for _, g := range sortedKeys(r.ByGroup) {
		labels = append(labels, "group "+g)
		sums = append(sums, r.ByGroup[g])
	}
	if r.WithinGroup != nil && r.AcrossGroup != nil {
		labels = append(labels, "within groups", "across groups")
		sums = append(sums, r.WithinGroup, r.AcrossGroup)
	}
	v := make([]float64, len(sums))
	lo := make([]float64, len(sums))
	hi := make([]float64, len(sums))
	for i, s := range sums {
		v[i], lo[i], hi[i] = float64(s.PReturn), float64(s.PReturnCI[0]), float64(s.PReturnCI[1])
	}
	return figures.BarsCI(fmt.Sprintf("Engagement returned within %s", humanSeconds(r.WindowSeconds)), "share of first contacts returned",
		labels, infToNaN(v), infToNaN(lo), infToNaN(hi), math.NaN())
}

func survivalFigure(r *reciprocal.Result, groups []string) (*figures.Figure, error) {
	names := []string{"all"}
	sums := []*reciprocal.Summary{&r.Overall}
	cols := []color.Color{color.Black}
	for _, g := range sortedKeys(r.ByGroup) {
		names = append(names, "group "+g)
		sums = append(sums, r.ByGroup[g])
		cols = append(cols, figures.GroupColor(slices.Index(groups, g)))
	}
	unit, scale := timeUnit(r.WindowSeconds)
	// The curve is sampled at evenly spaced times (reciprocal.Options.Points)
	// and drawn through the samples.
	p := styledPlot(fmt.Sprintf("Time to return (Kaplan-Meier), window %s", humanSeconds(r.WindowSeconds)), "time since the first contact ("+unit+")", "share returned")
	g := plotter.NewGrid()
	g.Vertical.Color = color.NRGBA{0xE5, 0xE5, 0xE5, 0xFF}
	g.Horizontal.Color = g.Vertical.Color
	p.Add(g)
	drawn := 0
	for i, s := range sums {
		if len(s.Survival) == 0 {
			continue
		}
		xy := make(plotter.XYs, 0, len(s.Survival))
		for _, pt := range s.Survival {
			if math.IsNaN(pt.Survival) {
				continue
			}
			xy = append(xy, plotter.XY{X: pt.Seconds / scale, Y: 1 - pt.Survival})
		}
		if len(xy) == 0 {
			continue
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: cols[i], Width: vg.Points(1.6)}
		if i == 0 {
			l.LineStyle.Width = vg.Points(2.2)
		}
		p.Add(l)
		p.Legend.Add(names[i], l)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("no survival curve: %s", orText(r.Overall.Reason, "no first contacts"))
	}
	p.Legend.Top = false
	p.Legend.Left = false
	p.Legend.YOffs = vg.Points(6)
	p.Y.Min = 0
	return figures.New("time_to_return", p), nil
}

func amplificationFigure(tr *trending.Result) (*figures.Figure, error) {
	cats := make([]string, len(tr.Groups))
	vals := [][]float64{make([]float64, len(tr.Groups)), make([]float64, len(tr.Groups))}
	for i, g := range tr.Groups {
		cats[i] = "group " + g.Label
		vals[0][i] = g.Amplification
		vals[1][i] = g.AmplificationCF
	}
	f, err := figures.GroupedBars(fmt.Sprintf("Trending amplification (top %d)", tr.Options.TopK), "share of top slots / share of items", cats,
		[]string{"all engagement", "without comrade engagement"}, [][]float64{infToNaN(vals[0]), infToNaN(vals[1])}, nil, nil)
	if err != nil {
		return nil, err
	}
	addRef(f.Plot(), 1)
	return f, nil
}

// slopeFigure ranks the items by the evaluation times they spent in the
// top-k (ties: better peak rank, then lower dense index), with and without
// comrade engagement, and draws the items in the first n of either ranking.
// On each side the items outside the first n are stacked in their order
// below a gap, under one axis label "> n", so their names stay readable.
func slopeFigure(ev *events.Events, tr *trending.Result, n int) (*figures.Figure, error) {
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
			names[k] += " (group " + tr.Groups[it.Group].Label + ")"
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

func coordinationDrawing(co *coordination.Result, seed uint64) (*figures.Figure, error) {
	local := map[int32]int32{}
	var codes []int32
	labels := make([]string, len(co.Clusters))
	for k, c := range co.Clusters {
		labels[k] = fmt.Sprintf("cluster %d", k+1)
		for _, a := range c {
			local[a] = int32(len(codes))
			codes = append(codes, int32(k))
		}
	}
	src := make([]int32, len(co.Edges))
	dst := make([]int32, len(co.Edges))
	for i, e := range co.Edges {
		src[i], dst[i] = local[e.A], local[e.B]
	}
	if len(codes) > figures.MaxDrawNodes {
		return nil, fmt.Errorf("%d coordinated actors is more than %d to draw", len(codes), figures.MaxDrawNodes)
	}
	return figures.DrawNetwork(fmt.Sprintf("Co-engagement within %s: %d coordinated clusters", humanSeconds(co.Window), len(co.Clusters)),
		len(codes), src, dst, codes, labels, seed)
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

// styledPlot is a gonum plot in the figures package's text style (Liberation
// Sans, the same sizes), for the curves that package has no constructor for.
func styledPlot(title, xlabel, ylabel string) *plot.Plot {
	sans := func(size vg.Length) font.Font { return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size} }
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(12.5)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(11)
		ax.Tick.Label.Font = sans(9.5)
		ax.Padding = vg.Points(3)
	}
	p.Legend.TextStyle.Font = sans(9.5)
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(14)
	return p
}

// refLine is a dashed horizontal reference line across the plot that does
// not widen the X range.
type refLine struct {
	y     float64
	style draw.LineStyle
}

func (h *refLine) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	y := trY(h.y)
	c.StrokeLines(h.style, c.ClipLinesY([]vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})...)
}

func (h *refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), h.y, h.y
}

func (h *refLine) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

func addRef(p *plot.Plot, y float64) {
	h := &refLine{y: y, style: draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}}
	p.Add(h)
	p.Legend.Add(fmt.Sprintf("reference = %g", y), h)
	if p.Y.Max < y {
		p.Y.Max = y
	}
	if p.Y.Min > y {
		p.Y.Min = y
	}
}

// wilson is the share x/n with its 95% Wilson score interval (Wilson 1927,
// JASA 22:209); NaN when n is 0.
func wilson(x, n int64) (p, lo, hi float64) {
	if n <= 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	const z = 1.959963984540054
	nf := float64(n)
	p = float64(x) / nf
	d := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / d
	h := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / d
	return p, math.Max(0, c-h), math.Min(1, c+h)
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

func prefixed(p string, labels []string) []string {
	if labels == nil {
		return nil
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = p + l
	}
	return out
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

// timeUnit picks hours for windows of at least three hours, else minutes,
// else seconds.
func timeUnit(window float64) (string, float64) {
	switch {
	case window >= 3*3600:
		return "hours", 3600
	case window >= 180:
		return "minutes", 60
	}
	return "seconds", 1
}

// humanSeconds writes a duration in the largest unit that divides it
// (days, hours, minutes), else in seconds.
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
