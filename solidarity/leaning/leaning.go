package leaning

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"gonum.org/v1/gonum/mat"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Options configure CA. Every field may be left zero.
type Options struct {
	// Positive lists rows expected on the positive side: the axis is
	// flipped when their mean score is negative (for example known
	// right-leaning accounts, to put the right at +). Empty: the row with
	// the largest absolute score is put on the positive side.
	Positive []int32
	// MinRow drops rows (actors) with fewer than MinRow engagements
	// (total weight) before the analysis, as Barberá keeps users who follow
	// enough elites; default 5 (on polblogs, 1 lets a fringe of
	// weakly tied blogs take the first axis: 49% agreement with the labels
	// against 97% with 5; see docs/methods/communities.md). MinCol does the same for columns. Both are
	// applied together until stable (a core of the bipartite graph).
	MinRow, MinCol float64
	// DenseLimit is the largest rows x columns computed with a dense SVD
	// (default 250,000); larger matrices use orthogonal iteration on the sparse
	// matrix. Tol and MaxIter control that iteration (defaults 1e-10 for the change of the unit vector per step, 20000).
	DenseLimit int
	Tol        float64
	MaxIter    int
}

// Result is the first dimension of a correspondence analysis.
type Result struct {
	// Rows and Cols are the principal coordinates on the first dimension
	// of every row and column (NaN for those left out: below MinRow or
	// MinCol, or outside the largest connected block).
	Rows, Cols []float64
	// Inertia is the first principal inertia (squared singular value) and
	// Explained its share of the total inertia (chi-squared / n).
	Inertia, Explained float64
	// UsedRows, UsedCols count the rows and columns analysed.
	UsedRows, UsedCols int
	// Method is "dense SVD" or "orthogonal iteration"; Iterations counts
	// the latter's steps.
	Method     string
	Iterations int
	// MinRow and MinCol are the core thresholds used.
	MinRow, MinCol float64
	// Sign says how the axis was oriented.
	Sign   string
	Reason string
}

// Entry is one cell of the count matrix.
type Entry struct {
	Row, Col int32
	W        float64
}

// CA is correspondence analysis of a rows x cols matrix of non-negative
// counts given as entries (repeated cells add), first dimension only: the
// scaling Barberá (2015, Political Analysis 23(1), doi:10.1093/pan/mpu011)
// approximates his ideal-point model with (Barberá et al. 2015, Psychol.
// Science 26(10), doi:10.1177/0956797615594620, supplement; Greenacre 2017,
// Correspondence Analysis in Practice, 3rd ed.). With P = N/n, row masses r
// and column masses c,
//
//	S = D_r^(-1/2) (P - r c^T) D_c^(-1/2) = U Sigma V^T
//	row scores    f = D_r^(-1/2) u_1 sigma_1
//	column scores g = D_c^(-1/2) v_1 sigma_1
//
// The analysis is restricted to the largest connected block of the
// bipartite graph of non-zero cells: a disconnected block would take the
// first dimension (singular value 1) and say nothing about leaning. Rows
// and columns outside it get NaN. The sign of a CA axis is arbitrary and is
// fixed by Options.Positive, as Result.Sign states.
func CA(rows, cols int, entries []Entry, opt Options) (*Result, error) {
	if opt.MinRow == 0 {
		opt.MinRow = 5
	}
	if opt.MinCol == 0 {
		opt.MinCol = 5
	}
	if opt.DenseLimit == 0 {
		opt.DenseLimit = 250000
	}
	if opt.Tol == 0 {
		opt.Tol = 1e-10
	}
	if opt.MaxIter == 0 {
		opt.MaxIter = 20000
	}
	res := &Result{Rows: nanSlice(rows), Cols: nanSlice(cols), MinRow: opt.MinRow, MinCol: opt.MinCol}
	rowT := make([]float64, rows)
	colT := make([]float64, cols)
	for k, e := range entries {
		if e.Row < 0 || int(e.Row) >= rows || e.Col < 0 || int(e.Col) >= cols {
			return nil, fmt.Errorf("leaning: entry %d: cell (%d, %d) outside a %d x %d matrix", k, e.Row, e.Col, rows, cols)
		}
		if !(e.W >= 0) || math.IsInf(e.W, 0) {
			return nil, fmt.Errorf("leaning: entry %d: weight %v: want a finite count >= 0", k, e.W)
		}
		rowT[e.Row] += e.W
		colT[e.Col] += e.W
	}
	// Trim to the (MinRow, MinCol) core: dropping a sparse row can leave a
	// column below MinCol and the reverse, so repeat until nothing changes.
	rowOK := make([]bool, rows)
	colOK := make([]bool, cols)
	for i := range rowOK {
		rowOK[i] = true
	}
	for j := range colOK {
		colOK[j] = true
	}
	for changed := true; changed; {
		changed = false
		for i, t := range rowT {
			if rowOK[i] && t < opt.MinRow {
				rowOK[i], changed = false, true
			}
		}
		for j, t := range colT {
			if colOK[j] && t < opt.MinCol {
				colOK[j], changed = false, true
			}
		}
		if !changed {
			break
		}
		clear(rowT)
		clear(colT)
		for _, e := range entries {
			if rowOK[e.Row] && colOK[e.Col] {
				rowT[e.Row] += e.W
				colT[e.Col] += e.W
			}
		}
	}
	keep := func(e Entry) bool { return e.W > 0 && rowOK[e.Row] && colOK[e.Col] }
	// Largest connected block (union-find over rows and rows+col).
	parent := make([]int32, rows+cols)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range entries {
		if keep(e) {
			a, b := find(e.Row), find(int32(rows)+e.Col)
			if a != b {
				parent[a] = b
			}
		}
	}
	weight := map[int32]float64{}
	for _, e := range entries {
		if keep(e) {
			weight[find(e.Row)] += e.W
		}
	}
	best, bw := int32(-1), 0.0
	for root, w := range weight {
		if w > bw || (w == bw && root < best) {
			best, bw = root, w
		}
	}
	if best < 0 {
		res.Reason = "no engagement left to scale (empty matrix after MinRow/MinCol)"
		return res, nil
	}
	// Compact the kept rows and columns.
	ri := make([]int32, rows)
	ci := make([]int32, cols)
	for i := range ri {
		ri[i] = -1
	}
	for j := range ci {
		ci[j] = -1
	}
	var rowID, colID []int32
	var cells []Entry
	for _, e := range entries {
		if !keep(e) || find(e.Row) != best {
			continue
		}
		if ri[e.Row] < 0 {
			ri[e.Row] = int32(len(rowID))
			rowID = append(rowID, e.Row)
		}
		if ci[e.Col] < 0 {
			ci[e.Col] = int32(len(colID))
			colID = append(colID, e.Col)
		}
		cells = append(cells, Entry{ri[e.Row], ci[e.Col], e.W})
	}
	// Merge repeated cells (the inertia sums squares of whole cells).
	slices.SortFunc(cells, func(a, b Entry) int {
		if a.Row != b.Row {
			return int(a.Row) - int(b.Row)
		}
		return int(a.Col) - int(b.Col)
	})
	m := 0
	for _, e := range cells {
		if m > 0 && cells[m-1].Row == e.Row && cells[m-1].Col == e.Col {
			cells[m-1].W += e.W
			continue
		}
		cells[m] = e
		m++
	}
	cells = cells[:m]
	R, C := len(rowID), len(colID)
	res.UsedRows, res.UsedCols = R, C
	if R < 2 || C < 2 {
		res.Reason = fmt.Sprintf("the largest connected block has %d rows and %d columns: CA needs at least 2 of each", R, C)
		return res, nil
	}
	n := 0.0
	r := make([]float64, R)
	c := make([]float64, C)
	for _, e := range cells {
		n += e.W
		r[e.Row] += e.W
		c[e.Col] += e.W
	}
	for i := range r {
		r[i] /= n
	}
	for j := range c {
		c[j] /= n
	}
	// M = D_r^-1/2 P D_c^-1/2 as scaled cells.
	for k := range cells {
		e := &cells[k]
		e.W = e.W / n / math.Sqrt(r[e.Row]*c[e.Col])
	}
	sr := make([]float64, R)
	for i := range r {
		sr[i] = math.Sqrt(r[i])
	}
	sc := make([]float64, C)
	for j := range c {
		sc[j] = math.Sqrt(c[j])
	}
	total := -1.0 // total inertia = ||M||_F^2 - 1 (the trivial dimension)
	for _, e := range cells {
		total += e.W * e.W
	}
	var u, v []float64
	var sigma float64
	if R*C <= opt.DenseLimit {
		u, v, sigma = denseFirst(R, C, cells, sr, sc)
		res.Method = "dense SVD"
	} else {
		var err error
		u, v, sigma, res.Iterations, err = sparseFirst(R, C, cells, sr, sc, opt.Tol, opt.MaxIter)
		if err != nil {
			return nil, err
		}
		res.Method = "orthogonal iteration"
	}
	res.Inertia = sigma * sigma
	if total > 0 {
		res.Explained = res.Inertia / total
	}
	for i, id := range rowID {
		res.Rows[id] = u[i] * sigma / sr[i]
	}
	for j, id := range colID {
		res.Cols[id] = v[j] * sigma / sc[j]
	}
	orient(res, opt.Positive)
	return res, nil
}

func orient(res *Result, positive []int32) {
	flip := false
	if len(positive) > 0 {
		s, k := 0.0, 0
		for _, i := range positive {
			if int(i) < len(res.Rows) && !math.IsNaN(res.Rows[i]) {
				s += res.Rows[i]
				k++
			}
		}
		flip = k > 0 && s < 0
		res.Sign = fmt.Sprintf("oriented so the mean score of the %d anchor rows given (%d scored) is positive", len(positive), k)
	} else {
		best, arg := -1.0, -1
		for i, x := range res.Rows {
			if a := math.Abs(x); !math.IsNaN(x) && a > best {
				best, arg = a, i
			}
		}
		flip = arg >= 0 && res.Rows[arg] < 0
		res.Sign = "arbitrary CA sign fixed by a rule: the row with the largest absolute score is positive (give anchors to orient it substantively)"
	}
	if flip {
		for i := range res.Rows {
			res.Rows[i] = -res.Rows[i]
		}
		for j := range res.Cols {
			res.Cols[j] = -res.Cols[j]
		}
	}
}

// denseFirst is the first non-trivial singular triple by gonum's SVD.
func denseFirst(R, C int, cells []Entry, sr, sc []float64) ([]float64, []float64, float64) {
	S := mat.NewDense(R, C, nil)
	for _, e := range cells {
		S.Set(int(e.Row), int(e.Col), S.At(int(e.Row), int(e.Col))+e.W)
	}
	for i := 0; i < R; i++ {
		for j := 0; j < C; j++ {
			S.Set(i, j, S.At(i, j)-sr[i]*sc[j])
		}
	}
	var svd mat.SVD
	svd.Factorize(S, mat.SVDThin)
	var U, V mat.Dense
	svd.UTo(&U)
	svd.VTo(&V)
	u := mat.Col(nil, 0, &U)
	v := mat.Col(nil, 0, &V)
	return u, v, svd.Values(nil)[0]
}

// sparseFirst finds the first singular triple of S = M - sr sc^T by
// orthogonal iteration on S^T S with a block of 4 vectors, never forming S.
func sparseFirst(R, C int, cells []Entry, sr, sc []float64, tol float64, maxIter int) ([]float64, []float64, float64, int, error) {
	const b = 4
	mul := func(x []float64, out []float64) { // out = S x
		d := dot(sc, x)
		for i := range out {
			out[i] = -sr[i] * d
		}
		for _, e := range cells {
			out[e.Row] += e.W * x[e.Col]
		}
	}
	mulT := func(y []float64, out []float64) { // out = S^T y
		d := dot(sr, y)
		for j := range out {
			out[j] = -sc[j] * d
		}
		for _, e := range cells {
			out[e.Col] += e.W * y[e.Row]
		}
	}
	V := make([][]float64, b)
	for k := range V {
		V[k] = make([]float64, C)
		for j := range V[k] {
			// A fixed, non-symmetric start: deterministic and not orthogonal
			// to any singular vector in practice.
			V[k][j] = math.Sin(float64(j+1)*(1.618+float64(k))) + 0.1*float64(k)
		}
	}
	gramSchmidt(V)
	y := make([]float64, R)
	prev := slices.Clone(V[0])
	diff := func() float64 {
		sg := 1.0
		if dot(prev, V[0]) < 0 {
			sg = -1
		}
		d := 0.0
		for j := range prev {
			x := V[0][j] - sg*prev[j]
			d += x * x
		}
		return math.Sqrt(d)
	}
	for it := 1; it <= maxIter; it++ {
		for k := range V {
			mul(V[k], y)
			mulT(y, V[k])
		}
		gramSchmidt(V)
		if diff() < tol {
			u := make([]float64, R)
			mul(V[0], u)
			s := math.Sqrt(dot(u, u))
			for i := range u {
				u[i] /= s
			}
			return u, V[0], s, it, nil
		}
		copy(prev, V[0])
	}
	return nil, nil, 0, maxIter, fmt.Errorf("leaning: the first CA dimension did not converge in %d iterations (the first two singular values are too close: the leaning is not one-dimensional here)", maxIter)
}

func gramSchmidt(V [][]float64) {
	for k := range V {
		for l := 0; l < k; l++ {
			d := dot(V[k], V[l])
			for j := range V[k] {
				V[k][j] -= d * V[l][j]
			}
		}
		s := math.Sqrt(dot(V[k], V[k]))
		if s == 0 {
			s = 1
		}
		for j := range V[k] {
			V[k][j] /= s
		}
	}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// FromNetwork scales the nodes of n from their links alone: CA of the
// symmetrised adjacency (A + A^T, merged weights when weighted), so a node
// linking or linked by the same others gets a similar score. Rows and
// columns are the nodes; Result.Rows is each node's leaning (dense order).
func FromNetwork(n *network.Network, weighted bool, opt Options) (*Result, error) {
	if n == nil {
		return nil, errors.New("leaning: no network")
	}
	s := n.Simple()
	var cells []Entry
	for i := int32(0); i < int32(s.N); i++ {
		nb, w := s.Out(i)
		for k, j := range nb {
			x := 1.0
			if weighted {
				x = w[k]
			}
			cells = append(cells, Entry{i, j, x})
			if s.Directed {
				cells = append(cells, Entry{j, i, x})
			}
		}
	}
	return CA(s.N, s.N, cells, opt)
}

// FromEvents scales people from whom they engage with: CA of the actor x
// author matrix of engagement counts (self-engagement left out), restricted
// to the kinds given (all when empty). Rows and Cols are aligned to
// Events.People: Rows for actors, Cols for authors, on one scale.
func FromEvents(ev *events.Events, kinds []string, opt Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("leaning: no events")
	}
	var mask []bool
	if len(kinds) > 0 {
		var err error
		if mask, err = ev.KindMask(kinds); err != nil {
			return nil, err
		}
	}
	P := ev.NumPeople()
	var cells []Entry
	for k := range ev.Actor {
		if mask != nil && !mask[ev.Kind[k]] {
			continue
		}
		if a, b := ev.Actor[k], ev.Author[k]; a != b && b >= 0 {
			cells = append(cells, Entry{a, b, 1})
		}
	}
	return CA(P, P, cells, opt)
}

// Person returns one leaning per person: the row score where the person
// engaged, else the column score (authors who never engage), else NaN. It
// is what echo.Options.Leaning takes.
func (r *Result) Person() []float64 {
	out := slices.Clone(r.Rows)
	for i := range out {
		if math.IsNaN(out[i]) && i < len(r.Cols) {
			out[i] = r.Cols[i]
		}
	}
	return out
}

// DefaultColumn is the node attribute Attach writes.
const DefaultColumn = "leaning"

// Attach returns a network like n whose nodes table has a float64 column
// col (DefaultColumn when empty) holding each node's leaning, null where
// the node was not scaled (NaN in Rows), so that the echo-chamber analysis
// and the exports can use it. r must come from FromNetwork on n. Release
// both networks. It is community.Result.Attach for leanings.
func (r *Result) Attach(n *network.Network, col string) (*network.Network, error) {
	if col == "" {
		col = DefaultColumn
	}
	if len(r.Rows) != n.N() {
		return nil, fmt.Errorf("leaning: %d scaled rows, the network has %d nodes: scale this network", len(r.Rows), n.N())
	}
	b := array.NewFloat64Builder(memory.NewGoAllocator())
	defer b.Release()
	b.Reserve(len(r.Rows))
	for _, x := range r.Rows {
		if math.IsNaN(x) {
			b.AppendNull()
		} else {
			b.Append(x)
		}
	}
	a := b.NewArray()
	defer a.Release()
	return n.WithNodeColumn(col, a)
}
