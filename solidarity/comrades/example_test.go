package comrades_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// Turn the solidarity knob and watch the lift and the model separate
// comradeship from content quality.
func Example() {
	for _, solidarity := range []float64{0, 1.5} {
		cfg := simulate.DefaultConfig()
		cfg.Solidarity = solidarity
		world, _ := simulate.Run(cfg)
		ev, _ := world.Events(nil)
		follows, _ := world.FollowNetwork(nil)

		r, err := comrades.Analyze(ev, comrades.Options{Follows: follows, Seed: 1})
		if err != nil {
			fmt.Println(err)
			return
		}
		m := r.Model
		fmt.Printf("solidarity %.1f: comrade share %.2f (of exposures %.2f), lift %.1f [%.1f, %.1f]\n",
			solidarity, r.ComradeShare, r.ComradeExposureShare, r.Lift, r.LiftCI[0], r.LiftCI[1])
		fmt.Printf("  model: comrade %.2f (se %.2f), quality %.2f (se %.2f)\n",
			m.Coef["comrade"], m.SE["comrade"], m.Coef["quality"], m.SE["quality"])
		follows.Release()
		ev.Release()
	}
	// Output:
	// solidarity 0.0: comrade share 0.89 (of exposures 0.89), lift 1.0 [0.9, 1.1]
	//   model: comrade -0.05 (se 0.05), quality 1.01 (se 0.02)
	// solidarity 1.5: comrade share 0.96 (of exposures 0.89), lift 3.2 [2.9, 3.4]
	//   model: comrade 1.49 (se 0.04), quality 0.99 (se 0.01)
}

// Fit the headline on (actor, author) cells built elsewhere (out of
// core, say): two actors, two authors, each actor engaging comrades'
// items about twice as often.
func ExampleFitCells() {
	cells := []comrades.PairCell{
		{Actor: 0, Author: 0, Comrade: true, Exposures: 100, Engaged: 20},
		{Actor: 0, Author: 1, Comrade: false, Exposures: 100, Engaged: 12},
		{Actor: 1, Author: 0, Comrade: false, Exposures: 100, Engaged: 10},
		{Actor: 1, Author: 1, Comrade: true, Exposures: 100, Engaged: 22},
		{Actor: 1, Author: 0, Comrade: true, Exposures: 50, Engaged: 9},
	}
	fe := comrades.FitCells(cells, 2, 2)
	fmt.Printf("%s, %s: ratio %.2f [%.2f, %.2f], %d cells\n", fe.Effects, fe.Model, fe.RateRatio, fe.CI[0], fe.CI[1], fe.Cells)
	// Output:
	// actor+author, cloglog: ratio 2.01 [1.94, 2.22], 5 cells
}
