package community_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/community"
	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// Three planted groups, found again without their labels, then used as a
// node attribute by the homophily report.
func ExampleDetect() {
	p := generate.Planted{Sizes: []int{30, 30, 30}, PIn: 0.3, POut: 0.01, Seed: 1}
	n, _ := p.Network()
	defer n.Release()
	r, _ := community.Detect(n, community.Options{Method: community.Leiden, Seed: 1})
	nmi, _ := community.NMI(r.Membership, p.Groups())
	fmt.Printf("%d communities of sizes %v, Q = %.3f, NMI with the planted groups %.2f\n", r.Communities, r.Sizes, r.Modularity, nmi)

	m, _ := r.Attach(n, "community")
	defer m.Release()
	rep, _ := stats.Compute(m, stats.Options{Attr: "community"})
	fmt.Printf("assortativity of the found communities: %d groups, r = %.3f\n", rep.Homophily.Groups, rep.Homophily.Assortativity)
	// Output:
	// 3 communities of sizes [30 30 30], Q = 0.618, NMI with the planted groups 1.00
	// assortativity of the found communities: 3 groups, r = 0.928
}
