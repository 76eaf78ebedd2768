// Package trending ranks items with a transparent trending rule (engagement
// velocity in a sliding window with exponential decay), compares the ranks
// with counterfactual ranks computed without comrade engagement, and reports
// the rank lift each item owes to solidarity and each group's amplification
// ratio (its share of the top-k over its share of items, in the spirit of
// Huszár et al. 2022, PNAS, doi:10.1073/pnas.2025334119).
//
// The definitions are in docs/methods/amplification.md.
package trending
