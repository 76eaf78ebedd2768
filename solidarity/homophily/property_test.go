package homophily

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/generate"
)

// randomGraph draws m arcs over n nodes in k groups (loops and repeats
// included, to exercise the merging rule), seeded.
func randomGraph(seed uint64, n, m, k int) (src, dst []int64, groups []string) {
	rng := rand.New(rand.NewPCG(seed, 1))
	groups = make([]string, n)
	for i := range groups {
		groups[i] = fmt.Sprint(rng.IntN(k))
	}
	for e := 0; e < m; e++ {
		u := rng.IntN(n)
		v := rng.IntN(n)
		if rng.Float64() < 0.6 && groups[u] != groups[v] { // some homophily
			v = rng.IntN(n)
		}
		src, dst = append(src, int64(u)), append(dst, int64(v))
	}
	return
}

// Relabelling nodes (a permutation of the ids, and of the edge order)
// changes no index.
func TestRelabelInvariance(t *testing.T) {
	for _, directed := range []bool{true, false} {
		src, dst, groups := randomGraph(7, 200, 1500, 3)
		a := Must(Summarize(build(t, directed, src, dst, groups, nil), "group", Options{}))
		perm := rand.New(rand.NewPCG(8, 8)).Perm(len(groups))
		g2 := make([]string, len(groups))
		for i, p := range perm {
			g2[p] = groups[i]
		}
		s2, d2 := make([]int64, len(src)), make([]int64, len(dst))
		order := rand.New(rand.NewPCG(9, 9)).Perm(len(src))
		for i, o := range order {
			s2[i], d2[i] = int64(perm[src[o]]), int64(perm[dst[o]])
		}
		b := Must(Summarize(build(t, directed, s2, d2, g2, nil), "group", Options{}))
		same := func(what string, x, y float64) {
			if math.Abs(x-y) > 1e-12 {
				t.Errorf("directed=%v %s: %v vs %v after relabelling", directed, what, x, y)
			}
		}
		same("r", a.Assortativity, b.Assortativity)
		same("se", a.AssortativitySE, b.AssortativitySE)
		same("ei", a.EI, b.EI)
		same("freeman", a.Freeman, b.Freeman)
		same("orwg", a.ORWG, b.ORWG)
		for l := range a.Coleman {
			same("coleman "+l, a.Coleman[l], b.Coleman[l])
		}
		for i := range a.Mixing.Counts {
			for j := range a.Mixing.Counts[i] {
				if a.Mixing.Counts[i][j] != b.Mixing.Counts[i][j] {
					t.Errorf("mixing changed after relabelling")
				}
			}
		}
	}
}

// Must is a test helper for (value, error) pairs.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Reversing every arc transposes the mixing matrix and keeps r and its
// error; see below for degree assortativity.
func TestReverseKeepsR(t *testing.T) {
	src, dst, groups := randomGraph(11, 150, 1200, 4)
	a := build(t, true, src, dst, groups, nil)
	b := build(t, true, dst, src, groups, nil)
	sa := Must(Summarize(a, "group", Options{}))
	sb := Must(Summarize(b, "group", Options{}))
	approx(t, "r reversed", sb.Assortativity, sa.Assortativity, 1e-12)
	approx(t, "se reversed", sb.AssortativitySE, sa.AssortativitySE, 1e-12)
	approx(t, "E-I reversed", sb.EI, sa.EI, 1e-12)
	na := Must(NumericAssortativity(a, "x", false))
	nb := Must(NumericAssortativity(b, "x", false))
	approx(t, "numeric r reversed", nb.R, na.R, 1e-12)
	// Arc u→v becomes v→u: out-in pairs (out u, in v) become (in v, out u),
	// the same pairs swapped, so out-in and in-out are unchanged while
	// out-out and in-in trade places.
	for _, m := range [][2]DegreeMode{{OutIn, OutIn}, {InOut, InOut}, {OutOut, InIn}, {InIn, OutOut}} {
		da := Must(DegreeAssortativity(a, m[0]))
		db := Must(DegreeAssortativity(b, m[1]))
		approx(t, fmt.Sprintf("degree %s vs reversed %s", m[0], m[1]), db.R, da.R, 1e-12)
	}
}

// Complete bipartite graph between two groups: every tie crosses, r = −1
// (directed and undirected); fully segregated cliques: r = 1.
func TestExtremes(t *testing.T) {
	var src, dst []int64
	groups := []string{"a", "a", "a", "b", "b", "b", "b"}
	for i := 0; i < 3; i++ {
		for j := 3; j < 7; j++ {
			src, dst = append(src, int64(i)), append(dst, int64(j))
		}
	}
	for _, directed := range []bool{false, true} {
		s := Must(Summarize(build(t, directed, append(src, dst...), append(dst, src...), groups, nil), "group", Options{}))
		approx(t, fmt.Sprintf("bipartite r (directed=%v)", directed), s.Assortativity, -1, 1e-12)
		approx(t, "bipartite E-I", s.EI, 1, 1e-12)
	}
	src, dst = nil, nil
	for _, block := range [][2]int{{0, 3}, {3, 7}} {
		for i := block[0]; i < block[1]; i++ {
			for j := i + 1; j < block[1]; j++ {
				src, dst = append(src, int64(i)), append(dst, int64(j))
			}
		}
	}
	s := Must(Summarize(build(t, false, src, dst, groups, nil), "group", Options{}))
	approx(t, "segregated r", s.Assortativity, 1, 1e-12)
	approx(t, "segregated E-I", s.EI, -1, 1e-12)
	approx(t, "segregated Freeman", s.Freeman, 1, 1e-12)
	for l, c := range s.Coleman {
		approx(t, "segregated Coleman "+l, c, 1, 1e-12)
	}
	for l, c := range s.Inbreeding {
		approx(t, "segregated inbreeding "+l, c, 1, 1e-12)
	}
}

// The jackknife's O(1) updates agree with recomputing r from a rebuilt
// graph without each edge (the slow way), weighted and not.
func TestJackknifeMatchesRebuild(t *testing.T) {
	for _, directed := range []bool{true, false} {
		for _, weighted := range []bool{false, true} {
			src, dst, groups := randomGraph(21, 40, 150, 3)
			var w []float64
			if weighted {
				rng := rand.New(rand.NewPCG(3, 3))
				for range src {
					w = append(w, 0.5+rng.Float64())
				}
			}
			n := build(t, directed, src, dst, groups, w)
			s := Must(Summarize(n, "group", Options{Weighted: weighted}))
			sim := n.Simple()
			cat := Must(n.Categories("group"))
			var v float64
			for u := 0; u < sim.N; u++ {
				for e := sim.OutStart[u]; e < sim.OutStart[u+1]; e++ {
					x := sim.OutNbr[e]
					if !directed && int(x) < u {
						continue
					}
					// Rebuild the mixing matrix without this edge.
					m := make([][]float64, cat.Groups())
					for i := range m {
						m[i] = make([]float64, cat.Groups())
					}
					for p := 0; p < sim.N; p++ {
						for f := sim.OutStart[p]; f < sim.OutStart[p+1]; f++ {
							q := sim.OutNbr[f]
							if (p == u && q == x) || (!directed && p == int(x) && int(q) == u) {
								continue
							}
							ww := 1.0
							if weighted {
								ww = sim.OutW[f]
							}
							m[cat.Codes[p]][cat.Codes[q]] += ww
						}
					}
					ri, _ := AssortativityFromMixing(m)
					v += (ri - s.Assortativity) * (ri - s.Assortativity)
				}
			}
			approx(t, fmt.Sprintf("jackknife directed=%v weighted=%v", directed, weighted), s.AssortativitySE, math.Sqrt(v), 1e-10)
		}
	}
}

// The permutation test gives the same null distribution for any GOMAXPROCS.
func TestPermutationDeterministic(t *testing.T) {
	src, dst, groups := randomGraph(5, 300, 2000, 3)
	n := build(t, true, src, dst, groups, nil)
	run := func(procs int) *Permutation {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		var calls, last int
		p := Must(PermutationTest(n, "group", PermutationOptions{Permutations: 200, Seed: 42,
			Progress: func(done, total int) { calls++; last = done }}))
		if calls == 0 || last != 200 {
			t.Errorf("progress called %d times, last %d", calls, last)
		}
		return p
	}
	a, b := run(1), run(4)
	for i := range a.Null {
		if a.Null[i] != b.Null[i] {
			t.Fatalf("permutation %d: %v with 1 proc, %v with 4", i, a.Null[i], b.Null[i])
		}
	}
	if a.TwoSided != b.TwoSided || a.Greater != b.Greater {
		t.Error("p-values differ with GOMAXPROCS")
	}
	// With homophily built in, r is far in the upper tail: p = 1/201.
	approx(t, "p greater", a.Greater, 1.0/201, 1e-15)
	approx(t, "p two-sided", a.TwoSided, 2.0/201, 1e-15)
	if q := a.Quantile(0.5); math.Abs(q-a.NullMean) > 3*a.NullSD {
		t.Errorf("null median %v far from mean %v", q, a.NullMean)
	}
}

// expectedR is the assortativity of the expected mixing matrix of a planted
// network: an ordered within-group pair carries an arc with probability
// p' = p + p(1−p)R (drawn, or drawn the other way and returned), so
// E[m_gg] = n_g(n_g−1)·p'_in and E[m_gh] = n_g n_h·p'_out. Undirected:
// R = 0 and both ends are counted, which gives the same matrix.
func expectedR(p generate.Planted) float64 {
	R := p.Reciprocity
	if !p.Directed {
		R = 0
	}
	pin := p.PIn + p.PIn*(1-p.PIn)*R
	pout := p.POut + p.POut*(1-p.POut)*R
	k := len(p.Sizes)
	m := make([][]float64, k)
	for g := range m {
		m[g] = make([]float64, k)
		for h := range m[g] {
			ng, nh := float64(p.Sizes[g]), float64(p.Sizes[h])
			if g == h {
				m[g][h] = ng * (ng - 1) * pin
			} else {
				m[g][h] = ng * nh * pout
			}
		}
	}
	r, _ := AssortativityFromMixing(m)
	return r
}

// Planted homophily is recovered: over 5 seeds, |r − E r| < 4 jackknife
// standard errors and < 0.02, for directed (with reciprocation) and
// undirected networks of ~1000 nodes and ~10^4 edges.
func TestPlantedRecovery(t *testing.T) {
	for _, directed := range []bool{true, false} {
		for seed := uint64(1); seed <= 5; seed++ {
			p := generate.Planted{Sizes: []int{200, 300, 500}, PIn: 0.03, POut: 0.006, Reciprocity: 0.3, Directed: directed, Seed: seed}
			n, err := p.Network()
			if err != nil {
				if err.Error() == "generate: not implemented yet" {
					t.Skip("generate.Planted is not implemented yet")
				}
				t.Fatal(err)
			}
			s := Must(Summarize(n, "group", Options{}))
			want := expectedR(p)
			t.Logf("directed=%v seed %d: r = %.4f ± %.4f (jackknife), planted %.4f", directed, seed, s.Assortativity, s.AssortativitySE, want)
			if d := math.Abs(s.Assortativity - want); d > 4*s.AssortativitySE || d > 0.02 {
				t.Errorf("directed=%v seed %d: r = %.4f ± %.4f, planted %.4f", directed, seed, s.Assortativity, s.AssortativitySE, want)
			}
			n.Release()
		}
	}
}

// Without planted homophily (PIn = POut) the permutation p-values are not
// significant more often than chance: over 20 seeds, at most 4 two-sided
// p-values below 0.05 (binomial(20, 0.05): P(X ≥ 5) ≈ 0.003) and their mean
// within 0.5 ± 0.15 (the mean of 20 uniforms has sd 0.065).
func TestPlantedNullPermutation(t *testing.T) {
	var low int
	var sum float64
	const seeds = 20
	for seed := uint64(1); seed <= seeds; seed++ {
		p := generate.Planted{Sizes: []int{100, 150}, PIn: 0.02, POut: 0.02, Directed: true, Seed: 100 + seed}
		n, err := p.Network()
		if err != nil {
			if err.Error() == "generate: not implemented yet" {
				t.Skip("generate.Planted is not implemented yet")
			}
			t.Fatal(err)
		}
		pt := Must(PermutationTest(n, "group", PermutationOptions{Permutations: 199, Seed: seed}))
		if pt.TwoSided < 0.05 {
			low++
		}
		sum += pt.TwoSided
		n.Release()
	}
	t.Logf("null: %d of %d p < 0.05, mean p %.3f", low, seeds, sum/seeds)
	if low > 4 {
		t.Errorf("%d of %d null networks significant at 0.05", low, seeds)
	}
	if mean := sum / seeds; math.Abs(mean-0.5) > 0.15 {
		t.Errorf("mean p-value %.3f under the null, want about 0.5", mean)
	}
}

// The numeric and degree jackknife (O(1) updates, with and without the
// float32 target buffer, with missing values) agree with recomputing the
// Pearson correlation without each edge.
func TestNumericJackknifeMatchesRebuild(t *testing.T) {
	for _, directed := range []bool{true, false} {
		for _, weighted := range []bool{false, true} {
			for _, withMissing := range []bool{false, true} {
				src, dst, groups := randomGraph(31, 40, 160, 4)
				if withMissing {
					groups[3], groups[7] = "", ""
				}
				var w []float64
				if weighted {
					rng := rand.New(rand.NewPCG(4, 4))
					for range src {
						w = append(w, 0.5+rng.Float64())
					}
				}
				n := build(t, directed, src, dst, groups, w)
				sim := n.Simple()
				x := Must(n.Numbers("x"))
				deg := make([]float64, sim.N)
				for i := range deg {
					deg[i] = float64(sim.OutDegree(int32(i)))
				}
				indeg := make([]float64, sim.N)
				for i := range indeg {
					indeg[i] = float64(sim.InDegree(int32(i)))
				}
				brute := func(xs, ys []float64, wt bool) (float64, float64) {
					type ent struct {
						u, v int32
						w    float64
					}
					var es []ent
					for u := int32(0); int(u) < sim.N; u++ {
						out, ow := sim.Out(u)
						for k, v := range out {
							if math.IsNaN(xs[u]) || math.IsNaN(ys[v]) {
								continue
							}
							ww := 1.0
							if wt {
								ww = ow[k]
							}
							es = append(es, ent{u, v, ww})
						}
					}
					corr := func(skipU, skipV int32) float64 {
						var W, X, Y float64
						for _, e := range es {
							if (e.u == skipU && e.v == skipV) || (!directed && e.u == skipV && e.v == skipU) {
								continue
							}
							W += e.w
							X += e.w * xs[e.u]
							Y += e.w * ys[e.v]
						}
						mx, my := X/W, Y/W
						var sxy, sxx, syy float64
						for _, e := range es {
							if (e.u == skipU && e.v == skipV) || (!directed && e.u == skipV && e.v == skipU) {
								continue
							}
							dx, dy := xs[e.u]-mx, ys[e.v]-my
							sxy += e.w * dx * dy
							sxx += e.w * dx * dx
							syy += e.w * dy * dy
						}
						return sxy / math.Sqrt(sxx*syy)
					}
					r := corr(-1, -1)
					var v float64
					for _, e := range es {
						if !directed && e.v < e.u {
							continue
						}
						ri := corr(e.u, e.v)
						v += (ri - r) * (ri - r)
					}
					return r, math.Sqrt(v)
				}
				name := fmt.Sprintf("directed=%v weighted=%v missing=%v", directed, weighted, withMissing)
				num := Must(NumericAssortativity(n, "x", weighted))
				r, se := brute(x, x, weighted)
				approx(t, name+" numeric r", num.R, r, 1e-12)
				approx(t, name+" numeric SE", num.SE, se, 1e-10)
				if !weighted && !withMissing {
					d := Must(DegreeAssortativity(n, OutIn))
					var r, se float64
					if directed {
						r, se = brute(deg, indeg, false)
					} else {
						r, se = brute(deg, deg, false)
					}
					approx(t, name+" degree r", d.R, r, 1e-12)
					approx(t, name+" degree SE", d.SE, se, 1e-10)
				}
			}
		}
	}
}

// Each null value equals r recomputed from scratch on the shuffled codes
// (the test replays the documented generator PCG(Seed, k)), with missing
// values and weights.
func TestPermutationNullValues(t *testing.T) {
	// 3 groups use one-byte codes; 300 groups the int32 path.
	for _, c := range []struct {
		weighted bool
		n, m, k  int
	}{{false, 80, 400, 3}, {true, 80, 400, 3}, {false, 900, 4000, 300}, {true, 900, 4000, 300}} {
		weighted := c.weighted
		src, dst, groups := randomGraph(13, c.n, c.m, c.k)
		groups[5], groups[9] = "", ""
		var w []float64
		if weighted {
			for i := range src {
				w = append(w, 1+float64(i%3))
			}
		}
		n := build(t, true, src, dst, groups, w)
		p := Must(PermutationTest(n, "group", PermutationOptions{Permutations: 20, Seed: 99, Weighted: weighted}))
		cat := Must(n.Categories("group"))
		var who, vals []int32
		for i, c := range cat.Codes {
			if c >= 0 {
				who, vals = append(who, int32(i)), append(vals, c)
			}
		}
		for k := 0; k < 20; k++ {
			perm := append([]int32(nil), vals...)
			rng := rand.New(rand.NewPCG(99, uint64(k)))
			rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			codes := append([]int32(nil), cat.Codes...)
			for i, v := range who {
				codes[v] = perm[i]
			}
			m := Must(MixingFromCodes(n.Simple(), codes, cat.Labels, weighted))
			want, _ := AssortativityFromMixing(m.Matrix())
			approx(t, fmt.Sprintf("k=%d weighted=%v null[%d]", c.k, weighted, k), p.Null[k], want, 1e-12)
		}
	}
}

// NumericPermutationTest: each null value equals the Pearson r recomputed
// on the shuffled values (generator PCG(Seed, k)), with missing values and
// weights, directed and undirected.
func TestNumericPermutationNullValues(t *testing.T) {
	for _, directed := range []bool{true, false} {
		for _, weighted := range []bool{false, true} {
			src, dst, groups := randomGraph(17, 60, 300, 5)
			groups[2], groups[11] = "", ""
			var w []float64
			if weighted {
				for i := range src {
					w = append(w, 1+float64(i%4))
				}
			}
			n := build(t, directed, src, dst, groups, w)
			p := Must(NumericPermutationTest(n, "x", PermutationOptions{Permutations: 15, Seed: 5, Weighted: weighted}))
			x := Must(n.Numbers("x"))
			obs := Must(NumericAssortativity(n, "x", weighted))
			approx(t, "observed", p.Observed, obs.R, 1e-15)
			var who []int32
			var vals []float64
			for i, v := range x {
				if !math.IsNaN(v) {
					who, vals = append(who, int32(i)), append(vals, v)
				}
			}
			for k := 0; k < 15; k++ {
				perm := append([]float64(nil), vals...)
				rng := rand.New(rand.NewPCG(5, uint64(k)))
				rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
				xs := append([]float64(nil), x...)
				for i, v := range who {
					xs[v] = perm[i]
				}
				want := pearsonEdges(n.Simple(), xs, xs, weighted).r
				approx(t, fmt.Sprintf("directed=%v weighted=%v null[%d]", directed, weighted, k), p.Null[k], want, 1e-12)
			}
		}
	}
	// Planted: group label as a number, strong homophily: p = 1/200.
	pl, err := generate.Planted{Sizes: []int{100, 100}, PIn: 0.08, POut: 0.01, Directed: true, Seed: 3}.Network()
	if err != nil {
		t.Fatal(err)
	}
	defer pl.Release()
	// group is a string column ("g0", "g1"); build a numeric copy instead.
	sim := pl.Simple()
	var src, dst []int64
	for u := int32(0); int(u) < sim.N; u++ {
		out, _ := sim.Out(u)
		for _, v := range out {
			src, dst = append(src, int64(u)), append(dst, int64(v))
		}
	}
	cat := Must(pl.Categories("group"))
	groups := make([]string, sim.N)
	for i, c := range cat.Codes {
		groups[i] = fmt.Sprint(c)
	}
	n := build(t, true, src, dst, groups, nil)
	p := Must(NumericPermutationTest(n, "x", PermutationOptions{Permutations: 199, Seed: 1}))
	approx(t, "planted numeric p", p.Greater, 1.0/200, 1e-15)
}
