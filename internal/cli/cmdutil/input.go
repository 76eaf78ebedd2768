package cmdutil

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Input holds the flags that choose a network: a registry data set, the
// user's own files, or (with neither) the embedded default.
type Input struct {
	Dataset    string
	Edges      string
	Nodes      string
	Format     string
	Undirected bool
	Directed   bool
	Source     string
	Target     string
	Weight     string
	ID         string
	Layer      string
	Names      string
	Member     string
	Network    string
	Cache      string
	Mirror     string
}

// Register adds the input flags to fs.
func (in *Input) Register(fs *flag.FlagSet) {
	fs.StringVar(&in.Dataset, "dataset", "", "registry data set `NAME` (see 'solidarity datasets')")
	fs.StringVar(&in.Edges, "edges", "", "edges `FILE` (CSV/TSV with header, SNAP edge list, GML, GraphML, Pajek, Parquet; .gz/.zip)")
	fs.StringVar(&in.Nodes, "nodes", "", "nodes `FILE` with an id column and attributes")
	fs.StringVar(&in.Format, "edges-format", "", "format of --edges when detection is not enough: csv, tsv, snap, gml, graphml, pajek, parquet")
	fs.BoolVar(&in.Undirected, "undirected", false, "treat edges as undirected")
	fs.BoolVar(&in.Directed, "directed", false, "treat edges as directed (the default for edge lists)")
	fs.StringVar(&in.Source, "source", "", "source column of --edges (default source)")
	fs.StringVar(&in.Target, "target", "", "target column of --edges (default target)")
	fs.StringVar(&in.Weight, "weight", "", "weight `COLUMN`: what parallel edges add up (default weight, when present)")
	fs.StringVar(&in.ID, "id", "", "id column of --nodes (default id)")
	fs.StringVar(&in.Layer, "layer", "", "relation of a multi-relational Pajek file, by number or name")
	fs.StringVar(&in.Names, "names", "", "comma-separated column names for files without a header (e.g. source,target,time)")
	fs.StringVar(&in.Member, "member", "", "member of a .zip archive to read")
	fs.StringVar(&in.Network, "network", "", "network of a multi-network Pajek .paj file")
	fs.StringVar(&in.Cache, "cache", "", "cache `DIR` for data sets (default $SOLIDARITY_CACHE or the user cache)")
	fs.StringVar(&in.Mirror, "mirror", "", "local `DIR` or base URL holding data sets offline (default $SOLIDARITY_MIRROR)")
}

// RegistryOptions returns the registry options the flags ask for.
func (in *Input) RegistryOptions(io *IO) registry.Options {
	opt := registry.Options{CacheDir: in.Cache, Mirror: in.Mirror, Quiet: !io.Terminal}
	opt.Log = func(msg string) { fmt.Fprintln(io.Err, msg) }
	return opt
}

// Describe names the input for messages and reports.
func (in *Input) Describe() string {
	switch {
	case in.Dataset != "":
		return "dataset " + in.Dataset
	case in.Edges != "":
		return in.Edges
	}
	return "embedded dataset " + datasets.DefaultName
}

// Load reads the network the flags name. The caller releases it.
func (in *Input) Load(ctx context.Context, io *IO) (*network.Network, error) {
	if in.Directed && in.Undirected {
		return nil, Usagef("--directed and --undirected contradict each other")
	}
	if in.Dataset != "" && in.Edges != "" {
		return nil, Usagef("give --dataset or --edges, not both")
	}
	if in.Nodes != "" && in.Dataset == "" && in.Edges == "" {
		return nil, Usagef("--nodes needs --edges (or --dataset)")
	}
	var n *network.Network
	var err error
	switch {
	case in.Dataset != "":
		opt := in.RegistryOptions(io)
		opt.NodesPath = in.Nodes
		n, err = registry.Load(ctx, in.Dataset, opt)
	case in.Edges != "":
		opt := formats.Options{
			Format:    formats.Format(in.Format),
			NodesPath: in.Nodes,
			Columns:   network.Columns{Source: in.Source, Target: in.Target, Weight: in.Weight, ID: in.ID},
			Layer:     in.Layer,
			Member:    in.Member,
			Network:   in.Network,
		}
		if in.Names != "" {
			opt.Names = strings.Split(in.Names, ",")
		}
		if in.Directed || in.Undirected {
			d := in.Directed
			opt.Directed = &d
		}
		n, err = formats.Read(in.Edges, opt)
	default:
		n, err = datasets.Default()
	}
	if err != nil {
		return nil, err
	}
	if (in.Undirected && n.Directed()) || (in.Directed && !n.Directed()) || (in.Weight != "" && in.Edges == "") {
		// Data sets and the embedded default have a fixed reading: re-index
		// the same Arrow tables with the caller's direction and weight.
		m, err := network.New(n.Edges(), n.Nodes(), !in.Undirected && (in.Directed || n.Directed()),
			network.Columns{Source: n.Columns().Source, Target: n.Columns().Target, Weight: pick(in.Weight, n.Columns().Weight), ID: n.Columns().ID})
		n.Release()
		if err != nil {
			return nil, err
		}
		m.Name = in.Describe()
		return m, nil
	}
	if n.Name == "" {
		n.Name = in.Describe()
	}
	return n, nil
}

func pick(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
