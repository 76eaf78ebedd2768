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

// Neutral is the palette of series that are not groups: within and
// between groups, with and without comrades, in- and out-degree, a single
// series. Greys that no group colour resembles, so that in every figure a
// colour means a group and a grey means something else; series are told
// apart by shade, glyph and dash as well.
var Neutral = []color.NRGBA{
	{0x26, 0x26, 0x26, 0xFF}, // near black
	{0x9E, 0x9E, 0x9E, 0xFF}, // mid grey
	{0x5E, 0x5E, 0x5E, 0xFF}, // dark grey
	{0xC8, 0xC8, 0xC8, 0xFF}, // light grey
}

// SeriesColor is the colour of series s (0-based) among series that are not
// groups: the Neutral palette, cycling.
func SeriesColor(s int) color.Color {
	return Neutral[((s%len(Neutral))+len(Neutral))%len(Neutral)]
}

var (
	colBlack     = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
	colOther     = color.NRGBA{0x88, 0x88, 0x88, 0xFF}
	colMissing   = color.NRGBA{0xCC, 0xCC, 0xCC, 0xFF}
	colGrid      = color.NRGBA{0xE5, 0xE5, 0xE5, 0xFF}
	colRef       = color.NRGBA{0x33, 0x33, 0x33, 0xFF}
	colObserved  = colBlack                            // a marked value
	colPrimary   = color.NRGBA{0x4D, 0x4D, 0x4D, 0xFF} // one series that is not a group
	colBarFill   = color.NRGBA{0xA6, 0xA6, 0xA6, 0xFF} // its bars, light enough for black whiskers
	colSecondary = Neutral[0]
)

// MaxGroupColors is the number of groups with a colour of their own.
const MaxGroupColors = 7

// GroupColor is the colour of group k (0-based, in the order of the
// group labels) in every figure, so that a group keeps its colour from one
// figure to the next: the k-th Okabe-Ito colour for the first seven groups,
// a grey "other" beyond (figures with more groups say so in their legend).
// A negative k (missing value) is light grey.
func GroupColor(k int) color.Color {
	if k < 0 {
		return colMissing
	}
	if k >= MaxGroupColors {
		return colOther
	}
	return OkabeIto[k]
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
