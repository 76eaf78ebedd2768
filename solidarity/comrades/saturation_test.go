package comrades

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/worlds/worldstest"
)

// analyzeWorld runs the comrades analysis as the detectability card does:
// exposure = follows, comrades = mutual follows.
func analyzeWorld(t *testing.T, preset string, size float64, seed uint64) *Result {
	t.Helper()
	_, ev, fn := worldstest.Load(t, preset, size, seed)
	r, err := Analyze(ev, Options{Mode: ModeReciprocal, Follows: fn, Seed: seed, MaxRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The saturation the hazard ratio exists for, on the card's worlds (seed 1;
// numbers from this run, the card has 40 seeds): with every confounder at
// once and no comrade preference, the Poisson rate ratio is pulled below 1
// and its interval excludes 1 (0.935 [0.898, 0.973]), the hazard ratio's
// (actor and item effects) does not (0.987 [0.935, 1.042]). With comrades
// planted at twice the rate (popularity and activity confounders on) the
// hazard ratio is 2.010 [1.918, 2.106], the Poisson rate ratio 1.461. (With
// actor and author effects instead of item effects the hazard ratio read
// 1.745: item appeal varying within a cell attenuates it.)
func TestSaturatedWorlds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two 1000-actor worlds")
	}
	r := analyzeWorld(t, "confounded", 0, 1)
	h, p := r.FixedEffects, r.PoissonFixedEffects
	t.Logf("confounded: hazard ratio %.4f [%.4f, %.4f], Poisson %.4f [%.4f, %.4f]", h.RateRatio, h.CI[0], h.CI[1], p.RateRatio, p.CI[0], p.CI[1])
	if h.Model != ModelHazard || p.Model != ModelPoisson || !h.Converged || !p.Converged {
		t.Fatalf("models %q %q, converged %v %v", h.Model, p.Model, h.Converged, p.Converged)
	}
	if !(h.CI[0] < 1 && h.CI[1] > 1) {
		t.Errorf("hazard ratio interval [%.4f, %.4f] excludes 1 on a null", h.CI[0], h.CI[1])
	}
	if !(p.RateRatio < 0.98) {
		t.Errorf("Poisson rate ratio %.4f: want the saturation bias below 0.98 on this seed", p.RateRatio)
	}
	r = analyzeWorld(t, "comrade-mutual", 2, 1)
	h = r.FixedEffects
	t.Logf("comrade-mutual 2: hazard ratio %.4f [%.4f, %.4f], Poisson %.4f", h.RateRatio, h.CI[0], h.CI[1], r.PoissonFixedEffects.RateRatio)
	if !(h.CI[0] < 2 && h.CI[1] > 2) || h.Effects != EffectsActorItem {
		t.Errorf("planted 2: hazard ratio %.4f [%.4f, %.4f] (effects %s), Poisson %.4f: want an interval around 2 from actor and item effects",
			h.RateRatio, h.CI[0], h.CI[1], h.Effects, r.PoissonFixedEffects.RateRatio)
	}
}
