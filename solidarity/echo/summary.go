package echo

import (
	"encoding/json"

	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
)

// Number is a float64 that encodes to JSON as null when NaN or infinite
// (see package jsonnum).
type Number = jsonnum.Number

// RWCJSON is the JSON form of RWCResult.
type RWCJSON struct {
	RWC         Number    `json:"rwc"`
	PXX         Number    `json:"p_xx"`
	PXY         Number    `json:"p_xy"`
	PYX         Number    `json:"p_yx"`
	PYY         Number    `json:"p_yy"`
	Sides       [2]string `json:"sides"`
	K           int       `json:"k"`
	StartsX     int       `json:"starts_x"`
	StartsY     int       `json:"starts_y"`
	Unreachable int       `json:"unreachable"`
	Reason      string    `json:"reason,omitempty"`
	Variant     string    `json:"variant"`
	Walks       int       `json:"walks,omitempty"`
}

// JSON converts the RWC result.
func (r *RWCResult) JSON() RWCJSON {
	return RWCJSON{RWC: Number(r.RWC), PXX: Number(r.PXX), PXY: Number(r.PXY), PYX: Number(r.PYX), PYY: Number(r.PYY),
		Sides: r.Sides, K: max(len(r.EndpointsX), len(r.EndpointsY)), StartsX: r.StartsX, StartsY: r.StartsY,
		Unreachable: r.Unreachable, Reason: r.Reason, Variant: string(r.Variant), Walks: r.Walks}
}

// Summary is the JSON form of a Result, the payload of
// `solidarity engagement echo --json`. Undefined numbers are null.
type Summary struct {
	Correlation        Number   `json:"correlation"`
	Pairs              int      `json:"pairs"`
	MeanGroupEntropy   Number   `json:"mean_group_entropy"`
	MeanLeaningEntropy Number   `json:"mean_leaning_entropy"`
	Actors             int      `json:"actors"`
	Engaging           int      `json:"engaging_actors"`
	Bins               int      `json:"leaning_bins"`
	RWC                *RWCJSON `json:"rwc,omitempty"`
	RWCReason          string   `json:"rwc_reason,omitempty"`
	Baseline           string   `json:"baseline"`
	Caveats            []string `json:"caveats"`
	Reason             string   `json:"reason,omitempty"`
}

// MarshalJSON writes the Summary: the JSON of 'solidarity engagement echo
// --json'. The per-actor measures are left out (see Actors).
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.Summary()) }

// Summary condenses the result for JSON.
func (r *Result) Summary() Summary {
	s := Summary{Correlation: Number(r.Correlation), Pairs: r.Pairs, MeanGroupEntropy: Number(r.MeanGroupEntropy),
		MeanLeaningEntropy: Number(r.MeanLeaningEntropy), Actors: len(r.Actors), Engaging: r.Engaging,
		Bins: r.Options.Bins, RWCReason: r.RWCReason, Baseline: r.Baseline, Caveats: r.Caveats, Reason: r.Reason}
	if r.RWC != nil {
		j := r.RWC.JSON()
		s.RWC = &j
	}
	return s
}
