// Package generate draws seeded synthetic networks with planted parameters
// (group sizes, homophily, reciprocity), for tests, teaching and benchmarks.
//
// Planted is a directed or undirected stochastic block model with a
// reciprocation probability, drawn in O(N·groups + arcs) by geometric
// skipping; its Expected* methods give the planted dyad census, arc count
// and edge reciprocity, against which estimates can be checked.
// BenchmarkEdgeList and BenchmarkNodeList write CSV files of any size (the
// 1M-node, 10M-arc benchmark) with planted within-group share and
// reciprocity. Every generator is deterministic for a seed (math/rand/v2 PCG).
package generate
