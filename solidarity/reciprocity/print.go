package reciprocity

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// String prints the summary as an aligned table for a terminal or a
// notebook cell, with the reason under every undefined value.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reciprocity of %d nodes, %d arcs (self-loop records left out: %d, parallel records merged: %d)\n",
		s.Nodes, s.Arcs, s.SelfLoops, s.Parallel)
	row := func(name, key string, v, se float64) {
		switch {
		case math.IsNaN(v):
			fmt.Fprintf(&b, "  %-22s %10s\n", name, "NaN")
		case key == "edge" || key == "rho":
			if math.IsNaN(se) {
				fmt.Fprintf(&b, "  %-22s %10.4f   (SE undefined)\n", name, v)
			} else {
				fmt.Fprintf(&b, "  %-22s %10.4f ± %.4f (node jackknife SE)\n", name, v, se)
			}
		default:
			fmt.Fprintf(&b, "  %-22s %10.4f\n", name, v)
		}
	}
	row("edge reciprocity r", "edge", s.Edge, s.EdgeSE)
	row("dyad ratio M/(M+A)", "dyad_ratio", s.DyadRatio, math.NaN())
	row("density a", "density", s.Density, math.NaN())
	row("rho (r-a)/(1-a)", "rho", s.Rho, s.RhoSE)
	row("weighted r^w", "weighted", s.Weighted, math.NaN())
	row("r^w expected (WRG)", "weighted_expected", s.WeightedExpected, math.NaN())
	row("rho^w", "weighted_rho", s.WeightedRho, math.NaN())
	fmt.Fprintf(&b, "  dyads: %d mutual, %d asymmetric, %d null\n", s.Dyads.Mutual, s.Dyads.Asymmetric, s.Dyads.Null)
	if len(s.Reasons) > 0 {
		keys := make([]string, 0, len(s.Reasons))
		for k := range s.Reasons {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("  undefined:\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "    %s: %s\n", k, s.Reasons[k])
		}
	}
	return b.String()
}
