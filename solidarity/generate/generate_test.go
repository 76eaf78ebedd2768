package generate

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

// The arc count of a Planted network is a sum of independent pair outcomes
// (each unordered pair contributes 0, 1 or 2 arcs), so its variance is
// sum over pairs of E[X²]-E[X]² with E[X] = 2m+a and E[X²] = 4m+a.
// The tests allow 4 standard deviations.
func arcSD(p Planted) float64 {
	within, across := p.pairCounts()
	v := 0.0
	for _, c := range []struct{ pairs, q float64 }{{within, p.PIn}, {across, p.POut}} {
		if !p.Directed {
			v += c.pairs * c.q * (1 - c.q)
			continue
		}
		m := c.q*c.q + 2*c.q*(1-c.q)*p.Reciprocity
		a := 2 * c.q * (1 - c.q) * (1 - p.Reciprocity)
		v += c.pairs * (4*m + a - (2*m+a)*(2*m+a))
	}
	return math.Sqrt(v)
}

func TestPlantedDensityAcrossSeeds(t *testing.T) {
	for _, p := range []Planted{
		{Sizes: []int{400, 300, 300}, PIn: 0.02, POut: 0.004, Reciprocity: 0.5, Directed: true},
		{Sizes: []int{400, 300, 300}, PIn: 0.02, POut: 0.004, Directed: false},
		{Sizes: []int{50, 50}, PIn: 0.5, POut: 0.1, Reciprocity: 0.2, Directed: true},
	} {
		sd := arcSD(p)
		for seed := uint64(1); seed <= 5; seed++ {
			p.Seed = seed
			n, err := p.Network()
			if err != nil {
				t.Fatal(err)
			}
			r := n.Report()
			if r.SelfLoops != 0 || r.ParallelEdges != 0 || r.Nodes != 1000 && r.Nodes != 100 {
				t.Errorf("%+v seed %d: report %+v", p, seed, r)
			}
			if d := math.Abs(float64(r.SimpleEdges) - p.ExpectedArcs()); d > 4*sd {
				t.Errorf("%+v seed %d: %d arcs, expected %.1f ± %.1f (4 sd)", p, seed, r.SimpleEdges, p.ExpectedArcs(), 4*sd)
			}
			// Within-group share of arcs: expected from the pair counts.
			g, err := n.Categories("group")
			if err != nil {
				t.Fatal(err)
			}
			s := n.Simple()
			var in int
			for i := 0; i < s.N; i++ {
				nb, _ := s.Out(int32(i))
				for _, j := range nb {
					if g.Codes[i] == g.Codes[j] {
						in++
					}
				}
			}
			within, across := p.pairCounts()
			perPair := func(q float64) float64 {
				if !p.Directed {
					return 2 * q // each edge is stored from both ends
				}
				return 2*(q*q+2*q*(1-q)*p.Reciprocity) + 2*q*(1-q)*(1-p.Reciprocity)
			}
			share := within * perPair(p.PIn) / (within*perPair(p.PIn) + across*perPair(p.POut))
			got := float64(in) / float64(len(s.OutNbr))
			// Binomial spread of a share of L arcs, times sqrt 2 because arcs
			// come in pairs (mutual pairs, or both rows of an undirected
			// edge), which at most doubles the variance; 4 sd.
			tol := 4 * math.Sqrt(2*share*(1-share)/float64(len(s.OutNbr)))
			if math.Abs(got-share) > tol {
				t.Errorf("%+v seed %d: within share %.4f, expected %.4f ± %.4f", p, seed, got, share, tol)
			}
			n.Release()
		}
	}
}

func TestPlantedDeterministicAndExtremes(t *testing.T) {
	p := Planted{Sizes: []int{30, 20}, PIn: 0.3, POut: 0.05, Reciprocity: 0.4, Directed: true, Seed: 9}
	s1, d1, err := p.Arcs()
	if err != nil {
		t.Fatal(err)
	}
	s2, d2, _ := p.Arcs()
	if len(s1) != len(s2) {
		t.Fatalf("same seed, different arc counts %d %d", len(s1), len(s2))
	}
	for k := range s1 {
		if s1[k] != s2[k] || d1[k] != d2[k] {
			t.Fatalf("same seed, different arc %d", k)
		}
	}
	p.Seed = 10
	if s3, _, _ := p.Arcs(); len(s3) == len(s1) {
		t.Logf("seeds 9 and 10 gave the same count %d (possible, but unlikely)", len(s3))
	}
	// p = 1 everywhere, no reciprocation needed: the complete digraph.
	full := Planted{Sizes: []int{3, 2}, PIn: 1, POut: 1, Directed: true}
	if s, _, _ := full.Arcs(); len(s) != 20 {
		t.Errorf("complete digraph on 5 nodes: %d arcs, want 20", len(s))
	}
	// p = 0: no arcs; reciprocity 1 doubles every arc.
	if s, _, _ := (Planted{Sizes: []int{10}, Directed: true}).Arcs(); len(s) != 0 {
		t.Errorf("p = 0 gave %d arcs", len(s))
	}
	one := Planted{Sizes: []int{200}, PIn: 0.05, Reciprocity: 1, Directed: true, Seed: 3}
	n, err := one.Network()
	if err != nil {
		t.Fatal(err)
	}
	s := n.Simple()
	for i := 0; i < s.N; i++ {
		nb, _ := s.Out(int32(i))
		for _, j := range nb {
			if !s.HasArc(j, int32(i)) {
				t.Fatalf("reciprocity 1 left %d->%d unreturned", i, j)
			}
		}
	}
	n.Release()
}

func TestPlantedErrors(t *testing.T) {
	for _, p := range []Planted{
		{},
		{Sizes: []int{3, -1}},
		{Sizes: []int{3}, PIn: 1.5},
		{Sizes: []int{3}, POut: math.NaN()},
		{Sizes: []int{3}, Reciprocity: -0.1},
	} {
		if _, err := p.Network(); err == nil || !strings.HasPrefix(err.Error(), "generate: ") {
			t.Errorf("%+v: err %v, want a generate: error", p, err)
		}
	}
}

// The benchmark list has the planted within-group share (0.75) and
// reciprocity (2·0.3/1.3) up to sampling noise: with 200,000 records the
// standard deviations are about 0.001 and 0.002; the test allows 0.01.
func TestBenchmarkEdgeList(t *testing.T) {
	var buf bytes.Buffer
	const nodes, groups, arcs = 100000, 4, 200000
	if err := BenchmarkEdgeList(&buf, nodes, groups, arcs, 1); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != arcs+1 || rows[0][0] != "source" || rows[0][1] != "target" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	set := map[[2]int]bool{}
	within := 0
	for _, r := range rows[1:] {
		u, _ := strconv.Atoi(r[0])
		v, _ := strconv.Atoi(r[1])
		if u == v || u < 0 || v < 0 || u >= nodes || v >= nodes {
			t.Fatalf("bad record %v", r)
		}
		if u%groups == v%groups {
			within++
		}
		set[[2]int{u, v}] = true
	}
	rec := 0
	for k := range set {
		if set[[2]int{k[1], k[0]}] {
			rec++
		}
	}
	r := float64(rec) / float64(len(set))
	if math.Abs(float64(within)/arcs-BenchmarkWithin) > 0.01 || math.Abs(r-2*BenchmarkReturn/(1+BenchmarkReturn)) > 0.01 {
		t.Errorf("within share %.4f (planted %.2f), r %.4f (planted %.4f)", float64(within)/arcs, BenchmarkWithin, r, 2*BenchmarkReturn/(1+BenchmarkReturn))
	}
	var a, b bytes.Buffer
	BenchmarkEdgeList(&a, 50, 3, 100, 7)
	BenchmarkEdgeList(&b, 50, 3, 100, 7)
	if a.String() != b.String() {
		t.Error("same seed, different lists")
	}
	if err := BenchmarkEdgeList(&a, 1, 1, 10, 1); err == nil {
		t.Error("one node: want an error")
	}
	var nb bytes.Buffer
	if err := BenchmarkNodeList(&nb, 5, 2); err != nil || nb.String() != "id,group\n0,g0\n1,g1\n2,g0\n3,g1\n4,g0\n" {
		t.Errorf("nodes list %q %v", nb.String(), err)
	}
}
