package duckdb

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// TestScale runs the benchmark network of bench/gendata (N = arcs/10 nodes
// in 4 groups, planted homophily and reciprocity) through DuckDB under a
// memory limit, and, with SOLIDARITY_SCALE_CORE=1, through the in-memory
// core, checking agreement to 1e-9 and printing both timings. It is a
// measurement, not part of the default run:
//
//	SOLIDARITY_SCALE_ARCS=10000000 SOLIDARITY_SCALE_CORE=1 go test -run TestScale -v -timeout 1h .
//	SOLIDARITY_SCALE_ARCS=100000000 SOLIDARITY_SCALE_MEM=2GB SOLIDARITY_SCALE_DIR=/work/tmp/s100m go test -run TestScale -v -timeout 2h .
//
// SOLIDARITY_SCALE_DIR keeps the generated files for another run (delete
// them afterwards); by default they go to a test temp directory.
func TestScale(t *testing.T) {
	arcs, _ := strconv.Atoi(os.Getenv("SOLIDARITY_SCALE_ARCS"))
	if arcs <= 0 {
		t.Skip("set SOLIDARITY_SCALE_ARCS (e.g. 10000000) to run the scale measurement")
	}
	mem := os.Getenv("SOLIDARITY_SCALE_MEM")
	if mem == "" {
		mem = "2GB"
	}
	dir := os.Getenv("SOLIDARITY_SCALE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	nodes := arcs / 10
	edgesPQ, nodesPQ := filepath.Join(dir, "edges.parquet"), filepath.Join(dir, "nodes.parquet")
	edgesCSV, nodesCSV := filepath.Join(dir, "edges.csv"), filepath.Join(dir, "nodes.csv")
	core := os.Getenv("SOLIDARITY_SCALE_CORE") == "1"
	if _, err := os.Stat(edgesPQ); err != nil || (core && !exists(edgesCSV)) {
		start := time.Now()
		cmd := exec.Command("go", "run", "./bench/gendata", "-nodes", strconv.Itoa(nodes), "-arcs", strconv.Itoa(arcs), "-out", dir)
		cmd.Dir = shareddata.RepoRoot()
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("gendata: %v", err)
		}
		os.Remove(filepath.Join(dir, "edges.txt"))
		os.Remove(filepath.Join(dir, "groups.txt"))
		t.Logf("generated %d arcs in %v", arcs, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		db := openTest(t)
		for _, c := range [][2]string{{edgesCSV, edgesPQ}, {nodesCSV, nodesPQ}} {
			q := fmt.Sprintf("COPY (SELECT * FROM read_csv(%s, header = true)) TO %s (FORMAT parquet, ROW_GROUP_SIZE 1000000)", quote(c[0]), quote(c[1]))
			if err := db.exec(context.Background(), q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if !core {
			os.Remove(edgesCSV)
		}
		t.Logf("converted to Parquet in %v", time.Since(start).Round(time.Millisecond))
	}
	in := Input{Edges: edgesPQ, Nodes: nodesPQ}
	opt := Options{Attr: "group"}
	var stages []string
	last := time.Now()
	stage := ""
	cfg := Config{MemoryLimit: mem, TempDir: t.TempDir(), Progress: func(s string) {
		if stage != "" {
			stages = append(stages, fmt.Sprintf("%s %.1fs", stage, time.Since(last).Seconds()))
		}
		stage, last = s, time.Now()
	}}
	db, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cpu0 := cpuTime()
	got, err := db.Stats(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	stages = append(stages, fmt.Sprintf("%s %.1fs", stage, time.Since(last).Seconds()))
	took := time.Since(start)
	db.Close()
	t.Logf("duckdb: %d records, %d arcs, %d nodes under memory_limit=%s: %v wall, %v CPU (peak RSS of the test process %s)",
		got.Load.EdgeRecords, got.Load.SimpleEdges, got.Load.Nodes, mem, took.Round(time.Millisecond), (cpuTime() - cpu0).Round(time.Millisecond), peakRSS())
	t.Logf("duckdb stages: %s", strings.Join(stages, ", "))
	t.Logf("duckdb: r = %.6f, rho = %.6f, degree r = %.6f, assortativity = %.6f ± %.6f",
		got.Reciprocity.Edge, got.Reciprocity.Rho, got.DegreeAssortativity.R, got.Homophily.Assortativity, got.Homophily.AssortativitySE)
	if !core {
		return
	}
	start = time.Now()
	n, err := formats.Read(edgesCSV, formats.Options{NodesPath: nodesCSV})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	loaded := time.Since(start)
	start = time.Now()
	cpu0 = cpuTime()
	want, err := stats.Compute(n, stats.Options{Attr: "group"})
	if err != nil {
		t.Fatal(err)
	}
	computed := time.Since(start)
	t.Logf("core: load CSV %v, compute %v wall, %v CPU (peak RSS %s)", loaded.Round(time.Millisecond), computed.Round(time.Millisecond),
		(cpuTime() - cpu0).Round(time.Millisecond), peakRSS())
	got.Source = want.Source
	var g, w any
	for _, x := range []struct {
		r   *stats.Report
		out *any
	}{{got, &g}, {want, &w}} {
		b, _ := json.Marshal(x.r)
		json.Unmarshal(b, x.out)
	}
	for _, d := range mergeable.Diff("", g, w, 1e-9) {
		t.Errorf("%s", d)
	}
	t.Logf("agreement: largest relative difference %.2g", maxDiff(g, w))
}

// cpuTime is the process's user+system CPU time: on a shared machine it
// says more about the work done than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// peakRSS reads the process's peak resident memory (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "unknown"
}
