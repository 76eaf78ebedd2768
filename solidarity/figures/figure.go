package figures

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/algosolidarity/toolkit/internal/atomicfile"
)

// FixedPDFDate is the CreationDate and ModDate written into every PDF, so
// that two renders of a figure are byte-identical.
var FixedPDFDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func init() {
	// vgpdf keeps its fpdf document unexported, so the only way to fix the
	// dates and the resource order is fpdf's process-wide defaults, read by
	// each new document. See the package documentation.
	fpdf.SetDefaultCreationDate(FixedPDFDate)
	fpdf.SetDefaultModificationDate(FixedPDFDate)
	fpdf.SetDefaultCatalogSort(true)
}

// Default size and resolution of a figure: 15 cm by 10 cm, 150 dots per inch
// for PNG (SVG and PDF are vector formats and ignore DPI).
const (
	DefaultWidth  = 15 * vg.Centimeter
	DefaultHeight = 10 * vg.Centimeter
	DefaultDPI    = 150
)

// Figure is a finished figure: one plot, or several tiled in a grid. Its
// fields may be changed before rendering; the With methods return a changed
// copy that shares the plots.
type Figure struct {
	// Name is a short file-name stem describing the figure, such as
	// "mixing_matrix"; the command line uses it for output names.
	Name string
	// Width and Height are the size of the whole figure.
	Width, Height vg.Length
	// DPI is the resolution of PNG output, in dots per inch.
	DPI int
	// Rows and Cols give the grid of Plots, filled row by row.
	Rows, Cols int
	// Plots are the panels; a single-panel figure has one.
	Plots []*plot.Plot
	// Caption, when not empty, is a sentence for under the figure with
	// what the drawing leaves out (for example the number of isolated
	// nodes a network drawing does not draw). Figure sets append it to
	// their own caption.
	Caption string
	// EqualAspect draws a single-panel figure with one unit of X as long as
	// one unit of Y (the data area is shrunk, centred, to make it so), for
	// scatters whose two axes share a scale.
	EqualAspect bool
}

// New wraps one gonum plot as a Figure of the default size.
func New(name string, p *plot.Plot) *Figure {
	return &Figure{Name: name, Width: DefaultWidth, Height: DefaultHeight, DPI: DefaultDPI, Rows: 1, Cols: 1, Plots: []*plot.Plot{p}}
}

// Tile arranges plots in a rows by cols grid, filled row by row. The default
// size grows with the grid (DefaultWidth per column up to three columns,
// DefaultHeight per row).
func Tile(name string, rows, cols int, plots ...*plot.Plot) (*Figure, error) {
	if rows < 1 || cols < 1 || len(plots) != rows*cols {
		return nil, fmt.Errorf("figures: Tile: %d plots do not fill a %d by %d grid", len(plots), rows, cols)
	}
	for i, p := range plots {
		if p == nil {
			return nil, fmt.Errorf("figures: Tile: plot %d is nil", i)
		}
	}
	w := DefaultWidth * vg.Length(min(cols, 3)) * 0.8
	if cols == 1 {
		w = DefaultWidth
	}
	return &Figure{Name: name, Width: w, Height: DefaultHeight * vg.Length(rows), DPI: DefaultDPI,
		Rows: rows, Cols: cols, Plots: plots}, nil
}

// WithSize returns a copy of f with the given size; vg.Centimeter, vg.Inch
// and vg.Points make lengths (for example 8.5*vg.Centimeter).
func (f *Figure) WithSize(width, height vg.Length) *Figure {
	g := *f
	g.Width, g.Height = width, height
	return &g
}

// WithDPI returns a copy of f whose PNG output has the given resolution.
func (f *Figure) WithDPI(dpi int) *Figure {
	g := *f
	g.DPI = dpi
	return &g
}

// Plot returns the first (for a single-panel figure, the only) plot, for
// adjustments with the gonum/plot API before rendering.
func (f *Figure) Plot() *plot.Plot {
	if len(f.Plots) == 0 {
		return nil
	}
	return f.Plots[0]
}

// Formats lists the output formats, which are also the file extensions Save
// accepts.
var Formats = []string{"png", "svg", "pdf"}

// WriterTo renders the figure in format ("png", "svg" or "pdf") and returns
// the canvas, ready to be written, in the manner of plot.Plot.WriterTo.
func (f *Figure) WriterTo(format string) (io.WriterTo, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	var (
		c  vg.CanvasSizer
		wt io.WriterTo
	)
	switch strings.ToLower(format) {
	case "png":
		dpi := f.DPI
		if dpi <= 0 {
			dpi = DefaultDPI
		}
		img := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
		c, wt = img, vgimg.PngCanvas{Canvas: img}
	case "svg":
		s := vgsvg.New(f.Width, f.Height)
		tc := &tipCanvas{CanvasSizer: s}
		f.draw(draw.New(tc))
		return svgWithTips{s: s, tips: tc.tips}, nil
	case "pdf":
		p := vgpdf.New(f.Width, f.Height)
		c, wt = p, p
	default:
		return nil, fmt.Errorf("figures: unknown format %q (want png, svg or pdf)", format)
	}
	f.draw(draw.New(c))
	return wt, nil
}

func (f *Figure) check() error {
	if f == nil || len(f.Plots) == 0 {
		return fmt.Errorf("figures: empty figure")
	}
	if !(f.Width > 0 && f.Height > 0) {
		return fmt.Errorf("figures: figure %q has size %v by %v; want positive lengths", f.Name, f.Width, f.Height)
	}
	if f.Rows*f.Cols != len(f.Plots) {
		return fmt.Errorf("figures: figure %q has %d plots for a %d by %d grid", f.Name, len(f.Plots), f.Rows, f.Cols)
	}
	return nil
}

func (f *Figure) draw(dc draw.Canvas) {
	if len(f.Plots) == 1 {
		p := f.Plots[0]
		if f.EqualAspect {
			dc = equalAspect(p, dc)
		}
		p.Draw(dc)
		return
	}
	grid := make([][]*plot.Plot, f.Rows)
	for r := range grid {
		grid[r] = f.Plots[r*f.Cols : (r+1)*f.Cols]
	}
	t := draw.Tiles{Rows: f.Rows, Cols: f.Cols, PadX: vg.Points(12), PadY: vg.Points(12),
		PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2), PadRight: vg.Points(2)}
	cs := plot.Align(grid, t, dc)
	for r := range grid {
		for c, p := range grid[r] {
			p.Draw(cs[r][c])
		}
	}
}

// equalAspect shrinks dc, centred, so that p's data area gives its X and Y
// data units the same length.
func equalAspect(p *plot.Plot, dc draw.Canvas) draw.Canvas {
	xs, ys := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	if !(xs > 0 && ys > 0) {
		return dc
	}
	da := p.DataCanvas(dc)
	w, h := da.Max.X-da.Min.X, da.Max.Y-da.Min.Y
	if w <= 0 || h <= 0 {
		return dc
	}
	// points per data unit on each axis; trim the longer one
	sx, sy := float64(w)/xs, float64(h)/ys
	if sx > sy {
		cut := w - vg.Length(sy*xs)
		dc.Min.X += cut / 2
		dc.Max.X -= cut / 2
	} else {
		cut := h - vg.Length(sx*ys)
		dc.Min.Y += cut / 2
		dc.Max.Y -= cut / 2
	}
	return dc
}

// Bytes renders the figure in format ("png", "svg" or "pdf").
func (f *Figure) Bytes(format string) ([]byte, error) {
	wt, err := f.WriterTo(format)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("figures: rendering %q as %s: %w", f.Name, format, err)
	}
	return b.Bytes(), nil
}

// Write renders the figure in format to w.
func (f *Figure) Write(w io.Writer, format string) error {
	wt, err := f.WriterTo(format)
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}

// PNG returns the figure as PNG bytes at f.DPI, or nil if it cannot be
// rendered (use Bytes("png") to see the error). It is the rich-display
// method of Go notebook kernels.
func (f *Figure) PNG() []byte {
	b, _ := f.Bytes("png")
	return b
}

// SVG returns the figure as an SVG document, or "" if it cannot be
// rendered (use Bytes("svg") to see the error). It is the rich-display
// method of Go notebook kernels.
func (f *Figure) SVG() string {
	b, _ := f.Bytes("svg")
	return string(b)
}

// PDF returns the figure as a one-page PDF document, or nil if it cannot be
// rendered (use Bytes("pdf") to see the error).
func (f *Figure) PDF() []byte {
	b, _ := f.Bytes("pdf")
	return b
}

// Save writes the figure to path in the format named by its extension
// (.png, .svg or .pdf). The file is written to a temporary file in the same
// directory and renamed into place, so a reader never sees half a figure.
func (f *Figure) Save(path string) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch ext {
	case "png", "svg", "pdf":
	default:
		return fmt.Errorf("figures: cannot save %s: extension %q is not .png, .svg or .pdf", path, filepath.Ext(path))
	}
	b, err := f.Bytes(ext)
	if err != nil {
		return err
	}
	return writeAtomic(path, b)
}

func writeAtomic(path string, b []byte) error {
	if err := atomicfile.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("figures: saving %s: %w", path, err)
	}
	return nil
}
