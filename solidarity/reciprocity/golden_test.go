package reciprocity

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// golden.json is written by scripts/golden_reciprocity.py with networkx
// 2.8.8 and python-igraph 0.10.2 (Debian): edge reciprocity from
// networkx.overall_reciprocity and igraph reciprocity(ignore_loops=True),
// which the script requires to agree to 1e-12; the dyad census from igraph
// dyad_census; the triad census from networkx.triadic_census and igraph
// triad_census (both, except higgs-mention: igraph only); weighted, per-node
// and group values computed by the script from the definitions.
type goldenFile struct {
	Networkx, Igraph string
	Datasets         []goldenSet
}

type loadSpec struct {
	Path   string
	Kind   string
	Header bool
	Src    int
	Dst    int
	Weight *int
	Layer  int
	ID     int
	Attr   json.RawMessage // column index, or attribute name for gml
}

type goldenSet struct {
	Name string
	Load struct {
		Edges loadSpec
		Nodes *loadSpec
	}
	Nodes, Arcs                   int64
	SelfLoops                     int `json:"self_loops"`
	Edge, DyadRatio, Density, Rho *float64
	Weighted                      *float64
	WeightedExpected, WeightedRho *float64
	Dyads                         Dyads
	PerNode                       struct {
		Defined, Undefined int
		Sum                float64
		Values             map[string]*float64
	} `json:"per_node"`
	Groups *struct {
		Labels           []string
		MissingNodes     int       `json:"missing_nodes"`
		ArcsLeftOut      int64     `json:"arcs_left_out"`
		PairArcs         [][]int64 `json:"pair_arcs"`
		PairReciprocated [][]int64 `json:"pair_reciprocated"`
		Within, Between  *float64
	}
	Triads map[string]int64
}

func (g *goldenSet) UnmarshalJSON(b []byte) error {
	type plain goldenSet
	var aux struct {
		plain
		DyadRatio        *float64 `json:"dyad_ratio"`
		WeightedExpected *float64 `json:"weighted_expected"`
		WeightedRho      *float64 `json:"weighted_rho"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*g = goldenSet(aux.plain)
	g.DyadRatio, g.WeightedExpected, g.WeightedRho = aux.DyadRatio, aux.WeightedExpected, aux.WeightedRho
	return nil
}

func readGolden(t *testing.T) goldenFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g goldenFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func f(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func TestGolden(t *testing.T) {
	g := readGolden(t)
	for _, ds := range g.Datasets {
		t.Run(ds.Name, func(t *testing.T) {
			n := loadGolden(t, ds)
			s := Summarize(n)
			if int64(s.Nodes) != ds.Nodes || s.Arcs != ds.Arcs || s.SelfLoops != ds.SelfLoops || s.Dyads != ds.Dyads {
				t.Errorf("nodes %d arcs %d loops %d dyads %+v; golden %d %d %d %+v",
					s.Nodes, s.Arcs, s.SelfLoops, s.Dyads, ds.Nodes, ds.Arcs, ds.SelfLoops, ds.Dyads)
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"edge", s.Edge, f(ds.Edge)}, {"dyad_ratio", s.DyadRatio, f(ds.DyadRatio)},
				{"density", s.Density, f(ds.Density)}, {"rho", s.Rho, f(ds.Rho)},
				{"weighted", s.Weighted, f(ds.Weighted)}, {"weighted_expected", s.WeightedExpected, f(ds.WeightedExpected)},
				{"weighted_rho", s.WeightedRho, f(ds.WeightedRho)},
			} {
				if !near(c.got, c.want, 1e-9) {
					t.Errorf("%s = %.17g, golden %.17g (%s)", c.what, c.got, c.want, s.Reasons[c.what])
				}
			}
			p := PerNode(n)
			var def, undef int
			var sum float64
			for i, v := range p.Share {
				if math.IsNaN(v) {
					undef++
				} else {
					def++
					sum += v
				}
				if ds.PerNode.Values != nil {
					want := f(ds.PerNode.Values[n.Index().String(int32(i))])
					if !near(v, want, 1e-12) {
						t.Errorf("per-node %s = %v, golden %v", n.Index().String(int32(i)), v, want)
					}
				}
			}
			if def != ds.PerNode.Defined || undef != ds.PerNode.Undefined || !near(sum, ds.PerNode.Sum, 1e-9) {
				t.Errorf("per-node defined %d undefined %d sum %.12g; golden %d %d %.12g", def, undef, sum,
					ds.PerNode.Defined, ds.PerNode.Undefined, ds.PerNode.Sum)
			}
			if gs := ds.Groups; gs != nil {
				gr, err := ByGroup(n, "group")
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(gr.Labels, "|") != strings.Join(gs.Labels, "|") {
					t.Fatalf("labels %v, golden %v", gr.Labels, gs.Labels)
				}
				if gr.MissingNodes != gs.MissingNodes || gr.ArcsLeftOut != gs.ArcsLeftOut {
					t.Errorf("missing %d left out %d; golden %d %d", gr.MissingNodes, gr.ArcsLeftOut, gs.MissingNodes, gs.ArcsLeftOut)
				}
				for a := range gs.Labels {
					for b := range gs.Labels {
						if gr.PairArcs[a][b] != gs.PairArcs[a][b] || gr.PairReciprocated[a][b] != gs.PairReciprocated[a][b] {
							t.Errorf("pair %s->%s: %d/%d, golden %d/%d", gs.Labels[a], gs.Labels[b],
								gr.PairReciprocated[a][b], gr.PairArcs[a][b], gs.PairReciprocated[a][b], gs.PairArcs[a][b])
						}
					}
				}
				if !near(gr.WithinAll, f(gs.Within), 1e-12) || !near(gr.Between, f(gs.Between), 1e-12) {
					t.Errorf("within %v between %v; golden %v %v", gr.WithinAll, gr.Between, f(gs.Within), f(gs.Between))
				}
			}
			if ds.Triads != nil {
				tr, err := TriadCensus(n, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range TriadNames {
					if tr.Count(name) != ds.Triads[name] {
						t.Errorf("triad %s = %d, golden %d", name, tr.Count(name), ds.Triads[name])
					}
				}
			}
		})
	}
}

// loadGolden reads a data set the way the golden script does, with a few
// lines of its own so that this test does not depend on the formats
// package (TestFormatsAgree checks that one against this loader).
func loadGolden(t *testing.T, ds goldenSet) *network.Network {
	t.Helper()
	es := ds.Load.Edges
	dir := filepath.Dir(es.Path)
	path := shareddata.Raw(t, dir, filepath.Base(es.Path))
	var src, dst []int64
	var w []float64
	gmlField := regexp.MustCompile(`^\s*(\w+)\s+"?([^"]*)"?\s*$`)
	pajArc := regexp.MustCompile(`^\s*(\d+):\s+(\d+)\s+(\d+)(?:\s+(\S+))?\s*$`)
	atoi := func(s string) int64 {
		v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			t.Fatalf("%s: %q is not an integer id", path, s)
		}
		return v
	}
	lines := readLines(t, path)
	switch es.Kind {
	case "ws", "csv":
		first := true
		for _, line := range lines {
			if strings.TrimSpace(line) == "" || (es.Kind == "ws" && strings.HasPrefix(strings.TrimSpace(line), "#")) {
				continue
			}
			if first && es.Header {
				first = false
				continue
			}
			first = false
			var fs []string
			if es.Kind == "ws" {
				fs = strings.Fields(line)
			} else {
				fs = strings.Split(line, ",")
			}
			src, dst = append(src, atoi(fs[es.Src])), append(dst, atoi(fs[es.Dst]))
			if es.Weight != nil {
				x, err := strconv.ParseFloat(fs[*es.Weight], 64)
				if err != nil {
					t.Fatal(err)
				}
				w = append(w, x)
			}
		}
	case "gml":
		block, cur := "", map[string]string{}
		for _, line := range lines {
			switch s := strings.TrimSpace(line); {
			case s == "node [" || s == "edge [":
				block, cur = s[:4], map[string]string{}
			case s == "]" && block != "":
				if block == "edge" {
					src, dst = append(src, atoi(cur["source"])), append(dst, atoi(cur["target"]))
				}
				block = ""
			case block != "":
				if m := gmlField.FindStringSubmatch(s); m != nil {
					cur[m[1]] = m[2]
				}
			}
		}
	case "paj":
		for _, line := range lines {
			if m := pajArc.FindStringSubmatch(line); m != nil && int(atoi(m[1])) == es.Layer {
				src, dst = append(src, atoi(m[2])), append(dst, atoi(m[3]))
			}
		}
	default:
		t.Fatalf("unknown loader %q", es.Kind)
	}
	var ids []int64
	var groups []string
	if ns := ds.Load.Nodes; ns != nil {
		npath := shareddata.Raw(t, filepath.Dir(ns.Path), filepath.Base(ns.Path))
		nlines := readLines(t, npath)
		switch ns.Kind {
		case "gml":
			var attr string
			json.Unmarshal(ns.Attr, &attr)
			block, cur := "", map[string]string{}
			for _, line := range nlines {
				switch s := strings.TrimSpace(line); {
				case s == "node [" || s == "edge [":
					block, cur = s[:4], map[string]string{}
				case s == "]" && block != "":
					if block == "node" {
						ids, groups = append(ids, atoi(cur["id"])), append(groups, cur[attr])
					}
					block = ""
				case block == "node":
					if m := gmlField.FindStringSubmatch(s); m != nil {
						cur[m[1]] = m[2]
					}
				}
			}
		case "ws", "csv", "rowid":
			var col int
			json.Unmarshal(ns.Attr, &col)
			first, row := true, int64(0)
			for _, line := range nlines {
				if strings.TrimSpace(line) == "" {
					continue
				}
				if first && ns.Header {
					first = false
					continue
				}
				first = false
				var fs []string
				if ns.Kind == "csv" {
					fs = strings.Split(line, ",")
				} else {
					fs = strings.Fields(line)
				}
				row++
				id := row
				if ns.Kind != "rowid" {
					id = atoi(fs[ns.ID])
				}
				ids, groups = append(ids, id), append(groups, fs[col])
			}
		}
	}
	n := build(t, true, src, dst, w, ids, groups)
	n.Name = ds.Name
	return n
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The formats package reads the same files to the same reciprocity (an
// integration check of formats.Read against this test's loader).
func TestFormatsAgree(t *testing.T) {
	g := readGolden(t)
	want := map[string]goldenSet{}
	for _, ds := range g.Datasets {
		want[ds.Name] = ds
	}
	for _, c := range []struct {
		name, dir, file string
		opt             formats.Options
	}{
		{"polblogs", "polblogs", "polblogs.gml", formats.Options{}},
		{"email-eu-core", "email-eu-core", "email-Eu-core.txt", formats.Options{}},
		{"higgs-reply", "higgs-twitter", "higgs-reply_network.edgelist", formats.Options{}},
		{"lazega-friendship", "lazega-lawyers", "Lazega-Law-Firm.paj", formats.Options{Layer: "friendship"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := shareddata.Raw(t, c.dir, c.file)
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			c.opt.Mem = mem
			n, err := formats.Read(p, c.opt)
			if err != nil {
				if strings.Contains(err.Error(), "not implemented") {
					t.Skipf("formats.Read: %v", err)
				}
				t.Fatal(err)
			}
			defer func() { n.Release(); mem.AssertSize(t, 0) }()
			s := Summarize(n)
			ds := want[c.name]
			if !n.Directed() || s.Arcs != ds.Arcs || s.Dyads != ds.Dyads || !near(s.Edge, f(ds.Edge), 1e-12) {
				t.Errorf("directed %v arcs %d dyads %+v r %v; golden %d %+v %v", n.Directed(), s.Arcs, s.Dyads, s.Edge, ds.Arcs, ds.Dyads, f(ds.Edge))
			}
			if ds.Weighted != nil && !near(s.Weighted, *ds.Weighted, 1e-9) {
				t.Logf("weighted r %v vs golden %v: formats weights %v (columns %v)", s.Weighted, *ds.Weighted, n.Report().Weighted, n.Report().EdgeColumns)
			}
		})
	}
}
