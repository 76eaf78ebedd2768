package coordination

import (
	"math"
	"slices"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/worlds"
	"github.com/algosolidarity/toolkit/solidarity/worlds/worldstest"
)

func TestBenjaminiHochberg(t *testing.T) {
	// Hand-computed: sorted p 0.01, 0.02, 0.03, 0.5 with m = 4 give
	// 0.04, 0.04, 0.04, 0.5 (step-up, monotone); NaN stays NaN.
	q := BenjaminiHochberg([]float64{0.03, 0.5, 0.01, math.NaN(), 0.02})
	want := []float64{0.04, 0.5, 0.04, math.NaN(), 0.04}
	for i := range q {
		if !(math.Abs(q[i]-want[i]) < 1e-12 || (math.IsNaN(q[i]) && math.IsNaN(want[i]))) {
			t.Errorf("q[%d] = %v, want %v", i, q[i], want[i])
		}
	}
}

// On independent worlds (package worlds): friends who react to each other's
// posts within minutes form co-engagement clusters but pass the timing
// null; coordinated cells whose start is drawn like organic delays are
// found at q < 0.05, each matching a planted cell.
func TestTimingNullOnWorlds(t *testing.T) {
	run := func(preset string, size float64, seed uint64) (*Result, *worlds.World) {
		w, ev, f := worldstest.Load(t, preset, size, seed)
		r, err := Analyze(ev, Options{Null: 99, Follows: f, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return r, w
	}
	fast, _ := run("fast-groups", 0, 1)
	if len(fast.Clusters) == 0 {
		t.Fatal("fast groups: no co-engagement cluster to test")
	}
	for k, ts := range fast.Tests {
		if ts.Q < 0.05 {
			t.Errorf("fast groups: cluster %v at q %.3f (co-items %d, null mean %.1f)", fast.Clusters[k], ts.Q, ts.CoItems, ts.NullMean)
		}
	}
	cells, w := run("cells", 4, 1)
	found := 0
	for k, ts := range cells.Tests {
		if ts.Q >= 0.05 {
			continue
		}
		if !slices.ContainsFunc(w.Truth.Cells, func(c []int32) bool {
			// Cluster members are dense indices; world actors are ids 0..n-1.
			n := 0
			for _, m := range cells.Clusters[k] {
				id := cells.People.Int(m)
				if slices.Contains(c, int32(id)) {
					n++
				}
			}
			return n*2 > len(c)
		}) {
			t.Errorf("cells: significant cluster %v matches no planted cell", cells.Clusters[k])
			continue
		}
		found++
		if len(ts.Evidence) == 0 || ts.Evidence[0].Spread > ts.Evidence[len(ts.Evidence)-1].Spread {
			t.Errorf("cells: evidence missing or not sorted by spread: %+v", ts.Evidence)
		}
	}
	if found < 4 {
		t.Errorf("cells: %d of 5 planted cells found at q < 0.05", found)
	}
}
