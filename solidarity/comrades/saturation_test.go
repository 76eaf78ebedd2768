package comrades

import (
	"math"
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

// The saturation the headline exists for, on the card's worlds (seed 1;
// numbers from this run, the card has 40 seeds): with every confounder at
// once and no comrade preference, the Poisson rate ratio is pulled below 1
// and its interval excludes 1 (0.935 [0.898, 0.973]); the headline (actor
// and item-by-group effects) reads 0.940, the cloglog's estimate, whose own
// interval [0.891, 0.992] misses 1 on this seed; the logit's [0.884, 1.01]
// does not, so the headline's, which spans both shapes, is [0.884, 1.013]
// (before it spanned both, this seed was one of the card's false
// positives). This test holds the point estimates, not the interval: the
// headline within 0.1 of 0 on the log scale, the Poisson below 0.98. With
// comrades planted at twice the rate (popularity and activity confounders
// on) the headline is 2.058 [1.960, 2.609]: the cloglog's own interval is
// [1.960, 2.160], and the logit's odds ratio is the larger, as it is where
// engagement saturates. The Poisson rate ratio reads 1.461. (With actor
// and author effects instead of item effects the hazard ratio read 1.745:
// item appeal varying within a cell attenuates it.)
func TestSaturatedWorlds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two 1000-actor worlds")
	}
	r := analyzeWorld(t, "confounded", 0, 1)
	h, p := r.FixedEffects, r.PoissonFixedEffects
	t.Logf("confounded: headline %.4f [%.4f, %.4f] (%s; %s), Poisson %.4f [%.4f, %.4f]", h.RateRatio, h.CI[0], h.CI[1], h.Effects, h.Shape, p.RateRatio, p.CI[0], p.CI[1])
	if h.Model != ModelHazard && h.Model != ModelLogit || p.Model != ModelPoisson || !h.Converged || !p.Converged {
		t.Fatalf("models %q %q, converged %v %v", h.Model, p.Model, h.Converged, p.Converged)
	}
	if g := math.Log(float64(h.RateRatio)); math.Abs(g) > 0.1 || h.Effects != EffectsActorItemGroup || h.Alternative == nil || h.Alternative.Effects != h.Effects {
		t.Errorf("headline %.4f (effects %s, alternative %v): want within 0.1 of 0 on the log scale, item-by-group effects, the other shape kept", h.RateRatio, h.Effects, h.Alternative)
	}
	if !(p.RateRatio < 0.98) {
		t.Errorf("Poisson rate ratio %.4f: want the saturation bias below 0.98 on this seed", p.RateRatio)
	}
	r = analyzeWorld(t, "comrade-mutual", 2, 1)
	h = r.FixedEffects
	t.Logf("comrade-mutual 2: headline %.4f [%.4f, %.4f] (%s), Poisson %.4f", h.RateRatio, h.CI[0], h.CI[1], h.Model, r.PoissonFixedEffects.RateRatio)
	if !(h.CI[0] < 2 && h.CI[1] > 2) || !(h.FitCI[0] < 2 && h.FitCI[1] > 2) || h.Effects != EffectsActorItemGroup {
		t.Errorf("planted 2: headline %.4f [%.4f, %.4f] (effects %s), Poisson %.4f: want an interval around 2 from actor and item-by-group effects",
			h.RateRatio, h.CI[0], h.CI[1], h.Effects, r.PoissonFixedEffects.RateRatio)
	}
}
