package trending

import (
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
	WindowSeconds   int64             `json:"window_seconds"`
	TauSeconds      Number            `json:"tau_seconds"`
	StepSeconds     int64             `json:"step_seconds"`
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
	Reason          string            `json:"reason,omitempty"`
}

// Summary condenses the result; item ids and group labels come from the
// events' Items index and Config.Groups. top is how many most-lifted items
// to list (10 when <= 0).
func (r *Result) Summary(itemIDs func(int32) string, top int) Summary {
	if top <= 0 {
		top = 10
	}
	s := Summary{
		Amplification:   map[string]Number{},
		AmplificationCF: map[string]Number{},
		TopShare:        map[string]Number{},
		ItemShare:       map[string]Number{},
		WindowSeconds:   r.Config.Window,
		TauSeconds:      Number(r.Config.Tau),
		StepSeconds:     r.Config.Step,
		TopK:            r.Config.TopK,
		Depth:           r.Config.Depth,
		EvaluationTimes: len(r.Times),
		Events:          r.Events,
		ComradeEvents:   r.Comrade,
		Items:           len(r.Items),
		UnlabelledItems: r.Unlabelled,
		AuthorClash:     r.AuthorClash,
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
		if itemIDs != nil {
			l.Item = itemIDs(int32(i))
		}
		if it.Group >= 0 && r.Config.Groups != nil {
			l.Group = r.Config.Groups.Labels[it.Group]
		}
		s.TopLifted = append(s.TopLifted, l)
	}
	return s
}
