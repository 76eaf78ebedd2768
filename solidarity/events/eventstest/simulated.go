package eventstest

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// Simulated runs the seeded simulator with cfg and returns the world and
// its events, which are released when the test ends: the planted-truth
// world every analysis's tests start from.
func Simulated(t testing.TB, cfg simulate.Config) (*simulate.Result, *events.Events) {
	t.Helper()
	sim, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	return sim, ev
}
