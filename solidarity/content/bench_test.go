package content

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchTexts are n posts of 10 to 30 words from a 20000-word vocabulary,
// a third of them linking an address, one in ten a copy of an earlier one
// with a word changed.
func benchTexts(n int) []string {
	rng := rand.New(rand.NewPCG(1, 1))
	out := make([]string, n)
	for i := range out {
		if i > 10 && rng.IntN(10) == 0 {
			w := strings.Fields(out[rng.IntN(i)])
			w[rng.IntN(len(w))] = "changed"
			out[i] = strings.Join(w, " ")
			continue
		}
		w := make([]string, 10+rng.IntN(21))
		for j := range w {
			w[j] = fmt.Sprintf("w%d", rng.IntN(20000))
		}
		if rng.IntN(3) == 0 {
			w = append(w, fmt.Sprintf("https://news%d.example.com/a/%d?utm_source=x", rng.IntN(50), rng.IntN(5000)))
		}
		out[i] = strings.Join(w, ". ")
	}
	return out
}

func BenchmarkNearDuplicates(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		texts := benchTexts(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				d, err := NearDuplicates(n, func(i int) string { return texts[i] }, TextOptions{})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(d.First)), "groups")
			}
		})
	}
}

func BenchmarkURLs(b *testing.B) {
	texts := benchTexts(10_000)
	for b.Loop() {
		for _, t := range texts {
			URLs(t)
		}
	}
}
