package network

import (
	"math"
	"runtime"
	"slices"
	"sort"

	"github.com/algosolidarity/toolkit/internal/pool"
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
	InW      []float64 // aligned with InNbr; may share OutW's array (all ones)

	// All slices are read-only: BuildSimple may share one array between
	// fields (In and Out when undirected, InW and OutW when all weights are 1).
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
// source, each row (short in social networks) is sorted by neighbour, and
// repeated neighbours are merged in place; In is the transpose of Out. Every
// step runs on up to 4 goroutines over disjoint record or row ranges, and
// the result does not depend on how many ran.
//
// weight may be nil, in which case every record weighs 1 and a merged edge
// weighs its count. When every merged weight is 1 (no weights, no parallel
// records) a directed Simple's InW shares OutW's backing array: both are
// read-only.
func BuildSimple(n int, src, dst []int32, weight []float64, directed bool) *Simple {
	return buildSimple(n, src, dst, weight, directed, nil)
}

// buildSimple is BuildSimple calling scattered, when not nil, once the
// records have been read for the last time, so a caller can drop them.
func buildSimple(n int, src, dst []int32, weight []float64, directed bool, scattered func()) *Simple {
	s := &Simple{N: n, Directed: directed}
	m := len(src)
	P := workers(m)
	// Row lengths, counted per worker over its range of records.
	recs := evenSplit(m, P)
	counts := make([][]int32, P)
	loops := make([]int, P)
	pool.Parts(P, func(k int) {
		c := make([]int32, n)
		l := 0
		for i := recs[k]; i < recs[k+1]; i++ {
			u, v := src[i], dst[i]
			if u == v {
				l++
				continue
			}
			c[u]++
			if !directed {
				c[v]++
			}
		}
		counts[k], loops[k] = c, l
	})
	for _, l := range loops {
		s.Loops += l
	}
	pairs := m - s.Loops
	total := int64(pairs)
	if !directed {
		total *= 2
	}
	// Scatter: worker k writes its records after those of workers < k in
	// every row, so the rows are filled without locks. Positions are int32
	// when they fit, halving the randomly accessed cursor array.
	nbr := make([]int32, total)
	var ws []float64
	if weight != nil {
		ws = make([]float64, total)
	}
	var start []int64
	if total < int32Positions && int(total) >= bucketMin {
		start = fillRowsBuckets(n, counts, recs, src, dst, weight, nbr, ws, directed, P)
	}
	if start != nil {
		counts = nil // rows filled in buckets
	} else if total < int32Positions {
		var pos [][]int32
		start, pos = prefixes[int32](n, counts)
		counts = nil
		pool.Parts(P, func(k int) {
			fillRows(pos[k], src[recs[k]:recs[k+1]], dst[recs[k]:recs[k+1]], weightsOf(weight, recs[k], recs[k+1]), nbr, ws, directed)
		})
	} else {
		var pos [][]int64
		start, pos = prefixes[int64](n, counts)
		counts = nil
		pool.Parts(P, func(k int) {
			fillRows(pos[k], src[recs[k]:recs[k+1]], dst[recs[k]:recs[k+1]], weightsOf(weight, recs[k], recs[k+1]), nbr, ws, directed)
		})
	}
	src, dst = nil, nil
	if scattered != nil {
		scattered()
	}
	// Sort each row and merge repeats, compacting each worker's block of
	// rows towards its front; then the blocks are moved together.
	rows := rowSplit(start, P)
	ends := make([]int64, P)
	reps := make([][]repeat, P) // unweighted: merged edges of count > 1
	pool.Parts(P, func(k int) {
		lo, hi := rows[k], rows[k+1]
		a := start[lo]
		out := a
		var rp []repeat
		var keys []uint64
		var tmp []float64
		for u := lo; u < hi; u++ {
			b := start[u+1]
			if u > lo {
				start[u] = out // the block's first row keeps its start
			}
			first := out
			if ws == nil {
				row := nbr[a:b]
				sortInts(row)
				for x := 0; x < len(row); {
					v := row[x]
					y := x + 1
					for y < len(row) && row[y] == v {
						y++
					}
					nbr[out] = v
					if y-x > 1 {
						rp = append(rp, repeat{out, float64(y - x)})
					}
					out++
					x = y
				}
			} else {
				sortRow(nbr[a:b], ws[a:b], &keys, &tmp)
				for x := a; x < b; x++ {
					if out > first && nbr[out-1] == nbr[x] {
						ws[out-1] += ws[x]
						continue
					}
					nbr[out], ws[out] = nbr[x], ws[x]
					out++
				}
			}
			a = b
		}
		ends[k], reps[k] = out, rp
	})
	out := ends[0]
	for k := 1; k < P; k++ {
		from := start[rows[k]]
		shift := from - out
		if shift > 0 {
			copy(nbr[out:], nbr[from:ends[k]])
			if ws != nil {
				copy(ws[out:], ws[from:ends[k]])
			}
			for u := rows[k]; u < rows[k+1]; u++ {
				start[u] -= shift
			}
			for i := range reps[k] {
				reps[k][i].at -= shift
			}
		}
		out += ends[k] - from
	}
	start[n] = out
	nbr = slices.Clip(nbr[:out])
	if ws == nil {
		ws = make([]float64, out)
		pool.Parts(P, func(k int) {
			part := evenSplit(len(ws), P)
			for i := part[k]; i < part[k+1]; i++ {
				ws[i] = 1
			}
		})
		for _, rp := range reps {
			for _, r := range rp {
				ws[r.at] = r.w
			}
		}
	} else {
		ws = slices.Clip(ws[:out])
	}
	s.OutStart, s.OutNbr, s.OutW = start, nbr, ws
	if directed {
		s.Edges = len(nbr)
		s.Parallel = pairs - s.Edges
		s.InStart, s.InNbr, s.InW = transpose(n, start, nbr, ws, weight == nil, weight == nil && s.Parallel == 0, P)
	} else {
		s.Edges = len(nbr) / 2
		s.Parallel = pairs - s.Edges
		s.InStart, s.InNbr, s.InW = start, nbr, ws
	}
	return s
}

func weightsOf(w []float64, lo, hi int) []float64 {
	if w == nil {
		return nil
	}
	return w[lo:hi]
}

// fillRows scatters records (src[i], dst[i], weight[i]) into their rows,
// p[u] being the next free position of row u; loops are skipped.
func fillRows[T offset](p []T, src, dst []int32, weight []float64, nbr []int32, ws []float64, directed bool) {
	switch {
	case weight == nil && directed:
		for i, u := range src {
			if v := dst[i]; u != v {
				nbr[p[u]] = v
				p[u]++
			}
		}
	case weight == nil:
		for i, u := range src {
			if v := dst[i]; u != v {
				nbr[p[u]] = v
				p[u]++
				nbr[p[v]] = u
				p[v]++
			}
		}
	default:
		for i, u := range src {
			v := dst[i]
			if u == v {
				continue
			}
			nbr[p[u]], ws[p[u]] = v, weight[i]
			p[u]++
			if !directed {
				nbr[p[v]], ws[p[v]] = u, weight[i]
				p[v]++
			}
		}
	}
}

// repeat is a merged unweighted edge at position at with count w > 1.
type repeat struct {
	at int64
	w  float64
}

// workers is the number of goroutines for m records: 1 for small inputs.
func workers(m int) int {
	if m < 1<<17 {
		return 1
	}
	p := min(runtime.GOMAXPROCS(0), 4)
	for p < 64 && m/p >= math.MaxInt32 { // int32 row counts per worker
		p++
	}
	return max(p, 1)
}

// evenSplit cuts [0, m) into p ranges: range k is [b[k], b[k+1]).
func evenSplit(m, p int) []int {
	b := make([]int, p+1)
	for k := 0; k <= p; k++ {
		b[k] = int(int64(m) * int64(k) / int64(p))
	}
	return b
}

// rowSplit cuts the rows 0..n-1 of a CSR with row starts start into p
// blocks of about equal numbers of entries.
func rowSplit(start []int64, p int) []int {
	n := len(start) - 1
	b := make([]int, p+1)
	b[p] = n
	for k := 1; k < p; k++ {
		want := start[n] * int64(k) / int64(p)
		b[k] = max(b[k-1], sort.Search(n, func(u int) bool { return start[u] >= want }))
	}
	return b
}

// int32Positions bounds the CSRs whose row cursors are int32 (a variable
// so tests can take the int64 path).
var int32Positions int64 = math.MaxInt32

// offset is the type of a row cursor: int32 when every position fits.
type offset interface{ int32 | int64 }

// prefixes turns per-worker row counts into row starts and, for each
// worker, the position where its first entry of each row goes.
func prefixes[T offset](n int, counts [][]int32) ([]int64, [][]T) {
	start := make([]int64, n+1)
	pos := make([][]T, len(counts))
	for k := range pos {
		pos[k] = make([]T, n)
	}
	var acc int64
	for u := 0; u < n; u++ {
		start[u] = acc
		for k, c := range counts {
			pos[k][u] = T(acc)
			acc += int64(c[u])
		}
	}
	start[n] = acc
	return start, pos
}

// sortInts sorts a row of neighbours; rows are short in social networks,
// so insertion sort wins below 16.
func sortInts(r []int32) {
	if len(r) < 16 {
		for i := 1; i < len(r); i++ {
			v := r[i]
			j := i
			for ; j > 0 && r[j-1] > v; j-- {
				r[j] = r[j-1]
			}
			r[j] = v
		}
		return
	}
	slices.Sort(r)
}

// sortRow sorts one adjacency row by neighbour, carrying the weights.
// Rows are short in social networks, so insertion sort wins below 24;
// longer rows sort (neighbour, position) pairs packed in one uint64, which
// also keeps repeated neighbours in record order. keys and tmp are the
// caller's scratch space, grown as needed.
func sortRow(nbr []int32, w []float64, keys *[]uint64, tmp *[]float64) {
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
	if int64(len(nbr)) > math.MaxUint32 {
		sort.Stable(row{nbr, w})
		return
	}
	k := slices.Grow((*keys)[:0], len(nbr))[:len(nbr)]
	t := slices.Grow((*tmp)[:0], len(nbr))[:len(nbr)]
	for i, v := range nbr {
		k[i] = uint64(uint32(v))<<32 | uint64(i)
	}
	slices.Sort(k)
	for i, x := range k {
		nbr[i] = int32(x >> 32)
		t[i] = w[uint32(x)]
	}
	copy(w, t)
	*keys, *tmp = k, t
}

// transpose builds the In rows from the Out rows on p goroutines, each
// owning a block of source rows: worker k's sources all precede worker
// k+1's, so In rows come out sorted. When the weights are record counts
// (counts) the In weights start as ones and only merged edges are written;
// when they are all ones (ones) In shares w.
func transpose(n int, start []int64, nbr []int32, w []float64, counts, ones bool, p int) ([]int64, []int32, []float64) {
	rows := rowSplit(start, p)
	deg := make([][]int32, p)
	pool.Parts(p, func(k int) {
		c := make([]int32, n)
		for _, v := range nbr[start[rows[k]]:start[rows[k+1]]] {
			c[v]++
		}
		deg[k] = c
	})
	inNbr := make([]int32, len(nbr))
	inW := w
	if !ones {
		inW = make([]float64, len(nbr))
		if counts {
			pool.Parts(p, func(k int) {
				part := evenSplit(len(inW), p)
				for i := part[k]; i < part[k+1]; i++ {
					inW[i] = 1
				}
			})
		}
	}
	var in []int64
	if int64(len(nbr)) < int32Positions && len(nbr) >= bucketMin {
		in = transposeBuckets(n, start, nbr, w, deg, rows, inNbr, inW, counts, ones, p)
	}
	if in != nil {
		// done in buckets
	} else if int64(len(nbr)) < int32Positions {
		var pos [][]int32
		in, pos = prefixes[int32](n, deg)
		deg = nil
		pool.Parts(p, func(k int) { fillIn(pos[k], rows[k], rows[k+1], start, nbr, w, inNbr, inW, counts, ones) })
	} else {
		var pos [][]int64
		in, pos = prefixes[int64](n, deg)
		deg = nil
		pool.Parts(p, func(k int) { fillIn(pos[k], rows[k], rows[k+1], start, nbr, w, inNbr, inW, counts, ones) })
	}
	return in, inNbr, inW
}

// fillIn writes the In entries of source rows lo..hi-1, q[v] being the next
// free position of In row v.
func fillIn[T offset](q []T, lo, hi int, start []int64, nbr []int32, w []float64, inNbr []int32, inW []float64, counts, ones bool) {
	for u := lo; u < hi; u++ {
		for e := start[u]; e < start[u+1]; e++ {
			v := nbr[e]
			at := q[v]
			inNbr[at] = int32(u)
			if !ones && (!counts || w[e] != 1) {
				inW[at] = w[e]
			}
			q[v] = at + 1
		}
	}
}

// row sorts a (huge) row with its weights through sort.Interface.
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

// bucketMin is the number of entries from which rows are filled and
// transposed through cache-sized buckets of rows (a variable so tests can
// take either path).
var bucketMin = 1 << 20

// transposeBuckets is the transpose of a CSR in two cache-friendly passes
// instead of one random scatter. Pass 1 reads the Out rows in order and appends each source u
// to the bucket of its target's In rows (a bucket is 2^shift consecutive
// rows; each worker appends to its own slice of every bucket, in source
// order), writing u straight into the bucket's final region of inNbr and
// the target into a temporary. Pass 2 places the entries of each bucket
// into their rows with a counting sort that stays in cache; it is stable,
// so every In row lists its sources in increasing order. Weights travel
// with the entries, except when they are record counts (counts): then
// merged edges (count > 1) are rare, their In weights are set afterwards
// by binary search in the sorted In rows, and all other In weights are 1. It returns nil,
// having done nothing, when buckets would exceed 2^16 rows.
func transposeBuckets(n int, start []int64, nbr []int32, w []float64, deg [][]int32, rows []int, inNbr []int32, inW []float64, counts, ones bool, p int) []int64 {
	E := len(nbr)
	shift := bucketShift(n, E)
	R := 1 << shift
	if R > 1<<16 {
		return nil // very sparse: row offsets in a bucket do not fit uint16
	}
	B := (n + R - 1) / R
	// In row starts, and each worker's first position in every bucket.
	in := make([]int64, n+1)
	var acc int64
	for v := 0; v < n; v++ {
		in[v] = acc
		for k := range deg {
			acc += int64(deg[k][v])
		}
	}
	in[n] = acc
	cur := make([][]int32, p)
	for k := range cur {
		cur[k] = make([]int32, B)
	}
	for b := 0; b < B; b++ {
		pos := in[b*R]
		hi := min((b+1)*R, n)
		for k := range deg {
			cur[k][b] = int32(pos)
			for _, c := range deg[k][b*R : hi] {
				pos += int64(c)
			}
		}
	}
	tgt := make([]uint16, E) // target's row within its bucket
	type merged struct {
		u, v int32
		w    float64
	}
	rare := make([][]merged, p)
	pool.Parts(p, func(k int) {
		c := cur[k]
		var rk []merged
		for u := rows[k]; u < rows[k+1]; u++ {
			for e := start[u]; e < start[u+1]; e++ {
				v := nbr[e]
				b := v >> shift
				at := c[b]
				inNbr[at] = int32(u)
				tgt[at] = uint16(v) & uint16(R-1)
				c[b] = at + 1
				if !counts {
					inW[at] = w[e]
				} else if !ones && w[e] != 1 {
					rk = append(rk, merged{int32(u), v, w[e]})
				}
			}
		}
		rare[k] = rk
	})
	cur = nil
	bs := evenSplit(B, p)
	pool.Parts(p, func(k int) {
		q := make([]int32, R)
		var ubuf []int32
		var vbuf []uint16
		var wbuf []float64
		for b := bs[k]; b < bs[k+1]; b++ {
			v0 := b * R
			v1 := min(v0+R, n)
			lo, hi := in[v0], in[v1]
			ubuf = append(ubuf[:0], inNbr[lo:hi]...)
			vbuf = append(vbuf[:0], tgt[lo:hi]...)
			for v := v0; v < v1; v++ {
				q[v-v0] = int32(in[v] - lo)
			}
			region := inNbr[lo:hi]
			if counts {
				for i, j := range vbuf {
					region[q[j]] = ubuf[i]
					q[j]++
				}
				continue
			}
			wbuf = append(wbuf[:0], inW[lo:hi]...)
			wregion := inW[lo:hi]
			for i, j := range vbuf {
				region[q[j]], wregion[q[j]] = ubuf[i], wbuf[i]
				q[j]++
			}
		}
	})
	for _, rk := range rare {
		for _, m := range rk {
			row := inNbr[in[m.v]:in[m.v+1]]
			i, _ := slices.BinarySearch(row, m.u)
			inW[in[m.v]+int64(i)] = m.w
		}
	}
	return in
}

// bucketShift chooses buckets of 2^shift rows holding 64-128 Ki of the E
// entries on average: few enough write streams for pass 1, each bucket in
// L2 cache for pass 2.
func bucketShift(n, E int) uint {
	shift := uint(0)
	for shift < 30 && 1<<(shift+1) <= n && (int64(E)<<(shift+1))/int64(n) <= 131072 {
		shift++
	}
	return shift
}

// fillRowsBuckets fills the Out rows (neighbours, and weights when ws is
// not nil; rows not yet sorted) from the records in two cache-friendly
// passes, as
// transposeBuckets does for In: records are appended to buckets of rows in
// the final layout (each worker to its own slice of every bucket), with
// the source's row within its bucket in a uint16; then each bucket is
// counting-sorted into its rows. It returns the row starts, or nil, having
// done nothing, when buckets would exceed 2^16 rows.
func fillRowsBuckets(n int, counts [][]int32, recs []int, src, dst []int32, weight []float64, nbr []int32, ws []float64, directed bool, p int) []int64 {
	E := len(nbr)
	shift := bucketShift(n, E)
	R := 1 << shift
	if R > 1<<16 {
		return nil
	}
	mask := uint16(R - 1)
	B := (n + R - 1) / R
	start := make([]int64, n+1)
	var acc int64
	for u := 0; u < n; u++ {
		start[u] = acc
		for k := range counts {
			acc += int64(counts[k][u])
		}
	}
	start[n] = acc
	cur := make([][]int32, p)
	for k := range cur {
		cur[k] = make([]int32, B)
	}
	for b := 0; b < B; b++ {
		pos := start[b*R]
		hi := min((b+1)*R, n)
		for k := range counts {
			cur[k][b] = int32(pos)
			for _, c := range counts[k][b*R : hi] {
				pos += int64(c)
			}
		}
	}
	off := make([]uint16, E)
	pool.Parts(p, func(k int) {
		c := cur[k]
		for i := recs[k]; i < recs[k+1]; i++ {
			u, v := src[i], dst[i]
			if u == v {
				continue
			}
			b := u >> shift
			at := c[b]
			nbr[at], off[at] = v, uint16(u)&mask
			if weight != nil {
				ws[at] = weight[i]
			}
			c[b] = at + 1
			if !directed {
				b = v >> shift
				at = c[b]
				nbr[at], off[at] = u, uint16(v)&mask
				if weight != nil {
					ws[at] = weight[i]
				}
				c[b] = at + 1
			}
		}
	})
	bs := evenSplit(B, p)
	pool.Parts(p, func(k int) {
		q := make([]int32, R)
		var vbuf []int32
		var obuf []uint16
		var wbuf []float64
		for b := bs[k]; b < bs[k+1]; b++ {
			u0 := b * R
			u1 := min(u0+R, n)
			lo, hi := start[u0], start[u1]
			vbuf = append(vbuf[:0], nbr[lo:hi]...)
			obuf = append(obuf[:0], off[lo:hi]...)
			for u := u0; u < u1; u++ {
				q[u-u0] = int32(start[u] - lo)
			}
			region := nbr[lo:hi]
			if ws == nil {
				for i, j := range obuf {
					region[q[j]] = vbuf[i]
					q[j]++
				}
				continue
			}
			wbuf = append(wbuf[:0], ws[lo:hi]...)
			wregion := ws[lo:hi]
			for i, j := range obuf {
				region[q[j]], wregion[q[j]] = vbuf[i], wbuf[i]
				q[j]++
			}
		}
	})
	return start
}
