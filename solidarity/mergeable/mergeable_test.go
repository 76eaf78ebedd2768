package mergeable

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/sharednets"
	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// pipeline computes the stats report of n from its raw records through the
// summaries alone, as a distributed run would: records are shuffled and
// cut into parts, every stage is summed per part, and the parts are merged
// in a random order. It is the reference for the DuckDB and Beam paths.
func pipeline(t testing.TB, n *network.Network, attr string, weighted bool, modes bool, rng *rand.Rand, parts int) *stats.Report {
	t.Helper()
	src, dst := n.Endpoints()
	w := n.Weights()
	directed := n.Directed()
	order := rng.Perm(len(src))
	cut := func(m int) []int { // parts+1 random bounds over 0..m
		b := []int{0}
		for k := 1; k < parts; k++ {
			b = append(b, rng.IntN(m+1))
		}
		b = append(b, m)
		for i := 1; i < len(b); i++ { // sort the few bounds
			for j := i; j > 0 && b[j] < b[j-1]; j-- {
				b[j], b[j-1] = b[j-1], b[j]
			}
		}
		return b
	}
	type key struct{ u, v int32 }
	// Stage 1: pair summaries per part, merged.
	var loops int
	pairParts := make([]map[key]Pair, parts)
	b := cut(len(order))
	for p := 0; p < parts; p++ {
		m := map[key]Pair{}
		for _, i := range order[b[p]:b[p+1]] {
			if src[i] == dst[i] {
				loops++
				continue
			}
			u, v, fwd := Orient(src[i], dst[i])
			wt := 1.0
			if w != nil {
				wt = w[i]
			}
			pr := m[key{u, v}]
			if directed {
				pr.Add(fwd, wt)
			} else {
				pr.AddUndirected(wt)
			}
			m[key{u, v}] = pr
		}
		pairParts[p] = m
	}
	pairs := map[key]Pair{}
	for _, p := range rng.Perm(parts) {
		for k, q := range pairParts[p] {
			pr := pairs[k]
			pr.Merge(q)
			pairs[k] = pr
		}
	}
	keys := make([]key, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	N := n.N()
	// Stage 2: node summaries and the pair sums of reciprocity.
	nodes := make([]Node, N)
	recs := make([]Reciprocity, parts)
	b = cut(len(keys))
	var simple int
	for p := 0; p < parts; p++ {
		for _, k := range keys[b[p]:b[p+1]] {
			pr := pairs[k]
			recs[p].AddPair(pr)
			eu, ev := pr.Ends()
			nodes[k.u].Merge(eu)
			nodes[k.v].Merge(ev)
			if directed {
				simple += int(pr.Arcs())
			} else {
				simple++
			}
		}
	}
	b = cut(N)
	for p := 0; p < parts; p++ {
		for i := b[p]; i < b[p+1]; i++ {
			recs[p].AddNode(nodes[i])
		}
	}
	var rec Reciprocity
	for _, p := range rng.Perm(parts) {
		rec.Merge(&recs[p])
	}
	load := Load{Directed: directed, Nodes: N, SelfLoops: loops, Parallel: len(src) - loops - simple}
	rs := rec.Finish(load)
	// Stage 3: degree pairs, per part, merged.
	degree := func(mode homophily.DegreeMode) *homophily.Numeric {
		pick := func(n Node, which string) int64 {
			if which == "out" {
				return n.Out
			}
			return n.In
		}
		xs, ys := "out", "in"
		switch mode {
		case homophily.InIn:
			xs = "in"
		case homophily.OutOut:
			ys = "out"
		case homophily.InOut:
			xs, ys = "in", "out"
		}
		ds := make([]DegreePairs, parts)
		b := cut(len(keys))
		for p := 0; p < parts; p++ {
			for _, k := range keys[b[p]:b[p+1]] {
				pr := pairs[k]
				nu, nv := nodes[k.u], nodes[k.v]
				switch {
				case !directed:
					ds[p].AddEdge(nu.Out, nv.Out, 1)
				default:
					if pr.Forward {
						ds[p].AddArc(pick(nu, xs), pick(nv, ys), 1)
					}
					if pr.Backward {
						ds[p].AddArc(pick(nv, xs), pick(nu, ys), 1)
					}
				}
			}
		}
		var d DegreePairs
		for _, p := range rng.Perm(parts) {
			d.Merge(&ds[p])
		}
		return d.Finish(directed, mode)
	}
	deg := degree(homophily.OutIn)
	var modeMap map[string]*homophily.Numeric
	if modes && directed {
		modeMap = map[string]*homophily.Numeric{string(homophily.OutIn): deg}
		for _, m := range []homophily.DegreeMode{homophily.InIn, homophily.OutOut, homophily.InOut} {
			modeMap[string(m)] = degree(m)
		}
	}
	// Stage 4: mixing, and the weighted jackknife as a second pass.
	var h *homophily.Summary
	if attr != "" {
		cat, err := n.Categories(attr)
		if err != nil {
			t.Fatal(err)
		}
		label := func(i int32) (string, bool) {
			if c := cat.Codes[i]; c >= 0 {
				return cat.Labels[c], true
			}
			return "", false
		}
		ms := make([]Mixing, parts)
		b := cut(N)
		for p := 0; p < parts; p++ {
			for i := b[p]; i < b[p+1]; i++ {
				ms[p].AddNode(label(int32(i)))
			}
		}
		b = cut(len(keys))
		for p := 0; p < parts; p++ {
			for _, k := range keys[b[p]:b[p+1]] {
				pr := pairs[k]
				lu, oku := label(k.u)
				lv, okv := label(k.v)
				for _, arc := range []struct {
					on       bool
					from, to string
					w        float64
				}{{pr.Forward, lu, lv, pr.WForward}, {pr.Backward, lv, lu, pr.WBackward}} {
					switch {
					case !arc.on:
					case oku && okv:
						ms[p].AddArc(arc.from, arc.to, arc.w)
					default:
						ms[p].AddMissing(1)
					}
				}
			}
		}
		var mix Mixing
		for _, p := range rng.Perm(parts) {
			mix.Merge(&ms[p])
		}
		var jk *MixingJackknife
		if weighted {
			matrix, err := mix.Matrix(directed, true)
			if err != nil {
				t.Fatal(err)
			}
			js := make([]*MixingJackknife, parts)
			b = cut(len(keys))
			for p := 0; p < parts; p++ {
				js[p] = NewMixingJackknife(matrix)
				for _, k := range keys[b[p]:b[p+1]] {
					pr := pairs[k]
					lu, oku := label(k.u)
					lv, okv := label(k.v)
					if !oku || !okv {
						continue
					}
					if !directed {
						js[p].AddEdge(lu, lv, pr.WForward, 1)
						continue
					}
					if pr.Forward {
						js[p].AddEdge(lu, lv, pr.WForward, 1)
					}
					if pr.Backward {
						js[p].AddEdge(lv, lu, pr.WBackward, 1)
					}
				}
			}
			jk = NewMixingJackknife(matrix)
			for _, p := range rng.Perm(parts) {
				jk.Merge(js[p])
			}
		}
		h, err = mix.Finish(attr, directed, weighted, jk)
		if err != nil {
			t.Fatal(err)
		}
	}
	var rp = &rs
	return Report(n.Name, n.Report(), rp, deg, modeMap, h)
}

// sameJSON compares two reports through their JSON: every key and string
// equal, every number within tol relative to max(1, |want|).
func sameJSON(t testing.TB, name string, got, want *stats.Report, tol float64) {
	t.Helper()
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
	for _, d := range Diff("", g, w, tol) {
		t.Errorf("%s: %s", name, d)
	}
}

func checkDataset(t *testing.T, name string, n *network.Network, attr string) {
	want := func(weighted, modes bool) *stats.Report {
		r, err := stats.Compute(n, stats.Options{Attr: attr, Weighted: weighted, DegreeModes: modes})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		parts := []int{1, 3, 8}[seed-1]
		for _, weighted := range []bool{false, true} {
			if attr == "" && weighted {
				continue
			}
			modes := seed == 2
			got := pipeline(t, n, attr, weighted, modes, rng, parts)
			sameJSON(t, fmt.Sprintf("%s weighted=%v parts=%d", name, weighted, parts), got, want(weighted, modes), 1e-12)
		}
	}
}

// TestSharedDatasets checks that the summaries, merged in any order and
// partitioning, give the in-memory core's report to 1e-12 on every shared
// data set.
func TestSharedDatasets(t *testing.T) {
	for _, c := range sharednets.Cases {
		t.Run(c.Name, func(t *testing.T) {
			n := c.Load(t)
			defer n.Release()
			checkDataset(t, c.Name, n, c.Attr)
		})
	}
}

// TestPlanted checks directed and undirected planted networks with four
// groups, and one with weights, parallel records, loops and a missing
// value.
func TestPlanted(t *testing.T) {
	for _, directed := range []bool{true, false} {
		g := 500
		p := generate.Planted{Sizes: []int{g, g, g, g}, PIn: 8.0 / float64(g), POut: 2.0 / float64(3*g), Reciprocity: 0.3, Directed: directed, Seed: 3}
		n, err := p.Network()
		if err != nil {
			t.Fatal(err)
		}
		checkDataset(t, fmt.Sprintf("planted directed=%v", directed), n, "group")
		n.Release()
	}
	rng := rand.New(rand.NewPCG(5, 5))
	var src, dst []int64
	var w []float64
	for i := 0; i < 3000; i++ {
		src = append(src, int64(rng.IntN(300)))
		dst = append(dst, int64(rng.IntN(300)))
		w = append(w, float64(rng.IntN(5))+rng.Float64())
	}
	ids := make([]int64, 280) // 20 nodes only in edges
	groups := make([]string, len(ids))
	for i := range ids {
		ids[i] = int64(i)
		if i%17 != 0 {
			groups[i] = []string{"a", "b", "g10", "g2"}[rng.IntN(4)]
		}
	}
	for _, directed := range []bool{true, false} {
		n := build(t, directed, src, dst, w, ids, groups)
		checkDataset(t, fmt.Sprintf("weighted directed=%v", directed), n, "group")
	}
}

// TestDegenerate checks the undefined cases: no arcs, only loops, a star,
// one group.
func TestDegenerate(t *testing.T) {
	for _, c := range []struct {
		name     string
		src, dst []int64
		groups   []string
	}{
		{"only loops", []int64{0, 1}, []int64{0, 1}, []string{"a", "b", "a"}},
		{"one arc", []int64{0}, []int64{1}, []string{"a", "b", "a"}},
		{"star", []int64{0, 0, 0}, []int64{1, 2, 3}, []string{"a", "b", "a", "b"}},
		{"one group", []int64{0, 1, 2, 2}, []int64{1, 2, 0, 1}, []string{"a", "a", "a"}},
		{"mutual pair", []int64{0, 1}, []int64{1, 0}, []string{"a", "b"}},
	} {
		ids := make([]int64, len(c.groups))
		for i := range ids {
			ids[i] = int64(i)
		}
		for _, directed := range []bool{true, false} {
			n := build(t, directed, c.src, c.dst, nil, ids, c.groups)
			checkDataset(t, fmt.Sprintf("%s directed=%v", c.name, directed), n, "group")
		}
	}
}

// build makes a network from records; w may be nil. groups "" is missing.
func build(t testing.TB, directed bool, src, dst []int64, w []float64, ids []int64, groups []string) *network.Network {
	t.Helper()
	mem := memory.NewGoAllocator()
	fields := []arrow.Field{{Name: "source", Type: arrow.PrimitiveTypes.Int64}, {Name: "target", Type: arrow.PrimitiveTypes.Int64}}
	if w != nil {
		fields = append(fields, arrow.Field{Name: "weight", Type: arrow.PrimitiveTypes.Float64})
	}
	b := array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues(src, nil)
	b.Field(1).(*array.Int64Builder).AppendValues(dst, nil)
	if w != nil {
		b.Field(2).(*array.Float64Builder).AppendValues(w, nil)
	}
	edges := b.NewRecordBatch()
	defer edges.Release()
	nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "group", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil))
	defer nb.Release()
	nb.Field(0).(*array.Int64Builder).AppendValues(ids, nil)
	gb := nb.Field(1).(*array.StringBuilder)
	for _, g := range groups {
		if g == "" {
			gb.AppendNull()
		} else {
			gb.Append(g)
		}
	}
	nodes := nb.NewRecordBatch()
	defer nodes.Release()
	n, err := network.New(edges, nodes, directed, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Release)
	return n
}

var _ = math.NaN
