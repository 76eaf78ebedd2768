package generate_test

import (
	"fmt"
	"os"

	"github.com/algosolidarity/toolkit/solidarity/generate"
)

// Two groups of 100, arcs ten times likelier inside a group, and half of
// the unreturned arcs returned.
func ExamplePlanted() {
	p := generate.Planted{Sizes: []int{100, 100}, PIn: 0.05, POut: 0.005, Reciprocity: 0.5, Directed: true, Seed: 1}
	n, err := p.Network()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	fmt.Printf("expected arcs %.0f, expected reciprocity %.3f\n", p.ExpectedArcs(), p.ExpectedReciprocity())
	fmt.Println("nodes", n.N(), "arcs", n.Report().SimpleEdges)
	// Output:
	// expected arcs 1610, expected reciprocity 0.677
	// nodes 200 arcs 1586
}

func ExampleBenchmarkEdgeList() {
	if err := generate.BenchmarkEdgeList(os.Stdout, 10, 2, 4, 1); err != nil {
		fmt.Println(err)
	}
	// Output:
	// source,target
	// 5,1
	// 1,5
	// 6,9
	// 9,6
}
