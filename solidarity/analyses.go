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

// Figures returns the full figure set of 'solidarity figures' for n and
// attr (999 permutations, seed 1), in reading order.
func Figures(n *Network, attr string) ([]*Figure, error) {
	set, err := figureset.Build(n, figureset.Options{Attr: attr, Seed: 1})
	if err != nil {
		return nil, err
	}
	out := make([]*Figure, len(set.Items))
	for i, it := range set.Items {
		out[i] = it.Figure
	}
	return out, nil
}
