package memo_test

import (
	"testing"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/memo"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// What a later GoNB cell pays for an earlier cell's top-level initialiser,
// without the memo (compute) and with it (hit: the key's content hash and
// reading the entry back). Compare with
//
//	go test -run '^$' -bench . ./solidarity/memo/
func BenchmarkCellInitialiser(b *testing.B) {
	n, err := datasets.Default()
	if err != nil {
		b.Fatal(err)
	}
	defer n.Release()
	perm := func() (*homophily.Summary, error) {
		return homophily.Summarize(n, "group", homophily.Options{Permutations: 999, Seed: 1})
	}
	cfg := simulate.DefaultConfig()
	sim := func() (*simulate.Result, error) { return simulate.Run(cfg) }
	b.Run("homophily999/compute", func(b *testing.B) {
		for range b.N {
			perm()
		}
	})
	b.Run("homophily999/memo", func(b *testing.B) {
		b.Setenv("SOLIDARITY_MEMO_DIR", b.TempDir())
		memo.Do(memo.Key("h", n, 999), perm)
		b.ResetTimer()
		for range b.N {
			memo.Do(memo.Key("h", n, 999), perm)
		}
	})
	b.Run("simulation/compute", func(b *testing.B) {
		for range b.N {
			sim()
		}
	})
	b.Run("simulation/memo", func(b *testing.B) {
		b.Setenv("SOLIDARITY_MEMO_DIR", b.TempDir())
		memo.Do(memo.Key("sim", cfg), sim)
		b.ResetTimer()
		for range b.N {
			memo.Do(memo.Key("sim", cfg), sim)
		}
	})
}
