// Package pool runs loops on several goroutines: the one worker pool of
// the toolkit's analyses, so that each package states what it splits and
// how many goroutines it wants, not how to start and wait for them.
//
// Two shapes cover every use. Parts runs a fixed number of parts, one
// goroutine each, for work split in advance (contiguous ranges whose
// partial sums are added in a fixed order, so results do not depend on the
// number of CPUs). For hands out the indices 0..n-1 one at a time to a few
// goroutines, for tasks of uneven cost (permutations, chunks of a census).
package pool
