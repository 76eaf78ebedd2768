package comrades

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

// FitFixedEffects against statsmodels' Poisson GLM with explicit actor and
// author dummies (scripts/golden_fixedeffects.py): coefficient to 1e-7, the
// two-way cluster-robust SE (computed there from statsmodels' fitted means)
// to 1e-6 relative.
func TestFixedEffectsGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden_fixedeffects.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Name  string
			Cells []struct {
				Actor, Author      int32
				Comrade            bool
				Exposures, Engaged float64
			}
			Actors, Authors int
			Coef            float64
			ClusterSE       float64 `json:"cluster_se"`
		}
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Cases {
		cells := make([]PairCell, len(c.Cells))
		for i, x := range c.Cells {
			cells[i] = PairCell{Actor: x.Actor, Author: x.Author, Comrade: x.Comrade, Exposures: x.Exposures, Engaged: x.Engaged}
		}
		fe := FitFixedEffects(cells, c.Actors, c.Authors)
		if !fe.Converged {
			t.Fatalf("%s: not converged: %s", c.Name, fe.Reason)
		}
		if math.Abs(float64(fe.Coef)-c.Coef) > 1e-7 {
			t.Errorf("%s: coef %.10f, statsmodels %.10f", c.Name, float64(fe.Coef), c.Coef)
		}
		if math.Abs(float64(fe.SE)/c.ClusterSE-1) > 1e-6 {
			t.Errorf("%s: se %.10f, want %.10f", c.Name, float64(fe.SE), c.ClusterSE)
		}
	}
}

// Hand case: two actors, two authors, rates act*pop*2^comrade exactly
// (expected counts as data), so the fit is exact: g = log 2.
func TestFixedEffectsExact(t *testing.T) {
	act := []float64{0.1, 0.3}
	pop := []float64{1, 2}
	var cells []PairCell
	for u := range act {
		for v := range pop {
			for _, c := range []bool{false, true} {
				rate := act[u] * pop[v]
				if c {
					rate *= 2
				}
				cells = append(cells, PairCell{Actor: int32(u), Author: int32(v), Comrade: c, Exposures: 100, Engaged: 100 * rate})
			}
		}
	}
	fe := FitFixedEffects(cells, 2, 2)
	if math.Abs(float64(fe.RateRatio)-2) > 1e-9 {
		t.Errorf("rate ratio %v, want 2", fe.RateRatio)
	}
}

func TestFixedEffectsUndefined(t *testing.T) {
	only := []PairCell{{0, 0, true, 10, 2}, {1, 0, true, 10, 3}}
	if fe := FitFixedEffects(only, 2, 1); !math.IsNaN(float64(fe.Coef)) || fe.Reason == "" {
		t.Errorf("only comrade exposures: %+v", fe)
	}
	none := []PairCell{{0, 0, true, 10, 0}, {0, 1, false, 10, 3}, {1, 1, true, 5, 0}}
	if fe := FitFixedEffects(none, 2, 2); !math.IsNaN(float64(fe.Coef)) || fe.Reason == "" {
		t.Errorf("no comrade engagement: %+v", fe)
	}
	// Comradeship constant within every actor: absorbed by the actor effects.
	absorbed := []PairCell{{0, 0, true, 10, 2}, {0, 1, true, 10, 4}, {1, 0, false, 10, 3}, {1, 1, false, 10, 1}}
	if fe := FitFixedEffects(absorbed, 2, 2); fe.Reason == "" {
		t.Errorf("absorbed comradeship: want a reason, got %+v", fe)
	}
}

// itemColumns numbers the (item, actor group) pairs that occur densely, in
// sorted order, with actors of no group (-1) a group of their own; with no
// group given at all, or comradeship by group, the columns stay items.
func TestItemColumns(t *testing.T) {
	ev := &events.Events{ItemAuthor: []int32{0, 0, 1, 1, 2}}
	cells := func() []PairCell {
		// (actor, item): actors 0, 1 in group 1, actor 2 in group 0, actor 3 in none.
		return []PairCell{{0, 4, true, 1, 1}, {2, 4, false, 1, 0}, {1, 4, false, 1, 1}, {3, 4, false, 1, 0}, {3, 1, true, 1, 1}, {0, 1, false, 1, 0}}
	}
	f := &feCells{a: &analysis{ev: ev, group: []int32{1, 1, 0, -1}}, items: cells()}
	n, eff := f.itemColumns()
	// keys (item, group+1): (1,0) (1,2) (4,0) (4,1) (4,2) -> 0..4
	want := []int32{4, 3, 4, 2, 0, 1}
	got := make([]int32, len(f.items))
	for i, c := range f.items {
		got[i] = c.Author
	}
	if n != 5 || eff != EffectsActorItemGroup || !slices.Equal(got, want) {
		t.Errorf("columns %d %s %v, want 5 %s %v", n, eff, got, EffectsActorItemGroup, want)
	}
	f = &feCells{a: &analysis{ev: ev, group: []int32{-1, -1, -1, -1}}, items: cells()}
	if n, eff := f.itemColumns(); n != 5 || eff != EffectsActorItem || f.items[0].Author != 4 {
		t.Errorf("no group given: %d %s, author %d; want the items", n, eff, f.items[0].Author)
	}
	f = &feCells{a: &analysis{ev: ev, group: []int32{1, 1, 0, -1}, useGroup: true}, items: cells()}
	if n, eff := f.itemColumns(); n != 5 || eff != EffectsActorItem {
		t.Errorf("comrades by group: %d %s; want the items", n, eff)
	}
}
