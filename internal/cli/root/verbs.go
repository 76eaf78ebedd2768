package root

import (
	"github.com/algosolidarity/toolkit/internal/cli/communities"
	"github.com/algosolidarity/toolkit/internal/cli/convert"
	"github.com/algosolidarity/toolkit/internal/cli/datasetscmd"
	"github.com/algosolidarity/toolkit/internal/cli/engagement"
	"github.com/algosolidarity/toolkit/internal/cli/fetch"
	"github.com/algosolidarity/toolkit/internal/cli/figurescmd"
	"github.com/algosolidarity/toolkit/internal/cli/info"
	"github.com/algosolidarity/toolkit/internal/cli/simulatecmd"
	"github.com/algosolidarity/toolkit/internal/cli/statscmd"
	"github.com/algosolidarity/toolkit/internal/cli/validatecmd"
)

func init() {
	Verbs["datasets"] = Verb{"list the registry of public data sets", datasetscmd.Run}
	Verbs["fetch"] = Verb{"download, verify and cache data sets", fetch.Run}
	Verbs["info"] = Verb{"what was loaded: counts, columns, loops, parallel edges", info.Run}
	Verbs["stats"] = Verb{"reciprocity, degree assortativity and homophily (--json for scripts)", statscmd.Run}
	Verbs["figures"] = Verb{"the full figure set, stats.json and report.md, for papers", figurescmd.Run}
	Verbs["simulate"] = Verb{"a seeded engagement world with planted solidarity and coordinated cells", simulatecmd.Run}
	Verbs["engagement"] = Verb{"comrades, reciprocity, trending, coordination, echo: the solidarity analyses", engagement.Run}
	Verbs["communities"] = Verb{"Louvain or Leiden communities: modularity, JSON, a nodes CSV to reuse", communities.Run}
	Verbs["validate"] = Verb{"the detectability card: false-positive rates and power of every analysis on independent worlds", validatecmd.Run}
	Verbs["convert"] = Verb{"any supported format to Parquet or CSV", convert.Run}
}
