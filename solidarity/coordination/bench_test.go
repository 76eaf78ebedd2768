package coordination

import (
	"fmt"
	"testing"
)

// BenchmarkRun: window estimated from the data (delays, q = 0.1), at most
// 50 partners per engagement. Reports pairs examined and skipped.
func BenchmarkRun(b *testing.B) {
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
			b.ReportMetric(r.Window, "window_s")
			b.ReportMetric(float64(r.Pairs), "pairs")
			b.ReportMetric(float64(r.Skipped), "skipped")
			b.ReportMetric(float64(len(r.Clusters)), "clusters")
			b.ReportMetric(float64(r.Candidates), "candidates")
		})
	}
}
