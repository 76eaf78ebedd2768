package beamstats

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"strconv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Totals gathers every summary the report is finished from. Each keyed
// result becomes a small Totals and MergeTotals adds them; the maps hold
// what was keyed (their size is the number of distinct keys: groups,
// degree pairs, cells), never one entry per edge or node.
type Totals struct {
	Load  LoadSums
	Arcs  ArcSums
	Nodes NodeSums
	// Groups counts the nodes of each group label.
	Groups map[string]int64
	// Jack counts the nodes with arcs by (out+in degree, mutual neighbours).
	Jack map[JackKey]int64
	// Deg counts adjacency entries by degree mode and the degrees at the
	// two ends.
	Deg map[DegKey]int64
	// Cells is the mixing matrix by label pair; Dropped counts the
	// adjacency entries left out for a missing group.
	Cells   map[CellKey]CellSum
	Dropped int64
	// WJack counts adjacency entries by cell and merged weight (weighted
	// jackknife only).
	WJack map[WKey]int64
}

// JackKey is a node's out+in degree and its number of mutual neighbours.
type JackKey struct{ Degree, Mutual int64 }

// DegKey is a degree mode (index into modeNames) and the degrees x of the
// source and y of the target.
type DegKey struct {
	Mode int
	X, Y int64
}

// CellKey is a cell of the mixing matrix: source and target group labels.
type CellKey struct{ G, H string }

// WKey is a cell and an edge weight.
type WKey struct {
	G, H string
	W    float64
}

func init() {
	beam.RegisterType(reflect.TypeOf(Totals{}))
	beam.RegisterCoder(reflect.TypeOf(Totals{}), encodeTotals, decodeTotals)
}

// Totals holds maps with struct keys, which gob encodes; it travels a few
// times per pipeline, so gob's per-value type header does not matter.
func encodeTotals(t Totals) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(t)
	return b.Bytes(), err
}

func decodeTotals(data []byte) (Totals, error) {
	var t Totals
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(&t)
	return t, err
}

// MergeTotals adds b into a and returns a.
func MergeTotals(a, b Totals) Totals {
	a.Load = mergeLoad(a.Load, b.Load)
	a.Arcs = mergeArcSums(a.Arcs, b.Arcs)
	a.Nodes = mergeNodeSums(a.Nodes, b.Nodes)
	a.Dropped += b.Dropped
	a.Groups = addMap(a.Groups, b.Groups, func(x, y int64) int64 { return x + y })
	a.Jack = addMap(a.Jack, b.Jack, func(x, y int64) int64 { return x + y })
	a.Deg = addMap(a.Deg, b.Deg, func(x, y int64) int64 { return x + y })
	a.Cells = addMap(a.Cells, b.Cells, mergeCells)
	a.WJack = addMap(a.WJack, b.WJack, func(x, y int64) int64 { return x + y })
	return a
}

func addMap[K comparable, V any](a, b map[K]V, add func(V, V) V) map[K]V {
	if len(b) == 0 {
		return a
	}
	if a == nil {
		a = make(map[K]V, len(b))
	}
	for k, v := range b {
		if old, ok := a[k]; ok {
			a[k] = add(old, v)
		} else {
			a[k] = v
		}
	}
	return a
}

func loadTotals(l LoadSums) Totals { return Totals{Load: l} }
func arcTotals(a ArcSums) Totals   { return Totals{Arcs: a} }
func nodeTotals(n NodeSums) Totals { return Totals{Nodes: n} }
func groupTotals(g string, n int64) Totals {
	return Totals{Groups: map[string]int64{g: n}}
}

func jackTotals(k string, n int64) Totals {
	v, _ := parseInts(k)
	return Totals{Jack: map[JackKey]int64{{Degree: v[0], Mutual: v[1]}: n}}
}

func degTotals(k string, n int64) Totals {
	v, _ := parseInts(k)
	return Totals{Deg: map[DegKey]int64{{Mode: int(v[0]), X: v[1], Y: v[2]}: n}}
}

func cellTotals(k string, c CellSum) Totals {
	if k == droppedKey {
		return Totals{Dropped: c.N}
	}
	p := splitKey(k)
	return Totals{Cells: map[CellKey]CellSum{{G: p[0], H: p[1]}: c}}
}

func wjackTotals(k string, n int64) Totals {
	p := splitKey(k)
	w, _ := strconv.ParseFloat(p[2], 64)
	return Totals{WJack: map[WKey]int64{{G: p[0], H: p[1], W: w}: n}}
}
