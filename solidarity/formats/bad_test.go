package formats

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, b := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(b)
	}
	w.Close()
	return buf.Bytes()
}

// zipLying stores content compressed but declares a small size, as a
// crafted bomb would.
func zipLying(t testing.TB, name string, content []byte, declared uint64) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared}
	f, err := w.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(comp.Bytes())
	w.Close()
	return buf.Bytes()
}

func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// TestBadInput: every reader on malformed input returns an error naming
// the file, the line where there is one, and what was expected.
func TestBadInput(t *testing.T) {
	zeros := make([]byte, 4<<20)
	small := Options{MaxDecompressed: 1 << 20}
	cases := []struct {
		name    string // file name (its extension selects the reader)
		data    []byte
		opt     Options
		want    []string // substrings of the error
		nodes   []byte   // optional nodes file (CSV) next to the edges
		nodeExt string
	}{
		// Delimited text.
		{"empty.csv", nil, Options{}, []string{"empty.csv", "empty"}, nil, ""},
		{"blank.csv", []byte("\n\n  \n"), Options{}, []string{"blank.csv", "empty"}, nil, ""},
		{"header-only.csv", []byte("source,target\n"), Options{}, []string{"header-only.csv:2", "no edges"}, nil, ""},
		{"short.csv", []byte("source,target,weight\n1,2,1\n3,4\n"), Options{}, []string{"short.csv:3", "want 3 fields", "found 2"}, nil, ""},
		{"long.csv", []byte("source,target\n1,2\n3,4,5\n"), Options{}, []string{"long.csv:3", "want 2 fields", "found 3"}, nil, ""},
		{"short-quoted.csv", []byte("source,target,weight\n\"a\",\"b\",1\n\"c\"\n"), Options{}, []string{"short-quoted.csv:3", "want 3 fields", "found 1"}, nil, ""},
		{"weight.csv", []byte("source,target,weight\n1,2,1\n2,3,heavy\n"), Options{}, []string{"weight.csv:3", "heavy", "want a number"}, nil, ""},
		{"weight-empty.csv", []byte("source,target,weight\n1,2,1\n2,3,\n"), Options{}, []string{"weight-empty.csv:3", "empty", "want a number"}, nil, ""},
		{"no-target.csv", []byte("source,target\n1,2\n3,\n"), Options{}, []string{"no-target.csv:3", "want a node id"}, nil, ""},
		{"quote.csv", []byte("source,target\n1,2\n\"3,4\n5,6\n"), Options{}, []string{"quote.csv:3", "malformed csv", "starts on line 3"}, nil, ""},
		{"cols.csv", []byte("a,b\n1,2\n"), Options{Columns: colsST("from", "to")}, []string{"cols.csv", "want source and target", "[a b]"}, nil, ""},
		{"binary.csv", garbage(5000), Options{}, []string{"binary.csv", "binary"}, nil, ""},
		{"binary.bin", garbage(5000), Options{}, []string{"binary.bin", "binary"}, nil, ""},
		{"dup-nodes.csv", []byte("source,target\n1,2\n"), Options{}, []string{"nodes.csv:3", "appears again", "first on line 2"}, []byte("id,g\n1,a\n1,b\n"), ".csv"},
		{"nodes-noid.csv", []byte("source,target\n1,2\n"), Options{Columns: colsID("key")}, []string{"nodes.csv", "no id column \"key\""}, []byte("id,g\n1,a\n"), ".csv"},
		{"nodes-short.csv", []byte("source,target\n1,2\n"), Options{}, []string{"nodes.csv:3", "want 2 fields"}, []byte("id,g\n1,a\n2\n"), ".csv"},
		{"nodes-empty.csv", []byte("source,target\n1,2\n"), Options{}, []string{"nodes.csv", "empty"}, []byte(""), ".csv"},
		// SNAP edge lists.
		{"short.txt", []byte("# c\n1 2\n3\n"), Options{}, []string{"short.txt:3", "want 2 fields", "found 1"}, nil, ""},
		{"long.txt", []byte("1 2\n3 4 5\n"), Options{}, []string{"long.txt:2", "want 2 fields", "found 3"}, nil, ""},
		{"comments.txt", []byte("# only\n# comments\n"), Options{}, []string{"comments.txt", "no data"}, nil, ""},
		{"words.txt", []byte("1 2 1\n2 3 x\n"), Options{}, []string{"words.txt:2", "\"x\"", "want a number"}, nil, ""},
		{"dup-labels.txt", []byte("1 2\n"), Options{}, []string{"nodes.txt:2", "appears again"}, []byte("1 5\n1 6\n"), ".txt"},
		// Compression.
		{"trunc.csv.gz", truncGz(), Options{}, []string{"trunc.csv.gz", "truncated or corrupt"}, nil, ""},
		{"bomb.csv.gz", gz(append([]byte("source,target\n"), bytes.Repeat([]byte("1,2\n"), 1<<20)...)), small, []string{"bomb.csv.gz", "more than 1048576 bytes"}, nil, ""},
		{"notgz.csv.gz", []byte{0x1f, 0x8b, 1, 2, 3}, Options{}, []string{"notgz.csv.gz", "gzip"}, nil, ""},
		{"slip.zip", zipOf(t, map[string][]byte{"../../evil.csv": []byte("source,target\n1,2\n")}), Options{}, []string{"slip.zip", "../../evil.csv", "zip slip"}, nil, ""},
		{"abs.zip", zipOf(t, map[string][]byte{"/etc/evil.csv": []byte("source,target\n1,2\n")}), Options{}, []string{"abs.zip", "zip slip"}, nil, ""},
		{"bomb.zip", zipOf(t, map[string][]byte{"big.csv": append([]byte("source,target\n"), zeros...)}), small, []string{"bomb.zip:big.csv", "more than 1048576 bytes"}, nil, ""},
		{"liar.zip", zipLying(t, "big.csv", append([]byte("source,target\n"), zeros...), 100), small, []string{"liar.zip"}, nil, ""},
		{"docs.zip", zipOf(t, map[string][]byte{"README.pdf": []byte("x")}), Options{}, []string{"docs.zip", "no member", "README.pdf"}, nil, ""},
		{"trunc.zip", zipOf(t, map[string][]byte{"a.csv": []byte("source,target\n1,2\n")})[:30], Options{}, []string{"trunc.zip", "zip"}, nil, ""},
		// GML.
		{"trunc.gml", []byte("graph [\n directed 1\n node [ id 1 ]\n node [ id 2\n"), Options{}, []string{"trunc.gml:5", "ends inside the list opened on line 4", "want ']'"}, nil, ""},
		{"trunc2.gml", []byte("graph [\n node [ id 1 ]\n"), Options{}, []string{"trunc2.gml", "ends inside \"graph [\"", "truncated"}, nil, ""},
		{"undeclared.gml", []byte("graph [\n node [ id 1 ]\n edge [ source 1 target 9 ]\n]\n"), Options{}, []string{"undeclared.gml:3", "node 9"}, nil, ""},
		{"dup.gml", []byte("graph [\n node [ id 1 ]\n node [\n id 1 ]\n]\n"), Options{}, []string{"dup.gml:4", "appears again", "first on line 2"}, nil, ""},
		{"noid.gml", []byte("graph [\n node [ label \"x\" ]\n]\n"), Options{}, []string{"noid.gml:2", "no id"}, nil, ""},
		{"noend.gml", []byte("graph [\n node [ id 1 ]\n edge [ source 1 ]\n]\n"), Options{}, []string{"noend.gml:3", "source or target"}, nil, ""},
		{"string.gml", []byte("graph [\n node [ id 1 label \"abc ]\n]\n"), Options{}, []string{"string.gml:2", "never closed"}, nil, ""},
		{"char.gml", []byte("graph [\n node [ id 1 label @ ]\n]\n"), Options{}, []string{"char.gml:2", "unexpected character"}, nil, ""},
		{"number.gml", []byte("graph [\n node [ id 1-2 ]\n]\n"), Options{}, []string{"number.gml:2", "not a number"}, nil, ""},
		{"nograph.gml", []byte("Creator \"me\"\n"), Options{}, []string{"nograph.gml", "no \"graph [\""}, nil, ""},
		{"emptygraph.gml", []byte("graph [\n]\n"), Options{}, []string{"emptygraph.gml:1", "no nodes"}, nil, ""},
		{"binary.gml", garbage(3000), Options{}, []string{"binary.gml", "binary"}, nil, ""},
		{"empty.gml", nil, Options{}, []string{"empty.gml", "empty"}, nil, ""},
		// GraphML.
		{"trunc.graphml", []byte(`<graphml><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"/>`), Options{}, []string{"trunc.graphml", "XML"}, nil, ""},
		{"nokey.graphml", []byte("<graphml><graph>\n<node id=\"a\"><data key=\"d9\">1</data></node></graph></graphml>"), Options{}, []string{"nokey.graphml:2", "d9", "no declared <key>"}, nil, ""},
		{"type.graphml", []byte("<graphml><key id=\"d0\" for=\"node\" attr.name=\"age\" attr.type=\"int\"/><graph>\n<node id=\"a\"><data key=\"d0\">old</data></node></graph></graphml>"), Options{}, []string{"type.graphml:2", "\"old\"", "want a int64"}, nil, ""},
		{"badtype.graphml", []byte("<graphml><key id=\"d0\" for=\"node\" attr.name=\"age\" attr.type=\"complex\"/></graphml>"), Options{}, []string{"badtype.graphml:1", "attr.type"}, nil, ""},
		{"unknown.graphml", []byte("<graphml><graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"z\"/></graph></graphml>"), Options{}, []string{"unknown.graphml:3", "\"z\""}, nil, ""},
		{"dup.graphml", []byte("<graphml><graph>\n<node id=\"a\"/>\n<node id=\"a\"/></graph></graphml>"), Options{}, []string{"dup.graphml:3", "appears again", "first on line 2"}, nil, ""},
		{"noroot.graphml", []byte("<foo/>"), Options{}, []string{"noroot.graphml", "no <graphml>"}, nil, ""},
		// Pajek.
		{"range.net", []byte("*Vertices 3\n1 \"a\"\n*Arcs\n1 2\n2 5\n"), Options{}, []string{"range.net:5", "from 1 to 3"}, nil, ""},
		{"vertex.net", []byte("*Vertices 3\n1 \"a\"\n7 \"b\"\n"), Options{}, []string{"vertex.net:3", "\"7\"", "from 1 to 3"}, nil, ""},
		{"weight.net", []byte("*Vertices 3\n*Edges\n1 2 1\n2 3 1x\n"), Options{}, []string{"weight.net:4", "\"1x\"", "want a number"}, nil, ""},
		{"short.net", []byte("*Vertices 3\n*Edges\n1\n"), Options{}, []string{"short.net:3", "two vertex numbers"}, nil, ""},
		{"early.net", []byte("*Arcs\n1 2\n"), Options{}, []string{"early.net:1", "before *Vertices"}, nil, ""},
		{"count.net", []byte("*Vertices many\n"), Options{}, []string{"count.net:1", "vertex count"}, nil, ""},
		{"quote.net", []byte("*Vertices 2\n1 \"a\n"), Options{}, []string{"quote.net:2", "unclosed quote"}, nil, ""},
		{"part.paj", []byte("*Network x\n*Vertices 2\n*Arcs\n1 2\n*Partition p.clu\n*Vertices 2\n1\n"), Options{}, []string{"part.paj:7", "has 1 values: want 2"}, nil, ""},
		{"partword.paj", []byte("*Network x\n*Vertices 2\n*Arcs\n1 2\n*Partition p.clu\n*Vertices 2\n1\nred\n"), Options{}, []string{"partword.paj:8", "\"red\"", "want a number"}, nil, ""},
		{"which.paj", []byte("*Network x\n*Vertices 2\n*Arcs\n1 2\n"), Options{Network: "y"}, []string{"which.paj", "no network named \"y\"", "x"}, nil, ""},
		{"matrix.net", []byte("*Vertices 2\n*Matrix\n0 1\n1\n"), Options{}, []string{"matrix.net:4", "want 2 rows of 2"}, nil, ""},
		{"orphan.net", []byte("1 2\n"), Options{Format: Pajek}, []string{"orphan.net:1", "outside any section"}, nil, ""},
		// Parquet.
		{"bad.parquet", append([]byte("PAR1"), garbage(300)...), Options{}, []string{"bad.parquet", "Parquet"}, nil, ""},
		{"trunc.parquet", []byte("PAR1"), Options{}, []string{"trunc.parquet", "Parquet"}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			dir := t.TempDir()
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			opt := c.opt
			opt.Mem = mem
			if c.nodes != nil {
				opt.NodesPath = filepath.Join(dir, "nodes"+c.nodeExt)
				os.WriteFile(opt.NodesPath, c.nodes, 0o644)
			}
			for _, via := range []string{"Read", "ReadFrom"} {
				var err error
				if via == "Read" {
					n, e := Read(p, opt)
					if e == nil {
						n.Release()
					}
					err = e
				} else {
					n, e := ReadFrom(bytes.NewReader(c.data), c.name, opt)
					if e == nil {
						n.Release()
					}
					err = e
				}
				if err == nil {
					t.Fatalf("%s: no error, want one mentioning %q", via, c.want)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, "formats: ") {
					t.Errorf("%s: error %q lacks the formats: prefix", via, msg)
				}
				for _, w := range c.want {
					if via == "ReadFrom" && strings.Contains(w, c.name) {
						w = c.name // ReadFrom names the data by name, not by path
					}
					if !strings.Contains(msg, w) {
						t.Errorf("%s: error %q does not mention %q", via, msg, w)
					}
				}
			}
		})
	}
}

// TestNodeTableMismatch: ids in the nodes table but in no edge are kept as
// isolated nodes; edge endpoints missing from the nodes table are counted.
// Neither is an error.
func TestNodeTableMismatch(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	np := filepath.Join(dir, "nodes.csv")
	os.WriteFile(np, []byte("id,group\n1,a\n2,b\n99,c\n"), 0o644)
	n, err := ReadFrom(strings.NewReader("source,target\n1,2\n2,3\n"), "e.csv", Options{Mem: mem, NodesPath: np})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	r := n.Report()
	// Hand count: nodes 1,2,99 from the table, 3 only in edges; 99 isolated.
	if r.Nodes != 4 || r.NodeRows != 3 || r.NodesOnlyInEdges != 1 || r.IsolatedNodes != 1 || r.NodesNoAttrs != 1 {
		t.Errorf("report %+v", r)
	}
}

func TestZipMemberChoice(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	z := zipOf(t, map[string][]byte{
		"net/readme.txt": []byte("This is a description.\n"),
		"net/g.gml":      []byte("graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]"),
		"net/e.csv":      []byte("source,target\n1,2\n2,3\n"),
	})
	n, err := ReadFrom(bytes.NewReader(z), "x.zip", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	if n.Name != "x.zip:net/g.gml" || n.Report().EdgeRecords != 1 {
		t.Errorf("picked %s with %d edges, want the GML", n.Name, n.Report().EdgeRecords)
	}
	n.Release()
	for _, o := range []Options{{Format: CSV}, {Member: "e.csv"}} {
		o.Mem = mem
		n, err = ReadFrom(bytes.NewReader(z), "x.zip", o)
		if err != nil {
			t.Fatal(err)
		}
		if n.Report().EdgeRecords != 2 {
			t.Errorf("%+v: %d edges, want the CSV's 2", o, n.Report().EdgeRecords)
		}
		n.Release()
	}
	// Gzip through ReadFrom and Read.
	data := gz([]byte("1 2\n2 3\n3 1\n"))
	n, err = ReadFrom(bytes.NewReader(data), "e.txt.gz", Options{Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	if n.Report().EdgeRecords != 3 {
		t.Errorf("gz: %d edges", n.Report().EdgeRecords)
	}
	n.Release()
	_ = io.EOF
}

func colsST(s, t string) (c netColumns) { c.Source, c.Target = s, t; return }
func colsID(id string) (c netColumns)   { c.ID = id; return }

type netColumns = network.Columns

func truncGz() []byte {
	var b bytes.Buffer
	b.WriteString("source,target\n")
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "%d,%d\n", r.IntN(1e6), r.IntN(1e6))
	}
	z := gz(b.Bytes())
	return z[:len(z)/2]
}
