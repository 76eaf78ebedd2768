package frames_test

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/frames"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// A researcher who already has gota frames builds a Network from them.
func ExampleNetworkFromFrames() {
	edges := dataframe.New(
		series.New([]string{"ana", "ben", "ben", "cem"}, series.String, "from"),
		series.New([]string{"ben", "ana", "ana", "cem"}, series.String, "to"),
		series.New([]string{"reply", "like", "share", "reply"}, series.String, "kind"),
	)
	party := series.New([]string{"red", "blue", ""}, series.String, "party")
	party.Elem(2).Set(nil) // cem's party is unknown (gota NA)
	nodes := dataframe.New(series.New([]string{"ana", "ben", "cem"}, series.String, "id"), party)

	n, err := frames.NetworkFromFrames(edges, nodes, true, network.Columns{Source: "from", Target: "to"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	r := n.Report()
	fmt.Println(r.Nodes, "nodes,", r.EdgeRecords, "records,", r.SelfLoops, "self-loop,", r.ParallelEdges, "parallel")
	p, _ := n.Categories("party")
	fmt.Println("parties:", p.Labels, "missing:", p.Missing)
	// Output:
	// 3 nodes, 4 records, 1 self-loop, 1 parallel
	// parties: [blue red] missing: 1
}

// Any of the toolkit's tables can be looked at as a gota frame.
func ExampleNodesFrame() {
	n, err := datasets.Karate()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	df := frames.NodesFrame(n)
	fmt.Println(df.Names(), df.Types(), df.Nrow())
	counts := map[string]int{}
	for _, c := range df.Col("club").Records() {
		counts[c]++
	}
	fmt.Println(counts)
	// Output:
	// [id club] [int string] 34
	// map[Mr. Hi:17 Officer:17]
}
