package network

import (
	"math/rand/v2"
	"sort"
	"testing"
)

// refSimple is the obvious map-based merge the CSR build must equal:
// weight sums (or record counts) per ordered pair, loops dropped.
func refSimple(n int, src, dst []int32, w []float64, directed bool) (out, in []map[int32]float64) {
	out = make([]map[int32]float64, n)
	in = make([]map[int32]float64, n)
	for i := range out {
		out[i], in[i] = map[int32]float64{}, map[int32]float64{}
	}
	for i, u := range src {
		v := dst[i]
		if u == v {
			continue
		}
		x := 1.0
		if w != nil {
			x = w[i]
		}
		out[u][v] += x
		in[v][u] += x
		if !directed {
			out[v][u] += x
			in[u][v] += x
		}
	}
	return out, in
}

func checkRows(t *testing.T, name string, start []int64, nbr []int32, w []float64, ref []map[int32]float64) {
	t.Helper()
	if int(start[len(start)-1]) != len(nbr) || len(w) != len(nbr) {
		t.Fatalf("%s: end %d, %d neighbours, %d weights", name, start[len(start)-1], len(nbr), len(w))
	}
	for u, m := range ref {
		row := nbr[start[u]:start[u+1]]
		if len(row) != len(m) {
			t.Fatalf("%s row %d: %d entries, want %d", name, u, len(row), len(m))
		}
		if !sort.SliceIsSorted(row, func(i, j int) bool { return row[i] < row[j] }) {
			t.Fatalf("%s row %d not sorted: %v", name, u, row)
		}
		for k, v := range row {
			if got, want := w[start[u]+int64(k)], m[v]; got != want {
				t.Fatalf("%s row %d neighbour %d: weight %v, want %v", name, u, v, got, want)
			}
		}
	}
}

// BuildSimple on seeded random records, large enough to run on several
// goroutines, equals the map-based merge: with and without weights,
// directed and undirected, with many parallels and loops or none.
func TestBuildSimpleMatchesMaps(t *testing.T) {
	defer func(v int) { bucketMin = v }(bucketMin)
	bucketMin = 1 << 40
	t.Run("int32 cursors", testBuildSimpleMatchesMaps)
	bucketMin = 0
	t.Run("int32 cursors, bucketed rows and transpose", testBuildSimpleMatchesMaps)
	defer func(v int64) { int32Positions = v }(int32Positions)
	int32Positions = 0
	t.Run("int64 cursors", testBuildSimpleMatchesMaps)
}

func testBuildSimpleMatchesMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct {
		n, m     int
		weighted bool
		directed bool
		distinct bool // no parallel records, no loops
	}{
		{50, 200, false, true, false},
		{2000, 150_000, false, true, false},
		{2000, 150_000, true, true, false},
		{2000, 150_000, false, false, false},
		{2000, 150_000, true, false, false},
		{200_000, 150_000, false, true, true},
		{200_000, 150_000, true, true, true},
		{30, 140_000, false, true, false}, // long unweighted rows: slices.Sort
		{1, 140_000, false, true, false},  // only loops
	} {
		src := make([]int32, 0, c.m)
		dst := make([]int32, 0, c.m)
		seen := map[[2]int32]bool{}
		for len(src) < c.m {
			u, v := int32(rng.IntN(c.n)), int32(rng.IntN(c.n))
			if c.n > 100 && rng.IntN(3) == 0 {
				u = int32(rng.IntN(c.n / 100)) // hubs with long rows
			}
			if c.distinct && (u == v || seen[[2]int32{u, v}]) {
				continue
			}
			seen[[2]int32{u, v}] = true
			src, dst = append(src, u), append(dst, v)
		}
		var w []float64
		if c.weighted {
			w = make([]float64, c.m)
			for i := range w {
				w[i] = float64(1 + rng.IntN(5))
			}
		}
		s := BuildSimple(c.n, src, dst, w, c.directed)
		out, in := refSimple(c.n, src, dst, w, c.directed)
		checkRows(t, "out", s.OutStart, s.OutNbr, s.OutW, out)
		checkRows(t, "in", s.InStart, s.InNbr, s.InW, in)
		loops, edges := 0, 0
		for i := range src {
			if src[i] == dst[i] {
				loops++
			}
		}
		for _, r := range out {
			edges += len(r)
		}
		if !c.directed {
			edges /= 2
		}
		if s.Loops != loops || s.Edges != edges || s.Parallel != c.m-loops-edges {
			t.Errorf("%+v: loops %d edges %d parallel %d, want %d %d %d", c, s.Loops, s.Edges, s.Parallel, loops, edges, c.m-loops-edges)
		}
	}
}
