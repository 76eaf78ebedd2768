// Package validate builds the detectability card: how often each
// engagement analysis reports solidarity or coordination on worlds where
// there is none, and how often it finds what was planted.
//
// The worlds come from package worlds, which shares no machinery with the
// analyses: each null switches on one confounder (popularity, activity,
// exposure homophily, topic tastes correlated with group, ranking feedback,
// friends who react fast) with no solidarity at all; each planted world
// adds one mechanism at several sizes. Every detector declares a finding at
// the 5% level, so on a null it should fire in about 5% of seeds; Run
// counts how often it does, with a Wilson interval, and Card.Markdown
// renders the page docs/validation.md holds ('solidarity validate --out
// docs' regenerates it).
package validate
