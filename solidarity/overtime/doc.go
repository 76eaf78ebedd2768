// Package overtime runs an analysis per time window: every d (Every) or
// before and after a date (Between, the event-study view), and returns
// one estimate with its interval per window, ready for figures.Estimates
// (Figure). Each analysis has an estimator (ComradeRateRatio,
// ReturnShare, PairReciprocity, TrendingOwed, GroupAmplification,
// EchoCorrelation, CoordinatedClusters, and the network index
// EngagementHomophily) whose Point says what its interval is, or why
// there is none; Difference compares the two windows
// of Between with a MOVER interval.
//
// An estimate in one window says what the analysis says about the events
// of that window only: engagements whose reply or follow-up falls in the
// next window are cut off (censored) at the window's end, and a change
// between windows is a change in the measure, not by itself an effect of
// whatever happened at the cut (other things change at the same time).
// See docs/methods/overtime.md.
package overtime
