package reciprocal

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/interval"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
)

// Unit is what counts as one engagement to be returned.
type Unit string

// Units of analysis.
const (
	// UnitFirst takes, for each ordered pair (u, v), u's first engagement of
	// v, provided v had not engaged u strictly before it (u opened the
	// dyad). It answers "when someone reaches out, do they hear back?".
	UnitFirst Unit = "first"
	// UnitEvents takes every engagement u -> v: is it followed by a
	// v -> u engagement?
	UnitEvents Unit = "events"
)

// Options control Analyze. The zero value uses a one-day window, first
// contacts, every kind, 48 survival points and the quantiles 0.1, 0.25,
// 0.5, 0.75, 0.9.
type Options struct {
	Window    float64   // seconds; 0 means 86400 (one day)
	Unit      Unit      // UnitFirst (default) or UnitEvents
	Kinds     []string  // only events of these kinds (nil: all)
	Points    int       // survival curve points evenly spaced over [0, Window] (0: 48)
	Quantiles []float64 // probabilities for the return-time quantiles
	// Progress, when not nil, is called after each stage (pairing, the
	// overall summary, the group summaries).
	Progress func(done, total int)
}

// Point is one point of a survival curve: the probability that an
// engagement is still unreturned Seconds after it was made.
type Point struct {
	Seconds  float64 `json:"seconds"`
	Survival float64 `json:"survival"`
	// Low and High are a pointwise 95% confidence interval for Survival:
	// Greenwood's variance on the log(-log S) scale (Kalbfleisch and
	// Prentice 1980, The Statistical Analysis of Failure Time Data,
	// section 1.3), which keeps the interval inside [0, 1]. Where S is 1
	// (no return yet) or 0 the interval is that point.
	Low  float64 `json:"survival_low"`
	High float64 `json:"survival_high"`
}

// Quantile is the time by which a share P of the returns (within the
// window) had arrived.
type Quantile struct {
	P       float64 `json:"p"`
	Seconds Number  `json:"seconds"`
}

// Summary describes reciprocation in one set of engagements (units).
type Summary struct {
	// Units counted: first contacts or events (see Options.Unit).
	Units int `json:"units"`
	// Returned is the number of units answered within the window.
	Returned int `json:"returned"`
	// Observable units were made at least Window before the last event of
	// the data, so their whole window was seen; ReturnedObservable of them
	// were answered within it.
	Observable         int `json:"observable"`
	ReturnedObservable int `json:"returned_observable"`
	// PReturn = ReturnedObservable / Observable, with a 95% Wilson score
	// interval (Wilson 1927, JASA 22:209).
	PReturn   Number    `json:"p_return"`
	PReturnCI [2]Number `json:"p_return_ci"`
	// PReturnKM = 1 - S(Window), where S is the Kaplan–Meier estimate of
	// the time to return over all units, unreturned ones censored at the
	// end of the data (Kaplan & Meier 1958, JASA 53:457). It uses recent
	// units too, and agrees with PReturn when censoring is uninformative.
	PReturnKM Number `json:"p_return_km"`
	// MedianKM is the Kaplan–Meier median time to return in seconds
	// (+Inf, written as null in JSON, when fewer than half are ever
	// returned; NaN when there are no units).
	MedianKM Number `json:"median_seconds_km"`
	// Quantiles of the return time among units returned within the
	// window (nearest rank: the smallest time t with at least P of those
	// returns at or before t).
	Quantiles []Quantile `json:"quantiles"`
	// Survival is the Kaplan–Meier curve at evenly spaced times in [0, Window].
	Survival []Point `json:"survival"`
	// Reason explains NaN values (no units, none observable).
	Reason string `json:"reason,omitempty"`
}

// Result is the output of Analyze (JSON for
// `solidarity engagement reciprocity --json`).
type Result struct {
	events.IDs    `json:"-"` // names the people of the events (Person)
	Options       Options    `json:"-"` // the options in effect (defaults filled in)
	WindowSeconds float64    `json:"window_seconds"`
	Unit          Unit       `json:"unit"`
	Events        int        `json:"events"`      // events considered (kinds filter applied)
	SelfEvents    int        `json:"self_events"` // actor == author, left out
	Pairs         int        `json:"pairs"`       // distinct ordered pairs u -> v
	MutualPairs   int        `json:"mutual_pairs"`
	// PairReciprocity is the share of ordered pairs whose reverse pair also
	// occurs at any time: the static reciprocity of the projected network.
	PairReciprocity Number  `json:"pair_reciprocity"`
	End             int64   `json:"end"` // time of the last event (censoring time)
	Overall         Summary `json:"overall"`
	// ByGroup is keyed by the initiator's group (present when the events
	// carry groups); "(missing)" collects actors without one.
	ByGroup map[string]*Summary `json:"by_group,omitempty"`
	// WithinGroup and AcrossGroup split units by whether u and v share a
	// group (units with a missing group are in neither).
	WithinGroup *Summary `json:"within_group,omitempty"`
	AcrossGroup *Summary `json:"across_group,omitempty"`
	// Baseline states what the shares are compared with (nothing: they
	// are descriptive); Caveats what they cannot tell.
	Baseline string   `json:"baseline"`
	Caveats  []string `json:"caveats"`
}

// MissingGroup labels actors without a group in ByGroup.
const MissingGroup = "(missing)"

type unit struct {
	u, v     int32
	t        int64
	delay    int64 // -1: never returned
	censorAt int64 // end - t
}

// kmKey orders units for Kaplan–Meier: by duration (the return time, or
// the censoring time), returns before censorings at equal durations.
func (x unit) kmKey() int64 {
	if x.delay >= 0 {
		return x.delay * 2
	}
	return x.censorAt*2 + 1
}

// sortUnits sorts units by kmKey once, so that every subset taken in order
// (a group, within or across) is sorted too and summarize need not sort.
func sortUnits(units []unit) {
	n := len(units)
	small := uint64(n) < 1<<32
	for _, x := range units {
		if k := x.kmKey(); k < 0 || k >= 1<<32 {
			small = false
			break
		}
	}
	if !small {
		slices.SortStableFunc(units, func(a, b unit) int {
			ka, kb := a.kmKey(), b.kmKey()
			switch {
			case ka < kb:
				return -1
			case ka > kb:
				return 1
			}
			return 0
		})
		return
	}
	packed := make([]uint64, n)
	for i, x := range units {
		packed[i] = uint64(x.kmKey())<<32 | uint64(i)
	}
	slices.Sort(packed)
	sorted := make([]unit, n)
	for i, p := range packed {
		sorted[i] = units[uint32(p)]
	}
	copy(units, sorted)
}

// Analyze measures reciprocal engagement in ev. Self-engagement (actor ==
// author) is left out and counted. Time ties: a v -> u engagement made in
// the same second as u -> v counts as a return after 0 seconds, and for
// UnitFirst both engagements open the dyad. Cost: O(E + people) to group
// the events by pair (events.PairOrder), plus O(U log U) to sort the U
// units' return times for Kaplan–Meier.
func Analyze(ev *events.Events, opt Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("reciprocal: no events")
	}
	W := opt.Window
	if W == 0 {
		W = 86400
	}
	if !(W > 0) || math.IsInf(W, 0) {
		return nil, fmt.Errorf("reciprocal: window %v seconds: want a positive number", opt.Window)
	}
	unitKind := opt.Unit
	if unitKind == "" {
		unitKind = UnitFirst
	}
	if unitKind != UnitFirst && unitKind != UnitEvents {
		return nil, fmt.Errorf("reciprocal: unit %q: want %q or %q", opt.Unit, UnitFirst, UnitEvents)
	}
	points := opt.Points
	if points <= 0 {
		points = 48
	}
	qs := opt.Quantiles
	if qs == nil {
		qs = []float64{0.1, 0.25, 0.5, 0.75, 0.9}
	}
	for _, p := range qs {
		if !(p > 0 && p <= 1) {
			return nil, fmt.Errorf("reciprocal: quantile %v: want a probability in (0, 1]", p)
		}
	}
	keep, err := kindFilter(ev, opt.Kinds)
	if err != nil {
		return nil, err
	}
	const stages = 3
	progress := func(done int) {
		if opt.Progress != nil {
			opt.Progress(done, stages)
		}
	}
	opt.Window, opt.Unit, opt.Points, opt.Quantiles = W, unitKind, points, qs
	res := &Result{IDs: ev.IDs(), Options: opt, WindowSeconds: W, Unit: unitKind}
	res.identification()

	// (pair, time) records grouped by ordered pair, chronological within.
	type rec struct {
		key uint64
		t   int64
	}
	end := int64(math.MinInt64)
	for i := range ev.Actor {
		if keep != nil && !keep[ev.Kind[i]] {
			continue
		}
		res.Events++
		if ev.Time[i] > end {
			end = ev.Time[i]
		}
	}
	res.End = end
	order := ev.PairOrder(keep, false)
	recs := make([]rec, 0, len(order))
	for _, i := range order {
		u, v := ev.Actor[i], ev.Author[i]
		if u == v {
			res.SelfEvents++
			continue
		}
		recs = append(recs, rec{uint64(uint32(u))<<32 | uint64(uint32(v)), ev.Time[i]})
	}
	order = nil
	// Runs of each pair (keys ascending: actor major, author minor).
	np := 0
	for i, r := range recs {
		if i == 0 || r.key != recs[i-1].key {
			np++
		}
	}
	keys := make([]uint64, 0, np)
	start := make([]int, 0, np+1)
	for i, r := range recs {
		if i == 0 || r.key != recs[i-1].key {
			keys = append(keys, r.key)
			start = append(start, i)
		}
	}
	start = append(start, len(recs))
	// Each actor's pairs form one row of keys, for the reverse lookups.
	rowStart := make([]int, ev.NumPeople()+1)
	for _, k := range keys {
		rowStart[int(k>>32)+1]++
	}
	for i := 0; i < ev.NumPeople(); i++ {
		rowStart[i+1] += rowStart[i]
	}
	res.Pairs = len(keys)
	nu := len(recs)
	if unitKind == UnitFirst {
		nu = np
	}
	units := make([]unit, 0, nu)
	for p, k := range keys {
		u, v := int32(k>>32), int32(uint32(k))
		rk := uint64(uint32(v))<<32 | uint64(uint32(u))
		lo, hi := rowStart[v], rowStart[v+1]
		q, found := slices.BinarySearch(keys[lo:hi], rk)
		q += lo
		var rev []rec
		if found {
			res.MutualPairs++
			rev = recs[start[q]:start[q+1]]
		}
		own := recs[start[p]:start[p+1]]
		if unitKind == UnitFirst {
			t0 := own[0].t
			if len(rev) > 0 && rev[0].t < t0 {
				continue // v opened the dyad
			}
			d := int64(-1)
			if len(rev) > 0 {
				d = rev[0].t - t0
			}
			units = append(units, unit{u, v, t0, d, end - t0})
			continue
		}
		j := 0
		for _, r := range own {
			for j < len(rev) && rev[j].t < r.t {
				j++
			}
			d := int64(-1)
			if j < len(rev) {
				d = rev[j].t - r.t
			}
			units = append(units, unit{u, v, r.t, d, end - r.t})
		}
	}
	if res.Pairs > 0 {
		res.PairReciprocity = Number(float64(res.MutualPairs) / float64(res.Pairs))
	} else {
		res.PairReciprocity = Number(math.NaN())
	}
	progress(1)
	sortUnits(units)
	grid := make([]float64, points+1)
	for i := range grid {
		grid[i] = W * float64(i) / float64(points)
	}
	res.Overall = *summarize(units, W, grid, qs)
	progress(2)
	if ev.Group != nil {
		// Count first, then fill exactly sized slices.
		label := func(x unit) int { // group code of the initiator; len(Groups) = missing
			if g := ev.Group[x.u]; g >= 0 {
				return int(g)
			}
			return len(ev.Groups)
		}
		count := make([]int, len(ev.Groups)+1)
		nw, na := 0, 0
		for _, x := range units {
			count[label(x)]++
			gu, gv := ev.Group[x.u], ev.Group[x.v]
			if gu >= 0 && gv >= 0 {
				if gu == gv {
					nw++
				} else {
					na++
				}
			}
		}
		by := make([][]unit, len(count))
		for g, c := range count {
			by[g] = make([]unit, 0, c)
		}
		within, across := make([]unit, 0, nw), make([]unit, 0, na)
		for _, x := range units {
			g := label(x)
			by[g] = append(by[g], x)
			gu, gv := ev.Group[x.u], ev.Group[x.v]
			if gu >= 0 && gv >= 0 {
				if gu == gv {
					within = append(within, x)
				} else {
					across = append(across, x)
				}
			}
		}
		res.ByGroup = map[string]*Summary{}
		for g, us := range by {
			if len(us) == 0 {
				continue
			}
			name := MissingGroup
			if g < len(ev.Groups) {
				name = ev.Groups[g]
			}
			res.ByGroup[name] = summarize(us, W, grid, qs)
		}
		res.WithinGroup = summarize(within, W, grid, qs)
		res.AcrossGroup = summarize(across, W, grid, qs)
	}
	progress(stages)
	return res, nil
}

func kindFilter(ev *events.Events, kinds []string) ([]bool, error) {
	keep, err := ev.KindMask(kinds)
	if err != nil {
		return nil, fmt.Errorf("reciprocal: %w", err)
	}
	return keep, nil
}

func summarize(units []unit, W float64, grid, qs []float64) *Summary {
	// Units arrive sorted by kmKey (sortUnits): runs of equal (key,
	// observable) become the histogram entries, in key order.
	var h []Duration
	for _, x := range units {
		d := Duration{Key: x.kmKey(), Observable: float64(x.censorAt) >= W, Count: 1}
		if k := len(h) - 1; k >= 0 && h[k].Key == d.Key && h[k].Observable == d.Observable {
			h[k].Count++
			continue
		}
		h = append(h, d)
	}
	return SummarizeDurations(h, W, grid, qs)
}

// Duration is one entry of the histogram a Summary is computed from: Count
// units share Key, which is 2·delay for a unit returned delay seconds
// after it was made and 2·c+1 for an unreturned one censored c seconds
// before the end of the data, and Observable (made at least a window
// before the end). The histogram is what the out-of-core path (module
// scale/duckdb) computes with SQL.
type Duration struct {
	Key        int64
	Observable bool
	Count      int64
}

// SummarizeDurations computes a Summary from the Duration histogram h,
// sorted by Key (entries with equal keys may come in any order), for
// window W, survival grid times grid and quantile probabilities qs.
func SummarizeDurations(h []Duration, W float64, grid, qs []float64) *Summary {
	var units int64
	for _, x := range h {
		units += x.Count
	}
	s := &Summary{Units: int(units)}
	nan := Number(math.NaN())
	s.PReturn, s.PReturnKM, s.MedianKM = nan, nan, nan
	s.PReturnCI = [2]Number{nan, nan}
	s.Quantiles = make([]Quantile, len(qs))
	for i, p := range qs {
		s.Quantiles[i] = Quantile{p, nan}
	}
	s.Survival = []Point{}
	if units == 0 {
		s.Reason = "no engagements to return"
		return s
	}
	// Return times within the window, in order, as (delay, count) runs.
	type run struct{ delay, count int64 }
	var within []run
	var nWithin int64
	for _, x := range h {
		returned := x.Key%2 == 0
		delay := x.Key / 2
		if returned && float64(delay) <= W {
			s.Returned += int(x.Count)
			within = append(within, run{delay, x.Count})
			nWithin += x.Count
		}
		if x.Observable {
			s.Observable += int(x.Count)
			if returned && float64(delay) <= W {
				s.ReturnedObservable += int(x.Count)
			}
		}
	}
	if s.Observable > 0 {
		s.PReturn = Number(float64(s.ReturnedObservable) / float64(s.Observable))
		s.PReturnCI = wilson(s.ReturnedObservable, s.Observable)
	} else {
		s.Reason = "no engagement was made a whole window before the end of the data"
	}
	// Kaplan–Meier: durations with an event flag; at equal times events
	// come before censorings (the usual convention).
	// Step function: times[k], surv[k] = S just after times[k].
	var times []float64
	var surv []float64
	var green []float64 // Greenwood's sum d / (n (n - d)) up to each time
	G := 0.0
	S := 1.0
	atRisk := units
	for i := 0; i < len(h); {
		t := h[i].Key / 2
		var d, c int64
		for i < len(h) && h[i].Key/2 == t {
			if h[i].Key%2 == 0 {
				d += h[i].Count
			} else {
				c += h[i].Count
			}
			i++
		}
		if d > 0 {
			S *= 1 - float64(d)/float64(atRisk)
			if atRisk > d {
				G += float64(d) / (float64(atRisk) * float64(atRisk-d))
			}
			times = append(times, float64(t))
			surv = append(surv, S)
			green = append(green, G)
		}
		atRisk -= d + c
	}
	at := func(x float64) float64 {
		k := sort.SearchFloat64s(times, x) // first time >= x
		if k < len(times) && times[k] == x {
			return surv[k]
		}
		if k == 0 {
			return 1
		}
		return surv[k-1]
	}
	s.PReturnKM = Number(1 - at(W))
	for _, g := range grid {
		k := sort.SearchFloat64s(times, g)
		if !(k < len(times) && times[k] == g) {
			k--
		}
		v := at(g)
		pt := Point{Seconds: g, Survival: v, Low: v, High: v}
		if k >= 0 && v > 0 && v < 1 {
			const z95 = 1.959963984540054
			se := math.Sqrt(green[k]) / math.Abs(math.Log(v))
			pt.Low = math.Pow(v, math.Exp(z95*se))
			pt.High = math.Pow(v, math.Exp(-z95*se))
		}
		s.Survival = append(s.Survival, pt)
	}
	s.MedianKM = Number(math.Inf(1))
	for k, v := range surv {
		if v <= 0.5 {
			s.MedianKM = Number(times[k])
			break
		}
	}
	if nWithin > 0 {
		for i, p := range qs {
			r := int64(math.Ceil(p*float64(nWithin))) - 1
			if r < 0 {
				r = 0
			}
			// The r-th return time (0-based) among the runs.
			for _, x := range within {
				if r < x.count {
					s.Quantiles[i].Seconds = Number(x.delay)
					break
				}
				r -= x.count
			}
		}
	} else if s.Reason == "" {
		s.Reason = "no engagement was returned within the window, so return-time quantiles are undefined"
	}
	return s
}

// wilson is the 95% Wilson score interval for k successes in n trials.
func wilson(k, n int) [2]Number {
	lo, hi := interval.Wilson(int64(k), int64(n))
	return [2]Number{Number(lo), Number(hi)}
}

// Number is a float64 that encodes to JSON as null when NaN or infinite
// (see package jsonnum).
type Number = jsonnum.Number
