package cmdutil

import (
	"math"
)

// Range checks of flag values: each returns a *UsageError (exit status 2)
// naming the flag and what it accepts, so a value out of range is refused
// rather than replaced by a default.

// IntRange checks lo <= v <= hi.
func IntRange(flag string, v, lo, hi int) error {
	if v < lo || v > hi {
		return Usagef("--%s %d: want a whole number from %d to %d", flag, v, lo, hi)
	}
	return nil
}

// NonNegative checks that v is a finite number >= 0.
func NonNegative(flag string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return Usagef("--%s %v: want a finite number >= 0", flag, v)
	}
	return nil
}

// Positive checks that v is a finite number > 0.
func Positive(flag string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return Usagef("--%s %v: want a finite number > 0", flag, v)
	}
	return nil
}

// Finite checks that v is a finite number.
func Finite(flag string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Usagef("--%s %v: want a finite number", flag, v)
	}
	return nil
}

// Errs returns the first non-nil error.
func Errs(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// MaxPermutations bounds --permutations: each shuffle's statistic is kept
// (8 bytes), and 2,000,000,000 asked for 16 GB up front. A million gives
// p-values to 1e-6, past what any test here needs.
const MaxPermutations = 1_000_000
