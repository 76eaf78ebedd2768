package figureset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/internal/atomicfile"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// Options choose the figures.
type Options struct {
	Attr         string // node attribute for the homophily figures ("" = structure only)
	Permutations int    // shuffles for the null distribution (0 = 999; <0 = no permutation test)
	Seed         uint64 // seed of the permutation test and the layout
	// Labels rename the attribute's groups in every figure (raw value ->
	// name shown, for example {"0": "liberal", "1": "conservative"});
	// values without an entry keep their own. A group's colour follows its
	// place among the values, so it is the same in every figure.
	Labels   map[string]string
	Progress func(done, total int)
}

// Item is one figure of the set, with the sentence that says what it shows.
type Item struct {
	Figure  *figures.Figure
	Caption string
}

// Set is the figures of one network, in reading order, and the statistics
// they draw on.
type Set struct {
	Stats *stats.Report // network sets (Build); nil for engagement sets
	// Engagement holds the numbers of an engagement set (BuildEngagement),
	// written as engagement.json; nil for network sets.
	Engagement *EngagementStats
	Items      []Item
	// Sentences are findings of a single number, which a figure of one
	// bar would show less well than a sentence (figures.OneValue), in the
	// order they were found.
	Sentences []Sentence
	Skipped   []string // figures left out, and why
	// Notes are remarks on the options, such as a label given for a value
	// that is not a group.
	Notes []string
}

// unusedLabels notes each key of names that is not one of groups (a typo
// in --labels would otherwise pass silently).
func unusedLabels(names map[string]string, groups []string, what string) []string {
	var notes []string
	for _, k := range sortedStrings(names) {
		if !slices.Contains(groups, k) {
			notes = append(notes, fmt.Sprintf("labels: %q is not a group of %s (groups: %s)", k, what, strings.Join(groups, ", ")))
		}
	}
	return notes
}

func sortedStrings(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Sentence is a finding said in words instead of drawn: Name is the figure
// it replaces, Text the sentence, Caption what it measures.
type Sentence struct {
	Name, Text, Caption string
}

// keep files a figure constructor's result in s: the figure with its
// caption (and the figure's own note on what it leaves out), a single
// value as a sentence, or the error as the reason it is missing.
func (s *Set) keep(name, caption string, f *figures.Figure, err error) {
	var one *figures.OneValue
	switch {
	case errors.As(err, &one):
		s.Sentences = append(s.Sentences, Sentence{Name: name, Text: one.Sentence, Caption: caption})
	case err != nil:
		s.Skipped = append(s.Skipped, err.Error())
	default:
		if name != "" {
			f.Name = name
		}
		if f.Caption != "" {
			caption = strings.TrimSpace(caption + " " + f.Caption)
		}
		s.Items = append(s.Items, Item{f, caption})
	}
}

// Build computes the statistics and every figure that applies to n: the
// reciprocity figures need a directed network, the homophily figures an
// attribute, the drawing at most figures.MaxDrawNodes nodes, the time
// series a time column.
func Build(n *network.Network, opt Options) (*Set, error) {
	perms := opt.Permutations
	if perms == 0 {
		perms = 999
	}
	sopt := stats.Options{Attr: opt.Attr, Seed: opt.Seed, Progress: opt.Progress}
	if opt.Attr != "" && perms > 0 {
		sopt.Permutations = perms
	}
	st, err := stats.Compute(n, sopt)
	if err != nil {
		return nil, err
	}
	s := &Set{Stats: st}
	if len(opt.Labels) > 0 {
		if opt.Attr == "" {
			s.Notes = append(s.Notes, "labels: no --attr, so there are no groups to name")
		} else if c, err := n.Categories(opt.Attr); err == nil {
			s.Notes = append(s.Notes, unusedLabels(opt.Labels, c.Labels, fmt.Sprintf("%q", opt.Attr))...)
		}
	}
	// add("caption")(figures.X(...)) keeps a figure, or notes why it is missing.
	add := func(caption string) func(*figures.Figure, error) {
		return func(f *figures.Figure, err error) { s.keep("", caption, f, err) }
	}
	rename := func(labels []string) []string { return figures.Rename(labels, opt.Labels) }
	if h := st.Homophily; h != nil && h.Mixing != nil {
		m := h.Mixing
		add(fmt.Sprintf("Mixing matrix of %q: edge counts between groups (left) and each row as shares (right). Newman's r = %s.", opt.Attr, fmtf(h.Assortativity)))(figures.MixingMatrices("", rename(m.Labels), m.Matrix()))
		obs := make([]float64, len(m.Labels))
		exp := make([]float64, len(m.Labels))
		total := 0
		for _, sz := range m.Sizes {
			total += sz
		}
		for i, l := range m.Labels {
			obs[i] = valueOr(h.Homophily, l)
			exp[i] = float64(m.Sizes[i]) / float64(total)
		}
		add("Homophily per group: the share of each group's ties that stay inside it (bars) against its share of the nodes, the value expected under random mixing (marks).")(figures.GroupHomophily("", rename(m.Labels), obs, exp, "share of ties within the group"))
		if p := h.Permutation; p != nil && len(p.Null) > 0 {
			add(fmt.Sprintf("Permutation test: r for %d random shuffles of %q over the nodes (the null) and the observed r.", p.Permutations, opt.Attr))(figures.NullDistribution("", "assortativity r", finite(p.Null), p.Observed, p.TwoSided))
		}
	}
	if r := st.Reciprocity; r != nil {
		add("Dyad census: pairs of nodes with arcs both ways (mutual), one way (asymmetric) or none (null).")(figures.DyadCensus("", float64(r.Dyads.Mutual), float64(r.Dyads.Asymmetric), float64(r.Dyads.Null)))
		if opt.Attr != "" {
			g, err := reciprocity.ByGroup(n, opt.Attr)
			if err == nil {
				between := make([]float64, len(g.Labels))
				for i := range g.Labels {
					var arcs, rec int64
					for j := range g.Labels {
						if j != i {
							arcs += g.PairArcs[i][j]
							rec += g.PairReciprocated[i][j]
						}
					}
					between[i] = math.NaN()
					if arcs > 0 {
						between[i] = float64(rec) / float64(arcs)
					}
				}
				add("Reciprocity within and between groups: the share of arcs from each group that are returned, inside the group and across groups.")(figures.ReciprocityByGroup("", rename(g.Labels), g.Within, between))
			} else {
				s.Skipped = append(s.Skipped, err.Error())
			}
		}
	}
	add("Degree distributions on log-log axes: the share of nodes with degree at least k.")(figures.DegreeDistribution(n))
	add(fmt.Sprintf("Degree assortativity: the mean degree of a node's neighbours against its degree (r = %s).", fmtf(degreeR(st))))(figures.DegreeAssortativityPlot(n))
	if n.N() <= figures.MaxDrawNodes {
		add("The network drawn with a seeded force-directed layout, coloured by " + orNone(opt.Attr) + ".")(figures.NetworkDrawingWith(n, opt.Attr, opt.Labels))
	} else {
		s.Skipped = append(s.Skipped, fmt.Sprintf("network drawing: %d nodes is more than %d", n.N(), figures.MaxDrawNodes))
	}
	if times, ok := edgeTimes(n); ok {
		add("Engagement per day, by the group of the node that acted.")(perDay(n, times, opt.Attr, opt.Labels))
	}
	return s, nil
}

// edgeTimes returns the time column of the edges as Unix seconds.
func edgeTimes(n *network.Network) ([]int64, bool) {
	e := n.Edges()
	idx := e.Schema().FieldIndices(network.ColTime)
	if len(idx) == 0 {
		return nil, false
	}
	t, err := network.Float64s(e.Column(idx[0]), "edges", network.ColTime)
	if err != nil {
		return nil, false // a time column that is not numeric (text dates) is not drawn
	}
	times := make([]int64, 0, len(t))
	for _, v := range t {
		if math.IsNaN(v) {
			return nil, false
		}
		times = append(times, int64(v))
	}
	return times, true
}

func perDay(n *network.Network, times []int64, attr string, names map[string]string) (*figures.Figure, error) {
	var codes []int32
	var labels []string
	if attr != "" {
		c, err := n.Categories(attr)
		if err != nil {
			return nil, err
		}
		src, _ := n.Endpoints()
		codes = make([]int32, len(src))
		for i, u := range src {
			codes[i] = c.Codes[u]
		}
		labels = figures.Rename(c.Labels, names)
	}
	return figures.EngagementPerDay("", times, codes, labels)
}

func degreeR(st *stats.Report) float64 {
	if st.DegreeAssortativity == nil {
		return math.NaN()
	}
	return st.DegreeAssortativity.R
}

func valueOr(m map[string]float64, k string) float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return math.NaN()
}

func finite(x []float64) []float64 {
	out := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}

func fmtf(x float64) string {
	if math.IsNaN(x) {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", x)
}

func orNone(a string) string {
	if a == "" {
		return "nothing (no attribute given)"
	}
	return fmt.Sprintf("%q", a)
}

// Write saves every figure as <dir>/<name>.<format> (svg, pdf or png),
// the numbers (stats.json for a network set, engagement.json for an
// engagement set) and report.md, and returns the paths written, figures
// first, then the numbers, then the report. Each file is written to a
// temporary name and renamed.
func (s *Set) Write(dir, format, title string) ([]string, error) {
	switch format {
	case "svg", "pdf", "png":
	default:
		return nil, fmt.Errorf("figureset: format %q: want svg, pdf or png", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("figureset: %w", err)
	}
	var paths []string
	var md bytes.Buffer
	numbers, summary, payload := "stats.json", "", any(nil)
	switch {
	case s.Engagement != nil:
		numbers, summary, payload = "engagement.json", s.Engagement.Markdown(), s.Engagement
	case s.Stats != nil:
		summary, payload = s.Stats.Markdown(), s.Stats
	default:
		return nil, fmt.Errorf("figureset: the set holds no statistics")
	}
	fmt.Fprintf(&md, "# %s\n\n", title)
	fmt.Fprintf(&md, "Made by `solidarity figures`. The numbers behind every figure are in [%s](%s).\n\n", numbers, numbers)
	fmt.Fprintf(&md, "%s\n", summary)
	for _, it := range s.Items {
		name := it.Figure.Name + "." + format
		p := filepath.Join(dir, name)
		if err := it.Figure.Save(p); err != nil {
			return paths, err
		}
		paths = append(paths, p)
		if format == "pdf" {
			fmt.Fprintf(&md, "## %s\n\n%s\n\n[%s](%s)\n\n", it.Figure.Name, it.Caption, name, name)
		} else {
			fmt.Fprintf(&md, "## %s\n\n![%s](%s)\n\n%s\n\n", it.Figure.Name, it.Figure.Name, name, it.Caption)
		}
	}
	for _, se := range s.Sentences {
		fmt.Fprintf(&md, "## %s\n\n%s\n\n%s\n\n", se.Name, se.Text, se.Caption)
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintf(&md, "## Not drawn\n\n")
		for _, k := range s.Skipped {
			fmt.Fprintf(&md, "- %s\n", k)
		}
	}
	js, err := json.MarshalIndent(payload, "", "  ")
	if err != nil {
		return paths, fmt.Errorf("figureset: %s: %w", numbers, err)
	}
	// A slice, not a map: the order of the returned paths is fixed.
	for _, f := range []struct {
		name string
		data []byte
	}{{numbers, append(js, '\n')}, {"report.md", []byte(strings.TrimRight(md.String(), "\n") + "\n")}} {
		p := filepath.Join(dir, f.name)
		if err := writeAtomic(p, f.data); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func writeAtomic(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("figureset: %w", err)
	}
	return nil
}
