package comrades

import (
	"math"
	"slices"
)

// FitHazardFixedEffects fits the two-way fixed-effects complementary
// log-log model, a discrete-time proportional hazards model, to cells:
//
//	P(engage | exposed) = 1 - exp(-exp(a_actor + b_author + g*comrade))
//
// each of a cell's Exposures a Bernoulli trial, Engaged of them successes.
// It reads as: every exposure opens a window in which the actor engages at
// a hazard that multiplies actor, author and comradeship; the item is
// engaged if the hazard fired at least once. exp(g) is then the ratio of
// comrades' hazard to others' hazard (RateRatio holds it), the rate ratio
// of the Poisson model without its assumption that expected counts stay
// proportional to the rate when engagement saturates: a popular author's
// item engaged by nearly every active follower pins the Poisson model's
// counts at the exposures while its rate keeps growing, and the
// fixed-effects Poisson estimate then drifts with whatever is spread
// unevenly over the saturated cells (Prentice & Gloeckler 1978,
// doi:10.2307/2530374, for the grouped-time proportional hazards model;
// Allison 1982, doi:10.2307/270718, for its binomial cloglog form).
//
// The fit is iteratively reweighted least squares with the fixed effects
// swept out by alternating projections. The interval is Wald on g with the same two-way cluster-robust
// variance as FitFixedEffects (actor clusters + author clusters - cells),
// on the scores with the fixed effects partialled out.
//
// Actors and authors whose cells are all engaged or all not have effects
// of plus or minus infinity and carry no information on g: they are left
// out and not counted in Actors and Authors. A nonlinear fixed-effects
// model has an incidental-parameter bias of order 1/(cells per actor);
// the detectability card measures it on the worlds (docs/validation.md).
func FitHazardFixedEffects(cells []PairCell, nActors, nAuthors int) FixedEffects {
	return fitLink(cells, nActors, nAuthors, 0).FixedEffects
}

// hazardFit is a fit with what its variance needs: the cells kept, and
// each one's Fisher information w and score r on its linear predictor.
type hazardFit struct {
	FixedEffects
	kept   []PairCell
	eta    []float64
	w, r   []float64
	capped int // steps shortened to linkMaxStep
}

// linkMaxStep is the longest step fitLink takes on the link scale after
// its first (a rate ratio of 20 per cell and step); a variable so that
// tests can compare with the uncapped fit.
var linkMaxStep = 3.0

// fitLink fits the two-way fixed-effects binomial model with the
// Aranda-Ordaz link of shape alpha (saturation.go): alpha 0 is the
// hazard (cloglog) model, alpha 1 the logit.
func fitLink(cells []PairCell, nActors, nAuthors int, alpha float64) (fit hazardFit) {
	sat := saturation(alpha)
	model, ratio := ModelHazard, "hazard ratio"
	if alpha == 1 {
		model, ratio = ModelLogit, "odds ratio"
	}
	out := &fit.FixedEffects
	*out = FixedEffects{Model: model, Coef: nan, SE: nan, RateRatio: nan, CI: [2]Number{nan, nan}, FitCI: [2]Number{nan, nan}, Z: nan, P: nan}
	// Drop actors and authors whose cells are all engaged or all not,
	// repeatedly: dropping an author can leave an actor all one way. A
	// cell of infinite exposures is no count (it would turn every weight
	// into NaN and read as "comradeship does not vary").
	kept := make([]PairCell, 0, len(cells))
	for _, c := range cells {
		if c.Exposures > 0 && c.Engaged >= 0 && c.Engaged <= c.Exposures && !math.IsInf(c.Exposures, 0) {
			kept = append(kept, c)
		}
	}
	yu := make([]float64, nActors)
	nu := make([]float64, nActors)
	yv := make([]float64, nAuthors)
	nv := make([]float64, nAuthors)
	for {
		clear(yu)
		clear(nu)
		clear(yv)
		clear(nv)
		for _, c := range kept {
			yu[c.Actor] += c.Engaged
			nu[c.Actor] += c.Exposures
			yv[c.Author] += c.Engaged
			nv[c.Author] += c.Exposures
		}
		n := 0
		for _, c := range kept {
			if yu[c.Actor] > 0 && yu[c.Actor] < nu[c.Actor] && yv[c.Author] > 0 && yv[c.Author] < nv[c.Author] {
				kept[n] = c
				n++
			}
		}
		if n == len(kept) {
			break
		}
		kept = kept[:n]
	}
	out.Cells = len(kept)
	for u := range yu {
		if nu[u] > 0 {
			out.Actors++
		}
	}
	for v := range yv {
		if nv[v] > 0 {
			out.Authors++
		}
	}
	yc, nc, yo, no := comradeTotals(kept)
	if out.Reason = unidentified(yc, nc, yo, no, ratio, "actors and authors whose engagement varies"); out.Reason != "" {
		return fit
	}
	// Iteratively reweighted least squares with the fixed effects swept
	// out of each weighted regression by alternating projections (the
	// algorithm of ppmlhdfe: Correia, Guimarães & Zylkin 2020,
	// doi:10.1177/1536867X20909691), halving the step when the deviance
	// rises. Cells pushed to certain engagement by quasi-separation get
	// vanishing weight; g converges without them.
	m := len(kept)
	eta := make([]float64, m)
	x := make([]float64, m)
	for i, c := range kept {
		eta[i] = sat.eta((c.Engaged + 0.5) / (c.Exposures + 1))
		x[i] = ind(c.Comrade)
	}
	w := make([]float64, m)
	z := make([]float64, m)
	xt := make([]float64, m)
	prev := make([]float64, m)
	// The starting eta is not of the model's form: the first step is not
	// compared with it.
	dev := math.Inf(1)
	g := 0.0
	stalled := false
	unswept := false // demean hit its cap
	warm := [][]float64{make([]float64, nAuthors), make([]float64, nAuthors)}
	info := 0.0 // the information on g, at the last iterate
	const maxIter = 200
	for it := 1; it <= maxIter; it++ {
		for i, c := range kept {
			p, q, dp := sat.at(eta[i])
			dmu := c.Exposures * dp // d mean / d eta
			// Written so that NaN (a rate of +Inf) also lands here.
			if !(p >= 1e-300 && q >= 1e-300 && dmu >= 1e-300) {
				w[i], z[i] = 0, eta[i]
				continue
			}
			w[i] = dmu * dp / (p * q) // = n dp^2 / (p (1-p))
			z[i] = eta[i] + (c.Engaged-c.Exposures*p)/dmu
		}
		copy(xt, x)
		resid := slices.Clone(z)
		// Warm starts: each column's author effects from the last
		// iteration, where the weights and working response have moved
		// little.
		if _, ok := demeanCols(kept, w, [][]float64{xt, resid}, warm, nActors, nAuthors, 1e-11); !ok {
			unswept = true
			break
		}
		var sxx, sxz float64
		for i := range kept {
			sxx += w[i] * xt[i] * xt[i]
			sxz += w[i] * xt[i] * resid[i]
		}
		if !(sxx > 1e-12) {
			out.Reason = "comradeship does not vary within actors and authors: the fixed effects absorb it"
			if it > 1 {
				// It varied at the start: the comrade cells that vary have
				// been pushed to certain engagement (or none), where they
				// weigh nothing. g runs off to infinity (separation).
				out.Reason = "the comrade exposures are all engaged (or all not) within the actors and authors whose engagement varies: the " + ratio + " runs off to infinity or zero (separation)"
			}
			return fit
		}
		gNew := sxz / sxx
		info = sxx
		copy(prev, eta)
		step := 0.0
		for i := range kept {
			eta[i] = z[i] - (resid[i] - gNew*xt[i])
			step = max(step, math.Abs(eta[i]-prev[i]))
		}
		// Fisher scoring far out in a tail proposes steps of order
		// exp(gap): on the hazard scale a cell engaged at a modelled rate
		// of 1e-14 asks for its effects to rise by 1e14, and 30 halvings
		// leave that at 1e5, an infinite deviance: the old fit stopped
		// there as "stalled" (6 of 176 cloglog fits on the card's null
		// worlds). Shortening the whole step to move no linear predictor
		// by more than linkMaxStep keeps its direction, so the fixed point,
		// the maximum likelihood, is unchanged. The first step is left
		// whole: it leaves a starting eta that is not of the model's form,
		// and a part of that start would stay in every later iterate.
		// Under quasi-separation the cap also stops the fit from calling
		// a stop converged: once the deviance and g settle, the weighted
		// projection turns effects whose cells weigh 1e-16 into steps of
		// any size, which halving used to shrink to nothing ("converged",
		// with whatever g the path had reached, though on the cells left
		// finite the data may not determine g: TestHazardStepCapSeparated);
		// capped, they keep walking the separated effects, and the fit
		// ends "did not converge" or, once the comrade cells weigh nothing,
		// absorbed.
		capped := it > 1 && step > linkMaxStep
		if capped {
			fit.capped++
			f := linkMaxStep / step
			for i := range eta {
				eta[i] = prev[i] + f*(eta[i]-prev[i])
			}
			gNew = g + f*(gNew-g)
		}
		d := sat.deviance(kept, eta)
		rise := d - dev // of the whole step, before any halving
		h := 0
		for ; h < 30 && d > dev*(1+1e-12)+1e-9; h++ {
			for i := range eta {
				eta[i] = (eta[i] + prev[i]) / 2
			}
			gNew = (gNew + g) / 2
			d = sat.deviance(kept, eta)
		}
		out.Iterations = it
		if h == 30 {
			stalled = true
			break
		}
		// A step that had to be halved is no evidence of convergence:
		// after 29 halvings the deviance and g cannot move, wherever the
		// fit is. On hostile designs the IRLS direction is at times not
		// one of ascent, and the old rule then called the start of a
		// stall converged: 40 of 6000 fits, with scores up to 8.9
		// standard errors from zero (TestHazardNoFalseConvergence). At
		// the maximum the whole step's deviance differs from the last by
		// rounding only, which may still trigger a halving: that is
		// allowed.
		whole := h == 0 || rise <= 1e-9*(0.1+math.Abs(dev))
		done := !capped && whole && math.Abs(d-dev) < 1e-10*(0.1+math.Abs(d)) && math.Abs(gNew-g) < 1e-7 // the inner sweeps' tolerance leaves g jittering at ~1e-8
		g, dev = gNew, d
		if done && it > 1 {
			out.Converged = true
			break
		}
	}
	// Scores and Fisher information of each cell's linear predictor at
	// the fit, for the sandwich.
	r := make([]float64, m)
	for i, c := range kept {
		p, q, dp := sat.at(eta[i])
		if !(p >= 1e-300 && q >= 1e-300) {
			w[i], r[i] = 0, 0
			continue
		}
		r[i] = dp * (c.Engaged - c.Exposures*p) / (p * q)
		w[i] = c.Exposures * dp * dp / (p * q)
	}
	fit.kept, fit.eta, fit.w, fit.r = kept, eta, w, r
	out.Deviance = Number(dev)
	se, reason := clusterSE(kept, w, r, nActors, nAuthors)
	if reason != "" {
		out.Reason = reason
		return fit
	}
	if se*math.Sqrt(info) < 1e-6 {
		// The cells that carry g are fitted exactly (as many parameters
		// as cells, or noiseless shares): their scores are zero and the
		// interval would have width zero, a robust SE a millionth of the
		// model-based 1/sqrt(info). The estimate stands; its interval
		// does not.
		out.Coef, out.RateRatio = Number(g), Number(math.Exp(g))
		out.Reason = "the effects fit the cells that inform the comrade effect exactly: the estimate has no interval, as nothing is left to estimate its variance from"
		return fit
	}
	out.setCoef(g, se)
	switch {
	case unswept:
		out.Converged = false
		out.Reason = unsweptReason + "; the estimate is the last iterate"
	case stalled:
		out.Reason = "the fit stalled (no step lowers the deviance); the estimate is the last iterate"
	case !out.Converged:
		out.Reason = "did not converge in 200 iterations; the estimate is the last iterate"
	}
	return fit
}
