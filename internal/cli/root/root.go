package root

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

// Verb is one subcommand: a one-line summary and a run function that tests
// call directly.
type Verb struct {
	Summary string
	Run     func(ctx context.Context, io *cmdutil.IO, args []string) error
}

// Verbs is filled by verbs.go.
var Verbs = map[string]Verb{}

const intro = `solidarity: is engagement on social media an act of solidarity?

Homophily, reciprocity, comradeship, amplification, coordination and echo
chambers in engagement networks, from public data sets or your own files.

Usage: solidarity <command> [flags]
`

// Main runs the command line and returns the exit status: 0 success,
// 1 a data or I/O error (printed alone), 2 a usage error (printed with usage).
func Main(ctx context.Context, io *cmdutil.IO, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if v, ok := Verbs[args[1]]; ok {
				return cmdutil.ExitCode(v.Run(ctx, io, []string{"-h"}))
			}
		}
		printUsage(io)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	v, ok := Verbs[args[0]]
	if !ok {
		fmt.Fprintf(io.Err, "solidarity: unknown command %q\n\n", args[0])
		printUsage(io)
		return 2
	}
	err := v.Run(ctx, io, args[1:])
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		var u *cmdutil.UsageError
		if errors.As(err, &u) {
			fmt.Fprintf(io.Err, "solidarity %s: %v\nRun 'solidarity %s -h' for usage.\n", args[0], err, args[0])
		} else {
			fmt.Fprintf(io.Err, "solidarity %s: %v\n", args[0], err)
		}
	}
	return cmdutil.ExitCode(err)
}

func printUsage(io *cmdutil.IO) {
	fmt.Fprint(io.Err, intro, "\nCommands:\n")
	names := make([]string, 0, len(Verbs))
	for n := range Verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(io.Err, "  %-11s %s\n", n, Verbs[n].Summary)
	}
	fmt.Fprintln(io.Err, "\nRun 'solidarity <command> -h' for a command's flags and examples.")
	fmt.Fprintln(io.Err, strings.TrimSpace(`
Inputs: --dataset NAME (see 'solidarity datasets'), or --edges FILE [--nodes FILE];
with neither, the embedded default data set is used (no network, no files).`))
}
