package generate

// STUB written by the lead so that other packages compile against the API.
// The reciprocity helper owns this package and fills it in.

import (
	"errors"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Planted describes a stochastic block model with planted homophily and
// reciprocity: nodes in groups of the given sizes; each ordered pair (i,j)
// gets an arc with probability PIn (same group) or POut (different groups);
// then each arc i->j without a return arc is returned with probability
// Reciprocity. Undirected networks ignore Reciprocity. Seeded and
// deterministic.
type Planted struct {
	Sizes       []int
	PIn, POut   float64
	Reciprocity float64
	Directed    bool
	Seed        uint64
}

// Network draws the network; its nodes table has columns id (int64) and
// group (string labels "g0", "g1", ...).
func (p Planted) Network() (*network.Network, error) {
	return nil, errors.New("generate: not implemented yet")
}
