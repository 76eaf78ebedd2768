package homophily

import (
	"fmt"
	"math"
)

// The indices below take a square mixing matrix m (rows: ego's group,
// columns: alter's group; counts or weights) and, where they need them, the
// group sizes. For an undirected network pass the symmetric matrix of
// MixingMatrix (each edge counted from both ends): every index here is
// unchanged by counting all cells twice, and Coleman's index then equals
// netseg's coleman() on igraph::as.directed(g, "mutual").

// EIFromMixing returns Krackhardt & Stern's E-I index,
//
//	EI = (E − I) / (E + I),
//
// with I the ties within groups (the diagonal) and E the ties between them
// (Krackhardt & Stern 1988, Social Psychology Quarterly 51(2), 123–140,
// doi:10.2307/2786835). −1: all ties internal; +1: all external. It equals
// netseg's ei(). Undefined when there are no ties.
func EIFromMixing(m [][]float64) (float64, string) {
	if reason := checkSquare(m, nil); reason != "" {
		return math.NaN(), reason
	}
	var in, tot float64
	for i, row := range m {
		for j, v := range row {
			tot += v
			if i == j {
				in += v
			}
		}
	}
	if tot <= 0 {
		return math.NaN(), "no ties between nodes with a value"
	}
	return (tot - 2*in) / tot, ""
}

// ColemanFromMixing returns Coleman's homophily index of each group i,
//
//	E_i = m_i· (n_i − 1)/(N − 1)             expected within-group ties
//	C_i = (m_ii − E_i) / (m_i· − E_i)          if m_ii > E_i
//	C_i = (m_ii − E_i) / E_i                   otherwise,
//
// where m_i· is the row sum (ties sent by group i), n_i the group size and
// N = Σ n_i (Coleman 1958, Human Organization 17(4), 28–36,
// doi:10.17730/humo.17.4.q5604m676260q8n7; exact expectation as in netseg's
// coleman(), Bojanowski & Corten 2014, doi:10.1016/j.socnet.2014.04.001).
// C_i is 1 when group i only chooses within, 0 at random choice, −1 when it
// never does. A group is NaN (reason in reasons[i]) when it sends no ties
// or its expected count is zero (a group of one node).
func ColemanFromMixing(m [][]float64, sizes []float64) (c []float64, reasons []string) {
	k := len(m)
	c = make([]float64, k)
	reasons = make([]string, k)
	if reason := checkSquare(m, sizes); reason != "" {
		for i := range c {
			c[i], reasons[i] = math.NaN(), reason
		}
		return c, reasons
	}
	var N float64
	for _, s := range sizes {
		N += s
	}
	for i := range m {
		var out float64
		for _, v := range m[i] {
			out += v
		}
		switch {
		case N <= 1:
			c[i], reasons[i] = math.NaN(), "fewer than two nodes have a value"
			continue
		case out == 0:
			c[i], reasons[i] = math.NaN(), "the group sends no ties"
			continue
		}
		e := out * (sizes[i] - 1) / (N - 1)
		if m[i][i] > e {
			c[i] = (m[i][i] - e) / (out - e)
		} else if e > 0 {
			c[i] = (m[i][i] - e) / e
		} else {
			c[i], reasons[i] = math.NaN(), "the group has one node, so no within-group tie is possible"
		}
	}
	return c, reasons
}

// InbreedingFromMixing returns, for each group i, Currarini, Jackson & Pin's
// homophily index H_i and inbreeding homophily IH_i,
//
//	H_i  = m_ii / m_i·                 (share of group i's ties that stay inside)
//	IH_i = (H_i − w_i) / (1 − w_i),    w_i = n_i / N,
//
// (Currarini, Jackson & Pin 2009, Econometrica 77(4), 1003–1045,
// doi:10.3982/ECTA7528, Definitions 1 and 2, with friendships read as
// ties). IH_i is 0 when group i mixes in proportion to group sizes, 1 when
// it only ties within. NaN (reason in reasons[i]) when the group sends no
// ties or is the only group with members (w_i = 1).
func InbreedingFromMixing(m [][]float64, sizes []float64) (h, ih []float64, reasons []string) {
	k := len(m)
	h, ih, reasons = make([]float64, k), make([]float64, k), make([]string, k)
	if reason := checkSquare(m, sizes); reason != "" {
		for i := range h {
			h[i], ih[i], reasons[i] = math.NaN(), math.NaN(), reason
		}
		return
	}
	var N float64
	for _, s := range sizes {
		N += s
	}
	for i := range m {
		var out float64
		for _, v := range m[i] {
			out += v
		}
		if out == 0 {
			h[i], ih[i], reasons[i] = math.NaN(), math.NaN(), "the group sends no ties"
			continue
		}
		h[i] = m[i][i] / out
		w := sizes[i] / N
		if w >= 1 {
			ih[i], reasons[i] = math.NaN(), "it is the only group with members (w_i = 1)"
			continue
		}
		ih[i] = (h[i] - w) / (1 - w)
	}
	return
}

// FreemanFromMixing returns Freeman's segregation index generalised to any
// number of groups,
//
//	S = (E[X] − X) / E[X],   E[X] = T · (N² − Σ n_i²) / (N (N − 1)),
//
// with X the between-group ties, T all ties and n_i the group sizes, N their
// sum (Freeman 1978, Sociological Methods & Research 6(4), 411–429,
// doi:10.1177/004912417800600401; generalisation and removal of the
// truncation at 0 as in netseg's freeman(), Bojanowski & Corten 2014).
// S is 0 under random tie formation and 1 with no between-group ties; it is
// negative when there are more between-group ties than chance. netseg only
// accepts undirected networks; for directed ones the same formula over arcs
// compares the share of cross-group arcs with the share of cross-group
// ordered pairs. NaN when there are no ties or no between-group pair of
// nodes (a single group).
func FreemanFromMixing(m [][]float64, sizes []float64) (float64, string) {
	if reason := checkSquare(m, sizes); reason != "" {
		return math.NaN(), reason
	}
	var tot, x, N, sq float64
	for i, row := range m {
		for j, v := range row {
			tot += v
			if i != j {
				x += v
			}
		}
	}
	for _, s := range sizes {
		N += s
		sq += s * s
	}
	if tot <= 0 {
		return math.NaN(), "no ties between nodes with a value"
	}
	if N <= 1 || N*N-sq <= 0 {
		return math.NaN(), "there is only one group, so no tie can cross groups"
	}
	e := tot * (N*N - sq) / (N * (N - 1))
	return (e - x) / e, ""
}

// ORWGFromMixing returns the odds ratio of a tie within rather than between
// groups,
//
//	OR = (W / (P_w − W)) / (B / (P_b − B)),
//
// where W and B are the within- and between-group ties and P_w = Σ n_i(n_i−1),
// P_b = N² − Σ n_i² the ordered pairs of distinct nodes of each kind (Moody
// 2001, American Journal of Sociology 107(3), 679–716, doi:10.1086/338954;
// netseg's orwg()). m must hold counts of a simple network (the symmetric
// matrix for an undirected one, which halves both sides alike). 1: no
// preference; above 1: within-group ties are likelier. NaN when an odds is
// 0/0 or the ratio is 0/0 or x/0 (no between-group ties, or a complete or
// empty class of dyads).
func ORWGFromMixing(m [][]float64, sizes []float64) (float64, string) {
	if reason := checkSquare(m, sizes); reason != "" {
		return math.NaN(), reason
	}
	var w, b, N, pw float64
	for i, row := range m {
		for j, v := range row {
			if i == j {
				w += v
			} else {
				b += v
			}
		}
	}
	for _, s := range sizes {
		N += s
		pw += s * (s - 1)
	}
	pb := N*(N-1) - pw
	wn, bn := pw-w, pb-b
	if wn < 0 || bn < 0 {
		return math.NaN(), "more ties than pairs of nodes: the matrix must count ties of a simple network with these group sizes"
	}
	switch {
	case pw == 0:
		return math.NaN(), "no within-group pair of nodes exists (every group has one member)"
	case pb == 0:
		return math.NaN(), "there is only one group, so no between-group pair exists"
	case b == 0:
		return math.NaN(), "there are no between-group ties, so the odds ratio is infinite"
	case wn == 0:
		return math.NaN(), "every within-group pair is tied, so the odds ratio is infinite"
	}
	return (w / wn) / (b / bn), ""
}

func checkSquare(m [][]float64, sizes []float64) string {
	k := len(m)
	if k == 0 {
		return "the mixing matrix is empty (no groups)"
	}
	for i, row := range m {
		if len(row) != k {
			return fmt.Sprintf("the mixing matrix is not square: row %d has %d entries, want %d", i, len(row), k)
		}
		for j, v := range row {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Sprintf("mixing matrix entry (%d,%d) is %v: want a finite count or weight ≥ 0", i, j, v)
			}
		}
	}
	if sizes != nil && len(sizes) != k {
		return fmt.Sprintf("%d group sizes for a %d×%d mixing matrix", len(sizes), k, k)
	}
	for i, s := range sizes {
		if s < 0 || math.IsNaN(s) {
			return fmt.Sprintf("group size %d is %v: want a count ≥ 0", i, s)
		}
	}
	return ""
}
