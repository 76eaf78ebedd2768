package figures_test

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/algosolidarity/toolkit/solidarity/figures"
)

// A mixing matrix of the political blogs (Adamic and Glance 2005), counts
// of links between liberal and conservative blogs. In a notebook the
// figure displays itself; here we look at the SVG it renders.
func ExampleMixingMatrix() {
	labels := []string{"liberal", "conservative"}
	counts := [][]float64{{7935, 1010}, {741, 8008}}
	fig, err := figures.MixingMatrix("", labels, counts, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	svg := fig.SVG()
	fmt.Println(fig.Name, strings.HasPrefix(svg, "<?xml"), strings.Contains(svg, "0.89"))
	// Output: mixing_matrix_normalised true true
}

// The size is set in physical units; PNG resolution by DPI.
func ExampleFigure_WithSize() {
	fig, err := figures.DyadCensus("", 1202, 14317, 1201034)
	if err != nil {
		fmt.Println(err)
		return
	}
	fig = fig.WithSize(8.5*vg.Centimeter, 6*vg.Centimeter).WithDPI(300)
	cfg, err := png.DecodeConfig(bytes.NewReader(fig.PNG()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Width, "x", cfg.Height, "pixels")
	// Output: 1004 x 709 pixels
}

// Save picks the format from the extension and writes atomically.
func ExampleFigure_Save() {
	dir, _ := os.MkdirTemp("", "figures")
	defer os.RemoveAll(dir)
	null := []float64{-0.02, -0.01, 0, 0, 0.01, 0.02, 0.01, -0.01}
	fig, err := figures.NullDistribution("", "assortativity r", null, 0.08, 1.0/9)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"null.svg", "null.pdf", "null.png", "null.gif"} {
		err := fig.Save(filepath.Join(dir, name))
		fmt.Println(name, err == nil)
	}
	// Output:
	// null.svg true
	// null.pdf true
	// null.png true
	// null.gif false
}

// Bad data is an error, never a panic.
func ExampleGroupHomophily() {
	_, err := figures.GroupHomophily("", []string{"a", "b"}, []float64{0.5}, nil, "")
	fmt.Println(err)
	// Output: figures: GroupHomophily: observed has 1 values but labels has 2
}

// A seeded layout: the same seed gives the same drawing on every run.
func ExampleLayout() {
	// a path 0-1-2
	x, y, err := figures.Layout(3, []int32{0, 1}, []int32{1, 2}, 1, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	x2, y2, _ := figures.Layout(3, []int32{0, 1}, []int32{1, 2}, 1, 0)
	same := true
	for i := range x {
		same = same && x[i] == x2[i] && y[i] == y2[i]
	}
	fmt.Println("same layout:", same)
	// Output: same layout: true
}

// A drawing coloured by group, with the group sizes in the legend.
func ExampleDrawNetwork() {
	src := []int32{0, 1, 2, 3, 4, 5, 2}
	dst := []int32{1, 2, 0, 4, 5, 3, 3}
	codes := []int32{0, 0, 0, 1, 1, -1}
	fig, err := figures.DrawNetwork("Two triangles", 6, src, dst, codes, []string{"red", "blue"}, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	svg := fig.SVG()
	fmt.Println(strings.Contains(svg, "red (3)"), strings.Contains(svg, "blue (2)"), strings.Contains(svg, "missing (1)"))
	// Output: true true true
}

// Estimates draws ratios as dots with 95% intervals on a log axis, the
// value of no effect (1) dashed and a simulation's planted value as a
// cross; each group row keeps its group's colour. One estimate alone is a
// sentence, not a figure.
func ExampleEstimates() {
	labels := []string{"all actors", "liberal", "conservative"}
	fig, err := figures.Estimates(labels, []figures.Series{{
		Values: []float64{2.97, 2.60, 3.48},
		Lo:     []float64{2.76, 2.31, 3.05},
		Hi:     []float64{3.19, 2.92, 3.96},
		Colors: []color.Color{figures.SeriesColor(0), figures.GroupColor(0), figures.GroupColor(1)},
	}}, figures.EstimatesOptions{Title: "Comrade lift", XLabel: "lift", Log: true, Planted: []float64{3, 3, 3}})
	if err != nil {
		fmt.Println(err)
		return
	}
	// hover a dot in the SVG: its tooltip
	fmt.Println(strings.Contains(fig.SVG(), "<title>liberal: 2.6 [2.31, 2.92]</title>"))

	_, err = figures.Estimates(labels[:1], []figures.Series{{Values: []float64{2.97}, Lo: []float64{2.76}, Hi: []float64{3.19}}},
		figures.EstimatesOptions{Title: "Comrade lift", Log: true})
	var one *figures.OneValue
	if errors.As(err, &one) {
		fmt.Println(one.Sentence)
	}
	// Output:
	// true
	// Comrade lift: all actors = 2.97 (interval 2.76 to 3.19).
}

// Group values renamed for every figure; the colours follow the order of
// the values, so "liberal" is orange wherever it appears.
func ExampleRename() {
	labels := figures.Rename([]string{"0", "1"}, map[string]string{"0": "liberal", "1": "conservative"})
	fmt.Println(labels, figures.GroupColor(0) == figures.OkabeIto[0])
	// Output: [liberal conservative] true
}
