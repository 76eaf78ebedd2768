// Package datasetscmd implements 'solidarity datasets': the registry of
// public data sets, as a table or JSON.
package datasetscmd

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Options are the verb's flags.
type Options struct {
	JSON bool
	Name string // show one data set in full
}

const examples = `  solidarity datasets
  solidarity datasets polblogs
  solidarity datasets --json`

// Run parses args and lists the registry.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("datasets", "solidarity datasets [NAME] [--json]", examples, io.Err)
	fs.BoolVar(&o.JSON, "json", false, "print JSON")
	if err := cmdutil.Parse(fs, args, 1); err != nil {
		return err
	}
	o.Name = fs.Arg(0)
	return o.Run(io)
}

// Run lists the registry, or one entry.
func (o Options) Run(io *cmdutil.IO) error {
	if o.Name != "" {
		d, err := registry.Lookup(o.Name)
		if err != nil {
			return err
		}
		if o.JSON {
			return cmdutil.WriteJSON(io.Out, d)
		}
		fmt.Fprintf(io.Out, "%s: %s\n\n%s\n\n", d.Name, d.Title, d.Description)
		fmt.Fprintf(io.Out, "directed: %v   attribute: %s   format: %s\nhomepage: %s\nlicence:  %s\n", d.Directed, dash(d.Attribute), d.Format, d.Homepage, d.License)
		for _, c := range d.Citations {
			fmt.Fprintf(io.Out, "cite:     %s\n", c)
		}
		fmt.Fprintln(io.Out, "files:")
		for _, f := range d.Files {
			fmt.Fprintf(io.Out, "  %-40s %-6s sha256 %s\n", f.Name, f.Role, dash(f.SHA256))
			for _, u := range append([]string{f.URL}, f.Mirrors...) {
				if u == "" {
					continue
				}
				fmt.Fprintf(io.Out, "      from %s\n", u)
			}
		}
		return nil
	}
	list := registry.List()
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, list)
	}
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDIRECTED\tATTRIBUTE\tTITLE")
	for _, d := range list {
		title := d.Title
		if d.Embedded {
			title += " (embedded)"
		}
		fmt.Fprintf(tw, "%s\t%v\t%s\t%s\n", d.Name, d.Directed, dash(d.Attribute), title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(io.Out, "\n'solidarity datasets NAME' shows a data set's citation, licence and files; 'solidarity fetch NAME' downloads it.")
	return nil
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
