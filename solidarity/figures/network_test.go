package figures

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// smallNetwork is a hand-made directed network: arcs 1->2, 2->1, 2->3,
// 3->1, 3->3 (a loop, left out of the simple view), 4->1; node 5 has no
// arcs; nodes 1-2 are "left", 3-4 "right", 5 has no party (null).
func smallNetwork(t *testing.T, mem memory.Allocator, directed bool) *network.Network {
	t.Helper()
	eb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "source", Type: arrow.PrimitiveTypes.Int64}, {Name: "target", Type: arrow.PrimitiveTypes.Int64}}, nil))
	defer eb.Release()
	eb.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 2, 2, 3, 3, 4}, nil)
	eb.Field(1).(*array.Int64Builder).AppendValues([]int64{2, 1, 3, 1, 3, 1}, nil)
	edges := eb.NewRecordBatch()
	defer edges.Release()
	nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64}, {Name: "party", Type: arrow.BinaryTypes.String, Nullable: true}}, nil))
	defer nb.Release()
	nb.Field(0).(*array.Int64Builder).AppendValues([]int64{1, 2, 3, 4, 5}, nil)
	nb.Field(1).(*array.StringBuilder).AppendValues([]string{"left", "left", "right", "right", ""}, []bool{true, true, true, true, false})
	nodes := nb.NewRecordBatch()
	defer nodes.Release()
	n, err := network.New(edges, nodes, directed, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	n.Name = "small"
	return n
}

func TestNetworkConstructors(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, directed := range []bool{true, false} {
		n := smallNetwork(t, mem, directed)
		f, err := DegreeDistribution(n)
		if err != nil {
			t.Fatal(err)
		}
		svg := f.SVG()
		if directed && (!strings.Contains(svg, "in-degree") || !strings.Contains(svg, "out-degree")) {
			t.Errorf("directed degree distribution should show in- and out-degree")
		}
		// node 5 has degree 0 in both views
		if !strings.Contains(svg, "1 with degree 0 not shown") {
			t.Errorf("degree distribution should say one node of degree 0 is left out")
		}
		if _, err := DegreeAssortativityPlot(n); err != nil {
			t.Fatal(err)
		}
		f, err = NetworkDrawing(n, "party")
		if err != nil {
			t.Fatal(err)
		}
		svg = f.SVG()
		// legend: group sizes and the missing value
		for _, w := range []string{"left (2)", "right (2)", "missing (1)", "coloured by party"} {
			if !strings.Contains(svg, w) {
				t.Errorf("drawing lacks %q", w)
			}
		}
		if _, err := NetworkDrawing(n, "no_such_column"); err == nil || !strings.HasPrefix(err.Error(), "figures: NetworkDrawing: ") {
			t.Errorf("missing attribute: got %v, want a wrapped error", err)
		}
		if _, err := NetworkDrawing(n, ""); err != nil {
			t.Errorf("no attribute: %v", err)
		}
		n.Release()
	}
	if _, err := DegreeDistribution(nil); err == nil {
		t.Error("nil network: want an error")
	}
}

// The directed out-in k_nn the constructor computes, by hand for the small
// network: node 1 -> {2}: in-degree of 2 is 1, so k_nn(1) = 1; node 2 ->
// {1, 3}: in-degrees 3 and 1, k_nn = 2; node 3 -> {1}: 3; node 4 -> {1}: 3.
// Reference line: sum k*k_nn / sum k = (1*1 + 2*2 + 1*3 + 1*3) / 5 = 2.2.
func TestDegreeAssortativityReference(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	n := smallNetwork(t, mem, true)
	defer n.Release()
	f, err := DegreeAssortativityPlot(n)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.SVG(), "no degree correlation (2.2)") {
		t.Errorf("reference line label should read 2.2")
	}
}
