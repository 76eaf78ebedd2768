package figures

import (
	"math"
	"strings"
	"testing"
)

var (
	nan = math.NaN()
	inf = math.Inf(1)
)

// TestBadInputIsAnError feeds each constructor empty, NaN, ±Inf,
// misaligned and out-of-range input: each must return an error that starts
// with "figures: " and names the function, and never panic.
func TestBadInputIsAnError(t *testing.T) {
	two := []string{"a", "b"}
	cases := []struct {
		name string
		fn   string
		make func() (*Figure, error)
	}{
		{"mixing empty", "MixingMatrix", func() (*Figure, error) { return MixingMatrix("", nil, nil, false) }},
		{"mixing not square", "MixingMatrix", func() (*Figure, error) { return MixingMatrix("", two, [][]float64{{1, 2}}, false) }},
		{"mixing ragged", "MixingMatrix", func() (*Figure, error) { return MixingMatrix("", two, [][]float64{{1, 2}, {3}}, false) }},
		{"mixing NaN", "MixingMatrix", func() (*Figure, error) { return MixingMatrix("", two, [][]float64{{1, nan}, {3, 4}}, true) }},
		{"mixing Inf", "MixingMatrices", func() (*Figure, error) { return MixingMatrices("", two, [][]float64{{1, inf}, {3, 4}}) }},
		{"mixing negative", "MixingMatrix", func() (*Figure, error) { return MixingMatrix("", two, [][]float64{{1, -1}, {3, 4}}, false) }},
		{"homophily empty", "GroupHomophily", func() (*Figure, error) { return GroupHomophily("", nil, nil, nil, "") }},
		{"homophily short", "GroupHomophily", func() (*Figure, error) { return GroupHomophily("", two, []float64{1}, nil, "") }},
		{"homophily Inf", "GroupHomophily", func() (*Figure, error) { return GroupHomophily("", two, []float64{1, inf}, nil, "") }},
		{"homophily expected Inf", "GroupHomophily", func() (*Figure, error) {
			return GroupHomophily("", two, []float64{1, 2}, []float64{0, -inf}, "")
		}},
		{"null empty", "NullDistribution", func() (*Figure, error) { return NullDistribution("", "", nil, 1, 0.5) }},
		{"null NaN", "NullDistribution", func() (*Figure, error) { return NullDistribution("", "", []float64{1, nan}, 1, 0.5) }},
		{"null observed NaN", "NullDistribution", func() (*Figure, error) { return NullDistribution("", "", []float64{1, 2}, nan, 0.5) }},
		{"null p out of range", "NullDistribution", func() (*Figure, error) { return NullDistribution("", "", []float64{1, 2}, 1, 1.5) }},
		{"histogram Inf", "HistogramMarked", func() (*Figure, error) { return HistogramMarked("", "", []float64{inf}, 0, "") }},
		{"histogram mark Inf", "HistogramMarked", func() (*Figure, error) { return HistogramMarked("", "", []float64{1}, inf, "") }},
		{"dyads NaN", "DyadCensus", func() (*Figure, error) { return DyadCensus("", nan, 1, 1) }},
		{"dyads negative", "DyadCensus", func() (*Figure, error) { return DyadCensus("", -1, 1, 1) }},
		{"dyads zero", "DyadCensus", func() (*Figure, error) { return DyadCensus("", 0, 0, 0) }},
		{"reciprocity short", "ReciprocityByGroup", func() (*Figure, error) { return ReciprocityByGroup("", two, []float64{1}, []float64{1, 2}) }},
		{"reciprocity Inf", "ReciprocityByGroup", func() (*Figure, error) {
			return ReciprocityByGroup("", two, []float64{1, 2}, []float64{inf, 2})
		}},
		{"grouped empty", "GroupedBars", func() (*Figure, error) { return GroupedBars("", "", nil, nil, nil, nil, nil) }},
		{"grouped lo without hi", "GroupedBars", func() (*Figure, error) {
			return GroupedBars("", "", two, []string{"s"}, [][]float64{{1, 2}}, [][]float64{{0, 1}}, nil)
		}},
		{"bars lo > hi", "BarsCI", func() (*Figure, error) {
			return BarsCI("", "", two, []float64{1, 2}, []float64{2, 1}, []float64{1, 3}, nan)
		}},
		{"bars ref Inf", "BarsCI", func() (*Figure, error) { return BarsCI("", "", two, []float64{1, 2}, nil, nil, inf) }},
		{"bars empty", "BarsCI", func() (*Figure, error) { return BarsCI("", "", nil, nil, nil, nil, nan) }},
		{"degrees empty", "DegreeDistributions", func() (*Figure, error) { return DegreeDistributions("", nil, nil) }},
		{"degrees empty series", "DegreeDistributions", func() (*Figure, error) {
			return DegreeDistributions("", []string{"in"}, [][]int{{}})
		}},
		{"degrees negative", "DegreeDistributions", func() (*Figure, error) {
			return DegreeDistributions("", []string{"in"}, [][]int{{1, -2}})
		}},
		{"degrees all zero", "DegreeDistributions", func() (*Figure, error) {
			return DegreeDistributions("", []string{"in"}, [][]int{{0, 0}})
		}},
		{"knn NaN", "DegreeAssortativity", func() (*Figure, error) {
			return DegreeAssortativity("", "", "", []int{1, 2}, []float64{1, nan})
		}},
		{"knn misaligned", "DegreeAssortativity", func() (*Figure, error) {
			return DegreeAssortativity("", "", "", []int{1, 2}, []float64{1})
		}},
		{"knn no edges", "DegreeAssortativity", func() (*Figure, error) {
			return DegreeAssortativity("", "", "", []int{0, 0}, []float64{nan, nan})
		}},
		{"drawing no nodes", "DrawNetwork", func() (*Figure, error) { return DrawNetwork("", 0, nil, nil, nil, nil, 1) }},
		{"drawing too large", "DrawNetwork", func() (*Figure, error) {
			return DrawNetwork("", MaxDrawNodes+1, nil, nil, nil, nil, 1)
		}},
		{"drawing bad endpoint", "DrawNetwork", func() (*Figure, error) {
			return DrawNetwork("", 2, []int32{0}, []int32{2}, nil, nil, 1)
		}},
		{"drawing bad code", "DrawNetwork", func() (*Figure, error) {
			return DrawNetwork("", 2, []int32{0}, []int32{1}, []int32{0, 1}, []string{"a"}, 1)
		}},
		{"drawing codes misaligned", "DrawNetwork", func() (*Figure, error) {
			return DrawNetwork("", 2, []int32{0}, []int32{1}, []int32{0}, []string{"a"}, 1)
		}},
		{"days empty", "EngagementPerDay", func() (*Figure, error) { return EngagementPerDay("", nil, nil, nil) }},
		{"days bad code", "EngagementPerDay", func() (*Figure, error) {
			return EngagementPerDay("", []int64{0, 1}, []int32{0, 3}, two)
		}},
		{"days too long", "EngagementPerDay", func() (*Figure, error) {
			return EngagementPerDay("", []int64{0, 86400 * 30000}, nil, nil)
		}},
		{"scatter NaN", "ScatterFit", func() (*Figure, error) { return ScatterFit("", "", "", []float64{1, nan}, []float64{1, 2}, true, true) }},
		{"scatter misaligned", "ScatterFit", func() (*Figure, error) { return ScatterFit("", "", "", []float64{1, 2}, []float64{1}, true, true) }},
		{"scatter empty", "ScatterFit", func() (*Figure, error) { return ScatterFit("", "", "", nil, nil, true, true) }},
		{"echo Inf", "ScatterFit", func() (*Figure, error) { return EchoChamberScatter([]float64{inf}, []float64{0}) }},
		{"slope empty", "SlopeChart", func() (*Figure, error) { return SlopeChart("", nil, nil, nil, "", "") }},
		{"slope rank 0", "SlopeChart", func() (*Figure, error) {
			return SlopeChart("", two, []float64{0, 1}, []float64{1, 2}, "", "")
		}},
		{"slope NaN", "SlopeChart", func() (*Figure, error) {
			return SlopeChart("", two, []float64{1, 2}, []float64{nan, 2}, "", "")
		}},
		{"tile short", "Tile", func() (*Figure, error) { return Tile("x", 1, 2, newPlot("", "", "")) }},
		{"estimates empty", "Estimates", func() (*Figure, error) { return Estimates(nil, nil, EstimatesOptions{}) }},
		{"estimates Inf", "Estimates", func() (*Figure, error) {
			return Estimates(two, []Series{{Values: []float64{1, inf}}}, EstimatesOptions{})
		}},
		{"estimates misaligned", "Estimates", func() (*Figure, error) {
			return Estimates(two, []Series{{Values: []float64{1}}}, EstimatesOptions{})
		}},
		{"estimates lo > hi", "Estimates", func() (*Figure, error) {
			return Estimates(two, []Series{{Values: []float64{1, 2}, Lo: []float64{1, 3}, Hi: []float64{1, 2.5}}}, EstimatesOptions{})
		}},
		{"estimates log of 0", "Estimates", func() (*Figure, error) {
			return Estimates(two, []Series{{Values: []float64{1, 2}, Lo: []float64{0, 1}, Hi: []float64{2, 3}}}, EstimatesOptions{Log: true})
		}},
		{"estimates planted Inf", "Estimates", func() (*Figure, error) {
			return Estimates(two, []Series{{Values: []float64{1, 2}}}, EstimatesOptions{Planted: []float64{inf, 1}})
		}},
		{"km none", "KaplanMeier", func() (*Figure, error) { return KaplanMeier("", "", "", nil) }},
		{"km decreasing", "KaplanMeier", func() (*Figure, error) {
			return KaplanMeier("", "", "", []Curve{{Seconds: []float64{0, 10, 5}, Share: []float64{0, 0.1, 0.2}}})
		}},
		{"km share > 1", "KaplanMeier", func() (*Figure, error) {
			return KaplanMeier("", "", "", []Curve{{Seconds: []float64{0, 10}, Share: []float64{0, 1.5}}})
		}},
		{"km only NaN", "KaplanMeier", func() (*Figure, error) {
			return KaplanMeier("", "", "", []Curve{{Seconds: []float64{0, 10}, Share: []float64{nan, nan}}})
		}},
		{"drawing names short", "DrawNetwork", func() (*Figure, error) {
			return DrawNetworkWith("", 3, []int32{0}, []int32{1}, NetworkOptions{Names: []string{"a"}})
		}},
		{"drawing bad endpoint", "DrawNetwork", func() (*Figure, error) {
			return DrawNetworkWith("", 3, []int32{0}, []int32{7}, NetworkOptions{})
		}},
		{"scatter ids short", "Scatter", func() (*Figure, error) {
			return Scatter([]float64{1, 2}, []float64{1, 2}, ScatterOptions{IDs: []string{"a"}})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panicked: %v", r)
				}
			}()
			f, err := c.make()
			if err == nil {
				t.Fatalf("got a figure %v, want an error", f.Name)
			}
			if !strings.HasPrefix(err.Error(), "figures: ") || !strings.Contains(err.Error(), c.fn) {
				t.Errorf("error %q should start with %q and name %s", err, "figures: ", c.fn)
			}
		})
	}
}

// TestUndefinedValuesAreDrawn checks that NaN, meaning "undefined", is
// accepted where the documentation says so and the figure renders.
func TestUndefinedValuesAreDrawn(t *testing.T) {
	figs := []func() (*Figure, error){
		func() (*Figure, error) {
			return GroupHomophily("", []string{"a", "b"}, []float64{nan, 0.5}, []float64{0.2, nan}, "")
		},
		func() (*Figure, error) {
			return ReciprocityByGroup("", []string{"a", "b"}, []float64{nan, nan}, []float64{nan, 0.1})
		},
		func() (*Figure, error) { return NullDistribution("", "", []float64{1, 2, 3}, 2, nan) },
		func() (*Figure, error) {
			return MixingMatrix("", []string{"a", "b"}, [][]float64{{0, 0}, {0, 0}}, true)
		},
		func() (*Figure, error) {
			return DegreeAssortativity("", "", "", []int{0, 1, 1}, []float64{nan, 1, 1})
		},
		// one node, one group, constant values, a single day
		func() (*Figure, error) { return DrawNetwork("", 1, nil, nil, []int32{0}, []string{"only"}, 1) },
		func() (*Figure, error) { return ScatterFit("", "", "", []float64{1, 1}, []float64{2, 2}, true, true) },
		func() (*Figure, error) { return HistogramMarked("", "", []float64{3, 3, 3}, 3, "") },
		func() (*Figure, error) { return EngagementPerDay("", []int64{-1}, []int32{-1}, nil) },
		func() (*Figure, error) { return DyadCensus("", 0, 0, 10) },
		func() (*Figure, error) { return SlopeChart("", []string{"x"}, []float64{1}, []float64{1}, "", "") },
		// an undefined estimate, an undefined interval, every value undefined
		func() (*Figure, error) {
			return Estimates([]string{"a", "b", "c"}, []Series{{Values: []float64{nan, 2, 3}, Lo: []float64{nan, nan, 2}, Hi: []float64{nan, nan, 4}}},
				EstimatesOptions{Log: true, Planted: []float64{nan, 2, nan}})
		},
		func() (*Figure, error) {
			return Estimates([]string{"a", "b"}, []Series{{Values: []float64{nan, nan}}}, EstimatesOptions{})
		},
		// a curve with undefined points and no band beside a curve with one
		func() (*Figure, error) {
			return KaplanMeier("", "", "", []Curve{{Name: "a", Seconds: []float64{0, 60}, Share: []float64{0, nan}},
				{Name: "b", Seconds: []float64{0, 60}, Share: []float64{0, 0.5}, Lo: []float64{0, 0.3}, Hi: []float64{0, 0.7}}})
		},
	}
	for i, mk := range figs {
		f, err := mk()
		if err != nil {
			t.Errorf("case %d: %v", i, err)
			continue
		}
		if _, err := f.Bytes("svg"); err != nil {
			t.Errorf("case %d: %v", i, err)
		}
		if len(f.PNG()) == 0 {
			t.Errorf("case %d: empty PNG", i)
		}
	}
}
