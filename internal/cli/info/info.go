// Package info implements 'solidarity info': what was loaded, without
// hiding anything (counts, columns, self-loops, parallel edges, nodes
// without attributes).
package info

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Options are the verb's flags.
type Options struct {
	Input  cmdutil.Input
	Events cmdutil.EventsInput
	JSON   bool
}

const examples = `  solidarity info
  solidarity info --dataset polblogs --json
  solidarity info --edges follows.csv --nodes people.csv --undirected
  solidarity info --events jetstream.jsonl --events-format bluesky --json
  solidarity info --events export.ndjson --events-format ndjson --map actor=user.id,item=post_id,author=owner,time=ts`

// Run parses args and prints the report.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("info", "solidarity info (--dataset NAME | --edges FILE [--nodes FILE] | --events FILE [--events-format F]) [--json]", examples, io.Err)
	o.Input.Register(fs)
	o.Events.Register(fs, false)
	fs.BoolVar(&o.JSON, "json", false, "print JSON")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	return o.Run(ctx, io)
}

// Column describes one column of a loaded table.
type Column struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Nulls int    `json:"nulls"`
}

// Info is the JSON form of the report.
type Info struct {
	Source string `json:"source"`
	network.Report
	EdgeTable []Column `json:"edge_table"`
	NodeTable []Column `json:"node_table"`
}

// Describe builds the report of a loaded network.
func Describe(n *network.Network, source string) Info {
	inf := Info{Source: source, Report: n.Report(), EdgeTable: []Column{}, NodeTable: []Column{}}
	if e := n.Edges(); e != nil {
		for i, f := range e.Schema().Fields() {
			inf.EdgeTable = append(inf.EdgeTable, Column{f.Name, f.Type.String(), e.Column(i).NullN()})
		}
	}
	if t := n.Nodes(); t != nil {
		for i, f := range t.Schema().Fields() {
			inf.NodeTable = append(inf.NodeTable, Column{f.Name, f.Type.String(), t.Column(i).NullN()})
		}
	}
	return inf
}

// Run loads the input and prints what was loaded.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	if o.Events.Events != "" || o.Events.Given() {
		return o.runEvents(io)
	}
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	inf := Describe(n, o.Input.Describe())
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, inf)
	}
	r := inf.Report
	kind := "undirected"
	if r.Directed {
		kind = "directed"
	}
	fmt.Fprintf(io.Out, "%s: %s network\n\n", inf.Source, kind)
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', tabwriter.AlignRight)
	row := func(k string, v any, note string) { fmt.Fprintf(tw, "%v\t  %s\t%s\n", v, k, note) }
	row("edge records read", r.EdgeRecords, "")
	row("self-loops", r.SelfLoops, "  (left out of the analyses)")
	row("parallel edges", r.ParallelEdges, "  (merged: weights add, or count as weight)")
	row("simple edges", r.SimpleEdges, "  (what the analyses use)")
	row("nodes", r.Nodes, "")
	row("rows of the nodes table", r.NodeRows, "")
	row("nodes only in edges", r.NodesOnlyInEdges, "  (no attributes)")
	row("nodes without attributes", r.NodesNoAttrs, "")
	row("isolated nodes", r.IsolatedNodes, "")
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, t := range []struct {
		name string
		cols []Column
	}{{"edges", inf.EdgeTable}, {"nodes", inf.NodeTable}} {
		if len(t.cols) == 0 {
			fmt.Fprintf(io.Out, "\n%s table: none\n", t.name)
			continue
		}
		fmt.Fprintf(io.Out, "\n%s table:\n", t.name)
		tw = tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
		for _, c := range t.cols {
			fmt.Fprintf(tw, "  %s\t%s\t%d nulls\n", c.Name, c.Type, c.Nulls)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
