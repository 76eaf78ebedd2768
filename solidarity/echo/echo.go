package echo

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Basis says which items make an actor's leaning.
type Basis string

// Bases of an actor's leaning.
const (
	BasisEngaged  Basis = "engaged"
	BasisProduced Basis = "produced"
	BasisBoth     Basis = "both"
)

// DefaultBins is the number of equal-width leaning bins of the exposure entropy.
const DefaultBins = 10

// Options say where leanings, groups and neighbours come from. Every field
// may be left zero.
type Options struct {
	// Leaning is every person's leaning, aligned to Events.People (NaN
	// where missing). nil: the events' own Leaning (from the actors table).
	Leaning []float64
	// ItemLeaning is every item's leaning, aligned to Events.Items. nil: an
	// item's leaning is its author's leaning.
	ItemLeaning []float64
	// Groups gives every person's group, aligned to Events.People. nil: the
	// events' own Group/Groups.
	Groups *network.Categorical
	// Bins and Range set the leaning bins of the exposure entropy: Bins
	// equal-width bins over [Range[0], Range[1]] (default 10 bins over
	// [-1, 1]; values outside fall in the end bins).
	Bins  int
	Range [2]float64
	// Basis says which items make an actor's leaning: BasisEngaged (the
	// default: the items it engaged with), BasisProduced (the items it
	// authored) or BasisBoth. See Analyze for why both is not the default.
	Basis Basis
	// Network, when not nil, gives the neighbours (for example the follow
	// network; out-neighbours when directed: the accounts i follows). Its
	// node ids are matched to Events.People by id. nil: the engagement
	// network, in which i's neighbours are the authors i engaged with.
	Network *network.Network
	// RWC configures the random-walk controversy score computed on the
	// same network when there are exactly two groups.
	RWC RWCOptions
	// Kinds, when not empty, keeps only engagement events of these kinds
	// (they make the leanings, the entropies and the default engagement
	// network); an item's author still comes from any event.
	Kinds []string
	// Progress, when not nil, is called after each stage (engagements,
	// neighbours, RWC).
	Progress func(done, total int)
}

// Actor holds one person's measures; undefined values are NaN.
type Actor struct {
	Leaning            float64 // x_i: mean leaning of items engaged with or produced
	NeighbourLeaning   float64 // x^N_i: mean x_j over neighbours j with a leaning
	Engagements        int     // events with i as actor
	Produced           int     // distinct items authored by i
	Neighbours         int     // neighbours with a leaning
	GroupEntropy       float64 // Shannon entropy (nats) of the groups of the authors i engaged with
	GroupEntropyNorm   float64 // GroupEntropy / ln(number of groups)
	LeaningEntropy     float64 // Shannon entropy (nats) of the binned leanings of the items i engaged with
	LeaningEntropyNorm float64 // LeaningEntropy / ln(Bins)
}

// Result is the echo-chamber analysis of a set of events.
type Result struct {
	events.IDs `json:"-"` // names the people Actors is aligned to (Person)
	Options    Options    // the options in effect (defaults filled in)
	Actors     []Actor    // aligned to Events.People
	// Correlation is Pearson's r between x_i and x^N_i over the Pairs
	// actors where both are defined (Cinelli et al. 2021).
	Correlation float64
	Pairs       int
	// Means over actors with at least one engagement (NaN when none).
	MeanGroupEntropy   float64
	MeanLeaningEntropy float64
	Engaging           int // actors with at least one engagement
	Reason             string
	// RWC is the random-walk controversy score on the neighbour network
	// with the two groups as sides; nil with RWCReason when not computed.
	RWC       *RWCResult
	RWCReason string
	// Baseline states what the measures are compared with (nothing: they
	// are descriptive); Caveats what they cannot tell.
	Baseline string
	Caveats  []string
}

// Analyze computes each actor's leaning, the mean leaning of its
// neighbours, its exposure diversity, and their summary.
//
// Leaning (Cinelli et al. 2021, PNAS, doi:10.1073/pnas.2023301118):
//
//	x_i = mean leaning of i's items: with BasisEngaged one term per event
//	      with i as actor; with BasisProduced one per distinct item i
//	      authored; with BasisBoth all of these terms
//
// with an item's leaning from Options.ItemLeaning or else its author's.
// Items with a NaN leaning are left out. The default is BasisEngaged
// because, when item leanings are authors' leanings, BasisBoth on the
// engagement network correlates x_i and x^N_i by construction: the authors
// i engaged with enter both x_i and, through their own items, x^N_i (on
// the simulator with follows blind to groups and no solidarity, r = 0.58
// with BasisBoth against 0.04 with BasisEngaged). Neighbours' leaning:
//
//	x^N_i = mean of x_j over i's neighbours j with a defined x_j
//
// on Options.Network or, by default, on the engagement network (j is a
// neighbour when i engaged one of j's items; self-engagement is not a tie,
// repeated engagement counts once). Exposure diversity is the Shannon
// entropy H_i = -sum_g p_g ln p_g of the shares p_g of i's engagements that
// went to authors of group g (authors without a group are left out), and
// the same over equal-width bins of item leaning; the normalised forms
// divide by ln(number of groups) and ln(Bins) (NaN with one group or bin).
// Correlation is Pearson's r of (x_i, x^N_i); it is NaN with fewer than 2
// pairs or zero variance, with the reason in Result.Reason.
func Analyze(ev *events.Events, cfg Options) (*Result, error) {
	if ev == nil {
		return nil, errors.New("echo: no events")
	}
	n := ev.Len()
	if len(ev.Item) != n || len(ev.Author) != n {
		return nil, fmt.Errorf("echo: events columns differ in length (actor %d, item %d, author %d)", n, len(ev.Item), len(ev.Author))
	}
	people := 0
	if ev.People != nil {
		people = ev.People.Len()
	}
	items := 0
	if ev.Items != nil {
		items = ev.Items.Len()
	}
	lean := cfg.Leaning
	if lean == nil {
		lean = ev.Leaning
	}
	if lean == nil {
		return nil, errors.New("echo: no leanings: give Options.Leaning or an actors table with a leaning column")
	}
	if len(lean) < people {
		return nil, fmt.Errorf("echo: %d leanings for %d people (align them to Events.People)", len(lean), people)
	}
	if cfg.ItemLeaning != nil && len(cfg.ItemLeaning) < items {
		return nil, fmt.Errorf("echo: %d item leanings for %d items (align them to Events.Items)", len(cfg.ItemLeaning), items)
	}
	groups := cfg.Groups
	if groups == nil && ev.Group != nil {
		groups = &network.Categorical{Name: "group", Labels: ev.Groups, Codes: ev.Group}
	}
	if groups != nil && len(groups.Codes) < people {
		return nil, fmt.Errorf("echo: %d group codes for %d people (align them to Events.People)", len(groups.Codes), people)
	}
	if cfg.Bins <= 0 {
		cfg.Bins = DefaultBins
	}
	switch cfg.Basis {
	case "":
		cfg.Basis = BasisEngaged
	case BasisEngaged, BasisProduced, BasisBoth:
	default:
		return nil, fmt.Errorf("echo: leaning basis %q: want %q, %q or %q", cfg.Basis, BasisEngaged, BasisProduced, BasisBoth)
	}
	engaged, produced := cfg.Basis != BasisProduced, cfg.Basis != BasisEngaged
	if cfg.Range == [2]float64{} {
		cfg.Range = [2]float64{-1, 1}
	}
	if !(cfg.Range[1] > cfg.Range[0]) || math.IsInf(cfg.Range[0], 0) || math.IsInf(cfg.Range[1], 0) {
		return nil, fmt.Errorf("echo: leaning range [%v, %v]: want finite numbers, low < high", cfg.Range[0], cfg.Range[1])
	}
	itemLean := func(e int) float64 {
		if cfg.ItemLeaning != nil {
			return cfg.ItemLeaning[ev.Item[e]]
		}
		return lean[ev.Author[e]]
	}
	keep, err := ev.KindMask(cfg.Kinds)
	if err != nil {
		return nil, fmt.Errorf("echo: %w", err)
	}
	kept := func(e int) bool { return keep == nil || keep[ev.Kind[e]] }
	const stages = 3
	progress := func(done int) {
		if cfg.Progress != nil {
			cfg.Progress(done, stages)
		}
	}
	r := &Result{IDs: ev.IDs(), Options: cfg, Actors: make([]Actor, people)}
	sum := make([]float64, people)
	cnt := make([]int, people)
	// Engagements.
	nG := 0
	if groups != nil {
		nG = len(groups.Labels)
	}
	gCount := make([]int32, people*nG) // dense per-actor group counts
	bCount := make([]int32, people*cfg.Bins)
	w := (cfg.Range[1] - cfg.Range[0]) / float64(cfg.Bins)
	for e := 0; e < n; e++ {
		if !kept(e) {
			continue
		}
		a := ev.Actor[e]
		r.Actors[a].Engagements++
		x := itemLean(e)
		if !math.IsNaN(x) {
			if engaged {
				sum[a] += x
				cnt[a]++
			}
			b := int((x - cfg.Range[0]) / w)
			b = min(max(b, 0), cfg.Bins-1)
			bCount[int(a)*cfg.Bins+b]++
		}
		if nG > 0 {
			if g := groups.Codes[ev.Author[e]]; g >= 0 {
				gCount[int(a)*nG+int(g)]++
			}
		}
	}
	// Produced items, each once: every item's author from Events.ItemAuthor
	// (which lists items nobody engaged with when an items table was
	// added), else from the item's first event.
	author := make([]int32, items)
	for i := range author {
		author[i] = -1
		if i < len(ev.ItemAuthor) {
			author[i] = ev.ItemAuthor[i]
		}
	}
	for e := 0; e < n; e++ {
		if author[ev.Item[e]] < 0 {
			author[ev.Item[e]] = ev.Author[e]
		}
	}
	for it, au := range author {
		if au < 0 {
			continue
		}
		r.Actors[au].Produced++
		if !produced {
			continue
		}
		x := lean[au]
		if cfg.ItemLeaning != nil {
			x = cfg.ItemLeaning[it]
		}
		if !math.IsNaN(x) {
			sum[au] += x
			cnt[au]++
		}
	}
	nan := math.NaN()
	for i := range r.Actors {
		ac := &r.Actors[i]
		ac.Leaning, ac.NeighbourLeaning = nan, nan
		ac.GroupEntropy, ac.GroupEntropyNorm, ac.LeaningEntropy, ac.LeaningEntropyNorm = nan, nan, nan, nan
		if cnt[i] > 0 {
			ac.Leaning = sum[i] / float64(cnt[i])
		}
		if nG > 0 {
			ac.GroupEntropy = entropy(gCount[i*nG : (i+1)*nG])
			if nG > 1 {
				ac.GroupEntropyNorm = ac.GroupEntropy / math.Log(float64(nG))
			}
		}
		ac.LeaningEntropy = entropy(bCount[i*cfg.Bins : (i+1)*cfg.Bins])
		if cfg.Bins > 1 {
			ac.LeaningEntropyNorm = ac.LeaningEntropy / math.Log(float64(cfg.Bins))
		}
	}
	progress(1)
	s, m := r.neighbours(ev, keep, cfg.Network)
	r.summarise()
	progress(2)
	// RWC on the same network when there are exactly two groups.
	switch {
	case groups == nil:
		r.RWCReason = "no groups: RWC needs a two-sided partition"
	case len(groups.Labels) != 2:
		r.RWCReason = fmt.Sprintf("%d groups: RWC needs exactly 2 (call RWC with RWCOptions.Sides)", len(groups.Labels))
	default:
		side := make([]int8, s.N)
		for k := range side {
			side[k] = -1
			if p := m[k]; p >= 0 {
				side[k] = int8(groups.Codes[p]) // -1, 0 or 1
			}
		}
		rwc, err := RWCSides(s, side, cfg.RWC)
		if err != nil {
			return nil, err
		}
		rwc.Sides = [2]string{groups.Labels[0], groups.Labels[1]}
		r.RWC = rwc
	}
	r.identification()
	progress(stages)
	return r, nil
}

// entropy is -sum p ln p of the counts, NaN when they sum to 0.
func entropy(c []int32) float64 {
	total := 0
	for _, x := range c {
		total += int(x)
	}
	if total == 0 {
		return math.NaN()
	}
	h := 0.0
	for _, x := range c {
		if x > 0 {
			p := float64(x) / float64(total)
			h -= p * math.Log(p)
		}
	}
	return h + 0 // no negative zero
}

// neighbours fills NeighbourLeaning and returns the network it used and
// the map from its nodes to People (-1 when absent).
func (r *Result) neighbours(ev *events.Events, keep []bool, net *network.Network) (*network.Simple, []int32) {
	people := len(r.Actors)
	var s *network.Simple
	var m []int32
	if net == nil {
		actor, author := ev.Actor, ev.Author
		if keep != nil {
			actor, author = nil, nil
			for e, k := range ev.Kind {
				if keep[k] {
					actor, author = append(actor, ev.Actor[e]), append(author, ev.Author[e])
				}
			}
		}
		s = network.BuildSimple(people, actor, author, nil, true)
		m = make([]int32, people)
		for k := range m {
			m[k] = int32(k)
		}
	} else {
		s = net.Simple()
		ix := net.Index()
		m = make([]int32, ix.Len())
		for k := range m {
			p, ok := int32(-1), false
			if ev.People != nil {
				p, ok = ev.People.LookupString(ix.String(int32(k)))
			}
			if !ok {
				p = -1
			}
			m[k] = p
		}
	}
	for k := 0; k < s.N; k++ {
		if i := m[k]; i >= 0 {
			nb, _ := s.Out(int32(k))
			r.meanOver(i, nb, m)
		}
	}
	return s, m
}

func (r *Result) meanOver(i int32, nb []int32, m []int32) {
	sum, c := 0.0, 0
	for _, k := range nb {
		j := m[k]
		if j < 0 || j == i {
			continue
		}
		if x := r.Actors[j].Leaning; !math.IsNaN(x) {
			sum += x
			c++
		}
	}
	r.Actors[i].Neighbours = c
	if c > 0 {
		r.Actors[i].NeighbourLeaning = sum / float64(c)
	}
}

func (r *Result) summarise() {
	var x, y []float64
	ge, le := 0.0, 0.0
	gn, ln := 0, 0
	for _, a := range r.Actors {
		if !math.IsNaN(a.Leaning) && !math.IsNaN(a.NeighbourLeaning) {
			x = append(x, a.Leaning)
			y = append(y, a.NeighbourLeaning)
		}
		if a.Engagements > 0 {
			r.Engaging++
		}
		if !math.IsNaN(a.GroupEntropy) {
			ge += a.GroupEntropy
			gn++
		}
		if !math.IsNaN(a.LeaningEntropy) {
			le += a.LeaningEntropy
			ln++
		}
	}
	r.MeanGroupEntropy, r.MeanLeaningEntropy = math.NaN(), math.NaN()
	if gn > 0 {
		r.MeanGroupEntropy = ge / float64(gn)
	}
	if ln > 0 {
		r.MeanLeaningEntropy = le / float64(ln)
	}
	r.Pairs = len(x)
	r.Correlation = math.NaN()
	switch {
	case len(x) < 2:
		r.Reason = fmt.Sprintf("%d actors have both a leaning and neighbours with one: the correlation needs 2", len(x))
	case constant(x) || constant(y):
		r.Reason = "leanings or neighbours' leanings are constant: the correlation is undefined"
	default:
		r.Correlation = stat.Correlation(x, y, nil)
	}
}

func constant(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}
