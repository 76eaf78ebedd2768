package duckdb

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/algosolidarity/toolkit/internal/sharednets"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// writeParquet writes one record batch to path.
func writeParquet(t testing.TB, path string, rec arrow.RecordBatch) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(rec.Schema(), f, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// inputOf writes the tables of n to Parquet in dir and returns the Input
// that reads them back.
func inputOf(t testing.TB, n *network.Network, dir string) Input {
	t.Helper()
	in := Input{Edges: filepath.Join(dir, "edges.parquet"), Undirected: !n.Directed(), Columns: n.Columns()}
	writeParquet(t, in.Edges, n.Edges())
	if n.Nodes() != nil {
		in.Nodes = filepath.Join(dir, "nodes.parquet")
		writeParquet(t, in.Nodes, n.Nodes())
	}
	return in
}

// agree checks the DuckDB report against the in-memory core's through
// their JSON, every number to tol.
func agree(t *testing.T, db *DB, name string, n *network.Network, in Input, opt Options, tol float64) {
	t.Helper()
	want, err := stats.Compute(n, stats.Options{Attr: opt.Attr, Weighted: opt.Weighted, DegreeModes: opt.DegreeModes})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Stats(context.Background(), in, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got.Source = want.Source
	var g, w any
	for _, x := range []struct {
		r   *stats.Report
		out *any
	}{{got, &g}, {want, &w}} {
		b, err := json.Marshal(x.r)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, x.out); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range mergeable.Diff("", g, w, tol) {
		t.Errorf("%s %+v: %s", name, opt, d)
	}
	t.Logf("%s %+v: largest relative difference %.2g", name, opt, maxDiff(g, w))
}

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(Config{MemoryLimit: "1GB", TempDir: t.TempDir(), Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestSharedDatasets: every shared data set, written to Parquet, gives
// the in-memory core's report to 1e-9.
func TestSharedDatasets(t *testing.T) {
	db := openTest(t)
	for _, c := range sharednets.Cases {
		t.Run(c.Name, func(t *testing.T) {
			n := c.Load(t)
			defer n.Release()
			in := inputOf(t, n, t.TempDir())
			agree(t, db, c.Name, n, in, Options{Attr: c.Attr, DegreeModes: n.Directed()}, 1e-9)
			if c.Attr != "" {
				agree(t, db, c.Name, n, in, Options{Attr: c.Attr, Weighted: true}, 1e-9)
			}
		})
	}
}

// maxDiff is the largest difference between two decoded JSON values,
// relative to max(1, |want|), over the numbers they share.
func maxDiff(got, want any) float64 {
	var m float64
	switch w := want.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for k, v := range w {
			m = max(m, maxDiff(g[k], v))
		}
	case []any:
		g, _ := got.([]any)
		for i := range w {
			if i < len(g) {
				m = max(m, maxDiff(g[i], w[i]))
			}
		}
	case float64:
		if g, ok := got.(float64); ok {
			m = abs(g-w) / max(1, abs(w))
		}
	}
	return m
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
