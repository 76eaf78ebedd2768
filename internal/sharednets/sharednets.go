// Package sharednets lists the public data sets under ../shared/datasets/raw
// that the scale paths (package mergeable, the DuckDB and Beam modules)
// check against the in-memory core: each with the reader options the
// formats tests use and an attribute to measure homophily by.
package sharednets

import (
	"testing"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Case is one shared network.
type Case struct {
	Name    string // short name for test names
	Dataset string // folder under the shared raw directory
	Edges   string // edges file inside it
	Nodes   string // nodes file inside it, or ""
	Attr    string // node attribute for homophily, or ""
	Options formats.Options
}

func directed(d bool) *bool { return &d }

// Cases are the shared networks, small to large (higgs-mention has 150k
// records).
var Cases = []Case{
	{Name: "karate", Dataset: "karate", Edges: "karate_club_networkx.gml", Attr: "club"},
	{Name: "polbooks", Dataset: "polbooks", Edges: "polbooks.gml", Attr: "value"},
	{Name: "football", Dataset: "football", Edges: "football.gml", Attr: "value"},
	{Name: "polblogs", Dataset: "polblogs", Edges: "polblogs.gml", Attr: "value"},
	{Name: "email-eu-core", Dataset: "email-eu-core", Edges: "email-Eu-core.txt", Nodes: "email-Eu-core-department-labels.txt", Attr: "label",
		Options: formats.Options{Names: []string{"source", "target"}}},
	{Name: "classroom", Dataset: "netseg", Edges: "classroom-edb.csv", Nodes: "classroom-vdb.csv", Attr: "gender",
		Options: formats.Options{Directed: directed(true)}},
	{Name: "EF3", Dataset: "netseg", Edges: "EF3-edb.csv", Nodes: "EF3-vdb.csv", Attr: "race",
		Options: formats.Options{Directed: directed(false)}},
	{Name: "WhiteKinship", Dataset: "netseg", Edges: "WhiteKinship-edb.csv", Nodes: "WhiteKinship-vdb.csv", Attr: "gender",
		Options: formats.Options{Directed: directed(false)}},
	{Name: "samplk1", Dataset: "sampson-monks", Edges: "csv/samplk1_edges.csv", Nodes: "csv/samplk_nodes.csv", Attr: "cloisterville",
		Options: formats.Options{Columns: network.Columns{Weight: "-"}}},
	{Name: "lazega-advice", Dataset: "lazega-lawyers", Edges: "Lazega-Law-Firm.paj", Options: formats.Options{Layer: "advice"}},
	{Name: "bitcoin-otc", Dataset: "bitcoin-otc", Edges: "soc-sign-bitcoinotc.csv",
		Options: formats.Options{Names: []string{"source", "target", "rating", "time"}}},
	{Name: "college-msg", Dataset: "college-msg", Edges: "CollegeMsg.txt",
		Options: formats.Options{Names: []string{"source", "target", "time"}}},
	{Name: "higgs-reply", Dataset: "higgs-twitter", Edges: "higgs-reply_network.edgelist"},
	{Name: "higgs-mention", Dataset: "higgs-twitter", Edges: "higgs-mention_network.edgelist"},
}

// Load reads c with the core's readers, skipping t when the shared data are
// absent. The caller releases the network.
func (c Case) Load(t testing.TB) *network.Network {
	t.Helper()
	opt := c.Options
	if c.Nodes != "" {
		opt.NodesPath = shareddata.Raw(t, c.Dataset, c.Nodes)
	}
	n, err := formats.Read(shareddata.Raw(t, c.Dataset, c.Edges), opt)
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	return n
}
