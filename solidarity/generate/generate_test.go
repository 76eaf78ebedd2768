package generate

import (
	"math"
	"testing"
)

func TestPlantedQuick(t *testing.T) {
	p := Planted{Sizes: []int{300, 200}, PIn: 0.05, POut: 0.01, Reciprocity: 0.4, Directed: true, Seed: 1}
	n, err := p.Network()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	r := n.Report()
	t.Logf("%+v expected arcs %.1f r %.4f", r, p.ExpectedArcs(), p.ExpectedReciprocity())
	if r.SelfLoops != 0 || r.ParallelEdges != 0 || math.Abs(float64(r.SimpleEdges)-p.ExpectedArcs()) > 0.05*p.ExpectedArcs() {
		t.Fatal("bad")
	}
}
