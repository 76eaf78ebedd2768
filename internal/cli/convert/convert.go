// Package convert implements 'solidarity convert': any supported input
// format to Parquet (the fast path), CSV, or one GraphML or GEXF file for
// Gephi, Cytoscape and networkx (optionally with communities and the
// link-based leaning as node attributes).
package convert

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/community"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/leaning"
)

// Options are the verb's flags.
type Options struct {
	Input       cmdutil.Input
	Out         string
	To          string
	Communities string // "", louvain or leiden: add a community node column
	Seed        uint64
	Leaning     bool // add the link-based CA leaning as a node column
}

const examples = `  solidarity convert --dataset polblogs --out polblogs/            # Parquet
  solidarity convert --edges net.graphml --out net/ --to csv
  solidarity convert --edges Lazega-Law-Firm.paj --layer 2 --out friendship/
  solidarity convert --dataset polblogs --to gexf --communities leiden --leaning --out gephi/`

// Run parses args and converts.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("convert", "solidarity convert (--dataset NAME | --edges FILE [--nodes FILE]) --out DIR [--to parquet|csv|graphml|gexf] [--communities louvain|leiden] [--leaning]", examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Out, "out", "", "output `DIR`: edges.<ext> and, when there are node attributes, nodes.<ext>")
	fs.StringVar(&o.To, "to", "parquet", "output format: parquet, csv, graphml or gexf (one file in DIR)")
	fs.StringVar(&o.Communities, "communities", "", "add a node column community found by `METHOD` (louvain or leiden)")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of --communities")
	fs.BoolVar(&o.Leaning, "leaning", false, "add a node column leaning: first CA dimension of the links (see docs/methods/communities.md)")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.Out == "" {
		return cmdutil.Usagef("--out DIR is required")
	}
	switch o.To {
	case "parquet", "csv", "graphml", "gexf":
	default:
		return cmdutil.Usagef("--to must be parquet, csv, graphml or gexf, not %q", o.To)
	}
	if o.Communities != "" && o.Communities != community.Louvain && o.Communities != community.Leiden {
		return cmdutil.Usagef("--communities must be louvain or leiden, not %q", o.Communities)
	}
	return o.Run(ctx, io)
}

// Run loads the input and writes it out.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer func() { n.Release() }()
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	if o.Communities != "" {
		r, err := community.Detect(n, community.Options{Method: o.Communities, Seed: o.Seed})
		if err != nil {
			return err
		}
		m, err := r.Attach(n, community.DefaultColumn)
		if err != nil {
			return err
		}
		n.Release()
		n = m
		fmt.Fprintf(io.Err, "%s: %d communities, modularity %.4f\n", r.Method, r.Communities, r.Modularity)
	}
	if o.Leaning {
		r, err := leaning.FromNetwork(n, false, leaning.Options{})
		if err != nil {
			return err
		}
		m, err := r.Attach(n, leaning.DefaultColumn)
		if err != nil {
			return err
		}
		n.Release()
		n = m
		if r.Reason != "" {
			fmt.Fprintf(io.Err, "leaning: %s\n", r.Reason)
		} else {
			fmt.Fprintf(io.Err, "leaning: %d of %d nodes scaled (%s)\n", r.UsedRows, n.N(), r.Sign)
		}
	}
	if o.To == "graphml" || o.To == "gexf" {
		path := filepath.Join(o.Out, o.baseName()+"."+o.To)
		if err := formats.WriteGraphFile(n, path, o.To); err != nil {
			return err
		}
		fmt.Fprintf(io.Out, "wrote %s (%d nodes, %d edge records)\n", path, n.N(), n.Report().EdgeRecords)
		return nil
	}
	edges := filepath.Join(o.Out, "edges."+o.To)
	nodes := filepath.Join(o.Out, "nodes."+o.To)
	if o.To == "csv" {
		err = formats.WriteCSV(n, edges, nodes)
	} else {
		err = formats.WriteParquet(n, edges, nodes)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "wrote %s", edges)
	if n.Nodes() != nil {
		fmt.Fprintf(io.Out, " and %s", nodes)
	}
	fmt.Fprintf(io.Out, " (%d nodes, %d edge records)\n", n.N(), n.Report().EdgeRecords)
	return nil
}

// baseName names the GraphML/GEXF file after the input.
func (o Options) baseName() string {
	switch {
	case o.Input.Dataset != "":
		return o.Input.Dataset
	case o.Input.Edges != "":
		b := filepath.Base(o.Input.Edges)
		for _, ext := range []string{".gz", ".zip"} {
			b = strings.TrimSuffix(b, ext)
		}
		if e := filepath.Ext(b); e != "" {
			b = strings.TrimSuffix(b, e)
		}
		if b != "" && b != "." {
			return b
		}
	}
	return "network"
}
