package comrades

import (
	"fmt"
	"math"
	"slices"

	"github.com/algosolidarity/toolkit/internal/hashmix"
)

// The fixed-effects models.
const (
	ModelPoisson = "poisson" // E[engaged] = exposures * exp(a + b + g*comrade)
	ModelHazard  = "cloglog" // P(engage | exposed) = 1 - exp(-exp(a + b + g*comrade))
	ModelLogit   = "logit"   // P(engage | exposed) = r/(1+r), r = exp(a + b + g*comrade)
)

// The fixed effects of a Result's fits.
const (
	EffectsActorItem      = "actor+item"
	EffectsActorItemGroup = "actor+item*group"
	EffectsActorAuthor    = "actor+author"
)

// PairCell is one (actor, author, comrade) cell of exposure counts: Actor
// was exposed to Exposures items by Author while comradeship was Comrade,
// and engaged Engaged of them. Actors and authors are dense indices.
type PairCell struct {
	Actor, Author int32
	Comrade       bool
	Exposures     float64
	Engaged       float64
}

// FixedEffects is a two-way fixed-effects estimate of the comrade effect
// within actor and author (or item), with Model naming the fit:
// ModelHazard (FitHazardFixedEffects: a hazard ratio) or ModelLogit (an
// odds ratio), whichever fits better in the headline Result.FixedEffects,
// or ModelPoisson (FitFixedEffects: a rate ratio of expected counts, kept
// as Result.PoissonFixedEffects). All compare comrade and other exposures of
// the same actor to the same kind of author: the comparison the pooled lift
// cannot make when comradeship is spread unevenly over active and popular
// people. All intervals are Wald on g with two-way cluster-robust variance
// (Cameron, Gelbach & Miller 2011, doi:10.1198/jbes.2010.07136): clustered
// by actor and by the second effect (author, item or item and group, as
// Effects says), less the cell level.
//
// What none can remove: anything that varies within an (actor, author)
// pair together with comradeship, such as topics both like or exposure the
// data do not record.
type FixedEffects struct {
	// Model names the fit: ModelPoisson (FitFixedEffects), ModelHazard
	// (FitHazardFixedEffects) or, in a Result's headline, ModelLogit.
	Model string `json:"model"`
	// Effects names the second set of fixed effects in a Result:
	// EffectsActorItemGroup (one per item and actor group: author
	// popularity, item appeal, and how much each group likes the item),
	// EffectsActorItem (one per item, when the data have no groups) or
	// EffectsActorAuthor. Empty from the Fit functions.
	Effects string `json:"effects,omitempty"`
	// Shape says, for the headline of a Result, which saturation shape the
	// fit took and why: the headline fits both the hazard (cloglog) and
	// the logit shape, takes its estimate from the one of higher
	// likelihood and its interval from both (FitCI); Shape gives
	// both deviances and the other shape's estimate, so a reader sees
	// whether the choice decides the finding. Empty from the Fit functions.
	Shape string `json:"shape,omitempty"`
	// Alternative is the headline's fit in the other shape, for
	// comparison (nil from the Fit functions).
	Alternative *FixedEffects `json:"alternative,omitempty"`
	// Deviance is minus twice the binomial log-likelihood at the fit, less
	// the binomial coefficients (the same for both shapes, so the
	// difference of two shapes' deviances is exact); 0 for the Poisson.
	// Lower fits better.
	Deviance  Number    `json:"deviance,omitempty"`
	Coef      Number    `json:"coef"` // g
	SE        Number    `json:"se"`
	RateRatio Number    `json:"rate_ratio"` // exp(g)
	CI        [2]Number `json:"rate_ratio_ci"`
	Z         Number    `json:"z"`
	P         Number    `json:"p"`
	// FitCI is the fit's own Wald interval for RateRatio, exp(g +- 1.96
	// SE). From the Fit functions CI, Z and P are this fit's own too. In
	// a Result's headline they span both saturation shapes instead
	// (fitShapes): CI is the hull of the two shapes' intervals and Z the
	// less significant of their z-scores (0 when they point opposite
	// ways), with P from it, so the headline is significant only when the
	// finding holds whichever shape is assumed.
	FitCI [2]Number `json:"fit_rate_ratio_ci"`
	// BiasCorrected is RateRatio less the incidental-parameter bias of
	// the fixed effects, by the split-panel jackknife (Dhaene & Jochmans
	// 2015, doi:10.1093/restud/rdv007; in two dimensions Fernandez-Val &
	// Weidner 2016, doi:10.1016/j.jeconom.2015.12.014): exp(3g - gA - gC),
	// where gA is the mean of g fitted on each half of the actors and gC
	// on each half of the second effect's columns (items, items and
	// groups, or authors). A nonlinear fixed-effects fit reads a comrade
	// effect too far from 1 by an amount of order 1/(trials per effect);
	// halving the actors doubles the share owed to the column effects,
	// halving the columns the share owed to the actor effects, and the
	// combination removes both to first order. On the card's comrade-mutual
	// world (20 seeds) true ratios of 1.25, 1.5, 2 and 3 read 1.27, 1.54,
	// 2.10 and 3.27, and 1.24, 1.49, 2.01 and 3.04 corrected
	// (docs/methods/inference.md). It is an estimate of the size, not a
	// test: CI, Z and P stay those of the uncorrected fits. The halves are
	// drawn by a hash of the dense indices, so reordering the input can
	// move it by sampling noise. It does not undo the attenuation of
	// (actor, author) cells, where unseen item appeal varies within a cell.
	//
	// Omitted (0) from FitHazardFixedEffects and FitFixedEffects, from the
	// Poisson fit, when the fits were skipped, and with
	// Options.NoBiasCorrection; NaN (null) when the headline did not
	// converge, or when no draw of halves fitted all four (Shape then says
	// so).
	BiasCorrected Number `json:"bias_corrected_rate_ratio,omitempty"`
	// Cells, Actors and Authors entering the fit: cells of actors who
	// engaged something and authors engaged by someone, since the others
	// have fixed effects of minus infinity and carry no information on g.
	Cells      int    `json:"cells"`
	Actors     int    `json:"actors"`
	Authors    int    `json:"authors"`
	Iterations int    `json:"iterations"`
	Converged  bool   `json:"converged"`
	Reason     string `json:"reason,omitempty"`
}

// FitFixedEffects fits the two-way fixed-effects Poisson model
//
//	E[engaged] = exposures * exp(a_actor + b_author + g*comrade)
//
// by maximum likelihood (Poisson pseudo-likelihood: consistent for any rate
// model of that multiplicative form, whatever the count distribution;
// Santos Silva & Tenreyro 2006, doi:10.1162/rest.88.4.641), alternating
// exact updates of the actor and author effects with Newton steps on g.
// RateRatio = exp(g). nActors and nAuthors bound the indices in cells.
//
// It assumes expected counts multiply. Where engagement saturates (active
// actors engage nearly every post of popular authors) they cannot, and the
// estimate drifts: 0.96 with no comrade preference on the detectability
// card's world with every confounder at once, a false positive in half of
// its seeds (docs/validation.md). FitHazardFixedEffects does not assume it.
func FitFixedEffects(cells []PairCell, nActors, nAuthors int) FixedEffects {
	out := FixedEffects{Model: ModelPoisson, Coef: nan, SE: nan, RateRatio: nan, CI: [2]Number{nan, nan}, FitCI: [2]Number{nan, nan}, Z: nan, P: nan}
	// Actors and authors with no engagement have effects of -Inf: drop them.
	yu := make([]float64, nActors)
	yv := make([]float64, nAuthors)
	for _, c := range cells {
		yu[c.Actor] += c.Engaged
		yv[c.Author] += c.Engaged
	}
	kept := make([]PairCell, 0, len(cells))
	for _, c := range cells {
		if c.Exposures > 0 && yu[c.Actor] > 0 && yv[c.Author] > 0 {
			kept = append(kept, c)
		}
	}
	out.Cells = len(kept)
	for _, y := range yu {
		if y > 0 {
			out.Actors++
		}
	}
	for _, y := range yv {
		if y > 0 {
			out.Authors++
		}
	}
	yc, nc, yo, no := comradeTotals(kept)
	if out.Reason = unidentified(yc, nc, yo, no, "rate ratio", "engaging actors and engaged authors"); out.Reason != "" {
		return out
	}
	a := make([]float64, nActors)
	b := make([]float64, nAuthors)
	g := math.Log((yc / nc) / (yo / no))
	den := make([]float64, max(nActors, nAuthors))
	const maxIter = 5000
	for it := 1; it <= maxIter; it++ {
		// Actor effects given author effects and g, exactly.
		clear(den[:nActors])
		for _, c := range kept {
			den[c.Actor] += c.Exposures * math.Exp(b[c.Author]+g*ind(c.Comrade))
		}
		for u := range a {
			if yu[u] > 0 {
				a[u] = math.Log(yu[u] / den[u])
			}
		}
		// Author effects given actor effects and g.
		clear(den[:nAuthors])
		for _, c := range kept {
			den[c.Author] += c.Exposures * math.Exp(a[c.Actor]+g*ind(c.Comrade))
		}
		for v := range b {
			if yv[v] > 0 {
				b[v] = math.Log(yv[v] / den[v])
			}
		}
		// Newton step on g.
		var score, info float64
		for _, c := range kept {
			if !c.Comrade {
				continue
			}
			mu := c.Exposures * math.Exp(a[c.Actor]+b[c.Author]+g)
			score += c.Engaged - mu
			info += mu
		}
		step := score / info
		g += step
		out.Iterations = it
		if math.Abs(step) < 1e-10 && it > 1 {
			out.Converged = true
			break
		}
	}
	// Recompute the actor effects at the final g so that every margin holds.
	clear(den[:nActors])
	for _, c := range kept {
		den[c.Actor] += c.Exposures * math.Exp(b[c.Author]+g*ind(c.Comrade))
	}
	for u := range a {
		if yu[u] > 0 {
			a[u] = math.Log(yu[u] / den[u])
		}
	}
	mu := make([]float64, len(kept))
	for i, c := range kept {
		mu[i] = c.Exposures * math.Exp(a[c.Actor]+b[c.Author]+g*ind(c.Comrade))
	}
	se, reason := clusterSE(kept, mu, sub(kept, mu), nActors, nAuthors)
	if reason != "" {
		out.Reason = reason
		return out
	}
	out.setCoef(g, se)
	if !out.Converged {
		out.Reason = "did not converge in 5000 iterations; the estimate is the last iterate"
	}
	return out
}

// sub returns the Poisson residuals y - mu, the score of each cell's
// linear predictor.
func sub(kept []PairCell, mu []float64) []float64 {
	r := make([]float64, len(kept))
	for i, c := range kept {
		r[i] = c.Engaged - mu[i]
	}
	return r
}

// clusterSE is the two-way cluster-robust standard error of g in a
// fixed-effects GLM: w holds each cell's Fisher information on its linear
// predictor and r its score, both at the fit. The comrade indicator is
// residualised on both sets of effects in the w-weighted metric
// (alternating projections); the cells' scores on g are then x~ * r,
// summed by actor and by author, less the cells (Cameron, Gelbach & Miller
// 2011). reason is not empty when there is no SE: x~ is zero (the effects
// absorb comradeship) or the effects could not be swept out.
func clusterSE(kept []PairCell, w, r []float64, nActors, nAuthors int) (se float64, reason string) {
	x := make([]float64, len(kept))
	for i, c := range kept {
		x[i] = ind(c.Comrade)
	}
	if _, ok := demean(kept, w, [][]float64{x}, nActors, nAuthors, 1e-12); !ok {
		return math.NaN(), unsweptReason + "; no standard error"
	}
	su := make([]float64, nActors)
	sv := make([]float64, nAuthors)
	var info float64
	for i := range kept {
		info += w[i] * x[i] * x[i]
	}
	if !(info > 1e-12) {
		return math.NaN(), "comradeship does not vary within actors and authors: the fixed effects absorb it"
	}
	clear(su)
	clear(sv)
	var cellSq float64
	for i, c := range kept {
		s := x[i] * r[i]
		su[c.Actor] += s
		sv[c.Author] += s
		cellSq += s * s
	}
	var v float64
	for _, s := range su {
		v += s * s
	}
	for _, s := range sv {
		v += s * s
	}
	v -= cellSq
	if v <= 0 { // the two-way formula can go negative in small samples; fall back to actor clusters
		v = 0
		for _, s := range su {
			v += s * s
		}
	}
	return math.Sqrt(v) / info, ""
}

// demeanMaxIter caps the conjugate-gradient iterations of one column in
// demean, so that nothing loops unbounded. Each iteration reads the cells
// twice, half a sweep of alternating projections; the designs that need
// the most (a chain of blocks each tied to the next by one cell) take a
// few per block, far below it on anything the toolkit fits.
const demeanMaxIter = 20000

// unsweptReason says that demean hit demeanMaxIter.
var unsweptReason = fmt.Sprintf("the fixed effects did not sweep out in %d conjugate-gradient iterations (an extremely weakly connected design)", demeanMaxIter)

// demean sweeps the actor and author effects out of each column in the
// w-weighted metric, in place: each column becomes its residual from the
// weighted least-squares fit of actor + author effects. Actors and authors
// of zero total weight are left alone. ok is false when a column did not
// converge within demeanMaxIter iterations (the column then holds the last
// iterate); iters is the most iterations any column took.
func demean(kept []PairCell, w []float64, cols [][]float64, nActors, nAuthors int, tol float64) (iters int, ok bool) {
	return demeanCols(kept, w, cols, nil, nActors, nAuthors, tol)
}

// demeanCols is the demeaning the fits use: demeanFrom, replaced in tests
// by the alternating projections it supersedes, to check that the fits
// agree.
var demeanCols = demeanFrom

// demeanFrom is demean with warm starts: start[k], when not nil, holds
// the author effects of column k to start from (len nAuthors) and
// receives the solution. IRLS passes each iteration's effects to the next,
// where they are nearly the same (as ppmlhdfe does).
//
// Why conjugate gradients: alternating projections (block Gauss-Seidel
// over actor and author effects) converge at a rate set by how well the
// weighted actor-author graph is connected. On sparse designs, and where
// saturated cells get weights near zero in IRLS, that rate approaches 1
// and the sweeps crawl: thousands per column, 10000 without converging on
// a card world. Here the actor effects are eliminated exactly, a =
// Wu^-1 (su - B b), leaving the author effects' Schur complement system
//
//	S b = (Wv - B' Wu^-1 B) b = sv - B' Wu^-1 su = c
//
// whose fixed-point iteration is the alternating projection sweep; it is
// solved by conjugate gradients preconditioned by the diagonal Wv, which
// needs about the square root of the sweeps' iterations (the acceleration
// of Correia 2017, "Linear models with high-dimensional fixed effects: an
// efficient and feasible estimator", used by reghdfe and ppmlhdfe). S is
// singular (a constant moves between the actor and author effects of each
// connected component) but the system is consistent, and CG started in the
// range stays there; a drift along the null space changes no residual.
// Rounding does push the search direction into the null space at times
// (p'Sp <= 0): CG then restarts from the true residual. Memory is
// O(cells + actors + authors) besides the columns.
//
// The stopping rule is relative to the residual itself: CG stops when
// rz = sum_v wv_v mean_v^2, the W-norm of the author means of the current
// residual (how far one more alternating-projection sweep would move it),
// is at most tol^2 times the residual's own sum of squares SSR, checked
// on the true residual (recomputed from the cells; CG restarts from it
// when the recursively updated one has drifted). Scale-free, so one tol
// serves a 0/1 indicator and a working response of any size, unlike the
// sweeps' absolute rule (no author mean moves by more than tol), which was
// too strict for large columns, too loose for small ones, and ruled by
// authors of negligible weight. It is relative to the residual, not to
// the column before the author effects are out: IRLS's working response
// is mostly actor and author effects, and a rule relative to it left
// the residual of the working response a thousand times less accurate.
// SSR is tracked without a pass over the cells: each CG step lowers it by
// exactly alpha_k rz_k (SSR(b) = SSR(b*) + (b-b*)' S (b-b*)). A floor at
// 1e-14 of the within-actor column stops a residual that is zero but for
// rounding (as many effects as cells), and a round of CG that does not
// lower the true rz tenfold means rounding's floor is reached: the
// column is then as accurate as this precision allows.
func demeanFrom(kept []PairCell, w []float64, cols, start [][]float64, nActors, nAuthors int, tol float64) (iters int, ok bool) {
	wu := make([]float64, nActors)
	wv := make([]float64, nAuthors)
	for i, c := range kept {
		wu[c.Actor] += w[i]
		wv[c.Author] += w[i]
	}
	su := make([]float64, nActors)
	b := make([]float64, nAuthors)
	rho := make([]float64, nAuthors)
	z := make([]float64, nAuthors)
	p := make([]float64, nAuthors)
	q := make([]float64, nAuthors)
	// actorMeans sets su to the w-weighted actor means of the cells'
	// values f(i); actors of zero weight get 0.
	actorMeans := func(f func(i int, c PairCell) float64) {
		clear(su)
		for i, cl := range kept {
			su[cl.Actor] += w[i] * f(i, cl)
		}
		for u := range su {
			if wu[u] > 0 {
				su[u] /= wu[u]
			}
		}
	}
	// schur sets out = S v = Wv v - B' Wu^-1 B v, reading the cells
	// twice: the author sums of w (v_author - actor mean of v), each cell's
	// difference taken before it is weighted and summed, since Wv v and
	// B' Wu^-1 B v nearly cancel on the components CG works on last.
	// It returns v' S v, summed as the squares it is (p'Sp computed as a
	// dot product loses everything to rounding along the nearly null
	// directions of weakly connected designs, and CG then diverges).
	schur := func(out, v []float64) (vSv float64) {
		actorMeans(func(_ int, cl PairCell) float64 { return v[cl.Author] })
		clear(out)
		for i, cl := range kept {
			d := v[cl.Author] - su[cl.Actor]
			out[cl.Author] += w[i] * d
			vSv += w[i] * d * d
		}
		return vSv
	}
	// precond sets z = Wv^-1 rho and returns rz = rho' z.
	precond := func() float64 {
		var rz float64
		for j := range rho {
			z[j] = 0
			if wv[j] > 0 {
				z[j] = rho[j] / wv[j]
				rz += rho[j] * z[j]
			}
		}
		return rz
	}
	// restart sets rho = c - S b, the author sums of the weighted
	// residual, and returns rz and SSR(b), computed from the residual
	// itself. x holds the within-actor column.
	restart := func(x []float64) (rz, ssr float64) {
		actorMeans(func(_ int, cl PairCell) float64 { return b[cl.Author] })
		clear(rho)
		for i, cl := range kept {
			r := x[i] + su[cl.Actor] - b[cl.Author]
			ssr += w[i] * r * r
			rho[cl.Author] += w[i] * r
		}
		return precond(), ssr
	}
	ok = true
	for k, x := range cols {
		// Actor means out: x becomes xa, the within-actor column.
		actorMeans(func(i int, _ PairCell) float64 { return x[i] })
		var xa2 float64
		for i, cl := range kept {
			x[i] -= su[cl.Actor]
			xa2 += w[i] * x[i] * x[i]
		}
		clear(b)
		var warm []float64
		if start != nil && start[k] != nil {
			warm = start[k]
			for j := range b {
				if wv[j] > 0 {
					b[j] = warm[j]
				}
			}
		}
		n, conv := 0, false
		last := math.Inf(1)
		for n < demeanMaxIter {
			rz, ssr := restart(x)
			if rz <= max(tol*tol*ssr, 1e-28*xa2) || rz > last/10 {
				// Met on the true residual; or the last round of CG did
				// not lower it tenfold: rounding undoes what CG gains,
				// and the residual is as good as this precision makes it.
				conv = true
				break
			}
			last = rz
			copy(p, z)
			// In exact arithmetic CG ends within as many iterations as
			// there are authors; past twice that (or 1000), rounding has
			// the upper hand and a restart from the true residual does
			// better.
			for m := 0; n < demeanMaxIter && m < min(2*nAuthors+20, 1000); m++ {
				n++
				pq := schur(q, p)
				if !(pq > 0) {
					break // p in S's null space up to rounding: restart
				}
				alpha := rz / pq
				for j := range b {
					b[j] += alpha * p[j]
					rho[j] -= alpha * q[j]
				}
				ssr = max(ssr-alpha*rz, 0) // each step lowers SSR by alpha rz
				rzNew := precond()
				if rzNew <= max(tol*tol*ssr, 1e-28*xa2) {
					break // check the true residual
				}
				beta := rzNew / rz
				rz = rzNew
				for j := range p {
					p[j] = z[j] + beta*p[j]
				}
			}
		}
		if !conv {
			ok = false
		}
		iters = max(iters, n)
		// Residual: x - a - b with a = Wu^-1 (B (xa - b)) the actor effects
		// that go with b (xa already has its own actor means out).
		actorMeans(func(_ int, cl PairCell) float64 { return b[cl.Author] })
		for i, cl := range kept {
			x[i] += su[cl.Actor] - b[cl.Author] // b is 0 where wv is
		}
		if warm != nil {
			copy(warm, b)
		}
	}
	return iters, ok
}

// setCoef fills the estimate, its Wald interval, z and p from g and its SE.
func (out *FixedEffects) setCoef(g, se float64) {
	out.Coef, out.SE = Number(g), Number(se)
	out.RateRatio = Number(math.Exp(g))
	out.CI = [2]Number{Number(math.Exp(g - 1.959963984540054*se)), Number(math.Exp(g + 1.959963984540054*se))}
	out.FitCI = out.CI
	z := g / se
	out.Z = Number(z)
	out.P = Number(math.Erfc(math.Abs(z) / math.Sqrt2))
}

func ind(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// DefaultMaxCells is the default bound on the cells of the fixed-effects
// fits (Options.MaxCells). With ExposureAll every active actor is exposed
// to every author, so the cells grow as actors x authors; past the bound
// the fits are skipped with a reason (MaxCellsReason).
const DefaultMaxCells = 20_000_000

// MaxCellsReason is the reason a Result's fits give when their cells
// passed the bound max (shared with scale/duckdb, which applies the same
// bound out of core).
func MaxCellsReason(max int) string {
	return fmt.Sprintf("more than %d (actor, author) cells: the fixed-effects fits were skipped (Options.MaxCells, --max-cells: about 320 bytes a cell)", max)
}

// feCells collects the (actor, author, comrade) cells of one analysis while
// run walks the actors: engaged counts of the current actor by author, then
// its exposures by author.
type feCells struct {
	a     *analysis
	cells []PairCell
	// items are the (actor, item) Bernoulli cells of the hazard fit
	// (ExposureFollows): Author holds the item index. seen marks the
	// current actor's engaged items.
	items       []PairCell
	seen        []bool
	seenList    []int32
	itemSkipped string
	x1, x0      []float64 // engaged by author, comrade or not, for the current actor
	touched     []int32
	tieK        map[int32]int64 // ExposureAll: comrade exposures by dated tie, per author
	skipped     string
}

func newFECells(a *analysis) *feCells {
	f := &feCells{a: a, x1: make([]float64, a.P), x0: make([]float64, a.P), tieK: map[int32]int64{}}
	switch {
	case a.opt.NoFixedEffects:
		f.skipped = "not fitted (Options.NoFixedEffects)"
		f.itemSkipped = f.skipped
	case a.exposure == ExposureFollows:
		f.seen = make([]bool, len(a.ev.ItemAuthor))
	}
	return f
}

// maxItemCells bounds the (actor, item) cells of the hazard fit: one per
// exposure (about 90 bytes each in the fit). Past it the fit falls back
// to (actor, author) cells.
const maxItemCells = 5_000_000

// engagedItem marks item it as engaged by the current actor.
func (f *feCells) engagedItem(it int32) {
	if f.seen != nil && !f.seen[it] {
		f.seen[it] = true
		f.seenList = append(f.seenList, it)
	}
}

// exposedItems adds one Bernoulli cell per item of v that actor u saw,
// comrade as of the item's posting time.
func (f *feCells) exposedItems(u, v int32) {
	a := f.a
	if f.seen == nil || f.itemSkipped != "" {
		return
	}
	row := a.aItems[a.aStart[v]:a.aStart[v+1]]
	if len(f.items)+len(row) > maxItemCells {
		f.itemSkipped = fmt.Sprintf("more than %d exposures: the headline was fitted on (actor, author) cells", maxItemCells)
		f.items = nil
		return
	}
	for _, it := range row {
		e := 0.0
		if f.seen[it] {
			e = 1
		}
		f.items = append(f.items, PairCell{Actor: u, Author: it, Comrade: a.comrade(u, v, a.ev.ItemTime[it]), Exposures: 1, Engaged: e})
	}
}

func (f *feCells) engaged(v int32, comrade bool) {
	if f.x1[v] == 0 && f.x0[v] == 0 {
		f.touched = append(f.touched, v)
	}
	if comrade {
		f.x1[v]++
	} else {
		f.x0[v]++
	}
}

// exposed adds u's exposures to v's items: n1 while comrades, n0 otherwise.
func (f *feCells) exposed(u, v int32, n1, n0 int64) {
	if f.skipped != "" {
		return
	}
	if max := f.maxCells(); len(f.cells) >= max {
		f.skipped = MaxCellsReason(max)
		f.cells = nil
		return
	}
	if n1 > 0 {
		f.cells = append(f.cells, PairCell{Actor: u, Author: v, Comrade: true, Exposures: float64(n1), Engaged: f.x1[v]})
	}
	if n0 > 0 {
		f.cells = append(f.cells, PairCell{Actor: u, Author: v, Comrade: false, Exposures: float64(n0), Engaged: f.x0[v]})
	}
}

// maxCells is Options.MaxCells or its default.
func (f *feCells) maxCells() int {
	if f.a.opt.MaxCells > 0 {
		return f.a.opt.MaxCells
	}
	return DefaultMaxCells
}

// tie records, under ExposureAll, the items of v that u saw as a comrade by
// a dated tie (v not in u's group).
func (f *feCells) tie(v int32, k int64) { f.tieK[v] = k }

// exposedAll adds u's exposures to every other author (ExposureAll).
func (f *feCells) exposedAll(u int32) {
	a := f.a
	if f.skipped != "" {
		return
	}
	for v := int32(0); int(v) < a.P; v++ {
		nv := a.aStart[v+1] - a.aStart[v]
		if v == u || nv == 0 {
			continue
		}
		switch {
		case a.sameGroup(u, v):
			f.exposed(u, v, nv, 0)
		default:
			k := f.tieK[v]
			f.exposed(u, v, k, nv-k)
		}
	}
}

// flush ends the current actor.
func (f *feCells) flush() {
	for _, it := range f.seenList {
		f.seen[it] = false
	}
	f.seenList = f.seenList[:0]
	for _, v := range f.touched {
		f.x1[v], f.x0[v] = 0, 0
	}
	f.touched = f.touched[:0]
	clear(f.tieK)
}

// fit returns the hazard (headline) and Poisson fits.
func (f *feCells) fit() (hazard, poisson *FixedEffects) {
	if f.skipped != "" {
		skip := func(model string) *FixedEffects {
			return &FixedEffects{Model: model, Coef: nan, SE: nan, RateRatio: nan, CI: [2]Number{nan, nan}, FitCI: [2]Number{nan, nan}, Z: nan, P: nan, Reason: f.skipped}
		}
		return skip(ModelHazard), skip(ModelPoisson)
	}
	var h FixedEffects
	if f.seen != nil && f.itemSkipped == "" {
		cols, effects := f.itemColumns()
		h = fitShapes(f.items, f.a.P, cols, !f.a.opt.NoBiasCorrection)
		h.Effects = effects
	} else {
		h = fitShapes(f.cells, f.a.P, f.a.P, !f.a.opt.NoBiasCorrection)
		h.Effects = EffectsActorAuthor
		if f.itemSkipped != "" && h.Reason == "" {
			h.Reason = f.itemSkipped
		}
	}
	if h.Alternative != nil { // the same cells and effects
		h.Alternative.Effects = h.Effects
	}
	p := FitFixedEffects(f.cells, f.a.P, f.a.P)
	p.Effects = EffectsActorAuthor
	return &h, &p
}

// itemColumns renumbers the item cells' second index (Author holds the
// item) for the headline fit, and names the effects. With reciprocal
// comrades and actor groups in the data, a column is an (item, actor
// group) pair: comrade and other exposures are compared among actors of
// the same group who saw the same item. Shared tastes that follow group
// lines (a group likes its own topics, and follows and follow-backs favour
// the own group) then raise both sides of the comparison, where with item
// effects alone they raise the comrade side and pass for comradeship
// (docs/validation.md, world "confounded"). When comradeship is itself
// group membership (ModeGroup, ModeEither) the groups cannot be held
// fixed, and the columns stay items.
func (f *feCells) itemColumns() (cols int, effects string) {
	a := f.a
	nItems := len(a.ev.ItemAuthor)
	if a.useGroup || a.group == nil {
		return nItems, EffectsActorItem
	}
	// Dense ids for the (item, group) pairs that occur; an actor without a
	// group is a group of its own kind (-1).
	keys := make([]uint64, len(f.items))
	key := func(c PairCell) uint64 {
		return uint64(uint32(c.Author))<<32 | uint64(uint32(a.group[c.Actor]+1))
	}
	grouped := false
	for i, c := range f.items {
		keys[i] = key(c)
		grouped = grouped || a.group[c.Actor] >= 0
	}
	if !grouped {
		// A group column with no group given: the columns are the items.
		return nItems, EffectsActorItem
	}
	// This overwrites the cells' Author: fit runs once, at the end.
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for i, c := range f.items {
		j, _ := slices.BinarySearch(keys, key(c))
		f.items[i].Author = int32(j)
	}
	return len(keys), EffectsActorItemGroup
}

// FitCells fits the headline of a Result on (actor, author) cells, as
// Analyze does with ExposureAll or above 5 million exposures: both
// saturation shapes (cloglog and logit), the estimate from the likelier,
// CI, Z and P spanning both (see Result.FixedEffects), Effects
// EffectsActorAuthor. nActors and nAuthors bound the indices in cells.
// It is the seam for out-of-core callers (scale/duckdb) that build the
// cells elsewhere: the same cells give the same headline, by construction,
// except BiasCorrected, whose halves are drawn by a hash of the indices:
// cells numbered in another order give another draw of it (the same
// estimator, agreeing to its sampling noise). cells are not modified.
func FitCells(cells []PairCell, nActors, nAuthors int) FixedEffects {
	h := fitShapes(cells, nActors, nAuthors, true)
	h.Effects = EffectsActorAuthor
	if h.Alternative != nil {
		h.Alternative.Effects = h.Effects
	}
	return h
}

// fitShapes fits the headline in both saturation shapes, the hazard
// (cloglog) and the logit, and returns the one of higher likelihood, its
// interval spanning both (spanShapes), with
// Shape saying so. The two agree for rare engagement; where engagement
// saturates (active actors and popular items) they weigh the saturated
// exposures differently, and a shape the data do not follow biases g
// (docs/validation.md: confounded-logistic). Each reads as the ratio by
// which comradeship multiplies its own latent rate, -log(1-p) for the
// cloglog and the odds p/(1-p) for the logit: the same number for rare
// engagement, not where it saturates (there the odds ratio is the larger),
// so the choice can move the headline, and Shape and Alternative show
// the other.
//
// Which shape is likelier is not a test, and a fit chosen by likelihood
// has an interval that ignores the choice: on the card's null worlds the
// shape of the better fit was significant in 29 of 335 seeds, each shape
// alone in 44 (cloglog) and 31 (logit). So the headline's CI, Z and P
// span both shapes (an intersection-union test: Berger 1982,
// doi:10.1080/00401706.1982.10487759): CI is the hull of the two
// intervals and Z the less significant z-score, and the headline is
// significant only when both shapes find the same direction (21 of 335
// on those seeds). Coef, SE, RateRatio and FitCI stay the likelier fit's.
// The two intervals are on their own scales (a hazard ratio, an odds
// ratio), the same for rare engagement; the hull is then a statement that
// holds under either reading, and it is the one to report.
func fitShapes(cells []PairCell, nActors, nCols int, correct bool) FixedEffects {
	c := fitLink(cells, nActors, nCols, 0)
	l := fitLink(cells, nActors, nCols, 1)
	// Both fits drop the same cells (the rule depends on the data only)
	// and have as many parameters, so their deviances compare directly
	// (the binomial coefficients they leave out are the same). A tie, to
	// rounding, keeps the cloglog: the choice must not be decided by the
	// last bits of two sums (an exact fit, or cells of 4 or 5 exposures,
	// ties the two shapes to 1e-14).
	tie := 1e-9 * (1 + math.Abs(float64(c.Deviance)))
	best, other, alpha := c, l, 0.0
	if l.Reason == "" && !math.IsNaN(float64(l.Coef)) && (c.Reason != "" || float64(l.Deviance) < float64(c.Deviance)-tie) {
		best, other, alpha = l, c, 1
	}
	out := best.FixedEffects
	if correct && best.Converged {
		out.BiasCorrected = splitPanel(cells, nActors, nCols, alpha, float64(best.Coef))
	} else if correct {
		out.BiasCorrected = nan // the fit it would correct did not converge
	}
	alt := other.FixedEffects
	out.Alternative = &alt
	if other.Reason == "" && !math.IsNaN(float64(other.Coef)) {
		// The difference, not the two deviances: they leave out the
		// binomial coefficients and can be of order 1e15 with counts.
		d := float64(other.Deviance) - float64(best.Deviance)
		how := fmt.Sprintf("deviance %.3g lower than %s's", d, other.Model)
		if d <= tie {
			how = fmt.Sprintf("the same deviance as %s (kept as the default)", other.Model)
		}
		out.Shape = fmt.Sprintf("%s: %s, whose ratio is %.3g [%.3g, %.3g]; the interval spans both",
			best.Model, how, float64(other.RateRatio), float64(other.CI[0]), float64(other.CI[1]))
		out.spanShapes(&other.FixedEffects)
	} else if out.Reason == "" {
		out.Shape = fmt.Sprintf("%s (the %s fit failed: %s)", best.Model, other.Model, other.Reason)
	}
	if math.IsNaN(float64(out.BiasCorrected)) && out.Reason == "" {
		// A null beside no reason would read as a computed nothing.
		out.Shape += fmt.Sprintf("; no bias-corrected ratio: no draw of halves of the actors and of the columns fitted all four (%d draws)", splitPanelDraws)
	}
	return out
}

// splitPanel returns the split-panel jackknife's bias-corrected ratio
// (FixedEffects.BiasCorrected) of the fit of shape alpha whose comrade
// coefficient on cells is g: exp(3g - gA - gC), gA the mean of the fits on
// the two halves of the actors, gC on the two halves of the columns. A
// half is every cell whose actor (or column) hashes to it, so every half
// keeps whole actors (or columns) and a random half of the others'
// trials. A half has half the data, and its fit can fail where the
// whole's did not (quasi-separated effects that IRLS chases for more than
// its 200 iterations): then the halves are drawn again, up to
// splitPanelDraws times, and the ratio is NaN if no draw fits all four.
func splitPanel(cells []PairCell, nActors, nCols int, alpha, g float64) Number {
	if math.IsNaN(g) || math.IsInf(g, 0) {
		return nan
	}
	buf := make([]PairCell, 0, len(cells)/2+len(cells)/8)
	for draw := uint64(0); draw < splitPanelDraws; draw++ {
		if r, ok := splitPanelDraw(cells, buf, nActors, nCols, alpha, g, draw); ok {
			return r
		}
	}
	return nan
}

// splitPanelDraw fits the four halves of one draw of splitPanel (the two
// halves of the actors, then of the columns) into buf and returns the
// corrected ratio, NaN if it is not a finite positive number; ok is false
// when a half's fit failed, so that the caller draws again.
func splitPanelDraw(cells, buf []PairCell, nActors, nCols int, alpha, g float64, draw uint64) (r Number, ok bool) {
	sum := 0.0
	for k := 0; k < 4; k++ {
		byActor, side := k < 2, uint64(k&1)
		buf = buf[:0]
		for _, c := range cells {
			key := uint64(uint32(c.Author)) | 1<<40 // columns hash apart from actors
			if byActor {
				key = uint64(uint32(c.Actor))
			}
			if hashmix.Fmix64(key+draw<<44)&1 == side {
				buf = append(buf, c)
			}
		}
		f := fitLink(buf, nActors, nCols, alpha)
		if !f.Converged || math.IsNaN(float64(f.Coef)) {
			return nan, false
		}
		sum += float64(f.Coef)
	}
	if x := math.Exp(3*g - sum/2); x > 0 && !math.IsInf(x, 0) {
		return Number(x), true
	}
	return nan, true
}

// splitPanelDraws bounds the draws of halves splitPanel tries.
const splitPanelDraws = 3

// spanShapes makes out's CI, Z and P those of the intersection-union test
// over out and the other shape's fit o (fitShapes): CI the hull of both
// intervals, Z the smaller z-score in size when both point the same way
// (0 when they do not), P from Z. The hull excludes 1 exactly when both
// intervals exclude it on the same side, that is when P < 0.05.
func (out *FixedEffects) spanShapes(o *FixedEffects) {
	if !spannable(out, o) {
		// No interval to span: the likelier fit's own stands (NaN if it
		// has none: a Z of 0 and a P of 1 would read as a computed null
		// result), and Shape says the other failed.
		return
	}
	out.CI = [2]Number{min(out.FitCI[0], o.FitCI[0]), max(out.FitCI[1], o.FitCI[1])}
	z, zo := float64(out.Z), float64(o.Z)
	switch {
	case z > 0 && zo > 0:
		z = min(z, zo)
	case z < 0 && zo < 0:
		z = max(z, zo)
	default:
		z = 0
	}
	out.Z = Number(z)
	out.P = Number(math.Erfc(math.Abs(z) / math.Sqrt2))
}

// spannable reports whether spanShapes spans a and o: both have a z-score
// and an interval, and o did not fail.
func spannable(a, o *FixedEffects) bool {
	has := func(f *FixedEffects) bool {
		return !math.IsNaN(float64(f.Z)) && !math.IsNaN(float64(f.FitCI[0])) && !math.IsNaN(float64(f.FitCI[1]))
	}
	return o.Reason == "" && has(a) && has(o)
}

// SpansShapes reports whether CI, Z and P span both saturation shapes (a
// Result's headline whose two fits both gave an interval: fitShapes) rather
// than being this fit's own (FitCI). It is false for the Fit functions'
// results, for the Poisson fit, and for a headline whose other shape
// failed, whose interval is then the likelier fit's alone (Shape says so).
// Read it, not CI != FitCI: the hull can be the likelier fit's own
// interval while Z and P are the other shape's.
func (f *FixedEffects) SpansShapes() bool {
	return f != nil && f.Alternative != nil && spannable(f, f.Alternative)
}

// comradeTotals sums engagements and exposures over the comrade cells (yc,
// nc) and the other cells (yo, no).
func comradeTotals(cells []PairCell) (yc, nc, yo, no float64) {
	for _, c := range cells {
		if c.Comrade {
			yc += c.Engaged
			nc += c.Exposures
		} else {
			yo += c.Engaged
			no += c.Exposures
		}
	}
	return yc, nc, yo, no
}

// unidentified says why the comrade ratio (named by ratio) of the totals
// of comradeTotals has no finite logarithm, or returns "" when it has one;
// among names the cells kept for the fit.
func unidentified(yc, nc, yo, no float64, ratio, among string) string {
	switch {
	case nc == 0 || no == 0:
		return "no comrade exposures, or no other exposures, among " + among
	case yc == 0:
		return "no engagement of comrades' items: the " + ratio + " is 0 and its log undefined"
	case yo == 0:
		return "no engagement of other authors' items: the " + ratio + " is infinite"
	}
	return ""
}
