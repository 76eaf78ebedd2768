package figures

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// sample figures used by the golden-image, determinism and look tests. The
// data are small, fixed or drawn from a seeded PCG.
type sample struct {
	name string
	make func() (*Figure, error)
}

var polLabels = []string{"liberal", "conservative"}

func samples() []sample {
	return []sample{
		{"mixing_raw", func() (*Figure, error) {
			return MixingMatrix("", polLabels, [][]float64{{7935, 1010}, {741, 8008}}, false)
		}},
		{"mixing_pair", func() (*Figure, error) {
			return MixingMatrices("Political blogs by leaning", []string{"left", "centre", "right", "none"},
				[][]float64{{120, 14, 3, 0}, {10, 40, 12, 0}, {2, 11, 150, 0}, {0, 0, 0, 0}})
		}},
		{"group_homophily", func() (*Figure, error) {
			return GroupHomophily("", []string{"left", "centre", "right", "unknown"},
				[]float64{0.62, 0.21, 0.71, math.NaN()}, []float64{0.35, 0.15, 0.45, 0.05}, "in-group share of ties")
		}},
		{"null_distribution", func() (*Figure, error) {
			r := rand.New(rand.NewPCG(1, 2))
			null := make([]float64, 999)
			for i := range null {
				null[i] = 0.02 * r.NormFloat64()
			}
			return NullDistribution("", "degree assortativity r", null, 0.081, 0.001)
		}},
		{"dyad_census", func() (*Figure, error) { return DyadCensus("", 1202, 14317, 1_201_034) }},
		{"reciprocity_by_group", func() (*Figure, error) {
			return ReciprocityByGroup("", []string{"activists", "journalists", "politicians"},
				[]float64{0.41, 0.22, 0.35}, []float64{0.12, 0.08, math.NaN()})
		}},
		{"bars_ci", func() (*Figure, error) {
			return BarsCI("Comrade lift by group", "lift (odds ratio)", []string{"group A", "group B", "group C"},
				[]float64{2.4, 1.1, 0.9}, []float64{1.9, 0.8, 0.7}, []float64{3.0, 1.5, 1.2}, 1)
		}},
	}
}

// TestLook renders every sample to PNG in $FIGURES_OUT for a person to look
// at; it is skipped when the variable is unset.
func TestLook(t *testing.T) {
	dir := os.Getenv("FIGURES_OUT")
	if dir == "" {
		t.Skip("set FIGURES_OUT=dir to render every sample figure there")
	}
	for _, s := range samples() {
		f, err := s.make()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, ext := range []string{"png", "svg", "pdf"} {
			if err := f.Save(filepath.Join(dir, s.name+"."+ext)); err != nil {
				t.Fatal(err)
			}
		}
	}
}
