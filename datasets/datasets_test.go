package datasets_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/datasets"
)

// Karate: counts from Debian's networkx 2.8.8,
//
//	g = nx.karate_club_graph(); g.number_of_nodes(), g.number_of_edges(),
//	g.size(weight="weight"), Counter(nx.get_node_attributes(g, "club").values())
//
// = 34, 78, 231.0, {"Mr. Hi": 17, "Officer": 17}.
func TestKarate(t *testing.T) {
	n, err := datasets.Karate()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	r := n.Report()
	if r.Nodes != 34 || r.EdgeRecords != 78 || r.SelfLoops != 0 || r.ParallelEdges != 0 || r.Directed {
		t.Fatalf("karate report = %+v, want 34 nodes, 78 undirected edges, no loops or parallels", r)
	}
	total := 0.0
	for _, w := range n.Weights() {
		total += w
	}
	if total != 231 {
		t.Errorf("karate total weight = %v, want 231 (networkx)", total)
	}
	c, err := n.Categories("club")
	if err != nil {
		t.Fatal(err)
	}
	if c.Groups() != 2 || c.Labels[0] != "Mr. Hi" || c.Labels[1] != "Officer" || c.Missing != 0 {
		t.Fatalf("club = %v (missing %d)", c.Labels, c.Missing)
	}
	size := [2]int{}
	for _, g := range c.Codes {
		size[g]++
	}
	if size != [2]int{17, 17} {
		t.Errorf("club sizes = %v, want [17 17]", size)
	}
	// Node 0 is Mr. Hi, node 33 the Officer (Zachary's actors 1 and 34).
	if c.Labels[c.Codes[0]] != "Mr. Hi" || c.Labels[c.Codes[33]] != "Officer" {
		t.Errorf("node 0 / 33 clubs wrong")
	}
}

// Engagement: the planted parameters of scripts/make_shipped_data.py must
// be recoverable from the shipped files. Tolerances are about 3 standard
// errors of a proportion over the stated number of ties.
func TestEngagementPlanted(t *testing.T) {
	n, err := datasets.Default()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	r := n.Report()
	// Exact counts of the committed files (SEED = 20240301).
	if r.Nodes != 300 || r.NodeRows != 300 || r.EdgeRecords != 2812 || r.SelfLoops != 5 || !r.Directed {
		t.Fatalf("engagement report = %+v", r)
	}
	if r.NodesNoAttrs != 0 {
		// activity is known for everyone, so no node is without attributes
		t.Errorf("nodes without attributes = %d, want 0", r.NodesNoAttrs)
	}
	grp, err := n.Categories("group")
	if err != nil {
		t.Fatal(err)
	}
	if grp.Missing != 6 || fmt.Sprint(grp.Labels) != "[a b c]" {
		t.Errorf("groups %v missing %d, want [a b c] and 6 missing", grp.Labels, grp.Missing)
	}
	src, dst := n.Endpoints()
	kind := n.Edges().Column(3).(*array.String)
	follows := map[[2]int32]bool{}
	kinds := map[string]int{}
	for i := range src {
		kinds[kind.Value(i)]++
		if kind.Value(i) == "follow" {
			follows[[2]int32{src[i], dst[i]}] = true
		}
	}
	within, known, mutual := 0, 0, 0
	for e := range follows {
		if follows[[2]int32{e[1], e[0]}] {
			mutual++
		}
		a, b := grp.Codes[e[0]], grp.Codes[e[1]]
		if a >= 0 && b >= 0 {
			known++
			if a == b {
				within++
			}
		}
	}
	// Homophily: P(follow within own group) = 0.8 over ~1150 ties, SE 0.012.
	if h := float64(within) / float64(known); math.Abs(h-0.8) > 0.04 {
		t.Errorf("within-group share of follows = %.3f, planted 0.8", h)
	}
	// Reciprocity: with follow-back probability p, the share of follow arcs
	// that are mutual is R = 2p/(1+p), so p = R/(2-R). Planted p = 0.35
	// over 900 initial ties, SE 0.016.
	R := float64(mutual) / float64(len(follows))
	if p := R / (2 - R); math.Abs(p-0.35) > 0.05 {
		t.Errorf("estimated follow-back probability = %.3f (R = %.3f), planted 0.35", p, R)
	}
	// Kinds: 1500 engagements, like 0.60, share 0.25 (replies add reply-backs).
	if like := float64(kinds["like"]) / 1500; math.Abs(like-0.6) > 0.04 {
		t.Errorf("like share = %.3f, planted 0.6", like)
	}
	if share := float64(kinds["share"]) / 1500; math.Abs(share-0.25) > 0.035 {
		t.Errorf("share share = %.3f, planted 0.25", share)
	}
}

func TestLoadUnknown(t *testing.T) {
	if _, err := datasets.Load("polblogs"); err == nil {
		t.Fatal("polblogs is not shipped: want an error")
	}
	if n, err := datasets.Load("KARATE"); err != nil {
		t.Fatal(err)
	} else {
		n.Release()
	}
}

func TestRegistryJSONParses(t *testing.T) {
	var v struct {
		Datasets []struct {
			Name string `json:"name"`
		} `json:"datasets"`
	}
	if err := json.Unmarshal(datasets.RegistryJSON(), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Datasets) < 20 {
		t.Errorf("registry lists %d data sets", len(v.Datasets))
	}
}

func ExampleDefault() {
	n, err := datasets.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	r := n.Report()
	fmt.Println(n.Name, r.Nodes, "nodes,", r.EdgeRecords, "edge records,", r.SelfLoops, "self-loops")
	fmt.Println("edge columns:", r.EdgeColumns)
	fmt.Println("group by:", datasets.Attribute(n.Name))
	// Output:
	// engagement 300 nodes, 2812 edge records, 5 self-loops
	// edge columns: [source target time kind]
	// group by: group
}

func ExampleKarate() {
	n, err := datasets.Karate()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	club, _ := n.Categories("club")
	fmt.Println(n.N(), "members,", n.Report().EdgeRecords, "ties; factions:", club.Labels)
	// Output:
	// 34 members, 78 ties; factions: [Mr. Hi Officer]
}
