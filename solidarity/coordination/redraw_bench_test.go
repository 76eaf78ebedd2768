package coordination

import (
	"fmt"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// BenchmarkTimingNull: Analyze with 9 timing redraws (window estimated,
// the follow network for the strata) on simulate.LargeConfig's behaviour
// at 1e4 and 1e5 actors (about 1e5 and 1e6 events, with 10 planted cells
// of 10), on the redraw engine's GOMAXPROCS workers. The 1e7 run with 99
// redraws is bench/engagement (docs/performance.md).
func BenchmarkTimingNull(b *testing.B) {
	for _, actors := range []int{10_000, 100_000} {
		cfg := simulate.LargeConfig()
		cfg.Actors, cfg.CoordinatedCells = actors, 10
		sim, ev := eventstest.Simulated(b, cfg)
		fol, err := sim.FollowNetwork(nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(fol.Release)
		b.Run(fmt.Sprintf("events=%d/actors=%d", ev.Len(), actors), func(b *testing.B) {
			b.ReportAllocs()
			var r *Result
			for b.Loop() {
				if r, err = Analyze(ev, Options{Null: 9, Seed: 1, Follows: fol}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(r.Clusters)), "clusters")
		})
	}
}

// BenchmarkRedraws: 9 redraws alone, the engine against the loop it
// replaced (referenceRedraws), on the 1e6-event world of
// BenchmarkTimingNull with its estimated window.
func BenchmarkRedraws(b *testing.B) {
	cfg := simulate.LargeConfig()
	cfg.Actors, cfg.CoordinatedCells = 100_000, 10
	sim, ev := eventstest.Simulated(b, cfg)
	fol, err := sim.FollowNetwork(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(fol.Release)
	r, err := Analyze(ev, Options{Follows: fol})
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Null: 9, Seed: 1, Follows: fol, Window: r.Window}.withDefaults()
	g := groupByItem(ev, nil)
	ss := nullStrata(ev, nil, comradeTest(ev, fol), nil)
	W := int64(r.Window)
	b.Run("engine", func(b *testing.B) {
		for b.Loop() {
			redraws(ev, g, ss, opt, r.Window, W, nil)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			referenceRedraws(ev, g, nil, ss, opt, r.Window, W)
		}
	})
}
