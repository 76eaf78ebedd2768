package figures

import (
	"math"
	"testing"
)

func TestLayoutDeterministicAndInUnitSquare(t *testing.T) {
	n, src, dst, _ := plantedGroups(300, 3, 5)
	x1, y1, err := Layout(n, src, dst, 42, 0)
	if err != nil {
		t.Fatal(err)
	}
	x2, y2, _ := Layout(n, src, dst, 42, 0)
	x3, _, _ := Layout(n, src, dst, 43, 0)
	same, differ := true, false
	for i := range x1 {
		if x1[i] != x2[i] || y1[i] != y2[i] {
			same = false
		}
		if x1[i] != x3[i] {
			differ = true
		}
		if x1[i] < 0 || x1[i] > 1 || y1[i] < 0 || y1[i] > 1 || math.IsNaN(x1[i]) || math.IsNaN(y1[i]) {
			t.Fatalf("node %d at (%v, %v), outside the unit square", i, x1[i], y1[i])
		}
	}
	if !same {
		t.Error("the same seed gave different layouts")
	}
	if !differ {
		t.Error("different seeds gave the same layout")
	}
}

// A planted partition (p_in = 0.06, p_out = 0.004, three groups of 100)
// must come out as three clusters: nodes of a group lie closer to each other
// than to the other groups. Measured: within/between mean distance ratio
// 0.42 (seed 1); the test asks for less than 0.7.
func TestLayoutSeparatesPlantedGroups(t *testing.T) {
	n, src, dst, codes := plantedGroups(300, 3, 5)
	codes[n-1] = 2
	x, y, err := Layout(n, src, dst, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var win, btw, nw, nb float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d := math.Hypot(x[i]-x[j], y[i]-y[j])
			if codes[i] == codes[j] {
				win += d
				nw++
			} else {
				btw += d
				nb++
			}
		}
	}
	ratio := (win / nw) / (btw / nb)
	t.Logf("within/between mean distance: %.3f", ratio)
	if ratio > 0.7 {
		t.Errorf("within/between mean distance %.3f, want < 0.7", ratio)
	}
}

// Two disjoint triangles and an isolated node are laid out apart: their
// bounding boxes do not overlap.
func TestLayoutPacksComponents(t *testing.T) {
	src := []int32{0, 1, 2, 3, 4, 5}
	dst := []int32{1, 2, 0, 4, 5, 3}
	x, y, err := Layout(7, src, dst, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	box := func(ids ...int) [4]float64 {
		b := [4]float64{1, 0, 1, 0}
		for _, i := range ids {
			b[0], b[1] = math.Min(b[0], x[i]), math.Max(b[1], x[i])
			b[2], b[3] = math.Min(b[2], y[i]), math.Max(b[3], y[i])
		}
		return b
	}
	boxes := [][4]float64{box(0, 1, 2), box(3, 4, 5), box(6)}
	for a := range boxes {
		for b := a + 1; b < len(boxes); b++ {
			p, q := boxes[a], boxes[b]
			if p[0] <= q[1] && q[0] <= p[1] && p[2] <= q[3] && q[2] <= p[3] {
				t.Errorf("components %d and %d overlap: %v %v", a, b, p, q)
			}
		}
	}
	if _, _, err := Layout(3, []int32{0}, []int32{5}, 1, 0); err == nil {
		t.Error("an endpoint outside [0, n) must be an error")
	}
	if _, _, err := Layout(3, []int32{0}, nil, 1, 0); err == nil {
		t.Error("misaligned endpoints must be an error")
	}
	if x, y, err := Layout(0, nil, nil, 1, 0); err != nil || len(x) != 0 || len(y) != 0 {
		t.Error("an empty graph lays out to nothing")
	}
}

// BenchmarkLayout: the largest drawing DrawNetwork accepts, 5,000 nodes with
// mean degree 10, at the default 300 iterations.
func BenchmarkLayout(b *testing.B) {
	n, src, dst, _ := plantedGroups(MaxDrawNodes, 5, 9)
	// plantedGroups is dense for 5,000 nodes; thin it to mean degree 10.
	keep := 5 * MaxDrawNodes
	if len(src) > keep {
		src, dst = src[:keep], dst[:keep]
	}
	b.ReportMetric(float64(len(src)), "edges")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := Layout(n, src, dst, 1, 0); err != nil {
			b.Fatal(err)
		}
	}
}
