package beamstats

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/algosolidarity/toolkit/solidarity/mergeable"
)

// The element types below travel between workers. They are flat structs
// of numbers and strings, which Beam encodes with its schema (row) coder;
// keys are strings so that every runner groups them by their bytes. The
// summaries themselves are the core's (package mergeable), so this path,
// the in-memory one and the DuckDB one share their definition.

// NodePart is what one pair or one nodes-table row says about a node,
// merged per node id by adding (mergeNodes).
type NodePart struct {
	// Out, In and Mutual are mergeable.Node's: distinct out-, in- and
	// mutual neighbours (for an undirected network Out and In hold the
	// degree).
	Out, In, Mutual int64
	// Rows counts the node's rows in the nodes tables (more than one is an
	// error, as in the core); Attrs the rows with at least one attribute.
	Rows, Attrs int64
	// Group is the node's category label of the chosen attribute, when
	// HasGroup.
	Group    string
	HasGroup bool
}

func (p NodePart) node() mergeable.Node {
	return mergeable.Node{Out: p.Out, In: p.In, Mutual: p.Mutual}
}

// Arc is one adjacency entry src→Dst of the merged network, keyed by src.
// An undirected edge gives two entries, as in the core's Simple view;
// First marks one of them (the entry from the smaller id), so that terms
// counted once per edge are.
type Arc struct {
	Dst   string
	W     float64
	First bool
}

// NodeInfo is what the per-edge joins need of a node with arcs.
type NodeInfo struct {
	Out, In  int64
	Group    string
	HasGroup bool
}

// Half is an arc after the first join: the source's degrees and group
// attached, keyed by the target.
type Half struct {
	Out, In  int64
	Group    string
	HasGroup bool
	W        float64
	First    bool
}

// Label is a node's group for mergeable.Mixing.AddNode.
type Label struct {
	Group    string
	HasGroup bool
}

// NodeSums are the whole-network counts over nodes that the load report
// needs beyond the summaries.
type NodeSums struct {
	Nodes, Rows, Isolated, NoAttrs, Duplicates int64
	DuplicateID                                string // one id listed twice, for the error
}

// DegArc is an arc's degree pair for one degree mode.
type DegArc struct {
	X, Y  int64
	First bool
}

func init() {
	for _, t := range []any{mergeable.Pair{}, mergeable.Node{}, mergeable.CellSums{}, NodePart{}, Arc{}, NodeInfo{}, Half{}, Label{}, NodeSums{}, DegArc{}, LoadSums{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
}

// sep joins the parts of a composite key. Node ids and labels are text read
// from files; a NUL byte in one is not something edge lists carry.
const sep = "\x00"

func joinKey(parts ...string) string { return strings.Join(parts, sep) }

func splitKey(k string) []string { return strings.Split(k, sep) }

func wKey(g, h string, w float64) string {
	return joinKey(g, h, strconv.FormatFloat(w, 'g', -1, 64))
}
