package comrades

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/internal/hashmix"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
)

// The diagnosis of the headline's calibration on the card's null worlds
// (not default tests; each needs SOLIDARITY_DIAG=<seeds>). The cells are
// built straight from a world's arrays (every follower's exposure to every
// item of a followed author), so these runs check the estimator, and the
// card (solidarity validate) checks the analysis end to end.
//
//	SOLIDARITY_DIAG=40 SOLIDARITY_DIAG_PRESETS=popularity,confounded \
//	SOLIDARITY_DIAG_IG=1 SOLIDARITY_DIAG_AO=0,1 go test ./solidarity/comrades -run DiagHazardSE -v
//
// SOLIDARITY_DIAG_FROM=k starts at seed k+1; _SIZE sets a planted size;
// _IG=1 uses (item, actor group) effects instead of item effects (the
// headline with groups); _AO=0,1 fits both saturation shapes and keeps the
// likelier (the headline); _JK=G adds a delete-a-group jackknife over
// actors (its variance and bias-corrected estimate, jackbc) and over
// columns too (jackbc2, both biases: Fernandez-Val & Weidner 2016; G=2 is
// the split-panel correction the headline reports); _V=1 prints each seed.
// Each SE variant reports its false positives and the ratio of the sd of g
// across seeds to its root-mean-square: a calibrated SE gives about 1.
// TestDiagHazardBoot redraws one world's engagement from its own fit with
// g = 0 (a parametric bootstrap): the spread of g within one design.
// docs/methods/inference.md has what these runs found.

func diagItemCells(w *worlds.World) ([]PairCell, []int32, int, int) {
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
	var cells []PairCell
	ig := os.Getenv("SOLIDARITY_DIAG_IG") != ""
	ng := w.Truth.Config.Groups
	for u := int32(0); int(u) < n; u++ {
		for _, v := range out[u] {
			_, mutual := slices.BinarySearch(out[v], u)
			for _, it := range byAuthor[v] {
				e := 0.0
				if eng[[2]int32{u, it}] {
					e = 1
				}
				col := it
				if ig {
					col = it*int32(ng) + r.Group[u]
				}
				cells = append(cells, PairCell{Actor: u, Author: col, Comrade: mutual, Exposures: 1, Engaged: e})
			}
		}
	}
	if ig {
		ia := make([]int32, len(r.ItemAuthor)*ng)
		for i := range ia {
			ia[i] = r.ItemAuthor[i/ng]
		}
		return cells, ia, n, len(ia)
	}
	return cells, r.ItemAuthor, n, len(r.ItemAuthor)
}

// seVariants: cluster-robust SEs of g under several clusterings.
func seVariants(f hazardFit, itemAuthor []int32, nA, nI int) map[string]float64 {
	x := make([]float64, len(f.kept))
	for i, c := range f.kept {
		x[i] = ind(c.Comrade)
	}
	demean(f.kept, f.w, [][]float64{x}, nA, nI, 1e-12)
	var info float64
	for i := range f.kept {
		info += f.w[i] * x[i] * x[i]
	}
	sum := func(key func(c PairCell) int64) float64 {
		m := map[int64]float64{}
		for i, c := range f.kept {
			m[key(c)] += x[i] * f.r[i]
		}
		v := 0.0
		for _, s := range m {
			v += s * s
		}
		return v
	}
	actor := sum(func(c PairCell) int64 { return int64(c.Actor) })
	item := sum(func(c PairCell) int64 { return int64(c.Author) })
	cell := sum(func(c PairCell) int64 { return int64(c.Actor)<<32 | int64(c.Author) })
	author := sum(func(c PairCell) int64 { return int64(itemAuthor[c.Author]) })
	dyad := sum(func(c PairCell) int64 { return int64(c.Actor)<<32 | int64(itemAuthor[c.Author]) })
	// dyadic-robust on undirected pairs: actor or author shared
	return map[string]float64{
		"model":   1 / math.Sqrt(info),
		"twoway":  math.Sqrt(actor+item-cell) / info,
		"actor":   math.Sqrt(actor) / info,
		"actauth": math.Sqrt(actor+author-dyad) / info,
		"author":  math.Sqrt(author) / info,
		"hc0":     math.Sqrt(cell) / info,
	}
}

// SOLIDARITY_DIAG=40 SOLIDARITY_DIAG_PRESETS=popularity,plain go test ./solidarity/comrades -run DiagHazardSE -v
func TestDiagHazardSE(t *testing.T) {
	seeds, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG"))
	if seeds == 0 {
		t.Skip("diag")
	}
	jk, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG_JK"))
	for _, name := range strings.Split(os.Getenv("SOLIDARITY_DIAG_PRESETS"), ",") {
		p, err := worlds.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		var gs []float64
		ses := map[string][]float64{}
		fp := map[string]int{}
		chosen := map[string]int{}
		from, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG_FROM"))
		for s := from + 1; s <= from+seeds; s++ {
			size, _ := strconv.ParseFloat(os.Getenv("SOLIDARITY_DIAG_SIZE"), 64)
			w, err := worlds.Generate(p.Config(size, uint64(s)))
			if err != nil {
				t.Fatal(err)
			}
			cells, ia, nA, nI := diagItemCells(w)
			t0 := time.Now()
			f := fitLink(cells, nA, nI, 0)
			if ao := os.Getenv("SOLIDARITY_DIAG_AO"); ao != "" {
				best := ""
				for _, a := range strings.Split(ao, ",") {
					al, _ := strconv.ParseFloat(a, 64)
					fa := fitLink(cells, nA, nI, al)
					if a == "0" || float64(fa.Deviance) < float64(f.Deviance) {
						f, best = fa, a
					}
				}
				chosen[best]++
			}
			dt := time.Since(t0)
			g := float64(f.Coef)
			if math.IsNaN(g) {
				fmt.Printf("  seed %d NaN: %q iters %d cells %d\n", s, f.Reason, f.Iterations, f.Cells)
			}
			gs = append(gs, g)
			v := seVariants(f, ia, nA, nI)
			if jk > 0 {
				// grouped jackknife over actors
				var ests []float64
				for k := 0; k < jk; k++ {
					sub := slices.DeleteFunc(slices.Clone(cells), func(c PairCell) bool { return int(hashmix.Fmix64(uint64(c.Actor))%uint64(jk)) == k })
					ests = append(ests, float64(fitLink(sub, nA, nI, 0).Coef))
				}
				m := 0.0
				for _, e := range ests {
					m += e
				}
				m /= float64(jk)
				vv := 0.0
				for _, e := range ests {
					vv += (e - m) * (e - m)
				}
				v["jack"] = math.Sqrt(vv * float64(jk-1) / float64(jk))
				v["jackbc"] = float64(jk)*g - float64(jk-1)*m // bias-corrected estimate (stored as a pseudo-SE key)
				// and over the second effects (items, or items and groups):
				// deleting actors thins the trials per item and so removes
				// the bias the item effects leave; deleting items thins the
				// trials per actor and removes the actors' share. Both
				// together (Dhaene & Jochmans 2015, grouped): g less
				// (G-1) times each deletion's mean shift.
				mc := 0.0
				for k := 0; k < jk; k++ {
					sub := slices.DeleteFunc(slices.Clone(cells), func(c PairCell) bool { return int(hashmix.Fmix64(uint64(c.Author)+1<<40)%uint64(jk)) == k })
					mc += float64(fitLink(sub, nA, nI, 0).Coef)
				}
				mc /= float64(jk)
				v["jackbc2"] = g - float64(jk-1)*(m-g) - float64(jk-1)*(mc-g)
			}
			for k, se := range v {
				ses[k] = append(ses[k], se)
				if !strings.HasPrefix(k, "jackbc") && math.Abs(g) > 1.96*se {
					fp[k]++
				}
			}
			if os.Getenv("SOLIDARITY_DIAG_V") != "" {
				fmt.Printf("  seed %d g %+.4f se %.4f z %+.2f\n", s, g, v["twoway"], g/v["twoway"])
			}
			if s == from+1 {
				fmt.Printf("%s: cells %d kept %d iters %d fit %v\n", name, len(cells), f.Cells, f.Iterations, dt)
			}
		}
		mean, sd := meanSD(gs)
		fmt.Printf("%-20s g mean %+.4f sd %.4f (seeds %d) chosen %v\n", name, mean, sd, seeds, chosen)
		keys := make([]string, 0, len(ses))
		for k := range ses {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			m, _ := meanSD(ses[k])
			rms := 0.0
			for _, x := range ses[k] {
				rms += x * x
			}
			rms = math.Sqrt(rms / float64(len(ses[k])))
			if k == "jackbc" || k == "jackbc2" {
				mm, sdd := meanSD(ses[k])
				fp2 := 0
				for i, x := range ses[k] {
					if math.Abs(x) > 1.96*ses["jack"][i] {
						fp2++
					}
				}
				fmt.Printf("   %-8s bias-corrected mean %+.4f sd %.4f FP(jack se) %d\n", k, mm, sdd, fp2)
				continue
			}
			fmt.Printf("   %-8s mean %.4f rms %.4f sd/rms %.2f FP %d/%d\n", k, m, rms, sd/rms, fp[k], seeds)
		}
	}
}

func meanSD(x []float64) (float64, float64) {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}

// SOLIDARITY_DIAG=seeds SOLIDARITY_DIAG_BOOT=30 SOLIDARITY_DIAG_PRESETS=popularity
func TestDiagHazardBoot(t *testing.T) {
	seeds, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG"))
	boots, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG_BOOT"))
	if seeds == 0 || boots == 0 {
		t.Skip("diag")
	}
	p, _ := worlds.Lookup(os.Getenv("SOLIDARITY_DIAG_PRESETS"))
	rng := rand.New(rand.NewPCG(1, 2))
	for s := 1; s <= seeds; s++ {
		w, _ := worlds.Generate(p.Config(0, uint64(s)))
		cells, _, nA, nI := diagItemCells(w)
		f := fitLink(cells, nA, nI, 0)
		g := float64(f.Coef)
		var gs, zs []float64
		for b := 0; b < boots; b++ {
			sim := slices.Clone(f.kept)
			for i := range sim {
				lam := math.Exp(f.eta[i] - g*ind(sim[i].Comrade))
				pr := -math.Expm1(-lam)
				sim[i].Engaged = 0
				if rng.Float64() < pr {
					sim[i].Engaged = 1
				}
			}
			fb := fitLink(sim, nA, nI, 0)
			gs = append(gs, float64(fb.Coef))
			zs = append(zs, float64(fb.Z))
		}
		m, sd := meanSD(gs)
		zm, zsd := meanSD(zs)
		fmt.Printf("seed %2d g %+.4f se %.4f z %+.2f | boot mean %+.4f sd %.4f z mean %+.2f z sd %.2f\n", s, g, float64(f.SE), float64(f.Z), m, sd, zm, zsd)
	}
}

// TestDiagShapes writes one JSON line per (preset, seed) with both
// shapes' g, deviance and SE variants, for offline study of shape rules:
//
//	SOLIDARITY_DIAG=40 SOLIDARITY_DIAG_PRESETS=plain SOLIDARITY_DIAG_IG=1 \
//	SOLIDARITY_DIAG_OUT=/tmp/shapes.jsonl go test ./solidarity/comrades -run DiagShapes
func TestDiagShapes(t *testing.T) {
	seeds, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG"))
	out := os.Getenv("SOLIDARITY_DIAG_OUT")
	if seeds == 0 || out == "" {
		t.Skip("diag")
	}
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	from, _ := strconv.Atoi(os.Getenv("SOLIDARITY_DIAG_FROM"))
	size, _ := strconv.ParseFloat(os.Getenv("SOLIDARITY_DIAG_SIZE"), 64)
	for _, name := range strings.Split(os.Getenv("SOLIDARITY_DIAG_PRESETS"), ",") {
		p, err := worlds.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		for s := from + 1; s <= from+seeds; s++ {
			w, err := worlds.Generate(p.Config(size, uint64(s)))
			if err != nil {
				t.Fatal(err)
			}
			cells, ia, nA, nI := diagItemCells(w)
			line := fmt.Sprintf(`{"preset":%q,"size":%g,"seed":%d`, name, size, s)
			for _, al := range []float64{0, 1} {
				fa := fitLink(cells, nA, nI, al)
				v := seVariants(fa, ia, nA, nI)
				line += fmt.Sprintf(`,"g%g":%g,"dev%g":%g,"se%g":{`, al, float64(fa.Coef), al, float64(fa.Deviance), al)
				keys := slices.Sorted(maps.Keys(v))
				for i, k := range keys {
					if i > 0 {
						line += ","
					}
					line += fmt.Sprintf("%q:%g", k, v[k])
				}
				line += "}"
			}
			fmt.Fprintln(f, line+"}")
		}
	}
}
