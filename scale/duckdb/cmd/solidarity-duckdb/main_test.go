package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

func TestStatsCSV(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "edges.csv"), []byte("source,target\n1,2\n2,1\n2,3\n3,3\n1,2\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "nodes.csv"), []byte("id,group\n1,a\n2,b\n3,a\n4,b\n"), 0o644)
	var out, errOut bytes.Buffer
	err := run(context.Background(), &cmdutil.IO{Out: &out, Err: &errOut}, []string{"stats",
		"--edges", filepath.Join(dir, "*.csv"), "--edges-format", "csv", "--nodes", filepath.Join(dir, "nodes.csv"), "--attr", "group", "--json", "--memory-limit", "200MB"})
	if err == nil || !strings.Contains(err.Error(), "source") {
		// The glob also matches nodes.csv, which has no source column.
		t.Fatalf("glob over both files: err %v, want a missing-column error", err)
	}
	out.Reset()
	err = run(context.Background(), &cmdutil.IO{Out: &out, Err: &errOut}, []string{"stats",
		"--edges", filepath.Join(dir, "edges.csv"), "--nodes", filepath.Join(dir, "nodes.csv"), "--attr", "group", "--json", "--memory-limit", "200MB"})
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Nodes, Edges, SelfLoops int
		Reciprocity             struct{ Edge float64 }
		Homophily               struct{ Groups int }
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	// 4 nodes, 5 records, arcs 1->2, 2->1, 2->3: r = 2/3.
	if r.Nodes != 4 || r.Edges != 5 || r.Homophily.Groups != 2 || r.Reciprocity.Edge < 0.666 || r.Reciprocity.Edge > 0.667 {
		t.Errorf("report %+v\n%s", r, out.String())
	}
	if !strings.Contains(out.String(), `"self_loops": 1`) || !strings.Contains(out.String(), `"parallel_edges": 1`) {
		t.Errorf("want one loop and one parallel record:\n%s", out.String())
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"stats"},
		{"stats", "--edges", "x.csv", "--permutations", "10"},
		{"stats", "--edges", "x.csv", "--directed", "--undirected"},
	} {
		err := run(context.Background(), &cmdutil.IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, args)
		if cmdutil.ExitCode(err) != 2 {
			t.Errorf("%q: err %v, want a usage error", args, err)
		}
	}
	err := run(context.Background(), &cmdutil.IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, []string{"stats", "--edges", "/nonexistent/*.parquet"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(err.Error(), "nonexistent") {
		t.Errorf("missing file: %v", err)
	}
	err = run(context.Background(), &cmdutil.IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, []string{"stats", "--edges", "x.csv", "--memory-limit", "lots"})
	if err == nil || !strings.Contains(err.Error(), "lots") {
		t.Errorf("bad memory limit: %v", err)
	}
}
