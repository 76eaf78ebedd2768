package beamstats

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"strconv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/algosolidarity/toolkit/solidarity/mergeable"
)

// Totals gathers every summary the report is finished from: the core's
// mergeable summaries plus the load counts. Each stream of the pipeline
// ends in a small Totals and MergeTotals adds them up. The maps inside
// hold what was keyed (degree pairs, (degree, mutual) pairs, cells,
// groups), never one entry per edge or node.
type Totals struct {
	Load  LoadSums
	Nodes NodeSums
	Rec   mergeable.Reciprocity
	// Deg holds the degree-pair histograms by mode (index into modes).
	Deg map[int]*mergeable.DegreePairs
	Mix mergeable.Mixing
	// WJack counts the edges of each (cell, weight), for the weighted
	// jackknife's second pass (run in the finish).
	WJack map[WKey]int64
}

// WKey is a mixing cell and an edge weight.
type WKey struct {
	G, H string
	W    float64
}

// The accumulators hold maps with struct keys, which gob encodes. They
// travel once per bundle and key, so gob's per-value type header does not
// matter.
func gobCoder[T any]() (func(T) ([]byte, error), func([]byte) (T, error)) {
	return func(t T) ([]byte, error) {
			var b bytes.Buffer
			err := gob.NewEncoder(&b).Encode(t)
			return b.Bytes(), err
		}, func(data []byte) (T, error) {
			var t T
			err := gob.NewDecoder(bytes.NewReader(data)).Decode(&t)
			return t, err
		}
}

func init() {
	registerGob[Totals]()
	registerGob[mergeable.Reciprocity]()
	registerGob[mergeable.Mixing]()
	registerGob[mergeable.DegreePairs]()
}

func registerGob[T any]() {
	t := reflect.TypeOf((*T)(nil)).Elem()
	enc, dec := gobCoder[T]()
	beam.RegisterType(t)
	beam.RegisterCoder(t, enc, dec)
}

// MergeTotals adds b into a and returns a.
func MergeTotals(a, b Totals) Totals {
	a.Load = mergeLoad(a.Load, b.Load)
	a.Nodes = mergeNodeSums(a.Nodes, b.Nodes)
	a.Rec.Merge(&b.Rec)
	for m, d := range b.Deg {
		if a.Deg == nil {
			a.Deg = map[int]*mergeable.DegreePairs{}
		}
		if a.Deg[m] == nil {
			a.Deg[m] = &mergeable.DegreePairs{}
		}
		a.Deg[m].Merge(d)
	}
	a.Mix.Merge(&b.Mix)
	for k, n := range b.WJack {
		if a.WJack == nil {
			a.WJack = map[WKey]int64{}
		}
		a.WJack[k] += n
	}
	return a
}

func loadTotals(l LoadSums) Totals             { return Totals{Load: l} }
func nodeTotals(n NodeSums) Totals             { return Totals{Nodes: n} }
func recTotals(r mergeable.Reciprocity) Totals { return Totals{Rec: r} }
func mixTotals(m mergeable.Mixing) Totals      { return Totals{Mix: m} }
func degTotals(mode int, d mergeable.DegreePairs) Totals {
	return Totals{Deg: map[int]*mergeable.DegreePairs{mode: &d}}
}

// cellTotals adds one cell's keyed sums (or the entries left out).
func cellTotals(k string, c mergeable.CellSums) Totals {
	var t Totals
	if k == droppedKey {
		t.Mix.AddMissing(c.Count)
		return t
	}
	p := splitKey(k)
	t.Mix.AddCell(p[0], p[1], c.Count, c.Weight)
	return t
}

func wjackTotals(k string, n int64) (Totals, error) {
	p := splitKey(k)
	w, err := strconv.ParseFloat(p[2], 64)
	if err != nil {
		return Totals{}, fmt.Errorf("beamstats: weight key %q: %w", k, err)
	}
	return Totals{WJack: map[WKey]int64{{G: p[0], H: p[1], W: w}: n}}, nil
}
