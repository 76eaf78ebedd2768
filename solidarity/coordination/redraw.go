package coordination

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

// nullWorkers is how many redraws run at once: GOMAXPROCS, at most 8
// (each holds its own buffers: 16 bytes per event, 8 per person, the pair
// sketch of up to 64 MiB and the redraw's pair records; all share one
// 8-byte column per event). A variable so tests can force it.
var nullWorkers = func() int { return pool.Max(8) }

// redraws runs the timing null's redraws and returns, per redraw, the
// statistic of the strongest cluster the detector finds on the redrawn
// times.
//
// What does not change between redraws is computed once: the strata and
// the grouping of events by item (only the order within each item
// changes). Each worker owns its buffers (times, order, permutations,
// sketch, pair records), reused from one redraw to the next, so memory
// grows with the workers, not with the redraws.
//
// The redraws draw their permutations from one random stream, in redraw
// order, under a lock (a shuffle is cheap next to a detection), so the
// result is the same for any number of workers, and the same as when the
// redraws ran one after another.
func redraws(ev *events.Events, g byItem, ss []stratum, cfg Options, window float64, W int64, progress func(done, total int)) []int {
	n := cfg.Null
	best := make([]int, n)
	// Offsets of the strata in one permutation buffer.
	off := make([]int, len(ss)+1)
	for i, st := range ss {
		off[i+1] = off[i] + len(st.events)
	}
	// Each stratum event's item time, read in order by every redraw (one
	// shared column instead of two random reads per event and redraw).
	base := make([]int64, off[len(ss)])
	for i, st := range ss {
		for j, e := range st.events {
			base[off[i]+j] = ev.ItemTime[ev.Item[e]]
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc00d))
	var mu sync.Mutex // guards rng, next and done
	next, done := 0, 0
	workers := min(nullWorkers(), n)
	pool.Parts(workers, func(int) {
		w := newRedrawer(ev, g, off[len(ss)])
		for {
			mu.Lock()
			rep := next
			if rep >= n {
				mu.Unlock()
				return
			}
			next++
			// The same draws, in the same order, as rng.Perm per
			// stratum: Perm fills 0..k-1 and calls Shuffle.
			for i := range ss {
				p := w.perm[off[i]:off[i+1]]
				for j := range p {
					p[j] = int32(j)
				}
				rng.Shuffle(len(p), func(a, b int) { p[a], p[b] = p[b], p[a] })
			}
			mu.Unlock()
			for i, st := range ss {
				p, b := w.perm[off[i]:off[i+1]], base[off[i]:off[i+1]]
				for j, e := range st.events {
					w.times[e] = b[j] + st.delays[p[j]]
				}
			}
			best[rep] = w.strongest(g, cfg, window, W)
			if progress != nil {
				mu.Lock()
				done++
				progress(done, n)
				mu.Unlock()
			}
		}
	})
	return best
}

// redrawer holds one worker's buffers.
type redrawer struct {
	ev      events.Events // a shallow copy whose Time is times
	times   []int64
	ord     []int32 // the events grouped by item, in redrawn time order
	perm    []int32
	sk      *sketch
	buf     []pairRec
	recs    []pairRec
	cluster []int32 // person -> cluster of the redraw, or -1
	seen    []int32 // person -> last group it was seen in, plus one
	count   []int
}

func newRedrawer(ev *events.Events, g byItem, strataEvents int) *redrawer {
	w := &redrawer{
		ev:      *ev,
		times:   slices.Clone(ev.Time),
		ord:     make([]int32, len(g.ord)),
		perm:    make([]int32, strataEvents),
		cluster: make([]int32, ev.NumPeople()),
		seen:    make([]int32, ev.NumPeople()),
	}
	w.ev.Time = w.times
	for i := range w.cluster {
		w.cluster[i] = -1
	}
	return w
}

// strongest reruns the detector (pairs, thresholds, components) on the
// redrawn times and returns the largest cluster statistic: the number of
// (pair of members, item) co-engagements within W. It gives the same
// edges, clusters and statistics as Analyze at the window (a test holds
// the two together), single-threaded and on reused buffers.
func (w *redrawer) strongest(g byItem, cfg Options, window float64, W int64) int {
	// Regroup: the items' events are fixed, only their order changes.
	// Ties are broken by event index, as events.TimeOrder does.
	copy(w.ord, g.ord)
	tm := w.times
	for k := 0; k+1 < len(g.start); k++ {
		s := w.ord[g.start[k]:g.start[k+1]]
		if len(s) < 2 {
			continue
		}
		if len(s) <= 12 {
			for i := 1; i < len(s); i++ {
				for j := i; j > 0 && less(tm, s[j], s[j-1]); j-- {
					s[j], s[j-1] = s[j-1], s[j]
				}
			}
			continue
		}
		slices.SortFunc(s, func(a, b int32) int { return cmp.Or(cmp.Compare(tm[a], tm[b]), cmp.Compare(a, b)) })
	}
	gr := byItem{ord: w.ord, start: g.start}
	items := len(g.start) - 1
	act := w.ev.Actor

	// Pass 1, as pairs does: one sketch (the workers' saturating sum
	// there equals one sketch of every pair here).
	sk := (*sketch)(nil)
	if cfg.MinItems > 1 {
		if w.sk == nil {
			w.sk = newSketch(len(g.ord))
		} else {
			clear(w.sk.c)
		}
		sk = w.sk
		visit(&w.ev, gr, 0, items, window, cfg.MaxPartners, nil, func(i, j int32) { sk.add(pairKey(act[i], act[j])) }, nil)
	}
	// Pass 2: one record per (pair, item).
	w.recs = w.recs[:0]
	visit(&w.ev, gr, 0, items, window, cfg.MaxPartners, nil, func(i, j int32) {
		if p, ok := newPairRec(act[i], act[j], tm[i] == tm[j], sk, cfg.MinItems); ok {
			w.buf = append(w.buf, p)
		}
	}, func(int) {
		w.recs, w.buf = appendMerged(w.recs, w.buf)
	})
	nr := &Result{Options: cfg, Window: window, Edges: keptEdges(w.recs, cfg)}
	if cfg.EdgePercentile > 0 {
		nr.percentileCut(cfg.EdgePercentile)
	}
	nr.components()
	return w.strength(gr, nr.Clusters, W)
}

func less(tm []int64, a, b int32) bool {
	return tm[a] < tm[b] || tm[a] == tm[b] && a < b
}

// strength is strengths' count on dense arrays, for the strongest
// cluster only: gr is in time order, and which of an actor's engagements
// at one second comes first does not change the count.
func (w *redrawer) strength(gr byItem, clusters [][]int32, W int64) int {
	if len(clusters) == 0 {
		return 0
	}
	for c, m := range clusters {
		for _, a := range m {
			w.cluster[a] = int32(c)
		}
	}
	w.count = slices.Grow(w.count[:0], len(clusters))[:len(clusters)]
	clear(w.count)
	clear(w.seen)
	tm, act := w.times, w.ev.Actor
	order := make([]int32, 0, 64)
	for k := 0; k+1 < len(gr.start); k++ {
		order = order[:0]
		stamp := int32(k + 1)
		for _, e := range gr.ord[gr.start[k]:gr.start[k+1]] {
			a := act[e]
			if w.cluster[a] >= 0 && w.seen[a] != stamp {
				w.seen[a] = stamp
				order = append(order, e)
			}
		}
		for i := range order {
			ci := w.cluster[act[order[i]]]
			for j := i + 1; j < len(order) && tm[order[j]]-tm[order[i]] <= W; j++ {
				if w.cluster[act[order[j]]] == ci {
					w.count[ci]++
				}
			}
		}
	}
	for _, m := range clusters {
		for _, a := range m {
			w.cluster[a] = -1
		}
	}
	return slices.Max(w.count)
}
