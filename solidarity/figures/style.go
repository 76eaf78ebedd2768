package figures

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// OkabeIto is the Okabe-Ito colour-blind-safe palette, in the order the
// package assigns it to groups: orange, sky blue, bluish green, blue,
// vermillion, reddish purple, yellow. Black, the eighth colour, is kept for
// reference marks.
var OkabeIto = []color.NRGBA{
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

var (
	colBlack     = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
	colOther     = color.NRGBA{0x88, 0x88, 0x88, 0xFF}
	colMissing   = color.NRGBA{0xCC, 0xCC, 0xCC, 0xFF}
	colGrid      = color.NRGBA{0xE5, 0xE5, 0xE5, 0xFF}
	colRef       = color.NRGBA{0x33, 0x33, 0x33, 0xFF}
	colObserved  = OkabeIto[4] // vermillion
	colPrimary   = OkabeIto[3] // blue
	colSecondary = OkabeIto[0] // orange
)

// GroupColor is the colour of group k (0-based) in every figure: the k-th
// Okabe-Ito colour, cycling when there are more than seven groups (network
// drawings instead fold groups beyond the seventh into a grey "other").
// A negative k (missing value) is light grey.
func GroupColor(k int) color.Color {
	if k < 0 {
		return colMissing
	}
	return OkabeIto[k%len(OkabeIto)]
}

// sansFont is the face used for all text.
func sansFont(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// titleFont is the face of plot titles. It is not bold: vgpdf v0.17.0
// registers bold faces under the regular style and then fails to find them.
func titleFont(size vg.Length) font.Font { return sansFont(size) }

// newPlot returns a plot in the package's style: sans-serif text, a light
// grid is left to the caller, legend at the top right inside the data area.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = titleFont(12.5)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(11)
		ax.Tick.Label.Font = sansFont(9.5)
		ax.Padding = vg.Points(3)
		ax.Color = colRef
		ax.Tick.Color = colRef
		ax.Tick.Marker = niceTicks{}
	}
	p.X.Label.Padding = vg.Points(4)
	p.Y.Label.Padding = vg.Points(4)
	p.Legend.TextStyle.Font = sansFont(9.5)
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(14)
	return p
}

// solid is a line style of the given colour and width in points.
func solid(c color.Color, w float64) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(w)}
}

// dashed is a dashed line style.
func dashed(c color.Color, w float64) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(w), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

// withAlpha returns c with opacity a in [0,1].
func withAlpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(a*255 + 0.5)
	return n
}
