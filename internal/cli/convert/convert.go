// Package convert implements 'solidarity convert': any supported input
// format to Parquet (the fast path) or CSV.
package convert

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// Options are the verb's flags.
type Options struct {
	Input cmdutil.Input
	Out   string
	To    string
}

const examples = `  solidarity convert --dataset polblogs --out polblogs/            # Parquet
  solidarity convert --edges net.graphml --out net/ --to csv
  solidarity convert --edges Lazega-Law-Firm.paj --layer 2 --out friendship/`

// Run parses args and converts.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("convert", "solidarity convert (--dataset NAME | --edges FILE [--nodes FILE]) --out DIR [--to parquet|csv]", examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Out, "out", "", "output `DIR`: edges.<ext> and, when there are node attributes, nodes.<ext>")
	fs.StringVar(&o.To, "to", "parquet", "output format: parquet or csv")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.Out == "" {
		return cmdutil.Usagef("--out DIR is required")
	}
	if o.To != "parquet" && o.To != "csv" {
		return cmdutil.Usagef("--to must be parquet or csv, not %q", o.To)
	}
	return o.Run(ctx, io)
}

// Run loads the input and writes it out.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
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
