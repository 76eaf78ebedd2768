// Package figurescmd implements 'solidarity figures': the full figure set of
// a network, with stats.json and a report.md embedding the figures, for
// papers. Two runs write byte-identical SVG and PDF files.
package figurescmd

import (
	"context"
	"fmt"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/figureset"
)

// Options are the verb's flags.
type Options struct {
	Input        cmdutil.Input
	Attr         string
	Out          string
	Format       string
	Permutations int
	Seed         uint64
}

const examples = `  solidarity figures --attr group --out figs/                 # the embedded default
  solidarity figures --dataset polblogs --attr value --out polblogs/ --format pdf
  solidarity figures --edges follows.csv --nodes people.csv --attr party --out figs/ --format png`

// Run parses args and writes the figures.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("figures",
		"solidarity figures (--dataset NAME | --edges FILE [--nodes FILE]) --attr COLUMN --out DIR [--format svg|pdf|png]",
		examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Attr, "attr", "", "node attribute `COLUMN` for the homophily figures")
	fs.StringVar(&o.Out, "out", "", "output `DIR`")
	fs.StringVar(&o.Format, "format", "svg", "figure format: svg, pdf or png")
	fs.IntVar(&o.Permutations, "permutations", 999, "shuffles for the permutation null (0 leaves the test out)")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the permutation test")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.Out == "" {
		return cmdutil.Usagef("--out DIR is required")
	}
	switch o.Format {
	case "svg", "pdf", "png":
	default:
		return cmdutil.Usagef("--format must be svg, pdf or png, not %q", o.Format)
	}
	if o.Permutations < 0 {
		return cmdutil.Usagef("--permutations must be 0 or more")
	}
	return o.Run(ctx, io)
}

// Run loads the input, builds the figure set and writes it.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	perms := o.Permutations
	if perms == 0 {
		perms = -1
	}
	opt := figureset.Options{Attr: o.Attr, Permutations: perms, Seed: o.Seed}
	if io.Terminal {
		opt.Progress = func(done, total int) {
			fmt.Fprintf(io.Err, "\rpermutation test: %d/%d", done, total)
			if done == total {
				fmt.Fprintln(io.Err)
			}
		}
	}
	set, err := figureset.Build(n, opt)
	if err != nil {
		return err
	}
	paths, err := set.Write(o.Out, o.Format, "Figures: "+o.Input.Describe())
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(io.Out, p)
	}
	for _, s := range set.Skipped {
		fmt.Fprintln(io.Err, "not drawn:", s)
	}
	return nil
}
