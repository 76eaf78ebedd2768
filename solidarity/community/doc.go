// Package community finds groups nobody labelled: modularity communities by
// Louvain (Blondel et al. 2008) or Leiden (Traag, Waltman & van Eck 2019),
// seeded and deterministic, on the network's compressed adjacency so that a
// million nodes take seconds. Result.Attach adds the partition as a node
// attribute that every index and analysis reads by name.
//
// The definitions, edge cases and what communities cannot tell are in
// docs/methods/communities.md.
package community
