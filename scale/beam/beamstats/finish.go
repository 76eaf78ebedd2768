//go:build coresummaries

package beamstats

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// FinishOptions say what the report covers (the Options of Stats that
// matter once the sums are in).
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

// Finish computes the report from the gathered sums. It builds the core's
// own stats.Report, so the JSON is written by the same code as
// 'solidarity stats --json'.
func Finish(t Totals, opt FinishOptions) (*stats.Report, error) {
	if t.Nodes.Duplicates > 0 {
		return nil, fmt.Errorf("beamstats: nodes table: node id %q is listed more than once (%d ids are)", t.Nodes.DuplicateID, t.Nodes.Duplicates)
	}
	var nodeRows int64
	for _, n := range t.Groups {
		nodeRows += n
	}
	load := network.Report{
		Directed: opt.Directed, EdgeRecords: int(t.Load.Records), SelfLoops: int(t.Load.Loops),
		ParallelEdges: int(t.Arcs.Parallel), SimpleEdges: int(t.Arcs.Simple), Nodes: int(t.Nodes.Nodes),
		NodesNoAttrs: int(t.Nodes.NoAttrs), IsolatedNodes: int(t.Nodes.Isolated), Weighted: t.Load.WeightedFiles > 0,
	}
	r := &stats.Report{Source: opt.Source, Load: load}
	if opt.Directed {
		s := reciprocityFrom(t, opt.Directed)
		r.Reciprocity = &s
		r.DegreeAssortativity = degreeFrom(t, 0, opt.Directed)
		if opt.DegreeModes {
			r.DegreeModes = map[string]*homophily.Numeric{}
			for m, name := range modeNames {
				r.DegreeModes[name] = degreeFrom(t, m, true)
			}
		}
	} else {
		r.DegreeAssortativity = degreeFrom(t, 0, false)
	}
	if opt.Attr != "" {
		h, err := homophilyFrom(t, opt)
		if err != nil {
			return nil, err
		}
		r.Homophily = h
	}
	return r, nil
}

// reciprocityFrom mirrors reciprocity.Summarize on the sums.
func reciprocityFrom(t Totals, directed bool) reciprocity.Summary {
	a := t.Arcs
	c := reciprocity.Counts{
		Directed: directed, Nodes: int(t.Nodes.Nodes), SelfLoops: int(t.Load.Loops), Parallel: int(a.Parallel),
		Arcs: a.Arcs, Reciprocated: a.Reciprocated, WeightTotal: a.W, WeightReciprocated: a.WRec,
		NegativeWeights: a.Neg, InfiniteWeights: a.Inf,
	}
	keys := make([]JackKey, 0, len(t.Jack))
	for k := range t.Jack {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Degree != keys[j].Degree {
			return keys[i].Degree < keys[j].Degree
		}
		return keys[i].Mutual < keys[j].Mutual
	})
	return reciprocity.FromCounts(c, func(yield func(degree, mutual, count int64)) {
		for _, k := range keys {
			yield(k.Degree, k.Mutual, t.Jack[k])
		}
	})
}

// degreeFrom computes a degree assortativity from the histogram of degree
// pairs, as homophily.DegreeAssortativity does from the edges.
func degreeFrom(t Totals, mode int, directed bool) *homophily.Numeric {
	type entry struct {
		x, y float64
		c    float64
	}
	var es []entry
	for k, c := range t.Deg {
		if k.Mode == mode {
			es = append(es, entry{float64(k.X), float64(k.Y), float64(c)})
		}
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].x != es[j].x {
			return es[i].x < es[j].x
		}
		return es[i].y < es[j].y
	})
	name := "degree"
	if directed {
		name = "degree " + modeNames[mode]
	}
	out := &homophily.Numeric{Attribute: name, R: math.NaN(), SE: math.NaN()}
	var W, X, Y float64
	var kept int64
	for _, e := range es {
		W += e.c
		X += e.c * e.x
		Y += e.c * e.y
		kept += int64(e.c)
	}
	if directed {
		out.Edges = int(kept)
	} else {
		out.Edges = int(kept / 2)
	}
	if kept == 0 || W <= 0 {
		out.Reason = "no edges between nodes with a value"
		return out
	}
	mx, my := X/W, Y/W
	var m moments
	for _, e := range es {
		dx, dy := e.x-mx, e.y-my
		m.W += e.c
		m.X += e.c * dx
		m.Y += e.c * dy
		m.XX += e.c * dx * dx
		m.YY += e.c * dy * dy
		m.XY += e.c * dx * dy
	}
	out.R = m.r()
	if math.IsNaN(out.R) {
		out.Reason = "the values at one end of the edges are all equal (zero variance), so the correlation is undefined"
		return out
	}
	var v float64
	for _, e := range es {
		mm := m
		mm.remove(e.x-mx, e.y-my, 1)
		if !directed {
			// The edge's other entry is (y, x).
			mm.remove(e.y-mx, e.x-my, 1)
		}
		ri := mm.r()
		if math.IsNaN(ri) {
			out.Reason = "removing a single edge leaves the correlation undefined, so the jackknife error is undefined"
			return out
		}
		v += e.c * (ri - out.R) * (ri - out.R)
	}
	if !directed {
		v /= 2 // every edge was visited from both of its entries
	}
	out.SE = math.Sqrt(v)
	return out
}

// moments are the weighted sums of centred values (as in package homophily).
type moments struct{ W, X, Y, XX, YY, XY float64 }

func (m moments) r() float64 {
	if m.W <= 0 {
		return math.NaN()
	}
	inv := 1 / m.W
	cov := m.XY - m.X*m.Y*inv
	vx := m.XX - m.X*m.X*inv
	vy := m.YY - m.Y*m.Y*inv
	if vx <= 1e-14*m.XX || vy <= 1e-14*m.YY || vx <= 0 || vy <= 0 {
		return math.NaN()
	}
	return cov / math.Sqrt(vx*vy)
}

func (m *moments) remove(dx, dy, w float64) {
	m.W -= w
	m.X -= w * dx
	m.Y -= w * dy
	m.XX -= w * dx * dx
	m.YY -= w * dy * dy
	m.XY -= w * dx * dy
}

// homophilyFrom builds the mixing matrix from its cells and finishes the
// homophily summary.
func homophilyFrom(t Totals, opt FinishOptions) (*homophily.Summary, error) {
	labels := make([]string, 0, len(t.Groups))
	for l := range t.Groups {
		labels = append(labels, l)
	}
	labels = network.SortLabels(labels)
	code := make(map[string]int, len(labels))
	for i, l := range labels {
		code[l] = i
	}
	k := len(labels)
	mix := &homophily.Mixing{Labels: labels, Directed: opt.Directed, Sizes: make([]int, k), Counts: make([][]int64, k)}
	for i, l := range labels {
		mix.Sizes[i] = int(t.Groups[l])
		mix.Counts[i] = make([]int64, k)
	}
	if opt.Weighted {
		mix.Weights = make([][]float64, k)
		for i := range mix.Weights {
			mix.Weights[i] = make([]float64, k)
		}
	}
	var kept int64
	for c, s := range t.Cells {
		g, h := code[c.G], code[c.H]
		mix.Counts[g][h] += s.N
		if opt.Weighted {
			mix.Weights[g][h] += s.W
		}
		kept += s.N
	}
	if opt.Directed {
		mix.Edges, mix.EdgesMissing = int(kept), int(t.Dropped)
	} else {
		mix.Edges, mix.EdgesMissing = int(kept/2), int(t.Dropped/2)
	}
	var edges func(yield func(g, h int, w float64, count int64))
	if opt.Weighted {
		edges = func(yield func(g, h int, w float64, count int64)) {
			for c, n := range t.WJack {
				yield(code[c.G], code[c.H], c.W, n)
			}
		}
	}
	return homophily.SummaryFromMixing(opt.Attr, mix, int(t.Nodes.Missing), opt.Weighted, edges)
}
