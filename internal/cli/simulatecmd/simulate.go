// Package simulatecmd implements 'solidarity simulate': a seeded world of
// engagement with planted solidarity, written as CSV files plus truth.json.
package simulatecmd

import (
	"context"
	"fmt"
	"os"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

const examples = `  solidarity simulate --seed 1 --actors 2000 --groups 3 --days 7 --solidarity 1.5 --out sim/
  solidarity simulate --seed 7 --solidarity 0 --coordinated-cells 3 --cell-size 8 --out null-world/`

// Run parses args and writes the simulated world.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	cfg := simulate.DefaultConfig()
	var out string
	fs := cmdutil.NewFlagSet("simulate",
		"solidarity simulate --seed S --actors N --groups G --days D --solidarity X --coordinated-cells K --cell-size M --out DIR",
		examples, io.Err)
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed (the same seed gives the same files)")
	fs.IntVar(&cfg.Actors, "actors", cfg.Actors, "number of actors (each also posts items)")
	fs.IntVar(&cfg.Groups, "groups", cfg.Groups, "number of groups")
	fs.IntVar(&cfg.Days, "days", cfg.Days, "days simulated")
	fs.Float64Var(&cfg.Solidarity, "solidarity", cfg.Solidarity, "log-odds boost of engaging with a comrade's item (0 = none)")
	fs.IntVar(&cfg.CoordinatedCells, "coordinated-cells", cfg.CoordinatedCells, "number of coordinated cells")
	fs.IntVar(&cfg.CellSize, "cell-size", cfg.CellSize, "actors per coordinated cell")
	fs.Float64Var(&cfg.Homophily, "homophily", cfg.Homophily, "probability a follow stays within the group")
	fs.Float64Var(&cfg.Reciprocity, "reciprocity", cfg.Reciprocity, "probability a follow is returned")
	fs.Float64Var(&cfg.Follows, "follows", cfg.Follows, "mean number of accounts each actor follows")
	fs.Float64Var(&cfg.PostsPerDay, "posts-per-day", cfg.PostsPerDay, "mean items each actor posts per day")
	fs.Float64Var(&cfg.QualityEffect, "quality-effect", cfg.QualityEffect, "log-odds effect of one unit of item quality")
	fs.StringVar(&cfg.Comrade, "comrade", cfg.Comrade, "who counts as a comrade: "+comradeModes())
	fs.StringVar(&out, "out", "", "output `DIR` (created; must not hold a previous world)")
	var force bool
	fs.BoolVar(&force, "force", false, "replace a previous world in --out")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if out == "" {
		return cmdutil.Usagef("--out DIR is required")
	}
	if !force {
		// As the help says: never over an earlier world (the library's
		// WriteDir replaces one; the command asks for --force first).
		if ents, err := os.ReadDir(out); err == nil && len(ents) > 0 {
			return fmt.Errorf("simulate: %s already holds files (%s...): choose a new directory, or --force to replace a previous world", out, ents[0].Name())
		}
	}
	if err := cfg.Validate(); err != nil {
		return cmdutil.Usagef("%v", err)
	}
	if io.Terminal {
		cfg.Progress = func(stage string, events int) { fmt.Fprintf(io.Err, "%s: %d events\n", stage, events) }
	}
	res, err := simulate.Run(cfg)
	if err != nil {
		return err
	}
	if err := res.WriteDir(out); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "wrote %s: %d actors, %d items, %d follows, %d events, %d coordinated cells\n",
		out, cfg.Actors, len(res.ItemAuthor), len(res.FollowSrc), res.Len(), len(res.Cells))
	return nil
}

func comradeModes() string {
	return fmt.Sprintf("%s (mutual follow or same group), %s (mutual follow) or %s (same group)",
		simulate.ComradeEither, simulate.ComradeReciprocal, simulate.ComradeGroup)
}
