package reciprocity

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The WCM fit reproduces every node's strengths (the defining equations),
// and its closed-form <W<->> agrees with a Monte Carlo average over
// networks sampled from the fitted model: each ordered pair a geometric
// weight with P(w >= k) = (x_i y_j)^k.
func TestWCMFitAndMonteCarlo(t *testing.T) {
	src, dst, w := randomRecords(5, 40, 300)
	n := build(t, true, src, dst, w, nil, nil)
	res := WeightedConfiguration(n)
	if math.IsNaN(res.Expected) || res.MaxRelError > 1e-9 {
		t.Fatalf("fit failed: %+v", res)
	}
	t.Logf("r^w %.4f, WCM expectation %.4f, rho^w %.4f, %d classes, %d iterations", res.Weighted, res.Expected, res.Rho, res.Classes, res.Iterations)

	// Recover per-node x, y by refitting on classes, then sample.
	s := n.Simple()
	N := s.N
	so, si := make([]float64, N), make([]float64, N)
	var W float64
	for i := 0; i < N; i++ {
		for _, v := range s.OutW[s.OutStart[i]:s.OutStart[i+1]] {
			so[i] += v
			W += v
		}
		for _, v := range s.InW[s.InStart[i]:s.InStart[i+1]] {
			si[i] += v
		}
	}
	// One class per node (no sharing) must give the same answer.
	ones := make([]float64, N)
	for i := range ones {
		ones[i] = 1
	}
	x, y, _, rel, ok := fitWCM(so, si, ones, W)
	if !ok {
		t.Fatalf("per-node fit did not converge: %g", rel)
	}
	var exp float64
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			if i != j {
				z := x[i] * y[j] * x[j] * y[i]
				exp += z / (1 - z)
			}
		}
	}
	if !near(exp/W, res.Expected, 1e-7) {
		t.Errorf("per-node expectation %.10f, class fit %.10f", exp/W, res.Expected)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	geo := func(q float64) float64 { // number of successes before failure, P(>=k) = q^k
		if q <= 0 {
			return 0
		}
		return math.Floor(math.Log(1-rng.Float64()) / math.Log(q))
	}
	const samples = 400
	var sumRec, sumW float64
	wij := make([]float64, N*N)
	for k := 0; k < samples; k++ {
		for i := 0; i < N; i++ {
			for j := 0; j < N; j++ {
				if i != j {
					wij[i*N+j] = geo(x[i] * y[j])
				}
			}
		}
		for i := 0; i < N; i++ {
			for j := 0; j < N; j++ {
				if i != j {
					sumW += wij[i*N+j]
					sumRec += math.Min(wij[i*N+j], wij[j*N+i])
				}
			}
		}
	}
	mcRec := sumRec / samples
	mcW := sumW / samples
	// Monte Carlo error of the mean of W<-> over 400 samples is about 1%.
	if math.Abs(mcRec-exp)/exp > 0.03 || math.Abs(mcW-W)/W > 0.02 {
		t.Errorf("Monte Carlo <W<->> %.2f (closed form %.2f), <W> %.2f (observed %.0f)", mcRec, exp, mcW, W)
	}
}

func TestWCMUndefined(t *testing.T) {
	// Non-integer weights.
	n := build(t, true, []int64{1, 2, 2}, []int64{2, 1, 3}, []float64{1.5, 1, 2}, nil, nil)
	if r := WeightedConfiguration(n); !math.IsNaN(r.Expected) || !strings.Contains(r.Reason, "whole number") {
		t.Errorf("non-integer: %+v", r)
	}
	// Negative weights.
	n = build(t, true, []int64{1, 2}, []int64{2, 1}, []float64{-1, 1}, []int64{1, 2, 3}, nil)
	if r := WeightedConfiguration(n); !math.IsNaN(r.Expected) || !strings.Contains(r.Reason, "negative") {
		t.Errorf("negative: %+v", r)
	}
	// Undirected.
	n = build(t, false, []int64{1, 2}, []int64{2, 3}, nil, nil, nil)
	if r := WeightedConfiguration(n); !math.IsNaN(r.Expected) || !strings.Contains(r.Reason, "undirected") {
		t.Errorf("undirected: %+v", r)
	}
}
