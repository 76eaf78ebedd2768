package stats_test

import (
	"encoding/json"
	"fmt"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// The report of 'solidarity stats' on the karate club: undirected, so
// reciprocity is null with a reason, and homophily by faction (networkx
// 2.8.8 attribute_assortativity_coefficient gives 0.717530864197531).
func ExampleCompute() {
	n, err := datasets.Karate()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	r, err := stats.Compute(n, stats.Options{Attr: "club"})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(r)
	var m map[string]any
	json.Unmarshal(b, &m)
	fmt.Println("reciprocity:", m["reciprocity"])
	fmt.Println("why:", m["reasons"].(map[string]any)["reciprocity"])
	fmt.Printf("assortativity by club: %.4f\n", r.Homophily.Assortativity)
	// Output:
	// reciprocity: <nil>
	// why: the network is undirected: every edge is mutual, so reciprocity is not measured
	// assortativity by club: 0.7175
}
