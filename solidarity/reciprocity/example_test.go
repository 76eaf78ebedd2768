package reciprocity_test

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
)

// arcs builds a small directed network from source/target pairs.
func arcs(pairs ...int64) *network.Network {
	b := array.NewRecordBuilder(memory.NewGoAllocator(), arrow.NewSchema([]arrow.Field{
		{Name: "source", Type: arrow.PrimitiveTypes.Int64},
		{Name: "target", Type: arrow.PrimitiveTypes.Int64},
	}, nil))
	defer b.Release()
	for k := 0; k+1 < len(pairs); k += 2 {
		b.Field(0).(*array.Int64Builder).Append(pairs[k])
		b.Field(1).(*array.Int64Builder).Append(pairs[k+1])
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	n, err := network.New(rec, nil, true, network.Columns{})
	if err != nil {
		panic(err)
	}
	return n
}

// igraph's small test graph: 0 sends to 1, 2 and 3; 1 returns; 2 and 3
// reply to each other.
func ExampleSummarize() {
	n := arcs(0, 1, 0, 2, 0, 3, 1, 0, 2, 3, 3, 2)
	defer n.Release()
	s := reciprocity.Summarize(n)
	fmt.Printf("r = %.4f, dyad ratio = %.4f, rho = %.4f\n", s.Edge, s.DyadRatio, s.Rho)
	fmt.Printf("dyads: %d mutual, %d asymmetric, %d null\n", s.Dyads.Mutual, s.Dyads.Asymmetric, s.Dyads.Null)
	// Output:
	// r = 0.6667, dyad ratio = 0.5000, rho = 0.3333
	// dyads: 2 mutual, 2 asymmetric, 2 null
}

// An undefined index is NaN with its reason.
func ExampleEdge() {
	n := arcs(1, 1, 2, 2) // only self-loops
	defer n.Release()
	fmt.Println(reciprocity.Edge(n))
	// Output:
	// NaN (no arcs between distinct nodes (2 self-loop records are left out))
}

// Parallel records merge into one arc whose weight is their count: 1->2
// three times, 2->1 once, so r = 1 but r^w = (1+1)/(3+1) = 0.5.
func ExampleWeighted() {
	n := arcs(1, 2, 1, 2, 1, 2, 2, 1)
	defer n.Release()
	fmt.Println(reciprocity.Edge(n), reciprocity.Weighted(n))
	// Output:
	// 1 0.5
}

func ExamplePerNode() {
	n := arcs(1, 2, 2, 1, 2, 3)
	defer n.Release()
	p := reciprocity.PerNode(n)
	for i, v := range p.Share {
		fmt.Printf("node %s: %d of %d out-arcs returned (%.2f)\n", n.Index().String(int32(i)), p.Reciprocated[i], p.OutDegree[i], v)
	}
	// Output:
	// node 1: 1 of 1 out-arcs returned (1.00)
	// node 2: 1 of 2 out-arcs returned (0.50)
	// node 3: 0 of 0 out-arcs returned (NaN)
}

// Is engagement returned more inside groups? A planted network where half
// of the unreturned arcs get a reply, whatever the groups: the planted
// reciprocity is 0.673 inside groups and 0.668 across them
// (generate.Planted's formula), and both are recovered.
func ExampleByGroup() {
	n, err := generate.Planted{Sizes: []int{300, 300}, PIn: 0.03, POut: 0.005, Reciprocity: 0.5, Directed: true, Seed: 1}.Network()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	g, err := reciprocity.ByGroup(n, "group")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("within %.3f, between %.3f\n", g.WithinAll, g.Between)
	for a, la := range g.Labels {
		for b, lb := range g.Labels {
			fmt.Printf("%s->%s: %d of %d returned\n", la, lb, g.PairReciprocated[a][b], g.PairArcs[a][b])
		}
	}
	// Output:
	// within 0.675, between 0.676
	// g0->g0: 2760 of 4065 returned
	// g0->g1: 458 of 681 returned
	// g1->g0: 458 of 675 returned
	// g1->g1: 2724 of 4056 returned
}

func ExampleTriadCensus() {
	n := arcs(1, 2, 2, 1, 2, 3)
	defer n.Release()
	t, err := reciprocity.TriadCensus(n, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, c := range t {
		if c > 0 {
			fmt.Println(reciprocity.TriadNames[k], c)
		}
	}
	// Output:
	// 111U 1
}

// Repeated messages as weights: 1 and 2 write to each other often, 3 and 4
// write to 1 and 2 but hear back rarely. W = 12 messages, of which
// W<-> = 2·min(3,2) + 2·min(1,2) + 2·min(1,2) = 8 are matched by a reply.
func ExampleWeightedConfiguration() {
	n := arcs(1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 3, 1, 3, 1, 4, 2, 4, 2, 1, 3, 2, 4, 3, 4)
	defer n.Release()
	w := reciprocity.WeightedConfiguration(n)
	fmt.Printf("r^w = %.4f, WCM expectation %.4f, rho^w = %.4f (%d strength classes)\n", w.Weighted, w.Expected, w.Rho, w.Classes)
	// Output:
	// r^w = 0.6667, WCM expectation 0.3130, rho^w = 0.5148 (4 strength classes)
}

// Printing a summary gives a table with every reason.
func ExampleSummary_String() {
	n := arcs(1, 2, 2, 1, 2, 3, 3, 3)
	defer n.Release()
	fmt.Print(reciprocity.Summarize(n))
	// Output:
	// reciprocity of 3 nodes, 3 arcs (self-loop records left out: 1, parallel records merged: 0)
	//   edge reciprocity r         0.6667   (SE undefined)
	//   dyad ratio M/(M+A)         0.5000
	//   density a                  0.5000
	//   rho (r-a)/(1-a)            0.3333   (SE undefined)
	//   weighted r^w               0.6667
	//   r^w expected (WRG)         0.2500
	//   rho^w                      0.5556
	//   dyads: 1 mutual, 1 asymmetric, 1 null
	//   undefined:
	//     edge_se: leaving one node out leaves no arcs (every arc touches it), so the jackknife is undefined
	//     rho_se: leaving one node out leaves no arcs (every arc touches it), so the jackknife is undefined
}
