package echo

import (
	"fmt"
	"testing"
)

// BenchmarkAnalyse: leanings, neighbours on the engagement network,
// exposure entropies and RWC (K = 10) on the same network.
func BenchmarkAnalyse(b *testing.B) {
	for _, sz := range sizes() {
		ev := synthetic(sz[0], sz[1])
		b.Run(fmt.Sprintf("events=%d/actors=%d", sz[0], sz[1]), func(b *testing.B) {
			b.ReportAllocs()
			var r *Result
			for b.Loop() {
				var err error
				if r, err = Analyze(ev, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.RWC.Iterations), "cg_iters")
		})
	}
}
