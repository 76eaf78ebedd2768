package interval

import (
	"math"
	"testing"
)

// Wilson 1927: 5 of 10 gives [0.2366, 0.7634] (the textbook value, e.g.
// statsmodels proportion_confint(5, 10, method="wilson")); 0 of 10 keeps a
// width, [0, 0.2775].
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		x, n   int64
		lo, hi float64
	}{{5, 10, 0.236593090512564, 0.763406909487436}, {0, 10, 0, 0.277532799862889}, {10, 10, 0.722467200137111, 1}} {
		lo, hi := Wilson(c.x, c.n)
		if math.Abs(lo-c.lo) > 1e-9 || math.Abs(hi-c.hi) > 1e-9 {
			t.Errorf("Wilson(%d, %d) = [%v, %v], want [%v, %v]", c.x, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := Wilson(0, 0); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Wilson(0, 0) = [%v, %v], want NaN", lo, hi)
	}
}
