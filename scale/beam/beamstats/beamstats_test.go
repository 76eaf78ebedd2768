package beamstats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/internal/sharednets"
	"github.com/algosolidarity/toolkit/solidarity"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
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

// datasetCases loads the embedded karate club always, and the shared
// networks (internal/sharednets, from ../shared/datasets/raw) when present,
// through the core; writes each as CSV or Parquet (alternately) and asks
// the same of the pipeline.
func datasetCases(t *testing.T, dir string) []agreeCase {
	type input struct {
		name string
		n    *network.Network
		attr string
	}
	k, err := solidarity.Load("karate")
	if err != nil {
		t.Fatal(err)
	}
	ins := []input{{"karate-embedded", k, "club"}}
	if raw, ok := shareddata.SharedRawDir(); !ok {
		t.Logf("shared networks skipped: public data sets not found at %s (put the project's shared/ folder beside the checkout or set SOLIDARITY_SHARED_RAW)", raw)
	} else {
		for _, c := range sharednets.Cases {
			if !small[c.Name] && os.Getenv("SOLIDARITY_BEAM_ALL") == "" {
				continue
			}
			ins = append(ins, input{c.Name, c.Load(t), c.Attr})
		}
	}
	var out []agreeCase
	for i, in := range ins {
		n := in.n
		edges, nodes := filepath.Join(dir, in.name+"-edges.csv"), filepath.Join(dir, in.name+"-nodes.csv")
		if i%2 == 1 {
			edges, nodes = filepath.Join(dir, in.name+"-edges.parquet"), filepath.Join(dir, in.name+"-nodes.parquet")
			err = formats.WriteParquet(n, edges, nodes)
		} else {
			err = formats.WriteCSV(n, edges, nodes)
		}
		if err != nil {
			t.Fatal(err)
		}
		if n.Nodes() == nil {
			nodes = ""
		}
		r, err := stats.Compute(n, stats.Options{Attr: in.attr, DegreeModes: true})
		if err != nil {
			t.Fatal(err)
		}
		r.Source = in.name
		weight := n.Columns().Weight
		if n.Weights() == nil {
			weight = "-" // the core read no weights: neither must the pipeline
		}
		out = append(out, agreeCase{name: in.name, core: r, opt: Options{
			Edges: edges, Nodes: nodes, Attr: in.attr, Undirected: !n.Directed(), DegreeModes: true, Source: in.name,
			Columns: network.Columns{Weight: weight}}})
		n.Release()
	}
	return out
}

// small are the shared networks the Prism test runs by default; the larger
// ones (bitcoin-otc, CollegeMsg, higgs reply and mention, up to 150k
// records) add minutes on Prism and little the synthetic 100k case does
// not cover: SOLIDARITY_BEAM_ALL=1 runs every shared network.
var small = map[string]bool{
	"karate": true, "polbooks": true, "football": true, "polblogs": true, "email-eu-core": true,
	"classroom": true, "EF3": true, "WhiteKinship": true, "samplk1": true, "lazega-advice": true,
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// compareJSON checks that got has exactly want's keys and values (numbers
// to tolerance·max(1, |want|), mergeable.Diff) and returns the largest
// difference between numbers.
func compareJSON(t *testing.T, name string, got, want []byte) float64 {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: beam report is not JSON: %v\n%s", name, err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	for _, d := range mergeable.Diff("", g, w, tolerance) {
		t.Errorf("%s: %s", name, d)
	}
	return largest(g, w)
}

// largest is the largest difference between two numbers at the same place.
func largest(g, w any) float64 {
	switch wv := w.(type) {
	case map[string]any:
		gv, _ := g.(map[string]any)
		m := 0.0
		for k := range wv {
			m = math.Max(m, largest(gv[k], wv[k]))
		}
		return m
	case []any:
		gv, _ := g.([]any)
		m := 0.0
		for i := range wv {
			if i < len(gv) {
				m = math.Max(m, largest(gv[i], wv[i]))
			}
		}
		return m
	case float64:
		if gv, ok := g.(float64); ok {
			return math.Abs(gv-wv) / math.Max(1, math.Abs(wv))
		}
	}
	return 0
}
