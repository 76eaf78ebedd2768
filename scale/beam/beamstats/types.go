package beamstats

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// The element types below travel between workers. They are flat structs
// of numbers and strings, which Beam encodes with its schema (row) coder;
// keys are strings so that every runner groups them by their bytes.

// PairPart sums the non-loop records between two distinct nodes A < B
// (ordered by their id text): how many records and their summed weight in
// each direction. For an undirected network every record counts as A→B.
// Merging two parts adds them, which is the merge rule of the core
// (parallel records merge with their weights added).
type PairPart struct {
	NAB, NBA int64
	WAB, WBA float64
}

// NodePart is what one record, one pair or one nodes-table row says about
// a node. Merged per node id by adding the counts.
type NodePart struct {
	// Out and In count distinct out- and in-neighbours (for an undirected
	// network both hold the degree); Mutual the neighbours linked both ways.
	Out, In, Mutual int64
	// Rows counts the node's rows in the nodes tables (more than one is an
	// error, as in the core); Attrs the rows with at least one attribute.
	Rows, Attrs int64
	// Group is the node's category label of the chosen attribute, when
	// HasGroup.
	Group    string
	HasGroup bool
}

// Arc is one adjacency entry src→Dst of the merged network, keyed by src.
// An undirected edge gives two entries, as in the core's Simple view.
type Arc struct {
	Dst string
	W   float64
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
}

// ArcSums are the whole-network sums over merged pairs.
type ArcSums struct {
	Parallel, Simple   int64 // records merged into an earlier arc; merged edges
	Arcs, Reciprocated int64 // L and L<-> (undirected: adjacency entries)
	W, WRec            float64
	Neg, Inf           int64 // merged arcs with a negative or infinite weight
}

// NodeSums are the whole-network sums over nodes.
type NodeSums struct {
	Nodes, Isolated, NoAttrs, Missing, Duplicates int64
	DuplicateID                                   string // one id listed twice, for the error
}

// CellSum is one cell of the mixing matrix: adjacency entries and their
// summed merged weights.
type CellSum struct {
	N int64
	W float64
}

func init() {
	for _, t := range []any{PairPart{}, NodePart{}, Arc{}, NodeInfo{}, Half{}, ArcSums{}, NodeSums{}, CellSum{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
}

// sep joins the parts of a composite key. Node ids and labels are text read
// from files; a NUL byte in one is not something edge lists carry.
const sep = "\x00"

func joinKey(parts ...string) string { return strings.Join(parts, sep) }

func splitKey(k string) []string { return strings.Split(k, sep) }

func intKey(a ...int64) string {
	s := make([]string, len(a))
	for i, v := range a {
		s[i] = strconv.FormatInt(v, 10)
	}
	return joinKey(s...)
}

func parseInts(k string) ([]int64, error) {
	p := splitKey(k)
	out := make([]int64, len(p))
	for i, s := range p {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
