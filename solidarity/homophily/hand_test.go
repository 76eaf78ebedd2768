package homophily

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// build makes a network from int64 arcs and string group labels for ids
// 0..len(groups)-1 ("" is a missing value), under a checked allocator.
func build(t testing.TB, directed bool, src, dst []int64, groups []string, w []float64) *network.Network {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	fields := []arrow.Field{{Name: "source", Type: arrow.PrimitiveTypes.Int64}, {Name: "target", Type: arrow.PrimitiveTypes.Int64}}
	if w != nil {
		fields = append(fields, arrow.Field{Name: "weight", Type: arrow.PrimitiveTypes.Float64})
	}
	eb := array.NewRecordBuilder(mem, arrow.NewSchema(fields, nil))
	eb.Field(0).(*array.Int64Builder).AppendValues(src, nil)
	eb.Field(1).(*array.Int64Builder).AppendValues(dst, nil)
	if w != nil {
		eb.Field(2).(*array.Float64Builder).AppendValues(w, nil)
	}
	edges := eb.NewRecordBatch()
	eb.Release()
	var nodes arrow.RecordBatch
	if groups != nil {
		nb := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "group", Type: arrow.BinaryTypes.String, Nullable: true},
			{Name: "x", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil))
		for i, g := range groups {
			nb.Field(0).(*array.Int64Builder).Append(int64(i))
			if g == "" {
				nb.Field(1).(*array.StringBuilder).AppendNull()
				nb.Field(2).(*array.Float64Builder).AppendNull()
			} else {
				nb.Field(1).(*array.StringBuilder).Append(g)
				x, err := strconv.ParseFloat(g, 64)
				if err != nil {
					x = float64(len(g))
				}
				nb.Field(2).(*array.Float64Builder).Append(x)
			}
		}
		nodes = nb.NewRecordBatch()
		nb.Release()
	}
	n, err := network.New(edges, nodes, directed, network.Columns{})
	edges.Release()
	if nodes != nil {
		nodes.Release()
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		n.Release()
		mem.AssertSize(t, 0)
	})
	return n
}

func approx(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.10g, want %.10g (±%g)", what, got, want, tol)
	}
}

// Newman (2003), Table I: the Catania race-mixing table of sexual partners
// (rows: men, columns: women). The paper prints r = 0.621; computed from the
// published counts it is 0.62145 (Python, by hand from eq. 2). netseg's
// assort() symmetrises the table first and gets 0.6206, within its test's
// ±0.004 of 0.621; we do not symmetrise.
func TestCatania(t *testing.T) {
	path := shareddata.Raw(t, "netseg", "Catania.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{"black", "hispanic", "white", "other"}
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	m := make([][]float64, 4)
	for i := range m {
		m[i] = make([]float64, 4)
	}
	for _, r := range rows[1:] {
		v, _ := strconv.ParseFloat(r[2], 64)
		m[idx[r[0]]][idx[r[1]]] = v
	}
	r, why := AssortativityFromMixing(m)
	if why != "" {
		t.Fatal(why)
	}
	approx(t, "Catania r", r, 0.6214458753989226, 1e-12)
	if math.Round(r*1000)/1000 != 0.621 {
		t.Errorf("Catania r = %v does not round to Newman's 0.621", r)
	}
	// netseg test-ei.R: E-I = external share − internal share.
	ei, _ := EIFromMixing(m)
	approx(t, "Catania E-I", ei, -0.4759959141981614, 1e-12)
}

// netseg's own test cases and documented example values
// (github.com/mbojan/netseg tests/testthat and docs/reference, netseg 1.0).
func TestNetsegCases(t *testing.T) {
	// test-coleman.R: Coleman's (1958) matrix, groups of 60 and 40; exact
	// expectation gives 0.38125 and 0.175 (Coleman's approximation 0.375, 0.167).
	c, _ := ColemanFromMixing([][]float64{{45, 15}, {20, 20}}, []float64{60, 40})
	approx(t, "Coleman boys", c[0], 0.38125, 1e-12)
	approx(t, "Coleman girls", c[1], 0.175, 1e-12)

	// test-coleman.R: directed 6-ring 1→2→…→6→1, colours 1,1,2,2,3,3: 0.375 each.
	ring := build(t, true, []int64{0, 1, 2, 3, 4, 5}, []int64{1, 2, 3, 4, 5, 0}, []string{"1", "1", "2", "2", "3", "3"}, nil)
	s, err := Summarize(ring, "group", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"1", "2", "3"} {
		approx(t, "ring Coleman "+g, s.Coleman[g], 0.375, 1e-12)
	}

	// test-orwg.R: 1→2, 1→3, 2→4, 3→4, 3→1, 4→2 with a = 1,1,2,2 gives 1.
	g := build(t, true, []int64{0, 0, 1, 2, 2, 3}, []int64{1, 2, 3, 3, 0, 1}, []string{"1", "1", "2", "2"}, nil)
	s, _ = Summarize(g, "group", Options{})
	approx(t, "ORWG integrated", s.ORWG, 1, 1e-12)

	// test-freeman.R: full graph on 10 nodes, alternating types: 0.
	var src, dst []int64
	for i := int64(0); i < 10; i++ {
		for j := i + 1; j < 10; j++ {
			src, dst = append(src, i), append(dst, j)
		}
	}
	full := build(t, false, src, dst, []string{"1", "2", "1", "2", "1", "2", "1", "2", "1", "2"}, nil)
	s, _ = Summarize(full, "group", Options{})
	approx(t, "Freeman full graph", s.Freeman, 0, 1e-12)

	// docs/reference: WhiteKinship ei −0.1818182, freeman 0.2636364 (ecct
	// 12.22222, cct 9), orwg 3.301587; test-assort.R: assort 0.180124;
	// coleman(as.directed(EF3, "mutual"), "race") = 0.3337838, 0.1918033.
	gd := readGolden(t)
	for _, c := range gd.Datasets {
		switch c.Name {
		case "netseg-WhiteKinship":
			n := loadGolden(t, c)
			s, _ := Summarize(n, "gender", Options{})
			approx(t, "WhiteKinship E-I", s.EI, -0.1818182, 5e-8)
			approx(t, "WhiteKinship Freeman", s.Freeman, 0.2636364, 5e-8)
			approx(t, "WhiteKinship ORWG", s.ORWG, 3.301587, 5e-7)
			approx(t, "WhiteKinship r", s.Assortativity, 0.180124, 5e-7)
			n.Release()
		case "netseg-EF3":
			n := loadGolden(t, c)
			s, _ := Summarize(n, "race", Options{})
			approx(t, "EF3 Coleman 1", s.Coleman["1"], 0.3337838, 5e-8)
			approx(t, "EF3 Coleman 2", s.Coleman["2"], 0.1918033, 5e-8)
			n.Release()
		}
	}
}

// The undirected convention: every edge counted from both ends (networkx
// attribute_mixing_matrix; Newman's symmetric e_ij). Path B–A–C with A, C in
// X and B in Y: edge A–B adds (X,Y) and (Y,X); edge A–C adds 2 to (X,X).
func TestUndirectedMixingCountsBothEnds(t *testing.T) {
	n := build(t, false, []int64{0, 0}, []int64{1, 2}, []string{"X", "Y", "X"}, nil)
	m, err := MixingMatrix(n, "group", false)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int64{{2, 1}, {1, 0}}
	for i := range want {
		for j := range want[i] {
			if m.Counts[i][j] != want[i][j] {
				t.Fatalf("counts %v, want %v", m.Counts, want)
			}
		}
	}
	if m.Edges != 2 {
		t.Errorf("edges %d, want 2", m.Edges)
	}
	// By hand: e = [[2,1],[1,0]]/4, a = b = (3/4, 1/4), Σab = 10/16,
	// Tr e = 1/2: r = (8/16 − 10/16)/(6/16) = −1/3.
	r, _ := AssortativityFromMixing(m.Matrix())
	approx(t, "r", r, -1.0/3, 1e-15)
}

// Missing values are left out with their edges, and counted.
func TestMissingValues(t *testing.T) {
	// 0(a)→1(a), 1(a)→2(missing), 2→3(b), 3(b)→0(a), 4 missing and isolated.
	n := build(t, true, []int64{0, 1, 2, 3}, []int64{1, 2, 3, 0}, []string{"a", "a", "", "b", ""}, nil)
	s, err := Summarize(n, "group", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.MissingNodes != 2 || s.Edges != 2 || s.EdgesMissing != 2 || s.Groups != 2 {
		t.Fatalf("missing %d, edges %d, dropped %d, groups %d; want 2, 2, 2, 2", s.MissingNodes, s.Edges, s.EdgesMissing, s.Groups)
	}
	// Counts [[1,0],[1,0]]: a = (1/2, 1/2), b = (1, 0): Σab = 1/2, Tr = 1/2: r = 0.
	approx(t, "r", s.Assortativity, 0, 1e-15)
	if s.Mixing.Sizes[0] != 2 || s.Mixing.Sizes[1] != 1 {
		t.Errorf("sizes %v, want [2 1]", s.Mixing.Sizes)
	}
}

// Degenerate inputs: every undefined value is NaN with a reason, never a
// panic, an error or a silent 0.
func TestDegenerate(t *testing.T) {
	cases := []struct {
		name     string
		directed bool
		src, dst []int64
		groups   []string
		nanKeys  []string
	}{
		{"no edges", true, []int64{}, []int64{}, []string{"a", "b"}, []string{"assortativity", "ei", "freeman"}},
		{"one node", true, []int64{}, []int64{}, []string{"a"}, []string{"assortativity", "ei", "freeman", "orwg", "coleman.a"}},
		{"only loops", true, []int64{0, 1}, []int64{0, 1}, []string{"a", "b"}, []string{"assortativity", "ei", "freeman", "coleman.a"}},
		{"one group", false, []int64{0, 1}, []int64{1, 2}, []string{"a", "a", "a"}, []string{"assortativity", "freeman", "orwg", "inbreeding.a"}},
		{"all ties in one of two groups", true, []int64{0}, []int64{1}, []string{"a", "a", "b"}, []string{"assortativity", "orwg", "coleman.b"}},
		{"all values missing", true, []int64{0}, []int64{1}, []string{"", ""}, []string{"assortativity"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := build(t, c.directed, c.src, c.dst, c.groups, nil)
			s, err := Summarize(n, "group", Options{Permutations: 9})
			if err != nil {
				t.Fatal(err)
			}
			vals := map[string]float64{"assortativity": s.Assortativity, "ei": s.EI, "freeman": s.Freeman, "orwg": s.ORWG}
			for k, v := range s.Coleman {
				vals["coleman."+k] = v
			}
			for k, v := range s.Inbreeding {
				vals["inbreeding."+k] = v
			}
			for _, k := range c.nanKeys {
				if !math.IsNaN(vals[k]) {
					t.Errorf("%s = %v, want NaN", k, vals[k])
				}
				if s.Reasons[k] == "" {
					t.Errorf("%s is NaN without a reason (reasons %v)", k, s.Reasons)
				}
			}
			for k, v := range vals {
				if math.IsNaN(v) && s.Reasons[k] == "" {
					t.Errorf("%s is NaN without a reason", k)
				}
			}
			if !math.IsNaN(s.AssortativitySE) && math.IsNaN(s.Assortativity) {
				t.Errorf("SE %v defined while r is NaN", s.AssortativitySE)
			}
			if s.Permutation == nil || !math.IsNaN(s.Permutation.TwoSided) || s.Permutation.Reason == "" {
				t.Errorf("permutation test of an undefined r: %+v", s.Permutation)
			}
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatalf("JSON: %v", err)
			}
			if !strings.Contains(string(b), `"assortativity":null`) {
				t.Errorf("JSON does not write NaN as null: %s", b)
			}
			num, err := NumericAssortativity(n, "x", false)
			if err != nil {
				t.Fatal(err)
			}
			if !math.IsNaN(num.R) || num.Reason == "" {
				t.Errorf("numeric r = %v (%q), want NaN with a reason", num.R, num.Reason)
			}
			d, err := DegreeAssortativity(n, OutIn)
			if err != nil {
				t.Fatal(err)
			}
			if n.Report().SimpleEdges == 0 && (!math.IsNaN(d.R) || d.Reason == "") {
				t.Errorf("degree r = %v (%q), want NaN with a reason", d.R, d.Reason)
			}
		})
	}
	// Constant numeric values with edges.
	n := build(t, false, []int64{0, 1}, []int64{1, 2}, []string{"5", "5", "5"}, nil)
	num, _ := NumericAssortativity(n, "x", false)
	if !math.IsNaN(num.R) || !strings.Contains(num.Reason, "zero variance") {
		t.Errorf("constant values: r = %v (%q)", num.R, num.Reason)
	}
	// A regular graph (a cycle): every degree equal.
	n = build(t, false, []int64{0, 1, 2}, []int64{1, 2, 0}, []string{"a", "b", "c"}, nil)
	d, _ := DegreeAssortativity(n, "")
	if !math.IsNaN(d.R) || d.Reason == "" {
		t.Errorf("cycle degree r = %v (%q), want NaN", d.R, d.Reason)
	}
	if _, err := Summarize(n, "nope", Options{}); err == nil || !strings.HasPrefix(err.Error(), "homophily: ") {
		t.Errorf("missing column: err %v", err)
	}
	if _, err := DegreeAssortativity(n, "sideways"); err == nil {
		t.Error("bad degree mode accepted")
	}
	// Codes out of range are an error, not a panic.
	if _, err := MixingFromCodes(n.Simple(), []int32{0, 5, -1}, []string{"a"}, false); err == nil {
		t.Error("code 5 of 1 group accepted")
	}
	if _, err := MixingFromCodes(n.Simple(), []int32{0}, []string{"a"}, false); err == nil {
		t.Error("too few codes accepted")
	}
	// Malformed matrices.
	if r, why := AssortativityFromMixing([][]float64{{1, 2}}); !math.IsNaN(r) || why == "" {
		t.Errorf("non-square: %v %q", r, why)
	}
	if r, why := AssortativityFromMixing([][]float64{{1, -2}, {0, 1}}); !math.IsNaN(r) || why == "" {
		t.Errorf("negative: %v %q", r, why)
	}
	if r, why := AssortativityFromMixing(nil); !math.IsNaN(r) || why == "" {
		t.Errorf("empty: %v %q", r, why)
	}
}

// Weighted mixing: parallel records add their weights; loops are dropped.
// Arcs 0→1 (a→a) weights 2 and 3, 1→2 (a→b) weight 1, 2→2 loop weight 9.
// Weighted counts [[5,1],[0,0]]; by hand a = (1,0), b = (5/6,1/6),
// Σab = 5/6, Tr = 5/6: r = 0 — every tie is sent by group a.
func TestWeighted(t *testing.T) {
	n := build(t, true, []int64{0, 0, 1, 2}, []int64{1, 1, 2, 2}, []string{"a", "a", "b"}, []float64{2, 3, 1, 9})
	s, err := Summarize(n, "group", Options{Weighted: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Mixing.Weights[0][0] != 5 || s.Mixing.Weights[0][1] != 1 || s.Mixing.Counts[0][0] != 1 {
		t.Fatalf("weights %v counts %v", s.Mixing.Weights, s.Mixing.Counts)
	}
	approx(t, "weighted r", s.Assortativity, 0, 1e-15)
}

// netseg's vignette (articles/netseg.md, netseg 1.0) on its Classroom data:
// directed coleman 0.9084249 / 0.7909699, ei −0.8409091, orwg 16.58071;
// for undir = as.undirected(Classroom, "mutual"): folded mixing
// [[11,1],[0,10]], assort 0.9089027, ei −0.9090909, freeman 0.9125874,
// orwg 26.13333. netseg's assort(Classroom) = 0.8408885 symmetrises the
// directed table first; networkx and igraph (and we) give 0.841073 on the
// table as it is.
func TestNetsegClassroomVignette(t *testing.T) {
	var c goldenCase
	for _, d := range readGolden(t).Datasets {
		if d.Name == "netseg-classroom" {
			c = d
		}
	}
	n := loadGolden(t, c)
	defer n.Release()
	s := Must(Summarize(n, "gender", Options{}))
	approx(t, "Coleman Boy", s.Coleman["Boy"], 0.9084249, 5e-8)
	approx(t, "Coleman Girl", s.Coleman["Girl"], 0.7909699, 5e-8)
	approx(t, "E-I", s.EI, -0.8409091, 5e-8)
	approx(t, "ORWG", s.ORWG, 16.58071, 5e-6)
	approx(t, "r (networkx/igraph)", s.Assortativity, 0.841073, 5e-7)
	m := s.Mixing.Matrix()
	sym := [][]float64{{m[0][0], (m[0][1] + m[1][0]) / 2}, {(m[0][1] + m[1][0]) / 2, m[1][1]}}
	rs, _ := AssortativityFromMixing(sym)
	approx(t, "r of the symmetrised table (netseg assort)", rs, 0.8408885, 5e-8)

	// Mutual nominations as an undirected network.
	sim := n.Simple()
	cat := Must(n.Categories("gender"))
	var src, dst []int64
	for u := int32(0); int(u) < sim.N; u++ {
		out, _ := sim.Out(u)
		for _, v := range out {
			if u < v && sim.HasArc(v, u) {
				src, dst = append(src, int64(u)), append(dst, int64(v))
			}
		}
	}
	groups := make([]string, sim.N)
	for i, code := range cat.Codes {
		groups[i] = cat.Labels[code]
	}
	u := Must(Summarize(build(t, false, src, dst, groups, nil), "group", Options{}))
	if f := u.Mixing.Folded(); u.Edges != 22 || f[0][0] != 11 || f[0][1] != 1 || f[1][0] != 0 || f[1][1] != 10 {
		t.Fatalf("mutual network: %d edges, folded mixing %v; netseg: 22 edges, [[11,1],[0,10]]", u.Edges, f)
	}
	approx(t, "undir r", u.Assortativity, 0.9089027, 5e-8)
	approx(t, "undir E-I", u.EI, -0.9090909, 5e-8)
	approx(t, "undir Freeman", u.Freeman, 0.9125874, 5e-8)
	approx(t, "undir ORWG", u.ORWG, 26.13333, 5e-6)
}
