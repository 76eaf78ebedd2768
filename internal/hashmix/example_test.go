package hashmix_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/internal/hashmix"
)

// Consecutive keys land far apart.
func ExampleFmix64() {
	for k := uint64(0); k < 3; k++ {
		fmt.Printf("%#016x\n", hashmix.Fmix64(k))
	}
	// Output:
	// 0x0000000000000000
	// 0xb456bcfc34c2cb2c
	// 0x3abf2a20650683e7
}
