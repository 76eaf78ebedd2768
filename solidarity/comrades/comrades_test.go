package comrades

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func load(t *testing.T, evText, actors, items string) *events.Events {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "ev.csv")
	os.WriteFile(p, []byte(evText), 0o644)
	opt := events.Options{}
	if actors != "" {
		opt.ActorsPath = filepath.Join(dir, "actors.csv")
		os.WriteFile(opt.ActorsPath, []byte(actors), 0o644)
	}
	if items != "" {
		opt.ItemsPath = filepath.Join(dir, "items.csv")
		os.WriteFile(opt.ItemsPath, []byte(items), 0o644)
	}
	ev, err := events.ReadCSV(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	return ev
}

func near(t *testing.T, what string, got Number, want float64) {
	t.Helper()
	if math.Abs(float64(got)-want) > 1e-12*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

const handEvents = `actor,item,author,kind,time,quality
2,i1,1,like,10,0.1
3,i1,1,like,11,0.1
1,i2,2,like,12,0.2
1,i3,3,like,13,0.3
4,i3,3,like,14,0.3
4,i5,3,like,15,0.5
1,i1,1,like,16,0.1
`
const handActors = "id,group\n1,a\n2,a\n3,b\n4,b\n"
const handItems = "item,author,time,quality\ni1,1,0,0.1\ni2,2,0,0.2\ni3,3,0,0.3\ni4,4,0,0.4\ni5,3,0,0.5\n"

// TestHand: same-group comradeship, every item exposed to everyone else.
// By hand (see docs/methods/engagement.md for the definitions):
//
//	actor 1 (a): comrade items {i2}, other {i3,i4,i5}; engaged i2, i3 -> n1=1 x1=1 n0=3 x0=1
//	actor 2 (a): comrade {i1}, other {i3,i4,i5}; engaged i1       -> n1=1 x1=1 n0=3 x0=0
//	actor 3 (b): comrade {i4}, other {i1,i2} (i5 is its own); i1   -> n1=1 x1=0 n0=2 x0=1
//	actor 4 (b): comrade {i3,i5}, other {i1,i2}; engaged i3, i5    -> n1=2 x1=2 n0=2 x0=0
//
// X1=4 N1=5 X0=2 N0=10: rates 0.8 and 0.2, lift 4. Engagements 6 (1 self
// left out), comrade 4. Cluster terms z_a = x1/X1 - n1/N1 - x0/X0 + n0/N0:
// -0.15, 0.35, -0.5, 0.3; var(log lift) = 4/3 * 0.485.
func TestHand(t *testing.T) {
	ev := load(t, handEvents, handActors, handItems)
	r, err := Analyze(ev, Options{Mode: ModeGroup, Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	if r.Exposure != ExposureAll || r.Engagements != 6 || r.SelfEngagements != 1 || r.ComradeEngagements != 4 || r.Actors != 4 {
		t.Fatalf("counts %+v", r)
	}
	if r.Exposures != 15 || r.ComradeExposures != 5 {
		t.Errorf("exposures %d comrade %d, want 15 and 5", r.Exposures, r.ComradeExposures)
	}
	near(t, "comrade share", r.ComradeShare, 4.0/6)
	near(t, "exposure share", r.ComradeExposureShare, 1.0/3)
	near(t, "comrade rate", r.ComradeRate, 0.8)
	near(t, "other rate", r.OtherRate, 0.2)
	near(t, "lift", r.Lift, 4)
	se := math.Sqrt(4.0 / 3 * 0.485)
	near(t, "lift ci low", r.LiftCI[0], 4*math.Exp(-1.959963984540054*se))
	near(t, "lift ci high", r.LiftCI[1], 4*math.Exp(1.959963984540054*se))
	// Actor 1: lift (1/1)/(1/3) = 3; the others are undefined. Its MOVER
	// interval from the Wilson intervals of 1/1, [1/(1+z²), 1], and of 1/3,
	// [l0, u0]: upper = 3·exp(sqrt(0 + log(1/3 / l0)²)) = 3·(1/3)/l0 = 1/l0.
	if r.ActorsWithLift != 4 || r.PerActor[0].Actor != "1" {
		t.Fatalf("per actor %+v", r.PerActor)
	}
	z := 1.959963984540054
	a1 := r.PerActor[0]
	near(t, "actor 1 lift", a1.Lift, 3)
	// Wilson lower limit for 1/3 (Wilson 1927): (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n).
	l0 := (1.0/3 + z*z/6 - z*math.Sqrt(2.0/27+z*z/36)) / (1 + z*z/3)
	near(t, "actor 1 ci high", a1.CI[1], 1/l0)
	// lower = 3·exp(-sqrt(log(1·(1+z²))² + log(u0·3)²)).
	u0 := (1.0/3 + z*z/6 + z*math.Sqrt(2.0/27+z*z/36)) / (1 + z*z/3)
	near(t, "actor 1 ci low", a1.CI[0], 3*math.Exp(-math.Hypot(math.Log(1+z*z), math.Log(3*u0))))
	// Actor 2 engaged no other item: lift +Inf, interval [l1/u0, +Inf] with
	// l1 = 1/(1+z²) (Wilson, 1 of 1) and u0 = (z²/3)/(1+z²/3) (Wilson, 0 of 3).
	a2 := r.PerActor[1]
	if !math.IsInf(float64(a2.Lift), 1) || !math.IsInf(float64(a2.CI[1]), 1) {
		t.Errorf("actor 2: %+v", a2)
	}
	near(t, "actor 2 ci low", a2.CI[0], (1/(1+z*z))/((z*z/3)/(1+z*z/3)))
	// Actor 3 engaged no comrade item: lift 0, interval [0, u1/l0] (u1 for
	// 0 of 1 = z²/(1+z²); l0 for 1 of 2).
	a3 := r.PerActor[2]
	l02 := (0.5 + z*z/4 - z*math.Sqrt(0.125+z*z/16)) / (1 + z*z/2)
	near(t, "actor 3 lift", a3.Lift, 0)
	near(t, "actor 3 ci high", a3.CI[1], (z*z/(1+z*z))/l02)
	// Five quality bins, one item each (qualities 0.1..0.5): bin of i3
	// (0.3) has comrade exposures {4} and other {1, 2}; engaged by 1 (other) and 4 (comrade).
	b := r.SupportBins[2]
	if b.Items != 1 || b.ComradeExposures != 1 || b.ComradeEngaged != 1 || b.OtherExposures != 2 || b.OtherEngaged != 1 {
		t.Errorf("bin 3 %+v", b)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("JSON: %v", err)
	}
}

// TestEventTies: without a follow network, a reciprocal tie starts at the
// later of the two first engagements. 1->2 at 10, 2->1 at 20: tied from 20.
// Engagement 1->item b (by 2) at 30 is then a comrade engagement; 1->item a
// (by 2) at 15 is not.
func TestEventTies(t *testing.T) {
	ev := load(t, "actor,item,author,kind,time\n1,x,2,like,10\n2,y,1,like,20\n1,a,2,like,15\n1,b,2,like,30\n3,b,2,like,31\n", "", "")
	r, err := Analyze(ev, Options{Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	// Engagements (distinct pairs): 1-x (10, no tie), 2-y (20: tie begins at 20, not before: no),
	// 1-a (15, no), 1-b (30, yes), 3-b (no). Comrade 1 of 5.
	if r.Mode != ModeReciprocal || r.Engagements != 5 || r.ComradeEngagements != 1 {
		t.Errorf("mode %s engagements %d comrade %d, want reciprocal 5 1", r.Mode, r.Engagements, r.ComradeEngagements)
	}
}

func TestDegenerate(t *testing.T) {
	empty := load(t, "actor,item,author,kind,time\n", "", "")
	r, err := Analyze(empty, Options{Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(float64(r.Lift)) || !math.IsNaN(float64(r.ComradeShare)) || r.Reason == "" || r.Model.Reason == "" {
		t.Errorf("empty: lift %v share %v reason %q model %q", r.Lift, r.ComradeShare, r.Reason, r.Model.Reason)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("JSON of an undefined result: %v", err)
	}
	self := load(t, "actor,item,author,kind,time\n1,a,1,like,0\n2,b,2,like,1\n", "", "")
	r, _ = Analyze(self, Options{Exposure: ExposureAll})
	if r.SelfEngagements != 2 || r.Engagements != 0 || !math.IsNaN(float64(r.Lift)) {
		t.Errorf("only self-engagement: %+v", r)
	}
	// One group: every exposure is a comrade exposure, nothing to compare.
	one := load(t, handEvents, "id,group\n1,a\n2,a\n3,a\n4,a\n", handItems)
	r, _ = Analyze(one, Options{Mode: ModeGroup, Exposure: ExposureAll})
	if !math.IsNaN(float64(r.Lift)) || !strings.Contains(r.Reason, "one kind") || !math.IsNaN(float64(r.Model.Coef["comrade"])) {
		t.Errorf("one group: lift %v reason %q comrade coef %v", r.Lift, r.Reason, r.Model.Coef["comrade"])
	}
	ev := load(t, handEvents, "", "")
	for _, o := range []Options{{Mode: ModeGroup}, {Mode: "friends"}, {Exposure: ExposureFollows}, {Kinds: []string{"share"}}, {Bins: -1}} {
		if _, err := Analyze(ev, o); err == nil || !strings.HasPrefix(err.Error(), "comrades: ") {
			t.Errorf("options %+v: error %v", o, err)
		}
	}
}

func simulated(t testing.TB, seed uint64, solidarity float64) *Result {
	c := simulate.DefaultConfig()
	c.Actors, c.Days, c.Solidarity, c.Seed = 1500, 7, solidarity, seed
	sim, ev := eventstest.Simulated(t, c)
	fn, err := sim.FollowNetwork(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer fn.Release()
	r, err := Analyze(ev, Options{Follows: fn, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPlanted recovers the planted log-odds (simulate.DefaultConfig:
// base -3, quality 1, solidarity 1, comrade = mutual follow or same group,
// exposure = the feed) on 4 seeds: each fitted coefficient within 4
// standard errors of the planted value, and the mean of the comradeship
// coefficients within 0.05 of 1. Exploratory runs on 8 seeds (2000 actors)
// gave z = (b - 1)/se of 0.90, -0.32, 2.78, -1.39, -1.42, -0.16, 1.26, -1.08.
func TestPlanted(t *testing.T) {
	var sum float64
	for seed := uint64(1); seed <= 4; seed++ {
		r := simulated(t, seed, 1)
		m := r.Model
		if !m.Converged {
			t.Fatalf("seed %d: not converged: %s", seed, m.Reason)
		}
		for term, want := range map[string]float64{"intercept": -3, "comrade": 1, "quality": 1} {
			if z := (float64(m.Coef[term]) - want) / float64(m.SE[term]); math.Abs(z) > 4 {
				t.Errorf("seed %d: %s = %.3f (se %.3f), planted %v", seed, term, m.Coef[term], m.SE[term], want)
			}
		}
		if r.LiftCI[0] <= 1.5 {
			t.Errorf("seed %d: lift %v CI %v: want clearly above 1", seed, r.Lift, r.LiftCI)
		}
		if r.ComradeShare <= r.ComradeExposureShare {
			t.Errorf("seed %d: comrade share %v not above the exposure share %v", seed, r.ComradeShare, r.ComradeExposureShare)
		}
		sum += float64(m.Coef["comrade"])
	}
	if mean := sum / 4; math.Abs(mean-1) > 0.05 {
		t.Errorf("mean comradeship coefficient %.3f, planted 1 (tolerance 0.05)", mean)
	}
}

// TestNull: with Solidarity = 0 the lift interval covers 1 and the
// coefficient interval covers 0 on at least 4 of 5 seeds (95% intervals),
// and the quality effect is still found.
func TestNull(t *testing.T) {
	cover := 0
	for seed := uint64(1); seed <= 5; seed++ {
		r := simulated(t, seed, 0)
		m := r.Model
		if m.CILow["comrade"] <= 0 && m.CIHigh["comrade"] >= 0 && r.LiftCI[0] <= 1 && r.LiftCI[1] >= 1 {
			cover++
		}
		if z := (float64(m.Coef["quality"]) - 1) / float64(m.SE["quality"]); math.Abs(z) > 4 {
			t.Errorf("seed %d: quality %.3f (se %.3f), planted 1", seed, m.Coef["quality"], m.SE["quality"])
		}
	}
	if cover < 4 {
		t.Errorf("the null was covered on %d of 5 seeds, want at least 4", cover)
	}
}

func TestFlags(t *testing.T) {
	ev := load(t, "actor,item,author,kind,time\n1,x,2,like,10\n2,y,1,like,20\n1,a,2,like,15\n1,b,2,like,30\n3,b,2,like,31\n", "", "")
	f, err := Flags(ev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// As in TestEventTies: only the 1->2 engagement at 30 follows the tie (from 20).
	want := []bool{false, false, false, true, false}
	for i := range want {
		if f[i] != want[i] {
			t.Errorf("flags %v, want %v", f, want)
			break
		}
	}
}

// TestDatedTiesExposure: lift under dated event ties and exposure to every
// item. Items: a by 2 at 0, b by 2 at 50, c by 3 at 60, d by 1 at 5.
// Events: 1 engages a at 10, 2 engages d at 20 (so 1 and 2 are tied from
// 20), 1 engages b at 55, 3 engages b at 56. By hand:
//
//	actor 1: exposed to a, b, c; comrade items = 2's items posted after 20 = {b};
//	         n1=1 x1=1 (b), n0=2 x0=1 (a)
//	actor 2: exposed to c, d; 1's items after 20: none; n0=2 x0=1 (d)
//	actor 3: exposed to a, b, d; no ties; n0=3 x0=1 (b)
//
// N1=1 X1=1 N0=7 X0=3: lift = 1/(3/7) = 7/3. Engagements judged at their
// own time: only 1-b (55 > 20) is a comrade's: 1 of 4.
func TestDatedTiesExposure(t *testing.T) {
	ev := load(t, "actor,item,author,kind,time\n1,a,2,like,10\n2,d,1,like,20\n1,b,2,like,55\n3,b,2,like,56\n", "",
		"item,author,time\na,2,0\nb,2,50\nc,3,60\nd,1,5\n")
	r, err := Analyze(ev, Options{Exposure: ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mode != ModeReciprocal || r.Exposure != ExposureAll || r.Exposures != 8 || r.ComradeExposures != 1 || r.ComradeEngagements != 1 || r.Engagements != 4 {
		t.Fatalf("%+v", r)
	}
	near(t, "lift", r.Lift, 7.0/3)
	if r.Model.Terms[len(r.Model.Terms)-1] != "comrade" || len(r.SupportBins) != 0 {
		t.Errorf("no quality: terms %v bins %v", r.Model.Terms, r.SupportBins)
	}
}
