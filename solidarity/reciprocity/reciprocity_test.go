package reciprocity

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

// Hand-computed cases. Sources per case: igraph's tests/unit/igraph_reciprocity.c
// (the two small graphs and their expected values), networkx 2.8.8 and
// python-igraph 0.10.2 for the triad classes and the raw-record behaviour
// (run by hand, see docs/methods/reciprocity.md), and hand arithmetic.
func TestHandCases(t *testing.T) {
	cases := []struct {
		name         string
		src, dst     []int64
		w            []float64
		edge, ratio  float64
		rho          float64
		dyads        Dyads
		weighted     float64
		wexp, wrho   float64
		triads       map[string]int64
		loops, paral int
	}{
		{
			// igraph_reciprocity.c: RATIO = 0.5. Default mode 4/6 (igraph 0.10.2).
			// a = 6/12, rho = (2/3-1/2)/(1/2) = 1/3. networkx triadic_census:
			// 102:1, 111U:2, 120D:1. Unweighted: W = 6, W<-> = 4, WRG 6/(12+12).
			name: "igraph small test graph", src: []int64{0, 0, 0, 1, 2, 3}, dst: []int64{1, 2, 3, 0, 3, 2},
			edge: 2.0 / 3, ratio: 0.5, rho: 1.0 / 3, dyads: Dyads{2, 2, 2},
			weighted: 2.0 / 3, wexp: 0.25, wrho: (2.0/3 - 0.25) / 0.75,
			triads: map[string]int64{"102": 1, "111U": 2, "120D": 1},
		},
		{
			// igraph_reciprocity.c: DEFAULT = 2/3 for 0->1, 1->2, 2->1;
			// igraph triad_census: 111D (0 -> 1 <-> 2).
			name: "igraph second test graph", src: []int64{0, 1, 2}, dst: []int64{1, 2, 1},
			edge: 2.0 / 3, ratio: 0.5, rho: 1.0 / 3, dyads: Dyads{1, 1, 1},
			weighted: 2.0 / 3, wexp: 3.0 / 12, wrho: (2.0/3 - 0.25) / 0.75,
			triads: map[string]int64{"111D": 1},
		},
		{
			// A mutual pair and one arc out of it: 1 <-> 2 -> 3.
			// networkx 2.8.8 triadic_census: 111U.
			name: "mutual pair plus one arc", src: []int64{1, 2, 2}, dst: []int64{2, 1, 3},
			edge: 2.0 / 3, ratio: 0.5, rho: 1.0 / 3, dyads: Dyads{1, 1, 1},
			weighted: 2.0 / 3, wexp: 0.25, wrho: (2.0/3 - 0.25) / 0.75,
			triads: map[string]int64{"111U": 1},
		},
		{
			// Records 0->1 (twice), 1->0, 2->2 (loop), 1->2. Merged: 0->1 weight 2,
			// 1->0, 1->2; r = 2/3. W = 4, W<-> = min(2,1)*2 = 2, r^w = 1/2;
			// WRG: 4/(6+8) = 2/7; rho^w = (1/2-2/7)/(5/7) = 3/10.
			// (igraph 0.10.2 on the raw records: 0.5 ignoring loops, 0.6 with
			// them; networkx DiGraph of the records: 0.5.)
			name: "loops and parallel records", src: []int64{0, 1, 0, 2, 1}, dst: []int64{1, 0, 1, 2, 2},
			edge: 2.0 / 3, ratio: 0.5, rho: 1.0 / 3, dyads: Dyads{1, 1, 1},
			weighted: 0.5, wexp: 2.0 / 7, wrho: 0.3,
			triads: map[string]int64{"111U": 1}, loops: 1, paral: 1,
		},
		{
			// Weighted: 1->2 (3), 2->1 (1), 2->3 (2). W = 6, W<-> = 2*min(3,1) = 2.
			name: "weighted", src: []int64{1, 2, 2}, dst: []int64{2, 1, 3}, w: []float64{3, 1, 2},
			edge: 2.0 / 3, ratio: 0.5, rho: 1.0 / 3, dyads: Dyads{1, 1, 1},
			weighted: 1.0 / 3, wexp: 6.0 / 18, wrho: 0,
			triads: map[string]int64{"111U": 1},
		},
		{
			// Two nodes, one arc: r = 0, a = 1/2, rho = -1.
			name: "one arc", src: []int64{1}, dst: []int64{2},
			edge: 0, ratio: 0, rho: -1, dyads: Dyads{0, 1, 0},
			weighted: 0, wexp: 1.0 / 4, wrho: -1.0 / 3,
			triads: map[string]int64{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := build(t, true, c.src, c.dst, c.w, nil, nil)
			s := Summarize(n)
			for _, chk := range []struct {
				what      string
				got, want float64
			}{
				{"edge", s.Edge, c.edge}, {"dyad ratio", s.DyadRatio, c.ratio}, {"rho", s.Rho, c.rho},
				{"weighted", s.Weighted, c.weighted}, {"weighted expected", s.WeightedExpected, c.wexp},
				{"weighted rho", s.WeightedRho, c.wrho},
			} {
				if !near(chk.got, chk.want, 1e-12) {
					t.Errorf("%s = %v, want %v (reason %q)", chk.what, chk.got, chk.want, s.Reasons)
				}
			}
			if s.Dyads != c.dyads {
				t.Errorf("dyads %+v, want %+v", s.Dyads, c.dyads)
			}
			if s.SelfLoops != c.loops || s.Parallel != c.paral {
				t.Errorf("loops %d parallel %d, want %d %d", s.SelfLoops, s.Parallel, c.loops, c.paral)
			}
			for k, why := range s.Reasons {
				if k != "edge_se" && k != "rho_se" { // tiny graphs: leaving a node out can empty them
					t.Errorf("unexpected reason %s: %s", k, why)
				}
			}
			tr, err := TriadCensus(n, nil)
			if err != nil {
				t.Fatal(err)
			}
			N := int64(n.N())
			want := map[string]int64{"003": N * (N - 1) * (N - 2) / 6}
			for k, v := range c.triads {
				want[k] = v
				want["003"] -= v
			}
			for _, name := range TriadNames {
				if tr.Count(name) != want[name] {
					t.Errorf("triad %s = %d, want %d (census %v)", name, tr.Count(name), want[name], tr.Map())
				}
			}
			if got := Edge(n); !near(got.Value, c.edge, 1e-12) {
				t.Errorf("Edge() = %v", got)
			}
		})
	}
}

// Degenerate inputs: every undefined index is NaN with a reason, counts stay exact.
func TestDegenerate(t *testing.T) {
	all := []string{"edge", "dyad_ratio", "rho", "weighted", "weighted_expected", "weighted_rho"}
	cases := []struct {
		name     string
		directed bool
		src, dst []int64
		w        []float64
		ids      []int64
		nan      []string // keys that must be NaN with a reason
		contains string   // a word the reasons must contain
		dyads    Dyads
	}{
		{name: "empty", directed: true, nan: all, contains: "no arcs"},
		{name: "isolated nodes only", directed: true, ids: []int64{1, 2, 3}, nan: all, contains: "no arcs", dyads: Dyads{0, 0, 3}},
		{name: "only loops", directed: true, src: []int64{1, 1, 2}, dst: []int64{1, 1, 2}, nan: all, contains: "self-loop", dyads: Dyads{0, 0, 1}},
		{name: "complete", directed: true, src: []int64{1, 2, 1, 3, 2, 3}, dst: []int64{2, 1, 3, 1, 3, 2}, nan: []string{"rho"}, contains: "complete", dyads: Dyads{3, 0, 0}},
		{name: "undirected", directed: false, src: []int64{1, 2}, dst: []int64{2, 3}, nan: all, contains: "undirected", dyads: Dyads{2, 0, 1}},
		{name: "negative weight", directed: true, src: []int64{1, 2}, dst: []int64{2, 1}, w: []float64{-1, 2}, ids: []int64{1, 2, 3}, nan: []string{"weighted", "weighted_expected", "weighted_rho"}, contains: "negative", dyads: Dyads{1, 0, 2}},
		{name: "zero weights", directed: true, src: []int64{1, 2}, dst: []int64{2, 1}, w: []float64{0, 0}, ids: []int64{1, 2, 3}, nan: []string{"weighted", "weighted_expected", "weighted_rho"}, contains: "weighs 0", dyads: Dyads{1, 0, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, dst := c.src, c.dst
			if src == nil {
				src, dst = []int64{}, []int64{}
			}
			n := build(t, c.directed, src, dst, c.w, c.ids, nil)
			s := Summarize(n)
			vals := map[string]float64{"edge": s.Edge, "dyad_ratio": s.DyadRatio, "rho": s.Rho,
				"weighted": s.Weighted, "weighted_expected": s.WeightedExpected, "weighted_rho": s.WeightedRho}
			isNaN := map[string]bool{}
			for _, k := range c.nan {
				isNaN[k] = true
				if !math.IsNaN(vals[k]) {
					t.Errorf("%s = %v, want NaN", k, vals[k])
				}
				if !strings.Contains(s.Reasons[k], c.contains) {
					t.Errorf("reason for %s = %q, want it to mention %q", k, s.Reasons[k], c.contains)
				}
			}
			for k, v := range vals {
				if !isNaN[k] && math.IsNaN(v) {
					t.Errorf("%s is NaN (%q), want a number", k, s.Reasons[k])
				}
			}
			if s.Dyads != c.dyads {
				t.Errorf("dyads %+v, want %+v", s.Dyads, c.dyads)
			}
			if _, err := TriadCensus(n, nil); err != nil {
				t.Error(err)
			}
			p := PerNode(n)
			for i, v := range p.Share {
				if !c.directed || p.OutDegree[i] == 0 {
					if !math.IsNaN(v) {
						t.Errorf("node %d share %v, want NaN", i, v)
					}
				}
			}
		})
	}
}

func TestPerNode(t *testing.T) {
	// igraph's small test graph: node 0 sends to 1, 2, 3 and only 1 returns.
	n := build(t, true, []int64{0, 0, 0, 1, 2, 3, 4}, []int64{1, 2, 3, 0, 3, 2, 4}, nil, nil, nil)
	p := PerNode(n)
	want := map[string]float64{"0": 1.0 / 3, "1": 1, "2": 1, "3": 1, "4": math.NaN()} // 4 has only a loop
	for i := range p.Share {
		id := n.Index().String(int32(i))
		if !near(p.Share[i], want[id], 1e-15) {
			t.Errorf("node %s: %v, want %v", id, p.Share[i], want[id])
		}
	}
}

func TestByGroup(t *testing.T) {
	// Hand computed: A = {1,2}, B = {3,4}, 5 has no group.
	// A->A: 1->2, 2->1 (both returned); B->B: 3->4 (not returned);
	// A->B: 1->3 (returned), 2->4 (not); B->A: 3->1 (returned);
	// 4->5 and 5->4 touch the node without a group: left out.
	n := build(t, true,
		[]int64{1, 2, 3, 1, 3, 2, 4, 5}, []int64{2, 1, 4, 3, 1, 4, 5, 4}, nil,
		[]int64{1, 2, 3, 4, 5}, []string{"A", "A", "B", "B", ""})
	g, err := ByGroup(n, "group")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(g.Labels, ",") != "A,B" || g.MissingNodes != 1 || g.ArcsLeftOut != 2 {
		t.Fatalf("labels %v missing %d left out %d", g.Labels, g.MissingNodes, g.ArcsLeftOut)
	}
	wantArcs := [][]int64{{2, 2}, {1, 1}}
	wantRec := [][]int64{{2, 1}, {1, 0}}
	for a := 0; a < 2; a++ {
		for b := 0; b < 2; b++ {
			if g.PairArcs[a][b] != wantArcs[a][b] || g.PairReciprocated[a][b] != wantRec[a][b] {
				t.Errorf("pair %d,%d: %d/%d, want %d/%d", a, b, g.PairReciprocated[a][b], g.PairArcs[a][b], wantRec[a][b], wantArcs[a][b])
			}
		}
	}
	if !near(g.Within[0], 1, 0) || !near(g.Within[1], 0, 0) || !near(g.WithinAll, 2.0/3, 1e-15) || !near(g.Between, 2.0/3, 1e-15) {
		t.Errorf("within %v all %v between %v", g.Within, g.WithinAll, g.Between)
	}
	// One group only: Between is NaN with a reason.
	one := build(t, true, []int64{1, 2}, []int64{2, 1}, nil, []int64{1, 2}, []string{"A", "A"})
	g1, err := ByGroup(one, "group")
	if err != nil {
		t.Fatal(err)
	}
	if g1.WithinAll != 1 || !math.IsNaN(g1.Between) || !strings.Contains(g1.Reasons["between"], "1 group") {
		t.Errorf("one group: within %v between %v reasons %v", g1.WithinAll, g1.Between, g1.Reasons)
	}
	// Every node its own group (200 groups: the sequential path): nothing
	// is within a group and Between is the edge reciprocity.
	src, dst, _ := randomRecords(4, 200, 800)
	ids := make([]int64, 200)
	labels := make([]string, 200)
	for i := range ids {
		ids[i], labels[i] = int64(i), fmt.Sprint("n", i)
	}
	many := build(t, true, src, dst, nil, ids, labels)
	gm, err := ByGroup(many, "group")
	if err != nil {
		t.Fatal(err)
	}
	if len(gm.Labels) != 200 || !math.IsNaN(gm.WithinAll) || gm.Reasons["within"] == "" || !near(gm.Between, Summarize(many).Edge, 1e-15) {
		t.Errorf("200 groups: within %v (%q) between %v, r %v", gm.WithinAll, gm.Reasons["within"], gm.Between, Summarize(many).Edge)
	}
	if _, err := ByGroup(one, "nope"); err == nil || !strings.HasPrefix(err.Error(), "reciprocity: ") {
		t.Errorf("missing column: err %v", err)
	}
}
