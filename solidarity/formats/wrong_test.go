package formats

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Inputs that once gave a wrong network with no error (issue 8): each must
// now be an error naming what is wrong, or the right answer.
func TestOnceSilentlyWrong(t *testing.T) {
	paj := "*Vertices 3\n*Arcs :1 \"advice\"\n*Arcs :2 \"friendship\"\n1: 1 2\n2: 2 3\n"
	graphml := func(body string) string {
		return `<graphml><graph edgedefault="directed">` + body + `</graph></graphml>`
	}
	cases := []struct {
		name string
		data string
		opt  Options
		want []string // substrings of the error
	}{
		{"weight-nope.csv", "source,target,weight\n1,2,3\n", Options{Columns: network.Columns{Weight: "nope"}}, []string{"no weight column \"nope\"", "[source target weight]"}},
		{"weight-nope.gml", "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 value 2 ] ]", Options{Columns: network.Columns{Weight: "weight"}}, []string{"no weight column \"weight\"", "value"}},
		{"layer99.paj", paj, Options{Layer: "99"}, []string{"Layer \"99\" names no relation", "1 \"advice\"", "2 \"friendship\""}},
		{"layer-none.net", "*Vertices 2\n*Arcs\n1 2\n", Options{Layer: "1"}, []string{"no relations"}},
		{"names.txt", "1 2\n2 3\n", Options{Names: []string{"source", "source"}}, []string{"names columns 1 and 2 both \"source\""}},
		{"st.csv", "a,b\n1,2\n", Options{Columns: network.Columns{Source: "a", Target: "a"}}, []string{"both source and target"}},
		{"inf.csv", "source,target,weight\n1,2,1e400\n", Options{}, []string{"1e400", "want a number"}},
		{"inf-quoted.csv", "source,target,weight\n1,2,\"1e400\"\n", Options{}, []string{"1e400", "want a number"}},
		{"inf.txt", "1 2 1e400\n", Options{}, []string{"1e400", "want a number"}},
		{"pinf.csv", "source,target,weight\n1,2,+Inf\n1,2,-Inf\n", Options{}, []string{"row 1", "+Inf", "finite"}},
		{"hyper.graphml", graphml(`<node id="a"/><node id="b"/><node id="c"/><hyperedge><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>`), Options{}, []string{"<hyperedge> is not supported"}},
		{"dupname.graphml", `<graphml><key id="d0" for="node" attr.name="w" attr.type="int"/><key id="d1" for="node" attr.name="w" attr.type="int"/><graph><node id="1"><data key="d0">1</data><data key="d1">2</data></node></graph></graphml>`, Options{}, []string{"keys \"d0\" and \"d1\" both have attr.name \"w\""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			c.opt.Mem = mem
			n, err := ReadFrom(strings.NewReader(c.data), c.name, c.opt)
			if err == nil {
				r := n.Report()
				n.Release()
				t.Fatalf("want an error, got a network (%d edge records, weighted %v)", r.EdgeRecords, r.Weighted)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			mem.AssertSize(t, 0)
		})
	}
}

// The right answers: the same relation picked by number and by name, an
// overflowing value in a non-weight column read the same quoted or not,
// and GraphML ids "7" and "07" kept as two nodes (they are text in GraphML).
func TestOnceSilentlyWrongRight(t *testing.T) {
	paj := "*Vertices 3\n*Arcs :1 \"advice\"\n*Arcs :2 \"friendship\"\n1: 1 2\n2: 2 3\n2: 1 3\n"
	for _, layer := range []string{"2", "friendship"} {
		n, err := ReadFrom(strings.NewReader(paj), "l.paj", Options{Layer: layer})
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Report().EdgeRecords; got != 2 {
			t.Errorf("Layer %q: %d edge records, want 2", layer, got)
		}
		n.Release()
	}
	for _, data := range []string{"source,target,x\n1,2,1e400\n2,3,1\n", "source,target,x\n1,2,\"1e400\"\n2,3,1\n"} {
		n, err := ReadFrom(strings.NewReader(data), "x.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := n.Edges().Column(2)
		if x.DataType().ID().String() != "STRING" || x.ValueStr(0) != "1e400" {
			t.Errorf("%q: column x is %s with %q, want the text 1e400 (not +Inf)", data, x.DataType(), x.ValueStr(0))
		}
		n.Release()
	}
	g := `<graphml><graph edgedefault="directed"><node id="7"/><node id="07"/><edge source="7" target="07"/></graph></graphml>`
	n, err := ReadFrom(strings.NewReader(g), "ids.graphml", Options{})
	if err != nil {
		t.Fatalf("ids 7 and 07: %v", err)
	}
	if r := n.Report(); r.Nodes != 2 || r.SelfLoops != 0 {
		t.Errorf("ids 7 and 07: %d nodes, %d loops; want 2 nodes, no loop", r.Nodes, r.SelfLoops)
	}
	n.Release()
	// Integer ids written canonically stay integers.
	g = `<graphml><graph edgedefault="directed"><node id="7"/><node id="8"/><edge source="7" target="8"/></graph></graphml>`
	n, err = ReadFrom(strings.NewReader(g), "ints.graphml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if id := n.Edges().Column(0).DataType().ID().String(); id != "INT64" {
		t.Errorf("ids 7, 8: source column is %s, want INT64", id)
	}
	n.Release()
}

// TestParquetMutations changes bytes of a valid Parquet file (every byte
// of the footer, a sample of the pages) and reads each version: an error
// or a network, never a panic. arrow-go's parallel column readers used to
// panic in goroutines the reader could not recover.
func TestParquetMutations(t *testing.T) {
	good := parquetBytes(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "m.parquet")
	footer := int(uint32(good[len(good)-8]) | uint32(good[len(good)-7])<<8 | uint32(good[len(good)-6])<<16 | uint32(good[len(good)-5])<<24)
	start := max(len(good)-8-footer, 4)
	var at []int
	for i := start; i < len(good); i++ {
		at = append(at, i)
	}
	for i := 4; i < start; i += max(1, start/200) {
		at = append(at, i)
	}
	errs := 0
	for k, i := range at {
		// One change per byte, cycling through four kinds (FuzzReadParquet
		// explores further).
		for _, v := range []byte{[]byte{0x00, 0xff, good[i] ^ 0x01, good[i] + 0x40}[k%4]} {
			if v == good[i] {
				continue
			}
			b := bytes.Clone(good)
			b[i] = v
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			n, err := ReadParquet(p, "", Options{Mem: mem})
			if err != nil {
				errs++
				var pe *ParseError
				if !errors.As(err, &pe) && !strings.Contains(err.Error(), "m.parquet") {
					t.Errorf("byte %d = %#x: error %q does not name the file", i, v, err)
				}
				continue
			}
			_ = n.Report()
			n.Release()
		}
	}
	t.Logf("%d mutations, %d refused", len(at), errs)
}

func parquetBytes(t testing.TB) []byte {
	var b strings.Builder
	b.WriteString("source,target,weight,label\n")
	for i := 0; i < 300; i++ {
		b.WriteString(itoa(i) + "," + itoa((i*7)%300) + "," + itoa(i%5) + ".5,n" + itoa(i%17) + "\n")
	}
	n, err := ReadFrom(strings.NewReader(b.String()), "p.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	p := filepath.Join(t.TempDir(), "p.parquet")
	if err := WriteParquet(n, p, ""); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A .parquet.gz is read through a temporary file (not whole into memory)
// and gives the same table.
func TestParquetGz(t *testing.T) {
	good := parquetBytes(t)
	p := filepath.Join(t.TempDir(), "p.parquet.gz")
	if err := os.WriteFile(p, gz(good), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := Read(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	if got := n.Report().EdgeRecords; got != 300 {
		t.Errorf("%d edge records, want 300", got)
	}
}

// A .gz cut inside its trailer (CRC and length) used to read as whole for
// GML and GraphML, whose readers stopped at the closing bracket.
func TestTruncatedTrailer(t *testing.T) {
	docs := map[string]string{
		"t.gml.gz":     "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]\n",
		"t.graphml.gz": `<graphml><graph edgedefault="directed"><node id="1"/><node id="2"/><edge source="1" target="2"/></graph></graphml>` + "\n",
	}
	for name, doc := range docs {
		z := gz([]byte(doc))
		for _, cut := range []int{1, 4, 8} {
			_, err := ReadFrom(bytes.NewReader(z[:len(z)-cut]), name, Options{})
			if err == nil || !strings.Contains(err.Error(), "truncated or corrupt") {
				t.Errorf("%s cut by %d bytes: error %v, want truncated or corrupt", name, cut, err)
			}
			p := filepath.Join(t.TempDir(), name)
			os.WriteFile(p, z[:len(z)-cut], 0o644)
			if _, err := Read(p, Options{}); err == nil || !strings.Contains(err.Error(), "truncated or corrupt") {
				t.Errorf("file %s cut by %d bytes: error %v, want truncated or corrupt", name, cut, err)
			}
		}
	}
}
