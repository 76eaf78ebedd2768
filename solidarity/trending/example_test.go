package trending_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// Two groups, each with one item. Item 10 (group x) gets two likes from its
// author's comrade; item 20 (group y) one comrade like and one from x.
func Example() {
	dir, _ := os.MkdirTemp("", "trending")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "events.csv"), []byte(
		"actor,item,author,kind,time\n1,10,0,like,1\n1,10,0,like,2\n3,20,2,like,3\n0,20,2,like,4\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "actors.csv"), []byte("id,group\n0,x\n1,x\n2,y\n3,y\n"), 0o644)
	ev, err := events.ReadCSV(filepath.Join(dir, "events.csv"), events.Options{ActorsPath: filepath.Join(dir, "actors.csv")})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	// Plain counts in a 10 s window, evaluated once at t = 5, top 1.
	r, err := trending.Analyze(ev, trending.Options{Window: 10, Tau: math.Inf(1), Times: []int64{5}, TopK: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("trending:", ev.Items.String(r.Top[0][0]), "without comrades:", ev.Items.String(r.TopCF[0][0]))
	for _, g := range r.Groups {
		fmt.Printf("group %s: amplification %.1f, counterfactual %.1f\n", g.Label, g.Amplification, g.AmplificationCF)
	}
	// Output:
	// trending: 10 without comrades: 20
	// group x: amplification 2.0, counterfactual 0.0
	// group y: amplification 0.0, counterfactual 2.0
}
