package comrades

import (
	"math"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func asCounts(actors []ActorLift) []counts {
	out := make([]counts, len(actors))
	for i, a := range actors {
		out[i] = counts{n1: a.ComradeExposures, x1: a.ComradeEngaged, n0: a.OtherExposures, x0: a.OtherEngaged}
	}
	return out
}

// Pooling PerActor again reproduces the result's own lift and interval (one
// definition), and the groups' lifts bracket it: the pooled lift is a
// weighted combination of the groups' rates.
func TestPooledLiftOverActorsAndGroups(t *testing.T) {
	cfg := simulate.DefaultConfig()
	cfg.Seed, cfg.Actors, cfg.Groups, cfg.Days = 3, 400, 2, 5
	cfg.Solidarity = 1
	cfg.CoordinatedCells, cfg.CellSize = 2, 6
	_, ev := eventstest.Simulated(t, cfg)
	r, err := Analyze(ev, Options{Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	l, ci, reason := pooledLift(asCounts(r.PerActor))
	if l != r.Lift || ci != r.LiftCI {
		t.Errorf("pooled over PerActor: %v %v (%s); the result says %v %v", l, ci, reason, r.Lift, r.LiftCI)
	}
	gl := LiftByGroup(ev, r)
	if len(gl) != 2 {
		t.Fatalf("groups: %+v", gl)
	}
	lowest, highest := math.Min(float64(gl[0].Lift), float64(gl[1].Lift)), math.Max(float64(gl[0].Lift), float64(gl[1].Lift))
	if !(lowest < 1.5*float64(l) && highest > float64(l)/1.5) {
		t.Errorf("group lifts %v, %v far from the pooled %v", gl[0].Lift, gl[1].Lift, l)
	}
	for _, g := range gl {
		if !(g.CI[0] > 1) || g.Actors == 0 {
			t.Errorf("group %s: lift %v, CI %v over %d actors; want the interval above 1", g.Group, g.Lift, g.CI, g.Actors)
		}
	}
}

// Hand-computed pooled lift: actor a engaged 2 of 4 comrade items and 1 of 4
// others, actor b 3 of 6 and 1 of 6: (5/10)/(2/10) = 2.5. The interval
// follows from z_a = 2/5 - 4/10 - 1/2 + 4/10 = -0.1, z_b = 3/5 - 6/10 - 1/2 +
// 6/10 = 0.1, se = sqrt(2 * 0.02) = 0.2.
func TestPooledLiftByHand(t *testing.T) {
	l, ci, _ := pooledLift([]counts{{x1: 2, n1: 4, x0: 1, n0: 4}, {x1: 3, n1: 6, x0: 1, n0: 6}})
	z := 1.959963984540054
	if math.Abs(float64(l)-2.5) > 1e-12 || math.Abs(float64(ci[0])-2.5*math.Exp(-z*0.2)) > 1e-12 || math.Abs(float64(ci[1])-2.5*math.Exp(z*0.2)) > 1e-12 {
		t.Errorf("lift %v %v; want 2.5 [%v, %v]", l, ci, 2.5*math.Exp(-z*0.2), 2.5*math.Exp(z*0.2))
	}
	if l, _, reason := pooledLift(nil); !math.IsNaN(float64(l)) || reason == "" {
		t.Errorf("no actors: lift %v, reason %q; want NaN and a reason", l, reason)
	}
	// One actor: the lift is defined, its clustered interval is not.
	l, ci, reason := pooledLift([]counts{{x1: 2, n1: 4, x0: 1, n0: 4}})
	if float64(l) != 2 || !math.IsNaN(float64(ci[0])) || !strings.Contains(reason, "one actor") {
		t.Errorf("one actor: lift %v %v, reason %q", l, ci, reason)
	}
	// No engagement of other items: the lift is infinite, without interval.
	if l, ci, _ := pooledLift([]counts{{x1: 2, n1: 4, n0: 4}, {x1: 1, n1: 4, n0: 4}}); !math.IsInf(float64(l), 1) || !math.IsNaN(float64(ci[1])) {
		t.Errorf("no other engagement: lift %v %v", l, ci)
	}
}
