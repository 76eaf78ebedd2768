// Package mergeable defines, once, the sufficient statistics behind
// 'solidarity stats --json' as mergeable summaries, so that the in-memory
// core, the out-of-core DuckDB path (module scale/duckdb) and the
// distributed Beam path (module scale/beam) compute the same numbers with
// the same finishing code and cannot drift apart.
//
// Every summary has a usable zero value, an Add method for one input, a
// Merge that is associative and commutative (sums, ORs, histograms added
// key by key), and a Finish that hands the sums to the very function the
// core ends in: reciprocity.FromCounts, homophily.FromMixing,
// homophily.JackknifeCells, homophily.NominalJackknife and
// homophily.Moments. Maps are read in sorted key order in Finish, so the
// result does not depend on the order of merges. Report assembles a
// stats.Report whose JSON has the keys and reasons of the core's.
//
// # Stages (the keys of a distributed run)
//
//  1. Records → Pair, keyed on the unordered pair {u, v} (Orient): parallel
//     records merge with weights added, self-loops are counted apart and
//     left out (the core's merge rule).
//  2. Pair → Reciprocity.AddPair (arc and weight sums) and Pair.Ends → Node,
//     keyed on the node: out-, in- and mutual neighbours.
//  3. Node → Reciprocity.AddNode: a histogram of (out+in degree, mutual)
//     for the node jackknife.
//  4. Pair joined with the Node of each end → DegreePairs (a histogram of
//     the degree pair of each arc) for degree assortativity.
//  5. Pair joined with each end's group → Mixing (cells keyed by group
//     labels, group sizes, entries left out); a weighted run adds a second
//     pass over the edges into MixingJackknife.
//
// # How each jackknife decomposes
//
// Reciprocity (node jackknife, Snijders & Borgatti 1999): leaving node k
// out gives r_(k) = (L<-> − 2 m_k)/(L − d_k), a function of the global sums
// and of k's degree d_k and mutual count m_k only. So
// SE² = (n−1)/n · Σ_k (r_(k) − r̄)² is a sum over the histogram of
// (d_k, m_k) weighted by counts: one pass, no per-node state after stage 3.
//
// Nominal assortativity, unweighted (Newman 2003, Phys. Rev. E 67, 026126):
// every edge of cell (g, h) gives the same r_i, so σ² = Σ_cells n_gh (r_gh −
// r)² comes from the cells alone (homophily.JackknifeCells). Weighted:
// r_i = (T'M' − S')/(M'² − S') after removing weight w from the row and
// column sums is a rational function of w, not a polynomial, so sums of
// powers of w do not give it exactly; it needs a second pass over the
// edges once the matrix is known (MixingJackknife, one term per edge or per
// (g, h, w) with a count). In Beam the finished matrix is a side input.
//
// Degree assortativity (Newman 2003, eq. 21 with the jackknife of Newman
// 2002): the Pearson sums and every leave-one-edge-out r_i (degrees held
// fixed, as in the core) depend on an edge only through its two degrees,
// so the histogram of degree pairs is sufficient (DegreePairs). Its size is
// the number of distinct degree pairs (about 10^5 to 10^6 for 10^8 arcs of
// a heavy-tailed network), not the number of edges. Sums of powers
// (Σx, Σx², Σxy) would also give r, but lose digits by cancellation at
// scale and still need per-edge terms for the jackknife; the histogram
// gives both exactly up to rounding.
//
// What is not mergeable here: the permutation test of assortativity (it
// reshuffles node labels and recomputes the matrix once per permutation;
// run it in memory, or as one pass per permutation), and everything that
// needs paths (triads, WCM expectations).
package mergeable
