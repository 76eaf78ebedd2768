package community

import (
	"math"
	"math/rand/v2"
)

// mover holds the community totals and the scratch arrays of a local
// moving phase on one level.
type mover struct {
	g     *graph
	gamma float64
	memb  []int32   // community of each node (labels 0..n-1)
	tot   []float64 // total strength of each community
	size  []int32   // nodes in each community
	acc   []float64 // scratch: weight from the node being moved to each community
	touch []int32
	empty []int32 // labels of empty communities (Leiden's moves to a new community)
}

func newMover(g *graph, memb []int32, gamma float64) *mover {
	n := g.n()
	m := &mover{g: g, gamma: gamma, memb: memb, tot: make([]float64, n), size: make([]int32, n),
		acc: make([]float64, n)}
	for v, c := range memb {
		m.tot[c] += g.k[v]
		m.size[c]++
	}
	for c := n - 1; c >= 0; c-- {
		if m.size[c] == 0 {
			m.empty = append(m.empty, int32(c))
		}
	}
	return m
}

// best removes v from its community and returns the community that
// maximises the modularity gain of putting it back, the gain of its old
// community and of the best one, in edge-weight units:
//
//	gain(C) = w(v, C) - gamma k_v K_C / 2m      (K_C without v)
//
// Ties keep the old community, then the first neighbour community met.
// withEmpty also offers an empty community (gain 0), as Leiden does.
func (m *mover) best(v int32, withEmpty bool) (old, to int32, gOld, gTo float64) {
	g := m.g
	old = m.memb[v]
	kv := g.k[v]
	m.tot[old] -= kv
	m.size[old]--
	// acc[c] == 0 marks a community not met yet (weights are > 0, and a
	// zero weight only lists c twice, which changes no gain): one random
	// access per neighbour instead of two.
	m.touch = append(m.touch[:0], old)
	acc, memb, nbr, w := m.acc, m.memb, g.nbr[g.start[v]:g.start[v+1]], g.w[g.start[v]:g.start[v+1]]
	for k, u := range nbr {
		c := memb[u]
		if acc[c] == 0 && c != old {
			m.touch = append(m.touch, c)
		}
		acc[c] += w[k]
	}
	scale := m.gamma * kv / g.m2
	gOld = m.acc[old] - scale*m.tot[old]
	to, gTo = old, gOld
	for _, c := range m.touch[1:] {
		if gc := m.acc[c] - scale*m.tot[c]; gc > gTo {
			to, gTo = c, gc
		}
	}
	for _, c := range m.touch {
		m.acc[c] = 0
	}
	if withEmpty && gTo < 0 && m.size[old] > 0 && len(m.empty) > 0 {
		to, gTo = m.empty[len(m.empty)-1], 0
	}
	// Moves whose gain is within rounding of staying are not moves: they
	// would let two communities trade a node back and forth forever.
	if to != old && gTo-gOld <= 1e-10*(1+kv) {
		to, gTo = old, gOld
	}
	return old, to, gOld, gTo
}

// put places v (removed by best) in community c.
func (m *mover) put(v, c, old int32) {
	if m.size[c] == 0 && c != old {
		// c came from the empty stack (its top).
		m.empty = m.empty[:len(m.empty)-1]
	}
	m.memb[v] = c
	m.tot[c] += m.g.k[v]
	m.size[c]++
	if c != old && m.size[old] == 0 {
		m.empty = append(m.empty, old)
	}
}

// louvainMove is the local moving phase of Blondel et al. (2008): sweep
// the nodes in one random order, moving each to the neighbouring
// community with the largest modularity gain, until a sweep moves nothing
// or raises Q by less than tol. After the first sweep only nodes with a
// neighbour that moved are visited (the pruning of Ozaki, Tezuka & Inaba
// 2016, doi:10.1109/ICCCRI.2016.9): the others' best move changed only
// through the totals of far communities. It reports whether any node moved.
func louvainMove(m *mover, rng *rand.Rand, tol float64) bool {
	g := m.g
	order := perm(g.n(), rng)
	active := make([]bool, g.n())
	for i := range active {
		active[i] = true
	}
	movedAny := false
	for {
		moves := 0
		dq := 0.0
		for _, v := range order {
			if !active[v] {
				continue
			}
			active[v] = false
			old, to, gOld, gTo := m.best(v, false)
			m.put(v, to, old)
			if to != old {
				moves++
				dq += gTo - gOld
				for p := g.start[v]; p < g.start[v+1]; p++ {
					active[g.nbr[p]] = true
				}
			}
		}
		if moves > 0 {
			movedAny = true
		}
		if moves == 0 || 2*dq/g.m2 < tol {
			return movedAny
		}
	}
}

// leidenMove is MoveNodesFast of Traag, Waltman & van Eck (2019, Algorithm
// A.2): a queue starts with every node in random order; a node is moved to
// its best community (an empty one included) and, when it moves, its
// neighbours outside its new community join the queue if absent.
func leidenMove(m *mover, rng *rand.Rand) bool {
	g := m.g
	n := g.n()
	queue := make([]int32, n, n+1) // ring buffer of capacity n: each node at most once
	copy(queue, perm(n, rng))
	inQ := make([]bool, n)
	for i := range inQ {
		inQ[i] = true
	}
	head, count := 0, n
	movedAny := false
	for count > 0 {
		v := queue[head]
		head = (head + 1) % n
		count--
		inQ[v] = false
		old, to, _, _ := m.best(v, true)
		m.put(v, to, old)
		if to == old {
			continue
		}
		movedAny = true
		for p := g.start[v]; p < g.start[v+1]; p++ {
			u := g.nbr[p]
			if !inQ[u] && m.memb[u] != to {
				inQ[u] = true
				queue[(head+count)%n] = u
				count++
			}
		}
	}
	return movedAny
}

// refine is RefinePartition and MergeNodesSubset of Traag et al. (2019,
// Algorithm A.2): starting from singletons, each node that is still alone
// and well connected to its community S of P,
//
//	E(v, S - v) >= gamma k_v (K_S - k_v) / 2m,
//
// may merge into a refined community C inside S that is itself well
// connected, E(C, S - C) >= gamma K_C (K_S - K_C) / 2m, chosen at random
// with probability proportional to exp(gain / theta) among those whose
// gain w(v, C) - gamma k_v K_C / 2m is >= 0 (staying alone has gain 0).
// Merges only follow edges, so every refined community is connected.
// It returns the refined labels (0..R-1, in order of first node) and R.
func refine(g *graph, part []int32, K int, gamma, theta float64, rng *rand.Rand) ([]int32, int) {
	n := g.n()
	KS := make([]float64, K)
	for v, c := range part {
		KS[c] += g.k[v]
	}
	ext := make([]float64, n) // E(v, S - v)
	for v := 0; v < n; v++ {
		s := part[v]
		for p := g.start[v]; p < g.start[v+1]; p++ {
			if part[g.nbr[p]] == s {
				ext[v] += g.w[p]
			}
		}
	}
	ref := make([]int32, n)
	totR := make([]float64, n)
	extR := make([]float64, n)
	sizeR := make([]int32, n)
	for v := 0; v < n; v++ {
		ref[v] = int32(v)
		totR[v] = g.k[v]
		extR[v] = ext[v]
		sizeR[v] = 1
	}
	acc := make([]float64, n)
	seen := make([]bool, n)
	var touch []int32
	var cand []int32
	var gains []float64
	for _, v := range perm(n, rng) {
		if sizeR[ref[v]] != 1 {
			continue
		}
		s := part[v]
		kv := g.k[v]
		if ext[v] < gamma*kv*(KS[s]-kv)/g.m2 {
			continue
		}
		touch = touch[:0]
		for p := g.start[v]; p < g.start[v+1]; p++ {
			u := g.nbr[p]
			if part[u] != s {
				continue
			}
			r := ref[u]
			if !seen[r] {
				seen[r] = true
				touch = append(touch, r)
			}
			acc[r] += g.w[p]
		}
		own := ref[v]
		cand = append(cand[:0], own)
		gains = append(gains[:0], 0)
		maxGain := 0.0
		for _, r := range touch {
			if r == own {
				continue
			}
			if extR[r] < gamma*totR[r]*(KS[s]-totR[r])/g.m2 {
				continue
			}
			gain := acc[r] - gamma*kv*totR[r]/g.m2
			if gain >= 0 {
				cand = append(cand, r)
				gains = append(gains, gain)
				maxGain = math.Max(maxGain, gain)
			}
		}
		chosen := own
		if len(cand) > 1 {
			// exp((gain - max)/theta): the largest weight is 1, no overflow.
			sum := 0.0
			for i, gn := range gains {
				gains[i] = math.Exp((gn - maxGain) / theta)
				sum += gains[i]
			}
			x := rng.Float64() * sum
			chosen = cand[len(cand)-1]
			for i, wgt := range gains {
				if x < wgt {
					chosen = cand[i]
					break
				}
				x -= wgt
			}
		}
		if chosen != own {
			wvr := acc[chosen]
			ref[v] = chosen
			sizeR[own] = 0
			sizeR[chosen]++
			totR[chosen] += kv
			extR[chosen] += ext[v] - 2*wvr
		}
		for _, r := range touch {
			acc[r], seen[r] = 0, false
		}
	}
	return compact(ref)
}

// compact renumbers labels 0..K-1 in order of first appearance.
func compact(memb []int32) ([]int32, int) {
	next := make([]int32, len(memb))
	for i := range next {
		next[i] = -1
	}
	K := int32(0)
	out := make([]int32, len(memb))
	for v, c := range memb {
		if next[c] < 0 {
			next[c] = K
			K++
		}
		out[v] = next[c]
	}
	return out, int(K)
}

func perm(n int, rng *rand.Rand) []int32 {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
