package homophily

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// golden mirrors testdata/golden.json, written by scripts/golden_homophily.py
// (networkx 2.8.8 and python-igraph 0.10.2 agreeing to 1e-12 on every
// value both compute; E-I, Coleman, Freeman, ORWG, inbreeding, the
// jackknife and weighted r computed from their definitions in plain Python).
type golden struct {
	Networkx, Igraph string
	Datasets         []goldenCase
}

type goldenCase struct {
	Name            string
	Directed        bool
	Go              map[string]any
	Nodes           int
	SimpleEdges     int `json:"simple_edges"`
	Attribute       string
	Labels          []string
	Mixing          [][]int64
	Sizes           []int
	Assortativity   *float64
	AssortativitySE *float64 `json:"assortativity_se"`
	EI              float64
	Freeman         float64
	ORWG            *float64
	Coleman         map[string]*float64
	HomophilyIndex  map[string]*float64 `json:"homophily_index"`
	Inbreeding      map[string]*float64
	WeightedMixing  [][]float64         `json:"weighted_mixing"`
	WeightedAssort  *float64            `json:"weighted_assortativity"`
	NumericAssort   *float64            `json:"numeric_assortativity"`
	Degree          map[string]*float64 `json:"degree_assortativity"`
}

func readGolden(t *testing.T) golden {
	t.Helper()
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatalf("read golden file (regenerate with /usr/bin/python3 scripts/golden_homophily.py): %v", err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// loadGolden loads a golden data set the way a user would: formats.Read for
// every file format it knows, and for Lazega a small reader of the .paj arcs
// of one relation plus Snijders' ELattr.dat (which has no header).
func loadGolden(t *testing.T, c goldenCase) *network.Network {
	t.Helper()
	if str(c.Go, "loader") == "lazega" {
		return loadLazega(t, int(c.Go["layer"].(float64)), int(c.Go["attr_col"].(float64)), str(c.Go, "attr"))
	}
	path := shareddata.Raw(t, strings.SplitN(str(c.Go, "path"), "/", 2)[0], strings.SplitN(str(c.Go, "path"), "/", 2)[1])
	directed := c.Directed
	opt := formats.Options{Directed: &directed, Format: formats.Format(str(c.Go, "format"))}
	if np := str(c.Go, "nodes"); np != "" {
		parts := strings.SplitN(np, "/", 2)
		opt.NodesPath = shareddata.Raw(t, parts[0], parts[1])
		opt.NodesFormat = formats.Format(str(c.Go, "nodes_format"))
	}
	opt.Columns = network.Columns{Source: str(c.Go, "source"), Target: str(c.Go, "target"), ID: str(c.Go, "id"), Weight: str(c.Go, "weight")}
	n, err := formats.Read(path, opt)
	if err != nil {
		if strings.Contains(err.Error(), "not implemented") {
			t.Skipf("formats.Read is not implemented yet: %v", err)
		}
		t.Fatalf("%s: %v", c.Name, err)
	}
	return n
}

func loadLazega(t *testing.T, layer, attrCol int, attr string) *network.Network {
	t.Helper()
	paj := shareddata.Raw(t, "lazega-lawyers", "Lazega-Law-Firm.paj")
	attrs := shareddata.Raw(t, "lazega-lawyers", "ELattr.dat")
	pat := regexp.MustCompile(`^\s*(\d+):\s+(\d+)\s+(\d+)`)
	var src, dst []int64
	f, err := os.Open(paj)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := pat.FindStringSubmatch(sc.Text()); m != nil && m[1] == strconv.Itoa(layer) {
			s, _ := strconv.ParseInt(m[2], 10, 64)
			d, _ := strconv.ParseInt(m[3], 10, 64)
			src, dst = append(src, s), append(dst, d)
		}
	}
	b, err := os.ReadFile(attrs)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var vals []string
	for _, line := range strings.Split(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) == 0 {
			continue
		}
		ids = append(ids, int64(len(ids)+1))
		vals = append(vals, fs[attrCol])
	}
	mem := memory.NewGoAllocator()
	edges := int64Record(mem, []string{"source", "target"}, src, dst)
	defer edges.Release()
	nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64}, {Name: attr, Type: arrow.PrimitiveTypes.Int64}}, nil))
	defer nb.Release()
	nb.Field(0).(*array.Int64Builder).AppendValues(ids, nil)
	for _, v := range vals {
		x, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("ELattr.dat: %q is not an integer", v)
		}
		nb.Field(1).(*array.Int64Builder).Append(x)
	}
	nodes := nb.NewRecordBatch()
	defer nodes.Release()
	n, err := network.New(edges, nodes, true, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func int64Record(mem memory.Allocator, names []string, cols ...[]int64) arrow.RecordBatch {
	fields := make([]arrow.Field, len(names))
	for i, nm := range names {
		fields[i] = arrow.Field{Name: nm, Type: arrow.PrimitiveTypes.Int64}
	}
	b := array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))
	defer b.Release()
	for i, c := range cols {
		b.Field(i).(*array.Int64Builder).AppendValues(c, nil)
	}
	return b.NewRecordBatch()
}

const tol = 1e-9

func near(t *testing.T, what string, got float64, want *float64) {
	t.Helper()
	if want == nil {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want NaN (golden null)", what, got)
		}
		return
	}
	if math.IsNaN(got) || math.Abs(got-*want) > tol*math.Max(1, math.Abs(*want)) {
		t.Errorf("%s = %.15g, want %.15g", what, got, *want)
	}
}

func ptr(x float64) *float64 { return &x }

func TestGolden(t *testing.T) {
	g := readGolden(t)
	for _, c := range g.Datasets {
		t.Run(c.Name, func(t *testing.T) {
			n := loadGolden(t, c)
			defer n.Release()
			if n.N() != c.Nodes || n.Report().SimpleEdges != c.SimpleEdges {
				t.Fatalf("loaded %d nodes, %d simple edges; golden %d, %d", n.N(), n.Report().SimpleEdges, c.Nodes, c.SimpleEdges)
			}
			sum, err := Summarize(n, c.Attribute, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(sum.Mixing.Labels, "|") != strings.Join(c.Labels, "|") {
				t.Fatalf("labels %q, golden %q", sum.Mixing.Labels, c.Labels)
			}
			for i := range c.Mixing {
				for j := range c.Mixing[i] {
					if sum.Mixing.Counts[i][j] != c.Mixing[i][j] {
						t.Errorf("mixing[%d][%d] = %d, networkx %d", i, j, sum.Mixing.Counts[i][j], c.Mixing[i][j])
					}
				}
			}
			for i, s := range c.Sizes {
				if sum.Mixing.Sizes[i] != s {
					t.Errorf("size of %s = %d, want %d", c.Labels[i], sum.Mixing.Sizes[i], s)
				}
			}
			near(t, "assortativity (networkx/igraph)", sum.Assortativity, c.Assortativity)
			near(t, "jackknife SE (full recomputation in Python)", sum.AssortativitySE, c.AssortativitySE)
			near(t, "E-I", sum.EI, ptr(c.EI))
			near(t, "Freeman", sum.Freeman, ptr(c.Freeman))
			near(t, "ORWG", sum.ORWG, c.ORWG)
			for _, l := range c.Labels {
				near(t, "Coleman "+l, sum.Coleman[l], c.Coleman[l])
				near(t, "H "+l, sum.Homophily[l], c.HomophilyIndex[l])
				near(t, "IH "+l, sum.Inbreeding[l], c.Inbreeding[l])
			}
			if c.WeightedMixing != nil {
				ws, err := Summarize(n, c.Attribute, Options{Weighted: true})
				if err != nil {
					t.Fatal(err)
				}
				for i := range c.WeightedMixing {
					for j := range c.WeightedMixing[i] {
						if ws.Mixing.Weights[i][j] != c.WeightedMixing[i][j] {
							t.Errorf("weighted mixing[%d][%d] = %v, want %v", i, j, ws.Mixing.Weights[i][j], c.WeightedMixing[i][j])
						}
					}
				}
				near(t, "weighted assortativity", ws.Assortativity, c.WeightedAssort)
			}
			if c.NumericAssort != nil {
				num, err := NumericAssortativity(n, c.Attribute, false)
				if err != nil {
					t.Fatal(err)
				}
				near(t, "numeric assortativity (networkx/igraph)", num.R, c.NumericAssort)
			}
			for mode, want := range c.Degree {
				m := DegreeMode(mode)
				if mode == "undirected" {
					m = OutIn
				}
				d, err := DegreeAssortativity(n, m)
				if err != nil {
					t.Fatal(err)
				}
				near(t, "degree assortativity "+mode, d.R, want)
			}
		})
	}
}
