package echo_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

// Two camps of three accounts engage almost only with their own camp; one
// account of each camp also engages with the other side once.
func Example() {
	dir, _ := os.MkdirTemp("", "echo")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "actors.csv"), []byte(
		"id,group,leaning\nl1,left,-0.9\nl2,left,-0.6\nl3,left,-0.3\nr1,right,0.3\nr2,right,0.6\nr3,right,0.9\n"), 0o644)
	csv := "actor,item,author,kind,time\n"
	for k, e := range [][2]string{
		{"l1", "l2"}, {"l2", "l3"}, {"l3", "l1"}, {"l1", "l3"}, {"l2", "l1"},
		{"r1", "r2"}, {"r2", "r3"}, {"r3", "r1"}, {"r1", "r3"}, {"r2", "r1"},
		{"l3", "r1"}, {"r1", "l3"},
	} {
		csv += fmt.Sprintf("%s,post-%s,%s,like,%d\n", e[0], e[1], e[1], k)
	}
	os.WriteFile(filepath.Join(dir, "events.csv"), []byte(csv), 0o644)
	ev, err := events.ReadCSV(filepath.Join(dir, "events.csv"), events.Options{ActorsPath: filepath.Join(dir, "actors.csv")})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	r, err := echo.Analyze(ev, echo.Options{RWC: echo.RWCOptions{K: 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("leaning vs neighbours' leaning: r = %.3f over %d actors\n", r.Correlation, r.Pairs)
	fmt.Printf("mean exposure entropy over groups: %.3f nats\n", r.MeanGroupEntropy)
	fmt.Printf("RWC(%s | %s, K = 1) = %.3f\n", r.RWC.Sides[0], r.RWC.Sides[1], r.RWC.RWC)
	// Output:
	// leaning vs neighbours' leaning: r = 0.924 over 6 actors
	// mean exposure entropy over groups: 0.222 nats
	// RWC(left | right, K = 1) = 0.778
}
