package mergeable

import (
	"cmp"
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Cell is one cell of a mixing matrix: the group of an arc's source and
// of its target, by label.
type Cell struct{ From, To string }

// CellSums are the arcs of a cell and their merged weights.
type CellSums struct {
	Count  int64
	Weight float64
}

// Mixing is the summary behind the mixing matrix, Newman's nominal
// assortativity (with its jackknife when unweighted) and the segregation
// catalogue (E-I, Freeman, odds ratio, Coleman, Currarini et al.): the
// cells of the matrix, the group sizes and the number of nodes and
// adjacency entries left out for a missing value. Its zero value is empty.
//
// Fill it with AddNode once per node (isolated ones included) and AddArc
// once per adjacency entry between two nodes with a value (twice per
// undirected edge, once from each end, as homophily.Mixing counts them);
// entries touching a node without a value go to AddMissing.
type Mixing struct {
	Cells        map[Cell]CellSums
	Sizes        map[string]int64 // nodes per group
	MissingNodes int64            // nodes without a value
	Kept         int64            // adjacency entries counted in Cells
	Dropped      int64            // adjacency entries left out for a missing value
}

// AddNode counts a node: in group label when ok, else as missing.
func (m *Mixing) AddNode(label string, ok bool) {
	if !ok {
		m.MissingNodes++
		return
	}
	if m.Sizes == nil {
		m.Sizes = map[string]int64{}
	}
	m.Sizes[label]++
}

// AddArc counts one adjacency entry of merged weight w from group g to
// group h.
func (m *Mixing) AddArc(g, h string, w float64) {
	if m.Cells == nil {
		m.Cells = map[Cell]CellSums{}
	}
	c := m.Cells[Cell{g, h}]
	c.Count++
	c.Weight += w
	m.Cells[Cell{g, h}] = c
	m.Kept++
}

// AddCell adds count entries of total weight w to cell (g, h): AddArc for
// sums a query engine has already grouped.
func (m *Mixing) AddCell(g, h string, count int64, w float64) {
	if m.Cells == nil {
		m.Cells = map[Cell]CellSums{}
	}
	c := m.Cells[Cell{g, h}]
	c.Count += count
	c.Weight += w
	m.Cells[Cell{g, h}] = c
	m.Kept += count
}

// AddMissing counts entries left out because an end has no value.
func (m *Mixing) AddMissing(entries int64) { m.Dropped += entries }

// Merge adds o.
func (m *Mixing) Merge(o *Mixing) {
	if len(o.Cells) > 0 && m.Cells == nil {
		m.Cells = make(map[Cell]CellSums, len(o.Cells))
	}
	for k, c := range o.Cells {
		x := m.Cells[k]
		x.Count += c.Count
		x.Weight += c.Weight
		m.Cells[k] = x
	}
	m.Kept += o.Kept
	for l, n := range o.Sizes {
		if m.Sizes == nil {
			m.Sizes = map[string]int64{}
		}
		m.Sizes[l] += n
	}
	m.MissingNodes += o.MissingNodes
	m.Dropped += o.Dropped
}

// Matrix builds the mixing matrix as homophily.MixingFromCodes does:
// groups in the order of network.SortLabels, Weights only when weighted.
// An error names a cell whose group has no node (the node summaries and
// the arcs disagree).
func (m *Mixing) Matrix(directed, weighted bool) (*homophily.Mixing, error) {
	labels := make([]string, 0, len(m.Sizes))
	for l := range m.Sizes {
		labels = append(labels, l)
	}
	network.SortLabels(labels)
	idx := make(map[string]int, len(labels))
	for i, l := range labels {
		idx[l] = i
	}
	k := len(labels)
	out := &homophily.Mixing{Labels: labels, Directed: directed, Sizes: make([]int, k)}
	for i, l := range labels {
		out.Sizes[i] = int(m.Sizes[l])
	}
	counts := make([]int64, k*k)
	var weights []float64
	if weighted {
		weights = make([]float64, k*k)
	}
	keys := sortedKeys(m.Cells, func(a, b Cell) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	for _, c := range keys {
		g, ok1 := idx[c.From]
		h, ok2 := idx[c.To]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("mergeable: mixing cell (%q, %q) names a group no node belongs to", c.From, c.To)
		}
		counts[g*k+h] += m.Cells[c].Count
		if weighted {
			weights[g*k+h] += m.Cells[c].Weight
		}
	}
	out.Counts = make([][]int64, k)
	for g := range out.Counts {
		out.Counts[g] = counts[g*k : (g+1)*k]
	}
	if weighted {
		out.Weights = make([][]float64, k)
		for g := range out.Weights {
			out.Weights[g] = weights[g*k : (g+1)*k]
		}
	}
	if directed {
		out.Edges, out.EdgesMissing = int(m.Kept), int(m.Dropped)
	} else {
		out.Edges, out.EdgesMissing = int(m.Kept/2), int(m.Dropped/2)
	}
	return out, nil
}

// Finish computes the homophily summary of attribute attr through
// homophily.FromMixing, the function homophily.Summarize ends in. Without
// weights the jackknife comes from the cells (homophily.JackknifeCells);
// with weights it needs a second pass over the edges: pass the finished
// MixingJackknife (nil without weights).
func (m *Mixing) Finish(attr string, directed, weighted bool, jk *MixingJackknife) (*homophily.Summary, error) {
	mix, err := m.Matrix(directed, weighted)
	if err != nil {
		return nil, err
	}
	se := math.NaN()
	switch {
	case !weighted:
		se = homophily.JackknifeCells(mix.Counts, directed)
	case jk != nil:
		se = jk.SE()
	}
	return homophily.FromMixing(attr, mix, int(m.MissingNodes), weighted, se), nil
}

// MixingJackknife is the second pass of Newman's jackknife for a weighted
// mixing matrix: removing edge e changes r to r_e, a function of the
// finished matrix and of e's two groups and weight only, and
// σ² = Σ_e (r_e − r)² is a plain sum, so it merges by addition. Build it
// from the first pass with NewMixingJackknife, then AddEdge once per edge
// (once per undirected edge, not per end). A histogram of (g, h, w) may
// feed it with counts.
type MixingJackknife struct {
	Sum float64 // Σ (r_e − r)² so far
	Bad bool    // some r_e (or r) is undefined

	jk    *homophily.NominalJackknife
	index map[string]int
}

// NewMixingJackknife prepares the second pass for the finished matrix mix
// (from Mixing.Matrix with weights).
func NewMixingJackknife(mix *homophily.Mixing) *MixingJackknife {
	idx := make(map[string]int, len(mix.Labels))
	for i, l := range mix.Labels {
		idx[l] = i
	}
	return &MixingJackknife{jk: homophily.NewNominalJackknife(mix.Matrix(), mix.Directed), index: idx}
}

// AddEdge adds count edges of weight w from group g to group h. A group
// not in the matrix is an error.
func (j *MixingJackknife) AddEdge(g, h string, w float64, count int64) error {
	a, ok1 := j.index[g]
	b, ok2 := j.index[h]
	if !ok1 || !ok2 {
		return fmt.Errorf("mergeable: jackknife edge (%q, %q) names a group not in the mixing matrix", g, h)
	}
	t := j.jk.Term(a, b, w)
	if math.IsNaN(t) {
		j.Bad = true
		return nil
	}
	j.Sum += float64(count) * t
	return nil
}

// Merge adds the sums of o (built from the same matrix).
func (j *MixingJackknife) Merge(o *MixingJackknife) {
	j.Sum += o.Sum
	j.Bad = j.Bad || o.Bad
}

// SE is the jackknife standard error, NaN when some removal leaves r
// undefined.
func (j *MixingJackknife) SE() float64 {
	if j.Bad {
		return math.NaN()
	}
	return math.Sqrt(j.Sum)
}
