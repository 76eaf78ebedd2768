// Package validatecmd implements 'solidarity validate': the detectability
// card, every engagement analysis run on worlds built unlike it (nulls with
// one confounder each, planted mechanisms of several sizes), written as
// validation.md, validation.json and figures.
package validatecmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/validate"
)

// Options are the verb's flags.
type Options struct {
	Quick        bool
	NullSeeds    int
	PlantedSeeds int
	Out          string
	JSON         bool
	// From re-renders a card written before (its validation.json)
	// instead of running the grid.
	From string
}

const examples = `  solidarity validate --quick                 # the CI grid, about 1.5 minutes on 2 cores
  solidarity validate --out docs              # the full grid, about 4 minutes: docs/validation.md and docs/validation/*.svg
  solidarity validate --quick --json          # the card as JSON on standard output
  solidarity validate --from docs/validation.json --out docs   # re-render a card without rerunning it`

// Run parses args and builds the card.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("validate", "solidarity validate [--quick] [--null-seeds N] [--planted-seeds N] [--from FILE] [--out DIR] [--json]", examples, io.Err)
	fs.BoolVar(&o.Quick, "quick", false, "the small grid CI runs (12 seeds per null, 6 per planted size, 600 actors)")
	fs.IntVar(&o.NullSeeds, "null-seeds", 0, "seeds per null world (0: 40, or 12 with --quick)")
	fs.IntVar(&o.PlantedSeeds, "planted-seeds", 0, "seeds per planted size (0: 20, or 6 with --quick)")
	fs.StringVar(&o.Out, "out", "", "write validation.md, validation.json and validation/*.svg into `DIR`")
	fs.BoolVar(&o.JSON, "json", false, "print the card as JSON")
	fs.StringVar(&o.From, "from", "", "re-render the card in `FILE` (a validation.json) instead of running the grid")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.From != "" && (o.Quick || o.NullSeeds != 0 || o.PlantedSeeds != 0) {
		return cmdutil.Usagef("--from re-renders a card as it was run: it takes no --quick, --null-seeds or --planted-seeds")
	}
	if o.NullSeeds < 0 || o.PlantedSeeds < 0 || o.NullSeeds > 10000 || o.PlantedSeeds > 10000 {
		return cmdutil.Usagef("--null-seeds and --planted-seeds must be 0 to 10000")
	}
	return o.Run(ctx, io)
}

// Run builds the card and writes it.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	opt := validate.Options{Quick: o.Quick, NullSeeds: o.NullSeeds, PlantedSeeds: o.PlantedSeeds}
	if io.Terminal {
		opt.Progress = func(done, total int) {
			fmt.Fprintf(io.Err, "\rvalidation worlds: %d/%d", done, total)
			if done == total {
				fmt.Fprintln(io.Err)
			}
		}
	}
	var card *validate.Card
	var err error
	if o.From != "" {
		card, err = validate.ReadCard(o.From)
	} else {
		card, err = validate.Run(opt)
	}
	if err != nil {
		return err
	}
	if o.Out != "" {
		if err := write(card, o.Out); err != nil {
			return err
		}
	}
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, card)
	}
	if o.Out == "" {
		fmt.Fprint(io.Out, card.Markdown())
	} else {
		fmt.Fprintf(io.Out, "wrote %s\n", filepath.Join(o.Out, "validation.md"))
	}
	return nil
}

func write(card *validate.Card, dir string) error {
	figs, err := card.Figures()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "validation"), 0o755); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	md := card.Markdown()
	if len(figs) > 0 {
		md += "\n## Figures\n\n"
	}
	for _, f := range figs {
		name := filepath.Join("validation", f.Name+".svg")
		if err := f.Save(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("validate: %w", err)
		}
		md += fmt.Sprintf("![%s](%s)\n", f.Name, name)
	}
	js, err := json.MarshalIndent(card, "", " ")
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "validation.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "validation.md"), []byte(md), 0o644); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	return nil
}
