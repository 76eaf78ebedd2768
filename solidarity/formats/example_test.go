package formats_test

import (
	"fmt"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// Reading a tiny GML network from memory, with a node attribute.
func ExampleReadFrom_gml() {
	gml := `graph [
  directed 1
  node [ id 1 label "Ann" party "left" ]
  node [ id 2 label "Bob" party "right" ]
  node [ id 3 label "Cid &#38; co" party "left" ]
  edge [ source 1 target 2 ]
  edge [ source 1 target 2 ]
  edge [ source 2 target 3 ]
  edge [ source 3 target 3 ]
]`
	n, err := formats.ReadFrom(strings.NewReader(gml), "tiny.gml", formats.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	r := n.Report()
	fmt.Println("nodes", r.Nodes, "records", r.EdgeRecords, "loops", r.SelfLoops, "parallel", r.ParallelEdges, "simple", r.SimpleEdges)
	party, _ := n.Categories("party")
	fmt.Println(party.Labels, party.Codes)
	// Output:
	// nodes 3 records 4 loops 1 parallel 1 simple 2
	// [left right] [0 1 0]
}

// Reading a CSV edge list with a time column; the error for a bad line
// names the file and the line.
func ExampleReadFrom_csv() {
	csv := "source,target,weight,time\n1,2,0.5,100\n2,3,1.5,160\n"
	n, err := formats.ReadFrom(strings.NewReader(csv), "edges.csv", formats.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	fmt.Println(n.Report().EdgeColumns, n.Weights())
	_, err = formats.ReadFrom(strings.NewReader("source,target\n1,2\n3\n"), "bad.csv", formats.Options{})
	fmt.Println(err)
	// Output:
	// [source target weight time] [0.5 1.5]
	// formats: bad.csv:3: want 2 fields, found 1 (source,target)
}
