package cmdutil

import (
	"context"
	"flag"
	"fmt"
	stdio "io"
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
	// Limits of the readers (0 = the formats package's defaults).
	MaxLine     int64
	MaxDepth    int
	MaxDeclared int
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
	fs.Int64Var(&in.MaxLine, "max-line", 0, "longest line, record or quoted field read, in `BYTES` (0 = 64 MiB; see docs/limits.md)")
	fs.IntVar(&in.MaxDepth, "max-depth", 0, "deepest GML list nesting (0 = 64)")
	fs.IntVar(&in.MaxDeclared, "max-declared", 0, "largest Pajek *Vertices count accepted without as many bytes of content (0 = 4194304)")
}

// validFormats are the --edges-format values.
var validFormats = []string{"csv", "tsv", "snap", "gml", "graphml", "pajek", "parquet"}

// check refuses flag values that are malformed or out of range (usage
// errors, exit status 2) before anything is read.
func (in *Input) check() error {
	if in.Format != "" {
		ok := false
		for _, f := range validFormats {
			ok = ok || in.Format == f
		}
		if !ok {
			return Usagef("--edges-format %q: want one of %s", in.Format, strings.Join(validFormats, ", "))
		}
	}
	if in.MaxLine < 0 || in.MaxDepth < 0 || in.MaxDeclared < 0 {
		return Usagef("--max-line, --max-depth and --max-declared must be positive (0 = the default)")
	}
	if in.Names != "" {
		seen := map[string]bool{}
		for _, n := range strings.Split(in.Names, ",") {
			if n == "" {
				return Usagef("--names %q: a name is empty", in.Names)
			}
			if seen[n] {
				return Usagef("--names %q names %q twice: want distinct column names", in.Names, n)
			}
			seen[n] = true
		}
	}
	if in.Source != "" && in.Source == in.Target {
		return Usagef("--source and --target are both %q: want two columns", in.Source)
	}
	return nil
}

// RegistryOptions returns the registry options the flags ask for.
func (in *Input) RegistryOptions(io *IO) registry.Options {
	opt := registry.Options{CacheDir: in.Cache, Mirror: in.Mirror}
	opt.Log = func(msg string) { fmt.Fprintln(io.Err, msg) }
	if io.Terminal {
		opt.Progress = DrawProgress(io.Err)
	}
	return opt
}

// DrawProgress returns a registry progress callback that keeps one line
// per file up to date on a terminal (the registry draws nothing itself).
func DrawProgress(w stdio.Writer) func(registry.Progress) {
	drawn := false
	return func(p registry.Progress) {
		if p.Done && !drawn {
			return // too quick to be worth a line
		}
		drawn = !p.Done
		size := registry.FormatBytes(p.Bytes)
		if p.Total > 0 {
			size += " / " + registry.FormatBytes(p.Total)
		}
		line := fmt.Sprintf("\r  %s/%s  %s  %s/s", p.Dataset, p.File, size, registry.FormatBytes(int64(p.Rate())))
		if p.Done {
			line += "  done\n"
		} else {
			line += "   "
		}
		fmt.Fprint(w, line)
	}
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
	if err := in.check(); err != nil {
		return nil, err
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

			MaxLine:     in.MaxLine,
			MaxDepth:    in.MaxDepth,
			MaxDeclared: in.MaxDeclared,
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
	if w := in.Weight; w != "" && w != "-" && !n.Edges().Schema().HasField(w) {
		// A misspelt --weight must not quietly give an unweighted network.
		have := n.Edges().Schema().Fields()
		names := make([]string, len(have))
		for i, f := range have {
			names[i] = f.Name
		}
		n.Release()
		return nil, fmt.Errorf("%s: no weight column %q (edge columns: %s); name one of them, or \"-\" for none", in.Describe(), w, strings.Join(names, ", "))
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
