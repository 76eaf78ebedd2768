package interval

import "math"

// Z95 is the 0.975 quantile of the standard normal: the half-width, in
// standard errors, of a two-sided 95% normal interval.
const Z95 = 1.959963984540054

// Wilson returns the 95% Wilson score interval of a proportion: x successes
// in n trials (Wilson 1927, JASA 22:209, doi:10.1080/01621459.1927.10502953).
// Unlike the Wald interval it stays inside [0, 1] and keeps a width at x = 0
// and x = n. Both limits are NaN when n <= 0.
func Wilson(x, n int64) (lo, hi float64) {
	if n <= 0 {
		return math.NaN(), math.NaN()
	}
	p, nn := float64(x)/float64(n), float64(n)
	den := 1 + Z95*Z95/nn
	c := (p + Z95*Z95/(2*nn)) / den
	h := Z95 * math.Sqrt(p*(1-p)/nn+Z95*Z95/(4*nn*nn)) / den
	return math.Max(0, c-h), math.Min(1, c+h)
}
