// Package engagement implements 'solidarity engagement ANALYSIS': the
// solidarity analyses of an engagement event table (comrades, reciprocity
// over time, trending, coordination, echo chambers), as JSON or text.
package engagement

import (
	"context"
	"flag"
	"fmt"
	"sort"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

// analysis is one subcommand: its flags and what it computes. run returns
// the value printed as JSON and a short text rendering of it.
type analysis struct {
	summary  string
	synopsis string
	examples string
	flags    func(fs *flag.FlagSet) func(ctx context.Context, io *cmdutil.IO, in *input) (any, string, error)
}

var analyses = map[string]analysis{}

// input holds the flags every analysis shares.
type input struct {
	cmdutil.EventsInput
	JSON bool
}

// Run dispatches 'solidarity engagement ANALYSIS [flags]'.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(io.Err, "Usage: solidarity engagement ANALYSIS --events FILE [flags]\n\nAnalyses:")
		names := make([]string, 0, len(analyses))
		for n := range analyses {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(io.Err, "  %-13s %s\n", n, analyses[n].summary)
		}
		fmt.Fprintln(io.Err, "\nRun 'solidarity engagement ANALYSIS -h' for its flags and examples.")
		if len(args) == 0 {
			return cmdutil.Usagef("name an analysis")
		}
		return flag.ErrHelp
	}
	a, ok := analyses[args[0]]
	if !ok {
		return cmdutil.Usagef("unknown analysis %q (comrades, reciprocity, trending, coordination, echo)", args[0])
	}
	fs := cmdutil.NewFlagSet("engagement "+args[0], a.synopsis, a.examples, io.Err)
	var in input
	in.Register(fs, args[0] == "comrades" || args[0] == "echo")
	fs.BoolVar(&in.JSON, "json", false, "print JSON")
	run := a.flags(fs)
	if err := cmdutil.Parse(fs, args[1:], 0); err != nil {
		return err
	}
	v, text, err := run(ctx, io, &in)
	if err != nil {
		return err
	}
	if in.JSON {
		return cmdutil.WriteJSON(io.Out, v)
	}
	fmt.Fprint(io.Out, text)
	return nil
}
