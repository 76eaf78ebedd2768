package coordination

import (
	"encoding/json"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
)

// Number is a float64 that encodes to JSON as null when NaN or infinite
// (see package jsonnum).
type Number = jsonnum.Number

// EdgeJSON is one kept edge with actor ids.
type EdgeJSON struct {
	A        any `json:"a"`
	B        any `json:"b"`
	AFirst   int `json:"a_first"`
	BFirst   int `json:"b_first"`
	Together int `json:"together"`
	Items    int `json:"items"`
}

// EstimateJSON is the JSON form of Estimate.
type EstimateJSON struct {
	Method      Method `json:"method"`
	Delays      int    `json:"delays,omitempty"`
	Q           Number `json:"q"`
	P           Number `json:"p"`
	Items       int    `json:"items_engaged_twice"`
	SecondDelay Number `json:"second_delay_quantile_seconds"`
	FastItems   int    `json:"fast_items"`
	Seconds     Number `json:"seconds"`
	Reason      string `json:"reason,omitempty"`
}

// Summary is the JSON form of a Result, the payload of
// `solidarity engagement coordination --json`. Actor ids are numbers when
// the events use integer ids, strings otherwise.
type Summary struct {
	WindowSeconds    Number        `json:"window_seconds"`
	WindowEstimated  bool          `json:"window_estimated"`
	Estimate         *EstimateJSON `json:"estimate,omitempty"`
	Clusters         []ClusterJSON `json:"clusters"`
	NullRedraws      int           `json:"null_redraws"`
	NullModel        string        `json:"null_model"`
	Edges            []EdgeJSON    `json:"edges"`
	Events           int           `json:"events"`
	Pairs            int64         `json:"pairs"`
	SkippedPairs     int64         `json:"skipped_pairs"`
	CappedEvents     int64         `json:"capped_events"`
	MaxPartners      int           `json:"max_partners"`
	MinItems         int           `json:"min_items"`
	MinCoEngagements int           `json:"min_co_engagements"`
	EdgePercentile   Number        `json:"edge_percentile,omitempty"`
	EdgeThreshold    Number        `json:"edge_threshold,omitempty"`
	Reason           string        `json:"reason,omitempty"`
}

// ClusterJSON is one cluster: its members, its test against the timing
// null and the items that tie it.
type ClusterJSON struct {
	Members       []any          `json:"members"`
	CoItems       int            `json:"co_items"`
	NullMean      Number         `json:"null_mean"`
	P             Number         `json:"p_value"`
	Q             Number         `json:"q_value"`
	EvidenceItems int            `json:"evidence_items"`
	Evidence      []EvidenceJSON `json:"evidence"`
}

// EvidenceJSON is one item that ties a cluster.
type EvidenceJSON struct {
	Item   any     `json:"item"`
	Actors []any   `json:"actors"`
	Times  []int64 `json:"times"`
	Spread int64   `json:"spread_seconds"`
}

func nullModel(o Options) string {
	if o.Null <= 0 {
		return "none: clusters are not tested (give Null / --null N)"
	}
	strata := "the same actor on the same author (engaged at least twice), else on authors of its own group or not"
	if o.Follows != nil {
		strata = "the same actor on the same author (engaged at least twice), else on mutual follows or not"
	}
	return "timing redraw: each engagement's delay after its item was posted is permuted among the engagements of " + strata +
		"; who engaged what is kept, so shared tastes and comrades' quick reactions stay in the null"
}

// itemID is item i's id for JSON.
func (r *Result) itemID(i int32) any {
	if r.Items == nil {
		return i
	}
	return r.Item(i)
}

// id is person i's id for JSON: an int64 for integer ids, a string
// otherwise, the dense index when the result carries no ids.
func (r *Result) id(i int32) any {
	if r.People == nil {
		return i
	}
	return r.PersonValue(i)
}

// MarshalJSON writes the Summary: the JSON of 'solidarity engagement
// coordination --json'.
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.Summary()) }

// Summary converts the result for JSON, naming actors by their ids.
func (r *Result) Summary() Summary {
	s := Summary{
		WindowSeconds:    Number(r.Window),
		WindowEstimated:  r.Estimated != nil,
		Clusters:         []ClusterJSON{},
		NullRedraws:      r.Options.Null,
		NullModel:        nullModel(r.Options),
		Edges:            []EdgeJSON{},
		Events:           r.Events,
		Pairs:            r.Pairs,
		SkippedPairs:     r.Skipped,
		CappedEvents:     r.Capped,
		MaxPartners:      r.Options.MaxPartners,
		MinItems:         r.Options.MinItems,
		MinCoEngagements: r.Options.MinCoEngagements,
		EdgePercentile:   Number(r.Options.EdgePercentile),
		EdgeThreshold:    Number(r.EdgeThreshold),
		Reason:           r.Reason,
	}
	if e := r.Estimated; e != nil {
		s.Estimate = &EstimateJSON{Method: e.Method, Delays: e.Delays, Q: Number(e.Q), P: Number(e.P), Items: e.Items, SecondDelay: Number(e.SecondDelay),
			FastItems: e.FastItems, Seconds: Number(e.Seconds), Reason: e.Reason}
	}
	for k, c := range r.Clusters {
		cj := ClusterJSON{Members: make([]any, len(c)), P: Number(math.NaN()), Q: Number(math.NaN()), Evidence: []EvidenceJSON{}}
		for j, p := range c {
			cj.Members[j] = r.id(p)
		}
		if k < len(r.Tests) {
			t := r.Tests[k]
			cj.CoItems, cj.NullMean, cj.P, cj.Q, cj.EvidenceItems = t.CoItems, Number(t.NullMean), Number(t.P), Number(t.Q), t.EvidenceItems
			for _, e := range t.Evidence {
				ej := EvidenceJSON{Item: r.itemID(e.Item), Actors: make([]any, len(e.Actors)), Times: e.Times, Spread: e.Spread}
				for j, a := range e.Actors {
					ej.Actors[j] = r.id(a)
				}
				cj.Evidence = append(cj.Evidence, ej)
			}
		}
		s.Clusters = append(s.Clusters, cj)
	}
	for _, e := range r.Edges {
		s.Edges = append(s.Edges, EdgeJSON{A: r.id(e.A), B: r.id(e.B), AFirst: e.AFirst,
			BFirst: e.BFirst, Together: e.Together, Items: e.Items})
	}
	return s
}
