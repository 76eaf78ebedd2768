// Package figurescmd implements 'solidarity figures': the full figure set of
// a network, with stats.json and a report.md embedding the figures, or, with
// --events, the figure set of the engagement analyses, with engagement.json
// and a report.md, for papers. Two runs write byte-identical SVG and PDF
// files.
package figurescmd

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/figureset"
)

// Options are the verb's flags.
type Options struct {
	Input        cmdutil.Input
	Attr         string
	Out          string
	Format       string
	Permutations int
	Seed         uint64
	// Labels rename groups in every figure (--labels 0=liberal,1=conservative).
	Labels     map[string]string
	Engagement EngagementInput
}

// labelsFlag parses --labels VALUE=NAME,VALUE=NAME into a map.
type labelsFlag struct{ m *map[string]string }

func (f labelsFlag) String() string {
	if f.m == nil || *f.m == nil {
		return ""
	}
	keys := make([]string, 0, len(*f.m))
	for k := range *f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + (*f.m)[k]
	}
	return strings.Join(parts, ",")
}

func (f labelsFlag) Set(v string) error {
	m, err := ParseLabels(v)
	if err != nil {
		return err
	}
	if *f.m == nil {
		*f.m = map[string]string{}
	}
	for k, n := range m {
		(*f.m)[k] = n
	}
	return nil
}

// ParseLabels reads "0=liberal,1=conservative": comma-separated VALUE=NAME
// pairs renaming group values in the figures. A value named twice, an
// empty value or name, or a pair without "=" is an error naming the pair.
func ParseLabels(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case !ok:
			return nil, fmt.Errorf("--labels: %q has no '='; want VALUE=NAME pairs such as 0=liberal,1=conservative", pair)
		case k == "" || v == "":
			return nil, fmt.Errorf("--labels: %q: want a value and a name on either side of '='", pair)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("--labels: value %q is named twice", k)
		}
		m[k] = v
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("--labels: no VALUE=NAME pair in %q", s)
	}
	return m, nil
}

// EngagementInput are the flags of the engagement figure set.
type EngagementInput struct {
	cmdutil.EventsInput
	Mode               string
	Exposure           string
	TopK               int
	ReturnWindow       float64
	CoordinationWindow float64
	Lifted             int
	// Truth is a simulation's truth.json (solidarity simulate): its planted
	// log-odds are drawn beside the engagement model's estimates.
	Truth string
}

func (e *EngagementInput) register(fs *flag.FlagSet) {
	e.EventsInput.Register(fs, true)
	fs.StringVar(&e.Mode, "mode", "", "with --events: who is a comrade: either, reciprocal or group (default: from the data)")
	fs.StringVar(&e.Exposure, "exposure", "", "with --events: which items an actor saw: follows (needs --follows) or all (required without --follows; the lift then includes exposure homophily)")
	fs.IntVar(&e.TopK, "top", 10, "with --events: trending slots at each evaluation time")
	fs.Float64Var(&e.ReturnWindow, "return-window", 86400, "with --events: seconds within which a returned engagement counts")
	fs.Float64Var(&e.CoordinationWindow, "coordination-window", 0, "with --events: co-engagement window in seconds (0: estimate it from the data)")
	fs.IntVar(&e.Lifted, "lifted", 15, "with --events: most-lifted items in the rank slope chart")
	fs.StringVar(&e.Truth, "truth", "", "with --events: truth.json `FILE` of 'solidarity simulate', whose planted effects are marked beside the estimates")
}

func (e *EngagementInput) given() bool {
	return e.EventsInput.Given() || e.Mode != "" || e.Truth != "" || e.Exposure != ""
}

const examples = `  solidarity figures --attr group --out figs/                 # the embedded default
  solidarity figures --dataset polblogs --attr value --labels 0=liberal,1=conservative --out polblogs/ --format pdf
  solidarity figures --edges follows.csv --nodes people.csv --attr party --out figs/ --format png
  solidarity simulate --seed 1 --actors 1000 --groups 3 --solidarity 1.5 --coordinated-cells 3 --cell-size 8 --out sim/
  solidarity figures --events sim/events.csv --actors sim/actors.csv --follows sim/follows.csv --items sim/items.csv --truth sim/truth.json --out engagement/
  solidarity figures --events CollegeMsg.txt --events-format snap --out collegemsg/`

// Run parses args and writes the figures.
func Run(ctx context.Context, io *cmdutil.IO, args []string) error {
	var o Options
	fs := cmdutil.NewFlagSet("figures",
		"solidarity figures (--dataset NAME | --edges FILE [--nodes FILE]) --attr COLUMN --out DIR [--format svg|pdf|png]\n"+
			"       solidarity figures --events FILE [--actors FILE] [--follows FILE] [--items FILE] --out DIR [--format svg|pdf|png]",
		examples, io.Err)
	o.Input.Register(fs)
	fs.StringVar(&o.Attr, "attr", "", "node attribute `COLUMN` for the homophily figures")
	fs.StringVar(&o.Out, "out", "", "output `DIR`")
	fs.StringVar(&o.Format, "format", "svg", "figure format: svg, pdf or png")
	fs.IntVar(&o.Permutations, "permutations", 999, "shuffles for the permutation null (0 leaves the test out)")
	fs.Var(labelsFlag{&o.Labels}, "labels", "group names for the figures: `VALUE=NAME,...` (for example 0=liberal,1=conservative); each group keeps its colour in every figure")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the permutation test and layouts (with --events: of the model's sampling and the drawing)")
	o.Engagement.register(fs)
	if err := cmdutil.Parse(fs, args, 0); err != nil {
		return err
	}
	if o.Engagement.Events == "" && o.Engagement.given() {
		return cmdutil.Usagef("--actors, --follows, --items, --kinds, --mode, --truth and --events-format need --events FILE")
	}
	if o.Engagement.Events != "" && (o.Input.Dataset != "" || o.Input.Edges != "" || o.Input.Nodes != "" || o.Attr != "") {
		return cmdutil.Usagef("--events draws the engagement figures; it does not combine with --dataset, --edges, --nodes or --attr")
	}
	if o.Out == "" {
		return cmdutil.Usagef("--out DIR is required")
	}
	switch o.Format {
	case "svg", "pdf", "png":
	default:
		return cmdutil.Usagef("--format must be svg, pdf or png, not %q", o.Format)
	}
	if err := cmdutil.Errs(cmdutil.IntRange("permutations", o.Permutations, 0, cmdutil.MaxPermutations),
		cmdutil.IntRange("top", o.Engagement.TopK, 1, 1_000_000), cmdutil.IntRange("lifted", o.Engagement.Lifted, 1, 10_000),
		cmdutil.Positive("return-window", o.Engagement.ReturnWindow), cmdutil.NonNegative("coordination-window", o.Engagement.CoordinationWindow)); err != nil {
		return err
	}
	switch o.Engagement.Mode {
	case "", "either", "reciprocal", "group":
	default:
		return cmdutil.Usagef("--mode %q: want either, reciprocal or group", o.Engagement.Mode)
	}
	return o.Run(ctx, io)
}

// Run loads the input, builds the figure set and writes it.
func (o Options) Run(ctx context.Context, io *cmdutil.IO) error {
	if o.Engagement.Events != "" {
		return o.runEngagement(io)
	}
	n, err := o.Input.Load(ctx, io)
	if err != nil {
		return err
	}
	defer n.Release()
	perms := o.Permutations
	if perms == 0 {
		perms = -1
	}
	opt := figureset.Options{Attr: o.Attr, Permutations: perms, Seed: o.Seed, Labels: o.Labels}
	if io.Terminal {
		opt.Progress = func(done, total int) {
			fmt.Fprintf(io.Err, "\rpermutation test: %d/%d", done, total)
			if done == total {
				fmt.Fprintln(io.Err)
			}
		}
	}
	set, err := figureset.Build(n, opt)
	if err != nil {
		return err
	}
	paths, err := set.Write(o.Out, o.Format, "Figures: "+o.Input.Describe())
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(io.Out, p)
	}
	for _, s := range set.Skipped {
		fmt.Fprintln(io.Err, "not drawn:", s)
	}
	for _, s := range set.Notes {
		fmt.Fprintln(io.Err, "note:", s)
	}
	return nil
}

// readTruth reads the planted log-odds of a simulation's truth.json as the
// engagement model's terms: solidarity is the comrade term, quality_effect
// the quality term.
func readTruth(path string) (map[string]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--truth: %w", err)
	}
	var t struct {
		Solidarity    *float64 `json:"solidarity"`
		QualityEffect *float64 `json:"quality_effect"`
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("--truth %s: %w", path, err)
	}
	if t.Solidarity == nil {
		return nil, fmt.Errorf("--truth %s: no \"solidarity\" field; want the truth.json written by 'solidarity simulate'", path)
	}
	m := map[string]float64{"comrade": *t.Solidarity}
	if t.QualityEffect != nil {
		m["quality"] = *t.QualityEffect
	}
	return m, nil
}

// runEngagement reads the events (and actors, follows, items) and writes
// the engagement figure set.
func (o Options) runEngagement(io *cmdutil.IO) error {
	e := o.Engagement
	switch e.Mode {
	case "", "either", "reciprocal", "group":
	default:
		return cmdutil.Usagef("--mode must be either, reciprocal or group, not %q", e.Mode)
	}
	switch e.Exposure {
	case "follows", "all":
	case "":
		if e.Follows == "" {
			return cmdutil.Usagef("without --follows, say which items each actor could have seen: --exposure all counts every item as seen " +
				"(the comrade lift then measures comrade preference and exposure homophily together); --follows FILE makes exposure the feed")
		}
	default:
		return cmdutil.Usagef("--exposure must be follows or all, not %q", e.Exposure)
	}
	if e.TopK < 1 || e.Lifted < 1 || !(e.ReturnWindow > 0) || !(e.CoordinationWindow >= 0) {
		return cmdutil.Usagef("--top and --lifted must be at least 1, --return-window positive and --coordination-window 0 or more")
	}
	ev, err := e.Load()
	if err != nil {
		return err
	}
	defer ev.Release()
	follows, err := e.LoadFollows()
	if err != nil {
		return err
	}
	if follows != nil {
		defer follows.Release()
	}
	opt := figureset.EngagementOptions{Follows: follows, Mode: comrades.Mode(e.Mode), Exposure: comrades.Exposure(e.Exposure), TopK: e.TopK,
		ReturnWindow: e.ReturnWindow, CoordinationWindow: e.CoordinationWindow, Lifted: e.Lifted, Seed: o.Seed, Labels: o.Labels}
	opt.Kinds = e.KindList()
	if e.Truth != "" {
		if opt.Planted, err = readTruth(e.Truth); err != nil {
			return err
		}
	}
	if io.Terminal {
		opt.Progress = func(stage string) { fmt.Fprintln(io.Err, stage+"...") }
	}
	set, err := figureset.BuildEngagement(ev, opt)
	if err != nil {
		return err
	}
	paths, err := set.Write(o.Out, o.Format, "Engagement figures: "+e.Events)
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(io.Out, p)
	}
	for _, s := range set.Skipped {
		fmt.Fprintln(io.Err, "not drawn:", s)
	}
	for _, s := range set.Notes {
		fmt.Fprintln(io.Err, "note:", s)
	}
	return nil
}
