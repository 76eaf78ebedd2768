package figures

import (
	"math"
	"strings"
	"testing"
)

func TestCurves(t *testing.T) {
	f, err := Curves("returns", "hours", "share returned", []Curve{
		{Label: "all", X: []float64{0, 1, 2}, Y: []float64{0, 0.4, 0.6}, Bold: true},
		{Label: "group a", X: []float64{0, 1, 2}, Y: []float64{0, math.NaN(), 0.5}, Color: GroupColor(0)},
		{Label: "empty", X: []float64{0}, Y: []float64{math.NaN()}},
	})
	if err != nil {
		t.Fatal(err)
	}
	AddReference(f, 1)
	if f.Plot().Y.Max < 1 || !strings.Contains(f.SVG(), "reference = 1") {
		t.Errorf("reference line missing: y max %v", f.Plot().Y.Max)
	}
	if _, err := Curves("t", "x", "y", []Curve{{X: []float64{1, 2}, Y: []float64{1}}}); err == nil {
		t.Error("X and Y of different lengths: no error")
	}
	if _, err := Curves("t", "x", "y", []Curve{{X: []float64{1}, Y: []float64{math.NaN()}}}); err == nil {
		t.Error("no point to draw: no error")
	}
}

func TestStackedRankTicks(t *testing.T) {
	ts := StackedRankTicks(5, 3).Ticks(-10, -1)
	last := ts[len(ts)-1]
	if last.Label != "> 5" || last.Value != -8 || ts[0].Label != "1" {
		t.Errorf("ticks %+v", ts)
	}
}
