package trending

import (
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// BenchmarkAnalyze: hourly evaluation over a day, top 10, rank depth 100.
// The 1e7-event size runs with SOLIDARITY_LONG=1.
func BenchmarkAnalyze(b *testing.B) {
	eventstest.Bench(b, func(ev *events.Events) (*Result, error) { return Analyze(ev, Options{}) }, nil)
}
