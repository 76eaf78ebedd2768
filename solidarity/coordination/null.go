package coordination

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// DefaultEvidence is the number of evidence items kept per cluster.
const DefaultEvidence = 10

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
// same group when the events have groups) or of others. Who engaged what,
// how fast each actor reacts, and how fast each reacts to the people it
// keeps engaging all stay, so shared tastes and friends who react quickly
// to each other's posts are part of the null; what the redraw destroys is actors acting together at
// moments of their own choosing, the signature of coordination. The
// statistic of a cluster is its number of (pair, item) co-engagements within
// the window; the window is held at the observed one.
func (r *Result) timingNull(ev *events.Events, g byItem, keep []bool, cfg Options) {
	if len(r.Clusters) == 0 {
		return
	}
	inCluster := make(map[int32]int32) // actor -> cluster
	for c, m := range r.Clusters {
		for _, a := range m {
			inCluster[a] = int32(c)
		}
	}
	// The members' events, grouped by item (time order).
	var items []int32
	var groups [][]mev
	for k := 0; k+1 < len(g.start); k++ {
		var grp []mev
		for _, e := range g.ord[g.start[k]:g.start[k+1]] {
			if _, ok := inCluster[ev.Actor[e]]; ok {
				grp = append(grp, mev{e: e, actor: ev.Actor[e]})
			}
		}
		if len(grp) >= 2 {
			items = append(items, ev.Item[grp[0].e])
			groups = append(groups, grp)
		}
	}
	W := int64(math.Floor(r.Window))
	times := make([]int64, ev.Len())
	for _, grp := range groups {
		for _, m := range grp {
			times[m.e] = ev.Time[m.e]
		}
	}
	// coItems counts, per cluster, the (pair, item) co-engagements within W
	// under times; with ev != nil it also collects the evidence.
	firstSeen := map[int32]int{}
	coItems := func(out []int, collect bool) {
		clear(out)
		order := make([]mev, 0, 64)
		for gi, grp := range groups {
			order = append(order[:0], grp...)
			slices.SortFunc(order, func(a, b mev) int { return cmp.Compare(times[a.e], times[b.e]) })
			// First engagement of the item by each member.
			clear(firstSeen)
			k := 0
			for _, m := range order {
				if _, ok := firstSeen[m.actor]; !ok {
					firstSeen[m.actor] = k
					order[k] = m
					k++
				}
			}
			order = order[:k]
			// Pairs of the same cluster within W of each other.
			for i := range order {
				ci := inCluster[order[i].actor]
				for j := i + 1; j < len(order) && times[order[j].e]-times[order[i].e] <= W; j++ {
					if inCluster[order[j].actor] == ci {
						out[ci]++
					}
				}
			}
			if collect {
				r.collectEvidence(items[gi], order, times, inCluster, W)
			}
		}
	}
	obs := make([]int, len(r.Clusters))
	r.Tests = make([]ClusterTest, len(r.Clusters))
	coItems(obs, true)
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
	// Strata of the permutation: (actor, comrade of the item's author?).
	comrade := comradeTest(ev, cfg.Follows)
	// Every event of a member takes part, not only those on items another
	// member engaged: the delays an actor could have had come from all of
	// its engagements of the stratum. A stratum is (actor, author) when the
	// actor engaged that author at least twice, so relationship-specific
	// speed (friends who always react within minutes) stays in the null;
	// the actor's other engagements pool by comradeship with the author.
	type ae struct{ a, v int32 }
	perAuthor := map[ae]int{}
	for e := range ev.Actor {
		a := ev.Actor[e]
		if _, ok := inCluster[a]; ok && (keep == nil || keep[e]) {
			perAuthor[ae{a, ev.ItemAuthor[ev.Item[e]]}]++
		}
	}
	strata := map[[2]int32][]int32{} // (actor, author or -1 - comrade) -> events
	for e := range ev.Actor {
		a := ev.Actor[e]
		if _, ok := inCluster[a]; !ok || (keep != nil && !keep[e]) {
			continue
		}
		v := ev.ItemAuthor[ev.Item[e]]
		key := [2]int32{a, -1}
		switch {
		case v >= 0 && perAuthor[ae{a, v}] >= 2:
			key[1] = v
		case v >= 0 && comrade(a, v):
			key[1] = -2
		}
		strata[key] = append(strata[key], int32(e))
	}
	type stratum struct {
		events []int32
		delays []int64
	}
	var ss []stratum
	keys := make([][2]int32, 0, len(strata))
	for k := range strata {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, k := range keys {
		es := strata[k]
		slices.Sort(es)
		st := stratum{events: es, delays: make([]int64, len(es))}
		for i, e := range es {
			st.delays[i] = ev.Time[e] - ev.ItemTime[ev.Item[e]]
		}
		ss = append(ss, st)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc00d))
	null := make([]int, len(r.Clusters))
	sum := make([]float64, len(r.Clusters))
	ge := make([]int, len(r.Clusters))
	for rep := 0; rep < cfg.Null; rep++ {
		for _, st := range ss {
			perm := rng.Perm(len(st.delays))
			for i, e := range st.events {
				times[e] = ev.ItemTime[ev.Item[e]] + st.delays[perm[i]]
			}
		}
		coItems(null, false)
		for c := range null {
			sum[c] += float64(null[c])
			if null[c] >= obs[c] {
				ge[c]++
			}
		}
		if cfg.Progress != nil {
			cfg.Progress(rep+1, cfg.Null)
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
