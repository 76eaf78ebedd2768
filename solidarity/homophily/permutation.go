package homophily

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Permutation is the result of a permutation test of the nominal
// assortativity coefficient.
type Permutation struct {
	Observed     float64   `json:"observed"`
	Permutations int       `json:"permutations"`
	Seed         uint64    `json:"seed"`
	Null         []float64 `json:"-"` // r of each permutation, in permutation order (NaN where undefined)
	NullMean     float64   `json:"null_mean"`
	NullSD       float64   `json:"null_sd"`
	// P-values with the +1 correction (Phipson & Smyth 2010,
	// doi:10.2202/1544-6115.1585): Greater = (1 + #{r_k ≥ r}) / (K + 1),
	// Less = (1 + #{r_k ≤ r}) / (K + 1), TwoSided = min(1, 2·min(Greater, Less)).
	Greater  float64 `json:"p_greater"`
	Less     float64 `json:"p_less"`
	TwoSided float64 `json:"p_two_sided"`
	Reason   string  `json:"reason,omitempty"`
}

// PermutationOptions control PermutationTest.
type PermutationOptions struct {
	Permutations int    // number of shuffles; 0 means 999
	Seed         uint64 // permutation k draws from PCG(Seed, k)
	Weighted     bool   // permute the weighted r
	// Progress, when set, is called with the number of finished
	// permutations and the total, about a hundred times over the run, one
	// call at a time (from worker goroutines).
	Progress func(done, total int)
}

// PermutationTest tests whether the nominal assortativity of attribute attr
// is larger or smaller than chance: it shuffles the observed values over the
// nodes that have one (nodes with a missing value keep it missing, so the
// same edges take part) and recomputes r, keeping the network fixed.
//
// Permutation k uses its own generator, rand.NewPCG(Seed, k), so the null
// distribution and the p-values are identical for any GOMAXPROCS. Work is
// spread over GOMAXPROCS goroutines; each permutation costs one pass over the
// edges.
func PermutationTest(n *network.Network, attr string, opt PermutationOptions) (*Permutation, error) {
	cat, err := n.Categories(attr)
	if err != nil {
		return nil, fmt.Errorf("homophily: %w", err)
	}
	return permutationCodes(n.Simple(), cat.Codes, len(cat.Labels), opt)
}

func permutationCodes(s *network.Simple, codes []int32, k int, opt PermutationOptions) (*Permutation, error) {
	K := opt.Permutations
	if K == 0 {
		K = 999
	}
	if K < 0 {
		return nil, fmt.Errorf("homophily: %d permutations: want a positive number", K)
	}
	out := &Permutation{Permutations: K, Seed: opt.Seed}
	weighted := opt.Weighted
	obs := mixingValue(s, codes, k, weighted)
	out.Observed = obs
	nanAll := func(reason string) (*Permutation, error) {
		out.NullMean, out.NullSD = math.NaN(), math.NaN()
		out.Greater, out.Less, out.TwoSided = math.NaN(), math.NaN(), math.NaN()
		out.Reason = reason
		return out, nil
	}
	if math.IsNaN(obs) {
		return nanAll("the observed assortativity is undefined, so there is nothing to test")
	}
	out.Null = make([]float64, K)
	if small := compact(codes, k); small != nil {
		permuteInto(s, small, missing8, k, weighted, K, opt, out.Null)
	} else {
		permuteInto(s, codes, -1, k, weighted, K, opt, out.Null)
	}
	summarise(out)
	return out, nil
}

// summarise fills the null moments and p-values from out.Observed and out.Null.
func summarise(out *Permutation) {
	obs, K := out.Observed, out.Permutations
	var ge, le, cnt int
	var sum, sumsq float64
	for _, r := range out.Null {
		if math.IsNaN(r) {
			// An undefined permuted r cannot be more extreme; count it
			// against the observed value in both tails (conservative).
			ge++
			le++
			continue
		}
		const eps = 1e-12 // ties up to rounding count as "as extreme"
		if r >= obs-eps {
			ge++
		}
		if r <= obs+eps {
			le++
		}
		cnt++
		sum += r
		sumsq += r * r
	}
	if cnt > 0 {
		out.NullMean = sum / float64(cnt)
		out.NullSD = math.Sqrt(math.Max(0, sumsq/float64(cnt)-out.NullMean*out.NullMean))
	} else {
		out.NullMean, out.NullSD = math.NaN(), math.NaN()
	}
	out.Greater = float64(1+ge) / float64(K+1)
	out.Less = float64(1+le) / float64(K+1)
	out.TwoSided = math.Min(1, 2*math.Min(out.Greater, out.Less))
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) of the defined values of the
// null distribution, by linear interpolation, or NaN when there are none.
func (p *Permutation) Quantile(q float64) float64 {
	var v []float64
	for _, r := range p.Null {
		if !math.IsNaN(r) {
			v = append(v, r)
		}
	}
	if len(v) == 0 || q < 0 || q > 1 || math.IsNaN(q) {
		return math.NaN()
	}
	sort.Float64s(v)
	pos := q * float64(len(v)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(v)-1)
	return v[lo] + (pos-float64(lo))*(v[hi]-v[lo])
}

// permuteInto fills null[p] with r after shuffling the non-missing codes
// with generator PCG(opt.Seed, p).
func permuteInto[C code](s *network.Simple, codes []C, miss C, k int, weighted bool, K int, opt PermutationOptions, null []float64) {
	// Nodes with a value, and the values to shuffle among them.
	var who []int32
	var vals []C
	for i := 0; i < s.N; i++ {
		if codes[i] != miss {
			who = append(who, int32(i))
			vals = append(vals, codes[i])
		}
	}
	// Missing nodes never move, so the edges that count, and each node's
	// number (weight) of them as a source and as a target, are the same in
	// every permutation: the row and column sums of the mixing matrix are
	// node sums, and only the trace needs a pass over the edges.
	dOut := make([]float64, s.N)
	dIn := make([]float64, s.N)
	var M float64
	for u := 0; u < s.N; u++ {
		if codes[u] == miss {
			continue
		}
		for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
			v := s.OutNbr[e]
			if codes[v] == miss {
				continue
			}
			w := 1.0
			if weighted {
				w = s.OutW[e]
			}
			dOut[u] += w
			dIn[v] += w
			M += w
		}
	}
	var mu sync.Mutex
	done := 0
	every := max(1, K/100)
	pool.ForEach(K, pool.Max(0), func() func(p int) {
		buf := make([]C, len(codes))
		copy(buf, codes) // missing entries never change
		perm := make([]C, len(vals))
		a := make([]float64, k)
		b := make([]float64, k)
		return func(p int) {
			copy(perm, vals)
			rng := rand.New(rand.NewPCG(opt.Seed, uint64(p)))
			rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			clear(a)
			clear(b)
			for i, v := range who {
				c := perm[i]
				buf[v] = c
				a[c] += dOut[v]
				b[c] += dIn[v]
			}
			var T float64
			if weighted {
				for u := 0; u < s.N; u++ {
					cu := buf[u]
					if cu == miss {
						continue
					}
					for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
						if buf[s.OutNbr[e]] == cu {
							T += s.OutW[e]
						}
					}
				}
			} else {
				// Branch-free count: with d the 32-bit xor of the two codes
				// widened to 64 bits, (d−1)>>63 is 1 exactly when d = 0.
				// Within/between is a coin flip a branch predictor cannot
				// learn.
				var cnt uint64
				for u := 0; u < s.N; u++ {
					cu := buf[u]
					if cu == miss {
						continue
					}
					for _, v := range s.OutNbr[s.OutStart[u]:s.OutStart[u+1]] {
						d := uint64(uint32(buf[v] ^ cu))
						cnt += (d - 1) >> 63
					}
				}
				T = float64(cnt)
			}
			st := nominal{M: M, T: T, a: a, b: b}
			for g := range a {
				st.S += a[g] * b[g]
			}
			null[p], _ = st.value()
			if opt.Progress != nil {
				mu.Lock()
				done++
				if done%every == 0 || done == K {
					opt.Progress(done, K)
				}
				mu.Unlock()
			}
		}
	})
}

// mixingValue is r of the codes on s, from one pass over the edges.
func mixingValue(s *network.Simple, codes []int32, k int, weighted bool) float64 {
	return mixingValueT(s, codes, -1, k, weighted, make([]float64, k*k))
}

// mixingValueT is r of the codes on s; cells is k*k scratch space.
func mixingValueT[C code](s *network.Simple, codes []C, miss C, k int, weighted bool, cells []float64) float64 {
	clear(cells)
	for u := 0; u < s.N; u++ {
		cu := codes[u]
		if cu == miss {
			continue
		}
		row := int(cu) * k
		for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
			cv := codes[s.OutNbr[e]]
			if cv == miss {
				continue
			}
			if weighted {
				cells[row+int(cv)] += s.OutW[e]
			} else {
				cells[row+int(cv)]++
			}
		}
	}
	m := make([][]float64, k)
	for g := range m {
		m[g] = cells[g*k : (g+1)*k]
	}
	r, _ := newNominal(m).value()
	return r
}

// NumericPermutationTest is PermutationTest for NumericAssortativity: it
// shuffles the values of numeric attribute attr over the nodes that have
// one (NaN and null stay where they are) and recomputes the Pearson r over
// the edges, with the same generators, parallelism, progress and p-values.
// Per permutation it costs one pass over the edges (for Σ x_s x_t; the
// other sums are node sums).
func NumericPermutationTest(n *network.Network, attr string, opt PermutationOptions) (*Permutation, error) {
	x, err := n.Numbers(attr)
	if err != nil {
		return nil, fmt.Errorf("homophily: %w", err)
	}
	K := opt.Permutations
	if K == 0 {
		K = 999
	}
	if K < 0 {
		return nil, fmt.Errorf("homophily: %d permutations: want a positive number", K)
	}
	s := n.Simple()
	weighted := opt.Weighted
	out := &Permutation{Permutations: K, Seed: opt.Seed}
	out.Observed = pearsonEdges(s, x, x, weighted).r
	if math.IsNaN(out.Observed) {
		out.NullMean, out.NullSD = math.NaN(), math.NaN()
		out.Greater, out.Less, out.TwoSided = math.NaN(), math.NaN(), math.NaN()
		out.Reason = "the observed assortativity is undefined, so there is nothing to test"
		return out, nil
	}
	// Values centred on their node mean (r does not change under a shift,
	// and the sums below stay well conditioned).
	var who []int32
	var vals []float64
	var mean float64
	for i, v := range x {
		if !math.IsNaN(v) {
			who = append(who, int32(i))
			vals = append(vals, v)
			mean += v
		}
	}
	mean /= float64(len(vals))
	for i := range vals {
		vals[i] -= mean
	}
	base := make([]float64, len(x))
	for i, v := range x {
		base[i] = v - mean // NaN stays NaN
	}
	// Edges between two known values, and each node's weight of them as a
	// source and as a target: the same in every permutation.
	dOut := make([]float64, s.N)
	dIn := make([]float64, s.N)
	var W float64
	for u := 0; u < s.N; u++ {
		if math.IsNaN(x[u]) {
			continue
		}
		for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
			v := s.OutNbr[e]
			if math.IsNaN(x[v]) {
				continue
			}
			w := 1.0
			if weighted {
				w = s.OutW[e]
			}
			dOut[u] += w
			dIn[v] += w
			W += w
		}
	}
	out.Null = make([]float64, K)
	var mu sync.Mutex
	done := 0
	every := max(1, K/100)
	pool.ForEach(K, pool.Max(0), func() func(p int) {
		buf := append([]float64(nil), base...)
		perm := make([]float64, len(vals))
		return func(p int) {
			copy(perm, vals)
			rng := rand.New(rand.NewPCG(opt.Seed, uint64(p)))
			rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			var m Moments
			m.W = W
			for i, v := range who {
				xv := perm[i]
				buf[v] = xv
				m.X += dOut[v] * xv
				m.XX += dOut[v] * xv * xv
				m.Y += dIn[v] * xv
				m.YY += dIn[v] * xv * xv
			}
			for u := 0; u < s.N; u++ {
				xu := buf[u]
				if math.IsNaN(xu) {
					continue
				}
				var row float64
				for e := s.OutStart[u]; e < s.OutStart[u+1]; e++ {
					xv := buf[s.OutNbr[e]]
					if math.IsNaN(xv) {
						continue
					}
					if weighted {
						row += s.OutW[e] * xv
					} else {
						row += xv
					}
				}
				m.XY += xu * row
			}
			out.Null[p] = m.R()
			if opt.Progress != nil {
				mu.Lock()
				done++
				if done%every == 0 || done == K {
					opt.Progress(done, K)
				}
				mu.Unlock()
			}
		}
	})
	summarise(out)
	return out, nil
}
