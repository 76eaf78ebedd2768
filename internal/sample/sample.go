// Package sample holds the small random draws the world generators share
// (package simulate and package worlds): cumulative weights, a draw from
// them, and Poisson counts. Both generators promise the same output for the
// same seed on every platform, so these draws must not change.
package sample

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Cumulative returns the normalised cumulative sums of w, or nil when they
// sum to zero.
func Cumulative(w []float64) []float64 {
	c := make([]float64, len(w))
	s := 0.0
	for i, x := range w {
		s += x
		c[i] = s
	}
	if s <= 0 {
		return nil
	}
	for i := range c {
		c[i] /= s
	}
	return c
}

// Pick draws an index with the probabilities behind cum (from Cumulative).
func Pick(rng *rand.Rand, cum []float64) int {
	if len(cum) == 1 {
		return 0
	}
	x := rng.Float64()
	i, _ := slices.BinarySearch(cum, x)
	if i >= len(cum) {
		i = len(cum) - 1
	}
	return i
}

// Poisson draws a Poisson(mean) count: Knuth's product method for small
// means, a rounded normal approximation above 50.
func Poisson(rng *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 50 {
		k := int(math.Round(mean + math.Sqrt(mean)*rng.NormFloat64()))
		if k < 0 {
			k = 0
		}
		return k
	}
	l := math.Exp(-mean)
	k := 0
	p := rng.Float64()
	for p > l {
		k++
		p *= rng.Float64()
	}
	return k
}
