package echo

import (
	"math"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// world draws 2000 actors in two equal groups with leanings -0.6 and +0.6
// (sd 0.2) over 7 days. homophily is the share of follows kept inside the
// group (0.5 = blind to groups) and solidarity the log-odds boost of
// engaging with a same-group author.
func world(t *testing.T, homophily, solidarity float64) (r *Result, rwc100 float64) {
	t.Helper()
	cfg := simulate.DefaultConfig()
	cfg.Seed = 3
	cfg.Actors = 2000
	cfg.GroupLeanings = []float64{-0.6, 0.6}
	cfg.Homophily = homophily
	cfg.Solidarity = solidarity
	cfg.Comrade = simulate.ComradeGroup
	_, ev := eventstest.Simulated(t, cfg)
	r, err := Analyze(ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r100, err := Analyze(ev, Options{RWC: RWCOptions{K: 100}})
	if err != nil {
		t.Fatal(err)
	}
	rwc100 = r100.RWC.RWC
	t.Logf("homophily %.2f solidarity %g: r = %.3f over %d actors, mean group entropy %.3f, RWC %.3f (K=10) %.3f (K=100)",
		homophily, solidarity, r.Correlation, r.Pairs, r.MeanGroupEntropy, r.RWC.RWC, rwc100)
	return r, rwc100
}

// Strong homophily and solidarity close the groups: Cinelli's correlation
// exceeds 0.9 (measured 0.995) and RWC exceeds 0.25 with the paper's K = 10
// endpoints (measured 0.298) and 0.7 with K = 100 (0.787): on a network
// without hubs, walks to 10 endpoints are long and cross often, so RWC
// depends on K. Blind follows and no solidarity: the correlation stays
// within 0.1 of 0 (0.036) and RWC within 0.05 (0.004 and 0.015).
func TestSimulatedEchoChambers(t *testing.T) {
	strong, strong100 := world(t, 0.95, 2)
	if !(strong.Correlation > 0.9) {
		t.Errorf("strong homophily: correlation %.3f, want > 0.9", strong.Correlation)
	}
	if !(strong.RWC.RWC > 0.25) || !(strong100 > 0.7) {
		t.Errorf("strong homophily: RWC %.3f (K=10) %.3f (K=100), want > 0.25 and > 0.7", strong.RWC.RWC, strong100)
	}
	none, none100 := world(t, 0.5, 0)
	if math.Abs(none.Correlation) > 0.1 {
		t.Errorf("no homophily: correlation %.3f, want |r| < 0.1", none.Correlation)
	}
	if math.Abs(none.RWC.RWC) > 0.05 || math.Abs(none100) > 0.05 {
		t.Errorf("no homophily: RWC %.3f (K=10) %.3f (K=100), want |RWC| < 0.05", none.RWC.RWC, none100)
	}
	if !(none.MeanGroupEntropy > strong.MeanGroupEntropy) {
		t.Errorf("exposure entropy %.3f without homophily, %.3f with: want more diversity without",
			none.MeanGroupEntropy, strong.MeanGroupEntropy)
	}
}
