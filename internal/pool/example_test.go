package pool_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/internal/pool"
)

// Sum the squares of 0..99 in four fixed ranges, added in a fixed order.
func ExampleParts() {
	const n, p = 100, 4
	part := make([]int, p)
	pool.Parts(p, func(k int) {
		for i := k * n / p; i < (k+1)*n/p; i++ {
			part[k] += i * i
		}
	})
	total := 0
	for _, s := range part {
		total += s
	}
	fmt.Println(total)
	// Output: 328350
}
