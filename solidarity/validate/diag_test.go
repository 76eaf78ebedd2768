package validate

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
)

// worldCells builds the (actor, followed author, mutual) cells straight from
// a world's arrays: exposures = the author's items, engaged = the actor's
// engagements of them.
func worldCells(w *worlds.World) ([]comrades.PairCell, int) {
	r := w.Result
	n := w.Truth.Actors
	out := make([][]int32, n)
	for i, u := range r.FollowSrc {
		out[u] = append(out[u], r.FollowDst[i])
	}
	items := make([]float64, n)
	for _, v := range r.ItemAuthor {
		items[v]++
	}
	eng := map[[2]int32]float64{}
	for i, u := range r.Actor {
		eng[[2]int32{u, r.Author[i]}]++
	}
	var cells []comrades.PairCell
	for u := int32(0); int(u) < n; u++ {
		for _, v := range out[u] {
			if items[v] == 0 {
				continue
			}
			_, mutual := slices.BinarySearch(out[v], u)
			cells = append(cells, comrades.PairCell{Actor: u, Author: v, Comrade: mutual, Exposures: items[v], Engaged: eng[[2]int32{u, v}]})
		}
	}
	return cells, n
}

// itemCells builds (actor, item) Bernoulli cells: each exposure of a
// follower to an item, engaged or not; Author holds the item index so the
// second set of fixed effects are item effects.
func itemCells(w *worlds.World) ([]comrades.PairCell, int, int) {
	r := w.Result
	n := w.Truth.Actors
	out := make([][]int32, n)
	for i, u := range r.FollowSrc {
		out[u] = append(out[u], r.FollowDst[i])
	}
	byAuthor := make([][]int32, n)
	for it, v := range r.ItemAuthor {
		byAuthor[v] = append(byAuthor[v], int32(it))
	}
	eng := map[[2]int32]bool{}
	for i, u := range r.Actor {
		eng[[2]int32{u, r.Item[i]}] = true
	}
	var cells []comrades.PairCell
	for u := int32(0); int(u) < n; u++ {
		for _, v := range out[u] {
			_, mutual := slices.BinarySearch(out[v], u)
			for _, it := range byAuthor[v] {
				e := 0.0
				if eng[[2]int32{u, it}] {
					e = 1
				}
				cells = append(cells, comrades.PairCell{Actor: u, Author: it, Comrade: mutual, Exposures: 1, Engaged: e})
			}
		}
	}
	return cells, n, len(r.ItemAuthor)
}

// TestDiagnoseConfounded is the saturation diagnosis (not a default test):
// SOLIDARITY_DIAG=seeds go test ./solidarity/validate -run Diagnose -v
func TestDiagnoseConfounded(t *testing.T) {
	seeds, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG"))
	if seeds == 0 {
		t.Skip("set SOLIDARITY_DIAG=<seeds> to run the diagnosis")
	}
	conf, _ := worlds.Lookup("confounded")
	type variant struct {
		name string
		f    func(c *worlds.Config)
	}
	vs := []variant{
		{"confounded", func(c *worlds.Config) {}},
		{"base/10", func(c *worlds.Config) { c.BaseRate /= 10; c.PostsPerDay *= 10 }},
		{"logistic", func(c *worlds.Config) { c.Saturation = worlds.SaturateLogistic }},
		{"linear", func(c *worlds.Config) { c.Saturation = worlds.SaturateLinear }},
		{"-popularity", func(c *worlds.Config) { c.PopularityTail = 0 }},
		{"-appeal", func(c *worlds.Config) { c.AppealSD = 0 }},
		{"-activity", func(c *worlds.Config) { c.ActivitySD = 0 }},
		{"-followhomoph", func(c *worlds.Config) { c.FollowHomophily = 1 }},
		{"-discovery", func(c *worlds.Config) { c.Discovery, c.Ranking, c.ExposureHomophily = 0, 0, 1 }},
		{"-topics", func(c *worlds.Config) { c.Topics = 1 }},
		// Follow homophily off and one more thing changed.
		{"-fh-topics", func(c *worlds.Config) { c.FollowHomophily, c.Topics = 1, 1 }},
		{"-fh-discovery", func(c *worlds.Config) { c.FollowHomophily, c.Discovery, c.Ranking, c.ExposureHomophily = 1, 0, 0, 1 }},
		{"-fh-appeal", func(c *worlds.Config) { c.FollowHomophily, c.AppealSD = 1, 0 }},
		{"-fh-base/10", func(c *worlds.Config) { c.FollowHomophily = 1; c.BaseRate /= 10; c.PostsPerDay *= 10 }},
		{"-fh-popularity", func(c *worlds.Config) { c.FollowHomophily, c.PopularityTail = 1, 0 }},
		{"-fh-activity", func(c *worlds.Config) { c.FollowHomophily, c.ActivitySD = 1, 0 }},
		// Popularity and activity only (as comrade-mutual's null).
		{"popact", func(c *worlds.Config) {
			*c = worlds.Default()
			c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
		}},
		{"popact-appeal0", func(c *worlds.Config) {
			*c = worlds.Default()
			c.PopularityTail, c.ActivitySD = 1.5, 1.2
		}},
		{"popact-back0", func(c *worlds.Config) {
			*c = worlds.Default()
			c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
			c.FollowBack = 0
		}},
		{"popact-base/10", func(c *worlds.Config) {
			*c = worlds.Default()
			c.PopularityTail, c.AppealSD, c.ActivitySD = 1.5, 1, 1.2
			c.BaseRate /= 10
			c.PostsPerDay *= 10
		}},
	}
	if s := os.Getenv("SOLIDARITY_DIAG_ONLY"); s != "" {
		vs = slices.DeleteFunc(vs, func(v variant) bool { return !strings.HasPrefix(v.name, s) })
	}
	for _, v := range vs {
		var pr, hr, ir []float64
		var pf, hf, ifp int
		for s := 1; s <= seeds; s++ {
			c := conf.Config(0, uint64(s))
			v.f(&c)
			c.Seed = uint64(s)
			w, err := worlds.Generate(c)
			if err != nil {
				t.Fatal(err)
			}
			cells, n := worldCells(w)
			p := comrades.FitFixedEffects(cells, n, n)
			h := comrades.FitHazardFixedEffects(cells, n, n)
			pr = append(pr, float64(p.RateRatio))
			hr = append(hr, float64(h.RateRatio))
			if p.CI[0] > 1 || p.CI[1] < 1 {
				pf++
			}
			if h.CI[0] > 1 || h.CI[1] < 1 {
				hf++
			}
			if os.Getenv("SOLIDARITY_DIAG_ITEMS") != "" {
				ic, na, ni := itemCells(w)
				x := comrades.FitHazardFixedEffects(ic, na, ni)
				ir = append(ir, float64(x.RateRatio))
				if x.CI[0] > 1 || x.CI[1] < 1 {
					ifp++
				}
				if s == 1 {
					fmt.Printf("  item cells %d kept %d it %d conv %v\n", len(ic), x.Cells, x.Iterations, x.Converged)
				}
			}
			if s == 1 {
				fmt.Printf("  %s seed 1: cells %d, poisson it %d, cloglog it %d conv %v, events %d\n", v.name, len(cells), p.Iterations, h.Iterations, h.Converged, len(w.Actor))
			}
		}
		fmt.Printf("%-14s poisson FP %2d/%d median %.3f | cloglog FP %2d/%d median %.3f | actor x item cloglog FP %2d/%d median %.3f\n", v.name, pf, seeds, med(pr), hf, seeds, med(hr), ifp, seeds, med(ir))
	}
}

func med(x []float64) float64 {
	x = slices.Clone(x)
	x = slices.DeleteFunc(x, math.IsNaN)
	return median(x)
}

// TestDiagnosePresets runs both fixed-effects fits on every comrades preset
// of the card: SOLIDARITY_DIAG=seeds go test ./solidarity/validate -run DiagnosePresets -v
func TestDiagnosePresets(t *testing.T) {
	seeds, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG"))
	if seeds == 0 {
		t.Skip("set SOLIDARITY_DIAG=<seeds> to run the diagnosis")
	}
	for _, p := range worlds.Presets {
		if p.Name == "cells" {
			continue
		}
		sizes := p.Sizes
		if len(sizes) == 0 {
			sizes = []float64{0}
		}
		for _, size := range sizes {
			for _, sat := range []string{"", worlds.SaturateLogistic, worlds.SaturateLinear} {
				if sat != "" && os.Getenv("SOLIDARITY_DIAG_SHAPES") == "" {
					continue
				}
				var pr, hr []float64
				var pf, hf, nc int
				for s := 1; s <= seeds; s++ {
					c := p.Config(size, uint64(s))
					c.Saturation = sat
					w, err := worlds.Generate(c)
					if err != nil {
						t.Fatal(err)
					}
					cells, n := worldCells(w)
					pp := comrades.FitFixedEffects(cells, n, n)
					h := comrades.FitHazardFixedEffects(cells, n, n)
					if !h.Converged {
						nc++
					}
					pr = append(pr, float64(pp.RateRatio))
					hr = append(hr, float64(h.RateRatio))
					if pp.CI[0] > 1 || pp.CI[1] < 1 {
						pf++
					}
					if h.CI[0] > 1 || h.CI[1] < 1 {
						hf++
					}
				}
				fmt.Printf("%-20s %4g %-8s poisson found %2d/%d median %.3f | cloglog found %2d/%d median %.3f (not converged %d)\n",
					p.Name, size, sat, pf, seeds, med(pr), hf, seeds, med(hr), nc)
			}
		}
	}
}
