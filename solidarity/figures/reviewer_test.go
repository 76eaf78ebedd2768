package figures

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/color"
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"unsafe"
)

// plottersOf reads the plotters of p, which gonum/plot v0.17.0 keeps
// unexported, for the tests to inspect what a figure draws.
func plottersOf(p *plot.Plot) []plot.Plotter {
	f := reflect.ValueOf(p).Elem().FieldByName("plotters")
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().([]plot.Plotter)
}

// The checks a reviewer makes by eye, made by the tests on every sample.

// TestNoClipping: every plotter's data lie inside the axes, so no point,
// bar or whisker is cut at the frame.
func TestNoClipping(t *testing.T) {
	for _, s := range samples() {
		f, err := s.make()
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range f.Plots {
			for _, pl := range plottersOf(p) {
				dr, ok := pl.(plot.DataRanger)
				if !ok {
					continue
				}
				x0, x1, y0, y1 := dr.DataRange()
				const eps = 1e-9
				if !math.IsInf(x0, 0) && (x0 < p.X.Min-eps || x1 > p.X.Max+eps) {
					t.Errorf("%s panel %d: %T spans x [%g, %g] outside the axis [%g, %g]", s.name, pi, pl, x0, x1, p.X.Min, p.X.Max)
				}
				if !math.IsInf(y0, 0) && (y0 < p.Y.Min-eps || y1 > p.Y.Max+eps) {
					t.Errorf("%s panel %d: %T spans y [%g, %g] outside the axis [%g, %g]", s.name, pi, pl, y0, y1, p.Y.Min, p.Y.Max)
				}
			}
		}
	}
}

// TestLogAxesLabelled: every log axis of every sample shows at least three
// tick labels over the range it is drawn with.
func TestLogAxesLabelled(t *testing.T) {
	for _, s := range samples() {
		f, err := s.make()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range f.Plots {
			for _, ax := range []*plot.Axis{&p.X, &p.Y} {
				if _, ok := ax.Tick.Marker.(log10Ticks); !ok {
					continue
				}
				if n := len(labelled(ax.Tick.Marker.Ticks(ax.Min, ax.Max))); n < 3 {
					t.Errorf("%s: log axis %q over [%g, %g] has %d labels; want >= 3", s.name, ax.Label.Text, ax.Min, ax.Max, n)
				}
			}
		}
	}
	// the degree-correlation figure of a network whose mean neighbour
	// degrees span 4.1 to 6.6 showed one label, "5"
	f, err := DegreeAssortativity("", "", "", []int{1, 2, 3, 5, 8, 13}, []float64{4.1, 6.6, 5, 4.5, 6, 5.5})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plot()
	if n := len(labelled(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max))); n < 3 {
		t.Errorf("k_nn axis over [%g, %g]: %d labels; want >= 3", math.Pow(10, p.Y.Min), math.Pow(10, p.Y.Max), n)
	}
}

// svgTips parses an SVG figure and returns its tooltips.
func svgTips(t *testing.T, svg []byte) []string {
	t.Helper()
	var tips []string
	d := xml.NewDecoder(bytes.NewReader(svg))
	inTitle := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inTitle = e.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				tips = append(tips, string(e))
			}
		case xml.EndElement:
			inTitle = false
		}
	}
	return tips
}

// TestTooltips: points, nodes, bars and dots carry <title> tooltips in
// SVG with their id and value; the document stays well-formed XML; PNG
// output is unchanged by them.
func TestTooltips(t *testing.T) {
	want := map[string]string{
		"network_small":        "ana: liberal, in-degree 4, out-degree 1",
		"scatter_fit":          "point 1: x = ",
		"degree_distribution":  "in-degree >= 1: ",
		"degree_assortativity": "degree 1: mean k_nn ",
		"estimates_ratio":      "conservative: 3.48 [3.05, 3.96]",
		"engagement_per_day":   "activists, 2024-05-11: ",
		"bars_ci":              "group A: 2.4 [1.9, 3]",
		"kaplan_meier":         "liberal, 1 d: ",
		"mixing_raw":           "liberal -> conservative: 1,010 edges",
		"dyad_census":          "null: 1,201,034",
	}
	for _, s := range samples() {
		sub, ok := want[s.name]
		if !ok {
			continue
		}
		f, err := s.make()
		if err != nil {
			t.Fatal(err)
		}
		svg, err := f.Bytes("svg")
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(svg, new(struct{})); err != nil {
			t.Errorf("%s: SVG is not well-formed: %v", s.name, err)
		}
		tips := svgTips(t, svg)
		found := false
		for _, tp := range tips {
			found = found || strings.Contains(tp, sub)
		}
		if !found {
			t.Errorf("%s: no tooltip contains %q among %d", s.name, sub, len(tips))
		}
	}
	// A scatter names its points with the caller's ids; text is escaped.
	f, err := Scatter([]float64{1, 2}, []float64{2, 1}, ScatterOptions{IDs: []string{"<alice>", "bob & co"}})
	if err != nil {
		t.Fatal(err)
	}
	svg, _ := f.Bytes("svg")
	tips := svgTips(t, svg)
	if len(tips) != 2 || tips[0] != "<alice>: x = 1, y = 2" || tips[1] != "bob & co: x = 2, y = 1" {
		t.Errorf("scatter tooltips %q", tips)
	}
	// above MaxTips, none: the file stays small
	n := MaxScatterPoints
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	big, _ := ScatterFit("", "", "", x, x, false, false)
	if b, _ := big.Bytes("svg"); bytes.Contains(b, []byte("<title>")) != (n <= MaxTips) {
		t.Errorf("%d points: tooltips present = %v", n, bytes.Contains(b, []byte("<title>")))
	}
}

// TestGroupColours: a group keeps its colour in every figure that shows
// groups, whatever the groups' sizes; series that are not groups take no
// group colour.
func TestGroupColours(t *testing.T) {
	labels := []string{"small", "large", "medium"}
	// bars
	f, err := GroupHomophily("", labels, []float64{0.5, 0.6, 0.7}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range plottersOf(f.Plot()) {
		if b, ok := pl.(*Bars); ok {
			for i := range labels {
				if b.color(i) != GroupColor(i) {
					t.Errorf("homophily bar %d: colour %v, want %v", i, b.color(i), GroupColor(i))
				}
			}
		}
	}
	// network drawing: sizes 1, 5, 3, so the order by size differs from
	// the order of the labels
	codes := []int32{0, 1, 1, 1, 1, 1, 2, 2, 2}
	src := []int32{0, 1, 2, 3, 4, 5, 6, 7}
	dst := []int32{1, 2, 3, 4, 5, 6, 7, 8}
	f, err = DrawNetwork("", 9, src, dst, codes, labels, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range plottersOf(f.Plot()) {
		if g, ok := pl.(*Graph); ok {
			for k, c := range codes {
				if g.Fill[k] != GroupColor(int(c)) {
					t.Errorf("node %d of group %d: colour %v, want %v", k, c, g.Fill[k], GroupColor(int(c)))
				}
			}
		}
	}
	// time series
	times := []int64{0, 86400, 0, 86400, 0, 86400}
	f, err = EngagementPerDay("", times, []int32{0, 0, 1, 1, 2, 2}, labels)
	if err != nil {
		t.Fatal(err)
	}
	g := 0
	for _, pl := range plottersOf(f.Plot()) {
		if l, ok := pl.(*plotter.Line); ok {
			if l.LineStyle.Color != GroupColor(g) {
				t.Errorf("line of group %d: colour %v, want %v", g, l.LineStyle.Color, GroupColor(g))
			}
			g++
		}
	}
	// groups beyond the seventh share grey, as the drawings' legend says
	if GroupColor(7) != GroupColor(12) || GroupColor(7) == GroupColor(0) {
		t.Errorf("GroupColor(7) %v, GroupColor(12) %v: want one shared grey", GroupColor(7), GroupColor(12))
	}
	// within/between and other non-group series: no group colour
	isGroup := func(c color.Color) bool {
		for _, o := range OkabeIto {
			if c == color.Color(o) {
				return true
			}
		}
		return false
	}
	f, err = ReciprocityByGroup("", labels, []float64{0.1, 0.2, 0.3}, []float64{0.1, 0.1, 0.1})
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range plottersOf(f.Plot()) {
		if b, ok := pl.(*Bars); ok && isGroup(b.color(0)) {
			t.Errorf("within/between bars use the group colour %v", b.color(0))
		}
	}
	for s := 0; s < 6; s++ {
		if isGroup(SeriesColor(s)) {
			t.Errorf("SeriesColor(%d) is a group colour", s)
		}
	}
}

// TestRename: labels map onto group values and keep their order (and so
// their colours); values without a name keep their own.
func TestRename(t *testing.T) {
	got := Rename([]string{"0", "1", "2"}, map[string]string{"0": "liberal", "1": "conservative", "9": "unused"})
	if strings.Join(got, ",") != "liberal,conservative,2" {
		t.Errorf("Rename: %q", got)
	}
	if in := []string{"a"}; &Rename(in, nil)[0] != &in[0] {
		t.Error("Rename with no names copies")
	}
	f, err := samples()[len(samples())-2].make() // network_small, renamed labels
	if err != nil {
		t.Fatal(err)
	}
	svg, _ := f.Bytes("svg")
	for _, want := range []string{">liberal (6)<", ">conservative (6)<", ">2 (5)<"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("network legend lacks %q", want)
		}
	}
}

// TestIsolates: nodes without edges are left out of the drawing and
// counted in the caption and the legend.
func TestIsolates(t *testing.T) {
	f, err := DrawNetwork("", 6, []int32{0, 1}, []int32{1, 2}, []int32{0, 0, 0, 1, 1, 1}, []string{"a", "b"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if f.Caption != "3 isolated nodes (no edges) are not drawn." || !bytes.Contains([]byte(f.SVG()), []byte(">3 isolated, not drawn<")) {
		t.Errorf("caption %q", f.Caption)
	}
	for _, pl := range plottersOf(f.Plot()) {
		if g, ok := pl.(*Graph); ok && len(g.X) != 3 {
			t.Errorf("%d nodes drawn, want 3", len(g.X))
		}
	}
	// KeepIsolates draws them; a network without edges draws every node
	f, _ = DrawNetworkWith("", 6, []int32{0}, []int32{1}, NetworkOptions{KeepIsolates: true})
	if f.Caption != "" {
		t.Errorf("KeepIsolates: caption %q", f.Caption)
	}
	f, err = DrawNetworkWith("", 4, nil, nil, NetworkOptions{})
	if err != nil || f.Caption != "" {
		t.Errorf("no edges: %v, caption %q", err, f.Caption)
	}
}

// TestOneValue: a figure of a single estimate is a sentence.
func TestOneValue(t *testing.T) {
	_, err := BarsCI("Comrade lift", "lift", []string{"all actors"}, []float64{2.97}, []float64{2.76}, []float64{3.19}, 1)
	var one *OneValue
	if !errors.As(err, &one) || one.Sentence != "Comrade lift: all actors = 2.97 (interval 2.76 to 3.19)." {
		t.Errorf("BarsCI of one value: %v", err)
	}
	_, err = Estimates([]string{"comrade"}, []Series{{Values: []float64{1.43}}}, EstimatesOptions{Title: "Model"})
	if !errors.As(err, &one) || one.Sentence != "Model: comrade = 1.43." {
		t.Errorf("Estimates of one value: %v", err)
	}
	// two series of one row are a comparison, drawn
	if _, err := Estimates([]string{"g"}, []Series{{Values: []float64{1}}, {Values: []float64{2}}}, EstimatesOptions{}); err != nil {
		t.Errorf("two series: %v", err)
	}
	// ratios on a log axis must be positive
	if _, err := Estimates([]string{"a", "b"}, []Series{{Values: []float64{1, 0}}}, EstimatesOptions{Log: true}); err == nil {
		t.Error("a zero ratio on a log axis is not an error")
	}
}

// TestEqualAspect: a y = x scatter gives both axes one range and draws one
// unit of X as long as one unit of Y.
func TestEqualAspect(t *testing.T) {
	f, err := Scatter([]float64{0, 1, 2}, []float64{0, 5, 3}, ScatterOptions{Identity: true})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plot()
	if p.X.Min != p.Y.Min || p.X.Max != p.Y.Max || !f.EqualAspect {
		t.Fatalf("axes [%g, %g] and [%g, %g], EqualAspect %v", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max, f.EqualAspect)
	}
	for _, size := range [][2]vg.Length{{f.Width, f.Height}, {20 * vg.Centimeter, 8 * vg.Centimeter}, {8 * vg.Centimeter, 20 * vg.Centimeter}} {
		c := vgimg.New(size[0], size[1])
		da := p.DataCanvas(equalAspect(p, draw.New(c)))
		w, h := da.Max.X-da.Min.X, da.Max.Y-da.Min.Y
		if math.Abs(float64(w-h)) > 0.5 {
			t.Errorf("size %v: data area %v by %v; want square", size, w, h)
		}
	}
}
