package beamstats

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// FinishOptions say what the report covers: the Options of Stats that
// matter once the sums are in.
type FinishOptions struct {
	Directed    bool
	Attr        string
	Weighted    bool
	DegreeModes bool
	Source      string
}

// finishFn turns the gathered Totals into the JSON report.
type finishFn struct {
	Directed    bool
	Attr        string
	Weighted    bool
	DegreeModes bool
	Source      string
}

func (f *finishFn) ProcessElement(t Totals, emit func(string)) error {
	r, err := Finish(t, FinishOptions{Directed: f.Directed, Attr: f.Attr, Weighted: f.Weighted, DegreeModes: f.DegreeModes, Source: f.Source})
	if err != nil {
		return err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

// Finish computes the report from the gathered summaries with the core's
// finishing functions (through package mergeable), and returns the core's
// own stats.Report, so the JSON is written by the same code as
// 'solidarity stats --json'.
func Finish(t Totals, opt FinishOptions) (*stats.Report, error) {
	if t.Nodes.Duplicates > 0 {
		return nil, fmt.Errorf("beamstats: nodes table: node id %q is listed more than once (%d ids are)", t.Nodes.DuplicateID, t.Nodes.Duplicates)
	}
	simple := t.Rec.Arcs
	if !opt.Directed {
		simple /= 2
	}
	load := network.Report{
		Directed: opt.Directed, EdgeRecords: int(t.Load.Records), SelfLoops: int(t.Load.Loops),
		SimpleEdges: int(simple), ParallelEdges: int(t.Load.Records - t.Load.Loops - simple),
		Nodes: int(t.Nodes.Nodes), NodesNoAttrs: int(t.Nodes.NoAttrs), IsolatedNodes: int(t.Nodes.Isolated),
		Weighted: t.Load.WeightedFiles > 0,
	}
	rec := t.Rec.Finish(mergeable.Load{Directed: opt.Directed, Nodes: load.Nodes, SelfLoops: load.SelfLoops, Parallel: load.ParallelEdges})
	degree := func(m int) *homophily.Numeric {
		d := t.Deg[m]
		if d == nil {
			d = &mergeable.DegreePairs{}
		}
		return d.Finish(opt.Directed, modes[m])
	}
	var byMode map[string]*homophily.Numeric
	if opt.DegreeModes && opt.Directed {
		byMode = map[string]*homophily.Numeric{}
		for m, name := range modes {
			byMode[string(name)] = degree(m)
		}
	}
	var h *homophily.Summary
	if opt.Attr != "" {
		if t.Nodes.Rows == 0 {
			return nil, fmt.Errorf("beamstats: no node has attribute %q: give a nodes table with that column (--nodes)", opt.Attr)
		}
		var jk *mergeable.MixingJackknife
		if opt.Weighted {
			matrix, err := t.Mix.Matrix(opt.Directed, true)
			if err != nil {
				return nil, err
			}
			jk = mergeable.NewMixingJackknife(matrix)
			keys := make([]WKey, 0, len(t.WJack))
			for k := range t.WJack {
				keys = append(keys, k)
			}
			slices.SortFunc(keys, func(a, b WKey) int {
				return cmp.Or(cmp.Compare(a.G, b.G), cmp.Compare(a.H, b.H), cmp.Compare(a.W, b.W))
			})
			for _, k := range keys {
				if err := jk.AddEdge(k.G, k.H, k.W, t.WJack[k]); err != nil {
					return nil, err
				}
			}
		}
		var err error
		if h, err = t.Mix.Finish(opt.Attr, opt.Directed, opt.Weighted, jk); err != nil {
			return nil, err
		}
	}
	return mergeable.Report(opt.Source, load, &rec, degree(0), byMode, h), nil
}
