// Command solidarity-duckdb computes the whole-network report of
// 'solidarity stats' out of core with DuckDB: SQL over Parquet or CSV
// files (globs allowed) under a memory limit past which DuckDB spills to
// disk, with the same numbers and the same JSON as the in-memory command.
//
//	solidarity-duckdb stats --edges 'edges/*.parquet' --nodes nodes.parquet --attr group --memory-limit 2GB --json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/scale/duckdb"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	io := cmdutil.System()
	err := run(ctx, io, os.Args[1:])
	stop()
	var u *cmdutil.UsageError
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(io.Err, "solidarity-duckdb:", err)
		if errors.As(err, &u) {
			fmt.Fprintln(io.Err, "Run 'solidarity-duckdb stats -h' for the flags.")
		}
	}
	os.Exit(cmdutil.ExitCode(err))
}

const examples = `  solidarity-duckdb stats --edges 'edges/*.parquet' --nodes nodes.parquet --attr group --memory-limit 2GB --json
  solidarity-duckdb stats --edges follows.csv --nodes people.csv --attr party --weighted
  solidarity-duckdb stats --edges 'likes/*.csv.gz' --undirected --threads 2 --temp-dir /scratch/spill`

// run is the command, callable from tests without a process.
func run(ctx context.Context, io *cmdutil.IO, args []string) error {
	if len(args) == 0 || (args[0] != "stats" && args[0] != "-h" && args[0] != "--help" && args[0] != "help") {
		return cmdutil.Usagef("want the verb 'stats' (the only one so far)")
	}
	if args[0] != "stats" {
		fmt.Fprintln(io.Out, "Usage: solidarity-duckdb stats [flags]   (run 'solidarity-duckdb stats -h')")
		return nil
	}
	var in duckdb.Input
	var opt duckdb.Options
	var cfg duckdb.Config
	var names, source, target, weight, id string
	var directed, asJSON bool
	var permutations int
	var seed uint64
	fs := cmdutil.NewFlagSet("stats",
		"solidarity-duckdb stats --edges FILE|GLOB [--nodes FILE|GLOB] [--attr COLUMN] [--undirected] [--weight COLUMN] [--memory-limit SIZE] [--json]",
		examples, io.Err)
	fs.StringVar(&in.Edges, "edges", "", "edges `FILE` or glob: Parquet (.parquet) or CSV with a header (other extensions, .gz too)")
	fs.StringVar(&in.Nodes, "nodes", "", "nodes `FILE` or glob with an id column and attributes")
	fs.StringVar(&in.Format, "edges-format", "", "parquet or csv, when the extension does not say")
	fs.BoolVar(&in.Undirected, "undirected", false, "treat edges as undirected")
	fs.BoolVar(&directed, "directed", false, "treat edges as directed (the default)")
	fs.StringVar(&source, "source", "", "source column of --edges (default source)")
	fs.StringVar(&target, "target", "", "target column of --edges (default target)")
	fs.StringVar(&weight, "weight", "", "weight `COLUMN`: what parallel edges add up (default weight, when present; - for none)")
	fs.StringVar(&id, "id", "", "id column of --nodes (default id)")
	fs.StringVar(&names, "names", "", "comma-separated column names for CSV files without a header")
	fs.StringVar(&opt.Attr, "attr", "", "node attribute `COLUMN` to measure homophily by")
	fs.BoolVar(&opt.Weighted, "weighted", false, "use merged edge weights in the homophily indices")
	fs.BoolVar(&opt.DegreeModes, "degree-modes", false, "directed networks: add the in-in, out-out and in-out degree assortativities")
	fs.IntVar(&permutations, "permutations", 0, "not available out of core (run 'solidarity stats' in memory)")
	fs.Uint64Var(&seed, "seed", 1, "seed of the permutation test (unused here)")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object (NaN as null, with reasons), as 'solidarity stats --json'")
	fs.StringVar(&cfg.MemoryLimit, "memory-limit", "", "DuckDB memory limit (`SIZE` such as 2GB); past it DuckDB spills to --temp-dir")
	fs.StringVar(&cfg.TempDir, "temp-dir", "", "spill `DIR` (default a fresh temporary directory, removed afterwards)")
	fs.IntVar(&cfg.Threads, "threads", 0, "DuckDB threads (default one per CPU)")
	if err := cmdutil.Parse(fs, args[1:], 0); err != nil {
		return err
	}
	switch {
	case in.Edges == "":
		return cmdutil.Usagef("--edges is required")
	case directed && in.Undirected:
		return cmdutil.Usagef("--directed and --undirected contradict each other")
	case permutations != 0:
		return cmdutil.Usagef("--permutations is not available out of core: the test reshuffles labels over the whole network once per permutation; run 'solidarity stats --permutations N' in memory")
	case opt.Attr == "" && opt.Weighted:
		return cmdutil.Usagef("--weighted needs --attr")
	}
	in.Columns = network.Columns{Source: source, Target: target, Weight: weight, ID: id}
	if names != "" {
		in.Names = strings.Split(names, ",")
	}
	start := time.Now()
	if io.Terminal {
		cfg.Progress = func(stage string) {
			fmt.Fprintf(io.Err, "\r\033[K%s (%.1fs)", stage, time.Since(start).Seconds())
		}
	}
	db, err := duckdb.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Stats(ctx, in, opt)
	if io.Terminal {
		fmt.Fprintf(io.Err, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if asJSON {
		return cmdutil.WriteJSON(io.Out, r)
	}
	fmt.Fprint(io.Out, r.String())
	return nil
}
