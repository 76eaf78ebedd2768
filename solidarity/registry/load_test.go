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
		shareddata.Skipf(t, "public data sets not found at %s: put the project's shared/ folder beside the checkout (or set SOLIDARITY_SHARED_RAW) to run this test", dir)
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

// Every file the registry names is found in the shared folder under its
// <folder>/<name>, with the registry's checksum, except the data sets the
// shared folder does not hold (too large, or never obtained).
func TestFetchEverythingFromSharedMirror(t *testing.T) {
	mirror := sharedMirror(t)
	cache := t.TempDir()
	notShared := map[string]bool{"higgs-retweet": true, "higgs-activity": true, "reddit-hyperlinks-body": true,
		"reddit-hyperlinks-title": true, "twitch-gamers": true}
	for _, d := range List() {
		f, err := Fetch(context.Background(), d.Name, Options{CacheDir: cache, Mirror: mirror, Quiet: true, Log: func(string) {}})
		switch {
		case notShared[d.Name]:
			if err == nil {
				t.Errorf("%s: now in the shared folder; add it to the load tests", d.Name)
			}
		case err != nil:
			t.Errorf("%s: %v", d.Name, err)
		default:
			for _, x := range f.Files {
				if x.File.SHA256 != "" && x.SHA256 != x.File.SHA256 {
					t.Errorf("%s/%s: sha256 %s", d.Name, x.Name, x.SHA256)
				}
			}
		}
	}
}

// The shipped karate (from Debian's networkx 2.8.8) is the same graph, with
// the same factions, as the networkx GML export the registry downloads.
func TestShippedKarateMatchesDownload(t *testing.T) {
	mirror := sharedMirror(t)
	cache := t.TempDir()
	f, err := Fetch(context.Background(), "karate", Options{CacheDir: cache, Mirror: mirror, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	dl, err := readRaw(f, "")
	if err != nil {
		t.Fatal(err)
	}
	defer dl.Release()
	sh, err := Load(context.Background(), "karate", Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Release()
	pairs := func(n *network.Network) map[[2]string]bool {
		out := map[[2]string]bool{}
		s, d := n.Endpoints()
		for i := range s {
			a, b := n.Index().String(s[i]), n.Index().String(d[i])
			if a > b {
				a, b = b, a
			}
			out[[2]string{a, b}] = true
		}
		return out
	}
	pa, pb := pairs(dl), pairs(sh)
	if len(pa) != 78 || len(pb) != 78 {
		t.Fatalf("edges %d vs %d", len(pa), len(pb))
	}
	for p := range pa {
		if !pb[p] {
			t.Errorf("edge %v only in the download", p)
		}
	}
	ca, _ := dl.Categories("club")
	cb, _ := sh.Categories("club")
	for i := int32(0); i < 34; i++ {
		j, ok := sh.Index().LookupString(dl.Index().String(i))
		if !ok || ca.Labels[ca.Codes[i]] != cb.Labels[cb.Codes[j]] {
			t.Errorf("node %s: club differs", dl.Index().String(i))
		}
	}
}

func TestCached(t *testing.T) {
	mirror := sharedMirror(t)
	cache := t.TempDir()
	opt := Options{CacheDir: cache, Mirror: mirror, Quiet: true}
	st, err := Cached("polbooks", opt)
	if err != nil || st.Raw || st.Parquet || st.Embedded {
		t.Fatalf("cold: %+v %v", st, err)
	}
	if _, err := Fetch(context.Background(), "polbooks", opt); err != nil {
		t.Fatal(err)
	}
	if st, _ = Cached("polbooks", opt); !st.Raw || st.Parquet {
		t.Errorf("after Fetch: %+v", st)
	}
	n, err := Load(context.Background(), "polbooks", opt)
	if err != nil {
		t.Fatal(err)
	}
	n.Release()
	if st, _ = Cached("polbooks", opt); !st.Raw || !st.Parquet {
		t.Errorf("after Load: %+v", st)
	}
	if st, _ = Cached("engagement", opt); !st.Embedded {
		t.Errorf("engagement: %+v", st)
	}
}
