package figures

import (
	"fmt"

	"gonum.org/v1/plot"
)

// StackedRankTicks labels ranks 1..n of a SlopeChart whose items outside
// the first n were drawn stacked below it, at n+2, n+3, ... (out of them):
// the stack gets the one label "> n", so the items' names stay readable.
func StackedRankTicks(n, out int) plot.Ticker { return boardTicks{n: n, out: out} }

type boardTicks struct{ n, out int }

func (t boardTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	if t.n > 20 {
		step = 5
	}
	var ts []plot.Tick
	for r := 1; r <= t.n; r++ {
		if r == 1 || r%step == 0 || r == t.n {
			ts = append(ts, plot.Tick{Value: -float64(r), Label: fmt.Sprint(r)})
		}
	}
	return append(ts, plot.Tick{Value: -float64(t.n+2) - float64(t.out-1)/2, Label: fmt.Sprintf("> %d", t.n)})
}
