// Package reciprocity measures whether engagement is returned in a directed
// network: edge reciprocity, the dyad census and dyad ratio, the
// Garlaschelli-Loffredo rho with node-jackknife standard errors, weighted
// reciprocity against two null models (the weighted random graph, in
// Summarize, and the weighted configuration model, in
// WeightedConfiguration), per-node reciprocity, reciprocity within and between groups of
// a node attribute, and the triad census.
//
// Every index reads the network's Simple view: parallel records are merged
// (their weights add; without a weight column a merged arc weighs its record
// count) and self-loops are left out. An index that is undefined for the
// input (no arcs, an undirected network, negative weights) is NaN together
// with a reason the reader can print; nothing here panics on data.
//
// The long form of every formula, with references and a comparison with
// networkx and igraph, is docs/methods/reciprocity.md.
package reciprocity
