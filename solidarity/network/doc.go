// Package network holds the toolkit's one data model: a social network kept as
// two Apache Arrow record batches (edges and nodes) plus a dense node index and
// a compressed adjacency built once from the Arrow columns.
//
// A Network never changes the tables it was given. The analyses read the
// Simple view, which applies the toolkit's single rule for messy input:
//
//	parallel edges merge into one edge whose weight is the sum of their
//	weights (without a weight column, the number of records), and
//	self-loops are left out.
//
// Both counts are reported in Report, so nothing is hidden.
//
// Memory: a Network retains its record batches. Call Release once when done;
// it is the only value a user has to release.
package network
