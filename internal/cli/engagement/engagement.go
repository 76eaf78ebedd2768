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
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// analysis is one subcommand: its flags and what it computes. The
// dispatcher loads the events (and follows) once for every analysis.
type analysis struct {
	follows bool // takes --follows
	title   string
	// lead names the most important figures of the text output, printed
	// first in this order (the rest follow in the result's own order).
	lead     []string
	summary  string
	synopsis string
	examples string
	flags    func(fs *flag.FlagSet) runFunc
}

// shared holds what the dispatcher gives every analysis.
type shared struct {
	follows  *network.Network // nil without --follows
	kinds    []string         // nil without --kinds
	progress func(done, total int)
}

// runFunc computes an analysis of loaded events. Its result marshals to
// the JSON of --json.
type runFunc = func(ev *events.Events, in shared) (any, error)

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
	in.Register(fs, a.follows)
	fs.BoolVar(&in.JSON, "json", false, "print JSON")
	var tf timeFlags
	tf.register(fs)
	run := a.flags(fs)
	if err := cmdutil.Parse(fs, args[1:], 0); err != nil {
		return err
	}
	if f := fs.Lookup("object"); f != nil && f.Value.String() != "" && f.Value.String() != "item" {
		in.Content = true // the platform readers keep post text and links only when asked
	}
	ev, err := in.Load()
	if err != nil {
		return err
	}
	defer ev.Release()
	follows, err := in.LoadFollows()
	if err != nil {
		return err
	}
	if follows != nil {
		defer follows.Release()
	}
	sh := shared{follows: follows, kinds: in.KindList()}
	if io.Terminal {
		sh.progress = func(done, total int) {
			fmt.Fprintf(io.Err, "\r%s: %d/%d", args[0], done, total)
			if done == total {
				fmt.Fprintln(io.Err)
			}
		}
	}
	ws, err := tf.windows(ev)
	if err != nil {
		return err
	}
	if ws != nil {
		r, err := tf.runWindows(args[0], ev, ws, run, sh)
		if err != nil {
			return err
		}
		if in.JSON {
			return cmdutil.WriteJSON(io.Out, r)
		}
		writeWindows(io.Out, a.title, r, a.lead)
		return nil
	}
	v, err := run(ev, sh)
	if err != nil {
		return err
	}
	if in.JSON {
		return cmdutil.WriteJSON(io.Out, v)
	}
	fmt.Fprintf(io.Out, "%s: %s\n%s", a.title, ev.Name, textOf(v, a.lead))
	return nil
}
