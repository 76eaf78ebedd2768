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
// matter. Each type has its own named coder functions: Beam finds coders
// on the workers by symbol name, and the instances of one generic function
// would share a name.
func init() {
	for _, c := range []struct {
		t        any
		enc, dec any
	}{
		{Totals{}, encodeTotals, decodeTotals},
		{mergeable.Reciprocity{}, encodeReciprocity, decodeReciprocity},
		{mergeable.Mixing{}, encodeMixing, decodeMixing},
		{mergeable.DegreePairs{}, encodeDegreePairs, decodeDegreePairs},
	} {
		t := reflect.TypeOf(c.t)
		beam.RegisterType(t)
		beam.RegisterCoder(t, c.enc, c.dec)
	}
}

func encodeTotals(t Totals) ([]byte, error)                     { return gobEncode(t) }
func decodeTotals(b []byte) (Totals, error)                     { return gobDecode[Totals](b) }
func encodeReciprocity(r mergeable.Reciprocity) ([]byte, error) { return gobEncode(r) }
func decodeReciprocity(b []byte) (mergeable.Reciprocity, error) {
	return gobDecode[mergeable.Reciprocity](b)
}
func encodeMixing(m mergeable.Mixing) ([]byte, error)           { return gobEncode(m) }
func decodeMixing(b []byte) (mergeable.Mixing, error)           { return gobDecode[mergeable.Mixing](b) }
func encodeDegreePairs(d mergeable.DegreePairs) ([]byte, error) { return gobEncode(d) }
func decodeDegreePairs(b []byte) (mergeable.DegreePairs, error) {
	return gobDecode[mergeable.DegreePairs](b)
}

func gobEncode(v any) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func gobDecode[T any](data []byte) (T, error) {
	var t T
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(&t)
	return t, err
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
