package validate

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
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
	}
	if s := os.Getenv("SOLIDARITY_DIAG_ONLY"); s != "" {
		vs = slices.DeleteFunc(vs, func(v variant) bool { return v.name != s })
	}
	for _, v := range vs {
		var pr, hr []float64
		var pf, hf int
		for s := 1; s <= seeds; s++ {
			c := conf.Config(0, uint64(s))
			v.f(&c)
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
			if s == 1 {
				fmt.Printf("  %s seed 1: cells %d, poisson it %d, cloglog it %d conv %v, events %d\n", v.name, len(cells), p.Iterations, h.Iterations, h.Converged, len(w.Actor))
			}
		}
		fmt.Printf("%-14s poisson FP %2d/%d median %.3f | cloglog FP %2d/%d median %.3f\n", v.name, pf, seeds, med(pr), hf, seeds, med(hr))
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
