package solidarity

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/algosolidarity/toolkit/internal/shareddata"

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
	// Each figure carries its set caption, which Show prints under it.
	set, err := BuildFigures(n, "group")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range figs {
		if f.Caption == "" || f.Caption != set.Items[i].Caption {
			t.Errorf("%s: caption %q, want the set's %q", f.Name, f.Caption, set.Items[i].Caption)
		}
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
	r, err := Comrades(ev, ComradesOptions{Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	if r.Engagements == 0 {
		t.Errorf("no engagements: %+v", r)
	}
	// One shape: every analysis takes the events and an options value and
	// returns a result that names its people and marshals to JSON.
	var steps int
	progress := func(done, total int) { steps++ }
	rr, err1 := Reciprocal(ev, ReciprocalOptions{Progress: progress})
	tr, err2 := Trending(ev, TrendingOptions{Progress: progress})
	co, err3 := Coordination(ev, CoordinationOptions{Progress: progress})
	ec, err4 := Echo(ev, EchoOptions{Progress: progress})
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	for _, v := range []interface{ Person(int32) string }{r, rr, tr, co, ec} {
		if v.Person(0) != ev.People.String(0) {
			t.Errorf("%T names person 0 %q, want %q", v, v.Person(0), ev.People.String(0))
		}
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%T: %v", v, err)
		}
	}
	if steps < 4 {
		t.Errorf("%d progress calls", steps)
	}
	figs, err := EngagementFigures(ev, EngagementFigureOptions{})
	if err != nil || len(figs) < 5 {
		t.Fatalf("engagement figures: %d, %v", len(figs), err)
	}
	for _, f := range figs {
		if f.Caption == "" {
			t.Errorf("%s: no caption", f.Name)
		}
	}
}

// Load goes through the registry and the offline mirror; Read and
// ReadEvents read a user's own files. Counts from SOURCE.md and by hand.
func TestFacadeLoadAndRead(t *testing.T) {
	if mirror, ok := shareddata.SharedRawDir(); ok {
		n, err := LoadFrom("email-eu-core", LoadOptions{Mirror: mirror, CacheDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		if r := n.Report(); r.Nodes != 1005 || r.EdgeRecords != 25571 || r.SelfLoops != 642 {
			t.Errorf("email-eu-core report %+v, want 1005 nodes, 25571 records, 642 loops", r)
		}
		n.Release()
		// LoadWith and LoadEvents use the environment's mirror and cache.
		t.Setenv("SOLIDARITY_MIRROR", mirror)
		t.Setenv("SOLIDARITY_CACHE", t.TempDir())
		u, err := LoadWith("polblogs", ReadOptions{Directed: Arcs(false)})
		if err != nil {
			t.Fatal(err)
		}
		if r := u.Report(); r.Directed || r.Nodes != 1490 {
			t.Errorf("polblogs read undirected: %+v", r)
		}
		u.Release()
		ev, err := LoadEvents("collegemsg")
		if err != nil {
			t.Fatal(err)
		}
		// SNAP's CollegeMsg page: 1,899 nodes, 59,835 temporal edges.
		if ev.Len() != 59835 || ev.NumPeople() != 1899 || ev.Name != "collegemsg" {
			t.Errorf("collegemsg: %d events, %d people, name %q", ev.Len(), ev.NumPeople(), ev.Name)
		}
		ev.Release()
		if _, err := LoadEvents("polblogs"); err == nil {
			t.Error("LoadEvents(polblogs): no error for a network")
		}
	} else {
		t.Logf("public data sets not found at %s: Load through the mirror not tested", mirror)
	}
	dir := t.TempDir()
	edges := filepath.Join(dir, "e.csv")
	os.WriteFile(edges, []byte("source,target\na,b\nb,a\nb,c\n"), 0o644)
	n, err := ReadWith(edges, ReadOptions{Directed: Arcs(false)})
	if err != nil {
		t.Fatal(err)
	}
	if r := n.Report(); r.Directed || r.SimpleEdges != 2 || r.ParallelEdges != 1 || n.Index().String(0) != "a" {
		t.Errorf("undirected a-b, b-a, b-c: %+v", r)
	}
	n.Release()
	ev := filepath.Join(dir, "ev.csv")
	os.WriteFile(ev, []byte("actor,item,author,kind,time\n1,p1,2,like,100\n2,p2,1,share,160\n"), 0o644)
	e, err := ReadEvents(ev, "")
	if err != nil {
		t.Fatal(err)
	}
	defer e.Release()
	if e.Len() != 2 || e.People.Len() != 2 || e.Items.Len() != 2 {
		t.Errorf("events: %d events, %d people, %d items; want 2 2 2", e.Len(), e.People.Len(), e.Items.Len())
	}
}
