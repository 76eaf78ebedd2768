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
	// Object is what co-engagements share: item, url, domain, hashtag or
	// text; Content says how events were mapped to it (absent for item).
	Object           Object        `json:"object"`
	Content          *ContentJSON  `json:"content,omitempty"`
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

// ContentJSON says how events were mapped to content objects: events
// carrying at least one object, the (event, object) pairs the detector ran
// on (Summary.Events counts these), the distinct objects and, for text,
// the near-duplicate parameters.
type ContentJSON struct {
	EventsWithObject int            `json:"events_with_object"`
	EventObjectPairs int            `json:"event_object_pairs"`
	Objects          int            `json:"objects"`
	Text             *TextParamJSON `json:"text,omitempty"`
}

// TextParamJSON is the near-duplicate text setting in effect: the Jaccard
// threshold over shingles of Shingle words, the MinHash length and its LSH
// banding, the shortest text compared, the distinct texts signed and the
// groups of at least two texts (the text objects).
type TextParamJSON struct {
	Threshold    float64 `json:"jaccard_threshold"`
	Shingle      int     `json:"shingle_words"`
	Permutations int     `json:"permutations"`
	Bands        int     `json:"bands"`
	Rows         int     `json:"rows"`
	MinWords     int     `json:"min_words"`
	Distinct     int     `json:"distinct_texts"`
	Groups       int     `json:"groups"`
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

// EvidenceJSON is one item that ties a cluster: with a content object,
// the object itself (the normalised URL, the domain, the hashtag, or the
// first text of a near-duplicate group, shortened to 160 characters).
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
	if o.Object != "" && o.Object != ObjectItem {
		return "timing redraw: each post's delay after its " + string(o.Object) + "'s first appearance (which stays fixed) is permuted among the same actor's posts " +
			"on objects of the same reach (log2 of distinct posters) and similar first-appearance time of day; what each actor posted is kept"
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
		Object:           r.Options.Object,
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
	if s.Object == "" {
		s.Object = ObjectItem
	}
	if o := r.Objects; o != nil {
		s.Content = &ContentJSON{EventsWithObject: o.Events, EventObjectPairs: o.Pairs, Objects: o.Objects}
		if d := o.Duplicates; d != nil {
			s.Content.Text = &TextParamJSON{Threshold: d.Options.Threshold, Shingle: d.Options.Shingle, Permutations: d.Options.Permutations,
				Bands: d.Banding.Bands, Rows: d.Banding.Rows, MinWords: d.Options.MinWords, Distinct: d.Distinct, Groups: o.Objects}
		}
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
