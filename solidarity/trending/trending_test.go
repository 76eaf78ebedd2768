package trending

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// handCase: persons 0,1 in x and 2,3 in y; item 10 by 0, item 20 by 2.
// Item 10 gets two comrade likes, item 20 one comrade and one cross like.
func handCase() (*Result, error) {
	ev := eventstest.FromSlices(
		[]int64{1, 1, 3, 0},
		[]int64{10, 10, 20, 20},
		[]int64{0, 0, 2, 2},
		[]int64{1, 2, 3, 4})
	g := eventstest.Groups(ev, []string{"x", "y"}, map[int64]int32{0: 0, 1: 0, 2: 1, 3: 1})
	return Analyze(ev, Options{Window: 10, Tau: math.Inf(1), Times: []int64{5}, TopK: 1, Depth: 2, Groups: g})
}

func TestHandComputed(t *testing.T) {
	r, err := handCase()
	if err != nil {
		t.Fatal(err)
	}
	// Hand computation (tau = inf, so scores are counts in the window):
	// actual scores 10:2, 20:2, tie broken by dense index -> item 10 (dense 0)
	// on top; counterfactual scores 10:0 (both likes comrade), 20:1.
	if !slices.Equal(r.Top[0], []int32{0}) || !slices.Equal(r.TopCF[0], []int32{1}) {
		t.Fatalf("top %v, counterfactual %v; want [0] and [1]", r.Top, r.TopCF)
	}
	if a, b := r.RankSeries(1); !slices.Equal(a, []int{2}) || !slices.Equal(b, []int{1}) {
		t.Errorf("rank series of item 20: %v, counterfactual %v; want [2] and [1]", a, b)
	}
	if r.Comrade != 3 {
		t.Errorf("comrade events %d, want 3", r.Comrade)
	}
	want := []ItemRank{
		{Item: 0, Author: 1, Group: 0, PeakRank: 1, PeakRankCF: 0, Slots: 1, SlotsCF: 0, RankLift: 2, Engaged: 2, Comrade: 2},
		{Item: 1, Author: 3, Group: 1, PeakRank: 2, PeakRankCF: 1, Slots: 0, SlotsCF: 1, RankLift: -1, Engaged: 2, Comrade: 1},
	}
	// Dense people in order of appearance (actor, then author, per row):
	// person 1->0, 0->1, 3->2, 2->3.
	if !slices.Equal(r.Items, want) {
		t.Errorf("items\n got %+v\nwant %+v", r.Items, want)
	}
	// x holds the only slot with half the items: 1/0.5 = 2; y holds it in
	// the counterfactual.
	if g := r.Groups; g[0].Amplification != 2 || g[1].Amplification != 0 || g[0].AmplificationCF != 0 || g[1].AmplificationCF != 2 {
		t.Errorf("groups %+v", g)
	}
}

func TestDecayAndWindow(t *testing.T) {
	ev := eventstest.FromSlices([]int64{1, 2}, []int64{7, 7}, []int64{9, 9}, []int64{0, 1800})
	r, err := Analyze(ev, Options{Window: 7200, Tau: 3600, Times: []int64{3600, 7200, 9000}})
	if err != nil {
		t.Fatal(err)
	}
	// exp(-1)+exp(-0.5) at 3600; at 7200 the event at 0 has left
	// (t_e <= t-W) leaving exp(-1.5); at 9000 the window is empty.
	want := []float64{math.Exp(-1) + math.Exp(-0.5), math.Exp(-1.5)}
	for k, w := range want {
		if len(r.TopScore[k]) != 1 || math.Abs(r.TopScore[k][0]-w) > 1e-12 {
			t.Errorf("time %d: score %v, want %v", r.Times[k], r.TopScore[k], w)
		}
	}
	if len(r.Top[2]) != 0 {
		t.Errorf("empty window ranked %v", r.Top[2])
	}
}

func TestRebaseKeepsScores(t *testing.T) {
	// tau = 1 s over 1000 s forces the reference time to move (exp(1000)
	// would overflow); scores must still be exp(-1)+exp(-0.5).
	ev := eventstest.FromSlices([]int64{1, 2, 3}, []int64{7, 8, 8}, []int64{9, 9, 9}, []int64{0, 1000, 1000})
	r, err := Analyze(ev, Options{Window: 10, Tau: 1, Times: []int64{1, 1001}})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.TopScore[1][0]; math.Abs(got-2*math.Exp(-1)) > 1e-12 {
		t.Errorf("score after rebase %v, want %v", got, 2*math.Exp(-1))
	}
	if got := r.TopScore[0][0]; math.Abs(got-math.Exp(-1)) > 1e-12 {
		t.Errorf("score before rebase %v, want %v", got, math.Exp(-1))
	}
}

func TestOrderInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 2000
	a, it, au, tm := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	for i := range a {
		a[i] = rng.Int64N(50)
		it[i] = rng.Int64N(40)
		au[i] = it[i] % 13
		tm[i] = rng.Int64N(100000)
	}
	of := map[int64]int32{}
	for p := int64(0); p < 50; p++ {
		of[p] = int32(p % 2)
	}
	ev := eventstest.FromSlices(a, it, au, tm)
	r1, err := Analyze(ev, Options{Groups: eventstest.Groups(ev, []string{"a", "b"}, of), TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Same rows sorted by time: identical dense indices, so identical result.
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(x, y int) int { return int(tm[x] - tm[y]) })
	ev2 := eventstest.FromSlices(a, it, au, tm)
	ev2.Time = make([]int64, n)
	act, item, auth := slices.Clone(ev2.Actor), slices.Clone(ev2.Item), slices.Clone(ev2.Author)
	for k, i := range perm {
		ev2.Actor[k], ev2.Item[k], ev2.Author[k], ev2.Time[k] = act[i], item[i], auth[i], tm[i]
	}
	r2, err := Analyze(ev2, Options{Groups: eventstest.Groups(ev2, []string{"a", "b"}, of), TopK: 3})
	if err != nil {
		t.Fatal(err)
	}
	for k := range r1.Top {
		if !slices.Equal(r1.Top[k], r2.Top[k]) || !slices.Equal(r1.TopCF[k], r2.TopCF[k]) {
			t.Fatalf("time %d: %v vs %v", k, r1.Top[k], r2.Top[k])
		}
	}
	if len(r1.Times) != 100000/3600+1 {
		t.Errorf("%d evaluation times, want %d", len(r1.Times), 100000/3600+1)
	}
}

func TestDegenerate(t *testing.T) {
	empty := eventstest.FromSlices(nil, nil, nil, nil)
	cases := []struct {
		name   string
		run    func() (*Result, error)
		reason string // substring of Reason; "" means no reason
		err    string // substring of the error
		amp    []float64
	}{
		{"empty", func() (*Result, error) {
			return Analyze(empty, Options{Groups: eventstest.Groups(empty, []string{"a"}, nil)})
		}, "no events", "", []float64{math.NaN()}},
		{"one group", func() (*Result, error) {
			ev := eventstest.FromSlices([]int64{1, 2}, []int64{5, 6}, []int64{1, 2}, []int64{0, 10})
			return Analyze(ev, Options{Groups: eventstest.Groups(ev, []string{"a"}, map[int64]int32{1: 0, 2: 0})})
		}, "every engagement is a comrade", "", []float64{1}},
		{"no groups", func() (*Result, error) {
			ev := eventstest.FromSlices([]int64{1}, []int64{5}, []int64{2}, []int64{0})
			return Analyze(ev, Options{})
		}, "no groups given", "", nil},
		{"group without items", func() (*Result, error) {
			ev := eventstest.FromSlices([]int64{1}, []int64{5}, []int64{2}, []int64{0})
			return Analyze(ev, Options{Groups: eventstest.Groups(ev, []string{"a", "b"}, map[int64]int32{1: 1, 2: 0})})
		}, `group "b" authors no item`, "", []float64{1, math.NaN()}},
		{"bad flags", func() (*Result, error) {
			ev := eventstest.FromSlices([]int64{1}, []int64{5}, []int64{2}, []int64{0})
			return Analyze(ev, Options{Comrade: []bool{true, false}})
		}, "", "2 flags for 1 events", nil},
		{"unsorted times", func() (*Result, error) {
			ev := eventstest.FromSlices([]int64{1}, []int64{5}, []int64{2}, []int64{0})
			return Analyze(ev, Options{Times: []int64{5, 3}})
		}, "", "want ascending", nil},
	}
	for _, c := range cases {
		r, err := c.run()
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "trending: ") {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: reason %q, want %q", c.name, r.Reason, c.reason)
		}
		for k, w := range c.amp {
			got := r.Groups[k].Amplification
			if !(got == w || math.IsNaN(got) && math.IsNaN(w)) {
				t.Errorf("%s: amplification[%d] = %v, want %v", c.name, k, got, w)
			}
		}
		if _, err := json.Marshal(r.Summary(0)); err != nil {
			t.Errorf("%s: summary does not encode: %v", c.name, err)
		}
	}
}

func TestSummaryJSON(t *testing.T) {
	r, err := handCase()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r.Summary(5))
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	amp := back["amplification"].(map[string]any)
	if amp["x"].(float64) != 2 || amp["y"].(float64) != 0 {
		t.Errorf("amplification %v", amp)
	}
	lifted := back["top_lifted"].([]any)
	if len(lifted) != 1 || lifted[0].(map[string]any)["item"] != "10" {
		t.Errorf("top_lifted %v", lifted)
	}
}

// An item listed in Events.ItemAuthor (from an items table) that nobody
// engaged with still counts in its group's share of items.
func TestUnengagedItems(t *testing.T) {
	ev := eventstest.FromSlices(
		[]int64{1, 1, 3, 0},
		[]int64{10, 10, 20, 20},
		[]int64{0, 0, 2, 2},
		[]int64{1, 2, 3, 4})
	ev.Items.AddInt(30)
	p2, _ := ev.People.LookupInt(2)
	p0, _ := ev.People.LookupInt(0)
	ev.ItemAuthor = []int32{p0, p2, p2}
	g := eventstest.Groups(ev, []string{"x", "y"}, map[int64]int32{0: 0, 1: 0, 2: 1, 3: 1})
	r, err := Analyze(ev, Options{Window: 10, Tau: math.Inf(1), Times: []int64{5}, TopK: 1, Groups: g})
	if err != nil {
		t.Fatal(err)
	}
	// x holds the only slot with 1 of 3 items: (1/1)/(1/3) = 3.
	if a := r.Groups[0].Amplification; math.Abs(a-3) > 1e-12 || r.Groups[1].Items != 2 {
		t.Errorf("amplification %v with %d y items, want 3 and 2", a, r.Groups[1].Items)
	}
}
