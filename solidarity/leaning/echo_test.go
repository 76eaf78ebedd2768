package leaning

import (
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func pearson(a, b []float64) (float64, int) {
	var sa, sb, saa, sbb, sab, n float64
	for i := range a {
		if math.IsNaN(a[i]) || math.IsNaN(b[i]) {
			continue
		}
		sa, sb, saa, sbb, sab, n = sa+a[i], sb+b[i], saa+a[i]*a[i], sbb+b[i]*b[i], sab+a[i]*b[i], n+1
	}
	return (sab/n - sa/n*sb/n) / math.Sqrt((saa/n-sa/n*sa/n)*(sbb/n-sb/n*sb/n)), int(n)
}

// The simulator's default world (two groups with leanings, homophilous
// follows, solidarity): the CA leaning from the actor x author matrix,
// without the planted leanings, against the planted ones; then the echo
// analysis runs on the recovered leaning through echo.Options.Leaning.
func TestFromEventsRecoversPlantedLeaning(t *testing.T) {
	cfg := simulate.DefaultConfig()
	sim, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	truth := make([]float64, ev.NumPeople())
	for i := range truth {
		id, _ := ev.People.LookupString(ev.People.String(int32(i)))
		truth[i] = math.NaN()
		if v, err := parseInt(ev.People.String(id)); err == nil && v < len(sim.Leaning) {
			truth[i] = sim.Leaning[v]
		}
	}
	r, err := FromEvents(ev, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := r.Person()
	c, used := pearson(l, truth)
	t.Logf("simulated world: CA leaning of %d people vs planted leaning r = %.3f (|r| counts; %s)", used, c, r.Sign)
	if math.Abs(c) < 0.8 {
		t.Errorf("|r| = %.3f, want >= 0.8", math.Abs(c))
	}
	e, err := echo.Analyze(ev, echo.Options{Leaning: l})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("echo on the recovered leaning: r(x_i, x^N_i) = %.3f over %d actors", e.Correlation, e.Pairs)
}

func parseInt(s string) (int, error) {
	v := 0
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return 0, errNotInt
		}
		v = v*10 + int(ch-'0')
	}
	return v, nil
}

var errNotInt = errorString("not an integer id")

type errorString string

func (e errorString) Error() string { return string(e) }
