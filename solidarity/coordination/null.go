package coordination

import (
	"cmp"
	"math"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// DefaultEvidence is the number of evidence items kept per cluster.
const DefaultEvidence = 10

// nullBlock is the size of the time-of-day blocks of the null's pooled
// strata.
const nullBlock = 5

// Evidence is one item that ties a cluster: the members who engaged it
// within the window of each other, and when.
type Evidence struct {
	Item   int32   // dense item index (Result.Item names it)
	Actors []int32 // members, in time order
	Times  []int64 // their first engagement of the item, Unix seconds
	// Spread is the time from the first to the last of those engagements:
	// evidence is sorted by it, tightest first.
	Spread int64
}

// ClusterTest is the evidence and the null-model test of one cluster.
type ClusterTest struct {
	// CoItems is the statistic: the number of (pair of members, item)
	// co-engagements within the window, over every pair of the cluster.
	CoItems int
	// NullMean is its mean over the timing redraws; P the one-sided
	// permutation p-value (1 + redraws at or above CoItems) / (1 + redraws);
	// Q the Benjamini–Hochberg q-value over the clusters. NaN without a
	// null (Options.Null = 0).
	NullMean, P, Q float64
	// Evidence lists the tightest co-engaged items, at most
	// Options.Evidence of them; EvidenceItems counts them all.
	Evidence      []Evidence
	EvidenceItems int
}

// mev is a cluster member's event.
type mev struct {
	e     int32
	actor int32
}

// timingNull tests the clusters against a null that keeps who engaged what
// and redraws only when.
//
// Each engagement's delay after its item was posted (events.ItemTime) is
// permuted among the same actor's engagements of the same stratum: the
// same author, when the actor engaged that author at least twice; else
// items of comrades (mutual follows when Options.Follows is given, else the
// same group when the events have groups) or of others. Strata are cut into
// blocks of similar posting time of day. Who engaged what, how fast each
// actor reacts, how fast each reacts to the people it keeps engaging, and
// the daily rhythm all stay, so shared tastes and friends who react quickly
// to each other's posts are part of the null; what the redraw destroys is
// actors acting together at moments of their own choosing, the signature
// of coordination.
//
// The clusters were found on the same data they are tested on, so each
// redraw reruns the whole detector (pairs, thresholds, components) at the
// observed window: a cluster's p-value is the share of redraws in which
// the strongest cluster reaches its statistic, the number of (pair of
// members, item) co-engagements within the window (a max-type comparison
// that accounts for the search, as Westfall & Young's 1993 step-down
// does; conservative for the weaker of several true clusters).
//
// The redraws run in parallel on per-worker buffers (see redraws); the
// permutations come from one stream seeded by Options.Seed in redraw
// order, so p and q depend on the seed, not on the number of CPUs.
func (r *Result) timingNull(ev *events.Events, g byItem, keep []bool, cfg Options) {
	if len(r.Clusters) == 0 {
		return
	}
	W := int64(math.Floor(r.Window))
	obs := strengths(ev, g, r.Clusters, ev.Time, W, func(c int32, it int32, order []mev, inCluster map[int32]int32) {
		r.collectEvidence(it, order, ev.Time, inCluster, W)
	}, r)
	for c := range r.Tests {
		t := &r.Tests[c]
		t.CoItems = obs[c]
		t.NullMean, t.P, t.Q = math.NaN(), math.NaN(), math.NaN()
		slices.SortFunc(t.Evidence, func(a, b Evidence) int {
			return cmp.Or(cmp.Compare(a.Spread, b.Spread), cmp.Compare(len(b.Actors), len(a.Actors)), cmp.Compare(a.Item, b.Item))
		})
		t.EvidenceItems = len(t.Evidence)
		if len(t.Evidence) > cfg.Evidence {
			t.Evidence = t.Evidence[:cfg.Evidence]
		}
	}
	if cfg.Null <= 0 {
		return
	}
	ss := nullStrata(ev, redrawn(ev, keep, cfg), comradeTest(ev, cfg.Follows), reach(ev, cfg))
	inner := cfg
	inner.Window, inner.Progress = r.Window, nil
	ge := make([]int, len(r.Clusters))
	sum := make([]float64, len(r.Clusters))
	// Each redraw's strongest null cluster, whatever its size: a bound by
	// size fails when the redraw joins chance pairs into one larger
	// component than the observed one.
	for _, best := range redraws(ev, g, ss, inner, r.Window, W, cfg.Progress) {
		for c := range r.Clusters {
			sum[c] += float64(best)
			if best >= obs[c] {
				ge[c]++
			}
		}
	}
	ps := make([]float64, len(r.Clusters))
	for c := range r.Tests {
		r.Tests[c].NullMean = sum[c] / float64(cfg.Null)
		ps[c] = float64(1+ge[c]) / float64(1+cfg.Null)
		r.Tests[c].P = ps[c]
	}
	for c, q := range BenjaminiHochberg(ps) {
		r.Tests[c].Q = q
	}
}

// strengths counts, per cluster, the (pair of members, item)
// co-engagements within W under times: for each item, each member's first
// engagement, and the pairs of members of one cluster within W of each
// other. With r != nil it allocates r.Tests and calls evidence for every
// item with at least two members of some cluster.
func strengths(ev *events.Events, g byItem, clusters [][]int32, times []int64, W int64,
	evidence func(c int32, it int32, order []mev, inCluster map[int32]int32), r *Result) []int {
	out := make([]int, len(clusters))
	if r != nil {
		r.Tests = make([]ClusterTest, len(clusters))
	}
	if len(clusters) == 0 {
		return out
	}
	inCluster := make(map[int32]int32)
	for c, m := range clusters {
		for _, a := range m {
			inCluster[a] = int32(c)
		}
	}
	seen := map[int32]bool{}
	var order []mev
	for k := 0; k+1 < len(g.start); k++ {
		order = order[:0]
		for _, e := range g.ord[g.start[k]:g.start[k+1]] {
			if _, ok := inCluster[ev.Actor[e]]; ok {
				order = append(order, mev{e: e, actor: ev.Actor[e]})
			}
		}
		if len(order) < 2 {
			continue
		}
		slices.SortStableFunc(order, func(a, b mev) int { return cmp.Compare(times[a.e], times[b.e]) })
		clear(seen)
		n := 0
		for _, m := range order {
			if !seen[m.actor] {
				seen[m.actor] = true
				order[n] = m
				n++
			}
		}
		order = order[:n]
		for i := range order {
			ci := inCluster[order[i].actor]
			for j := i + 1; j < len(order) && times[order[j].e]-times[order[i].e] <= W; j++ {
				if inCluster[order[j].actor] == ci {
					out[ci]++
				}
			}
		}
		if evidence != nil {
			evidence(-1, ev.Item[order[0].e], order, inCluster)
		}
	}
	return out
}

// stratum is one set of events whose delays the null permutes.
type stratum struct {
	events []int32
	delays []int64
}

// nullStrata groups the kept events for the timing redraw (see
// timingNull). Strata come ordered by (actor, key), the key being -3 -
// reach for content objects (events without an author, when reach is not
// nil), -2 for comrades, -1 for others, else the author; events within a
// stratum in
// event order before the time-of-day blocking. The events are bucketed by
// actor (a counting sort) and each actor's few events sorted by author,
// which at 1e7 events costs a second where maps keyed by (actor, author)
// cost twenty.
func nullStrata(ev *events.Events, keep []bool, comrade func(u, v int32) bool, reach []int32) []stratum {
	np := ev.NumPeople()
	start := make([]int, np+1)
	kept := 0
	for e, a := range ev.Actor {
		if keep == nil || keep[e] {
			start[a+1]++
			kept++
		}
	}
	for p := 1; p <= np; p++ {
		start[p] += start[p-1]
	}
	byActor := make([]int32, kept)
	pos := slices.Clone(start[:np])
	for e, a := range ev.Actor {
		if keep == nil || keep[e] {
			byActor[pos[a]] = int32(e)
			pos[a]++
		}
	}
	pos = nil
	author := func(e int32) int32 { return ev.ItemAuthor[ev.Item[e]] }
	tod := func(e int32) int64 { return ((ev.ItemTime[ev.Item[e]] % 86400) + 86400) % 86400 }
	// out and delays hold every stratum's events and delays, one after
	// another; strata are slices of them. There are at most kept/nullBlock
	// blocked strata plus one per (actor, author or comrade key).
	out := make([]int32, 0, kept)
	delays := make([]int64, kept)
	ss := make([]stratum, 0, kept/nullBlock+np)
	add := func(es []int32) {
		lo := len(out)
		out = append(out, es...)
		es = out[lo:len(out):len(out)]
		// Large strata are cut into blocks of nullBlock events of similar
		// posting time of day, so a delay moves only between items posted
		// at a similar hour: the daily rhythm of engagement, which pulls
		// everyone's reactions to one item towards the same busy hours,
		// stays in the null. Busy actors get fine blocks, quiet ones coarse.
		if len(es) >= 2*nullBlock {
			slices.SortStableFunc(es, func(a, b int32) int { return cmp.Compare(tod(a), tod(b)) })
		}
		for i := 0; i < len(es); {
			j := len(es)
			if len(es) >= 2*nullBlock && len(es)-(i+nullBlock) >= nullBlock {
				j = i + nullBlock
			}
			d := delays[lo+i : lo+j : lo+j]
			for k, e := range es[i:j] {
				d[k] = ev.Time[e] - ev.ItemTime[ev.Item[e]]
			}
			ss = append(ss, stratum{events: es[i:j:j], delays: d})
			i = j
		}
	}
	var pooled, comrades, others, byReach []int32
	var own [][2]int // runs of one author engaged at least twice
	for a := 0; a < np; a++ {
		seg := byActor[start[a]:start[a+1]]
		if len(seg) == 0 {
			continue
		}
		slices.SortFunc(seg, func(x, y int32) int { return cmp.Or(cmp.Compare(author(x), author(y)), cmp.Compare(x, y)) })
		pooled, comrades, others = pooled[:0], comrades[:0], others[:0]
		own = own[:0]
		for i := 0; i < len(seg); {
			j := i + 1
			v := author(seg[i])
			for j < len(seg) && author(seg[j]) == v {
				j++
			}
			if v >= 0 && j-i >= 2 {
				own = append(own, [2]int{i, j})
			} else {
				pooled = append(pooled, seg[i:j]...)
			}
			i = j
		}
		slices.Sort(pooled)
		byReach = byReach[:0]
		for _, e := range pooled {
			switch v := author(e); {
			case v >= 0 && comrade(int32(a), v):
				comrades = append(comrades, e)
			case v < 0 && reach != nil: // a content object: by how widely it spread (see reach)
				byReach = append(byReach, e)
			default:
				others = append(others, e)
			}
		}
		// Reach strata come first, widest reach first (key -3 - reach).
		slices.SortStableFunc(byReach, func(x, y int32) int { return cmp.Compare(reach[ev.Item[y]], reach[ev.Item[x]]) })
		for i := 0; i < len(byReach); {
			j := i + 1
			for j < len(byReach) && reach[ev.Item[byReach[j]]] == reach[ev.Item[byReach[i]]] {
				j++
			}
			add(byReach[i:j])
			i = j
		}
		if len(comrades) > 0 {
			add(comrades)
		}
		if len(others) > 0 {
			add(others)
		}
		for _, r := range own {
			add(seg[r[0]:r[1]])
		}
	}
	return ss
}

// collectEvidence adds item it to the evidence of each cluster with at
// least two members in order (first engagements, time order) within W of
// another member of the same cluster.
func (r *Result) collectEvidence(it int32, order []mev, times []int64, inCluster map[int32]int32, W int64) {
	byCluster := map[int32][]mev{}
	for i, m := range order {
		c := inCluster[m.actor]
		near := false
		for j := i - 1; j >= 0 && times[m.e]-times[order[j].e] <= W && !near; j-- {
			near = inCluster[order[j].actor] == c
		}
		for j := i + 1; j < len(order) && times[order[j].e]-times[m.e] <= W && !near; j++ {
			near = inCluster[order[j].actor] == c
		}
		if near {
			byCluster[c] = append(byCluster[c], m)
		}
	}
	for c, ms := range byCluster {
		ev := Evidence{Item: it, Spread: times[ms[len(ms)-1].e] - times[ms[0].e]}
		for _, m := range ms {
			ev.Actors = append(ev.Actors, m.actor)
			ev.Times = append(ev.Times, times[m.e])
		}
		r.Tests[c].Evidence = append(r.Tests[c].Evidence, ev)
	}
}

// comradeTest returns the comradeship test of the null's strata: mutual
// follows with a follow network, else the same group, else nobody.
func comradeTest(ev *events.Events, follows *network.Network) func(u, v int32) bool {
	if follows != nil && follows.Directed() && follows.Index().IsString() == ev.People.IsString() {
		s := follows.Simple()
		fix := follows.Index()
		node := make([]int32, ev.NumPeople()) // event person -> follow-network node
		for p := range node {
			var ok bool
			if fix.IsString() {
				node[p], ok = fix.LookupString(ev.People.String(int32(p)))
			} else {
				node[p], ok = fix.LookupInt(ev.People.Int(int32(p)))
			}
			if !ok {
				node[p] = -1
			}
		}
		return func(u, v int32) bool {
			a, b := node[u], node[v]
			return a >= 0 && b >= 0 && s.HasArc(a, b) && s.HasArc(b, a)
		}
	}
	if ev.Group != nil {
		return func(u, v int32) bool { return ev.Group[u] >= 0 && ev.Group[u] == ev.Group[v] }
	}
	return func(u, v int32) bool { return false }
}

// BenjaminiHochberg returns the Benjamini–Hochberg q-values of p-values
// (step-up, monotone; Benjamini & Hochberg 1995, J. R. Stat. Soc. B 57:289).
// NaN p-values stay NaN and do not count.
func BenjaminiHochberg(p []float64) []float64 {
	q := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, x := range p {
		q[i] = math.NaN()
		if !math.IsNaN(x) {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(p[b], p[a]) }) // largest first
	m := float64(len(idx))
	prev := 1.0
	for k, i := range idx {
		rank := m - float64(k)
		v := math.Min(prev, p[i]*m/rank)
		q[i] = v
		prev = v
	}
	return q
}
