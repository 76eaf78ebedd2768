package coordination

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

func TestHandComputed(t *testing.T) {
	// Persons 1 and 2 co-engage items 10 (1 first), 11 (2 first) and 12
	// (same second) within 10 s; 3 and 4 only item 13; 3 engages item 10
	// 25 s after 2, outside the window.
	ev := eventstest.FromSlices(
		[]int64{1, 2, 3, 2, 1, 3, 1, 2, 3, 4},
		[]int64{10, 10, 10, 11, 11, 11, 12, 12, 13, 13},
		[]int64{99, 99, 99, 99, 99, 99, 99, 99, 99, 99},
		[]int64{0, 5, 30, 100, 103, 200, 300, 300, 400, 401})
	r, err := Analyze(ev, Options{Window: 10, MinItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Dense people: 1->0, 99->1, 2->2, 3->3, 4->4.
	want := []Edge{{A: 0, B: 2, AFirst: 1, BFirst: 1, Together: 1, Items: 3}}
	if !slices.Equal(r.Edges, want) {
		t.Errorf("edges %+v, want %+v", r.Edges, want)
	}
	if len(r.Clusters) != 1 || !slices.Equal(r.Clusters[0], []int32{0, 2}) {
		t.Errorf("clusters %v, want [[0 2]]", r.Clusters)
	}
	if r.Pairs != 4 || r.Skipped != 0 {
		t.Errorf("pairs %d skipped %d, want 4 and 0", r.Pairs, r.Skipped)
	}
	b, _ := json.Marshal(r.Summary())
	if !strings.Contains(string(b), `"clusters":[{"members":[1,2],"co_items":3,`) || !strings.Contains(string(b), `"window_seconds":10`) {
		t.Errorf("summary %s", b)
	}
	// Evidence: the three items, tightest first (12 together, 11 within 3 s, 10 within 5 s).
	if ev := r.Tests[0].Evidence; len(ev) != 3 || r.Item(ev[0].Item) != "12" || ev[0].Spread != 0 || r.Item(ev[2].Item) != "10" || ev[2].Spread != 5 {
		t.Errorf("evidence %+v", ev)
	}
	// MinItems 1 keeps {3,4} too.
	r, _ = Analyze(ev, Options{Window: 10, MinItems: 1})
	if len(r.Clusters) != 2 || !slices.Equal(r.Clusters[1], []int32{3, 4}) {
		t.Errorf("MinItems 1: clusters %v", r.Clusters)
	}
}

func TestCap(t *testing.T) {
	// Ten actors engage one item in the same second: 45 pairs. With at
	// most 3 partners, engagement j pairs with min(j,3) earlier ones:
	// 0+1+2+3*7 = 24 pairs, 21 skipped, 6 events capped (j = 4..9).
	n := 10
	a, it, au, tm := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	for i := range a {
		a[i], it[i], au[i] = int64(i), 1, 100
	}
	r, err := Analyze(eventstest.FromSlices(a, it, au, tm), Options{Window: 5, MaxPartners: 3, MinItems: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 24 || r.Skipped != 21 || r.Capped != 6 {
		t.Errorf("pairs %d skipped %d capped %d, want 24, 21, 6", r.Pairs, r.Skipped, r.Capped)
	}
	r, _ = Analyze(eventstest.FromSlices(a, it, au, tm), Options{Window: 5, MaxPartners: -1, MinItems: 1})
	if r.Pairs != 45 || r.Skipped != 0 || len(r.Edges) != 45 {
		t.Errorf("uncapped: pairs %d skipped %d edges %d, want 45, 0, 45", r.Pairs, r.Skipped, len(r.Edges))
	}
}

func TestEstimateByHand(t *testing.T) {
	// Items with engagement times (seconds from first):
	//   1: 0 2 4 10   second delay 2
	//   2: 0 100 200  second delay 100
	//   3: 0 1 50     second delay 1
	//   4: 0 30       second delay 30
	// Type-7 quantile q=0.5 of {1,2,30,100}: 2 + 0.5*28 = 16, so items 1
	// and 3 are fast. p=0.5: item 1 passes half at rank 3 (4 s), item 3
	// at rank 2 (1 s); the type-7 median of {1,4} is 2.5 s.
	times := [][]int64{{0, 2, 4, 10}, {0, 100, 200}, {0, 1, 50}, {0, 30}}
	var a, it, au, tm []int64
	actor := int64(0)
	for k, ts := range times {
		for _, x := range ts {
			a = append(a, actor)
			actor++
			it = append(it, int64(k+1))
			au = append(au, 1000)
			tm = append(tm, 1000*int64(k)+x)
		}
	}
	r, err := Analyze(eventstest.FromSlices(a, it, au, tm), Options{Method: EstimateCooRnet, Q: 0.5, P: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	e := r.Estimated
	if e == nil || e.SecondDelay != 16 || e.FastItems != 2 || e.Seconds != 2.5 || r.Window != 2.5 || e.Items != 4 {
		t.Errorf("estimate %+v, window %v; want delay 16, 2 fast items, 2.5 s", e, r.Window)
	}
}

// estimateOf runs CooRnet's estimate on items given as engagement times
// from each item's first, every engagement by a new actor.
func estimateOf(t *testing.T, times [][]int64, q, p float64) *Estimate {
	t.Helper()
	var a, it, au, tm []int64
	actor := int64(0)
	for k, ts := range times {
		for _, x := range ts {
			a = append(a, actor)
			actor++
			it = append(it, int64(k+1))
			au = append(au, 1000)
			tm = append(tm, 10_000*int64(k)+x)
		}
	}
	r, err := Analyze(eventstest.FromSlices(a, it, au, tm), Options{Method: EstimateCooRnet, Q: q, P: p})
	if err != nil {
		t.Fatal(err)
	}
	return r.Estimated
}

func TestEstimateByHandP(t *testing.T) {
	// q = 0.6, p = 0.58, checked line by line against CooRnet's
	// R/estimate_coord_interval.R (rank/count > p; quantile(x, p) at the
	// end, which its documentation calls the median: it is only at p = 0.5).
	//   A: 0 1 2 ... 49 (50 shares)  second delay 1
	//   B: 0 3 4 10                  second delay 3
	//   C: 0 5 7                     second delay 5
	//   D: 0 8                       second delay 8
	//   E: 0 100                     second delay 100
	// Type-7 q=0.6 of {1,3,5,8,100}: h = 2.4, 5 + 0.4*3 = 6.2: A, B, C fast.
	// A: 29/50 = 0.58 is not > 0.58, so rank 30 (29 s); floor(0.58*50)+1 = 29
	// would give 28 s because 0.58*50 = 28.999... in floating point.
	// B: 3/4 > 0.58, rank 3 (4 s). C: 2/3, rank 2 (5 s).
	// Type-7 0.58-quantile of {4, 5, 29}: h = 1.16, 5 + 0.16*24 = 8.84 s
	// (the median would be 5 s).
	a := make([]int64, 50)
	for i := range a {
		a[i] = int64(i)
	}
	e := estimateOf(t, [][]int64{a, {0, 3, 4, 10}, {0, 5, 7}, {0, 8}, {0, 100}}, 0.6, 0.58)
	if e == nil || math.Abs(e.SecondDelay-6.2) > 1e-9 || e.FastItems != 3 || e.Items != 5 || math.Abs(e.Seconds-8.84) > 1e-9 {
		t.Errorf("estimate %+v; want second delay 6.2, 3 fast items of 5, 8.84 s", e)
	}
	// p = 0.2: A rank 11 (10 s), B rank 1 (0 s), C rank 1 (0 s); the
	// 0.2-quantile of {0, 0, 10} is 0, which CooRnet turns into 1 s.
	e = estimateOf(t, [][]int64{a, {0, 3, 4, 10}, {0, 5, 7}, {0, 8}, {0, 100}}, 0.6, 0.2)
	if e == nil || e.Seconds != 1 {
		t.Errorf("p = 0.2: estimate %+v; want 1 s", e)
	}
}

func TestEdgePercentile(t *testing.T) {
	// Pairs and the distinct items they co-engage within 10 s:
	// {1,2}: items 1..4 (4), {1,3}: items 1, 2 (2), {2,3}: 1, 2 (2),
	// {4,5}: item 5 (1). Type-7 0.5-quantile of {1, 2, 2, 4} is 2: the
	// edges with 2 or more items stay, {4,5} goes; 0.9: 2 + 0.7*2 = 3.4,
	// only {1,2} stays (CooRnet keeps weight >= q).
	var a, it, au, tm []int64
	add := func(actor, item, time int64) {
		a, it, au, tm = append(a, actor), append(it, item), append(au, 1000), append(tm, time)
	}
	for k := int64(1); k <= 4; k++ {
		add(1, k, 1000*k)
		add(2, k, 1000*k+1)
		if k <= 2 {
			add(3, k, 1000*k+2)
		}
	}
	add(4, 5, 9000)
	add(5, 5, 9001)
	ev := eventstest.FromSlices(a, it, au, tm)
	for _, c := range []struct {
		p     float64
		cut   float64
		edges int
	}{{0.5, 2, 3}, {0.9, 3.4, 1}} {
		r, err := Analyze(ev, Options{Window: 10, EdgePercentile: c.p})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.EdgeThreshold-c.cut) > 1e-9 || len(r.Edges) != c.edges {
			t.Errorf("percentile %g: threshold %v, %d edges %v; want %v, %d", c.p, r.EdgeThreshold, len(r.Edges), r.Edges, c.cut, c.edges)
		}
	}
	if _, err := Analyze(ev, Options{Window: 10, EdgePercentile: 1.5}); err == nil {
		t.Error("percentile 1.5: no error")
	}
}

func TestDegenerate(t *testing.T) {
	one := eventstest.FromSlices([]int64{1}, []int64{5}, []int64{2}, []int64{0})
	same := eventstest.FromSlices([]int64{1, 1, 1}, []int64{5, 5, 6}, []int64{2, 2, 2}, []int64{0, 1, 2})
	zero := eventstest.FromSlices([]int64{1, 2, 1, 2}, []int64{5, 5, 6, 6}, []int64{9, 9, 9, 9}, []int64{7, 7, 8, 8})
	cases := []struct {
		name   string
		ev     *events.Events
		cfg    Options
		reason string
		err    string
		window float64
	}{
		{"empty", eventstest.FromSlices(nil, nil, nil, nil), Options{Window: 5}, "no events", "", 5},
		{"empty estimate", eventstest.FromSlices(nil, nil, nil, nil), Options{}, "no item was engaged twice", "", math.NaN()},
		{"one event", one, Options{}, "no item was engaged twice", "", math.NaN()},
		{"one actor", same, Options{Window: 100}, "no pair co-engaged", "", 100},
		// Every second engagement comes at once: CooRnet's 0 s becomes 1 s.
		{"zero estimate", zero, Options{MinItems: 2}, "", "", 1},
		{"bad kind", one, Options{Kinds: []string{"share"}}, "", `no events of kind "share"`, 0},
		{"NaN window", one, Options{Window: math.NaN()}, "", "want a finite number", 0},
	}
	for _, c := range cases {
		r, err := Analyze(c.ev, c.cfg)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "coordination: ") {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(r.Reason, c.reason) || (c.reason == "" && r.Reason != "") {
			t.Errorf("%s: reason %q, want %q", c.name, r.Reason, c.reason)
		}
		if !(r.Window == c.window || math.IsNaN(r.Window) && math.IsNaN(c.window)) {
			t.Errorf("%s: window %v, want %v", c.name, r.Window, c.window)
		}
		if _, err := json.Marshal(r.Summary()); err != nil {
			t.Errorf("%s: summary does not encode: %v", c.name, err)
		}
	}
}

// planted draws background engagement spread over a day plus cells whose
// members all engage the same items within cellSpread seconds of a leader.
func planted(seed uint64, actors, items, background, cells, cellSize, cellItems int) (*events.Events, [][]int64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	var a, it, au, tm []int64
	for k := 0; k < background; k++ {
		i := rng.Int64N(int64(items))
		a = append(a, rng.Int64N(int64(actors)))
		it = append(it, i)
		au = append(au, i%int64(actors))
		tm = append(tm, rng.Int64N(86400))
	}
	var truth [][]int64
	for c := 0; c < cells; c++ {
		var members []int64
		for m := 0; m < cellSize; m++ {
			members = append(members, int64(actors+c*cellSize+m))
		}
		truth = append(truth, members)
		for k := 0; k < cellItems; k++ {
			i := rng.Int64N(int64(items))
			t0 := rng.Int64N(86400)
			for _, m := range members {
				a = append(a, m)
				it = append(it, i)
				au = append(au, i%int64(actors))
				tm = append(tm, t0+rng.Int64N(20))
			}
		}
	}
	return eventstest.FromSlices(a, it, au, tm), truth
}

func jaccard(a []int64, b []any) float64 {
	in := map[int64]bool{}
	for _, x := range a {
		in[x] = true
	}
	both := 0
	for _, x := range b {
		if in[x.(int64)] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

func TestPlantedCells(t *testing.T) {
	// 3 cells of 8 actors, each cell engaging 15 items within 20 s, over
	// 50,000 background engagements by 2,000 actors on 3,000 items.
	ev, truth := planted(1, 2000, 3000, 50000, 3, 8, 15)
	r, err := Analyze(ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary()
	t.Logf("window %.1f s, %d clusters, %d edges, %d pairs", r.Window, len(r.Clusters), len(r.Edges), r.Pairs)
	// Every planted cell is matched by a cluster with Jaccard >= 0.9.
	for _, cell := range truth {
		best := 0.0
		for _, c := range s.Clusters {
			best = max(best, jaccard(cell, c.Members))
		}
		if best < 0.9 {
			t.Errorf("cell %v best Jaccard %.2f < 0.9 (clusters %v)", cell, best, s.Clusters)
		}
	}
	if len(r.Clusters) != 3 {
		t.Errorf("%d clusters, want the 3 cells", len(r.Clusters))
	}
	// With MinItems 2 the cells are still found, but chance pairs join
	// them as extra two-actor clusters (10 with this seed).
	r2, _ := Analyze(ev, Options{MinItems: 2})
	for _, c := range r2.Clusters[3:] {
		if len(c) > 2 {
			t.Errorf("MinItems 2: chance cluster of %d actors", len(c))
		}
	}
	// Null: the same background without cells gives no cluster above 2.
	ev0, _ := planted(1, 2000, 3000, 50000, 0, 8, 15)
	r0, err := Analyze(ev0, Options{Window: r.Window})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r0.Clusters {
		if len(c) > 2 {
			t.Errorf("null model: cluster of %d actors", len(c))
		}
	}
}

func TestPackedCountsSaturate(t *testing.T) {
	p := pairRec{c: fmask - 1 | 5<<field | 7<<(2*field)}
	p.merge(pairRec{c: 3 | 1<<field})
	if ab, ba, tie := p.counts(); ab != fmask || ba != 6 || tie != 7 {
		t.Errorf("counts %d %d %d, want %d 6 7", ab, ba, tie, fmask)
	}
}

func TestKindsAndProgress(t *testing.T) {
	// Persons 1 and 2 share items 10, 11, 12 within 5 s and also like
	// items 20, 21, 22 within 5 s. Only shares: the pair co-engaged 3 items.
	var a, it, au, tm []int64
	for k := int64(0); k < 3; k++ {
		a = append(a, 1, 2, 1, 2)
		it = append(it, 10+k, 10+k, 20+k, 20+k)
		au = append(au, 9, 9, 9, 9)
		tm = append(tm, 100*k, 100*k+5, 100*k+50, 100*k+55)
	}
	ev := eventstest.FromSlices(a, it, au, tm)
	ev.Kinds = []string{"like", "share"}
	for e := range ev.Kind {
		if it[e] < 20 {
			ev.Kind[e] = 1
		}
	}
	var last [2]int
	r, err := Analyze(ev, Options{Window: 10, Kinds: []string{"share"}, Progress: func(d, n int) { last = [2]int{d, n} }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Events != 6 || len(r.Edges) != 1 || r.Edges[0].Items != 3 {
		t.Errorf("shares only: %d events, edges %+v; want 6 events and one edge on 3 items", r.Events, r.Edges)
	}
	if last[0] != last[1] || last[1] == 0 {
		t.Errorf("last progress call %v, want done == total > 0", last)
	}
}

// Sharing the pairing between goroutines changes nothing: the same
// planted data with 1 and with 4 workers (forced) give identical results.
func TestWorkersAgree(t *testing.T) {
	ev, _ := planted(2, 500, 800, 20000, 2, 6, 10)
	one, err := Analyze(ev, Options{MinItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer func(v int) { parallelMin = v }(parallelMin)
	parallelMin = 0
	for _, min := range []int{2, 1} {
		many, err := Analyze(ev, Options{MinItems: min})
		if err != nil {
			t.Fatal(err)
		}
		if min == 1 {
			one, _ = func() (*Result, error) {
				parallelMin = 1 << 30
				defer func() { parallelMin = 0 }()
				return Analyze(ev, Options{MinItems: 1})
			}()
		}
		if !slices.Equal(one.Edges, many.Edges) || one.Pairs != many.Pairs || one.Skipped != many.Skipped ||
			len(one.Clusters) != len(many.Clusters) {
			t.Errorf("MinItems %d: 1 worker %d edges %d pairs, several %d edges %d pairs",
				min, len(one.Edges), one.Pairs, len(many.Edges), many.Pairs)
		}
	}
}

func TestNetwork(t *testing.T) {
	ev, _ := planted(1, 2000, 3000, 50000, 3, 8, 15)
	r, err := Analyze(ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	net, err := r.Network()
	if err != nil {
		t.Fatal(err)
	}
	defer net.Release()
	// Three cells of 8 fully co-engaged: 3 * 28 edges on 24 actors.
	rep := net.Report()
	if rep.SimpleEdges != len(r.Edges) || rep.Nodes != 24 || len(r.Edges) != 84 {
		t.Errorf("network %d edges %d nodes (result %d edges), want 84 and 24", rep.SimpleEdges, rep.Nodes, len(r.Edges))
	}
	cl, err := net.Categories("cluster")
	if err != nil || len(cl.Labels) != 3 || cl.Missing != 0 {
		t.Errorf("cluster attribute %+v, %v", cl, err)
	}
}
