package reciprocal

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

func load(t *testing.T, text string, actors string) *events.Events {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "ev.csv")
	os.WriteFile(p, []byte(text), 0o644)
	opt := events.Options{}
	if actors != "" {
		opt.ActorsPath = filepath.Join(dir, "actors.csv")
		os.WriteFile(opt.ActorsPath, []byte(actors), 0o644)
	}
	ev, err := events.ReadCSV(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	return ev
}

// Hand-computed case. Events (actor->author at time):
//
//	1->2 @0, 2->1 @30, 1->3 @10, 3->1 @200, 4->1 @50, 1->4 @40, 1->1 @5 (self), 2->3 @300
//
// End = 300. First contacts, W = 100:
//
//	(1,2) t0=0  returned after 30, censor 300 -> observable, returned
//	(2,1) t0=30 but 1->2 @0 came first: v opened the dyad -> skipped
//	(1,3) t0=10 returned after 190 (> W), observable, not returned within W
//	(3,1) skipped (1->3 @10 first)
//	(1,4) t0=40 returned? 4->1 @50 >= 40: after 10 -> returned
//	(4,1) t0=50, but 1->4 @40 < 50 -> skipped
//	(2,3) t0=300 never returned, censored at 0 -> not observable
//
// Units 4, returned within W 2, observable 3 (t0 <= 200), returned_obs 2.
// KM: durations 30(e) 190(e) 10(e) 0(c): at risk 4; t=0 censor -> 3 at risk;
// t=10: S=2/3; t=30: S=1/3; t=190: S=0. S(100)=1/3 -> p_km = 2/3.
// Median: first S <= 0.5 at t=30. Quantiles of {10, 30}: p=0.5 -> 10, p=0.9 -> 30.
func TestHand(t *testing.T) {
	ev := load(t, "actor,item,author,kind,time\n1,a,2,like,0\n2,b,1,like,30\n1,c,3,like,10\n3,d,1,like,200\n4,e,1,like,50\n1,f,4,like,40\n1,g,1,like,5\n2,h,3,like,300\n",
		"id,group\n1,x\n2,x\n3,y\n")
	r, err := Analyze(ev, Options{Window: 100, Quantiles: []float64{0.5, 0.9}, Points: 4})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Overall
	if r.SelfEvents != 1 || r.Pairs != 7 || r.MutualPairs != 6 || s.Units != 4 || s.Returned != 2 || s.Observable != 3 || s.ReturnedObservable != 2 {
		t.Fatalf("counts %+v / %+v", r, s)
	}
	near := func(what string, got Number, want float64) {
		if math.Abs(float64(got)-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("p_return", s.PReturn, 2.0/3)
	near("p_return_km", s.PReturnKM, 2.0/3)
	near("median", s.MedianKM, 30)
	near("q50", s.Quantiles[0].Seconds, 10)
	near("q90", s.Quantiles[1].Seconds, 30)
	// Survival at 0, 25, 50, 75, 100: 1 (only a censoring at 0), 2/3, 1/3, 1/3, 1/3.
	for i, want := range []float64{1, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3} {
		near("survival", Number(s.Survival[i].Survival), want)
	}
	// Greenwood on the log(-log S) scale: sum d/(n(n-d)) is 1/(3*2) = 1/6
	// after t=10 and 1/6 + 1/(2*1) = 2/3 after t=30; se = sqrt(sum)/|ln S|;
	// the band is S^exp(+-1.96 se) (values from the formula by hand, in
	// Python: 2/3 -> [0.054073, 0.945206], 1/3 -> [0.008962, 0.774149]).
	// At t=0 S is 1 and the band is the point.
	band := [][2]float64{{1, 1}, {0.054073426786516665, 0.945206387272047}, {0.008961628330979077, 0.7741486503608327}}
	for i, want := range band {
		near("survival low", Number(s.Survival[i].Low), want[0])
		near("survival high", Number(s.Survival[i].High), want[1])
	}
	// Groups: initiators 1 (x) x3 units: (1,2) within, (1,3) across, (1,4) 4 has no group;
	// initiator 2 (x): (2,3) across. So x has 4 units; within 1, across 2.
	if r.ByGroup["x"].Units != 4 || r.WithinGroup.Units != 1 || r.AcrossGroup.Units != 2 {
		t.Errorf("groups: x %d within %d across %d", r.ByGroup["x"].Units, r.WithinGroup.Units, r.AcrossGroup.Units)
	}
	// Every event unit, W = 100: 1->2@0 (30), 2->1@30 (none after: 1->2 only @0) ...
	re, err := Analyze(ev, Options{Window: 100, Unit: UnitEvents})
	if err != nil {
		t.Fatal(err)
	}
	// 7 non-self events; returned within 100: 1->2@0 (30), 1->4@40 (10), 4->1@50? 1->4 after 50: none.
	// 3->1@200: 1->3 after 200: none. 1->3@10: 190. 2->1@30: none. 2->3@300: none.
	if re.Overall.Units != 7 || re.Overall.Returned != 2 {
		t.Errorf("events unit: %d units %d returned, want 7 and 2", re.Overall.Units, re.Overall.Returned)
	}
}

func TestDegenerate(t *testing.T) {
	cases := []struct {
		name, text string
		units      int
		reason     string
	}{
		{"empty", "actor,item,author,kind,time\n", 0, "no engagements"},
		{"only self", "actor,item,author,kind,time\n1,a,1,like,0\n2,b,2,like,9\n", 0, "no engagements"},
		{"one event", "actor,item,author,kind,time\n1,a,2,like,0\n", 1, "whole window"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Analyze(load(t, c.text, ""), Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := r.Overall
			if s.Units != c.units || !math.IsNaN(float64(s.PReturn)) || !strings.Contains(s.Reason, c.reason) {
				t.Errorf("units %d p %v reason %q", s.Units, s.PReturn, s.Reason)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("NaN result does not encode: %v", err)
			}
		})
	}
	ev := load(t, "actor,item,author,kind,time\n1,a,2,like,0\n", "")
	for _, o := range []Options{{Window: -1}, {Unit: "pairs"}, {Kinds: []string{"retweet"}}, {Quantiles: []float64{1.5}}} {
		if _, err := Analyze(ev, o); err == nil || !strings.HasPrefix(err.Error(), "reciprocal: ") {
			t.Errorf("options %+v: error %v", o, err)
		}
	}
}

// TestCollegeMsgGolden compares with scripts/golden_reciprocal.py, an
// independent pure-Python implementation, to 1e-9.
func TestCollegeMsgGolden(t *testing.T) {
	p := shareddata.Raw(t, "college-msg", "CollegeMsg.txt")
	raw, err := os.ReadFile("testdata/golden_collegemsg.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Events, End, Pairs, MutualPairs int64     `json:"-"`
		EventsN                         int       `json:"events"`
		EndT                            int64     `json:"end"`
		PairsN                          int       `json:"pairs"`
		Mutual                          int       `json:"mutual_pairs"`
		QPs                             []float64 `json:"quantile_ps"`
		NXReciprocity                   float64   `json:"networkx_overall_reciprocity"`
		Cases                           []struct {
			Window, Units, Returned, Observable int
			ReturnedObservable                  int `json:"returned_observable"`
			Unit                                Unit
			PReturn                             float64   `json:"p_return"`
			PReturnKM                           float64   `json:"p_return_km"`
			Median                              *float64  `json:"median_km"`
			Quantiles                           []float64 `json:"quantiles"`
			Survival                            []float64 `json:"survival"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	ev, err := events.ReadSNAPTemporal(p, "", events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	for _, c := range g.Cases {
		r, err := Analyze(ev, Options{Window: float64(c.Window), Unit: c.Unit, Points: 4, Quantiles: g.QPs})
		if err != nil {
			t.Fatal(err)
		}
		s := r.Overall
		if r.Events != g.EventsN || r.End != g.EndT || r.Pairs != g.PairsN || r.MutualPairs != g.Mutual {
			t.Errorf("%s/%d: events %d end %d pairs %d mutual %d", c.Unit, c.Window, r.Events, r.End, r.Pairs, r.MutualPairs)
		}
		// networkx 2.8.8 overall_reciprocity of the static graph.
		if math.Abs(float64(r.PairReciprocity)-g.NXReciprocity) > 1e-12 {
			t.Errorf("pair reciprocity %v, networkx %v", r.PairReciprocity, g.NXReciprocity)
		}
		if s.Units != c.Units || s.Returned != c.Returned || s.Observable != c.Observable || s.ReturnedObservable != c.ReturnedObservable {
			t.Errorf("%s/%d: counts %d %d %d %d, want %d %d %d %d", c.Unit, c.Window, s.Units, s.Returned, s.Observable, s.ReturnedObservable,
				c.Units, c.Returned, c.Observable, c.ReturnedObservable)
		}
		near := func(what string, got Number, want float64) {
			if math.Abs(float64(got)-want) > 1e-9 {
				t.Errorf("%s/%d: %s = %v, want %v", c.Unit, c.Window, what, got, want)
			}
		}
		near("p_return", s.PReturn, c.PReturn)
		near("p_return_km", s.PReturnKM, c.PReturnKM)
		if c.Median == nil {
			if !math.IsInf(float64(s.MedianKM), 1) {
				t.Errorf("%s/%d: median %v, want +Inf (never half returned)", c.Unit, c.Window, s.MedianKM)
			}
		} else {
			near("median", s.MedianKM, *c.Median)
		}
		for i, q := range c.Quantiles {
			near("quantile", s.Quantiles[i].Seconds, q)
		}
		for i, v := range c.Survival {
			near("survival", Number(s.Survival[i].Survival), v)
		}
	}
}
