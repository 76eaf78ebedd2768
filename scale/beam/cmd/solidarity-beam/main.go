// Command solidarity-beam computes the whole-network indices of
// 'solidarity stats --json' as an Apache Beam pipeline, on any Beam runner:
//
//	solidarity-beam --runner prism --edges 'edges/*.csv' --nodes nodes.csv --attr group --out stats.json
//	solidarity-beam --runner dataflow --project P --region R --temp_location gs://B/tmp \
//	    --edges 'gs://B/edges/*.parquet' --nodes 'gs://B/nodes.parquet' --attr group --out gs://B/stats.json
//
// Every flag of the chosen runner (Dataflow, Flink, Spark job server, ...)
// passes through: Beam reads them from the same command line. See
// scale/beam/README.md and docs/scale.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/algosolidarity/toolkit/scale/beam/beamstats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

var (
	edges       = flag.String("edges", "", "edges `FILE` or glob on any Beam filesystem (local, gs://, s3://): CSV/TSV with header, SNAP edge list, GML, GraphML, Pajek, Parquet; .gz/.zip")
	nodes       = flag.String("nodes", "", "nodes `FILE` or glob with an id column and attributes")
	attr        = flag.String("attr", "", "node attribute `COLUMN` to measure homophily by")
	out         = flag.String("out", "", "where to write the JSON report (`PATH` on any Beam filesystem)")
	undirected  = flag.Bool("undirected", false, "treat edges as undirected")
	weighted    = flag.Bool("weighted", false, "use merged edge weights in the homophily indices")
	degreeModes = flag.Bool("degree-modes", false, "directed networks: add the in-in, out-out and in-out degree assortativities")
	format      = flag.String("edges-format", "", "format of --edges when detection is not enough: csv, tsv, snap, gml, graphml, pajek, parquet")
	nodesFormat = flag.String("nodes-format", "", "format of --nodes: csv, tsv, snap, parquet")
	sourceCol   = flag.String("source-column", "", "source column of --edges (default source or an alias)")
	targetCol   = flag.String("target-column", "", "target column of --edges (default target or an alias)")
	weightCol   = flag.String("weight-column", "", "weight `COLUMN`: what parallel edges add up (default weight, when present; - ignores it)")
	idCol       = flag.String("id-column", "", "id column of --nodes (default id, else the first column)")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: solidarity-beam --runner prism --edges F [--nodes F --attr A] --out stats.json [runner flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init()
	if *edges == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "solidarity-beam: --edges and --out are required (see -help)")
		os.Exit(2)
	}
	if *attr != "" && *nodes == "" {
		fmt.Fprintln(os.Stderr, "solidarity-beam: --attr needs --nodes (or a GML/GraphML/Pajek edges file holding node attributes)")
	}
	p, s := beam.NewPipelineWithRoot()
	report := beamstats.Stats(s, beamstats.Options{
		Edges: *edges, Nodes: *nodes, Attr: *attr, Undirected: *undirected, Weighted: *weighted,
		DegreeModes: *degreeModes, Format: *format, NodesFormat: *nodesFormat,
		Columns: network.Columns{Source: *sourceCol, Target: *targetCol, Weight: *weightCol, ID: *idCol},
	})
	beamstats.Write(s, *out, report)
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Fprintln(os.Stderr, "solidarity-beam:", err)
		os.Exit(1)
	}
}
