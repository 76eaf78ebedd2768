package comrades

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// design is a column-major design matrix with a 0/1 outcome and a
// non-negative weight per row (nil weights = 1).
type design struct {
	cols [][]float64 // each len n; cols[0] is the intercept
	y    []float64
	w    []float64
}

type fit struct {
	coef, se  []float64
	loglik    float64
	converged bool
	iters     int
	reason    string
}

func softplus(x float64) float64 {
	if x > 35 {
		return x
	}
	if x < -35 {
		return math.Exp(x)
	}
	return math.Log1p(math.Exp(x))
}

// logitFit maximises the logistic log-likelihood
//
//	l(b) = sum_i w_i [y_i eta_i - log(1 + exp(eta_i))],  eta_i = x_i . b
//
// with gonum's Newton method on -l/W (W = sum of weights), and returns the
// standard errors sqrt(diag((X'VX)^-1)), V = diag(w_i p_i (1 - p_i)), the
// inverse observed information at the optimum.
func logitFit(d *design) *fit {
	k := len(d.cols)
	n := len(d.y)
	W := 0.0
	for i := 0; i < n; i++ {
		W += d.wt(i)
	}
	// Newton asks for the value, gradient and Hessian at the same points;
	// eta and p are computed once per point and reused.
	var lastX []float64
	etas := make([]float64, n)
	ps := make([]float64, n)
	eval := func(x []float64) {
		if lastX != nil && slicesEqual(lastX, x) {
			return
		}
		lastX = append(lastX[:0], x...)
		for i := range etas {
			etas[i] = 0
		}
		for j := 0; j < k; j++ {
			c, b := d.cols[j], x[j]
			for i := range etas {
				etas[i] += c[i] * b
			}
		}
		for i, e := range etas {
			ps[i] = 1 / (1 + math.Exp(-e))
		}
	}
	f := &fit{}
	prob := optimize.Problem{
		Func: func(x []float64) float64 {
			eval(x)
			s := 0.0
			for i, e := range etas {
				s += d.wt(i) * (softplus(e) - d.y[i]*e)
			}
			return s / W
		},
		Grad: func(g, x []float64) {
			eval(x)
			for j := range g {
				g[j] = 0
			}
			for i, p := range ps {
				r := d.wt(i) * (p - d.y[i])
				for j := 0; j < k; j++ {
					g[j] += r * d.cols[j][i]
				}
			}
			for j := range g {
				g[j] /= W
			}
		},
		Hess: func(h *mat.SymDense, x []float64) {
			eval(x)
			acc := make([]float64, k*k)
			for i, p := range ps {
				v := d.wt(i) * p * (1 - p)
				for a := 0; a < k; a++ {
					va := v * d.cols[a][i]
					for b := a; b < k; b++ {
						acc[a*k+b] += va * d.cols[b][i]
					}
				}
			}
			for a := 0; a < k; a++ {
				for b := a; b < k; b++ {
					h.SetSym(a, b, acc[a*k+b]/W)
				}
			}
		},
	}
	x0 := make([]float64, k)
	settings := &optimize.Settings{GradientThreshold: 1e-9, Converger: &optimize.FunctionConverge{Absolute: 1e-13, Iterations: 20}, MajorIterations: 100}
	res, err := optimize.Minimize(prob, x0, settings, &optimize.Newton{})
	f.coef = make([]float64, k)
	f.se = make([]float64, k)
	for j := range f.se {
		f.coef[j], f.se[j] = math.NaN(), math.NaN()
	}
	if res == nil {
		f.reason = "the optimizer failed: " + errString(err)
		return f
	}
	copy(f.coef, res.X)
	f.iters = res.MajorIterations
	f.converged = err == nil && (res.Status == optimize.GradientThreshold || res.Status == optimize.FunctionConvergence)
	if !f.converged {
		// A line search can fail at the optimum, where rounding leaves no
		// descent; accept the point when the gradient is negligible there.
		g := make([]float64, k)
		prob.Grad(g, res.X)
		gmax := 0.0
		for _, v := range g {
			gmax = math.Max(gmax, math.Abs(v))
		}
		f.converged = gmax < 1e-7
	}
	if !f.converged {
		f.reason = "the Newton iterations did not converge (" + res.Status.String() + errSuffix(err) + "): perfect separation or too few rows"
	}
	f.loglik = -res.F * W
	H := mat.NewSymDense(k, nil)
	prob.Hess(H, res.X)
	H.ScaleSym(W, H)
	var ch mat.Cholesky
	if !ch.Factorize(H) {
		f.reason = "the information matrix is singular: a term is constant or collinear"
		return f
	}
	var cov mat.SymDense
	if err := ch.InverseTo(&cov); err != nil {
		f.reason = "cannot invert the information matrix: " + err.Error()
		return f
	}
	for j := 0; j < k; j++ {
		f.se[j] = math.Sqrt(cov.At(j, j))
	}
	// Separation: the likelihood keeps rising as a coefficient runs off,
	// which shows as fitted probabilities of 0 or 1 and huge standard errors.
	eval(res.X)
	sep := false
	for _, e := range etas {
		sep = sep || math.Abs(e) > 20
	}
	for _, se := range f.se {
		sep = sep || se > 1e3
	}
	if sep {
		f.converged = false
		f.reason = "fitted probabilities of 0 or 1: the data are (quasi-)completely separated, so the estimates and standard errors are unreliable"
	}
	return f
}

func (d *design) wt(i int) float64 {
	if d.w == nil {
		return 1
	}
	return d.w[i]
}

func errString(err error) string {
	if err == nil {
		return "no result"
	}
	return err.Error()
}

func errSuffix(err error) string {
	if err == nil {
		return ""
	}
	return ": " + err.Error()
}

func slicesEqual(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}
