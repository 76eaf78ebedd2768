// Package figures draws the toolkit's findings as publication-ready figures
// with gonum/plot: mixing matrices, group homophily, permutation nulls,
// reciprocity, degree distributions, network drawings, engagement time series
// and the generic charts the engagement analyses use (histogram with a marked
// value, bars with confidence intervals, scatter with a fitted line, rank
// slope charts).
//
// Every constructor takes plain Go data (slices and labels), checks it
// (NaN, Inf, empty or misaligned input is a returned error naming the
// argument, never a panic) and returns a *Figure. A Figure renders to PNG,
// SVG and PDF; its PNG() []byte and SVG() string methods are the rich-display
// methods of Go notebook kernels, so a figure shows inline by being the value
// of a cell. Save picks the format from the file extension and writes
// atomically.
//
// Style: one colour-blind-safe palette for groups (Okabe and Ito 2008,
// "Color Universal Design", https://jfly.uni-koeln.de/color/), Liberation
// Sans text, and titles, axis labels and legends that say what is drawn.
// Groups beyond the seventh share a grey "other" colour in network drawings;
// missing attribute values are light grey.
//
// Determinism: the same figure renders to byte-identical SVG and PDF on every
// run. For PDF this package sets, once at initialisation, the fpdf library's
// process-wide defaults for the document CreationDate and ModDate to a fixed
// instant (2000-01-01T00:00:00Z) and turns on its catalog sorting (otherwise
// fonts are written in map order). Any other PDF written through fpdf in the
// same process is affected the same way. Text in PDF output is encoded as
// Windows-1252, so figure text keeps to that character set (ASCII, Latin-1).
package figures
