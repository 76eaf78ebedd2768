package formats

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// GraphML written by WriteGraphML reads back through our own reader with
// the same nodes, edge records and attributes (networkx's read_graphml and
// read_gexf are checked by scripts/golden_communities.py).
func TestWriteGraphMLRoundTrip(t *testing.T) {
	n, err := Read("testdata/small_directed.graphml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	dir := t.TempDir()
	p := filepath.Join(dir, "out.graphml")
	if err := WriteGraphFile(n, p, "graphml"); err != nil {
		t.Fatal(err)
	}
	m, err := Read(p, Options{Mem: memory.NewGoAllocator()})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	if m.N() != n.N() || m.Report().EdgeRecords != n.Report().EdgeRecords || m.Directed() != n.Directed() {
		t.Errorf("round trip: %d nodes %d records directed %v, want %d %d %v", m.N(), m.Report().EdgeRecords, m.Directed(), n.N(), n.Report().EdgeRecords, n.Directed())
	}
	if len(m.Report().NodeColumns) != len(n.Report().NodeColumns) {
		t.Errorf("node columns %v, want %v", m.Report().NodeColumns, n.Report().NodeColumns)
	}
	var b bytes.Buffer
	if err := WriteGEXF(n, &b); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); !strings.Contains(s, `defaultedgetype="directed"`) || strings.Count(s, "<edge ") != n.Report().EdgeRecords {
		t.Errorf("GEXF: %s", s)
	}
	if err := WriteGraphFile(n, filepath.Join(dir, "x.dot"), "dot"); err == nil {
		t.Error("unknown format accepted")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
}
