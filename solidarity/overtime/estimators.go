package overtime

import (
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// Estimators for Run, one per analysis, each with the function that reads
// the same Point from a result already computed (the command line runs
// the analysis once per window and draws from its result). Each says what
// its interval is, or why there is none.

var nan = math.NaN()

// none is a Point without an interval, for the reason given.
func none(v float64, why, reason string) Point {
	return Point{Value: v, Lo: nan, Hi: nan, Interval: "none: " + why, Reason: reason}
}

// ReturnSharePoint is ReturnShare's point of a reciprocal result.
func ReturnSharePoint(r *reciprocal.Result) Point {
	o := r.Overall
	return Point{Value: float64(o.PReturn), Lo: float64(o.PReturnCI[0]), Hi: float64(o.PReturnCI[1]), Reason: o.Reason,
		Interval: "95% Wilson score interval over the observable units"}
}

// PairReciprocity is an estimator for Run: the share of ordered pairs
// u -> v of the window's engagement network whose reverse v -> u also
// occurs in the window (reciprocal.Result.PairReciprocity, the
// reciprocity of the projected network, as networkx's overall_reciprocity
// computes it). No interval: the pairs are not independent draws (both
// directions of a mutual pair count).
func PairReciprocity(opt reciprocal.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := reciprocal.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return PairReciprocityPoint(r), nil
	}
}

// PairReciprocityPoint is PairReciprocity's point of a reciprocal result.
func PairReciprocityPoint(r *reciprocal.Result) Point {
	reason := ""
	if math.IsNaN(float64(r.PairReciprocity)) {
		reason = "no engagement between two people in the window"
	}
	return none(float64(r.PairReciprocity), "a descriptive share of the window's pairs, which are not independent", reason)
}

// ComradeRateRatio is an estimator for Run: comrades' headline
// fixed-effects estimate (comrades.Result.FixedEffects: the hazard or odds
// ratio, whichever shape fits the window better, within actor and item, or
// within actor and author where the analysis falls back to it; how much likelier an actor is to engage a comrade's
// item than another item, comparing each actor with themselves and each
// item with itself), with its 95% interval. Ratio: 1 is no comrade
// preference.
func ComradeRateRatio(opt comrades.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := comrades.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return ComradeRateRatioPoint(r), nil
	}
}

// ComradeRateRatioPoint is ComradeRateRatio's point of a comrades result.
func ComradeRateRatioPoint(r *comrades.Result) Point {
	fe := r.FixedEffects
	if fe == nil {
		why := r.Reason
		if why == "" {
			why = "no fixed-effects estimate"
		}
		return Point{Value: nan, Lo: nan, Hi: nan, Reason: why, Ratio: true}
	}
	p := Point{Value: float64(fe.RateRatio), Lo: float64(fe.CI[0]), Hi: float64(fe.CI[1]), Reason: fe.Reason, Ratio: true,
		Interval: "95% Wald interval of the headline fixed-effects coefficient (cluster-robust by actor and item), exponentiated",
		Scale:    fe.Model}
	switch fe.Model {
	case comrades.ModelHazard:
		p.Scale = "cloglog hazard ratio"
	case comrades.ModelLogit:
		p.Scale = "logit odds ratio"
	}
	if fe.SpansShapes() {
		// The value is the likelier shape's; the interval covers both,
		// so a window's value need not be its interval's centre, and two
		// windows can report different shapes (Shape names each).
		p.Interval = "hull of the cloglog and logit fits' 95% Wald intervals (cluster-robust by actor and item), exponentiated: it holds whichever shape is assumed"
	}
	return p
}

// EchoCorrelation is an estimator for Run: the echo-chamber index, Pearson's
// r between each actor's leaning and its neighbours' mean leaning
// (echo.Result.Correlation, Cinelli et al. 2021), with the 95% Fisher z
// interval tanh(atanh r ± 1.96/sqrt(n-3)) over the n actors with both.
// The interval treats actors as independent, which neighbours sharing
// neighbours are not: it is too narrow when the network is clustered.
func EchoCorrelation(opt echo.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := echo.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return EchoCorrelationPoint(r), nil
	}
}

// EchoCorrelationPoint is EchoCorrelation's point of an echo result.
func EchoCorrelationPoint(r *echo.Result) Point {
	p := Point{Value: r.Correlation, Lo: nan, Hi: nan, Reason: r.Reason,
		Interval: "95% Fisher z interval, actors taken as independent (too narrow in clustered networks)"}
	if math.IsNaN(r.Correlation) {
		return p
	}
	if r.Pairs <= 3 || math.Abs(r.Correlation) >= 1 {
		p.Interval = fmt.Sprintf("none: %d actors with a leaning and neighbours, |r| = %g (Fisher z needs n > 3 and |r| < 1)", r.Pairs, math.Abs(r.Correlation))
		return p
	}
	z, h := math.Atanh(r.Correlation), 1.959963984540054/math.Sqrt(float64(r.Pairs-3))
	p.Lo, p.Hi = math.Tanh(z-h), math.Tanh(z+h)
	return p
}

// TrendingOwed is an estimator for Run: the share of the window's filled
// top-k slots (over every evaluation time) held by items that would not
// be there without comrade engagement (trending.Result.Top against
// TopCF): 0 when comrades change nothing in the trends. No interval: the
// trending rule is deterministic given the events, and no sampling model
// of the slots is assumed.
func TrendingOwed(opt trending.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := trending.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return TrendingOwedPoint(r), nil
	}
}

// TrendingOwedPoint is TrendingOwed's point of a trending result.
func TrendingOwedPoint(r *trending.Result) Point {
	filled, owed := 0, 0
	for t := range r.Top {
		cf := map[int32]bool{}
		if t < len(r.TopCF) {
			for _, it := range r.TopCF[t] {
				cf[it] = true
			}
		}
		for _, it := range r.Top[t] {
			filled++
			if !cf[it] {
				owed++
			}
		}
	}
	why := "the trending rule is deterministic given the events (no sampling model of the slots)"
	if filled == 0 {
		reason := r.Reason
		if reason == "" {
			reason = "no trending slot filled in the window"
		}
		return none(nan, why, reason)
	}
	return none(float64(owed)/float64(filled), why, "")
}

// GroupAmplification is an estimator for Run: how much comrade engagement
// raises one group's share of the trending slots, Amplification /
// AmplificationCF of trending.Result.Groups (1: not at all). No interval,
// as for TrendingOwed. Ratio.
func GroupAmplification(opt trending.Options, group string) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := trending.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		for _, g := range r.Groups {
			if g.Label == group {
				p := none(g.Amplification/g.AmplificationCF, "the trending rule is deterministic given the events", "")
				if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
					p.Value = nan
					p.Reason = fmt.Sprintf("group %q: amplification %g, without comrades %g", group, g.Amplification, g.AmplificationCF)
				}
				p.Ratio = true
				return p, nil
			}
		}
		return Point{Value: nan, Lo: nan, Hi: nan, Ratio: true, Reason: fmt.Sprintf("no group %q in the window", group)}, nil
	}
}

// CoordinatedClusters is an estimator for Run: the number of co-engagement
// clusters that pass the timing null at q < 0.05 (opt.Null redraws; with
// opt.Null = 0 the value is NaN: untested clusters say nothing about
// coordination). No interval: a count of detected clusters, whose
// detection depends on the window's length and activity, so compare
// windows of equal length.
func CoordinatedClusters(opt coordination.Options) func(*events.Events) (Point, error) {
	return func(ev *events.Events) (Point, error) {
		r, err := coordination.Analyze(ev, opt)
		if err != nil {
			return Point{}, err
		}
		return CoordinatedClustersPoint(r), nil
	}
}

// CoordinatedClustersPoint is CoordinatedClusters' point of a
// coordination result.
func CoordinatedClustersPoint(r *coordination.Result) Point {
	why := "a count of detected clusters"
	if r.Options.Null <= 0 {
		return none(nan, why, fmt.Sprintf("%d clusters, untested: give a timing null (Options.Null, --null 99)", len(r.Clusters)))
	}
	n := 0
	for _, t := range r.Tests {
		if t.Q < 0.05 {
			n++
		}
	}
	return none(float64(n), why, r.Reason)
}

// Difference compares the two windows of Between (or any two estimates):
// after minus before, or for ratios after / before, with a 95% interval by
// the method of variance estimates recovery (MOVER: Newcombe 1998, Stat.
// Med. 17:873, method 10; Zou & Donner 2008, Stat. Med. 27:1693), which
// keeps the asymmetry of each window's interval:
//
//	L = a - b - sqrt((a - l_a)^2 + (u_b - b)^2)
//	U = a - b + sqrt((u_a - a)^2 + (b - l_b)^2)
//
// on the log scale for ratios. It treats the two windows as independent
// samples; people active in both make them positively correlated, which
// makes this interval conservative. Without an interval in either window
// the difference has none (Lo, Hi NaN; Interval says so). Where the two
// windows' Scale differ (the comrade headline keeps a hazard ratio in one
// and an odds ratio in the other), the value mixes them: Scale and
// Interval say so.
func Difference(before, after Estimate) Point {
	a, la, ua := after.Value, after.Lo, after.Hi
	b, lb, ub := before.Value, before.Lo, before.Hi
	ratio := after.Ratio && before.Ratio
	if ratio {
		for _, x := range []*float64{&a, &la, &ua, &b, &lb, &ub} {
			if *x <= 0 {
				*x = nan
			}
			*x = math.Log(*x)
		}
	}
	p := Point{Value: a - b, Lo: nan, Hi: nan, Ratio: ratio}
	if math.IsNaN(p.Value) {
		p.Reason = fmt.Sprintf("undefined in a window (before %v, after %v)", before.Value, after.Value)
		if before.Reason != "" || after.Reason != "" {
			p.Reason += ": " + before.Reason + "; " + after.Reason
		}
	}
	if math.IsNaN(la) || math.IsNaN(ua) || math.IsNaN(lb) || math.IsNaN(ub) {
		p.Interval = "none: a window has no interval"
	} else {
		p.Lo = p.Value - math.Hypot(a-la, ub-b)
		p.Hi = p.Value + math.Hypot(ua-a, b-lb)
		p.Interval = "95% MOVER (Newcombe 1998), windows taken as independent"
	}
	if ratio {
		p.Value, p.Lo, p.Hi = math.Exp(p.Value), math.Exp(p.Lo), math.Exp(p.Hi)
		p.Interval += "; a ratio of the two windows' ratios"
	}
	switch {
	case before.Scale == after.Scale:
		p.Scale = after.Scale
	case before.Scale != "" && after.Scale != "":
		// The comrade headline picks its shape in each window: a hazard
		// ratio over an odds ratio is not the change of one parameter.
		// The value is still computed (it is what the two windows'
		// headlines say), and the interval, MOVER on each window's
		// interval, is as wide as those are; the text says what it mixes.
		p.Scale = before.Scale + " before, " + after.Scale + " after"
		p.Interval += fmt.Sprintf("; the windows are on different scales (before: %s, after: %s), so the value is not the change of one parameter: compare each window's alternative shape (the result's \"alternative\") before reading it as a change", before.Scale, after.Scale)
	}
	return p
}
