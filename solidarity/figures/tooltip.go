package figures

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// SVG tooltips. gonum/plot's SVG canvas (vg/vgsvg) writes shapes and text
// but has no way to attach a <title> to them. Figures therefore render SVG
// through tipCanvas, a wrapper that forwards every drawing call to the
// vgsvg canvas and also collects "tips": a point, a radius and a text,
// recorded by plotters as they draw (addTip). After the drawing the tips are
// written as one group of invisible circles, each holding a <title>, on top
// of the figure, in the same coordinates as the shapes under them, so a
// browser shows the text when the pointer rests on a point or a node. PNG
// and PDF renders use the plain canvases and record nothing. Tips live in
// one render, so a figure may be rendered concurrently.

// MaxTips is the largest number of tooltips an SVG figure carries; beyond
// it (a dense scatter, a large network) the tooltips are left out so the
// file stays small.
const MaxTips = 5000

type tip struct {
	x, y, r vg.Length
	text    string
}

// tipCanvas is the SVG canvas with a tooltip collector.
type tipCanvas struct {
	vg.CanvasSizer
	tips []tip
}

// addTip records a tooltip over the disc of radius r at pt when c renders
// SVG; points outside the canvas's rectangle (clipped data) are skipped.
func addTip(c draw.Canvas, pt vg.Point, r vg.Length, text string) {
	tc := findTips(c.Canvas)
	if tc == nil || text == "" || !c.Contains(pt) {
		return
	}
	if r < vg.Points(2) {
		r = vg.Points(2)
	}
	tc.tips = append(tc.tips, tip{pt.X, pt.Y, r, text})
}

// findTips unwraps the canvases gonum/plot nests (a padded plot area is a
// draw.Canvas around the figure's) down to the tooltip collector, if any.
func findTips(c vg.Canvas) *tipCanvas {
	for range 64 {
		switch v := c.(type) {
		case *tipCanvas:
			return v
		case draw.Canvas:
			c = v.Canvas
		case *draw.Canvas:
			c = v.Canvas
		default:
			return nil
		}
	}
	return nil
}

// svgWithTips writes the SVG document of s with the tooltips added as the
// last group inside the document's flipped coordinate group.
type svgWithTips struct {
	s    *vgsvg.Canvas
	tips []tip
}

func (w svgWithTips) WriteTo(out io.Writer) (int64, error) {
	var b bytes.Buffer
	if _, err := w.s.WriteTo(&b); err != nil {
		return 0, err
	}
	doc := b.Bytes()
	if len(w.tips) > 0 && len(w.tips) <= MaxTips {
		doc = insertTips(doc, w.tips)
	}
	n, err := out.Write(doc)
	return int64(n), err
}

// insertTips puts the tooltip group before the closing tag of the last
// group, the one vgsvg opens to flip the Y axis, so the circles use the
// same coordinates as the paths.
func insertTips(doc []byte, tips []tip) []byte {
	end := bytes.LastIndex(doc, []byte("</svg>"))
	if end < 0 {
		return doc
	}
	at := bytes.LastIndex(doc[:end], []byte("</g>"))
	if at < 0 {
		return doc
	}
	var g bytes.Buffer
	g.WriteString("<g id=\"tooltips\" style=\"fill:#000000;fill-opacity:0;stroke:none\">\n")
	for i, t := range tips {
		fmt.Fprintf(&g, "<circle id=\"tip%d\" cx=\"%.5g\" cy=\"%.5g\" r=\"%.3g\"><title>", i+1, t.x.Points(), t.y.Points(), t.r.Points())
		xml.EscapeText(&g, []byte(t.text))
		g.WriteString("</title></circle>\n")
	}
	g.WriteString("</g>\n")
	out := make([]byte, 0, len(doc)+g.Len())
	out = append(out, doc[:at]...)
	out = append(out, g.Bytes()...)
	return append(out, doc[at:]...)
}

// pointTips is a plotter that draws nothing and records a tooltip at each
// of its points (in data coordinates), for plotters from gonum/plot that
// know nothing of tooltips (plotter.Scatter). It has no data range, so it
// never widens the axes.
type pointTips struct {
	xy   plotter.XYs
	text []string
	r    vg.Length
}

// Plot implements plot.Plotter.
func (t *pointTips) Plot(c draw.Canvas, plt *plot.Plot) {
	if len(t.xy) > MaxTips {
		return
	}
	trX, trY := plt.Transforms(&c)
	for i, p := range t.xy {
		addTip(c, vg.Point{X: trX(p.X), Y: trY(p.Y)}, t.r, t.text[i])
	}
}
