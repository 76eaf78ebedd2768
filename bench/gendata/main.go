// Command gendata writes the seeded benchmark network of issue 3: a directed
// network of N nodes in G equal groups with about M arcs, planted homophily
// (an arc stays in its source's group with probability -within) and
// reciprocity (an arc is returned with probability -reciprocity), in the
// forms each tool in bench/compare reads:
//
//	edges.csv  source,target   (header; the toolkit and DuckDB)
//	nodes.csv  id,group        (header)
//	edges.txt  source target   (0-based, no header; igraph's Read_Edgelist)
//	groups.txt one group per line, in node order (igraph, networkx)
//
// Usage: go run ./bench/gendata -nodes 1000000 -arcs 10000000 -out DIR
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	nodes := flag.Int("nodes", 1_000_000, "number of nodes")
	groups := flag.Int("groups", 4, "number of equal groups")
	arcs := flag.Int("arcs", 10_000_000, "number of arc records (returned arcs included)")
	within := flag.Float64("within", 0.7, "probability an arc stays within its source's group")
	recip := flag.Float64("reciprocity", 0.3, "probability an arc is returned")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output directory")
	flag.Parse()
	if *out == "" || *nodes < *groups || *groups < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*out, *nodes, *groups, *arcs, *within, *recip, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}

func write(dir string, n, g, m int, within, recip float64, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	per := n / g
	group := func(v int) int { return min(v/per, g-1) }
	files := map[string]*bufio.Writer{}
	var closers []*os.File
	for _, name := range []string{"edges.csv", "nodes.csv", "edges.txt", "groups.txt"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		closers = append(closers, f)
		files[name] = bufio.NewWriterSize(f, 1<<20)
	}
	csv, txt := files["edges.csv"], files["edges.txt"]
	csv.WriteString("source,target\n")
	files["nodes.csv"].WriteString("id,group\n")
	for v := 0; v < n; v++ {
		gs := strconv.Itoa(group(v))
		files["nodes.csv"].WriteString(strconv.Itoa(v) + ",g" + gs + "\n")
		files["groups.txt"].WriteString(gs + "\n")
	}
	var buf []byte
	emit := func(u, v int) {
		buf = strconv.AppendInt(buf[:0], int64(u), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(v), 10)
		buf = append(buf, '\n')
		csv.Write(buf)
		buf[len(strconv.Itoa(u))] = ' '
		txt.Write(buf)
	}
	for written := 0; written < m; {
		u := rng.IntN(n)
		var v int
		if rng.Float64() < within {
			gu := group(u)
			lo, hi := gu*per, (gu+1)*per
			if gu == g-1 {
				hi = n
			}
			v = lo + rng.IntN(hi-lo)
		} else {
			v = rng.IntN(n)
		}
		emit(u, v)
		written++
		if written < m && rng.Float64() < recip {
			emit(v, u)
			written++
		}
	}
	for _, w := range files {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	for _, f := range closers {
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
