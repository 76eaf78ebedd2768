package stats

import (
	"encoding/json"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/jsonnum"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
)

// Options choose what the report covers.
type Options struct {
	// Attr is the node attribute to measure homophily by ("" = none).
	Attr string
	// Weighted uses merged edge weights for the homophily indices.
	Weighted bool
	// Permutations > 0 adds a permutation test of the assortativity.
	Permutations int
	Seed         uint64
	Progress     func(done, total int)
	// DegreeModes adds, for directed networks, the in-in, out-out and in-out
	// degree assortativities next to the out-in one (each with its
	// jackknife; together they cost more than all the other indices).
	DegreeModes bool
}

// Report is the whole-network report. Reciprocity is nil for undirected
// networks and Homophily nil without an attribute.
type Report struct {
	Source              string
	Load                network.Report
	Reciprocity         *reciprocity.Summary
	DegreeAssortativity *homophily.Numeric
	// DegreeModes holds, with Options.DegreeModes on a directed network, all
	// four degree assortativities keyed "out-in", "in-in", "out-out", "in-out".
	DegreeModes map[string]*homophily.Numeric
	Homophily   *homophily.Summary
}

// Compute builds the report of n. The error is for a bad request (an
// attribute the nodes table does not have); undefined indices are NaN with
// their reasons.
func Compute(n *network.Network, opt Options) (*Report, error) {
	r := &Report{Source: n.Name, Load: n.Report()}
	if n.Directed() {
		s := reciprocity.Summarize(n)
		r.Reciprocity = &s
		modes := []homophily.DegreeMode{homophily.OutIn}
		if opt.DegreeModes {
			modes = append(modes, homophily.InIn, homophily.OutOut, homophily.InOut)
			r.DegreeModes = map[string]*homophily.Numeric{}
		}
		for _, m := range modes {
			d, err := homophily.DegreeAssortativity(n, m)
			if err != nil {
				return nil, err
			}
			if m == homophily.OutIn {
				r.DegreeAssortativity = d
			}
			if r.DegreeModes != nil {
				r.DegreeModes[string(m)] = d
			}
		}
	} else {
		d, err := homophily.DegreeAssortativity(n, homophily.OutIn)
		if err != nil {
			return nil, err
		}
		r.DegreeAssortativity = d
	}
	if opt.Attr != "" {
		h, err := homophily.Summarize(n, opt.Attr, homophily.Options{
			Weighted: opt.Weighted, Permutations: opt.Permutations, Seed: opt.Seed, Progress: opt.Progress,
		})
		if err != nil {
			return nil, err
		}
		r.Homophily = h
	}
	return r, nil
}

// num writes NaN and infinities as JSON null.
type num = jsonnum.Number

type reciprocityJSON struct {
	Edge             num               `json:"edge"`
	DyadRatio        num               `json:"dyad_ratio"`
	Rho              num               `json:"rho"`
	EdgeSE           num               `json:"edge_se"`
	RhoSE            num               `json:"rho_se"`
	Weighted         num               `json:"weighted"`
	WeightedExpected num               `json:"weighted_expected"`
	WeightedRho      num               `json:"weighted_rho"`
	Density          num               `json:"density"`
	Arcs             int64             `json:"arcs"`
	Reciprocated     int64             `json:"reciprocated"`
	Dyads            reciprocity.Dyads `json:"dyads"`
}

type reportJSON struct {
	Source              string                        `json:"source,omitempty"`
	Nodes               int                           `json:"nodes"`
	Edges               int                           `json:"edges"`
	Directed            bool                          `json:"directed"`
	SelfLoops           int                           `json:"self_loops"`
	ParallelEdges       int                           `json:"parallel_edges"`
	SimpleEdges         int                           `json:"simple_edges"`
	Weighted            bool                          `json:"weighted"`
	IsolatedNodes       int                           `json:"isolated_nodes"`
	NodesWithoutAttrs   int                           `json:"nodes_without_attributes"`
	Reciprocity         *reciprocityJSON              `json:"reciprocity"`
	DegreeAssortativity num                           `json:"degree_assortativity"`
	DegreeAssortModes   map[string]*homophily.Numeric `json:"degree_assortativity_modes,omitempty"`
	Homophily           *homophily.Summary            `json:"homophily"`
	Reasons             map[string]string             `json:"reasons,omitempty"`
}

// MarshalJSON writes the contract of 'solidarity stats --json': the keys
// nodes, edges (records read), directed, self_loops, simple_edges,
// reciprocity {edge, dyad_ratio, rho, weighted, dyads {mutual, asymmetric,
// null}}, degree_assortativity and homophily {attribute, groups,
// missing_nodes, assortativity, assortativity_se, ei, mixing {labels,
// counts}, coleman}, plus more keys. Undefined values are null and
// "reasons" says why, keyed by the dotted path of the value.
func (r *Report) MarshalJSON() ([]byte, error) {
	out := reportJSON{
		Source: r.Source, Nodes: r.Load.Nodes, Edges: r.Load.EdgeRecords, Directed: r.Load.Directed,
		SelfLoops: r.Load.SelfLoops, ParallelEdges: r.Load.ParallelEdges, SimpleEdges: r.Load.SimpleEdges,
		Weighted: r.Load.Weighted, IsolatedNodes: r.Load.IsolatedNodes, NodesWithoutAttrs: r.Load.NodesNoAttrs,
		DegreeAssortativity: num(math.NaN()), DegreeAssortModes: r.DegreeModes, Homophily: r.Homophily,
		Reasons: r.Reasons(),
	}
	if len(out.Reasons) == 0 {
		out.Reasons = nil
	}
	if r.DegreeAssortativity != nil {
		out.DegreeAssortativity = num(r.DegreeAssortativity.R)
	}
	if s := r.Reciprocity; s != nil {
		out.Reciprocity = &reciprocityJSON{
			Edge: num(s.Edge), DyadRatio: num(s.DyadRatio), Rho: num(s.Rho), EdgeSE: num(s.EdgeSE), RhoSE: num(s.RhoSE),
			Weighted:         num(s.Weighted),
			WeightedExpected: num(s.WeightedExpected), WeightedRho: num(s.WeightedRho), Density: num(s.Density),
			Arcs: s.Arcs, Reciprocated: s.Reciprocated, Dyads: s.Dyads,
		}
	}
	return json.Marshal(out)
}

// Reasons collects why each undefined value is undefined, keyed by its
// dotted JSON path ("reciprocity.rho", "homophily.assortativity", ...).
func (r *Report) Reasons() map[string]string {
	m := map[string]string{}
	if r.Reciprocity != nil {
		for k, v := range r.Reciprocity.Reasons {
			m["reciprocity."+k] = v
		}
	} else if !r.Load.Directed {
		m["reciprocity"] = "the network is undirected: every edge is mutual, so reciprocity is not measured"
	}
	if d := r.DegreeAssortativity; d != nil && d.Reason != "" {
		m["degree_assortativity"] = d.Reason
	}
	if h := r.Homophily; h != nil {
		for k, v := range h.Reasons {
			m["homophily."+k] = v
		}
	}
	return m
}
