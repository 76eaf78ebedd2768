package coordination

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// synthetic draws n events over one day by `actors` people in 2 groups on
// n/10 items with Zipf(1.1) popularity (so a few items are very popular),
// in random time order. Seeded.
func synthetic(n, actors int) *events.Events {
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	items := max(n/10, 1)
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(items-1))
	ev := &events.Events{Actor: make([]int32, n), Author: make([]int32, n), Item: make([]int32, n),
		Kind: make([]int32, n), Time: make([]int64, n), Kinds: []string{"like"}}
	ev.People = network.NewIntIndex(actors)
	for i := 0; i < actors; i++ {
		ev.People.AddInt(int64(i))
	}
	ev.Items = network.NewIntIndex(items)
	for i := 0; i < items; i++ {
		ev.Items.AddInt(int64(i))
	}
	ev.Group = make([]int32, actors)
	ev.Leaning = make([]float64, actors)
	for i := range ev.Group {
		ev.Group[i] = int32(i % 2)
		ev.Leaning[i] = 2*float64(i%2) - 1 + 0.2*rng.NormFloat64()
	}
	ev.Groups = []string{"a", "b"}
	for e := 0; e < n; e++ {
		it := int32(zipf.Uint64())
		ev.Item[e] = it
		ev.Author[e] = int32(uint32(it) * 2654435761 % uint32(actors))
		ev.Actor[e] = int32(rng.IntN(actors))
		ev.Time[e] = 1704067200 + rng.Int64N(86400)
	}
	return ev
}

func sizes() [][2]int {
	s := [][2]int{{1e5, 1e4}, {1e6, 1e5}}
	if os.Getenv("SOLIDARITY_LONG") != "" {
		s = append(s, [2]int{1e7, 1e6})
	}
	return s
}

// BenchmarkRun: window estimated from the data (delays, q = 0.1), at most
// 50 partners per engagement. Reports pairs examined and skipped.
func BenchmarkRun(b *testing.B) {
	for _, sz := range sizes() {
		ev := synthetic(sz[0], sz[1])
		b.Run(fmt.Sprintf("events=%d/actors=%d", sz[0], sz[1]), func(b *testing.B) {
			b.ReportAllocs()
			var r *Result
			for b.Loop() {
				var err error
				if r, err = Run(ev, Config{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(r.Window, "window_s")
			b.ReportMetric(float64(r.Pairs), "pairs")
			b.ReportMetric(float64(r.Skipped), "skipped")
			b.ReportMetric(float64(len(r.Clusters)), "clusters")
			b.ReportMetric(float64(r.Candidates), "candidates")
		})
	}
}
