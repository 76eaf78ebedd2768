// Package figures draws the toolkit's findings as publication-ready figures
// with gonum/plot: mixing matrices, group homophily, permutation nulls,
// reciprocity, degree distributions, network drawings, engagement time series
// and the generic charts the engagement analyses use (estimates with their
// intervals as dots and whiskers, Kaplan-Meier curves with confidence bands,
// histogram with a marked value, bars, scatter with a fitted line and y = x,
// rank slope charts).
//
// Every constructor takes plain Go data (slices and labels), checks it
// (NaN, Inf, empty or misaligned input is a returned error naming the
// argument, never a panic) and returns a *Figure. A Figure renders to PNG,
// SVG and PDF; its PNG() []byte and SVG() string methods are the rich-display
// methods of Go notebook kernels, so a figure shows inline by being the value
// of a cell. Save picks the format from the file extension and writes
// atomically.
//
// A single number (one bar, one dot) is not drawn: the constructor returns a
// *OneValue error holding the sentence to print instead.
//
// Colour means group. Group k, in the order of the group labels, has the
// same colour in every figure, GroupColor(k): the colour-blind-safe
// Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design",
// https://jfly.uni-koeln.de/color/) for the first seven groups, a grey
// "other" beyond, light grey for missing values. Rename gives groups
// readable names without changing their order, so without changing their
// colours. Series that are not groups (within and between groups, with and
// without comrades, in- and out-degree, a single series) take the greys of
// Neutral, told apart by shade, glyph and dash. Text is Liberation Sans;
// titles, axis labels and legends say what is drawn.
//
// Axes: logarithmic axes always carry at least three labels, whatever their
// range, and linear ones too; the axes hold every point, bar, whisker and
// band they draw. Network drawings leave isolated nodes out and count them
// in the figure's Caption; small ones get arrowheads (directed) and node
// names. Scatters with y = x share one range on both axes and are drawn at
// equal scale (Figure.EqualAspect).
//
// SVG tooltips: points, nodes, bars and dots carry a <title> with their id
// and value, which a browser shows when the pointer rests on them (up to
// MaxTips per figure). gonum/plot's SVG canvas cannot write titles, so the
// package draws SVG through a canvas wrapper that collects the tooltips and
// writes them as invisible circles over the figure; PNG and PDF are drawn
// without it.
//
// Determinism: the same figure renders to byte-identical SVG and PDF on every
// run. For PDF this package sets, once at initialisation, the fpdf library's
// process-wide defaults for the document CreationDate and ModDate to a fixed
// instant (2000-01-01T00:00:00Z) and turns on its catalog sorting (otherwise
// fonts are written in map order). Any other PDF written through fpdf in the
// same process is affected the same way. Text in PDF output is encoded as
// Windows-1252, so figure text keeps to that character set (ASCII, Latin-1).
package figures
