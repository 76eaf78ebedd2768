package figures

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// log10Ticks labels an axis whose data are log10 of the quantity shown,
// with at least three labels whatever the range: powers of ten ("1", "10",
// "1,000", "0.01") when the range holds three of them (every second or
// third when it holds more than eight), else also 2x and 5x, else every
// mantissa 1..9, and on ranges narrower than that round values of the
// quantity itself (5.5, 6, 6.5 between 5 and 7). Positions log10(m*10^e),
// m = 2..9, that carry no label are minor ticks.
//
// The package draws logarithmic axes this way, on a linear scale of log10
// values, rather than with plot.LogScale: gonum/plot v0.17.0 centres axis
// labels at the arithmetic midpoint of the range, which on a log scale sits
// near the top and pushes the plot down.
type log10Ticks struct{}

func (log10Ticks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) || math.IsNaN(min) || math.IsNaN(max) {
		return nil
	}
	lo := int(math.Floor(min)) - 1
	hi := int(math.Ceil(max))
	in := func(v float64) bool { return v >= min-1e-9 && v <= max+1e-9 }
	sets := [][]bool{
		{1: true},
		{1: true, 2: true, 5: true},
		{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true},
	}
	for _, set := range sets {
		labels := 0
		for e := lo; e <= hi; e++ {
			for m := 1; m < len(set); m++ {
				if set[m] && in(float64(e)+math.Log10(float64(m))) {
					labels++
				}
			}
		}
		if labels < 3 {
			continue
		}
		// powers of ten only: thin to at most eight labels
		every := 1
		if len(set) == 2 {
			for labels > 8*every {
				every++
			}
		}
		var ts []plot.Tick
		for e := lo; e <= hi; e++ {
			for m := 1; m <= 9; m++ {
				v := float64(e) + math.Log10(float64(m))
				if !in(v) {
					continue
				}
				t := plot.Tick{Value: v}
				if m < len(set) && set[m] && (every == 1 || ((e%every)+every)%every == 0) {
					t.Label = fmtTick(float64(m) * math.Pow(10, float64(e)))
				}
				ts = append(ts, t)
			}
		}
		return ts
	}
	// Narrower than two neighbouring mantissas: round values of the
	// quantity, placed at their logarithms.
	var ts []plot.Tick
	for _, t := range (niceTicks{}).Ticks(math.Pow(10, min), math.Pow(10, max)) {
		if t.Value > 0 {
			ts = append(ts, plot.Tick{Value: math.Log10(t.Value), Label: t.Label})
		}
	}
	return ts
}

func fmtTick(v float64) string {
	if v >= 1 {
		return thousands(int64(math.Round(v)))
	}
	return fmtNum(v)
}

// setLog10 marks an axis as showing log10 values.
func setLog10(ax *plot.Axis) {
	ax.Tick.Marker = log10Ticks{}
}

// hgrid adds light horizontal grid lines at the Y ticks.
func hgrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = solid(colGrid, 0.6)
	p.Add(g)
}

// grid adds light grid lines in both directions.
func grid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical = solid(colGrid, 0.6)
	g.Horizontal = solid(colGrid, 0.6)
	p.Add(g)
}

// niceTicks places five to eight labelled ticks at round values (1, 2, 2.5
// or 5 times a power of ten) with labels of just enough decimals, and an
// unlabelled minor tick between each pair.
type niceTicks struct{}

func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	raw := (max - min) / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * p
		if step >= raw*0.999 {
			break
		}
	}
	// at least three labels: a range that falls between round values of
	// this step (0.032 to 0.057 with step 0.01) takes the next finer one
	for math.Floor(max/step+1e-9)-math.Ceil(min/step-1e-9) < 2 {
		step = finer(step)
	}
	e := int(math.Floor(math.Log10(step) + 1e-9))
	dec := max0(-e)
	if e <= 0 && math.Abs(step/math.Pow(10, float64(e))-2.5) < 1e-9 {
		dec++ // 2.5, 0.25, ...
	}
	var ts []plot.Tick
	first := math.Ceil(min/step - 1e-9)
	for k := first; k*step <= max+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: niceLabel(v, dec)})
		if mv := v + step/2; mv <= max {
			ts = append(ts, plot.Tick{Value: mv})
		}
	}
	if first*step-step/2 >= min {
		ts = append(ts, plot.Tick{Value: first*step - step/2})
	}
	return ts
}

// finer is the next smaller step of the sequence 1, 2, 2.5, 5 times a power
// of ten.
func finer(step float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(step)+1e-9))
	switch m := step / p; {
	case m > 4.99:
		return 2.5 * p
	case m > 2.49:
		return 2 * p
	case m > 1.99:
		return p
	}
	return 0.5 * p
}

func max0(d int) int {
	if d < 0 {
		return 0
	}
	return d
}

func niceLabel(v float64, dec int) string {
	if dec == 0 && math.Abs(v) >= 1000 {
		return thousands(int64(math.Round(v)))
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}
