package stats

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/display"
)

// Tables renders the report as display tables: the summary, and with an
// attribute the mixing matrix and the per-group indices.
func (r *Report) Tables() []*display.Table {
	title := "Network statistics"
	if r.Source != "" {
		title += ": " + r.Source
	}
	t := display.NewTable(title, "measure", "value", "note")
	l := r.Load
	kind := "undirected"
	if l.Directed {
		kind = "directed"
	}
	t.AddRow("nodes", l.Nodes, kind)
	t.AddRow("edge records read", l.EdgeRecords, "")
	t.AddRow("self-loops", l.SelfLoops, "left out")
	t.AddRow("parallel edges", l.ParallelEdges, "merged (weights add)")
	t.AddRow("simple edges", l.SimpleEdges, "what the indices use")
	if s := r.Reciprocity; s != nil {
		t.AddRow("reciprocity (edge)", s.Edge, fmt.Sprintf("reciprocated arcs / arcs; node-jackknife SE %s", display.FormatFloat(s.EdgeSE, 3)))
		t.AddRow("reciprocity (dyad ratio)", s.DyadRatio, "M/(M+A)")
		t.AddRow("reciprocity rho", s.Rho, "Garlaschelli & Loffredo (r-a)/(1-a)")
		t.AddRow("weighted reciprocity", s.Weighted, fmt.Sprintf("expected %s under the null", display.FormatFloat(s.WeightedExpected, 4)))
		t.AddRow("dyads mutual/asym/null", fmt.Sprintf("%d / %d / %d", s.Dyads.Mutual, s.Dyads.Asymmetric, s.Dyads.Null), "dyad census")
	}
	if d := r.DegreeAssortativity; d != nil {
		note := "out-degree of source vs in-degree of target"
		if !l.Directed {
			note = "degree vs degree"
		}
		t.AddRow("degree assortativity", d.R, note)
	}
	if h := r.Homophily; h != nil {
		t.AddRow("attribute", h.Attribute, fmt.Sprintf("%d groups, %d nodes missing", h.Groups, h.MissingNodes))
		t.AddRow("assortativity r", h.Assortativity, fmt.Sprintf("Newman 2003; jackknife SE %s", display.FormatFloat(h.AssortativitySE, 3)))
		t.AddRow("E-I index", h.EI, "Krackhardt & Stern: -1 all within, +1 all between")
		t.AddRow("Freeman segregation", h.Freeman, "1 = no ties across groups")
		t.AddRow("odds ratio within-group", h.ORWG, "odds of a tie within vs between")
		if p := h.Permutation; p != nil {
			t.AddRow("permutation p (two-sided)", p.TwoSided, fmt.Sprintf("%d shuffles of the attribute; null mean %s", p.Permutations, display.FormatFloat(p.NullMean, 3)))
		}
	}
	// The value column mixes numbers and text: hide the type row.
	t.Types = make([]string, 3)
	t.Limits = full
	reasons := r.Reasons()
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Notes = append(t.Notes, k+": "+reasons[k])
	}
	out := []*display.Table{t}
	if h := r.Homophily; h != nil && h.Mixing != nil {
		m := h.Mixing
		counts := make([][]float64, len(m.Counts))
		for i, row := range m.Counts {
			counts[i] = make([]float64, len(row))
			for j, c := range row {
				counts[i][j] = float64(c)
			}
		}
		corner := "source \\ target"
		if !m.Directed {
			corner = h.Attribute
		}
		mt := display.NewMatrix("Mixing matrix by "+h.Attribute+" (edge counts)", corner, m.Labels, m.Labels, counts)
		mt.Limits = display.Limits{MaxRows: 50, MaxCols: 50}
		out = append(out, mt)
		g := display.NewTable("Homophily per group of "+h.Attribute, "group", "nodes", "Coleman", "inbreeding IH", "homophily H")
		for i, label := range m.Labels {
			g.AddRow(label, m.Sizes[i], nanOr(h.Coleman, label), nanOr(h.Inbreeding, label), nanOr(h.Homophily, label))
		}
		g.Limits = full
		out = append(out, g)
	}
	return out
}

// full shows every row of the report's short tables.
var full = display.Limits{MaxRows: -1, MaxCellWidth: -1}

func nanOr(m map[string]float64, k string) float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return math.NaN()
}

// String renders the report as aligned text for a terminal.
func (r *Report) String() string {
	var b strings.Builder
	for i, t := range r.Tables() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.String())
	}
	return b.String()
}

// HTML renders the report as HTML tables (a notebook's rich display).
func (r *Report) HTML() string {
	var b strings.Builder
	for _, t := range r.Tables() {
		b.WriteString(t.HTML())
	}
	return b.String()
}

// Markdown renders the report as Markdown tables.
func (r *Report) Markdown() string {
	var b strings.Builder
	for i, t := range r.Tables() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.Markdown())
	}
	return b.String()
}
