// Package fetch implements 'solidarity fetch NAME': download a registry data
// set from its original address (or the mirror), verify its checksums and
// convert it to Parquet in the cache, so later runs need no network.
package fetch

import (
	"context"
	"fmt"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Options are the verb's flags.
type Options struct {
	Input cmdutil.Input // only Cache and Mirror are used
	Names []string
	JSON  bool
}

const examples = `  solidarity fetch polblogs
  solidarity fetch email-eu-core college-msg --json
  SOLIDARITY_MIRROR=../shared/datasets/raw solidarity fetch polblogs   # offline`

// Run parses args and fetches.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("fetch", "solidarity fetch NAME... [--cache DIR] [--mirror DIR|URL] [--json]", examples, io.Err)
	fs.StringVar(&o.Input.Cache, "cache", "", "cache `DIR` (default $SOLIDARITY_CACHE or the user cache)")
	fs.StringVar(&o.Input.Mirror, "mirror", "", "local `DIR` or base URL holding data sets offline (default $SOLIDARITY_MIRROR)")
	fs.BoolVar(&o.JSON, "json", false, "print what was fetched as JSON")
	if err := cmdutil.Parse(fs, args, 1<<20); err != nil {
		return err
	}
	o.Names = fs.Args()
	if len(o.Names) == 0 {
		return cmdutil.Usagef("name at least one data set (see 'solidarity datasets')")
	}
	return o.Run(ctx, io)
}

type fileReport struct {
	Name     string `json:"name"`
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Source   string `json:"source,omitempty"`
	Cached   bool   `json:"cached"`
	Recorded bool   `json:"hash_recorded_on_first_use"`
}

type report struct {
	Dataset string       `json:"dataset"`
	Dir     string       `json:"dir"`
	Files   []fileReport `json:"files"`
	Nodes   int          `json:"nodes"`
	Edges   int          `json:"edges"`
}

// Run fetches each data set and loads it once, which writes the Parquet cache.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	var out []report
	for _, name := range o.Names {
		opt := o.Input.RegistryOptions(io)
		f, err := registry.Fetch(ctx, name, opt)
		if err != nil {
			return err
		}
		r := report{Dataset: f.Dataset.Name, Dir: f.Dir}
		for _, ff := range f.Files {
			r.Files = append(r.Files, fileReport{Name: ff.Name, Path: ff.Path, SHA256: ff.SHA256, Source: ff.Source, Cached: ff.Cached, Recorded: ff.Recorded})
		}
		if !f.Dataset.Table {
			n, err := registry.Load(ctx, name, opt)
			if err != nil {
				return err
			}
			r.Nodes, r.Edges = n.N(), n.Report().EdgeRecords
			n.Release()
		}
		out = append(out, r)
		if !o.JSON {
			fmt.Fprintf(io.Out, "%s: %d files in %s", r.Dataset, len(r.Files), dirOr(r.Dir))
			if !f.Dataset.Table {
				fmt.Fprintf(io.Out, " (%d nodes, %d edge records)", r.Nodes, r.Edges)
			}
			fmt.Fprintln(io.Out)
			for _, ff := range r.Files {
				how := "verified"
				switch {
				case ff.Recorded:
					how = "hash recorded on first use"
				case ff.Cached:
					how = "verified again, from cache"
				}
				fmt.Fprintf(io.Out, "  %-40s sha256 %s  %s\n", ff.Name, ff.SHA256, how)
			}
		}
	}
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, out)
	}
	return nil
}

func dirOr(d string) string {
	if d == "" {
		return "(embedded)"
	}
	return d
}
