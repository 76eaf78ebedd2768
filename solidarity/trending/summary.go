package trending

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
)

// Number is a float64 that encodes to JSON as null when NaN or infinite
// (see package jsonnum).
type Number = jsonnum.Number

// Lifted is one item that comrade engagement moved up.
type Lifted struct {
	Item       string `json:"item"`
	Group      string `json:"group"`
	RankLift   int    `json:"rank_lift"`
	PeakRank   int    `json:"peak_rank"`
	PeakRankCF int    `json:"peak_rank_counterfactual"`
	Slots      int    `json:"top_slots"`
	SlotsCF    int    `json:"top_slots_counterfactual"`
}

// Summary is the JSON form of a Result, the payload of
// `solidarity engagement trending --json`. Undefined numbers are null.
type Summary struct {
	Amplification   map[string]Number `json:"amplification"`
	AmplificationCF map[string]Number `json:"amplification_counterfactual"`
	TopShare        map[string]Number `json:"top_share"`
	ItemShare       map[string]Number `json:"item_share"`
	WindowSeconds   float64           `json:"window_seconds"`
	TauSeconds      Number            `json:"tau_seconds"`
	StepSeconds     float64           `json:"step_seconds"`
	TopK            int               `json:"top_k"`
	Depth           int               `json:"rank_depth"`
	EvaluationTimes int               `json:"evaluation_times"`
	Events          int               `json:"events"`
	ComradeEvents   int               `json:"comrade_events"`
	Items           int               `json:"items"`
	ItemsLifted     int               `json:"items_lifted"`
	ItemsLowered    int               `json:"items_lowered"`
	SlotsChanged    int               `json:"slots_changed"`
	UnlabelledItems int               `json:"unlabelled_items"`
	AuthorClash     int               `json:"author_clash_events"`
	TopLifted       []Lifted          `json:"top_lifted"`
	Baseline        string            `json:"baseline"`
	Caveats         []string          `json:"caveats"`
	Reason          string            `json:"reason,omitempty"`
}

// MarshalJSON writes the Summary with the ten most lifted items: the JSON
// of 'solidarity engagement trending --json'.
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.Summary(0)) }

// Summary condenses the result; item ids come from r.IDs and group labels
// from Options.Groups. top is how many most-lifted items to list (10 when
// <= 0).
func (r *Result) Summary(top int) Summary {
	if top <= 0 {
		top = 10
	}
	s := Summary{
		Amplification:   map[string]Number{},
		AmplificationCF: map[string]Number{},
		TopShare:        map[string]Number{},
		ItemShare:       map[string]Number{},
		WindowSeconds:   r.Options.Window,
		TauSeconds:      Number(r.Options.Tau),
		StepSeconds:     r.Options.Step,
		TopK:            r.Options.TopK,
		Depth:           r.Options.Depth,
		EvaluationTimes: len(r.Times),
		Events:          r.Events,
		ComradeEvents:   r.Comrade,
		Items:           len(r.Items),
		UnlabelledItems: r.Unlabelled,
		AuthorClash:     r.AuthorClash,
		Baseline:        r.Baseline,
		Caveats:         r.Caveats,
		Reason:          r.Reason,
	}
	for _, g := range r.Groups {
		s.Amplification[g.Label] = Number(g.Amplification)
		s.AmplificationCF[g.Label] = Number(g.AmplificationCF)
		s.TopShare[g.Label] = Number(g.TopShare)
		s.ItemShare[g.Label] = Number(g.ItemShare)
	}
	var lifted []int
	for i, it := range r.Items {
		switch {
		case it.RankLift > 0:
			s.ItemsLifted++
			lifted = append(lifted, i)
		case it.RankLift < 0:
			s.ItemsLowered++
		}
		if it.Slots != it.SlotsCF {
			s.SlotsChanged++
		}
	}
	sort.SliceStable(lifted, func(a, b int) bool {
		x, y := r.Items[lifted[a]], r.Items[lifted[b]]
		if x.RankLift != y.RankLift {
			return x.RankLift > y.RankLift
		}
		return x.Slots-x.SlotsCF > y.Slots-y.SlotsCF
	})
	if len(lifted) > top {
		lifted = lifted[:top]
	}
	s.TopLifted = []Lifted{}
	for _, i := range lifted {
		it := r.Items[i]
		l := Lifted{RankLift: it.RankLift, PeakRank: it.PeakRank, PeakRankCF: it.PeakRankCF,
			Slots: it.Slots, SlotsCF: it.SlotsCF, Item: strconv.Itoa(i)}
		if r.IDs.Items != nil {
			l.Item = r.Item(int32(i))
		}
		if it.Group >= 0 && r.Options.Groups != nil {
			l.Group = r.Options.Groups.Labels[it.Group]
		}
		s.TopLifted = append(s.TopLifted, l)
	}
	return s
}
