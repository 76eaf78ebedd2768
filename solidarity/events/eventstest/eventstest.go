package eventstest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// FromSlices builds events from plain slices (one "like" per row), the way
// a reader would: people and items get dense indices in order of appearance
// (actor before author on each row).
func FromSlices(actor, item, author, t []int64) *events.Events {
	ev := &events.Events{People: network.NewIntIndex(0), Items: network.NewIntIndex(0), Kinds: []string{"like"}}
	for i := range actor {
		ev.Actor = append(ev.Actor, ev.People.AddInt(actor[i]))
		ev.Author = append(ev.Author, ev.People.AddInt(author[i]))
		ev.Item = append(ev.Item, ev.Items.AddInt(item[i]))
		ev.Kind = append(ev.Kind, 0)
		ev.Time = append(ev.Time, t[i])
	}
	return ev
}

// Groups aligns group labels given per person id to the events' People;
// people without an entry get code -1 (missing).
func Groups(ev *events.Events, labels []string, of map[int64]int32) *network.Categorical {
	c := &network.Categorical{Name: "group", Labels: labels, Codes: make([]int32, ev.People.Len())}
	for i := range c.Codes {
		g, ok := of[ev.People.Int(int32(i))]
		if !ok {
			g = -1
			c.Missing++
		}
		c.Codes[i] = g
	}
	return c
}

// Synthetic draws n events over one day by `actors` people in 2 groups
// ("a", "b", with leanings near -1 and +1) on n/10 items with Zipf(1.1)
// popularity (so a few items are very popular), in random time order.
// Seeded by n: the same sizes give the same table.
func Synthetic(n, actors int) *events.Events {
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

// Sizes is the benchmark ladder as {events, actors}: 1e5/1e4 and 1e6/1e5,
// plus 1e7/1e6 (a day at social-media scale) when SOLIDARITY_LONG is set.
func Sizes() [][2]int {
	s := [][2]int{{1e5, 1e4}, {1e6, 1e5}}
	if os.Getenv("SOLIDARITY_LONG") != "" {
		s = append(s, [2]int{1e7, 1e6})
	}
	return s
}

// Bench runs analyze as one sub-benchmark per size of Sizes on Synthetic
// events, reporting allocations, and hands the last result to report (nil:
// nothing more to report): the benchmark of every engagement analysis.
func Bench[R any](b *testing.B, analyze func(*events.Events) (R, error), report func(b *testing.B, r R)) {
	for _, sz := range Sizes() {
		ev := Synthetic(sz[0], sz[1])
		b.Run(fmt.Sprintf("events=%d/actors=%d", sz[0], sz[1]), func(b *testing.B) {
			b.ReportAllocs()
			var r R
			for b.Loop() {
				var err error
				if r, err = analyze(ev); err != nil {
					b.Fatal(err)
				}
			}
			if report != nil {
				report(b, r)
			}
		})
	}
}
