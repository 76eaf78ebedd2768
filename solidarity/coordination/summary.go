package coordination

import (
	"encoding/json"

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
	Clusters         [][]any       `json:"clusters"`
	Edges            []EdgeJSON    `json:"edges"`
	Events           int           `json:"events"`
	Pairs            int64         `json:"pairs"`
	SkippedPairs     int64         `json:"skipped_pairs"`
	CappedEvents     int64         `json:"capped_events"`
	MaxPartners      int           `json:"max_partners"`
	MinItems         int           `json:"min_items"`
	MinCoEngagements int           `json:"min_co_engagements"`
	Reason           string        `json:"reason,omitempty"`
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
		Clusters:         [][]any{},
		Edges:            []EdgeJSON{},
		Events:           r.Events,
		Pairs:            r.Pairs,
		SkippedPairs:     r.Skipped,
		CappedEvents:     r.Capped,
		MaxPartners:      r.Options.MaxPartners,
		MinItems:         r.Options.MinItems,
		MinCoEngagements: r.Options.MinCoEngagements,
		Reason:           r.Reason,
	}
	if e := r.Estimated; e != nil {
		s.Estimate = &EstimateJSON{Method: e.Method, Delays: e.Delays, Q: Number(e.Q), P: Number(e.P), Items: e.Items, SecondDelay: Number(e.SecondDelay),
			FastItems: e.FastItems, Seconds: Number(e.Seconds), Reason: e.Reason}
	}
	for _, c := range r.Clusters {
		ids := make([]any, len(c))
		for k, p := range c {
			ids[k] = r.id(p)
		}
		s.Clusters = append(s.Clusters, ids)
	}
	for _, e := range r.Edges {
		s.Edges = append(s.Edges, EdgeJSON{A: r.id(e.A), B: r.id(e.B), AFirst: e.AFirst,
			BFirst: e.BFirst, Together: e.Together, Items: e.Items})
	}
	return s
}
