package mergeable

import (
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// Report assembles the report of 'solidarity stats' from finished parts, so
// that its JSON (stats.Report.MarshalJSON) has the same keys and reasons as
// the in-memory command's. rec is nil for an undirected network, h nil
// without an attribute, modes nil unless the four directed degree
// assortativities were asked for.
func Report(source string, load network.Report, rec *reciprocity.Summary, deg *homophily.Numeric,
	modes map[string]*homophily.Numeric, h *homophily.Summary) *stats.Report {
	if !load.Directed {
		rec = nil
	}
	return &stats.Report{Source: source, Load: load, Reciprocity: rec, DegreeAssortativity: deg, DegreeModes: modes, Homophily: h}
}
