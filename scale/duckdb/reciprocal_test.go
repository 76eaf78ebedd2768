package duckdb

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

// TestReciprocalCollegeMsg: reciprocal engagement on CollegeMsg, written
// to Parquet, matches reciprocal.Analyze to 1e-9 for both units and three
// windows.
func TestReciprocalCollegeMsg(t *testing.T) {
	ev, err := events.ReadSNAPTemporal(shareddata.Raw(t, "college-msg", "CollegeMsg.txt"), "", events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	path := filepath.Join(t.TempDir(), "events.parquet")
	writeParquet(t, path, ev.Table)
	db := openTest(t)
	for _, unit := range []reciprocal.Unit{reciprocal.UnitFirst, reciprocal.UnitEvents} {
		for _, w := range []float64{3600, 86400, 7 * 86400} {
			opt := reciprocal.Options{Window: w, Unit: unit}
			want, err := reciprocal.Analyze(ev, opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.Reciprocal(context.Background(), EventsInput{Events: path}, opt)
			if err != nil {
				t.Fatal(err)
			}
			var g, wj any
			b, _ := json.Marshal(got)
			json.Unmarshal(b, &g)
			b, _ = json.Marshal(want)
			json.Unmarshal(b, &wj)
			for _, d := range mergeable.Diff("", g, wj, 1e-9) {
				t.Errorf("unit %s window %v: %s", unit, w, d)
			}
			t.Logf("unit %s window %v: %d units, p_return %v, largest relative difference %.2g",
				unit, w, got.Overall.Units, got.Overall.PReturn, maxDiff(g, wj))
		}
	}
}
