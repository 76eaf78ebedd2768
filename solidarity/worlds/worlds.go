package worlds

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/internal/sample"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// Rule is a world's own comrade rule: who a planted preference favours.
type Rule string

// Comrade rules. The analyses know mutual follows and groups; RuleFriends
// plants comradeship through friendships no data set records, the case where
// an analysis's comrade rule and the world's differ.
const (
	RuleNone    Rule = "none"    // no comradeship planted
	RuleMutual  Rule = "mutual"  // u and v follow each other
	RuleGroup   Rule = "group"   // u and v are in the same group
	RuleFriends Rule = "friends" // u and v are in the same hidden circle of friends
)

// Config sets a world. Start from Default or Preset and change what you
// need. Multipliers of 1 and sizes of 0 switch a mechanism off.
type Config struct {
	Seed   uint64 `json:"seed"`
	Actors int    `json:"actors"`
	Groups int    `json:"groups"`
	Days   int    `json:"days"`

	// ActivitySD is the log-sd of actors' activity (log-normal with mean 1):
	// how unequally often people post and engage.
	ActivitySD float64 `json:"activity_sd"`
	// PopularityTail is the tail index of authors' popularity (Pareto with
	// mean 1, capped at 1000): attention goes to the already popular, in
	// the follows and in engagement. 0 = everyone equally popular; must be
	// above 1 otherwise.
	PopularityTail float64 `json:"popularity_tail"`
	// AppealSD is the log-sd of items' appeal (log-normal with mean 1).
	AppealSD float64 `json:"appeal_sd"`
	// QualityNoise is the sd of the noise between an item's log appeal and
	// the quality the data record: analysts see a proxy, not the appeal.
	QualityNoise float64 `json:"quality_noise"`
	// Topics is the number of topics (1 = no topics). Each group favours
	// the topics t with t % Groups == group by the factor
	// exp(TopicGroupTaste) in its members' tastes; authors post on topics
	// drawn from their own tastes.
	Topics          int     `json:"topics"`
	TopicGroupTaste float64 `json:"topic_group_taste"`

	// Follows is the mean number of follows at average activity (Poisson
	// with mean Follows*activity). Targets are drawn in proportion to
	// popularity, times FollowHomophily for the actor's own group; each
	// follow is returned with probability FollowBack.
	Follows         float64 `json:"follows"`
	FollowHomophily float64 `json:"follow_homophily"`
	FollowBack      float64 `json:"follow_back"`

	// PostsPerDay at average activity.
	PostsPerDay float64 `json:"posts_per_day"`
	// Discovery is the mean number of items per actor and day seen outside
	// the feed. Discovered items are drawn in proportion to (1 + feed
	// engagements)^Ranking (ranking feedback), times ExposureHomophily for
	// items of the actor's own group. The data do not record discovery.
	Discovery         float64 `json:"discovery"`
	Ranking           float64 `json:"ranking"`
	ExposureHomophily float64 `json:"exposure_homophily"`

	// BaseRate sets engagement: an exposure of actor u to item i by author
	// v is engaged with probability 1 - exp(-rate), rate = BaseRate *
	// activity(u) * appeal(i) * popularity(v) * taste(u, topic(i)) *
	// (ComradeRate when u is v's comrade under Comrade).
	BaseRate float64 `json:"base_rate"`
	// Saturation is how the rate becomes a probability: SaturateExp (the
	// default, "" too) 1 - exp(-rate), SaturateLogistic rate/(1+rate) (log
	// odds = log rate), SaturateLinear min(rate, 1). The comrades analysis
	// fits the first form; the others check it on saturation of another
	// shape.
	Saturation string `json:"saturation,omitempty"`
	// DelayMedian (seconds) and DelaySD (log-sd) of the log-normal delay
	// between posting and an organic engagement; comrades' delays are
	// multiplied by ComradeSpeed.
	DelayMedian float64 `json:"delay_median_seconds"`
	DelaySD     float64 `json:"delay_sd"`
	// Rhythm in [0, 1) is the amplitude of the daily rhythm of posting and
	// engaging (peak at 20:00 UTC).
	Rhythm float64 `json:"rhythm"`

	// Planted comradeship: rate and speed multipliers for comrades' items.
	Comrade      Rule    `json:"comrade"`
	ComradeRate  float64 `json:"comrade_rate"`
	ComradeSpeed float64 `json:"comrade_speed"`
	// FriendCircle is the size of the hidden circles of friends (RuleFriends).
	FriendCircle int `json:"friend_circle"`

	// Fast comrade groups: FastGroups disjoint circles of FastGroupSize
	// actors who all follow each other and engage each other's posts with
	// probability FastGroupRate after a log-normal delay of median
	// FastGroupDelay seconds. Organic comradeship, not coordination.
	FastGroups     int     `json:"fast_groups"`
	FastGroupSize  int     `json:"fast_group_size"`
	FastGroupRate  float64 `json:"fast_group_rate"`
	FastGroupDelay float64 `json:"fast_group_delay_seconds"`

	// Coordinated cells: Cells disjoint cells of CellSize actors (outside
	// the fast groups). Each boosts Poisson(CellItemsPerDay*Days) items
	// drawn uniformly: at a start drawn from the organic delay distribution
	// (so cells are not told apart by their delay), every member engages
	// with kind CellKind at the start plus |Normal(0, CellJitter)| seconds.
	Cells           int     `json:"cells"`
	CellSize        int     `json:"cell_size"`
	CellItemsPerDay float64 `json:"cell_items_per_day"`
	CellJitter      float64 `json:"cell_jitter_seconds"`

	Kinds       []string  `json:"kinds"`
	KindWeights []float64 `json:"kind_weights"`
	CellKind    string    `json:"cell_kind"`
}

// Saturation shapes (Config.Saturation).
const (
	SaturateExp      = "exp"
	SaturateLogistic = "logistic"
	SaturateLinear   = "linear"
)

// Default returns a small world with no confounder and nothing planted:
// 1000 actors in 2 groups over 7 days, 20 follows each (half of them
// returned), 0.5 posts a day, a base rate of 0.05, log-normal delays of
// median one hour, a daily rhythm of amplitude 0.5.
func Default() Config {
	return Config{
		Seed: 1, Actors: 1000, Groups: 2, Days: 7,
		QualityNoise: 0.5, Topics: 1,
		Follows: 20, FollowHomophily: 1, FollowBack: 0.5,
		PostsPerDay: 0.5, Ranking: 0, ExposureHomophily: 1,
		BaseRate: 0.05, DelayMedian: 3600, DelaySD: 1.2, Rhythm: 0.5,
		Comrade: RuleNone, ComradeRate: 1, ComradeSpeed: 1, FriendCircle: 8,
		FastGroupSize: 5, FastGroupRate: 0.8, FastGroupDelay: 300,
		CellSize: 5, CellItemsPerDay: 3, CellJitter: 300,
		Kinds: []string{"like", "share", "reply"}, KindWeights: []float64{0.7, 0.2, 0.1}, CellKind: "share",
	}
}

// Validate reports the first unusable setting.
func (c *Config) Validate() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("worlds: "+f, a...) }
	finite := func(xs ...float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				return false
			}
		}
		return true
	}
	switch {
	case c.Actors < 2 || c.Actors > 1<<24:
		return bad("actors = %d: want 2 to 2^24", c.Actors)
	case c.Groups < 1 || c.Groups > c.Actors:
		return bad("groups = %d: want 1 to actors (%d)", c.Groups, c.Actors)
	case c.Days < 1 || c.Days > 3650:
		return bad("days = %d: want 1 to 3650", c.Days)
	case c.Topics < 1 || c.Topics > 1000:
		return bad("topics = %d: want 1 to 1000", c.Topics)
	case !finite(c.ActivitySD, c.PopularityTail, c.AppealSD, c.QualityNoise, c.TopicGroupTaste, c.Follows,
		c.FollowHomophily, c.FollowBack, c.PostsPerDay, c.Discovery, c.Ranking, c.ExposureHomophily, c.BaseRate,
		c.DelayMedian, c.DelaySD, c.Rhythm, c.ComradeRate, c.ComradeSpeed, c.FastGroupRate, c.FastGroupDelay,
		c.CellItemsPerDay, c.CellJitter):
		return bad("every rate, sd and multiplier must be finite and >= 0")
	case c.PopularityTail != 0 && c.PopularityTail <= 1:
		return bad("popularity tail = %v: want 0 (off) or above 1 (a finite mean)", c.PopularityTail)
	case c.FollowBack > 1 || c.FastGroupRate > 1:
		return bad("follow back %v and fast group rate %v are probabilities", c.FollowBack, c.FastGroupRate)
	case c.Rhythm >= 1:
		return bad("rhythm = %v: want [0, 1)", c.Rhythm)
	case c.Follows > 1e4 || c.PostsPerDay > 1e3 || c.Discovery > 1e4:
		return bad("follows %v, posts per day %v, discovery %v: too large for one machine", c.Follows, c.PostsPerDay, c.Discovery)
	case c.FastGroups < 0 || c.Cells < 0 || c.FastGroupSize < 0 || c.CellSize < 0:
		return bad("group and cell counts and sizes must be >= 0")
	case c.FastGroups > 0 && c.FastGroupSize < 2, c.Cells > 0 && c.CellSize < 2:
		return bad("fast groups and cells need at least 2 members")
	case c.FastGroups*c.FastGroupSize+c.Cells*c.CellSize > c.Actors:
		return bad("%d fast groups of %d and %d cells of %d do not fit in %d actors",
			c.FastGroups, c.FastGroupSize, c.Cells, c.CellSize, c.Actors)
	case c.Comrade == RuleFriends && c.FriendCircle < 2:
		return bad("friend circle = %d: want at least 2", c.FriendCircle)
	case len(c.Kinds) == 0 || len(c.Kinds) != len(c.KindWeights):
		return bad("%d kinds and %d kind weights: want the same, at least one", len(c.Kinds), len(c.KindWeights))
	case !finite(c.KindWeights...):
		return bad("kind weights must be finite and >= 0")
	}
	switch c.Saturation {
	case "", SaturateExp, SaturateLogistic, SaturateLinear:
	default:
		return bad("saturation %q: want exp, logistic or linear", c.Saturation)
	}
	switch c.Comrade {
	case RuleNone, RuleMutual, RuleGroup, RuleFriends:
	case "":
		c.Comrade = RuleNone
	default:
		return bad("comrade rule %q: want none, mutual, group or friends", c.Comrade)
	}
	return nil
}

// Truth is what a world planted and what its data hide.
type Truth struct {
	Config
	Model    string `json:"model"`
	Exposure string `json:"exposure"`
	// Exposures counts every exposure (feed and discovery);
	// DiscoveryExposures those the data do not record. ComradeExposures
	// counts exposures to comrades' items under the world's rule.
	Exposures          int64 `json:"exposures"`
	DiscoveryExposures int64 `json:"discovery_exposures"`
	ComradeExposures   int64 `json:"comrade_exposures"`
	// Engagements by mechanism.
	FeedEvents, DiscoveryEvents, FastGroupEvents, CellEvents int `json:"-"`
	// FastGroups and Cells list each circle's and cell's actors (sorted).
	FastGroups [][]int32 `json:"fast_groups"`
	Cells      [][]int32 `json:"cells"`
}

// World is one generated world: the data in the form package simulate
// produces (so Events and FollowNetwork apply), and the truth behind them.
// Result.Config carries only the world's size and kinds; its logistic
// parameters are zero and mean nothing here.
type World struct {
	*simulate.Result
	Truth Truth
	// Friends is each actor's hidden circle (RuleFriends), else nil.
	Friends []int32
}

// Generate builds the world described by cfg. Cost is linear in follows,
// exposures and events.
func Generate(cfg Config) (*World, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	g := &gen{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x77041d5))}
	return g.run(), nil
}

type gen struct {
	cfg Config
	rng *rand.Rand
	r   *simulate.Result
	w   *World

	act, pop []float64
	taste    [][]float64 // per actor, per topic (nil when Topics == 1)
	topic    []int32     // per item
	appeal   []float64   // per item
	circle   []int32     // hidden friendship circle per actor (RuleFriends)
	fastOf   []int32     // fast group per actor, -1 if none
	outStart []int64
	inStart  []int64
	inNbr    []int32
	kcum     []float64
}

func (g *gen) run() *World {
	cfg, rng := g.cfg, g.rng
	n := cfg.Actors
	sc := simulate.Config{Seed: cfg.Seed, Actors: n, Groups: cfg.Groups, Days: cfg.Days,
		Kinds: cfg.Kinds, KindWeights: cfg.KindWeights, CellKind: cfg.CellKind, Comrade: string(cfg.Comrade)}
	g.r = &simulate.Result{Config: sc}
	g.w = &World{Result: g.r, Truth: Truth{Config: cfg,
		Model: "P(engage) = 1 - exp(-rate), rate = base_rate * activity * appeal * popularity * taste * comrade_rate^comrade",
		Exposure: "every item of followed authors (recorded as follows), plus discovered items (not recorded) drawn " +
			"in proportion to (1 + feed engagements)^ranking, times exposure_homophily for the actor's own group"}}
	switch cfg.Saturation {
	case SaturateLogistic:
		g.w.Truth.Model = strings.Replace(g.w.Truth.Model, "1 - exp(-rate)", "rate / (1 + rate)", 1)
	case SaturateLinear:
		g.w.Truth.Model = strings.Replace(g.w.Truth.Model, "1 - exp(-rate)", "min(rate, 1)", 1)
	}
	g.kcum = sample.Cumulative(cfg.KindWeights)

	// People: groups, leanings (for the actors table), activity, popularity, tastes.
	g.r.Group = make([]int32, n)
	g.r.Leaning = make([]float64, n)
	g.act = make([]float64, n)
	g.pop = make([]float64, n)
	for i := 0; i < n; i++ {
		grp := int32(rng.IntN(cfg.Groups))
		g.r.Group[i] = grp
		mean := 0.0
		if cfg.Groups > 1 {
			mean = -1 + 2*float64(grp)/float64(cfg.Groups-1)
		}
		g.r.Leaning[i] = math.Max(-1, math.Min(1, mean+0.2*rng.NormFloat64()))
		g.act[i] = logNormalMean1(rng, cfg.ActivitySD)
		g.pop[i] = 1
		if cfg.PopularityTail > 0 {
			a := cfg.PopularityTail
			g.pop[i] = math.Min(1000, math.Pow(1-rng.Float64(), -1/a)*(a-1)/a)
		}
	}
	if cfg.Topics > 1 {
		g.taste = make([][]float64, n)
		for i := range g.taste {
			t := make([]float64, cfg.Topics)
			sum := 0.0
			for k := range t {
				x := 0.3 * rng.NormFloat64()
				if k%cfg.Groups == int(g.r.Group[i]) {
					x += cfg.TopicGroupTaste
				}
				t[k] = math.Exp(x)
				sum += t[k]
			}
			for k := range t {
				t[k] *= float64(cfg.Topics) / sum // mean taste 1: tastes move engagement between topics, not its amount
			}
			g.taste[i] = t
		}
	}

	// Fast comrade groups, coordinated cells and hidden friendships.
	perm := rng.Perm(n)
	g.fastOf = make([]int32, n)
	for i := range g.fastOf {
		g.fastOf[i] = -1
	}
	next := 0
	take := func(size int) []int32 {
		m := make([]int32, size)
		for j := range m {
			m[j] = int32(perm[next])
			next++
		}
		slices.Sort(m)
		return m
	}
	for f := 0; f < cfg.FastGroups; f++ {
		m := take(cfg.FastGroupSize)
		for _, u := range m {
			g.fastOf[u] = int32(f)
		}
		g.w.Truth.FastGroups = append(g.w.Truth.FastGroups, m)
	}
	for c := 0; c < cfg.Cells; c++ {
		g.w.Truth.Cells = append(g.w.Truth.Cells, take(cfg.CellSize))
	}
	if cfg.Comrade == RuleFriends {
		g.circle = make([]int32, n)
		for j, u := range rng.Perm(n) {
			g.circle[u] = int32(j / cfg.FriendCircle)
		}
		g.w.Friends = g.circle
	}

	g.follows()
	g.items()
	g.engage()
	g.fastGroups()
	g.cells()
	g.sortByTime()
	g.r.Cells = g.w.Truth.Cells
	g.r.Exposures, g.r.ComradeExposures = g.w.Truth.Exposures, g.w.Truth.ComradeExposures
	return g.w
}

// follows draws the follow network by popularity-weighted attachment with
// a same-group preference, then returns follows and adds the fast groups'
// mutual follows.
func (g *gen) follows() {
	cfg, rng, r := g.cfg, g.rng, g.r
	n := cfg.Actors
	members := make([][]int32, cfg.Groups)
	for i, grp := range r.Group {
		members[grp] = append(members[grp], int32(i))
	}
	cums := make([][]float64, cfg.Groups)
	total := make([]float64, cfg.Groups)
	for grp, m := range members {
		w := make([]float64, len(m))
		for j, v := range m {
			w[j] = g.pop[v]
			total[grp] += g.pop[v]
		}
		cums[grp] = sample.Cumulative(w)
	}
	gw := make([]float64, cfg.Groups)
	keys := make([]uint64, 0, int(float64(n)*cfg.Follows*(1+cfg.FollowBack))+16)
	for u := 0; u < n; u++ {
		own := r.Group[u]
		for grp := range gw {
			gw[grp] = total[grp]
			if int32(grp) == own {
				gw[grp] *= cfg.FollowHomophily
			}
		}
		gcum := sample.Cumulative(gw)
		if gcum == nil {
			continue
		}
		k := sample.Poisson(rng, cfg.Follows*g.act[u])
		for j := 0; j < k; j++ {
			grp := sample.Pick(rng, gcum)
			if cums[grp] == nil {
				continue
			}
			v := members[grp][sample.Pick(rng, cums[grp])]
			if v == int32(u) {
				continue
			}
			keys = append(keys, pair(int32(u), v))
			if rng.Float64() < cfg.FollowBack {
				keys = append(keys, pair(v, int32(u)))
			}
		}
	}
	for _, m := range g.w.Truth.FastGroups {
		for _, u := range m {
			for _, v := range m {
				if u != v {
					keys = append(keys, pair(u, v))
				}
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
	g.outStart = make([]int64, n+1)
	g.inStart = make([]int64, n+1)
	for i := range r.FollowSrc {
		g.outStart[r.FollowSrc[i]+1]++
		g.inStart[r.FollowDst[i]+1]++
	}
	for i := 0; i < n; i++ {
		g.outStart[i+1] += g.outStart[i]
		g.inStart[i+1] += g.inStart[i]
	}
	g.inNbr = make([]int32, len(r.FollowDst))
	fill := slices.Clone(g.inStart[:n])
	for i, v := range r.FollowDst {
		g.inNbr[fill[v]] = r.FollowSrc[i]
		fill[v]++
	}
}

func (g *gen) follows2(u, v int32) bool {
	_, ok := slices.BinarySearch(g.r.FollowDst[g.outStart[u]:g.outStart[u+1]], v)
	return ok
}

// comrade reports whether u is a comrade of author v under the world's rule.
func (g *gen) comrade(u, v int32) bool {
	switch g.cfg.Comrade {
	case RuleMutual:
		return g.follows2(u, v) && g.follows2(v, u)
	case RuleGroup:
		return g.r.Group[u] == g.r.Group[v]
	case RuleFriends:
		return g.circle[u] == g.circle[v]
	}
	return false
}

// items draws posts: Poisson(PostsPerDay*Days*activity) per author, at
// times that follow the daily rhythm.
func (g *gen) items() {
	cfg, rng, r := g.cfg, g.rng, g.r
	span := float64(cfg.Days) * 86400
	for v := 0; v < cfg.Actors; v++ {
		k := sample.Poisson(rng, cfg.PostsPerDay*float64(cfg.Days)*g.act[v])
		for j := 0; j < k; j++ {
			var t float64
			for {
				t = rng.Float64() * span
				if rng.Float64()*(1+cfg.Rhythm) < g.intensity(t) {
					break
				}
			}
			a := logNormalMean1(rng, cfg.AppealSD)
			r.ItemAuthor = append(r.ItemAuthor, int32(v))
			r.ItemTime = append(r.ItemTime, simulate.T0+int64(t))
			r.ItemQuality = append(r.ItemQuality, math.Log(a)+cfg.QualityNoise*rng.NormFloat64())
			g.appeal = append(g.appeal, a)
			g.topic = append(g.topic, g.postTopic(int32(v)))
		}
	}
}

// postTopic draws the topic of a post by v: authors write about what they
// like, so topics follow the author's tastes (and so the author's group).
func (g *gen) postTopic(v int32) int32 {
	if g.taste == nil {
		return 0
	}
	return int32(sample.Pick(g.rng, sample.Cumulative(g.taste[v])))
}

// intensity is the daily rhythm at t seconds after T0 (mean 1, peak 20:00 UTC).
func (g *gen) intensity(t float64) float64 {
	tod := math.Mod(t, 86400)
	return 1 + g.cfg.Rhythm*math.Cos(2*math.Pi*(tod-72000)/86400)
}

func (g *gen) rate(u int32, it int) (float64, bool) {
	v := g.r.ItemAuthor[it]
	x := g.cfg.BaseRate * g.act[u] * g.appeal[it] * g.pop[v]
	if g.taste != nil {
		x *= g.taste[u][g.topic[it]]
	}
	c := g.comrade(u, v)
	if c {
		x *= g.cfg.ComradeRate
	}
	return x, c
}

// delay draws an organic delay (log-normal, scaled by speed), redrawn until
// the engagement time falls in an active hour of the daily rhythm.
func (g *gen) delay(posted int64, speed float64) int64 {
	cfg, rng := g.cfg, g.rng
	var d float64
	for try := 0; try < 20; try++ {
		d = speed * cfg.DelayMedian * math.Exp(cfg.DelaySD*rng.NormFloat64())
		if rng.Float64()*(1+cfg.Rhythm) < g.intensity(float64(posted-simulate.T0)+d) {
			break
		}
	}
	return int64(d)
}

func (g *gen) emit(u, it int32, coord bool, kind uint8, t int64) {
	r := g.r
	r.Actor = append(r.Actor, u)
	r.Item = append(r.Item, it)
	r.Author = append(r.Author, r.ItemAuthor[it])
	r.Kind = append(r.Kind, kind)
	r.Time = append(r.Time, t)
	r.Coordinated = append(r.Coordinated, coord)
}

// prob is the engagement probability of an exposure at rate x.
func (g *gen) prob(x float64) float64 {
	switch g.cfg.Saturation {
	case SaturateLogistic:
		return x / (1 + x)
	case SaturateLinear:
		return math.Min(x, 1)
	}
	return 1 - math.Exp(-x) // as written since the first card: the worlds stay bit-identical
}

// expose decides one exposure of u to item it.
func (g *gen) expose(u int32, it int, discovered bool) bool {
	x, c := g.rate(u, it)
	tr := &g.w.Truth
	tr.Exposures++
	if discovered {
		tr.DiscoveryExposures++
	}
	if c {
		tr.ComradeExposures++
	}
	if g.rng.Float64() >= g.prob(x) {
		return false
	}
	speed := 1.0
	if c {
		speed = g.cfg.ComradeSpeed
	}
	g.emit(u, int32(it), false, uint8(sample.Pick(g.rng, g.kcum)), g.r.ItemTime[it]+g.delay(g.r.ItemTime[it], speed))
	if discovered {
		tr.DiscoveryEvents++
	} else {
		tr.FeedEvents++
	}
	return true
}

// engage runs the feed, then discovery with ranking feedback: discovered
// items are drawn in proportion to (1 + their feed engagements)^Ranking.
func (g *gen) engage() {
	cfg, rng, r := g.cfg, g.rng, g.r
	feedEng := make([]float64, len(r.ItemAuthor))
	for it, v := range r.ItemAuthor {
		for _, u := range g.inNbr[g.inStart[v]:g.inStart[v+1]] {
			if g.expose(u, it, false) {
				feedEng[it]++
			}
		}
	}
	if cfg.Discovery <= 0 || len(r.ItemAuthor) == 0 {
		return
	}
	// Items by their author's group, weighted by ranking feedback.
	byGroup := make([][]int32, cfg.Groups)
	for it, v := range r.ItemAuthor {
		byGroup[r.Group[v]] = append(byGroup[r.Group[v]], int32(it))
	}
	cums := make([][]float64, cfg.Groups)
	total := make([]float64, cfg.Groups)
	for grp, its := range byGroup {
		w := make([]float64, len(its))
		for j, it := range its {
			w[j] = math.Pow(1+feedEng[it], cfg.Ranking)
			total[grp] += w[j]
		}
		cums[grp] = sample.Cumulative(w)
	}
	gw := make([]float64, cfg.Groups)
	for u := int32(0); int(u) < cfg.Actors; u++ {
		for grp := range gw {
			gw[grp] = total[grp]
			if int32(grp) == r.Group[u] {
				gw[grp] *= cfg.ExposureHomophily
			}
		}
		gcum := sample.Cumulative(gw)
		k := sample.Poisson(rng, cfg.Discovery*float64(cfg.Days))
		for j := 0; j < k; j++ {
			grp := sample.Pick(rng, gcum)
			it := byGroup[grp][sample.Pick(rng, cums[grp])]
			v := r.ItemAuthor[it]
			if v == u || g.follows2(u, v) {
				continue // own items are not engaged; followed authors' items are in the feed
			}
			g.expose(u, int(it), true)
		}
	}
}

// fastGroups adds the circles' quick reactions to each other's posts.
func (g *gen) fastGroups() {
	cfg, rng, r := g.cfg, g.rng, g.r
	if cfg.FastGroups == 0 {
		return
	}
	for it, v := range r.ItemAuthor {
		f := g.fastOf[v]
		if f < 0 {
			continue
		}
		for _, u := range g.w.Truth.FastGroups[f] {
			if u == v || rng.Float64() >= cfg.FastGroupRate {
				continue
			}
			d := cfg.FastGroupDelay * math.Exp(rng.NormFloat64())
			g.emit(u, int32(it), false, uint8(sample.Pick(rng, g.kcum)), r.ItemTime[it]+int64(d))
			g.w.Truth.FastGroupEvents++
		}
	}
}

// cells adds the coordinated cells' boosts.
func (g *gen) cells() {
	cfg, rng, r := g.cfg, g.rng, g.r
	if cfg.Cells == 0 || len(r.ItemAuthor) == 0 {
		return
	}
	kind := uint8(len(cfg.Kinds))
	for k, name := range cfg.Kinds {
		if name == cfg.CellKind {
			kind = uint8(k)
		}
	}
	for _, cell := range g.w.Truth.Cells {
		m := sample.Poisson(rng, cfg.CellItemsPerDay*float64(cfg.Days))
		var items []int32
		for j := 0; j < m; j++ {
			it := int32(rng.IntN(len(r.ItemAuthor)))
			items = append(items, it)
			start := r.ItemTime[it] + g.delay(r.ItemTime[it], 1)
			for _, u := range cell {
				if u == r.ItemAuthor[it] {
					continue
				}
				g.emit(u, it, true, kind, start+int64(math.Abs(cfg.CellJitter*rng.NormFloat64())))
				g.w.Truth.CellEvents++
			}
		}
		r.CellItems = append(r.CellItems, items)
	}
}

// sortByTime orders the events by time, ties in generation order.
func (g *gen) sortByTime() {
	r := g.r
	idx := make([]int32, len(r.Time))
	for i := range idx {
		idx[i] = int32(i)
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.Time[idx[a]] < r.Time[idx[b]] })
	r.Actor = permute(r.Actor, idx)
	r.Item = permute(r.Item, idx)
	r.Author = permute(r.Author, idx)
	r.Kind = permute(r.Kind, idx)
	r.Time = permute(r.Time, idx)
	r.Coordinated = permute(r.Coordinated, idx)
}

func permute[T any](xs []T, idx []int32) []T {
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func pair(u, v int32) uint64 { return uint64(uint32(u))<<32 | uint64(uint32(v)) }

// logNormalMean1 draws exp(sd*Z - sd^2/2), a log-normal with mean 1.
func logNormalMean1(rng *rand.Rand, sd float64) float64 {
	if sd == 0 {
		return 1
	}
	return math.Exp(sd*rng.NormFloat64() - sd*sd/2)
}
