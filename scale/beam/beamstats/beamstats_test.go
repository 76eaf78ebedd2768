package beamstats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/algosolidarity/toolkit/solidarity"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// TestMain runs the pipelines on Prism (ptest's default runner; -runner
// picks another).
func TestMain(m *testing.M) { ptest.Main(m) }

// tolerance is the agreement asked of the Beam path: the sums are the same
// numbers added in another order.
const tolerance = 1e-9

// A case is one network: the files the pipeline reads and the core's
// report on the same data.
type agreeCase struct {
	name string
	opt  Options
	core *stats.Report
}

// TestAgreesWithCore runs every case in ONE pipeline (Prism starts once)
// and compares each JSON report with the core's, key by key.
func TestAgreesWithCore(t *testing.T) {
	dir := t.TempDir()
	var cases []agreeCase
	cases = append(cases, syntheticCases(t, dir)...)
	cases = append(cases, datasetCases(t, dir)...)

	p, s := beam.NewPipelineWithRoot()
	outs := make([]string, len(cases))
	for i, c := range cases {
		outs[i] = filepath.Join(dir, c.name+".json")
		Write(s, outs[i], Stats(s, c.opt))
	}
	start := time.Now()
	if err := ptest.Run(p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	t.Logf("%d reports through %s in %v", len(cases), ptest.DefaultRunner(), time.Since(start).Round(time.Millisecond))
	for i, c := range cases {
		got, err := os.ReadFile(outs[i])
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, err := json.Marshal(c.core)
		if err != nil {
			t.Fatal(err)
		}
		worst := compareJSON(t, c.name, got, want)
		t.Logf("%s: every key agrees; largest difference %.2g", c.name, worst)
	}
}

// syntheticCases writes the core's seeded benchmark network (100,000 arcs
// over 20,000 nodes in 5 groups) as 4 CSV shards with a weight column, plus
// self-loops and parallel records so the merge rule is exercised, and a
// nodes file in Parquet with some missing groups.
func syntheticCases(t *testing.T, dir string) []agreeCase {
	const nodes, groups, arcs = 20000, 5, 100000
	var b bytes.Buffer
	if err := generate.BenchmarkEdgeList(&b, nodes, groups, arcs, 7); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&b)
	sc.Scan() // header
	var lines []string
	for i := 0; sc.Scan(); i++ {
		lines = append(lines, fmt.Sprintf("%s,%d", sc.Text(), 1+i%3))
	}
	for i := 0; i < 50; i++ {
		lines = append(lines, fmt.Sprintf("%d,%d,2", 17*i, 17*i), lines[i*31]) // a loop and a repeat
	}
	all := "source,target,weight\n" + strings.Join(lines, "\n") + "\n"
	whole := filepath.Join(dir, "synthetic.csv")
	write(t, whole, all)
	shards := filepath.Join(dir, "synthetic-shards")
	if err := os.Mkdir(shards, 0o755); err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 4; k++ {
		part := lines[k*len(lines)/4 : (k+1)*len(lines)/4]
		write(t, filepath.Join(shards, fmt.Sprintf("part-%d.csv", k)), "source,target,weight\n"+strings.Join(part, "\n")+"\n")
	}
	var nb strings.Builder
	nb.WriteString("id,group\n")
	for i := 0; i < nodes+10; i++ { // 10 isolated nodes
		if i%97 == 0 {
			fmt.Fprintf(&nb, "%d,\n", i) // missing group
		} else {
			fmt.Fprintf(&nb, "%d,g%d\n", i, i%groups)
		}
	}
	nodesCSV := filepath.Join(dir, "synthetic-nodes.csv")
	write(t, nodesCSV, nb.String())

	var out []agreeCase
	for _, v := range []struct {
		name                 string
		undirected, weighted bool
	}{{"synthetic-100k", false, false}, {"synthetic-100k-weighted", false, true}, {"synthetic-100k-undirected", true, true}} {
		directed := !v.undirected
		n, err := formats.Read(whole, formats.Options{NodesPath: nodesCSV, Directed: &directed})
		if err != nil {
			t.Fatal(err)
		}
		r, err := stats.Compute(n, stats.Options{Attr: "group", Weighted: v.weighted, DegreeModes: true})
		if err != nil {
			t.Fatal(err)
		}
		r.Source = "synthetic"
		out = append(out, agreeCase{name: v.name, core: r, opt: Options{
			Edges: filepath.Join(shards, "*.csv"), Nodes: nodesCSV, Attr: "group", Undirected: v.undirected,
			Weighted: v.weighted, DegreeModes: true, Source: "synthetic"}})
		n.Release()
	}
	return out
}

// datasetCases loads data sets through the core (the embedded karate club
// always; public ones from ../shared/datasets/raw when present), writes
// them as CSV or Parquet and asks the same of the pipeline.
func datasetCases(t *testing.T, dir string) []agreeCase {
	mirror, ok := sharedRaw()
	var out []agreeCase
	for _, d := range []struct {
		name, attr string
		parquet    bool
	}{{"karate", "club", false}, {"polblogs", "value", true}, {"email-eu-core", "department", false}, {"football", "value", true}} {
		if d.name != "karate" && !ok {
			t.Logf("%s: skipped: public data sets not found at %s (put the project's shared/ folder beside the checkout or set SOLIDARITY_SHARED_RAW)", d.name, mirror)
			continue
		}
		n, err := solidarity.LoadWith(d.name, solidarity.LoadOptions{Mirror: mirror, CacheDir: filepath.Join(dir, "cache"), Quiet: true, Log: func(string) {}})
		if err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		edges, nodes := filepath.Join(dir, d.name+"-edges.csv"), filepath.Join(dir, d.name+"-nodes.csv")
		if d.parquet {
			edges, nodes = filepath.Join(dir, d.name+"-edges.parquet"), filepath.Join(dir, d.name+"-nodes.parquet")
			err = formats.WriteParquet(n, edges, nodes)
		} else {
			err = formats.WriteCSV(n, edges, nodes)
		}
		if err != nil {
			t.Fatal(err)
		}
		r, err := stats.Compute(n, stats.Options{Attr: d.attr, DegreeModes: true})
		if err != nil {
			t.Fatal(err)
		}
		r.Source = d.name
		out = append(out, agreeCase{name: d.name, core: r, opt: Options{
			Edges: edges, Nodes: nodes, Attr: d.attr, Undirected: !n.Directed(), DegreeModes: true, Source: d.name,
			Columns: network.Columns{Weight: n.Columns().Weight}}})
		n.Release()
	}
	return out
}

// sharedRaw finds ../shared/datasets/raw beside the checkout (the root of
// the toolkit is two levels up from this module), or $SOLIDARITY_SHARED_RAW.
func sharedRaw() (string, bool) {
	dir := os.Getenv("SOLIDARITY_SHARED_RAW")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "datasets", "raw")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir, false
	}
	st, err := os.Stat(abs)
	return abs, err == nil && st.IsDir()
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// compareJSON checks that got has exactly want's keys and values, numbers
// within tolerance (relative above 1), and returns the largest difference.
func compareJSON(t *testing.T, name string, got, want []byte) float64 {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: beam report is not JSON: %v\n%s", name, err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	var walk func(path string, g, w any)
	walk = func(path string, g, w any) {
		switch wv := w.(type) {
		case map[string]any:
			gv, ok := g.(map[string]any)
			if !ok {
				t.Errorf("%s: %s = %v, want an object", name, path, g)
				return
			}
			keys := map[string]bool{}
			for k := range wv {
				keys[k] = true
			}
			for k := range gv {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				walk(path+"."+k, gv[k], wv[k])
			}
		case []any:
			gv, ok := g.([]any)
			if !ok || len(gv) != len(wv) {
				t.Errorf("%s: %s = %v, want %v", name, path, g, w)
				return
			}
			for i := range wv {
				walk(fmt.Sprintf("%s[%d]", path, i), gv[i], wv[i])
			}
		case float64:
			gv, ok := g.(float64)
			if !ok {
				t.Errorf("%s: %s = %v, want %v", name, path, g, w)
				return
			}
			d := math.Abs(gv - wv)
			if math.Abs(wv) > 1 {
				d /= math.Abs(wv)
			}
			worst = math.Max(worst, d)
			if d > tolerance {
				t.Errorf("%s: %s = %v, want %v (difference %.3g)", name, path, gv, wv, d)
			}
		default:
			if fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("%s: %s = %v, want %v", name, path, g, w)
			}
		}
	}
	walk("", g, w)
	return worst
}
