package leaning

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// [[2,1],[1,2]]: n = 6, masses 1/2, S = (1/6)[[1,-1],[-1,1]], so sigma_1 =
// 1/3, inertia 1/9 (= chi^2/n = 0.6667/6), row scores +-1/3, all by hand.
func TestHandTwoByTwo(t *testing.T) {
	r, err := CA(2, 2, []Entry{{0, 0, 2}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}, {1, 1, 1}}, Options{Positive: []int32{1}, MinRow: 1, MinCol: 1})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Inertia-1.0/9) > 1e-12 || math.Abs(r.Explained-1) > 1e-12 {
		t.Errorf("inertia %v (explained %v), want 1/9 (1)", r.Inertia, r.Explained)
	}
	if math.Abs(r.Rows[1]-1.0/3) > 1e-12 || math.Abs(r.Rows[0]+1.0/3) > 1e-12 || math.Abs(r.Cols[1]-1.0/3) > 1e-12 {
		t.Errorf("rows %v cols %v, want -1/3, 1/3 (row 1 anchored positive)", r.Rows, r.Cols)
	}
}

// Two camps of actors engaging mostly with their own camp's authors: the
// sign of the first dimension recovers the camp of every active actor, on
// both the dense and the sparse path, which agree.
func TestPlantedCamps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const A, U = 400, 60
	var cells []Entry
	for a := int32(0); a < A; a++ {
		for k := 0; k < 8; k++ {
			camp := a % 2
			if rng.Float64() < 0.2 {
				camp = 1 - camp
			}
			cells = append(cells, Entry{a, int32(rng.IntN(U/2))*2 + camp, 1})
		}
	}
	dense, _ := CA(A, U, cells, Options{Positive: []int32{1}})
	sparse, err := CA(A, U, cells, Options{Positive: []int32{1}, DenseLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	hit := 0
	for a := 0; a < A; a++ {
		if (dense.Rows[a] > 0) == (a%2 == 1) {
			hit++
		}
		if math.Abs(dense.Rows[a]-sparse.Rows[a]) > 1e-6 {
			t.Fatalf("row %d: dense %v, sparse %v", a, dense.Rows[a], sparse.Rows[a])
		}
	}
	if hit < A*97/100 {
		t.Errorf("camp recovered for %d of %d actors", hit, A)
	}
	t.Logf("camps: %d/%d actors on their side; inertia %.4f (%.0f%% of total); sparse took %d iterations", hit, A, dense.Inertia, 100*dense.Explained, sparse.Iterations)
}

func TestDegenerate(t *testing.T) {
	r, err := CA(3, 3, nil, Options{})
	if err != nil || r.Reason == "" || !math.IsNaN(r.Rows[0]) {
		t.Errorf("empty: %+v %v", r, err)
	}
	if _, err := CA(2, 2, []Entry{{0, 5, 1}}, Options{}); err == nil {
		t.Error("cell outside the matrix accepted")
	}
	if _, err := CA(2, 2, []Entry{{0, 0, -1}}, Options{}); err == nil {
		t.Error("negative count accepted")
	}
	// Two disconnected blocks: only the larger is scaled.
	r, _ = CA(4, 4, []Entry{{0, 0, 5}, {0, 1, 1}, {1, 1, 5}, {1, 0, 1}, {2, 2, 1}, {3, 3, 1}}, Options{MinRow: 1, MinCol: 1})
	if math.IsNaN(r.Rows[0]) || !math.IsNaN(r.Rows[2]) || r.UsedRows != 2 {
		t.Errorf("blocks: %+v", r)
	}
}

// polblogs (Adamic & Glance 2005): the leaning from links alone against
// the labelled one (value 0 liberal, 1 conservative).
func TestPolblogsLeaning(t *testing.T) {
	p := shareddata.Raw(t, "polblogs", "polblogs.gml")
	n, err := formats.Read(p, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	lab, err := n.Numbers("value")
	if err != nil {
		t.Fatal(err)
	}
	var cons []int32
	for i, v := range lab {
		if v == 1 {
			cons = append(cons, int32(i))
		}
	}
	for _, dl := range []int{1, 5} {
		r, err := FromNetwork(n, false, Options{Positive: cons, DenseLimit: 1, MinRow: float64(dl), MinCol: float64(dl)})
		if err != nil {
			t.Fatal(err)
		}
		hit, used := 0, 0
		for i, x := range r.Rows {
			if math.IsNaN(x) || math.IsNaN(lab[i]) {
				continue
			}
			used++
			if (x > 0) == (lab[i] == 1) {
				hit++
			}
		}
		acc := float64(hit) / float64(used)
		t.Logf("polblogs core %d %s: %d of %d scored blogs on their labelled side (%.3f); inertia %.4f (%.1f%%)", dl, r.Method, hit, used, acc, r.Inertia, 100*r.Explained)
		if dl == 5 && acc < 0.95 {
			t.Errorf("polblogs leaning agreement %.3f, want >= 0.95 with the default core 5", acc)
		}
	}
}

// Attach writes each node's leaning as a float64 column, null where the
// node was not scaled, and refuses a result of another network.
func TestAttach(t *testing.T) {
	n := attachNetwork(t)
	defer n.Release()
	r := &Result{Rows: []float64{0.5, math.NaN(), -1}}
	m, err := r.Attach(n, "")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	idx := m.Nodes().Schema().FieldIndices(DefaultColumn)
	if len(idx) != 1 {
		t.Fatal("no leaning column")
	}
	f := m.Nodes().Column(idx[0]).(*array.Float64)
	if f.Len() != 3 || f.Value(0) != 0.5 || !f.IsNull(1) || f.Value(2) != -1 {
		t.Errorf("column %v, want [0.5 null -1]", f)
	}
	if _, err := (&Result{Rows: []float64{1}}).Attach(n, "x"); err == nil {
		t.Error("a result of another size attached")
	}
}

// attachNetwork is the path a - b - c, read as a user's CSV would be.
func attachNetwork(t *testing.T) *network.Network {
	t.Helper()
	p := filepath.Join(t.TempDir(), "edges.csv")
	if err := os.WriteFile(p, []byte("source,target\na,b\nb,c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := formats.Read(p, formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
