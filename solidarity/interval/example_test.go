package interval_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/interval"
)

// 7 of 20 engagements were returned within a day.
func ExampleWilson() {
	lo, hi := interval.Wilson(7, 20)
	fmt.Printf("0.35 [%.3f, %.3f]\n", lo, hi)
	// Output: 0.35 [0.181, 0.567]
}
