package pool

import (
	"sync/atomic"
	"testing"
)

func TestEveryIndexOnce(t *testing.T) {
	for _, w := range []int{0, 1, 3, 64} {
		for _, n := range []int{0, 1, 7, 1000} {
			seen := make([]atomic.Int32, n)
			For(n, w, func(i int) { seen[i].Add(1) })
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("workers %d, n %d: index %d ran %d times", w, n, i, c)
				}
			}
		}
	}
}

func TestForEachSetupPerWorker(t *testing.T) {
	var setups atomic.Int32
	var sum atomic.Int64
	ForEach(100, 4, func() func(int) {
		setups.Add(1)
		return func(i int) { sum.Add(int64(i)) }
	})
	if s := setups.Load(); s < 1 || s > 4 {
		t.Errorf("%d setups for 4 workers", s)
	}
	if sum.Load() != 4950 {
		t.Errorf("sum %d, want 4950", sum.Load())
	}
}

func TestParts(t *testing.T) {
	Parts(0, func(k int) { t.Errorf("Parts(0) ran part %d", k) })
	for _, p := range []int{1, 5} {
		got := make([]int, p)
		Parts(p, func(k int) { got[k] = k + 1 })
		for k, v := range got {
			if v != k+1 {
				t.Errorf("p %d: part %d not run", p, k)
			}
		}
	}
	if Max(1) != 1 || Max(0) < 1 {
		t.Errorf("Max(1) = %d, Max(0) = %d", Max(1), Max(0))
	}
}
