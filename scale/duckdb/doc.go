// Package duckdb computes the toolkit's whole-network indices out of core
// on one machine: SQL over Parquet or CSV files (globs allowed) in an
// embedded DuckDB that spills to disk past a memory limit.
//
// DB.Stats gives the report of 'solidarity stats' (a *stats.Report, the
// value solidarity.Stats returns, with the same JSON), DB.Reciprocal the
// reciprocal engagement of reciprocal.Analyze, DB.CoEngagement the
// co-engagement network of coordination.Analyze and DB.Comrades the
// comrade estimate of comrades.Analyze with a follow network. SQL reduces
// the records to the sums of package solidarity/mergeable (or, for
// Comrades, to (actor, author, comrade) cells), and the core's own
// finishing functions turn them into numbers, so the two paths agree (to
// 1e-9 on every shared data set; see docs/scale.md).
//
// It is a Go module of its own because DuckDB needs cgo: the toolkit's
// core module stays pure Go. The first build compiles and links DuckDB
// (tens of seconds); later builds reuse Go's build cache.
package duckdb
