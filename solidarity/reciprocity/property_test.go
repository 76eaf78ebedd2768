package reciprocity

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/generate"
)

// randomRecords draws a messy directed record list: arcs with a planted
// chance of return, parallel records and a few loops, integer weights.
func randomRecords(seed uint64, nodes, records int) (src, dst []int64, w []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	for len(src) < records {
		u, v := rng.Int64N(int64(nodes)), rng.Int64N(int64(nodes))
		src, dst, w = append(src, u), append(dst, v), append(w, float64(1+rng.IntN(5)))
		if rng.Float64() < 0.4 {
			src, dst, w = append(src, v), append(dst, u), append(w, float64(1+rng.IntN(5)))
		}
	}
	return src, dst, w
}

// Relabelling nodes and shuffling record order change nothing; reversing
// every arc keeps r, the dyad census and r^w, and swaps the D/U triads.
func TestProperties(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		src, dst, w := randomRecords(seed, 60, 400)
		base := build(t, true, src, dst, w, nil, nil)
		s0 := Summarize(base)
		t0, _ := TriadCensus(base, nil)

		rng := rand.New(rand.NewPCG(seed, 11))
		perm := rng.Perm(60)
		order := rng.Perm(len(src))
		ps, pd, pw := make([]int64, len(src)), make([]int64, len(src)), make([]float64, len(src))
		for k, o := range order {
			ps[k], pd[k], pw[k] = int64(perm[src[o]])+1000, int64(perm[dst[o]])+1000, w[o]
		}
		relab := build(t, true, ps, pd, pw, nil, nil)
		s1 := Summarize(relab)
		t1, _ := TriadCensus(relab, nil)
		if s1.Edge != s0.Edge || s1.Dyads != s0.Dyads || s1.Weighted != s0.Weighted || s1.Rho != s0.Rho || t1 != t0 {
			t.Errorf("seed %d: relabelling changed the result:\n%+v\n%+v\n%v\n%v", seed, s0, s1, t0, t1)
		}

		rev := build(t, true, dst, src, w, nil, nil)
		s2 := Summarize(rev)
		t2, _ := TriadCensus(rev, nil)
		if s2.Edge != s0.Edge || s2.Dyads != s0.Dyads || s2.Weighted != s0.Weighted {
			t.Errorf("seed %d: reversing changed r, dyads or r^w: %+v vs %+v", seed, s2, s0)
		}
		swap := map[string]string{"021D": "021U", "021U": "021D", "111D": "111U", "111U": "111D", "120D": "120U", "120U": "120D"}
		for _, name := range TriadNames {
			other := name
			if o, ok := swap[name]; ok {
				other = o
			}
			if t2.Count(name) != t0.Count(other) {
				t.Errorf("seed %d: reversed census %s = %d, want original %s = %d", seed, name, t2.Count(name), other, t0.Count(other))
			}
		}
	}
}

// The O(m) census agrees with a brute-force O(N³) count over every triple
// (classes from the same 64-entry code table, which the golden test checks
// against networkx and igraph).
func TestTriadCensusBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		src, dst, _ := randomRecords(seed, 25, 90)
		n := build(t, true, src, dst, nil, nil, nil)
		last := -1
		got, err := TriadCensus(n, func(done, total int) {
			if done < last || total != n.N() {
				t.Errorf("progress %d/%d after %d", done, total, last)
			}
			last = done
		})
		if err != nil {
			t.Fatal(err)
		}
		if last != n.N() {
			t.Errorf("progress ended at %d, want %d", last, n.N())
		}
		s := n.Simple()
		link := func(a, b int32) uint8 {
			if s.HasArc(a, b) {
				return 1
			}
			return 0
		}
		var want Triads
		N := int32(s.N)
		for v := int32(0); v < N; v++ {
			for u := v + 1; u < N; u++ {
				for w := u + 1; w < N; w++ {
					code := link(v, u) | link(u, v)<<1 | link(v, w)<<2 | link(w, v)<<3 | link(u, w)<<4 | link(w, u)<<5
					want[tricodes[code]-1]++
				}
			}
		}
		if got != want {
			t.Errorf("seed %d: census %v, brute force %v", seed, got, want)
		}
	}
}

// Planted parameters are recovered. For a Planted network the expected dyad
// census follows from PIn, POut and Reciprocity (generate.Planted docs);
// the tolerance is four standard deviations of r computed by the delta
// method from the multinomial pair counts (each unordered pair is mutual,
// asymmetric or null independently).
func TestPlantedRecovery(t *testing.T) {
	p := generate.Planted{Sizes: []int{500, 500, 500, 500}, PIn: 0.01, POut: 0.002, Reciprocity: 0.3, Directed: true}
	within := 4 * 500.0 * 499 / 2
	across := 2000.0*1999/2 - within
	type cls struct{ pairs, m, a float64 }
	mk := func(pairs, q float64) cls {
		return cls{pairs, q*q + 2*q*(1-q)*p.Reciprocity, 2 * q * (1 - q) * (1 - p.Reciprocity)}
	}
	classes := []cls{mk(within, p.PIn), mk(across, p.POut)}
	var M, A, vM, vA, cMA float64
	for _, c := range classes {
		M += c.pairs * c.m
		A += c.pairs * c.a
		vM += c.pairs * c.m * (1 - c.m)
		vA += c.pairs * c.a * (1 - c.a)
		cMA -= c.pairs * c.m * c.a
	}
	L := 2*M + A
	rExp := 2 * M / L
	dM, dA := 2*A/(L*L), -2*M/(L*L) // partial derivatives of 2M/(2M+A)
	sd := math.Sqrt(dM*dM*vM + dA*dA*vA + 2*dM*dA*cMA)
	if !near(rExp, p.ExpectedReciprocity(), 1e-12) {
		t.Fatalf("expected r %v, generate says %v", rExp, p.ExpectedReciprocity())
	}
	inR := 2 * classes[0].m / (2*classes[0].m + classes[0].a)
	for seed := uint64(1); seed <= 5; seed++ {
		p.Seed = seed
		n, err := p.Network()
		if err != nil {
			t.Fatal(err)
		}
		s := Summarize(n)
		// The node jackknife is conservative when dyads are independent, as
		// here: each arc leaves with either of its two nodes, which doubles
		// the variance, so SE ≈ √2·sd (0.0060 against 0.0043 on these
		// seeds). Require sd <= SE <= 1.8·sd.
		if s.EdgeSE < sd || s.EdgeSE > 1.8*sd {
			t.Errorf("seed %d: jackknife SE %.5f, delta-method sd %.5f", seed, s.EdgeSE, sd)
		}
		if math.Abs(s.Edge-rExp) > 4*sd {
			t.Errorf("seed %d: r = %.4f, planted %.4f ± %.4f (4 sd)", seed, s.Edge, rExp, 4*sd)
		}
		g, err := ByGroup(n, "group")
		if err != nil {
			t.Fatal(err)
		}
		// Within-group arcs: about 12,900 of them, sd of r about 0.006.
		if math.Abs(g.WithinAll-inR) > 0.025 {
			t.Errorf("seed %d: within-group r = %.4f, planted %.4f", seed, g.WithinAll, inR)
		}
		n.Release()
	}
}

// The O(N) jackknife equals leaving each node out for real and recomputing
// r and rho on the rebuilt network.
func TestJackknifeBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		src, dst, _ := randomRecords(seed, 30, 120)
		n := build(t, true, src, dst, nil, nil, nil)
		s := Summarize(n)
		var rs, ps []float64
		for k := int64(0); k < 30; k++ {
			var ks, kd []int64
			has := false
			for i := range src {
				if src[i] == k || dst[i] == k {
					if src[i] != dst[i] {
						has = true
					}
					continue
				}
				ks, kd = append(ks, src[i]), append(kd, dst[i])
			}
			if !has {
				continue // nodes without arcs are not jackknife units
			}
			// Keep the other nodes (isolated ones too) so N-1 nodes remain.
			var ids []int64
			for i := int64(0); i < 30; i++ {
				present := false
				for j := range src {
					if src[j] == i || dst[j] == i {
						present = true
					}
				}
				if i != k && present {
					ids = append(ids, i)
				}
			}
			sk := Summarize(build(t, true, ks, kd, nil, ids, nil))
			rs, ps = append(rs, sk.Edge), append(ps, sk.Rho)
		}
		se := func(v []float64) float64 {
			m := 0.0
			for _, x := range v {
				m += x
			}
			m /= float64(len(v))
			ss := 0.0
			for _, x := range v {
				ss += (x - m) * (x - m)
			}
			return math.Sqrt(float64(len(v)-1) / float64(len(v)) * ss)
		}
		if !near(s.EdgeSE, se(rs), 1e-10) || !near(s.RhoSE, se(ps), 1e-10) {
			t.Errorf("seed %d: jackknife SE r %.12g rho %.12g, brute force %.12g %.12g", seed, s.EdgeSE, s.RhoSE, se(rs), se(ps))
		}
	}
}
