package comrades

import (
	"math"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/interval"
)

// counts accumulates exposures (n) and engagements (x) by comradeship.
type counts struct{ n1, x1, n0, x0 int64 }

func (a *analysis) run() *Result {
	ev := a.ev
	r := &Result{IDs: ev.IDs(), Options: a.opt, Mode: a.mode, Exposure: a.exposure}
	B := a.bins
	binN1 := make([]int64, B)
	binN0 := make([]int64, B)
	binX1 := make([]int64, B)
	binX0 := make([]int64, B)
	binItems := make([]int, B)
	// Per-author counts: all items, and by quality bin.
	authorBin := make([]int64, a.P*B)
	for it, v := range ev.ItemAuthor {
		if v >= 0 && a.bin[it] >= 0 {
			authorBin[int(v)*B+int(a.bin[it])]++
			binItems[a.bin[it]]++
		}
	}
	items := func(v int32) int64 { return a.aStart[v+1] - a.aStart[v] }
	var totalItems int64 = int64(len(a.aItems))
	totalBin := make([]int64, B)
	for b := 0; b < B; b++ {
		totalBin[b] = int64(binItems[b])
	}
	var groupItems []int64
	var groupBin []int64
	if a.useGroup {
		G := len(ev.Groups)
		groupItems = make([]int64, G)
		groupBin = make([]int64, G*B)
		for it, v := range ev.ItemAuthor {
			if v >= 0 && a.group[v] >= 0 {
				g := a.group[v]
				groupItems[g]++
				if a.bin[it] >= 0 {
					groupBin[int(g)*B+int(a.bin[it])]++
				}
			}
		}
	}
	// after counts the items of v posted strictly after since, in total and
	// by bin (added to bins with sign +1).
	after := func(v int32, since int64, bins []int64) int64 {
		row := a.aItems[a.aStart[v]:a.aStart[v+1]]
		if since == math.MinInt64 {
			for b := 0; b < B; b++ {
				bins[b] += authorBin[int(v)*B+b]
			}
			return int64(len(row))
		}
		j, _ := slices.BinarySearchFunc(row, since, func(it int32, t int64) int {
			switch {
			case ev.ItemTime[it] <= t:
				return -1
			}
			return 1
		})
		for _, it := range row[j:] {
			if b := a.bin[it]; b >= 0 {
				bins[b]++
			}
		}
		return int64(len(row) - j)
	}

	a.progress(1)
	fe := newFECells(a)
	per := make([]counts, 0, 1024)
	perActor := make([]int32, 0, 1024)
	c1 := make([]int64, B) // comrade exposures of the actor by bin
	cAll := make([]int64, B)
	for lo := 0; lo < len(a.posActor); {
		u := a.posActor[lo]
		hi := lo
		for hi < len(a.posActor) && a.posActor[hi] == u {
			hi++
		}
		var c counts
		active := false
		// Engagements.
		for k := lo; k < hi; k++ {
			it := a.posItem[k]
			v := ev.ItemAuthor[it]
			if v < 0 {
				v = -1
			}
			if v == u {
				r.SelfEngagements++
				continue
			}
			active = true
			r.Engagements++
			if v >= 0 && a.comrade(u, v, a.posTime[k]) {
				r.ComradeEngagements++
			}
			if v < 0 || (a.exposure == ExposureFollows && !a.follows(u, v)) {
				r.OutsideExposure++
				continue
			}
			b := a.bin[it]
			fe.engagedItem(it)
			if a.comrade(u, v, ev.ItemTime[it]) {
				fe.engaged(v, true)
				c.x1++
				if b >= 0 {
					binX1[b]++
				}
			} else {
				fe.engaged(v, false)
				c.x0++
				if b >= 0 {
					binX0[b]++
				}
			}
		}
		if !active {
			lo = hi
			continue
		}
		// Exposures.
		for b := range c1 {
			c1[b], cAll[b] = 0, 0
		}
		var n1, nAll int64
		if a.exposure == ExposureFollows {
			row := a.fNbr[a.fStart[u]:a.fStart[u+1]]
			for j, v := range row {
				nv := items(v)
				if nv == 0 {
					continue
				}
				nAll += nv
				fe.exposedItems(u, v)
				bins := authorBin[int(v)*B : int(v)*B+B]
				for b, x := range bins {
					cAll[b] += x
				}
				switch {
				case a.sameGroup(u, v) || (a.fMutual != nil && a.useTie && a.fMutual[a.fStart[u]+int64(j)]):
					n1 += nv
					for b, x := range bins {
						c1[b] += x
					}
					fe.exposed(u, v, nv, 0)
				case a.useTie && a.fMutual == nil:
					var k int64
					if since, ok := a.tie(u, v); ok {
						k = after(v, since, c1)
						n1 += k
					}
					fe.exposed(u, v, k, nv-k)
				default:
					fe.exposed(u, v, 0, nv)
				}
			}
		} else {
			nAll = totalItems - items(u)
			for b := 0; b < B; b++ {
				cAll[b] = totalBin[b] - authorBin[int(u)*B+b]
			}
			if a.useGroup && a.group[u] >= 0 {
				g := a.group[u]
				n1 = groupItems[g] - items(u)
				for b := 0; b < B; b++ {
					c1[b] = groupBin[int(g)*B+b] - authorBin[int(u)*B+b]
				}
			}
			if a.useTie {
				row := a.tNbr[a.tStart[u]:a.tStart[u+1]]
				for j, v := range row {
					if !a.sameGroup(u, v) {
						k := after(v, a.tTime[a.tStart[u]+int64(j)], c1)
						n1 += k
						fe.tie(v, k)
					}
				}
			}
			fe.exposedAll(u)
		}
		c.n1, c.n0 = n1, nAll-n1
		for b := 0; b < B; b++ {
			binN1[b] += c1[b]
			binN0[b] += cAll[b] - c1[b]
		}
		fe.flush()
		per = append(per, c)
		perActor = append(perActor, u)
		lo = hi
	}
	r.Actors = len(per)
	r.ComradeShare = ratio(int64(r.ComradeEngagements), int64(r.Engagements))
	var X1, N1, X0, N0 int64
	for _, c := range per {
		X1 += c.x1
		N1 += c.n1
		X0 += c.x0
		N0 += c.n0
	}
	r.Exposures, r.ComradeExposures = N1+N0, N1
	r.ComradeExposureShare = ratio(N1, N1+N0)
	r.ComradeRate, r.OtherRate = ratio(X1, N1), ratio(X0, N0)
	r.Support = r.ComradeRate
	r.Lift, r.LiftCI, r.Reason = pooledLift(per)
	if r.Engagements == 0 {
		r.Reason = "no engagements (other than self-engagement)"
	}
	// Per actor.
	var lifts []float64
	r.PerActor = make([]ActorLift, len(per))
	for k, c := range per {
		al := ActorLift{Actor: ev.People.String(perActor[k]), ComradeExposures: c.n1, ComradeEngaged: c.x1,
			OtherExposures: c.n0, OtherEngaged: c.x0, Lift: nan, CI: [2]Number{nan, nan}}
		switch {
		case c.n1 == 0 || c.n0 == 0:
			al.Reason = "no comrade exposures or no other exposures"
		case c.x1 == 0 && c.x0 == 0:
			al.CI = [2]Number{0, Number(math.Inf(1))}
			al.Reason = "no engagement at all: the lift is undefined"
		default:
			var l, lo, hi float64
			switch {
			case c.x1 == 0: // lift 0; upper limit by the product of Wilson limits
				u1, _ := wilsonHi(c.x1, c.n1)
				l0, _ := interval.Wilson(c.x0, c.n0)
				l, lo, hi = 0, 0, u1/l0
			case c.x0 == 0: // lift +Inf; lower limit by the product of Wilson limits
				l1, _ := interval.Wilson(c.x1, c.n1)
				u0, _ := wilsonHi(c.x0, c.n0)
				l, lo, hi = math.Inf(1), l1/u0, math.Inf(1)
			default:
				lo, hi = moverRatio(c.x1, c.n1, c.x0, c.n0)
				l = (float64(c.x1) / float64(c.n1)) / (float64(c.x0) / float64(c.n0))
			}
			al.Lift = Number(l)
			al.CI = [2]Number{Number(lo), Number(hi)}
			lifts = append(lifts, l)
			if lo > 1 {
				r.ActorsAbove1++
			}
			if hi < 1 {
				r.ActorsBelow1++
			}
		}
		r.PerActor[k] = al
	}
	r.ActorsWithLift = len(lifts)
	r.ActorLiftMedian = nan
	if len(lifts) > 0 {
		slices.Sort(lifts)
		m := len(lifts)
		if m%2 == 1 {
			r.ActorLiftMedian = Number(lifts[m/2])
		} else {
			r.ActorLiftMedian = Number((lifts[m/2-1] + lifts[m/2]) / 2)
		}
	}
	// Unconditional support by quality.
	r.SupportBins = []Bin{}
	if a.lo != nil {
		for b := 0; b < B; b++ {
			bn := Bin{QualityLow: Number(a.lo[b]), QualityHigh: Number(a.hi[b]), Items: binItems[b],
				ComradeExposures: binN1[b], ComradeEngaged: binX1[b], OtherExposures: binN0[b], OtherEngaged: binX0[b],
				Support: ratio(binX1[b], binN1[b]), OtherRate: ratio(binX0[b], binN0[b])}
			bn.Lift = Number(float64(bn.Support) / float64(bn.OtherRate))
			if binX0[b] == 0 && binX1[b] == 0 {
				bn.Lift = nan
			}
			r.SupportBins = append(r.SupportBins, bn)
		}
	}
	r.FixedEffects, r.PoissonFixedEffects = fe.fit()
	r.Sensitivity = sensitivity(r)
	r.Caveats = a.caveats(r)
	a.progress(2)
	r.Model = a.model(per, perActor)
	a.progress(stages)
	return r
}

func ratio(a, b int64) Number {
	if b == 0 {
		return nan
	}
	return Number(float64(a) / float64(b))
}

// wilsonHi returns the upper Wilson limit first (for symmetry of use).
func wilsonHi(x, n int64) (hi, lo float64) {
	lo, hi = interval.Wilson(x, n)
	return hi, lo
}

// moverRatio is the 95% MOVER interval for the ratio of two proportions
// (x1/n1)/(x0/n0), built on the log scale from the two Wilson intervals
// (Zou & Donner 2008, Stat. Med. 27:1693, doi:10.1002/sim.3095):
//
//	L = θ − sqrt((log p1 − log l1)² + (log u0 − log p0)²)
//	U = θ + sqrt((log u1 − log p1)² + (log p0 − log l0)²),   θ = log p1 − log p0.
//
// Unlike the Katz interval it keeps a sensible width when x = n. Needs
// x1, x0 > 0.
func moverRatio(x1, n1, x0, n0 int64) (lo, hi float64) {
	p1, p0 := float64(x1)/float64(n1), float64(x0)/float64(n0)
	l1, u1 := interval.Wilson(x1, n1)
	l0, u0 := interval.Wilson(x0, n0)
	th := math.Log(p1) - math.Log(p0)
	dl := math.Hypot(math.Log(p1)-math.Log(l1), math.Log(u0)-math.Log(p0))
	du := math.Hypot(math.Log(u1)-math.Log(p1), math.Log(p0)-math.Log(l0))
	return math.Exp(th - dl), math.Exp(th + du)
}
