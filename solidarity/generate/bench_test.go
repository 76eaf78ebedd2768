package generate

import (
	"io"
	"os"
	"testing"
)

// go test -bench . -benchtime=1x ./solidarity/generate/
// SOLIDARITY_LONG=1 adds the 1M-node / 10M-arc sizes.
func BenchmarkPlanted1e5(b *testing.B) {
	p := Planted{Sizes: []int{25000, 25000, 25000, 25000}, PIn: 3.2e-4, POut: 0.4e-4, Reciprocity: 0.3, Directed: true, Seed: 1}
	for i := 0; i < b.N; i++ {
		src, _, err := p.Arcs()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(src)), "arcs")
	}
}

func BenchmarkPlanted1e6(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 for the 1M-node benchmark")
	}
	p := Planted{Sizes: []int{250000, 250000, 250000, 250000}, PIn: 3.2e-5, POut: 0.4e-5, Reciprocity: 0.3, Directed: true, Seed: 1}
	for i := 0; i < b.N; i++ {
		src, _, err := p.Arcs()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(src)), "arcs")
	}
}

func BenchmarkEdgeList1e7(b *testing.B) {
	if os.Getenv("SOLIDARITY_LONG") == "" {
		b.Skip("set SOLIDARITY_LONG=1 for the 10M-arc benchmark")
	}
	for i := 0; i < b.N; i++ {
		if err := BenchmarkEdgeList(io.Discard, 1000000, 4, 10000000, 1); err != nil {
			b.Fatal(err)
		}
	}
}
