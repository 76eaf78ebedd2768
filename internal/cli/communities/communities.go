// Package communities implements 'solidarity communities': Louvain or
// Leiden communities of a network, as a summary, a JSON object, and a
// nodes CSV (id,community) that other verbs read back with --nodes.
package communities

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/community"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Options are the verb's flags.
type Options struct {
	Input      cmdutil.Input
	Method     string
	Seed       uint64
	Resolution float64
	Weighted   bool
	Out        string
	JSON       bool
}

const examples = `  solidarity communities --dataset karate --undirected
  solidarity communities --dataset polblogs --method louvain --seed 7 --json
  solidarity communities --edges follows.csv --out groups.csv
  solidarity stats --edges follows.csv --nodes groups.csv --attr community`

// Run parses args and prints the communities.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("communities",
		"solidarity communities (--dataset NAME | --edges FILE [--nodes FILE]) [--undirected] [--method louvain|leiden] [--seed S] [--resolution R] [--out FILE] [--json]",
		examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Method, "method", community.Leiden, "louvain or leiden (leiden's communities are always connected)")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the random node orders: same seed, same partition")
	fs.Float64Var(&o.Resolution, "resolution", 1, "resolution gamma of modularity: larger gives more, smaller communities")
	fs.BoolVar(&o.Weighted, "weighted", false, "use merged edge weights (default: every merged edge weighs 1)")
	fs.StringVar(&o.Out, "out", "", "write a nodes CSV `FILE` with columns id,community")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object (NaN as null, with reasons)")
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.Method != community.Louvain && o.Method != community.Leiden {
		return cmdutil.Usagef("--method must be louvain or leiden, not %q", o.Method)
	}
	if !(o.Resolution > 0) {
		return cmdutil.Usagef("--resolution must be a number > 0, not %v", o.Resolution)
	}
	return o.Run(ctx, io)
}

// Summary is the JSON object the verb prints.
type Summary struct {
	Input        string         `json:"input"`
	Method       string         `json:"method"`
	Communities  int            `json:"communities"`
	Modularity   jsonnum.Number `json:"modularity"`
	Resolution   float64        `json:"resolution"`
	Seed         uint64         `json:"seed"`
	Weighted     bool           `json:"weighted"`
	Directed     bool           `json:"directed"`
	Symmetrised  bool           `json:"symmetrised"`
	Nodes        int            `json:"nodes"`
	Singletons   int            `json:"singletons"`
	Disconnected int            `json:"disconnected"`
	Levels       int            `json:"levels"`
	Sizes        []int          `json:"sizes"`
	Reason       string         `json:"reason,omitempty"`
	Out          string         `json:"out,omitempty"`
}

// Run loads the input, detects communities and prints or writes them.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	opt := community.Options{Method: o.Method, Seed: o.Seed, Resolution: o.Resolution, Weighted: o.Weighted}
	if io.Terminal {
		opt.Progress = func(level, nodes, comms int) {
			fmt.Fprintf(io.Err, "level %d: %d nodes -> %d communities\n", level, nodes, comms)
		}
	}
	r, err := community.Detect(n, opt)
	if err != nil {
		return err
	}
	if o.Out != "" {
		if err := WriteCSV(o.Out, n.Index(), r.Membership); err != nil {
			return err
		}
	}
	s := Summary{Input: o.Input.Describe(), Method: r.Method, Communities: r.Communities, Modularity: jsonnum.Number(r.Modularity),
		Resolution: r.Resolution, Seed: r.Seed, Weighted: r.Weighted, Directed: r.Directed, Symmetrised: r.Directed,
		Nodes: n.N(), Singletons: r.Singletons, Disconnected: r.Disconnected, Levels: r.Levels, Sizes: r.Sizes, Reason: r.Reason, Out: o.Out}
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, s)
	}
	fmt.Fprintf(io.Out, "%s communities of %s (%d nodes", r.Method, s.Input, s.Nodes)
	if r.Directed {
		fmt.Fprint(io.Out, ", directed: symmetrised, w(i,j) = w(i->j) + w(j->i)")
	}
	fmt.Fprintf(io.Out, ")\ncommunities   %d (%d of one node)\n", r.Communities, r.Singletons)
	fmt.Fprintf(io.Out, "modularity    %.6f at resolution %g, seed %d\n", r.Modularity, r.Resolution, r.Seed)
	if r.Reason != "" {
		fmt.Fprintf(io.Out, "              %s\n", r.Reason)
	}
	show := r.Sizes
	if len(show) > 10 {
		show = show[:10]
	}
	fmt.Fprintf(io.Out, "largest       %v\n", show)
	if r.Disconnected > 0 {
		fmt.Fprintf(io.Out, "disconnected  %d communities are not connected inside (use --method leiden)\n", r.Disconnected)
	}
	if o.Out != "" {
		fmt.Fprintf(io.Out, "wrote %s: read it back with --nodes %s --attr community\n", o.Out, o.Out)
	}
	return nil
}

// WriteCSV writes id,community for every node, in dense order, through a
// temporary file renamed into place so a failure leaves nothing half-written.
func WriteCSV(path string, ix *network.Index, memb []int32) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("communities: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	if err = w.Write([]string{"id", community.DefaultColumn}); err != nil {
		return err
	}
	rec := make([]string, 2)
	for i, c := range memb {
		rec[0] = ix.String(int32(i))
		rec[1] = strconv.Itoa(int(c))
		if err = w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err = w.Error(); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("communities: %w", err)
	}
	return nil
}
