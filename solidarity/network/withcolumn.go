package network

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// WithNodeColumn returns a network with the same edges whose nodes table
// holds one more column, name, with values[i] the value of dense node i
// (values must have N() entries; nulls mean missing). A column of the same
// name is replaced. The new nodes table lists every node, those that were
// only in the edges included (their other attributes null), in dense order,
// so dense indices are unchanged and every analysis that reads attributes
// by name (Categories, Numbers, Stats, Homophily) can use the column.
//
// The result shares the index and the merged adjacency with n (nothing is
// rebuilt); release both. The caller keeps its reference to values.
func (n *Network) WithNodeColumn(name string, values arrow.Array) (*Network, error) {
	N := n.N()
	if name == "" || name == n.cols.ID {
		return nil, fmt.Errorf("network: cannot add a node column named %q (the id column is %q)", name, n.cols.ID)
	}
	if values == nil || values.Len() != N {
		got := 0
		if values != nil {
			got = values.Len()
		}
		return nil, fmt.Errorf("network: node column %q has %d values for %d nodes", name, got, N)
	}
	mem := memory.NewGoAllocator()
	var fields []arrow.Field
	var cols []arrow.Array
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	// Ids in dense order.
	if n.index.isStr {
		b := array.NewStringBuilder(mem)
		b.AppendValues(n.index.strs, nil)
		cols = append(cols, b.NewArray())
		b.Release()
		fields = append(fields, arrow.Field{Name: n.cols.ID, Type: arrow.BinaryTypes.String})
	} else {
		b := array.NewInt64Builder(mem)
		b.AppendValues(n.index.ints, nil)
		cols = append(cols, b.NewArray())
		b.Release()
		fields = append(fields, arrow.Field{Name: n.cols.ID, Type: arrow.PrimitiveTypes.Int64})
	}
	rows := n.index.NodeRows
	if n.nodes != nil {
		for c, f := range n.nodes.Schema().Fields() {
			if f.Name == n.cols.ID || f.Name == name {
				continue
			}
			a := n.nodes.Column(c)
			if rows < N {
				pad := array.MakeArrayOfNull(mem, f.Type, N-rows)
				joined, err := array.Concatenate([]arrow.Array{a, pad}, mem)
				pad.Release()
				if err != nil {
					return nil, fmt.Errorf("network: extending node column %q: %w", f.Name, err)
				}
				a = joined
			} else {
				a.Retain()
			}
			f.Nullable = true
			cols = append(cols, a)
			fields = append(fields, f)
		}
	}
	values.Retain()
	cols = append(cols, values)
	fields = append(fields, arrow.Field{Name: name, Type: values.DataType(), Nullable: true})
	nodes := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(N))

	ix := *n.index // shares the id slices and maps, read-only from here on
	ix.NodeRows = N
	m := &Network{Name: n.Name, directed: n.directed, cols: n.cols, edges: n.edges, nodes: nodes,
		index: &ix, weight: n.weight, simple: n.Simple()}
	m.simpleOnce.Do(func() {})
	n.edges.Retain()
	m.report = n.report
	m.report.NodeRows = N
	m.report.NodesOnlyInEdges = 0
	m.report.NodeColumns = nil
	for _, f := range fields {
		m.report.NodeColumns = append(m.report.NodeColumns, f.Name)
	}
	m.report.NodesNoAttrs = 0
	for i := 0; i < N; i++ {
		all := true
		for c := 1; c < len(cols) && all; c++ {
			if !cols[c].IsNull(i) {
				all = false
			}
		}
		if all {
			m.report.NodesNoAttrs++
		}
	}
	return m, nil
}
