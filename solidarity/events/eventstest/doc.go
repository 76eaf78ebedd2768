// Package eventstest builds engagement event tables for the tests and
// benchmarks of the analyses (comrades, trending, coordination, echo):
// small hand-written tables from plain slices, and seeded synthetic tables
// on a ladder of sizes. It is test support, not an analysis.
package eventstest
