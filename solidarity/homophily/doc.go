// Package homophily measures whether ties in a network run within groups of
// a node attribute: the mixing matrix, Newman's assortativity coefficient
// (nominal, numeric and by degree) with its jackknife standard error and a
// permutation test, and the segregation indices catalogued by Bojanowski &
// Corten (2014): Krackhardt & Stern's E-I index, Coleman's homophily index,
// Currarini, Jackson & Pin's inbreeding homophily, Freeman's segregation
// index and the odds ratio of within-group ties.
//
// Every index reads the network's Simple view, so the toolkit's one rule for
// messy input holds everywhere: parallel edges are merged (their weights
// added) and self-loops are left out. Nodes whose attribute value is missing
// are left out together with their edges, and both are counted in the
// result. An undirected edge is seen from both ends, as networkx and Newman
// (2003) do: it adds one to cell (g,h) and one to cell (h,g) of the mixing
// matrix, so a within-group edge adds two to the diagonal.
//
// A value that is mathematically undefined (no edges, a single group,
// constant values) is NaN, and the result carries a reason a reader can
// understand. Nothing here panics on data.
//
// The longer derivations, the references and the comparison with networkx,
// igraph and netseg are in docs/methods/homophily.md.
package homophily
