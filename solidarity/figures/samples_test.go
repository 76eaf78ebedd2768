package figures

import (
	"image/color"
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
		{"degree_distribution", func() (*Figure, error) {
			in, out := powerLawDegrees(2000, 11)
			return DegreeDistributions("", []string{"in-degree", "out-degree"}, [][]int{in, out})
		}},
		{"degree_assortativity", func() (*Figure, error) {
			k, knn := assortativeKnn(1500, 12)
			return DegreeAssortativity("", "", "", k, knn)
		}},
		{"network_drawing", func() (*Figure, error) {
			n, src, dst, codes := plantedGroups(240, 3, 13)
			return DrawNetwork("Planted three-group network", n, src, dst, codes, []string{"red team", "blue team", "green team"}, 7)
		}},
		{"engagement_per_day", func() (*Figure, error) {
			times, codes := events(3000, 21, 14)
			return EngagementPerDay("", times, codes, []string{"activists", "journalists", "politicians"})
		}},
		{"scatter_fit", func() (*Figure, error) {
			x, y := leanings(400, 15)
			return EchoChamberScatter(x, y)
		}},
		{"scatter_density", func() (*Figure, error) {
			x, y := leanings(20000, 16)
			return ScatterFit("Leaning and neighbours' leaning (20,000 users)", "leaning", "neighbours' leaning", x, y, true, true)
		}},
		{"slope_chart", func() (*Figure, error) {
			items := []string{"post 17", "post 4", "post 22", "post 9", "post 1", "post 30", "post 12", "post 8"}
			return SlopeChart("Trending ranks with and without comrade engagement", items,
				[]float64{1, 2, 3, 4, 5, 6, 7, 8}, []float64{4, 1, 7, 2, 3, 6, 5, 8}, "with comrades", "without comrades")
		}},
		{"estimates_ratio", func() (*Figure, error) {
			// a lift per group on a log axis, with the planted value of the
			// simulation that made the data
			return Estimates([]string{"all actors", "liberal", "conservative", "unaligned"}, []Series{{
				Values: []float64{2.97, 2.6, 3.48, 1.1}, Lo: []float64{2.76, 2.31, 3.05, 0.62}, Hi: []float64{3.19, 2.92, 3.96, 1.95},
				Colors: []color.Color{Neutral[0], GroupColor(0), GroupColor(1), GroupColor(2)},
			}}, EstimatesOptions{Title: "Comrade lift", XLabel: "P(engage | comrade) / P(engage | other)", Log: true,
				Planted: []float64{3, 3, 3, 1}, Name: "comrade_lift"})
		}},
		{"estimates_series", func() (*Figure, error) {
			// two series that are not groups, per group
			return Estimates([]string{"group 0", "group 1", "group 2"}, []Series{
				{Name: "all engagement", Values: []float64{0.93, 1.03, 1.04}},
				{Name: "without comrade engagement", Values: []float64{0.91, 1.0, 1.08}},
			}, EstimatesOptions{Title: "Trending amplification (top 10)", XLabel: "share of top slots / share of items", Log: true})
		}},
		{"kaplan_meier", func() (*Figure, error) {
			return KaplanMeier("Time to return (Kaplan-Meier), window 1 day", "time since the first contact", "", kmCurves())
		}},
		{"network_small", func() (*Figure, error) {
			// a directed network of 14 named nodes and 4 isolates
			src := []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 3, 10, 11, 12, 13, 12, 2}
			dst := []int32{1, 2, 0, 4, 5, 3, 7, 8, 6, 0, 0, 0, 11, 12, 10, 10, 13, 5}
			codes := []int32{0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 1, 2, -1, 0, 1, 2, 0}
			names := []string{"ana", "ben", "cai", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lee", "max", "ned", "oli", "pam", "quy", "rex"}
			return DrawNetworkWith("A small directed network", 18, src, dst, NetworkOptions{Codes: codes,
				Labels:   Rename([]string{"0", "1", "2"}, map[string]string{"0": "liberal", "1": "conservative"}),
				Directed: true, Names: names, Seed: 3})
		}},
		{"histogram_marked", func() (*Figure, error) {
			r := rand.New(rand.NewPCG(3, 4))
			v := make([]float64, 500)
			for i := range v {
				v[i] = r.ExpFloat64() * 30
			}
			return HistogramMarked("Time to reciprocate", "seconds until the engagement is returned", v, 20.8, "median = 20.8 s")
		}},
	}
}

// kmCurves are three cumulative Kaplan-Meier curves over a day, with
// bands widening with time, as reciprocal.Analyze gives them.
func kmCurves() []Curve {
	var cs []Curve
	for g, rate := range []float64{0.04, 0.045, 0.035} {
		c := Curve{Name: []string{"all", "liberal", "conservative"}[g]}
		if g > 0 {
			c.Color = GroupColor(g - 1)
		}
		for i := 0; i <= 48; i++ {
			t := float64(i) * 1800
			v := rate * (1 - math.Exp(-t/40000)) * 2.2
			w := 0.004 * math.Sqrt(float64(i)) / float64(1+g)
			c.Seconds = append(c.Seconds, t)
			c.Share = append(c.Share, v)
			c.Lo = append(c.Lo, math.Max(0, v-w))
			c.Hi = append(c.Hi, v+w)
		}
		cs = append(cs, c)
	}
	return cs
}

// powerLawDegrees draws in- and out-degrees from a discrete Pareto tail.
func powerLawDegrees(n int, seed uint64) (in, out []int) {
	r := rand.New(rand.NewPCG(seed, 1))
	in, out = make([]int, n), make([]int, n)
	for i := range in {
		in[i] = int(math.Floor(math.Pow(1-r.Float64(), -1/1.3))) - 1
		out[i] = int(math.Floor(math.Pow(1-r.Float64(), -1/1.8))) - 1
	}
	return
}

// assortativeKnn makes degrees and mean neighbour degrees rising with degree.
func assortativeKnn(n int, seed uint64) (k []int, knn []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	k, knn = make([]int, n), make([]float64, n)
	for i := range k {
		k[i] = int(math.Floor(math.Pow(1-r.Float64(), -1/1.5)))
		knn[i] = math.Max(1, 3*math.Pow(float64(k[i]), 0.3)*math.Exp(0.3*r.NormFloat64()))
	}
	return
}

// plantedGroups is a stochastic block model: p_in = 0.06, p_out = 0.004.
func plantedGroups(n, g int, seed uint64) (int, []int32, []int32, []int32) {
	r := rand.New(rand.NewPCG(seed, 1))
	codes := make([]int32, n)
	for i := range codes {
		codes[i] = int32(i * g / n)
	}
	codes[n-1] = -1
	var src, dst []int32
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			p := 0.004
			if codes[i] == codes[j] {
				p = 0.06
			}
			if r.Float64() < p {
				src, dst = append(src, int32(i)), append(dst, int32(j))
			}
		}
	}
	return n, src, dst, codes
}

// events spreads m events over days with a weekly rhythm per group.
func events(m, days int, seed uint64) ([]int64, []int32) {
	r := rand.New(rand.NewPCG(seed, 1))
	t0 := int64(1714521600) // 2024-05-01T00:00:00Z
	times, codes := make([]int64, m), make([]int32, m)
	for i := range times {
		g := int32(r.IntN(3))
		d := r.IntN(days)
		if g == 0 && r.Float64() < 0.4 {
			d = 10 + r.IntN(3) // a burst
		}
		times[i] = t0 + int64(d)*86400 + int64(r.IntN(86400))
		codes[i] = g
	}
	return times, codes
}

// leanings are polarised leanings in [-1, 1] with like-minded neighbours.
func leanings(n int, seed uint64) (x, y []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		s := 1.0
		if r.IntN(2) == 0 {
			s = -1
		}
		x[i] = math.Max(-1, math.Min(1, s*0.6+0.25*r.NormFloat64()))
		y[i] = math.Max(-1, math.Min(1, 0.7*x[i]+0.2*r.NormFloat64()))
	}
	return
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
