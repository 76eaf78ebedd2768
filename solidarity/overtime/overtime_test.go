package overtime

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

// A world whose reciprocity changes at a known time: over 4 days, a new
// pair (u, v) every 10 minutes; u engages v's post and v returns the
// engagement 5 minutes later with probability 0.2 before noon of day 3
// and 0.7 after it.
func world(seed uint64) (ev func() (a, it, au, tm []int64), cut int64) {
	day0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Unix()
	cut = day0 + 2*86400 + 43200
	return func() (a, it, au, tm []int64) {
		rng := rand.New(rand.NewPCG(seed, 7))
		item := int64(0)
		for k := int64(0); k < 4*144; k++ {
			t := day0 + 600*k
			u, v := 2*k, 2*k+1
			item++
			a, it, au, tm = append(a, u), append(it, item), append(au, v), append(tm, t)
			p := 0.2
			if t >= cut {
				p = 0.7
			}
			if rng.Float64() < p {
				item++
				a, it, au, tm = append(a, v), append(it, item), append(au, u), append(tm, t+300)
			}
		}
		return
	}, cut
}

func TestEveryAndBetweenRecoverTheChange(t *testing.T) {
	mk, cut := world(1)
	ev := eventstest.FromSlices(mk())
	est := ReturnShare(reciprocal.Options{Window: 3600})
	days, err := Every(ev, 24*time.Hour)
	if err != nil || len(days) != 4 || days[0].Label != "2024-05-01" {
		t.Fatalf("windows %v %v", days, err)
	}
	per, err := Run(ev, days, est, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Days 1-2 at 0.2, day 4 at 0.7, day 3 half and half (0.45); each
	// interval (about 140 units a day) covers its planted share.
	want := []float64{0.2, 0.2, 0.45, 0.7}
	for i, e := range per {
		if !(e.Lo <= want[i] && want[i] <= e.Hi) || e.Hi-e.Lo > 0.25 {
			t.Errorf("%s: %.3f [%.3f, %.3f], planted %.2f", e.Label, e.Value, e.Lo, e.Hi, want[i])
		}
	}
	ws, err := Between(time.Unix(cut, 0), time.Unix(cut+86400, 0))
	if err != nil {
		t.Fatal(err)
	}
	ba, err := Run(ev, ws, est, nil)
	if err != nil {
		t.Fatal(err)
	}
	before, after := ba[0], ba[1]
	if !(before.Lo <= 0.2 && 0.2 <= before.Hi && after.Lo <= 0.7 && 0.7 <= after.Hi && before.Hi < after.Lo) {
		t.Errorf("event study: before %+v, after %+v; want 0.2 then 0.7, intervals apart", before, after)
	}
	fig, err := Figure(per, figures.EstimatesOptions{Title: "Share returned within 1 h", XLabel: "share"})
	if err != nil || !strings.Contains(fig.SVG(), "2024-05-04") {
		t.Errorf("figure: %v", err)
	}
}

func TestEmptyWindowAndBadInput(t *testing.T) {
	ev := eventstest.FromSlices([]int64{1, 2}, []int64{1, 2}, []int64{2, 1}, []int64{0, 10 * 86400})
	days, _ := Every(ev, 24*time.Hour)
	per, err := Run(ev, days, ReturnShare(reciprocal.Options{}), nil)
	if err != nil || len(per) != 11 || !math.IsNaN(per[5].Value) || per[5].Reason != "no events in the window" {
		t.Errorf("empty window: %v %v", per, err)
	}
	if _, err := Every(ev, time.Millisecond); err == nil {
		t.Error("1ms: no error")
	}
	if _, err := Every(ev, time.Second); err == nil {
		t.Error("864001 windows: no error")
	}
	if _, err := Between(time.Unix(5, 0), time.Unix(5, 0)); err == nil {
		t.Error("empty between: no error")
	}
}
