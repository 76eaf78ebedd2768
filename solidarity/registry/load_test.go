package registry

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

func sharedMirror(t *testing.T) string {
	dir, ok := shareddata.SharedRawDir()
	if !ok {
		t.Skipf("public data sets not found at %s: put the project's shared/ folder beside the checkout (or set SOLIDARITY_SHARED_RAW) to run this test", dir)
	}
	return dir
}

// Counts from each data set's shared/datasets/raw/<folder>/SOURCE.md.
var sharedCounts = []struct {
	name                         string
	nodes, records, loops, paral int
	directed                     bool
	attr                         string
	groups                       int
}{
	{"polblogs", 1490, 19090, 3, 65, true, "value", 2},             // 19090 records, 19025 distinct arcs
	{"email-eu-core", 1005, 25571, 642, 0, true, "department", 42}, // 42 departments
	{"polbooks", 105, 441, 0, 0, false, "value", 3},
	{"football", 115, 613, 0, 0, false, "value", 12},
	{"karate-newman", 34, 78, 0, 0, false, "", 0},
	{"soc-sign-bitcoin-otc", 5881, 35592, 0, 0, true, "", 0},
	{"collegemsg", 1899, 59835, 0, 59835 - 20296, true, "", 0}, // 20296 distinct pairs
	{"higgs-reply", 38918, 32523, 343, 0, true, "", 0},
	{"higgs-mention", 116408, 150818, 5353, 0, true, "", 0},
	{"lazega-advice", 71, 892, 0, 0, true, "office", 3},
	{"lazega-friendship", 71, 575, 0, 0, true, "office", 3},
	{"lazega-cowork", 71, 1104, 0, 0, true, "office", 3},
	{"sampson", 18, 56, 0, 0, true, "group", 4},
	{"sampson-like", 18, 88, 0, 0, true, "group4", 4},
	{"netseg-classroom", 26, 88, 0, 0, true, "gender", 2},
	{"netseg-ef3", 30, 49, 0, 0, false, "race", 2},
	{"netseg-whitekinship", 10, 22, 0, 0, false, "gender", 2},
}

func TestLoadSharedThroughMirror(t *testing.T) {
	mirror := sharedMirror(t)
	cache := t.TempDir()
	for _, c := range sharedCounts {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{CacheDir: cache, Mirror: mirror, Quiet: true, Log: func(s string) { t.Log(s) }}
			first, err := Load(context.Background(), c.name, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer first.Release()
			check := func(n *network.Network, pass string) {
				r := n.Report()
				if r.Nodes != c.nodes || r.EdgeRecords != c.records || r.SelfLoops != c.loops || r.ParallelEdges != c.paral || r.Directed != c.directed {
					t.Errorf("%s: nodes %d records %d loops %d parallel %d directed %v; want %d %d %d %d %v",
						pass, r.Nodes, r.EdgeRecords, r.SelfLoops, r.ParallelEdges, r.Directed, c.nodes, c.records, c.loops, c.paral, c.directed)
				}
				d, _ := Lookup(c.name)
				if d.Attribute != c.attr {
					t.Errorf("default attribute %q, want %q", d.Attribute, c.attr)
				}
				if c.attr != "" {
					cat, err := n.Categories(c.attr)
					if err != nil || cat.Groups() != c.groups {
						t.Errorf("%s: %s has %v groups (%v), want %d", pass, c.attr, cat, err, c.groups)
					}
				}
				if n.Name != c.name {
					t.Errorf("Name = %q", n.Name)
				}
			}
			check(first, "from raw")
			// The second load reads the Parquet copy: prove it by removing
			// the raw files and pointing the mirror at nothing.
			dir := filepath.Join(cache, c.name)
			if _, err := os.Stat(filepath.Join(dir, "edges.parquet")); err != nil {
				t.Fatal("no Parquet copy written")
			}
			d, _ := Lookup(c.name)
			for _, f := range d.Files {
				os.Remove(filepath.Join(dir, filepath.FromSlash(f.Name)))
			}
			opt.Mirror = filepath.Join(t.TempDir(), "empty")
			second, err := Load(context.Background(), c.name, opt)
			if err != nil {
				t.Fatalf("second load did not use the Parquet cache: %v", err)
			}
			defer second.Release()
			check(second, "from Parquet")
			if !equalReports(first.Report(), second.Report()) {
				t.Errorf("raw and Parquet loads differ:\n%+v\n%+v", first.Report(), second.Report())
			}
		})
	}
}

func equalReports(a, b network.Report) bool {
	if len(a.EdgeColumns) != len(b.EdgeColumns) || len(a.NodeColumns) != len(b.NodeColumns) {
		return false
	}
	for i := range a.EdgeColumns {
		if a.EdgeColumns[i] != b.EdgeColumns[i] {
			return false
		}
	}
	for i := range a.NodeColumns {
		if a.NodeColumns[i] != b.NodeColumns[i] {
			return false
		}
	}
	a.EdgeColumns, b.EdgeColumns, a.NodeColumns, b.NodeColumns = nil, nil, nil, nil
	return a.Directed == b.Directed && a.EdgeRecords == b.EdgeRecords && a.SelfLoops == b.SelfLoops &&
		a.ParallelEdges == b.ParallelEdges && a.SimpleEdges == b.SimpleEdges && a.Nodes == b.Nodes &&
		a.NodeRows == b.NodeRows && a.NodesOnlyInEdges == b.NodesOnlyInEdges && a.NodesNoAttrs == b.NodesNoAttrs &&
		a.IsolatedNodes == b.IsolatedNodes && a.Weighted == b.Weighted
}

func TestLoadEmbeddedAndRefusals(t *testing.T) {
	cache := t.TempDir()
	n, err := Load(context.Background(), "karate", Options{CacheDir: cache, Mirror: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if n.N() != 34 || n.Name != "karate" {
		t.Errorf("karate: %d nodes, name %q", n.N(), n.Name)
	}
	n.Release()
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("embedded load wrote to the cache: %v", entries)
	}
	if _, err := Load(context.Background(), "netseg-catania", Options{CacheDir: cache}); err == nil {
		t.Error("a table is not a network: want an error")
	}
	if _, err := Load(context.Background(), "email-eu-core", Options{CacheDir: cache, NodesPath: "x.csv"}); err == nil {
		t.Error("NodesPath on a data set with a nodes file: want an error")
	}
}

// A caller's nodes file is joined to a data set that has none, and a new
// NodesPath rebuilds the Parquet copy.
func TestLoadWithCallerNodes(t *testing.T) {
	mirror := sharedMirror(t)
	cache := t.TempDir()
	nodes := filepath.Join(t.TempDir(), "teams.csv")
	os.WriteFile(nodes, []byte("id,side\n1,x\n2,y\n"), 0o644)
	opt := Options{CacheDir: cache, Mirror: mirror, Quiet: true, NodesPath: nodes}
	for pass := 0; pass < 2; pass++ {
		n, err := Load(context.Background(), "soc-sign-bitcoin-otc", opt)
		if err != nil {
			t.Fatal(err)
		}
		r := n.Report()
		if r.NodeRows != 2 || r.Nodes != 5881 || len(r.NodeColumns) != 2 {
			t.Errorf("pass %d: %+v", pass, r)
		}
		n.Release()
	}
	opt.NodesPath = ""
	n, err := Load(context.Background(), "soc-sign-bitcoin-otc", opt)
	if err != nil {
		t.Fatal(err)
	}
	if n.Nodes() != nil {
		t.Error("without NodesPath the nodes table must go")
	}
	n.Release()
}
