package coordination

import "github.com/algosolidarity/toolkit/solidarity/events/eventstest"

// The shared builders of package eventstest, under the names the tests use.
var (
	mkEvents  = eventstest.FromSlices
	mkGroups  = eventstest.Groups
	synthetic = eventstest.Synthetic
	sizes     = eventstest.Sizes
)
