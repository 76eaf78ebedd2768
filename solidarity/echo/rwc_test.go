package echo

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

type goldenCase struct {
	Name       string      `json:"name"`
	N          int         `json:"n"`
	Directed   bool        `json:"directed"`
	Weighted   bool        `json:"weighted"`
	K          int         `json:"k"`
	Edges      [][]float64 `json:"edges"`
	Side       []int8      `json:"side"`
	Labels     []string    `json:"labels"`
	RWC        float64     `json:"rwc"`
	PXX        float64     `json:"pxx"`
	PXY        float64     `json:"pxy"`
	PYX        float64     `json:"pyx"`
	PYY        float64     `json:"pyy"`
	EndXX      float64     `json:"end_x_given_x"`
	EndXY      float64     `json:"end_x_given_y"`
	EndpointsX []int32     `json:"endpoints_x"`
	EndpointsY []int32     `json:"endpoints_y"`
	StartsX    int         `json:"starts_x"`
	StartsY    int         `json:"starts_y"`
	Unreach    int         `json:"unreachable"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	b, err := os.ReadFile("testdata/golden_rwc.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g.Cases
}

// TestRWCGolden compares with scripts/golden_echo.py: an independent
// numpy dense solve of the same absorbing chain on graphs built with
// networkx 2.8.8 (karate club, a planted partition with strays, a directed
// weighted graph). Tolerance 1e-9.
func TestRWCGolden(t *testing.T) {
	for _, c := range loadGolden(t) {
		var src, dst []int32
		var w []float64
		for _, e := range c.Edges {
			src = append(src, int32(e[0]))
			dst = append(dst, int32(e[1]))
			w = append(w, e[2])
		}
		s := network.BuildSimple(c.N, src, dst, w, c.Directed)
		r, err := RWCSides(s, c.Side, RWCOptions{K: c.K, Weighted: c.Weighted})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		for _, x := range []struct {
			name      string
			got, want float64
		}{{"rwc", r.RWC, c.RWC}, {"pxx", r.PXX, c.PXX}, {"pxy", r.PXY, c.PXY}, {"pyx", r.PYX, c.PYX},
			{"pyy", r.PYY, c.PYY}, {"end x|x", r.EndXGivenX, c.EndXX}, {"end x|y", r.EndXGivenY, c.EndXY}} {
			if math.Abs(x.got-x.want) > 1e-9 {
				t.Errorf("%s: %s = %.15f, golden %.15f", c.Name, x.name, x.got, x.want)
			}
		}
		if !slices.Equal(r.EndpointsX, c.EndpointsX) || !slices.Equal(r.EndpointsY, c.EndpointsY) {
			t.Errorf("%s: endpoints %v %v, golden %v %v", c.Name, r.EndpointsX, r.EndpointsY, c.EndpointsX, c.EndpointsY)
		}
		if r.StartsX != c.StartsX || r.StartsY != c.StartsY || r.Unreachable != c.Unreach {
			t.Errorf("%s: starts %d/%d unreachable %d, golden %d/%d %d", c.Name, r.StartsX, r.StartsY, r.Unreachable, c.StartsX, c.StartsY, c.Unreach)
		}
		if r.Reason != "" {
			t.Errorf("%s: reason %q", c.Name, r.Reason)
		}
	}
}

// arrowNet builds a Network with int64 ids and a string node attribute.
func arrowNet(t *testing.T, n int, src, dst []int64, attr string, labels []string) *network.Network {
	t.Helper()
	return arrowNetDir(t, n, src, dst, attr, labels, false)
}

func arrowNetDir(t *testing.T, n int, src, dst []int64, attr string, labels []string, directed bool) *network.Network {
	t.Helper()
	mem := memory.NewGoAllocator()
	sb, db := array.NewInt64Builder(mem), array.NewInt64Builder(mem)
	sb.AppendValues(src, nil)
	db.AppendValues(dst, nil)
	sa, da := sb.NewArray(), db.NewArray()
	edges := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "source", Type: arrow.PrimitiveTypes.Int64},
		{Name: "target", Type: arrow.PrimitiveTypes.Int64}}, nil), []arrow.Array{sa, da}, int64(len(src)))
	ib, lb := array.NewInt64Builder(mem), array.NewStringBuilder(mem)
	for i := 0; i < n; i++ {
		ib.Append(int64(i))
		if labels[i] == "" {
			lb.AppendNull()
		} else {
			lb.Append(labels[i])
		}
	}
	ia, la := ib.NewArray(), lb.NewArray()
	nodes := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: attr, Type: arrow.BinaryTypes.String, Nullable: true}}, nil), []arrow.Array{ia, la}, int64(n))
	net, err := network.New(edges, nodes, directed, network.Columns{})
	if err != nil {
		t.Fatal(err)
	}
	edges.Release()
	nodes.Release()
	return net
}

func TestRWCNetworkAttribute(t *testing.T) {
	c := loadGolden(t)[1] // karate k=3
	var src, dst []int64
	for _, e := range c.Edges {
		src = append(src, int64(e[0]))
		dst = append(dst, int64(e[1]))
	}
	net := arrowNet(t, c.N, src, dst, "club", c.Labels)
	defer net.Release()
	r, err := RWC(net, "club", RWCOptions{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.RWC-c.RWC) > 1e-9 || r.Sides != [2]string{"Mr. Hi", "Officer"} {
		t.Errorf("RWC %.12f sides %v, golden %.12f [Mr. Hi Officer]", r.RWC, r.Sides, c.RWC)
	}
	// Swapping the sides leaves the score unchanged (it is symmetric).
	r2, err := RWC(net, "club", RWCOptions{K: 3, Sides: [2]string{"Officer", "Mr. Hi"}})
	if err != nil || math.Abs(r2.RWC-c.RWC) > 1e-9 {
		t.Errorf("swapped sides: %v %v", r2, err)
	}
}

func TestRWCDegenerate(t *testing.T) {
	three := make([]string, 4)
	copy(three, []string{"a", "b", "c", "a"})
	cases := []struct {
		name   string
		net    func() *network.Network
		cfg    RWCOptions
		err    string
		reason string
	}{
		{"three labels", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 1, 2}, []int64{1, 2, 3}, "g", three)
		}, RWCOptions{}, "has 3 labels", ""},
		{"unknown side", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 1, 2}, []int64{1, 2, 3}, "g", three)
		}, RWCOptions{Sides: [2]string{"a", "z"}}, `side "z" is not a label`, ""},
		{"same side twice", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 1, 2}, []int64{1, 2, 3}, "g", three)
		}, RWCOptions{Sides: [2]string{"a", "a"}}, "want two different labels", ""},
		{"no attribute", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 1, 2}, []int64{1, 2, 3}, "g", three)
		}, RWCOptions{}, "", ""},
		// One side's only vertex is isolated: walks cannot end there.
		{"isolated side", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 1}, []int64{1, 2}, "g", []string{"a", "a", "a", "b"})
		}, RWCOptions{}, "", "a side has no vertex with an edge"},
		// One vertex per side, no edge.
		{"one node per side", func() *network.Network {
			return arrowNet(t, 2, []int64{0}, []int64{0}, "g", []string{"a", "b"})
		}, RWCOptions{}, "", "a side has no vertex with an edge"},
		// Two disconnected halves: every walk stays home, RWC = 1.
		{"disconnected halves", func() *network.Network {
			return arrowNet(t, 4, []int64{0, 2}, []int64{1, 3}, "g", []string{"a", "a", "b", "b"})
		}, RWCOptions{}, "", ""},
	}
	for _, c := range cases {
		net := c.net()
		attr := "g"
		if c.name == "no attribute" {
			attr = "missing"
		}
		r, err := RWC(net, attr, c.cfg)
		net.Release()
		if c.name == "no attribute" {
			if err == nil || !strings.HasPrefix(err.Error(), "echo: RWC: ") {
				t.Errorf("%s: error %v", c.name, err)
			}
			continue
		}
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.reason != "" {
			if !strings.Contains(r.Reason, c.reason) || !math.IsNaN(r.RWC) {
				t.Errorf("%s: RWC %v reason %q, want NaN and %q", c.name, r.RWC, r.Reason, c.reason)
			}
			continue
		}
		if r.RWC != 1 {
			t.Errorf("%s: RWC %v, want 1 (hand: P_XX = P_YY = 1)", c.name, r.RWC)
		}
	}
}

func TestRWCReleased(t *testing.T) {
	// Golden values: the authors' released code re-run in Python 3 with
	// networkx (scripts/rwc_released_golden.py, 20000 rounds); the Go
	// simulation uses another random stream, so they agree within Monte
	// Carlo error (tolerance 0.01, several standard errors).
	complete := func(n int) (src, dst []int32) {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				src, dst = append(src, int32(i)), append(dst, int32(j))
			}
		}
		return
	}
	half := func(n int) []int8 {
		s := make([]int8, n)
		for i := n / 2; i < n; i++ {
			s[i] = 1
		}
		return s
	}
	src, dst := complete(40)
	k40 := network.BuildSimple(40, src, dst, nil, false)
	// Two 10-cliques joined by the edge 9-10 (networkx barbell_graph(10, 0)).
	src, dst = complete(10)
	for i := range src {
		src, dst = append(src, src[i]+10), append(dst, dst[i]+10)
	}
	src, dst = append(src, 9), append(dst, 10)
	bar := network.BuildSimple(20, src, dst, nil, false)
	for _, c := range []struct {
		name    string
		s       *network.Simple
		percent float64
		want    float64
	}{{"complete40", k40, 100, -0.0345}, {"barbell10", bar, 50, 0.9453}} {
		r, err := RWCSides(c.s, half(c.s.N), RWCOptions{Variant: RWCReleased, Percent: c.percent, Reps: 5000, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.RWC-c.want) > 0.01 || r.Variant != RWCReleased || r.Unfinished != 0 || r.Reason != "" {
			t.Errorf("%s: released RWC %.4f (%+v); golden %.4f", c.name, r.RWC, r, c.want)
		}
		p, err := RWCSides(c.s, half(c.s.N), RWCOptions{})
		if err != nil || p.Variant != RWCPaper {
			t.Fatal(err, p.Variant)
		}
		t.Logf("%s: paper %.4f, released %.4f", c.name, p.RWC, r.RWC)
	}
	// Two sides in two components: every walk stays, both variants give 1.
	src, dst = complete(5)
	for i := range src[:10] {
		src, dst = append(src, src[i]+5), append(dst, dst[i]+5)
	}
	two := network.BuildSimple(10, src, dst, nil, false)
	for _, v := range []RWCVariant{RWCPaper, RWCReleased} {
		r, err := RWCSides(two, half(10), RWCOptions{Variant: v, Percent: 60, Reps: 50, K: 2})
		if err != nil || r.RWC != 1 {
			t.Errorf("%s on two components: %v %v, want 1", v, r, err)
		}
	}
	if _, err := RWCSides(two, half(10), RWCOptions{Variant: "code"}); err == nil {
		t.Error("unknown variant: no error")
	}
}
