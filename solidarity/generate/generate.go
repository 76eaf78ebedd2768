package generate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Planted describes a stochastic block model with planted homophily and
// reciprocity: nodes in groups of the given sizes; each ordered pair (i,j)
// gets an arc with probability PIn (same group) or POut (different groups);
// then each arc i->j without a return arc is returned with probability
// Reciprocity. Undirected networks ignore Reciprocity. Seeded and
// deterministic.
//
// Nodes get ids 0..N-1 in group order: group 0 holds ids 0..Sizes[0]-1,
// group 1 the next Sizes[1] ids, and so on. There are no self-loops and no
// parallel edges, so the Simple view holds exactly the arcs drawn.
//
// Drawing takes O(N·groups + arcs) time: within each (source, target group)
// block the gaps between successive arcs are geometric (Batagelj & Brandes
// 2005, "Efficient generation of large random networks", Phys. Rev. E 71,
// 036113, doi:10.1103/PhysRevE.71.036113), so sparse networks never touch
// the N² absent pairs.
//
// Expected values (directed): for a block of ordered pairs with base
// probability p and reciprocation R, an unordered pair {i,j} ends up mutual
// with probability m = p² + 2p(1-p)R and asymmetric with probability
// a = 2p(1-p)(1-R). Summing m and a over pairs of each kind gives the
// expected dyad census; the edge reciprocity 2M/(2M+A) concentrates on
// 2ΣM/(2ΣM+ΣA), which ExpectedReciprocity returns.
type Planted struct {
	Sizes       []int
	PIn, POut   float64
	Reciprocity float64
	Directed    bool
	Seed        uint64
}

// check validates the parameters.
func (p Planted) check() (int, error) {
	n := 0
	if len(p.Sizes) == 0 {
		return 0, fmt.Errorf("generate: Planted.Sizes is empty: want at least one group size")
	}
	for g, s := range p.Sizes {
		if s < 0 {
			return 0, fmt.Errorf("generate: Planted.Sizes[%d] = %d: want a size >= 0", g, s)
		}
		n += s
		if n > math.MaxInt32 {
			return 0, fmt.Errorf("generate: Planted.Sizes add up to more than %d nodes", math.MaxInt32)
		}
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"PIn", p.PIn}, {"POut", p.POut}, {"Reciprocity", p.Reciprocity}} {
		if !(c.v >= 0 && c.v <= 1) {
			return 0, fmt.Errorf("generate: Planted.%s = %v: want a probability in [0, 1]", c.name, c.v)
		}
	}
	return n, nil
}

// Groups returns the group of every node id 0..N-1 (its index into Sizes).
func (p Planted) Groups() []int32 {
	var g []int32
	for k, s := range p.Sizes {
		for i := 0; i < s; i++ {
			g = append(g, int32(k))
		}
	}
	return g
}

// pairCounts returns the number of unordered pairs of distinct nodes within
// groups and across groups.
func (p Planted) pairCounts() (within, across float64) {
	total := 0.0
	for _, s := range p.Sizes {
		fs := float64(s)
		within += fs * (fs - 1) / 2
		total += fs
	}
	across = total*(total-1)/2 - within
	return within, across
}

// ExpectedDyads returns the expected dyad census (mutual, asymmetric and
// null unordered pairs) of a directed Planted network; see the type's
// documentation for the formula. For an undirected network mutual is the
// expected number of edges and asymmetric is 0.
func (p Planted) ExpectedDyads() (mutual, asymmetric, null float64) {
	within, across := p.pairCounts()
	for _, c := range []struct{ pairs, q float64 }{{within, p.PIn}, {across, p.POut}} {
		if !p.Directed {
			mutual += c.pairs * c.q
			null += c.pairs * (1 - c.q)
			continue
		}
		m := c.q*c.q + 2*c.q*(1-c.q)*p.Reciprocity
		a := 2 * c.q * (1 - c.q) * (1 - p.Reciprocity)
		mutual += c.pairs * m
		asymmetric += c.pairs * a
		null += c.pairs * (1 - m - a)
	}
	return mutual, asymmetric, null
}

// ExpectedReciprocity returns the edge reciprocity 2M/(2M+A) that a directed
// Planted network concentrates on, from the expected dyad census; NaN when
// no arc is expected (or the network is undirected).
func (p Planted) ExpectedReciprocity() float64 {
	if !p.Directed {
		return math.NaN()
	}
	m, a, _ := p.ExpectedDyads()
	if 2*m+a == 0 {
		return math.NaN()
	}
	return 2 * m / (2*m + a)
}

// ExpectedArcs returns the expected number of arcs (directed) or edges
// (undirected).
func (p Planted) ExpectedArcs() float64 {
	m, a, _ := p.ExpectedDyads()
	if !p.Directed {
		return m
	}
	return 2*m + a
}

// Network draws the network; its nodes table has columns id (int64) and
// group (string labels "g0", "g1", ...), which Categories sorts in
// numeric order ("g2" before "g10").
func (p Planted) Network() (*network.Network, error) {
	src, dst, err := p.Arcs()
	if err != nil {
		return nil, err
	}
	mem := memory.NewGoAllocator()
	eb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: network.ColSource, Type: arrow.PrimitiveTypes.Int64},
		{Name: network.ColTarget, Type: arrow.PrimitiveTypes.Int64},
	}, nil))
	defer eb.Release()
	sb := eb.Field(0).(*array.Int64Builder)
	tb := eb.Field(1).(*array.Int64Builder)
	sb.Reserve(len(src))
	tb.Reserve(len(dst))
	for k := range src {
		sb.UnsafeAppend(int64(src[k]))
		tb.UnsafeAppend(int64(dst[k]))
	}
	edges := eb.NewRecordBatch()
	defer edges.Release()

	nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: network.ColID, Type: arrow.PrimitiveTypes.Int64},
		{Name: "group", Type: arrow.BinaryTypes.String},
	}, nil))
	defer nb.Release()
	ib := nb.Field(0).(*array.Int64Builder)
	gb := nb.Field(1).(*array.StringBuilder)
	id := int64(0)
	for g, s := range p.Sizes {
		label := "g" + strconv.Itoa(g)
		for i := 0; i < s; i++ {
			ib.Append(id)
			gb.Append(label)
			id++
		}
	}
	nodes := nb.NewRecordBatch()
	defer nodes.Release()
	n, err := network.New(edges, nodes, p.Directed, network.Columns{})
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	n.Name = fmt.Sprintf("planted SBM (sizes %v, p_in %g, p_out %g, reciprocity %g, seed %d)",
		p.Sizes, p.PIn, p.POut, p.Reciprocity, p.Seed)
	return n, nil
}

// Arcs draws the arcs (for undirected networks, each edge once with
// source < target) as node ids 0..N-1, without building a Network. The
// first arcs come in (source, target) order; the return arcs added for
// reciprocity follow.
func (p Planted) Arcs() (src, dst []int32, err error) {
	N, err := p.check()
	if err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed0f9a1e4d))
	start := make([]int32, len(p.Sizes)+1)
	for g, s := range p.Sizes {
		start[g+1] = start[g] + int32(s)
	}
	exp := p.ExpectedArcs()
	if exp < 1<<30 {
		src = make([]int32, 0, int(exp*1.01)+16)
		dst = make([]int32, 0, int(exp*1.01)+16)
	}
	rowStart := make([]int64, N+1)
	i := int32(0)
	for gi := range p.Sizes {
		for ; i < start[gi+1]; i++ {
			for gj := range p.Sizes {
				q := p.POut
				if gi == gj {
					q = p.PIn
				}
				lo, hi := start[gj], start[gj+1]
				if !p.Directed && lo <= i {
					lo = i + 1 // undirected: targets after i only
				}
				if q <= 0 || lo >= hi {
					continue
				}
				// Geometric skipping over targets lo..hi-1 (skipping i).
				j := int64(lo) - 1
				logq := math.Log1p(-q)
				for {
					if q >= 1 {
						j++
					} else {
						// Number of failures before the next success.
						u := 1 - rng.Float64() // in (0, 1]
						skip := math.Floor(math.Log(u) / logq)
						if skip >= float64(int64(hi)-j) {
							break
						}
						j += 1 + int64(skip)
					}
					if j >= int64(hi) {
						break
					}
					if int32(j) == i {
						// The loop i->i is not a pair; its draw is discarded,
						// which leaves the other pairs' draws independent.
						continue
					}
					src = append(src, i)
					dst = append(dst, int32(j))
				}
			}
			rowStart[i+1] = int64(len(src))
		}
	}
	if !p.Directed || p.Reciprocity <= 0 {
		return src, dst, nil
	}
	// Rows are sorted; return unreciprocated arcs with probability R. Which
	// base arcs already have their reverse is found by merging each node's
	// out-row with its in-row (a counting-sort transpose), which reads
	// memory in order instead of searching a random row per arc.
	base := len(src)
	returned := reversePresent(N, rowStart, src[:base], dst[:base])
	for k := 0; k < base; k++ {
		if returned[k] {
			continue
		}
		if p.Reciprocity >= 1 || rng.Float64() < p.Reciprocity {
			src = append(src, dst[k])
			dst = append(dst, src[k])
		}
	}
	return src, dst, nil
}

// reversePresent reports for each arc k (rows sorted by source, then
// target) whether the arc dst[k]->src[k] is also present.
func reversePresent(N int, rowStart []int64, src, dst []int32) []bool {
	inStart := make([]int64, N+1)
	for _, v := range dst {
		inStart[v+1]++
	}
	for i := 1; i <= N; i++ {
		inStart[i] += inStart[i-1]
	}
	pos := make([]int64, N)
	copy(pos, inStart[:N])
	inSrc := make([]int32, len(src))
	for k, v := range dst { // k runs in source order, so in-rows come out sorted
		inSrc[pos[v]] = src[k]
		pos[v]++
	}
	has := make([]bool, len(src))
	for i := 0; i < N; i++ {
		a, b := rowStart[i], rowStart[i+1]
		x, y := inStart[i], inStart[i+1]
		for a < b && x < y {
			switch u, v := dst[a], inSrc[x]; {
			case u < v:
				a++
			case u > v:
				x++
			default:
				has[a] = true
				a++
				x++
			}
		}
	}
	return has
}
