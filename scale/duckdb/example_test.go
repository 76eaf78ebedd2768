package duckdb_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/scale/duckdb"
)

// Stats over a CSV file: three people, one reciprocated pair, a parallel
// record and a self-loop, under a memory limit.
func Example() {
	dir, _ := os.MkdirTemp("", "duckdb-example-")
	defer os.RemoveAll(dir)
	edges := filepath.Join(dir, "edges.csv")
	os.WriteFile(edges, []byte("source,target\nann,bob\nbob,ann\nbob,cat\ncat,cat\nann,bob\n"), 0o644)
	db, err := duckdb.Open(duckdb.Config{MemoryLimit: "100MB", Threads: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	r, err := db.Stats(context.Background(), duckdb.Input{Edges: edges}, duckdb.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d nodes, %d records, %d loop, %d parallel, %d arcs\n",
		r.Load.Nodes, r.Load.EdgeRecords, r.Load.SelfLoops, r.Load.ParallelEdges, r.Load.SimpleEdges)
	fmt.Printf("reciprocity %.4f, rho %.4f, dyads %+v\n", r.Reciprocity.Edge, r.Reciprocity.Rho, r.Reciprocity.Dyads)
	// Output:
	// 3 nodes, 5 records, 1 loop, 1 parallel, 3 arcs
	// reciprocity 0.6667, rho 0.3333, dyads {Mutual:1 Asymmetric:1 Null:1}
}
