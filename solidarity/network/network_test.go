package network

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func edgesRecord(t *testing.T, mem memory.Allocator, src, dst []int64, w []float64) arrow.RecordBatch {
	t.Helper()
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
	return b.NewRecordBatch()
}

// A hand-made case: arcs 1->2 twice (weights 2 and 3), 2->1, 3->3 (loop), 3->1.
func TestSimpleMergesParallelAndDropsLoops(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := edgesRecord(t, mem, []int64{1, 1, 2, 3, 3}, []int64{2, 2, 1, 3, 1}, []float64{2, 3, 1, 5, 1})
	n, err := New(rec, nil, true, Columns{})
	rec.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	r := n.Report()
	if r.EdgeRecords != 5 || r.SelfLoops != 1 || r.ParallelEdges != 1 || r.SimpleEdges != 3 || r.Nodes != 3 {
		t.Fatalf("report %+v", r)
	}
	s := n.Simple()
	a, _ := n.Index().LookupInt(1)
	b, _ := n.Index().LookupInt(2)
	c, _ := n.Index().LookupInt(3)
	if w, ok := s.ArcWeight(a, b); !ok || w != 5 {
		t.Errorf("1->2 weight %v %v, want 5", w, ok)
	}
	if s.HasArc(c, c) || !s.HasArc(c, a) || s.HasArc(a, c) {
		t.Errorf("arcs wrong")
	}
	if in, _ := s.In(a); len(in) != 2 {
		t.Errorf("in(1) = %v", in)
	}
	// Undirected: 1-2 and 2-1 are the same edge.
	rec = edgesRecord(t, mem, []int64{1, 1, 2, 3, 3}, []int64{2, 2, 1, 3, 1}, nil)
	u, err := New(rec, nil, false, Columns{})
	rec.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer u.Release()
	ur := u.Report()
	if ur.SimpleEdges != 2 || ur.ParallelEdges != 2 || ur.SelfLoops != 1 {
		t.Fatalf("undirected report %+v", ur)
	}
	if w, _ := u.Simple().ArcWeight(b, a); w != 3 {
		t.Errorf("undirected 2-1 weight %v, want 3 (record count)", w)
	}
}
