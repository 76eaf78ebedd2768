package network_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// The karate club (Zachary 1977: 34 members, 78 ties) describes itself in a
// line and shows the head and tail of its tables.
func TestNetworkRenders(t *testing.T) {
	n, err := datasets.Karate()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	s := n.String()
	for _, want := range []string{"undirected, 34 nodes, 78 edge records (78 simple edges, 0 self-loops, 0 parallel)", "shape: (78, ", "edges", "nodes", "n.Edges()"} {
		if !strings.Contains(s, want) {
			t.Errorf("String misses %q:\n%s", want, s)
		}
	}
	if lines := strings.Count(s, "\n"); lines > 30 {
		t.Errorf("String has %d lines, want a preview of at most 30:\n%s", lines, s)
	}
	h := n.HTML()
	if strings.Count(h, "<table") != 2 || !strings.Contains(h, "<p>Network") {
		t.Errorf("HTML: want the summary and two tables:\n%s", h)
	}
	if md := n.Markdown(); !strings.Contains(md, "|---") {
		t.Errorf("Markdown has no table:\n%s", md)
	}
}

// A network of 200,000 edge records renders in a few kilobytes.
func TestNetworkRenderBounded(t *testing.T) {
	const rows = 200_000
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
		{Name: "source", Type: arrow.BinaryTypes.String}, {Name: "target", Type: arrow.BinaryTypes.String},
		{Name: "weight", Type: arrow.PrimitiveTypes.Float64}}, nil))
	defer b.Release()
	for i := 0; i < rows; i++ {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("user%07d", i%50000))
		b.Field(1).(*array.StringBuilder).Append(fmt.Sprintf("user%07d", (i*7+1)%50000))
		b.Field(2).(*array.Float64Builder).Append(float64(i%10) / 3)
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	n, err := network.New(rec, nil, true, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	for name, out := range map[string]string{"String": n.String(), "HTML": n.HTML(), "Markdown": n.Markdown()} {
		if len(out) > 8<<10 {
			t.Errorf("%s of %d edges is %d bytes, want at most 8 KiB", name, rows, len(out))
		}
		if !strings.Contains(out, "200000") {
			t.Errorf("%s does not say how many edge records:\n%s", name, out)
		}
	}
}

func ExampleNetwork_String() {
	n, err := datasets.Karate()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	fmt.Println(n.Summary())
	// Output:
	// Network karate: undirected, 34 nodes, 78 edge records (78 simple edges, 0 self-loops, 0 parallel), weighted; node attributes: club
}
