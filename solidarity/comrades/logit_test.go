package comrades

import (
	"math"
	"testing"
)

// TestLogitTwoByTwo: with one binary covariate the logistic MLE has a
// closed form (Agresti, Categorical Data Analysis, 3rd ed., sec. 5.2.4 /
// 3.1.3): intercept = log(a/b) for the x=0 row, slope = the log odds ratio
// log(ad/bc), se(slope) = sqrt(1/a + 1/b + 1/c + 1/d), se(intercept) =
// sqrt(1/a + 1/b). Table: x=0: 30 engaged, 70 not; x=1: 45 engaged, 15 not.
func TestLogitTwoByTwo(t *testing.T) {
	var x, y []float64
	add := func(xv, yv float64, n int) {
		for i := 0; i < n; i++ {
			x = append(x, xv)
			y = append(y, yv)
		}
	}
	add(0, 1, 30)
	add(0, 0, 70)
	add(1, 1, 45)
	add(1, 0, 15)
	ones := make([]float64, len(x))
	for i := range ones {
		ones[i] = 1
	}
	f := logitFit(&design{cols: [][]float64{ones, x}, y: y})
	if !f.converged {
		t.Fatalf("not converged: %s", f.reason)
	}
	want := []float64{math.Log(30.0 / 70), math.Log(45.0 * 70 / (15 * 30))}
	wantSE := []float64{math.Sqrt(1.0/30 + 1.0/70), math.Sqrt(1.0/30 + 1.0/70 + 1.0/45 + 1.0/15)}
	for j := range want {
		if math.Abs(f.coef[j]-want[j]) > 1e-7 || math.Abs(f.se[j]-wantSE[j]) > 1e-7 {
			t.Errorf("term %d: coef %.10f se %.10f, want %.10f %.10f", j, f.coef[j], f.se[j], want[j], wantSE[j])
		}
	}
	// Weights 2 double every row: same coefficients, se / sqrt(2).
	w := make([]float64, len(y))
	for i := range w {
		w[i] = 2
	}
	g := logitFit(&design{cols: [][]float64{ones, x}, y: y, w: w})
	if math.Abs(g.coef[1]-want[1]) > 1e-7 || math.Abs(g.se[1]-wantSE[1]/math.Sqrt2) > 1e-7 {
		t.Errorf("weighted: coef %v se %v", g.coef[1], g.se[1])
	}
	// Perfect separation: x predicts y exactly; no finite MLE.
	sep := logitFit(&design{cols: [][]float64{ones[:4], {0, 0, 1, 1}}, y: []float64{0, 0, 1, 1}})
	if sep.converged || sep.reason == "" {
		t.Errorf("separated data: coef %v converged %v reason %q: want not converged, with a reason", sep.coef, sep.converged, sep.reason)
	}
}
