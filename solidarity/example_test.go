package solidarity_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity"
)

// The main job on the embedded default network: is engagement returned, and
// do people engage with their own group?
func ExampleStats() {
	n, err := solidarity.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	s, err := solidarity.Stats(n, "group")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d nodes, %d edge records, %d self-loops left out\n", s.Load.Nodes, s.Load.EdgeRecords, s.Load.SelfLoops)
	fmt.Printf("edge reciprocity %.3f\n", s.Reciprocity.Edge)
	fmt.Printf("assortativity by group %.3f (SE %.3f)\n", s.Homophily.Assortativity, s.Homophily.AssortativitySE)
	// Output:
	// 300 nodes, 2812 edge records, 5 self-loops left out
	// edge reciprocity 0.571
	// assortativity by group 0.639 (SE 0.020)
}
