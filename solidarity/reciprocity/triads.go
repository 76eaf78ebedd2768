package reciprocity

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// TriadNames are the 16 MAN triad classes of Holland and Leinhardt, in the
// order networkx's triadic_census and igraph's triad_census use. The digits
// count Mutual, Asymmetric and Null dyads; D/U/C/T stand for down, up,
// cyclic and transitive.
var TriadNames = [16]string{"003", "012", "102", "021D", "021U", "021C", "111D", "111U",
	"030T", "030C", "201", "120D", "120U", "120C", "210", "300"}

// Triads is a triad census: Triads[k] counts unordered node triples of
// class TriadNames[k]. The counts add up to N(N-1)(N-2)/6.
type Triads [16]int64

// Map returns the census keyed by class name, as networkx returns it.
func (t Triads) Map() map[string]int64 {
	m := make(map[string]int64, 16)
	for k, v := range t {
		m[TriadNames[k]] = v
	}
	return m
}

// Count returns the count of the class with the given name (0 for an
// unknown name).
func (t Triads) Count(name string) int64 {
	for k, nm := range TriadNames {
		if nm == name {
			return t[k]
		}
	}
	return 0
}

// tricodes maps a 6-bit triad code to a class number 1..16; the code of
// (v,u,w) has bit 1 for v->u, 2 for u->v, 4 for v->w, 8 for w->v, 16 for
// u->w, 32 for w->u (the table of networkx.algorithms.triads.TRICODES).
var tricodes = [64]uint8{1, 2, 2, 3, 2, 4, 6, 8, 2, 6, 5, 7, 3, 8, 7, 11, 2, 6, 4, 8, 5, 9, 9, 13, 6, 10,
	9, 14, 7, 14, 12, 15, 2, 5, 6, 7, 6, 9, 10, 14, 4, 9, 9, 12, 8, 13, 14, 15, 3, 7, 8, 11, 7, 12, 14,
	15, 8, 14, 13, 15, 11, 15, 15, 16}

// TriadCensus counts the 16 triad classes with the algorithm of Batagelj and
// Mrvar (2001), "A subquadratic triad census algorithm for large sparse
// networks with small maximum degree", Social Networks 23(3), 237-243,
// doi:10.1016/S0378-8733(01)00035-1: it visits each connected pair once and
// each third node adjacent to it, in O(sum over arcs of the endpoints'
// degrees) time, and gets the 003 count by subtraction. It matches
// networkx.triadic_census and igraph's triad_census on the merged,
// loop-free graph. For an undirected network each edge counts as a mutual
// pair (so only 003, 102, 201 and 300 occur). Hubs make it slow: meant for
// small and medium networks.
//
// The nodes are split into 64 chunks counted in parallel. progress, when
// not nil, is called after each chunk with the nodes done and the total
// (never concurrently). The error is non-nil only when C(N,3) does not fit in an
// int64 (N above about 3.8 million).
func TriadCensus(n *network.Network, progress func(done, total int)) (Triads, error) {
	var t Triads
	s := n.Simple()
	N := s.N
	total := new(big.Int).Binomial(int64(N), 3)
	if !total.IsInt64() {
		return t, fmt.Errorf("reciprocity: triad census of %d nodes: C(N,3) = %s triads overflow a 64-bit count", N, total)
	}
	start, nbr, flag := undirectedFlags(s)
	// Nodes are split into fixed chunks of about equal adjacency; each
	// chunk counts into its own census (integers, so the sum is exact in
	// any order).
	bounds := splitByArcs(start, 4*chunks)
	parts := make([]Triads, len(bounds)-1)
	counted := make([]int64, len(bounds)-1)
	var done int
	var mu sync.Mutex
	pool.For(len(parts), pool.Max(0), func(k int) {
		parts[k], counted[k] = triadChunk(N, bounds[k], bounds[k+1], start, nbr, flag)
		// The count and the call under one lock: adding outside it let a
		// worker report a smaller count after another's larger one.
		mu.Lock()
		done += bounds[k+1] - bounds[k]
		if progress != nil {
			progress(done, N)
		}
		mu.Unlock()
	})
	var all int64
	for k, p := range parts {
		for c := range t {
			t[c] += p[c]
		}
		all += counted[k]
	}
	t[0] = total.Int64() - all
	return t, nil
}

// triadChunk runs the Batagelj-Mrvar loop for nodes v in [lo, hi).
func triadChunk(N, lo, hi int, start []int64, nbr []int32, flag []uint8) (t Triads, counted int64) {
	for v := int32(lo); int(v) < hi; v++ {
		va, vb := start[v], start[v+1]
		for k := va; k < vb; k++ {
			u := nbr[k]
			if u <= v {
				continue
			}
			fvu := flag[k]
			// Merge the sorted neighbourhoods of v and u, leaving out v and u.
			ua, ub := start[u], start[u+1]
			i, j := va, ua
			var size int64
			for i < vb || j < ub {
				var w int32
				var fvw, fuw uint8
				switch {
				case j >= ub || (i < vb && nbr[i] < nbr[j]):
					w, fvw = nbr[i], flag[i]
					i++
				case i >= vb || nbr[j] < nbr[i]:
					w, fuw = nbr[j], flag[j]
					j++
				default:
					w, fvw, fuw = nbr[i], flag[i], flag[j]
					i++
					j++
				}
				if w == u || w == v {
					continue
				}
				size++
				if u < w || (v < w && w < u && fvw == 0) {
					code := fvu | fvw<<2 | fuw<<4
					t[tricodes[code]-1]++
					counted++
				}
			}
			dyadic := int64(N) - size - 2
			if fvu == 3 {
				t[2] += dyadic // 102
			} else {
				t[1] += dyadic // 012
			}
			counted += dyadic
		}
	}
	return t, counted
}

// undirectedFlags merges each node's out- and in-rows into one sorted row
// of distinct neighbours with a flag per neighbour: 1 for an arc from the
// node, 2 for an arc to it, 3 for both.
func undirectedFlags(s *network.Simple) ([]int64, []int32, []uint8) {
	if !s.Directed {
		f := make([]uint8, len(s.OutNbr))
		for i := range f {
			f[i] = 3
		}
		return s.OutStart, s.OutNbr, f
	}
	start := make([]int64, s.N+1)
	nbr := make([]int32, 0, len(s.OutNbr)+len(s.InNbr))
	flag := make([]uint8, 0, cap(nbr))
	for v := 0; v < s.N; v++ {
		a, b := s.OutStart[v], s.OutStart[v+1]
		x, y := s.InStart[v], s.InStart[v+1]
		for a < b || x < y {
			switch {
			case x >= y || (a < b && s.OutNbr[a] < s.InNbr[x]):
				nbr = append(nbr, s.OutNbr[a])
				flag = append(flag, 1)
				a++
			case a >= b || s.InNbr[x] < s.OutNbr[a]:
				nbr = append(nbr, s.InNbr[x])
				flag = append(flag, 2)
				x++
			default:
				nbr = append(nbr, s.OutNbr[a])
				flag = append(flag, 3)
				a++
				x++
			}
		}
		start[v+1] = int64(len(nbr))
	}
	return start, nbr, flag
}
