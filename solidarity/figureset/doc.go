// Package figureset builds the full sets of figures behind
// 'solidarity figures' and writes them into a folder with their numbers and a
// report.md that embeds them.
//
// Build makes the network set for one network and one attribute (mixing,
// homophily per group, the permutation null, dyad census, reciprocity by
// group, degree distributions, degree assortativity, a drawing, engagement
// over time) with stats.json. BuildEngagement makes the engagement set for an
// event table (comrade lift, unconditional support, the engagement model,
// return probability and time to return, engagement per day, trending
// amplification and rank changes, coordinated clusters, echo chambers) with
// engagement.json.
//
// Everything is seeded and free of timestamps, so two runs write
// byte-identical SVG and PDF files.
package figureset
