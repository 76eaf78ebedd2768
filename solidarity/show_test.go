package solidarity

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/display"
)

// Outside a notebook Show does nothing, for every kind of value, and never
// panics (issue 4).
func TestShowOutsideANotebookDoesNothing(t *testing.T) {
	tbl := display.NewTable("t", "a").AddRow(1)
	Show(nil, tbl, "text", 3.5, []int{1, 2})
}

// The facade works end to end on the embedded default.
func TestFacadeOnDefault(t *testing.T) {
	n, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	s, err := Stats(n, "group")
	if err != nil {
		t.Fatal(err)
	}
	if s.Homophily == nil || s.Reciprocity == nil || s.Load.Nodes != 300 {
		t.Fatalf("stats %+v", s.Load)
	}
	figs, err := Figures(n, "group")
	if err != nil || len(figs) < 8 {
		t.Fatalf("figures: %d, %v", len(figs), err)
	}
	if len(figs[0].SVG()) == 0 || len(figs[0].PNG()) == 0 {
		t.Errorf("figure %s renders empty", figs[0].Name)
	}
}

func TestFacadeEngagement(t *testing.T) {
	cfg := DefaultSimulation()
	cfg.Actors, cfg.Days, cfg.Seed = 400, 3, 2
	sim, err := Simulate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	r, err := Comrades(ev, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Engagements == 0 {
		t.Errorf("no engagements: %+v", r)
	}
	figs, err := EngagementFigures(ev, nil)
	if err != nil || len(figs) < 5 {
		t.Fatalf("engagement figures: %d, %v", len(figs), err)
	}
}
