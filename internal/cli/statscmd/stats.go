// Package statscmd implements 'solidarity stats': reciprocity, degree
// assortativity and the homophily of an attribute, as a readable table or
// as the JSON object scripts and papers rely on.
package statscmd

import (
	"context"
	"fmt"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// Options are the verb's flags.
type Options struct {
	Input        cmdutil.Input
	Attr         string
	Weighted     bool
	Permutations int
	Seed         uint64
	DegreeModes  bool
	JSON         bool
}

const examples = `  solidarity stats --attr group                       # the embedded default
  solidarity stats --dataset polblogs --attr value --json
  solidarity stats --edges follows.csv --nodes people.csv --attr party --permutations 1000
  solidarity stats --dataset karate --attr club --undirected`

// Run parses args and prints the report.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("stats",
		"solidarity stats (--dataset NAME | --edges FILE [--nodes FILE]) [--attr COLUMN] [--undirected] [--weight COLUMN] [--json]",
		examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Attr, "attr", "", "node attribute `COLUMN` to measure homophily by")
	fs.BoolVar(&o.Weighted, "weighted", false, "use merged edge weights in the homophily indices")
	fs.IntVar(&o.Permutations, "permutations", 0, "run a permutation test of the assortativity with `N` shuffles")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the permutation test")
	fs.BoolVar(&o.DegreeModes, "degree-modes", false, "directed networks: add the in-in, out-out and in-out degree assortativities")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object (NaN as null, with reasons)")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if err := cmdutil.IntRange("permutations", o.Permutations, 0, cmdutil.MaxPermutations); err != nil {
		return err
	}
	if o.Permutations > 0 && o.Attr == "" {
		return cmdutil.Usagef("--permutations needs --attr")
	}
	return o.Run(ctx, io)
}

// Run loads the input, computes the report and prints it.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	opt := stats.Options{Attr: o.Attr, Weighted: o.Weighted, Permutations: o.Permutations, Seed: o.Seed, DegreeModes: o.DegreeModes}
	if io.Terminal && o.Permutations > 0 {
		opt.Progress = func(done, total int) {
			fmt.Fprintf(io.Err, "\rpermutation test: %d/%d", done, total)
			if done == total {
				fmt.Fprintln(io.Err)
			}
		}
	}
	r, err := stats.Compute(n, opt)
	if err != nil {
		return err
	}
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, r)
	}
	fmt.Fprint(io.Out, r.String())
	if o.Attr == "" {
		if cols := n.Report().NodeColumns; len(cols) > 1 {
			fmt.Fprintf(io.Out, "\nAdd --attr COLUMN for homophily; node attributes here: %v\n", cols[1:])
		}
	}
	return nil
}
