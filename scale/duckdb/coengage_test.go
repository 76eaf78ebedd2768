package duckdb

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// TestCoEngagement: on simulated engagement with planted coordinated
// cells, the co-engagement edges (weights by direction, distinct items)
// and the clusters match coordination.Analyze, with and without the
// MaxPartners cap.
func TestCoEngagement(t *testing.T) {
	cfg := simulate.DefaultConfig()
	cfg.CoordinatedCells = 4
	sim, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	path := filepath.Join(t.TempDir(), "events.parquet")
	writeParquet(t, path, ev.Table)
	db := openTest(t)
	for _, opt := range []coordination.Options{
		{Window: 60},
		{Window: 600, MaxPartners: 5},
		{Window: 3600, MaxPartners: -1, MinItems: 2},
	} {
		want, err := coordination.Analyze(ev, opt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.CoEngagement(context.Background(), EventsInput{Events: path}, opt)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("window %v cap %d", opt.Window, opt.MaxPartners)
		if got.Events != want.Events || got.Pairs != want.Pairs {
			t.Errorf("%s: %d events, %d pairs; want %d, %d", name, got.Events, got.Pairs, want.Events, want.Pairs)
		}
		// The core orients edges by dense index, this path by id.
		wantEdges := map[[2]string]CoEdge{}
		for _, e := range want.Edges {
			a, b := want.Person(e.A), want.Person(e.B)
			x := CoEdge{A: a, B: b, AFirst: e.AFirst, BFirst: e.BFirst, Together: e.Together, Items: e.Items}
			if idLess(b, a) {
				x = CoEdge{A: b, B: a, AFirst: e.BFirst, BFirst: e.AFirst, Together: e.Together, Items: e.Items}
			}
			wantEdges[[2]string{x.A, x.B}] = x
		}
		if len(got.Edges) != len(wantEdges) {
			t.Errorf("%s: %d edges, want %d", name, len(got.Edges), len(wantEdges))
		}
		for _, e := range got.Edges {
			if w, ok := wantEdges[[2]string{e.A, e.B}]; !ok || w != e {
				t.Errorf("%s: edge %+v, want %+v", name, e, w)
			}
		}
		var wantClusters [][]string
		for _, c := range want.Clusters {
			var m []string
			for _, x := range c {
				m = append(m, want.Person(x))
			}
			slices.Sort(m)
			wantClusters = append(wantClusters, m)
		}
		sortClusters := func(c [][]string) {
			slices.SortFunc(c, func(a, b []string) int { return slices.Compare(a, b) })
		}
		sortClusters(wantClusters)
		gotClusters := slices.Clone(got.Clusters)
		sortClusters(gotClusters)
		if !slices.EqualFunc(gotClusters, wantClusters, slices.Equal) {
			t.Errorf("%s: clusters %v, want %v", name, gotClusters, wantClusters)
		}
		t.Logf("%s: %d events, %d pairs, %d edges, %d clusters", name, got.Events, got.Pairs, len(got.Edges), len(got.Clusters))
	}
}

// idLess orders ids as the SQL does: numerically when both are integers.
func idLess(a, b string) bool {
	var x, y int64
	if _, err := fmt.Sscan(a, &x); err == nil {
		if _, err := fmt.Sscan(b, &y); err == nil {
			return x < y
		}
	}
	return a < b
}
