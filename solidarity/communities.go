package solidarity

import (
	"github.com/algosolidarity/toolkit/solidarity/community"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/leaning"
)

// Communities is a partition found by Louvain or Leiden (package community).
type Communities = community.Result

// CommunityOptions configure FindCommunities (method, resolution, seed).
type CommunityOptions = community.Options

// FindCommunities partitions n with Leiden (seed 1) and returns the network
// with a "community" node attribute, ready for Stats(m, "community"),
// Homophily or Figures, and the partition (modularity, sizes). Release m
// as well as n.
func FindCommunities(n *Network, opt CommunityOptions) (m *Network, r *Communities, err error) {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if r, err = community.Detect(n, opt); err != nil {
		return nil, nil, err
	}
	m, err = r.Attach(n, community.DefaultColumn)
	return m, r, err
}

// Leaning is the first correspondence-analysis dimension (package leaning).
type Leaning = leaning.Result

// LinkLeaning scales the nodes of n from their links alone (CA of the
// symmetrised adjacency, default core 5) and returns the network with a
// "leaning" node attribute (NaN, written as null, where not scaled) and the
// result. anchors are node ids expected on the positive side (may be none).
func LinkLeaning(n *Network, anchors ...string) (*Network, *Leaning, error) {
	var pos []int32
	for _, id := range anchors {
		if i, ok := n.Index().LookupString(id); ok {
			pos = append(pos, i)
		}
	}
	r, err := leaning.FromNetwork(n, false, leaning.Options{Positive: pos})
	if err != nil {
		return nil, nil, err
	}
	m, err := r.Attach(n, leaning.DefaultColumn)
	return m, r, err
}

// WriteGraph writes n as "graphml" or "gexf" for Gephi, Cytoscape and
// networkx, with every node attribute (communities and leanings included).
func WriteGraph(n *Network, path, format string) error {
	return formats.WriteGraphFile(n, path, format)
}
