// Package comrades separates comradeship from content in engagement: for
// each engagement, is the actor a comrade of the author (a prior reciprocal
// tie, the same group, or either)? It reports the comrade share of
// engagement against the comrade share of exposure, each actor's lift
// (how much likelier they engage a comrade's item than another's, with a
// MOVER-Wilson confidence interval), the pooled lift with a cluster-robust interval,
// "unconditional support" (the share of comrades' items engaged, by item
// quality), and a logistic regression of engagement on comradeship and
// content quality over actor x exposed-item pairs, fitted with
// gonum/optimize (Newton) on a case-control sample with the intercept
// corrected for the sampling.
//
// Definitions, the exposure model and the corrections are in
// docs/methods/engagement.md.
package comrades
