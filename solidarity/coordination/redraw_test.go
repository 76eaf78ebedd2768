package coordination

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/worlds/worldstest"
)

// The redraw engine (nullStrata by actor buckets, redraws on reused
// buffers, in parallel) against the code it replaced, kept here as the
// reference: the same strata, and the same strongest null cluster in every
// redraw, with 1 and 4 workers, with and without a kind filter, under the
// absolute and the percentile edge rules and a tight partner cap.
func TestRedrawsMatchReference(t *testing.T) {
	for _, c := range []struct {
		preset string
		size   float64
		keep   bool
		cfg    Options
	}{
		{"fast-groups", 0, false, Options{}},
		{"cells", 4, false, Options{}},
		{"cells", 4, true, Options{MaxPartners: 3}},
		{"fast-groups", 0, true, Options{EdgePercentile: 0.9}},
	} {
		_, ev, f := worldstest.Load(t, c.preset, c.size, 7)
		var keep []bool
		if c.keep {
			keep = make([]bool, ev.Len())
			for e := range keep {
				keep[e] = e%3 != 0
			}
		}
		cfg := c.cfg
		cfg.Null, cfg.Seed, cfg.Follows = 12, 3, f
		cfg = cfg.withDefaults()
		g := groupByItem(ev, keep)
		comrade := comradeTest(ev, f)
		ss := nullStrata(ev, keep, comrade, nil)
		ref := referenceNullStrata(ev, keep, comrade, nil)
		if len(ss) != len(ref) {
			t.Fatalf("%s: %d strata, reference %d", c.preset, len(ss), len(ref))
		}
		for i := range ss {
			if !slices.Equal(ss[i].events, ref[i].events) || !slices.Equal(ss[i].delays, ref[i].delays) {
				t.Fatalf("%s: stratum %d differs: %v %v, reference %v %v", c.preset, i, ss[i].events, ss[i].delays, ref[i].events, ref[i].delays)
			}
		}
		window := 60.0
		want := referenceRedraws(ev, g, keep, ref, cfg, window, int64(window))
		if slices.Max(want) == 0 {
			t.Errorf("%s: no null cluster in any redraw: the comparison proves little", c.preset)
		}
		for _, workers := range []int{1, 4} {
			old := nullWorkers
			nullWorkers = func() int { return workers }
			calls := 0
			got := redraws(ev, g, ss, cfg, window, int64(window), func(done, total int) {
				calls++
				if done != calls || total != cfg.Null {
					t.Errorf("progress %d/%d at call %d", done, total, calls)
				}
			})
			nullWorkers = old
			if !slices.Equal(got, want) {
				t.Errorf("%s keep=%v %+v, %d workers: strongest per redraw %v, reference %v", c.preset, c.keep, c.cfg, workers, got, want)
			}
			if calls != cfg.Null {
				t.Errorf("%d progress calls, want %d", calls, cfg.Null)
			}
		}
		ev.Release()
		f.Release()
	}
}

// With content objects (items without an author), events are pooled by
// the object's reach: the same strata as the reference.
func TestNullStrataReach(t *testing.T) {
	_, ev, _ := worldstest.Load(t, "cells", 4, 2)
	// A third of the items lose their author; reach is a made-up class
	// per item (0 to 4).
	cp := *ev
	cp.ItemAuthor = slices.Clone(ev.ItemAuthor)
	reach := make([]int32, ev.NumItems())
	for it := range cp.ItemAuthor {
		if it%3 == 0 {
			cp.ItemAuthor[it] = -1
		}
		reach[it] = int32(it*7) % 5
	}
	comrade := comradeTest(&cp, nil)
	ss, ref := nullStrata(&cp, nil, comrade, reach), referenceNullStrata(&cp, nil, comrade, reach)
	if len(ss) != len(ref) {
		t.Fatalf("%d strata, reference %d", len(ss), len(ref))
	}
	for i := range ss {
		if !slices.Equal(ss[i].events, ref[i].events) || !slices.Equal(ss[i].delays, ref[i].delays) {
			t.Fatalf("stratum %d differs: %v, reference %v", i, ss[i].events, ref[i].events)
		}
	}
}

// Analyze's p, q and null means do not depend on the number of workers.
func TestNullWorkersSameResult(t *testing.T) {
	_, ev, _ := worldstest.Load(t, "cells", 4, 1)
	var runs [][]ClusterTest
	for _, workers := range []int{1, 4} {
		old := nullWorkers
		nullWorkers = func() int { return workers }
		r, err := Analyze(ev, Options{Null: 19, Seed: 5})
		nullWorkers = old
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Tests) == 0 {
			t.Fatal("no cluster tested")
		}
		runs = append(runs, r.Tests)
	}
	for c := range runs[0] {
		a, b := runs[0][c], runs[1][c]
		if a.P != b.P || a.Q != b.Q || a.NullMean != b.NullMean || math.IsNaN(a.P) {
			t.Errorf("cluster %d: 1 worker p %v q %v mean %v; 4 workers p %v q %v mean %v", c, a.P, a.Q, a.NullMean, b.P, b.Q, b.NullMean)
		}
	}
}

// referenceRedraws is the redraw loop before the engine: per redraw, the
// whole detector on a fresh grouping of the permuted times.
func referenceRedraws(ev *events.Events, g byItem, keep []bool, ss []stratum, cfg Options, window float64, W int64) []int {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xc00d))
	times := slices.Clone(ev.Time)
	redrawn := *ev
	redrawn.Time = times
	inner := cfg
	inner.Window, inner.Progress, inner.Null = window, nil, 0
	var out []int
	for rep := 0; rep < cfg.Null; rep++ {
		for _, st := range ss {
			perm := rng.Perm(len(st.delays))
			for i, e := range st.events {
				times[e] = ev.ItemTime[ev.Item[e]] + st.delays[perm[i]]
			}
		}
		nr := &Result{Options: inner, Window: window}
		pairs(&redrawn, groupByItem(&redrawn, keep), nr)
		nr.components()
		st := strengths(&redrawn, g, nr.Clusters, times, W, nil, nil)
		best := 0
		for _, x := range st {
			best = max(best, x)
		}
		out = append(out, best)
	}
	return out
}

// referenceNullStrata is nullStrata before the engine (maps keyed by
// actor and author).
func referenceNullStrata(ev *events.Events, keep []bool, comrade func(u, v int32) bool, reach []int32) []stratum {
	type ae struct{ a, v int32 }
	perAuthor := map[ae]int{}
	for e := range ev.Actor {
		if keep == nil || keep[e] {
			perAuthor[ae{ev.Actor[e], ev.ItemAuthor[ev.Item[e]]}]++
		}
	}
	strata := map[[2]int32][]int32{} // (actor, author or -1 - comrade) -> events
	for e := range ev.Actor {
		if keep != nil && !keep[e] {
			continue
		}
		a, v := ev.Actor[e], ev.ItemAuthor[ev.Item[e]]
		key := [2]int32{a, -1}
		switch {
		case v >= 0 && perAuthor[ae{a, v}] >= 2:
			key[1] = v
		case v >= 0 && comrade(a, v):
			key[1] = -2
		case v < 0 && reach != nil: // a content object: by how widely it spread (see reach)
			key[1] = -3 - reach[ev.Item[e]]
		}
		strata[key] = append(strata[key], int32(e))
	}
	keys := make([][2]int32, 0, len(strata))
	for k := range strata {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	tod := func(e int32) int64 { return ((ev.ItemTime[ev.Item[e]] % 86400) + 86400) % 86400 }
	var ss []stratum
	for _, k := range keys {
		es := strata[k]
		// Large strata are cut into blocks of nullBlock events of similar
		// posting time of day, so a delay moves only between items posted
		// at a similar hour: the daily rhythm of engagement, which pulls
		// everyone's reactions to one item towards the same busy hours,
		// stays in the null. Busy actors get fine blocks, quiet ones coarse.
		blocks := [][]int32{es}
		if len(es) >= 2*nullBlock {
			slices.SortStableFunc(es, func(a, b int32) int { return cmp.Compare(tod(a), tod(b)) })
			blocks = blocks[:0]
			for lo := 0; lo < len(es); lo += nullBlock {
				hi := lo + nullBlock
				if len(es)-hi < nullBlock {
					hi = len(es)
				}
				blocks = append(blocks, es[lo:hi])
				if hi == len(es) {
					break
				}
			}
		}
		for _, b := range blocks {
			st := stratum{events: b, delays: make([]int64, len(b))}
			for i, e := range b {
				st.delays[i] = ev.Time[e] - ev.ItemTime[ev.Item[e]]
			}
			ss = append(ss, st)
		}
	}
	return ss
}
