package echo

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// BenchmarkAnalyze: leanings, neighbours on the engagement network,
// exposure entropies and RWC (K = 10) on the same network.
func BenchmarkAnalyze(b *testing.B) {
	eventstest.Bench(b, func(ev *events.Events) (*Result, error) { return Analyze(ev, Options{}) }, func(b *testing.B, r *Result) {
		b.ReportMetric(float64(r.RWC.Iterations), "cg_iters")
	})
}
