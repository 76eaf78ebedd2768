// Command solidarity computes homophily, reciprocity and the solidarity
// analyses of engagement networks from the command line, writing readable
// tables, JSON and figures, so scripts and papers can reproduce results
// without a notebook. Run 'solidarity -h' for the commands.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/internal/cli/root"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := root.Main(ctx, cmdutil.System(), os.Args[1:])
	stop()
	os.Exit(code)
}
