package comrades

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// demeanSweeps is the demeaning demeanFrom replaced: alternating
// projections (block Gauss-Seidel) over actor and author means until no
// author mean moves by more than tol in a sweep, at most maxSweeps. Kept
// here as the reference the new one must agree with; it returns the sweeps
// taken.
func demeanSweeps(kept []PairCell, w []float64, cols [][]float64, nActors, nAuthors int, tol float64, maxSweeps int) (sweeps int, ok bool) {
	su := make([]float64, nActors)
	wu := make([]float64, nActors)
	sv := make([]float64, nAuthors)
	wv := make([]float64, nAuthors)
	for i, c := range kept {
		wu[c.Actor] += w[i]
		wv[c.Author] += w[i]
	}
	ok = true
	for _, x := range cols {
		it, conv := 0, false
		for it < maxSweeps && !conv {
			it++
			clear(su)
			for i, c := range kept {
				su[c.Actor] += w[i] * x[i]
			}
			for i, c := range kept {
				if wu[c.Actor] > 0 {
					x[i] -= su[c.Actor] / wu[c.Actor]
				}
			}
			clear(sv)
			for i, c := range kept {
				sv[c.Author] += w[i] * x[i]
			}
			moved := 0.0
			for i, c := range kept {
				if wv[c.Author] > 0 {
					d := sv[c.Author] / wv[c.Author]
					x[i] -= d
					moved = math.Max(moved, math.Abs(d))
				}
			}
			conv = moved < tol
		}
		sweeps = max(sweeps, it)
		ok = ok && conv
	}
	return sweeps, ok
}

// oldDemean has demeanFrom's signature, for demeanCols: the sweeps with
// the old absolute tolerances, given far more sweeps than the old cap of
// 10000 so that they converge on the weakly connected designs here.
func oldDemean(kept []PairCell, w []float64, cols, _ [][]float64, nActors, nAuthors int, tol float64) (int, bool) {
	return demeanSweeps(kept, w, cols, nActors, nAuthors, tol, 2_000_000)
}

// chainDesign is a chain of n blocks of 2 actors x 2 items, each block
// tied to the next by one cell (its first actor with the next block's
// first item): about as weakly connected as a design with any residual
// left can be. Weights and the column are random.
func chainDesign(n int, rng *rand.Rand) (kept []PairCell, w, x []float64) {
	for k := range n {
		for i := range 2 {
			for j := range 2 {
				kept = append(kept, PairCell{Actor: int32(2*k + i), Author: int32(2*k + j)})
			}
		}
		if k+1 < n {
			kept = append(kept, PairCell{Actor: int32(2 * k), Author: int32(2*k + 2)})
		}
	}
	for range kept {
		w = append(w, 0.2+rng.Float64())
		x = append(x, rng.NormFloat64()+float64(len(x)%7))
	}
	return kept, w, x
}

// blockChain is a chain of blocks, each of na actors fully crossed with ni
// items, exposures cells of Bernoulli draws from a logit model with actor
// and item effects and a comrade effect g; block k is tied to block k+1 by
// one cell only (its first actor with the next block's first item). Its
// fits are regular; their demeaning crawls under alternating projections.
func blockChain(blocks, na, ni int, exposures float64, g float64, rng *rand.Rand) (cells []PairCell, nActors, nAuthors int) {
	a := make([]float64, blocks*na)
	b := make([]float64, blocks*ni)
	for i := range a {
		a[i] = 0.5 * rng.NormFloat64()
	}
	for i := range b {
		b[i] = 0.5*rng.NormFloat64() - 0.5
	}
	cell := func(u, v int) {
		c := rng.IntN(2) == 0
		eta := a[u] + b[v] + g*ind(c)
		p := 1 / (1 + math.Exp(-eta))
		y := 0.0
		for range int(exposures) {
			if rng.Float64() < p {
				y++
			}
		}
		cells = append(cells, PairCell{Actor: int32(u), Author: int32(v), Comrade: c, Exposures: exposures, Engaged: y})
	}
	for k := range blocks {
		for i := range na {
			for j := range ni {
				cell(k*na+i, k*ni+j)
			}
		}
		if k+1 < blocks {
			cell(k*na, (k+1)*ni)
		}
	}
	return cells, blocks * na, blocks * ni
}

// exactDemean is the residual of the w-weighted least-squares fit of x on
// actor and author dummies, by a dense solve (gonum): the independent
// reference for small designs.
func exactDemean(t *testing.T, kept []PairCell, w, x []float64, nActors, nAuthors int) []float64 {
	t.Helper()
	m, p := len(kept), nActors+nAuthors
	d := mat.NewDense(m, p, nil)
	y := mat.NewVecDense(m, nil)
	for i, c := range kept {
		s := math.Sqrt(w[i])
		d.Set(i, int(c.Actor), s)
		d.Set(i, nActors+int(c.Author), s)
		y.SetVec(i, s*x[i])
	}
	// The design is rank deficient (one constant per connected
	// component): solve by SVD with the pseudo-inverse.
	var svd mat.SVD
	if !svd.Factorize(d, mat.SVDThin) {
		t.Fatal("SVD failed")
	}
	var beta mat.Dense
	rank := svd.Rank(1e-12)
	svd.SolveTo(&beta, mat.NewDense(m, 1, y.RawVector().Data), rank)
	r := make([]float64, m)
	for i, c := range kept {
		r[i] = x[i] - beta.At(int(c.Actor), 0) - beta.At(nActors+int(c.Author), 0)
	}
	return r
}

// The residual of a chain, from CG, from the sweeps run to convergence and
// from a dense least-squares solve, agree; CG needs a few iterations per
// block and the sweeps thousands.
func TestDemeanChain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 40
	kept, w, x := chainDesign(n, rng)
	exact := exactDemean(t, kept, w, x, 2*n, 2*n)
	cg := append([]float64(nil), x...)
	iters, ok := demean(kept, w, [][]float64{cg}, 2*n, 2*n, 1e-12)
	if !ok {
		t.Fatalf("CG did not converge in %d iterations", iters)
	}
	sw := append([]float64(nil), x...)
	sweeps, ok := demeanSweeps(kept, w, [][]float64{sw}, 2*n, 2*n, 1e-13, 2_000_000)
	if !ok {
		t.Fatalf("sweeps did not converge in %d", sweeps)
	}
	t.Logf("chain of %d blocks: %d CG iterations (2 passes over the cells each), %d sweeps (4 passes each)", n, iters, sweeps)
	if sweeps < 1000 {
		t.Errorf("the chain should be hard for the sweeps: %d sweeps", sweeps)
	}
	if iters > 4*n {
		t.Errorf("CG took %d iterations on a chain of %d", iters, n)
	}
	var scale float64
	for _, v := range exact {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range x {
		if d := math.Abs(cg[i] - exact[i]); d > 1e-8*scale {
			t.Fatalf("cell %d: CG %g, exact %g", i, cg[i], exact[i])
		}
		if d := math.Abs(sw[i] - exact[i]); d > 1e-8*scale {
			t.Fatalf("cell %d: sweeps %g, exact %g", i, sw[i], exact[i])
		}
	}
}

// Zero weights (cells IRLS pushed to certain engagement), an actor and an
// author of zero total weight, two components, a column of scale 1e6 and a
// warm start: CG agrees with the dense solve, and a warm start from the
// solution takes no iteration.
func TestDemeanEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	cells, nA, nI := blockChain(4, 3, 3, 1, 0, rng)
	// Cut the chain between blocks 1 and 2: two components.
	var kept []PairCell
	for _, c := range cells {
		if !(c.Actor == 3 && c.Author == 6) {
			kept = append(kept, c)
		}
	}
	w := make([]float64, len(kept))
	x := make([]float64, len(kept))
	for i, c := range kept {
		w[i] = rng.Float64()
		if c.Actor == 0 || c.Author == 11 || i%5 == 0 {
			w[i] = 0
		}
		x[i] = 1e6 * rng.NormFloat64() // scale-free
	}
	exact := exactDemean(t, kept, w, x, nA, nI)
	start := [][]float64{make([]float64, nI)}
	cg := append([]float64(nil), x...)
	if _, ok := demeanFrom(kept, w, [][]float64{cg}, start, nA, nI, 1e-12); !ok {
		t.Fatal("CG did not converge")
	}
	for i := range kept {
		if w[i] == 0 {
			continue // any residual fits a cell of weight zero
		}
		if math.Abs(cg[i]-exact[i]) > 1e-6 { // 1e-12 of the column's scale
			t.Fatalf("cell %d: CG %g, exact %g", i, cg[i], exact[i])
		}
	}
	again := append([]float64(nil), x...)
	iters, ok := demeanFrom(kept, w, [][]float64{again}, start, nA, nI, 1e-12)
	if !ok || iters != 0 {
		t.Errorf("warm start from the solution: %d iterations, ok %v", iters, ok)
	}
	for i := range again {
		if math.Abs(again[i]-cg[i]) > 1e-6 {
			t.Fatalf("cell %d: warm %g, cold %g", i, again[i], cg[i])
		}
	}
	// A tolerance of zero stops at rounding's floor, not at the cap.
	if n, ok := demean(kept, w, [][]float64{append([]float64(nil), x...)}, nA, nI, 0); !ok || n > 200 {
		t.Errorf("tol 0: %d iterations, ok %v", n, ok)
	}
}

// The fits with CG agree with the fits with the old alternating
// projections to 1e-8 in coef and SE, on regular designs and on the block
// chain where the sweeps need thousands of passes.
func TestDemeanFitsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	type design struct {
		name       string
		cells      []PairCell
		nA, nI     int
		wantSweeps bool
	}
	var ds []design
	for _, k := range []int{1, 3} {
		c, a, i := blockChain(1, 12*k, 10*k, 6, 0.3, rng)
		ds = append(ds, design{"crossed", c, a, i, false})
	}
	c, a, i := blockChain(25, 3, 3, 8, 0.3, rng)
	ds = append(ds, design{"block chain", c, a, i, true})
	defer func(f func([]PairCell, []float64, [][]float64, [][]float64, int, int, float64) (int, bool)) {
		demeanCols = f
	}(demeanCols)
	for _, d := range ds {
		for _, alpha := range []float64{0, 1} {
			demeanCols = demeanFrom
			nw := fitLink(d.cells, d.nA, d.nI, alpha)
			var most int
			demeanCols = func(kept []PairCell, w []float64, cols, start [][]float64, nA, nI int, tol float64) (int, bool) {
				n, ok := oldDemean(kept, w, cols, start, nA, nI, tol)
				most = max(most, n)
				return n, ok
			}
			old := fitLink(d.cells, d.nA, d.nI, alpha)
			t.Logf("%s (%d cells), alpha %g: coef %.10f se %.10f, old - new %.1e %.1e; at most %d sweeps per IRLS step",
				d.name, nw.Cells, alpha, float64(nw.Coef), float64(nw.SE), float64(old.Coef-nw.Coef), float64(old.SE-nw.SE), most)
			if nw.Reason != "" || !nw.Converged || old.Reason != "" {
				t.Fatalf("%s: reasons %q / old %q", d.name, nw.Reason, old.Reason)
			}
			if d.wantSweeps && most < 1000 {
				t.Errorf("%s: the old sweeps needed only %d", d.name, most)
			}
			if dc, ds := math.Abs(float64(nw.Coef-old.Coef)), math.Abs(float64(nw.SE-old.SE)); dc > 1e-8 || ds > 1e-8 {
				t.Errorf("%s alpha %g: coef differs by %.2g, SE by %.2g", d.name, alpha, dc, ds)
			}
		}
	}
}

// A fit whose demeaning hits the cap says so and is not converged.
func TestDemeanCapReported(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	cells, nA, nI := blockChain(1, 10, 8, 6, 0.3, rng)
	defer func(f func([]PairCell, []float64, [][]float64, [][]float64, int, int, float64) (int, bool)) {
		demeanCols = f
	}(demeanCols)
	calls := 0
	demeanCols = func(kept []PairCell, w []float64, cols, start [][]float64, nA, nI int, tol float64) (int, bool) {
		calls++
		n, _ := demeanFrom(kept, w, cols, start, nA, nI, tol)
		return n, calls < 3 // the third call (IRLS iteration 3) hits the cap
	}
	f := fitLink(cells, nA, nI, 0)
	if f.Converged || !strings.Contains(f.Reason, "did not sweep out") {
		t.Errorf("IRLS cap: converged %v, reason %q", f.Converged, f.Reason)
	}
	calls = -1000
	demeanCols = func(kept []PairCell, w []float64, cols, start [][]float64, nA, nI int, tol float64) (int, bool) {
		n, _ := demeanFrom(kept, w, cols, start, nA, nI, tol)
		return n, start != nil // the SE's demeaning hits the cap
	}
	f = fitLink(cells, nA, nI, 0)
	if !math.IsNaN(float64(f.SE)) || !strings.Contains(f.Reason, "did not sweep out") {
		t.Errorf("SE cap: se %v, reason %q", f.SE, f.Reason)
	}
}
