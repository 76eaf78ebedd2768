package network

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
// O(records + n) with two counting sorts (by target, then stably by source),
// so rows come out sorted without a comparison sort. weight may be nil, in
// which case every record weighs 1 and a merged edge weighs its count.
func BuildSimple(n int, src, dst []int32, weight []float64, directed bool) *Simple {
	s := &Simple{N: n, Directed: directed}
	m := len(src)
	// For undirected networks each non-loop record is seen from both ends.
	// Parallel records are counted on the unordered pair: (u,v) and (v,u)
	// are the same edge.
	var pairs int
	for i := 0; i < m; i++ {
		if src[i] != dst[i] {
			pairs++
		}
	}
	s.Loops = m - pairs
	total := pairs
	if !directed {
		total = 2 * pairs
	}
	from := make([]int32, 0, total)
	to := make([]int32, 0, total)
	var w []float64
	if weight != nil {
		w = make([]float64, 0, total)
	}
	for i := 0; i < m; i++ {
		if src[i] == dst[i] {
			continue
		}
		from = append(from, src[i])
		to = append(to, dst[i])
		if w != nil {
			w = append(w, weight[i])
		}
		if !directed {
			from = append(from, dst[i])
			to = append(to, src[i])
			if w != nil {
				w = append(w, weight[i])
			}
		}
	}
	// Counting sort by target, then stable counting sort by source.
	order := countingOrder(n, to, nil)
	order = countingOrder(n, from, order)
	start := make([]int64, n+1)
	nbr := make([]int32, 0, total)
	ws := make([]float64, 0, total)
	row := int32(-1)
	for _, k := range order {
		u, v := from[k], to[k]
		wk := 1.0
		if w != nil {
			wk = w[k]
		}
		if u == row && len(nbr) > int(start[u]) && nbr[len(nbr)-1] == v {
			ws[len(ws)-1] += wk
			continue
		}
		for row < u {
			row++
			start[row] = int64(len(nbr))
		}
		nbr = append(nbr, v)
		ws = append(ws, wk)
	}
	for row < int32(n) {
		row++
		start[row] = int64(len(nbr))
	}
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

// countingOrder returns the positions 0..len(key)-1 (or those of prev, in
// its order) stably sorted by key.
func countingOrder(n int, key []int32, prev []int32) []int32 {
	count := make([]int64, n+1)
	for _, k := range key {
		count[k+1]++
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	out := make([]int32, len(key))
	if prev == nil {
		for i, k := range key {
			out[count[k]] = int32(i)
			count[k]++
		}
		return out
	}
	for _, i := range prev {
		k := key[i]
		out[count[k]] = i
		count[k]++
	}
	return out
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
