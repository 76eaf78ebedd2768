package community

import (
	"fmt"
	"math"
)

// NMI is the normalised mutual information of two partitions of the same
// nodes, I(A;B) / ((H(A) + H(B)) / 2) (Danon et al. 2005, J. Stat. Mech.
// P09008, doi:10.1088/1742-5468/2005/09/P09008; the arithmetic mean is
// scikit-learn's default). Nodes with a negative label in either
// partition (missing truth) are left out. It is 1 for identical
// partitions up to renaming, near 0 for independent ones; when both have a
// single group it is 1, and NaN when fewer than one node is left.
func NMI(a, b []int32) (float64, error) {
	if len(a) != len(b) {
		return math.NaN(), fmt.Errorf("community: NMI of partitions of %d and %d nodes", len(a), len(b))
	}
	type pair struct{ x, y int32 }
	joint := map[pair]float64{}
	pa := map[int32]float64{}
	pb := map[int32]float64{}
	n := 0.0
	for i := range a {
		if a[i] < 0 || b[i] < 0 {
			continue
		}
		joint[pair{a[i], b[i]}]++
		pa[a[i]]++
		pb[b[i]]++
		n++
	}
	if n == 0 {
		return math.NaN(), nil
	}
	h := func(m map[int32]float64) float64 {
		s := 0.0
		for _, c := range m {
			s -= c / n * math.Log(c/n)
		}
		return s
	}
	ha, hb := h(pa), h(pb)
	if ha == 0 && hb == 0 {
		return 1, nil
	}
	mi := 0.0
	for p, c := range joint {
		mi += c / n * math.Log(c*n/(pa[p.x]*pb[p.y]))
	}
	return math.Max(0, mi/((ha+hb)/2)), nil
}
