package comrades

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/interval"
)

// model fits P(engage) = logistic(b0 + b1*comrade + b2*quality) over the
// actors' exposures by case-control sampling: engaged exposures are kept
// with probability q (1 unless MaxRows binds) and each non-engaged one
// with probability r, independently, with constants q and r. Constant
// outcome-dependent rates leave the slopes consistent and shift the
// intercept by log(q/r) (Prentice & Pyke 1979; King & Zeng 2001, eq. 8),
// which is subtracted.
func (a *analysis) model(per []counts, perActor []int32) *Model {
	ev := a.ev
	m := &Model{Formula: "engaged ~ 1 + comrade + quality (logistic, over actor x exposed-item pairs)",
		Coef: map[string]Number{}, SE: map[string]Number{}, Z: map[string]Number{}, P: map[string]Number{},
		CILow: map[string]Number{}, CIHigh: map[string]Number{}}
	hasQ := a.qual != nil
	m.Terms = []string{"intercept", "comrade"}
	if hasQ {
		m.Terms = append(m.Terms, "quality")
	} else {
		m.Formula = "engaged ~ 1 + comrade (logistic; the events carry no quality)"
	}
	for _, t := range m.Terms {
		m.Coef[t], m.SE[t], m.Z[t], m.P[t], m.CILow[t], m.CIHigh[t] = nan, nan, nan, nan, nan, nan
	}
	var X, M int64
	for _, c := range per {
		X += c.x1 + c.x0
		M += c.n1 + c.n0 - c.x1 - c.x0
	}
	if X == 0 || M == 0 {
		m.Reason = "no engaged exposures or no unengaged ones: nothing to contrast"
		return m
	}
	ratioNeg := a.opt.NegativeRatio
	if ratioNeg == 0 {
		ratioNeg = 4
	}
	maxRows := a.opt.MaxRows
	if maxRows == 0 {
		maxRows = 2_000_000
	}
	q := math.Min(1, float64(maxRows)/((1+ratioNeg)*float64(X)))
	rate := math.Min(1, ratioNeg*q*float64(X)/float64(M))
	m.PositiveRate, m.NegativeRate = q, rate
	rng := rand.New(rand.NewPCG(a.opt.Seed, 0x10917))
	var comrade, quality, y []float64
	add := func(u, it int32, yy float64) {
		v := ev.ItemAuthor[it]
		qq := 0.0
		if hasQ {
			qq = a.qual[it]
			if math.IsNaN(qq) {
				m.DroppedNaN++
				return
			}
		}
		c := 0.0
		if a.comrade(u, v, ev.ItemTime[it]) {
			c = 1
		}
		comrade = append(comrade, c)
		quality = append(quality, qq)
		y = append(y, yy)
	}
	var cum []int64
	pos := 0
	for _, u := range perActor {
		for pos < len(a.posActor) && a.posActor[pos] < u {
			pos++
		}
		lo := pos
		hi := lo
		for hi < len(a.posActor) && a.posActor[hi] == u {
			hi++
		}
		for j := lo; j < hi; j++ {
			it := a.posItem[j]
			v := ev.ItemAuthor[it]
			if v < 0 || v == u || (a.exposure == ExposureFollows && !a.follows(u, v)) {
				continue
			}
			if q < 1 && rng.Float64() >= q {
				continue
			}
			add(u, it, 1)
			m.Positives++
		}
		// Bernoulli(rate) selection over the actor's exposure index space by
		// geometric skips (cost proportional to the rows drawn); engaged
		// items and the actor's own are skipped, which leaves a
		// Bernoulli(rate) sample of the non-engaged exposures, each at most once.
		var followees []int32
		var total int64
		if a.exposure == ExposureFollows {
			followees = a.fNbr[a.fStart[u]:a.fStart[u+1]]
			cum = cum[:0]
			for _, v := range followees {
				if v != u {
					total += a.aStart[v+1] - a.aStart[v]
				}
				cum = append(cum, total)
			}
		} else {
			total = int64(len(a.aItems))
		}
		for x := skip(rng, rate, total) - 1; x < total; x += skip(rng, rate, total) {
			var it int32
			if a.exposure == ExposureFollows {
				f, _ := slices.BinarySearch(cum, x+1)
				v := followees[f]
				before := int64(0)
				if f > 0 {
					before = cum[f-1]
				}
				it = a.aItems[a.aStart[v]+(x-before)]
			} else {
				it = a.aItems[x]
				if ev.ItemAuthor[it] == u {
					continue
				}
			}
			if a.isPositive(u, it, lo, hi) {
				continue
			}
			add(u, it, 0)
			m.Negatives++
		}
		pos = hi
	}
	m.Rows = len(y)
	if m.Positives == 0 || m.Negatives == 0 {
		m.Reason = "the sample has no engaged or no unengaged rows"
		return m
	}
	ones := make([]float64, len(y))
	for i := range ones {
		ones[i] = 1
	}
	d := &design{cols: [][]float64{ones}, y: y}
	terms := []string{"intercept"}
	var notes []string
	if constant(comrade) {
		notes = append(notes, "comradeship is constant over the sample, so its coefficient is undefined")
	} else {
		d.cols = append(d.cols, comrade)
		terms = append(terms, "comrade")
	}
	if hasQ {
		if constant(quality) {
			notes = append(notes, "quality is constant over the sample, so its coefficient is undefined")
		} else {
			d.cols = append(d.cols, quality)
			terms = append(terms, "quality")
		}
	}
	f := logitFit(d)
	if f.reason != "" {
		notes = append(notes, f.reason)
	}
	m.Converged, m.Iterations, m.LogLikelihood = f.converged, f.iters, Number(f.loglik)
	shift := math.Log(q / rate)
	for j, t := range terms {
		b, se := f.coef[j], f.se[j]
		if t == "intercept" {
			b -= shift
		}
		m.Coef[t], m.SE[t] = Number(b), Number(se)
		z := b / se
		m.Z[t] = Number(z)
		m.P[t] = Number(math.Erfc(math.Abs(z) / math.Sqrt2))
		m.CILow[t], m.CIHigh[t] = Number(b-interval.Z95*se), Number(b+interval.Z95*se)
	}
	for i, n := range notes {
		if i > 0 {
			m.Reason += "; "
		}
		m.Reason += n
	}
	return m
}

func constant(x []float64) bool {
	for _, v := range x {
		if v != x[0] {
			return false
		}
	}
	return true
}

// skip returns the gap to the next selected index when each index is
// selected independently with probability rate (a geometric draw), capped
// at limit+1.
func skip(rng *rand.Rand, rate float64, limit int64) int64 {
	if rate >= 1 {
		return 1
	}
	g := math.Floor(math.Log1p(-rng.Float64())/math.Log1p(-rate)) + 1
	if g > float64(limit) {
		return limit + 1
	}
	return int64(g)
}
