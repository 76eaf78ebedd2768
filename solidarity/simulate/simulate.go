package simulate

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/algosolidarity/toolkit/internal/sample"
)

// Comradeship rules: who counts as a comrade of an item's author.
const (
	ComradeEither     = "either"     // mutual follow, or same group
	ComradeReciprocal = "reciprocal" // u follows v and v follows u
	ComradeGroup      = "group"      // u and v are in the same group
)

// T0 is the Unix time at which simulated day 0 starts (2024-01-01T00:00:00Z).
const T0 int64 = 1704067200

// Config sets the model. Start from DefaultConfig and change what you need:
// zero is a meaningful value for most knobs (Solidarity 0 = no solidarity).
type Config struct {
	Seed   uint64 `json:"seed"`
	Actors int    `json:"actors"` // people, ids 0..Actors-1 (each both actor and author)
	Groups int    `json:"groups"`
	// GroupShares are relative group sizes (nil = equal); each actor's group
	// is drawn independently with these probabilities.
	GroupShares []float64 `json:"group_shares,omitempty"`
	// GroupLeanings are the groups' mean leanings (nil = evenly spaced in
	// [-1, 1], or 0 for one group); an actor's leaning is its group's plus
	// Normal(0, LeaningSD), clipped to [-1, 1].
	GroupLeanings []float64 `json:"group_leanings,omitempty"`
	LeaningSD     float64   `json:"leaning_sd"`
	Days          int       `json:"days"`

	// Follow network: each actor follows Poisson(Follows) others; each
	// follow stays in the actor's group with probability Homophily (else
	// goes to a uniformly drawn actor of another group), and is returned
	// with probability Reciprocity.
	Follows     float64 `json:"follows"`
	Homophily   float64 `json:"homophily"`
	Reciprocity float64 `json:"reciprocity"`

	// Items: each actor posts Poisson(PostsPerDay*Days) items at uniform
	// times over the Days; item quality ~ Normal(0, 1).
	PostsPerDay float64 `json:"posts_per_day"`
	// Exposure: an actor sees every item of the authors it follows (its
	// feed), plus Poisson(Discovery*Days) items drawn uniformly from all
	// items by authors it does not follow.
	Discovery float64 `json:"discovery"`

	// Engagement: an actor who sees item i by author v engages with
	// probability logistic(BaseLogOdds + QualityEffect*quality(i) +
	// Solidarity*comrade(actor, v)). Comradeship follows Comrade.
	BaseLogOdds   float64 `json:"base_log_odds"`
	QualityEffect float64 `json:"quality_effect"`
	Solidarity    float64 `json:"solidarity"`
	Comrade       string  `json:"comrade"`
	// DelayMean is the mean (exponential) delay in seconds between an
	// item's posting and an organic engagement.
	DelayMean float64 `json:"delay_mean_seconds"`
	// Kinds and KindWeights: the kind of each engagement is drawn with
	// these relative weights.
	Kinds       []string  `json:"kinds"`
	KindWeights []float64 `json:"kind_weights"`

	// Coordinated cells: CoordinatedCells disjoint cells of CellSize actors
	// drawn uniformly (cells do not depend on groups or follows). Each cell
	// boosts CellItemsPerDay*Days items (drawn from authors in CellTarget
	// group, or from all items when CellTarget < 0): at a start time after
	// the item's posting, every member engages it (kind CellKind) within
	// CellSpread seconds.
	CoordinatedCells int     `json:"coordinated_cells_count"`
	CellSize         int     `json:"cell_size"`
	CellItemsPerDay  float64 `json:"cell_items_per_day"`
	CellSpread       int64   `json:"cell_spread_seconds"`
	CellTarget       int     `json:"cell_target_group"`
	CellKind         string  `json:"cell_kind"`

	// Progress, when set, is called after each stage (stage name, events so far).
	Progress func(stage string, events int) `json:"-"`
}

// DefaultConfig returns a small, fast model: 1000 actors in 2 groups over
// 7 days, 20 follows each (homophily 0.8, reciprocity 0.3), 0.5 posts a
// day, engagement logistic(-3 + 1*quality + 1*comrade), comrade = mutual
// follow or same group, no coordinated cells (cells of 5 boosting 3 items a
// day within 30 s when enabled).
func DefaultConfig() Config {
	return Config{
		Seed: 1, Actors: 1000, Groups: 2, LeaningSD: 0.2, Days: 7,
		Follows: 20, Homophily: 0.8, Reciprocity: 0.3,
		PostsPerDay: 0.5, Discovery: 0,
		BaseLogOdds: -3, QualityEffect: 1, Solidarity: 1, Comrade: ComradeEither,
		DelayMean: 3600,
		Kinds:     []string{"like", "share", "reply"}, KindWeights: []float64{0.7, 0.2, 0.1},
		CoordinatedCells: 0, CellSize: 5, CellItemsPerDay: 3, CellSpread: 30, CellTarget: -1, CellKind: "share",
	}
}

// LargeConfig is the social-media-scale benchmark world: 1,000,000 actors
// in 4 groups over 5 days with DefaultConfig's behaviour, about 10 million
// engagement events, and 100 coordinated cells of 10.
func LargeConfig() Config {
	c := DefaultConfig()
	c.Actors, c.Groups, c.Days = 1_000_000, 4, 5
	c.CoordinatedCells, c.CellSize = 100, 10
	return c
}

// Validate reports the first unusable setting.
func (c *Config) Validate() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("simulate: "+f, a...) }
	switch {
	case c.Actors < 1 || c.Actors > 1<<30:
		return bad("actors = %d: want 1 to 2^30", c.Actors)
	case c.Groups < 1 || c.Groups > c.Actors:
		return bad("groups = %d: want 1 to actors (%d)", c.Groups, c.Actors)
	case c.Days < 1 || c.Days > 3650:
		return bad("days = %d: want 1 to 3650", c.Days)
	case c.GroupShares != nil && len(c.GroupShares) != c.Groups:
		return bad("%d group shares for %d groups", len(c.GroupShares), c.Groups)
	case c.GroupLeanings != nil && len(c.GroupLeanings) != c.Groups:
		return bad("%d group leanings for %d groups", len(c.GroupLeanings), c.Groups)
	case !(c.Follows >= 0) || c.Follows > 1e4:
		return bad("follows = %v: want 0 to 10000", c.Follows)
	case !(c.Homophily >= 0 && c.Homophily <= 1):
		return bad("homophily = %v: want a probability", c.Homophily)
	case !(c.Reciprocity >= 0 && c.Reciprocity <= 1):
		return bad("reciprocity = %v: want a probability", c.Reciprocity)
	case !(c.PostsPerDay >= 0) || c.PostsPerDay > 1e4:
		return bad("posts per day = %v: want 0 to 10000", c.PostsPerDay)
	case !(c.Discovery >= 0) || c.Discovery > 1e5:
		return bad("discovery = %v: want 0 to 100000", c.Discovery)
	case !(c.LeaningSD >= 0) || math.IsInf(c.LeaningSD, 0):
		return bad("leaning sd = %v: want >= 0", c.LeaningSD)
	case !(c.DelayMean >= 0) || c.DelayMean > 1e9:
		return bad("delay mean = %v: want 0 to 1e9 seconds", c.DelayMean)
	case len(c.Kinds) == 0 || len(c.Kinds) != len(c.KindWeights):
		return bad("%d kinds and %d kind weights: want the same, at least one", len(c.Kinds), len(c.KindWeights))
	case c.CoordinatedCells < 0 || c.CellSize < 0 || c.CoordinatedCells*c.CellSize > c.Actors:
		return bad("%d cells of %d actors: want non-negative numbers with cells*size <= actors (%d)", c.CoordinatedCells, c.CellSize, c.Actors)
	case c.CoordinatedCells > 0 && c.CellSize < 2:
		return bad("cell size = %d: a coordinated cell needs at least 2 actors", c.CellSize)
	case c.CellSpread < 0 || !(c.CellItemsPerDay >= 0):
		return bad("cell spread %d s and cell items per day %v: want >= 0", c.CellSpread, c.CellItemsPerDay)
	case c.CellTarget >= c.Groups:
		return bad("cell target group %d: want -1 (any) or 0..%d", c.CellTarget, c.Groups-1)
	}
	for _, x := range []float64{c.BaseLogOdds, c.QualityEffect, c.Solidarity} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return bad("log-odds parameters must be finite (base %v, quality %v, solidarity %v)", c.BaseLogOdds, c.QualityEffect, c.Solidarity)
		}
	}
	for _, w := range append(append([]float64{}, c.KindWeights...), c.GroupShares...) {
		if !(w >= 0) || math.IsInf(w, 0) {
			return bad("weights and shares must be finite and >= 0")
		}
	}
	switch c.Comrade {
	case ComradeEither, ComradeReciprocal, ComradeGroup:
	case "":
		c.Comrade = ComradeEither
	default:
		return bad("comrade rule %q: want %q, %q or %q", c.Comrade, ComradeEither, ComradeReciprocal, ComradeGroup)
	}
	return nil
}

// Result is one simulated world. Events are sorted by time (ties in
// generation order). People ids are 0..Actors-1, item ids 0..Items-1.
type Result struct {
	Config Config

	Group   []int32   // per actor
	Leaning []float64 // per actor

	FollowSrc, FollowDst []int32 // source follows target; sorted, no duplicates or loops

	ItemAuthor  []int32
	ItemQuality []float64
	ItemTime    []int64 // posting time, Unix seconds

	// Events, sorted by time.
	Actor, Item, Author []int32
	Kind                []uint8 // index into Config.Kinds, or len(Kinds) for CellKind
	Time                []int64
	Coordinated         []bool // the event came from a coordinated cell

	Cells     [][]int32 // actor ids of each cell
	CellItems [][]int32 // items each cell boosted

	// Counts of the exposure process (truth for checking analyses).
	Exposures        int64 `json:"exposures"`
	ComradeExposures int64 `json:"comrade_exposures"`
}

// KindName returns the name of kind code k.
func (r *Result) KindName(k uint8) string {
	if int(k) < len(r.Config.Kinds) {
		return r.Config.Kinds[k]
	}
	return r.Config.CellKind
}

// Len is the number of events.
func (r *Result) Len() int { return len(r.Actor) }

// Run simulates the world described by cfg. It is deterministic: the same
// Config (Seed included) gives the same Result on every platform. Cost is
// linear in follows + exposures + events.
func Run(cfg Config) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed5eed5eed5eed))
	r := &Result{Config: cfg}
	n := cfg.Actors
	progress := func(stage string) {
		if cfg.Progress != nil {
			cfg.Progress(stage, len(r.Actor))
		}
	}

	// Groups and leanings.
	shares := cfg.GroupShares
	if shares == nil {
		shares = make([]float64, cfg.Groups)
		for i := range shares {
			shares[i] = 1
		}
	}
	cum := sample.Cumulative(shares)
	if cum == nil {
		return nil, errors.New("simulate: group shares sum to zero")
	}
	lean := cfg.GroupLeanings
	if lean == nil {
		lean = make([]float64, cfg.Groups)
		for g := range lean {
			if cfg.Groups > 1 {
				lean[g] = -1 + 2*float64(g)/float64(cfg.Groups-1)
			}
		}
	}
	r.Group = make([]int32, n)
	r.Leaning = make([]float64, n)
	members := make([][]int32, cfg.Groups)
	for i := 0; i < n; i++ {
		g := sample.Pick(rng, cum)
		r.Group[i] = int32(g)
		members[g] = append(members[g], int32(i))
		l := lean[g] + cfg.LeaningSD*rng.NormFloat64()
		r.Leaning[i] = math.Max(-1, math.Min(1, l))
	}

	// Follow network.
	keys := make([]uint64, 0, int(float64(n)*cfg.Follows*(1+cfg.Reciprocity))+16)
	for u := 0; u < n; u++ {
		k := sample.Poisson(rng, cfg.Follows)
		own := members[r.Group[u]]
		for j := 0; j < k; j++ {
			var v int32
			if cfg.Groups == 1 || rng.Float64() < cfg.Homophily {
				if len(own) < 2 {
					continue
				}
				v = own[rng.IntN(len(own))]
			} else {
				if len(own) == n {
					continue
				}
				for {
					v = int32(rng.IntN(n))
					if r.Group[v] != r.Group[u] {
						break
					}
				}
			}
			if v == int32(u) {
				continue
			}
			keys = append(keys, pair(int32(u), v))
			if rng.Float64() < cfg.Reciprocity {
				keys = append(keys, pair(v, int32(u)))
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	r.FollowSrc = make([]int32, len(keys))
	r.FollowDst = make([]int32, len(keys))
	for i, k := range keys {
		r.FollowSrc[i], r.FollowDst[i] = int32(k>>32), int32(uint32(k))
	}
	keys = nil
	// Followers of each author (CSR by target), and a "u follows v" test.
	inStart := make([]int64, n+1)
	for _, v := range r.FollowDst {
		inStart[v+1]++
	}
	for i := 0; i < n; i++ {
		inStart[i+1] += inStart[i]
	}
	inNbr := make([]int32, len(r.FollowDst))
	fill := append([]int64(nil), inStart[:n]...)
	for i, v := range r.FollowDst {
		inNbr[fill[v]] = r.FollowSrc[i]
		fill[v]++
	}
	outStart := make([]int64, n+1)
	for _, u := range r.FollowSrc {
		outStart[u+1]++
	}
	for i := 0; i < n; i++ {
		outStart[i+1] += outStart[i]
	}
	followsFast := func(u, v int32) bool {
		row := r.FollowDst[outStart[u]:outStart[u+1]]
		_, ok := slices.BinarySearch(row, v)
		return ok
	}
	comrade := func(u, v int32) bool {
		switch cfg.Comrade {
		case ComradeGroup:
			return r.Group[u] == r.Group[v]
		case ComradeReciprocal:
			return followsFast(u, v) && followsFast(v, u)
		}
		return r.Group[u] == r.Group[v] || (followsFast(u, v) && followsFast(v, u))
	}
	progress("follows")

	// Items.
	span := float64(cfg.Days) * 86400
	for v := 0; v < n; v++ {
		k := sample.Poisson(rng, cfg.PostsPerDay*float64(cfg.Days))
		for j := 0; j < k; j++ {
			r.ItemAuthor = append(r.ItemAuthor, int32(v))
			r.ItemQuality = append(r.ItemQuality, rng.NormFloat64())
			r.ItemTime = append(r.ItemTime, T0+int64(rng.Float64()*span))
		}
	}
	progress("items")

	// Organic engagement: feed exposures, then discovery.
	kcum := sample.Cumulative(cfg.KindWeights)
	if kcum == nil {
		return nil, errors.New("simulate: kind weights sum to zero")
	}
	delay := func() int64 {
		if cfg.DelayMean == 0 {
			return 0
		}
		return int64(rng.ExpFloat64() * cfg.DelayMean)
	}
	emit := func(u, it int32, coord bool, kind uint8, t int64) {
		r.Actor = append(r.Actor, u)
		r.Item = append(r.Item, it)
		r.Author = append(r.Author, r.ItemAuthor[it])
		r.Kind = append(r.Kind, kind)
		r.Time = append(r.Time, t)
		r.Coordinated = append(r.Coordinated, coord)
	}
	for it := range r.ItemAuthor {
		v := r.ItemAuthor[it]
		base := cfg.BaseLogOdds + cfg.QualityEffect*r.ItemQuality[it]
		p0, p1 := logistic(base), logistic(base+cfg.Solidarity)
		for _, u := range inNbr[inStart[v]:inStart[v+1]] {
			c := comrade(u, v)
			p := p0
			if c {
				p = p1
				r.ComradeExposures++
			}
			r.Exposures++
			if rng.Float64() < p {
				emit(u, int32(it), false, uint8(sample.Pick(rng, kcum)), r.ItemTime[it]+delay())
			}
		}
	}
	if cfg.Discovery > 0 && len(r.ItemAuthor) > 0 {
		for u := int32(0); int(u) < n; u++ {
			k := sample.Poisson(rng, cfg.Discovery*float64(cfg.Days))
			for j := 0; j < k; j++ {
				it := int32(rng.IntN(len(r.ItemAuthor)))
				v := r.ItemAuthor[it]
				if v == u || followsFast(u, v) {
					continue // own items are not engaged; followed ones are in the feed
				}
				c := comrade(u, v)
				x := cfg.BaseLogOdds + cfg.QualityEffect*r.ItemQuality[it]
				if c {
					x += cfg.Solidarity
					r.ComradeExposures++
				}
				r.Exposures++
				if rng.Float64() < logistic(x) {
					emit(u, it, false, uint8(sample.Pick(rng, kcum)), r.ItemTime[it]+delay())
				}
			}
		}
	}
	progress("organic engagement")

	// Coordinated cells.
	if cfg.CoordinatedCells > 0 && len(r.ItemAuthor) > 0 {
		perm := rng.Perm(n)
		var pool []int32
		for it, v := range r.ItemAuthor {
			if cfg.CellTarget < 0 || int(r.Group[v]) == cfg.CellTarget {
				pool = append(pool, int32(it))
			}
		}
		cellKind := uint8(len(cfg.Kinds))
		for k, name := range cfg.Kinds {
			if name == cfg.CellKind {
				cellKind = uint8(k)
			}
		}
		for c := 0; c < cfg.CoordinatedCells; c++ {
			cell := make([]int32, cfg.CellSize)
			for j := range cell {
				cell[j] = int32(perm[c*cfg.CellSize+j])
			}
			slices.Sort(cell)
			r.Cells = append(r.Cells, cell)
			m := sample.Poisson(rng, cfg.CellItemsPerDay*float64(cfg.Days))
			var items []int32
			for j := 0; j < m && len(pool) > 0; j++ {
				it := pool[rng.IntN(len(pool))]
				items = append(items, it)
				start := r.ItemTime[it] + delay()
				for _, u := range cell {
					if u == r.ItemAuthor[it] {
						continue
					}
					emit(u, it, true, cellKind, start+rng.Int64N(cfg.CellSpread+1))
				}
			}
			r.CellItems = append(r.CellItems, items)
		}
	}
	r.sortByTime()
	progress("coordinated cells")
	return r, nil
}

func (r *Result) sortByTime() {
	n := len(r.Time)
	if n == 0 {
		return
	}
	minT := slices.Min(r.Time)
	keys := make([]uint64, n)
	for i, t := range r.Time {
		keys[i] = uint64(t-minT)<<32 | uint64(i)
	}
	slices.Sort(keys)
	perm := func(a []int32) []int32 {
		out := make([]int32, n)
		for i, k := range keys {
			out[i] = a[uint32(k)]
		}
		return out
	}
	kind := make([]uint8, n)
	t := make([]int64, n)
	co := make([]bool, n)
	for i, k := range keys {
		j := uint32(k)
		kind[i], t[i], co[i] = r.Kind[j], r.Time[j], r.Coordinated[j]
	}
	r.Actor, r.Item, r.Author = perm(r.Actor), perm(r.Item), perm(r.Author)
	r.Kind, r.Time, r.Coordinated = kind, t, co
}

func pair(u, v int32) uint64 { return uint64(uint32(u))<<32 | uint64(uint32(v)) }

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
