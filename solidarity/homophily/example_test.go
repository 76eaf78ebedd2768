package homophily_test

import (
	"encoding/json"
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/generate"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
)

// Newman's (2003) race-mixing table of sexual partnerships in Catania
// (rows: men, columns: women; black, hispanic, white, other).
func ExampleAssortativityFromMixing() {
	catania := [][]float64{
		{506, 32, 69, 26},
		{23, 308, 114, 38},
		{26, 46, 599, 68},
		{10, 14, 47, 32},
	}
	r, reason := homophily.AssortativityFromMixing(catania)
	fmt.Printf("r = %.4f %q\n", r, reason)
	ei, _ := homophily.EIFromMixing(catania)
	fmt.Printf("E-I = %.4f\n", ei)
	// Output:
	// r = 0.6214 ""
	// E-I = -0.4760
}

// A planted network: three groups, ties five times likelier within a
// group, 30% of arcs returned.
func ExampleSummarize() {
	n, err := generate.Planted{Sizes: []int{100, 150, 250}, PIn: 0.05, POut: 0.01,
		Reciprocity: 0.3, Directed: true, Seed: 1}.Network()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	s, err := homophily.Summarize(n, "group", homophily.Options{Permutations: 99, Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("groups %d, arcs %d, missing nodes %d\n", s.Groups, s.Edges, s.MissingNodes)
	fmt.Printf("r = %.3f ± %.3f, E-I = %.3f, Freeman = %.3f, ORWG = %.2f\n",
		s.Assortativity, s.AssortativitySE, s.EI, s.Freeman, s.ORWG)
	for i, g := range s.Mixing.Labels {
		fmt.Printf("%s: size %3d  Coleman %.3f  inbreeding %.3f\n", g, s.Mixing.Sizes[i], s.Coleman[g], s.Inbreeding[g])
	}
	fmt.Printf("permutation p (two-sided) = %.2f\n", s.Permutation.TwoSided)
	// Output:
	// groups 3, arcs 8173, missing nodes 0
	// r = 0.542 ± 0.008, E-I = -0.492, Freeman = 0.591, ORWG = 5.08
	// g0: size 100  Coleman 0.445  inbreeding 0.443
	// g1: size 150  Coleman 0.525  inbreeding 0.524
	// g2: size 250  Coleman 0.651  inbreeding 0.651
	// permutation p (two-sided) = 0.02
}

// The JSON form writes NaN as null, and Reasons says why.
func ExampleSummary_MarshalJSON() {
	// Everyone in one group: assortativity is undefined.
	n, _ := generate.Planted{Sizes: []int{6}, PIn: 0.5, Directed: true, Seed: 3}.Network()
	defer n.Release()
	s, _ := homophily.Summarize(n, "group", homophily.Options{})
	b, _ := json.Marshal(s)
	var back map[string]any
	_ = json.Unmarshal(b, &back)
	fmt.Println("assortativity:", back["assortativity"])
	fmt.Println("ei:", back["ei"])
	fmt.Println("reason:", s.Reasons["assortativity"])
	// Output:
	// assortativity: <nil>
	// ei: -1
	// reason: only one group ("g0") has members, so assortativity is undefined
}

func ExampleDegreeAssortativity() {
	n, _ := generate.Planted{Sizes: []int{300}, PIn: 0.02, Reciprocity: 0.5, Directed: true, Seed: 2}.Network()
	defer n.Release()
	for _, m := range []homophily.DegreeMode{homophily.OutIn, homophily.OutOut, homophily.InIn, homophily.InOut} {
		d, _ := homophily.DegreeAssortativity(n, m)
		fmt.Printf("%-7s r = %+.3f ± %.3f\n", m, d.R, d.SE)
	}
	// Output:
	// out-in  r = -0.014 ± 0.020
	// out-out r = +0.005 ± 0.019
	// in-in   r = -0.025 ± 0.020
	// in-out  r = +0.002 ± 0.019
}

func ExamplePermutationTest() {
	// No planted homophily: PIn = POut.
	n, _ := generate.Planted{Sizes: []int{100, 100}, PIn: 0.03, POut: 0.03, Directed: true, Seed: 9}.Network()
	defer n.Release()
	p, _ := homophily.PermutationTest(n, "group", homophily.PermutationOptions{Permutations: 999, Seed: 1})
	fmt.Printf("r = %.4f, null mean %.4f sd %.4f, p = %.3f\n", p.Observed, p.NullMean, p.NullSD, p.TwoSided)
	// Output:
	// r = 0.0157, null mean -0.0045 sd 0.0274, p = 0.466
}

// The text form, for a terminal or a notebook cell.
func ExampleSummary_String() {
	n, _ := generate.Planted{Sizes: []int{40, 60}, PIn: 0.1, POut: 0.02, Directed: false, Seed: 4}.Network()
	defer n.Release()
	s, _ := homophily.Summarize(n, "group", homophily.Options{Permutations: 199, Seed: 1})
	fmt.Print(s)
	// Output:
	// homophily of "group": 2 groups, 334 undirected edges; left out: 0 nodes without a value, 0 edges touching them
	//   assortativity r                0.6676
	//     jackknife std. error         0.0424
	//     permutation p (2-sided)      0.0100   (199 permutations, seed 1; null mean -0.0045, sd 0.0539; one-sided 0.0050 / 1.0000)
	//   E-I index                     -0.6886
	//   Freeman segregation            0.6789
	//   odds ratio within groups       5.6144
	// mixing matrix (each edge counted from both ends)
	//              g0     g1     size  Coleman        H inbreeding
	//   g0        198     52       40   0.6568   0.7920     0.6533
	//   g1         52    366       60   0.6921   0.8756     0.6890
}
