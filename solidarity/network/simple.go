package network

import (
	"slices"
	"sort"
)

// Simple is the merged, loop-free view of a network in compressed sparse row
// form, the structure every analysis reads. For a directed network Out holds
// arcs i->j and In holds arcs j->i; for an undirected one each edge is stored
// in both rows and In is the same as Out. Neighbour lists are sorted.
type Simple struct {
	N        int
	Directed bool
	Edges    int // arcs (directed) or edges (undirected) after merging
	Loops    int // self-loop records left out
	Parallel int // non-loop records merged into an earlier one

	OutStart []int64 // len N+1; row i is OutNbr[OutStart[i]:OutStart[i+1]]
	OutNbr   []int32
	OutW     []float64 // merged weights, aligned with OutNbr
	InStart  []int64
	InNbr    []int32
	InW      []float64
}

// Out returns the out-neighbours of i and the merged weights.
func (s *Simple) Out(i int32) ([]int32, []float64) {
	a, b := s.OutStart[i], s.OutStart[i+1]
	return s.OutNbr[a:b], s.OutW[a:b]
}

// In returns the in-neighbours of i and the merged weights.
func (s *Simple) In(i int32) ([]int32, []float64) {
	a, b := s.InStart[i], s.InStart[i+1]
	return s.InNbr[a:b], s.InW[a:b]
}

// OutDegree is the number of distinct out-neighbours of i (neighbours for undirected).
func (s *Simple) OutDegree(i int32) int { return int(s.OutStart[i+1] - s.OutStart[i]) }

// InDegree is the number of distinct in-neighbours of i (neighbours for undirected).
func (s *Simple) InDegree(i int32) int { return int(s.InStart[i+1] - s.InStart[i]) }

// HasArc reports whether the arc i->j exists (edge i-j for undirected), by
// binary search in the sorted row of i.
func (s *Simple) HasArc(i, j int32) bool {
	_, ok := s.ArcWeight(i, j)
	return ok
}

// ArcWeight returns the merged weight of arc i->j and whether it exists.
func (s *Simple) ArcWeight(i, j int32) (float64, bool) {
	lo, hi := s.OutStart[i], s.OutStart[i+1]
	for lo < hi {
		m := int64(uint64(lo+hi) >> 1)
		if s.OutNbr[m] < j {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < s.OutStart[i+1] && s.OutNbr[lo] == j {
		return s.OutW[lo], true
	}
	return 0, false
}

// BuildSimple merges parallel records and drops loops. It runs in
// O(records + n) plus a sort of each row: records are scattered into rows by
// source (one pass, no temporaries of record size beyond the result), each
// row (short in social networks) is sorted by neighbour, and repeated
// neighbours are merged in place. weight may be nil, in which case every
// record weighs 1 and a merged edge weighs its count.
func BuildSimple(n int, src, dst []int32, weight []float64, directed bool) *Simple {
	s := &Simple{N: n, Directed: directed}
	start := make([]int64, n+1)
	pairs := 0
	for i, u := range src {
		v := dst[i]
		if u == v {
			continue
		}
		pairs++
		start[u+1]++
		if !directed {
			start[v+1]++
		}
	}
	s.Loops = len(src) - pairs
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	total := start[n]
	nbr := make([]int32, total)
	ws := make([]float64, total)
	pos := make([]int64, n)
	copy(pos, start[:n])
	for i, u := range src {
		v := dst[i]
		if u == v {
			continue
		}
		w := 1.0
		if weight != nil {
			w = weight[i]
		}
		nbr[pos[u]], ws[pos[u]] = v, w
		pos[u]++
		if !directed {
			nbr[pos[v]], ws[pos[v]] = u, w
			pos[v]++
		}
	}
	// Sort each row and merge repeats, compacting towards the front.
	out := int64(0)
	for u := 0; u < n; u++ {
		a, b := start[u], start[u+1]
		start[u] = out
		sortRow(nbr[a:b], ws[a:b])
		for k := a; k < b; k++ {
			if out > start[u] && nbr[out-1] == nbr[k] {
				ws[out-1] += ws[k]
				continue
			}
			nbr[out], ws[out] = nbr[k], ws[k]
			out++
		}
	}
	start[n] = out
	nbr = slices.Clip(nbr[:out])
	ws = slices.Clip(ws[:out])
	s.OutStart, s.OutNbr, s.OutW = start, nbr, ws
	if directed {
		s.Edges = len(nbr)
		s.Parallel = pairs - s.Edges
		s.InStart, s.InNbr, s.InW = transpose(n, start, nbr, ws)
	} else {
		s.Edges = len(nbr) / 2
		s.Parallel = pairs - s.Edges
		s.InStart, s.InNbr, s.InW = start, nbr, ws
	}
	return s
}

// sortRow sorts one adjacency row by neighbour, carrying the weights.
// Rows are short in social networks, so insertion sort wins below 24.
func sortRow(nbr []int32, w []float64) {
	if len(nbr) < 24 {
		for i := 1; i < len(nbr); i++ {
			v, x := nbr[i], w[i]
			j := i
			for ; j > 0 && nbr[j-1] > v; j-- {
				nbr[j], w[j] = nbr[j-1], w[j-1]
			}
			nbr[j], w[j] = v, x
		}
		return
	}
	sort.Sort(row{nbr, w})
}

type row struct {
	nbr []int32
	w   []float64
}

func (r row) Len() int           { return len(r.nbr) }
func (r row) Less(i, j int) bool { return r.nbr[i] < r.nbr[j] }
func (r row) Swap(i, j int) {
	r.nbr[i], r.nbr[j] = r.nbr[j], r.nbr[i]
	r.w[i], r.w[j] = r.w[j], r.w[i]
}

func transpose(n int, start []int64, nbr []int32, w []float64) ([]int64, []int32, []float64) {
	in := make([]int64, n+1)
	for _, v := range nbr {
		in[v+1]++
	}
	for i := 1; i <= n; i++ {
		in[i] += in[i-1]
	}
	pos := make([]int64, n)
	copy(pos, in[:n])
	inNbr := make([]int32, len(nbr))
	inW := make([]float64, len(nbr))
	for u := 0; u < n; u++ {
		for k := start[u]; k < start[u+1]; k++ {
			v := nbr[k]
			inNbr[pos[v]] = int32(u)
			inW[pos[v]] = w[k]
			pos[v]++
		}
	}
	return in, inNbr, inW
}
