package trending

import (
	"fmt"
	"testing"
)

// BenchmarkRun: hourly evaluation over a day, top 10, rank depth 100.
// The 1e7-event size runs with SOLIDARITY_LONG=1.
func BenchmarkRun(b *testing.B) {
	for _, sz := range sizes() {
		ev := synthetic(sz[0], sz[1])
		b.Run(fmt.Sprintf("events=%d/actors=%d", sz[0], sz[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Analyze(ev, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
