// Package worldstest loads the independent worlds of package worlds for the
// tests of the analyses: a preset at a size and seed, as events and the
// follow network, released when the test ends. It is test support, not an
// analysis.
package worldstest

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
)

// Load generates the preset's world at size and seed (see worlds.Preset)
// and returns it (its Truth says what was planted) with its events and
// follow network, both released by t.Cleanup. Any failure stops the test.
func Load(t testing.TB, preset string, size float64, seed uint64) (*worlds.World, *events.Events, *network.Network) {
	t.Helper()
	p, err := worlds.Lookup(preset)
	if err != nil {
		t.Fatal(err)
	}
	w, err := worlds.Generate(p.Config(size, seed))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := w.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	f, err := w.FollowNetwork(nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Release)
	return w, ev, f
}
