// Package reciprocal measures reciprocal engagement over time: how likely an
// engagement from u to v is to be returned (v engages u) within a window,
// and how long the return takes — the share returned, a Kaplan–Meier curve
// of the time to return that accounts for engagements too recent to have
// been answered, and quantiles — overall, by the initiator's group, and
// within versus across groups.
//
// Definitions and references are in docs/methods/engagement.md.
package reciprocal
