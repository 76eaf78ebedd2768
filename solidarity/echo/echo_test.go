package echo

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// handEvents: persons 1 (x, leaning -1), 2 (x, -0.5), 3 (y, 1); items 10
// by 1, 20 by 3, 30 by 2. 2 likes 10 and 20, 3 likes 10 and (self) 20, 1
// likes 30.
func handEvents() *events.Events {
	ev := eventstest.FromSlices(
		[]int64{2, 2, 3, 1, 3},
		[]int64{10, 20, 10, 30, 20},
		[]int64{1, 3, 1, 2, 3},
		[]int64{0, 1, 2, 3, 4})
	g := eventstest.Groups(ev, []string{"x", "y"}, map[int64]int32{1: 0, 2: 0, 3: 1})
	ev.Group, ev.Groups = g.Codes, g.Labels
	lean := map[int64]float64{1: -1, 2: -0.5, 3: 1}
	ev.Leaning = make([]float64, ev.People.Len())
	for i := range ev.Leaning {
		ev.Leaning[i] = lean[ev.People.Int(int32(i))]
	}
	return ev
}

func TestAnalyseHand(t *testing.T) {
	ev := handEvents()
	r, err := Analyze(ev, Options{Basis: BasisBoth})
	if err != nil {
		t.Fatal(err)
	}
	at := func(id int64) Actor {
		i, _ := ev.People.LookupInt(id)
		return r.Actors[i]
	}
	// Hand computation (item leaning = author's leaning, BasisBoth):
	//   x_1 = (-0.5 [engaged 30] + -1 [made 10]) / 2 = -0.75
	//   x_2 = (-1 + 1 [engaged 10, 20] + -0.5 [made 30]) / 3 = -1/6
	//   x_3 = (-1 + 1 [engaged 10, self 20] + 1 [made 20]) / 3 = 1/3
	// Engagement neighbours: 1->{2}, 2->{1,3}, 3->{1} (self-tie dropped).
	want := []struct {
		id         int64
		x, xn, hg  float64
		neighbours int
	}{
		{1, -0.75, -1.0 / 6, 0, 1},
		{2, -1.0 / 6, (-0.75 + 1.0/3) / 2, math.Ln2, 2},
		{3, 1.0 / 3, -0.75, math.Ln2, 1},
	}
	for _, w := range want {
		a := at(w.id)
		if math.Abs(a.Leaning-w.x) > 1e-12 || math.Abs(a.NeighbourLeaning-w.xn) > 1e-12 ||
			math.Abs(a.GroupEntropy-w.hg) > 1e-12 || a.Neighbours != w.neighbours {
			t.Errorf("person %d: %+v, want x %v x^N %v H %v", w.id, a, w.x, w.xn, w.hg)
		}
		// Leaning bins of width 0.2 on [-1,1]: -1 -> 0, 1 -> 9, -0.5 -> 2,
		// so the same entropies as the groups here.
		if math.Abs(a.LeaningEntropy-w.hg) > 1e-12 {
			t.Errorf("person %d: leaning entropy %v, want %v", w.id, a.LeaningEntropy, w.hg)
		}
	}
	if g := at(2).GroupEntropyNorm; math.Abs(g-1) > 1e-12 {
		t.Errorf("normalised group entropy %v, want 1", g)
	}
	// numpy.corrcoef([-0.75,-1/6,1/3], [-1/6,-5/24,-0.75])[0,1]
	if math.Abs(r.Correlation-(-0.8756969969183248)) > 1e-12 || r.Pairs != 3 {
		t.Errorf("correlation %v over %d, want -0.8756969969183248 over 3", r.Correlation, r.Pairs)
	}
	if math.Abs(r.MeanGroupEntropy-2*math.Ln2/3) > 1e-12 {
		t.Errorf("mean group entropy %v, want 2 ln2 / 3", r.MeanGroupEntropy)
	}
	if r.RWC == nil || r.RWCReason != "" {
		t.Errorf("RWC not computed: %q", r.RWCReason)
	}
	if _, err := json.Marshal(r.Summary()); err != nil {
		t.Error(err)
	}
	// BasisEngaged (default): x_1 = -0.5, x_2 = 0, x_3 = 0.
	r, _ = Analyze(ev, Options{})
	if at(1).Leaning != -0.5 || at(2).Leaning != 0 || at(3).Leaning != 0 {
		t.Errorf("engaged: %v %v %v", at(1).Leaning, at(2).Leaning, at(3).Leaning)
	}
	// BasisProduced: own items only, x_i = own leaning here.
	r, _ = Analyze(ev, Options{Basis: BasisProduced})
	if at(1).Leaning != -1 || at(2).Leaning != -0.5 || at(3).Leaning != 1 {
		t.Errorf("produced: %v %v %v", at(1).Leaning, at(2).Leaning, at(3).Leaning)
	}
}

func TestAnalyseDegenerate(t *testing.T) {
	hand := handEvents()
	cases := []struct {
		name   string
		ev     func() *events.Events
		cfg    Options
		err    string
		reason string
	}{
		{"empty", func() *events.Events {
			ev := eventstest.FromSlices(nil, nil, nil, nil)
			ev.Leaning = []float64{}
			return ev
		}, Options{}, "", "0 actors have both"},
		{"no leanings", func() *events.Events { return eventstest.FromSlices([]int64{1}, []int64{2}, []int64{3}, []int64{0}) },
			Options{}, "no leanings", ""},
		{"short leanings", func() *events.Events { return hand }, Options{Leaning: []float64{1}}, "1 leanings for 3 people", ""},
		{"bad range", func() *events.Events { return hand }, Options{Range: [2]float64{1, -1}}, "want finite numbers, low < high", ""},
		{"bad basis", func() *events.Events { return hand }, Options{Basis: "liked"}, `leaning basis "liked"`, ""},
		// Only self-engagement: the engagement network has only loops, so
		// nobody has a neighbour.
		{"only loops", func() *events.Events {
			ev := eventstest.FromSlices([]int64{1, 2}, []int64{5, 6}, []int64{1, 2}, []int64{0, 1})
			ev.Leaning = []float64{-1, 1}
			return ev
		}, Options{}, "", "0 actors have both"},
		{"constant leaning", func() *events.Events { return hand }, Options{Leaning: []float64{0.5, 0.5, 0.5}}, "", "constant"},
		{"all missing", func() *events.Events { return hand }, Options{Leaning: []float64{math.NaN(), math.NaN(), math.NaN()}}, "", "0 actors have both"},
	}
	for _, c := range cases {
		r, err := Analyze(c.ev(), c.cfg)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "echo: ") {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !math.IsNaN(r.Correlation) || !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: correlation %v reason %q, want NaN and %q", c.name, r.Correlation, r.Reason, c.reason)
		}
		if _, err := json.Marshal(r.Summary()); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// Neighbours from a follow network: out-neighbours are the accounts one
// follows, matched to the events' people by id; account 4 is not in the
// events and is skipped.
func TestFollowNetwork(t *testing.T) {
	ev := handEvents()
	// ids 0..4 in the nodes table; 1->3, 2->1, 3->2, 3->4.
	net := arrowNetDir(t, 5, []int64{1, 2, 3, 3}, []int64{3, 1, 2, 4}, "g", []string{"", "", "", "", ""}, true)
	defer net.Release()
	r, err := Analyze(ev, Options{Network: net})
	if err != nil {
		t.Fatal(err)
	}
	at := func(id int64) Actor {
		i, _ := ev.People.LookupInt(id)
		return r.Actors[i]
	}
	// x (engaged): x_1 = -0.5, x_2 = 0, x_3 = 0; so x^N_1 = x_3 = 0,
	// x^N_2 = x_1 = -0.5, x^N_3 = x_2 = 0 (4 has no leaning).
	for _, w := range []struct {
		id int64
		xn float64
		nb int
	}{{1, 0, 1}, {2, -0.5, 1}, {3, 0, 1}} {
		if a := at(w.id); a.NeighbourLeaning != w.xn || a.Neighbours != w.nb {
			t.Errorf("person %d: x^N %v over %d, want %v over %d", w.id, a.NeighbourLeaning, a.Neighbours, w.xn, w.nb)
		}
	}
}
