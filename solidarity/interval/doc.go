// Package interval holds the confidence intervals the engagement analyses
// share, defined once: the Wilson score interval of a proportion (used for
// return probabilities, per-actor lifts and support by quality) and the 95%
// normal quantile.
package interval
