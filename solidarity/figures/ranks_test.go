package figures

import "testing"

func TestStackedRankTicks(t *testing.T) {
	ts := StackedRankTicks(5, 3).Ticks(-10, -1)
	last := ts[len(ts)-1]
	if last.Label != "> 5" || last.Value != -8 || ts[0].Label != "1" {
		t.Errorf("ticks %+v", ts)
	}
}
