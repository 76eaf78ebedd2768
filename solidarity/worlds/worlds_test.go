package worlds

import (
	"math"
	"slices"
	"testing"
)

func TestDeterministic(t *testing.T) {
	for _, p := range Presets {
		size := 0.0
		if len(p.Sizes) > 0 {
			size = p.Sizes[1]
		}
		c := p.Config(size, 7)
		c.Actors = 300
		a, err := Generate(c)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		b, _ := Generate(c)
		if !slices.Equal(a.Time, b.Time) || !slices.Equal(a.Actor, b.Actor) || !slices.Equal(a.FollowDst, b.FollowDst) {
			t.Errorf("%s: two runs with one seed differ", p.Name)
		}
		if a.Len() == 0 {
			t.Errorf("%s: no events", p.Name)
		}
		if !slices.IsSorted(a.Time) {
			t.Errorf("%s: events not sorted by time", p.Name)
		}
		for i := range a.Actor {
			if a.Actor[i] == a.Author[i] {
				t.Fatalf("%s: event %d is self-engagement", p.Name, i)
			}
			if a.Time[i] < a.ItemTime[a.Item[i]] {
				t.Fatalf("%s: event %d before its item was posted", p.Name, i)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []func(c *Config){
		func(c *Config) { c.Actors = 1 },
		func(c *Config) { c.PopularityTail = 0.9 },
		func(c *Config) { c.Rhythm = 1 },
		func(c *Config) { c.BaseRate = math.NaN() },
		func(c *Config) { c.Cells, c.CellSize = 1000, 5 },
		func(c *Config) { c.Comrade = "enemies" },
		func(c *Config) { c.KindWeights = []float64{1} },
	}
	for i, f := range bad {
		c := Default()
		f(&c)
		if _, err := Generate(c); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	if _, err := Lookup("nope"); err == nil {
		t.Error("Lookup(nope): no error")
	}
}

// The confounders leave the fingerprints they are meant to: these are the
// mechanisms, checked on the data, not on any analysis.
func TestConfounderFingerprints(t *testing.T) {
	gen := func(name string, size float64) *World {
		p, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		w, err := Generate(p.Config(size, 3))
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	// Same-group share of engagements, and of follows.
	sameShare := func(w *World) (eng, fol float64) {
		s := 0
		for i := range w.Actor {
			if w.Group[w.Actor[i]] == w.Group[w.Author[i]] {
				s++
			}
		}
		f := 0
		for i := range w.FollowSrc {
			if w.Group[w.FollowSrc[i]] == w.Group[w.FollowDst[i]] {
				f++
			}
		}
		return float64(s) / float64(w.Len()), float64(f) / float64(len(w.FollowSrc))
	}
	plainEng, plainFol := sameShare(gen("plain", 0))
	if math.Abs(plainEng-0.5) > 0.05 || math.Abs(plainFol-0.5) > 0.03 {
		t.Errorf("plain: same-group engagement %.3f, follows %.3f: want about 0.5", plainEng, plainFol)
	}
	eh := gen("exposure-homophily", 0)
	ehEng, ehFol := sameShare(eh)
	if ehFol < 0.75 || ehEng < 0.75 {
		t.Errorf("exposure-homophily: same-group follows %.3f, engagement %.3f: want about 0.8", ehFol, ehEng)
	}
	if eh.Truth.DiscoveryExposures == 0 || eh.Truth.DiscoveryEvents == 0 {
		t.Error("exposure-homophily: no unrecorded discovery")
	}
	topEng, topFol := sameShare(gen("topics", 0))
	if topEng < plainEng+0.1 || math.Abs(topFol-0.5) > 0.03 {
		t.Errorf("topics: same-group engagement %.3f with follows %.3f: want engagement well above 0.5 with random follows", topEng, topFol)
	}
	// Popularity: the top 1% of authors draw a large share of engagement.
	top1 := func(w *World) float64 {
		per := make([]int, w.Config.Actors)
		for _, v := range w.Author {
			per[v]++
		}
		slices.Sort(per)
		s := 0
		for _, x := range per[len(per)*99/100:] {
			s += x
		}
		return float64(s) / float64(w.Len())
	}
	if p, q := top1(gen("plain", 0)), top1(gen("popularity", 0)); q < 2*p {
		t.Errorf("top 1%% of authors' share of engagement: plain %.3f, popularity %.3f: want popularity at least twice", p, q)
	}
	// Planted comradeship raises comrades' engagement rate by about the size.
	m := gen("comrade-mutual", 3)
	if m.Truth.ComradeExposures == 0 {
		t.Fatal("comrade-mutual: no comrade exposures")
	}
	// Fast groups and cells produce what they should.
	fg := gen("fast-groups", 0)
	if fg.Truth.FastGroupEvents == 0 || len(fg.Truth.FastGroups) != 20 {
		t.Errorf("fast-groups: %d events in %d groups", fg.Truth.FastGroupEvents, len(fg.Truth.FastGroups))
	}
	cw := gen("cells", 2)
	if cw.Truth.CellEvents == 0 || len(cw.Cells) != 5 {
		t.Errorf("cells: %d events in %d cells", cw.Truth.CellEvents, len(cw.Cells))
	}
	coord := 0
	for _, c := range cw.Coordinated {
		if c {
			coord++
		}
	}
	if coord != cw.Truth.CellEvents {
		t.Errorf("cells: %d coordinated flags for %d cell events", coord, cw.Truth.CellEvents)
	}
}

// A world converts to the toolkit's events and follow network.
func TestEventsAndFollows(t *testing.T) {
	p, _ := Lookup("confounded")
	w, err := Generate(p.Config(0, 1))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := w.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if ev.Len() != w.Len() {
		t.Errorf("events: %d, want %d", ev.Len(), w.Len())
	}
	f, err := w.FollowNetwork(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Release()
}
