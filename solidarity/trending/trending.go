package trending

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Defaults of Options; a zero field takes them.
const (
	DefaultWindow = 6 * 3600.0 // seconds an engagement counts towards a score
	DefaultTau    = 3600.0     // decay time constant, seconds
	DefaultStep   = 3600.0     // seconds between evaluation times
	DefaultTopK   = 10
	DefaultDepth  = 100 // ranks are tracked down to this depth
)

// Options hold the parameters of the trending rule. Every field is exposed
// so that the rule is transparent; zero fields take the defaults above.
// Durations are seconds (float64, as in every engagement analysis);
// evaluation times are instants in Unix seconds, like Events.Time.
type Options struct {
	// Window is the length, in seconds, of the sliding window: at time t an
	// engagement at t_e counts when t-Window < t_e <= t.
	Window float64
	// Tau is the decay time constant in seconds: an engagement of age a
	// contributes exp(-a/Tau). Use math.Inf(1) for plain counts in the window.
	Tau float64
	// Step is the spacing of evaluation times in seconds (at least 1):
	// t_k = t_min + ceil(k*Step) for k = 1, 2, ... up to the first
	// t_k >= t_max. Ignored when Times is set.
	Step float64
	// Times are explicit evaluation times (Unix seconds), sorted ascending.
	Times []int64
	// TopK is the number of trending slots at each evaluation time.
	TopK int
	// Depth is how deep ranks are tracked for the per-item peak ranks
	// (at least TopK). Items never ranked within Depth get rank 0 in
	// ItemRank and are counted as Depth+1 in RankLift.
	Depth int
	// Groups gives the group of every person (aligned to Events.People;
	// code -1 is missing). It defines the default comrade rule and the
	// groups of the amplification ratio. When nil, the events' own
	// Group/Groups (from the actors table) are used; without either, no
	// amplification is reported.
	Groups *network.Categorical
	// Comrade, when not nil, flags each event (aligned to the events) as a
	// comrade's engagement, overriding the group rule.
	Comrade []bool
	// Kinds, when not empty, keeps only events of these kinds (e.g.
	// "share"); the others neither score nor count. Items are still every
	// item of the events, so the share of items stays the baseline.
	Kinds []string
	// Progress, when not nil, is called after each evaluation time.
	Progress func(done, total int)
}

func (c Options) withDefaults() Options {
	if !(c.Window > 0) {
		c.Window = DefaultWindow
	}
	if c.Tau <= 0 || math.IsNaN(c.Tau) {
		c.Tau = DefaultTau
	}
	if !(c.Step > 0) {
		c.Step = DefaultStep
	}
	if c.TopK <= 0 {
		c.TopK = DefaultTopK
	}
	if c.Depth <= 0 {
		c.Depth = DefaultDepth
	}
	if c.Depth < c.TopK {
		c.Depth = c.TopK
	}
	return c
}

// ItemRank is what the rule did for one item.
type ItemRank struct {
	Item       int32 // dense item index (Events.Items)
	Author     int32 // dense author (Events.People) of the item's first event
	Group      int32 // author's group code, -1 when unknown or no groups
	PeakRank   int   // best rank reached (1 = top), 0 when never within Depth
	PeakRankCF int   // the same without comrade engagement
	Slots      int   // evaluation times the item spent in the top-k
	SlotsCF    int   // the same without comrade engagement
	RankLift   int   // rank positions owed to comrade engagement (see Analyze)
	Engaged    int   // engagements of the item
	Comrade    int   // of which by comrades
}

// Group is one group's amplification.
type Group struct {
	Label           string
	Items           int     // items authored by the group
	ItemShare       float64 // Items / all items
	Slots           int     // top-k slots held, summed over evaluation times
	SlotsCF         int     // the same without comrade engagement
	TopShare        float64 // Slots / all filled slots
	TopShareCF      float64
	Amplification   float64 // TopShare / ItemShare (NaN when undefined)
	AmplificationCF float64 // TopShareCF / ItemShare
}

// Result holds the ranks over time, the counterfactual ranks and the
// amplification. Undefined quantities are NaN and Reason says why.
type Result struct {
	// IDs name the people and items (Person, Item). Careful: the field
	// Items below is the per-item ranking; the item ids are IDs.Items.
	events.IDs  `json:"-"`
	Options     Options   // the parameters in effect (defaults filled in)
	Times       []int64   // evaluation times (Unix seconds)
	Top         [][]int32 // per evaluation time: the top-k items, best first
	TopScore    [][]float64
	TopCF       [][]int32 // the same without comrade engagement
	TopScoreCF  [][]float64
	Items       []ItemRank // one per dense item
	Groups      []Group    // one per group label (nil without groups)
	Events      int        // events of the kinds kept
	Comrade     int        // events flagged as comrade engagement
	Filled      int        // top-k slots filled over all times (actual)
	FilledCF    int
	Unlabelled  int       // items whose author has no group
	ranked      [][]int32 // per time, the Depth best items
	rankedCF    [][]int32
	AuthorClash int // events naming another author than their item's (Events.ItemAuthor, else first event)
	Reason      string
	// Baseline states what the lift is measured against; Caveats what it
	// cannot tell.
	Baseline string
	Caveats  []string
}

// Analyze applies the trending rule to the events.
//
// At evaluation time t the score of item i is
//
//	S_i(t) = sum over engagements e of i with t-W < t_e <= t of exp(-(t - t_e)/tau)
//
// and items with S_i(t) > 0 are ranked by decreasing score (ties: lower
// dense item index first). The counterfactual score S'_i(t) is the same sum
// over non-comrade engagements only. An engagement is a comrade's when
// Options.Comrade flags it or, by default, when actor and author are in the
// same (known) group; an author engaging with their own item is therefore a
// comrade. Unknown groups are never comrades.
//
// Per item, RankLift = r'_i - r_i where r_i is the peak rank (Depth+1 when
// never ranked within Depth) and r'_i the counterfactual one: a positive lift
// is rank owed to solidarity. Per group g,
//
//	amplification_g = (slots_g / filled slots) / (items_g / items)
//
// where slots_g counts top-k positions held by g's items over all evaluation
// times, and items are all items of the events (with an items table,
// Events.ItemAuthor, also those nobody engaged with). 1 means proportional visibility; the counterfactual ratio uses the
// counterfactual top-k. Huszár et al. (2022) define amplification against a
// reverse-chronological baseline; here the baseline is the share of items.
//
// Cost: one time sort (radix, skipped when sorted), O(events) window
// updates, and O(active items * log Depth) per evaluation time.
func Analyze(ev *events.Events, cfg Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("trending: no events")
	}
	cfg = cfg.withDefaults()
	if cfg.Step < 1 {
		return nil, fmt.Errorf("trending: Options.Step = %g s; evaluation times are whole seconds, so the step must be at least 1", cfg.Step)
	}
	keep, err := ev.KindMask(cfg.Kinds)
	if err != nil {
		return nil, fmt.Errorf("trending: %w", err)
	}
	if cfg.Groups == nil && ev.Group != nil {
		cfg.Groups = &network.Categorical{Name: "group", Labels: ev.Groups, Codes: ev.Group}
	}
	n := ev.Len()
	if len(ev.Item) != n || len(ev.Author) != n || len(ev.Time) != n {
		return nil, fmt.Errorf("trending: events columns differ in length (actor %d, item %d, author %d, time %d)",
			n, len(ev.Item), len(ev.Author), len(ev.Time))
	}
	if cfg.Comrade != nil && len(cfg.Comrade) != n {
		return nil, fmt.Errorf("trending: Options.Comrade has %d flags for %d events", len(cfg.Comrade), n)
	}
	if cfg.Groups != nil && ev.People != nil && len(cfg.Groups.Codes) < ev.People.Len() {
		return nil, fmt.Errorf("trending: Options.Groups has %d codes for %d people (align it to Events.People)",
			len(cfg.Groups.Codes), ev.People.Len())
	}
	for k := 1; k < len(cfg.Times); k++ {
		if cfg.Times[k] < cfg.Times[k-1] {
			return nil, fmt.Errorf("trending: Options.Times[%d] = %d comes before Times[%d] = %d (want ascending)",
				k, cfg.Times[k], k-1, cfg.Times[k-1])
		}
	}
	nItems := 0
	if ev.Items != nil {
		nItems = ev.Items.Len()
	}
	for _, it := range ev.Item {
		if int(it) >= nItems {
			nItems = int(it) + 1
		}
	}
	r := &Result{IDs: ev.IDs(), Options: cfg}
	r.identification()
	r.Items = make([]ItemRank, nItems)
	for i := range r.Items {
		r.Items[i] = ItemRank{Item: int32(i), Author: -1, Group: -1}
	}
	comrade := make([]bool, n)
	groupOf := func(p int32) int32 {
		if cfg.Groups == nil || p < 0 || int(p) >= len(cfg.Groups.Codes) {
			return -1
		}
		return cfg.Groups.Codes[p]
	}
	// Items listed without engagement (Events.ItemAuthor from an items
	// table) count in the share of items.
	for i := range r.Items {
		if i < len(ev.ItemAuthor) && ev.ItemAuthor[i] >= 0 {
			r.Items[i].Author = ev.ItemAuthor[i]
			r.Items[i].Group = groupOf(ev.ItemAuthor[i])
		}
	}
	kept := func(e int32) bool { return keep == nil || keep[ev.Kind[e]] }
	for e := 0; e < n; e++ {
		if !kept(int32(e)) {
			continue
		}
		r.Events++
		it := &r.Items[ev.Item[e]]
		if it.Author < 0 {
			it.Author = ev.Author[e]
			it.Group = groupOf(it.Author)
		} else if it.Author != ev.Author[e] {
			r.AuthorClash++
		}
		it.Engaged++
		if cfg.Comrade != nil {
			comrade[e] = cfg.Comrade[e]
		} else {
			ga := groupOf(ev.Actor[e])
			comrade[e] = ga >= 0 && ga == groupOf(ev.Author[e])
		}
		if comrade[e] {
			it.Comrade++
			r.Comrade++
		}
	}
	if r.Events == 0 {
		r.Reason = "no events"
		if n > 0 {
			r.Reason = fmt.Sprintf("no events of the kinds %v", cfg.Kinds)
		}
		r.amplification()
		return r, nil
	}
	order := ev.TimeOrder()
	if keep != nil {
		order = slices.DeleteFunc(slices.Clone(order), func(e int32) bool { return !kept(e) })
		n = len(order)
	}
	times := cfg.Times
	if times == nil {
		tmin, tmax := ev.Time[order[0]], ev.Time[order[n-1]]
		for k := 1; ; k++ {
			t := tmin + int64(math.Ceil(float64(k)*cfg.Step))
			times = append(times, t)
			if t >= tmax {
				break
			}
		}
	}
	r.Times = times
	r.Options.Times = times

	act := newScores(nItems)
	cf := newScores(nItems)
	t0 := ev.Time[order[0]]
	head, tail := 0, 0
	tau := cfg.Tau
	contrib := func(te int64) float64 {
		if math.IsInf(tau, 1) {
			return 1
		}
		return math.Exp(float64(te-t0) / tau)
	}
	var h rankHeap
	h.depth = cfg.Depth
	for k, t := range times {
		// Rebase the reference time so exp never overflows; scaling every
		// score by one factor keeps the order.
		if !math.IsInf(tau, 1) && float64(t-t0)/tau > 300 {
			f := math.Exp(-float64(t-t0) / tau)
			act.scale(f)
			cf.scale(f)
			t0 = t
		}
		for head < n && ev.Time[order[head]] <= t {
			e := order[head]
			c := contrib(ev.Time[e])
			act.add(ev.Item[e], c)
			if !comrade[e] {
				cf.add(ev.Item[e], c)
			}
			head++
		}
		for tail < head && float64(ev.Time[order[tail]]) <= float64(t)-cfg.Window {
			e := order[tail]
			c := contrib(ev.Time[e])
			act.remove(ev.Item[e], c)
			if !comrade[e] {
				cf.remove(ev.Item[e], c)
			}
			tail++
		}
		scale := 1.0
		if !math.IsInf(tau, 1) {
			scale = math.Exp(-float64(t-t0) / tau)
		}
		top, sc := h.top(act, scale)
		for rank, it := range top {
			ir := &r.Items[it]
			if ir.PeakRank == 0 || rank+1 < ir.PeakRank {
				ir.PeakRank = rank + 1
			}
			if rank < cfg.TopK {
				ir.Slots++
				r.Filled++
			}
		}
		kk := min(cfg.TopK, len(top))
		r.ranked = append(r.ranked, append([]int32(nil), top...))
		r.Top = append(r.Top, r.ranked[k][:kk:kk])
		r.TopScore = append(r.TopScore, append([]float64(nil), sc[:kk]...))
		top, sc = h.top(cf, scale)
		for rank, it := range top {
			ir := &r.Items[it]
			if ir.PeakRankCF == 0 || rank+1 < ir.PeakRankCF {
				ir.PeakRankCF = rank + 1
			}
			if rank < cfg.TopK {
				ir.SlotsCF++
				r.FilledCF++
			}
		}
		kk = min(cfg.TopK, len(top))
		r.rankedCF = append(r.rankedCF, append([]int32(nil), top...))
		r.TopCF = append(r.TopCF, r.rankedCF[k][:kk:kk])
		r.TopScoreCF = append(r.TopScoreCF, append([]float64(nil), sc[:kk]...))
		if cfg.Progress != nil {
			cfg.Progress(k+1, len(times))
		}
	}
	for i := range r.Items {
		ir := &r.Items[i]
		a, b := ir.PeakRank, ir.PeakRankCF
		if a == 0 {
			a = cfg.Depth + 1
		}
		if b == 0 {
			b = cfg.Depth + 1
		}
		ir.RankLift = b - a
	}
	r.amplification()
	return r, nil
}

// RankSeries returns the item's rank (1 = top) at every evaluation time and
// its counterfactual rank, 0 where the item was not within Depth (or had
// no engagement in the window). It is the trajectory a figure of "the trends
// over time" draws.
func (r *Result) RankSeries(item int32) (rank, rankCF []int) {
	rank = make([]int, len(r.ranked))
	rankCF = make([]int, len(r.rankedCF))
	for k := range r.ranked {
		for pos, it := range r.ranked[k] {
			if it == item {
				rank[k] = pos + 1
				break
			}
		}
		for pos, it := range r.rankedCF[k] {
			if it == item {
				rankCF[k] = pos + 1
				break
			}
		}
	}
	return rank, rankCF
}

// Leaderboard ranks every item by the evaluation times it spent in the
// top-k (cf: without comrade engagement), best first; ties go to the better
// peak rank, then the lower dense index. Items that never held a slot get
// len(Items)+1. It is the ranking of the "trending leaderboard" figure.
func (r *Result) Leaderboard(cf bool) []int {
	slots := func(it ItemRank) int {
		if cf {
			return it.SlotsCF
		}
		return it.Slots
	}
	peakOf := func(it ItemRank) int {
		if cf {
			return r.peak(it.PeakRankCF)
		}
		return r.peak(it.PeakRank)
	}
	order := make([]int, len(r.Items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := r.Items[order[a]], r.Items[order[b]]
		if slots(x) != slots(y) {
			return slots(x) > slots(y)
		}
		if peakOf(x) != peakOf(y) {
			return peakOf(x) < peakOf(y)
		}
		return x.Item < y.Item
	})
	rank := make([]int, len(r.Items))
	for k, i := range order {
		rank[i] = k + 1
		if slots(r.Items[i]) == 0 {
			rank[i] = len(r.Items) + 1
		}
	}
	return rank
}

// peak is a peak rank with "never within Depth" counted as Depth+1.
func (r *Result) peak(rank int) int {
	if rank == 0 {
		return r.Options.Depth + 1
	}
	return rank
}

func (r *Result) amplification() {
	g := r.Options.Groups
	for _, it := range r.Items {
		if it.Group < 0 {
			r.Unlabelled++
		}
	}
	if g == nil {
		if r.Reason == "" {
			r.Reason = "no groups given: amplification needs Options.Groups or an actors table with a group column"
		}
		return
	}
	r.Groups = make([]Group, len(g.Labels))
	for k, l := range g.Labels {
		r.Groups[k].Label = l
	}
	for _, it := range r.Items {
		if it.Group >= 0 {
			gr := &r.Groups[it.Group]
			gr.Items++
			gr.Slots += it.Slots
			gr.SlotsCF += it.SlotsCF
		}
	}
	nan := math.NaN()
	items := len(r.Items)
	for k := range r.Groups {
		gr := &r.Groups[k]
		gr.ItemShare, gr.TopShare, gr.TopShareCF = nan, nan, nan
		gr.Amplification, gr.AmplificationCF = nan, nan
		if items > 0 {
			gr.ItemShare = float64(gr.Items) / float64(items)
		}
		if r.Filled > 0 {
			gr.TopShare = float64(gr.Slots) / float64(r.Filled)
		}
		if r.FilledCF > 0 {
			gr.TopShareCF = float64(gr.SlotsCF) / float64(r.FilledCF)
		}
		if gr.Items > 0 {
			gr.Amplification = gr.TopShare / gr.ItemShare
			gr.AmplificationCF = gr.TopShareCF / gr.ItemShare
		}
	}
	switch {
	case r.Reason != "":
	case items == 0:
		r.Reason = "no items: amplification is undefined"
	case r.Filled == 0:
		r.Reason = "no item was ever scored: amplification is undefined"
	case r.FilledCF == 0:
		r.Reason = "every engagement is a comrade's: counterfactual amplification is undefined"
	}
	for _, gr := range r.Groups {
		if gr.Items == 0 && r.Reason == "" {
			r.Reason = fmt.Sprintf("group %q authors no item: its amplification is undefined", gr.Label)
		}
	}
}

// scores keeps the windowed scores of items in units of exp(-(t-t0)/tau)
// and the set of items with at least one engagement in the window.
type scores struct {
	v      []float64
	cnt    []int32
	pos    []int32 // position in active, -1 when absent
	active []int32
}

func newScores(n int) *scores {
	s := &scores{v: make([]float64, n), cnt: make([]int32, n), pos: make([]int32, n)}
	for i := range s.pos {
		s.pos[i] = -1
	}
	return s
}

func (s *scores) add(it int32, c float64) {
	s.v[it] += c
	s.cnt[it]++
	if s.pos[it] < 0 {
		s.pos[it] = int32(len(s.active))
		s.active = append(s.active, it)
	}
}

func (s *scores) remove(it int32, c float64) {
	s.cnt[it]--
	if s.cnt[it] > 0 {
		s.v[it] -= c
		return
	}
	// Exactly zero once the last engagement leaves, whatever rounding did.
	s.v[it] = 0
	p := s.pos[it]
	last := s.active[len(s.active)-1]
	s.active[p] = last
	s.pos[last] = p
	s.active = s.active[:len(s.active)-1]
	s.pos[it] = -1
}

func (s *scores) scale(f float64) {
	for _, it := range s.active {
		s.v[it] *= f
	}
}

// rankHeap selects the Depth best items: a min-heap whose root is the worst
// kept item.
type rankHeap struct {
	depth int
	items []int32
	v     []float64
	out   []int32
	outS  []float64
}

func (h *rankHeap) Len() int { return len(h.items) }
func (h *rankHeap) Less(i, j int) bool {
	// worse first: lower score, or equal score and higher index
	a, b := h.items[i], h.items[j]
	if h.v[a] != h.v[b] {
		return h.v[a] < h.v[b]
	}
	return a > b
}
func (h *rankHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rankHeap) Push(x any)    { h.items = append(h.items, x.(int32)) }
func (h *rankHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// better reports whether item a ranks above item b.
func (h *rankHeap) better(a, b int32) bool {
	if h.v[a] != h.v[b] {
		return h.v[a] > h.v[b]
	}
	return a < b
}

// top returns the best Depth active items with positive score, best first,
// and their scores multiplied by scale.
func (h *rankHeap) top(s *scores, scale float64) ([]int32, []float64) {
	h.v = s.v
	h.items = h.items[:0]
	for _, it := range s.active {
		if !(s.v[it] > 0) {
			continue
		}
		if len(h.items) < h.depth {
			heap.Push(h, it)
		} else if h.better(it, h.items[0]) {
			h.items[0] = it
			heap.Fix(h, 0)
		}
	}
	m := len(h.items)
	h.out = append(h.out[:0], make([]int32, m)...)
	h.outS = append(h.outS[:0], make([]float64, m)...)
	for k := m - 1; k >= 0; k-- {
		it := heap.Pop(h).(int32)
		h.out[k] = it
		h.outS[k] = s.v[it] * scale
	}
	return h.out, h.outS
}
