package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Max returns GOMAXPROCS, at most limit when limit > 0, and at least 1.
func Max(limit int) int {
	p := runtime.GOMAXPROCS(0)
	if limit > 0 {
		p = min(p, limit)
	}
	return max(p, 1)
}

// Parts runs f(0), …, f(p-1), each on its own goroutine, and returns when
// all have returned. With p = 1 it calls f(0) on the calling goroutine;
// with p < 1 it calls nothing.
func Parts(p int, f func(k int)) {
	if p <= 1 {
		if p == 1 {
			f(0)
		}
		return
	}
	var wg sync.WaitGroup
	for k := 0; k < p; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(k)
		}()
	}
	wg.Wait()
}

// For calls f(i) for every i in [0, n) on up to workers goroutines (at
// most n), which take the indices in increasing order as they become
// free, and returns when all calls have returned. With one worker the
// calls run in order on the calling goroutine.
func For(n, workers int, f func(i int)) {
	ForEach(n, workers, func() func(i int) { return f })
}

// ForEach is For with state per goroutine: each worker calls setup once
// and then the function it returned for each index it takes (a scratch
// buffer, a random source seeded per index, ...).
func ForEach(n, workers int, setup func() func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		if n > 0 {
			f := setup()
			for i := 0; i < n; i++ {
				f(i)
			}
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := setup()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
