package formats

import (
	"os"
	"path/filepath"
	"testing"
)

// The plain splitter (quote-free delimited text read whole) gives the same
// tables and the same errors as encoding/csv, which reads it when
// plainLimit is below the file size.
func TestPlainSplitMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	for i, c := range []struct{ name, nodes, edges string }{
		{"n.csv", "id,g,x\n1,a,0.5\n\n2,,1\n3, b,2\n4,a,\n", "source,target\n1,2\n"},
		{"n.tsv", "id\tg\n1\ta b\n2\tc", "source\ttarget\n1\t2\n"},
		{"short.csv", "id,g\n1,a\n2\n", "source,target\n1,2\n"},
		{"dup.csv", "id,g\n1,a\n\n1,b\n", "source,target\n1,2\n"},
		{"text.csv", "id,g\nann,x\nbob,y\n", "source,target\nann,bob\nbob,cy\n"},
		{"textedges.csv", "id,g\nann,x\n", "source,target,w\nann,bob,1\n\nbob,ann,2.5\ncy,ann,3\n"},
	} {
		np := filepath.Join(dir, c.name)
		ep := filepath.Join(dir, "e"+string(rune('0'+i))+filepath.Ext(c.name))
		if err := os.WriteFile(np, []byte(c.nodes), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ep, []byte(c.edges), 0o644); err != nil {
			t.Fatal(err)
		}
		read := func(limit int64) (string, string) {
			defer func(v int64) { plainLimit = v }(plainLimit)
			plainLimit = limit
			n, err := Read(ep, Options{NodesPath: np})
			if err != nil {
				return "", err.Error()
			}
			defer n.Release()
			e, nd := n.Edges(), n.Nodes()
			out := e.Schema().String() + nd.Schema().String()
			for c := 0; c < int(e.NumCols()); c++ {
				out += e.Column(c).String()
			}
			for c := 0; c < int(nd.NumCols()); c++ {
				out += nd.Column(c).String()
			}
			return out, ""
		}
		plain, perr := read(64 << 20)
		viaCSV, cerr := read(-1)
		if plain != viaCSV || perr != cerr {
			t.Errorf("%s: plain %q (err %q)\n csv %q (err %q)", c.name, plain, perr, viaCSV, cerr)
		}
		if testing.Verbose() {
			t.Logf("%s: %s %s", c.name, plain, perr)
		}
	}
}
