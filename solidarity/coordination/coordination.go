package coordination

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/algosolidarity/toolkit/internal/hashmix"
	"github.com/algosolidarity/toolkit/internal/pool"
	"github.com/algosolidarity/toolkit/solidarity/content"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Defaults of Options; a zero field takes them.
const (
	DefaultQ           = 0.1 // CooRnet's q: quantile of the quickest second engagements
	DefaultP           = 0.5 // CooRnet's p: share of an item's engagements to be reached
	DefaultMinItems    = 3   // distinct items a pair must co-engage
	DefaultMaxPartners = 50  // earlier engagements each engagement is paired with, at most
)

// Method is how the window is estimated when Options.Window is not given.
type Method string

// Window estimates.
const (
	// EstimateDelays takes the Q-quantile of the delays between consecutive
	// engagements of the same item by different actors: "the fastest 10%
	// of inter-engagement delays".
	EstimateDelays Method = "delays"
	// EstimateCooRnet is CooRnet's estimate_coord_interval (see Estimate).
	EstimateCooRnet Method = "coornet"
)

// Options hold the parameters of the co-engagement analysis. Every field
// may be left zero.
type Options struct {
	// Window is the co-engagement window in seconds: engagements of one
	// item by two actors at t_i <= t_j are co-engagements when
	// t_j - t_i <= Window. Zero or negative: estimate it (see Estimate).
	Window float64
	// Method chooses the window estimate when Window <= 0: EstimateDelays
	// (the default) or EstimateCooRnet.
	Method Method
	// Q is the quantile of the estimate (default 0.1); P is CooRnet's share
	// of an item's engagements (default 0.5, EstimateCooRnet only).
	Q, P float64
	// MinItems is the number of distinct items a pair must co-engage for
	// its edge to be kept (default 3; with 2, chance pairs appear in busy data).
	MinItems int
	// MinCoEngagements is the number of co-engagements (event pairs) a
	// pair needs; default MinItems.
	MinCoEngagements int
	// EdgePercentile, in (0, 1), replaces the absolute MinItems with
	// CooRnet's relative rule (get_coord_shares' percentile_edge_weight,
	// 0.90 there): an edge is kept when its distinct co-engaged items reach
	// the type-7 EdgePercentile-quantile of that count over every pair
	// that co-engaged at least once within the window. The threshold then
	// depends on the data (Result.EdgeThreshold): more chance pairs lower
	// it. Every pair is stored, so memory grows with the pairs.
	EdgePercentile float64
	// MaxPartners caps the earlier engagements each engagement is paired
	// with: the nearest in time are taken, the rest are counted in
	// Result.Skipped. Default 50; a negative value means no cap
	// (quadratic in the engagements of a popular item).
	MaxPartners int
	// Kinds, when not empty, keeps only events of these kinds (e.g. "share").
	Kinds []string
	// Object is what engagements must share: the item (ObjectItem, the
	// default) or, read from the events' text and url columns, a
	// normalised URL, a registrable domain, a hashtag or a near-duplicate
	// text (see Object). Each event then stands for each of its objects;
	// events with none are left out.
	Object Object
	// Text sets near-duplicate detection for ObjectText (zero: the
	// defaults of package content, Jaccard threshold 0.5 over 2-word
	// shingles, 128 permutations, texts of at least 5 words).
	Text content.TextOptions
	// Null is the number of timing redraws of the null model that tests
	// each cluster (0: no test; see Result.Tests). 99 gives p-values down
	// to 0.01.
	Null int
	// Follows, when given, defines comrades (mutual follows) for the null's
	// strata; without it, the same group when the events have groups.
	Follows *network.Network
	// Seed seeds the null's redraws.
	Seed uint64
	// Evidence is the number of evidence items kept per cluster
	// (0: DefaultEvidence).
	Evidence int
	// Progress, when not nil, is called as items are processed, then as
	// the null's redraws are done.
	Progress func(done, total int)
}

func (c Options) withDefaults() Options {
	if c.Q <= 0 || c.Q > 1 || math.IsNaN(c.Q) {
		c.Q = DefaultQ
	}
	if c.P <= 0 || c.P > 1 || math.IsNaN(c.P) {
		c.P = DefaultP
	}
	if c.Method == "" {
		c.Method = EstimateDelays
	}
	if c.Object == "" {
		c.Object = ObjectItem
	}
	if c.MinItems <= 0 {
		c.MinItems = DefaultMinItems
	}
	if c.MinCoEngagements <= 0 {
		c.MinCoEngagements = c.MinItems
	}
	if c.MaxPartners == 0 {
		c.MaxPartners = DefaultMaxPartners
	}
	if c.Evidence <= 0 {
		c.Evidence = DefaultEvidence
	}
	if c.EdgePercentile > 0 && c.EdgePercentile < 1 {
		// The percentile is taken over every pair: nothing is cut before.
		c.MinItems, c.MinCoEngagements = 1, 1
	}
	return c
}

// Edge is a pair of actors who co-engaged, with its weight split by
// direction. A < B are dense indices into Events.People.
type Edge struct {
	A, B     int32
	AFirst   int // co-engagements where A engaged first
	BFirst   int // co-engagements where B engaged first
	Together int // co-engagements in the same second
	Items    int // distinct items co-engaged
}

// Weight is the number of co-engagements, whatever the direction.
func (e Edge) Weight() int { return e.AFirst + e.BFirst + e.Together }

// Estimate is the estimate of the coordination window.
type Estimate struct {
	Method      Method
	Q, P        float64
	Items       int     // items engaged at least twice
	Delays      int     // consecutive delays between different actors (EstimateDelays)
	SecondDelay float64 // q-quantile of the delay of the second engagement (EstimateCooRnet)
	FastItems   int     // items whose second engagement came within SecondDelay (EstimateCooRnet)
	Seconds     float64 // the estimated window (at least 1)
	Reason      string  // why the estimate is NaN, if it is
}

// Result is the co-engagement network after thresholds and its components.
type Result struct {
	events.IDs `json:"-"` // names the actors of Edges and Clusters (Person)
	Options    Options    // parameters in effect
	Window     float64    // seconds used
	Estimated  *Estimate  // nil when Options.Window was given
	Edges      []Edge     // pairs passing the thresholds, sorted by (A, B)
	Clusters   [][]int32  // connected components of the kept edges, largest first; members ascending
	Events     int        // events considered (after the kind filter); (event, object) pairs with a content Object
	Pairs      int64      // event pairs examined within the window (different actors)
	Skipped    int64      // event pairs within the window left out by MaxPartners
	Capped     int64      // events that reached MaxPartners
	// EdgeThreshold is the distinct-item count an edge needed under
	// Options.EdgePercentile (0 when the absolute MinItems was used).
	EdgeThreshold float64
	Candidates    int // distinct (pair, item) records kept after the first pass
	// Tests holds each cluster's evidence and null-model test, aligned with
	// Clusters.
	Tests []ClusterTest
	// Objects says how events were mapped to content objects; nil for
	// ObjectItem. With a content object, Item names objects (the URL,
	// domain, hashtag or a representative text), not item ids.
	Objects *ObjectStats
	Reason  string // why there is nothing to report, if so
}

// Analyze builds the co-engagement network of the events and its coordinated
// components.
//
// For each item, engagements are sorted by time; engagement j (actor y at
// t_j) is paired with the earlier engagements i (actor x != y at t_i) with
// t_j - t_i <= W, nearest first, at most MaxPartners of them. Each pair adds
// one co-engagement to the edge {x, y}: to x-first when t_i < t_j, to
// "together" when t_i == t_j. Engagements by the same actor are not paired.
// An edge is kept when its pair co-engaged at least MinItems distinct items
// and MinCoEngagements times; the clusters are the connected components of
// the kept edges (union-find).
//
// Memory is bounded by two passes: the first counts every pair in a
// fixed-size count sketch (at most 64 MiB; counts only overestimate), the
// second keeps only pairs whose sketch count reaches MinItems, so the
// one-off pairs of popular items are never stored.
func Analyze(ev *events.Events, cfg Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("coordination: no events")
	}
	cfg = cfg.withDefaults()
	n := ev.Len()
	if len(ev.Item) != n || len(ev.Time) != n {
		return nil, fmt.Errorf("coordination: events columns differ in length (actor %d, item %d, time %d)", n, len(ev.Item), len(ev.Time))
	}
	keep, err := kindFilter(ev, cfg.Kinds)
	if err != nil {
		return nil, err
	}
	if cfg.Object, err = parseObject(cfg.Object); err != nil {
		return nil, err
	}
	var objects *ObjectStats
	if cfg.Object != ObjectItem {
		// The detector runs unchanged on (actor, object, time).
		oev, st, err := objectEvents(ev, keep, cfg)
		if err != nil {
			return nil, err
		}
		ev, keep, objects = oev, nil, st
	}
	r := &Result{IDs: ev.IDs(), Options: cfg, Objects: objects}
	g := groupByItem(ev, keep)
	r.Events = len(g.ord)
	if math.IsNaN(cfg.Window) || math.IsInf(cfg.Window, 0) {
		return nil, fmt.Errorf("coordination: window %v seconds: want a finite number (or 0 to estimate it)", cfg.Window)
	}
	r.Window = cfg.Window
	if cfg.Window <= 0 {
		var est Estimate
		switch cfg.Method {
		case EstimateDelays:
			est = estimateDelays(ev, g, cfg.Q)
		case EstimateCooRnet:
			est = estimate(ev.Time, g, cfg.Q, cfg.P)
		default:
			return nil, fmt.Errorf("coordination: window estimate %q: want %q or %q", cfg.Method, EstimateDelays, EstimateCooRnet)
		}
		r.Estimated = &est
		r.Window = est.Seconds
		if math.IsNaN(est.Seconds) {
			r.Reason = est.Reason
			return r, nil
		}
	}
	r.Options.Window = r.Window
	if r.Events == 0 {
		r.Reason = "no events"
		return r, nil
	}
	if math.IsNaN(cfg.EdgePercentile) || cfg.EdgePercentile < 0 || cfg.EdgePercentile >= 1 {
		return nil, fmt.Errorf("coordination: edge percentile %v: want a share in (0, 1), or 0 for the absolute MinItems", cfg.EdgePercentile)
	}
	if cfg.Null < 0 || cfg.Null > 100_000 {
		return nil, fmt.Errorf("coordination: %d null redraws: want 0 to 100000", cfg.Null)
	}
	pairs(ev, g, r)
	r.components()
	r.timingNull(ev, g, keep, cfg)
	if len(r.Edges) == 0 && r.Reason == "" {
		r.Reason = fmt.Sprintf("no pair co-engaged %d distinct %s within %g s", cfg.MinItems, objectNoun(cfg.Object), r.Window)
	}
	return r, nil
}

// kindFilter returns, per event, whether its kind is kept (nil: all).
func kindFilter(ev *events.Events, kinds []string) ([]bool, error) {
	want, err := ev.KindMask(kinds)
	if err != nil || want == nil {
		if err != nil {
			err = fmt.Errorf("coordination: %w", err)
		}
		return nil, err
	}
	keep := make([]bool, ev.Len())
	for e, k := range ev.Kind {
		keep[e] = k >= 0 && int(k) < len(want) && want[k]
	}
	return keep, nil
}

// byItem holds the kept events grouped by item, each group in time order.
type byItem struct {
	ord   []int32 // event indices
	start []int   // group k is ord[start[k]:start[k+1]]
}

func groupByItem(ev *events.Events, keep []bool) byItem {
	t := ev.TimeOrder()
	if keep != nil {
		k := 0
		for _, e := range t {
			if keep[e] {
				t[k] = e
				k++
			}
		}
		t = t[:k]
	}
	nItems := 0
	for _, it := range ev.Item {
		nItems = max(nItems, int(it)+1)
	}
	count := make([]int, nItems+1)
	for _, e := range t {
		count[ev.Item[e]+1]++
	}
	for i := 1; i <= nItems; i++ {
		count[i] += count[i-1]
	}
	var g byItem
	g.ord = make([]int32, len(t))
	pos := slices.Clone(count[:nItems])
	for _, e := range t {
		it := ev.Item[e]
		g.ord[pos[it]] = e
		pos[it]++
	}
	for k := 0; k < nItems; k++ {
		if count[k+1] > count[k] {
			g.start = append(g.start, count[k])
		}
	}
	g.start = append(g.start, len(g.ord))
	return g
}

// estimate follows CooRnet's estimate_coord_interval (Giglietto et al.
// 2020): among items engaged at least twice, keep those whose second
// engagement came within the q-quantile of second-engagement delays; for
// each, take the time from its first engagement to the first engagement
// that brings it past a share p of its engagements; the window is the
// p-quantile of those times (type-7 quantiles, as R's default), and 1 s
// when that is 0. Checked line by line against CooRnet's
// R/estimate_coord_interval.R (github.com/fabiogiglietto/CooRnet, commit
// 23b8cbd, and the four other stored versions): the share test is
// rank/count > p in floating point, and the window is quantile(x, p),
// which CooRnet's documentation calls "the median": it is one only at
// its default p = 0.5.
func estimate(tm []int64, g byItem, q, p float64) Estimate {
	est := Estimate{Method: EstimateCooRnet, Q: q, P: p, SecondDelay: math.NaN(), Seconds: math.NaN()}
	var d2 []float64
	var blocks []int
	for k := 0; k+1 < len(g.start); k++ {
		a, b := g.start[k], g.start[k+1]
		if b-a < 2 {
			continue
		}
		d2 = append(d2, float64(tm[g.ord[a+1]]-tm[g.ord[a]]))
		blocks = append(blocks, k)
	}
	est.Items = len(d2)
	if len(d2) == 0 {
		est.Reason = "no item was engaged twice: the window cannot be estimated (give one)"
		return est
	}
	cut := quantile7(slices.Clone(d2), q)
	est.SecondDelay = cut
	var reach []float64
	for i, k := range blocks {
		if d2[i] > cut {
			continue
		}
		est.FastItems++
		a, b := g.start[k], g.start[k+1]
		cnt := b - a
		// The first rank with rank/cnt > p, tested as CooRnet does
		// (perc_of_shares > p, in floating point): floor(p*cnt)+1 can
		// differ from it by one when p*cnt rounds.
		r := max(1, int(math.Floor(p*float64(cnt))))
		for r > 1 && float64(r-1)/float64(cnt) > p {
			r--
		}
		for r <= cnt && !(float64(r)/float64(cnt) > p) {
			r++
		}
		if r > cnt {
			continue
		}
		reach = append(reach, float64(tm[g.ord[a+r-1]]-tm[g.ord[a]]))
	}
	if len(reach) == 0 {
		est.Reason = fmt.Sprintf("no fast item passes a share p = %g of its engagements: the window cannot be estimated", p)
		return est
	}
	est.Seconds = quantile7(reach, p)
	if est.Seconds == 0 {
		est.Seconds = 1
	}
	return est
}

// estimateDelays takes the q-quantile (type 7) of the delays between
// consecutive engagements of one item by different actors, and 1 s when
// that is 0.
func estimateDelays(ev *events.Events, g byItem, q float64) Estimate {
	est := Estimate{Method: EstimateDelays, Q: q, SecondDelay: math.NaN(), Seconds: math.NaN()}
	d := make([]float64, 0, len(g.ord))
	for k := 0; k+1 < len(g.start); k++ {
		a, b := g.start[k], g.start[k+1]
		if b-a >= 2 {
			est.Items++
		}
		for j := a + 1; j < b; j++ {
			ei, ej := g.ord[j-1], g.ord[j]
			if ev.Actor[ei] != ev.Actor[ej] {
				d = append(d, float64(ev.Time[ej]-ev.Time[ei]))
			}
		}
	}
	est.Delays = len(d)
	if len(d) == 0 {
		est.Reason = "no item was engaged twice by different actors: the window cannot be estimated (give one)"
		return est
	}
	est.Seconds = quantile7(d, q)
	if est.Seconds == 0 {
		est.Seconds = 1
	}
	return est
}

// quantile7 is the type-7 (linear interpolation, R's default) quantile.
// It sorts x.
func quantile7(x []float64, p float64) float64 {
	slices.Sort(x)
	h := float64(len(x)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}

// pairKey packs an unordered pair, smaller index in the high half.
func pairKey(x, y int32) uint64 {
	if x > y {
		x, y = y, x
	}
	return uint64(uint32(x))<<32 | uint64(uint32(y))
}

// sketch is a blocked count-min sketch: a pair's two saturating byte
// counters lie in one 64-byte block, so an update costs one cache miss.
type sketch struct {
	c      []uint8
	blocks uint64
}

// newSketch sizes the sketch at about 4 counters per event, between 64 KiB
// and 64 MiB.
func newSketch(events int) *sketch {
	size := uint64(1) << 16
	for size < uint64(4*events) && size < 1<<26 {
		size <<= 1
	}
	return &sketch{c: make([]uint8, size), blocks: size / 64}
}

func (s *sketch) slots(k uint64) (uint64, uint64) {
	h := hashmix.Fmix64(k)
	base := (h & (s.blocks - 1)) * 64
	return base + (h>>40)&63, base + (h>>46)&63
}

func (s *sketch) add(k uint64) {
	i, j := s.slots(k)
	if s.c[i] < 255 {
		s.c[i]++
	}
	if j != i && s.c[j] < 255 {
		s.c[j]++
	}
}

func (s *sketch) count(k uint64) int {
	i, j := s.slots(k)
	return int(min(s.c[i], s.c[j]))
}

// pairRec is one (pair, item) record: the pair key and its A-first,
// B-first and same-second counts packed in 21 bits each (saturating).
type pairRec struct {
	key uint64
	c   uint64
}

const (
	field  = 21
	fmask  = 1<<field - 1
	abOne  = 1
	baOne  = 1 << field
	tieOne = 1 << (2 * field)
)

func (p pairRec) counts() (ab, ba, tie int) {
	return int(p.c & fmask), int(p.c >> field & fmask), int(p.c >> (2 * field) & fmask)
}

// merge adds q's counts to p's, each saturating at 2^21-1.
func (p *pairRec) merge(q pairRec) {
	a1, b1, t1 := p.counts()
	a2, b2, t2 := q.counts()
	a, b, t := min(a1+a2, fmask), min(b1+b2, fmask), min(t1+t2, fmask)
	p.c = uint64(a) | uint64(b)<<field | uint64(t)<<(2*field)
}

// parallelMin is the number of events from which the pairing is shared
// between goroutines (a variable so tests can force it).
var parallelMin = 1 << 16

// counts are the pair statistics of one worker.
type counts struct{ pairs, skipped, capped int64 }

// visit calls f(i, j) for every kept pairing of engagement j with an
// earlier engagement i of the same item, for the items k0 <= k < k1, and
// counts pairs and skipped pairs into st when st is not nil.
func visit(ev *events.Events, g byItem, k0, k1 int, w float64, cap int, st *counts, f func(i, j int32), done func(k int)) {
	tm := ev.Time
	act := ev.Actor
	for k := k0; k < k1; k++ {
		a, b := g.start[k], g.start[k+1]
		lo := a
		for j := a + 1; j < b; j++ {
			ej := g.ord[j]
			tj := tm[ej]
			for float64(tj-tm[g.ord[lo]]) > w {
				lo++
			}
			partners := 0
			i := j - 1
			for ; i >= lo; i-- {
				if cap >= 0 && partners >= cap {
					break
				}
				ei := g.ord[i]
				if act[ei] == act[ej] {
					continue
				}
				partners++
				f(ei, ej)
			}
			if st != nil {
				st.pairs += int64(partners)
				if i >= lo {
					st.capped++
					st.skipped += int64(i - lo + 1)
				}
			}
		}
		if done != nil {
			done(k)
		}
	}
}

// workers is how many goroutines share the pairing: up to GOMAXPROCS, at
// most 4 (each holds its own sketch in the first pass).
func workers(events int) int {
	if events < parallelMin {
		return 1
	}
	return pool.Max(4)
}

// split cuts the items into n ranges with about equal numbers of events.
func split(g byItem, n int) []int {
	items := len(g.start) - 1
	cuts := []int{0}
	total := len(g.ord)
	for k := 1; k < items && len(cuts) < n; k++ {
		if g.start[k] >= total*len(cuts)/n {
			cuts = append(cuts, k)
		}
	}
	return append(cuts, items)
}

func pairs(ev *events.Events, g byItem, r *Result) {
	cfg := r.Options
	w := r.Window
	items := len(g.start) - 1
	var mu sync.Mutex
	doneItems := 0
	progress := func() func(k int) {
		if cfg.Progress == nil {
			return nil
		}
		step := max(1, items/100)
		return func(k int) {
			mu.Lock()
			doneItems++
			if doneItems%step == 0 || doneItems == 2*items {
				cfg.Progress(doneItems, 2*items)
			}
			mu.Unlock()
		}
	}
	cuts := split(g, workers(len(g.ord)))
	nw := len(cuts) - 1
	run := func(f func(w int)) { pool.Parts(nw, f) }
	// Pass 1: every worker counts its items' pairs in its own sketch; the
	// sketches are then added (saturating), which is order-free.
	st := make([]counts, nw)
	sks := make([]*sketch, nw)
	prog := progress()
	run(func(k int) {
		var f func(i, j int32)
		if cfg.MinItems > 1 {
			sk := newSketch(len(g.ord))
			sks[k] = sk
			f = func(i, j int32) { sk.add(pairKey(ev.Actor[i], ev.Actor[j])) }
		} else {
			f = func(i, j int32) {}
		}
		visit(ev, g, cuts[k], cuts[k+1], w, cfg.MaxPartners, &st[k], f, prog)
	})
	for _, c := range st {
		r.Pairs += c.pairs
		r.Skipped += c.skipped
		r.Capped += c.capped
	}
	sk := sks[0]
	if sk != nil {
		for _, o := range sks[1:] {
			for i, x := range o.c {
				sk.c[i] = uint8(min(int(sk.c[i])+int(x), 255))
			}
		}
	}
	sks = nil
	// Pass 2: keep the candidate pairs, one record per (pair, item).
	parts := make([][]pairRec, nw)
	tm := ev.Time
	run(func(k int) {
		var recs, buf []pairRec
		visit(ev, g, cuts[k], cuts[k+1], w, cfg.MaxPartners, nil, func(i, j int32) {
			if p, ok := newPairRec(ev.Actor[i], ev.Actor[j], tm[i] == tm[j], sk, cfg.MinItems); ok {
				buf = append(buf, p)
			}
		}, func(it int) {
			recs, buf = appendMerged(recs, buf)
			if prog != nil {
				prog(it)
			}
		})
		parts[k] = recs
	})
	recs := slices.Concat(parts...)
	parts = nil
	r.Candidates = len(recs)
	r.Edges = keptEdges(recs, cfg)
	if cfg.EdgePercentile > 0 {
		r.percentileCut(cfg.EdgePercentile)
	}
}

// newPairRec is the record of one co-engagement of an item by the actor x
// (earlier, or at the same time when tie) and the actor y; ok is false
// when the pass-1 sketch (nil: no sketch) shows the pair on fewer than
// minItems items.
func newPairRec(x, y int32, tie bool, sk *sketch, minItems int) (p pairRec, ok bool) {
	p.key = pairKey(x, y)
	if sk != nil && sk.count(p.key) < minItems {
		return p, false
	}
	switch {
	case tie:
		p.c = tieOne
	case x < y: // the earlier actor is A
		p.c = abOne
	default:
		p.c = baOne
	}
	return p, true
}

// appendMerged merges the records of one item in buf (one per pair) onto
// recs and returns recs and buf emptied for the next item.
func appendMerged(recs, buf []pairRec) ([]pairRec, []pairRec) {
	if len(buf) == 0 {
		return recs, buf
	}
	slices.SortFunc(buf, func(x, y pairRec) int { return cmp.Compare(x.key, y.key) })
	cur := buf[0]
	for _, p := range buf[1:] {
		if p.key == cur.key {
			cur.merge(p)
			continue
		}
		recs = append(recs, cur)
		cur = p
	}
	return append(recs, cur), buf[:0]
}

// keptEdges sorts the per-item pair records by pair, folds each pair's
// records into one Edge and keeps the edges that pass MinItems and
// MinCoEngagements. The detector and every null redraw share it, so a
// redraw counts edges exactly as the observed data are counted.
func keptEdges(recs []pairRec, cfg Options) []Edge {
	slices.SortFunc(recs, func(x, y pairRec) int { return cmp.Compare(x.key, y.key) })
	var edges []Edge
	for s := 0; s < len(recs); {
		e := s
		ed := Edge{A: int32(recs[s].key >> 32), B: int32(uint32(recs[s].key))}
		for ; e < len(recs) && recs[e].key == recs[s].key; e++ {
			ab, ba, tie := recs[e].counts()
			ed.AFirst += ab
			ed.BFirst += ba
			ed.Together += tie
		}
		ed.Items = e - s
		if ed.Items >= cfg.MinItems && ed.Weight() >= cfg.MinCoEngagements {
			edges = append(edges, ed)
		}
		s = e
	}
	return edges
}

// percentileCut keeps the edges whose distinct co-engaged items reach the
// p-quantile (type 7, as R's quantile in CooRnet's get_coord_shares) of
// that count over all edges; CooRnet keeps weight >= q the same way.
func (r *Result) percentileCut(p float64) {
	if len(r.Edges) == 0 {
		return
	}
	w := make([]float64, len(r.Edges))
	for i, e := range r.Edges {
		w[i] = float64(e.Items)
	}
	r.EdgeThreshold = quantile7(w, p)
	r.Edges = slices.DeleteFunc(r.Edges, func(e Edge) bool { return float64(e.Items) < r.EdgeThreshold })
}

// components fills Clusters with the connected components of the kept
// edges by union-find (union by size, path halving).
func (r *Result) components() {
	if len(r.Edges) == 0 {
		return
	}
	parent := map[int32]int32{}
	size := map[int32]int{}
	var find func(x int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	add := func(x int32) {
		if _, ok := parent[x]; !ok {
			parent[x] = x
			size[x] = 1
		}
	}
	for _, e := range r.Edges {
		add(e.A)
		add(e.B)
		a, b := find(e.A), find(e.B)
		if a == b {
			continue
		}
		if size[a] < size[b] {
			a, b = b, a
		}
		parent[b] = a
		size[a] += size[b]
	}
	groups := map[int32][]int32{}
	for x := range parent {
		root := find(x)
		groups[root] = append(groups[root], x)
	}
	for _, m := range groups {
		slices.Sort(m)
		r.Clusters = append(r.Clusters, m)
	}
	slices.SortFunc(r.Clusters, func(a, b []int32) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return cmp.Compare(a[0], b[0])
	})
}
