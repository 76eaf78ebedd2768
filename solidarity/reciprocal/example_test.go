package reciprocal_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

func Example() {
	dir, _ := os.MkdirTemp("", "reciprocal-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "messages.txt")
	// SNAP temporal format, as CollegeMsg: SRC DST UNIXTS.
	os.WriteFile(path, []byte("1 2 0\n2 1 600\n1 3 100\n3 1 90000\n4 1 200\n2 4 100000\n"), 0o644)
	ev, err := events.ReadSNAPTemporal(path, "message", events.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()

	r, err := reciprocal.Analyze(ev, reciprocal.Options{Window: 3600})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := r.Overall
	fmt.Printf("first contacts %d, answered within an hour %d of %d fully observed (%.2f)\n",
		s.Units, s.ReturnedObservable, s.Observable, s.PReturn)
	fmt.Printf("Kaplan-Meier: P(answered within an hour) = %.2f, median wait %v s\n", s.PReturnKM, s.Quantiles[2].Seconds)
	// Output:
	// first contacts 4, answered within an hour 1 of 3 fully observed (0.33)
	// Kaplan-Meier: P(answered within an hour) = 0.33, median wait 600 s
}
