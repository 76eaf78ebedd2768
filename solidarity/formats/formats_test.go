package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// golden.json is written by testdata/make_golden.py with networkx 2.8.8.
type golden struct {
	Karate struct {
		Nodes, Edges int
		WeightSum    float64 `json:"weight_sum"`
		Clubs        map[string]int
	}
	SmallDirected struct {
		Nodes, Edges int
		WeightSum    float64 `json:"weight_sum"`
	} `json:"small_directed"`
}

func readGolden(t *testing.T) golden {
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestNetworkxGraphMLAndPajek(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	g := readGolden(t)
	for _, f := range []string{"testdata/karate_nx.graphml", "testdata/karate_nx.net"} {
		n := load(t, mem, f, Options{})
		counts(t, n, g.Karate.Nodes, g.Karate.Edges, 0, g.Karate.Edges)
		if n.Directed() {
			t.Errorf("%s: want undirected", f)
		}
		if s := sumWeights(n); s != g.Karate.WeightSum {
			t.Errorf("%s: weight sum %v, want %v (networkx)", f, s, g.Karate.WeightSum)
		}
		if strings.HasSuffix(f, ".graphml") {
			cl := groupCounts(t, n, "club")
			for k, v := range g.Karate.Clubs {
				if cl[k] != v {
					t.Errorf("club %s: %d, want %d", k, cl[k], v)
				}
			}
		}
		roundTrip(t, mem, n)
		n.Release()
	}
	n := load(t, mem, "testdata/small_directed.graphml", Options{})
	defer n.Release()
	counts(t, n, g.SmallDirected.Nodes, g.SmallDirected.Edges, 0, g.SmallDirected.Edges)
	if !n.Directed() || sumWeights(n) != g.SmallDirected.WeightSum {
		t.Errorf("small_directed: directed %v weight sum %v", n.Directed(), sumWeights(n))
	}
	// Typed columns from attr.type; nodes without a value are null.
	want := map[string]arrow.Type{"id": arrow.STRING, "age": arrow.INT64, "member": arrow.BOOL}
	for name, typ := range want {
		i := n.Nodes().Schema().FieldIndices(name)
		if len(i) == 0 || n.Nodes().Column(i[0]).DataType().ID() != typ {
			t.Errorf("nodes column %s: want %s (schema %s)", name, typ, n.Nodes().Schema())
		}
	}
	if age := n.Nodes().Column(1); age.NullN() != 2 {
		t.Errorf("age has %d nulls, want 2 (b and c)", age.NullN())
	}
	roundTrip(t, mem, n)
}

func TestDelimitedVariants(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	cases := []struct {
		name, data            string
		opt                   Options
		nodes, records, loops int
		idType                arrow.Type
		weighted              bool
	}{
		{"ints.csv", "source,target,weight\n1,2,0.5\n2,3,1\n3,3,2\n", Options{}, 3, 3, 1, arrow.INT64, true},
		{"crlf.csv", "source,target\r\n1,2\r\n2,1\r\n", Options{}, 2, 2, 0, arrow.INT64, false},
		{"quoted.csv", "from,to,kind\n\"ann\",\"bob, jr\",reply\nbob,ann,like\n", Options{}, 3, 2, 0, arrow.STRING, false},
		{"missing.csv", "source,target,time\n1,2,\n2,3,5\n", Options{}, 3, 2, 0, arrow.INT64, false},
		{"tabs.tsv", "src\tdst\tweight\n1\t2\t3\n", Options{}, 2, 1, 0, arrow.INT64, true},
		{"words.txt", "# users\nann bob\nbob cid 2\n", Options{}, 0, 0, 0, 0, false}, // ragged: error
		{"users.txt", "# users\nann bob\nbob cid\n", Options{}, 3, 2, 0, arrow.STRING, false},
		{"spaces.txt", "  1   2\t7\n2 1 1\n", Options{}, 2, 2, 0, arrow.INT64, true},
		{"nohead.csv", "1,2\n2,3\n", Options{}, 3, 2, 0, arrow.INT64, false},
		{"forced.csv", "10,20\n1,2\n", Options{NoHeader: true, Names: []string{"a", "b"}}, 4, 2, 0, arrow.INT64, false},
		{"big.txt", "9223372036854775807 -9223372036854775808\n", Options{}, 2, 1, 0, arrow.INT64, false},
		{"sci.csv", "source,target,weight\n1,2,1e3\n", Options{}, 2, 1, 0, arrow.INT64, true},
	}
	for _, c := range cases {
		n, err := ReadFrom(strings.NewReader(c.data), c.name, Options{Mem: mem, NoHeader: c.opt.NoHeader, Names: c.opt.Names})
		if c.nodes == 0 {
			if err == nil {
				n.Release()
				t.Errorf("%s: want an error", c.name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		r := n.Report()
		if r.Nodes != c.nodes || r.EdgeRecords != c.records || r.SelfLoops != c.loops || r.Weighted != c.weighted {
			t.Errorf("%s: report %+v", c.name, r)
		}
		if got := n.Edges().Column(0).DataType().ID(); got != c.idType {
			t.Errorf("%s: id type %s, want %s", c.name, got, c.idType)
		}
		n.Release()
	}
}

// The fast path and the general path give the same table.
func TestFastEqualsGeneral(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var b strings.Builder
	b.WriteString("source,target,weight,time\n")
	for i := 0; i < 50000; i++ {
		b.WriteString(strings.Join([]string{itoa(i % 977), itoa((i * 7) % 1013), itoa(i%5 + 1), itoa(1e9 + i)}, ","))
		if i%1000 == 0 {
			b.WriteString(".5")
		}
		b.WriteByte('\n')
	}
	data := b.String()
	fast, err := ReadFrom(strings.NewReader(data), "x.csv", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Release()
	// A quoted field at the very end forces the general path.
	slow, err := ReadFrom(strings.NewReader(data+"\"1\",2,3,4\n"), "x.csv", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Release()
	if slow.Report().EdgeRecords != 50001 {
		t.Fatalf("general path read %d records", slow.Report().EdgeRecords)
	}
	for i := 0; i < 4; i++ {
		a := fast.Edges().Column(i)
		s := array.NewSlice(slow.Edges().Column(i), 0, 50000)
		if !array.Equal(a, s) {
			t.Errorf("column %d differs: %s vs %s", i, a.DataType(), s.DataType())
		}
		s.Release()
	}
	if fast.Edges().Column(3).DataType().ID() != arrow.FLOAT64 || fast.Edges().Column(2).DataType().ID() != arrow.INT64 {
		t.Errorf("types %s", fast.Edges().Schema())
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCSVWriterRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, f := range []string{"testdata/small_directed.graphml", "testdata/karate_nx.graphml"} {
		n := load(t, mem, f, Options{})
		dir := t.TempDir()
		ep, np := filepath.Join(dir, "e.csv"), filepath.Join(dir, "n.csv")
		if err := WriteCSV(n, ep, np); err != nil {
			t.Fatal(err)
		}
		d := n.Directed()
		m, err := Read(ep, Options{Mem: mem, NodesPath: np, Directed: &d})
		if err != nil {
			t.Fatal(err)
		}
		sameTable(t, f+" edges", n.Edges(), m.Edges())
		sameTable(t, f+" nodes", n.Nodes(), m.Nodes())
		m.Release()
		n.Release()
	}
}

func TestPajekForms(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	paj := `% two networks and a partition
*Network first
*Vertices 3
1 "Ann Lee" 0.1 0.2 0.5
2 "Bob"
3 "Cid"
*Arcs
1 2 2
2 3
*Edges
1 3 1
*Network second.net
*Vertices 2
*Arcslist
1 2
2 1
*Partition team.clu
*Vertices 3
1
2
2
`
	n, err := ReadFrom(strings.NewReader(paj), "two.paj", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	// Hand count: arcs 1->2, 2->3, and the edge 1-3 stored both ways.
	if r := n.Report(); r.Nodes != 3 || r.EdgeRecords != 4 || !r.Directed {
		t.Errorf("first: %+v", r)
	}
	if s := sumWeights(n); s != 2+1+1+1 {
		t.Errorf("weights sum %v, want 5 (missing weights are 1)", s)
	}
	lab, _ := n.Categories("label")
	if lab.Labels[0] != "Ann Lee" {
		t.Errorf("labels %v", lab.Labels)
	}
	if g := groupCounts(t, n, "team"); g["1"] != 1 || g["2"] != 2 {
		t.Errorf("team %v", g)
	}
	n.Release()
	n, err = ReadFrom(strings.NewReader(paj), "two.paj", Options{Mem: mem, Network: "second"})
	if err != nil {
		t.Fatal(err)
	}
	if r := n.Report(); r.Nodes != 2 || r.EdgeRecords != 2 {
		t.Errorf("second: %+v", r)
	}
	n.Release()
}

// Many small chunks, comment lines (holes in the row ranges), and a column
// that turns float only in a late chunk: the fast path must agree with the
// general one.
func TestFastChunksAndHoles(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	old := fastChunk
	fastChunk = 4096
	defer func() { fastChunk = old }()
	var b strings.Builder
	rows := 0
	for i := 0; i < 20000; i++ {
		if i%777 == 0 {
			b.WriteString("# a comment\n\n")
		}
		w := strconv.Itoa(i % 7)
		if i == 15000 {
			w = "0.25"
		}
		b.WriteString(strconv.Itoa(i%1000) + " " + strconv.Itoa((i*13)%1009) + "\t" + w + " " + strconv.Itoa(i) + "\n")
		rows++
	}
	data := b.String()
	dir := t.TempDir()
	p := filepath.Join(dir, "e.txt")
	os.WriteFile(p, []byte(data), 0o644)
	fast, err := Read(p, Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Release()
	// Through gzip the size is unknown, so the column arrays grow.
	os.WriteFile(p+".gz", gz([]byte(data)), 0o644)
	viaGz, err := Read(p+".gz", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	sameTable(t, "gz", fast.Edges(), viaGz.Edges())
	viaGz.Release()
	os.WriteFile(p, []byte(data+"x y 1 2\n"), 0o644)
	slow, err := Read(p, Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Release()
	if fast.Report().EdgeRecords != rows || slow.Report().EdgeRecords != rows+1 {
		t.Fatalf("records %d / %d, want %d", fast.Report().EdgeRecords, slow.Report().EdgeRecords, rows)
	}
	// The general path has text ids (because of "x y"); compare the numbers.
	for c := 2; c < 4; c++ {
		a := fast.Edges().Column(c)
		s := array.NewSlice(slow.Edges().Column(c), 0, int64(rows))
		if !array.Equal(a, s) {
			t.Errorf("column %d differs (%s vs %s)", c, a.DataType(), s.DataType())
		}
		s.Release()
	}
	src := fast.Edges().Column(0).(*array.Int64)
	for i := 0; i < rows; i++ {
		if src.Value(i) != int64(i%1000) {
			t.Fatalf("row %d: source %d, want %d", i, src.Value(i), i%1000)
		}
	}
	if fast.Edges().Column(2).DataType().ID() != arrow.FLOAT64 {
		t.Errorf("weight type %s, want float64", fast.Edges().Column(2).DataType())
	}
}

func TestGraphMLDefaults(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	doc := `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="c" for="node" attr.name="color" attr.type="string"><default>grey</default></key>
 <key id="w" for="edge" attr.name="weight" attr.type="double"><default>1.0</default></key>
 <key id="u" for="edge" attr.name="unused" attr.type="int"><default>7</default></key>
 <graph edgedefault="undirected">
  <node id="n0"><data key="c">red</data></node>
  <node id="n1"/>
  <edge source="n0" target="n1"><data key="w">2.5</data></edge>
  <edge source="n1" target="n0"/>
 </graph>
</graphml>`
	n, err := ReadFrom(strings.NewReader(doc), "d.graphml", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	// Hand count: weights 2.5 and the default 1.0; colors red, grey.
	if s := sumWeights(n); s != 3.5 {
		t.Errorf("weight sum %v, want 3.5", s)
	}
	if g := groupCounts(t, n, "color"); g["red"] != 1 || g["grey"] != 1 {
		t.Errorf("colors %v", g)
	}
	if !n.Edges().Schema().HasField("unused") {
		t.Errorf("declared key with default missing: %s", n.Edges().Schema())
	}
	if r := n.Report(); r.Directed || r.ParallelEdges != 1 {
		t.Errorf("report %+v", r)
	}
}

func TestProgress(t *testing.T) {
	var calls int
	var last, total int64
	data := strings.Repeat("1 2\n", 1000)
	n, err := ReadFrom(strings.NewReader(data), "p.txt", Options{Progress: func(r, tot int64) { calls++; last, total = r, tot }})
	if err != nil {
		t.Fatal(err)
	}
	n.Release()
	if calls == 0 || last != int64(len(data)) || total != int64(len(data)) {
		t.Errorf("progress: %d calls, last %d of %d; want the end %d", calls, last, total, len(data))
	}
}
