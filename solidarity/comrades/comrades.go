package comrades

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Mode says who counts as a comrade.
type Mode string

// Comradeship modes.
const (
	// ModeReciprocal: a prior reciprocal tie. With a follow network, u and v
	// follow each other; without one, each has engaged the other before
	// (the tie dates from the later of the two first engagements).
	ModeReciprocal Mode = "reciprocal"
	// ModeGroup: u and v are in the same group (actors table).
	ModeGroup Mode = "group"
	// ModeEither: a reciprocal tie or the same group.
	ModeEither Mode = "either"
)

// Exposure says which items each actor could have engaged with.
type Exposure string

// Exposure models.
const (
	// ExposureFollows: every item by the authors the actor follows (the feed).
	ExposureFollows Exposure = "follows"
	// ExposureAll: every item by anyone else.
	ExposureAll Exposure = "all"
)

// Options control Analyze. The zero value chooses the mode and exposure
// from what the data hold (see Analyze), 5 quality bins, 4 sampled
// negatives per positive, at most 2,000,000 regression rows, seed 1.
type Options struct {
	Mode     Mode             // ModeEither, ModeReciprocal or ModeGroup ("" = see Analyze)
	Follows  *network.Network // optional directed follow network, source follows target, same ids as the events
	Exposure Exposure         // ExposureFollows or ExposureAll ("" = follows when Follows is set)
	Kinds    []string         // only these kinds of engagement (nil: all)
	Bins     int              // item-quality bins for unconditional support (0: 5)
	// NegativeRatio is the expected number of sampled non-engaged exposures
	// per engaged one in the regression (0: 4).
	NegativeRatio float64
	// MaxRows caps the regression rows (0: 2,000,000); engaged pairs are
	// subsampled at a constant rate beyond it.
	MaxRows int
	// NoFixedEffects skips the fixed-effects fits (Result.FixedEffects and
	// PoissonFixedEffects then carry a reason): with ExposureAll their cells
	// grow as actors x authors, and the fits dominate the cost.
	NoFixedEffects bool
	// MaxCells bounds the (actor, author) cells of the fixed-effects fits
	// (0: DefaultMaxCells); past it the fits are skipped with a reason. The
	// fits hold about 320 bytes a cell at their peak (6.8 GiB more than the
	// analysis without them at 23 million cells, the 1e7-event benchmark of
	// docs/performance.md), so the default holds the fits to about 6 GiB;
	// raise it where memory allows.
	MaxCells int
	// NoBiasCorrection skips the headline's split-panel bias correction
	// (FixedEffects.BiasCorrected, then omitted): four more fits of about
	// half the cells each, which double the cost of the fits. The test
	// (CI, Z, P) does not use it, so the detectability card sets this.
	// (FitCells, and so scale/duckdb's Comrades, always corrects.)
	NoBiasCorrection bool
	Seed             uint64
	// Progress, when set, is called after each stage (ties and exposure
	// sets, the exposure counts, the model).
	Progress func(done, total int)
}

// Number is a float64 that encodes to JSON as null when NaN or infinite
// (see package jsonnum).
type Number = jsonnum.Number

var nan = Number(math.NaN())

// ActorLift is one actor's lift: P(engage | comrade item) / P(engage | other
// item) over the actor's exposures, with a 95% MOVER-Wilson interval
// (see moverRatio). With no comrade engagement the lift is 0 and the
// interval [0, u1/l0]; with no other engagement it is +Inf and the interval
// [l1/u0, +Inf] (products of the Wilson limits l, u of the two rates;
// infinite values are null in JSON). Undefined (NaN, with a reason) when
// the actor had no comrade or no other exposures, or engaged nothing.
type ActorLift struct {
	Actor            string    `json:"actor"`
	ComradeExposures int64     `json:"comrade_exposures"`
	ComradeEngaged   int64     `json:"comrade_engaged"`
	OtherExposures   int64     `json:"other_exposures"`
	OtherEngaged     int64     `json:"other_engaged"`
	Lift             Number    `json:"lift"`
	CI               [2]Number `json:"lift_ci"`
	Reason           string    `json:"reason,omitempty"`
}

// Bin is one item-quality bin of unconditional support.
type Bin struct {
	QualityLow       Number `json:"quality_low"`
	QualityHigh      Number `json:"quality_high"`
	Items            int    `json:"items"`
	ComradeExposures int64  `json:"comrade_exposures"`
	ComradeEngaged   int64  `json:"comrade_engaged"`
	OtherExposures   int64  `json:"other_exposures"`
	OtherEngaged     int64  `json:"other_engaged"`
	// Support is the share of comrades' items in this bin that were engaged.
	Support Number `json:"support"`
	// OtherRate is the same share for other authors' items; Lift the ratio.
	OtherRate Number `json:"other_rate"`
	Lift      Number `json:"lift"`
}

// Model is the logistic regression of engagement on comradeship and quality.
type Model struct {
	Formula string            `json:"formula"`
	Terms   []string          `json:"terms"`
	Coef    map[string]Number `json:"coef"`
	SE      map[string]Number `json:"se"`
	Z       map[string]Number `json:"z"`
	P       map[string]Number `json:"p"`
	CILow   map[string]Number `json:"ci_low"`
	CIHigh  map[string]Number `json:"ci_high"`
	// Rows, Positives and Negatives count the case-control sample.
	Rows      int `json:"rows"`
	Positives int `json:"positives"`
	Negatives int `json:"negatives"`
	// PositiveRate and NegativeRate are the constant sampling rates; the
	// intercept has been corrected by -log(PositiveRate/NegativeRate).
	PositiveRate  float64 `json:"positive_rate"`
	NegativeRate  float64 `json:"negative_rate"`
	DroppedNaN    int     `json:"dropped_missing_quality"`
	LogLikelihood Number  `json:"log_likelihood"`
	Converged     bool    `json:"converged"`
	Iterations    int     `json:"iterations"`
	Reason        string  `json:"reason,omitempty"`
}

// Result is the output of Analyze (JSON for `solidarity engagement comrades --json`).
type Result struct {
	events.IDs `json:"-"` // names the people (Person) and items (Item)
	Options    Options    `json:"-"` // the options in effect (Mode and Exposure resolved)
	Mode       Mode       `json:"mode"`
	Exposure   Exposure   `json:"exposure"`
	// Engagements are distinct (actor, item) pairs with at least one event
	// of the chosen kinds; self-engagement (actor = author) is left out.
	Engagements     int `json:"engagements"`
	SelfEngagements int `json:"self_engagements"`
	// ComradeEngagements were made by a comrade of the author at the time
	// of the engagement; ComradeShare = ComradeEngagements / Engagements.
	ComradeEngagements int    `json:"comrade_engagements"`
	ComradeShare       Number `json:"comrade_share"`
	// Actors engaged at least once; only they enter the exposure counts.
	Actors int `json:"actors"`
	// Exposures are (actor, item) pairs in the actors' exposure sets;
	// ComradeExposureShare is the comrade share among them: what
	// ComradeShare would be if comradeship did not matter.
	Exposures            int64  `json:"exposures"`
	ComradeExposures     int64  `json:"comrade_exposures"`
	ComradeExposureShare Number `json:"comrade_exposure_share"`
	// OutsideExposure counts engagements of items outside the actor's
	// exposure set (ExposureFollows: authors the actor does not follow);
	// they enter ComradeShare but not the lift, support or model.
	OutsideExposure int `json:"outside_exposure"`
	// ComradeRate and OtherRate are the pooled engagement rates of comrade
	// and other exposures; Lift = ComradeRate / OtherRate, with a 95%
	// cluster-robust (by actor) delta-method interval on the log scale.
	ComradeRate Number    `json:"comrade_rate"`
	OtherRate   Number    `json:"other_rate"`
	Lift        Number    `json:"lift"`
	LiftCI      [2]Number `json:"lift_ci"`
	// Per-actor lift summary over the actors with both kinds of exposure
	// and some engagement (lifts of 0 and +Inf included): how many, the
	// median lift, and how many intervals lie wholly above or below 1.
	ActorsWithLift  int    `json:"actors_with_lift"`
	ActorLiftMedian Number `json:"actor_lift_median"`
	ActorsAbove1    int    `json:"actors_lift_above_1"`
	ActorsBelow1    int    `json:"actors_lift_below_1"`
	// Support is the unconditional support: overall, the share of comrades'
	// exposed items engaged (= ComradeRate), and by item-quality bin.
	Support     Number `json:"unconditional_support"`
	SupportBins []Bin  `json:"support_by_quality"`
	Model       *Model `json:"model"`
	// FixedEffects is the comrade ratio within actor and item, the
	// estimate to report: one Bernoulli trial per exposure,
	// P(engage | exposed) = F(exp(a_actor + c_item + g*comrade)), fitted
	// with F both the hazard shape 1 - exp(-r) (FitHazardFixedEffects)
	// and the logit shape r/(1+r); the likelier gives the estimate (Model
	// names it, Shape says why, Alternative holds the other), and CI, Z
	// and P span both, so the finding holds whichever shape is assumed
	// (FitCI is the likelier fit's own interval). The item effects
	// absorb the author's popularity and the item's appeal. With
	// reciprocal comrades and actor groups in the data they are (item,
	// actor group) effects (Effects = EffectsActorItemGroup): comrades
	// are compared with other actors of their own group, so tastes shared
	// along group lines are not read as comradeship. With ExposureAll (or
	// above 5 million exposures) the cells are (actor, author) counts
	// instead, and Effects says so. docs/methods/inference.md has what the
	// detectability card measured of it.
	FixedEffects *FixedEffects `json:"fixed_effects"`
	// PoissonFixedEffects is the comrade rate ratio of the two-way
	// fixed-effects Poisson model (FitFixedEffects) on the same cells, kept
	// for comparison and earlier results: it assumes expected counts
	// multiply, which saturated engagement breaks.
	PoissonFixedEffects *FixedEffects `json:"fixed_effects_poisson"`
	// Sensitivity says how strong unrecorded exposure would have to be to
	// explain the lift (see Sensitivity).
	Sensitivity Sensitivity `json:"sensitivity"`
	// Caveats are what the numbers cannot tell under the exposure model in
	// effect, as sentences a reader can paste into a paper; never empty.
	Caveats  []string    `json:"caveats"`
	Reason   string      `json:"reason,omitempty"`
	PerActor []ActorLift `json:"-"` // every active actor, in People order
}

// Analyze measures comradeship versus content in ev.
//
// Mode "" means ModeEither when the events carry groups, else
// ModeReciprocal. Exposure "" means ExposureFollows when opt.Follows is set,
// else ExposureAll. With a follow network, reciprocal ties are mutual
// follows (static); without one, they are prior mutual engagement, dated.
// Comradeship of an exposure (for lift, support and the model) is judged at
// the item's posting time (ev.ItemTime); of an engagement (for
// ComradeShare) at the engagement's time.
//
// Items without a known author are left out. Items nobody engaged with
// exist only if an items table was added to ev (events.Options.ItemsPath);
// without one the exposure sets miss them, which inflates the rates (see
// docs/methods/engagement.md).
func Analyze(ev *events.Events, opt Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("comrades: no events")
	}
	a, err := newAnalysis(ev, opt)
	if err != nil {
		return nil, err
	}
	return a.run(), nil
}

type analysis struct {
	ev       *events.Events
	opt      Options
	mode     Mode
	exposure Exposure
	useGroup bool
	useTie   bool
	P, I     int
	group    []int32
	// follows, CSR over people (sorted rows); nil when no follow network.
	fStart  []int64
	fNbr    []int32
	fMutual []bool // aligned with fNbr: the follow is returned (set by followTies)
	// reciprocal ties, CSR over people: partner and the time the tie began.
	tStart []int64
	tNbr   []int32
	tTime  []int64
	// positives, sorted by (actor, item): earliest engagement time.
	posActor []int32
	posItem  []int32
	posTime  []int64
	// items by author, sorted by time.
	aStart []int64
	aItems []int32
	bin    []int8 // per item, -1 when the quality is missing
	bins   int
	lo, hi []float64 // quality range of each bin; nil without quality
	qual   []float64
	rng    *rand.Rand
}

func newAnalysis(ev *events.Events, opt Options) (*analysis, error) {
	a := &analysis{ev: ev, opt: opt, P: ev.NumPeople(), I: ev.NumItems()}
	a.mode = opt.Mode
	if a.mode == "" {
		if ev.Group != nil {
			a.mode = ModeEither
		} else {
			a.mode = ModeReciprocal
		}
	}
	switch a.mode {
	case ModeEither:
		a.useGroup, a.useTie = true, true
	case ModeGroup:
		a.useGroup = true
	case ModeReciprocal:
		a.useTie = true
	default:
		return nil, fmt.Errorf("comrades: mode %q: want %q, %q or %q", opt.Mode, ModeReciprocal, ModeGroup, ModeEither)
	}
	if a.useGroup && ev.Group == nil {
		return nil, fmt.Errorf("comrades: mode %q needs groups: read the events with an actors table that has a %q column", a.mode, events.ColGroup)
	}
	a.group = ev.Group
	a.exposure = opt.Exposure
	if a.exposure == "" {
		if opt.Follows == nil {
			return nil, ErrExposureUnstated
		}
		a.exposure = ExposureFollows
	}
	if a.exposure != ExposureFollows && a.exposure != ExposureAll {
		return nil, fmt.Errorf("comrades: exposure %q: want %q or %q", opt.Exposure, ExposureFollows, ExposureAll)
	}
	if a.exposure == ExposureFollows && opt.Follows == nil {
		return nil, fmt.Errorf("comrades: exposure %q needs a follow network (Options.Follows)", ExposureFollows)
	}
	if opt.Bins < 0 || opt.Bins > 100 {
		return nil, fmt.Errorf("comrades: %d quality bins: want 1 to 100", opt.Bins)
	}
	if !(opt.NegativeRatio >= 0) || math.IsInf(opt.NegativeRatio, 0) {
		return nil, fmt.Errorf("comrades: negative ratio %v: want a positive number", opt.NegativeRatio)
	}
	if opt.MaxCells < 0 {
		return nil, fmt.Errorf("comrades: max cells %d: want a positive number, or 0 for the default", opt.MaxCells)
	}
	if opt.MaxRows < 0 {
		return nil, fmt.Errorf("comrades: max rows %d: want a positive number", opt.MaxRows)
	}
	a.bins = opt.Bins
	if a.bins == 0 {
		a.bins = 5
	}
	a.rng = rand.New(rand.NewPCG(opt.Seed, 0xc0de))
	if opt.Follows != nil {
		if err := a.mapFollows(opt.Follows); err != nil {
			return nil, err
		}
	}
	keep, err := kindFilter(ev, opt.Kinds)
	if err != nil {
		return nil, err
	}
	a.positives(keep)
	if a.useTie && opt.Follows == nil {
		a.eventTies(keep)
	} else if a.useTie {
		a.followTies()
	}
	a.itemsByAuthor()
	a.opt.Mode, a.opt.Exposure, a.opt.Bins = a.mode, a.exposure, a.bins
	return a, nil
}

// stages of Analyze, for Options.Progress.
const stages = 3

func (a *analysis) progress(done int) {
	if a.opt.Progress != nil {
		a.opt.Progress(done, stages)
	}
}

func kindFilter(ev *events.Events, kinds []string) ([]bool, error) {
	keep, err := ev.KindMask(kinds)
	if err != nil {
		return nil, fmt.Errorf("comrades: %w", err)
	}
	return keep, nil
}

// mapFollows builds the follow CSR over the events' people. Follow-network
// nodes that are not people of the events are ignored (they neither
// engage nor author anything here).
func (a *analysis) mapFollows(fn *network.Network) error {
	if !fn.Directed() {
		return fmt.Errorf("comrades: the follow network must be directed (source follows target)")
	}
	fix := fn.Index()
	if fix.IsString() != a.ev.People.IsString() {
		return fmt.Errorf("comrades: follow network ids are %s but event ids are %s: convert one so they match", kind(fix.IsString()), kind(a.ev.People.IsString()))
	}
	m := make([]int32, fix.Len())
	for i := range m {
		var ok bool
		if fix.IsString() {
			m[i], ok = a.ev.People.LookupString(fix.String(int32(i)))
		} else {
			m[i], ok = a.ev.People.LookupInt(fix.Int(int32(i)))
		}
		if !ok {
			m[i] = -1
		}
	}
	// From the raw records (not the network's Simple view, which would
	// also build weights and in-lists): rows by source, sorted, with
	// parallel follows merged and self-follows left out.
	src, dst := fn.Endpoints()
	a.fStart = make([]int64, a.P+1)
	for i, u := range src {
		if pu, pv := m[u], m[dst[i]]; pu >= 0 && pv >= 0 && pu != pv {
			a.fStart[pu+1]++
		}
	}
	for i := 0; i < a.P; i++ {
		a.fStart[i+1] += a.fStart[i]
	}
	nbr := make([]int32, a.fStart[a.P])
	fill := append([]int64(nil), a.fStart[:a.P]...)
	for i, u := range src {
		if pu, pv := m[u], m[dst[i]]; pu >= 0 && pv >= 0 && pu != pv {
			nbr[fill[pu]] = pv
			fill[pu]++
		}
	}
	// Sort and deduplicate each row in place, compacting as we go.
	var w int64
	for u := 0; u < a.P; u++ {
		row := nbr[a.fStart[u]:a.fStart[u+1]]
		slices.Sort(row)
		a.fStart[u] = w
		for j, v := range row {
			if j == 0 || v != row[j-1] {
				nbr[w] = v
				w++
			}
		}
	}
	a.fStart[a.P] = w
	a.fNbr = nbr[:w:w]
	return nil
}

func kind(isStr bool) string {
	if isStr {
		return "text"
	}
	return "integers"
}

func (a *analysis) follows(u, v int32) bool {
	_, ok := slices.BinarySearch(a.fNbr[a.fStart[u]:a.fStart[u+1]], v)
	return ok
}

// positives collects distinct (actor, item) engagements with their earliest
// time, leaving out self-engagement.
func (a *analysis) positives(keep []bool) {
	ev := a.ev
	order := ev.PairOrder(keep, true)
	n := 0
	for k, i := range order {
		if k > 0 && ev.Actor[i] == ev.Actor[order[k-1]] && ev.Item[i] == ev.Item[order[k-1]] {
			continue
		}
		n++
	}
	a.posActor = make([]int32, 0, n)
	a.posItem = make([]int32, 0, n)
	a.posTime = make([]int64, 0, n)
	for k, i := range order {
		if k > 0 && ev.Actor[i] == ev.Actor[order[k-1]] && ev.Item[i] == ev.Item[order[k-1]] {
			continue // a later event of the same (actor, item)
		}
		a.posActor = append(a.posActor, ev.Actor[i])
		a.posItem = append(a.posItem, ev.Item[i])
		a.posTime = append(a.posTime, ev.Time[i])
	}
}

// followTies: mutual follows, dated at the beginning of time. Each row of
// follows is intersected with the same person's followers (a transposed
// copy), a linear merge of two sorted lists. fMutual flags, aligned with
// fNbr, which follows are returned.
func (a *analysis) followTies() {
	inStart := make([]int64, a.P+1)
	for _, v := range a.fNbr {
		inStart[v+1]++
	}
	for i := 0; i < a.P; i++ {
		inStart[i+1] += inStart[i]
	}
	inNbr := make([]int32, len(a.fNbr))
	fill := append([]int64(nil), inStart[:a.P]...)
	for u := int32(0); int(u) < a.P; u++ { // u ascending, so every in-row comes out sorted
		for _, v := range a.fNbr[a.fStart[u]:a.fStart[u+1]] {
			inNbr[fill[v]] = u
			fill[v]++
		}
	}
	a.fMutual = make([]bool, len(a.fNbr))
	a.tStart = make([]int64, a.P+1)
	for u := 0; u < a.P; u++ {
		out := a.fNbr[a.fStart[u]:a.fStart[u+1]]
		in := inNbr[inStart[u]:inStart[u+1]]
		j := 0
		for k, v := range out {
			for j < len(in) && in[j] < v {
				j++
			}
			if j < len(in) && in[j] == v {
				a.fMutual[a.fStart[u]+int64(k)] = true
				a.tNbr = append(a.tNbr, v)
				a.tTime = append(a.tTime, math.MinInt64)
			}
		}
		a.tStart[u+1] = int64(len(a.tNbr))
	}
}

// eventTies: u and v are tied from the later of first(u->v) and
// first(v->u), over the chosen kinds, self-engagement left out.
func (a *analysis) eventTies(keep []bool) {
	ev := a.ev
	order := ev.PairOrder(keep, false)
	var keys []uint64
	var first []int64
	for k, i := range order {
		if ev.Actor[i] == ev.Author[i] {
			continue
		}
		if k > 0 && ev.Actor[i] == ev.Actor[order[k-1]] && ev.Author[i] == ev.Author[order[k-1]] {
			continue
		}
		keys = append(keys, uint64(uint32(ev.Actor[i]))<<32|uint64(uint32(ev.Author[i])))
		first = append(first, ev.Time[i])
	}
	a.tStart = make([]int64, a.P+1)
	for i, k := range keys {
		u, v := int32(k>>32), int32(uint32(k))
		j, ok := slices.BinarySearch(keys, uint64(uint32(v))<<32|uint64(uint32(u)))
		if !ok {
			continue
		}
		a.tNbr = append(a.tNbr, v)
		a.tTime = append(a.tTime, max(first[i], first[j]))
		a.tStart[u+1]++
	}
	for i := 0; i < a.P; i++ {
		a.tStart[i+1] += a.tStart[i]
	}
}

// tie returns when u and v became tied, and whether they ever did.
func (a *analysis) tie(u, v int32) (int64, bool) {
	row := a.tNbr[a.tStart[u]:a.tStart[u+1]]
	j, ok := slices.BinarySearch(row, v)
	if !ok {
		return 0, false
	}
	return a.tTime[a.tStart[u]+int64(j)], true
}

func (a *analysis) sameGroup(u, v int32) bool {
	return a.useGroup && a.group[u] >= 0 && a.group[u] == a.group[v]
}

// comrade reports whether u is a comrade of v at time t.
func (a *analysis) comrade(u, v int32, t int64) bool {
	if a.sameGroup(u, v) {
		return true
	}
	if a.useTie {
		if since, ok := a.tie(u, v); ok && since < t {
			return true
		}
	}
	return false
}

// itemsByAuthor indexes items by author (sorted by posting time) and bins
// their quality at the quantiles of the item qualities.
func (a *analysis) itemsByAuthor() {
	ev := a.ev
	a.aStart = make([]int64, a.P+1)
	for _, v := range ev.ItemAuthor {
		if v >= 0 {
			a.aStart[v+1]++
		}
	}
	for i := 0; i < a.P; i++ {
		a.aStart[i+1] += a.aStart[i]
	}
	// Items in posting order (one packed sort when the times fit), then a
	// stable counting sort by author: each author's row is chronological.
	byTime := make([]int32, 0, a.I)
	for it := range ev.ItemAuthor {
		byTime = append(byTime, int32(it))
	}
	if a.I > 0 {
		lo, hi := slices.Min(ev.ItemTime), slices.Max(ev.ItemTime)
		if uint64(hi-lo) < 1<<31 {
			packed := make([]uint64, a.I)
			for it, t := range ev.ItemTime {
				packed[it] = uint64(t-lo)<<32 | uint64(it)
			}
			slices.Sort(packed)
			for i, p := range packed {
				byTime[i] = int32(uint32(p))
			}
		} else {
			slices.SortStableFunc(byTime, func(x, y int32) int {
				tx, ty := ev.ItemTime[x], ev.ItemTime[y]
				switch {
				case tx < ty:
					return -1
				case tx > ty:
					return 1
				}
				return 0
			})
		}
	}
	a.aItems = make([]int32, a.aStart[a.P])
	fill := append([]int64(nil), a.aStart[:a.P]...)
	for _, it := range byTime {
		if v := ev.ItemAuthor[it]; v >= 0 {
			a.aItems[fill[v]] = it
			fill[v]++
		}
	}
	a.qual = ev.ItemQuality()
	a.bin = make([]int8, a.I)
	for i := range a.bin {
		a.bin[i] = -1
	}
	if a.qual == nil {
		return
	}
	// Equal-count bins: items sorted by quality, bin = floor(rank*B/n), tied
	// qualities share the bin of their first rank. Each bin reports the
	// lowest and highest quality it holds.
	var order []int32
	for it, q := range a.qual {
		if !math.IsNaN(q) && ev.ItemAuthor[it] >= 0 {
			order = append(order, int32(it))
		}
	}
	if len(order) == 0 {
		return
	}
	sort.SliceStable(order, func(i, j int) bool { return a.qual[order[i]] < a.qual[order[j]] })
	n := len(order)
	a.lo = make([]float64, a.bins)
	a.hi = make([]float64, a.bins)
	for b := range a.lo {
		a.lo[b], a.hi[b] = math.NaN(), math.NaN()
	}
	b := 0
	for p, it := range order {
		q := a.qual[it]
		if p == 0 || q != a.qual[order[p-1]] {
			b = p * a.bins / n
		}
		a.bin[it] = int8(b)
		if math.IsNaN(a.lo[b]) {
			a.lo[b] = q
		}
		a.hi[b] = q
	}
	for it, q := range a.qual {
		// Items nobody authored are out of every exposure set, but keep a bin.
		if !math.IsNaN(q) && a.bin[it] < 0 {
			k := sort.Search(n, func(i int) bool { return a.qual[order[i]] >= q })
			if k < n {
				a.bin[it] = a.bin[order[k]]
			} else {
				a.bin[it] = int8(a.bins - 1)
			}
		}
	}
}

// isPositive reports whether actor u engaged item it.
func (a *analysis) isPositive(u, it int32, lo, hi int) bool {
	_, ok := slices.BinarySearch(a.posItem[lo:hi], it)
	return ok
}
