package network_test

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// A network from an Arrow table of engagement records: two likes from 1 to
// 2 (parallel records), one back from 2 to 1, and a self-loop. The report
// says what the one rule for messy input did with them.
func ExampleNew() {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "source", Type: arrow.PrimitiveTypes.Int64},
		{Name: "target", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 1, 2, 3}, nil)
	b.Field(1).(*array.Int64Builder).AppendValues([]int64{2, 2, 1, 3}, nil)
	rec := b.NewRecordBatch()
	defer rec.Release()

	n, err := network.New(rec, nil, true, network.Columns{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	r := n.Report()
	fmt.Printf("%d records, %d self-loop, %d parallel, %d simple arcs, %d nodes\n",
		r.EdgeRecords, r.SelfLoops, r.ParallelEdges, r.SimpleEdges, r.Nodes)
	one, _ := n.Index().LookupInt(1)
	two, _ := n.Index().LookupInt(2)
	w, _ := n.Simple().ArcWeight(one, two)
	fmt.Printf("arc 1->2 weighs %v (its record count)\n", w)
	// Output:
	// 4 records, 1 self-loop, 1 parallel, 2 simple arcs, 3 nodes
	// arc 1->2 weighs 2 (its record count)
}
