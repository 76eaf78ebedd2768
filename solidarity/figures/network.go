package figures

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// DegreeDistribution draws the degree distribution of n's simple view
// (parallel edges merged, loops left out; see network.Simple) with
// DegreeDistributions: in- and out-degree for a directed network, degree
// for an undirected one.
func DegreeDistribution(n *network.Network) (*Figure, error) {
	if n == nil {
		return nil, fmt.Errorf("figures: DegreeDistribution: nil network")
	}
	s := n.Simple()
	if s.N == 0 {
		return nil, fmt.Errorf("figures: DegreeDistribution: %s has no nodes", name(n))
	}
	out := make([]int, s.N)
	in := make([]int, s.N)
	for i := 0; i < s.N; i++ {
		out[i] = s.OutDegree(int32(i))
		in[i] = s.InDegree(int32(i))
	}
	title := "Degree distribution"
	if n.Name != "" {
		title += ": " + shortName(n)
	}
	if s.Directed {
		return DegreeDistributions(title, []string{"in-degree", "out-degree"}, [][]int{in, out})
	}
	return DegreeDistributions(title, []string{"degree"}, [][]int{out})
}

// DegreeAssortativityPlot draws DegreeAssortativity for n's simple view,
// unweighted: for an undirected network each node's degree against the
// mean degree of its neighbours; for a directed one each node's out-degree
// against the mean in-degree of its out-neighbours (the out-in pairing of
// networkx's degree_assortativity_coefficient defaults).
func DegreeAssortativityPlot(n *network.Network) (*Figure, error) {
	if n == nil {
		return nil, fmt.Errorf("figures: DegreeAssortativityPlot: nil network")
	}
	s := n.Simple()
	k := make([]int, s.N)
	knn := make([]float64, s.N)
	for i := 0; i < s.N; i++ {
		nb, _ := s.Out(int32(i))
		k[i] = len(nb)
		if len(nb) == 0 {
			knn[i] = math.NaN()
			continue
		}
		var sum float64
		for _, j := range nb {
			sum += float64(s.InDegree(j))
		}
		knn[i] = sum / float64(len(nb))
	}
	title := "Degree correlations"
	if n.Name != "" {
		title += ": " + shortName(n)
	}
	if s.Directed {
		return DegreeAssortativity(title, "out-degree k", "mean in-degree of out-neighbours", k, knn)
	}
	return DegreeAssortativity(title, "degree k", "mean neighbour degree k_nn", k, knn)
}

// NetworkDrawing draws n's simple view with DrawNetworkWith, nodes coloured
// by the categorical node attribute attr (see network.Network.Categories),
// named by their ids, with arrowheads when n is directed (and small), with
// layout seed 1. attr "" draws every node in one colour.
func NetworkDrawing(n *network.Network, attr string) (*Figure, error) {
	return NetworkDrawingWith(n, attr, nil)
}

// NetworkDrawingWith is NetworkDrawing with the groups renamed by rename
// (raw attribute value -> name shown, as from the command line's --labels;
// values without an entry keep their own). A group keeps its colour, which
// follows its place in the attribute's labels, not its name.
func NetworkDrawingWith(n *network.Network, attr string, rename map[string]string) (*Figure, error) {
	if n == nil {
		return nil, fmt.Errorf("figures: NetworkDrawing: nil network")
	}
	s := n.Simple()
	var src, dst []int32
	for i := 0; i < s.N; i++ {
		nb, _ := s.Out(int32(i))
		for _, j := range nb {
			if s.Directed || int32(i) < j {
				src = append(src, int32(i))
				dst = append(dst, j)
			}
		}
	}
	opt := NetworkOptions{Directed: s.Directed, Seed: 1, Names: nodeNames(n)}
	title := fmt.Sprintf("%s: %s nodes, %s edges", orDefault(shortName(n), "Network"), thousands(int64(s.N)), thousands(int64(s.Edges)))
	if attr != "" {
		c, err := n.Categories(attr)
		if err != nil {
			return nil, fmt.Errorf("figures: NetworkDrawing: %w", err)
		}
		opt.Codes, opt.Labels = c.Codes, Rename(c.Labels, rename)
		title += ", coloured by " + attr
	}
	return DrawNetworkWith(title, s.N, src, dst, opt)
}

// nodeNames are the nodes' ids as text, for labels and tooltips.
func nodeNames(n *network.Network) []string {
	ix := n.Index()
	names := make([]string, ix.Len())
	for i := range names {
		if ix.IsString() {
			names[i] = ix.String(int32(i))
		} else {
			names[i] = fmt.Sprint(ix.Int(int32(i)))
		}
	}
	return names
}

// shortName is the network's name without directories, for titles.
func shortName(n *network.Network) string {
	if n.Name == "" {
		return ""
	}
	return filepath.Base(n.Name)
}

func name(n *network.Network) string {
	if n.Name != "" {
		return n.Name
	}
	return "the network"
}
