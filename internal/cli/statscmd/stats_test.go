package statscmd

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/internal/shareddata"
)

func run(t *testing.T, args ...string) (map[string]any, string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, args)
	if err != nil {
		t.Fatalf("stats %v: %v\n%s", args, err, errb.String())
	}
	if !strings.Contains(strings.Join(args, " "), "--json") {
		return nil, out.String()
	}
	var m map[string]any
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatalf("stats %v: output is not JSON: %v\n%s", args, err, out.String())
	}
	return m, out.String()
}

// The keys of issue 3's JSON contract, checked on the embedded default.
func TestJSONContractKeys(t *testing.T) {
	m, _ := run(t, "--attr", "group", "--json")
	for _, k := range []string{"nodes", "edges", "directed", "self_loops", "simple_edges", "reciprocity", "degree_assortativity", "homophily"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	rec := m["reciprocity"].(map[string]any)
	for _, k := range []string{"edge", "dyad_ratio", "rho", "weighted", "dyads"} {
		if _, ok := rec[k]; !ok {
			t.Errorf("missing key reciprocity.%s", k)
		}
	}
	d := rec["dyads"].(map[string]any)
	n := m["nodes"].(float64)
	if got := d["mutual"].(float64) + d["asymmetric"].(float64) + d["null"].(float64); got != n*(n-1)/2 {
		t.Errorf("dyad census sums to %v, want N(N-1)/2 = %v", got, n*(n-1)/2)
	}
	h := m["homophily"].(map[string]any)
	for _, k := range []string{"attribute", "groups", "missing_nodes", "assortativity", "assortativity_se", "ei", "mixing", "coleman"} {
		if _, ok := h[k]; !ok {
			t.Errorf("missing key homophily.%s", k)
		}
	}
	mix := h["mixing"].(map[string]any)
	if len(mix["labels"].([]any)) != 3 || len(mix["counts"].([]any)) != 3 {
		t.Errorf("mixing = %v, want 3 groups", mix)
	}
	// Counts from datasets/README.md: 300 nodes, 2812 records, 5 loops,
	// 1240 distinct non-loop arcs, 6 nodes without a group.
	if m["nodes"] != 300.0 || m["edges"] != 2812.0 || m["self_loops"] != 5.0 || m["simple_edges"] != 1240.0 || h["missing_nodes"] != 6.0 {
		t.Errorf("counts %v %v %v %v %v", m["nodes"], m["edges"], m["self_loops"], m["simple_edges"], h["missing_nodes"])
	}
}

// Without --attr homophily is null; undirected networks have null
// reciprocity with a reason.
func TestNulls(t *testing.T) {
	m, _ := run(t, "--json")
	if m["homophily"] != nil {
		t.Errorf("homophily = %v without --attr, want null", m["homophily"])
	}
	m, _ = run(t, "--json", "--undirected")
	if m["reciprocity"] != nil || m["directed"] != false {
		t.Errorf("undirected: reciprocity = %v, directed = %v", m["reciprocity"], m["directed"])
	}
	if r, _ := m["reasons"].(map[string]any); r["reciprocity"] == nil {
		t.Errorf("no reason for the null reciprocity: %v", m["reasons"])
	}
}

// One group only: assortativity is undefined, written as null with a reason.
func TestUndefinedIsNullWithReason(t *testing.T) {
	dir := t.TempDir()
	edges := filepath.Join(dir, "e.csv")
	nodes := filepath.Join(dir, "n.csv")
	os.WriteFile(edges, []byte("source,target\n1,2\n2,3\n3,1\n"), 0o644)
	os.WriteFile(nodes, []byte("id,party\n1,x\n2,x\n3,x\n"), 0o644)
	m, _ := run(t, "--edges", edges, "--nodes", nodes, "--attr", "party", "--json")
	h := m["homophily"].(map[string]any)
	if h["assortativity"] != nil {
		t.Errorf("assortativity = %v with one group, want null", h["assortativity"])
	}
	reasons, _ := m["reasons"].(map[string]any)
	if _, ok := reasons["homophily.assortativity"]; !ok {
		t.Errorf("reasons = %v, want homophily.assortativity", reasons)
	}
	// A 3-cycle has no mutual dyad: r = 0 exactly (hand computation).
	if r := m["reciprocity"].(map[string]any)["edge"]; r != 0.0 {
		t.Errorf("edge reciprocity of a 3-cycle = %v, want 0", r)
	}
}

// Polblogs by leaning through the registry and the offline mirror: the
// classic result. Expected values are networkx 2.8.8's
// attribute_assortativity_coefficient (= igraph 0.10.2's
// assortativity_nominal) on the simple directed graph, from
// solidarity/homophily/testdata/golden.json, and igraph's reciprocity().
func TestPolblogsThroughMirror(t *testing.T) {
	dir, ok := shareddata.SharedRawDir()
	if !ok {
		shareddata.Skipf(t, "public data sets not found at %s", dir)
	}
	m, _ := run(t, "--dataset", "polblogs", "--attr", "value", "--json", "--mirror", dir, "--cache", t.TempDir())
	if m["nodes"] != 1490.0 || m["edges"] != 19090.0 || m["self_loops"] != 3.0 {
		t.Errorf("polblogs counts %v %v %v, want 1490 19090 3 (SOURCE.md)", m["nodes"], m["edges"], m["self_loops"])
	}
	r := m["homophily"].(map[string]any)["assortativity"].(float64)
	if math.Abs(r-0.8228968094886694) > 1e-9 {
		t.Errorf("polblogs assortativity %v, want 0.8228968094886694", r)
	}
	if d := m["degree_assortativity"].(float64); math.Abs(d-(-0.23089103959474847)) > 1e-9 {
		t.Errorf("polblogs out-in degree assortativity %v, want -0.23089103959474847", d)
	}
}

func TestUsageErrors(t *testing.T) {
	var out, errb bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &errb}
	for _, args := range [][]string{
		{"--permutations", "10"},
		{"--dataset", "x", "--edges", "y"},
		{"--directed", "--undirected"},
		{"stray"},
	} {
		if err := Run(context.Background(), io, args); cmdutil.ExitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, cmdutil.ExitCode(err), err)
		}
	}
	if err := Run(context.Background(), io, []string{"--edges", "/nonexistent.csv"}); cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "/nonexistent.csv") {
		t.Errorf("missing file: %v", err)
	}
}

// --degree-modes adds the other three directed degree assortativities; the
// out-in one is the same number either way.
func TestDegreeModes(t *testing.T) {
	plain, _ := run(t, "--json")
	m, _ := run(t, "--json", "--degree-modes")
	modes, _ := m["degree_assortativity_modes"].(map[string]any)
	if len(modes) != 4 {
		t.Fatalf("modes = %v, want 4", modes)
	}
	if _, ok := plain["degree_assortativity_modes"]; ok {
		t.Errorf("modes present without --degree-modes")
	}
	if oi := modes["out-in"].(map[string]any)["r"]; oi != plain["degree_assortativity"] || oi != m["degree_assortativity"] {
		t.Errorf("out-in %v, degree_assortativity %v / %v", oi, plain["degree_assortativity"], m["degree_assortativity"])
	}
}
