package overtime

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

var day0 = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Unix()

// The reciprocity world of overtime_test.go (0.2 before noon of day 3,
// 0.7 after): the event study's difference covers the planted 0.5 and
// excludes 0.
func TestDifferenceRecoversTheJump(t *testing.T) {
	mk, cut := world(1)
	ev := eventstest.FromSlices(mk())
	ws, _ := Between(time.Unix(cut, 0), time.Unix(cut+86400, 0))
	ba, err := Run(ev, ws, ReturnShare(reciprocal.Options{Window: 3600}), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := Difference(ba[0], ba[1])
	if !(d.Lo <= 0.5 && 0.5 <= d.Hi && d.Lo > 0) || d.Ratio {
		t.Errorf("difference %+v: want an interval covering 0.5 and excluding 0", d)
	}
	// The pair reciprocity of the projected network moves the same way,
	// without an interval.
	pr, err := Run(ev, ws, PairReciprocity(reciprocal.Options{Window: 3600}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !(pr[1].Value > pr[0].Value) || !math.IsNaN(pr[0].Lo) || pr[0].Interval == "" {
		t.Errorf("pair reciprocity: before %+v, after %+v", pr[0].Point, pr[1].Point)
	}
	nd := Difference(pr[0], pr[1])
	if !math.IsNaN(nd.Lo) || nd.Interval != "none: a window has no interval" {
		t.Errorf("difference without intervals: %+v", nd)
	}
}

// comradeWorld: 200 actors in two groups (id % 2), 60 items a day over 4
// days by random authors; every other actor engages an item within 10
// minutes of its posting with probability 0.03, times rr for the author's
// group: rr = 1 on days 1-2 and 3 on days 3-4 (the planted rate ratio,
// which the fixed-effects estimate targets: rates multiply).
func comradeWorld(seed uint64) *events.Events {
	rng := rand.New(rand.NewPCG(seed, 11))
	var a, it, au, tm []int64
	of := map[int64]int32{}
	for i := int64(0); i < 200; i++ {
		of[i] = int32(i % 2)
	}
	for k := int64(0); k < 4*60; k++ {
		post := day0 + k*1440 + rng.Int64N(1440)
		author := rng.Int64N(200)
		rr := 1.0
		if k >= 2*60 {
			rr = 3
		}
		for u := int64(0); u < 200; u++ {
			p := 0.03
			if u%2 == author%2 {
				p *= rr
			}
			if u != author && rng.Float64() < p {
				a, it, au, tm = append(a, u), append(it, k), append(au, author), append(tm, post+rng.Int64N(600))
			}
		}
	}
	ev := withItems(eventstest.FromSlices(a, it, au, tm))
	g := eventstest.Groups(ev, []string{"a", "b"}, of)
	ev.Group, ev.Groups = g.Codes, g.Labels
	return ev
}

func TestComradeRateRatioOverTime(t *testing.T) {
	ev := comradeWorld(1)
	est := ComradeRateRatio(comrades.Options{Mode: comrades.ModeGroup, Exposure: comrades.ExposureAll})
	days, _ := Every(ev, 24*time.Hour)
	per, err := Run(ev, days, est, nil)
	if err != nil {
		t.Fatal(err)
	}
	planted := []float64{1, 1, 3, 3}
	if len(per) != 4 {
		t.Fatalf("%d windows", len(per))
	}
	for i, e := range per {
		if !(e.Lo <= planted[i] && planted[i] <= e.Hi) || !e.Ratio {
			t.Errorf("%s: rate ratio %.3f [%.3f, %.3f], planted %g", e.Label, e.Value, e.Lo, e.Hi, planted[i])
		}
	}
	ws, _ := Between(time.Unix(day0+2*86400, 0), time.Unix(day0+4*86400, 0))
	ba, err := Run(ev, ws, est, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := Difference(ba[0], ba[1])
	if !(d.Lo <= 3 && 3 <= d.Hi && d.Lo > 1) || !d.Ratio {
		t.Errorf("ratio of rate ratios %+v (before %+v, after %+v): want an interval covering 3 and excluding 1", d, ba[0].Point, ba[1].Point)
	}
	fig, err := Figure(per, figures.EstimatesOptions{Title: "Comrade rate ratio per day", Log: true})
	if err != nil || fig == nil {
		t.Errorf("figure: %v", err)
	}
}

// A cell of 5 actors that engages 20 items within 30 s of each other on
// day 2 only, each time at a delay drawn like the organic ones (a cell
// that always reacts at the same delay is, to the timing null, just fast), among 300 actors engaging at random: the before window (day
// 1) has no cluster at q < 0.05, the after window (day 2) has the cell.
func TestCoordinatedClustersOverTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var a, it, au, tm []int64
	item := int64(0)
	for d := int64(0); d < 2; d++ {
		for k := 0; k < 400; k++ {
			item++
			post := day0 + d*86400 + rng.Int64N(86000)
			for j := 0; j < 6; j++ {
				a, it, au, tm = append(a, 10+rng.Int64N(300)), append(it, item), append(au, 1000), append(tm, post+rng.Int64N(3600))
			}
			if d == 1 && k%20 == 0 {
				start := post + rng.Int64N(3600) // drawn like the organic delays
				for u := int64(0); u < 5; u++ {
					a, it, au, tm = append(a, u), append(it, item), append(au, 1000), append(tm, start+rng.Int64N(30))
				}
			}
		}
	}
	ev := withItems(eventstest.FromSlices(a, it, au, tm))
	ws, _ := Between(time.Unix(day0+86400, 0), time.Unix(day0+2*86400, 0))
	ba, err := Run(ev, ws, CoordinatedClusters(coordination.Options{Window: 60, Null: 39, Seed: 1}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ba[0].Value != 0 || ba[1].Value < 1 || !math.IsNaN(ba[1].Lo) {
		t.Errorf("clusters at q < 0.05: before %+v, after %+v; want 0 then at least 1", ba[0].Point, ba[1].Point)
	}
	untested, err := Run(ev, ws, CoordinatedClusters(coordination.Options{Window: 60}), nil)
	if err != nil || !math.IsNaN(untested[1].Value) || untested[1].Reason == "" {
		t.Errorf("without a null: %+v %v", untested[1].Point, err)
	}
}

// Hand-computed MOVER intervals: after 0.6 [0.5, 0.7], before 0.2 [0.1,
// 0.35] give 0.4 with L = 0.4 - hypot(0.1, 0.15) and U = 0.4 + hypot(0.1,
// 0.1); ratios 3 [2, 4.5] over 1 [0.8, 1.25] are the same on logs.
func TestDifferenceByHand(t *testing.T) {
	est := func(v, lo, hi float64, ratio bool) Estimate {
		return Estimate{Point: Point{Value: v, Lo: lo, Hi: hi, Ratio: ratio}}
	}
	d := Difference(est(0.2, 0.1, 0.35, false), est(0.6, 0.5, 0.7, false))
	if math.Abs(d.Value-0.4) > 1e-12 || math.Abs(d.Lo-(0.4-math.Hypot(0.1, 0.15))) > 1e-12 || math.Abs(d.Hi-(0.4+math.Hypot(0.1, 0.1))) > 1e-12 {
		t.Errorf("difference %+v", d)
	}
	r := Difference(est(1, 0.8, 1.25, true), est(3, 2, 4.5, true))
	l3, l2, l45, l08, l125 := math.Log(3), math.Log(2), math.Log(4.5), math.Log(0.8), math.Log(1.25)
	if math.Abs(r.Value-3) > 1e-12 || math.Abs(r.Lo-math.Exp(l3-math.Hypot(l3-l2, l125))) > 1e-12 || math.Abs(r.Hi-math.Exp(l3+math.Hypot(l45-l3, -l08))) > 1e-12 {
		t.Errorf("ratio %+v", r)
	}
	if n := Difference(est(math.NaN(), math.NaN(), math.NaN(), false), est(1, 0, 2, false)); !math.IsNaN(n.Value) || n.Reason == "" {
		t.Errorf("undefined window: %+v", n)
	}
	// The comrade headline's scale: kept when the windows agree, named
	// on both sides when they do not (a hazard ratio over an odds ratio).
	hr, or := est(1, 0.8, 1.25, true), est(3, 2, 4.5, true)
	hr.Scale, or.Scale = "cloglog hazard ratio", "logit odds ratio"
	if s := Difference(hr, hr); s.Scale != hr.Scale || strings.Contains(s.Interval, "different scales") {
		t.Errorf("same scale: %+v", s)
	}
	m := Difference(hr, or)
	if m.Value != r.Value || m.Scale != "cloglog hazard ratio before, logit odds ratio after" || !strings.Contains(m.Interval, "different scales (before: cloglog hazard ratio, after: logit odds ratio)") {
		t.Errorf("mixed scales: %+v", m)
	}
	// The figure's rows share one axis: their labels name the scales
	// only when those differ.
	hr.Label, or.Label = "before", "after"
	if l := figureLabels([]Estimate{hr, hr}); l[0] != "before" || l[1] != "before" {
		t.Errorf("same scale: labels %q", l)
	}
	if l := figureLabels([]Estimate{hr, or}); l[0] != "before (cloglog hazard ratio)" || l[1] != "after (logit odds ratio)" {
		t.Errorf("mixed scales: labels %q", l)
	}
}

// withItems fills the per-item columns the way the events reader does
// (author and time of each item's first event).
func withItems(ev *events.Events) *events.Events {
	ev.ItemAuthor = make([]int32, ev.NumItems())
	ev.ItemTime = make([]int64, ev.NumItems())
	for i := range ev.ItemAuthor {
		ev.ItemAuthor[i] = -1
	}
	for k, it := range ev.Item {
		if ev.ItemAuthor[it] < 0 || ev.Time[k] < ev.ItemTime[it] {
			ev.ItemAuthor[it], ev.ItemTime[it] = ev.Author[k], ev.Time[k]
		}
	}
	return ev
}

// A window's items are those posted or engaged in it: an item posted and
// engaged only on day 1 is hidden (author -1) on day 2, one posted on day
// 1 and engaged on day 2 is not; the original column is untouched.
func TestSliceKeepsTheWindowsItems(t *testing.T) {
	ev := withItems(eventstest.FromSlices([]int64{1, 2, 3}, []int64{10, 20, 20}, []int64{5, 6, 6},
		[]int64{day0, day0 + 10, day0 + 86400 + 5}))
	s := Slice(ev, day0+86400, day0+2*86400)
	if s.Len() != 1 || s.ItemAuthor[0] != -1 || s.ItemAuthor[1] != ev.ItemAuthor[1] || ev.ItemAuthor[0] < 0 {
		t.Errorf("slice items %v (events %d), original %v", s.ItemAuthor, s.Len(), ev.ItemAuthor)
	}
}

// The comrade world's engagement network: arcs within a group are as
// likely as across on days 1-2 (r = 0) and three times as likely on days
// 3-4. An arc u -> v exists when u engaged any of v's k items of the day
// (k about Poisson(0.3)): P = 1 - exp(-0.3 p), 0.02664 at p = 0.09 and
// 0.008955 at p = 0.03, a ratio of 2.975; with 99 comrades and 100 others
// per actor, 0.7465 of arcs stay within a group and r = (0.7465 - 0.5) /
// (1 - 0.5) = 0.493. Each day's jackknife interval covers the planted r
// (over 30 seeds: mean 0.485 on days 3-4, 55 of 60 intervals cover 0.493).
func TestEngagementHomophilyOverTime(t *testing.T) {
	ev := comradeWorld(1)
	days, _ := Every(ev, 24*time.Hour)
	per, err := Run(ev, days, EngagementHomophily(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	planted := []float64{0, 0, 0.493, 0.493}
	for i, e := range per[:4] {
		if !(e.Lo <= planted[i] && planted[i] <= e.Hi) || e.Hi-e.Lo > 0.3 {
			t.Errorf("%s: r %.3f [%.3f, %.3f], planted %g", e.Label, e.Value, e.Lo, e.Hi, planted[i])
		}
	}
	noGroups := withItems(eventstest.FromSlices([]int64{1}, []int64{1}, []int64{2}, []int64{day0}))
	if p, err := EngagementHomophily("")(noGroups); err != nil || !math.IsNaN(p.Value) || p.Reason == "" {
		t.Errorf("without groups: %+v %v", p, err)
	}
}

// Hand-computed trending: item 1 (author 100, group a) is engaged three
// times by comrades (group a), item 2 (author 200, group b) twice by
// others. With one slot, item 1 trends, and without comrade engagement
// item 2 would: the one filled slot is owed to comrades (1.0). Group b's
// amplification is 0 with comrades and 2 without (ratio 0); group a's is
// 2 against 0, a ratio that is undefined.
func TestTrendingOwedByHand(t *testing.T) {
	ev := withItems(eventstest.FromSlices([]int64{1, 4, 2, 5, 3}, []int64{1, 2, 1, 2, 1}, []int64{100, 200, 100, 200, 100},
		[]int64{day0 + 10, day0 + 15, day0 + 20, day0 + 25, day0 + 30}))
	g := eventstest.Groups(ev, []string{"a", "b"}, map[int64]int32{1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 100: 0, 200: 1})
	ev.Group, ev.Groups = g.Codes, g.Labels
	opt := trending.Options{TopK: 1}
	p, err := TrendingOwed(opt)(ev)
	if err != nil || p.Value != 1 || !math.IsNaN(p.Lo) || p.Interval == "" {
		t.Errorf("owed %+v %v, want 1 without interval", p, err)
	}
	b, err := GroupAmplification(opt, "b")(ev)
	if err != nil || b.Value != 0 || !b.Ratio {
		t.Errorf("group b %+v %v, want 0", b, err)
	}
	a, _ := GroupAmplification(opt, "a")(ev)
	if !math.IsNaN(a.Value) || a.Reason == "" {
		t.Errorf("group a %+v, want NaN with a reason", a)
	}
	if c, _ := GroupAmplification(opt, "c")(ev); !math.IsNaN(c.Value) || c.Reason == "" {
		t.Errorf("group c %+v", c)
	}
}

// Fisher z by hand: r = 0.5 over 28 actors gives atanh(0.5) = 0.5493 ±
// 1.96/5, so [tanh(0.1573), tanh(0.9413)] = [0.1560, 0.7358]; 3 actors
// give no interval, and an undefined r keeps its reason.
func TestEchoCorrelationPointByHand(t *testing.T) {
	p := EchoCorrelationPoint(&echo.Result{Correlation: 0.5, Pairs: 28})
	if math.Abs(p.Lo-0.1560) > 5e-4 || math.Abs(p.Hi-0.7358) > 5e-4 {
		t.Errorf("r 0.5, n 28: %+v", p)
	}
	if p := EchoCorrelationPoint(&echo.Result{Correlation: 0.5, Pairs: 3}); !math.IsNaN(p.Lo) || p.Interval == "" {
		t.Errorf("n 3: %+v", p)
	}
	if p := EchoCorrelationPoint(&echo.Result{Correlation: math.NaN(), Reason: "no pairs"}); p.Reason != "no pairs" {
		t.Errorf("undefined: %+v", p)
	}
}

// Regression (review4): the headline's interval spans both saturation
// shapes since the intersection-union change, and the point said it was
// one Wald interval.
func TestComradeRateRatioPointSaysSpan(t *testing.T) {
	alt := comrades.FixedEffects{Model: comrades.ModelLogit, RateRatio: 1.3, CI: [2]comrades.Number{1.1, 1.5}, FitCI: [2]comrades.Number{1.1, 1.5}, Z: 3, P: 0.003}
	fe := comrades.FixedEffects{Model: comrades.ModelHazard, RateRatio: 1.2, CI: [2]comrades.Number{1.05, 1.5}, FitCI: [2]comrades.Number{1.05, 1.4}, Z: 2.5, P: 0.012, Alternative: &alt}
	p := ComradeRateRatioPoint(&comrades.Result{FixedEffects: &fe})
	if p.Lo != 1.05 || p.Hi != 1.5 || !strings.Contains(p.Interval, "hull of the cloglog and logit") || p.Scale != "cloglog hazard ratio" {
		t.Errorf("spanned headline: %+v", p)
	}
	if p := ComradeRateRatioPoint(&comrades.Result{FixedEffects: &alt}); p.Scale != "logit odds ratio" {
		t.Errorf("logit headline: scale %q", p.Scale)
	}
	fe.Alternative = nil
	if p := ComradeRateRatioPoint(&comrades.Result{FixedEffects: &fe}); !strings.HasPrefix(p.Interval, "95% Wald interval") {
		t.Errorf("one shape: %+v", p)
	}
}
