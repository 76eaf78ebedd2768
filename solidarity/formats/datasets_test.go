package formats

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Expected counts come from each data set's SOURCE.md in
// ../shared/datasets/raw (verified there with networkx 3.6.1 and by hand).

func load(t *testing.T, mem memory.Allocator, path string, opt Options) *network.Network {
	t.Helper()
	opt.Mem = mem
	n, err := Read(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func counts(t *testing.T, n *network.Network, nodes, records, loops, simple int) {
	t.Helper()
	r := n.Report()
	if r.Nodes != nodes || r.EdgeRecords != records || r.SelfLoops != loops || (simple >= 0 && r.SimpleEdges != simple) {
		t.Errorf("%s: nodes %d records %d loops %d simple %d; want %d %d %d %d", n.Name, r.Nodes, r.EdgeRecords, r.SelfLoops, r.SimpleEdges, nodes, records, loops, simple)
	}
}

func groupCounts(t *testing.T, n *network.Network, col string) map[string]int {
	t.Helper()
	c, err := n.Categories(col)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, k := range c.Codes {
		if k >= 0 {
			out[c.Labels[k]]++
		}
	}
	return out
}

func sumWeights(n *network.Network) float64 {
	s := 0.0
	for _, w := range n.Weights() {
		s += w
	}
	return s
}

// roundTrip writes n as Parquet and reads it back, comparing tables.
func roundTrip(t *testing.T, mem memory.Allocator, n *network.Network) {
	t.Helper()
	dir := t.TempDir()
	ep, np := filepath.Join(dir, "e.parquet"), filepath.Join(dir, "n.parquet")
	if err := WriteParquet(n, ep, np); err != nil {
		t.Fatal(err)
	}
	nodes := ""
	if n.Nodes() != nil {
		nodes = np
	}
	m, err := ReadParquet(ep, nodes, Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	sameTable(t, "edges", n.Edges(), m.Edges())
	if n.Nodes() != nil {
		sameTable(t, "nodes", n.Nodes(), m.Nodes())
	}
	if m.Directed() != n.Directed() || m.Columns() != n.Columns() {
		t.Errorf("parquet round trip: directed %v cols %+v, want %v %+v", m.Directed(), m.Columns(), n.Directed(), n.Columns())
	}
	if m.Report().SimpleEdges != n.Report().SimpleEdges || m.N() != n.N() {
		t.Errorf("parquet round trip report %+v, want %+v", m.Report(), n.Report())
	}
}

func sameTable(t *testing.T, what string, a, b arrow.RecordBatch) {
	t.Helper()
	if a.NumCols() != b.NumCols() || a.NumRows() != b.NumRows() {
		t.Fatalf("%s: shape %dx%d, want %dx%d", what, b.NumRows(), b.NumCols(), a.NumRows(), a.NumCols())
	}
	for i := 0; i < int(a.NumCols()); i++ {
		if a.ColumnName(i) != b.ColumnName(i) || !arrow.TypeEqual(a.Column(i).DataType(), b.Column(i).DataType()) {
			t.Errorf("%s column %d: %s %s, want %s %s", what, i, b.ColumnName(i), b.Column(i).DataType(), a.ColumnName(i), a.Column(i).DataType())
			continue
		}
		if !array.Equal(a.Column(i), b.Column(i)) {
			t.Errorf("%s column %q differs after the round trip", what, a.ColumnName(i))
		}
	}
}

func TestPolblogs(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := load(t, mem, shareddata.Raw(t, "polblogs", "polblogs.gml"), Options{})
	defer n.Release()
	// 1490 nodes, 19090 records, 3 loops, 19025 unique arcs of which 3 loops.
	counts(t, n, 1490, 19090, 3, 19022)
	if !n.Directed() {
		t.Error("polblogs should be directed (directed 1)")
	}
	if g := groupCounts(t, n, "value"); g["0"] != 758 || g["1"] != 732 {
		t.Errorf("value groups %v, want 0:758 1:732", g)
	}
	if r := n.Report(); r.IsolatedNodes != 266 {
		t.Errorf("isolated %d, want 266", r.IsolatedNodes)
	}
	// The HTML entity &#38; is decoded and the trailing space kept.
	labels := n.Nodes().Column(1).(*array.String)
	var amp, atrios bool
	for i := 0; i < labels.Len(); i++ {
		switch labels.Value(i) {
		case "atrios.blogspot.com/ ":
			atrios = true
		}
		for _, r := range labels.Value(i) {
			if r == '&' {
				amp = true
			}
		}
	}
	if !amp || !atrios {
		t.Errorf("labels: entity decoded %v, trailing space kept %v", amp, atrios)
	}
	roundTrip(t, mem, n)
}

func TestEmailEuCore(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := load(t, mem, shareddata.Raw(t, "email-eu-core", "email-Eu-core.txt"), Options{
		NodesPath: shareddata.Raw(t, "email-eu-core", "email-Eu-core-department-labels.txt"),
		Names:     []string{"source", "target"},
	})
	defer n.Release()
	// 25571 unique arcs, 642 loops: 24929 simple arcs.
	counts(t, n, 1005, 25571, 642, 24929)
	if g := groupCounts(t, n, "label"); len(g) != 42 {
		t.Errorf("%d departments, want 42", len(g))
	}
	if r := n.Report(); r.NodeRows != 1005 || r.NodesOnlyInEdges != 0 {
		t.Errorf("report %+v", r)
	}
	roundTrip(t, mem, n)
}

func TestKarate(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	a := load(t, mem, shareddata.Raw(t, "karate", "karate.gml"), Options{})
	defer a.Release()
	counts(t, a, 34, 78, 0, 78)
	b := load(t, mem, shareddata.Raw(t, "karate", "karate_club_networkx.gml"), Options{})
	defer b.Release()
	counts(t, b, 34, 78, 0, 78)
	if b.Directed() {
		t.Error("karate should be undirected")
	}
	if g := groupCounts(t, b, "club"); g["Mr. Hi"] != 17 || g["Officer"] != 17 {
		t.Errorf("clubs %v, want 17/17", g)
	}
	roundTrip(t, mem, a)
	roundTrip(t, mem, b)
}

func TestPolbooks(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := load(t, mem, shareddata.Raw(t, "polbooks", "polbooks.gml"), Options{})
	defer n.Release()
	counts(t, n, 105, 441, 0, 441)
	if g := groupCounts(t, n, "value"); g["l"] != 43 || g["c"] != 49 || g["n"] != 13 {
		t.Errorf("value %v, want l:43 c:49 n:13", g)
	}
	roundTrip(t, mem, n)
}

func TestFootballZip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := load(t, mem, shareddata.Raw(t, "football", "football.zip"), Options{})
	defer n.Release()
	counts(t, n, 115, 613, 0, 613)
	if n.Name != "football.zip:football.gml" {
		t.Errorf("picked %q, want football.gml from the zip", n.Name)
	}
	g := groupCounts(t, n, "value")
	want := map[string]int{"0": 9, "1": 8, "2": 11, "3": 12, "4": 10, "5": 5, "6": 13, "7": 8, "8": 10, "9": 12, "10": 7, "11": 10}
	for k, v := range want {
		if g[k] != v {
			t.Errorf("conference %s: %d teams, want %d", k, g[k], v)
		}
	}
	roundTrip(t, mem, n)
}

func TestBitcoinOTC(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	// Headerless CSV: the all-numeric first line is taken as data.
	n := load(t, mem, shareddata.Raw(t, "bitcoin-otc", "soc-sign-bitcoinotc.csv"), Options{Names: []string{"source", "target", "rating", "time"}})
	defer n.Release()
	counts(t, n, 5881, 35592, 0, 35592)
	r := n.Edges().Column(2).(*array.Int64)
	pos := 0
	for _, v := range r.Int64Values() {
		if v > 0 {
			pos++
		}
	}
	if pos != 32029 {
		t.Errorf("%d positive ratings, want 32029", pos)
	}
	roundTrip(t, mem, n)
}

func TestCollegeMsg(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := load(t, mem, shareddata.Raw(t, "college-msg", "CollegeMsg.txt"), Options{Names: []string{"source", "target", "time"}})
	defer n.Release()
	counts(t, n, 1899, 59835, 0, 20296)
	tm := n.Edges().Column(2).(*array.Int64).Int64Values()
	if tm[0] != 1082040961 || tm[len(tm)-1] != 1098777142 {
		t.Errorf("time range %d..%d", tm[0], tm[len(tm)-1])
	}
	if n.Weights() != nil {
		t.Error("CollegeMsg has no weight column")
	}
	roundTrip(t, mem, n)
}

func TestHiggs(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, c := range []struct {
		file                  string
		nodes, records, loops int
		wsum                  float64
	}{
		{"higgs-reply_network.edgelist", 38918, 32523, 343, 36902},
		{"higgs-mention_network.edgelist", 116408, 150818, 5353, 171237},
	} {
		n := load(t, mem, shareddata.Raw(t, "higgs-twitter", c.file), Options{})
		counts(t, n, c.nodes, c.records, c.loops, c.records-c.loops)
		if s := sumWeights(n); s != c.wsum {
			t.Errorf("%s: weight sum %v, want %v", c.file, s, c.wsum)
		}
		roundTrip(t, mem, n)
		n.Release()
	}
}

func TestLazegaPajek(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	p := shareddata.Raw(t, "lazega-lawyers", "Lazega-Law-Firm.paj")
	n := load(t, mem, p, Options{})
	defer n.Release()
	counts(t, n, 71, 892+575+1104, 0, -1)
	layer := n.Edges().Column(n.Edges().Schema().FieldIndices("layer")[0]).(*array.Int64)
	per := map[int64]int{}
	for _, v := range layer.Int64Values() {
		per[v]++
	}
	if per[1] != 892 || per[2] != 575 || per[3] != 1104 {
		t.Errorf("arcs per layer %v, want 1:892 2:575 3:1104", per)
	}
	for _, col := range []string{"status", "gender", "office", "practice", "lawSchool", "age", "seniority"} {
		v, err := n.Numbers(col)
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(v[70]) {
			t.Errorf("%s missing", col)
		}
	}
	if g := groupCounts(t, n, "status"); g["1"] != 36 || g["2"] != 35 {
		t.Errorf("status %v, want 36 partners, 35 associates", g)
	}
	// One layer by name: advice has 892 arcs with 175 mutual dyads.
	adv := load(t, mem, p, Options{Layer: "advice"})
	defer adv.Release()
	counts(t, adv, 71, 892, 0, 892)
	fr := load(t, mem, p, Options{Layer: "2"})
	defer fr.Release()
	counts(t, fr, 71, 575, 0, 575)
	roundTrip(t, mem, n)
}

func TestNetseg(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, c := range []struct {
		name, edges, nodes string
		directed           bool
		n, records         int
		attr               string
		groups             map[string]int
	}{
		{"classroom", "classroom-edb.csv", "classroom-vdb.csv", true, 26, 88, "gender", map[string]int{"Boy": 13, "Girl": 13}},
		{"EF3", "EF3-edb.csv", "EF3-vdb.csv", false, 30, 49, "race", nil},
		{"WhiteKinship", "WhiteKinship-edb.csv", "WhiteKinship-vdb.csv", false, 10, 22, "gender", nil},
	} {
		d := c.directed
		n := load(t, mem, shareddata.Raw(t, "netseg", c.edges), Options{NodesPath: shareddata.Raw(t, "netseg", c.nodes), Directed: &d})
		counts(t, n, c.n, c.records, 0, -1)
		if r := n.Report(); r.NodesOnlyInEdges != 0 {
			t.Errorf("%s: %d nodes only in edges", c.name, r.NodesOnlyInEdges)
		}
		g := groupCounts(t, n, c.attr)
		for k, v := range c.groups {
			if g[k] != v {
				t.Errorf("%s: %s=%s %d, want %d", c.name, c.attr, k, g[k], v)
			}
		}
		roundTrip(t, mem, n)
		n.Release()
	}
}

func TestSampson(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	nodes := shareddata.Raw(t, "sampson-monks", "csv/samplk_nodes.csv")
	for file, arcs := range map[string]int{"samplk1": 55, "samplk2": 57, "samplk3": 56, "sampdlk1": 49, "sampdlk2": 48, "sampdlk3": 47} {
		n := load(t, mem, shareddata.Raw(t, "sampson-monks", "csv/"+file+"_edges.csv"), Options{NodesPath: nodes, Columns: network.Columns{Weight: "-"}})
		counts(t, n, 18, arcs, 0, arcs)
		if g := groupCounts(t, n, "cloisterville"); len(g) != 2 {
			t.Errorf("cloisterville groups %v", g)
		}
		roundTrip(t, mem, n)
		n.Release()
	}
}

func TestReadNodesSNAPLabels(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec, err := ReadNodes(shareddata.Raw(t, "email-eu-core", "email-Eu-core-department-labels.txt"), Options{Mem: mem, Names: []string{"id", "dept"}})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	if rec.NumRows() != 1005 || rec.ColumnName(1) != "dept" || rec.Column(1).DataType().ID() != arrow.INT64 {
		t.Errorf("labels: %d rows, schema %s", rec.NumRows(), rec.Schema())
	}
}
