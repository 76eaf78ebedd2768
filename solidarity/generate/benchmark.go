package generate

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Planted values of the benchmark edge list (see BenchmarkEdgeList).
const (
	// BenchmarkWithin is the probability that a first arc stays inside the
	// source's group.
	BenchmarkWithin = 0.75
	// BenchmarkReturn is the probability that a first arc is followed at
	// once by its return arc.
	BenchmarkReturn = 0.3
)

// BenchmarkEdgeList writes a CSV edge list with the header "source,target"
// and exactly arcs records, over node ids 0..nodes-1, for benchmarks at
// scale (1,000,000 nodes and 10,000,000 arcs take about a second). Node i
// belongs to group i mod groups (BenchmarkNodeList writes that table).
//
// What is planted: records come in events. Each event draws a source u
// uniformly, then a target v != u: with probability BenchmarkWithin a
// uniform node of u's group, otherwise a uniform node of a uniformly chosen
// other group; it writes u,v and, with probability BenchmarkReturn (while
// records remain), v,u. So, up to the rare coincidences of a sparse random
// graph (parallel records, chance returns; under 0.01% at the benchmark
// size), the share of within-group arcs is BenchmarkWithin = 0.75 and the
// edge reciprocity is 2·0.3/(1+0.3) = 0.4615. There are no self-loops.
// Seeded and deterministic.
func BenchmarkEdgeList(w io.Writer, nodes, groups, arcs int, seed uint64) error {
	if nodes < 2 || groups < 1 || groups > nodes || arcs < 0 {
		return fmt.Errorf("generate: BenchmarkEdgeList(nodes=%d, groups=%d, arcs=%d): want nodes >= 2, 1 <= groups <= nodes, arcs >= 0",
			nodes, groups, arcs)
	}
	rng := rand.New(rand.NewPCG(seed, 0xbe7c4))
	size := func(g int) int { return (nodes - g + groups - 1) / groups }
	bw := bufio.NewWriterSize(w, 1<<20)
	buf := make([]byte, 0, 64)
	buf = append(buf, "source,target\n"...)
	if _, err := bw.Write(buf); err != nil {
		return fmt.Errorf("generate: writing the benchmark edge list: %w", err)
	}
	write := func(u, v int) error {
		buf = strconv.AppendInt(buf[:0], int64(u), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(v), 10)
		buf = append(buf, '\n')
		_, err := bw.Write(buf)
		return err
	}
	for k := 0; k < arcs; {
		u := rng.IntN(nodes)
		g := u % groups
		var v int
		if (groups == 1 || rng.Float64() < BenchmarkWithin) && size(g) > 1 {
			for v = u; v == u; {
				v = g + groups*rng.IntN(size(g))
			}
		} else {
			h := rng.IntN(groups - 1)
			if h >= g {
				h++
			}
			v = h + groups*rng.IntN(size(h))
		}
		if err := write(u, v); err != nil {
			return fmt.Errorf("generate: writing the benchmark edge list: %w", err)
		}
		k++
		if k < arcs && rng.Float64() < BenchmarkReturn {
			if err := write(v, u); err != nil {
				return fmt.Errorf("generate: writing the benchmark edge list: %w", err)
			}
			k++
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("generate: writing the benchmark edge list: %w", err)
	}
	return nil
}

// BenchmarkNodeList writes the nodes CSV that goes with BenchmarkEdgeList:
// header "id,group", node i in group "g<i mod groups>".
func BenchmarkNodeList(w io.Writer, nodes, groups int) error {
	if nodes < 0 || groups < 1 {
		return fmt.Errorf("generate: BenchmarkNodeList(nodes=%d, groups=%d): want nodes >= 0, groups >= 1", nodes, groups)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	labels := make([]string, groups)
	for g := range labels {
		labels[g] = "g" + strconv.Itoa(g)
	}
	buf := []byte("id,group\n")
	if _, err := bw.Write(buf); err != nil {
		return fmt.Errorf("generate: writing the benchmark node list: %w", err)
	}
	for i := 0; i < nodes; i++ {
		buf = strconv.AppendInt(buf[:0], int64(i), 10)
		buf = append(buf, ',')
		buf = append(buf, labels[i%groups]...)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("generate: writing the benchmark node list: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("generate: writing the benchmark node list: %w", err)
	}
	return nil
}
