// Package figureset builds the full set of figures for one network and one
// attribute (mixing, homophily per group, the permutation null, dyad census,
// reciprocity by group, degree distributions, degree assortativity, a
// drawing, engagement over time) and writes them, with stats.json and a
// report.md that embeds them, into a folder: the output of
// 'solidarity figures'. Everything is seeded and free of timestamps, so two
// runs write byte-identical SVG and PDF files.
package figureset
