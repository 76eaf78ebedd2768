package solidarity

import (
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/figureset"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// StatsReport is the whole-network report (see package stats): it prints
// as text, shows as HTML tables in a notebook and marshals to the JSON of
// 'solidarity stats --json'.
type StatsReport = stats.Report

// Stats returns reciprocity, degree assortativity and, when attr is not
// empty, the homophily of attr: the report of 'solidarity stats'.
func Stats(n *Network, attr string) (*StatsReport, error) {
	return stats.Compute(n, stats.Options{Attr: attr})
}

// Homophily returns every homophily index of a categorical attribute with
// Newman's jackknife standard error; permutations > 0 adds a seeded
// permutation test (seed 1).
func Homophily(n *Network, attr string, permutations int) (*homophily.Summary, error) {
	return homophily.Summarize(n, attr, homophily.Options{Permutations: permutations, Seed: 1, Progress: notebookProgress("permutations")})
}

// Reciprocity returns every whole-network reciprocity index.
func Reciprocity(n *Network) reciprocity.Summary { return reciprocity.Summarize(n) }

// ReciprocityByGroup returns reciprocity within and between the groups of attr.
func ReciprocityByGroup(n *Network, attr string) (*reciprocity.Groups, error) {
	return reciprocity.ByGroup(n, attr)
}

// Figure is a figure that shows inline (PNG, SVG) and saves as SVG, PDF or PNG.
type Figure = figures.Figure

// FigureSet is a set of figures with their captions, the findings of a
// single number that read better as a sentence, and what was not drawn.
// Show displays it whole (every figure with its caption); its Write
// method saves the files and report of 'solidarity figures'.
type FigureSet = figureset.Set

// BuildFigures returns the full figure set of 'solidarity figures' for n
// and attr (999 permutations, seed 1).
func BuildFigures(n *Network, attr string) (*FigureSet, error) {
	return figureset.Build(n, figureset.Options{Attr: attr, Seed: 1})
}

// Figures returns the figures of BuildFigures, in reading order, each with
// its set caption in Caption (Show prints it under the figure). Findings
// of a single number have no figure: they are in BuildFigures' Sentences.
func Figures(n *Network, attr string) ([]*Figure, error) {
	set, err := BuildFigures(n, attr)
	if err != nil {
		return nil, err
	}
	return captioned(set), nil
}

// captioned returns the set's figures with the set's caption (which
// already ends with the figure's own note) in each figure's Caption.
func captioned(set *FigureSet) []*Figure {
	out := make([]*Figure, len(set.Items))
	for i, it := range set.Items {
		it.Figure.Caption = it.Caption
		out[i] = it.Figure
	}
	return out
}
