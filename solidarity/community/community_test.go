package community

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	graphpkg "gonum.org/v1/gonum/graph"
	gcom "gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// edgeNetFrom builds an undirected network on ids 0..n-1 from edges.
func edgeNetFrom(t testing.TB, n int, src, dst []int32) *network.Network {
	t.Helper()
	pairs := make([]int64, 0, 2*len(src))
	for k := range src {
		pairs = append(pairs, int64(src[k]), int64(dst[k]))
	}
	return edgeNet(t, false, pairs...)
}

func edgeNet(t testing.TB, directed bool, pairs ...int64) *network.Network {
	t.Helper()
	mem := memory.NewGoAllocator()
	b := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "source", Type: arrow.PrimitiveTypes.Int64},
		{Name: "target", Type: arrow.PrimitiveTypes.Int64},
	}, nil))
	defer b.Release()
	for i := 0; i+1 < len(pairs); i += 2 {
		b.Field(0).(*array.Int64Builder).Append(pairs[i])
		b.Field(1).(*array.Int64Builder).Append(pairs[i+1])
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	n, err := network.New(rec, nil, directed, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Two triangles joined by one edge: m = 7, each triangle has 3 internal
// edges and total degree 7, so Q = 2 (3/7 - (7/14)^2) = 5/14 by hand.
func TestTwoTriangles(t *testing.T) {
	n := edgeNet(t, false, 0, 1, 1, 2, 0, 2, 3, 4, 4, 5, 3, 5, 2, 3)
	defer n.Release()
	for _, m := range []string{Louvain, Leiden} {
		r, err := Detect(n, Options{Method: m, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if r.Communities != 2 || math.Abs(r.Modularity-5.0/14) > 1e-12 {
			t.Errorf("%s: %d communities, Q = %v; want 2 and 5/14 = %v", m, r.Communities, r.Modularity, 5.0/14)
		}
		c := func(id int64) int32 { i, _ := n.Index().LookupInt(id); return r.Membership[i] }
		if c(0) != c(2) || c(1) != c(2) || c(3) != c(5) || c(4) != c(5) || c(0) == c(3) {
			t.Errorf("%s: membership %v", m, r.Membership)
		}
	}
	// Directed: symmetrised, so the same partition; a mutual pair weighs 2.
	d := edgeNet(t, true, 0, 1, 1, 2, 2, 0, 3, 4, 4, 5, 5, 3, 2, 3)
	defer d.Release()
	r, _ := Detect(d, Options{})
	if !r.Directed || math.Abs(r.Modularity-5.0/14) > 1e-12 {
		t.Errorf("directed: Q = %v, want 5/14", r.Modularity)
	}
	// Hand case for the weights adding: arcs 0->1, 1->0, 1->2. Symmetrised
	// weights w01 = 2, w12 = 1, 2m = 6; {0,1},{2}: Q = 4/6 - (5/6)^2 - (1/6)^2.
	d2 := edgeNet(t, true, 0, 1, 1, 0, 1, 2)
	defer d2.Release()
	q, err := Modularity(d2.Simple(), []int32{0, 0, 1}, 1, false)
	if want := 4.0/6 - 25.0/36 - 1.0/36; err != nil || math.Abs(q-want) > 1e-15 {
		t.Errorf("directed hand case: Q = %v (%v), want %v", q, err, want)
	}
}

func TestDegenerate(t *testing.T) {
	// Only a loop: no edges after dropping it.
	n := edgeNet(t, false, 0, 0, 1, 1)
	defer n.Release()
	r, err := Detect(n, Options{})
	if err != nil || r.Communities != 2 || !math.IsNaN(r.Modularity) || r.Reason == "" {
		t.Fatalf("loops only: %+v %v", r, err)
	}
	if _, err := Detect(n, Options{Method: "walktrap"}); err == nil {
		t.Error("unknown method accepted")
	}
	if _, err := Detect(n, Options{Resolution: -1}); err == nil {
		t.Error("negative resolution accepted")
	}
	// One edge: one community, Q = 1 - 1 = 0.
	one := edgeNet(t, false, 5, 6)
	defer one.Release()
	r, _ = Detect(one, Options{})
	if r.Communities != 1 || math.Abs(r.Modularity) > 1e-15 {
		t.Errorf("one edge: %d communities, Q %v", r.Communities, r.Modularity)
	}
}

func loadShared(t *testing.T, name, file string) *network.Network {
	p := shareddata.Raw(t, name, file)
	n, err := formats.Read(p, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// gonumQ is gonum's modularity of our partition on the same symmetrised
// weighted graph: an independent implementation of Q.
func gonumQ(s *network.Simple, memb []int32, gamma float64) float64 {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := 0; i < s.N; i++ {
		g.AddNode(simple.Node(i))
	}
	w := map[[2]int32]float64{}
	for i := int32(0); i < int32(s.N); i++ {
		nb, _ := s.Out(i)
		for _, j := range nb {
			a, b := i, j
			if a > b {
				a, b = b, a
			}
			if s.Directed || i < j {
				w[[2]int32{a, b}]++
			}
		}
	}
	for e, x := range w {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(e[0]), simple.Node(e[1]), x))
	}
	groups := map[int32][]graphpkg.Node{}
	for i, c := range memb {
		groups[c] = append(groups[c], simple.Node(i))
	}
	var comm [][]graphpkg.Node
	for _, v := range groups {
		comm = append(comm, v)
	}
	return gcom.Q(g, comm, gamma)
}

func TestAgainstGonumQ(t *testing.T) {
	for _, c := range []struct{ name, file string }{{"karate", "karate.gml"}, {"football", "football.gml"}, {"polblogs", "polblogs.gml"}} {
		n := loadShared(t, c.name, c.file)
		for _, m := range []string{Louvain, Leiden} {
			r, err := Detect(n, Options{Method: m, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			want := gonumQ(n.Simple(), r.Membership, 1)
			if math.Abs(r.Modularity-want) > 1e-9 {
				t.Errorf("%s %s: Q = %.12f, gonum's Q = %.12f", c.name, m, r.Modularity, want)
			}
			t.Logf("%s %s: %d communities, Q = %.6f, disconnected %d, levels %d", c.name, m, r.Communities, r.Modularity, r.Disconnected, r.Levels)
		}
		n.Release()
	}
}

func testPlantedRecoverySmall(t *testing.T) {
	for _, pin := range []float64{0.30, 0.20, 0.15, 0.10} {
		p := generate.Planted{Sizes: []int{100, 100, 100, 100}, PIn: pin, POut: 0.02, Seed: 7}
		n, err := p.Network()
		if err != nil {
			t.Fatal(err)
		}
		truth := p.Groups()
		for _, m := range []string{Louvain, Leiden} {
			r, _ := Detect(n, Options{Method: m, Seed: 1})
			nmi, _ := NMI(r.Membership, truth)
			t.Logf("p_in %.2f %s: NMI %.3f, %d communities, Q %.4f", pin, m, nmi, r.Communities, r.Modularity)
		}
		n.Release()
	}
}

func TestDeterministicAndConnected(t *testing.T) {
	p := generate.Planted{Sizes: []int{300, 200, 100}, PIn: 0.05, POut: 0.01, Directed: true, Seed: 2}
	n, _ := p.Network()
	defer n.Release()
	for _, m := range []string{Louvain, Leiden} {
		a, _ := Detect(n, Options{Method: m, Seed: 9})
		b, _ := Detect(n, Options{Method: m, Seed: 9})
		for i := range a.Membership {
			if a.Membership[i] != b.Membership[i] {
				t.Fatalf("%s: same seed, different partitions", m)
			}
		}
		if m == Leiden && a.Disconnected != 0 {
			t.Errorf("leiden: %d disconnected communities", a.Disconnected)
		}
	}
	_ = rand.N[int]
}

// polblogs (Adamic & Glance 2005): the communities found from links alone
// against the labelled leaning (value 0 liberal, 1 conservative), over the
// blogs with at least one link: NMI and purity (each community voting for
// its majority label).
func TestPolblogsCommunities(t *testing.T) {
	n := loadShared(t, "polblogs", "polblogs.gml")
	defer n.Release()
	lab, err := n.Numbers("value")
	if err != nil {
		t.Fatal(err)
	}
	s := n.Simple()
	for _, m := range []string{Louvain, Leiden} {
		r, _ := Detect(n, Options{Method: m, Seed: 1})
		var a, b []int32
		for i := range lab {
			if s.OutDegree(int32(i))+s.InDegree(int32(i)) == 0 || math.IsNaN(lab[i]) {
				continue
			}
			a = append(a, r.Membership[i])
			b = append(b, int32(lab[i]))
		}
		votes := map[int32][2]int{}
		for k := range a {
			v := votes[a[k]]
			v[b[k]]++
			votes[a[k]] = v
		}
		hit := 0
		for _, v := range votes {
			hit += max(v[0], v[1])
		}
		x, _ := NMI(a, b)
		purity := float64(hit) / float64(len(a))
		t.Logf("polblogs %s: %d linked blogs, NMI with the labels %.3f, purity %.3f; two largest communities %v", m, len(a), x, purity, r.Sizes[:2])
		if purity < 0.93 {
			t.Errorf("%s: purity %.3f", m, purity)
		}
	}
}
