package figures

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap is a plot.Plotter drawing a matrix as coloured cells, row 0 at
// the top, with each cell's text written in it. Colours run from white (0)
// to blue (Max) on a linear scale; NaN cells are hatched grey with "n/a".
type Heatmap struct {
	Values [][]float64 // Values[r][c]
	Text   [][]string  // annotations, same shape; nil for none
	Max    float64
	// TextStyle is the annotation style; its colour is replaced by white on
	// dark cells.
	TextStyle text.Style
	// Tips are the cells' SVG tooltips, same shape (nil: none).
	Tips [][]string
}

// NewHeatmap copies a rectangular matrix of finite, non-negative values
// (NaN allowed, meaning undefined) and its annotations.
func NewHeatmap(values [][]float64, annotations [][]string) (*Heatmap, error) {
	if len(values) == 0 || len(values[0]) == 0 {
		return nil, fmt.Errorf("figures: NewHeatmap: matrix is empty")
	}
	h := &Heatmap{TextStyle: text.Style{Color: colBlack, Font: sansFont(9), XAlign: draw.XCenter,
		YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}}
	cols := len(values[0])
	for r, row := range values {
		if len(row) != cols {
			return nil, fmt.Errorf("figures: NewHeatmap: row %d has %d values; want %d", r, len(row), cols)
		}
		if err := checkNotInf("NewHeatmap", fmt.Sprintf("row %d", r), row); err != nil {
			return nil, err
		}
		for c, v := range row {
			if v < 0 {
				return nil, fmt.Errorf("figures: NewHeatmap: cell [%d][%d] is %v; want >= 0", r, c, v)
			}
			if !math.IsNaN(v) {
				h.Max = math.Max(h.Max, v)
			}
		}
		h.Values = append(h.Values, append([]float64(nil), row...))
	}
	if annotations != nil {
		if len(annotations) != len(values) {
			return nil, fmt.Errorf("figures: NewHeatmap: %d annotation rows for %d rows", len(annotations), len(values))
		}
		for r := range annotations {
			if len(annotations[r]) != cols {
				return nil, fmt.Errorf("figures: NewHeatmap: annotation row %d has %d cells; want %d", r, len(annotations[r]), cols)
			}
			h.Text = append(h.Text, append([]string(nil), annotations[r]...))
		}
	}
	return h, nil
}

// heatColor maps t in [0,1] from white to Okabe-Ito blue through sky blue.
func heatColor(t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t))
	stops := []color.NRGBA{{0xF2, 0xF5, 0xF8, 0xFF}, {0x56, 0xB4, 0xE9, 0xFF}, {0x00, 0x3F, 0x7F, 0xFF}}
	s := t * float64(len(stops)-1)
	i := min(int(s), len(stops)-2)
	f := s - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-f) + float64(y)*f + 0.5) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}

// Plot implements plot.Plotter: cell (r, c) covers x in [c-0.5, c+0.5] and
// y in [R-1-r-0.5, R-1-r+0.5].
func (h *Heatmap) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	R := len(h.Values)
	for r, row := range h.Values {
		y := float64(R - 1 - r)
		for col, v := range row {
			x := float64(col)
			pts := []vg.Point{{X: trX(x - 0.5), Y: trY(y - 0.5)}, {X: trX(x + 0.5), Y: trY(y - 0.5)},
				{X: trX(x + 0.5), Y: trY(y + 0.5)}, {X: trX(x - 0.5), Y: trY(y + 0.5)}}
			t := 0.0
			fill := color.Color(colGrid)
			if !math.IsNaN(v) {
				if h.Max > 0 {
					t = v / h.Max
				}
				fill = heatColor(t)
			}
			c.FillPolygon(fill, pts)
			c.StrokeLines(solid(color.White, 1), append(pts, pts[0]))
			if h.Tips != nil {
				w := min(trX(x+0.5)-trX(x-0.5), trY(y+0.5)-trY(y-0.5))
				addTip(c, vg.Point{X: trX(x), Y: trY(y)}, w*0.45, h.Tips[r][col])
			}
			if h.Text != nil {
				st := h.TextStyle
				if t > 0.55 {
					st.Color = color.White
				}
				c.FillText(st, vg.Point{X: trX(x), Y: trY(y)}, h.Text[r][col])
			}
		}
	}
}

// DataRange implements plot.DataRanger.
func (h *Heatmap) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(h.Values[0])) - 0.5, -0.5, float64(len(h.Values)) - 0.5
}

// MixingMatrix draws a mixing matrix as a heatmap with each cell annotated:
// counts[r][c] is the number (or weight) of edges from group labels[r] to
// group labels[c]. With rowNormalised each row is divided by its total, so
// a cell reads "the share of row group's edges that go to column group";
// a row with no edges is drawn as "n/a". Counts must be finite and
// non-negative and the matrix square with one row per label.
func MixingMatrix(title string, labels []string, counts [][]float64, rowNormalised bool) (*Figure, error) {
	p, err := mixingPlot("MixingMatrix", title, labels, counts, rowNormalised)
	if err != nil {
		return nil, err
	}
	n := len(labels)
	side := vg.Length(math.Max(11, math.Min(22, 3+1.6*float64(n)))) * vg.Centimeter
	f := New("mixing_matrix", p).WithSize(side*1.08, side)
	if rowNormalised {
		f.Name = "mixing_matrix_normalised"
	}
	return f, nil
}

// MixingMatrices draws the raw counts and the row-normalised shares of a
// mixing matrix side by side; see MixingMatrix.
func MixingMatrices(title string, labels []string, counts [][]float64) (*Figure, error) {
	a, err := mixingPlot("MixingMatrices", "", labels, counts, false)
	if err != nil {
		return nil, err
	}
	b, err := mixingPlot("MixingMatrices", "", labels, counts, true)
	if err != nil {
		return nil, err
	}
	if title != "" {
		a.Title.Text = title + "\n" + a.Title.Text
		b.Title.Text = "\n" + b.Title.Text
	}
	f, err := Tile("mixing_matrices", 1, 2, a, b)
	if err != nil {
		return nil, err
	}
	n := len(labels)
	side := vg.Length(math.Max(11, math.Min(20, 3+1.5*float64(n)))) * vg.Centimeter
	return f.WithSize(2*side, side), nil
}

func mixingPlot(fn, title string, labels []string, counts [][]float64, norm bool) (*plot.Plot, error) {
	n := len(labels)
	if n == 0 {
		return nil, fmt.Errorf("figures: %s: labels is empty", fn)
	}
	if len(counts) != n {
		return nil, fmt.Errorf("figures: %s: counts has %d rows for %d labels; want a square matrix", fn, len(counts), n)
	}
	vals := make([][]float64, n)
	ann := make([][]string, n)
	var total float64
	for r := range counts {
		if len(counts[r]) != n {
			return nil, fmt.Errorf("figures: %s: counts row %d has %d values for %d labels; want a square matrix", fn, r, len(counts[r]), n)
		}
		if err := checkFinite(fn, fmt.Sprintf("counts[%d]", r), counts[r]); err != nil {
			return nil, err
		}
		var rs float64
		for c, v := range counts[r] {
			if v < 0 {
				return nil, fmt.Errorf("figures: %s: counts[%d][%d] is %v; want >= 0", fn, r, c, v)
			}
			rs += v
		}
		total += rs
		vals[r] = make([]float64, n)
		ann[r] = make([]string, n)
		for c, v := range counts[r] {
			if norm {
				if rs > 0 {
					vals[r][c] = v / rs
					ann[r][c] = fmt.Sprintf("%.2f", v/rs)
				} else {
					vals[r][c] = math.NaN()
					ann[r][c] = "n/a"
				}
			} else {
				vals[r][c] = v
				ann[r][c] = fmtNum(v)
			}
		}
	}
	if n > 16 {
		ann = nil
	}
	h, err := NewHeatmap(vals, ann)
	if err != nil {
		return nil, fmt.Errorf("figures: %s: %w", fn, err)
	}
	if norm {
		h.Max = 1
	}
	h.Tips = make([][]string, n)
	for r := range counts {
		h.Tips[r] = make([]string, n)
		for c, v := range counts[r] {
			h.Tips[r][c] = fmt.Sprintf("%s -> %s: %s edges", labels[r], labels[c], fmtNum(v))
			if norm && !math.IsNaN(vals[r][c]) {
				h.Tips[r][c] += fmt.Sprintf(" (%.3f of the row)", vals[r][c])
			}
		}
	}
	if n > 8 {
		h.TextStyle.Font = sansFont(vg.Length(math.Max(6, 9-0.4*float64(n-8))))
	}
	def := fmt.Sprintf("Mixing matrix: edge counts (total %s)", fmtNum(total))
	if norm {
		def = "Mixing matrix: share of each row's edges"
	}
	p := newPlot(orDefault(title, def), "target group", "source group")
	p.Add(h)
	nominalX(p, labels)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	rev := make([]string, n)
	for i, l := range labels {
		rev[n-1-i] = l
	}
	p.NominalY(rev...)
	p.X.Padding, p.Y.Padding = 0, 0
	return p, nil
}
