// Package generate draws seeded synthetic networks with planted parameters
// (group sizes, homophily, reciprocity), for tests, teaching and benchmarks.
package generate
