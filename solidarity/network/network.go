package network

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/internal/pool"
)

// Default column names. Readers and callers may use others and say so in Columns.
const (
	ColSource = "source"
	ColTarget = "target"
	ColWeight = "weight"
	ColTime   = "time"
	ColKind   = "kind"
	ColID     = "id"
)

// Columns names the edge and node columns that carry structure. Empty fields
// take the defaults above; Weight may be "-" to ignore a weight column.
type Columns struct {
	Source, Target, Weight, ID string
}

func (c Columns) withDefaults() Columns {
	if c.Source == "" {
		c.Source = ColSource
	}
	if c.Target == "" {
		c.Target = ColTarget
	}
	if c.Weight == "" {
		c.Weight = ColWeight
	}
	if c.ID == "" {
		c.ID = ColID
	}
	return c
}

// Network is a directed or undirected network backed by Arrow tables.
// Build one with New; call Release when done.
type Network struct {
	Name     string // where it came from (file or data set), for messages
	directed bool
	cols     Columns
	edges    arrow.RecordBatch
	nodes    arrow.RecordBatch // may be nil
	index    *Index
	src, dst []int32   // dense endpoints of every edge record
	weight   []float64 // per record; nil when there is no weight column
	report   Report

	simpleOnce sync.Once
	simple     *Simple
	endOnce    sync.Once // rebuilds src, dst on demand after New drops them
}

// Report says what was loaded, without hiding anything.
type Report struct {
	Directed         bool     `json:"directed"`
	EdgeRecords      int      `json:"edge_records"`             // rows of the edges table
	SelfLoops        int      `json:"self_loops"`               // records with source == target
	ParallelEdges    int      `json:"parallel_edges"`           // non-loop records beyond the first for the same pair
	SimpleEdges      int      `json:"simple_edges"`             // edges after merging parallels and dropping loops
	Nodes            int      `json:"nodes"`                    // distinct ids in the nodes table and the edges
	NodeRows         int      `json:"node_rows"`                // rows of the nodes table
	NodesOnlyInEdges int      `json:"nodes_only_in_edges"`      // ids in edges but not in the nodes table
	NodesNoAttrs     int      `json:"nodes_without_attributes"` // nodes with no attribute value (only-in-edges included)
	IsolatedNodes    int      `json:"isolated_nodes"`           // nodes without any non-loop edge
	Weighted         bool     `json:"weighted"`
	EdgeColumns      []string `json:"edge_columns"`
	NodeColumns      []string `json:"node_columns"`
}

// New indexes the edges (and optional nodes) record batches. The edges batch
// needs integer or string source and target columns; the nodes batch an id
// column of the same kind. New retains both batches: the caller may release
// its own references. An error names the column and row at fault.
func New(edges, nodes arrow.RecordBatch, directed bool, cols Columns) (*Network, error) {
	if edges == nil {
		return nil, errors.New("network: no edges table")
	}
	cols = cols.withDefaults()
	if err := checkTable(edges, "edges"); err != nil {
		return nil, err
	}
	if nodes != nil {
		if err := checkTable(nodes, "nodes"); err != nil {
			return nil, err
		}
	}
	n := &Network{directed: directed, cols: cols, edges: edges, nodes: nodes}
	srcCol, err := column(edges, cols.Source, "edges")
	if err != nil {
		return nil, err
	}
	dstCol, err := column(edges, cols.Target, "edges")
	if err != nil {
		return nil, err
	}
	if !isID(srcCol.DataType()) || !arrow.TypeEqual(srcCol.DataType(), dstCol.DataType()) {
		return nil, fmt.Errorf("network: edges columns %q (%s) and %q (%s): want both integer or both string ids",
			cols.Source, srcCol.DataType(), cols.Target, dstCol.DataType())
	}
	isStr := isStringType(srcCol.DataType())
	rows := int(edges.NumRows())
	var ix *Index
	var nodeRows int
	var idCol arrow.Array
	if nodes != nil {
		idCol, err = column(nodes, cols.ID, "nodes")
		if err != nil {
			return nil, err
		}
		nodeRows = int(nodes.NumRows())
		if isStringType(idCol.DataType()) != isStr || !isID(idCol.DataType()) {
			return nil, fmt.Errorf("network: nodes column %q is %s but edge ids are %s: convert one so they match",
				cols.ID, idCol.DataType(), srcCol.DataType())
		}
	}
	if isStr {
		ix = NewStringIndex(nodeRows + rows/4)
	} else {
		ix = NewIntIndex(0)
		max, ok := maxID(srcCol)
		if m2, ok2 := maxID(dstCol); ok && ok2 {
			max = maxI(max, m2)
		} else {
			ok = false
		}
		if idCol != nil {
			m3, ok3 := maxID(idCol)
			ok = ok && ok3
			max = maxI(max, m3)
		}
		// A flat lookup array costs 4 bytes per possible id; take it when
		// ids are compact (at most 8 possible ids per record).
		if ok && max < int64(8*(rows+nodeRows)+1024) {
			ix.useDense(max)
		} else {
			ix.intPos = make(map[int64]int32, nodeRows+rows/4)
		}
	}
	// Nodes first, so dense index i is nodes row i.
	for i := 0; i < nodeRows; i++ {
		if idCol.IsNull(i) {
			return nil, fmt.Errorf("network: nodes row %d: column %q is empty (every node needs an id)", i+1, cols.ID)
		}
		before := ix.Len()
		var got int32
		if isStr {
			got = ix.AddString(stringAt(idCol, i))
		} else {
			v, _ := intAt(idCol, i)
			got = ix.AddInt(v)
		}
		if int(got) != before {
			return nil, &DuplicateIDError{Row: i, ID: ix.String(got)}
		}
	}
	ix.NodeRows = nodeRows
	n.src = make([]int32, rows)
	n.dst = make([]int32, rows)
	for k, c := range []arrow.Array{srcCol, dstCol} {
		out := n.src
		name := cols.Source
		if k == 1 {
			out = n.dst
			name = cols.Target
		}
		if c.NullN() > 0 {
			for i := 0; i < rows; i++ {
				if c.IsNull(i) {
					return nil, fmt.Errorf("network: edges row %d: column %q is empty (every edge needs both ends)", i+1, name)
				}
			}
		}
		switch a := c.(type) {
		case *array.Int64:
			ix.addInts(a.Int64Values(), out)
		case *array.Int32:
			for i, v := range a.Int32Values() {
				out[i] = ix.AddInt(int64(v))
			}
		default:
			for i := 0; i < rows; i++ {
				if isStr {
					out[i] = ix.AddString(stringAt(c, i))
				} else {
					v, _ := intAt(c, i)
					out[i] = ix.AddInt(v)
				}
			}
		}
	}
	n.index = ix
	if wi := edges.Schema().FieldIndices(cols.Weight); cols.Weight != "-" && len(wi) > 0 {
		var w []float64
		if f, ok := edges.Column(wi[0]).(*array.Float64); ok && f.NullN() == 0 {
			w = f.Float64Values() // no copy: the Network retains the table
		} else if w, err = Float64s(edges.Column(wi[0]), "edges", cols.Weight); err != nil {
			return nil, err
		}
		for i, v := range w {
			if math.IsNaN(v) {
				return nil, fmt.Errorf("network: edges row %d: column %q is empty or NaN (weights must be numbers)", i+1, cols.Weight)
			}
			if math.IsInf(v, 0) {
				// +Inf and -Inf parallel weights would merge to NaN, and any
				// infinite weight makes strengths and sums meaningless.
				return nil, fmt.Errorf("network: edges row %d: column %q is %v (weights must be finite numbers; a value such as 1e400 overflows float64)", i+1, cols.Weight, v)
			}
		}
		n.weight = w
	}
	edges.Retain()
	if nodes != nil {
		nodes.Retain()
	}
	n.fillReport() // builds the merged view, dropping src and dst
	return n, nil
}

func (n *Network) fillReport() {
	r := &n.report
	r.Directed = n.directed
	r.EdgeRecords = int(n.edges.NumRows())
	r.Nodes = n.index.Len()
	r.NodeRows = n.index.NodeRows
	r.NodesOnlyInEdges = r.Nodes - r.NodeRows
	r.Weighted = n.weight != nil
	for _, f := range n.edges.Schema().Fields() {
		r.EdgeColumns = append(r.EdgeColumns, f.Name)
	}
	if n.nodes != nil {
		for _, f := range n.nodes.Schema().Fields() {
			r.NodeColumns = append(r.NodeColumns, f.Name)
		}
	}
	r.NodesNoAttrs = r.NodesOnlyInEdges
	if n.nodes != nil && n.nodes.NumCols() > 1 {
		for i := 0; i < r.NodeRows; i++ {
			all := true
			for c := 0; c < int(n.nodes.NumCols()) && all; c++ {
				if n.nodes.ColumnName(c) != n.cols.ID && !n.nodes.Column(c).IsNull(i) {
					all = false
				}
			}
			if all {
				r.NodesNoAttrs++
			}
		}
	} else {
		r.NodesNoAttrs = r.Nodes
	}
	s := n.Simple()
	r.SelfLoops = s.Loops
	r.ParallelEdges = s.Parallel
	r.SimpleEdges = s.Edges
	for i := 0; i < s.N; i++ {
		if s.OutStart[i+1] == s.OutStart[i] && s.InStart[i+1] == s.InStart[i] {
			r.IsolatedNodes++
		}
	}
}

// Release releases the Arrow tables. The Network must not be used afterwards.
func (n *Network) Release() {
	if n.edges != nil {
		n.edges.Release()
		n.edges = nil
	}
	if n.nodes != nil {
		n.nodes.Release()
		n.nodes = nil
	}
}

// Directed reports whether edges have a direction.
func (n *Network) Directed() bool { return n.directed }

// Edges returns the raw edges table, exactly as read. Do not release it.
func (n *Network) Edges() arrow.RecordBatch { return n.edges }

// Nodes returns the raw nodes table, or nil if none was given. Do not release it.
func (n *Network) Nodes() arrow.RecordBatch { return n.nodes }

// Columns returns the structural column names in use.
func (n *Network) Columns() Columns { return n.cols }

// Index returns the dense node index.
func (n *Network) Index() *Index { return n.index }

// N is the number of nodes (distinct ids in nodes and edges).
func (n *Network) N() int { return n.index.Len() }

// Report says what was loaded.
func (n *Network) Report() Report { return n.report }

// Endpoints returns the dense source and target of every edge record, in
// table order (loops and parallel edges included). Do not modify. The
// first call after New rebuilds them from the edges table (New keeps only
// the merged view, to save 8 bytes per record); later calls are free.
func (n *Network) Endpoints() (src, dst []int32) {
	n.endOnce.Do(func() {
		if n.src == nil {
			n.src, n.dst = n.lookupEndpoints()
		}
	})
	return n.src, n.dst
}

// lookupEndpoints maps the source and target columns through the index,
// which holds every id, in parallel for integer ids.
func (n *Network) lookupEndpoints() (src, dst []int32) {
	rows := int(n.edges.NumRows())
	src, dst = make([]int32, rows), make([]int32, rows)
	for k, name := range []string{n.cols.Source, n.cols.Target} {
		out := src
		if k == 1 {
			out = dst
		}
		c, err := column(n.edges, name, "edges")
		if err != nil {
			panic(err) // New checked the column
		}
		ix := n.index
		part := evenSplit(rows, workers(rows))
		pool.Parts(len(part)-1, func(p int) {
			lo, hi := part[p], part[p+1]
			switch a := c.(type) {
			case *array.Int64:
				for i, v := range a.Int64Values()[lo:hi] {
					out[lo+i], _ = ix.LookupInt(v)
				}
			case *array.Int32:
				for i, v := range a.Int32Values()[lo:hi] {
					out[lo+i], _ = ix.LookupInt(int64(v))
				}
			default:
				for i := lo; i < hi; i++ {
					if ix.isStr {
						out[i], _ = ix.strPos[stringAt(c, i)]
					} else {
						v, _ := intAt(c, i)
						out[i], _ = ix.LookupInt(v)
					}
				}
			}
		})
	}
	return src, dst
}

// Weights returns the weight of every edge record, or nil when unweighted.
// It may be the Arrow column's own memory: do not modify.
func (n *Network) Weights() []float64 { return n.weight }

// Simple returns the merged, loop-free adjacency, building it on first use.
func (n *Network) Simple() *Simple {
	n.simpleOnce.Do(func() { // run by New, while src and dst are set
		src, dst := n.src, n.dst
		if src == nil {
			src, dst = n.Endpoints()
		}
		big := len(src) >= 1<<21
		n.simple = buildSimple(n.index.Len(), src, dst, n.weight, n.directed, func() {
			// The dense endpoints are rebuilt by Endpoints if anyone asks;
			// on a large network, collect them now so the In rows and the
			// analyses reuse their memory instead of growing the process.
			n.src, n.dst = nil, nil
			if big {
				runtime.GC()
			}
		})
	})
	return n.simple
}

// checkTable refuses a table whose columns do not all have its row count,
// or whose buffers are inconsistent (arrow's O(1) check): every later
// read trusts both, and a table from a damaged file may break them.
func checkTable(rec arrow.RecordBatch, table string) error {
	for i, c := range rec.Columns() {
		if int64(c.Len()) != rec.NumRows() {
			return fmt.Errorf("network: %s table column %q has %d rows, the table %d: want columns of equal length (damaged input?)",
				table, rec.Schema().Field(i).Name, c.Len(), rec.NumRows())
		}
	}
	if err := array.ValidateRecord(rec); err != nil {
		return fmt.Errorf("network: %s table: %w (damaged input?)", table, err)
	}
	return nil
}

func column(rec arrow.RecordBatch, name, table string) (arrow.Array, error) {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		have := make([]string, 0, rec.NumCols())
		for _, f := range rec.Schema().Fields() {
			have = append(have, f.Name)
		}
		return nil, fmt.Errorf("network: %s table has no column %q (columns: %v)", table, name, have)
	}
	return rec.Column(idx[0]), nil
}

func isStringType(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	}
	return false
}

func isID(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64,
		arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return true
	}
	return isStringType(t)
}

func stringAt(a arrow.Array, i int) string {
	switch s := a.(type) {
	case *array.String:
		return s.Value(i)
	case *array.LargeString:
		return s.Value(i)
	case *array.StringView:
		return s.Value(i)
	}
	return a.ValueStr(i)
}

func intAt(a arrow.Array, i int) (int64, bool) {
	if a.IsNull(i) {
		return 0, false
	}
	switch v := a.(type) {
	case *array.Int64:
		return v.Value(i), true
	case *array.Int32:
		return int64(v.Value(i)), true
	case *array.Int16:
		return int64(v.Value(i)), true
	case *array.Int8:
		return int64(v.Value(i)), true
	case *array.Uint64:
		return int64(v.Value(i)), true
	case *array.Uint32:
		return int64(v.Value(i)), true
	case *array.Uint16:
		return int64(v.Value(i)), true
	case *array.Uint8:
		return int64(v.Value(i)), true
	}
	return 0, false
}

// Float64s converts a numeric column to float64, nulls becoming NaN. The
// table and column names only serve the error message.
func Float64s(a arrow.Array, table, name string) ([]float64, error) {
	out := make([]float64, a.Len())
	switch v := a.(type) {
	case *array.Float64:
		copy(out, v.Float64Values())
	case *array.Float32:
		for i, x := range v.Float32Values() {
			out[i] = float64(x)
		}
	case *array.Boolean:
		for i := range out {
			if v.Value(i) {
				out[i] = 1
			}
		}
	default:
		if !arrow.IsInteger(a.DataType().ID()) {
			return nil, fmt.Errorf("network: %s column %q is %s: want numbers", table, name, a.DataType())
		}
		for i := range out {
			x, _ := intAt(a, i)
			out[i] = float64(x)
		}
	}
	if a.NullN() > 0 {
		for i := range out {
			if a.IsNull(i) {
				out[i] = math.NaN()
			}
		}
	}
	return out, nil
}

func maxI(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// maxID is the largest id of an integer column and false if any id is
// negative (nulls count as 0).
func maxID(a arrow.Array) (int64, bool) {
	max := int64(-1)
	switch v := a.(type) {
	case *array.Int64:
		neg := false
		for _, x := range v.Int64Values() {
			if x > max {
				max = x
			}
			neg = neg || x < 0
		}
		if !neg || v.NullN() == 0 {
			return max, !neg
		}
		max = -1
	case *array.Int32:
		neg := false
		for _, x := range v.Int32Values() {
			if int64(x) > max {
				max = int64(x)
			}
			neg = neg || x < 0
		}
		if !neg || v.NullN() == 0 {
			return max, !neg
		}
		max = -1
	}
	for i := 0; i < a.Len(); i++ {
		x, _ := intAt(a, i)
		if x < 0 {
			return max, false
		}
		if x > max {
			max = x
		}
	}
	return max, true
}
