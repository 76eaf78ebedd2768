package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func edgesRecord(t testing.TB, mem memory.Allocator, src, dst []int64, w []float64) arrow.RecordBatch {
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

// The dense index gives nodes-table ids their row and edge-only ids the
// order of first appearance (sources first, then targets), exactly as
// AddInt in one loop would, also when the lookups run in parallel.
func TestIndexOrderLarge(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rng := rand.New(rand.NewPCG(5, 6))
	const m, ids, listed = 200_000, 60_000, 30_000 // m above the parallel threshold
	src, dst := make([]int64, m), make([]int64, m)
	for i := range src {
		src[i], dst[i] = int64(rng.IntN(ids)), int64(rng.IntN(ids))
	}
	for _, perm := range [][]int{rng.Perm(ids)[:listed], identity(listed)} {
		checkIndexOrder(t, mem, src, dst, perm)
	}
}

func identity(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

// checkIndexOrder builds a Network from the arcs and a nodes table listing
// perm, and compares its index with sequential AddInt calls.
func checkIndexOrder(t *testing.T, mem memory.Allocator, src, dst []int64, perm []int) {
	t.Helper()
	listed := len(perm)
	nb := array.NewInt64Builder(mem)
	for _, v := range perm {
		nb.Append(int64(v))
	}
	idArr := nb.NewArray()
	nb.Release()
	nodes := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64}}, nil), []arrow.Array{idArr}, int64(listed))
	idArr.Release()
	rec := edgesRecord(t, mem, src, dst, nil)
	n, err := New(rec, nodes, true, Columns{})
	rec.Release()
	nodes.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	ref := NewIntIndex(0)
	for _, v := range perm {
		ref.AddInt(int64(v))
	}
	var wantSrc, wantDst []int32
	for _, v := range src {
		wantSrc = append(wantSrc, ref.AddInt(v))
	}
	for _, v := range dst {
		wantDst = append(wantDst, ref.AddInt(v))
	}
	if !slices.Equal(n.Index().Ints(), ref.Ints()) {
		t.Fatalf("index order differs from sequential AddInt")
	}
	gs, gd := n.Endpoints()
	if !slices.Equal(gs, wantSrc) || !slices.Equal(gd, wantDst) {
		t.Fatalf("endpoints differ from sequential AddInt")
	}
	if n.Index().NodeRows != listed || n.Report().NodesOnlyInEdges != n.N()-listed {
		t.Fatalf("report %+v", n.Report())
	}
}

// Endpoints are rebuilt from the table after New; string ids and sparse
// integer ids (the map index) give the same dense indices as New's pass.
func TestEndpointsRebuilt(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{{Name: "source", Type: arrow.BinaryTypes.String}, {Name: "target", Type: arrow.BinaryTypes.String}}, nil))
	sb.Field(0).(*array.StringBuilder).AppendValues([]string{"b", "a", "c", "b"}, nil)
	sb.Field(1).(*array.StringBuilder).AppendValues([]string{"a", "c", "c", "a"}, nil)
	rec := sb.NewRecordBatch()
	sb.Release()
	n, err := New(rec, nil, true, Columns{})
	rec.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	// Dense order of first appearance, sources first: b=0, a=1, c=2.
	src, dst := n.Endpoints()
	if !slices.Equal(src, []int32{0, 1, 2, 0}) || !slices.Equal(dst, []int32{1, 2, 2, 1}) {
		t.Errorf("string endpoints %v %v", src, dst)
	}
	rec = edgesRecord(t, mem, []int64{1 << 40, 7, -3}, []int64{7, -3, 1 << 40}, nil)
	m, err := New(rec, nil, true, Columns{})
	rec.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	src, dst = m.Endpoints()
	if !slices.Equal(src, []int32{0, 1, 2}) || !slices.Equal(dst, []int32{1, 2, 0}) {
		t.Errorf("sparse int endpoints %v %v", src, dst)
	}
}

// Categories: labels sorted (numerically when all are numbers), nulls,
// NaN and nodes only in edges missing; runs of equal labels and repeats
// far apart get the same code. Expected codes by hand.
func TestCategoriesHand(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "g", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "x", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil))
	nb.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 2, 3, 4, 5, 6}, nil)
	nb.Field(1).(*array.StringBuilder).AppendValues([]string{"b", "b", "", "a", "10", "b"}, []bool{true, true, false, true, true, true})
	nb.Field(2).(*array.Float64Builder).AppendValues([]float64{2.5, math.NaN(), 1, 1, 0, 2.5}, []bool{true, true, true, true, false, true})
	nodes := nb.NewRecordBatch()
	nb.Release()
	rec := edgesRecord(t, mem, []int64{1, 7}, []int64{2, 3}, nil)
	n, err := New(rec, nodes, true, Columns{})
	rec.Release()
	nodes.Release()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	g, err := n.Categories("g")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Labels, []string{"10", "a", "b"}) || !slices.Equal(g.Codes, []int32{2, 2, -1, 1, 0, 2, -1}) || g.Missing != 2 {
		t.Errorf("g: %v %v missing %d", g.Labels, g.Codes, g.Missing)
	}
	x, err := n.Categories("x")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(x.Labels, []string{"1", "2.5"}) || !slices.Equal(x.Codes, []int32{1, -1, 0, 0, -1, 1, -1}) || x.Missing != 3 {
		t.Errorf("x: %v %v missing %d", x.Labels, x.Codes, x.Missing)
	}
}

// Labels with numbers in them sort as people read them (g2 before g10);
// all-numeric labels sort by value; plain text by bytes.
func TestSortLabels(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"g10", "g2", "g1", "g0"}, []string{"g0", "g1", "g2", "g10"}},
		{[]string{"10", "9", "-1", "2.5"}, []string{"-1", "2.5", "9", "10"}},
		{[]string{"b", "a", "Mr. Hi", "Officer"}, []string{"Mr. Hi", "Officer", "a", "b"}},
		{[]string{"dept 10", "dept 9", "dept 09x"}, []string{"dept 9", "dept 09x", "dept 10"}},
	} {
		got := append([]string(nil), c.in...)
		sortLabels(got)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("sortLabels(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
