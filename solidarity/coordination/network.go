package coordination

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Network returns the kept co-engagement edges as an undirected
// network.Network for drawing or further analysis. Edge columns: source,
// target (actor ids, source the lower dense index), weight (co-engagements),
// a_first, b_first, together, items. Node columns: id and cluster (the
// index into Clusters). Only actors in a kept edge appear. Release it.
func (r *Result) Network() (*network.Network, error) {
	people := r.People
	if people == nil {
		return nil, errors.New("coordination: the result carries no People index for actor ids (make it with Analyze)")
	}
	mem := memory.DefaultAllocator
	isStr := people.IsString()
	idType := arrow.DataType(arrow.PrimitiveTypes.Int64)
	if isStr {
		idType = arrow.BinaryTypes.String
	}
	idCol := func(ids []int32) arrow.Array {
		if isStr {
			b := array.NewStringBuilder(mem)
			defer b.Release()
			for _, p := range ids {
				b.Append(people.String(p))
			}
			return b.NewArray()
		}
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for _, p := range ids {
			b.Append(people.Int(p))
		}
		return b.NewArray()
	}
	i64 := func(f func(e Edge) int) arrow.Array {
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for _, e := range r.Edges {
			b.Append(int64(f(e)))
		}
		return b.NewArray()
	}
	src, dst := make([]int32, len(r.Edges)), make([]int32, len(r.Edges))
	for k, e := range r.Edges {
		src[k], dst[k] = e.A, e.B
	}
	wb := array.NewFloat64Builder(mem)
	for _, e := range r.Edges {
		wb.Append(float64(e.Weight()))
	}
	cols := []arrow.Array{idCol(src), idCol(dst), wb.NewArray(),
		i64(func(e Edge) int { return e.AFirst }), i64(func(e Edge) int { return e.BFirst }),
		i64(func(e Edge) int { return e.Together }), i64(func(e Edge) int { return e.Items })}
	wb.Release()
	I := arrow.PrimitiveTypes.Int64
	edges := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{
		{Name: network.ColSource, Type: idType}, {Name: network.ColTarget, Type: idType},
		{Name: network.ColWeight, Type: arrow.PrimitiveTypes.Float64}, {Name: "a_first", Type: I},
		{Name: "b_first", Type: I}, {Name: "together", Type: I}, {Name: "items", Type: I}}, nil), cols, int64(len(r.Edges)))
	for _, c := range cols {
		c.Release()
	}
	defer edges.Release()
	var members, cluster []int32
	for k, c := range r.Clusters {
		for _, p := range c {
			members = append(members, p)
			cluster = append(cluster, int32(k))
		}
	}
	cb := array.NewInt64Builder(mem)
	for _, c := range cluster {
		cb.Append(int64(c))
	}
	ncols := []arrow.Array{idCol(members), cb.NewArray()}
	cb.Release()
	nodes := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: network.ColID, Type: idType},
		{Name: "cluster", Type: I}}, nil), ncols, int64(len(members)))
	for _, c := range ncols {
		c.Release()
	}
	defer nodes.Release()
	n, err := network.New(edges, nodes, false, network.Columns{})
	if err != nil {
		return nil, err
	}
	n.Name = "co-engagement network"
	return n, nil
}
