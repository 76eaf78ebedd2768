package echo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// DefaultK is the number of highest-degree endpoints per side.
const DefaultK = 10

// RWCOptions hold the parameters of the random-walk controversy score.
type RWCOptions struct {
	// K is the number of highest-degree vertices of each side where walks
	// end (default 10; fewer when a side is smaller).
	K int
	// Sides names the labels of X and Y. Empty: the attribute must have
	// exactly two labels, taken in sorted order.
	Sides [2]string
	// Weighted makes a step follow an edge with probability proportional to
	// its merged weight; by default every neighbour is equally likely, as in
	// Garimella et al.
	Weighted bool
	// Tol is the relative residual at which the linear solver stops
	// (default 1e-12); MaxIter bounds its iterations (default 10*N + 100).
	Tol     float64
	MaxIter int
	// Variant chooses the definition: RWCPaper (the default) follows the
	// paper's text (top-K degree endpoints, exact); RWCReleased follows the
	// authors' released code (see RWCReleased).
	Variant RWCVariant
	// Percent is the share of each side drawn as endpoints in RWCReleased
	// (default 10, the code's usual argument); Reps the number of draws
	// (default 999, as the code's loop); Seed seeds them.
	Percent float64
	Reps    int
	Seed    uint64
}

// RWCVariant names a definition of the random-walk controversy score.
type RWCVariant string

const (
	// RWCPaper is the score as the paper's text defines it (Section 4.1):
	// walks from a uniform vertex of each side, each side with probability
	// 1/2, ending at the K highest-degree vertices of either side.
	RWCPaper RWCVariant = "paper"
	// RWCReleased is the score as the authors' released code computes it
	// (gvrkiran/controversy-detection, code/randomwalk/
	// computePolarizationScoreRandomwalk.py): in each of Reps rounds,
	// int(Percent% of each side) vertices are drawn uniformly with
	// replacement (duplicates merged) as that side's endpoints; a walk
	// starts from every drawn endpoint but one, steps to a uniformly drawn
	// neighbour (weights ignored) and ends at the first other drawn
	// endpoint of either side. The counts of the four (start, end) side
	// pairs are summed over the rounds, so each side weighs by its number
	// of walks (proportional to its size), not 1/2. It is random: the
	// value depends on Seed, and differs from RWCPaper.
	RWCReleased RWCVariant = "released"
)

// RWCResult is the random-walk controversy score and its parts.
type RWCResult struct {
	RWC float64
	// PXX = Pr[start in X | end in X], PYX = Pr[start in Y | end in X], and
	// so on, with the start side drawn with probability 1/2 each.
	PXX, PXY, PYX, PYY float64
	// EndXGivenX = Pr[end in X | start in X], EndXGivenY = Pr[end in X | start in Y].
	EndXGivenX, EndXGivenY float64
	Sides                  [2]string
	EndpointsX, EndpointsY []int32 // dense nodes where walks end
	StartsX, StartsY       int     // start vertices that can reach an endpoint
	Unreachable            int     // side vertices that cannot reach any endpoint (left out)
	Iterations             int
	Residual               float64 // relative residual of the linear solve
	Reason                 string
	// Variant is the definition used; Walks the walks that ended and
	// Unfinished those stopped at MaxIter steps (RWCReleased only).
	Variant           RWCVariant
	Walks, Unfinished int
}

// RWC computes the random-walk controversy score of Garimella et al. (2018,
// ACM TSC, doi:10.1145/3140565, Section 4.1) for the two sides of the
// network given by the categorical node attribute attr.
//
// A walk starts at a vertex drawn uniformly from side X or from side Y
// (each side with probability 1/2), steps to a uniformly drawn neighbour,
// and ends at the first endpoint it reaches after leaving its start; the
// endpoints are the K highest-degree vertices of each side (ties: lower
// dense index). With P_AB = Pr[start in A | end in B],
//
//	RWC = P_XX * P_YY - P_YX * P_XY
//
// from 1 (walks never cross) through 0 to -1. The network is read as
// undirected: a directed arc is a tie both ways (merged weights add). The
// end probabilities are computed exactly by solving the absorbing-chain
// system (L_TT h = A_TB 1_X, the grounded Laplacian; conjugate gradients
// with a Jacobi preconditioner) instead of by sampling walks. Vertices with
// a missing or other label are walked through but never start or end a
// walk; side vertices that cannot reach an endpoint are left out and
// counted in Unreachable. Self-loops are left out (the Simple view).
func RWC(n *network.Network, attr string, cfg RWCOptions) (*RWCResult, error) {
	if n == nil {
		return nil, errors.New("echo: RWC: no network")
	}
	cat, err := n.Categories(attr)
	if err != nil {
		return nil, fmt.Errorf("echo: RWC: %w", err)
	}
	sides := cfg.Sides
	if sides == [2]string{} {
		if len(cat.Labels) != 2 {
			return nil, fmt.Errorf("echo: RWC: attribute %q has %d labels %v: want exactly 2, or name the sides in RWCOptions.Sides", attr, len(cat.Labels), cat.Labels)
		}
		sides = [2]string{cat.Labels[0], cat.Labels[1]}
	}
	code := [2]int32{-1, -1}
	for k, s := range sides {
		for c, l := range cat.Labels {
			if l == s {
				code[k] = int32(c)
			}
		}
		if code[k] < 0 {
			return nil, fmt.Errorf("echo: RWC: side %q is not a label of %q (labels %v)", s, attr, cat.Labels)
		}
	}
	if code[0] == code[1] {
		return nil, fmt.Errorf("echo: RWC: both sides are %q: want two different labels", sides[0])
	}
	side := make([]int8, len(cat.Codes))
	for i, c := range cat.Codes {
		switch c {
		case code[0]:
			side[i] = 0
		case code[1]:
			side[i] = 1
		default:
			side[i] = -1
		}
	}
	res, err := RWCSides(n.Simple(), side, cfg)
	if err != nil {
		return nil, err
	}
	res.Sides = sides
	return res, nil
}

// RWCSides is RWC on a Simple view with the side of every node given
// directly: 0 for X, 1 for Y, -1 for neither.
func RWCSides(s *network.Simple, side []int8, cfg RWCOptions) (*RWCResult, error) {
	if s == nil {
		return nil, errors.New("echo: RWC: no network")
	}
	if len(side) != s.N {
		return nil, fmt.Errorf("echo: RWC: %d sides for %d nodes", len(side), s.N)
	}
	if cfg.K <= 0 {
		cfg.K = DefaultK
	}
	if cfg.Tol <= 0 {
		cfg.Tol = 1e-12
	}
	if cfg.MaxIter <= 0 {
		cfg.MaxIter = 10*s.N + 100
	}
	nan := math.NaN()
	res := &RWCResult{RWC: nan, PXX: nan, PXY: nan, PYX: nan, PYY: nan, EndXGivenX: nan, EndXGivenY: nan, Variant: RWCPaper}
	switch cfg.Variant {
	case "", RWCPaper:
	case RWCReleased:
		res.Variant = RWCReleased
		return rwcReleased(s, side, cfg, res)
	default:
		return nil, fmt.Errorf("echo: RWC: variant %q: want %q or %q", cfg.Variant, RWCPaper, RWCReleased)
	}
	u := undirected(s, cfg.Weighted)
	N := s.N
	// Endpoints: top-K degree per side.
	var byDeg [2][]int32
	for i := 0; i < N; i++ {
		if side[i] >= 0 && u.deg(int32(i)) > 0 {
			byDeg[side[i]] = append(byDeg[side[i]], int32(i))
		}
	}
	end := make([]int8, N) // 0 none, 1 X endpoint, 2 Y endpoint
	for k := 0; k < 2; k++ {
		v := byDeg[k]
		slices.SortStableFunc(v, func(a, b int32) int {
			if c := cmp.Compare(u.deg(b), u.deg(a)); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		v = v[:min(cfg.K, len(v))]
		slices.Sort(v)
		for _, x := range v {
			end[x] = int8(k + 1)
		}
		if k == 0 {
			res.EndpointsX = v
		} else {
			res.EndpointsY = v
		}
	}
	if len(res.EndpointsX) == 0 || len(res.EndpointsY) == 0 {
		res.Reason = "a side has no vertex with an edge: walks cannot end there, RWC is undefined"
		return res, nil
	}
	// Vertices that can reach an endpoint: BFS from all endpoints.
	reach := make([]bool, N)
	queue := make([]int32, 0, N)
	for i := 0; i < N; i++ {
		if end[i] != 0 {
			reach[i] = true
			queue = append(queue, int32(i))
		}
	}
	for q := 0; q < len(queue); q++ {
		for _, v := range u.nbr(queue[q]) {
			if !reach[v] {
				reach[v] = true
				queue = append(queue, v)
			}
		}
	}
	h, it, resid := solveAbsorb(u, end, reach, cfg.Tol, cfg.MaxIter)
	res.Iterations, res.Residual = it, resid
	// value at an endpoint as a boundary: 1 for X, 0 for Y
	val := func(v int32) float64 {
		switch end[v] {
		case 1:
			return 1
		case 2:
			return 0
		}
		return h[v]
	}
	var sum [2]float64
	var cnt [2]int
	for i := 0; i < N; i++ {
		if side[i] < 0 {
			continue
		}
		if !reach[i] {
			res.Unreachable++
			continue
		}
		var p float64
		if end[i] == 0 {
			p = h[i]
		} else {
			// An endpoint start: the walk takes its first step, then ends
			// at the first endpoint it meets.
			nb, w := u.nbr(int32(i)), u.w(int32(i))
			tot := 0.0
			for k, v := range nb {
				p += w[k] * val(v)
				tot += w[k]
			}
			p /= tot
		}
		sum[side[i]] += p
		cnt[side[i]]++
	}
	res.StartsX, res.StartsY = cnt[0], cnt[1]
	if cnt[0] == 0 || cnt[1] == 0 {
		res.Reason = "a side has no vertex that can reach an endpoint: RWC is undefined"
		return res, nil
	}
	a := sum[0] / float64(cnt[0]) // Pr[end X | start X]
	b := sum[1] / float64(cnt[1]) // Pr[end X | start Y]
	res.EndXGivenX, res.EndXGivenY = a, b
	if a+b == 0 || (1-a)+(1-b) == 0 {
		res.Reason = "no walk ends on one side: the conditional probabilities are undefined"
		return res, nil
	}
	res.PXX = a / (a + b)
	res.PYX = b / (a + b)
	res.PXY = (1 - a) / ((1 - a) + (1 - b))
	res.PYY = (1 - b) / ((1 - a) + (1 - b))
	res.RWC = res.PXX*res.PYY - res.PYX*res.PXY
	if resid > math.Sqrt(cfg.Tol) {
		res.Reason = fmt.Sprintf("the solver stopped after %d iterations at relative residual %.2g: RWC is approximate", it, resid)
	}
	return res, nil
}

// adj is a symmetric adjacency: out and in neighbours merged.
type adj struct {
	start []int64
	nb    []int32
	wt    []float64
	d     []float64 // weighted degree
}

func (a *adj) nbr(i int32) []int32 { return a.nb[a.start[i]:a.start[i+1]] }
func (a *adj) w(i int32) []float64 { return a.wt[a.start[i]:a.start[i+1]] }
func (a *adj) deg(i int32) int64   { return a.start[i+1] - a.start[i] }

func undirected(s *network.Simple, weighted bool) *adj {
	a := &adj{start: make([]int64, s.N+1)}
	if !s.Directed {
		a.start, a.nb = s.OutStart, s.OutNbr
		a.wt = s.OutW
		if !weighted {
			a.wt = make([]float64, len(s.OutNbr))
			for k := range a.wt {
				a.wt[k] = 1
			}
		}
	} else {
		a.nb = make([]int32, 0, 2*len(s.OutNbr))
		a.wt = make([]float64, 0, 2*len(s.OutNbr))
		for i := int32(0); int(i) < s.N; i++ {
			on, ow := s.Out(i)
			in, iw := s.In(i)
			x, y := 0, 0
			for x < len(on) || y < len(in) {
				switch {
				case y == len(in) || (x < len(on) && on[x] < in[y]):
					a.nb, a.wt = append(a.nb, on[x]), append(a.wt, ow[x])
					x++
				case x == len(on) || in[y] < on[x]:
					a.nb, a.wt = append(a.nb, in[y]), append(a.wt, iw[y])
					y++
				default:
					a.nb, a.wt = append(a.nb, on[x]), append(a.wt, ow[x]+iw[y])
					x++
					y++
				}
			}
			a.start[i+1] = int64(len(a.nb))
		}
		if !weighted {
			for k := range a.wt {
				a.wt[k] = 1
			}
		}
	}
	a.d = make([]float64, s.N)
	for i := 0; i < s.N; i++ {
		for _, x := range a.w(int32(i)) {
			a.d[i] += x
		}
	}
	return a
}

// solveAbsorb returns h(v) = Pr[a walk from v hits an X endpoint before a
// Y endpoint] for the interior vertices that can reach an endpoint, by
// preconditioned conjugate gradients on the grounded Laplacian system
//
//	d_v h_v - sum_{u interior} w_vu h_u = sum_{u X endpoint} w_vu,
//
// which is symmetric positive definite on each component touching an
// endpoint. It returns the iterations and the relative residual.
func solveAbsorb(a *adj, end []int8, reach []bool, tol float64, maxIter int) ([]float64, int, float64) {
	N := len(end)
	interior := func(v int32) bool { return end[v] == 0 && reach[v] }
	b := make([]float64, N)
	for v := int32(0); int(v) < N; v++ {
		if !interior(v) {
			continue
		}
		for k, u := range a.nbr(v) {
			if end[u] == 1 {
				b[v] += a.w(v)[k]
			}
		}
	}
	mul := func(x, out []float64) {
		for v := int32(0); int(v) < N; v++ {
			if !interior(v) {
				out[v] = 0
				continue
			}
			s := a.d[v] * x[v]
			w := a.w(v)
			for k, u := range a.nbr(v) {
				if interior(u) {
					s -= w[k] * x[u]
				}
			}
			out[v] = s
		}
	}
	x := make([]float64, N)
	r := slices.Clone(b)
	z := make([]float64, N)
	p := make([]float64, N)
	q := make([]float64, N)
	dot := func(x, y []float64) float64 {
		s := 0.0
		for i := range x {
			s += x[i] * y[i]
		}
		return s
	}
	bn := math.Sqrt(dot(b, b))
	if bn == 0 {
		return x, 0, 0
	}
	prec := func() {
		for v := range z {
			if a.d[v] > 0 {
				z[v] = r[v] / a.d[v]
			} else {
				z[v] = 0
			}
		}
	}
	prec()
	copy(p, z)
	rz := dot(r, z)
	it := 0
	resid := 1.0
	for it < maxIter {
		mul(p, q)
		alpha := rz / dot(p, q)
		for i := range x {
			x[i] += alpha * p[i]
			r[i] -= alpha * q[i]
		}
		it++
		resid = math.Sqrt(dot(r, r)) / bn
		if resid <= tol {
			break
		}
		prec()
		rz2 := dot(r, z)
		beta := rz2 / rz
		rz = rz2
		for i := range p {
			p[i] = z[i] + beta*p[i]
		}
	}
	return x, it, resid
}

// rwcReleased is RWCReleased, by simulating the walks as the released code
// does. A walk whose component holds no other endpoint would never end in
// that code; here it is not started (counted in Unreachable), and a walk
// longer than 100*MaxIter steps is dropped (Unfinished).
func rwcReleased(s *network.Simple, side []int8, cfg RWCOptions, res *RWCResult) (*RWCResult, error) {
	if cfg.Percent <= 0 {
		cfg.Percent = 10
	}
	if cfg.Percent > 100 || math.IsNaN(cfg.Percent) {
		return nil, fmt.Errorf("echo: RWC: percent %v: want (0, 100]", cfg.Percent)
	}
	if cfg.Reps <= 0 {
		cfg.Reps = 999
	}
	u := undirected(s, false)
	N := s.N
	// Components, so that walks that cannot end are not started.
	comp := make([]int32, N)
	for i := range comp {
		comp[i] = -1
	}
	nc := int32(0)
	for i := 0; i < N; i++ {
		if comp[i] >= 0 {
			continue
		}
		comp[i] = nc
		queue := []int32{int32(i)}
		for q := 0; q < len(queue); q++ {
			for _, v := range u.nbr(queue[q]) {
				if comp[v] < 0 {
					comp[v] = nc
					queue = append(queue, v)
				}
			}
		}
		nc++
	}
	// The sides' vertices; those without an edge cannot start a walk (the
	// released code fails on them).
	var members [2][]int32
	for i := 0; i < N; i++ {
		if side[i] >= 0 && u.deg(int32(i)) > 0 {
			members[side[i]] = append(members[side[i]], int32(i))
		}
	}
	k := [2]int{int(cfg.Percent / 100 * float64(len(members[0]))), int(cfg.Percent / 100 * float64(len(members[1])))}
	if k[0] < 2 && k[1] < 2 || k[0] < 1 || k[1] < 1 {
		res.Reason = fmt.Sprintf("%g%% of a side is fewer than one endpoint (or of both fewer than two): no walk can be made", cfg.Percent)
		return res, nil
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5c0e))
	maxSteps := 100 * cfg.MaxIter
	var count [2][2]int // [start side][end side]
	end := make([]int8, N)
	inComp := make([]int32, nc)
	var drawn [2][]int32
	for rep := 0; rep < cfg.Reps; rep++ {
		for sd := 0; sd < 2; sd++ {
			drawn[sd] = drawn[sd][:0]
			for j := 0; j < k[sd]; j++ {
				v := members[sd][rng.IntN(len(members[sd]))]
				if end[v] == 0 {
					end[v] = int8(sd + 1)
					inComp[comp[v]]++
					drawn[sd] = append(drawn[sd], v)
				}
			}
		}
		for sd := 0; sd < 2; sd++ {
			// Every drawn endpoint but one starts a walk (the code's
			// range(len-1), over a dict in arbitrary order).
			skip := rng.IntN(len(drawn[sd]))
			for j, start := range drawn[sd] {
				if j == skip {
					continue
				}
				if inComp[comp[start]] < 2 {
					res.Unreachable++
					continue
				}
				v, steps := start, 0
				for {
					nb := u.nbr(v)
					v = nb[rng.IntN(len(nb))]
					steps++
					if v != start && end[v] != 0 {
						count[sd][end[v]-1]++
						res.Walks++
						break
					}
					if steps >= maxSteps {
						res.Unfinished++
						break
					}
				}
			}
		}
		for sd := 0; sd < 2; sd++ {
			for _, v := range drawn[sd] {
				end[v] = 0
				inComp[comp[v]]--
			}
		}
	}
	res.StartsX, res.StartsY = count[0][0]+count[0][1], count[1][0]+count[1][1]
	ll, lr, rl, rr := float64(count[0][0]), float64(count[0][1]), float64(count[1][0]), float64(count[1][1])
	if ll+rl == 0 || lr+rr == 0 || ll+lr == 0 || rl+rr == 0 {
		res.Reason = "no walk started or ended on one side: the conditional probabilities are undefined"
		return res, nil
	}
	res.EndXGivenX, res.EndXGivenY = ll/(ll+lr), rl/(rl+rr)
	res.PXX, res.PYX = ll/(ll+rl), rl/(ll+rl)
	res.PXY, res.PYY = lr/(lr+rr), rr/(lr+rr)
	res.RWC = res.PXX*res.PYY - res.PXY*res.PYX
	if res.Unfinished > 0 {
		res.Reason = fmt.Sprintf("%d walks stopped at %d steps without ending and were left out", res.Unfinished, maxSteps)
	}
	return res, nil
}
