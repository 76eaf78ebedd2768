package coordination

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func simulated(t *testing.T, cells int) (*Result, *simulate.Result, [][]any) {
	t.Helper()
	cfg := simulate.DefaultConfig()
	cfg.Seed = 11
	cfg.CoordinatedCells = cells
	sim, ev := eventstest.Simulated(t, cfg)
	r, err := Analyze(ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summary()
	t.Logf("%d events, window %.0f s (%s), %d pairs, %d skipped, %d clusters", r.Events, r.Window,
		r.Estimated.Method, r.Pairs, r.Skipped, len(r.Clusters))
	members := make([][]any, len(s.Clusters))
	for i, c := range s.Clusters {
		members[i] = c.Members
	}
	return r, sim, members
}

// The simulator's default world (1000 actors, 7 days, organic delays of
// about an hour) with 4 cells of 5 actors that each boost 3 items a day
// within 30 s: every cell is recovered with Jaccard >= 0.8 by the
// estimated window and default thresholds, and nothing else is reported.
func TestSimulatedCells(t *testing.T) {
	r, sim, clusters := simulated(t, 4)
	for _, cell := range sim.Cells {
		want := make([]int64, len(cell))
		for k, a := range cell {
			want[k] = int64(a)
		}
		best := 0.0
		for _, c := range clusters {
			best = max(best, jaccard(want, c))
		}
		if best < 0.8 {
			t.Errorf("cell %v: best Jaccard %.2f < 0.8 (clusters %v)", cell, best, clusters)
		}
	}
	if len(r.Clusters) != len(sim.Cells) {
		t.Errorf("%d clusters for %d cells: %v", len(r.Clusters), len(sim.Cells), clusters)
	}
}

// Null: the same world without cells yields no cluster of more than 2.
func TestSimulatedNoCells(t *testing.T) {
	r, _, clusters := simulated(t, 0)
	for _, c := range r.Clusters {
		if len(c) > 2 {
			t.Errorf("cluster of %d actors without planted cells: %v", len(c), clusters)
		}
	}
}
