package coordination

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// BenchmarkAnalyze: window estimated from the data (delays, q = 0.1), at
// most 50 partners per engagement. Reports pairs examined and skipped.
func BenchmarkAnalyze(b *testing.B) {
	eventstest.Bench(b, func(ev *events.Events) (*Result, error) { return Analyze(ev, Options{}) }, func(b *testing.B, r *Result) {
		b.ReportMetric(r.Window, "window_s")
		b.ReportMetric(float64(r.Pairs), "pairs")
		b.ReportMetric(float64(r.Skipped), "skipped")
		b.ReportMetric(float64(len(r.Clusters)), "clusters")
		b.ReportMetric(float64(r.Candidates), "candidates")
	})
}
