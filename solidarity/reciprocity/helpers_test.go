package reciprocity

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// build makes a network from arcs; w may be nil (unweighted). ids and
// groups, when not nil, make a nodes table with an id and a "group" column
// ("" is a missing value).
func build(t testing.TB, directed bool, src, dst []int64, w []float64, ids []int64, groups []string) *network.Network {
	t.Helper()
	mem := memory.NewGoAllocator()
	fields := []arrow.Field{{Name: "source", Type: arrow.PrimitiveTypes.Int64}, {Name: "target", Type: arrow.PrimitiveTypes.Int64}}
	if w != nil {
		fields = append(fields, arrow.Field{Name: "weight", Type: arrow.PrimitiveTypes.Float64})
	}
	b := array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues(src, nil)
	b.Field(1).(*array.Int64Builder).AppendValues(dst, nil)
	if w != nil {
		b.Field(2).(*array.Float64Builder).AppendValues(w, nil)
	}
	edges := b.NewRecordBatch()
	defer edges.Release()
	var nodes arrow.RecordBatch
	if ids != nil {
		nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "group", Type: arrow.BinaryTypes.String, Nullable: true},
		}, nil))
		defer nb.Release()
		nb.Field(0).(*array.Int64Builder).AppendValues(ids, nil)
		gb := nb.Field(1).(*array.StringBuilder)
		for k := range ids {
			if groups == nil || groups[k] == "" {
				gb.AppendNull()
			} else {
				gb.Append(groups[k])
			}
		}
		nodes = nb.NewRecordBatch()
		defer nodes.Release()
	}
	n, err := network.New(edges, nodes, directed, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Release)
	return n
}
